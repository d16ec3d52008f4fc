//! Real-world formats and layouts (SPEC §3, §10) on the committed fixtures of
//! `tests/fixtures/` (made by `make_fixtures.py`, described in its README). Each test copies
//! only the fixtures it needs into a fresh input folder, runs the binary, and re-reads the
//! written workbook's `Berkas`, `Masalah`, `Unit` and `Pegawai` sheets.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use calamine::Data;

use crate::common::*;

const MONTH: &str = "2026-11";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A project whose input folder holds the given fixtures, each as (fixture, name in input).
fn project_as(test: &str, files: &[(&str, &str)]) -> Project {
    let p = Project::new(test);
    for (from, to) in files {
        let dest = p.input().join(to);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::copy(fixture(from), &dest).unwrap_or_else(|e| panic!("{from}: {e}"));
    }
    p
}

/// A project whose input folder holds the given fixtures under their own names.
fn project(test: &str, files: &[&str]) -> Project {
    let pairs: Vec<(&str, &str)> = files.iter().map(|f| (*f, *f)).collect();
    project_as(test, &pairs)
}

fn set_mtime(path: &Path, secs_ago: u64) {
    let t = SystemTime::now() - Duration::from_secs(secs_ago);
    std::fs::File::options().write(true).open(path).unwrap().set_modified(t).unwrap();
}

/// `report --month 2026-11`, asserting the exit status; returns the written workbook.
fn report(p: &Project, code: i32) -> Book {
    let run = p.run(&["report", "--month", MONTH]);
    assert_eq!(run.code, code, "exit status: {run:?}");
    p.report_xlsx(MONTH)
}

/// The rows of a table that are not blank.
fn rows(t: &Table) -> Vec<&Vec<Data>> {
    t.rows.iter().filter(|r| r.iter().any(|c| !c.to_string().is_empty())).collect()
}

/// The rows whose columns equal the given values.
fn rows_where<'a>(t: &'a Table, keys: &[(&str, &str)]) -> Vec<&'a Vec<Data>> {
    rows(t).into_iter().filter(|r| keys.iter().all(|(c, v)| t.text(r, c) == *v)).collect()
}

/// The one row whose columns equal the given values.
fn one<'a>(t: &'a Table, keys: &[(&str, &str)]) -> &'a Vec<Data> {
    let found = rows_where(t, keys);
    assert_eq!(found.len(), 1, "expected one row with {keys:?}, got {found:?}");
    found[0]
}

/// (Dibaca, Diterima, Ditolak, Duplikat, Direvisi) of a `Berkas` row.
fn ledger(t: &Table, r: &[Data]) -> (f64, f64, f64, f64, f64) {
    (
        t.num(r, "Dibaca"),
        t.num(r, "Diterima"),
        t.num(r, "Ditolak"),
        t.num(r, "Duplikat"),
        t.num(r, "Direvisi"),
    )
}

/// A skipped file: one `Berkas` row with no sheet, nothing read, the reason in `Catatan`.
fn skipped_note(book: &mut Book, file: &str) -> String {
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", file)]);
    assert_eq!(berkas.text(r, "Lembar"), "", "{r:?}");
    assert_eq!(ledger(&berkas, r), (0.0, 0.0, 0.0, 0.0, 0.0), "{r:?}");
    berkas.text(r, "Catatan")
}

fn assert_contains(text: &str, fragments: &[&str]) {
    for f in fragments {
        assert!(text.to_lowercase().contains(&f.to_lowercase()), "{f:?} not in {text:?}");
    }
}

// ------------------------------------------------------------------ old .xls, attendance-long

#[test]
fn old_xls_with_text_dates_and_status_aliases_is_read() {
    let p = project("xls-long", &["kehadiran_long.xls"]);
    let mut book = report(&p, 3);
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", "kehadiran_long.xls"), ("Lembar", "Sheet1")]);
    assert_eq!(berkas.text(r, "Jenis"), "Kehadiran");
    assert_eq!(berkas.text(r, "Tata Letak"), "long");
    // 3 persons × Mon 2 .. Fri 6 November; Siti Aminah's 5 rows have a NIP typed as a number.
    assert_eq!(ledger(&berkas, r), (15.0, 10.0, 5.0, 0.0, 0.0));

    // Bambang: Hadir, Hadir, "HADIR ", Ijin, Hadir; Rudi: Hadir, Hadir, Alpa, hadir, Hadir.
    let units = book.table("Unit", "Kode Unit");
    let kauman = units.row("Kode Unit", "KEL-KAUMAN");
    assert_eq!(units.num(kauman, "Pegawai"), 2.0);
    assert_eq!(units.num(kauman, "Hari Kerja"), 10.0);
    assert_eq!(units.num(kauman, "Hadir"), 8.0);
    assert_eq!(units.num(kauman, "Izin"), 1.0);
    assert_eq!(units.num(kauman, "Tanpa Keterangan"), 1.0);
    let persons = book.table("Pegawai", "NIP");
    // The spaced text NIP "19900607 201503 1 002" is the same person as its 18 digits.
    let rudi = persons.row("NIP", "199006072015031002");
    assert_eq!(persons.text(rudi, "Nama"), "Rudi Hartono");
    assert_eq!(persons.num(rudi, "Hadir"), 4.0);
}

