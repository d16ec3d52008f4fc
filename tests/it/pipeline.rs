//! End to end: input folder → report → figures checked against SPEC §4 by hand.

use std::time::{Duration, SystemTime};

use crate::common::*;

const A: &str = "198001012005011001";
const B: &str = "197505052000032002";
const C: &str = "199002022015031003";

/// DISHUB: two persons with attendance and evaluation; DLH: one person, attendance only,
/// with one unknown status code.
fn city(p: &Project) {
    attendance(
        &p.input().join("dishub/Kehadiran DISHUB November 2026.xlsx"),
        "Dinas Perhubungan",
        "November 2026",
        11,
        &[
            (A, "Andi Wijaya", 2, "H", 0.0),
            (A, "Andi Wijaya", 3, "Hadir", 0.0),
            (A, "Andi Wijaya", 4, "TL", 15.0),
            (A, "Andi Wijaya", 5, "TK", 0.0),
            (A, "Andi Wijaya", 6, "h", 0.0),
            (A, "Andi Wijaya", 7, "L", 0.0),
            (B, "Budi Lestari", 2, "H", 0.0),
            (B, "Budi Lestari", 3, "S", 0.0),
            (B, "Budi Lestari", 4, "C", 0.0),
            (B, "Budi Lestari", 5, "H", 0.0),
            (B, "Budi Lestari", 7, "L", 0.0),
        ],
    );
    evaluation(
        &p.input().join("dishub/Penilaian DISHUB November 2026.xlsx"),
        "DISHUB",
        "Nopember 2026",
        &[(A, "Andi Wijaya", 40.0, 42.0, 80.0), (B, "Budi Lestari", 50.0, 40.0, 75.0)],
    );
    attendance(
        &p.input().join("dlh.xlsx"),
        "Dinas Lingkungan Hidup",
        "November 2026",
        11,
        &[(C, "Citra Dewi", 2, "H", 0.0), (C, "Citra Dewi", 3, "Masuk", 0.0), (C, "Citra Dewi", 6, "X", 0.0)],
    );
}

