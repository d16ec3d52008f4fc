//! The tidy records every layout is normalised into, their provenance (file, sheet, cell)
//! and the `Issue` that describes a problem with them. Pure data: no I/O, no parsing.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::ground::clock::ClockTime;

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
    #[serde(with = "sharing::arc_str")]
    pub file: Arc<str>,
    #[serde(with = "sharing::arc_str")]
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
    #[serde(with = "sharing::arc_person")]
    pub person: Arc<Person>,
    /// Unit code from the configured master list (shared by the records of a sheet).
    #[serde(with = "sharing::arc_str")]
    pub unit: Arc<str>,
    #[serde(with = "date_days")]
    pub date: NaiveDate,
    pub code: StatusCode,
    pub menit_terlambat: u32,
    /// Empty for ordinary work attendance (`Hari Kerja`).
    pub kegiatan: String,
    pub kelompok: String,
    pub prov: Provenance,
    /// How the clock judged the day (SPEC §3.9), for a day derived from clock times; `None`
    /// for a day written as a status code. Boxed: most records have none (8 bytes each).
    pub clock: Option<Box<ClockDetail>>,
}

/// Every month with at least one attendance or evaluation record.
pub fn record_months(
    attendance: &[AttendanceRecord],
    evaluations: &[EvaluationRecord],
) -> BTreeSet<YearMonth> {
    let months = attendance.iter().map(|r| YearMonth::of(r.date)).chain(evaluations.iter().map(|e| e.month));
    let mut out = BTreeSet::new();
    let mut last = None;
    for m in months {
        // Records mostly come grouped by month: no tree lookup within a run.
        if last != Some(m) {
            out.insert(m);
            last = Some(m);
        }
    }
    out
}

/// What the clock says about a derived person-day (SPEC §3.9): the record's `code` is `H`,
/// `TL` (also when the person left early as well), `PSW` or `TK`; `menit_terlambat` is on
/// the record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockDetail {
    pub menit_pulang_cepat: u32,
    /// 0 = not late; 1–4 = the `pita` band (4 also for "no masuk scan").
    pub tl_band: u8,
    /// 0 = did not leave early; 1–4 = the band (4 also for "no pulang scan").
    pub psw_band: u8,
    /// The kept scans, in order (the evidence written to `data/kehadiran-YYYY-MM.csv`).
    pub scans: Vec<ClockTime>,
    /// A working day without any scan or row: `TK` derived, no record read (`tanpa scan`).
    pub tanpa_scan: bool,
    /// The schedule that judged the day (`Bawaan` for the default).
    pub jadwal: String,
}

/// A row of clock times as read (SPEC §3.9), before the day is judged: one scan of a
/// machine log, the scans of one person-day (a Daily Log row), or the datang/pulang of a
/// daily or per-person row or of a matrix day cell. `reconcile` maps machine ids to persons,
/// settles duplicates, groups the rows per person-day and derives the day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockRecord {
    /// The person as the row names them; for a row known only by its machine id the key is
    /// provisional (`id:UNIT:ID`) until the roster's `id_mesin` maps it.
    #[serde(with = "sharing::arc_person")]
    pub person: Arc<Person>,
    /// The machine's id (`User ID`, `PIN`, `ID`), when the row has one.
    pub machine_id: Option<String>,
    #[serde(with = "sharing::arc_str")]
    pub unit: Arc<str>,
    /// The row's calendar date (a scan's own date).
    #[serde(with = "date_days")]
    pub date: NaiveDate,
    pub times: ClockTimes,
    /// A per-day `Shift` column (`Malam`, `Libur`, `-`).
    pub shift: Option<String>,
    /// A status code written on the row (a `Keterangan` of `S`, `C`, `DL`…), which decides
    /// the day over the times; never a machine direction (`C/In`).
    pub code: Option<StatusCode>,
    /// Minutes the sheet states (`Telat (mnt)`, `Kurang (mnt)`) with their column, for the
    /// cross-check against the derived figures (the times win).
    pub stated_terlambat: Option<(u32, u32)>,
    pub stated_pulang_cepat: Option<(u32, u32)>,
    /// The TL/PSW band columns of a per-person recap, with which of them the row marks.
    pub stated_bands: Option<Box<StatedBands>>,
    /// The month the sheet belongs to (metadata, file or folder name), when known: TK days
    /// are derived only for that month.
    pub sheet_month: Option<YearMonth>,
    pub prov: Provenance,
}

/// The totals row (`Jumlah`) of a per-person recap: what the sheet says the month adds up
/// to, cross-checked against the days derived from the sheet's own rows (SPEC §3.9). Not a
/// record: it is neither counted in the ledger nor in the figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockTotals {
    /// What each total cell states: (what, value, absolute column).
    pub stated: Vec<(StatedTotal, u32, u32)>,
    /// The totals row (its first cell); the file and sheet name the rows it sums.
    pub prov: Provenance,
}

/// Which figure a totals cell states.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatedTotal {
    MenitTerlambat,
    MenitPulangCepat,
    /// Days in one band: (psw?, band 1–4).
    Band(bool, u8),
}

