//! The only platform-specific code: the host name and process liveness for the lock file,
//! the termination handling (SIGINT/SIGTERM on Unix, Ctrl+C and console close on Windows),
//! and on Windows whether a file is held open by another program (a report open in Excel)
//! and a UTF-8 console. Unix uses libc and signal-hook, Windows windows-sys; elsewhere the
//! fallbacks are conservative: a lock is treated as live unless its host differs, and an
//! interrupt ends the process the default way (the lock left behind is then taken over as
//! stale by the next run).

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
    lock_holder_alive(pid, None)
}

/// Whether the process that wrote a lock still runs: process `pid` exists on this host and,
/// where the platform tells (Windows), it started no later than `started` (the lock's local
/// start time) — Windows soon reuses process ids, and after a reboot a stale lock's id often
/// belongs to some other process. Unix checks the id alone.
pub fn lock_holder_alive(pid: u32, started: Option<chrono::NaiveDateTime>) -> bool {
    #[cfg(unix)]
    {
        let _ = started;
        let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
        // SAFETY: kill with signal 0 only checks for existence and permission.
        let rc = unsafe { libc::kill(pid, 0) };
        if rc == 0 {
            return true;
        }
        // EPERM: it exists but belongs to someone else.
        std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(windows)]
    {
        windows::process_alive(pid, started)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (pid, started);
        true
    }
}

/// Runs `on_signal(exit_code)` when the run is asked to stop: SIGINT (130) or SIGTERM (143)
/// on Unix; on Windows Ctrl+C or Ctrl+Break (130), and the console being closed, the user
/// logging off or the machine shutting down (143). `on_signal` cleans up and exits.
/// (Task Scheduler's "stop the task" terminates the process outright, which no handler sees:
/// the next run then takes the lock over as stale and removes the temporary files.)
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
    #[cfg(windows)]
    {
        windows::on_console_ctrl(Box::new(on_signal));
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = on_signal;
    }
}

/// Whether the existing file at `path` is held open by another program in a way that
/// keeps it from being replaced — on Windows, a report open in Excel (or a CSV in any
/// spreadsheet): opening it for writing fails with a sharing or lock violation. Never on
/// Unix, where an open file can always be replaced.
pub fn held_open_elsewhere(path: &std::path::Path) -> bool {
    #[cfg(windows)]
    {
        windows::held_open_elsewhere(path)
    }
    #[cfg(not(windows))]
    {
        let _ = path;
        false
    }
}

#[cfg(windows)]
mod windows {
    use std::path::Path;
    use std::sync::Mutex;

    use windows_sys::Win32::Foundation::{CloseHandle, ERROR_ACCESS_DENIED, FILETIME, STILL_ACTIVE};
    use windows_sys::Win32::System::Console::{
        CTRL_BREAK_EVENT, CTRL_C_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT,
        SetConsoleCtrlHandler, SetConsoleOutputCP,
    };
    use windows_sys::Win32::System::Threading::{
        GetExitCodeProcess, GetProcessTimes, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
    };
    use windows_sys::core::BOOL;

    /// UTF-8 for the console before `main` runs, for every command: the messages quote
    /// sheet names and use `–` and `…`, which the OEM code page of `cmd.exe` (437/850) turns
    /// into mojibake when the output passes through a pipe or a program that honours the
    /// code page. (Rust's own console writes are UTF-16 and unaffected.) A function in the
    /// C runtime's initializer table (`.CRT$XCU`), which both the MSVC and MinGW runtimes
    /// call before `main`; keeps `main.rs` free of platform code.
    #[used]
    #[unsafe(link_section = ".CRT$XCU")]
    static UTF8_CONSOLE: unsafe extern "C" fn() = utf8_console;

    unsafe extern "C" fn utf8_console() {
        // SAFETY: plain Win32 call without pointers; fails harmlessly without a console.
        unsafe { SetConsoleOutputCP(65001) };
    }

