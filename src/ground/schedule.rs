//! Working hours that judge clock times (SPEC §3.9, §8 `[jadwal]`): the `[jadwal]` table as
//! written, and the validated schedules it resolves to — the default (`Bawaan`) and the
//! `[[jadwal.unit]]` entries chosen by unit code or type. No derivation rules live here.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Weekday;
use serde::{Deserialize, Deserializer};

use crate::ground::clock::{CellTimes, ClockTime, TimeError, parse_time_pair};
use crate::ground::settings::{KeyPath, UNIT_TYPES, Unit};
use crate::ground::text::norm_key;

/// The name of the schedule that judges units no `[[jadwal.unit]]` entry selects.
pub const DEFAULT_SCHEDULE: &str = "Bawaan";

/// The day names of `[jadwal.hari]`, Monday first (the index of `Weekday::num_days_from_monday`).
pub const DAY_KEYS: [&str; 7] = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"];

/// The value of a day that is not worked.
const DAY_OFF: &str = "libur";

/// `[jadwal]` as written. Unlike the other tables it merges key by key with the embedded
/// default: a missing key keeps its default, and `hari` changes only the days it names.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Jadwal {
    pub toleransi_menit: u32,
    pub jeda_scan: u32,
    pub batas_tengah: String,
    /// Upper bounds of TL/PSW bands 1–3, in minutes; above the last is band 4.
    pub pita: Vec<u32>,
    pub hari: Hari,
    pub unit: Vec<JadwalUnit>,
}

impl Default for Jadwal {
    fn default() -> Self {
        Self {
            toleransi_menit: 0,
            jeda_scan: 5,
            batas_tengah: "12:00".into(),
            pita: vec![30, 60, 90],
            hari: Hari::week(),
            unit: Vec::new(),
        }
    }
}

/// Days as written: `"07:30-16:00"` or `"libur"`; a day not named keeps what it was.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Hari {
    pub senin: Option<String>,
    pub selasa: Option<String>,
    pub rabu: Option<String>,
    pub kamis: Option<String>,
    pub jumat: Option<String>,
    pub sabtu: Option<String>,
    pub minggu: Option<String>,
}

impl Hari {
    /// The embedded week: Senin–Kamis 07:30–16:00, Jumat 07:30–16:30 (Perpres 21/2023).
    pub fn week() -> Self {
        let day = |s: &str| Some(s.to_string());
        Self {
            senin: day("07:30-16:00"),
            selasa: day("07:30-16:00"),
            rabu: day("07:30-16:00"),
            kamis: day("07:30-16:00"),
            jumat: day("07:30-16:30"),
            sabtu: None,
            minggu: None,
        }
    }

    /// The days Monday first, paired with their key.
    pub fn days(&self) -> [(&'static str, Option<&str>); 7] {
        let d = [&self.senin, &self.selasa, &self.rabu, &self.kamis, &self.jumat, &self.sabtu, &self.minggu];
        std::array::from_fn(|i| (DAY_KEYS[i], d[i].as_deref()))
    }
}

/// One `[[jadwal.unit]]` entry: the units it selects and what it changes.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JadwalUnit {
    pub nama: String,
    /// One code or a list of codes (`kode = "PKM-KRANGGAN"` or `kode = ["A", "B"]`).
    #[serde(default, deserialize_with = "one_or_many")]
    pub kode: Vec<String>,
    #[serde(default)]
    pub jenis: Option<String>,
    #[serde(default)]
    pub hari: Hari,
    #[serde(default)]
    pub shift: Vec<ShiftConfig>,
}

/// A shift as written: `{ nama = "Malam", jam = "21:00-07:00" }`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ShiftConfig {
    pub nama: String,
    pub jam: String,
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    match OneOrMany::deserialize(d) {
        Ok(OneOrMany::One(s)) => Ok(vec![s]),
        Ok(OneOrMany::Many(v)) => Ok(v),
        Err(_) => {
            Err(serde::de::Error::custom("seharusnya teks atau daftar teks (misalnya [\"PKM-KRANGGAN\"])"))
        }
    }
}

