//! Person-days from clock times (SPEC §3.9): the accepted clock rows of each person are
//! grouped per day, judged against the unit's schedule (`clock.rs`), and become attendance
//! records with their `ClockDetail`; leave and duty codes win over scans; working days with
//! no row at all become `TK` (`tanpa scan`) for every person known to the unit that month.

use crate::ground::settings::Settings;
use crate::ingest::FileResult;

use super::Reconciled;

/// Derives the person-days of `rec.clock` into `rec.attendance`. (Being written: until it
/// lands no layout produces clock rows, so there is nothing to derive.)
pub fn days(_rec: &mut Reconciled, _files: &[FileResult], _settings: &Settings) {}
