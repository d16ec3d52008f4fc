//! Validated configuration (SPEC §8): the embedded default for Kota Mojokerto, overridden
//! per top-level table by `budaya-kerja.toml` (`[jadwal]` merges key by key). A bad file is a
//! `ConfigError` that names the key and the line; nothing is read or written before it is valid.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::ground::codes::CodeTable;
use crate::ground::schedule::{ClockRules, Hours, Jadwal, Schedule, ScheduleError, Schedules};
use crate::ground::text::norm_key;

const UNITS_CSV: &str = include_str!("../../data/units-mojokerto.csv");
const HOLIDAYS_CSV: &str = include_str!("../../data/holidays-2026.csv");

/// The placeholder signer of the embedded default; the PDF marks it until configured.
pub const PLACEHOLDER_SIGNER: &str = "NAMA PEJABAT";

/// The field names that `[kolom]` may give extra header synonyms for (SPEC §3.3).
pub const FIELDS: &[&str] = &[
    "nip",
    "nama",
    "nama_nip",
    "unit",
    "tanggal",
    "status",
    "menit_terlambat",
    "kegiatan",
    "kelompok",
    "bulan",
    "target",
    "realisasi",
    "nilai_perilaku",
    "rating_hasil",
    "rating_perilaku",
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
    "jabatan",
    "status_pegawai",
    "id_mesin",
    "enroll_id",
    "waktu",
    "jam",
    "jam_masuk",
    "jam_pulang",
    "menit_pulang_cepat",
    "shift",
    "dept",
    "mulai",
    "berhenti",
    // SPEC §11.1: the KBK sheets.
    "no_sk",
    "tanggal_sk",
    "fasilitator",
    "tema",
    "indikator",
    "satuan",
    "nilai_awal",
    "rencana_selesai",
    "peran",
    "pertemuan_ke",
    "durasi",
    "langkah",
    "agenda",
    "hasil",
    "rencana_mulai",
    "realisasi_mulai",
    "realisasi_selesai",
    "nilai",
    "manfaat",
    "kategori",
    "kriteria",
    "juri",
];

/// The unit types of SPEC §3.6, in report order.
pub const UNIT_TYPES: &[&str] =
    &["Perangkat Daerah", "Kecamatan", "Kelurahan", "Puskesmas", "UPTD Pendidikan"];

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Organisasi {
    pub pemerintah: String,
    pub perangkat: String,
    pub bagian: String,
    pub alamat: String,
    pub kota: String,
}