#[test]
fn nip_as_number_is_rejected_with_the_text_fix() {
    let p = project("nip-number", &["kehadiran_long.xls"]);
    let mut book = report(&p, 3);
    let masalah = book.table("Masalah", "Berkas");
    let tolak = rows_where(&masalah, &[("Berkas", "kehadiran_long.xls"), ("Tingkat", "Tolak")]);
    let cells: Vec<String> = tolak.iter().map(|r| masalah.text(r, "Sel")).collect();
    assert_eq!(cells, ["B11", "B12", "B13", "B14", "B15"]);
    for r in &tolak {
        assert_eq!(masalah.text(r, "Lembar"), "Sheet1");
        // Excel kept 15 significant digits: the fix is to format the column as Text.
        assert_contains(&masalah.text(r, "Masalah"), &["15 digit", "Teks"]);
    }
    let persons = book.table("Pegawai", "NIP");
    assert!(rows_where(&persons, &[("Nama", "Siti Aminah")]).is_empty(), "rejected rows make no person");
}

#[test]
fn empty_old_excel_sheets_are_no_problem() {
    // The real .xls with empty Sheet2/Sheet3, under an honest .xls name.
    let p = project_as("empty-sheets", &[("renamed_xls.xlsx", "kehadiran dlh.xls")]);
    let mut book = report(&p, 0);
    let berkas = book.table("Berkas", "Berkas");
    let data = one(&berkas, &[("Berkas", "kehadiran dlh.xls"), ("Lembar", "Sheet1")]);
    assert_eq!(ledger(&berkas, data), (6.0, 6.0, 0.0, 0.0, 0.0));
    for sheet in ["Sheet2", "Sheet3"] {
        let r = one(&berkas, &[("Berkas", "kehadiran dlh.xls"), ("Lembar", sheet)]);
        assert_eq!(ledger(&berkas, r), (0.0, 0.0, 0.0, 0.0, 0.0), "{sheet}");
        assert_contains(&berkas.text(r, "Catatan"), &["kosong"]);
    }
    let masalah = book.table("Masalah", "Berkas");
    assert!(rows(&masalah).is_empty(), "no problem at all: {:?}", rows(&masalah));
}

// ------------------------------------------------------------------ roster and NIP recovery

#[test]
fn nip_as_number_is_recovered_through_the_roster() {
    let p = project("roster", &["kehadiran_long.xls", "roster.xlsx"]);
    let mut book = report(&p, 0);
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", "kehadiran_long.xls"), ("Lembar", "Sheet1")]);
    assert_eq!(ledger(&berkas, r), (15.0, 15.0, 0.0, 0.0, 0.0));
    let roster = one(&berkas, &[("Berkas", "roster.xlsx"), ("Lembar", "Daftar Pegawai")]);
    assert_eq!(berkas.text(roster, "Jenis"), "Daftar Pegawai");

    let masalah = book.table("Masalah", "Berkas");
    assert!(rows_where(&masalah, &[("Tingkat", "Tolak")]).is_empty(), "{:?}", rows(&masalah));
    let w = rows_where(&masalah, &[("Berkas", "kehadiran_long.xls"), ("Sel", "B11")]);
    assert_eq!(w.len(), 1, "{:?}", rows(&masalah));
    assert_eq!(masalah.text(w[0], "Tingkat"), "Peringatan");
    assert_contains(&masalah.text(w[0], "Masalah"), &["198711232015032004"]);

    let persons = book.table("Pegawai", "NIP");
    let siti = persons.row("NIP", "198711232015032004");
    assert_eq!(persons.text(siti, "Nama"), "Siti Aminah");
    assert_eq!(persons.text(siti, "Kode Unit"), "KEL-KAUMAN");
    // Hadir, Alpa, Hadir, Hadir, Hadir.
    assert_eq!(persons.num(siti, "Hadir"), 4.0);
    assert_eq!(persons.num(siti, "Tanpa Keterangan"), 1.0);
    let units = book.table("Unit", "Kode Unit");
    let kauman = units.row("Kode Unit", "KEL-KAUMAN");
    assert_eq!(units.num(kauman, "Pegawai"), 3.0);
    assert_eq!(units.num(kauman, "Hari Kerja"), 15.0);
    assert_eq!(units.num(kauman, "Hadir"), 12.0);
    assert_eq!(units.num(kauman, "Tanpa Keterangan"), 2.0);
}

