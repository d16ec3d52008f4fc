//! The days of the template's month: which are days off (weekends and configured holidays,
//! shaded and prefilled `L`), their weekday initials, Excel serials, and the holiday list.

use chrono::{Datelike, NaiveDate, Weekday};

use super::Spec;
use crate::ground::model::YearMonth;
use crate::ground::settings::Settings;
use crate::ground::text;

/// Excel counts days from 1899-12-30 (with the 1900 leap-year bug folded in).
const EXCEL_EPOCH: (i32, u32, u32) = (1899, 12, 30);

pub(super) fn month_days(month: YearMonth) -> Vec<NaiveDate> {
    month.first_day().iter_days().take(month.days() as usize).collect()
}

/// The working days of the unit's schedule in the month (SPEC §3.9: its days off and the
/// holidays left out); every day of the month if the schedule has none.
pub(super) fn working_days(spec: &Spec) -> Vec<NaiveDate> {
    let schedule = spec.settings.schedule_for(&spec.unit.kode, &spec.unit.jenis);
    let days = month_days(spec.month);
    let working: Vec<NaiveDate> =
        days.iter().copied().filter(|d| spec.settings.working_hours(schedule, *d).is_some()).collect();
    if working.is_empty() { days } else { working }
}

/// Saturdays, Sundays and configured holidays: shaded and prefilled `L`.
pub(super) fn is_day_off(settings: &Settings, d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun) || settings.is_holiday(d)
}

/// `S S R K J S M`: the initials recaps print under the day numbers.
pub(super) fn weekday_initial(d: NaiveDate) -> String {
    text::nama_hari(d).chars().take(1).collect()
}

pub(super) fn excel_serial(d: NaiveDate) -> i64 {
    let (y, m, dd) = EXCEL_EPOCH;
    NaiveDate::from_ymd_opt(y, m, dd).map(|epoch| (d - epoch).num_days()).unwrap_or_default()
}

/// The month's configured holidays on weekdays, as `24 dan 25 Desember 2026`; empty if none.
pub(super) fn holiday_list(spec: &Spec) -> String {
    let days: Vec<String> = month_days(spec.month)
        .into_iter()
        .filter(|d| spec.settings.is_holiday(*d))
        .map(|d| d.day().to_string())
        .collect();
    match days.split_last() {
        None => String::new(),
        Some((last, [])) => format!("{last} {}", text::periode(spec.month)),
        Some((last, rest)) => format!("{} dan {last} {}", rest.join(", "), text::periode(spec.month)),
    }
}
