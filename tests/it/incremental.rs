//! The nightly run computes only the months a change reaches (issue 17, SPEC §6), and its
//! reports are the cold run's: after each edit, addition, deletion and rename of input files,
//! the folder the nightly run keeps updating and a folder made from scratch hold the same
//! report cells, PDF text, tidy data, KBK data and manifest inputs, and the runs end with the
//! same exit status and the same problem lines.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Reader, Xlsx};

use crate::common::*;

// The puskesmas' night shift of the clock examples.
use crate::clock_examples::CONFIG as CLOCK_CONFIG;

const CLOCK_FILES: [&str; 4] = [
    "AttLog Diskominfo 2026-08.xlsx",
    "Daily Log PKM Kranggan Agustus 2026.xls",
    "Rekap Absensi Per Pegawai Dinkes Agustus 2026.xlsx",
    // The puskesmas' roster maps the Daily Log's machine ids (it reaches every month).
    "Daftar Pegawai PKM Kranggan.xlsx",
];

const A1: &str = "198001012005011001";
const A2: &str = "198202022006022002";
const B1: &str = "198403032007031003";

/// Days of a month with working-day codes: `tk` marks the TK days.
fn days(
    month: u32,
    nip: &'static str,
    nama: &'static str,
    tk: &[u32],
) -> Vec<(&'static str, &'static str, u32, String, f64)> {
    let last = match month {
        9 | 11 => 30,
        _ => 31,
    };
    (1..=last)
        .filter(|&d| {
            let wd = chrono::NaiveDate::from_ymd_opt(2026, month, d).unwrap().format("%u").to_string();
            wd != "6" && wd != "7"
        })
        .map(|d| (nip, nama, d, if tk.contains(&d) { "TK" } else { "H" }.to_string(), 0.0))
        .collect()
}

const BULAN: [&str; 13] =
    ["", "", "", "", "", "", "", "", "", "September 2026", "Oktober 2026", "November 2026", "Desember 2026"];

fn write_att(p: &Project, name: &str, unit: &str, month: u32, rows: &[(&str, &str, u32, String, f64)]) {
    let rows: Vec<(&str, &str, u32, &str, f64)> =
        rows.iter().map(|(a, b, d, s, m)| (*a, *b, *d, s.as_str(), *m)).collect();
    attendance(&p.input().join(name), unit, BULAN[month as usize], month, &rows);
}

/// Runs the nightly report on `output/` and a cold one on a fresh folder; compares them.
/// Returns the nightly run's log.
fn step(p: &Project, n: usize) -> String {
    let nightly = p.run(&["report", "-v"]);
    let cold_dir = format!("cold-{n}");
    let cold = p.run(&["report", "--output", &cold_dir]);
    // A run with nothing changed stops before reading (exit 0, as before the month memory).
    if nightly.stderr.contains("tidak ada perubahan") {
        same_outputs(&p.output(), &p.root.join(&cold_dir), n);
        return nightly.stderr;
    }
    assert_eq!(nightly.code, cold.code, "step {n}: exit status\n{}\n{}", nightly.stderr, cold.stderr);
    let problems = |log: &str| -> Vec<String> {
        log.lines().filter(|l| l.contains("DITOLAK") || l.contains("DILEWATI")).map(String::from).collect()
    };
    assert_eq!(problems(&nightly.stderr), problems(&cold.stderr), "step {n}: problem lines");
    let counts = |log: &str| {
        log.lines()
            .find(|l| l.contains("catatan dibaca"))
            .map(|l| l.split("), ").nth(1).unwrap_or("").to_string())
    };
    assert_eq!(counts(&nightly.stderr), counts(&cold.stderr), "step {n}: counts");
    same_outputs(&p.output(), &p.root.join(&cold_dir), n);
    nightly.stderr
}