#[test]
fn roster_gives_coverage_per_unit() {
    let p = project("coverage", &["kehadiran_long.xls", "roster.xlsx"]);
    let mut book = report(&p, 0);
    let units = book.table("Unit", "Kode Unit");
    // Kel. Kauman: three staff on the roster, all three with records this month.
    let kauman = units.row("Kode Unit", "KEL-KAUMAN");
    assert_eq!(units.num(kauman, "Pegawai Terdaftar"), 3.0);
    assert_eq!(units.num(kauman, "Pegawai Terdaftar Tercatat"), 3.0);
    assert_eq!(units.num(kauman, "Cakupan Daftar Pegawai"), 1.0);
    // Kel. Miji: one on the roster, no records.
    let miji = units.row("Kode Unit", "KEL-MIJI");
    assert_eq!(units.num(miji, "Pegawai Terdaftar"), 1.0);
    assert_eq!(units.num(miji, "Pegawai Terdaftar Tercatat"), 0.0);
    assert_eq!(units.num(miji, "Cakupan Daftar Pegawai"), 0.0);
    // A unit the roster does not list: no coverage figures.
    let dishub = units.row("Kode Unit", "DISHUB");
    assert_eq!(units.text(dishub, "Pegawai Terdaftar"), "");

    // Unit ends with Jadwal (SPEC §3.9), after the coverage columns.
    assert_eq!(units.header.last().map(String::as_str), Some("Jadwal"));
    assert_eq!(units.col("Cakupan Daftar Pegawai") + 1, units.col("Jadwal"));

    // Without a roster the Unit header is exactly the spec's.
    let p = project("coverage-none", &["kehadiran_long.xls"]);
    let mut book = report(&p, 3);
    let units = book.table("Unit", "Kode Unit");
    assert_eq!(units.header.last().map(String::as_str), Some("Jadwal"));
    assert_eq!(units.col("Peringkat Kinerja") + 1, units.col("Jadwal"));
}

#[test]
fn roster_recovery_needs_one_person_of_the_unit_with_that_name() {
    let p = project("roster-miss", &["kehadiran_long.xls"]);
    // The full NIP, but in another unit; and the same 15 digits in the unit, but another name.
    write_sheet(
        &p.input().join("daftar pegawai.xlsx"),
        "Daftar Pegawai",
        &[
            vec![V::S("NIP"), V::S("Nama"), V::S("Unit Kerja"), V::S("Jabatan"), V::S("Status Pegawai")],
            vec![
                V::S("198711232015032004"),
                V::S("Siti Aminah"),
                V::S("Kelurahan Miji"),
                V::S("Staf"),
                V::S("PNS"),
            ],
            vec![
                V::S("198711232015032001"),
                V::S("Sri Wahyuni"),
                V::S("Kelurahan Kauman"),
                V::S("Staf"),
                V::S("PNS"),
            ],
        ],
    );
    let mut book = report(&p, 3);
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", "kehadiran_long.xls"), ("Lembar", "Sheet1")]);
    assert_eq!(ledger(&berkas, r), (15.0, 10.0, 5.0, 0.0, 0.0));
    let masalah = book.table("Masalah", "Berkas");
    let b11 = one(&masalah, &[("Berkas", "kehadiran_long.xls"), ("Sel", "B11")]);
    assert_eq!(masalah.text(b11, "Tingkat"), "Tolak");
}

// ------------------------------------------------------------------ attendance-matrix