/// The band columns of a clock row (`TL 1 - 30 … > 90/Tdk Absen`, the same for `PSW`):
/// every band column as (psw?, band 1–4, absolute column), and the bands the row marks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatedBands {
    pub columns: Vec<(bool, u8, u32)>,
    pub marked: Vec<(bool, u8)>,
}

/// The times of one clock row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockTimes {
    /// One scan (a row of a scan log).
    Scan(ClockTime),
    /// The scans of one person-day (a Daily Log row with columns `1 2 3 4 5`).
    Scans(Vec<ClockTime>),
    /// Datang and pulang (daily and per-person sheets, a time pair in a matrix cell); either
    /// may be missing (`-`).
    Pair { masuk: Option<ClockTime>, pulang: Option<ClockTime> },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvaluationRecord {
    #[serde(with = "sharing::arc_person")]
    pub person: Arc<Person>,
    #[serde(with = "sharing::arc_str")]
    pub unit: Arc<str>,
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
    /// The fingerprint machine's id of this person (`ID Mesin`, `PIN`, `User ID`).
    pub id_mesin: Option<String>,
    /// The unit shift the person works (`Malam`), when any.
    pub shift: Option<String>,
    /// Known to the unit from this date (`TMT`, `Mulai`) until the day before `berhenti`.
    #[serde(with = "opt_date_days")]
    pub mulai: Option<NaiveDate>,
    #[serde(with = "opt_date_days")]
    pub berhenti: Option<NaiveDate>,
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

/// Shared values (`Arc<str>` file, sheet and unit names, `Arc<Person>`) in the parse cache:
/// inside a [`SharingScope`] each shared `Arc` is written once and later occurrences as its
/// number, and reading gives back one shared `Arc` per value — a cached file decodes into as
/// little memory as a freshly parsed one, and in a fraction of the time. Outside a scope
/// every value is written whole (so any other serializer sees plain data).
mod sharing {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Person;

    /// One value: written whole the first time, as the number of its first writing later.
    #[derive(Serialize, Deserialize)]
    enum Shared<T> {
        New(T),
        Seen(u32),
    }

    pub(super) struct Table<T: ?Sized> {
        pub(super) active: bool,
        /// By the address of the `Arc`'s value: records share their `Arc`s, and every `Arc`
        /// lives while the file that holds it is written, so an address names one value.
        written: HashMap<usize, u32>,
        /// The last few addresses written: most records repeat their neighbour's values.
        recent: [(usize, u32); 4],
        read: Vec<Arc<T>>,
    }

    impl<T: ?Sized> Table<T> {
        fn new() -> Self {
            Self { active: false, written: HashMap::new(), recent: [(0, 0); 4], read: Vec::new() }
        }

        pub(super) fn reset(&mut self, active: bool) {
            self.active = active;
            self.written = HashMap::new();
            self.recent = [(0, 0); 4];
            self.read = Vec::new();
        }

        /// The number of `v` when written before; otherwise numbers it.
        fn seen(&mut self, v: &Arc<T>) -> Option<u32> {
            let at = Arc::as_ptr(v) as *const () as usize;
            if let Some(&(_, n)) = self.recent.iter().find(|(a, _)| *a == at) {
                return Some(n);
            }
            let next = self.written.len() as u32;
            let n = *self.written.entry(at).or_insert(next);
            self.recent.rotate_right(1);
            self.recent[0] = (at, n);
            (n != next).then_some(n)
        }
    }

    thread_local! {
        pub(super) static TEXTS: RefCell<Table<str>> = RefCell::new(Table::new());
        pub(super) static PERSONS: RefCell<Table<Person>> = RefCell::new(Table::new());
    }

    type Key<T> = &'static std::thread::LocalKey<RefCell<Table<T>>>;

    fn write<T, S>(table: Key<T>, v: &Arc<T>, s: S) -> Result<S::Ok, S::Error>
    where
        T: ?Sized + Serialize,
        S: Serializer,
    {
        let seen = table.with(|t| {
            let mut t = t.borrow_mut();
            if t.active { t.seen(v) } else { None }
        });
        match seen {
            Some(n) => Shared::<&T>::Seen(n).serialize(s),
            None => Shared::New(v.as_ref()).serialize(s),
        }
    }

    fn read<'de, T, O, D>(table: Key<T>, d: D, make: impl FnOnce(O) -> Arc<T>) -> Result<Arc<T>, D::Error>
    where
        T: ?Sized,
        O: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        match Shared::<O>::deserialize(d)? {
            Shared::New(owned) => {
                let v = make(owned);
                table.with(|t| {
                    let mut t = t.borrow_mut();
                    if t.active {
                        t.read.push(v.clone());
                    }
                });
                Ok(v)
            }
            Shared::Seen(n) => table
                .with(|t| t.borrow().read.get(n as usize).cloned())
                .ok_or_else(|| serde::de::Error::custom("shared value out of range")),
        }
    }

    pub mod arc_str {
        use super::*;

        pub fn serialize<S: Serializer>(v: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
            write(&TEXTS, v, s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
            read(&TEXTS, d, |s: String| Arc::from(s))
        }
    }

    pub mod arc_person {
        use super::*;

        pub fn serialize<S: Serializer>(v: &Arc<Person>, s: S) -> Result<S::Ok, S::Error> {
            write(&PERSONS, v, s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<Person>, D::Error> {
            read(&PERSONS, d, Arc::new)
        }
    }
}

/// While it lives, shared values written or read on this thread refer back to their first
/// occurrence (see `sharing`). One scope per encoded or decoded file: what a scope wrote can
/// only be read back in one scope, from the start.
pub struct SharingScope(());

impl SharingScope {
    pub fn new() -> Self {
        Self::reset(true);
        Self(())
    }

    fn reset(active: bool) {
        sharing::TEXTS.with(|t| t.borrow_mut().reset(active));
        sharing::PERSONS.with(|t| t.borrow_mut().reset(active));
    }
}

impl Default for SharingScope {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for SharingScope {
    fn drop(&mut self) {
        Self::reset(false);
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

/// A date as days since 1970-01-01 (chrono's `serde` feature would rebuild polars).
mod date_days {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn epoch() -> NaiveDate {
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

/// `Option<NaiveDate>` as days since 1970-01-01, like `date_days`.
mod opt_date_days {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&(*d - super::date_days::epoch()).num_days()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let Some(days) = Option::<i64>::deserialize(d)? else { return Ok(None) };
        super::date_days::epoch()
            .checked_add_signed(chrono::TimeDelta::days(days))
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom("date out of range"))
    }
}

/// One row of the ledger (SPEC §3.8): what became of the records of one file, sheet and
/// month; the `Berkas` sheet lists them and each month's manifest records them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LedgerRow {
    pub file: String,
    pub sheet: String,
    pub kind: String,
    pub layout: String,
    /// The month these counts belong to; `None` = listed on every month's report.
    pub month: Option<YearMonth>,
    pub read: u64,
    pub accepted: u64,
    pub rejected: u64,
    pub duplicates: u64,
    pub overridden: u64,
    pub note: String,
    /// A skipped file or visible sheet (a problem: exit status 3).
    pub skipped: bool,
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
    fn cached_records_share_their_person_and_names_again() {
        let person = Arc::new(Person { key: "k".into(), nip: None, nama: "Budi".into() });
        let other = Arc::new(Person { key: "j".into(), nip: Some("1".repeat(18)), nama: "Ani".into() });
        // Shared as the layouts share them; `t` is an equal name in an Arc of its own.
        let (file, s, t, unit): (Arc<str>, Arc<str>, Arc<str>, Arc<str>) =
            ("a.xlsx".into(), "S".into(), "S".into(), "DISHUB".into());
        let prov = |sheet: &Arc<str>| Provenance { file: file.clone(), sheet: sheet.clone(), row: 1, col: 2 };
        let rec = |day: u32, who: &Arc<Person>, sheet: &Arc<str>| AttendanceRecord {
            person: who.clone(),
            unit: unit.clone(),
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            code: StatusCode::H,
            menit_terlambat: 0,
            kegiatan: String::new(),
            kelompok: String::new(),
            prov: prov(sheet),
            clock: None,
        };
        let records = vec![rec(2, &person, &s), rec(3, &other, &t), rec(4, &person, &s), rec(5, &other, &s)];
        let config = bincode::config::standard();
        let encode = |scoped: bool| {
            let _scope = scoped.then(SharingScope::new);
            bincode::serde::encode_to_vec(&records, config).unwrap()
        };
        let decode = |bytes: &[u8], scoped: bool| -> Result<Vec<AttendanceRecord>, _> {
            let _scope = scoped.then(SharingScope::new);
            bincode::serde::decode_from_slice(bytes, config).map(|(v, _)| v)
        };
        let (shared, plain) = (encode(true), encode(false));
        assert!(shared.len() < plain.len(), "{} vs {}", shared.len(), plain.len());
        // Two files one after another on one thread: each scope starts afresh.
        for _ in 0..2 {
            let back = decode(&shared, true).unwrap();
            assert_eq!(back, records);
            assert!(Arc::ptr_eq(&back[0].person, &back[2].person));
            assert!(!Arc::ptr_eq(&back[0].person, &back[1].person));
            assert!(Arc::ptr_eq(&back[0].prov.sheet, &back[3].prov.sheet));
            assert!(!Arc::ptr_eq(&back[0].prov.sheet, &back[1].prov.sheet), "equal text, own Arc");
            assert!(Arc::ptr_eq(&back[0].prov.file, &back[1].prov.file));
            assert!(Arc::ptr_eq(&back[0].unit, &back[3].unit));
        }
        // Written whole outside a scope: readable anywhere; back references need their scope.
        assert_eq!(decode(&plain, false).unwrap(), records);
        assert_eq!(decode(&plain, true).unwrap(), records);
        assert!(decode(&shared, false).is_err());
    }
}