/// Working hours of one day: masuk before pulang.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Hours {
    pub masuk: ClockTime,
    pub pulang: ClockTime,
}

/// A shift; it crosses midnight when pulang is earlier than masuk (21:00–07:00).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shift {
    pub nama: String,
    pub masuk: ClockTime,
    pub pulang: ClockTime,
}

impl Shift {
    pub fn crosses_midnight(&self) -> bool {
        self.pulang < self.masuk
    }
}

/// A resolved schedule: its name (the `Jadwal` column), hours per weekday and shifts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub nama: String,
    /// Monday first; `None` is a day off.
    pub hari: [Option<Hours>; 7],
    pub shifts: Vec<Shift>,
}

impl Schedule {
    /// The working hours of a weekday, `None` on a day off (holidays are the caller's).
    pub fn hours(&self, day: Weekday) -> Option<Hours> {
        self.hari.get(day.num_days_from_monday() as usize).copied().flatten()
    }

    /// The shift a roster or `Shift` column names, matched case- and punctuation-insensitively.
    pub fn shift(&self, nama: &str) -> Option<&Shift> {
        let key = norm_key(nama);
        self.shifts.iter().find(|s| norm_key(&s.nama) == key)
    }
}

/// The rules shared by every schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockRules {
    pub toleransi_menit: u32,
    pub jeda_scan: u32,
    pub batas_tengah: ClockTime,
    /// Upper bounds of bands 1, 2 and 3, ascending.
    pub pita: [u32; 3],
}

impl ClockRules {
    /// The TL/PSW band of a number of minutes: 0 for none, 1–3 up to each `pita` bound, 4 above.
    pub fn band(&self, minutes: u32) -> u8 {
        if minutes == 0 {
            return 0;
        }
        1 + self.pita.iter().filter(|&&p| minutes > p).count() as u8
    }
}

/// A `[jadwal]` value that breaks a rule: where it sits (`jadwal.unit[1].hari.sabtu`), and
/// what is wrong with how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {message}")]
pub struct ScheduleError {
    pub at: KeyPath,
    pub message: String,
}

impl ScheduleError {
    fn new(at: KeyPath, message: impl Into<String>) -> Self {
        Self { at, message: message.into() }
    }
}

/// `[jadwal] key`.
fn jadwal_key(key: &str) -> KeyPath {
    KeyPath::of("jadwal").key(key)
}

/// `[[jadwal.unit]]` entry `i` (from 0).
fn entry_path(i: usize) -> KeyPath {
    KeyPath::of("jadwal.unit").index(i)
}

/// The validated `[jadwal]`: the rules, the default schedule and the unit entries indexed
/// by unit code and unit type.
#[derive(Clone, Debug)]
pub struct Schedules {
    pub rules: ClockRules,
    default: Schedule,
    entries: Vec<Schedule>,
    /// `norm_key(kode)` → index into `entries`.
    by_kode: BTreeMap<String, usize>,
    /// `norm_key(jenis)` → index into `entries`.
    by_jenis: BTreeMap<String, usize>,
}

impl Schedules {
    /// Validates `[jadwal]` against the configured unit list.
    pub fn build(jadwal: &Jadwal, units: &[Unit]) -> Result<Self, ScheduleError> {
        let rules = clock_rules(jadwal)?;
        let base = overlay_days([None; 7], &Hari::week(), &jadwal_key("hari"))?;
        let base = overlay_days(base, &jadwal.hari, &jadwal_key("hari"))?;
        let default = Schedule { nama: DEFAULT_SCHEDULE.to_string(), hari: base, shifts: Vec::new() };
        let known: BTreeSet<String> = units.iter().map(|u| norm_key(&u.kode)).collect();
        let mut schedules = Schedules {
            rules,
            default,
            entries: Vec::new(),
            by_kode: BTreeMap::new(),
            by_jenis: BTreeMap::new(),
        };
        for (i, entry) in jadwal.unit.iter().enumerate() {
            let schedule = unit_schedule(entry, i, base)?;
            schedules.select(entry, i, &known)?;
            schedules.entries.push(schedule);
        }
        Ok(schedules)
    }