impl Default for Organisasi {
    fn default() -> Self {
        Self {
            pemerintah: "PEMERINTAH KOTA MOJOKERTO".into(),
            perangkat: "SEKRETARIAT DAERAH".into(),
            bagian: "BAGIAN ORGANISASI".into(),
            alamat: String::new(),
            kota: "Mojokerto".into(),
        }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Penandatangan {
    pub jabatan: String,
    pub nama: String,
    pub pangkat: String,
    pub nip: String,
}

impl Default for Penandatangan {
    fn default() -> Self {
        Self {
            jabatan: "Kepala Bagian Organisasi".into(),
            nama: PLACEHOLDER_SIGNER.into(),
            pangkat: "Pembina Tingkat I".into(),
            nip: "197001012000031001".into(),
        }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Band<T> {
    pub min: T,
    pub nama: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Penilaian {
    pub bobot_hasil: f64,
    pub bobot_perilaku: f64,
    /// Highest band first.
    pub predikat: Vec<Band<f64>>,
}

impl Default for Penilaian {
    fn default() -> Self {
        let band = |min: f64, nama: &str| Band { min, nama: nama.into() };
        Self {
            bobot_hasil: 0.6,
            bobot_perilaku: 0.4,
            predikat: vec![
                band(91.0, "Sangat Baik"),
                band(76.0, "Baik"),
                band(61.0, "Cukup"),
                band(51.0, "Kurang"),
                band(0.0, "Buruk"),
            ],
        }
    }
}

impl Penilaian {
    /// The predikat band of a nilai_kinerja.
    pub fn predikat(&self, nilai: f64) -> Option<&str> {
        self.predikat.iter().find(|b| nilai >= b.min).map(|b| b.nama.as_str())
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Disiplin {
    /// Lowest tier first.
    pub tingkat: Vec<Band<u32>>,
    pub berturut: u32,
}

impl Default for Disiplin {
    fn default() -> Self {
        let band = |min: u32, nama: &str| Band { min, nama: nama.into() };
        Self {
            tingkat: vec![
                band(3, "Ringan: teguran lisan"),
                band(4, "Ringan: teguran tertulis"),
                band(7, "Ringan: pernyataan tidak puas"),
                band(11, "Sedang: potongan TPP 25% 6 bulan"),
                band(14, "Sedang: potongan TPP 25% 9 bulan"),
                band(17, "Sedang: potongan TPP 25% 12 bulan"),
                band(21, "Berat: penurunan jabatan"),
                band(25, "Berat: pembebasan dari jabatan"),
                band(28, "Berat: pemberhentian"),
            ],
            berturut: 10,
        }
    }
}

impl Disiplin {
    /// The tier for a year's cumulative TK days and longest TK run; empty below the first.
    pub fn status(&self, tk_kumulatif: u64, tk_berturut: u64) -> String {
        if tk_berturut >= u64::from(self.berturut) {
            if let Some(top) = self.tingkat.iter().max_by_key(|b| b.min) {
                return top.nama.clone();
            }
        }
        self.tingkat
            .iter()
            .filter(|b| tk_kumulatif >= u64::from(b.min))
            .max_by_key(|b| b.min)
            .map(|b| b.nama.clone())
            .unwrap_or_default()
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Libur {
    /// `YYYY-MM-DD`.
    pub tanggal: Vec<String>,
}

impl Default for Libur {
    fn default() -> Self {
        let tanggal = HOLIDAYS_CSV
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .filter(|d| !d.trim().is_empty())
            .map(|d| d.trim().to_string())
            .collect();
        Self { tanggal }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Batas {
    pub sel_per_lembar: u64,
    /// Uncompressed size of one part of a zip container, in bytes.
    pub ukuran_bagian_zip: u64,
    pub karakter_per_sel: u64,
}

impl Default for Batas {
    fn default() -> Self {
        Self { sel_per_lembar: 5_000_000, ukuran_bagian_zip: 512 * 1024 * 1024, karakter_per_sel: 32_767 }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub kode: String,
    pub nama: String,
    pub jenis: String,
    #[serde(default)]
    pub alias: Vec<String>,
}

/// `[kbk]` (SPEC §11): the thresholds of the Kelompok Budaya Kerja programme, which no
/// regulation fixes. Merged key by key with the default, like `[jadwal]`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Kbk {
    pub min_anggota: u32,
    pub maks_anggota: u32,
    pub pertemuan_per_bulan: u32,
    /// A group without a meeting in this many months (the report month included) is
    /// `Tidak aktif`.
    pub bulan_tidak_aktif: u32,
    /// The weights of the composite ranking used when no juri scores are given.
    pub peringkat: Peringkat,
    /// Contest criteria with their weights (`[[kbk.penilaian]]`), for juri scores.
    pub penilaian: Vec<Kriteria>,
}

impl Default for Kbk {
    fn default() -> Self {
        Self {
            min_anggota: 3,
            maks_anggota: 10,
            pertemuan_per_bulan: 2,
            bulan_tidak_aktif: 2,
            peringkat: Peringkat::default(),
            penilaian: Vec::new(),
        }
    }
}

/// The weights of the composite KBK ranking (SPEC §11.2).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Peringkat {
    pub kemajuan: f64,
    pub tepat_waktu: f64,
    pub kehadiran_anggota: f64,
    pub ketercapaian: f64,
}

impl Default for Peringkat {
    fn default() -> Self {
        Self { kemajuan: 0.4, tepat_waktu: 0.2, kehadiran_anggota: 0.2, ketercapaian: 0.2 }
    }
}

/// One contest criterion (`[[kbk.penilaian]]`).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Kriteria {
    pub kriteria: String,
    pub bobot: f64,
}

/// The configuration file as written: every top-level table optional.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub organisasi: Organisasi,
    pub penandatangan: Penandatangan,
    pub penilaian: Penilaian,
    pub disiplin: Disiplin,
    pub kode: BTreeMap<String, Vec<String>>,
    pub kolom: BTreeMap<String, Vec<String>>,
    pub libur: Libur,
    pub batas: Batas,
    pub jadwal: Jadwal,
    pub kbk: Kbk,
    pub unit: Vec<Unit>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            organisasi: Organisasi::default(),
            penandatangan: Penandatangan::default(),
            penilaian: Penilaian::default(),
            disiplin: Disiplin::default(),
            kode: BTreeMap::new(),
            kolom: BTreeMap::new(),
            libur: Libur::default(),
            batas: Batas::default(),
            jadwal: Jadwal::default(),
            kbk: Kbk::default(),
            unit: default_units(),
        }
    }
}

/// The embedded unit list of Kota Mojokerto (data/units-mojokerto.csv).
pub fn default_units() -> Vec<Unit> {
    UNITS_CSV
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|line| {
            let f = split_csv_line(line);
            let [kode, nama, jenis, alias] = f.as_slice() else {
                return None;
            };
            Some(Unit {
                kode: kode.clone(),
                nama: nama.clone(),
                jenis: jenis.clone(),
                alias: alias.split('|').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect(),
            })
        })
        .collect()
}

/// Minimal RFC 4180 field splitter for the embedded CSVs (quoted fields with commas).
fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("berkas konfigurasi {path} tidak dapat dibaca: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("konfigurasi {path} tidak valid, baris {line}: {message}")]
    Invalid { path: String, line: usize, message: String },
}

/// The validated settings every stage reads.
#[derive(Clone, Debug)]
pub struct Settings {
    pub config: Config,
    pub codes: Arc<CodeTable>,
    pub holidays: Vec<NaiveDate>,
    /// `norm_key(code | name | alias)` → index into `config.unit`.
    unit_index: BTreeMap<String, usize>,
    /// The working hours of `[jadwal]`, resolved per unit.
    schedules: Schedules,
    /// Short hash of the effective configuration, for the manifest and cache.
    pub config_hash: String,
}

impl Settings {
    /// The embedded default for Kota Mojokerto (tested to be valid).
    pub fn embedded() -> Result<Self, ConfigError> {
        Self::from_config(Config::default(), "", "(bawaan)")
    }

    /// Reads `path`, or the embedded default when `path` is `None`.
    pub fn load(path: Option<&Path>) -> Result<Self, ConfigError> {
        let Some(path) = path else {
            return Self::embedded();
        };
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Read { path: shown.clone(), source })?;
        Self::parse(&text, &shown)
    }

    /// Parses a configuration text (`shown` names it in messages).
    pub fn parse(text: &str, shown: &str) -> Result<Self, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            let message = translate_toml_error(e.message());
            // A wrong value names its key (the error itself only says what type it expected).
            let message = match key_on_line(text, line) {
                Some(key) if message.starts_with("jenis nilai salah") => {
                    format!("kunci \"{key}\": {message}")
                }
                _ => message,
            };
            ConfigError::Invalid { path: shown.to_string(), line, message }
        })?;
        Self::from_config(config, text, shown)
    }

    fn from_config(config: Config, text: &str, shown: &str) -> Result<Self, ConfigError> {
        let invalid = |e: Invalid| ConfigError::Invalid {
            path: shown.to_string(),
            line: line_of_key(text, &e.key),
            message: format!("kunci \"{}\": {}", e.key, e.message),
        };
        check_units(&config.unit).map_err(invalid)?;
        let unit_index = unit_index(&config.unit);
        check_rules(&config).map_err(invalid)?;
        let extra: Vec<(String, Vec<String>)> =
            config.kode.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        let codes = CodeTable::new(&extra).map_err(|e| invalid(Invalid::new("kode", e.to_string())))?;
        let holidays = holidays(&config.libur.tanggal).map_err(invalid)?;
        let schedules = Schedules::build(&config.jadwal, &config.unit).map_err(|e| ConfigError::Invalid {
            path: shown.to_string(),
            line: line_in_jadwal(text, &e),
            message: e.to_string(),
        })?;
        let config_hash = fnv_hex(&format!("{config:?}"));
        Ok(Self { config, codes: Arc::new(codes), holidays, unit_index, schedules, config_hash })
    }

    /// The configured unit whose code, official name or alias matches `text`.
    pub fn unit_by_text(&self, text: &str) -> Option<&Unit> {
        self.unit_index.get(&norm_key(text)).and_then(|&i| self.config.unit.get(i))
    }

    pub fn unit_by_code(&self, kode: &str) -> Option<&Unit> {
        self.config.unit.iter().find(|u| u.kode == kode)
    }

    /// Up to three configured units closest to `text`, for a rejection message: units
    /// sharing a distinctive word first (`Pariwisata`), then by edit distance.
    pub fn unit_suggestions(&self, text: &str) -> Vec<String> {
        let key = norm_key(text);
        let words = distinctive_words(text);
        let mut scored: Vec<(i64, usize)> = self
            .config
            .unit
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let names = std::iter::once(&u.kode).chain(std::iter::once(&u.nama)).chain(u.alias.iter());
                let mut best = i64::MAX;
                for n in names {
                    let shared = distinctive_words(n).iter().filter(|w| words.contains(w)).count() as i64;
                    let d = similarity_distance(&key, &norm_key(n)) as i64 - 100 * shared;
                    best = best.min(d);
                }
                (best, i)
            })
            .collect();
        scored.sort();
        scored
            .into_iter()
            .take(3)
            .filter_map(|(_, i)| self.config.unit.get(i))
            .map(|u| format!("{} ({})", u.nama, u.kode))
            .collect()
    }

    /// The extra header synonyms configured for `field`.
    pub fn column_synonyms(&self, field: &str) -> &[String] {
        self.config.kolom.get(field).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn is_holiday(&self, d: NaiveDate) -> bool {
        self.holidays.binary_search(&d).is_ok()
    }

    /// The schedule that judges a unit's clock times (SPEC §3.9): a `[[jadwal.unit]]` entry
    /// naming its kode, else one naming its jenis, else the default (`Bawaan`).
    pub fn schedule_for(&self, kode: &str, jenis: &str) -> &Schedule {
        self.schedules.for_unit(kode, jenis)
    }

    /// `toleransi_menit`, `jeda_scan`, `batas_tengah` and `pita` of `[jadwal]`.
    pub fn clock_rules(&self) -> &ClockRules {
        &self.schedules.rules
    }

    /// The hours `schedule` works on `date`; `None` on its days off and on holidays.
    pub fn working_hours(&self, schedule: &Schedule, date: NaiveDate) -> Option<Hours> {
        if self.is_holiday(date) {
            return None;
        }
        schedule.hours(date.weekday())
    }
}