#[test]
fn matrix_weekday_row_is_header_not_data() {
    let p = project("matrix-header", &["rekap_matrix.xlsx"]);
    let mut book = report(&p, 0);
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", "rekap_matrix.xlsx"), ("Lembar", "Rekap November")]);
    assert_eq!(berkas.text(r, "Jenis"), "Kehadiran");
    assert_eq!(berkas.text(r, "Tata Letak"), "matrix");
    // 3 persons × 21 working days; the `S S R K J S M` row 9, the blank weekend columns, the
    // totals, the `Keterangan:` legend and the signature block give no record.
    assert_eq!(ledger(&berkas, r), (63.0, 63.0, 0.0, 0.0, 0.0));
    let masalah = book.table("Masalah", "Berkas");
    assert!(rows_where(&masalah, &[("Tingkat", "Tolak")]).is_empty(), "{:?}", rows(&masalah));
    for r in rows(&masalah) {
        let sel = masalah.text(r, "Sel");
        let row: String = sel.chars().filter(char::is_ascii_digit).collect();
        assert!(
            row.parse::<u32>().is_ok_and(|n| (10..=12).contains(&n)),
            "a problem outside the data rows: {r:?}"
        );
    }
}

#[test]
fn matrix_codes_and_name_nip_cell_give_the_unit_figures() {
    let p = project("matrix-figures", &["rekap_matrix.xlsx"]);
    let mut book = report(&p, 0);
    let units = book.table("Unit", "Kode Unit");
    let u = units.row("Kode Unit", "DISKOMINFO");
    assert_eq!(units.num(u, "Pegawai"), 3.0);
    assert_eq!(units.num(u, "Hari Kerja"), 63.0);
    // Slamet 18 H (one written `h`) + 2 DL + 1 TL; Ratna 16 H; Agus 18 H + 2 TL.
    assert_eq!(units.num(u, "Hadir"), 57.0);
    assert_eq!(units.num(u, "Sakit"), 2.0);
    assert_eq!(units.num(u, "Izin"), 1.0);
    assert_eq!(units.num(u, "Cuti"), 2.0);
    assert_eq!(units.num(u, "Tanpa Keterangan"), 1.0);
    assert_close(units.num(u, "Tingkat Kehadiran"), 57.0 / 63.0);
    assert_eq!(units.text(u, "Status Laporan"), "Sebagian");

    // `Nama\nNIP. 19700815 199703 1 005` in one cell under `NAMA / NIP`.
    let persons = book.table("Pegawai", "NIP");
    let slamet = persons.row("NIP", "197008151997031005");
    assert_eq!(persons.text(slamet, "Nama"), "Drs. Slamet Riyadi");
    assert_eq!(persons.num(slamet, "Hari Kerja"), 21.0);
    assert_eq!(persons.num(slamet, "Hadir"), 21.0);
    let agus = persons.row("NIP", "199109092019031007");
    assert_eq!(persons.num(agus, "Tanpa Keterangan"), 1.0);
}

#[test]
fn matrix_total_mismatch_is_a_warning() {
    let p = project("matrix-total", &["rekap_matrix.xlsx"]);
    let mut book = report(&p, 0);
    let masalah = book.table("Masalah", "Berkas");
    let all = rows_where(&masalah, &[("Berkas", "rekap_matrix.xlsx")]);
    assert_eq!(all.len(), 1, "only the overtyped total: {all:?}");
    let w = all[0];
    // Agus Salim's H total (row 12, column AI) says 19; his codes give 18.
    assert_eq!(masalah.text(w, "Sel"), "AI12");
    assert_eq!(masalah.text(w, "Lembar"), "Rekap November");
    assert_eq!(masalah.text(w, "Nilai"), "19");
    assert_eq!(masalah.text(w, "Tingkat"), "Peringatan");
    assert_contains(&masalah.text(w, "Masalah"), &["18"]);
}

#[test]
fn day_31_in_november_is_rejected() {
    let p = project("matrix-31", &["rekap_matrix_31.xlsx"]);
    let mut book = report(&p, 3);
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", "rekap_matrix_31.xlsx"), ("Lembar", "Rekap November")]);
    assert_eq!(ledger(&berkas, r), (64.0, 63.0, 1.0, 0.0, 0.0));
    let masalah = book.table("Masalah", "Berkas");
    let tolak = rows_where(&masalah, &[("Berkas", "rekap_matrix_31.xlsx"), ("Tingkat", "Tolak")]);
    assert_eq!(tolak.len(), 1, "{tolak:?}");
    assert_eq!(masalah.text(tolak[0], "Sel"), "AH11");
    assert_eq!(masalah.text(tolak[0], "Nilai"), "H");
    assert_contains(&masalah.text(tolak[0], "Masalah"), &["31", "November"]);
    let units = book.table("Unit", "Kode Unit");
    let u = units.row("Kode Unit", "DISKOMINFO");
    assert_eq!(units.num(u, "Hari Kerja"), 63.0);
}

