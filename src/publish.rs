//! Everything the tool writes goes through here (SPEC §5, §6, §10): a temporary file in the
//! same folder, flushed to disk, then renamed into place, so a crash, a kill or a full disk
//! never leaves a half-written report behind; the lock that keeps two runs apart; and the
//! per-month manifest.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::Digest as _;

/// Temporary files being written right now, removed by the signal handler on SIGINT/SIGTERM.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Test hooks: `BUDAYA_KERJA_FAULT=before-rename` aborts the process after a temporary file
/// is written and before it is renamed, as a crash or a kill would; `pause-before-rename`
/// waits there for three seconds so a test can send a signal. `…:TEXT` limits either to
/// files whose name contains TEXT.
const FAULT_ENV: &str = "BUDAYA_KERJA_FAULT";

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    with_temp(path, |tmp| {
        let mut f = std::fs::File::create(tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fault_hook(path);
        std::fs::rename(tmp, path)
    })
}

/// Streams content from `write` (buffered) into a temporary file beside `path` and renames it
/// into place, without flushing to disk: for files that are only worth time (the parse
/// cache). A crash leaves the old file, the new one or, after a power cut, a torn one — which
/// its reader must detect (the pack's checksums).
pub fn write_replace_with(
    path: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> std::io::Result<()>,
) -> std::io::Result<()> {
    with_temp(path, |tmp| {
        let mut w = std::io::BufWriter::new(std::fs::File::create(tmp)?);
        write(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?;
        std::fs::rename(tmp, path)
    })
}

/// Runs `body` with a temporary path beside `path`, registered for the signal handler while
/// it exists and removed if `body` fails.
fn with_temp<T>(path: &Path, body: impl FnOnce(&Path) -> std::io::Result<T>) -> std::io::Result<T> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = temp_path(path);
    if let Ok(mut v) = IN_FLIGHT.lock() {
        v.push(tmp.clone());
    }
    let result = body(&tmp);
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    if let Ok(mut v) = IN_FLIGHT.lock() {
        v.retain(|p| p != &tmp);
    }
    result
}

/// See `FAULT_ENV`; `before-rename:TEXT` limits the fault to files whose name contains TEXT.
fn fault_hook(path: &Path) {
    let Ok(spec) = std::env::var(FAULT_ENV) else { return };
    let (what, filter) = spec.split_once(':').unwrap_or((spec.as_str(), ""));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if !name.contains(filter) {
        return;
    }
    match what {
        "before-rename" => std::process::abort(),
        "pause-before-rename" => std::thread::sleep(std::time::Duration::from_secs(3)),
        _ => {}
    }
}

/// Streams content from `write` into a temporary file beside `path` and renames it into place
/// only when it differs from the existing file (compared by size and SHA-256, streaming), so
/// an unchanged file keeps its bytes and mtime and nothing large is held in memory.
pub fn write_if_changed(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    with_temp(path, |tmp| {
        let file = std::fs::File::create(tmp)?;
        let mut hashing =
            HashingWriter { inner: std::io::BufWriter::new(file), hasher: sha2::Sha256::default(), len: 0 };
        write(&mut hashing)?;
        let (new_hash, new_len) = (hashing.hasher.finalize_reset(), hashing.len);
        let file = hashing.inner.into_inner().map_err(|e| e.into_error())?;
        if file_digest(path).is_some_and(|(len, hash)| len == new_len && hash[..] == new_hash[..]) {
            drop(file);
            std::fs::remove_file(tmp)?;
            return Ok(false);
        }
        // Flushed only when it replaces the old file: an unchanged file costs no disk write.
        file.sync_all()?;
        drop(file);
        fault_hook(path);
        std::fs::rename(tmp, path).map(|()| true)
    })
}

/// A writer that hashes and counts what passes through.
struct HashingWriter<W: Write> {
    inner: W,
    hasher: sha2::Sha256,
    len: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        sha2::Digest::update(&mut self.hasher, &buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Size and SHA-256 of an existing file, read in chunks (a large file is never held whole).
pub(crate) fn file_digest(path: &Path) -> Option<(u64, Vec<u8>)> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).ok()?;
    let mut hasher = sha2::Sha256::default();
    let mut buf = vec![0u8; 1 << 16];
    let mut len = 0u64;
    loop {
        let n = f.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        sha2::Digest::update(&mut hasher, &buf[..n]);
        len += n as u64;
    }
    Some((len, sha2::Digest::finalize(hasher).to_vec()))
}

/// `.name.tmp-PID` beside the target: hidden, and recognisable as ours.
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// Removes the temporary files this process is writing (on a signal).
pub fn remove_in_flight() {
    if let Ok(v) = IN_FLIGHT.lock() {
        for p in v.iter() {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Removes temporary files that an interrupted run left in `dir`.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.contains(".tmp-") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// `OUTPUT/.budaya-kerja.lock`, held for the whole run and removed on drop.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "proses budaya-kerja lain sedang berjalan ({0}); tunggu sampai selesai, atau pakai --wait DETIK. \
         Bila yakin tidak ada proses lain, hapus berkas {1}"
    )]
    Held(String, String),
    #[error("berkas kunci {0} tidak dapat dibuat: {1}")]
    Io(String, std::io::Error),
}

