//! The tidy data for analysts (SPEC §5), one file per month and kind:
//! `output/data/kehadiran-YYYY-MM.csv` and `penilaian-YYYY-MM.csv`, so that a change in one
//! month rewrites that month's files only. The bytes come from `render::csv`; this decides
//! which files are written and which are removed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use super::{PublishError, tidy_error, tidy_remove_error};
use crate::ground::fsio::{remove_if_present, write_if_changed};
use crate::ground::model::{AttendanceRecord, EvaluationRecord, YearMonth};
use crate::ground::settings::Settings;
use crate::render::csv;

/// The two kinds of month file, as their names begin.
const KINDS: [&str; 2] = ["kehadiran", "penilaian"];

/// The combined files of older versions (every month in one file): stale data once the month
/// files exist, so they are removed.
const LEGACY: [&str; 2] = ["kehadiran.csv", "penilaian.csv"];

/// Which months' tidy data files to (re)write and which may stay.
pub struct TidyMonths<'a> {
    /// Months whose files are rewritten (when their bytes changed) from the records given;
    /// the records given must include every accepted record of these months.
    pub write: &'a BTreeSet<YearMonth>,
    /// Months that still have data: the files of any other month are removed.
    pub keep: &'a BTreeSet<YearMonth>,
}

/// A month file's name: `kehadiran-2026-11.csv`.
pub fn tidy_file_name(kind: &str, m: YearMonth) -> String {
    format!("{kind}-{m}.csv")
}

/// Writes `kehadiran-YYYY-MM.csv` and `penilaian-YYYY-MM.csv` of every month in
/// `months.write` (each replaced only when its bytes changed; a kind without records that
/// month has no file), ignoring the records of other months; then removes the month files of
/// months not in `months.keep` and the combined files of older versions. Other files in
/// `data/` are left alone. Whether any file was written or removed.
///
/// Months are written in parallel; the outcome is taken in month order, so the answer and
/// the error reported (the first month's, `kehadiran` before `penilaian`) do not depend on
/// which thread finished first.
pub fn write_tidy_data(
    output: &Path,
    attendance: &[AttendanceRecord],
    evaluations: &[EvaluationRecord],
    settings: &Settings,
    months: &TidyMonths,
) -> Result<bool, PublishError> {
    let data = output.join("data");
    let attendance = by_month(attendance, |r| YearMonth::of(r.date), months.write);
    let evaluations = by_month(evaluations, |e| e.month, months.write);
    let write: Vec<YearMonth> = months.write.iter().copied().collect();
    let outcomes: Vec<Result<bool, PublishError>> = write
        .par_iter()
        .map(|&m| {
            let a = attendance.get(&m).map_or(&[][..], Vec::as_slice);
            let e = evaluations.get(&m).map_or(&[][..], Vec::as_slice);
            let wrote_kehadiran = month_file(&data, KINDS[0], m, a.is_empty(), |w| csv::kehadiran(a, w))?;
            let wrote_penilaian =
                month_file(&data, KINDS[1], m, e.is_empty(), |w| csv::penilaian(e, settings, w))?;
            Ok(wrote_kehadiran || wrote_penilaian)
        })
        .collect();
    let mut changed = false;
    for outcome in outcomes {
        changed |= outcome?;
    }
    let removed = remove_stale(&data, months.keep)?;
    Ok(changed || removed)
}

/// The records of each month in `wanted`, in the order given, in one pass: a run of records
/// of one month (records mostly come grouped by month) is appended whole.
fn by_month<'a, T>(
    records: &'a [T],
    month_of: impl Fn(&T) -> YearMonth,
    wanted: &BTreeSet<YearMonth>,
) -> BTreeMap<YearMonth, Vec<&'a T>> {
    let mut out: BTreeMap<YearMonth, Vec<&T>> = BTreeMap::new();
    let mut start = 0;
    while let Some(first) = records.get(start) {
        let m = month_of(first);
        let rest = &records[start + 1..];
        let end = start + 1 + rest.iter().position(|r| month_of(r) != m).unwrap_or(rest.len());
        if wanted.contains(&m) {
            out.entry(m).or_default().extend(&records[start..end]);
        }
        start = end;
    }
    out
}

