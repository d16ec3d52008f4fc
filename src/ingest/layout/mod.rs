//! Turning a located table into records (SPEC §3.4, §3.5). Each layout walks its data rows
//! and yields one `Outcome` per record read — accepted-so-far or rejected — plus issues.
//! The pieces every layout shares (person, unit, numbers, dates) live in `context`.

pub mod context;
pub mod evaluation;
pub mod long;
pub mod matrix;
pub mod roster;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::ground::model::{AttendanceRecord, EvaluationRecord, Issue, Person, RosterEntry, YearMonth};

pub use context::{
    LastPerson, OncePerPerson, PersonRead, Reject, SheetCtx, SheetUnit, error_cell_message,
    unknown_unit_message,
};

/// What became of one record read from a sheet, before duplicates are reconciled.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Outcome {
    Attendance(AttendanceRecord),
    Evaluation(EvaluationRecord),
    Roster(RosterEntry),
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
            Outcome::LostNip(l) => l.record.month(),
            Outcome::Roster(_) | Outcome::Rejected(_) => continue,
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
