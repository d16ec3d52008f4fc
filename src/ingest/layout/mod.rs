//! The table layouts of SPEC §3.4, behind one trait. A layout is one file here: its name in
//! the report, the rule that recognises its header, and how its rows become records
//! (`Outcome`s) and issues. [`LAYOUTS`] lists them in the order detection tries them;
//! `detect` searches the header rows and asks them, `ingest` dispatches to the one found.
//! The pieces every layout shares (person, unit, numbers, dates) live in `context`.

pub mod context;
pub mod daily;
pub mod evaluation;
pub mod kbk;
pub mod long;
pub mod matrix;
pub mod roster;
pub mod scan;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::ground::kbk::KbkRecord;
use crate::ground::model::{
    AttendanceRecord, ClockRecord, ClockTotals, EvaluationRecord, Issue, Person, RosterEntry, YearMonth,
};
use crate::ingest::detect::{HeaderFields, HeaderSearch, Table};

pub use context::{
    LastPerson, OncePerPerson, PersonRead, Reject, SheetCtx, SheetUnit, error_cell_message,
    unknown_unit_message,
};

/// One table layout (SPEC §3.4): what the report calls it, how its table is recognised and
/// how its rows are read. Detection and reading call it once per sheet; the per-cell work
/// happens inside `read`, in the layout's own code.
pub trait SheetLayout: Sync {
    /// What the layout is called: in the parse cache and on the report.
    fn labels(&self) -> Labels;

    /// Whether a header row naming these fields is this layout's table. Detection goes down
    /// the rows and, per row, asks the layouts in [`LAYOUTS`] order: the first that says yes
    /// takes the sheet.
    fn recognises(&self, _header: HeaderFields<'_>) -> bool {
        false
    }

    /// The table, when row `row` starts a header shape of this layout's own that column
    /// names alone do not show (the matrix's day numbers). Tried over the whole header window
    /// before any row is classified by [`recognises`](Self::recognises): such a shape is the
    /// stronger signal.
    fn locate(&self, _search: &HeaderSearch<'_>, _row: usize) -> Option<Table> {
        None
    }

    /// Reads the table's data rows into records and issues.
    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput;
}

/// What a layout is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Labels {
    /// The layout's stable name (SPEC §3.1: `attendance-long`, …), which the parse cache
    /// stores: never give a retired name to another layout.
    pub key: &'static str,
    /// `Jenis` on the Berkas sheet (`Kehadiran`, `Penilaian`, …).
    pub kind: &'static str,
    /// `Tata Letak` on the Berkas sheet (`long`, `matrix`).
    pub layout: &'static str,
}

/// Every layout, in the order detection tries them (their precedence). Adding a layout is
/// adding its file and one line here. The KBK sheets (SPEC §11.1) come after attendance and
/// evaluation, so a KBK rule never takes their sheets (a long sheet with `Kegiatan` and
/// `Kelompok` stays attendance), and before the roster, whose rule a member list with
/// `Jabatan` or `Unit Kerja` also passes; among themselves the narrower rule first
/// (`Langkah` with plan dates before a meeting's `Tanggal`, `Kriteria` before a measurement).
pub static LAYOUTS: &[&dyn SheetLayout] = &[
    &matrix::AttendanceMatrix,
    &kbk::hadir::KbkHadir,
    &scan::AttendanceScan,
    &daily::AttendanceDaily,
    &long::AttendanceLong,
    &evaluation::Evaluation,
    &kbk::kelompok::KbkKelompok,
    &kbk::anggota::KbkAnggota,
    &kbk::langkah::KbkLangkah,
    &kbk::pertemuan::KbkPertemuan,
    &kbk::penilaian::KbkPenilaian,
    &kbk::hasil::KbkHasil,
    &roster::Roster,
];

/// Which layout a sheet was read with: a handle on its [`SheetLayout`], compared and
/// serialised (in the parse cache) by its key.
#[derive(Clone, Copy)]
pub struct Layout(&'static dyn SheetLayout);

/// The names of the former `Layout` enum, kept so that code naming a built-in layout
/// compiles unchanged.
#[allow(non_upper_case_globals)]
impl Layout {
    pub const AttendanceLong: Layout = Layout(&long::AttendanceLong);
    pub const AttendanceMatrix: Layout = Layout(&matrix::AttendanceMatrix);
    pub const Evaluation: Layout = Layout(&evaluation::Evaluation);
    pub const Roster: Layout = Layout(&roster::Roster);
}

impl Layout {
    pub const fn new(layout: &'static dyn SheetLayout) -> Self {
        Self(layout)
    }

    /// The registered layout named `key`.
    pub fn by_key(key: &str) -> Option<Self> {
        LAYOUTS.iter().find(|l| l.labels().key == key).map(|&l| Self(l))
    }

    pub fn key(self) -> &'static str {
        self.0.labels().key
    }

    /// `Jenis` on the Berkas sheet.
    pub fn kind_label(self) -> &'static str {
        self.0.labels().kind
    }

    /// `Tata Letak` on the Berkas sheet.
    pub fn layout_label(self) -> &'static str {
        self.0.labels().layout
    }

    /// Reads the sheet's table with this layout.
    pub fn read(self, ctx: &SheetCtx<'_>) -> SheetOutput {
        self.0.read(ctx)
    }
}

