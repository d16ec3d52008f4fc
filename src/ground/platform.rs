//! The only platform-specific code: the host name and process liveness for the lock file,
//! and SIGINT/SIGTERM handling. Unix uses libc and signal-hook; elsewhere (Windows) the
//! fallbacks are conservative: a lock is treated as live unless its host differs or it is
//! older than a day, and Ctrl-C ends the process the default way (the lock left behind is
//! then taken over as stale by the next run).

/// This machine's name, for the lock file.
pub fn host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: gethostname writes at most buf.len() bytes into the buffer we own.
        let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if rc == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            return String::from_utf8_lossy(&buf[..end]).into_owned();
        }
    }
    std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .unwrap_or_else(|_| "localhost".into())
}

/// Whether process `pid` still runs on this host.
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
        // SAFETY: kill with signal 0 only checks for existence and permission.
        let rc = unsafe { libc::kill(pid, 0) };
        if rc == 0 {
            return true;
        }
        // EPERM: it exists but belongs to someone else.
        std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Runs `on_signal(exit_code)` on a background thread when SIGINT (130) or SIGTERM (143)
/// arrives; `on_signal` cleans up and exits.
pub fn on_termination(on_signal: impl Fn(i32) + Send + 'static) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) {
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    on_signal(128 + sig);
                }
            });
        }
    }
    #[cfg(not(unix))]
    {
        let _ = on_signal;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_huge_pid_is_not() {
        assert!(process_alive(std::process::id()));
        #[cfg(unix)]
        assert!(!process_alive(999_999_999));
        assert!(!host_name().is_empty());
    }
}