/// Lower-case words of a unit name that tell units apart (not `dinas`, `kota`, …).
fn distinctive_words(s: &str) -> Vec<String> {
    const GENERIC: &[&str] = &[
        "dinas",
        "badan",
        "kota",
        "mojokerto",
        "dan",
        "kantor",
        "bagian",
        "kecamatan",
        "kelurahan",
        "kec",
        "kel",
        "upt",
        "uptd",
        "daerah",
        "unit",
        "kerja",
        "satuan",
        "perangkat",
    ];
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !GENERIC.contains(&w.as_str()))
        .collect()
}

/// Edit distance on normalised keys, with a bonus when one contains the other.
fn similarity_distance(a: &str, b: &str) -> usize {
    if !a.is_empty() && (b.contains(a) || a.contains(b)) {
        return a.len().abs_diff(b.len()) / 4;
    }
    levenshtein(a, b)
}

pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

fn line_of(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len())).map(|t| t.lines().count().max(1)).unwrap_or(1)
        + usize::from(text.as_bytes().get(byte.saturating_sub(1)) == Some(&b'\n'))
}

/// The key that line `line` (1-based) assigns, if it is a `key = value` line.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let (key, _) = l.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[') && !key.starts_with('#')).then(|| key.to_string())
}

/// The first line that assigns `key` (or opens a table of that name), else 1.
fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let t = l.trim_start().trim_start_matches('[').trim_start_matches('[');
            t.starts_with(key) && t[key.len()..].trim_start().starts_with(['=', ']'])
        })
        .map(|i| i + 1)
        .unwrap_or(1)
}

