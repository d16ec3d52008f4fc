//! Validated configuration (SPEC §8): the embedded default for Kota Mojokerto, overridden
//! per top-level table by `budaya-kerja.toml` (`[jadwal]` and `[kbk]` merge key by key). A bad
//! file is a `ConfigError` naming the line, `[tabel] kunci`, what is wrong and how to fix it —
//! for syntax errors, unknown keys, wrong kinds of value and broken rules alike; nothing is read
//! or written before the file is valid.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::ground::codes::{CodeError, CodeTable};
use crate::ground::model::quote_value;
use crate::ground::schedule::{ClockRules, Hours, Jadwal, Schedule, Schedules};
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

/// Why the configuration cannot be used. `Invalid` reads
/// `konfigurasi <file> tidak valid, baris N: [tabel] kunci: <apa yang salah>; <cara memperbaiki>`.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("berkas konfigurasi {path} tidak dapat dibaca: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("konfigurasi {path} tidak valid, baris {line}: {}", with_place(.place, .message))]
    Invalid {
        path: String,
        line: usize,
        /// `[penilaian] bobot_hasil`, `[[jadwal.unit]] ke-2 hari.sabtu`; empty when the
        /// text is too broken to tell.
        place: String,
        message: String,
    },
}

fn with_place(place: &str, message: &str) -> String {
    if place.is_empty() { message.to_string() } else { format!("{place}: {message}") }
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
            let (line, place, message) = explain_toml_error(text, &e);
            ConfigError::Invalid { path: shown.to_string(), line, place, message }
        })?;
        Self::from_config(config, text, shown)
    }

    fn from_config(config: Config, text: &str, shown: &str) -> Result<Self, ConfigError> {
        let invalid = |e: Invalid| {
            let doc = Doc::new(text);
            let mut candidates = vec![&e.at];
            candidates.extend(e.alt.as_ref());
            let (line, place) = doc.locate(&candidates);
            ConfigError::Invalid { path: shown.to_string(), line, place, message: e.message }
        };
        check_units(&config.unit).map_err(invalid)?;
        let unit_index = unit_index(&config.unit);
        check_rules(&config).map_err(invalid)?;
        let extra: Vec<(String, Vec<String>)> =
            config.kode.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        let codes = CodeTable::new(&extra).map_err(|e| invalid(code_error(&config, &e)))?;
        let holidays = holidays(&config.libur.tanggal).map_err(invalid)?;
        let schedules = Schedules::build(&config.jadwal, &config.unit)
            .map_err(|e| invalid(Invalid::new(e.at, e.message)))?;
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

// ---------------------------------------------------------------------------------------------
// Where a configuration error sits and what it says (issue 19): every message names the table
// and key as the file writes them (`[penilaian] bobot_hasil`), the line, what is wrong — the
// expected kind and the value found — and how to fix it.

/// One step of a key path: a key, or the n-th element (from 0) of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Where a value sits in the configuration, from the top: `jadwal.unit[1].hari.sabtu`.
/// Shown as the spec writes it (`[[jadwal.unit]] ke-2 hari.sabtu`); a message about a file
/// shows it as that file writes it (`Doc::locate`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyPath(pub Vec<Seg>);

/// The tables written `[[...]]`, whose elements are named `[[unit]] ke-2`.
const ARRAY_TABLES: &[&[&str]] = &[&["unit"], &["jadwal", "unit"], &["kbk", "penilaian"]];

impl KeyPath {
    /// The path of dotted keys: `KeyPath::of("penilaian.bobot_hasil")`.
    pub fn of(dotted: &str) -> Self {
        Self(dotted.split('.').filter(|k| !k.is_empty()).map(|k| Seg::Key(k.to_string())).collect())
    }

    pub fn key(mut self, key: &str) -> Self {
        self.0.push(Seg::Key(key.to_string()));
        self
    }

    pub fn index(mut self, i: usize) -> Self {
        self.0.push(Seg::Index(i));
        self
    }

    /// How many leading steps name the table, and whether it is an array table, when the
    /// file does not tell: an array table with its element, else the top-level table.
    fn spec_header(&self) -> (usize, bool) {
        for table in ARRAY_TABLES {
            let under = self.0.len() >= table.len()
                && self.0.iter().zip(table.iter()).all(|(s, k)| matches!(s, Seg::Key(x) if x == k));
            if under {
                let element = matches!(self.0.get(table.len()), Some(Seg::Index(_)));
                return (table.len() + usize::from(element), true);
            }
        }
        (usize::from(!self.0.is_empty()), false)
    }

    /// The first `header` steps as a table header (`[a.b]`, `[[a.b]] ke-2`), the rest as keys
    /// (`hari.sabtu`, `predikat ke-3 min`).
    fn render(&self, header: usize, array: bool) -> String {
        let (head, rest) = self.0.split_at(header.min(self.0.len()));
        let mut out = String::new();
        if !head.is_empty() {
            let names: Vec<&str> = head
                .iter()
                .filter_map(|s| match s {
                    Seg::Key(k) => Some(k.as_str()),
                    Seg::Index(_) => None,
                })
                .collect();
            let name = names.join(".");
            let _ = if array { write!(out, "[[{name}]]") } else { write!(out, "[{name}]") };
            if let Some(Seg::Index(i)) = head.last() {
                let _ = write!(out, " ke-{}", i + 1);
            }
        }
        let mut joined = false;
        for seg in rest {
            match seg {
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push(if joined { '.' } else { ' ' });
                    }
                    out.push_str(k);
                    joined = true;
                }
                Seg::Index(i) => {
                    let _ = write!(out, " ke-{}", i + 1);
                    joined = false;
                }
            }
        }
        out
    }
}

impl std::fmt::Display for KeyPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (header, array) = self.spec_header();
        f.write_str(&self.render(header, array))
    }
}

/// The configuration text parsed with the position of every key and value; `None` when the
/// text is not valid TOML.
struct Doc<'a> {
    text: &'a str,
    root: Option<DeTable<'a>>,
}