// ------------------------------------------------------------------ evaluation in .ods

#[test]
fn ods_three_cell_metadata_and_berakhlak_mean() {
    let p = project("ods", &["penilaian.ods"]);
    let mut book = report(&p, 0);
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", "penilaian.ods"), ("Lembar", "Penilaian")]);
    assert_eq!(berkas.text(r, "Jenis"), "Penilaian");
    // Three persons; the RATA-RATA row is a totals row, not a record.
    assert_eq!(ledger(&berkas, r), (3.0, 3.0, 0.0, 0.0, 0.0));
    let masalah = book.table("Masalah", "Berkas");
    assert!(rows(&masalah).is_empty(), "{:?}", rows(&masalah));

    // The unit only from `Unit Kerja | : | UPT Puskesmas Kranggan` (the file name says none).
    let units = book.table("Unit", "Kode Unit");
    let u = units.row("Kode Unit", "PKM-KRANGGAN");
    assert_eq!(units.text(u, "Status Laporan"), "Sebagian");
    assert_eq!(units.num(u, "Pegawai Dinilai"), 3.0);
    // capaian 90, 100 (the formula's cached 40 of 40), 120 → mean 103,3%.
    assert_close(units.num(u, "Rata-rata Capaian"), (0.90 + 1.00 + 1.20) / 3.0);
    // nilai kinerja 0.6 × min(capaian, 100) + 0.4 × mean(BerAKHLAK): 87.6, 96, 92.
    assert_close(units.num(u, "Rata-rata Nilai Kinerja"), (87.6 + 96.0 + 92.0) / 3.0);

    let persons = book.table("Pegawai", "NIP");
    let anisa = persons.row("NIP", "198505122010012015");
    assert_close(persons.num(anisa, "Nilai Perilaku"), 84.0);
    assert_close(persons.num(anisa, "Nilai Kinerja"), 87.6);
    assert_eq!(persons.text(anisa, "Predikat"), "Baik");
    let hendro = persons.row("NIP", "197912052005011003");
    assert_close(persons.num(hendro, "Capaian"), 1.0);
    assert_close(persons.num(hendro, "Nilai Perilaku"), 90.0);
    assert_close(persons.num(hendro, "Nilai Kinerja"), 96.0);
    assert_eq!(persons.text(hendro, "Predikat"), "Sangat Baik");
    let yuliana = persons.row("NIP", "199203302019032008");
    assert_close(persons.num(yuliana, "Capaian"), 1.2);
    assert_close(persons.num(yuliana, "Nilai Kinerja"), 92.0);
}

// ------------------------------------------------------------------ files that are not read

#[test]
fn html_named_xls_is_skipped_with_the_fix() {
    let p = project("html", &["html_as.xls"]);
    let mut book = report(&p, 3);
    let note = skipped_note(&mut book, "html_as.xls");
    assert_contains(&note, &["HTML", "simpan ulang sebagai .xlsx"]);
    let units = book.table("Unit", "Kode Unit");
    let u = units.row("Kode Unit", "BAKESBANGPOL");
    assert_eq!(units.text(u, "Status Laporan"), "Belum");
}

#[test]
fn encrypted_workbook_is_skipped() {
    let p = project("encrypted", &["encrypted.xlsx"]);
    let mut book = report(&p, 3);
    let note = skipped_note(&mut book, "encrypted.xlsx");
    assert_contains(&note, &["kata sandi"]);
}

#[test]
fn truncated_workbook_is_skipped_as_damaged() {
    let p = project("truncated", &["truncated.xlsx"]);
    let mut book = report(&p, 3);
    let note = skipped_note(&mut book, "truncated.xlsx");
    assert_contains(&note, &["rusak", "ulang"]);
}

#[test]
fn text_file_named_xlsx_is_skipped() {
    let p = project("text", &["not_a_sheet.xlsx"]);
    let mut book = report(&p, 3);
    let note = skipped_note(&mut book, "not_a_sheet.xlsx");
    assert_contains(&note, &["bukan berkas spreadsheet", "simpan ulang sebagai .xlsx"]);
}

#[test]
fn csv_is_skipped_with_how_to_convert() {
    let p = project("csv", &["data.csv"]);
    let mut book = report(&p, 3);
    let note = skipped_note(&mut book, "data.csv");
    assert_contains(&note, &["CSV", "simpan sebagai .xlsx"]);
}

