//! What the nightly run remembers between runs (SPEC §6), under `OUTPUT/.cache/`:
//! - `state.json`: every input file's size, modification time and SHA-256 at the last
//!   successful run, so an unchanged folder costs a directory scan and no workbook is read;
//! - `parses.bin`: each file as parsed (bincode), keyed by the build, configuration, path and
//!   content hash, so one changed file re-reads that file only. One pack rather than a file
//!   per input: creating ~1,300 files cost more CPU in the file system than encoding them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::ground::TOOL_VERSION;
use crate::ground::fsio::sha256_hex;
use crate::ground::settings::Settings;
use crate::ingest::FileResult;
use crate::ingest::discover::Found;

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
pub fn build_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
        let (size, mtime) = exe.map(|m| (m.len(), mtime_ns(&m))).unwrap_or((0, 0));
        format!("{TOOL_VERSION}+{size}+{mtime}")
    })
}

fn mtime_ns(meta: &std::fs::Metadata) -> u128 {
    meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_nanos()).unwrap_or(0)
}

impl Cache {
    pub fn new(output: &Path) -> Self {
        Self { dir: output.join(".cache") }
    }

    /// `OUTPUT/.cache`.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn state_path(&self) -> PathBuf {
        self.dir.join("state.json")
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
        crate::ground::fsio::write_atomic(&self.state_path(), &bytes)
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
            let sha256 = crate::ground::fsio::file_sha256_hex(&f.path)?;
            Some(Fingerprint { rel: f.rel.clone(), size, mtime_ns: mtime, sha256 })
        };
        // A file whose hashing panicked (it cannot: no indexing, no unwrap) is left
        // unfingerprinted, which only means it is parsed again.
        super::on_own_pool(found.len(), || {
            found
                .par_iter()
                .map(|f| std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| one(f))).unwrap_or(None))
                .collect()
        })
    }

    /// The cache key of a file's parse: build, configuration, path and content.
    pub fn key(fp: &Fingerprint, config_hash: &str) -> String {
        let build = build_id();
        let mut key = sha256_hex(format!("{build}|{config_hash}|{}|{}", fp.rel, fp.sha256).as_bytes());
        key.truncate(32);
        key
    }

    fn pack_path(&self) -> PathBuf {
        self.dir.join("parses.bin")
    }

    /// The parse cache for a run over files with these fingerprints: the last runs' entries,
    /// and the pack opened to append this run's fresh parses. The pack is compacted first
    /// (rewritten with only the entries of the current files) when most of it is stale, and
    /// a damaged tail (a run killed while appending) is cut off.
    pub fn parses(&self, fingerprints: &[Option<Fingerprint>], config_hash: &str) -> Parses {
        let keys: Vec<Option<String>> =
            fingerprints.iter().map(|fp| fp.as_ref().map(|fp| Cache::key(fp, config_hash))).collect();
        let mut pack = self.open_pack();
        let live: std::collections::HashSet<&str> = keys.iter().flatten().map(String::as_str).collect();
        let entry_len = |k: &String, len: u64| 1 + k.len() as u64 + 8 + len + 32;
        let live_bytes: u64 = pack
            .index
            .iter()
            .filter(|(k, _)| live.contains(k.as_str()))
            .map(|(k, e)| entry_len(k, e.1))
            .sum();
        let stale = pack.len.saturating_sub(PACK_MAGIC.len() as u64 + live_bytes);
        let mut opened = Ok(());
        if pack.file.is_none() || stale > live_bytes {
            // Rewrite with the live entries, one at a time (verbatim, checksums included).
            let kept: Vec<(String, (u64, u64))> = std::mem::take(&mut pack.index)
                .into_iter()
                .filter(|(k, _)| live.contains(k.as_str()))
                .collect();
            // No handle stays open on the old pack while it is replaced (Windows): it is
            // opened again for the copy only.
            drop(pack);
            let path = self.pack_path();
            opened = crate::ground::fsio::write_replace_with(&path, |w| {
                w.write_all(PACK_MAGIC)?;
                let Some(old) = Pack::open(&path) else { return Ok(()) };
                for (key, (at, len)) in &kept {
                    if let Some(bytes) = old.read(*at, len + 32) {
                        let (payload, sum) = bytes.split_at(*len as usize);
                        w.write_all(&entry_bytes(key, payload, sum))?;
                    }
                }
                Ok(())
            });
            let _ = std::fs::remove_dir_all(self.dir.join("files"));
            pack = self.open_pack();
        } else if pack.end < pack.len {
            opened = std::fs::OpenOptions::new()
                .write(true)
                .open(self.pack_path())
                .and_then(|f| f.set_len(pack.end));
        }
        let writer = opened
            .and_then(|()| std::fs::OpenOptions::new().append(true).open(self.pack_path()))
            .map(|f| std::sync::Mutex::new((f, pack.end)));
        let (writer, error) = match writer {
            Ok(w) => (Some(w), None),
            Err(e) => (None, Some(e)),
        };
        Parses { pack, keys, writer, appended: Default::default(), failed: Default::default(), error }
    }

    /// The cached parses of the last runs; empty when there are none or the pack is unreadable.
    pub fn open_pack(&self) -> Pack {
        Pack::open(&self.pack_path()).unwrap_or_default()
    }

    /// A parse, encoded for the pack (called by the parsing workers).
    pub fn encode(file: &FileResult) -> Option<Vec<u8>> {
        let _sharing = crate::ground::model::SharingScope::new();
        bincode::serde::encode_to_vec(file, bincode::config::standard()).ok()
    }
}

