//! Shared by the targets: production catches a panic per file (the file is skipped with a
//! message, SPEC §10), so a panic inside a dependency is only noted here, once per place;
//! a panic in this project's own code, an abort, a leak past the RSS limit or a hang is a
//! crash.

use std::collections::BTreeSet;
use std::sync::{Mutex, Once};

static INIT: Once = Once::new();
static SEEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

pub fn init() {
    INIT.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
            let ours = !(at.contains("/.cargo/registry/")
                || at.contains("/.cargo/git/")
                || at.starts_with("/rustc/"));
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            if ours {
                eprintln!("panic in budaya-kerja at {at}: {msg}");
                std::process::abort();
            }
            if let Ok(mut seen) = SEEN.lock() {
                if seen.insert(at.clone()) {
                    eprintln!("note: dependency panic (production skips the file) at {at}: {msg}");
                }
            }
        }));
    });
}

/// Runs `f`, tolerating a dependency panic as production does.
pub fn guarded(f: impl FnOnce()) {
    init();
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
}
