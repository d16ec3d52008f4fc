//! Several months at once (SPEC §4): the change against the previous month, the trend, and
//! the discipline figures that look back to January.

use crate::common::*;

const R: &str = "198001012005011001";
const S: &str = "198202022006022002";
const B: &str = "198403032007031003";

fn month_file(p: &Project, month: u32, bulan: &str, rows: &[(&str, &str, u32, &str, f64)]) {
    let path = p.input().join(format!("Kehadiran DISHUB {month:02}-2026.xlsx"));
    attendance(&path, "DISHUB", bulan, month, rows);
}

/// R: one TK a month (3 by November: Ringan). S: four TK a month, never two in a row (12 by
/// November: Sedang). B: TK from Mon 26 Oct to Fri 6 Nov — ten working days in a row across a
/// weekend (L) and a month boundary: Berat, whatever the cumulative count.
fn three_months(p: &Project) {
    month_file(
        p,
        9,
        "September 2026",
        &[
            (R, "Rina", 1, "TK", 0.0),
            (R, "Rina", 2, "H", 0.0),
            (S, "Sari", 1, "TK", 0.0),
            (S, "Sari", 2, "H", 0.0),
            (S, "Sari", 3, "TK", 0.0),
            (S, "Sari", 4, "H", 0.0),
            (S, "Sari", 7, "TK", 0.0),
            (S, "Sari", 8, "H", 0.0),
            (S, "Sari", 9, "TK", 0.0),
            (S, "Sari", 10, "H", 0.0),
            (B, "Bayu", 1, "H", 0.0),
            (B, "Bayu", 2, "H", 0.0),
        ],
    );
    month_file(
        p,
        10,
        "Oktober 2026",
        &[
            (R, "Rina", 1, "TK", 0.0),
            (R, "Rina", 2, "H", 0.0),
            (S, "Sari", 1, "TK", 0.0),
            (S, "Sari", 2, "H", 0.0),
            (S, "Sari", 5, "TK", 0.0),
            (S, "Sari", 6, "H", 0.0),
            (S, "Sari", 7, "TK", 0.0),
            (S, "Sari", 8, "H", 0.0),
            (S, "Sari", 9, "TK", 0.0),
            (S, "Sari", 12, "H", 0.0),
            (B, "Bayu", 26, "TK", 0.0),
            (B, "Bayu", 27, "TK", 0.0),
            (B, "Bayu", 28, "TK", 0.0),
            (B, "Bayu", 29, "TK", 0.0),
            (B, "Bayu", 30, "TK", 0.0),
            (B, "Bayu", 31, "L", 0.0),
        ],
    );
    month_file(
        p,
        11,
        "November 2026",
        &[
            (R, "Rina", 2, "TK", 0.0),
            (R, "Rina", 3, "H", 0.0),
            (S, "Sari", 2, "TK", 0.0),
            (S, "Sari", 3, "H", 0.0),
            (S, "Sari", 4, "TK", 0.0),
            (S, "Sari", 5, "H", 0.0),
            (S, "Sari", 6, "TK", 0.0),
            (S, "Sari", 9, "H", 0.0),
            (S, "Sari", 10, "TK", 0.0),
            (S, "Sari", 11, "H", 0.0),
            (B, "Bayu", 1, "L", 0.0),
            (B, "Bayu", 2, "TK", 0.0),
            (B, "Bayu", 3, "TK", 0.0),
            (B, "Bayu", 4, "TK", 0.0),
            (B, "Bayu", 5, "TK", 0.0),
            (B, "Bayu", 6, "TK", 0.0),
            (B, "Bayu", 9, "H", 0.0),
        ],
    );
}

#[test]
fn discipline_tiers_look_back_to_january_and_across_months() {
    let p = Project::new("disiplin");
    three_months(&p);
    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 0, "{run:?}");
    let mut book = p.report_xlsx("2026-11");
    let pegawai = book.table("Pegawai", "NIP");
    let expect = [
        (R, 3.0, 1.0, "Ringan: teguran lisan"),
        (S, 12.0, 1.0, "Sedang: potongan TPP 25% 6 bulan"),
        (B, 10.0, 10.0, "Berat: pemberhentian"),
    ];
    for (nip, kumulatif, berturut, status) in expect {
        let row = pegawai.row("NIP", nip);
        assert_eq!(pegawai.num(row, "TK Kumulatif"), kumulatif, "{nip}");
        assert_eq!(pegawai.num(row, "TK Berturut"), berturut, "{nip}");
        assert_eq!(pegawai.text(row, "Status Disiplin"), status, "{nip}");
    }
    // November alone: B has 5 TK, 1 hadir of 6 working days (the L does not count).
    let b = pegawai.row("NIP", B);
    assert_eq!(pegawai.num(b, "Hari Kerja"), 6.0);
    assert_eq!(pegawai.num(b, "Tanpa Keterangan"), 5.0);

    // October's report looks back only through October: B has 5 in a row, 5 in all.
    p.run(&["report", "--month", "2026-10"]);
    let mut book = p.report_xlsx("2026-10");
    let pegawai = book.table("Pegawai", "NIP");
    let b = pegawai.row("NIP", B);
    assert_eq!(pegawai.num(b, "TK Kumulatif"), 5.0);
    assert_eq!(pegawai.num(b, "TK Berturut"), 5.0);
    assert_eq!(pegawai.text(b, "Status Disiplin"), "Ringan: teguran tertulis");
}

#[test]
fn trend_and_change_against_the_previous_month() {
    let p = Project::new("tren");
    three_months(&p);
    p.run(&["report"]);
    for m in ["2026-09", "2026-10", "2026-11"] {
        assert!(p.report_xlsx(m).sheet_names().len() == 10, "report {m} written");
    }
    let mut book = p.report_xlsx("2026-11");
    // Pooled rates: September 7 hadir / 12 hari kerja, October 5 / 15, November 6 / 16.
    let tren = book.table("Tren", "Bulan");
    let months: Vec<String> = tren.rows.iter().map(|r| r[0].to_string()).filter(|s| !s.is_empty()).collect();
    assert_eq!(months, ["September 2026", "Oktober 2026", "November 2026"]);
    for (bulan, rate) in
        [("September 2026", 7.0 / 12.0), ("Oktober 2026", 5.0 / 15.0), ("November 2026", 6.0 / 16.0)]
    {
        let row = tren.row("Bulan", bulan);
        assert_close(tren.num(row, "Tingkat Kehadiran"), rate);
        assert_eq!(tren.num(row, "Pegawai"), 3.0);
        assert_eq!(tren.num(row, "Unit Melapor"), 1.0);
    }
    let ringkasan = book.table("Ringkasan", "Periode");
    let change = ringkasan.row("Periode", "Perubahan tingkat kehadiran (poin)");
    // 37,5% − 33,3% = +4,17 points.
    assert_close(ringkasan.num(change, "November 2026"), (6.0 / 16.0 - 5.0 / 15.0) * 100.0);

    let types = book.table("Jenis Unit", "Jenis");
    let pd = types.row("Jenis", "Perangkat Daerah");
    assert_eq!(types.num(pd, "Hari Kerja"), 16.0);
    assert_eq!(types.num(pd, "Hadir"), 6.0);
    assert_eq!(types.num(pd, "Tanpa Keterangan"), 10.0);
}
