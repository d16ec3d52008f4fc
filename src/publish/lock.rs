//! `OUTPUT/.budaya-kerja.lock` (SPEC §6): one run at a time; a lock left by a process that
//! is gone (same host) is taken over with a note.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

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
                        crate::ground::platform::host_name(),
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

/// A lock is stale when its process no longer runs on this host (on Windows, also when the
/// process now holding its id started after the lock was written). A lock from another host
/// cannot be checked and is respected; an unreadable lock (a crash while writing it) is
/// stale.
fn is_stale(holder: &str) -> bool {
    let Some(pid) = field(holder, "pid").and_then(|p| p.trim().parse::<u32>().ok()) else {
        return true;
    };
    let same_host = field(holder, "host").is_none_or(|h| h == crate::ground::platform::host_name());
    let started = field(holder, "start")
        .and_then(|s| chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M:%S").ok());
    same_host && !crate::ground::platform::lock_holder_alive(pid, started)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("bk-publish-{name}-{}", std::process::id()))
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
        let host = crate::ground::platform::host_name();
        std::fs::write(dir.join(".budaya-kerja.lock"), format!("pid=999999999\nhost={host}\nstart=x\n"))
            .unwrap();
        let (_lock, note) = Lock::acquire(&dir, Duration::ZERO).unwrap();
        assert!(note.unwrap().contains("diambil alih"));
        drop(_lock);
        let _ = std::fs::remove_dir_all(dir);
    }
}
