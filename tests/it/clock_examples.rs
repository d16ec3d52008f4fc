//! The four clock-time submissions of the shared examples (copied to tests/fixtures/clock/)
//! end to end: the figures of the `Unit` sheet for August 2026, each derived by hand from
//! SPEC §3.9 in the examples' README (default `[jadwal]`; 19 working days: weekends off,
//! 17 and 25 August are holidays). The Daily Log's night guard works the `Malam` shift,
//! which the configuration below gives the puskesmas.

use std::path::Path;

use crate::common::*;

pub const CONFIG: &str = r#"
[[jadwal.unit]]
nama = "Puskesmas Kranggan"
kode = ["PKM-KRANGGAN"]
shift = [ { nama = "Malam", jam = "21:00-07:00" } ]
"#;

/// (unit, hari kerja, hadir, tk, menit terlambat, menit pulang cepat, [TL1..TL4], [PSW1..PSW4],
/// tepat waktu (on time, judged)).
type Expected = (&'static str, f64, f64, f64, f64, f64, [f64; 4], [f64; 4], (f64, f64));

const EXPECTED: [Expected; 4] = [
    (
        "PKM-KRANGGAN",
        171.0,
        170.0,
        1.0,
        13.0,
        22.0,
        [2.0, 0.0, 0.0, 1.0],
        [2.0, 0.0, 0.0, 2.0],
        (163.0, 170.0),
    ),
    ("DINKESPPKB", 95.0, 94.0, 1.0, 189.0, 48.0, [2.0, 0.0, 1.0, 2.0], [2.0, 0.0, 0.0, 0.0], (88.0, 94.0)),
    ("DISKOMINFO", 114.0, 113.0, 1.0, 45.0, 65.0, [0.0, 1.0, 0.0, 0.0], [1.0, 1.0, 0.0, 1.0], (109.0, 113.0)),
    ("KEC-MAGERSARI", 94.0, 88.0, 1.0, 24.0, 15.0, [2.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 1.0], (83.0, 87.0)),
];

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clock")
}

#[test]
fn clock_examples_give_the_hand_derived_unit_figures() {
    let p = Project::new("clock-examples");
    for entry in std::fs::read_dir(fixtures()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".xlsx") || name.ends_with(".xls") {
            std::fs::copy(entry.path(), p.input().join(&name)).unwrap();
        }
    }
    std::fs::write(p.root.join("budaya-kerja.toml"), CONFIG).unwrap();
    let run = p.run(&["report", "--month", "2026-08"]);
    // The AttLog's test scan (ID 99, no name) is rejected: exit 3.
    assert_eq!(run.code, 3, "{}", run.stderr);
    let mut book = p.report_xlsx("2026-08");
    let units = book.table("Unit", "Kode Unit");
    for (kode, hk, hadir, tk, mt, mpc, tl, psw, (on_time, judged)) in EXPECTED {
        let row = units.row("Kode Unit", kode);
        let got = |name: &str| units.num(row, name);
        assert_eq!(
            (got("Hari Kerja"), got("Hadir"), got("Tanpa Keterangan")),
            (hk, hadir, tk),
            "{kode}: hari kerja, hadir, TK"
        );
        assert_eq!((got("Menit Terlambat"), got("Menit Pulang Cepat")), (mt, mpc), "{kode}: minutes");
        assert_eq!([got("TL1"), got("TL2"), got("TL3"), got("TL4")], tl, "{kode}: TL bands");
        assert_eq!([got("PSW1"), got("PSW2"), got("PSW3"), got("PSW4")], psw, "{kode}: PSW bands");
        assert_close(got("Tepat Waktu"), on_time / judged);
    }
    // A person: Dimas is late 11 minutes and 30 minutes early on Mon 24/08 (TL1 + PSW1 on one
    // present day) and has no datang on Tue 04/08 (TL4, no minutes).
    let persons = book.table("Pegawai", "NIP");
    let dimas = persons.row("NIP", "199603132020121006");
    let got = |name: &str| persons.num(dimas, name);
    assert_eq!(
        [
            got("Hari Kerja"),
            got("Hadir"),
            got("Menit Terlambat"),
            got("Menit Pulang Cepat"),
            got("TL1"),
            got("TL4"),
            got("PSW1")
        ],
        [19.0, 19.0, 11.0, 30.0, 1.0, 1.0, 1.0]
    );
    assert_close(got("Tepat Waktu"), 17.0 / 19.0);

    // The tidy data keeps each derived day's evidence; a TK day without any scan has no
    // lineage and says why; the night guard's 07:03 on 1 August closes July 31's shift.
    let data = tidy_data(&p.output(), "kehadiran");
    for (month, line) in [
        (
            "2026-08",
            "\"199603132020121006\",\"Dimas Arya Putra, S.Kom.\",DINKESPPKB,2026-08-24,2026-08,TL,hadir,11,,,Rekap Absensi Per Pegawai Dinkes Agustus 2026.xlsx,Dimas,C30,30,1,1,07:41;15:30,",
        ),
        (
            "2026-08",
            "\"198812072015031003\",drg. Bayu Kurniawan,PKM-KRANGGAN,2026-08-20,2026-08,TK,tanpa keterangan,0,,,,,,0,0,0,,tanpa scan",
        ),
        (
            "2026-07",
            "\"198104142023081001\",Sutrisno,PKM-KRANGGAN,2026-07-31,2026-07,TL,hadir,0,,,Daily Log PKM Kranggan Agustus 2026.xls,Daily Log,F2,0,4,0,07:03,",
        ),
        (
            "2026-08",
            "\"198104142023081001\",Sutrisno,PKM-KRANGGAN,2026-08-13,2026-08,TL,hadir,12,,,Daily Log PKM Kranggan Agustus 2026.xls,Daily Log,F85,0,1,0,21:12;07:05,",
        ),
    ] {
        assert!(data[month].lines().any(|l| l == line), "missing in kehadiran-{month}.csv: {line}");
    }

    // Problems: the Diskominfo log's 6 people are known by unit + name (one warning each) and
    // its test scan is rejected; NANANG's `Telat (mnt)` D24 says 12 where 07:52 gives 22, and
    // so does the Jumlah row's total D38. Nothing else (the band columns agree with the times).
    let problems = book.table("Masalah", "Berkas");
    let listed: Vec<(String, String, String)> = problems
        .rows
        .iter()
        .filter(|r| !problems.text(r, "Berkas").is_empty())
        .map(|r| (problems.text(r, "Berkas"), problems.text(r, "Sel"), problems.text(r, "Tingkat")))
        .collect();
    let of =
        |file: &str, level: &str| listed.iter().filter(|(f, _, l)| f.contains(file) && l == level).count();
    assert_eq!(of("AttLog", "Peringatan"), 6, "{listed:?}");
    assert_eq!(of("AttLog", "Tolak"), 1, "{listed:?}");
    let dinkes: Vec<&str> =
        listed.iter().filter(|(f, ..)| f.contains("Dinkes")).map(|(_, c, _)| c.as_str()).collect();
    assert_eq!(dinkes, ["D24", "D38"]);
    assert_eq!(listed.len(), 9, "{listed:?}");

    // Nothing lost: every ledger row balances; the AttLog's press 1½ minutes after another
    // (row 43) is a duplicate, its test scan rejected.
    let files = book.table("Berkas", "Berkas");
    let log = files.row("Berkas", "AttLog Diskominfo 2026-08.xlsx");
    let n = |c: &str| files.num(log, c);
    assert_eq!((n("Dibaca"), n("Diterima"), n("Ditolak"), n("Duplikat")), (228.0, 226.0, 1.0, 1.0));
    for r in &files.rows {
        if files.text(r, "Berkas").is_empty() {
            continue;
        }
        let n = |c: &str| files.num(r, c);
        assert_eq!(n("Dibaca"), n("Diterima") + n("Ditolak") + n("Duplikat") + n("Direvisi"), "{r:?}");
    }
}