/// How far a key path was found in a `Doc`.
struct Walk<'d, 'a> {
    /// Steps found.
    found: usize,
    /// Steps that name the table as the file writes its header (`[jadwal.hari]` = 2), and
    /// whether it is an array table; `None` when no header of the path is written.
    header: Option<(usize, bool)>,
    /// Where the deepest step found is written (its key, or the element).
    offset: Option<usize>,
    value: Option<&'d Spanned<DeValue<'a>>>,
    /// The walk stopped at a list element that is not there.
    stopped_at_index: bool,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, root: DeTable::parse(text).ok().map(Spanned::into_inner) }
    }

    fn source(&self, span: std::ops::Range<usize>) -> &'a str {
        self.text.get(span).unwrap_or("")
    }

    fn walk(&self, path: &KeyPath) -> Walk<'_, 'a> {
        let mut w = Walk { found: 0, header: None, offset: None, value: None, stopped_at_index: false };
        let Some(root) = &self.root else { return w };
        for (n, seg) in path.0.iter().enumerate() {
            let next = match (seg, w.value.map(Spanned::get_ref)) {
                (Seg::Key(k), None) if n == 0 => find_key(root, k),
                (Seg::Key(k), Some(DeValue::Table(t))) => find_key(t, k),
                (Seg::Index(i), Some(DeValue::Array(a))) => a.get(*i).map(|v| (v.span().start, v)),
                _ => None,
            };
            let Some((offset, value)) = next else {
                w.stopped_at_index = matches!(seg, Seg::Index(_));
                break;
            };
            let written = self.source(value.span());
            if matches!(value.get_ref(), DeValue::Table(_)) && written.starts_with('[') {
                w.header = Some((n + 1, written.starts_with("[[")));
            }
            w.found = n + 1;
            w.offset = Some(offset);
            w.value = Some(value);
        }
        w
    }

    /// The line and the `[tabel] kunci` of the first candidate the file writes; when it
    /// writes none, the line of the nearest enclosing table of the first.
    fn locate(&self, candidates: &[&KeyPath]) -> (usize, String) {
        let walks: Vec<(&KeyPath, Walk)> = candidates.iter().map(|&p| (p, self.walk(p))).collect();
        let chosen = walks.iter().find(|(p, w)| w.found == p.0.len()).or(walks.first());
        let Some((path, w)) = chosen else { return (1, String::new()) };
        let line = w.offset.map_or(1, |o| line_of(self.text, o));
        (line, self.place(path, w))
    }

    /// `[tabel] kunci` of `path` as the file writes it. A list element that is not there
    /// (`kode = "B"` named as `kode ke-1`) is named by its list.
    fn place(&self, path: &KeyPath, w: &Walk) -> String {
        let path = if w.stopped_at_index { KeyPath(path.0[..w.found].to_vec()) } else { path.clone() };
        let (header, array) = w.header.unwrap_or_else(|| path.spec_header());
        // A top-level key that holds no table (`x = 1`) has no table to name.
        let bare =
            path.0.len() == 1 && !array && w.value.is_some_and(|v| !matches!(v.get_ref(), DeValue::Table(_)));
        if bare { path.render(0, false) } else { path.render(header, array) }
    }

    /// The deepest key or value written at byte `offset`.
    fn path_at(&self, offset: usize) -> Option<KeyPath> {
        let root = self.root.as_ref()?;
        let mut best: Option<KeyPath> = None;
        let mut path = KeyPath::default();
        let mut visit = |p: &KeyPath, key: Option<std::ops::Range<usize>>, value: std::ops::Range<usize>| {
            let hit = |s: std::ops::Range<usize>| s.start <= offset && offset < s.end.max(s.start + 1);
            if (key.is_some_and(hit) || hit(value)) && best.as_ref().is_none_or(|b| p.0.len() > b.0.len()) {
                best = Some(p.clone());
            }
        };
        for (k, v) in root.iter() {
            path.0.push(Seg::Key(k.get_ref().to_string()));
            visit_value(v, Some(k.span()), &mut path, &mut visit);
            path.0.pop();
        }
        best
    }
}

fn find_key<'d, 'a>(table: &'d DeTable<'a>, key: &str) -> Option<(usize, &'d Spanned<DeValue<'a>>)> {
    table.iter().find(|(k, _)| k.get_ref() == key).map(|(k, v)| (k.span().start, v))
}

/// Calls `f` with every key or element under `value` (and `value` itself) and where they are written.
fn visit_value(
    value: &Spanned<DeValue<'_>>,
    key: Option<std::ops::Range<usize>>,
    path: &mut KeyPath,
    f: &mut impl FnMut(&KeyPath, Option<std::ops::Range<usize>>, std::ops::Range<usize>),
) {
    f(path, key, value.span());
    match value.get_ref() {
        DeValue::Table(t) => {
            for (k, v) in t.iter() {
                path.0.push(Seg::Key(k.get_ref().to_string()));
                visit_value(v, Some(k.span()), path, f);
                path.0.pop();
            }
        }
        DeValue::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                path.0.push(Seg::Index(i));
                visit_value(v, None, path, f);
                path.0.pop();
            }
        }
        _ => {}
    }
}

/// The kinds of value a configuration key takes, named as the messages name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Number,
    Integer,
    Text,
    List,
    Table,
    Bool,
    Date,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Number => "angka",
            Kind::Integer => "bilangan bulat",
            Kind::Text => "teks",
            Kind::List => "daftar",
            Kind::Table => "tabel",
            Kind::Bool => "nilai benar/salah",
            Kind::Date => "tanggal",
        }
    }

    fn of(value: &DeValue<'_>) -> Self {
        match value {
            DeValue::String(_) => Kind::Text,
            DeValue::Integer(_) => Kind::Integer,
            DeValue::Float(_) => Kind::Number,
            DeValue::Boolean(_) => Kind::Bool,
            DeValue::Datetime(_) => Kind::Date,
            DeValue::Array(_) => Kind::List,
            DeValue::Table(_) => Kind::Table,
        }
    }

    /// The kind serde names as expected (`f64`, `u32`, `a string`, `a sequence`, `struct Kbk`).
    fn expected(word: &str) -> Option<Self> {
        let w = word.trim();
        let w = w.strip_prefix("a ").or_else(|| w.strip_prefix("an ")).unwrap_or(w);
        Some(match w {
            "f64" | "f32" => Kind::Number,
            "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
            | "isize" => Kind::Integer,
            "string" | "borrowed string" | "str" | "char" | "character" => Kind::Text,
            "sequence" | "tuple" | "array" | "list" => Kind::List,
            "map" | "struct" => Kind::Table,
            "boolean" | "bool" => Kind::Bool,
            w if w.starts_with("struct ") || w.starts_with("map ") => Kind::Table,
            _ => return None,
        })
    }

    /// Whether a value of this kind is read as `self` (an integer is a number too).
    fn accepts(self, value: &DeValue<'_>) -> bool {
        let kind = Kind::of(value);
        kind == self || (self == Kind::Number && kind == Kind::Integer)
    }
}

