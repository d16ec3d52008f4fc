//! The tidy records every layout is normalised into, their provenance (file, sheet, cell)
//! and the `Issue` that describes a problem with them. Pure data: no I/O, no parsing.

use std::fmt;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar month, the unit of every report.
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub struct YearMonth {
    pub year: i32,
    /// 1..=12
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((2000..=2099).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    pub fn of(date: NaiveDate) -> Self {
        Self { year: date.year(), month: date.month() }
    }

    /// Parses `YYYY-MM` (the command-line form).
    pub fn parse(s: &str) -> Option<Self> {
        let (y, m) = s.trim().split_once('-')?;
        if y.len() != 4 || m.is_empty() || m.len() > 2 {
            return None;
        }
        Self::new(y.parse().ok()?, m.parse().ok()?)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or_default()
    }

    pub fn days(self) -> u32 {
        self.last_day().day()
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Self { year: self.year + 1, month: 1 }
        } else {
            Self { year: self.year, month: self.month + 1 }
        }
    }

    pub fn prev(self) -> Self {
        if self.month == 1 {
            Self { year: self.year - 1, month: 12 }
        } else {
            Self { year: self.year, month: self.month - 1 }
        }
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        date.year() == self.year && date.month() == self.month
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The attendance status codes of SPEC §3.5.
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub enum StatusCode {
    H,
    TL,
    PSW,
    DL,
    DD,
    S,
    I,
    C,
    TK,
    L,
    TB,
}

/// What a status code means for the metrics of SPEC §4.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum StatusClass {
    Present,
    Sick,
    Leave,
    Cuti,
    Unexcused,
    NotWorking,
}

impl StatusCode {
    pub const ALL: [StatusCode; 11] = [
        Self::H,
        Self::TL,
        Self::PSW,
        Self::DL,
        Self::DD,
        Self::S,
        Self::I,
        Self::C,
        Self::TK,
        Self::L,
        Self::TB,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::H => "H",
            Self::TL => "TL",
            Self::PSW => "PSW",
            Self::DL => "DL",
            Self::DD => "DD",
            Self::S => "S",
            Self::I => "I",
            Self::C => "C",
            Self::TK => "TK",
            Self::L => "L",
            Self::TB => "TB",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Self::H => "Hadir",
            Self::TL => "Hadir, terlambat masuk",
            Self::PSW => "Hadir, pulang sebelum waktunya",
            Self::DL => "Dinas luar",
            Self::DD => "Dinas dalam",
            Self::S => "Sakit",
            Self::I => "Izin",
            Self::C => "Cuti",
            Self::TK => "Tanpa keterangan",
            Self::L => "Libur",
            Self::TB => "Tugas belajar",
        }
    }

    /// The built-in aliases of SPEC §3.5 (the code itself is always accepted too).
    pub fn builtin_aliases(self) -> &'static [&'static str] {
        match self {
            Self::H => &["Hadir", "Masuk", "NL", "✓", "√", "v"],
            Self::TL => &["T", "Terlambat"],
            Self::PSW => &["PC", "Pulang Cepat"],
            Self::DL => &["Dinas Luar", "Tugas Luar"],
            Self::DD => &["Dinas Dalam"],
            Self::S => &["Sakit", "ST"],
            Self::I => &["Izin", "Ijin"],
            Self::C => &["Cuti", "CT", "CS", "CB", "CM", "CAP", "CLTN"],
            Self::TK => &["A", "Alpa", "Alpha", "Mangkir", "M"],
            Self::L => &["Libur", "-"],
            Self::TB => &["Tugas Belajar"],
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
    }

    pub fn class(self) -> StatusClass {
        match self {
            Self::H | Self::TL | Self::PSW | Self::DL | Self::DD => StatusClass::Present,
            Self::S => StatusClass::Sick,
            Self::I => StatusClass::Leave,
            Self::C => StatusClass::Cuti,
            Self::TK => StatusClass::Unexcused,
            Self::L | Self::TB => StatusClass::NotWorking,
        }
    }

    pub fn is_working_day(self) -> bool {
        self.class() != StatusClass::NotWorking
    }
}

