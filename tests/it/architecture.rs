//! The house rule of ARCHITECTURE.md, kept by a test: the stages are peers over a shared
//! ground. `ground` imports nothing but itself; each stage imports the ground and the stage
//! just before it (ingest → reconcile → metrics → render → publish); `cmd` wires them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (module, the top-level modules it may import besides itself). `cmd`, `main.rs` and
/// `lib.rs` may import anything.
const ALLOWED: &[(&str, &[&str])] = &[
    ("ground", &[]),
    ("ingest", &["ground"]),
    ("reconcile", &["ground", "ingest"]),
    ("metrics", &["ground", "reconcile"]),
    ("render", &["ground", "metrics"]),
    ("publish", &["ground", "render"]),
    ("cli", &["ground"]),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a source text names through `crate::…`, including the heads of
/// grouped imports (`use crate::{ground::model, ingest::values}`).
fn imported_modules(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    for (i, _) in text.match_indices("crate::") {
        // `budaya_kerja::crate::` does not occur; skip words that only end in `crate`.
        if text[..i].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut at_head = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => at_head = true,
                    c if at_head && (c.is_alphanumeric() || c == '_') => {
                        found.insert(ident(&group[j..]));
                        at_head = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(ident(rest));
        }
    }
    found
}

#[test]
fn stages_import_only_the_ground_and_the_stage_before() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut violations = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let module = rel.components().next().unwrap().as_os_str().to_string_lossy();
        let module = module.trim_end_matches(".rs");
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == module) else {
            assert!(
                ["cmd", "main", "lib"].contains(&module),
                "{}: a new top-level module must be placed in ALLOWED",
                rel.display()
            );
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for imported in imported_modules(&text) {
            if imported != module && !allowed.contains(&imported.as_str()) {
                violations.push(format!("{} imports crate::{imported}", rel.display()));
            }
        }
    }
    assert!(violations.is_empty(), "imports against the stage order:\n{}", violations.join("\n"));
}

#[test]
fn import_scanner_sees_plain_and_grouped_paths() {
    let text = "use crate::ground::model::X;\nuse crate::{ingest::values, metrics::{a, b}};\nlet _ = crate::render::text::f();";
    let found: Vec<_> = imported_modules(text).into_iter().collect();
    assert_eq!(found, ["ground", "ingest", "metrics", "render"]);
}
