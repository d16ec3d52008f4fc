//! Clock-time submissions (SPEC §3.9) as `check` reads them: which layout takes each sheet,
//! how many records it reads, and the cell of each rejected time. The figures derived from
//! the times (TL/PSW/TK) are `reconcile`'s and are asserted there, not here.

use std::path::Path;

use crate::common::{Project, V, write_sheet};

/// The clock-time example files (copied from the shared examples; made by
/// `tests/fixtures/clock/make_clock_examples.py`).
const EXAMPLES: &[&str] = &[
    "AttLog Diskominfo 2026-08.xlsx",
    "Daftar Pegawai PKM Kranggan.xlsx",
    "Daily Log PKM Kranggan Agustus 2026.xls",
    "Rekap Absen Fingerprint Kec Magersari Agustus 2026.xlsx",
    "Rekap Absensi Per Pegawai Dinkes Agustus 2026.xlsx",
];

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clock").join(name)
}

/// The `check` line of sheet `sheet`.
fn sheet_line<'a>(stdout: &'a str, sheet: &str) -> &'a str {
    let prefix = format!("Lembar \"{sheet}\":");
    stdout
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no line for sheet {sheet} in:\n{stdout}"))
}

fn check(p: &Project) -> crate::common::Run {
    p.run(&["check", p.input().to_str().unwrap()])
}

#[test]
fn the_clock_examples_are_read_with_the_record_counts_of_their_readme() {
    let p = Project::new("clock-examples");
    for name in EXAMPLES {
        std::fs::copy(fixture(name), p.input().join(name)).unwrap();
    }
    let run = check(&p);
    let out = &run.stdout;
    let cases: &[(&str, &str, &str)] = &[
        ("AttLog", "Kehadiran (scan), unit DISKOMINFO, bulan Agustus 2026", "228 dibaca"),
        (
            "Daily Log",
            "Kehadiran (scan), unit PKM-KRANGGAN, bulan Agustus 2026",
            "179 dibaca, 179 diterima, 0 ditolak",
        ),
        (
            "Agustus",
            "Kehadiran (matrix), unit KEC-MAGERSARI, bulan Agustus 2026",
            "94 dibaca, 94 diterima, 0 ditolak",
        ),
        ("Pegawai", "Daftar Pegawai (long), unit PKM-KRANGGAN", "9 dibaca, 9 diterima"),
    ];
    for (sheet, layout, counts) in cases {
        let line = sheet_line(out, sheet);
        assert!(line.contains(layout) && line.contains(counts), "{sheet}: {line}");
    }
    for sheet in ["Hendro", "Ari Susanti", "NANANG", "Evi N", "Dimas"] {
        let line = sheet_line(out, sheet);
        assert!(line.contains("Kehadiran (harian), unit DINKESPPKB, bulan Agustus 2026"), "{line}");
        assert!(line.contains("31 dibaca, 31 diterima, 0 ditolak"), "{line}");
    }
    for sheet in ["Sheet6", "Sheet7", "Sheet8"] {
        let line = sheet_line(out, sheet);
        assert!(line.contains("0 dibaca, 0 diterima, 0 ditolak") && !line.contains("DILEWATI"), "{line}");
    }
    // 179 + 155 + 228 + 94 clock records, and the roster's 9.
    assert!(out.contains("665 catatan dibaca"), "{out}");
    // The roster maps every User ID (never the Enroll ID) of the Daily Log.
    assert!(!out.lines().any(|l| l.contains("Daily Log!") && l.contains("ID mesin")), "{out}");
    // The technician's bare id 99 is rejected at its row (SPEC §3.9).
    assert!(out.contains("DITOLAK    AttLog!D229"), "{out}");
    assert_eq!(run.code, 3, "{}", run.stderr);
}

