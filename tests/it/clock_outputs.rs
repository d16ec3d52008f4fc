//! SPEC §3.9 "Output" from the outside: the clock-time columns of `Pegawai`, `Unit` and
//! `Jenis Unit`, `Jadwal` on every unit, the PDF's TL/PSW units and the tidy CSV's columns.
//! The days here are written as codes (a TL with its minutes is banded by them, a PSW is in
//! no band); days derived from clock times are checked in the metrics unit tests.

use crate::common::*;

const A: &str = "198001012005011001";
const B: &str = "197505052000032002";

const PUSKESMAS_SCHEDULE: &str = "[[jadwal.unit]]\nnama = \"Puskesmas\"\njenis = \"Puskesmas\"\n";

fn project() -> Project {
    let p = Project::new("clock-outputs");
    std::fs::write(p.root.join("budaya-kerja.toml"), PUSKESMAS_SCHEDULE).unwrap();
    attendance(
        &p.input().join("Kehadiran DISHUB November 2026.xlsx"),
        "Dinas Perhubungan",
        "November 2026",
        11,
        &[
            (A, "Andi Wijaya", 2, "H", 0.0),
            (A, "Andi Wijaya", 3, "TL", 12.0),
            (A, "Andi Wijaya", 4, "TL", 45.0),
            (A, "Andi Wijaya", 5, "PSW", 0.0),
            (A, "Andi Wijaya", 6, "DL", 0.0),
            (B, "Budi Lestari", 2, "H", 0.0),
            (B, "Budi Lestari", 3, "TK", 0.0),
            (B, "Budi Lestari", 4, "TL", 0.0),
        ],
    );
    p
}

#[test]
fn clock_columns_follow_the_spec_formulas_for_coded_days() {
    let p = project();
    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 0, "{run:?}");
    let mut book = p.report_xlsx("2026-11");

    let units = book.table("Unit", "Kode Unit");
    let dishub = units.row("Kode Unit", "DISHUB");
    assert_eq!(units.num(dishub, "Menit Terlambat"), 57.0);
    // Judged by the clock: A's H, TL, TL, PSW and B's H, TL (DL and TK are not): 6 days, 2
    // on time. TL 12 min → TL1, TL 45 min → TL2; a TL without minutes and a PSW in no band.
    let want = [
        ("Menit Pulang Cepat", 0.0),
        ("TL1", 1.0),
        ("TL2", 1.0),
        ("TL3", 0.0),
        ("TL4", 0.0),
        ("PSW1", 0.0),
        ("PSW2", 0.0),
        ("PSW3", 0.0),
        ("PSW4", 0.0),
    ];
    for (label, n) in want {
        assert_eq!(units.num(dishub, label), n, "{label}");
    }
    assert_close(units.num(dishub, "Tepat Waktu"), 2.0 / 6.0);
    assert_eq!(units.text(dishub, "Jadwal"), "Bawaan");
    // Every unit names its schedule, reporting or not; a unit without data has no Tepat Waktu.
    let wates = units.row("Kode Unit", "PKM-WATES");
    assert_eq!(units.text(wates, "Jadwal"), "Puskesmas");
    assert_eq!(units.text(wates, "Status Laporan"), "Belum");
    assert_eq!(units.text(wates, "Tepat Waktu"), "");
    assert_eq!(units.col("Jadwal"), units.col("Peringkat Kinerja") + 1);

    let pegawai = book.table("Pegawai", "NIP");
    let a = pegawai.row("NIP", A);
    assert_close(pegawai.num(a, "Tepat Waktu"), 1.0 / 4.0);
    assert_eq!((pegawai.num(a, "TL1"), pegawai.num(a, "TL2")), (1.0, 1.0));
    let b = pegawai.row("NIP", B);
    assert_close(pegawai.num(b, "Tepat Waktu"), 1.0 / 2.0);
    assert_eq!(pegawai.num(b, "TL1"), 0.0);

    let types = book.table("Jenis Unit", "Jenis");
    let kota = types.row("Jenis", "Kota");
    assert_eq!(types.num(kota, "Menit Pulang Cepat"), 0.0);
    assert_eq!(types.col("Menit Pulang Cepat"), types.col("Menit Terlambat") + 1);

    if let Some(txt) = pdf_text(&p.report_pdf("2026-11")) {
        assert!(txt.contains("1 unit dengan menit terlambat dan pulang cepat terbanyak"), "{txt}");
        let table = txt.split("terbanyak").nth(1).unwrap();
        let row = table.lines().find(|l| l.contains("Dinas Perhubungan")).unwrap();
        let tail: Vec<&str> = row.split_whitespace().rev().take(4).collect();
        assert_eq!(tail, ["33,3%", "57", "0", "57"]);
    }

    let data = tidy_data(&p.output(), "kehadiran");
    assert!(data.contains_key("2026-11"), "{:?}", data.keys());
    for csv in data.values() {
        let header = csv.lines().next().unwrap();
        assert!(header.ends_with(",berkas,lembar,sel,menit_pulang_cepat,pita_tl,pita_psw,scan,keterangan"));
        // Coded days carry no clock evidence: the appended fields are empty.
        assert!(csv.lines().skip(1).all(|l| l.ends_with(",,,,,")), "{csv}");
    }
}
