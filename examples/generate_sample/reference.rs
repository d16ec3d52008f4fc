//! The reference data the generator works from — the unit list and the holiday list — and the
//! calendar helpers (working days, Indonesian month names).

use std::collections::BTreeSet;

use budaya_kerja::ground::model::YearMonth;
use chrono::{Datelike, NaiveDate, Weekday};

/// One configured work unit (a row of `units-mojokerto.csv`).
pub struct Unit {
    pub kode: String,
    pub nama: String,
    pub jenis: String,
    pub aliases: Vec<String>,
}

/// Parses `kode,nama,jenis,alias` (aliases separated by `|`; fields may be quoted because
/// several official names contain commas).
pub fn parse_units(csv: &str) -> Result<Vec<Unit>, String> {
    let mut units = Vec::new();
    for (i, line) in csv.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let fields = split_csv_line(line);
        let [kode, nama, jenis, alias] = fields.as_slice() else {
            return Err(format!("units CSV line {}: expected 4 fields, got {}", i + 1, fields.len()));
        };
        units.push(Unit {
            kode: kode.clone(),
            nama: nama.clone(),
            jenis: jenis.clone(),
            aliases: alias.split('|').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect(),
        });
    }
    Ok(units)
}

/// Parses the `tanggal,keterangan,jenis` holiday list into its dates.
pub fn parse_holidays(csv: &str) -> Result<BTreeSet<NaiveDate>, String> {
    let mut dates = BTreeSet::new();
    for (i, line) in csv.lines().enumerate().skip(1) {
        let Some(first) = split_csv_line(line).into_iter().next().filter(|f| !f.is_empty()) else {
            continue;
        };
        let date = NaiveDate::parse_from_str(&first, "%Y-%m-%d")
            .map_err(|e| format!("holidays CSV line {}: {first:?}: {e}", i + 1))?;
        dates.insert(date);
    }
    Ok(dates)
}

/// Minimal RFC 4180 field splitter: enough for the two embedded files.
fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

pub fn month_name(month: u32) -> &'static str {
    budaya_kerja::ground::text::nama_bulan(month.clamp(1, 12))
}

/// Every calendar day of the month, in order.
pub fn month_days(ym: YearMonth) -> Vec<NaiveDate> {
    ym.first_day().iter_days().take(ym.days() as usize).collect()
}

/// A weekday that is not a national holiday or cuti bersama (the Pemkot works Mon–Fri).
pub fn is_working_day(date: NaiveDate, holidays: &BTreeSet<NaiveDate>) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&date)
}

/// The day of the monthly `Rapat KBK` (work-culture group meeting): the second Thursday that is
/// a working day, or the first one if the month has only one.
pub fn kbk_meeting_day(ym: YearMonth, holidays: &BTreeSet<NaiveDate>) -> Option<NaiveDate> {
    let thursdays: Vec<NaiveDate> = month_days(ym)
        .into_iter()
        .filter(|d| d.weekday() == Weekday::Thu && is_working_day(*d, holidays))
        .collect();
    thursdays.get(1).or(thursdays.first()).copied()
}