/// The line of a `[jadwal]` error: the key inside the `[jadwal]` tables (inside the entry's
/// `[[jadwal.unit]]` block when it is about one), also in inline tables; else 1.
fn line_in_jadwal(text: &str, e: &ScheduleError) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let header = |l: &str| l.trim_start().starts_with('[');
    let start = match e.entry {
        Some(n) => {
            lines.iter().enumerate().filter(|(_, l)| l.trim_start().starts_with("[[jadwal.unit]]")).nth(n)
        }
        None => lines.iter().enumerate().find(|(_, l)| l.trim_start().starts_with("[jadwal")),
    };
    let Some((start, _)) = start else {
        return line_of_key(text, &e.key);
    };
    let assigns = |l: &str| {
        l.match_indices(e.key.as_str()).any(|(i, _)| {
            let before = l[..i].chars().last().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            before && l[i + e.key.len()..].trim_start().starts_with('=')
        })
    };
    let in_block = |i: usize, l: &str| e.entry.is_none() || i == start || !header(l);
    lines
        .iter()
        .enumerate()
        .skip(start)
        .take_while(|&(i, l)| in_block(i, l))
        .find(|(_, l)| assigns(l))
        .map(|(i, _)| i + 1)
        .unwrap_or(start + 1)
}

fn translate_toml_error(msg: &str) -> String {
    let m = msg.trim();
    if let Some(rest) = m.strip_prefix("unknown field") {
        let rest =
            rest.replace("expected one of", "kunci yang dikenal:").replace("expected", "kunci yang dikenal:");
        return format!("kunci tidak dikenal{rest} (periksa ejaannya)");
    }
    if let Some(rest) = m.strip_prefix("invalid type:") {
        return format!("jenis nilai salah:{}", rest.replace("expected", "seharusnya"));
    }
    if m.starts_with("missing field") {
        return format!("kunci wajib tidak ada: {}", m.trim_start_matches("missing field").trim());
    }
    format!("kesalahan penulisan TOML: {m}")
}

