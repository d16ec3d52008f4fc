//! What the nightly run remembers between runs (SPEC §6), under `OUTPUT/.cache/`:
//! - `state.json`: every input file's size, modification time and SHA-256 at the last
//!   successful run, so an unchanged folder costs a directory scan and no workbook is read;
//! - `files/<key>.bin`: each file as parsed (bincode), keyed by the build, configuration,
//!   path and content hash, so one changed file re-reads that file only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::ingest::FileResult;
use crate::ingest::discover::Found;

pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// One input file as last seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub rel: String,
    pub size: u64,
    /// Modification time in nanoseconds since 1970 (0 when unknown).
    pub mtime_ns: u128,
    pub sha256: String,
}

/// The run state saved after every successful report run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub version: String,
    pub config_hash: String,
    pub files: Vec<Fingerprint>,
    /// The months whose reports exist (each with its manifest).
    pub months: Vec<String>,
}

impl State {
    fn by_rel(&self) -> BTreeMap<&str, &Fingerprint> {
        self.files.iter().map(|f| (f.rel.as_str(), f)).collect()
    }

    /// Same tool, same configuration and the same file contents at the same paths.
    pub fn same_inputs(&self, other: &State) -> bool {
        let key = |s: &State| -> Vec<(String, String)> {
            s.files.iter().map(|f| (f.rel.clone(), f.sha256.clone())).collect()
        };
        self.version == other.version && self.config_hash == other.config_hash && key(self) == key(other)
    }
}

pub struct Cache {
    dir: PathBuf,
}

/// The tool version plus the executable's size and modification time: a parse cached by
/// another build (whose reading rules may differ, even under the same version) is not reused.
fn build_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
        let (size, mtime) = exe.map(|m| (m.len(), mtime_ns(&m))).unwrap_or((0, 0));
        format!("{TOOL_VERSION}+{size}+{mtime}")
    })
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(digest.len() * 2);
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// SHA-256 of a file, read in chunks (a large input is never held whole).
fn sha256_file(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::default();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Some(hex(&hasher.finalize()))
}

fn mtime_ns(meta: &std::fs::Metadata) -> u128 {
    meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_nanos()).unwrap_or(0)
}

impl Cache {
    pub fn new(output: &Path) -> Self {
        Self { dir: output.join(".cache") }
    }

    fn state_path(&self) -> PathBuf {
        self.dir.join("state.json")
    }

    fn files_dir(&self) -> PathBuf {
        self.dir.join("files")
    }

    /// The state of the last successful run; empty when there is none or it is unreadable.
    pub fn load_state(&self) -> State {
        std::fs::read(self.state_path())
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn save_state(&self, state: &State) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(state).map_err(std::io::Error::other)?;
        crate::publish::write_atomic(&self.state_path(), &bytes)
    }

    /// Fingerprints of the files found: the hash is reused when size and modification time
    /// are unchanged since `previous`, so an unchanged folder reads no file at all. Files that
    /// must be hashed are read on every core.
    pub fn fingerprints(found: &[Found], previous: &State) -> Vec<Option<Fingerprint>> {
        let old = previous.by_rel();
        let one = |f: &Found| -> Option<Fingerprint> {
            let meta = std::fs::metadata(&f.path).ok()?;
            if f.skip.is_some() {
                // Skipped before opening: listed, never read; its name and size suffice.
                return Some(Fingerprint {
                    rel: f.rel.clone(),
                    size: meta.len(),
                    mtime_ns: mtime_ns(&meta),
                    sha256: "-".into(),
                });
            }
            let (size, mtime) = (meta.len(), mtime_ns(&meta));
            if let Some(o) = old.get(f.rel.as_str()) {
                if o.size == size && o.mtime_ns == mtime && mtime != 0 {
                    return Some((*o).clone());
                }
            }
            let sha256 = sha256_file(&f.path)?;
            Some(Fingerprint { rel: f.rel.clone(), size, mtime_ns: mtime, sha256 })
        };
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        let chunk = found.len().div_ceil(threads).max(1);
        std::thread::scope(|s| {
            let handles: Vec<_> = found
                .chunks(chunk)
                .map(|part| s.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
                .collect();
            // A worker that panicked (it cannot: no indexing, no unwrap) leaves its files
            // unfingerprinted, which only means they are parsed again.
            let mut out = Vec::with_capacity(found.len());
            for (h, part) in handles.into_iter().zip(found.chunks(chunk)) {
                out.extend(h.join().unwrap_or_else(|_| vec![None; part.len()]));
            }
            out
        })
    }

    fn key(&self, fp: &Fingerprint, config_hash: &str) -> PathBuf {
        let build = build_id();
        let key = sha256_hex(format!("{build}|{config_hash}|{}|{}", fp.rel, fp.sha256).as_bytes());
        self.files_dir().join(format!("{}.bin", &key[..32]))
    }

    /// The parsed file, when cached.
    pub fn load(&self, fp: &Fingerprint, config_hash: &str) -> Option<FileResult> {
        let bytes = std::fs::read(self.key(fp, config_hash)).ok()?;
        // A damaged entry is no error: the file is simply parsed again.
        let _sharing = crate::model::SharingScope::new();
        bincode::serde::decode_from_slice(&bytes, bincode::config::standard()).ok().map(|(f, _)| f)
    }

    /// Saves a parse. Not flushed to disk (it is disposable: a torn entry fails to decode and
    /// the file is parsed again); called by the parsing workers.
    pub fn store(&self, fp: &Fingerprint, config_hash: &str, file: &FileResult) {
        // A cache that cannot be written only costs time on the next run.
        let sharing = crate::model::SharingScope::new();
        let encoded = bincode::serde::encode_to_vec(file, bincode::config::standard());
        drop(sharing);
        if let Ok(bytes) = encoded {
            let _ = crate::publish::write_replace(&self.key(fp, config_hash), &bytes);
        }
    }

    /// Removes cached parses that no current input uses.
    pub fn prune(&self, keep: &[Fingerprint], config_hash: &str) {
        let keep: std::collections::BTreeSet<PathBuf> =
            keep.iter().map(|f| self.key(f, config_hash)).collect();
        let Ok(entries) = std::fs::read_dir(self.files_dir()) else { return };
        for e in entries.flatten() {
            if !keep.contains(&e.path()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