/// The largest value of an unsigned type serde names (`u32`), for a range message.
fn unsigned_max(word: &str) -> Option<u64> {
    match word.trim() {
        "u8" => Some(u64::from(u8::MAX)),
        "u16" => Some(u64::from(u16::MAX)),
        "u32" => Some(u64::from(u32::MAX)),
        "u64" | "usize" => Some(u64::MAX),
        _ => None,
    }
}

/// A value as written, for a message: its first line, at most 60 characters, control
/// characters escaped.
fn shown(written: &str) -> String {
    let first = written.lines().next().unwrap_or("").trim();
    let mut out: String = first.chars().take(60).collect();
    if first.chars().count() > 60 || written.trim().lines().nth(1).is_some() {
        out.push('…');
    }
    quote_value(&out)
}

/// (line, `[tabel] kunci`, message) of a TOML error: a syntax error, or a value serde could
/// not take (unknown key, wrong kind, missing key).
fn explain_toml_error(text: &str, e: &toml::de::Error) -> (usize, String, String) {
    let span = e.span().unwrap_or(0..0);
    let line = line_of(text, span.start);
    let doc = Doc::new(text);
    if doc.root.is_none() {
        return (line, syntax_place(text, line), syntax_message(e.message(), text, span));
    }
    let Some(path) = doc.path_at(span.start) else {
        return (line, String::new(), value_message(e.message(), &doc, &KeyPath::default()));
    };
    let walk = doc.walk(&path);
    let line = walk.offset.map_or(line, |o| line_of(text, o));
    (line, doc.place(&path, &walk), value_message(e.message(), &doc, &path))
}

/// What serde could not take at `path`, and how to fix it.
fn value_message(msg: &str, doc: &Doc, path: &KeyPath) -> String {
    let msg = msg.trim();
    let value = doc.walk(path).value;
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (name, known) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = known.split('`').skip(1).step_by(2).collect();
        let is_table = path.0.len() == 1 && value.is_some_and(|v| matches!(v.get_ref(), DeValue::Table(_)));
        let what = if is_table { "tabel" } else { "kunci" };
        let list = if known.is_empty() {
            "tidak ada kunci di sini".to_string()
        } else {
            format!("{what} yang dikenal: {}", known.join(", "))
        };
        return format!("{what} tidak dikenal; periksa ejaannya{} ({list})", did_you_mean(name, &known));
    }
    if let Some(name) = msg.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
        let example = default_example(&path.clone().key(name), None)
            .map(|e| format!("{name} = {e}"))
            .unwrap_or_else(|| format!("{name} = ..."));
        return format!("kunci {name} wajib ada tetapi tidak ditulis; tambahkan, misalnya {example}");
    }
    let wrong = msg
        .strip_prefix("invalid type: ")
        .map(|r| (r, false))
        .or(msg.strip_prefix("invalid value: ").map(|r| (r, true)));
    if let Some((rest, out_of_range)) = wrong {
        if let Some((found, expected)) = rest.rsplit_once(", expected ") {
            return wrong_value_message(doc, path, value, found, expected, out_of_range);
        }
    }
    // Our own messages (`seharusnya teks atau daftar teks …`) are Indonesian already.
    match value {
        Some(v) if msg.starts_with("seharusnya") => {
            format!("{msg}, tertulis {} {}", Kind::of(v.get_ref()).word(), shown(doc.source(v.span())))
        }
        _ => msg.to_string(),
    }
}

/// `seharusnya angka (misalnya 0.6), tertulis teks "enam puluh persen"; tulis angka tanpa tanda petik`.
fn wrong_value_message(
    doc: &Doc,
    path: &KeyPath,
    value: Option<&Spanned<DeValue<'_>>>,
    found: &str,
    expected: &str,
    out_of_range: bool,
) -> String {
    let kind = Kind::expected(expected);
    let written = value.map(|v| doc.source(v.span()).trim()).unwrap_or("");
    let found_kind = value.map(|v| Kind::of(v.get_ref()));
    let found_text = match found_kind {
        Some(k) => format!("{} {}", k.word(), shown(written)),
        None => quote_value(found),
    };
    let Some(kind) = kind else {
        return format!("seharusnya {expected}, tertulis {found_text}");
    };
    if out_of_range || found.contains(" as i128") {
        let negative = written.starts_with('-');
        let range = match unsigned_max(expected) {
            Some(_) if negative => "0 atau lebih".to_string(),
            Some(max) => format!("paling besar {max}"),
            None => "yang lebih kecil".to_string(),
        };
        return format!("seharusnya {} {range}, tertulis {}", kind.word(), shown(written));
    }
    let example = default_example(path, Some(kind)).map(|e| format!(" (misalnya {e})")).unwrap_or_default();
    let inner = written.trim_matches(['"', '\'']);
    let fix = match (kind, found_kind) {
        (Kind::Number | Kind::Integer, Some(Kind::Text)) => match indonesian_number(inner) {
            Some(n) if kind == Kind::Number || n.fract() == 0.0 => format!("; tulis tanpa tanda petik: {n}"),
            _ => format!("; tulis {} tanpa tanda petik", kind.word()),
        },
        (Kind::Integer, Some(Kind::Number)) => "; tulis bilangan bulat tanpa titik desimal".to_string(),
        (Kind::Text, Some(_)) => format!("; apit dengan tanda petik: \"{}\"", shown(written)),
        (Kind::List, Some(k)) if k != Kind::Table => {
            format!("; tulis sebagai daftar dalam kurung siku: [{}]", shown(written))
        }
        (Kind::Table, Some(_)) if path.0.len() == 1 => {
            format!("; tulis sebagai tabel: baris {path} lalu kuncinya di baris-baris berikutnya")
        }
        _ => String::new(),
    };
    format!("seharusnya {}{example}, tertulis {found_text}{fix}", kind.word())
}