#[test]
fn a_scan_log_reads_one_record_per_scan_and_rejects_an_impossible_time_at_its_cell() {
    let p = Project::new("clock-scan");
    let row = |pin: f64, nama: &'static str, tgl: &'static str, jam: &'static str, arah: &'static str| {
        vec![V::N(pin), V::S(nama), V::S("TU"), V::S(tgl), V::S(jam), V::S(arah)]
    };
    write_sheet(
        &p.input().join("Log Mesin DISHUB 2026-11.xlsx"),
        "Log",
        &[
            vec![V::S("PIN"), V::S("Nama"), V::S("Dept"), V::S("Tanggal"), V::S("Jam"), V::S("Status")],
            row(1.0, "Budi", "02/11/2026", "07:25:10", "C/In"),
            row(1.0, "Budi", "02/11/2026", "16:05", "C/Out"),
            row(2.0, "Sari", "02/11/2026", "25:10", "C/In"),
            row(2.0, "Sari", "02/11/2026", "07.40", "Masuk"),
            // A stray row of the next month: accepted for its own month, with a warning.
            row(2.0, "Sari", "01/12/2026", "07:10", "C/In"),
        ],
    );
    let run = check(&p);
    let line = sheet_line(&run.stdout, "Log");
    assert!(line.contains("Kehadiran (scan), unit DISHUB, bulan November 2026"), "{line}");
    // Five scans: the December one is accepted for December, with a warning.
    assert!(line.contains("5 dibaca, 4 diterima, 1 ditolak"), "{}", run.stdout);
    assert!(run.stdout.contains("DITOLAK    Log!E4 \"25:10\""), "{}", run.stdout);
    assert!(run.stdout.contains("jam \"25:10\" tidak valid"), "{}", run.stdout);
    assert!(run.stdout.contains("PERINGATAN Log!D6"), "{}", run.stdout);
    // Directions are hints, never status codes: nothing about `C/In` or `Masuk`.
    assert!(!run.stdout.contains("kode status"), "{}", run.stdout);
}

#[test]
fn a_date_time_log_and_a_daily_log_are_read_as_scans() {
    let p = Project::new("clock-datetime");
    write_sheet(
        &p.input().join("AttLog DISHUB November 2026.xlsx"),
        "AttLog",
        &[
            vec![V::S("No."), V::S("User ID"), V::S("Enroll ID"), V::S("Name"), V::S("Date/Time")],
            vec![V::N(1.0), V::N(3.0), V::S("1"), V::S("Budi"), V::S("2026-11-03 07:31:05")],
            vec![V::N(2.0), V::N(3.0), V::S("1"), V::S("Budi"), V::S("03/11/2026 16:02")],
            vec![V::N(3.0), V::N(3.0), V::S("1"), V::S("Budi"), V::S("03/11/2026 07:75")],
        ],
    );
    let mut daily = vec![vec![
        V::S("Dept"),
        V::S("User ID"),
        V::S("Name"),
        V::S("Date"),
        V::S("1"),
        V::S("2"),
        V::S("3"),
        V::S("4"),
        V::S("5"),
    ]];
    // The department `KEPALA` in the first column does not end the log.
    daily.push(vec![
        V::S("KEPALA"),
        V::N(3.0),
        V::S("Budi"),
        V::S("04/11/2026"),
        V::S("07:01:00"),
        V::S("16:10:00"),
    ]);
    let mut many = vec![V::S("TU"), V::N(3.0), V::S("Budi"), V::S("05/11/2026")];
    many.extend((0..40).map(|i| V::T(format!("{:02}:{:02}", 7 + i / 6, (i % 6) * 10))));
    daily.push(many);
    write_sheet(&p.input().join("Daily Log DISHUB November 2026.xlsx"), "Daily Log", &daily);
    // `Tanggal | Waktu`: the time of the scan beside its date.
    write_sheet(
        &p.input().join("Scan DISHUB November 2026.xlsx"),
        "Scan",
        &[
            vec![V::S("No. ID"), V::S("Nama"), V::S("Tanggal"), V::S("Waktu")],
            vec![V::N(3.0), V::S("Budi"), V::S("06/11/2026"), V::S("07:31")],
            vec![V::N(3.0), V::S("Budi"), V::S("06/11/2026"), V::S("16:35:10")],
        ],
    );
    let run = check(&p);
    let line = sheet_line(&run.stdout, "Scan");
    assert!(line.contains("Kehadiran (scan)") && line.contains("2 dibaca, 2 diterima, 0 ditolak"), "{line}");
    let line = sheet_line(&run.stdout, "AttLog");
    assert!(line.contains("Kehadiran (scan)") && line.contains("3 dibaca, 2 diterima, 1 ditolak"), "{line}");
    assert!(run.stdout.contains("DITOLAK    AttLog!E4 \"03/11/2026 07:75\""), "{}", run.stdout);
    // 40 scans in one Daily Log row are one record, kept.
    let line = sheet_line(&run.stdout, "Daily Log");
    assert!(line.contains("Kehadiran (scan)") && line.contains("2 dibaca, 2 diterima, 0 ditolak"), "{line}");
}

