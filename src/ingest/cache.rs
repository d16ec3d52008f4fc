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

use crate::ground::settings::Settings;
use crate::ingest::FileResult;
use crate::ingest::discover::Found;

use crate::ground::TOOL_VERSION;

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

use crate::ground::fsio::hex;
use crate::ground::fsio::sha256_hex;

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
            let sha256 = crate::ground::fsio::file_digest(&f.path).map(|(_, digest)| hex(&digest))?;
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
        let live_bytes: usize = pack
            .index
            .iter()
            .filter(|(k, _)| live.contains(k.as_str()))
            .map(|(k, r)| 1 + k.len() + 8 + r.len() + 32)
            .sum();
        let stale = pack.bytes.len().saturating_sub(PACK_MAGIC.len() + live_bytes);
        let mut opened = Ok(());
        if pack.bytes.is_empty() || stale > live_bytes {
            // Rewrite with the live entries (verbatim, checksums included).
            let kept: Vec<(String, std::ops::Range<usize>)> = pack
                .index
                .iter()
                .filter(|(k, _)| live.contains(k.as_str()))
                .map(|(k, r)| (k.clone(), r.clone()))
                .collect();
            let bytes = &pack.bytes;
            opened = crate::ground::fsio::write_replace_with(&self.pack_path(), |w| {
                w.write_all(PACK_MAGIC)?;
                for (key, range) in &kept {
                    let sum = bytes.get(range.end..range.end + 32).unwrap_or(&[0; 32]);
                    write_entry(w, key, bytes.get(range.clone()).unwrap_or(&[]), sum)?;
                }
                Ok(())
            });
            let _ = std::fs::remove_dir_all(self.dir.join("files"));
            pack = self.open_pack();
        } else if pack.end < pack.bytes.len() {
            opened = std::fs::OpenOptions::new()
                .write(true)
                .open(self.pack_path())
                .and_then(|f| f.set_len(pack.end as u64));
        }
        let writer = opened
            .and_then(|()| std::fs::OpenOptions::new().append(true).open(self.pack_path()))
            .map(|f| std::sync::Mutex::new(std::io::BufWriter::new(f)));
        let (writer, error) = match writer {
            Ok(w) => (Some(w), None),
            Err(e) => (None, Some(e)),
        };
        Parses { pack, keys, writer, failed: Default::default(), error }
    }

    /// The cached parses of the last run; empty when there are none or the pack is unreadable.
    pub fn open_pack(&self) -> Pack {
        std::fs::read(self.pack_path()).map(Pack::from_bytes).unwrap_or_default()
    }

    /// A parse, encoded for the pack (called by the parsing workers).
    pub fn encode(file: &FileResult) -> Option<Vec<u8>> {
        let _sharing = crate::ground::model::SharingScope::new();
        bincode::serde::encode_to_vec(file, bincode::config::standard()).ok()
    }

    /// Runs `body` with a writer for a new pack, which replaces the old one once `body` is
    /// done and every entry it added was written (the entries added are all that is kept).
    /// Not flushed to disk: the cache is disposable, and every entry carries its checksum.
    /// `body` runs in any case; a pack that cannot be written is the error beside its result.
    pub fn rewrite_pack<T: Default>(&self, body: impl FnOnce(&PackWriter) -> T) -> (T, std::io::Result<()>) {
        let mut body = Some(body);
        let mut out = None;
        let written = crate::ground::fsio::write_replace_with(&self.pack_path(), |w| {
            w.write_all(PACK_MAGIC)?;
            let writer = PackWriter { out: Some(std::sync::Mutex::new(w)), failed: Default::default() };
            if let Some(body) = body.take() {
                out = Some(body(&writer));
            }
            match writer.failed.load(std::sync::atomic::Ordering::Relaxed) {
                false => Ok(()),
                true => Err(std::io::Error::other(PackError::EntryNotWritten)),
            }
        });
        if written.is_ok() {
            // The per-file cache of earlier versions.
            let _ = std::fs::remove_dir_all(self.dir.join("files"));
        }
        match (out, body.take()) {
            (Some(t), _) => (t, written),
            // The pack could not even be created: run without one.
            (None, Some(body)) => (body(&PackWriter { out: None, failed: Default::default() }), written),
            // Cannot happen: `body` either ran or is still here.
            (None, None) => (T::default(), written),
        }
    }
}