/// PermenPAN-RB 6/2022 rating of hasil kerja or perilaku kerja.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum Rating {
    DiAtas,
    Sesuai,
    DiBawah,
}

impl Rating {
    pub fn label(self) -> &'static str {
        match self {
            Self::DiAtas => "Di Atas Ekspektasi",
            Self::Sesuai => "Sesuai Ekspektasi",
            Self::DiBawah => "Di Bawah Ekspektasi",
        }
    }
}

/// Where a record or problem came from. `row`/`col` are 0-based absolute cell positions.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub struct Provenance {
    /// Path relative to the input folder, with `/` separators.
    #[serde(with = "arc_str")]
    pub file: Arc<str>,
    #[serde(with = "arc_str")]
    pub sheet: Arc<str>,
    pub row: u32,
    pub col: u32,
}

impl Provenance {
    /// `C14`-style reference.
    pub fn cell(&self) -> String {
        cell_ref(self.row, self.col)
    }
}

/// 0-based (row, col) → `A1` reference.
pub fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", col_letters(col), row + 1)
}

pub fn col_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A person as identified in one record. `key` is what the metrics group by: the 18-digit
/// NIP, or `unit kode + "|" + normalised name` for staff without a usable NIP.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub struct Person {
    pub key: String,
    /// The 18-digit NIP when there is one; never a NIK.
    pub nip: Option<String>,
    pub nama: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttendanceRecord {
    /// Shared by every record of the same person read from one sheet (a matrix row is 31
    /// records): 8 bytes per record instead of three strings.
    #[serde(with = "shared_person")]
    pub person: Arc<Person>,
    /// Unit code from the configured master list.
    pub unit: String,
    #[serde(with = "date_days")]
    pub date: NaiveDate,
    pub code: StatusCode,
    pub menit_terlambat: u32,
    /// Empty for ordinary work attendance (`Hari Kerja`).
    pub kegiatan: String,
    pub kelompok: String,
    pub prov: Provenance,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvaluationRecord {
    #[serde(with = "shared_person")]
    pub person: Arc<Person>,
    pub unit: String,
    pub month: YearMonth,
    pub target: Option<f64>,
    pub realisasi: Option<f64>,
    /// The column, or the mean of the seven BerAKHLAK scores.
    pub nilai_perilaku: Option<f64>,
    pub rating_hasil: Option<Rating>,
    pub rating_perilaku: Option<Rating>,
    pub prov: Provenance,
}

/// One person of a unit's roster (`Daftar Pegawai`): the unit's expected staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RosterEntry {
    /// 18-digit NIP, or `None` for staff listed without one.
    pub nip: Option<String>,
    pub nama: String,
    pub unit: String,
    pub jabatan: String,
    pub status_pegawai: String,
    pub prov: Provenance,
}

/// `Tolak` (the record is rejected) or `Peringatan` (accepted, but look at it).
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub enum Level {
    Tolak,
    Peringatan,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Self::Tolak => "Tolak",
            Self::Peringatan => "Peringatan",
        }
    }
}

/// One problem, as listed on the `Masalah` sheet. `message` is Bahasa Indonesia and says
/// what to do about it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Issue {
    pub file: String,
    pub sheet: String,
    /// `C14`, or empty when the problem concerns the whole file or sheet.
    pub cell: String,
    /// The value seen, escaped and cut to at most 200 characters.
    pub value: String,
    pub message: String,
    pub level: Level,
    /// Months the problem belongs to, when known (used to put it on the right report).
    pub month: Option<YearMonth>,
}

/// Quote a value from the input for a message: control characters escaped, at most 200 chars.
pub fn quote_value(s: &str) -> String {
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i >= 200 {
            out.push('…');
            break;
        }
        if ch.is_control() {
            out.extend(ch.escape_default());
        } else {
            out.push(ch);
        }
    }
    out
}

/// `Arc<str>` as a plain string (serde's `rc` feature would rebuild half the tree).
mod arc_str {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
        Ok(Arc::from(String::deserialize(d)?))
    }
}

