//! Invariants of ARCHITECTURE.md that no other test holds on its own: the input folder is
//! read, never written — not by `report`, not by `check`, not by `template`, not by a
//! nightly run that finds everything cached.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use crate::common::*;

/// Every entry under `dir` (files and folders): its bytes (empty for a folder) and mtime.
fn tree(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let path = e.path();
            let name = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let bytes = if meta.is_file() { std::fs::read(&path).unwrap() } else { Vec::new() };
            out.insert(name, (bytes, meta.modified().unwrap()));
            if meta.is_dir() {
                stack.push(path);
            }
        }
    }
    out
}

#[test]
fn the_input_folder_is_never_written() {
    let p = Project::new("input-read-only");
    let sub = p.input().join("Dishub");
    std::fs::create_dir_all(&sub).unwrap();
    attendance(
        &sub.join("Kehadiran DISHUB November 2026.xlsx"),
        "DISHUB",
        "November 2026",
        11,
        &[("198001012005011001", "Andi", 2, "H", 0.0), ("198001012005011001", "Andi", 3, "X", 0.0)],
    );
    std::fs::write(p.input().join("catatan.txt"), "bukan lembar kerja").unwrap();
    let before = tree(&p.input());

    // A rejected code (exit 3), the same run again from the cache, a check and a template.
    assert_eq!(p.run(&["report"]).code, 3);
    assert_eq!(p.run(&["report"]).code, 0);
    assert_eq!(p.run(&["report", "--month", "2026-11"]).code, 3);
    assert_eq!(p.run(&["check"]).code, 3);
    assert_eq!(p.run(&["template", "--month", "2026-12", "--unit", "DISHUB"]).code, 0);

    assert_eq!(tree(&p.input()), before, "the input folder changed");
    assert!(p.output().join("2026-11").join("manifest.json").is_file());
}
