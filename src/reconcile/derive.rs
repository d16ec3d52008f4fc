//! Person-days from clock times (SPEC §3.9): the accepted clock rows of each person are
//! grouped per day, judged against the unit's schedule (`clock.rs`), and become attendance
//! records with their `ClockDetail`. A code written for the day (a leave or duty code in any
//! sheet, or on the clock row itself) wins over the scans; a working day with no row at all
//! becomes `TK` (`tanpa scan`) for every person known to the unit in the month a clock sheet
//! belongs to.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::ground::clock::ClockTime;
use crate::ground::model::{
    AttendanceRecord, ClockDetail, ClockRecord, ClockTimes, ClockTotals, Issue, Level, Person, Provenance,
    RosterEntry, StatedBands, StatedTotal, StatusCode, YearMonth,
};
use crate::ground::schedule::{Hours, Schedule, Shift};
use crate::ground::settings::Settings;

use super::clock::{
    DayVerdict, derive_day, derive_shift_day, group_shift_scans, judge_shift_times, judge_times,
};
use super::ledger::Counts;
use super::machine::{roster_person, same_identity};
use super::{At, Reconciled};

/// Derives the person-days of `rec.clock` (read at `at`) into `rec.attendance`; scan-log
/// rows that turn out to be repeated presses move from accepted to duplicates in `counts`.
pub fn days(rec: &mut Reconciled, at: &[At], settings: &Settings, counts: &mut Counts) {
    if rec.clock.is_empty() {
        return;
    }
    let coded = coded_days(&rec.attendance);
    let mut derived = Vec::new();
    let mut issues = Vec::new();
    let groups = person_groups(&rec.clock);
    for ((_, unit), rows) in &groups {
        let schedule = schedule_of(settings, unit);
        let shift = rows.first().and_then(|&i| shift_of(&rec.roster, &rec.clock[i], schedule));
        let ctx = Judge { settings, schedule, coded: &coded, at, counts: &mut *counts, issues: &mut issues };
        match shift {
            Some(shift) => ctx.shift_person(&rec.clock, rows, shift, &mut derived),
            None => ctx.day_person(&rec.clock, rows, &mut derived),
        }
    }
    check_totals(&rec.clock_totals, &derived, &mut issues);
    let tk = tanpa_scan_days(rec, &derived, settings);
    rec.attendance.extend(derived);
    rec.attendance.extend(tk);
    rec.issues.extend(issues);
}

/// A per-person recap's `Jumlah` row against the days derived from that sheet's rows: each
/// total that differs is one warning on its cell; the times win.
fn check_totals(totals: &[ClockTotals], derived: &[AttendanceRecord], issues: &mut Vec<Issue>) {
    for t in totals {
        let days: Vec<(&AttendanceRecord, &ClockDetail)> = derived
            .iter()
            .filter(|a| a.prov.file == t.prov.file && a.prov.sheet == t.prov.sheet)
            .filter_map(|a| a.clock.as_deref().map(|c| (a, c)))
            .collect();
        let Some(month) = days.first().map(|(a, _)| YearMonth::of(a.date)) else { continue };
        for &(what, stated, col) in &t.stated {
            let derived: u32 = match what {
                StatedTotal::MenitTerlambat => days.iter().map(|(a, _)| a.menit_terlambat).sum(),
                StatedTotal::MenitPulangCepat => days.iter().map(|(_, c)| c.menit_pulang_cepat).sum(),
                StatedTotal::Band(psw, band) => days
                    .iter()
                    .filter(|(_, c)| if psw { c.psw_band == band } else { c.tl_band == band })
                    .count() as u32,
            };
            if stated == derived {
                continue;
            }
            let label = match what {
                StatedTotal::MenitTerlambat => "jumlah menit terlambat".to_string(),
                StatedTotal::MenitPulangCepat => "jumlah menit pulang cepat".to_string(),
                StatedTotal::Band(psw, band) => {
                    format!("jumlah hari pita {} {band}", if psw { "PSW" } else { "TL" })
                }
            };
            issues.push(Issue {
                file: t.prov.file.to_string(),
                sheet: t.prov.sheet.to_string(),
                cell: crate::ground::model::cell_ref(t.prov.row, col),
                value: stated.to_string(),
                message: format!(
                    "{label} tertulis {stated}, tetapi jam datang/pulang pada lembar ini memberi {derived}; angka dari jam yang dipakai"
                ),
                level: Level::Peringatan,
                month: Some(month),
            });
        }
    }
}

/// (person key, unit) → the indexes of that person's clock rows, in input order.
fn person_groups(rows: &[ClockRecord]) -> BTreeMap<(String, String), Vec<usize>> {
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        groups.entry((r.person.key.clone(), r.unit.to_string())).or_default().push(i);
    }
    groups
}

fn schedule_of<'s>(settings: &'s Settings, unit: &str) -> &'s Schedule {
    let jenis = settings.unit_by_code(unit).map(|u| u.jenis.as_str()).unwrap_or_default();
    settings.schedule_for(unit, jenis)
}

/// The shift a person works: the roster's `shift` naming one of the unit's shifts.
fn shift_of<'s>(roster: &[RosterEntry], row: &ClockRecord, schedule: &'s Schedule) -> Option<&'s Shift> {
    let entry = roster.iter().find(|r| *r.unit == *row.unit && same_person(r, &row.person))?;
    schedule.shift(entry.shift.as_deref()?)
}