#[test]
fn a_daily_sheet_reads_every_row_and_a_fully_coded_sheet_stays_long() {
    let p = Project::new("clock-daily");
    let header = || {
        vec![
            V::S("NIP"),
            V::S("Nama"),
            V::S("Tanggal"),
            V::S("Jam Masuk"),
            V::S("Jam Pulang"),
            V::S("Keterangan"),
            V::S("Telat (mnt)"),
        ]
    };
    let nip = "198503152010011002";
    let row = |d: &'static str, masuk: &'static str, pulang: &'static str, ket: &'static str| {
        vec![V::S(nip), V::S("Budi"), V::S(d), V::S(masuk), V::S(pulang), V::S(ket), V::S("-")]
    };
    write_sheet(
        &p.input().join("Absen Harian DISHUB November 2026.xlsx"),
        "Harian",
        &[
            vec![V::S("Unit Kerja : DISHUB")],
            vec![],
            header(),
            row("02/11/2026", "07:20", "16:05", ""),
            row("03/11/2026", "-", "-", "S"),
            row("04/11/2026", "", "", ""),
            row("05/11/2026", "07:75", "16:00", ""),
            row("06/11/2026", "07:31:00", "16:31", "C/In"),
        ],
    );
    write_sheet(
        &p.input().join("Absen Long DISHUB November 2026.xlsx"),
        "Long",
        &[header(), row("09/11/2026", "07:20", "16:05", "Hadir"), row("10/11/2026", "-", "-", "Sakit")],
    );
    let run = check(&p);
    let line = sheet_line(&run.stdout, "Harian");
    assert!(line.contains("Kehadiran (harian), unit DISHUB, bulan November 2026"), "{line}");
    assert!(line.contains("5 dibaca, 4 diterima, 1 ditolak"), "{line}");
    assert!(run.stdout.contains("DITOLAK    Harian!D7 \"07:75\""), "{}", run.stdout);
    let line = sheet_line(&run.stdout, "Long");
    assert!(line.contains("Kehadiran (long)") && line.contains("2 dibaca, 2 diterima"), "{line}");
}

#[test]
fn times_in_matrix_cells_are_records_and_a_bad_time_is_rejected_at_its_cell() {
    let p = Project::new("clock-matrix");
    let mut header = vec![V::S("No"), V::S("Nama"), V::S("NIP")];
    header.extend((1..=30).map(|d| V::N(d as f64)));
    let mut row = vec![V::N(1.0), V::S("Budi"), V::S("198503152010011002")];
    row.extend((1..=30).map(|_| V::E));
    row[3 + 1] = V::S("07:39 - 16:07");
    row[3 + 2] = V::S("07.45/16.05");
    row[3 + 3] = V::S("07:20\n16:15");
    row[3 + 4] = V::S("07:26");
    row[3 + 5] = V::S("S");
    row[3 + 6] = V::S("-");
    row[3 + 8] = V::S("07:39 - 25:10");
    write_sheet(
        &p.input().join("Rekap Fingerprint.xlsx"),
        "Rekap",
        &[vec![V::S("Unit Kerja : DISHUB")], vec![V::S("Bulan : November 2026")], header, row],
    );
    let run = check(&p);
    let line = sheet_line(&run.stdout, "Rekap");
    assert!(
        line.contains("Kehadiran (matrix)") && line.contains("7 dibaca, 6 diterima, 1 ditolak"),
        "{line}"
    );
    assert!(run.stdout.contains("DITOLAK    Rekap!L4 \"07:39 - 25:10\""), "{}", run.stdout);
}

#[test]
fn a_folder_named_after_a_unit_and_a_month_gives_both_below_the_file_name() {
    let p = Project::new("clock-folder");
    let rows = |nip: &'static str| {
        vec![
            vec![V::S("NIP"), V::S("Nama"), V::S("Tanggal"), V::S("Status")],
            vec![V::S(nip), V::S("Budi"), V::D(2, 11, 2026), V::S("H")],
        ]
    };
    write_sheet(&p.input().join("DISHUB/2026-11/absen.xlsx"), "Absen", &rows("198503152010011002"));
    // The file name (DISKOMINFO) wins over the folder (DISHUB).
    let kominfo = p.input().join("DISHUB/November 2026/absen DISKOMINFO.xlsx");
    write_sheet(&kominfo, "Kominfo", &rows("198703152010011003"));
    let run = check(&p);
    let line = sheet_line(&run.stdout, "Absen");
    assert!(line.contains("unit DISHUB, bulan November 2026") && line.contains("1 diterima"), "{line}");
    let line = sheet_line(&run.stdout, "Kominfo");
    assert!(line.contains("unit DISKOMINFO, bulan November 2026"), "{line}");
}