#[test]
fn unit_figures_follow_the_spec_formulas() {
    let p = Project::new("figures");
    city(&p);
    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 3, "a rejected record gives exit 3: {run:?}");

    let mut book = p.report_xlsx("2026-11");
    let units = book.table("Unit", "Kode Unit");
    let dishub = units.row("Kode Unit", "DISHUB");
    // hari kerja = records not L/TB: A 5 + B 4; hadir = H, TL: A 4 + B 2.
    assert_eq!(units.num(dishub, "Hari Kerja"), 9.0);
    assert_eq!(units.num(dishub, "Hadir"), 6.0);
    assert_eq!(units.num(dishub, "Sakit"), 1.0);
    assert_eq!(units.num(dishub, "Cuti"), 1.0);
    assert_eq!(units.num(dishub, "Tanpa Keterangan"), 1.0);
    assert_eq!(units.num(dishub, "Menit Terlambat"), 15.0);
    assert_close(units.num(dishub, "Tingkat Kehadiran"), 6.0 / 9.0);
    assert_eq!(units.text(dishub, "Status Laporan"), "Lengkap");
    assert_eq!(units.num(dishub, "Pegawai"), 2.0);
    assert_eq!(units.num(dishub, "Pegawai Dinilai"), 2.0);
    // capaian A = 42/40 = 105%, B = 40/50 = 80%; mean of the uncapped values = 92.5%.
    assert_close(units.num(dishub, "Rata-rata Capaian"), 0.925);
    // nilai kinerja A = 0.6 × 100 + 0.4 × 80 = 92; B = 0.6 × 80 + 0.4 × 75 = 78; mean 85.
    assert_close(units.num(dishub, "Rata-rata Nilai Kinerja"), 85.0);
    assert_eq!(units.num(dishub, "Peringkat Kehadiran"), 2.0);
    assert_eq!(units.num(dishub, "Peringkat Kinerja"), 1.0);

    let dlh = units.row("Kode Unit", "DLH");
    assert_eq!(units.num(dlh, "Hari Kerja"), 2.0);
    assert_close(units.num(dlh, "Tingkat Kehadiran"), 1.0);
    assert_eq!(units.text(dlh, "Status Laporan"), "Sebagian");
    assert_eq!(units.num(dlh, "Peringkat Kehadiran"), 1.0);
    let setda = units.row("Kode Unit", "SETDA");
    assert_eq!(units.text(setda, "Status Laporan"), "Belum");
    assert_eq!(units.text(setda, "Peringkat Kehadiran"), "");
    assert_eq!(units.rows.iter().filter(|r| !r[0].to_string().is_empty()).count(), 53);

    let persons = book.table("Pegawai", "NIP");
    let a = persons.row("NIP", A);
    assert!(matches!(persons.get(a, "NIP"), calamine::Data::String(_)), "NIP is text");
    assert_close(persons.num(a, "Nilai Kinerja"), 92.0);
    assert_eq!(persons.text(a, "Predikat"), "Sangat Baik");
    assert_close(persons.num(a, "Capaian"), 1.05);
    let b = persons.row("NIP", B);
    assert_close(persons.num(b, "Nilai Kinerja"), 78.0);
    assert_eq!(persons.text(b, "Predikat"), "Baik");

    let types = book.table("Jenis Unit", "Jenis");
    let kota = types.row("Jenis", "Kota");
    assert_eq!(types.num(kota, "Hari Kerja"), 11.0);
    assert_eq!(types.num(kota, "Hadir"), 8.0);
    assert_close(types.num(kota, "Tingkat Kehadiran"), 8.0 / 11.0);
    assert_eq!(types.num(kota, "Unit Melapor"), 2.0);
    assert_eq!(types.num(kota, "Pegawai"), 3.0);

    let belum = book.table("Belum Melapor", "Kode Unit");
    assert_eq!(belum.rows.iter().filter(|r| !r[0].to_string().is_empty()).count(), 52);
    let dlh = belum.row("Kode Unit", "DLH");
    assert_eq!(belum.text(dlh, "Kehadiran"), "Ada");
    assert_eq!(belum.text(dlh, "Penilaian"), "Belum");
}

#[test]
fn rejected_cell_is_listed_with_file_sheet_and_cell() {
    let p = Project::new("masalah");
    city(&p);
    p.run(&["report", "--month", "2026-11"]);
    let mut book = p.report_xlsx("2026-11");
    let masalah = book.table("Masalah", "Berkas");
    let x = masalah.row("Sel", "E8");
    assert_eq!(masalah.text(x, "Berkas"), "dlh.xlsx");
    assert_eq!(masalah.text(x, "Lembar"), "Kehadiran");
    assert_eq!(masalah.text(x, "Nilai"), "X");
    assert_eq!(masalah.text(x, "Tingkat"), "Tolak");
    assert!(masalah.text(x, "Masalah").contains("kode status \"X\" tidak dikenal"));

    let berkas = book.table("Berkas", "Berkas");
    let dlh = berkas.row("Berkas", "dlh.xlsx");
    assert_eq!(berkas.num(dlh, "Dibaca"), 3.0);
    assert_eq!(berkas.num(dlh, "Diterima"), 2.0);
    assert_eq!(berkas.num(dlh, "Ditolak"), 1.0);
}