fn same_person(r: &RosterEntry, p: &Person) -> bool {
    same_identity((r.nip.as_deref(), &r.nama), (p.nip.as_deref(), &p.nama))
}

/// (person key, date) → a work-attendance code written for that day in any sheet.
fn coded_days(attendance: &[AttendanceRecord]) -> HashMap<(String, NaiveDate), StatusCode> {
    attendance
        .iter()
        // Ingest stores `Hari Kerja` as an empty kegiatan, as metrics counts it.
        .filter(|a| a.kegiatan.is_empty())
        .map(|a| ((a.person.key.clone(), a.date), a.code))
        .collect()
}

/// Judging one person's rows.
struct Judge<'a> {
    settings: &'a Settings,
    schedule: &'a Schedule,
    coded: &'a HashMap<(String, NaiveDate), StatusCode>,
    at: &'a [At],
    counts: &'a mut Counts,
    issues: &'a mut Vec<Issue>,
}

impl Judge<'_> {
    /// A person on the day schedule: their rows grouped by calendar date.
    fn day_person(mut self, rows: &[ClockRecord], mine: &[usize], out: &mut Vec<AttendanceRecord>) {
        let mut by_date: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
        for &i in mine {
            by_date.entry(rows[i].date).or_default().push(i);
        }
        for (date, day) in by_date {
            if self.decided_by_code(rows, &day, date, out) {
                continue;
            }
            let hours = self.settings.working_hours(self.schedule, date);
            let rules = self.settings.clock_rules();
            let (verdict, scan_rows) = match pair_only(rows, &day) {
                Some((masuk, pulang)) => (self.judge_pair(&rows[day[0]], masuk, pulang, hours), Vec::new()),
                None => {
                    let (times, owners) = day_scans(rows, &day);
                    (derive_day(&times, hours, rules), owners)
                }
            };
            self.count_repeats(rows, &verdict, &scan_rows);
            self.cross_check(rows, &day, &verdict);
            out.push(self.record(rows, &day, date, verdict));
        }
    }

    /// The minutes a row states (`Telat (mnt)`, `Kurang (mnt)`) against the minutes its times
    /// give: the times win, and each mismatching cell is one warning (SPEC §3.9).
    fn cross_check(&mut self, rows: &[ClockRecord], day: &[usize], v: &DayVerdict) {
        if v.code == StatusCode::L {
            return;
        }
        for &i in day {
            let r = &rows[i];
            let checks = [
                (r.stated_terlambat, v.menit_terlambat, "terlambat"),
                (r.stated_pulang_cepat, v.menit_pulang_cepat, "pulang cepat"),
            ];
            for (stated, derived, what) in checks {
                let Some((minutes, col)) = stated else { continue };
                if minutes == derived {
                    continue;
                }
                let mut issue = warning(
                    r,
                    format!(
                        "tertulis {minutes} menit {what}, tetapi jam datang/pulang pada baris ini memberi {derived} menit; \
                     angka dari jam yang dipakai"
                    ),
                );
                issue.cell = crate::ground::model::cell_ref(r.prov.row, col);
                issue.value = minutes.to_string();
                self.issues.push(issue);
            }
            if let Some(bands) = &r.stated_bands {
                self.check_bands(r, bands, false, v.tl_band);
                self.check_bands(r, bands, true, v.psw_band);
            }
        }
    }

    /// The band a row marks under `TL` (or `PSW`) against the band its times give: a
    /// mismatch is one warning, on the marked cell (or, when none is marked, on the cell of
    /// the band the times give).
    fn check_bands(&mut self, r: &ClockRecord, bands: &StatedBands, psw: bool, derived: u8) {
        let marked: Vec<u8> = bands.marked.iter().filter(|(p, _)| *p == psw).map(|(_, b)| *b).collect();
        let expected: Vec<u8> = if derived == 0 { Vec::new() } else { vec![derived] };
        if marked == expected {
            return;
        }
        let shown = marked.first().copied().unwrap_or(derived);
        let Some(&(_, _, col)) = bands.columns.iter().find(|(p, b, _)| *p == psw && *b == shown) else {
            return;
        };
        let kind = if psw { "PSW" } else { "TL" };
        let said = match marked.as_slice() {
            [] => format!("tidak ada pita {kind} yang ditandai"),
            [b] => format!("ditandai pita {kind} {b}"),
            _ => format!("ditandai {} pita {kind}", marked.len()),
        };
        let given = if derived == 0 { format!("tanpa {kind}") } else { format!("pita {kind} {derived}") };
        let mut issue = warning(
            r,
            format!(
                "{said}, tetapi jam datang/pulang pada baris ini memberi {given}; angka dari jam yang dipakai"
            ),
        );
        issue.cell = crate::ground::model::cell_ref(r.prov.row, col);
        issue.value = marked.first().map(|_| "1".to_string()).unwrap_or_default();
        self.issues.push(issue);
    }

    /// A daily row: by the day schedule, or by the shift its own `Shift` cell names (`Libur`
    /// or `-` there is a day off).
    fn judge_pair(
        &self,
        row: &ClockRecord,
        masuk: Option<ClockTime>,
        pulang: Option<ClockTime>,
        hours: Option<Hours>,
    ) -> DayVerdict {
        let rules = self.settings.clock_rules();
        let named = row.shift.as_deref().map(str::trim).filter(|s| !s.is_empty());
        match named {
            Some(s) if s == "-" || s.eq_ignore_ascii_case("libur") => judge_times(masuk, pulang, None, rules),
            Some(s) => match (self.schedule.shift(s), hours) {
                (Some(shift), Some(_)) => judge_shift_times(masuk, pulang, shift, rules),
                _ => judge_times(masuk, pulang, hours, rules),
            },
            None => judge_times(masuk, pulang, hours, rules),
        }
    }

    /// A shift worker: scans grouped into the windows of the shifts planned on the unit's
    /// working days (from the day before the first row), each day named by its start date.
    fn shift_person(
        mut self,
        rows: &[ClockRecord],
        mine: &[usize],
        shift: &Shift,
        out: &mut Vec<AttendanceRecord>,
    ) {
        let rules = self.settings.clock_rules();
        let (pairs, scans): (Vec<usize>, Vec<usize>) =
            mine.iter().partition(|&&i| matches!(rows[i].times, ClockTimes::Pair { .. }));
        for i in pairs {
            if let ClockTimes::Pair { masuk, pulang } = rows[i].times {
                if self.decided_by_code(rows, &[i], rows[i].date, out) {
                    continue;
                }
                let verdict = match self.settings.working_hours(self.schedule, rows[i].date) {
                    Some(_) => judge_shift_times(masuk, pulang, shift, rules),
                    None => judge_times(masuk, pulang, None, rules),
                };
                self.cross_check(rows, &[i], &verdict);
                out.push(self.record(rows, &[i], rows[i].date, verdict));
            }
        }
        let (stamps, owners) = shift_stamps(rows, &scans);
        let Some(first) = stamps.iter().map(|s| s.date()).min() else { return };
        let last = stamps.iter().map(|s| s.date()).max().unwrap_or(first);
        let plan: Vec<(NaiveDate, &Shift)> = first
            .pred_opt()
            .unwrap_or(first)
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| self.settings.working_hours(self.schedule, *d).is_some())
            .map(|d| (d, shift))
            .collect();
        let grouping = group_shift_scans(&stamps, &plan);
        for (&(date, shift), members) in plan.iter().zip(&grouping.per_day) {
            if members.is_empty() {
                continue;
            }
            let day_rows: Vec<usize> = dedup_rows(members.iter().map(|&k| owners[k]));
            if self.decided_by_code(rows, &day_rows, date, out) {
                continue;
            }
            let at: Vec<NaiveDateTime> = members.iter().map(|&k| stamps[k]).collect();
            let verdict = derive_shift_day(date, &at, shift, rules);
            let scan_owners: Vec<usize> = members.iter().map(|&k| owners[k]).collect();
            self.count_repeats(rows, &verdict, &scan_owners);
            out.push(self.record(rows, &day_rows, date, verdict));
        }
    }

    /// A code written for the day wins over the scans (SPEC §3.9): the code on the clock
    /// row itself becomes the day; a code from another sheet already is one. Scans on a
    /// leave or duty day give a warning.
    fn decided_by_code(
        &mut self,
        rows: &[ClockRecord],
        day: &[usize],
        date: NaiveDate,
        out: &mut Vec<AttendanceRecord>,
    ) -> bool {
        let first = &rows[day[0]];
        let key = (first.person.key.clone(), date);
        if let Some(&code) = self.coded.get(&key) {
            if has_times(rows, day) && is_leave_or_duty(code) {
                self.issues.push(warning(
                    first,
                    format!(
                        "ada scan pada hari berkode {} untuk {}; kode {} yang dipakai, scan hanya dicatat",
                        code.as_str(),
                        first.person.nama,
                        code.as_str()
                    ),
                ));
            }
            return true;
        }
        let Some(code) = day.iter().find_map(|&i| rows[i].code) else { return false };
        out.push(AttendanceRecord {
            person: first.person.clone(),
            unit: first.unit.clone(),
            date,
            code,
            menit_terlambat: 0,
            kegiatan: String::new(),
            kelompok: String::new(),
            prov: first.prov.clone(),
            clock: None,
        });
        true
    }

    /// Scan-log rows whose press came less than `jeda_scan` after the last kept one are
    /// duplicates in the ledger (a Daily Log row's repeated presses are simply dropped).
    fn count_repeats(&mut self, rows: &[ClockRecord], verdict: &DayVerdict, scan_owners: &[usize]) {
        for &d in &verdict.dropped {
            let Some(&row) = scan_owners.get(d) else { continue };
            if !matches!(rows[row].times, ClockTimes::Scan(_)) {
                continue;
            }
            let (fi, si) = self.at[row];
            let entry = self.counts.entry((fi, si, Some(YearMonth::of(rows[row].date)))).or_default();
            entry.accepted = entry.accepted.saturating_sub(1);
            entry.duplicates += 1;
        }
        if verdict.many_scans {
            if let Some(&row) = scan_owners.first() {
                let r = &rows[row];
                self.issues.push(warning(
                    r,
                    format!(
                        "{} scan dalam satu hari untuk {} ({}); semuanya disimpan, periksa mesin absensinya",
                        verdict.kept.len(),
                        r.person.nama,
                        crate::ground::text::tanggal(r.date)
                    ),
                ));
            }
        }
    }

    /// The derived day as an attendance record; its lineage is the first row of the day.
    fn record(
        &self,
        rows: &[ClockRecord],
        day: &[usize],
        date: NaiveDate,
        v: DayVerdict,
    ) -> AttendanceRecord {
        let first = &rows[day[0]];
        AttendanceRecord {
            person: first.person.clone(),
            unit: first.unit.clone(),
            date,
            code: v.code,
            menit_terlambat: v.menit_terlambat,
            kegiatan: String::new(),
            kelompok: String::new(),
            prov: first.prov.clone(),
            clock: Some(Box::new(ClockDetail {
                menit_pulang_cepat: v.menit_pulang_cepat,
                tl_band: v.tl_band,
                psw_band: v.psw_band,
                scans: v.kept,
                tanpa_scan: false,
                jadwal: self.schedule.nama.clone(),
            })),
        }
    }
}