/// Why a pack entry was not kept (beside the file system's own errors).
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// An entry failed to write: the next run parses that file again.
    #[error("entri cache gagal ditulis")]
    EntryNotWritten,
}

/// One pack entry: key length, key, payload length, payload, the payload's SHA-256.
fn entry_bytes(key: &str, payload: &[u8], sum: &[u8]) -> Vec<u8> {
    let key = key.as_bytes();
    let key = key.get(..255).unwrap_or(key);
    let mut out = Vec::with_capacity(1 + key.len() + 8 + payload.len() + sum.len());
    out.push(key.len() as u8);
    out.extend_from_slice(key);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(sum);
    out
}

/// The parse cache of one run (`Cache::parses`).
pub struct Parses {
    pack: Pack,
    /// Each found file's cache key (`None`: not fingerprinted, never cached).
    keys: Vec<Option<String>>,
    /// The pack opened for appending, and where the next entry goes.
    writer: Option<std::sync::Mutex<(std::fs::File, u64)>>,
    /// The entries appended by this run: key → (payload offset, payload length).
    appended: std::sync::Mutex<std::collections::HashMap<String, (u64, u64)>>,
    failed: std::sync::atomic::AtomicBool,
    /// Why the pack could not be opened for appending.
    error: Option<std::io::Error>,
}

impl Parses {
    /// Files `indices` of `found`, each taken from the cache or parsed (on every core), in
    /// the order given, handed to `keep` by the worker that has it with whether it was parsed
    /// and whether the pack holds it (so that it can be read again later). A fresh parse is
    /// appended to the pack by that worker.
    pub fn read_with<T: Send>(
        &self,
        found: &[Found],
        indices: &[usize],
        settings: &Settings,
        keep: &(dyn Fn(usize, FileResult, bool, bool) -> T + Sync),
    ) -> Vec<T> {
        let chosen: Vec<Found> = indices.iter().filter_map(|&i| found.get(i).cloned()).collect();
        let key = |j: usize| indices.get(j).and_then(|&i| self.keys.get(i)?.as_deref());
        let cached = |j: usize| -> Option<FileResult> {
            let mut f = Pack::decode(&self.raw(key(j)?)?)?;
            // The content is the same; its modification time (which decides revisions) may not be.
            f.modified = std::fs::metadata(&chosen.get(j)?.path).ok().and_then(|m| m.modified().ok());
            Some(f)
        };
        let done = |j: usize, f: FileResult, parsed: bool| {
            let stored = match (parsed, key(j)) {
                (true, Some(key)) => Cache::encode(&f).is_some_and(|bytes| self.append(key, &bytes)),
                (false, Some(_)) => true,
                (_, None) => false,
            };
            keep(indices.get(j).copied().unwrap_or(usize::MAX), f, parsed, stored)
        };
        crate::ingest::read_files_with(&chosen, settings, &cached, &done)
    }

    /// The payload under `key`, appended by this run or from the last runs, when its
    /// checksum holds.
    fn raw(&self, key: &str) -> Option<Vec<u8>> {
        let at =
            self.appended.lock().ok()?.get(key).copied().or_else(|| self.pack.index.get(key).copied())?;
        self.pack.verified(at)
    }

    /// Appends one entry; whether it was written.
    fn append(&self, key: &str, payload: &[u8]) -> bool {
        use std::sync::atomic::Ordering;
        let Some(out) = &self.writer else { return false };
        let bytes = entry_bytes(key, payload, &Sha256::digest(payload));
        let Ok(mut w) = out.lock() else {
            self.failed.store(true, Ordering::Relaxed);
            return false;
        };
        if self.failed.load(Ordering::Relaxed) {
            return false;
        }
        let (file, at) = &mut *w;
        if std::io::Write::write_all(file, &bytes).is_err() {
            self.failed.store(true, Ordering::Relaxed);
            return false;
        }
        let payload_at = *at + bytes.len() as u64 - 32 - payload.len() as u64;
        *at += bytes.len() as u64;
        if let Ok(mut appended) = self.appended.lock() {
            appended.insert(key.to_string(), (payload_at, payload.len() as u64));
        }
        true
    }