#[test]
fn ledger_balances_with_duplicates_and_revisions() {
    let p = Project::new("ledger");
    let rows =
        [(A, "Andi Wijaya", 2, "H", 0.0), (A, "Andi Wijaya", 3, "H", 0.0), (A, "Andi Wijaya", 4, "TK", 0.0)];
    let old = p.input().join("lama/Kehadiran DISHUB November 2026.xlsx");
    attendance(&old, "DISHUB", "November 2026", 11, &rows);
    // The revision: day 4 becomes I (izin) instead of TK, and a new day 5.
    let new = p.input().join("baru/Kehadiran DISHUB November 2026 revisi.xlsx");
    attendance(
        &new,
        "DISHUB",
        "November 2026",
        11,
        &[rows[0], rows[1], (A, "Andi Wijaya", 4, "I", 0.0), (A, "Andi Wijaya", 5, "H", 0.0)],
    );
    let t0 = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&old).unwrap().set_modified(t0).unwrap();

    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 0, "warnings alone exit 0: {run:?}");
    let mut book = p.report_xlsx("2026-11");
    let berkas = book.table("Berkas", "Berkas");
    let older = berkas.row("Berkas", "lama/Kehadiran DISHUB November 2026.xlsx");
    assert_eq!(
        (
            berkas.num(older, "Dibaca"),
            berkas.num(older, "Diterima"),
            berkas.num(older, "Duplikat"),
            berkas.num(older, "Direvisi")
        ),
        (3.0, 0.0, 2.0, 1.0)
    );
    let newer = berkas.row("Berkas", "baru/Kehadiran DISHUB November 2026 revisi.xlsx");
    assert_eq!((berkas.num(newer, "Dibaca"), berkas.num(newer, "Diterima")), (4.0, 4.0));
    for r in berkas.rows.iter().filter(|r| !r[0].to_string().is_empty()) {
        let n = |c: &str| berkas.num(r, c);
        assert_eq!(n("Dibaca"), n("Diterima") + n("Ditolak") + n("Duplikat") + n("Direvisi"), "{r:?}");
    }
    let masalah = book.table("Masalah", "Berkas");
    let w = masalah.row("Sel", "E8");
    assert_eq!(masalah.text(w, "Tingkat"), "Peringatan");
    assert!(masalah.text(w, "Masalah").contains("baru/Kehadiran DISHUB November 2026 revisi.xlsx"));

    let units = book.table("Unit", "Kode Unit");
    let dishub = units.row("Kode Unit", "DISHUB");
    assert_eq!(units.num(dishub, "Hari Kerja"), 4.0);
    assert_eq!(units.num(dishub, "Izin"), 1.0);
    assert_eq!(units.num(dishub, "Tanpa Keterangan"), 0.0);
}

#[test]
fn unknown_unit_is_rejected_with_a_suggestion() {
    let p = Project::new("unit");
    attendance(
        &p.input().join("absen.xlsx"),
        "Dinas Perhubungann",
        "November 2026",
        11,
        &[(A, "Andi", 2, "H", 0.0)],
    );
    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 3);
    let mut book = p.report_xlsx("2026-11");
    let masalah = book.table("Masalah", "Berkas");
    let row = masalah.row("Berkas", "absen.xlsx");
    let msg = masalah.text(row, "Masalah");
    assert!(msg.contains("Dinas Perhubungann") && msg.contains("Dinas Perhubungan (DISHUB)"), "{msg}");
    assert_eq!(masalah.text(row, "Tingkat"), "Tolak");
    // Reported once, at the metadata cell to fix, not once per record at cells that do not
    // hold the unit name.
    assert_eq!(masalah.text(row, "Sel"), "A2");
    assert_eq!(
        masalah.rows.iter().filter(|r| r[0] == calamine::Data::String("absen.xlsx".into())).count(),
        1
    );
}

