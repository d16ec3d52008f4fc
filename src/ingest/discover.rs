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

/// Why a file is skipped before it is opened: the text listed beside it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    #[error("berkas tidak dapat dibaca (izin akses)")]
    NoAccess,
    #[error("tautan simbolik membentuk putaran (loop); dilewati")]
    LinkLoop,
    #[error("tautan simbolik menunjuk ke luar folder input; dilewati demi keamanan")]
    LinkOutside,
    #[error("tautan simbolik rusak (tujuannya tidak ada)")]
    LinkBroken,
    #[error("berkas tersembunyi; dilewati")]
    Hidden,
    #[error(
        "bukan berkas biasa (pipa bernama, soket atau perangkat); dilewati karena membacanya bisa tidak pernah selesai"
    )]
    NotRegular,
    #[error("berkas kunci Excel (~$…) yang dibuat selama berkas aslinya dibuka; dilewati (bukan masalah)")]
    OwnerFile,
    #[error("berkas CSV/teks, bukan spreadsheet; buka di Excel lalu simpan sebagai .xlsx")]
    Text,
    #[error("berkas XML (misalnya Excel 2003 XML); buka di Excel lalu simpan sebagai .xlsx")]
    Xml,
    #[error("dokumen Word/teks, bukan spreadsheet; salin tabelnya ke Excel lalu simpan sebagai .xlsx")]
    Document,
    #[error("berkas PDF tidak dapat dibaca; kirim berkas Excel aslinya (.xlsx)")]
    Pdf,
    #[error("berkas tanpa ekstensi; bukan spreadsheet yang dikenal")]
    NoExtension,
    #[error("jenis berkas .{ext} bukan spreadsheet; yang dibaca: .xlsx, .xlsm, .xls, .xlsb, .ods")]
    OtherExtension { ext: String },
}

impl SkipReason {
    /// Skips that are no problem for the exit status: Excel's owner files and hidden files
    /// are not submissions.
    pub fn is_harmless(&self) -> bool {
        matches!(self, Self::Hidden | Self::OwnerFile)
    }

    /// A file whose extension is no spreadsheet's: what it is and how to send it instead.
    fn not_a_spreadsheet(ext: &str) -> Self {
        match ext {
            "csv" | "txt" => Self::Text,
            "xml" => Self::Xml,
            "doc" | "docx" | "odt" | "rtf" => Self::Document,
            "pdf" => Self::Pdf,
            "" => Self::NoExtension,
            other => Self::OtherExtension { ext: other.to_string() },
        }
    }
}

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
        let kind = match entry_kind(&path, canon_root, visited) {
            Ok(kind) => kind,
            Err(why) => {
                out.push(skipped(path, rel, why));
                continue;
            }
        };
        if name.starts_with('.') {
            // A hidden folder is passed over silently; a hidden file is listed.
            if kind != EntryKind::Dir {
                out.push(skipped(path, rel, SkipReason::Hidden));
            }
            continue;
        }
        match kind {
            EntryKind::Dir => walk_dir(&path, canon_root, &rel, visited, out)?,
            EntryKind::Other => out.push(skipped(path, rel, SkipReason::NotRegular)),
            EntryKind::File => out.push(classify(path, rel, &name)),
        }
    }
    Ok(())
}

/// What a folder entry is, once a symbolic link is followed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    Dir,
    File,
    /// A named pipe, socket or device: never opened.
    Other,
}

/// The kind of `path`, following a symbolic link only when its target lies inside the
/// input folder and was not walked yet; every folder to be walked is noted in `visited`.
fn entry_kind(path: &Path, canon_root: &Path, visited: &mut Vec<PathBuf>) -> Result<EntryKind, SkipReason> {
    let meta = std::fs::symlink_metadata(path).map_err(|_| SkipReason::NoAccess)?;
    if !meta.file_type().is_symlink() {
        if meta.is_dir() {
            if let Ok(c) = path.canonicalize() {
                visited.push(c);
            }
        }
        return Ok(kind_of(meta.is_dir(), meta.is_file()));
    }
    let target = match path.canonicalize() {
        Ok(target) if target.starts_with(canon_root) => target,
        Ok(_) => return Err(SkipReason::LinkOutside),
        Err(e) if is_link_loop(&e) => return Err(SkipReason::LinkLoop),
        Err(_) => return Err(SkipReason::LinkBroken),
    };
    if visited.iter().any(|v| v == &target) {
        return Err(SkipReason::LinkLoop);
    }
    let kind = kind_of(target.is_dir(), target.is_file());
    if kind == EntryKind::Dir {
        visited.push(target);
    }
    Ok(kind)
}

fn kind_of(is_dir: bool, is_file: bool) -> EntryKind {
    match (is_dir, is_file) {
        (true, _) => EntryKind::Dir,
        (false, true) => EntryKind::File,
        (false, false) => EntryKind::Other,
    }
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

fn skipped(path: PathBuf, rel: String, why: SkipReason) -> Found {
    Found { path, rel, harmless: why.is_harmless(), skip: Some(why.to_string()), listed: true }
}

fn classify(path: PathBuf, rel: String, name: &str) -> Found {
    let lower = name.to_lowercase();
    if name.starts_with("~$") {
        return skipped(path, rel, SkipReason::OwnerFile);
    }
    if lower == "budaya-kerja.toml" || lower.starts_with("readme") {
        return Found { path, rel, skip: None, listed: false, harmless: false };
    }
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if SPREADSHEET_EXT.contains(&ext) {
        return Found { path, rel, skip: None, listed: true, harmless: false };
    }
    skipped(path, rel, SkipReason::not_a_spreadsheet(ext))
}