/// The day's masuk and pulang when it has exactly one row and that row gives them by
/// column (a daily or per-person row, a matrix time pair).
fn pair_only(rows: &[ClockRecord], day: &[usize]) -> Option<(Option<ClockTime>, Option<ClockTime>)> {
    match day {
        [only] => match rows[*only].times {
            ClockTimes::Pair { masuk, pulang } => Some((masuk, pulang)),
            _ => None,
        },
        _ => None,
    }
}

/// Every time of the day's rows, with the row each came from.
fn day_scans(rows: &[ClockRecord], day: &[usize]) -> (Vec<ClockTime>, Vec<usize>) {
    let mut times = Vec::new();
    let mut owners = Vec::new();
    for &i in day {
        for t in times_of(&rows[i].times) {
            times.push(t);
            owners.push(i);
        }
    }
    (times, owners)
}

fn times_of(times: &ClockTimes) -> Vec<ClockTime> {
    match times {
        ClockTimes::Scan(t) => vec![*t],
        ClockTimes::Scans(v) => v.clone(),
        ClockTimes::Pair { masuk, pulang } => masuk.iter().chain(pulang.iter()).copied().collect(),
    }
}

fn shift_stamps(rows: &[ClockRecord], scans: &[usize]) -> (Vec<NaiveDateTime>, Vec<usize>) {
    let mut stamps = Vec::new();
    let mut owners = Vec::new();
    for &i in scans {
        for t in times_of(&rows[i].times) {
            stamps.push(rows[i].date.and_time(t.to_naive_time()));
            owners.push(i);
        }
    }
    (stamps, owners)
}