#[test]
fn owner_lock_file_is_skipped() {
    let p = project("lock", &["~$kehadiran.xlsx", "hidden_sheet.xlsx"]);
    // Listed as skipped, but no problem for the exit status: Excel leaves an owner file
    // beside every workbook that is open, and the nightly run must not fail for that.
    let mut book = report(&p, 0);
    let note = skipped_note(&mut book, "~$kehadiran.xlsx");
    assert_contains(&note, &["kunci", "bukan masalah"]);
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", "hidden_sheet.xlsx"), ("Lembar", "Kehadiran")]);
    assert_eq!(ledger(&berkas, r), (6.0, 6.0, 0.0, 0.0, 0.0));
}

#[test]
fn hidden_sheet_is_listed_not_read() {
    let p = project("hidden", &["hidden_sheet.xlsx"]);
    // Hidden sheets alone exit 0.
    let mut book = report(&p, 0);
    let berkas = book.table("Berkas", "Berkas");
    let kode = one(&berkas, &[("Berkas", "hidden_sheet.xlsx"), ("Lembar", "Kode")]);
    assert_eq!(ledger(&berkas, kode), (0.0, 0.0, 0.0, 0.0, 0.0));
    assert_contains(&berkas.text(kode, "Catatan"), &["tersembunyi"]);
    let data = one(&berkas, &[("Berkas", "hidden_sheet.xlsx"), ("Lembar", "Kehadiran")]);
    assert_eq!(berkas.text(data, "Tata Letak"), "long");
    assert_eq!(ledger(&berkas, data), (6.0, 6.0, 0.0, 0.0, 0.0));
    let masalah = book.table("Masalah", "Berkas");
    assert!(rows(&masalah).is_empty(), "{:?}", rows(&masalah));
    let units = book.table("Unit", "Kode Unit");
    let u = units.row("Kode Unit", "KEC-MAGERSARI");
    assert_eq!(units.num(u, "Hari Kerja"), 6.0);
    assert_eq!(units.num(u, "Hadir"), 5.0);
    assert_eq!(units.num(u, "Cuti"), 1.0);
}

#[test]
fn extension_that_lies_is_read_with_a_warning() {
    let p = project("renamed", &["renamed_xls.xlsx"]);
    let mut book = report(&p, 0);
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", "renamed_xls.xlsx"), ("Lembar", "Sheet1")]);
    assert_eq!(ledger(&berkas, r), (6.0, 6.0, 0.0, 0.0, 0.0));
    let masalah = book.table("Masalah", "Berkas");
    let w = one(&masalah, &[("Berkas", "renamed_xls.xlsx")]);
    assert_eq!(masalah.text(w, "Tingkat"), "Peringatan");
    assert_contains(&masalah.text(w, "Masalah"), &[".xlsx", "xls"]);
    let units = book.table("Unit", "Kode Unit");
    let dlh = units.row("Kode Unit", "DLH");
    assert_eq!(units.num(dlh, "Hari Kerja"), 6.0);
    assert_eq!(units.num(dlh, "Hadir"), 5.0);
    assert_eq!(units.num(dlh, "Sakit"), 1.0);
    assert_eq!(units.num(dlh, "Menit Terlambat"), 10.0);
}

// ------------------------------------------------------------------ duplicates and revisions

#[test]
fn newer_file_revises_older_record() {
    let p = project("revisi", &["revisi_lama.xlsx", "revisi_baru.xlsx"]);
    set_mtime(&p.input().join("revisi_lama.xlsx"), 7200);
    set_mtime(&p.input().join("revisi_baru.xlsx"), 60);
    let mut book = report(&p, 0);
    let berkas = book.table("Berkas", "Berkas");
    let lama = one(&berkas, &[("Berkas", "revisi_lama.xlsx"), ("Lembar", "Kehadiran")]);
    assert_eq!(ledger(&berkas, lama), (6.0, 0.0, 0.0, 5.0, 1.0));
    let baru = one(&berkas, &[("Berkas", "revisi_baru.xlsx"), ("Lembar", "Kehadiran")]);
    assert_eq!(ledger(&berkas, baru), (6.0, 6.0, 0.0, 0.0, 0.0));
    let masalah = book.table("Masalah", "Berkas");
    let w = one(&masalah, &[("Berkas", "revisi_lama.xlsx")]);
    assert_eq!(masalah.text(w, "Sel"), "E8");
    assert_eq!(masalah.text(w, "Tingkat"), "Peringatan");
    assert_contains(&masalah.text(w, "Masalah"), &["revisi_baru.xlsx"]);
    // Imam Santoso on 11 November: TK in the old file, S in the new one.
    let units = book.table("Unit", "Kode Unit");
    let u = units.row("Kode Unit", "SATPOLPP");
    assert_eq!(units.num(u, "Hari Kerja"), 6.0);
    assert_eq!(units.num(u, "Sakit"), 1.0);
    assert_eq!(units.num(u, "Tanpa Keterangan"), 0.0);
}