/// A daily sheet whose times are real time cells (`hh:mm` numbers, as Excel stores a typed
/// time), judged by the default schedule; figures derived by hand. November 2026 has 21
/// working days; the sheet covers Mon 2 – Thu 5 Nov, so the other 17 are TK (tanpa scan).
#[test]
fn a_daily_sheet_of_time_cells_gives_its_hand_derived_figures() {
    use rust_xlsxwriter::{Format, Workbook};
    let p = Project::new("clock-time-cells");
    let nip = "198503152010011002";
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Harian").unwrap();
    let time = Format::new().set_num_format("hh:mm");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.write_string(0, 0, "Unit Kerja : DISHUB").unwrap();
    ws.write_string(1, 0, "Bulan : November 2026").unwrap();
    for (c, h) in ["NIP", "Nama", "Tanggal", "Jam Masuk", "Jam Pulang"].iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    let hm = |h: u32, m: u32| f64::from(h * 60 + m) / 1440.0;
    // (day, masuk, pulang): H; TL 15 min (band 1); PSW 60 min (band 2); TL 1 min + no pulang (PSW 4).
    let days = [
        (2, Some(hm(7, 20)), Some(hm(16, 5))),
        (3, Some(hm(7, 45)), Some(hm(16, 0))),
        (4, Some(hm(7, 30)), Some(hm(15, 0))),
        (5, Some(hm(7, 31)), None),
    ];
    for (k, (d, masuk, pulang)) in days.iter().enumerate() {
        let r = 4 + k as u32;
        ws.write_string(r, 0, nip).unwrap();
        ws.write_string(r, 1, "Budi Santoso").unwrap();
        let serial = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 11, *d as u8).unwrap();
        ws.write_datetime_with_format(r, 2, &serial, &date).unwrap();
        if let Some(t) = masuk {
            ws.write_number_with_format(r, 3, *t, &time).unwrap();
        }
        match pulang {
            Some(t) => ws.write_number_with_format(r, 4, *t, &time).unwrap(),
            None => ws.write_string(r, 4, "-").unwrap(),
        };
    }
    wb.save(p.input().join("Absen Harian DISHUB.xlsx")).unwrap();

    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book = p.report_xlsx("2026-11");
    let persons = book.table("Pegawai", "NIP");
    let budi = persons.row("NIP", nip);
    let got = |c: &str| persons.num(budi, c);
    assert_eq!((got("Hari Kerja"), got("Hadir"), got("Tanpa Keterangan")), (21.0, 4.0, 17.0));
    assert_eq!((got("Menit Terlambat"), got("Menit Pulang Cepat")), (16.0, 60.0));
    assert_eq!([got("TL1"), got("TL2"), got("TL3"), got("TL4")], [2.0, 0.0, 0.0, 0.0]);
    assert_eq!([got("PSW1"), got("PSW2"), got("PSW3"), got("PSW4")], [0.0, 1.0, 0.0, 1.0]);
    assert_close(got("Tepat Waktu"), 1.0 / 4.0);
    let files = book.table("Berkas", "Berkas");
    let row = files.row("Berkas", "Absen Harian DISHUB.xlsx");
    assert_eq!((files.num(row, "Dibaca"), files.num(row, "Diterima")), (4.0, 4.0));
}