/// An `Arc<Person>` written as the person; when read back, the records of one decoding on
/// one thread share one `Arc` per distinct person again (`forget_shared_persons` ends it).
mod shared_person {
    use std::cell::RefCell;
    use std::collections::HashSet;
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Person;

    thread_local! {
        pub(super) static SEEN: RefCell<HashSet<Arc<Person>>> = RefCell::new(HashSet::new());
    }

    pub fn serialize<S: Serializer>(v: &Arc<Person>, s: S) -> Result<S::Ok, S::Error> {
        v.as_ref().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<Person>, D::Error> {
        let person = Person::deserialize(d)?;
        Ok(SEEN.with(|seen| super::intern_person(&mut seen.borrow_mut(), person)))
    }
}

/// The shared `Arc` of `person` in `seen`, added when new.
pub fn intern_person(seen: &mut std::collections::HashSet<Arc<Person>>, person: Person) -> Arc<Person> {
    if let Some(shared) = seen.get(&person) {
        return shared.clone();
    }
    let shared = Arc::new(person);
    seen.insert(shared.clone());
    shared
}

/// Ends the sharing of persons decoded on this thread (call after decoding one file).
pub fn forget_shared_persons() {
    shared_person::SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        seen.clear();
        seen.shrink_to(64);
    });
}

/// A date as days since 1970-01-01 (chrono's `serde` feature would rebuild polars).
mod date_days {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    fn epoch() -> NaiveDate {
        NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
    }

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64((*d - epoch()).num_days())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let days = i64::deserialize(d)?;
        epoch()
            .checked_add_signed(chrono::TimeDelta::days(days))
            .ok_or_else(|| serde::de::Error::custom("date out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(13, 2), "C14");
        assert_eq!(cell_ref(0, 25), "Z1");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(9, 701), "ZZ10");
        assert_eq!(cell_ref(0, 702), "AAA1");
    }

    #[test]
    fn year_month() {
        let ym = YearMonth::parse("2026-11").unwrap();
        assert_eq!(ym.days(), 30);
        assert_eq!(ym.prev().to_string(), "2026-10");
        assert_eq!(YearMonth::parse("2026-12").unwrap().next().to_string(), "2027-01");
        assert_eq!(YearMonth::parse("2026-02").unwrap().days(), 28);
        assert!(YearMonth::parse("2026-13").is_none());
        assert!(YearMonth::parse("1999-01").is_none());
    }

    #[test]
    fn quoting_escapes_and_cuts() {
        assert_eq!(quote_value("a\nb"), "a\\nb");
        assert_eq!(quote_value(&"x".repeat(300)).chars().count(), 201);
    }

    #[test]
    fn decoded_records_share_their_person_until_forgotten() {
        let person = Arc::new(Person { key: "k".into(), nip: None, nama: "Budi".into() });
        let prov = Provenance { file: Arc::from("a.xlsx"), sheet: Arc::from("S"), row: 1, col: 2 };
        let rec = |day: u32, who: &Arc<Person>| AttendanceRecord {
            person: who.clone(),
            unit: "DISHUB".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            code: StatusCode::H,
            menit_terlambat: 0,
            kegiatan: String::new(),
            kelompok: String::new(),
            prov: prov.clone(),
        };
        let other = Arc::new(Person { key: "j".into(), nip: Some("1".repeat(18)), nama: "Ani".into() });
        let records = vec![rec(2, &person), rec(3, &other), rec(4, &person)];
        let bytes = bincode::serde::encode_to_vec(&records, bincode::config::standard()).unwrap();
        let decode = || -> Vec<AttendanceRecord> {
            bincode::serde::decode_from_slice(&bytes, bincode::config::standard()).unwrap().0
        };
        let back = decode();
        assert_eq!(back, records);
        assert!(Arc::ptr_eq(&back[0].person, &back[2].person));
        assert!(!Arc::ptr_eq(&back[0].person, &back[1].person));
        forget_shared_persons();
        let again = decode();
        assert!(
            !Arc::ptr_eq(&back[0].person, &again[0].person),
            "a new decoding shares nothing with the old"
        );
        forget_shared_persons();
    }
}