#[test]
fn modification_time_wins_over_path_order() {
    let p = project("revisi-mtime", &["revisi_lama.xlsx", "revisi_baru.xlsx"]);
    // revisi_lama.xlsx sorts first but was saved last: it wins.
    set_mtime(&p.input().join("revisi_baru.xlsx"), 7200);
    set_mtime(&p.input().join("revisi_lama.xlsx"), 60);
    let mut book = report(&p, 0);
    let berkas = book.table("Berkas", "Berkas");
    let lama = one(&berkas, &[("Berkas", "revisi_lama.xlsx"), ("Lembar", "Kehadiran")]);
    assert_eq!(ledger(&berkas, lama), (6.0, 6.0, 0.0, 0.0, 0.0));
    let baru = one(&berkas, &[("Berkas", "revisi_baru.xlsx"), ("Lembar", "Kehadiran")]);
    assert_eq!(ledger(&berkas, baru), (6.0, 0.0, 0.0, 5.0, 1.0));
    let masalah = book.table("Masalah", "Berkas");
    let w = one(&masalah, &[("Berkas", "revisi_baru.xlsx")]);
    assert_eq!(masalah.text(w, "Sel"), "E8");
    assert_contains(&masalah.text(w, "Masalah"), &["revisi_lama.xlsx"]);
    let units = book.table("Unit", "Kode Unit");
    let u = units.row("Kode Unit", "SATPOLPP");
    assert_eq!(units.num(u, "Sakit"), 0.0);
    assert_eq!(units.num(u, "Tanpa Keterangan"), 1.0);
}

// ------------------------------------------------------------------ all together

const ALL: [&str; 15] = [
    "kehadiran_long.xls",
    "penilaian.ods",
    "rekap_matrix.xlsx",
    "rekap_matrix_31.xlsx",
    "html_as.xls",
    "encrypted.xlsx",
    "truncated.xlsx",
    "renamed_xls.xlsx",
    "not_a_sheet.xlsx",
    "data.csv",
    "roster.xlsx",
    "~$kehadiran.xlsx",
    "hidden_sheet.xlsx",
    "revisi_lama.xlsx",
    "revisi_baru.xlsx",
];

#[test]
fn bad_files_never_stop_the_run_and_the_ledger_balances() {
    let p = project("all", &ALL);
    let mut book = report(&p, 3);
    let berkas = book.table("Berkas", "Berkas");
    for f in ALL {
        assert!(!rows_where(&berkas, &[("Berkas", f)]).is_empty(), "{f} is not listed");
    }
    for r in rows(&berkas) {
        let (read, acc, rej, dup, rev) = ledger(&berkas, r);
        assert_eq!(read, acc + rej + dup + rev, "{r:?}");
    }
    // The good files are read in spite of the bad ones.
    let units = book.table("Unit", "Kode Unit");
    for (kode, status) in [("PKM-KRANGGAN", "Sebagian"), ("KEC-MAGERSARI", "Sebagian"), ("DLH", "Sebagian")] {
        assert_eq!(units.text(units.row("Kode Unit", kode), "Status Laporan"), status, "{kode}");
    }
    // Both matrices hold the same 63 records: one file's are duplicates of the other's.
    let m30 = one(&berkas, &[("Berkas", "rekap_matrix.xlsx"), ("Lembar", "Rekap November")]);
    let m31 = one(&berkas, &[("Berkas", "rekap_matrix_31.xlsx"), ("Lembar", "Rekap November")]);
    assert_eq!(berkas.num(m30, "Diterima") + berkas.num(m31, "Diterima"), 63.0);
    assert_eq!(berkas.num(m30, "Duplikat") + berkas.num(m31, "Duplikat"), 63.0);
}