/// 64-bit FNV-1a, hex: a stable short fingerprint (not for security).
pub fn fnv_hex(s: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// The embedded default as a commented `budaya-kerja.toml` (`config --default`).
pub fn default_config_text() -> String {
    let c = Config::default();
    let mut t = String::new();
    let o = &c.organisasi;
    let p = &c.penandatangan;
    let n = &c.penilaian;
    let _ = writeln!(t, "# budaya-kerja.toml — konfigurasi laporan budaya kerja.");
    let _ = writeln!(t, "# Setiap tabel yang ditulis di sini menggantikan tabel bawaan yang sama;");
    let _ = writeln!(t, "# tabel yang tidak ditulis memakai nilai bawaan Kota Mojokerto. [jadwal]");
    let _ = writeln!(t, "# digabung per kunci: kunci yang tidak ditulis tetap bawaan.");
    let _ = writeln!(t, "# Kunci yang salah eja ditolak agar kesalahan tidak terlewat.\n");
    let _ = writeln!(t, "[organisasi]                 # kop surat dan tempat tanda tangan");
    let _ = writeln!(t, "pemerintah = {}", toml_str(&o.pemerintah));
    let _ = writeln!(t, "perangkat = {}", toml_str(&o.perangkat));
    let _ = writeln!(t, "bagian = {}", toml_str(&o.bagian));
    let _ =
        writeln!(t, "alamat = {}                  # alamat kantor; kosong sampai diisi", toml_str(&o.alamat));
    let _ = writeln!(t, "kota = {}\n", toml_str(&o.kota));
    let _ = writeln!(t, "[penandatangan]              # ganti dengan pejabat yang sebenarnya");
    let _ = writeln!(t, "jabatan = {}", toml_str(&p.jabatan));
    let _ = writeln!(t, "nama = {}", toml_str(&p.nama));
    let _ = writeln!(t, "pangkat = {}", toml_str(&p.pangkat));
    let _ = writeln!(t, "nip = {}\n", toml_str(&p.nip));
    let _ = writeln!(
        t,
        "[penilaian]                  # nilai_kinerja = bobot_hasil × min(capaian, 100) + bobot_perilaku × nilai_perilaku"
    );
    let _ = writeln!(t, "bobot_hasil = {:?}", n.bobot_hasil);
    let _ = writeln!(t, "bobot_perilaku = {:?}", n.bobot_perilaku);
    let _ = writeln!(t, "predikat = [");
    for b in &n.predikat {
        let _ = writeln!(t, "  {{ min = {:?}, nama = {} }},", b.min, toml_str(&b.nama));
    }
    let _ = writeln!(t, "]\n");
    let _ = writeln!(
        t,
        "[disiplin]                   # hari TK kumulatif per tahun (PP 94/2021); peringatan dini, bukan putusan"
    );
    let _ = writeln!(t, "tingkat = [");
    for b in &c.disiplin.tingkat {
        let _ = writeln!(t, "  {{ min = {}, nama = {} }},", b.min, toml_str(&b.nama));
    }
    let _ = writeln!(t, "]");
    let _ = writeln!(
        t,
        "berturut = {}                # hari TK berturut-turut yang langsung berarti tingkat terberat\n",
        c.disiplin.berturut
    );
    let _ = writeln!(t, "[kode]                       # alias tambahan untuk kode status, misalnya:");
    let _ = writeln!(t, "# H = [\"Hadir\", \"Masuk\", \"NL\"]\n");
    let _ = writeln!(t, "[kolom]                      # sinonim judul kolom tambahan, misalnya:");
    let _ = writeln!(t, "# nip = [\"NIP Pegawai\"]\n");
    let _ =
        writeln!(t, "[libur]                      # hari libur nasional dan cuti bersama (SKB 3 Menteri)");
    let _ = writeln!(t, "tanggal = [");
    for d in &c.libur.tanggal {
        let _ = writeln!(t, "  {},", toml_str(d));
    }
    let _ = writeln!(t, "]\n");
    let b = &c.batas;
    let _ = writeln!(t, "[batas]");
    let _ = writeln!(t, "sel_per_lembar = {}", b.sel_per_lembar);
    let _ = writeln!(t, "ukuran_bagian_zip = {}", b.ukuran_bagian_zip);
    let _ = writeln!(t, "karakter_per_sel = {}\n", b.karakter_per_sel);
    write_jadwal(&mut t, &c.jadwal);
    write_kbk(&mut t, &c.kbk);
    let _ = writeln!(t, "# Daftar unit: urutan di sini = urutan di laporan.");
    let _ = writeln!(t, "# jenis: {}", UNIT_TYPES.join(" | "));
    for u in &c.unit {
        let _ = writeln!(t, "\n[[unit]]");
        let _ = writeln!(t, "kode = {}", toml_str(&u.kode));
        let _ = writeln!(t, "nama = {}", toml_str(&u.nama));
        let _ = writeln!(t, "jenis = {}", toml_str(&u.jenis));
        let _ = writeln!(t, "alias = {}", toml_list(&u.alias));
    }
    t
}

/// `[jadwal]` as SPEC §8 prints it, with the commented `[[jadwal.unit]]` example.
fn write_jadwal(t: &mut String, j: &Jadwal) {
    let pita: Vec<String> = j.pita.iter().map(u32::to_string).collect();
    let _ =
        writeln!(t, "[jadwal]                     # §3.9: jam kerja untuk menilai jam scan mesin absensi");
    let _ = writeln!(
        t,
        "toleransi_menit = {}          # menit sesudah jam masuk yang belum terlambat",
        j.toleransi_menit
    );
    let _ = writeln!(
        t,
        "jeda_scan = {}                # scan kurang dari sekian menit sesudah scan sebelumnya = duplikat",
        j.jeda_scan
    );
    let _ = writeln!(
        t,
        "batas_tengah = {}       # scan tunggal sebelum jam ini = masuk, sesudahnya = pulang",
        toml_str(&j.batas_tengah)
    );
    let _ = writeln!(
        t,
        "pita = [{}]          # pita TL/PSW 1-30, 31-60, 61-90, >90 atau tidak absen\n",
        pita.join(", ")
    );
    let _ = writeln!(
        t,
        "[jadwal.hari]                # hari yang tidak ditulis tetap bawaan (sabtu, minggu: libur)"
    );
    for (key, value) in j.hari.days() {
        if let Some(value) = value {
            let _ = writeln!(t, "{key} = {}", toml_str(value));
        }
    }
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "# [[jadwal.unit]]            # per kode unit (kode = [\"PKM-KRANGGAN\"]) atau per jenis"
    );
    let _ = writeln!(t, "# nama = \"Puskesmas\"");
    let _ = writeln!(t, "# jenis = \"Puskesmas\"");
    let _ = writeln!(t, "# hari = {{ sabtu = \"07:30-12:00\" }}");
    let _ = writeln!(t, "# shift = [ {{ nama = \"Malam\", jam = \"21:00-07:00\" }} ]\n");
}

/// `[kbk]` as SPEC §8 prints it, with the commented `[[kbk.penilaian]]` example.
fn write_kbk(t: &mut String, k: &Kbk) {
    let p = &k.peringkat;
    let _ = writeln!(
        t,
        "[kbk]                        # §11: Kelompok Budaya Kerja; tidak ada regulasi yang menetapkan angka ini"
    );
    let _ = writeln!(
        t,
        "min_anggota = {}              # anggota paling sedikit (fasilitator tidak dihitung)",
        k.min_anggota
    );
    let _ = writeln!(t, "maks_anggota = {}            # anggota paling banyak", k.maks_anggota);
    let _ = writeln!(t, "pertemuan_per_bulan = {}      # target pertemuan per bulan", k.pertemuan_per_bulan);
    let _ = writeln!(
        t,
        "bulan_tidak_aktif = {}        # tanpa pertemuan selama sekian bulan (bulan laporan termasuk) = tidak aktif",
        k.bulan_tidak_aktif
    );
    let _ = writeln!(
        t,
        "peringkat = {{ kemajuan = {:?}, tepat_waktu = {:?}, kehadiran_anggota = {:?}, ketercapaian = {:?} }}",
        p.kemajuan, p.tepat_waktu, p.kehadiran_anggota, p.ketercapaian
    );
    for c in &k.penilaian {
        let _ =
            writeln!(t, "\n[[kbk.penilaian]]\nkriteria = {}\nbobot = {:?}", toml_str(&c.kriteria), c.bobot);
    }
    let _ = writeln!(
        t,
        "# [[kbk.penilaian]]          # kriteria lomba KBK, bila ada nilai juri (lembar penilaian KBK)"
    );
    let _ = writeln!(t, "# kriteria = \"Pemilihan tema\"");
    let _ = writeln!(t, "# bobot = 0.10\n");
}