impl PartialEq for Layout {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Layout {}

impl std::fmt::Debug for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for Layout {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Layout {
    // A key no layout has any more fails the cached parse, which is then read again.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        Self::by_key(&key).ok_or_else(|| serde::de::Error::custom(format!("unknown layout {key:?}")))
    }
}

/// What became of one record read from a sheet, before duplicates are reconciled.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Outcome {
    Attendance(AttendanceRecord),
    Evaluation(EvaluationRecord),
    Roster(RosterEntry),
    /// A row of clock times (SPEC §3.9), judged into a person-day by `reconcile`.
    Clock(ClockRecord),
    /// A per-person recap's totals row: not a record, cross-checked by `reconcile`.
    ClockTotals(ClockTotals),
    /// A Kelompok Budaya Kerja record (SPEC §11.1).
    Kbk(Box<KbkRecord>),
    /// Rejected; the month it belongs to, when known.
    Rejected(Option<YearMonth>),
    /// A valid record whose NIP was stored as a number and lost its last digits: accepted
    /// only if a roster recovers the NIP (SPEC §3.5), else rejected with `issue`.
    LostNip(Box<LostNip>),
}

/// A record waiting for NIP recovery through the roster.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LostNip {
    /// The record, with a provisional person (no NIP).
    pub record: Record,
    /// The 15 significant digits that survived.
    pub prefix15: String,
    /// The rejection, used when no roster recovers the NIP.
    pub issue: Issue,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Record {
    Attendance(AttendanceRecord),
    Evaluation(EvaluationRecord),
}

impl Record {
    pub fn month(&self) -> YearMonth {
        match self {
            Record::Attendance(a) => YearMonth::of(a.date),
            Record::Evaluation(e) => e.month,
        }
    }

    pub fn person_mut(&mut self) -> &mut Person {
        match self {
            Record::Attendance(a) => Arc::make_mut(&mut a.person),
            Record::Evaluation(e) => Arc::make_mut(&mut e.person),
        }
    }

    pub fn person(&self) -> &Person {
        match self {
            Record::Attendance(a) => &a.person,
            Record::Evaluation(e) => &e.person,
        }
    }

    pub fn unit(&self) -> &str {
        match self {
            Record::Attendance(a) => &a.unit,
            Record::Evaluation(e) => &e.unit,
        }
    }
}

/// The records and issues of one sheet.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SheetOutput {
    pub outcomes: Vec<Outcome>,
    pub issues: Vec<Issue>,
}

/// The month a sheet's rejected records belong to when their own date gives none: the
/// sheet's month, else the month most of its accepted records fall in.
pub fn fallback_month(sheet_month: Option<YearMonth>, outcomes: &[Outcome]) -> Option<YearMonth> {
    if sheet_month.is_some() {
        return sheet_month;
    }
    let mut counts: std::collections::BTreeMap<YearMonth, usize> = std::collections::BTreeMap::new();
    for o in outcomes {
        let m = match o {
            Outcome::Attendance(a) => YearMonth::of(a.date),
            Outcome::Evaluation(e) => e.month,
            Outcome::Clock(c) => YearMonth::of(c.date),
            Outcome::LostNip(l) => l.record.month(),
            Outcome::Kbk(_) | Outcome::Roster(_) | Outcome::Rejected(_) | Outcome::ClockTotals(_) => continue,
        };
        *counts.entry(m).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(m, n)| (*n, std::cmp::Reverse(*m))).map(|(m, _)| m)
}

/// Fills in the month of rejected records and issues that have none.
pub fn assign_months(out: &mut SheetOutput, sheet_month: Option<YearMonth>) {
    let fallback = fallback_month(sheet_month, &out.outcomes);
    for o in &mut out.outcomes {
        if let Outcome::Rejected(m @ None) = o {
            *m = fallback;
        }
    }
    for i in &mut out.issues {
        if i.month.is_none() {
            i.month = fallback;
        }
    }
}