#[test]
fn pdf_shows_period_city_rate_and_pages() {
    let p = Project::new("pdf");
    city(&p);
    p.run(&["report", "--month", "2026-11"]);
    let pdf = p.report_pdf("2026-11");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let Some(text) = pdf_text(&pdf) else { return };
    assert!(text.contains("PEMERINTAH KOTA MOJOKERTO"), "{text}");
    assert!(text.contains("November 2026"));
    // City: 8 hadir of 11 working days = 72,7%.
    assert!(text.contains("72,7%"), "{text}");
    assert!(text.contains("Halaman 1 dari"));
    let pages = text.matches("Halaman ").count();
    assert!(text.contains(&format!("Halaman {pages} dari {pages}")), "last page footer");
    // The ranked unit table: DLH (100,0%) before DISHUB (66,7%).
    let table = &text[text.find("Peringkat Unit Kerja").expect("unit table heading")..];
    let dlh = table.find("Dinas Lingkungan Hidup").expect("DLH ranked");
    let dishub = table.find("Dinas Perhubungan").expect("DISHUB ranked");
    assert!(dlh < dishub, "ranking order");
    assert!(table.contains("100,0%") && table.contains("66,7%"));
    // Units not reporting completely: DLH sent no evaluation, Sekretariat Daerah nothing.
    let belum = &text[text.find("Belum Melapor").expect("not-reporting section")..];
    assert!(belum.contains("Dinas Lingkungan Hidup") && belum.contains("Sekretariat Daerah"));
}

#[test]
fn workbook_has_every_sheet_in_order() {
    let p = Project::new("sheets");
    city(&p);
    p.run(&["report", "--month", "2026-11"]);
    let mut book = p.report_xlsx("2026-11");
    assert_eq!(
        book.sheet_names(),
        [
            "Ringkasan",
            "Unit",
            "Jenis Unit",
            "Pegawai",
            "Kegiatan",
            "KBK Unit",
            "Tren",
            "Belum Melapor",
            "Berkas",
            "Masalah"
        ]
    );
    let headers: [(&str, &str); 9] = [
        (
            "Unit",
            "Kode Unit | Nama Unit | Jenis | Status Laporan | Pegawai | Hari Kerja | Hadir | Sakit | Izin | Cuti | Tanpa Keterangan | Menit Terlambat | Menit Pulang Cepat | TL1 | TL2 | TL3 | TL4 | PSW1 | PSW2 | PSW3 | PSW4 | Tepat Waktu | Tingkat Kehadiran | Pegawai Dinilai | Rata-rata Capaian | Rata-rata Nilai Kinerja | Peringkat Kehadiran | Peringkat Kinerja | Jadwal",
        ),
        (
            "Jenis Unit",
            "Jenis | Unit | Unit Melapor | Pegawai | Hari Kerja | Hadir | Sakit | Izin | Cuti | Tanpa Keterangan | Menit Terlambat | Menit Pulang Cepat | Tingkat Kehadiran | Pegawai Dinilai | Rata-rata Nilai Kinerja",
        ),
        (
            "Pegawai",
            "NIP | Nama | Kode Unit | Nama Unit | Hari Kerja | Hadir | Sakit | Izin | Cuti | Tanpa Keterangan | Menit Terlambat | Menit Pulang Cepat | TL1 | TL2 | TL3 | TL4 | PSW1 | PSW2 | PSW3 | PSW4 | Tepat Waktu | Tingkat Kehadiran | Capaian | Nilai Perilaku | Nilai Kinerja | Predikat | TK Kumulatif | TK Berturut | Status Disiplin",
        ),
        (
            "Kegiatan",
            "Kegiatan | Kelompok | Kode Unit | Nama Unit | Pertemuan | Peserta | Catatan | Hadir | Tingkat Kehadiran",
        ),
        ("KBK Unit", "Kode Unit | Nama Unit | Jenis | Kelompok | Kelompok Aktif | Anggota | Cakupan"),
        ("Tren", "Bulan | Unit Melapor | Pegawai | Tingkat Kehadiran | Rata-rata Nilai Kinerja"),
        ("Belum Melapor", "Kode Unit | Nama Unit | Jenis | Kehadiran | Penilaian"),
        (
            "Berkas",
            "Berkas | Lembar | Jenis | Tata Letak | Dibaca | Diterima | Ditolak | Duplikat | Direvisi | Catatan",
        ),
        ("Masalah", "Berkas | Lembar | Sel | Nilai | Masalah | Tingkat"),
    ];
    for (sheet, header) in headers {
        let first = header.split(" | ").next().unwrap();
        assert_eq!(book.table(sheet, first).header.join(" | "), header, "{sheet}");
    }
    let ringkasan = book.table("Ringkasan", "Periode");
    assert_eq!(ringkasan.header, ["Periode", "November 2026"]);
}