/// Why a new pack is not put in place (beside the file system's own errors).
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// A worker's entry failed to write: the pack would lack it, so the old one stays.
    #[error("entri cache gagal ditulis")]
    EntryNotWritten,
}

/// Adds entries to the pack being written, from any thread.
pub struct PackWriter<'a> {
    out: Option<std::sync::Mutex<&'a mut (dyn std::io::Write + Send)>>,
    failed: std::sync::atomic::AtomicBool,
}

impl PackWriter<'_> {
    /// Appends one encoded parse under `key`.
    pub fn add(&self, key: &str, payload: &[u8]) {
        use std::sync::atomic::Ordering;
        let Some(out) = &self.out else { return };
        if self.failed.load(Ordering::Relaxed) {
            return;
        }
        let sum = Sha256::digest(payload);
        let Ok(mut w) = out.lock() else {
            self.failed.store(true, Ordering::Relaxed);
            return;
        };
        if write_entry(&mut **w, key, payload, &sum).is_err() {
            self.failed.store(true, Ordering::Relaxed);
        }
    }
}

/// One pack entry: key length, key, payload length, payload, the payload's SHA-256.
fn write_entry(
    w: &mut (dyn std::io::Write + Send),
    key: &str,
    payload: &[u8],
    sum: &[u8],
) -> std::io::Result<()> {
    let key = key.as_bytes();
    let key = key.get(..255).unwrap_or(key);
    w.write_all(&[key.len() as u8])?;
    w.write_all(key)?;
    w.write_all(&(payload.len() as u64).to_le_bytes())?;
    w.write_all(payload)?;
    w.write_all(sum)
}

/// The parse cache of one run (`Cache::parses`).
pub struct Parses {
    pack: Pack,
    /// Each found file's cache key (`None`: not fingerprinted, never cached).
    keys: Vec<Option<String>>,
    writer: Option<std::sync::Mutex<std::io::BufWriter<std::fs::File>>>,
    failed: std::sync::atomic::AtomicBool,
    /// Why the pack could not be opened for appending.
    error: Option<std::io::Error>,
}

impl Parses {
    /// Files `indices` of `found`, each taken from the cache or parsed (on every core), in
    /// the order given, with whether it was parsed. A fresh parse is appended to the pack by
    /// the worker that has it. `tick` is called once per file, as it is done.
    pub fn read(
        &self,
        found: &[Found],
        indices: &[usize],
        settings: &Settings,
        tick: &(dyn Fn() + Sync),
    ) -> Vec<(FileResult, bool)> {
        let chosen: Vec<Found> = indices.iter().filter_map(|&i| found.get(i).cloned()).collect();
        let key = |j: usize| indices.get(j).and_then(|&i| self.keys.get(i)?.as_deref());
        let cached = |j: usize| -> Option<FileResult> {
            let mut f = Pack::decode(self.pack.raw(key(j)?)?)?;
            // The content is the same; its modification time (which decides revisions) may not be.
            f.modified = std::fs::metadata(&chosen.get(j)?.path).ok().and_then(|m| m.modified().ok());
            Some(f)
        };
        let done = |j: usize, f: &FileResult, parsed: bool| {
            if let (true, Some(key)) = (parsed, key(j)) {
                if let Some(bytes) = Cache::encode(f) {
                    self.append(key, &bytes);
                }
            }
            tick();
        };
        crate::ingest::read_files_with(&chosen, settings, &cached, &done)
    }

    fn append(&self, key: &str, payload: &[u8]) {
        use std::sync::atomic::Ordering;
        let Some(out) = &self.writer else { return };
        let Ok(mut w) = out.lock() else {
            self.failed.store(true, Ordering::Relaxed);
            return;
        };
        if !self.failed.load(Ordering::Relaxed)
            && write_entry(&mut *w, key, payload, &Sha256::digest(payload)).is_err()
        {
            self.failed.store(true, Ordering::Relaxed);
        }
    }

    /// Flushes what was appended; an error says the next run may parse some files again.
    pub fn finish(self) -> std::io::Result<()> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if self.failed.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(std::io::Error::other(PackError::EntryNotWritten));
        }
        match self.writer.map(|w| w.into_inner()) {
            Some(Ok(mut w)) => std::io::Write::flush(&mut w),
            Some(Err(_)) => Err(std::io::Error::other(PackError::EntryNotWritten)),
            None => Ok(()),
        }
    }
}

