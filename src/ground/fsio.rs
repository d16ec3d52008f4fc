//! Every file the tool writes goes through here (SPEC §6, §10): a temporary file in the same
//! folder, flushed to disk, then renamed into place, so a crash, a kill or a full disk never
//! leaves a half-written report or cache behind. Also the digest used to tell whether a file
//! changed. Used by `publish` (reports), `ingest::cache` (the nightly memory) and `cmd::template`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
        replace(tmp, path)
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
        replace(tmp, path)
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
        // The new bytes are compared with the old file's as they are written (no hash).
        let old = std::fs::File::open(path).ok().map(|f| std::io::BufReader::with_capacity(1 << 16, f));
        let mut comparing = ComparingWriter { inner: std::io::BufWriter::new(file), old, chunk: Vec::new() };
        write(&mut comparing)?;
        let same = comparing.old_is_same_and_ended();
        let file = comparing.inner.into_inner().map_err(|e| e.into_error())?;
        if same {
            drop(file);
            std::fs::remove_file(tmp)?;
            return Ok(false);
        }
        // Flushed only when it replaces the old file: an unchanged file costs no disk write.
        file.sync_all()?;
        drop(file);
        fault_hook(path);
        replace(tmp, path).map(|()| true)
    })
}

/// Removes `path` if it exists; whether it did. A file another program holds open (Windows:
/// a CSV open in Excel) fails with [`InUse`] and is left as it was.
pub fn remove_if_present(path: &Path) -> std::io::Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) if crate::ground::platform::held_open_elsewhere(path) => {
            Err(std::io::Error::new(e.kind(), InUse(e)))
        }
        Err(e) => Err(e),
    }
}

/// Renames the finished temporary file over `path`. On Windows a file open in another
/// program (a report open in Excel) cannot be replaced: after a short retry — a virus
/// scanner's look at a new file passes within moments — the error carries [`InUse`], the
/// previous file stays as it was and `with_temp` removes the temporary one.
fn replace(tmp: &Path, path: &Path) -> std::io::Result<()> {
    let mut retries = 0;
    loop {
        match std::fs::rename(tmp, path) {
            Ok(()) => return Ok(()),
            Err(e) if crate::ground::platform::held_open_elsewhere(path) => {
                if retries < 10 {
                    retries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(200));
                    continue;
                }
                return Err(std::io::Error::new(e.kind(), InUse(e)));
            }
            Err(e) => return Err(e),
        }
    }
}

/// A replace that failed because another program holds the file open (Windows).
#[derive(Debug, thiserror::Error)]
#[error("berkas sedang dibuka program lain: {0}")]
pub struct InUse(std::io::Error);

/// Whether `e` is a failed replace of a file another program holds open.
pub fn is_in_use(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<InUse>())
}

/// Writes through to `inner` while comparing with the old file's bytes, read alongside;
/// `old` is dropped at the first difference.
struct ComparingWriter<W: Write> {
    inner: W,
    old: Option<std::io::BufReader<std::fs::File>>,
    chunk: Vec<u8>,
}

impl<W: Write> ComparingWriter<W> {
    /// True when everything written equals the old file, to its end.
    fn old_is_same_and_ended(&mut self) -> bool {
        use std::io::BufRead;
        self.old.as_mut().is_some_and(|old| old.fill_buf().is_ok_and(|rest| rest.is_empty()))
    }
}

impl<W: Write> Write for ComparingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use std::io::Read;
        let n = self.inner.write(buf)?;
        if let Some(old) = &mut self.old {
            self.chunk.resize(n, 0);
            let same = old.read_exact(&mut self.chunk).is_ok() && self.chunk[..] == buf[..n];
            if !same {
                self.old = None;
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// SHA-256 of an existing file in lower-case hex, read in chunks (a large file is never held
/// whole).
pub(crate) fn file_sha256_hex(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).ok()?;
    let mut hasher = sha2::Sha256::default();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        sha2::Digest::update(&mut hasher, &buf[..n]);
    }
    Some(hex(&sha2::Digest::finalize(hasher)))
}

/// SHA-256 of `bytes` in lower-case hex, as the manifests and the nightly state record it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&sha2::Sha256::digest(bytes))
}

/// Bytes in lower-case hex.
pub fn hex(digest: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(digest.len() * 2);
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
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
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = std::env::temp_dir().join(format!("bk-fsio-atomic-{}", std::process::id()));
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
        // Compared byte for byte as written, in pieces: a prefix, a longer text, the same.
        let pieces = |parts: &'static [&'static [u8]]| {
            move |w: &mut dyn Write| parts.iter().try_for_each(|p| w.write_all(p))
        };
        assert!(write_if_changed(&target, pieces(&[b"th", b"r"])).unwrap());
        assert_eq!(std::fs::read(&target).unwrap(), b"thr");
        assert!(write_if_changed(&target, pieces(&[b"th", b"ree"])).unwrap());
        assert!(!write_if_changed(&target, pieces(&[b"t", b"hre", b"e"])).unwrap());
        assert!(write_if_changed(&target, pieces(&[b"t", b"hrE", b"e"])).unwrap());
        assert!(!write_if_changed(&target, pieces(&[b"thrEe"])).unwrap());
        let names: Vec<_> =
            std::fs::read_dir(dir.join("a")).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 1, "no temporary file left");
        assert!(remove_if_present(&target).unwrap());
        assert!(!remove_if_present(&target).unwrap());
        assert!(!target.exists());
        let _ = std::fs::remove_dir_all(dir);
    }
}