    /// The schedule that judges a unit: a kode entry, else a jenis entry, else `Bawaan`.
    pub fn for_unit(&self, kode: &str, jenis: &str) -> &Schedule {
        let entry = self.by_kode.get(&norm_key(kode)).or_else(|| self.by_jenis.get(&norm_key(jenis)));
        entry.and_then(|&i| self.entries.get(i)).unwrap_or(&self.default)
    }

    /// Records which units entry `i` selects; each code and type may be selected once.
    fn select(
        &mut self,
        entry: &JadwalUnit,
        i: usize,
        known: &BTreeSet<String>,
    ) -> Result<(), ScheduleError> {
        let at = entry_path(i);
        match (entry.kode.is_empty(), &entry.jenis) {
            (true, None) => {
                return Err(ScheduleError::new(
                    at,
                    format!(
                        "jadwal \"{}\" tidak memilih unit; tulis kode = [\"...\"] atau jenis = \"...\"",
                        entry.nama
                    ),
                ));
            }
            (false, Some(_)) => {
                return Err(ScheduleError::new(
                    at.key("jenis"),
                    "kode dan jenis ditulis sekaligus; pilih salah satu",
                ));
            }
            _ => {}
        }
        for (k, kode) in entry.kode.iter().enumerate() {
            let key = norm_key(kode);
            let at = at.clone().key("kode").index(k);
            if !known.contains(&key) {
                return Err(ScheduleError::new(
                    at,
                    format!(
                        "kode unit \"{kode}\" tidak ada di daftar [[unit]]; tulis kode seperti di [[unit]]"
                    ),
                ));
            }
            if let Some(j) = self.by_kode.insert(key, i) {
                return Err(ScheduleError::new(
                    at,
                    format!(
                        "kode unit \"{kode}\" sudah dipilih [[jadwal.unit]] ke-{}; satu unit satu jadwal",
                        j + 1
                    ),
                ));
            }
        }
        if let Some(jenis) = &entry.jenis {
            let at = at.key("jenis");
            if !UNIT_TYPES.iter().any(|t| norm_key(t) == norm_key(jenis)) {
                let known = UNIT_TYPES.join(", ");
                return Err(ScheduleError::new(
                    at,
                    format!("jenis \"{jenis}\" tidak dikenal; pilih salah satu: {known}"),
                ));
            }
            if let Some(j) = self.by_jenis.insert(norm_key(jenis), i) {
                return Err(ScheduleError::new(
                    at,
                    format!(
                        "jenis \"{jenis}\" sudah dipilih [[jadwal.unit]] ke-{}; satu jenis satu jadwal",
                        j + 1
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// `toleransi_menit`, `jeda_scan`, `batas_tengah` and `pita`, checked.
fn clock_rules(j: &Jadwal) -> Result<ClockRules, ScheduleError> {
    let Ok(Some(batas_tengah)) = ClockTime::parse(&j.batas_tengah) else {
        return Err(ScheduleError::new(
            jadwal_key("batas_tengah"),
            format!(
                "jam \"{}\" tidak valid (jam 00–23, menit 00–59); tulis jam dalam tanda petik, misalnya \"12:00\"",
                j.batas_tengah
            ),
        ));
    };
    let pita: [u32; 3] = match j.pita.as_slice() {
        &[a, b, c] if 0 < a && a < b && b < c => [a, b, c],
        other => {
            let written: Vec<String> = other.iter().map(u32::to_string).collect();
            return Err(ScheduleError::new(
                jadwal_key("pita"),
                format!(
                    "seharusnya tiga batas menit yang naik dan lebih dari 0, tertulis [{}]; tulis seperti [30, 60, 90]",
                    written.join(", ")
                ),
            ));
        }
    };
    for (key, minutes) in [("toleransi_menit", j.toleransi_menit), ("jeda_scan", j.jeda_scan)] {
        if minutes >= 24 * 60 {
            return Err(ScheduleError::new(
                jadwal_key(key),
                format!("seharusnya kurang dari 1440 menit (satu hari), tertulis {minutes}"),
            ));
        }
    }
    Ok(ClockRules { toleransi_menit: j.toleransi_menit, jeda_scan: j.jeda_scan, batas_tengah, pita })
}

/// `base` with the days `hari` names replaced; `at` is where `hari` sits, for errors.
fn overlay_days(
    mut base: [Option<Hours>; 7],
    hari: &Hari,
    at: &KeyPath,
) -> Result<[Option<Hours>; 7], ScheduleError> {
    for (slot, (key, value)) in base.iter_mut().zip(hari.days()) {
        let Some(value) = value else { continue };
        *slot = parse_day(value).map_err(|m| ScheduleError::new(at.clone().key(key), m.to_string()))?;
    }
    Ok(base)
}

/// Why a `"07:30-16:00"` value cannot be used.
#[derive(Debug, thiserror::Error)]
enum RangeError {
    #[error("\"{value}\" bukan rentang jam; tulis seperti \"07:30-16:00\" atau \"{DAY_OFF}\"")]
    NotARange { value: String },
    #[error(
        "jam \"{time}\" tidak valid di \"{value}\" (jam 00–23, menit 00–59); tulis seperti \"07:30-16:00\" atau \"{DAY_OFF}\""
    )]
    BadTime { value: String, time: String },
    #[error("jam pulang {pulang} harus sesudah jam masuk {masuk}; untuk kerja malam pakai shift")]
    Backwards { masuk: ClockTime, pulang: ClockTime },
}

/// `"07:30-16:00"` → working hours, `"libur"` → a day off.
fn parse_day(value: &str) -> Result<Option<Hours>, RangeError> {
    if value.trim().eq_ignore_ascii_case(DAY_OFF) {
        return Ok(None);
    }
    let (masuk, pulang) = parse_range(value)?;
    if pulang <= masuk {
        return Err(RangeError::Backwards { masuk, pulang });
    }
    Ok(Some(Hours { masuk, pulang }))
}

/// `"21:00-07:00"` → (21:00, 07:00); both times required.
fn parse_range(value: &str) -> Result<(ClockTime, ClockTime), RangeError> {
    match parse_time_pair(value) {
        Ok(CellTimes::Pair { masuk: Some(m), pulang: Some(p) }) => Ok((m, p)),
        Ok(_) => Err(RangeError::NotARange { value: value.to_string() }),
        Err(TimeError::OutOfRange(time)) => Err(RangeError::BadTime { value: value.to_string(), time }),
        Err(_) => Err(RangeError::NotARange { value: value.to_string() }),
    }
}

/// One `[[jadwal.unit]]` entry resolved over the default week.
fn unit_schedule(entry: &JadwalUnit, i: usize, base: [Option<Hours>; 7]) -> Result<Schedule, ScheduleError> {
    let at = entry_path(i);
    if entry.nama.trim().is_empty() {
        return Err(ScheduleError::new(
            at.key("nama"),
            "nama jadwal kosong; isi nama, misalnya \"Puskesmas\" (nama muncul di kolom Jadwal)",
        ));
    }
    let hari = overlay_days(base, &entry.hari, &at.clone().key("hari"))?;
    let mut shifts: Vec<Shift> = Vec::new();
    for (k, s) in entry.shift.iter().enumerate() {
        let shift = at.clone().key("shift").index(k);
        if s.nama.trim().is_empty() {
            return Err(ScheduleError::new(
                shift.key("nama"),
                "nama shift kosong; isi nama, misalnya \"Malam\"",
            ));
        }
        if shifts.iter().any(|o| norm_key(&o.nama) == norm_key(&s.nama)) {
            return Err(ScheduleError::new(
                shift.key("nama"),
                format!(
                    "shift \"{}\" ditulis dua kali di jadwal ini; beri setiap shift nama sendiri",
                    s.nama
                ),
            ));
        }
        let (masuk, pulang) = parse_range(&s.jam).map_err(|m| {
            ScheduleError::new(shift.clone().key("jam"), format!("shift \"{}\": {m}", s.nama))
        })?;
        if masuk == pulang {
            return Err(ScheduleError::new(
                shift.key("jam"),
                format!(
                    "shift \"{}\": jam masuk dan pulang sama (\"{}\"); tulis seperti \"21:00-07:00\"",
                    s.nama, s.jam
                ),
            ));
        }
        shifts.push(Shift { nama: s.nama.trim().to_string(), masuk, pulang });
    }
    Ok(Schedule { nama: entry.nama.trim().to_string(), hari, shifts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ground::settings::default_units;

    fn hm(h: u32, m: u32) -> ClockTime {
        ClockTime::from_hm(h, m).unwrap()
    }

    fn hours(a: (u32, u32), b: (u32, u32)) -> Option<Hours> {
        Some(Hours { masuk: hm(a.0, a.1), pulang: hm(b.0, b.1) })
    }

    fn build(toml_text: &str) -> Result<Schedules, ScheduleError> {
        #[derive(Deserialize)]
        struct Wrapper {
            #[serde(default)]
            jadwal: Jadwal,
        }
        let w: Wrapper = toml::from_str(toml_text).unwrap();
        Schedules::build(&w.jadwal, &default_units())
    }

    #[test]
    fn default_week_and_rules() {
        let s = build("").unwrap();
        let d = s.for_unit("DISHUB", "Perangkat Daerah");
        assert_eq!(d.nama, "Bawaan");
        assert_eq!(d.hours(Weekday::Mon), hours((7, 30), (16, 0)));
        assert_eq!(d.hours(Weekday::Thu), hours((7, 30), (16, 0)));
        assert_eq!(d.hours(Weekday::Fri), hours((7, 30), (16, 30)));
        assert_eq!(d.hours(Weekday::Sat), None);
        assert_eq!(d.hours(Weekday::Sun), None);
        assert_eq!(
            s.rules,
            ClockRules { toleransi_menit: 0, jeda_scan: 5, batas_tengah: hm(12, 0), pita: [30, 60, 90] }
        );
    }

    #[test]
    fn bands() {
        let r = build("").unwrap().rules;
        for (minutes, band) in
            [(0, 0), (1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3), (91, 4), (500, 4)]
        {
            assert_eq!(r.band(minutes), band, "{minutes}");
        }
    }

    #[test]
    fn hari_changes_only_the_days_it_names() {
        let s = build("[jadwal.hari]\nsabtu = \"07:30-12:00\"\nsenin = \"libur\"\n").unwrap();
        let d = s.for_unit("DISHUB", "Perangkat Daerah");
        assert_eq!(d.hours(Weekday::Mon), None);
        assert_eq!(d.hours(Weekday::Tue), hours((7, 30), (16, 0)));
        assert_eq!(d.hours(Weekday::Sat), hours((7, 30), (12, 0)));
        assert_eq!(s.rules.jeda_scan, 5);
    }

    #[test]
    fn kode_wins_over_jenis_wins_over_default() {
        let text = r#"
[jadwal]
toleransi_menit = 5

[[jadwal.unit]]
nama = "Puskesmas"
jenis = "Puskesmas"
hari = { sabtu = "07:30-12:00" }

[[jadwal.unit]]
nama = "Puskesmas rawat inap"
kode = ["PKM-KRANGGAN"]
hari = { minggu = "08:00-12:00", jumat = "libur" }
shift = [ { nama = "Malam", jam = "21:00-07:00" }, { nama = "Pagi", jam = "07:00-14:00" } ]
"#;
        let s = build(text).unwrap();
        assert_eq!(s.rules.toleransi_menit, 5);
        let jenis = s.for_unit("PKM-WATES", "Puskesmas");
        assert_eq!(jenis.nama, "Puskesmas");
        assert_eq!(jenis.hours(Weekday::Sat), hours((7, 30), (12, 0)));
        assert_eq!(jenis.hours(Weekday::Fri), hours((7, 30), (16, 30)));
        let kode = s.for_unit("pkm-kranggan", "Puskesmas");
        assert_eq!(kode.nama, "Puskesmas rawat inap");
        assert_eq!(kode.hours(Weekday::Sat), None);
        assert_eq!(kode.hours(Weekday::Sun), hours((8, 0), (12, 0)));
        assert_eq!(kode.hours(Weekday::Fri), None);
        let malam = kode.shift("malam").unwrap();
        assert_eq!((malam.masuk, malam.pulang, malam.crosses_midnight()), (hm(21, 0), hm(7, 0), true));
        assert!(!kode.shift("Pagi").unwrap().crosses_midnight());
        assert_eq!(s.for_unit("DISHUB", "Perangkat Daerah").nama, "Bawaan");
    }

    #[test]
    fn kode_as_one_string() {
        let s = build("[[jadwal.unit]]\nnama = \"Dishub\"\nkode = \"DISHUB\"\n").unwrap();
        assert_eq!(s.for_unit("DISHUB", "Perangkat Daerah").nama, "Dishub");
    }

    #[test]
    fn invalid_values_name_the_key() {
        let unit = |body: &str| format!("[[jadwal.unit]]\nnama = \"X\"\n{body}\n");
        let cases: &[(String, &str, &str)] = &[
            ("[jadwal]\nbatas_tengah = \"25:00\"".into(), "[jadwal] batas_tengah", "\"25:00\" tidak valid"),
            ("[jadwal]\npita = [30, 90, 60]".into(), "[jadwal] pita", "tertulis [30, 90, 60]"),
            ("[jadwal]\npita = [0, 60, 90]".into(), "[jadwal] pita", "lebih dari 0"),
            ("[jadwal]\npita = [30, 60]".into(), "[jadwal] pita", "tiga"),
            ("[jadwal]\njeda_scan = 1440".into(), "[jadwal] jeda_scan", "tertulis 1440"),
            (
                "[jadwal.hari]\nselasa = \"07:30\"".into(),
                "[jadwal] hari.selasa",
                "\"07:30\" bukan rentang jam",
            ),
            ("[jadwal.hari]\nrabu = \"16:00-07:30\"".into(), "[jadwal] hari.rabu", "harus sesudah"),
            ("[jadwal.hari]\nkamis = \"07:30-26:00\"".into(), "[jadwal] hari.kamis", "\"26:00\" tidak valid"),
            (
                unit("kode = \"NOPE\""),
                "[[jadwal.unit]] ke-1 kode ke-1",
                "\"NOPE\" tidak ada di daftar [[unit]]",
            ),
            (unit("jenis = \"Sekolah\""), "[[jadwal.unit]] ke-1 jenis", "\"Sekolah\" tidak dikenal"),
            (
                unit("kode = \"DISHUB\"\njenis = \"Kecamatan\""),
                "[[jadwal.unit]] ke-1 jenis",
                "pilih salah satu",
            ),
            (unit(""), "[[jadwal.unit]] ke-1", "\"X\" tidak memilih unit"),
            (
                unit("jenis = \"Kecamatan\"\nhari = { sabtu = \"pagi\" }"),
                "[[jadwal.unit]] ke-1 hari.sabtu",
                "\"pagi\"",
            ),
            (
                unit("jenis = \"Kecamatan\"\nshift = [ { nama = \"M\", jam = \"21:00\" } ]"),
                "[[jadwal.unit]] ke-1 shift ke-1 jam",
                "shift \"M\"",
            ),
            (
                unit("jenis = \"Kecamatan\"\nshift = [ { nama = \"M\", jam = \"21:00-21:00\" } ]"),
                "[[jadwal.unit]] ke-1 shift ke-1 jam",
                "sama",
            ),
        ];
        for (text, at, message) in cases {
            let err = build(text).unwrap_err();
            assert_eq!(err.at.to_string(), *at, "{text}: {err}");
            assert!(err.message.contains(message), "{text}: {err}");
        }
        let twice = "[[jadwal.unit]]\nnama = \"A\"\njenis = \"Kecamatan\"\n[[jadwal.unit]]\nnama = \"B\"\njenis = \"Kecamatan\"\n";
        let err = build(twice).unwrap_err();
        assert_eq!(err.at, KeyPath::of("jadwal.unit").index(1).key("jenis"), "{err}");
        assert!(err.message.contains("sudah dipilih [[jadwal.unit]] ke-1"), "{err}");
    }
}