const PACK_MAGIC: &[u8; 8] = b"BKPARSE1";

/// The parse cache as read: every entry's place in one buffer.
#[derive(Default)]
pub struct Pack {
    bytes: Vec<u8>,
    index: std::collections::HashMap<String, std::ops::Range<usize>>,
    /// Where the last intact entry ends (a damaged tail follows it).
    end: usize,
}

impl Pack {
    /// Indexes the entries; a damaged tail ends the index (what precedes it stays usable).
    fn from_bytes(bytes: Vec<u8>) -> Pack {
        let mut index = std::collections::HashMap::new();
        let end;
        if bytes.starts_with(PACK_MAGIC) {
            let mut at = PACK_MAGIC.len();
            while let Some((key, payload, next)) = Self::entry_at(&bytes, at) {
                // A key added again later (a file changed back) is the later entry.
                index.insert(key, payload);
                at = next;
            }
            end = at;
        } else {
            // Not a pack: nothing in it is worth keeping.
            return Pack::default();
        }
        Pack { bytes, index, end }
    }

    /// The entry at `at`: its key, the payload's range (its SHA-256 follows it), and where the
    /// next entry starts.
    fn entry_at(bytes: &[u8], at: usize) -> Option<(String, std::ops::Range<usize>, usize)> {
        let key_len = usize::from(*bytes.get(at)?);
        let key = std::str::from_utf8(bytes.get(at + 1..at + 1 + key_len)?).ok()?.to_string();
        let len_at = at + 1 + key_len;
        let len = u64::from_le_bytes(bytes.get(len_at..len_at + 8)?.try_into().ok()?);
        let start = len_at + 8;
        let end = start.checked_add(usize::try_from(len).ok()?)?;
        bytes.get(end..end.checked_add(32)?)?;
        Some((key, start..end, end + 32))
    }

    /// The encoded parse under `key` when its checksum (the 32 bytes after it) holds.
    pub fn raw(&self, key: &str) -> Option<&[u8]> {
        let range = self.index.get(key)?.clone();
        let sum = self.bytes.get(range.end..range.end + 32)?;
        let payload = self.bytes.get(range)?;
        (Sha256::digest(payload)[..] == *sum).then_some(payload)
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
    fn len(&self) -> usize {
        self.index.len()
    }

    fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    fn load(&self, key: &str) -> Option<FileResult> {
        Self::decode(self.raw(key)?)
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
        assert!(cache.open_pack().is_empty(), "no pack yet");
        let (a, b, c) = (file("a.xlsx", 1), file("b.xlsx", 22), file("c.xlsx", 333));
        let enc: Vec<Vec<u8>> = [&a, &b, &c].iter().map(|f| Cache::encode(f).unwrap()).collect();
        let ((), written) = cache.rewrite_pack(|w| {
            for (k, e) in ["ka", "kb", "kc"].iter().zip(&enc) {
                w.add(k, e);
            }
        });
        written.unwrap();
        let pack = cache.open_pack();
        assert_eq!(pack.len(), 3);
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
        assert_eq!((pack.len(), pack.load("kb").map(|f| f.size)), (2, Some(22)));
        assert!(pack.load("kc").is_none());
        // Zeros (a torn write after a power cut) or another format: nothing.
        std::fs::write(&path, vec![0u8; bytes.len()]).unwrap();
        assert!(cache.open_pack().is_empty());
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
        let (got, written) = cache.rewrite_pack(|w| {
            w.add("k", b"payload");
            vec![7]
        });
        assert_eq!((got, written.is_err()), (vec![7], true));
        // The pack's name is taken by a folder: written, but not put in place.
        std::fs::remove_file(dir.join(".cache")).unwrap();
        std::fs::create_dir_all(dir.join(".cache").join("parses.bin")).unwrap();
        let (got, written) = cache.rewrite_pack(|w| {
            w.add("k", b"payload");
            vec![8]
        });
        assert_eq!((got, written.is_err()), (vec![8], true));
        let leftovers: Vec<_> = std::fs::read_dir(dir.join(".cache")).unwrap().flatten().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