#[test]
fn check_exits_like_report_and_writes_nothing() {
    let p = project("check-bad", &["encrypted.xlsx", "hidden_sheet.xlsx"]);
    let run = p.run(&["check"]);
    assert_eq!(run.code, 3, "{run:?}");
    assert_contains(&run.stdout, &["encrypted.xlsx", "kata sandi", "hidden_sheet.xlsx"]);
    assert!(!p.output().join(MONTH).exists(), "check writes no report");

    let p = project("check-good", &["hidden_sheet.xlsx", "rekap_matrix.xlsx"]);
    let run = p.run(&["check", "--month", MONTH]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains(&run.stdout, &["AI12", "DISKOMINFO"]);
}

/// A matrix recap for November 2026 with `rows` of (nama/nip, codes by day 1..=30).
fn matrix_sheet(path: &std::path::Path, rows: &[(&str, Vec<&'static str>)]) {
    use crate::common::{V, write_sheet};
    let mut header = vec![V::S("No"), V::S("Nama / NIP")];
    header.extend((1..=30).map(|d| V::N(f64::from(d))));
    let mut sheet =
        vec![vec![V::S("Unit Kerja : Dinas Perhubungan")], vec![V::S("Bulan : November 2026")], header];
    for (i, (who, codes)) in rows.iter().enumerate() {
        let mut row = vec![V::N(i as f64 + 1.0), V::T(who.to_string())];
        row.extend(codes.iter().map(|c| if c.is_empty() { V::E } else { V::S(c) }));
        sheet.push(row);
    }
    write_sheet(path, "Rekap", &sheet);
}

/// November 2026 with `L` on the weekends (1 Nov is a Sunday) and `fill` on working days.
fn november(fill: &'static str) -> Vec<&'static str> {
    (1..=30u32).map(|d| if matches!(d % 7, 0 | 1) { "L" } else { fill }).collect()
}

#[test]
fn days_off_alone_are_no_attendance() {
    let p = Project::new("days-off");
    // An unfilled template: only the prefilled L. Nothing was reported.
    matrix_sheet(
        &p.input().join("Rekap_DISHUB_2026-11.xlsx"),
        &[
            ("Andi\nNIP. 19800101 200501 1 001", november("")),
            ("Budi\nNIP. 19750505 200003 2 002", november("")),
        ],
    );
    let mut book = report(&p, 0);
    let units = book.table("Unit", "Kode Unit");
    let dishub = units.row("Kode Unit", "DISHUB");
    assert_eq!(units.text(dishub, "Status Laporan"), "Belum");
    assert_eq!(units.num(dishub, "Pegawai"), 0.0);
    let berkas = book.table("Berkas", "Berkas");
    let r = berkas.row("Berkas", "Rekap_DISHUB_2026-11.xlsx");
    assert_eq!(berkas.num(r, "Dibaca"), 0.0);

    // One person filled in: only that row's cells are records (21 working days + 9 L).
    matrix_sheet(
        &p.input().join("Rekap_DISHUB_2026-11.xlsx"),
        &[
            ("Andi\nNIP. 19800101 200501 1 001", november("H")),
            ("Budi\nNIP. 19750505 200003 2 002", november("")),
        ],
    );
    let mut book = report(&p, 0);
    let units = book.table("Unit", "Kode Unit");
    let dishub = units.row("Kode Unit", "DISHUB");
    assert_eq!(units.text(dishub, "Status Laporan"), "Sebagian");
    assert_eq!((units.num(dishub, "Pegawai"), units.num(dishub, "Hari Kerja")), (1.0, 21.0));
    let berkas = book.table("Berkas", "Berkas");
    assert_eq!(berkas.num(berkas.row("Berkas", "Rekap_DISHUB_2026-11.xlsx"), "Dibaca"), 30.0);
}

#[test]
fn a_dated_day_off_without_a_person_is_no_record_but_a_working_code_is_rejected() {
    let p = Project::new("unnamed-rows");
    attendance(
        &p.input().join("Kehadiran_DISHUB_2026-11.xlsx"),
        "DISHUB",
        "November 2026",
        11,
        &[
            ("198001012005011001", "Andi", 2, "H", 0.0),
            ("", "", 1, "L", 0.0),
            ("", "", 7, "L", 0.0),
            ("", "", 3, "H", 0.0),
        ],
    );
    let mut book = report(&p, 3);
    let berkas = book.table("Berkas", "Berkas");
    let r = berkas.row("Berkas", "Kehadiran_DISHUB_2026-11.xlsx");
    assert_eq!(ledger(&berkas, r), (2.0, 1.0, 1.0, 0.0, 0.0));
    let masalah = book.table("Masalah", "Berkas");
    let m = masalah.row("Sel", "B9");
    assert_contains(&masalah.text(m, "Masalah"), &["NIP dan nama kosong"]);
}
