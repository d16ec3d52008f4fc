//! Walking the input folder (SPEC §3.1, §10): every candidate file in path order, and every
//! file that is skipped before it is opened, with the reason. The folder is never written.
//!
//! Symbolic links (SECURITY.md): a link is followed only when its target, fully resolved,
//! lies inside the input folder; a link leading outside, a broken link and a link loop are
//! listed as skipped with the reason. A folder is walked once even when links reach it
//! again. Only regular files are opened: a named pipe, socket or device under the input
//! folder would block or never end a read, so it is listed as skipped.

use std::path::{Path, PathBuf};

/// A file found under the input folder.
#[derive(Clone, Debug)]
pub struct Found {
    pub path: PathBuf,
    /// Relative to the input folder, `/`-separated, control characters escaped
    /// ([`display_name`]): how reports name the file.
    pub rel: String,
    /// `None` when the file should be opened; otherwise why it is skipped.
    pub skip: Option<String>,
    /// Files that are ignored silently (our own config, READMEs) are not listed at all.
    pub listed: bool,
    /// Skipped, but no problem for the exit status: Excel's owner files (`~$…`, present
    /// while someone has the workbook open) and hidden files are not submissions.
    pub harmless: bool,
}

const SPREADSHEET_EXT: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// All files under `root`, sorted by relative path.
pub fn walk(root: &Path) -> std::io::Result<Vec<Found>> {
    let canon_root = root.canonicalize()?;
    let mut out = Vec::new();
    let mut visited = vec![canon_root.clone()];
    walk_dir(root, &canon_root, "", &mut visited, &mut out)?;
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

fn walk_dir(
    dir: &Path,
    canon_root: &Path,
    prefix: &str,
    visited: &mut Vec<PathBuf>,
    out: &mut Vec<Found>,
) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let shown = display_name(&name);
        let rel = if prefix.is_empty() { shown } else { format!("{prefix}/{shown}") };
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            out.push(skipped(path, rel, "berkas tidak dapat dibaca (izin akses)".into()));
            continue;
        };
        let mut is_dir = meta.is_dir();
        let mut is_file = meta.is_file();
        if meta.file_type().is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(canon_root) => {
                    if visited.iter().any(|v| v == &target) {
                        out.push(skipped(
                            path,
                            rel,
                            "tautan simbolik membentuk putaran (loop); dilewati".into(),
                        ));
                        continue;
                    }
                    is_dir = target.is_dir();
                    is_file = target.is_file();
                    if is_dir {
                        visited.push(target);
                    }
                }
                Ok(_) => {
                    out.push(skipped(
                        path,
                        rel,
                        "tautan simbolik menunjuk ke luar folder input; dilewati demi keamanan".into(),
                    ));
                    continue;
                }
                Err(e) if is_link_loop(&e) => {
                    out.push(skipped(path, rel, "tautan simbolik membentuk putaran (loop); dilewati".into()));
                    continue;
                }
                Err(_) => {
                    out.push(skipped(path, rel, "tautan simbolik rusak (tujuannya tidak ada)".into()));
                    continue;
                }
            }
        } else if is_dir {
            if let Ok(c) = path.canonicalize() {
                visited.push(c);
            }
        }
        if name.starts_with('.') {
            if !is_dir {
                out.push(harmless(path, rel, "berkas tersembunyi; dilewati".into()));
            }
            continue;
        }
        if is_dir {
            walk_dir(&path, canon_root, &rel, visited, out)?;
            continue;
        }
        if !is_file {
            out.push(skipped(
                path,
                rel,
                "bukan berkas biasa (pipa bernama, soket atau perangkat); dilewati karena membacanya bisa tidak pernah selesai"
                    .into(),
            ));
            continue;
        }
        out.push(classify(path, rel, &name));
    }
    Ok(())
}

/// A file or folder name as reports, logs and the terminal show it: control characters (a
/// line break, ESC starting a terminal sequence) and the bidirectional overrides that make
/// `rekap\u{202e}xslx.xlsx` look like another name are escaped (`\u{1b}`); everything else, odd
/// Unicode included, is kept as the file system gives it.
pub fn display_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars() {
        let bidi = matches!(ch, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if ch.is_control() || bidi {
            out.extend(ch.escape_unicode());
        } else {
            out.push(ch);
        }
    }
    out
}

/// `ELOOP`: too many levels of symbolic links.
fn is_link_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

fn skipped(path: PathBuf, rel: String, why: String) -> Found {
    Found { path, rel, skip: Some(why), listed: true, harmless: false }
}

fn harmless(path: PathBuf, rel: String, why: String) -> Found {
    Found { harmless: true, ..skipped(path, rel, why) }
}

fn classify(path: PathBuf, rel: String, name: &str) -> Found {
    let lower = name.to_lowercase();
    if name.starts_with("~$") {
        return harmless(
            path,
            rel,
            "berkas kunci Excel (~$…) yang dibuat selama berkas aslinya dibuka; dilewati (bukan masalah)"
                .into(),
        );
    }
    if lower == "budaya-kerja.toml" || lower.starts_with("readme") {
        return Found { path, rel, skip: None, listed: false, harmless: false };
    }
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if SPREADSHEET_EXT.contains(&ext) {
        return Found { path, rel, skip: None, listed: true, harmless: false };
    }
    let why = match ext {
        "csv" | "txt" => {
            "berkas CSV/teks, bukan spreadsheet; buka di Excel lalu simpan sebagai .xlsx".to_string()
        }
        "xml" => "berkas XML (misalnya Excel 2003 XML); buka di Excel lalu simpan sebagai .xlsx".to_string(),
        "doc" | "docx" | "odt" | "rtf" => {
            "dokumen Word/teks, bukan spreadsheet; salin tabelnya ke Excel lalu simpan sebagai .xlsx"
                .to_string()
        }
        "pdf" => "berkas PDF tidak dapat dibaca; kirim berkas Excel aslinya (.xlsx)".to_string(),
        "" => "berkas tanpa ekstensi; bukan spreadsheet yang dikenal".to_string(),
        other => {
            format!("jenis berkas .{other} bukan spreadsheet; yang dibaca: .xlsx, .xlsm, .xls, .xlsb, .ods")
        }
    };
    skipped(path, rel, why)
}