/// `0,6`, `0.6`, `60%` → 0.6 as a number would be written; `None` for words.
fn indonesian_number(s: &str) -> Option<f64> {
    let t = s.trim();
    let (t, percent) = match t.strip_suffix('%') {
        Some(t) => (t.trim(), true),
        None => (t, false),
    };
    let x: f64 = t.replace(',', ".").parse().ok().filter(|x: &f64| x.is_finite())?;
    Some(if percent { x / 100.0 } else { x })
}

/// An example value for `path` from the embedded default (`0.6` for `[penilaian]
/// bobot_hasil`), when it is short and of the `kind` wanted; elements count as the first.
fn default_example(path: &KeyPath, kind: Option<Kind>) -> Option<String> {
    let text = default_config_text();
    let doc = Doc::new(&text);
    let first = KeyPath(
        path.0.iter().map(|s| if let Seg::Index(_) = s { Seg::Index(0) } else { s.clone() }).collect(),
    );
    let walk = doc.walk(&first);
    let value = walk.value.filter(|_| walk.found == first.0.len())?;
    if kind.is_some_and(|k| !k.accepts(value.get_ref())) {
        return None;
    }
    let written = doc.source(value.span()).trim();
    (written.chars().count() <= 40 && !written.contains('\n') && !written.starts_with('['))
        .then(|| written.to_string())
}

fn line_of(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len())).map(|t| t.lines().count().max(1)).unwrap_or(1)
        + usize::from(text.as_bytes().get(byte.saturating_sub(1)) == Some(&b'\n'))
}

/// `[tabel] kunci` of a line in a text that is not valid TOML, read from the lines
/// themselves: the nearest table header above, and the key the line (or the line a
/// multi-line value starts on) assigns.
fn syntax_place(text: &str, line: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some(last) = lines.len().checked_sub(1) else { return String::new() };
    let at = line.saturating_sub(1).min(last);
    if let Some((name, array)) = lines.get(at).and_then(|l| header_of(l)) {
        return if array { format!("[[{name}]]") } else { format!("[{name}]") };
    }
    let header_line = (0..at).rev().find(|&i| lines.get(i).and_then(|l| header_of(l)).is_some());
    let key = (header_line.map_or(0, |h| h + 1)..=at).rev().find_map(|i| {
        let l = lines.get(i)?;
        // A continuation line of a list names no key; the line the list starts on does.
        key_of(l).filter(|_| i == at || l.contains('='))
    });
    let header = header_line.and_then(|h| {
        let (name, array) = header_of(lines.get(h)?)?;
        if !array {
            return Some(format!("[{name}]"));
        }
        let n = lines.get(..=h)?.iter().filter(|l| header_of(l).is_some_and(|(o, a)| a && o == name)).count();
        Some(format!("[[{name}]] ke-{n}"))
    });
    match (header, key) {
        (Some(h), Some(k)) => format!("{h} {k}"),
        (Some(h), None) => h,
        (None, Some(k)) => k,
        (None, None) => String::new(),
    }
}

/// The table a header line opens (`[jadwal.hari]` → `jadwal.hari`), and whether it is `[[...]]`.
fn header_of(line: &str) -> Option<(String, bool)> {
    let t = line.trim();
    let array = t.starts_with("[[");
    let body = t.trim_start_matches('[');
    let first = body.chars().next()?;
    if !(t.starts_with('[') && (first.is_alphanumeric() || first == '_' || first == '"')) {
        return None;
    }
    let name = body.split(']').next().unwrap_or(body).split('#').next().unwrap_or("").trim();
    (!name.is_empty() && !name.contains('=')).then(|| (name.replace(' ', ""), array))
}

/// The key a line assigns (`bobot_hasil = …`), or starts to (`bobot_hasil 0.6` without `=`).
fn key_of(line: &str) -> Option<String> {
    let t = line.trim();
    if t.is_empty() || t.starts_with('#') || t.starts_with('[') {
        return None;
    }
    let bare = |k: &str| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c));
    let key = match t.split_once('=') {
        Some((k, _)) => k.trim().trim_matches(['"', '\'']),
        None => t.split_whitespace().next().filter(|k| bare(k))?,
    };
    let first = key.chars().next()?;
    (first.is_alphanumeric() || first == '_').then(|| key.to_string())
}