/// A configuration value that breaks a rule: the key to look at, and why.
struct Invalid {
    key: String,
    message: String,
}

impl Invalid {
    fn new(key: &str, message: impl Into<String>) -> Self {
        Invalid { key: key.to_string(), message: message.into() }
    }
}

/// The unit list: not empty, each with a code, a name and a known type, codes unique.
fn check_units(units: &[Unit]) -> Result<(), Invalid> {
    if units.is_empty() {
        return Err(Invalid::new(
            "unit",
            "daftar unit kosong; isi minimal satu [[unit]] dengan kode, nama dan jenis",
        ));
    }
    let mut codes_seen = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        if u.kode.trim().is_empty() || u.nama.trim().is_empty() {
            return Err(Invalid::new("kode", format!("unit ke-{} tidak punya kode atau nama", i + 1)));
        }
        if !UNIT_TYPES.contains(&u.jenis.as_str()) {
            return Err(Invalid::new(
                "jenis",
                format!(
                    "jenis \"{}\" pada unit {} tidak dikenal; pilih salah satu: {}",
                    u.jenis,
                    u.kode,
                    UNIT_TYPES.join(", ")
                ),
            ));
        }
        if codes_seen.insert(norm_key(&u.kode), i).is_some() {
            return Err(Invalid::new("kode", format!("kode unit \"{}\" dipakai lebih dari sekali", u.kode)));
        }
    }
    Ok(())
}

/// `norm_key` of every code, name and alias → the unit's index. Codes win over names, names
/// over aliases; an alias shared by two units matches neither.
fn unit_index(units: &[Unit]) -> BTreeMap<String, usize> {
    let mut index = BTreeMap::new();
    let mut ambiguous = Vec::new();
    for pass in 0..3 {
        for (i, u) in units.iter().enumerate() {
            let keys: Vec<&str> = match pass {
                0 => vec![u.kode.as_str()],
                1 => vec![u.nama.as_str()],
                _ => u.alias.iter().map(String::as_str).collect(),
            };
            for k in keys {
                let k = norm_key(k);
                if k.is_empty() {
                    continue;
                }
                match index.get(&k) {
                    None => {
                        index.insert(k, i);
                    }
                    Some(&j) if j != i && pass == 2 => ambiguous.push(k),
                    _ => {}
                }
            }
        }
    }
    for k in ambiguous {
        index.remove(&k);
    }
    index
}

/// The weights, predikat and discipline tiers in range and in order; the column names known.
fn check_rules(config: &Config) -> Result<(), Invalid> {
    let b = &config.penilaian;
    let fail = |key: &str, m: &str| Err(Invalid::new(key, m));
    if !(0.0..=1.0).contains(&b.bobot_hasil) || !(0.0..=1.0).contains(&b.bobot_perilaku) {
        return fail("bobot_hasil", "bobot harus antara 0 dan 1");
    }
    if b.predikat.is_empty() {
        return fail("predikat", "daftar predikat kosong");
    }
    if b.predikat.windows(2).any(|w| w[0].min <= w[1].min) {
        return fail("predikat", "urutkan predikat dari nilai min tertinggi ke terendah");
    }
    if config.disiplin.tingkat.windows(2).any(|w| w[0].min >= w[1].min) {
        return fail("tingkat", "urutkan tingkat disiplin dari min terendah ke tertinggi");
    }
    check_kbk(&config.kbk)?;
    if let Some(field) = config.kolom.keys().find(|f| !FIELDS.contains(&f.as_str())) {
        let known = FIELDS.join(", ");
        return Err(Invalid::new(field, format!("kolom \"{field}\" tidak dikenal; yang dikenal: {known}")));
    }
    Ok(())
}

/// `[kbk]`: sizes that make sense, weights between 0 and 1 that add up to something.
fn check_kbk(k: &Kbk) -> Result<(), Invalid> {
    let fail = |key: &str, m: &str| Err(Invalid::new(key, m));
    if k.min_anggota > k.maks_anggota {
        return fail("min_anggota", "min_anggota tidak boleh lebih besar dari maks_anggota");
    }
    if k.bulan_tidak_aktif == 0 {
        return fail("bulan_tidak_aktif", "bulan_tidak_aktif minimal 1");
    }
    let p = &k.peringkat;
    let weights = [p.kemajuan, p.tepat_waktu, p.kehadiran_anggota, p.ketercapaian];
    if weights.iter().any(|w| !(0.0..=1.0).contains(w)) || weights.iter().sum::<f64>() <= 0.0 {
        return fail("peringkat", "bobot peringkat harus antara 0 dan 1, dan tidak semuanya 0");
    }
    for c in &k.penilaian {
        if c.kriteria.trim().is_empty() {
            return fail("kriteria", "nama kriteria penilaian KBK kosong");
        }
        if !(c.bobot > 0.0 && c.bobot <= 1.0) {
            return fail("bobot", "bobot kriteria penilaian KBK harus di atas 0 dan paling besar 1");
        }
    }
    Ok(())
}