fn same_outputs(a: &Path, b: &Path, n: usize) {
    let months = |dir: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.len() == 7 && name.as_bytes()[4] == b'-')
            .collect();
        v.sort();
        v
    };
    // A month whose input is gone keeps its last report in the nightly folder (as before
    // the month memory); every month of the cold folder is compared.
    let cold_months = months(b);
    assert!(cold_months.iter().all(|m| months(a).contains(m)), "step {n}: month folders");
    for m in cold_months {
        let base = format!("laporan-budaya-kerja-{m}");
        let (xa, xb) = (
            cells(&a.join(&m).join(format!("{base}.xlsx"))),
            cells(&b.join(&m).join(format!("{base}.xlsx"))),
        );
        for k in xa.keys().chain(xb.keys()) {
            assert_eq!(xa.get(k), xb.get(k), "step {n}, {m}: cell {k:?}");
        }
        let (pa, pb) = (a.join(&m).join(format!("{base}.pdf")), b.join(&m).join(format!("{base}.pdf")));
        if let (Some(ta), Some(tb)) = (pdf_text(&pa), pdf_text(&pb)) {
            assert_eq!(stable_lines(&ta), stable_lines(&tb), "step {n}, {m}: PDF text");
        }
        let inputs = |dir: &Path| -> serde_json::Value {
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(dir.join(&m).join("manifest.json")).unwrap()).unwrap();
            v["inputs"].clone()
        };
        assert_eq!(inputs(a), inputs(b), "step {n}, {m}: manifest inputs");
    }
    let data = |dir: &Path| -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(dir.join("data"))
            .unwrap()
            .flatten()
            .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
            .collect()
    };
    let (da, db) = (data(a), data(b));
    assert_eq!(da.keys().collect::<Vec<_>>(), db.keys().collect::<Vec<_>>(), "step {n}: data files");
    for (name, bytes) in &da {
        assert!(bytes == &db[name], "step {n}: data/{name} differs");
    }
}

/// Every non-empty cell of every sheet, but the generation time.
fn cells(path: &Path) -> BTreeMap<(String, u32, u32), String> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = BTreeMap::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for (r, row) in range.rows().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let text = v.to_string();
                if !text.is_empty() && !text.to_lowercase().contains("dibuat") && !has_clock_time(&text) {
                    out.insert((name.clone(), r as u32, c as u32), text);
                }
            }
        }
    }
    out
}

/// The PDF's lines without the generation time (`Dibuat …`, `4 Desember 2026, 21.40`).
fn stable_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.to_lowercase().contains("dibuat") && !has_clock_time(l)).collect()
}

fn has_clock_time(line: &str) -> bool {
    let b = line.as_bytes();
    (0..b.len()).any(|i| {
        b.get(i..i + 4).is_some_and(|y| y.iter().all(u8::is_ascii_digit) && y.starts_with(b"20")) && {
            let rest = &line[i + 4..];
            let rest = rest.strip_prefix(',').unwrap_or(rest);
            rest.strip_prefix(' ').is_some_and(|r| {
                let digits = r.chars().take_while(char::is_ascii_digit).count();
                (1..=2).contains(&digits)
                    && r[digits..].starts_with(['.', ':'])
                    && r[digits + 1..].chars().take(2).filter(char::is_ascii_digit).count() == 2
            })
        }
    })
}

fn recomputed(log: &str) -> Option<String> {
    log.lines()
        .find_map(|l| l.split("dihitung ulang: ").nth(1))
        .map(|s| s.split(" dan").next().unwrap_or("").to_string())
}