#[test]
fn a_per_person_sheet_takes_its_person_from_the_rows_above_or_its_name() {
    let p = Project::new("clock-person");
    let table = |above: Vec<Vec<V>>| {
        let mut rows = above;
        rows.push(vec![V::S("Tanggal"), V::S("Hari"), V::S("Datang"), V::S("Pulang"), V::S("Telat (mnt)")]);
        rows.push(vec![V::S("02/11/2026"), V::S("Senin"), V::S("07:41:07"), V::S("15:30"), V::N(11.0)]);
        rows.push(vec![V::S("03/11/2026"), V::S("Selasa"), V::S("-"), V::S("-"), V::S("-")]);
        rows.push(vec![V::S("Jumlah"), V::E, V::E, V::E, V::N(11.0)]);
        rows
    };
    let named = table(vec![
        vec![V::S("Nama : Dimas Prasetyo")],
        vec![V::S("NIP : 199001012015031001")],
        vec![V::S("Bulan : November 2026")],
    ]);
    write_sheet(&p.input().join("Rekap Per Pegawai DISHUB.xlsx"), "Dimas", &named);
    write_sheet(&p.input().join("Absen DISHUB 2026-11.xlsx"), "Evi Nuraini", &table(vec![]));
    let run = check(&p);
    let line = sheet_line(&run.stdout, "Dimas");
    assert!(line.contains("Kehadiran (harian), unit DISHUB, bulan November 2026"), "{line}");
    assert!(line.contains("2 dibaca, 2 diterima, 0 ditolak"), "{line}");
    // The sheet's name is the person, known by unit + name: one warning, at the header.
    let line = sheet_line(&run.stdout, "Evi Nuraini");
    assert!(line.contains("2 dibaca, 2 diterima, 0 ditolak"), "{line}");
    assert_eq!(run.stdout.matches("NIP kosong").count(), 1, "{}", run.stdout);
}

#[test]
fn a_per_person_recaps_band_marks_and_totals_row_are_cross_checked_against_its_times() {
    let p = Project::new("clock-bands");
    let band = |s: &'static str| V::S(s);
    let rows = vec![
        vec![V::S("Nama : Dimas Prasetyo")],
        vec![V::S("NIP : 199001012015031001")],
        vec![V::S("Bulan : November 2026")],
        vec![
            V::S("Tanggal"),
            V::S("Datang"),
            V::S("Pulang"),
            V::S("Telat (mnt)"),
            V::S("TL"),
            V::E,
            V::E,
            V::E,
            V::S("PSW"),
            V::E,
            V::E,
            V::E,
        ],
        vec![
            V::E,
            V::E,
            V::E,
            V::E,
            band("1 - 30"),
            band("31 - 60"),
            band("61 - 90"),
            band("> 90/Tdk Absen"),
            band("1 - 30"),
            band("31 - 60"),
            band("61 - 90"),
            band("> 90/Tdk Absen"),
        ],
        // Mon 2 Nov: 07:41 is 11 minutes late (TL 1), but the row marks TL 2 (F6).
        vec![
            V::S("02/11/2026"),
            V::S("07:41"),
            V::S("16:05"),
            V::N(11.0),
            V::E,
            V::N(1.0),
            V::E,
            V::E,
            V::E,
            V::E,
            V::E,
            V::E,
        ],
        // Tue 3 Nov: 07:20 – 15:20 leaves 40 minutes early (PSW 2), and no band is marked (J7).
        vec![
            V::S("03/11/2026"),
            V::S("07:20"),
            V::S("15:20"),
            V::N(0.0),
            V::E,
            V::E,
            V::E,
            V::E,
            V::E,
            V::E,
            V::E,
            V::E,
        ],
        // Totals: 11 minutes late is right (D8); TL 1 says 0 days (E8) and TL 2 says 1 (F8)
        // where the times give 1 and 0; PSW 2 says 0 (J8) where the times give 1.
        vec![
            V::S("Jumlah"),
            V::E,
            V::E,
            V::N(11.0),
            V::N(0.0),
            V::N(1.0),
            V::N(0.0),
            V::N(0.0),
            V::N(0.0),
            V::N(0.0),
            V::N(0.0),
            V::N(0.0),
        ],
    ];
    write_sheet(&p.input().join("Rekap Per Pegawai DISHUB.xlsx"), "Dimas", &rows);
    let run = check(&p);
    let line = sheet_line(&run.stdout, "Dimas");
    assert!(line.contains("2 dibaca, 2 diterima, 0 ditolak"), "{line}");
    let warnings: Vec<&str> = run.stdout.lines().filter(|l| l.contains("PERINGATAN")).collect();
    let at = |cell: &str| {
        warnings
            .iter()
            .any(|l| l.contains(&format!("Dimas!{cell} ")) || l.contains(&format!("Dimas!{cell}:")))
    };
    // F6: marked TL 2, the times give TL 1; J7: nothing marked, the times give PSW 2; and
    // the three wrong totals. Nothing else (D6, D7, D8 and the other totals agree).
    assert!(["F6", "J7", "E8", "F8", "J8"].iter().all(|c| at(c)), "{warnings:#?}");
    assert_eq!(warnings.len(), 5, "{warnings:#?}");
}