fn dedup_rows(rows: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut seen = BTreeSet::new();
    rows.filter(|r| seen.insert(*r)).collect()
}

fn has_times(rows: &[ClockRecord], day: &[usize]) -> bool {
    day.iter().any(|&i| !times_of(&rows[i].times).is_empty())
}

fn is_leave_or_duty(code: StatusCode) -> bool {
    matches!(
        code,
        StatusCode::S | StatusCode::I | StatusCode::C | StatusCode::DL | StatusCode::DD | StatusCode::TB
    )
}

fn warning(row: &ClockRecord, message: String) -> Issue {
    Issue {
        file: row.prov.file.to_string(),
        sheet: row.prov.sheet.to_string(),
        cell: row.prov.cell(),
        value: String::new(),
        message,
        level: Level::Peringatan,
        month: Some(YearMonth::of(row.date)),
    }
}

/// `TK` for every working day of a clock-judged unit-month on which a person known to the
/// unit has no attendance record at all (SPEC §3.9 "Who gets TK days"). Known: the unit's
/// roster (from `mulai`, until the day before `berhenti`), else everyone with a record for
/// the unit that month. A unit-month is clock-judged when a clock sheet belongs to it.
fn tanpa_scan_days(
    rec: &Reconciled,
    derived: &[AttendanceRecord],
    settings: &Settings,
) -> Vec<AttendanceRecord> {
    let judged = judged_unit_months(&rec.clock);
    // Work attendance only: a KBK meeting on a day is no working day's record.
    let present: BTreeSet<(&str, NaiveDate)> = rec
        .attendance
        .iter()
        .chain(derived)
        .filter(|a| a.kegiatan.is_empty())
        .map(|a| (a.person.key.as_str(), a.date))
        .collect();
    let mut out = Vec::new();
    for ((unit, month), prov) in judged {
        let schedule = schedule_of(settings, &unit);
        for (person, active) in known_persons(rec, derived, &unit, month) {
            for date in month_days(month) {
                let works = settings.working_hours(schedule, date).is_some();
                if works && active(date) && !present.contains(&(person.key.as_str(), date)) {
                    out.push(tanpa_scan(&person, &unit, date, prov, &schedule.nama));
                }
            }
        }
    }
    out
}

/// The unit-months judged by the clock, each with the first clock row that makes it so: the
/// month a clock sheet belongs to (its metadata, file or folder name, else the month of most
/// of its rows) for every unit its rows name. A stray row dated in another month counts for
/// that month's figures but never fills it with TK days (SPEC §3.9).
fn judged_unit_months(clock: &[ClockRecord]) -> BTreeMap<(Arc<str>, YearMonth), &Provenance> {
    let mut sheets: BTreeMap<(&str, &str), Vec<&ClockRecord>> = BTreeMap::new();
    for c in clock {
        sheets.entry((&c.prov.file, &c.prov.sheet)).or_default().push(c);
    }
    let mut judged = BTreeMap::new();
    for rows in sheets.values() {
        let Some(month) = rows[0].sheet_month.or_else(|| most_rows_month(rows)) else { continue };
        for c in rows {
            judged.entry((c.unit.clone(), month)).or_insert(&c.prov);
        }
    }
    judged
}

/// The month most rows fall in (the earlier one on a tie).
fn most_rows_month(rows: &[&ClockRecord]) -> Option<YearMonth> {
    let mut counts: BTreeMap<YearMonth, usize> = BTreeMap::new();
    for c in rows {
        *counts.entry(YearMonth::of(c.date)).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(m, n)| (n, std::cmp::Reverse(m))).map(|(m, _)| m)
}

