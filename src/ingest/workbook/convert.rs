//! calamine's values turned into [`Cell`]s, one allocation per text cell at most, and text
//! longer than the characters-per-cell limit cut with a note.

use calamine::Data;
use chrono::NaiveDate;

use super::grid::{Cell, CellNote};
use super::limits::ReadLimits;

pub(super) fn convert_ref(d: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef;
    match d {
        // One allocation per text cell (an empty text is an empty cell, as in `convert`).
        DataRef::SharedString(s) => text(s),
        DataRef::String(s) => text(s),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(x) => number(*x),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => convert(&Data::DateTime(*dt)),
        DataRef::DateTimeIso(s) => convert(&Data::DateTimeIso(s.clone())),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(format!("{e}")),
        DataRef::Empty => Cell::Empty,
    }
}

fn text(s: &str) -> Cell {
    if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_owned()) }
}

/// A number cell; `NaN` and infinities (a hand-made file can hold them) become their text, so
/// the value rules reject them like any other text that is no number.
fn number(x: f64) -> Cell {
    if x.is_finite() { Cell::Number(x) } else { Cell::Text(format!("{x}")) }
}

pub(super) fn convert(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => {
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.clone())
            }
        }
        Data::Float(x) => number(*x),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            // chrono panics on a duration out of its range: only plausible serials (about
            // ±8,000 years) are converted; the rest are dates that do not exist.
            let date = if serial.is_finite() && serial.abs() < 3.0e6 {
                dt.as_datetime().map(|t| t.date())
            } else {
                None
            };
            if serial.is_finite() { Cell::Date(date, serial) } else { Cell::Text(format!("{serial}")) }
        }
        Data::DateTimeIso(s) => {
            let date = NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok();
            Cell::Date(date, iso_serial(s).unwrap_or(f64::NAN))
        }
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// The spreadsheet serial of an ISO date-time (`2026-08-03T07:14:39`, as ODS stores it), so
/// that its time of day is kept (SPEC §3.9 date-time cells); `None` when it is no date-time.
fn iso_serial(s: &str) -> Option<f64> {
    let t = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").ok()?;
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let seconds = (t - epoch).num_seconds() as f64;
    Some(seconds / 86_400.0)
}

/// Text longer than the characters-per-cell limit (Excel's own 32,767) is cut, with a note.
pub(super) fn cut_text(
    cell: Cell,
    row: u32,
    col: u32,
    limits: &ReadLimits,
    notes: &mut Vec<CellNote>,
) -> Cell {
    let max = usize::try_from(limits.chars_per_cell).unwrap_or(usize::MAX);
    match cell {
        Cell::Text(mut s) if s.len() > max => {
            let Some((cut_at, _)) = s.char_indices().nth(max) else { return Cell::Text(s) };
            let chars = s.chars().count();
            notes.push(CellNote {
                row,
                col,
                value: crate::ground::model::quote_value(&s),
                message: format!(
                    "teks sel ini {chars} karakter, lebih dari batas {max} karakter per sel ([batas] karakter_per_sel, \
                     batas Excel sendiri); hanya {max} karakter pertama yang dibaca"
                ),
            });
            s.truncate(cut_at);
            Cell::Text(s)
        }
        other => other,
    }
}
