//! Validated configuration (SPEC §8): the embedded default for Kota Mojokerto, overridden
//! per top-level table by `budaya-kerja.toml` (`[jadwal]` and `[kbk]` merge key by key). A bad
//! file is a `ConfigError` naming the line, `[tabel] kunci`, what is wrong and how to fix it —
//! for syntax errors, unknown keys, wrong kinds of value and broken rules alike; nothing is read
//! or written before the file is valid.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::ground::codes::CodeTable;
use crate::ground::schedule::{ClockRules, Hours, Jadwal, Schedule, Schedules};
use crate::ground::text::norm_key;

const UNITS_CSV: &str = include_str!("../../../data/units-mojokerto.csv");
const HOLIDAYS_CSV: &str = include_str!("../../../data/holidays-2026.csv");

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

/// 64-bit FNV-1a, hex: a stable short fingerprint (not for security).
pub fn fnv_hex(s: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

mod checks;
mod default_text;
mod errors;
#[cfg(test)]
mod tests;

use checks::*;
pub use default_text::default_config_text;
use errors::*;
pub use errors::{KeyPath, Seg};