#[test]
fn exit_codes() {
    let p = Project::new("exit");
    // Empty input folder without --month: nothing to report, exit 0.
    assert_eq!(p.run(&["report"]).code, 0);
    // A month with no data still gives a report: every unit Belum, exit 0.
    assert_eq!(p.run(&["laporan", "--month", "2026-11"]).code, 0);
    assert!(p.report_xlsx("2026-11").sheet_names().contains(&"Unit".to_string()));
    // Usage errors exit 2.
    assert_eq!(p.run(&["report", "--month", "2026-13"]).code, 2);
    assert_eq!(p.run(&["frobnicate"]).code, 2);
    // A bad configuration exits 1 and names the line.
    std::fs::write(p.root.join("budaya-kerja.toml"), "[organisasi]\nkotaa = \"X\"\n").unwrap();
    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("baris 2") && run.stderr.contains("kotaa"), "{}", run.stderr);
    // A missing input folder is a failure, with the fix.
    let run = p.run(&["--config", "/nonexistent.toml", "report"]);
    assert_eq!(run.code, 1);
}

#[test]
fn a_configuration_change_rewrites_every_month() {
    let p = Project::new("config-change");
    city(&p);
    p.run(&["report"]);
    assert!(p.run(&["report"]).stderr.contains("tidak ada perubahan"));
    std::fs::write(p.root.join("budaya-kerja.toml"), "[organisasi]\nalamat = \"Jl. Gajah Mada 145\"\n")
        .unwrap();
    let run = p.run(&["report"]);
    assert!(run.stderr.contains("laporan November 2026 ditulis"), "{}", run.stderr);
    assert!(run.stderr.contains("3 diurai"), "the parse cache depends on the configuration: {}", run.stderr);
}

#[test]
fn config_default_prints_the_embedded_configuration() {
    let p = Project::new("config");
    let run = p.run(&["config", "--default"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("[organisasi]") && run.stdout.contains("kode = \"DINKESPPKB\""));
    assert_eq!(run.stdout.matches("[[unit]]").count(), 53);
}

#[test]
fn records_of_one_person_in_a_sheet_share_one_person_and_unit() {
    use budaya_kerja::ingest::layout::Outcome;
    let p = Project::new("shared-person");
    let a = "198503152010011002";
    let b = "199001012015032001";
    attendance(
        &p.input().join("Kehadiran_DISHUB_2026-11.xlsx"),
        "Dinas Perhubungan",
        "November 2026",
        11,
        &[(a, "Budi", 2, "H", 0.0), (b, "Ani", 2, "H", 0.0), (a, "Budi", 3, "S", 0.0)],
    );
    let settings = budaya_kerja::ground::settings::Settings::embedded().unwrap();
    let files = budaya_kerja::ingest::read_all(&p.input(), &settings).unwrap();
    let records: Vec<_> = files[0].sheets[0]
        .output
        .outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Attendance(r) => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(records.len(), 3);
    assert_eq!(records[0].person.key, a);
    assert!(std::sync::Arc::ptr_eq(&records[0].person, &records[2].person));
    assert!(!std::sync::Arc::ptr_eq(&records[0].person, &records[1].person));
    assert_eq!(&*records[1].unit, "DISHUB");
    assert!(std::sync::Arc::ptr_eq(&records[0].unit, &records[1].unit), "one unit code per sheet");
}