/// `[libur] tanggal`, sorted; a date that is not `YYYY-MM-DD` is invalid.
fn holidays(dates: &[String]) -> Result<Vec<NaiveDate>, Invalid> {
    let mut out = Vec::new();
    for d in dates {
        let date = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
            Invalid::new("tanggal", format!("tanggal libur \"{d}\" tidak valid; tulis seperti 2026-12-25"))
        })?;
        out.push(date);
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_default_has_53_units_and_holidays() {
        let s = Settings::embedded().unwrap();
        assert_eq!(s.config.unit.len(), 53);
        assert_eq!(s.holidays.len(), 25);
        assert_eq!(s.unit_by_text("dinkes").map(|u| u.kode.as_str()), Some("DINKESPPKB"));
        assert_eq!(s.unit_by_text("  Dinas  Perhubungan ").map(|u| u.kode.as_str()), Some("DISHUB"));
        assert!(s.unit_by_text("Dinas Pariwisata").is_none());
    }

    #[test]
    fn default_text_round_trips() {
        let text = default_config_text();
        let parsed = Settings::parse(&text, "default").unwrap();
        assert_eq!(parsed.config, Config::default());
    }

    #[test]
    fn table_replaces_default_and_unknown_key_names_line() {
        let s = Settings::parse("[organisasi]\nalamat = \"Jl. Gajah Mada 145\"\n", "x.toml").unwrap();
        assert_eq!(s.config.organisasi.alamat, "Jl. Gajah Mada 145");
        assert_eq!(s.config.organisasi.kota, "Mojokerto");
        assert_eq!(s.config.unit.len(), 53);

        let err = Settings::parse("[organisasi]\nkota = \"X\"\npemerintahh = \"Y\"\n", "x.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("baris 3"), "{msg}");
        assert!(msg.contains("pemerintahh"), "{msg}");

        let err = Settings::parse("[penilaian]\nbobot_hasil = \"tinggi\"\n", "x.toml").unwrap_err();
        assert!(err.to_string().contains("baris 2"), "{err}");

        let err = Settings::parse("unit = []\n", "x.toml").unwrap_err();
        assert!(err.to_string().contains("daftar unit kosong"), "{err}");
    }

    #[test]
    fn default_text_shows_jadwal_as_the_spec_prints_it() {
        let text = default_config_text();
        for line in [
            "[jadwal]",
            "toleransi_menit = 0",
            "jeda_scan = 5",
            "batas_tengah = \"12:00\"",
            "pita = [30, 60, 90]",
            "[jadwal.hari]",
            "senin = \"07:30-16:00\"",
            "kamis = \"07:30-16:00\"",
            "jumat = \"07:30-16:30\"",
            "# [[jadwal.unit]]",
            "# hari = { sabtu = \"07:30-12:00\" }",
            "# shift = [ { nama = \"Malam\", jam = \"21:00-07:00\" } ]",
        ] {
            assert!(text.lines().any(|l| l.starts_with(line)), "{line}");
        }
        assert!(!text.contains("sabtu = \"07:30-12:00\"\n"), "sabtu is only in the commented example");
        // The commented example works once uncommented.
        let mut in_example = false;
        let uncommented: Vec<&str> = text
            .lines()
            .map(|l| {
                in_example = l.starts_with("# [[jadwal.unit]]") || (in_example && l.starts_with("# "));
                if in_example { l.trim_start_matches("# ") } else { l }
            })
            .collect();
        let s = Settings::parse(&uncommented.join("\n"), "contoh").unwrap();
        let pkm = s.schedule_for("PKM-WATES", "Puskesmas");
        assert_eq!(pkm.nama, "Puskesmas");
        assert!(pkm.hours(chrono::Weekday::Sat).is_some());
        assert!(pkm.shift("Malam").is_some());
    }

    #[test]
    fn kbk_merges_key_by_key_and_is_checked() {
        let embedded = Settings::embedded().unwrap();
        assert_eq!(embedded.config.kbk, Kbk::default());
        let s = Settings::parse("[kbk]\nmin_anggota = 4\n", "x.toml").unwrap();
        let k = &s.config.kbk;
        assert_eq!(
            (k.min_anggota, k.maks_anggota, k.pertemuan_per_bulan, k.bulan_tidak_aktif),
            (4, 10, 2, 2)
        );
        assert_eq!(k.peringkat, Peringkat::default());
        assert_ne!(s.config_hash, embedded.config_hash);
        let contest = "[[kbk.penilaian]]\nkriteria = \"Pemilihan tema\"\nbobot = 0.1\n\n\
                       [[kbk.penilaian]]\nkriteria = \"Analisis penyebab\"\nbobot = 0.2\n";
        let s = Settings::parse(contest, "x.toml").unwrap();
        let names: Vec<&str> = s.config.kbk.penilaian.iter().map(|c| c.kriteria.as_str()).collect();
        assert_eq!(names, ["Pemilihan tema", "Analisis penyebab"]);
        assert_eq!(s.config.kbk.min_anggota, 3);
        let cases: &[(&str, &str, usize)] = &[
            ("[kbk]\nmin_anggota = 12\n", "min_anggota", 2),
            ("[kbk]\n\nbulan_tidak_aktif = 0\n", "bulan_tidak_aktif", 3),
            ("[kbk]\npertemuan_per_bulan = \"dua\"\n", "pertemuan_per_bulan", 2),
            ("[kbk]\nmin_anggotta = 3\n", "min_anggotta", 2),
            ("[[kbk.penilaian]]\nkriteria = \"Tema\"\nbobot = 1.5\n", "bobot", 3),
        ];
        for &(text, needle, line) in cases {
            let msg = Settings::parse(text, "x.toml").unwrap_err().to_string();
            assert!(msg.contains(needle), "{text}: {msg}");
            assert!(msg.contains(&format!("baris {line}:")), "{text}: {msg}");
        }
        // `config --default` shows the table, and what it prints reads back as the default.
        let text = default_config_text();
        assert!(text.contains("[kbk]") && text.contains("# [[kbk.penilaian]]"), "{text}");
        assert_eq!(Settings::parse(&text, "default.toml").unwrap().config.kbk, Kbk::default());
    }

    #[test]
    fn jadwal_merges_key_by_key_and_changes_the_hash() {
        let embedded = Settings::embedded().unwrap();
        let text = "[jadwal]\ntoleransi_menit = 5\n\n[jadwal.hari]\nsabtu = \"07:30-12:00\"\n";
        let s = Settings::parse(text, "x.toml").unwrap();
        assert_eq!(s.clock_rules().toleransi_menit, 5);
        assert_eq!(s.clock_rules().jeda_scan, 5);
        assert_eq!(s.clock_rules().pita, [30, 60, 90]);
        let d = s.schedule_for("DISHUB", "Perangkat Daerah");
        assert_eq!(d.nama, "Bawaan");
        assert!(d.hours(chrono::Weekday::Mon).is_some());
        assert!(d.hours(chrono::Weekday::Sat).is_some());
        assert_ne!(s.config_hash, embedded.config_hash);
        let only_unit = "[[jadwal.unit]]\nnama = \"Puskesmas\"\njenis = \"Puskesmas\"\n";
        let s = Settings::parse(only_unit, "x.toml").unwrap();
        assert_eq!(s.clock_rules(), embedded.clock_rules());
        assert_eq!(s.schedule_for("PKM-WATES", "Puskesmas").nama, "Puskesmas");
        assert_ne!(s.config_hash, embedded.config_hash);
        // Other tables are untouched by [jadwal].
        assert_eq!(s.config.unit.len(), 53);
    }

    #[test]
    fn working_hours_skip_holidays_and_days_off() {
        let s = Settings::embedded().unwrap();
        let d = s.schedule_for("DISHUB", "Perangkat Daerah");
        let date = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert!(s.working_hours(d, date(11, 3)).is_some(), "a Tuesday");
        assert!(s.working_hours(d, date(11, 7)).is_none(), "a Saturday");
        assert!(s.working_hours(d, date(1, 1)).is_none(), "New Year's Day");
    }

    #[test]
    fn jadwal_errors_name_key_and_line() {
        let cases: &[(&str, &str, usize)] = &[
            ("[jadwal]\njeda_scan = 5\nbatas_tengah = \"12.75\"\n", "batas_tengah", 3),
            ("[jadwal]\nsabtu = \"07:30-12:00\"\n", "sabtu", 2),
            ("[jadwal.hari]\nsenin = \"libur\"\nsabtuu = \"07:30-12:00\"\n", "sabtuu", 3),
            (
                "[[unit]]\nkode = \"A\"\nnama = \"A\"\njenis = \"Kecamatan\"\n\n[[jadwal.unit]]\nnama = \"X\"\nkode = \"B\"\n",
                "\"B\"",
                8,
            ),
            (
                "[[jadwal.unit]]\nnama = \"P\"\njenis = \"Puskesmas\"\n[[jadwal.unit]]\nnama = \"K\"\njenis = \"Kecamatan\"\nhari = { minggu = \"pagi\" }\n",
                "minggu",
                7,
            ),
            ("[jadwal]\npita = [30, 60, 90, 120]\n", "pita", 2),
        ];
        for &(text, needle, line) in cases {
            let msg = Settings::parse(text, "x.toml").unwrap_err().to_string();
            assert!(msg.contains(needle), "{text}: {msg}");
            assert!(msg.contains(&format!("baris {line}:")), "{text}: {msg}");
        }
    }

    #[test]
    fn discipline_tiers() {
        let d = Disiplin::default();
        assert_eq!(d.status(2, 2), "");
        assert_eq!(d.status(3, 1), "Ringan: teguran lisan");
        assert_eq!(d.status(6, 1), "Ringan: teguran tertulis");
        assert_eq!(d.status(12, 1), "Sedang: potongan TPP 25% 6 bulan");
        assert_eq!(d.status(21, 1), "Berat: penurunan jabatan");
        assert_eq!(d.status(10, 10), "Berat: pemberhentian");
    }

    #[test]
    fn suggestions_are_close() {
        let s = Settings::embedded().unwrap();
        let sug = s.unit_suggestions("Dinas Perhubungann");
        assert!(sug[0].contains("DISHUB"), "{sug:?}");
        let sug = s.unit_suggestions("Dinas Pariwisata");
        assert!(sug[0].contains("DISPORAPAR"), "{sug:?}");
        let sug = s.unit_suggestions("Puskesmas Wates Kota");
        assert!(sug[0].contains("PKM-WATES"), "{sug:?}");
    }
}