    /// Whether every entry meant for the pack is in it.
    pub fn intact(&self) -> bool {
        self.writer.is_some() && !self.failed.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Reports what could not be written; the next run may parse some files again.
    pub fn finish(self) -> std::io::Result<()> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if self.failed.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(std::io::Error::other(PackError::EntryNotWritten));
        }
        Ok(())
    }
}

const PACK_MAGIC: &[u8; 8] = b"BKPARSE1";

/// The parse cache on disk: where each entry's payload is, read on demand.
#[derive(Default)]
pub struct Pack {
    file: Option<std::sync::Mutex<std::fs::File>>,
    /// key → (payload offset, payload length); its SHA-256 follows it.
    index: std::collections::HashMap<String, (u64, u64)>,
    /// Where the last intact entry ends (a damaged tail follows it).
    end: u64,
    /// The file's length.
    len: u64,
}

impl Pack {
    /// Indexes the entries from their headers; a damaged tail ends the index (what precedes
    /// it stays usable). `None` when there is no pack or it is not one.
    fn open(path: &Path) -> Option<Pack> {
        use std::io::{BufRead, Read};
        let file = std::fs::File::open(path).ok()?;
        let len = file.metadata().ok()?.len();
        let mut r = std::io::BufReader::new(&file);
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic).ok()?;
        if &magic != PACK_MAGIC {
            return None;
        }
        let mut index = std::collections::HashMap::new();
        let mut at = PACK_MAGIC.len() as u64;
        loop {
            let mut key_len = [0u8; 1];
            if r.read_exact(&mut key_len).is_err() {
                break;
            }
            let mut key = vec![0u8; usize::from(key_len[0])];
            let mut size = [0u8; 8];
            if r.read_exact(&mut key).is_err() || r.read_exact(&mut size).is_err() {
                break;
            }
            let size = u64::from_le_bytes(size);
            let payload_at = at + 1 + key.len() as u64 + 8;
            let next = payload_at.checked_add(size).and_then(|e| e.checked_add(32));
            let (Ok(key), Some(next)) = (String::from_utf8(key), next) else { break };
            if next > len || r.seek_relative((size + 32) as i64).is_err() {
                break;
            }
            // A key added again later (a file changed back) is the later entry.
            index.insert(key, (payload_at, size));
            at = next;
            if r.fill_buf().map_or(true, |b| b.is_empty()) {
                break;
            }
        }
        drop(r);
        Some(Pack { file: Some(std::sync::Mutex::new(file)), index, end: at, len })
    }

    /// `len` bytes at `at`.
    fn read(&self, at: u64, len: u64) -> Option<Vec<u8>> {
        use std::io::{Read, Seek};
        let mut file = self.file.as_ref()?.lock().ok()?;
        file.seek(std::io::SeekFrom::Start(at)).ok()?;
        let mut buf = vec![0u8; usize::try_from(len).ok()?];
        file.read_exact(&mut buf).ok()?;
        Some(buf)
    }

    /// The payload at (offset, length) when its checksum (the 32 bytes after it) holds.
    fn verified(&self, (at, len): (u64, u64)) -> Option<Vec<u8>> {
        let mut bytes = self.read(at, len + 32)?;
        let sum = bytes.split_off(usize::try_from(len).ok()?);
        (Sha256::digest(&bytes)[..] == *sum).then_some(bytes)
    }

    /// An entry's parse, when it decodes completely.
    pub fn decode(raw: &[u8]) -> Option<FileResult> {
        let _sharing = crate::ground::model::SharingScope::new();
        let (file, read) = bincode::serde::decode_from_slice(raw, bincode::config::standard()).ok()?;
        (read == raw.len()).then_some(file)
    }
}

#[cfg(test)]
impl Pack {
    fn entries(&self) -> usize {
        self.index.len()
    }