    pub(super) fn process_alive(pid: u32, started: Option<chrono::NaiveDateTime>) -> bool {
        // SAFETY: OpenProcess takes no pointers; the handle is closed below.
        let handle = unsafe { OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) };
        if handle.is_null() {
            // Access denied: it exists but belongs to someone else (another user, a
            // service). Any other failure (invalid parameter): no such process.
            return std::io::Error::last_os_error().raw_os_error() == Some(ERROR_ACCESS_DENIED as i32);
        }
        let mut code = 0u32;
        // SAFETY: a valid process handle and a pointer to our own u32.
        let ok = unsafe { GetExitCodeProcess(handle, &mut code) } != 0;
        let running = !ok || code == STILL_ACTIVE as u32;
        let reused = running && started.is_some_and(|s| created_after(handle, s));
        // SAFETY: the handle came from OpenProcess and is closed once.
        unsafe { CloseHandle(handle) };
        running && !reused
    }

    /// Whether the process behind `handle` was created after the lock's start time (with
    /// two seconds' slack for the clock's rounding): then it is not the lock's writer.
    fn created_after(
        handle: windows_sys::Win32::Foundation::HANDLE,
        lock_start: chrono::NaiveDateTime,
    ) -> bool {
        let zero = FILETIME { dwLowDateTime: 0, dwHighDateTime: 0 };
        let (mut created, mut exited, mut kernel, mut user) = (zero, zero, zero, zero);
        // SAFETY: a valid process handle and pointers to our own FILETIMEs.
        if unsafe { GetProcessTimes(handle, &mut created, &mut exited, &mut kernel, &mut user) } == 0 {
            return false;
        }
        // FILETIME: 100 ns ticks since 1601-01-01 UTC.
        let ticks = (u64::from(created.dwHighDateTime) << 32) | u64::from(created.dwLowDateTime);
        let unix_secs = (ticks / 10_000_000) as i64 - 11_644_473_600;
        let Some(created) = chrono::DateTime::from_timestamp(unix_secs, 0) else { return false };
        let created = created.with_timezone(&chrono::Local).naive_local();
        created > lock_start + chrono::Duration::seconds(2)
    }

    type Handler = Box<dyn Fn(i32) + Send>;
    static ON_SIGNAL: Mutex<Option<Handler>> = Mutex::new(None);

    pub(super) fn on_console_ctrl(on_signal: Handler) {
        if let Ok(mut slot) = ON_SIGNAL.lock() {
            *slot = Some(on_signal);
        }
        // SAFETY: registers a handler with the right signature that lives for the program.
        unsafe { SetConsoleCtrlHandler(Some(console_ctrl), 1) };
    }

    /// Runs on a thread the system starts for the event; `on_signal` exits the process.
    unsafe extern "system" fn console_ctrl(event: u32) -> BOOL {
        let code = match event {
            CTRL_C_EVENT | CTRL_BREAK_EVENT => 130,
            CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => 143,
            _ => return 0,
        };
        if let Ok(slot) = ON_SIGNAL.lock()
            && let Some(on_signal) = slot.as_ref()
        {
            on_signal(code);
            return 1;
        }
        0
    }

    pub(super) fn held_open_elsewhere(path: &Path) -> bool {
        const ERROR_SHARING_VIOLATION: i32 = 32;
        const ERROR_LOCK_VIOLATION: i32 = 33;
        match std::fs::OpenOptions::new().write(true).open(path) {
            Ok(_) => false,
            Err(e) => matches!(e.raw_os_error(), Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_huge_pid_is_not() {
        assert!(process_alive(std::process::id()));
        #[cfg(any(unix, windows))]
        assert!(!process_alive(999_999_999));
        assert!(!host_name().is_empty());
    }

    #[test]
    fn a_file_nobody_holds_open_is_not_held_open() {
        let path = std::env::temp_dir().join(format!("bk-platform-held-{}", std::process::id()));
        std::fs::write(&path, b"x").unwrap();
        assert!(!held_open_elsewhere(&path));
        let _ = std::fs::remove_file(path);
    }
}