type Active = Box<dyn Fn(NaiveDate) -> bool>;

/// The persons known to `unit` in `month`, each with the days they belong to it.
fn known_persons(
    rec: &Reconciled,
    derived: &[AttendanceRecord],
    unit: &str,
    month: YearMonth,
) -> Vec<(Arc<Person>, Active)> {
    let roster: Vec<&RosterEntry> = rec.roster.iter().filter(|r| r.unit == unit).collect();
    if !roster.is_empty() {
        return roster
            .into_iter()
            .map(|r| {
                let (mulai, berhenti) = (r.mulai, r.berhenti);
                let active: Active =
                    Box::new(move |d| mulai.is_none_or(|m| d >= m) && berhenti.is_none_or(|b| d < b));
                (Arc::new(roster_person(r, unit)), active)
            })
            .collect();
    }
    let mut seen: BTreeMap<String, Arc<Person>> = BTreeMap::new();
    let in_month = |u: &str, d: NaiveDate| u == unit && YearMonth::of(d) == month;
    for a in rec.attendance.iter().chain(derived).filter(|a| in_month(&a.unit, a.date)) {
        seen.entry(a.person.key.clone()).or_insert_with(|| a.person.clone());
    }
    for c in rec.clock.iter().filter(|c| in_month(&c.unit, c.date)) {
        seen.entry(c.person.key.clone()).or_insert_with(|| c.person.clone());
    }
    seen.into_values().map(|p| (p, Box::new(|_| true) as Active)).collect()
}

fn month_days(m: YearMonth) -> impl Iterator<Item = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(m.year, m.month, 1);
    first
        .into_iter()
        .flat_map(|f| f.iter_days())
        .take_while(move |d| d.month() == m.month && d.year() == m.year)
}

fn tanpa_scan(
    person: &Arc<Person>,
    unit: &Arc<str>,
    date: NaiveDate,
    prov: &Provenance,
    jadwal: &str,
) -> AttendanceRecord {
    AttendanceRecord {
        person: person.clone(),
        unit: unit.clone(),
        date,
        code: StatusCode::TK,
        menit_terlambat: 0,
        kegiatan: String::new(),
        kelompok: String::new(),
        prov: prov.clone(),
        clock: Some(Box::new(ClockDetail {
            tanpa_scan: true,
            jadwal: jadwal.to_string(),
            ..ClockDetail::default()
        })),
    }
}

#[cfg(test)]
mod tests {
    //! Figures derived by hand from SPEC §3.9 with the default `[jadwal]` (Senin–Kamis
    //! 07:30–16:00, Jumat 07:30–16:30, toleransi 0, jeda 5, batas tengah 12:00, pita 30/60/90).
    //! August 2026: 1 Aug is a Saturday; 17 Aug (Monday) is a holiday.
    use std::time::{Duration, SystemTime};

    use super::*;
    use crate::ingest::detect::Layout;
    use crate::ingest::layout::{Outcome, SheetOutput};
    use crate::ingest::{FileResult, SheetResult, SheetStatus};
    use crate::reconcile::reconcile;

    const UNIT: &str = "DISKOMINFO";

    fn settings() -> Settings {
        Settings::embedded().unwrap()
    }

    fn t(s: &str) -> ClockTime {
        ClockTime::parse(s).unwrap().unwrap()
    }