    fn load(&self, key: &str) -> Option<FileResult> {
        Self::decode(&self.verified(*self.index.get(key)?)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    fn file(rel: &str, size: u64) -> FileResult {
        FileResult {
            rel: rel.into(),
            size,
            modified: None,
            skip: Some("contoh".into()),
            skip_harmless: false,
            format: Some("xlsx".into()),
            sheets: Vec::new(),
            issues: Vec::new(),
            name_month: None,
        }
    }

    #[test]
    fn pack_round_trip_and_damage() {
        let dir = std::env::temp_dir().join(format!("bk-pack-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let cache = Cache::new(&dir);
        assert_eq!(cache.open_pack().entries(), 0, "no pack yet");
        let (a, b, c) = (file("a.xlsx", 1), file("b.xlsx", 22), file("c.xlsx", 333));
        let parses = cache.parses(&[], "cfg");
        for (k, f) in ["ka", "kb", "kc"].iter().zip([&a, &b, &c]) {
            assert!(parses.append(k, &Cache::encode(f).unwrap()));
        }
        // Read back by the same run.
        assert_eq!(Pack::decode(&parses.raw("kb").unwrap()).unwrap().size, 22);
        parses.finish().unwrap();
        let pack = cache.open_pack();
        assert_eq!(pack.entries(), 3);
        assert_eq!(pack.load("kb").unwrap().size, 22);
        assert_eq!(pack.load("kc").unwrap().rel, "c.xlsx");
        assert!(pack.load("kd").is_none());

        let path = dir.join(".cache").join("parses.bin");
        let bytes = std::fs::read(&path).unwrap();
        // A changed byte in b's payload: b is parsed again, a and c still load.
        let b_at = bytes.windows(6).position(|w| w == b"b.xlsx").unwrap();
        let mut damaged = bytes.clone();
        damaged[b_at] ^= 1;
        std::fs::write(&path, &damaged).unwrap();
        let pack = cache.open_pack();
        assert!(pack.load("kb").is_none());
        assert_eq!(pack.load("ka").unwrap().size, 1);
        assert_eq!(pack.load("kc").unwrap().size, 333);
        // Cut short inside c: a and b remain.
        std::fs::write(&path, &bytes[..bytes.len() - 10]).unwrap();
        let pack = cache.open_pack();
        assert_eq!((pack.entries(), pack.load("kb").map(|f| f.size)), (2, Some(22)));
        assert!(pack.load("kc").is_none());
        // Zeros (a torn write after a power cut) or another format: nothing.
        std::fs::write(&path, vec![0u8; bytes.len()]).unwrap();
        assert_eq!(cache.open_pack().entries(), 0);
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn fp(rel: &str) -> Option<Fingerprint> {
        Some(Fingerprint { rel: rel.into(), size: 1, mtime_ns: 1, sha256: format!("sha-{rel}") })
    }

    #[test]
    fn the_pack_is_appended_to_and_compacted_when_mostly_stale() {
        let dir = std::env::temp_dir().join(format!("bk-pack-append-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let cache = Cache::new(&dir);
        let enc = |rel: &str| Cache::encode(&file(rel, 7)).unwrap();
        let key = |rel: &str| Cache::key(&fp(rel).unwrap(), "cfg");
        let run = |rels: &[&str], fresh: &[&str]| {
            let fps: Vec<_> = rels.iter().map(|r| fp(r)).collect();
            let parses = cache.parses(&fps, "cfg");
            for r in fresh {
                parses.append(&key(r), &enc(r));
            }
            parses.finish().unwrap();
            let pack = cache.open_pack();
            let mut kept: Vec<String> = ["a", "b", "c"]
                .iter()
                .filter(|r| pack.load(&key(r)).is_some())
                .map(|r| r.to_string())
                .collect();
            kept.sort();
            kept
        };
        assert_eq!(run(&["a", "b"], &["a", "b"]), ["a", "b"]);
        // b changed into c: a and b stay (half of the pack is live), c is appended.
        assert_eq!(run(&["a", "c"], &["c"]), ["a", "b", "c"]);
        // Only c left: the stale a and b outweigh it, the pack is rewritten first.
        assert_eq!(run(&["c"], &[]), ["c"]);
        // A run killed while appending leaves a torn entry: it is cut off, the next entries load.
        let path = dir.join(".cache").join("parses.bin");
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend_from_slice(&[5, b'k', b'e']);
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(run(&["c", "a"], &["a"]), ["a", "c"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn reading_goes_on_when_the_pack_cannot_be_written() {
        let dir = std::env::temp_dir().join(format!("bk-pack-fail-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // `.cache` is a file: not even the temporary pack can be created.
        std::fs::write(dir.join(".cache"), b"x").unwrap();
        let cache = Cache::new(&dir);
        let parses = cache.parses(&[], "cfg");
        assert!(!parses.append("k", b"payload") && !parses.intact());
        assert!(parses.finish().is_err());
        // The pack's name is taken by a folder: nothing is put in place, nothing left behind.
        std::fs::remove_file(dir.join(".cache")).unwrap();
        std::fs::create_dir_all(dir.join(".cache").join("parses.bin")).unwrap();
        let parses = cache.parses(&[], "cfg");
        assert!(!parses.append("k", b"payload"));
        assert!(parses.finish().is_err());
        let leftovers: Vec<_> = std::fs::read_dir(dir.join(".cache")).unwrap().flatten().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