/// A TOML syntax error in Indonesian: what is wrong on the line, and how to write it.
fn syntax_message(msg: &str, text: &str, span: std::ops::Range<usize>) -> String {
    let (what, expected) = msg.trim().split_once(", expected").unwrap_or((msg.trim(), ""));
    let at = text.get(span.clone()).unwrap_or("").trim();
    // What follows the error's position on its line, when the error marks no text.
    let after = text.get(span.start..).and_then(|t| t.lines().next()).unwrap_or("").trim();
    let written = if at.is_empty() { after } else { at };
    let missing_value = || written.is_empty() || written.starts_with('#');
    match what.trim() {
        "invalid basic string" | "invalid multi-line basic string" if expected.contains("`\"`") => {
            "tanda petik penutup \" tidak ada; akhiri teks dengan \" pada baris yang sama, misalnya \"Mojokerto\""
                .into()
        }
        "invalid literal string" | "invalid multi-line literal string" => {
            "tanda petik penutup ' tidak ada; akhiri teks dengan ' pada baris yang sama".into()
        }
        "invalid basic string" | "invalid multi-line basic string" => {
            "teks berisi karakter kendali (misalnya tab yang tak terlihat); hapus karakter itu".into()
        }
        "missing opening quote" => {
            "tanda petik pembuka \" tidak ada; apit teks dengan tanda petik di kedua ujungnya, misalnya \"Mojokerto\""
                .into()
        }
        "missing escaped value" | "too few unicode value digits" | "invalid escape sequence" => {
            "garis miring terbalik \\ di dalam \"...\" memulai kode khusus; tulis \\\\ untuk satu \\, \
             atau apit teks dengan tanda petik tunggal '...'"
                .into()
        }
        "string values must be quoted" | "invalid boolean" | "invalid float" | "invalid integer number"
        | "invalid value" | "invalid mantissa" | "missing value" | "missing value for key"
            if missing_value() =>
        {
            "nilai tidak ada sesudah tanda =; isi nilainya, misalnya 0.6 atau \"teks\"".into()
        }
        "string values must be quoted" | "invalid boolean" | "invalid float" | "invalid integer number"
        | "invalid value" | "invalid mantissa" => format!(
            "nilai {} tidak dapat dibaca; teks diapit tanda petik (\"{}\"), angka ditulis tanpa tanda petik \
             dengan titik desimal (0.6)",
            shown(written),
            shown(written)
        ),
        "key with no value" | "missing assignment between key-value pairs" => {
            "tanda = tidak ada antara kunci dan nilai; tulis kunci = nilai (nama kunci tanpa spasi)".into()
        }
        "extra `=`" | "extra assignment between key-value pairs" | "unexpected `=` in array" => {
            "tanda = berlebih; tulis satu = di antara kunci dan nilai".into()
        }
        "unexpected key or value" | "unexpected content" | "unexpected content between comment and newline" => {
            format!(
                "ada tulisan {} sesudah nilainya; tulis satu kunci = nilai per baris, angka desimal dengan titik \
                 (0.6) bukan koma, dan teks di dalam tanda petik",
                shown(written)
            )
        }
        "unclosed table" => "judul tabel tidak ditutup dengan ]; tulis seperti [penilaian]".into(),
        "unclosed array table" => "judul tabel tidak ditutup dengan ]]; tulis seperti [[unit]]".into(),
        "unclosed array" => "daftar tidak ditutup dengan ]; tutup daftar, misalnya [\"a\", \"b\"]".into(),
        "unclosed inline table" => {
            "tabel sebaris tidak ditutup dengan }; tulis seperti { min = 3, nama = \"...\" } pada satu baris"
                .into()
        }
        "missing comma between array elements" => {
            "koma tidak ada di antara isi daftar; pisahkan dengan koma, misalnya [\"a\", \"b\"]".into()
        }
        "missing comma between key-value pairs" => {
            "koma tidak ada di antara isi tabel sebaris; pisahkan dengan koma, misalnya { min = 3, nama = \"...\" }"
                .into()
        }
        "extra comma in array" | "extra comma in inline table" => "koma berlebih; hapus koma yang dobel".into(),
        "duplicate key" => "kunci atau tabel ini sudah ditulis sebelumnya; hapus salah satu".into(),
        "unquoted keys cannot be empty" | "missing key for inline table element" => {
            "nama kunci tidak ada sebelum tanda =; tulis kunci = nilai".into()
        }
        "invalid unquoted key" => {
            "nama kunci hanya boleh berisi huruf, angka, - dan _ (tanpa spasi); tulis kunci = nilai".into()
        }
        "unexpected leading zero" => {
            "angka tidak boleh diawali 0 (tulis 3, bukan 03); apit dengan tanda petik bila maksudnya teks".into()
        }
        "`_` may only go between digits" => "tanda _ di dalam angka hanya boleh di antara dua digit".into(),
        w if w.starts_with("cannot extend value") => {
            "kunci ini sudah berisi nilai; tulis kuncinya sekali saja".into()
        }
        other => format!("penulisan TOML tidak valid ({}); periksa baris ini", quote_value(other)),
    }
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

/// A configuration value that breaks a rule: where it sits (`alt` when `at` may not be
/// written in the file, as for two keys checked together), and what is wrong with how to fix it.
struct Invalid {
    at: KeyPath,
    alt: Option<KeyPath>,
    message: String,
}

impl Invalid {
    fn new(at: KeyPath, message: impl Into<String>) -> Self {
        Invalid { at, alt: None, message: message.into() }
    }

    fn or_at(mut self, alt: KeyPath) -> Self {
        self.alt = Some(alt);
        self
    }
}

/// `[kode]` errors at the code or alias they are about.
fn code_error(config: &Config, e: &CodeError) -> Invalid {
    let kode = KeyPath::of("kode");
    let at = match e {
        CodeError::UnknownCode { code, .. } => {
            let key = config.kode.keys().find(|k| k.trim() == code).map_or(code.as_str(), String::as_str);
            kode.key(key)
        }
        CodeError::EmptyAlias { key, index, .. }
        | CodeError::AliasIsCode { key, index, .. }
        | CodeError::AliasTwice { key, index, .. } => kode.key(key).index(*index),
    };
    Invalid::new(at, e.to_string())
}

/// The unit list: not empty, each with a code, a name and a known type, codes unique.
fn check_units(units: &[Unit]) -> Result<(), Invalid> {
    if units.is_empty() {
        return Err(Invalid::new(
            KeyPath::of("unit"),
            "daftar unit kosong; isi minimal satu [[unit]] dengan kode, nama dan jenis",
        ));
    }
    let mut codes_seen = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        let at = |key: &str| KeyPath::of("unit").index(i).key(key);
        if u.kode.trim().is_empty() {
            return Err(Invalid::new(at("kode"), "kode unit kosong; isi kode singkat, misalnya \"DISHUB\""));
        }
        if u.nama.trim().is_empty() {
            return Err(Invalid::new(
                at("nama"),
                format!("nama unit {} kosong; isi nama resminya, misalnya \"Dinas Perhubungan\"", u.kode),
            ));
        }
        if !UNIT_TYPES.contains(&u.jenis.as_str()) {
            return Err(Invalid::new(
                at("jenis"),
                format!(
                    "jenis \"{}\" pada unit {} tidak dikenal; pilih salah satu: {}",
                    u.jenis,
                    u.kode,
                    UNIT_TYPES.join(", ")
                ),
            ));
        }
        if let Some(j) = codes_seen.insert(norm_key(&u.kode), i) {
            return Err(Invalid::new(
                at("kode"),
                format!(
                    "kode unit \"{}\" sudah dipakai [[unit]] ke-{}; beri setiap unit kode sendiri",
                    u.kode,
                    j + 1
                ),
            ));
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

/// The weights, predikat and discipline tiers in range and in order; the column names known;
/// the limits usable.
fn check_rules(config: &Config) -> Result<(), Invalid> {
    let b = &config.penilaian;
    for (key, value, example) in
        [("bobot_hasil", b.bobot_hasil, 0.6), ("bobot_perilaku", b.bobot_perilaku, 0.4)]
    {
        if !(0.0..=1.0).contains(&value) {
            return Err(Invalid::new(
                KeyPath::of("penilaian").key(key),
                format!(
                    "seharusnya angka antara 0 dan 1, tertulis {value}; tulis bobot sebagai pecahan, misalnya {example:?} untuk {}%",
                    example * 100.0
                ),
            ));
        }
    }
    if b.predikat.is_empty() {
        return Err(Invalid::new(
            KeyPath::of("penilaian.predikat"),
            "daftar predikat kosong; isi minimal satu, misalnya [ { min = 0.0, nama = \"Buruk\" } ]",
        ));
    }
    if let Some(k) = b.predikat.windows(2).position(|w| w[0].min <= w[1].min) {
        let (prev, cur) = (b.predikat[k].min, b.predikat[k + 1].min);
        return Err(Invalid::new(
            KeyPath::of("penilaian.predikat").index(k + 1).key("min"),
            format!(
                "seharusnya lebih kecil dari min predikat sebelumnya ({prev}), tertulis {cur}; \
                 urutkan predikat dari nilai min tertinggi ke terendah"
            ),
        ));
    }
    let tingkat = &config.disiplin.tingkat;
    if let Some(k) = tingkat.windows(2).position(|w| w[0].min >= w[1].min) {
        let (prev, cur) = (tingkat[k].min, tingkat[k + 1].min);
        return Err(Invalid::new(
            KeyPath::of("disiplin.tingkat").index(k + 1).key("min"),
            format!(
                "seharusnya lebih besar dari min tingkat sebelumnya ({prev}), tertulis {cur}; \
                 urutkan tingkat disiplin dari min terendah ke tertinggi"
            ),
        ));
    }
    check_kbk(&config.kbk)?;
    check_batas(&config.batas)?;
    if let Some(field) = config.kolom.keys().find(|f| !FIELDS.contains(&f.as_str())) {
        return Err(Invalid::new(
            KeyPath::of("kolom").key(field),
            format!(
                "kolom \"{field}\" tidak dikenal{}; yang dikenal: {}",
                did_you_mean(field, FIELDS),
                FIELDS.join(", ")
            ),
        ));
    }
    Ok(())
}

/// `[kbk]`: sizes that make sense, weights between 0 and 1 that add up to something.
fn check_kbk(k: &Kbk) -> Result<(), Invalid> {
    let at = |key: &str| KeyPath::of("kbk").key(key);
    if k.min_anggota > k.maks_anggota {
        return Err(Invalid::new(
            at("min_anggota"),
            format!(
                "min_anggota ({}) lebih besar dari maks_anggota ({}); min_anggota paling besar sama dengan maks_anggota",
                k.min_anggota, k.maks_anggota
            ),
        )
        .or_at(at("maks_anggota")));
    }
    if k.bulan_tidak_aktif == 0 {
        return Err(Invalid::new(
            at("bulan_tidak_aktif"),
            "seharusnya 1 atau lebih, tertulis 0; misalnya 2 (tanpa pertemuan dua bulan = tidak aktif)",
        ));
    }
    let p = &k.peringkat;
    let weights = [
        ("kemajuan", p.kemajuan),
        ("tepat_waktu", p.tepat_waktu),
        ("kehadiran_anggota", p.kehadiran_anggota),
        ("ketercapaian", p.ketercapaian),
    ];
    if let Some((key, w)) = weights.iter().find(|(_, w)| !(0.0..=1.0).contains(w)) {
        return Err(Invalid::new(
            at("peringkat").key(key),
            format!("seharusnya angka antara 0 dan 1, tertulis {w}; misalnya 0.2"),
        ));
    }
    if weights.iter().map(|(_, w)| w).sum::<f64>() <= 0.0 {
        return Err(Invalid::new(
            at("peringkat"),
            "semua bobot peringkat 0; isi minimal satu bobot di atas 0, misalnya kemajuan = 0.4",
        ));
    }
    for (i, c) in k.penilaian.iter().enumerate() {
        let at = |key: &str| KeyPath::of("kbk.penilaian").index(i).key(key);
        if c.kriteria.trim().is_empty() {
            return Err(Invalid::new(
                at("kriteria"),
                "nama kriteria kosong; isi nama kriteria, misalnya \"Pemilihan tema\"",
            ));
        }
        if !(c.bobot > 0.0 && c.bobot <= 1.0) {
            return Err(Invalid::new(
                at("bobot"),
                format!(
                    "seharusnya angka di atas 0 dan paling besar 1, tertulis {}; misalnya 0.1 untuk 10%",
                    c.bobot
                ),
            ));
        }
    }
    Ok(())
}

/// `[batas]`: every limit at least 1; a cell holds at most Excel's 32,767 characters, so a
/// larger `karakter_per_sel` would let through text the report cannot write.
fn check_batas(b: &Batas) -> Result<(), Invalid> {
    const EXCEL_CHARS: u64 = 32_767;
    let limits = [
        ("sel_per_lembar", b.sel_per_lembar),
        ("ukuran_bagian_zip", b.ukuran_bagian_zip),
        ("karakter_per_sel", b.karakter_per_sel),
    ];
    if let Some((key, _)) = limits.iter().find(|(_, v)| *v == 0) {
        return Err(Invalid::new(
            KeyPath::of("batas").key(key),
            "seharusnya 1 atau lebih, tertulis 0; hapus kunci ini untuk memakai batas bawaan",
        ));
    }
    if b.karakter_per_sel > EXCEL_CHARS {
        return Err(Invalid::new(
            KeyPath::of("batas.karakter_per_sel"),
            format!(
                "seharusnya paling besar {EXCEL_CHARS} (batas Excel untuk satu sel), tertulis {}",
                b.karakter_per_sel
            ),
        ));
    }
    Ok(())
}

/// `[libur] tanggal`, sorted; a date that is not `YYYY-MM-DD` is invalid.
fn holidays(dates: &[String]) -> Result<Vec<NaiveDate>, Invalid> {
    let mut out = Vec::new();
    for (i, d) in dates.iter().enumerate() {
        let date = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
            Invalid::new(
                KeyPath::of("libur.tanggal").index(i),
                format!(
                    "tanggal \"{}\" tidak valid; tulis tahun-bulan-tanggal, misalnya \"2026-12-25\"",
                    quote_value(d)
                ),
            )
        })?;
        out.push(date);
    }
    out.sort();
    Ok(out)
}

/// ", mungkin maksudnya bobot_hasil" when one of `known` is a likely misspelling of `word`.
fn did_you_mean(word: &str, known: &[&str]) -> String {
    let w = word.to_lowercase();
    known
        .iter()
        .map(|k| (levenshtein(&w, &k.to_lowercase()), *k))
        .filter(|&(d, k)| d > 0 && d <= (k.chars().count() / 3).max(2))
        .min()
        .map(|(_, k)| format!(", mungkin maksudnya {k}"))
        .unwrap_or_default()
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

    /// Issue 19: every kind of configuration error names the line, `[tabel] kunci`, what is
    /// wrong (the expected kind and the value found) and how to fix it.
    #[test]
    fn config_errors_name_line_table_key_and_value() {
        #[rustfmt::skip]
        let cases: &[(&str, usize, &str, &[&str])] = &[
            // Wrong kind of value.
            ("[penilaian]\nbobot_hasil = \"enam puluh persen\"\n", 2, "[penilaian] bobot_hasil",
             &["seharusnya angka (misalnya 0.6), tertulis teks \"enam puluh persen\"", "tanpa tanda petik"]),
            ("[penilaian]\nbobot_hasil = \"0,6\"\n", 2, "[penilaian] bobot_hasil", &["tertulis teks \"0,6\"", "tulis tanpa tanda petik: 0.6"]),
            ("[penilaian]\nbobot_hasil = 2026-01-01\n", 2, "[penilaian] bobot_hasil", &["seharusnya angka", "tertulis tanggal 2026-01-01"]),
            ("[kbk]\nmin_anggota = 1.5\n", 2, "[kbk] min_anggota", &["seharusnya bilangan bulat (misalnya 3), tertulis angka 1.5"]),
            ("[kbk]\nmin_anggota = -1\n", 2, "[kbk] min_anggota", &["seharusnya bilangan bulat 0 atau lebih, tertulis -1"]),
            ("[kbk]\nmin_anggota = 5000000000\n", 2, "[kbk] min_anggota", &["paling besar 4294967295, tertulis 5000000000"]),
            ("[kbk]\nperingkat.kemajuan = \"x\"\n", 2, "[kbk] peringkat.kemajuan", &["seharusnya angka (misalnya 0.4), tertulis teks \"x\""]),
            ("[penandatangan]\nnip = 197001012000031001\n", 2, "[penandatangan] nip",
             &["seharusnya teks", "tertulis bilangan bulat 197001012000031001", "apit dengan tanda petik"]),
            ("[libur]\ntanggal = \"2026-01-01\"\n", 2, "[libur] tanggal", &["seharusnya daftar, tertulis teks \"2026-01-01\"", "[\"2026-01-01\"]"]),
            ("kode = { H = \"Hadir\" }\n", 1, "[kode] H", &["seharusnya daftar, tertulis teks \"Hadir\""]),
            ("[penilaian]\npredikat = [ { min = 90.0, nama = \"A\" },\n  { min = 80, nama = 2 } ]\n", 3, "[penilaian] predikat ke-2 nama",
             &["seharusnya teks", "tertulis bilangan bulat 2"]),
            ("[[unit]]\nkode = \"A\"\nnama = \"A\"\njenis = \"Kecamatan\"\nalias = \"X\"\n", 5, "[[unit]] ke-1 alias", &["seharusnya daftar, tertulis teks \"X\""]),
            ("penilaian = 3\n", 1, "penilaian", &["seharusnya tabel, tertulis bilangan bulat 3", "baris [penilaian]"]),
            ("[[jadwal.unit]]\nnama = \"X\"\nkode = 3\n", 3, "[[jadwal.unit]] ke-1 kode", &["seharusnya teks atau daftar teks", "tertulis bilangan bulat 3"]),
            // Unknown keys and tables, missing keys.
            ("[penilaian]\nbobot_hasill = 0.6\n", 2, "[penilaian] bobot_hasill",
             &["kunci tidak dikenal", "mungkin maksudnya bobot_hasil", "kunci yang dikenal: bobot_hasil, bobot_perilaku, predikat"]),
            ("[kbk.peringkat]\nkemajuann = 0.3\n", 2, "[kbk.peringkat] kemajuann", &["mungkin maksudnya kemajuan"]),
            ("[jadwal]\nsabtu = \"07:30-12:00\"\n", 2, "[jadwal] sabtu", &["kunci tidak dikenal", "hari"]),
            ("[pengaturan]\nx = 1\n", 1, "[pengaturan]", &["tabel tidak dikenal", "tabel yang dikenal: organisasi"]),
            ("[[unit]]\nkode = \"A\"\nnama = \"A\"\n", 1, "[[unit]] ke-1", &["kunci jenis wajib ada", "jenis = \"Perangkat Daerah\""]),
            // Syntax errors.
            ("[penilaian]\nbobot_hasil = \"abc\n", 2, "[penilaian] bobot_hasil", &["tanda petik penutup \" tidak ada"]),
            ("[penilaian]\nbobot_hasil = abc\"\n", 2, "[penilaian] bobot_hasil", &["tanda petik pembuka \" tidak ada"]),
            ("[penilaian]\nbobot_hasil 0.6\n", 2, "[penilaian] bobot_hasil", &["tanda = tidak ada"]),
            ("[penilaian]\nbobot_hasil = 0,6\n", 2, "[penilaian] bobot_hasil", &["ada tulisan ,6", "titik"]),
            ("[penilaian]\nbobot_hasil = 60%\n", 2, "[penilaian] bobot_hasil", &["nilai 60% tidak dapat dibaca"]),
            ("[penilaian]\nbobot_hasil =\n", 2, "[penilaian] bobot_hasil", &["nilai tidak ada sesudah tanda ="]),
            ("[penilaian\nbobot_hasil = 0.6\n", 1, "[penilaian]", &["tidak ditutup dengan ]"]),
            ("[organisasi]\nkota = \"X\"\nkota = \"Y\"\n", 3, "[organisasi] kota", &["sudah ditulis sebelumnya"]),
            ("[organisasi]\nkota = \"C:\\Users\"\n", 2, "[organisasi] kota", &["garis miring terbalik"]),
            ("[[unit]]\nkode = \"A\"\n[[unit]]\nkode = \"B\"\nalias = [\"x\"\n  \"y\"]\n", 6, "[[unit]] ke-2 alias",
             &["koma tidak ada di antara isi daftar"]),
            // Out of range.
            ("[penilaian]\n\nbobot_hasil = 1.5\n", 3, "[penilaian] bobot_hasil", &["antara 0 dan 1, tertulis 1.5", "misalnya 0.6"]),
            ("[penilaian]\nbobot_perilaku = -0.4\n", 2, "[penilaian] bobot_perilaku", &["tertulis -0.4"]),
            ("[penilaian]\npredikat = [ { min = 90.0, nama = \"A\" }, { min = 95.0, nama = \"B\" } ]\n", 2,
             "[penilaian] predikat ke-2 min", &["lebih kecil dari min predikat sebelumnya (90), tertulis 95"]),
            ("[disiplin]\ntingkat = [ { min = 5, nama = \"a\" }, { min = 3, nama = \"b\" } ]\n", 2, "[disiplin] tingkat ke-2 min",
             &["tertulis 3"]),
            ("[libur]\ntanggal = [\n  \"2026-01-01\",\n  \"2026-13-01\",\n]\n", 4, "[libur] tanggal ke-2", &["\"2026-13-01\" tidak valid"]),
            ("[batas]\nsel_per_lembar = 0\n", 2, "[batas] sel_per_lembar", &["1 atau lebih, tertulis 0"]),
            ("[batas]\nkarakter_per_sel = 40000\n", 2, "[batas] karakter_per_sel", &["paling besar 32767", "tertulis 40000"]),
            ("[kolom]\nnipp = [\"NIP Pegawai\"]\n", 2, "[kolom] nipp", &["kolom \"nipp\" tidak dikenal", "mungkin maksudnya nip"]),
            ("[kode]\nHADIR = [\"Hdr\"]\n", 2, "[kode] HADIR", &["kode status \"HADIR\" tidak dikenal", "H, TL, PSW"]),
            ("[kode]\nH = [\"Hdr\",\n  \"S\"]\n", 3, "[kode] H ke-2", &["alias \"S\" untuk kode H adalah kode S"]),
            ("[[unit]]\nkode = \"A\"\nnama = \"A\"\njenis = \"Sekolah\"\n", 4, "[[unit]] ke-1 jenis", &["\"Sekolah\"", "pilih salah satu"]),
            ("[[unit]]\nkode = \"A\"\nnama = \"A\"\njenis = \"Kecamatan\"\n[[unit]]\nkode = \"a\"\nnama = \"B\"\njenis = \"Kecamatan\"\n",
             6, "[[unit]] ke-2 kode", &["\"a\" sudah dipakai [[unit]] ke-1"]),
            // [kbk]: a check on two keys names the one written.
            ("[kbk]\nmin_anggota = 12\n", 2, "[kbk] min_anggota", &["min_anggota (12) lebih besar dari maks_anggota (10)"]),
            ("[kbk]\nmaks_anggota = 2\n", 2, "[kbk] maks_anggota", &["min_anggota (3) lebih besar dari maks_anggota (2)"]),
            ("[kbk]\nperingkat = { kemajuan = 2.0 }\n", 2, "[kbk] peringkat.kemajuan", &["tertulis 2"]),
            ("[[kbk.penilaian]]\nkriteria = \"A\"\nbobot = 0.1\n[[kbk.penilaian]]\nkriteria = \"B\"\nbobot = 1.5\n", 6,
             "[[kbk.penilaian]] ke-2 bobot", &["tertulis 1.5"]),
            // [jadwal] as written: a header, an inline table, an entry of [[jadwal.unit]].
            ("[jadwal]\nbatas_tengah = \"12.75\"\n", 2, "[jadwal] batas_tengah", &["\"12.75\" tidak valid", "\"12:00\""]),
            ("[jadwal.hari]\nsabtu = \"pagi\"\n", 2, "[jadwal.hari] sabtu", &["\"pagi\" bukan rentang jam"]),
            ("[jadwal]\nhari = { sabtu = \"07:30-26:00\" }\n", 2, "[jadwal] hari.sabtu", &["\"26:00\" tidak valid"]),
            ("[[jadwal.unit]]\nnama = \"X\"\nkode = [\"DISHUB\", \"B\"]\n", 3, "[[jadwal.unit]] ke-1 kode ke-2", &["\"B\" tidak ada di daftar [[unit]]"]),
            // Empty lists.
            ("unit = []\n", 1, "[[unit]]", &["daftar unit kosong", "isi minimal satu [[unit]]"]),
            ("[penilaian]\npredikat = []\n", 2, "[penilaian] predikat", &["daftar predikat kosong"]),
        ];
        for &(text, line, place, needles) in cases {
            let err = Settings::parse(text, "x.toml").unwrap_err();
            let msg = err.to_string();
            let ConfigError::Invalid { line: l, place: p, .. } = &err else { panic!("{msg}") };
            assert_eq!((*l, p.as_str()), (line, place), "{text:?}: {msg}");
            assert!(
                msg.starts_with(&format!("konfigurasi x.toml tidak valid, baris {line}: {place}: ")),
                "{msg}"
            );
            for needle in needles {
                assert!(msg.contains(needle), "{text:?}: {msg}\n  lacks {needle:?}");
            }
        }
    }

    #[test]
    fn key_paths_read_as_the_spec_writes_them() {
        let cases = [
            (KeyPath::of("penilaian.bobot_hasil"), "[penilaian] bobot_hasil"),
            (KeyPath::of("unit"), "[[unit]]"),
            (KeyPath::of("unit").index(2).key("jenis"), "[[unit]] ke-3 jenis"),
            (
                KeyPath::of("jadwal.unit").index(0).key("shift").index(1).key("jam"),
                "[[jadwal.unit]] ke-1 shift ke-2 jam",
            ),
            (KeyPath::of("jadwal.hari.sabtu"), "[jadwal] hari.sabtu"),
            (KeyPath::of("penilaian.predikat").index(1).key("min"), "[penilaian] predikat ke-2 min"),
            (KeyPath::of("libur.tanggal").index(0), "[libur] tanggal ke-1"),
            (KeyPath::of("kbk"), "[kbk]"),
        ];
        for (path, want) in cases {
            assert_eq!(path.to_string(), want);
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