/// One month file: written when the month has records of its kind, else removed.
fn month_file(
    data: &Path,
    kind: &str,
    m: YearMonth,
    empty: bool,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<bool, PublishError> {
    let path = data.join(tidy_file_name(kind, m));
    if empty {
        remove_if_present(&path).map_err(|source| tidy_remove_error(&path, source))
    } else {
        write_if_changed(&path, write).map_err(|source| tidy_error(&path, source))
    }
}

/// Removes, in name order, the month files of months not in `keep` and the legacy combined
/// files; whether any was removed.
fn remove_stale(data: &Path, keep: &BTreeSet<YearMonth>) -> Result<bool, PublishError> {
    let Ok(entries) = std::fs::read_dir(data) else { return Ok(false) };
    let mut stale: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| match month_of_file(name) {
            Some(m) => !keep.contains(&m),
            None => LEGACY.contains(&name.as_str()),
        })
        .collect();
    stale.sort_unstable();
    let mut removed = false;
    for name in stale {
        let path = data.join(name);
        removed |= remove_if_present(&path).map_err(|source| tidy_remove_error(&path, source))?;
    }
    Ok(removed)
}

/// The month of a month file's name, exactly `kehadiran-YYYY-MM.csv` or
/// `penilaian-YYYY-MM.csv`; `None` for any other name.
fn month_of_file(name: &str) -> Option<YearMonth> {
    let stem = name.strip_suffix(".csv")?;
    let ym = KINDS.iter().find_map(|kind| stem.strip_prefix(kind)?.strip_prefix('-'))?;
    YearMonth::parse(ym).filter(|m| m.to_string() == ym)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::{Duration, SystemTime};

    use chrono::{Datelike, NaiveDate};

    use super::*;
    use crate::ground::model::record_months;
    use crate::ground::model::{Person, Provenance, StatusCode};

    fn person(key: &str) -> Arc<Person> {
        Person { key: key.into(), nip: None, nama: format!("Nama {key}") }.into()
    }

    fn att(month: u32, day: u32, unit: &str, key: &str) -> AttendanceRecord {
        AttendanceRecord {
            person: person(key),
            unit: unit.into(),
            date: NaiveDate::from_ymd_opt(2026, month, day).unwrap(),
            code: StatusCode::H,
            menit_terlambat: day,
            kegiatan: String::new(),
            kelompok: String::new(),
            prov: Provenance { file: format!("k{month}.xlsx").into(), sheet: "s".into(), row: day, col: 1 },
            clock: None,
        }
    }

    fn eval(month: u32, unit: &str, key: &str) -> EvaluationRecord {
        EvaluationRecord {
            person: person(key),
            unit: unit.into(),
            month: YearMonth::new(2026, month).unwrap(),
            target: Some(100.0),
            realisasi: Some(90.0 + f64::from(month)),
            nilai_perilaku: Some(80.0),
            rating_hasil: None,
            rating_perilaku: None,
            prov: Provenance { file: format!("p{month}.xlsx").into(), sheet: "s".into(), row: 3, col: 0 },
        }
    }

    /// October and November, interleaved and out of order (grouping is not relied on).
    fn records() -> (Vec<AttendanceRecord>, Vec<EvaluationRecord>) {
        let attendance = vec![
            att(11, 3, "U2", "b"),
            att(10, 30, "U1", "a"),
            att(11, 2, "U1", "a"),
            att(11, 2, "U1", "b"),
            att(10, 1, "U2", "b"),
            att(11, 2, "U10", "a"),
            att(10, 1, "U1", "a"),
        ];
        let evaluations =
            vec![eval(11, "U2", "b"), eval(10, "U1", "a"), eval(11, "U1", "a"), eval(10, "U2", "b")];
        (attendance, evaluations)
    }

    fn ym(month: u32) -> YearMonth {
        YearMonth::new(2026, month).unwrap()
    }

    fn months(ms: &[u32]) -> BTreeSet<YearMonth> {
        ms.iter().map(|&m| ym(m)).collect()
    }

    fn temp_output(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("bk-tidy-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn names(data: &Path) -> Vec<String> {
        let mut out: Vec<String> = std::fs::read_dir(data)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().into_string().unwrap())
            .collect();
        out.sort();
        out
    }

    /// The combined CSV's header and those of its rows whose `bulan` (column `col`) is `m`.
    fn month_rows(combined: &[u8], col: usize, m: YearMonth) -> Vec<u8> {
        let text = std::str::from_utf8(combined).unwrap();
        let mut lines = text.split_inclusive("\r\n");
        let mut out = lines.next().unwrap().to_string();
        for line in lines.filter(|l| l.split(',').nth(col) == Some(m.to_string().as_str())) {
            out.push_str(line);
        }
        out.into_bytes()
    }

    #[test]
    fn two_months_give_one_file_per_month_and_kind_with_the_combined_rows() {
        let (attendance, evaluations) = records();
        let settings = Settings::embedded().unwrap();
        let output = temp_output("two");
        let all = record_months(&attendance, &evaluations);
        assert_eq!(all, months(&[10, 11]));
        let tidy = TidyMonths { write: &all, keep: &all };
        assert!(write_tidy_data(&output, &attendance, &evaluations, &settings, &tidy).unwrap());
        let data = output.join("data");
        assert_eq!(
            names(&data),
            [
                "kehadiran-2026-10.csv",
                "kehadiran-2026-11.csv",
                "penilaian-2026-10.csv",
                "penilaian-2026-11.csv"
            ]
        );

        let mut kehadiran = Vec::new();
        csv::kehadiran(&attendance, &mut kehadiran).unwrap();
        let mut penilaian = Vec::new();
        csv::penilaian(&evaluations, &settings, &mut penilaian).unwrap();
        for m in [ym(10), ym(11)] {
            let k = std::fs::read(data.join(tidy_file_name("kehadiran", m))).unwrap();
            assert_eq!(
                String::from_utf8(k).unwrap(),
                String::from_utf8(month_rows(&kehadiran, 4, m)).unwrap()
            );
            let p = std::fs::read(data.join(tidy_file_name("penilaian", m))).unwrap();
            assert_eq!(
                String::from_utf8(p).unwrap(),
                String::from_utf8(month_rows(&penilaian, 3, m)).unwrap()
            );
        }
        // Every combined row is in exactly one month file: 1 header + 3 + 4 rows.
        assert_eq!(month_rows(&kehadiran, 4, ym(10)).split(|&b| b == b'\n').count(), 1 + 3 + 1);
        assert_eq!(month_rows(&kehadiran, 4, ym(11)).split(|&b| b == b'\n').count(), 1 + 4 + 1);

        // Nothing changed: nothing written.
        assert!(!write_tidy_data(&output, &attendance, &evaluations, &settings, &tidy).unwrap());
        let _ = std::fs::remove_dir_all(output);
    }

    /// Writes every month of the records (as a cold run does); the months written.
    fn write_every_month(
        output: &Path,
        attendance: &[AttendanceRecord],
        evaluations: &[EvaluationRecord],
        settings: &Settings,
    ) -> BTreeSet<YearMonth> {
        let all = record_months(attendance, evaluations);
        write_tidy_data(output, attendance, evaluations, settings, &TidyMonths { write: &all, keep: &all })
            .unwrap();
        all
    }

    #[test]
    fn months_without_records_and_legacy_files_are_removed_other_files_stay() {
        let (attendance, evaluations) = records();
        let settings = Settings::embedded().unwrap();
        let output = temp_output("remove");
        let data = output.join("data");
        let all = write_every_month(&output, &attendance, &evaluations, &settings);
        let others = ["kbk_kelompok.csv", "catatan.txt", "kehadiran-2026-1.csv", "penilaian-2026-10.csv.bak"];
        for name in others.iter().chain(&LEGACY) {
            std::fs::write(data.join(name), "x").unwrap();
        }

        // October's attendance disappears, its evaluations stay.
        let november: Vec<AttendanceRecord> =
            attendance.iter().filter(|r| ym(11).contains(r.date)).cloned().collect();
        let tidy = TidyMonths { write: &all, keep: &all };
        assert!(write_tidy_data(&output, &november, &evaluations, &settings, &tidy).unwrap());
        let mut expected = vec!["kehadiran-2026-11.csv", "penilaian-2026-10.csv", "penilaian-2026-11.csv"];
        expected.extend(others);
        expected.sort();
        assert_eq!(names(&data), expected, "October's kehadiran and both legacy files removed");

        // Every October record disappears: its remaining file goes too.
        let evaluations: Vec<EvaluationRecord> =
            evaluations.into_iter().filter(|e| e.month == ym(11)).collect();
        let now = record_months(&november, &evaluations);
        assert_eq!(now, months(&[11]));
        let tidy = TidyMonths { write: &now, keep: &now };
        assert!(write_tidy_data(&output, &november, &evaluations, &settings, &tidy).unwrap());
        expected.retain(|n| *n != "penilaian-2026-10.csv");
        assert_eq!(names(&data), expected);
        for name in others {
            assert_eq!(std::fs::read(data.join(name)).unwrap(), b"x", "{name} untouched");
        }
        assert!(!write_tidy_data(&output, &november, &evaluations, &settings, &tidy).unwrap());
        let _ = std::fs::remove_dir_all(output);
    }

    #[test]
    fn a_month_kept_but_not_written_keeps_its_files_untouched() {
        let (attendance, evaluations) = records();
        let settings = Settings::embedded().unwrap();
        let output = temp_output("keep");
        let data = output.join("data");
        let all = write_every_month(&output, &attendance, &evaluations, &settings);
        let old = SystemTime::now() - Duration::from_secs(3600);
        let october = [data.join("kehadiran-2026-10.csv"), data.join("penilaian-2026-10.csv")];
        let before: Vec<Vec<u8>> = october.iter().map(|p| std::fs::read(p).unwrap()).collect();
        for path in &october {
            std::fs::File::options().write(true).open(path).unwrap().set_modified(old).unwrap();
        }

        // October changes in the records given, but only November is to be written: the
        // October records are ignored and October's files stay as they were.
        let mut changed = attendance.clone();
        for r in changed.iter_mut() {
            r.menit_terlambat += 1;
        }
        let november = months(&[11]);
        let tidy = TidyMonths { write: &november, keep: &all };
        assert!(write_tidy_data(&output, &changed, &evaluations, &settings, &tidy).unwrap());
        for (path, bytes) in october.iter().zip(&before) {
            assert_eq!(&std::fs::read(path).unwrap(), bytes);
            assert_eq!(std::fs::metadata(path).unwrap().modified().unwrap(), old);
        }
        let k = std::fs::read_to_string(data.join("kehadiran-2026-11.csv")).unwrap();
        assert!(k.contains(",2026-11-03,2026-11,H,hadir,4,"), "{k}");
        let _ = std::fs::remove_dir_all(output);
    }

    #[test]
    fn an_unwritable_month_file_is_named_in_the_error() {
        let (attendance, evaluations) = records();
        let settings = Settings::embedded().unwrap();
        let output = temp_output("error");
        // A folder where November's attendance file should be: the rename fails.
        std::fs::create_dir_all(output.join("data/kehadiran-2026-11.csv/x")).unwrap();
        let all = record_months(&attendance, &evaluations);
        let tidy = TidyMonths { write: &all, keep: &all };
        let err = write_tidy_data(&output, &attendance, &evaluations, &settings, &tidy).unwrap_err();
        assert!(
            matches!(&err, PublishError::TidyData { name, .. } if name == "kehadiran-2026-11.csv"),
            "{err:?}"
        );
        assert!(err.to_string().starts_with("data kehadiran-2026-11.csv tidak dapat ditulis: "), "{err}");
        let _ = std::fs::remove_dir_all(output);
    }

    #[test]
    fn only_exact_month_file_names_have_a_month() {
        for (name, month) in [
            ("kehadiran-2026-11.csv", Some(ym(11))),
            ("penilaian-2026-01.csv", Some(ym(1))),
            ("kehadiran-2026-1.csv", None),
            ("kehadiran-2026-11.csv.bak", None),
            ("kehadiran_2026-11.csv", None),
            ("kehadiran-2026-11-x.csv", None),
            ("kbk_kelompok-2026-11.csv", None),
            ("kehadiran.csv", None),
            ("kehadiran- 2026-11.csv", None),
        ] {
            assert_eq!(month_of_file(name), month, "{name}");
        }
    }

    #[test]
    fn records_are_grouped_by_month_in_their_order() {
        let (attendance, _) = records();
        let groups = by_month(&attendance, |r| YearMonth::of(r.date), &months(&[10, 11, 12]));
        let days = |m| groups[&ym(m)].iter().map(|r| r.date.day()).collect::<Vec<_>>();
        assert_eq!(days(10), [30, 1, 1]);
        assert_eq!(days(11), [3, 2, 2, 2]);
        assert_eq!(groups.len(), 2);
        assert!(by_month(&attendance, |r| YearMonth::of(r.date), &months(&[12])).is_empty());
    }
}