#[test]
fn nightly_runs_give_the_cold_runs_reports_after_edits_additions_and_deletions() {
    let p = Project::new("incremental");
    // Unit DISHUB: A2 has TK runs that cross the month ends (Oct 29–30 → Nov 2–3; Nov 30 → Dec 1).
    write_att(
        &p,
        "2026-09/Kehadiran DISHUB 09.xlsx",
        "DISHUB",
        9,
        &[days(9, A1, "Rina", &[7]), days(9, A2, "Sari", &[1, 2])].concat(),
    );
    write_att(
        &p,
        "2026-10/Kehadiran DISHUB 10.xlsx",
        "DISHUB",
        10,
        &[days(10, A1, "Rina", &[]), days(10, A2, "Sari", &[29, 30])].concat(),
    );
    write_att(
        &p,
        "2026-11/Kehadiran DISHUB 11.xlsx",
        "DISHUB",
        11,
        &[days(11, A1, "Rina", &[9]), days(11, A2, "Sari", &[2, 3, 30])].concat(),
    );
    write_att(&p, "2026-12/Kehadiran DISHUB 12.xlsx", "DISHUB", 12, &days(12, A2, "Sari", &[1]));
    write_att(&p, "2026-10/Kehadiran DISKOMINFO 10.xlsx", "DISKOMINFO", 10, &days(10, B1, "Bayu", &[5]));
    write_att(&p, "2026-11/Kehadiran DISKOMINFO 11.xlsx", "DISKOMINFO", 11, &days(11, B1, "Bayu", &[]));
    evaluation(
        &p.input().join("2026-10/Penilaian DISHUB 10.xlsx"),
        "DISHUB",
        "Oktober 2026",
        &[(A1, "Rina", 10.0, 9.0, 80.0), (A2, "Sari", 10.0, 10.0, 90.0)],
    );
    evaluation(
        &p.input().join("2026-11/Penilaian DISHUB 11.xlsx"),
        "DISHUB",
        "November 2026",
        &[(A1, "Rina", 10.0, 11.0, 85.0)],
    );

    // Clock times of August (the examples' four exports; the Daily Log's night guard works
    // the Malam shift: his shift of 31 July ends on 1 August, a July record).
    std::fs::write(p.root.join("budaya-kerja.toml"), CLOCK_CONFIG).unwrap();
    let clock = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clock");
    for name in CLOCK_FILES {
        std::fs::copy(clock.join(name), p.input().join(name)).unwrap();
    }

    // 0. The first run: everything, as a cold run.
    let log = step(&p, 0);
    assert_eq!(recomputed(&log), None, "{log}");

    // 1. December's file corrected: December alone is computed; Sari's run Nov 30 → Dec 1–2.
    write_att(&p, "2026-12/Kehadiran DISHUB 12.xlsx", "DISHUB", 12, &days(12, A2, "Sari", &[1, 2]));
    let log = step(&p, 1);
    assert_eq!(recomputed(&log).as_deref(), Some("Desember 2026"), "{log}");
    assert!(log.contains("1 bulan ditulis"), "{log}");

    // 2. A new file for November (another unit's evaluation): November and December.
    evaluation(
        &p.input().join("2026-11/Penilaian DISKOMINFO 11.xlsx"),
        "DISKOMINFO",
        "November 2026",
        &[(B1, "Bayu", 8.0, 8.0, 75.0)],
    );
    let log = step(&p, 2);
    assert_eq!(recomputed(&log).as_deref(), Some("November 2026"), "{log}");

    // 3. October's DISKOMINFO file deleted: from October on.
    std::fs::remove_file(p.input().join("2026-10/Kehadiran DISKOMINFO 10.xlsx")).unwrap();
    let log = step(&p, 3);
    assert_eq!(recomputed(&log).as_deref(), Some("Oktober 2026"), "{log}");

    // 4. A revision of November from another file (newer: it wins), with a rejected row.
    let mut revised = days(11, A1, "Rina", &[9, 10]);
    revised.push((A1, "Rina", 12, "XX".to_string(), 0.0));
    write_att(&p, "2026-11/Kehadiran DISHUB 11 revisi.xlsx", "DISHUB", 11, &revised);
    let log = step(&p, 4);
    assert_eq!(recomputed(&log).as_deref(), Some("November 2026"), "{log}");
    assert!(log.contains("DITOLAK"), "{log}");

    // 4b. An August clock export removed: its scans reach July to September.
    std::fs::remove_file(p.input().join(CLOCK_FILES[0])).unwrap();
    let log = step(&p, 41);
    assert_eq!(recomputed(&log).as_deref(), Some("Juli 2026"), "{log}");
    assert!(p.output().join("data/kehadiran-2026-07.csv").exists(), "the night shift of 31 July");

    // 5. Nothing changed.
    let log = step(&p, 5);
    assert!(log.contains("tidak ada perubahan"), "{log}");

    // 6. A file renamed (same content, new path): September and later.
    std::fs::rename(
        p.input().join("2026-09/Kehadiran DISHUB 09.xlsx"),
        p.input().join("2026-09/Kehadiran DISHUB September.xlsx"),
    )
    .unwrap();
    let log = step(&p, 6);
    assert_eq!(recomputed(&log).as_deref(), Some("September 2026"), "{log}");

    // 7. A roster reaches every month: everything is computed.
    let roster = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster.xlsx");
    std::fs::copy(roster, p.input().join("roster.xlsx")).unwrap();
    let log = step(&p, 7);
    assert_eq!(recomputed(&log), None, "{log}");

    // 8. December's only file deleted: December is computed (to nothing), its tidy data goes.
    std::fs::remove_file(p.input().join("2026-12/Kehadiran DISHUB 12.xlsx")).unwrap();
    let log = step(&p, 8);
    assert_eq!(recomputed(&log).as_deref(), Some("Desember 2026"), "{log}");
    assert!(!p.output().join("data/kehadiran-2026-12.csv").exists());
}