    fn aug(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 8, d).unwrap()
    }

    fn person(key: &str) -> Arc<Person> {
        Arc::new(Person { key: key.into(), nip: None, nama: format!("Nama {key}") })
    }

    fn row(who: &Arc<Person>, date: NaiveDate, times: ClockTimes, r: u32) -> ClockRecord {
        ClockRecord {
            person: who.clone(),
            machine_id: None,
            unit: Arc::from(UNIT),
            date,
            times,
            shift: None,
            code: None,
            stated_terlambat: None,
            stated_pulang_cepat: None,
            stated_bands: None,
            sheet_month: YearMonth::new(2026, 8),
            prov: Provenance { file: Arc::from("log.xlsx"), sheet: Arc::from("AttLog"), row: r, col: 3 },
        }
    }

    fn scan(who: &Arc<Person>, date: NaiveDate, at: &str, r: u32) -> Outcome {
        Outcome::Clock(row(who, date, ClockTimes::Scan(t(at)), r))
    }

    fn file(outcomes: Vec<Outcome>) -> FileResult {
        FileResult {
            rel: "log.xlsx".into(),
            size: 1,
            modified: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(10)),
            skip: None,
            skip_harmless: false,
            format: None,
            sheets: vec![SheetResult {
                name: "AttLog".into(),
                status: SheetStatus::Read { layout: Layout::AttendanceLong, unit: None, month: None },
                output: SheetOutput { outcomes, issues: Vec::new() },
            }],
            issues: Vec::new(),
            name_month: None,
        }
    }

    fn day<'a>(rec: &'a Reconciled, key: &str, d: NaiveDate) -> &'a AttendanceRecord {
        rec.attendance.iter().find(|a| a.person.key == key && a.date == d).unwrap()
    }

    fn bands(a: &AttendanceRecord) -> (StatusCode, u32, u32, u8, u8) {
        let c = a.clock.as_deref().unwrap();
        (a.code, a.menit_terlambat, c.menit_pulang_cepat, c.tl_band, c.psw_band)
    }

    /// Read = accepted + rejected + duplicates + overridden on every ledger row.
    fn balanced(rec: &Reconciled) -> bool {
        rec.ledger.iter().all(|r| r.read == r.accepted + r.rejected + r.duplicates + r.overridden)
    }

    #[test]
    fn scan_log_days_with_repeats_lateness_early_leave_and_lone_scans() {
        let a = person("a");
        let outcomes = vec![
            // Mon 3 Aug: 07:28 and 07:29 (a repeat, 1 minute later) and 16:05 → H.
            scan(&a, aug(3), "07:28:10", 1),
            scan(&a, aug(3), "07:29:40", 2),
            scan(&a, aug(3), "16:05:00", 3),
            // Tue 4 Aug: 07:31:00 is 1 minute late; 15:20 is 40 minutes early (band 2).
            scan(&a, aug(4), "07:31:00", 4),
            scan(&a, aug(4), "15:20:15", 5),
            // Wed 5 Aug: 07:30:59 is on time; exactly 5 minutes apart is no repeat.
            scan(&a, aug(5), "07:30:59", 6),
            scan(&a, aug(5), "16:02:50", 7),
            scan(&a, aug(5), "16:07:05", 8),
            // Thu 6 Aug: a lone morning scan → masuk, no pulang → PSW band 4, no minutes.
            scan(&a, aug(6), "07:25:48", 9),
            // Fri 7 Aug: a lone afternoon scan → pulang, no masuk → TL band 4; 16:05 on a
            // Friday is also 25 minutes early (band 1).
            scan(&a, aug(7), "16:05:30", 10),
            // Sat 8 Aug: a day off: kept as evidence, code L.
            scan(&a, aug(8), "08:00", 11),
        ];
        let rec = reconcile(vec![file(outcomes)], &settings());
        assert_eq!(bands(day(&rec, "a", aug(3))), (StatusCode::H, 0, 0, 0, 0));
        assert_eq!(day(&rec, "a", aug(3)).clock.as_deref().unwrap().scans, vec![t("07:28"), t("16:05")]);
        assert_eq!(bands(day(&rec, "a", aug(4))), (StatusCode::TL, 1, 40, 1, 2));
        assert_eq!(bands(day(&rec, "a", aug(5))), (StatusCode::H, 0, 0, 0, 0));
        assert_eq!(day(&rec, "a", aug(5)).clock.as_deref().unwrap().scans.len(), 3);
        assert_eq!(bands(day(&rec, "a", aug(6))), (StatusCode::PSW, 0, 0, 0, 4));
        assert_eq!(bands(day(&rec, "a", aug(7))), (StatusCode::TL, 0, 25, 4, 1));
        assert_eq!(day(&rec, "a", aug(8)).code, StatusCode::L);
        // 11 rows read: 10 accepted, the 07:29:40 press a duplicate.
        let row = &rec.ledger[0];
        assert_eq!((row.read, row.accepted, row.duplicates, row.rejected), (11, 10, 1, 0));
        assert!(balanced(&rec));
    }

    #[test]
    fn working_days_without_a_row_are_tk_but_not_weekends_or_holidays() {
        let a = person("a");
        let outcomes = vec![scan(&a, aug(3), "07:20", 1), scan(&a, aug(3), "16:10", 2)];
        let rec = reconcile(vec![file(outcomes)], &settings());
        let tk: Vec<&AttendanceRecord> = rec.attendance.iter().filter(|a| a.code == StatusCode::TK).collect();
        // August 2026: 21 weekdays, minus the holidays 17 and 25 Aug = 19 working days; the
        // 3rd has scans, so 18 TK days, each derived without a record.
        assert_eq!(tk.len(), 18);
        assert!(tk.iter().all(|a| a.clock.as_deref().is_some_and(|c| c.tanpa_scan)));
        assert!(!tk.iter().any(|a| [aug(8), aug(17), aug(25)].contains(&a.date)));
        // No record was read for them: the ledger still counts the two scans only.
        assert_eq!(rec.ledger[0].read, 2);
        assert!(balanced(&rec));
    }

    #[test]
    fn a_leave_code_from_another_sheet_wins_over_scans_with_a_warning() {
        let a = person("a");
        let mut sick = AttendanceRecord {
            person: a.clone(),
            unit: Arc::from(UNIT),
            date: aug(4),
            code: StatusCode::S,
            menit_terlambat: 0,
            kegiatan: String::new(),
            kelompok: String::new(),
            prov: Provenance { file: Arc::from("cuti.xlsx"), sheet: Arc::from("S"), row: 5, col: 4 },
            clock: None,
        };
        sick.prov.file = Arc::from("log.xlsx");
        let outcomes = vec![scan(&a, aug(4), "07:40", 1), Outcome::Attendance(sick)];
        let rec = reconcile(vec![file(outcomes)], &settings());
        let days: Vec<StatusCode> =
            rec.attendance.iter().filter(|r| r.date == aug(4)).map(|r| r.code).collect();
        assert_eq!(days, vec![StatusCode::S]);
        assert!(rec.issues.iter().any(|i| i.level == Level::Peringatan && i.message.contains("berkode S")));
    }

    #[test]
    fn roster_persons_get_tk_days_only_while_they_belong_to_the_unit() {
        let a = person("a");
        let roster = |nama: &str, berhenti: Option<NaiveDate>| RosterEntry {
            nip: None,
            nama: nama.into(),
            unit: UNIT.into(),
            jabatan: String::new(),
            status_pegawai: String::new(),
            id_mesin: None,
            shift: None,
            mulai: None,
            berhenti,
            prov: Provenance { file: Arc::from("log.xlsx"), sheet: Arc::from("AttLog"), row: 0, col: 0 },
        };
        let outcomes = vec![
            Outcome::Roster(roster("Nama a", None)),
            // Leaves on Mon 10 Aug: TK only on the working days 3–7 Aug.
            Outcome::Roster(roster("Budi", Some(aug(10)))),
            scan(&a, aug(3), "07:20", 1),
            scan(&a, aug(3), "16:10", 2),
        ];
        let rec = reconcile(vec![file(outcomes)], &settings());
        let budi_key = format!("{UNIT}|budi");
        let budi: Vec<NaiveDate> =
            rec.attendance.iter().filter(|r| r.person.key == budi_key).map(|r| r.date).collect();
        assert_eq!(budi, vec![aug(3), aug(4), aug(5), aug(6), aug(7)]);
    }

    #[test]
    fn a_night_shift_is_judged_on_its_start_date_across_midnight() {
        let mut s = settings();
        let text = "[jadwal]\n[[jadwal.unit]]\nnama = \"Jaga\"\nkode = [\"DISKOMINFO\"]\nshift = [ { nama = \"Malam\", jam = \"21:00-07:00\" } ]\n";
        let path = std::env::temp_dir().join(format!("bk-shift-{}.toml", std::process::id()));
        std::fs::write(&path, text).unwrap();
        s = Settings::load(Some(&path)).unwrap_or(s);
        let _ = std::fs::remove_file(&path);
        // Identified by unit + name, as the roster names him.
        let g = Arc::new(Person { key: format!("{UNIT}|sutrisno"), nip: None, nama: "Sutrisno".into() });
        let entry = RosterEntry {
            nip: None,
            nama: "Sutrisno".into(),
            unit: UNIT.into(),
            jabatan: String::new(),
            status_pegawai: String::new(),
            id_mesin: None,
            shift: Some("Malam".into()),
            mulai: None,
            berhenti: None,
            prov: Provenance { file: Arc::from("log.xlsx"), sheet: Arc::from("AttLog"), row: 0, col: 0 },
        };
        let outcomes = vec![
            Outcome::Roster(entry),
            // Thu 13 Aug 21:12 → 12 minutes late; Fri 14 Aug 07:03 ends that shift.
            scan(&g, aug(13), "21:12:30", 1),
            scan(&g, aug(14), "07:03:12", 2),
        ];
        let rec = reconcile(vec![file(outcomes)], &s);
        assert_eq!(s.schedule_for(UNIT, "Perangkat Daerah").nama, "Jaga");
        assert_eq!(bands(day(&rec, &format!("{UNIT}|sutrisno"), aug(13))), (StatusCode::TL, 12, 0, 1, 0));
    }

    #[test]
    fn machine_ids_map_through_the_roster_and_a_bare_id_is_rejected() {
        let nip = "198001012005011001";
        let with_id = |id: &str, nama: &str, at: &str, r: u32| {
            let provisional =
                Arc::new(Person { key: format!("id:{UNIT}:{id}"), nip: None, nama: nama.into() });
            let mut c = row(&provisional, aug(3), ClockTimes::Scan(t(at)), r);
            c.machine_id = Some(id.into());
            Outcome::Clock(c)
        };
        let entry = RosterEntry {
            nip: Some(nip.into()),
            nama: "Andi Wijaya".into(),
            unit: UNIT.into(),
            jabatan: String::new(),
            status_pegawai: String::new(),
            id_mesin: Some("7".into()),
            shift: None,
            mulai: None,
            berhenti: None,
            prov: Provenance { file: Arc::from("log.xlsx"), sheet: Arc::from("AttLog"), row: 0, col: 0 },
        };
        let outcomes = vec![
            Outcome::Roster(entry),
            with_id("7", "ANDI", "07:35", 1),
            with_id("7", "ANDI", "16:01", 2),
            // Not in the roster, but named: identified by unit + name, with one warning.
            with_id("12", "Rina", "07:10", 3),
            with_id("12", "Rina", "16:00", 4),
            // A technician's test scan: no name, no mapping → rejected.
            with_id("99", "", "10:00", 5),
        ];
        let rec = reconcile(vec![file(outcomes)], &settings());
        assert_eq!(bands(day(&rec, nip, aug(3))), (StatusCode::TL, 5, 0, 1, 0));
        assert_eq!(day(&rec, nip, aug(3)).person.nama, "Andi Wijaya");
        assert_eq!(bands(day(&rec, &format!("{UNIT}|rina"), aug(3))), (StatusCode::H, 0, 0, 0, 0));
        let warnings = rec.issues.iter().filter(|i| i.message.contains("ID mesin 12")).count();
        assert_eq!(warnings, 1);
        let rejected = rec.issues.iter().find(|i| i.level == Level::Tolak).unwrap();
        assert_eq!((rejected.cell.as_str(), rejected.value.as_str()), ("D6", "99"));
        assert!(rejected.message.contains("ID Mesin"), "{}", rejected.message);
        let row = rec.ledger.iter().find(|r| r.month == YearMonth::new(2026, 8) && r.read > 1).unwrap();
        assert_eq!((row.read, row.accepted, row.rejected), (5, 4, 1));
        assert!(balanced(&rec));
    }

    #[test]
    fn an_id_the_roster_gives_two_people_is_rejected_and_forty_scans_are_kept_with_a_warning() {
        let entry = |nip: &str, nama: &str| RosterEntry {
            nip: Some(nip.into()),
            nama: nama.into(),
            unit: UNIT.into(),
            jabatan: String::new(),
            status_pegawai: String::new(),
            id_mesin: Some("3".into()),
            shift: None,
            mulai: None,
            berhenti: None,
            prov: Provenance { file: Arc::from("log.xlsx"), sheet: Arc::from("AttLog"), row: 0, col: 0 },
        };
        let provisional = Arc::new(Person { key: format!("id:{UNIT}:3"), nip: None, nama: "Dewi".into() });
        let mut twice = row(&provisional, aug(3), ClockTimes::Scan(t("07:00")), 1);
        twice.machine_id = Some("3".into());
        let a = person("a");
        // One Daily Log row with 40 presses, a minute apart from 07:00: the jeda drops those
        // less than 5 minutes after the last kept one, leaving 07:00, 07:05, … 07:35 (8) —
        // so use presses 5 minutes apart: 40 kept.
        let presses: Vec<ClockTime> =
            (0..40).map(|k| ClockTime::from_minutes(7 * 60 + 5 * k).unwrap()).collect();
        let outcomes = vec![
            Outcome::Roster(entry("198001012005011001", "Dewi Lestari")),
            Outcome::Roster(entry("197505052000032002", "Dewi Sartika")),
            Outcome::Clock(twice),
            Outcome::Clock(row(&a, aug(4), ClockTimes::Scans(presses), 2)),
        ];
        let rec = reconcile(vec![file(outcomes)], &settings());
        let rejected: Vec<&Issue> = rec.issues.iter().filter(|i| i.level == Level::Tolak).collect();
        assert_eq!(rejected.len(), 1);
        assert!(rejected[0].message.contains("dipakai dua pegawai"), "{}", rejected[0].message);
        let many = rec.issues.iter().find(|i| i.message.contains("40 scan dalam satu hari")).unwrap();
        assert_eq!(many.level, Level::Peringatan);
        // 07:00 … 10:15: present, left 345 minutes early (band 4).
        assert_eq!(bands(day(&rec, "a", aug(4))), (StatusCode::PSW, 0, 345, 0, 4));
        assert_eq!(day(&rec, "a", aug(4)).clock.as_deref().unwrap().scans.len(), 40);
        assert!(balanced(&rec));
    }

    #[test]
    fn a_shift_cell_on_a_daily_row_judges_that_day_by_the_shift_or_makes_it_a_day_off() {
        let text = "[[jadwal.unit]]\nnama = \"Jaga\"\nkode = [\"DISKOMINFO\"]\nshift = [ { nama = \"Malam\", jam = \"21:00-07:00\" } ]\n";
        let path = std::env::temp_dir().join(format!("bk-shift-cell-{}.toml", std::process::id()));
        std::fs::write(&path, text).unwrap();
        let s = Settings::load(Some(&path)).unwrap();
        let _ = std::fs::remove_file(&path);
        let a = person("a");
        let pair = |d: u32, masuk: &str, pulang: &str, shift: &str, r: u32| {
            let mut c =
                row(&a, aug(d), ClockTimes::Pair { masuk: Some(t(masuk)), pulang: Some(t(pulang)) }, r);
            c.shift = Some(shift.into());
            Outcome::Clock(c)
        };
        let outcomes = vec![
            // Mon 3 Aug, Malam: datang 21:10, pulang 06:50 the next morning → 10 minutes late,
            // 10 minutes early.
            pair(3, "21:10", "06:50", "Malam", 1),
            // Tue 4 Aug, Libur: not a working day, though it is a weekday.
            pair(4, "07:30", "16:00", "Libur", 2),
            // Wed 5 Aug, no shift named: the day schedule.
            pair(5, "07:40", "16:00", "", 3),
        ];
        let rec = reconcile(vec![file(outcomes)], &s);
        assert_eq!(bands(day(&rec, "a", aug(3))), (StatusCode::TL, 10, 10, 1, 1));
        assert_eq!(day(&rec, "a", aug(4)).code, StatusCode::L);
        assert_eq!(bands(day(&rec, "a", aug(5))), (StatusCode::TL, 10, 0, 1, 0));
    }

    #[test]
    fn a_stray_row_counts_for_its_month_but_never_fills_it_with_tk_days() {
        let a = person("a");
        // A sheet without a month of its own: most rows are August, so August is judged;
        // the one row of Tue 1 September counts there, but September gets no TK days.
        let undated = |d: NaiveDate, at: &str, r: u32| {
            let mut c = row(&a, d, ClockTimes::Scan(t(at)), r);
            c.sheet_month = None;
            Outcome::Clock(c)
        };
        let outcomes = vec![
            undated(aug(3), "07:20", 1),
            undated(aug(3), "16:10", 2),
            undated(aug(4), "07:20", 3),
            undated(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(), "07:20", 4),
        ];
        let rec = reconcile(vec![file(outcomes)], &settings());
        let in_month = |m: u32| rec.attendance.iter().filter(|r| r.date.month() == m).collect::<Vec<_>>();
        // August: 19 working days, 2 with scans → 17 TK.
        assert_eq!(in_month(8).iter().filter(|r| r.code == StatusCode::TK).count(), 17);
        // September: only the stray row's day (a lone morning scan: PSW band 4).
        let sept = in_month(9);
        assert_eq!(sept.len(), 1);
        assert_eq!(bands(sept[0]), (StatusCode::PSW, 0, 0, 0, 4));
    }
}