impl Lock {
    /// Takes the lock, waiting up to `wait` for another run to finish. A stale lock (its
    /// process no longer runs on this host) is taken over; the returned note says so.
    pub fn acquire(output: &Path, wait: Duration) -> Result<(Lock, Option<String>), LockError> {
        let path = output.join(".budaya-kerja.lock");
        std::fs::create_dir_all(output).map_err(|e| LockError::Io(path.display().to_string(), e))?;
        let started = std::time::Instant::now();
        let mut note = None;
        loop {
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    let content = format!(
                        "pid={}\nhost={}\nstart={}\n",
                        std::process::id(),
                        crate::platform::host_name(),
                        chrono::Local::now().format("%Y-%m-%dT%H:%M:%S")
                    );
                    let _ = f.write_all(content.as_bytes()).and_then(|()| f.sync_all());
                    return Ok((Lock { path }, note));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    if is_stale(&holder) {
                        let _ = std::fs::remove_file(&path);
                        note = Some(format!(
                            "kunci lama dari proses yang sudah berhenti ({}) diambil alih",
                            describe(&holder)
                        ));
                        continue;
                    }
                    if started.elapsed() >= wait {
                        return Err(LockError::Held(describe(&holder), path.display().to_string()));
                    }
                    std::thread::sleep(
                        Duration::from_millis(200).min(wait.saturating_sub(started.elapsed())),
                    );
                }
                Err(e) => return Err(LockError::Io(path.display().to_string(), e)),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn field<'a>(holder: &'a str, key: &str) -> Option<&'a str> {
    holder.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
}

fn describe(holder: &str) -> String {
    format!(
        "pid {}, komputer {}, mulai {}",
        field(holder, "pid").unwrap_or("?"),
        field(holder, "host").unwrap_or("?"),
        field(holder, "start").unwrap_or("?")
    )
}

/// A lock is stale when its process no longer runs on this host. A lock from another host
/// cannot be checked and is respected; an unreadable lock (a crash while writing it) is
/// stale.
fn is_stale(holder: &str) -> bool {
    let Some(pid) = field(holder, "pid").and_then(|p| p.trim().parse::<u32>().ok()) else {
        return true;
    };
    let same_host = field(holder, "host").is_none_or(|h| h == crate::platform::host_name());
    same_host && !crate::platform::process_alive(pid)
}

/// One input that contributed to a month's report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestInput {
    pub path: String,
    pub size: u64,
    pub sha256: String,
    pub sheets: Vec<ManifestSheet>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestSheet {
    pub sheet: String,
    pub kind: String,
    pub layout: String,
    pub read: u64,
    pub accepted: u64,
    pub rejected: u64,
    pub duplicates: u64,
    pub overridden: u64,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestOutput {
    pub file: String,
    pub size: u64,
    pub sha256: String,
}

/// `output/YYYY-MM/manifest.json`, written last: a month whose manifest is missing or
/// names other inputs is redone by the next nightly run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub tool_version: String,
    pub config_hash: String,
    pub month: String,
    pub generated_at: String,
    pub inputs: Vec<ManifestInput>,
    pub outputs: Vec<ManifestOutput>,
}

impl Manifest {
    pub fn path(output: &Path, month: &str) -> PathBuf {
        output.join(month).join("manifest.json")
    }

    pub fn load(output: &Path, month: &str) -> Option<Manifest> {
        let bytes = std::fs::read(Self::path(output, month)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Whether this manifest was made from exactly these inputs, by this tool and config.
    pub fn same_inputs(&self, version: &str, config_hash: &str, inputs: &[(String, String)]) -> bool {
        let mine: Vec<(String, String)> =
            self.inputs.iter().map(|i| (i.path.clone(), i.sha256.clone())).collect();
        self.tool_version == version && self.config_hash == config_hash && mine == inputs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("bk-publish-{name}-{}", std::process::id()))
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = temp_dir("atomic");
        let target = dir.join("a/b.txt");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        let names: Vec<_> =
            std::fs::read_dir(dir.join("a")).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 1);
        assert!(!write_if_changed(&target, |w| w.write_all(b"two")).unwrap());
        assert!(write_if_changed(&target, |w| w.write_all(b"three")).unwrap());
        assert_eq!(std::fs::read(&target).unwrap(), b"three");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn lock_is_exclusive_and_stale_locks_are_taken_over() {
        let dir = temp_dir("lock");
        let (lock, note) = Lock::acquire(&dir, Duration::ZERO).unwrap();
        assert!(note.is_none());
        // Our own process holds it: a second attempt fails at once.
        let err = Lock::acquire(&dir, Duration::from_millis(300)).unwrap_err();
        assert!(err.to_string().contains("sedang berjalan"), "{err}");
        drop(lock);
        assert!(!dir.join(".budaya-kerja.lock").exists());
        // A lock whose process is gone is taken over with a note.
        let host = crate::platform::host_name();
        std::fs::write(dir.join(".budaya-kerja.lock"), format!("pid=999999999\nhost={host}\nstart=x\n"))
            .unwrap();
        let (_lock, note) = Lock::acquire(&dir, Duration::ZERO).unwrap();
        assert!(note.unwrap().contains("diambil alih"));
        drop(_lock);
        let _ = std::fs::remove_dir_all(dir);
    }
}
