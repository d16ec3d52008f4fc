//! Tests of the workbook: re-read with calamine, the sheets, headers, values and formats
//! are those of SPEC §5.1, and hostile or overlong text is written safely.

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;

use super::belum_melapor::BELUM_COLUMNS;
use super::berkas::BERKAS_COLUMNS;
use super::jenis_unit::TYPE_COLUMNS;
use super::kbk::KBK_COLUMNS;
use super::kbk_langkah::LANGKAH_COLUMNS;
use super::kbk_unit::KBK_UNIT_COLUMNS;
use super::kegiatan::KEGIATAN_COLUMNS;
use super::masalah::MASALAH_COLUMNS;
use super::pegawai::PERSON_COLUMNS;
use super::table::{HEADER_ROW, MAX_CELL_TEXT, clip, longest_word, wrapped_lines};
use super::tren::TREN_COLUMNS;
use super::unit::UNIT_COLUMNS;
use super::{Column, render};
use crate::ground::model::{Issue, Level, YearMonth};
use crate::metrics::figures::{
    Attendance, CityFigures, ClockSums, FileRow, KbkCity, KbkContestRow, KbkGroupRow, KbkReport, KbkStatus,
    KbkUnitRow, KegiatanRow, Letterhead, MonthReport, PersonRow, StatusLaporan, StepState, TypeRow, UnitRow,
};

const NIP: &str = "198503152010012002";
const INJECTION: &str = "=HYPERLINK(\"http://contoh.invalid\",\"klik\")";

fn att(hari_kerja: u64, hadir: u64, tk: u64) -> Attendance {
    let jam =
        ClockSums { menit_pulang_cepat: 12, tl: [2, 1, 0, 0], psw: [1, 0, 0, 1], dinilai_jam: 8, tepat: 6 };
    Attendance { hari_kerja, hadir, sakit: 1, izin: 0, cuti: 0, tk, menit_terlambat: 35, jam }
}

fn unit(kode: &str, jenis: &str, status: StatusLaporan, a: Attendance) -> UnitRow {
    UnitRow {
        kode: kode.into(),
        nama: format!("Unit {kode}"),
        jenis: jenis.into(),
        status,
        ada_kehadiran: status != StatusLaporan::Belum,
        ada_penilaian: status == StatusLaporan::Lengkap,
        pegawai: 2,
        att: a,
        pegawai_dinilai: 2,
        rata_rata_capaian: Some(104.5),
        rata_rata_nilai_kinerja: Some(88.25),
        peringkat_kehadiran: Some(1),
        peringkat_kinerja: None,
        cakupan: None,
        jadwal: "Bawaan".into(),
    }
}

fn type_row(jenis: &str, unit: u64, a: Attendance) -> TypeRow {
    TypeRow {
        jenis: jenis.into(),
        unit,
        unit_melapor: unit.saturating_sub(1),
        pegawai: 4,
        att: a,
        pegawai_dinilai: 3,
        rata_rata_capaian: Some(101.0),
        rata_rata_nilai_kinerja: Some(87.5),
    }
}

fn person(nip: &str, nama: &str, status_disiplin: &str) -> PersonRow {
    PersonRow {
        nip: nip.into(),
        nama: nama.into(),
        kode_unit: "DINKES".into(),
        nama_unit: "Unit DINKES".into(),
        att: att(20, 18, 1),
        capaian: Some(104.5),
        nilai_perilaku: Some(90.0),
        nilai_kinerja: Some(96.0),
        predikat: Some("Sangat Baik".into()),
        tk_kumulatif: 3,
        tk_berturut: 1,
        status_disiplin: status_disiplin.into(),
    }
}

fn city(month: u32, hadir: u64, nilai: f64) -> CityFigures {
    CityFigures {
        month: YearMonth::new(2026, month),
        unit_total: 3,
        unit_melapor: 2,
        pegawai: 6,
        att: att(100, hadir, 2),
        pegawai_dinilai: 5,
        rata_rata_capaian: Some(99.0),
        rata_rata_nilai_kinerja: Some(nilai),
        predikat: vec![("Sangat Baik".into(), 2), ("Baik".into(), 3), ("Buruk".into(), 0)],
    }
}

fn issue(level: Level, message: &str) -> Issue {
    Issue {
        file: "dinkes/2026-11 kehadiran.xlsx".into(),
        sheet: "Sheet1".into(),
        cell: "C14".into(),
        value: "XX".into(),
        message: message.into(),
        level,
        month: YearMonth::new(2026, 11),
    }
}

fn sample() -> MonthReport {
    let month = YearMonth::new(2026, 11).unwrap();
    let generated_at = NaiveDate::from_ymd_opt(2026, 11, 30).and_then(|d| d.and_hms_opt(2, 41, 0)).unwrap();
    MonthReport {
        month,
        generated_at,
        tanggal_laporan: month.last_day(),
        letterhead: Letterhead {
            pemerintah: "PEMERINTAH KOTA MOJOKERTO".into(),
            perangkat: "SEKRETARIAT DAERAH".into(),
            bagian: "BAGIAN ORGANISASI".into(),
            ..Letterhead::default()
        },
        city: city(11, 90, 88.0),
        previous: Some(city(10, 88, 86.5)),
        units: vec![
            unit("DINKES", "Perangkat Daerah", StatusLaporan::Lengkap, att(50, 45, 1)),
            unit("KEC-PRAJURIT", "Kecamatan", StatusLaporan::Sebagian, att(50, 45, 1)),
            UnitRow {
                rata_rata_capaian: None,
                rata_rata_nilai_kinerja: None,
                peringkat_kehadiran: None,
                pegawai: 0,
                pegawai_dinilai: 0,
                ..unit("KEL-KRANGGAN", "Kelurahan", StatusLaporan::Belum, Attendance::default())
            },
        ],
        types: vec![
            type_row("Perangkat Daerah", 1, att(50, 45, 1)),
            type_row("Kecamatan", 2, att(50, 45, 1)),
            type_row("Kota", 3, att(100, 90, 2)),
        ],
        persons: vec![
            person(NIP, "Siti Aminah", "Ringan: teguran lisan"),
            person("", INJECTION, ""),
            person("197001012000031001", "Budi Santoso", "Berat: pemberhentian"),
        ],
        kegiatan: vec![KegiatanRow {
            kegiatan: "Apel Pagi".into(),
            kelompok: "KBK Melati".into(),
            kode_unit: "DINKES".into(),
            nama_unit: "Unit DINKES".into(),
            pertemuan: 4,
            peserta: 10,
            catatan: 40,
            hadir: 36,
        }],
        trend: vec![city(10, 88, 86.5), city(11, 90, 88.0)],
        kbk: kbk_sample(),
        files: vec![
            FileRow {
                berkas: "dinkes/2026-11 kehadiran.xlsx".into(),
                lembar: "Sheet1".into(),
                jenis: "Kehadiran".into(),
                tata_letak: "matrix".into(),
                dibaca: 12,
                diterima: 10,
                ditolak: 1,
                duplikat: 1,
                direvisi: 0,
                catatan: String::new(),
                dilewati: false,
            },
            FileRow {
                berkas: "~$rekap.xlsx".into(),
                jenis: "-".into(),
                tata_letak: "-".into(),
                catatan: "Berkas kunci Excel, dilewati".into(),
                dilewati: true,
                ..FileRow::default()
            },
        ],
        issues: vec![
            issue(Level::Tolak, "Kode status tidak dikenal"),
            issue(Level::Peringatan, "Hari tidak sesuai tanggal"),
        ],
    }
}

fn empty() -> MonthReport {
    MonthReport {
        previous: None,
        units: Vec::new(),
        types: Vec::new(),
        persons: Vec::new(),
        kegiatan: Vec::new(),
        trend: Vec::new(),
        files: Vec::new(),
        issues: Vec::new(),
        city: CityFigures::default(),
        kbk: KbkReport::default(),
        ..sample()
    }
}

type Book = Xlsx<Cursor<Vec<u8>>>;

fn open(report: &MonthReport) -> Book {
    let bytes = render(report).unwrap();
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

fn sheet(book: &mut Book, name: &str) -> Range<Data> {
    book.worksheet_range(name).unwrap()
}

fn cell(range: &Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

/// The absolute row whose first cell is `label`: the header row of a table.
fn row_of(range: &Range<Data>, label: &str) -> u32 {
    let (r0, _) = range.start().unwrap();
    let (r1, _) = range.end().unwrap();
    (r0..=r1)
        .find(|&r| cell(range, r, 0) == Data::String(label.into()))
        .unwrap_or_else(|| panic!("no row starting with {label:?}"))
}

fn row_strings(range: &Range<Data>, row: u32, len: usize) -> Vec<String> {
    (0..len as u32).map(|c| cell(range, row, c).to_string()).collect()
}

/// Column B of the Ringkasan row labelled `label`.
fn figure(range: &Range<Data>, label: &str) -> Data {
    cell(range, row_of(range, label), 1)
}

fn assert_close(d: Data, want: f64) {
    match d {
        Data::Float(x) => assert!((x - want).abs() < 1e-9, "{x} != {want}"),
        other => panic!("expected {want}, got {other:?}"),
    }
}

const SHEETS: [&str; 12] = [
    "Ringkasan",
    "Unit",
    "Jenis Unit",
    "Pegawai",
    "Kegiatan",
    "KBK",
    "KBK Langkah",
    "KBK Unit",
    "Tren",
    "Belum Melapor",
    "Berkas",
    "Masalah",
];

/// Without KBK data for the year, `KBK Unit` alone stands for the programme.
const SHEETS_WITHOUT_KBK: [&str; 10] = [
    "Ringkasan",
    "Unit",
    "Jenis Unit",
    "Pegawai",
    "Kegiatan",
    "KBK Unit",
    "Tren",
    "Belum Melapor",
    "Berkas",
    "Masalah",
];

fn spec_headers() -> Vec<(&'static str, &'static [Column])> {
    vec![
        ("Unit", &UNIT_COLUMNS[..]),
        ("Jenis Unit", &TYPE_COLUMNS[..]),
        ("Pegawai", &PERSON_COLUMNS[..]),
        ("Kegiatan", KEGIATAN_COLUMNS),
        ("Tren", TREN_COLUMNS),
        ("Belum Melapor", BELUM_COLUMNS),
        ("Berkas", BERKAS_COLUMNS),
        ("Masalah", MASALAH_COLUMNS),
    ]
}

/// The labels exactly as SPEC §5.1 writes them, independent of the column constants.
const SPEC_LABELS: [(&str, &str); 8] = [
    (
        "Unit",
        "Kode Unit | Nama Unit | Jenis | Status Laporan | Pegawai | Hari Kerja | Hadir | \
         Sakit | Izin | Cuti | Tanpa Keterangan | Menit Terlambat | \
         Menit Pulang Cepat | TL1 | TL2 | TL3 | TL4 | PSW1 | PSW2 | PSW3 | PSW4 | Tepat Waktu | \
         Tingkat Kehadiran | \
         Pegawai Dinilai | Rata-rata Capaian | Rata-rata Nilai Kinerja | \
         Peringkat Kehadiran | Peringkat Kinerja | Jadwal",
    ),
    (
        "Jenis Unit",
        "Jenis | Unit | Unit Melapor | Pegawai | Hari Kerja | Hadir | Sakit | Izin | \
         Cuti | Tanpa Keterangan | Menit Terlambat | Menit Pulang Cepat | Tingkat Kehadiran | \
         Pegawai Dinilai | Rata-rata Nilai Kinerja",
    ),
    (
        "Pegawai",
        "NIP | Nama | Kode Unit | Nama Unit | Hari Kerja | Hadir | Sakit | Izin | Cuti | \
         Tanpa Keterangan | Menit Terlambat | \
         Menit Pulang Cepat | TL1 | TL2 | TL3 | TL4 | PSW1 | PSW2 | PSW3 | PSW4 | Tepat Waktu | \
         Tingkat Kehadiran | Capaian | Nilai Perilaku | \
         Nilai Kinerja | Predikat | TK Kumulatif | TK Berturut | Status Disiplin",
    ),
    (
        "Kegiatan",
        "Kegiatan | Kelompok | Kode Unit | Nama Unit | Pertemuan | Peserta | Catatan | \
         Hadir | Tingkat Kehadiran",
    ),
    ("Tren", "Bulan | Unit Melapor | Pegawai | Tingkat Kehadiran | Rata-rata Nilai Kinerja"),
    ("Belum Melapor", "Kode Unit | Nama Unit | Jenis | Kehadiran | Penilaian"),
    (
        "Berkas",
        "Berkas | Lembar | Jenis | Tata Letak | Dibaca | Diterima | Ditolak | Duplikat | \
         Direvisi | Catatan",
    ),
    ("Masalah", "Berkas | Lembar | Sel | Nilai | Masalah | Tingkat"),
];

#[test]
fn sheets_are_named_and_ordered_as_in_spec() {
    let book = open(&sample());
    assert_eq!(book.sheet_names(), SHEETS);
}

#[test]
fn header_rows_match_spec_labels() {
    for report in [sample(), empty()] {
        let mut book = open(&report);
        for (name, labels) in SPEC_LABELS {
            let want: Vec<String> = labels.split(" | ").map(str::to_owned).collect();
            let range = sheet(&mut book, name);
            let header = row_of(&range, &want[0]);
            assert_eq!(header, HEADER_ROW, "{name}");
            assert_eq!(row_strings(&range, header, want.len() + 1)[..want.len()], want);
            assert_eq!(cell(&range, header, want.len() as u32), Data::Empty, "{name}");
        }
    }
    // The constants used for widths and formats are the same labels.
    for ((name, columns), (spec_name, labels)) in spec_headers().into_iter().zip(SPEC_LABELS) {
        assert_eq!(name, spec_name);
        let got: Vec<&str> = columns.iter().map(|c| c.0).collect();
        assert_eq!(got.join(" | "), labels);
    }
}

#[test]
fn one_row_per_input_row_in_given_order() {
    let report = sample();
    let mut book = open(&report);
    let counts = [
        ("Unit", report.units.len()),
        ("Jenis Unit", report.types.len()),
        ("Pegawai", report.persons.len()),
        ("Kegiatan", report.kegiatan.len()),
        ("Tren", report.trend.len()),
        ("Belum Melapor", report.belum_melapor().count()),
        ("Berkas", report.files.len()),
        ("Masalah", report.issues.len()),
    ];
    for (name, n) in counts {
        let range = sheet(&mut book, name);
        assert_eq!(range.end().unwrap().0, HEADER_ROW + n as u32, "{name}");
    }
    let units = sheet(&mut book, "Unit");
    let kodes: Vec<String> = (0..3).map(|i| cell(&units, HEADER_ROW + 1 + i, 0).to_string()).collect();
    assert_eq!(kodes, ["DINKES", "KEC-PRAJURIT", "KEL-KRANGGAN"]);
    let belum = sheet(&mut book, "Belum Melapor");
    assert_eq!(
        row_strings(&belum, HEADER_ROW + 1, 5),
        ["KEC-PRAJURIT", "Unit KEC-PRAJURIT", "Kecamatan", "Ada", "Belum"]
    );
    assert_eq!(cell(&belum, HEADER_ROW + 2, 3), Data::String("Belum".into()));
}

#[test]
fn nip_and_formula_like_names_are_strings() {
    let mut book = open(&sample());
    let pegawai = sheet(&mut book, "Pegawai");
    let first = HEADER_ROW + 1;
    assert_eq!(cell(&pegawai, first, 0), Data::String(NIP.into()));
    assert_eq!(cell(&pegawai, first + 1, 1), Data::String(INJECTION.into()));
    // An empty NIP (non-ASN staff) stays blank rather than becoming 0 or "".
    assert_eq!(cell(&pegawai, first + 1, 0), Data::Empty);
    let formulas = book.worksheet_formula("Pegawai").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula written");
}

#[test]
fn rates_are_fractions_and_capaian_points_become_fractions() {
    let mut book = open(&sample());
    let pegawai = sheet(&mut book, "Pegawai");
    let first = HEADER_ROW + 1;
    assert_close(cell(&pegawai, first, 21), 0.9); // 18 / 20
    assert_close(cell(&pegawai, first, 22), 1.045); // capaian 104.5
    assert_close(cell(&pegawai, first, 24), 96.0);
    assert_eq!(cell(&pegawai, first, 28), Data::String("Ringan: teguran lisan".into()));

    let units = sheet(&mut book, "Unit");
    assert_close(cell(&units, first, 22), 0.9);
    assert_close(cell(&units, first, 24), 1.045);
    assert_close(cell(&units, first, 25), 88.25);
    assert_close(cell(&units, first, 26), 1.0);
    // No data → blank cell, not 0.
    assert_eq!(cell(&units, first, 27), Data::Empty);
    assert_eq!(cell(&units, first + 2, 22), Data::Empty);
    assert_eq!(cell(&units, first + 2, 25), Data::Empty);

    let kegiatan = sheet(&mut book, "Kegiatan");
    assert_close(cell(&kegiatan, first, 8), 0.9); // 36 / 40
    let tren = sheet(&mut book, "Tren");
    assert_eq!(cell(&tren, first, 0), Data::String("Oktober 2026".into()));
    assert_close(cell(&tren, first + 1, 3), 0.9);
}

#[test]
fn kota_row_holds_city_totals() {
    let mut book = open(&sample());
    let types = sheet(&mut book, "Jenis Unit");
    let kota = row_of(&types, "Kota");
    assert_eq!(kota, HEADER_ROW + 3, "Kota is the last row");
    assert_eq!(types.end().unwrap().0, kota);
    let figures: Vec<Data> = (1..15).map(|c| cell(&types, kota, c)).collect();
    let want = [3.0, 2.0, 4.0, 100.0, 90.0, 1.0, 0.0, 0.0, 2.0, 35.0, 12.0, 0.9, 3.0, 87.5];
    for (got, want) in figures.into_iter().zip(want) {
        assert_close(got, want);
    }
}

#[test]
fn ringkasan_has_key_figures_and_changes() {
    let mut book = open(&sample());
    let r = sheet(&mut book, "Ringkasan");
    assert_eq!(figure(&r, "Periode"), Data::String("November 2026".into()));
    assert_eq!(figure(&r, "Unit melapor"), Data::String("2 dari 3".into()));
    assert_close(figure(&r, "Pegawai tercatat"), 6.0);
    assert_close(figure(&r, "Tingkat kehadiran"), 0.9);
    assert_close(figure(&r, "Hari tanpa keterangan"), 2.0);
    assert_close(figure(&r, "Menit terlambat"), 35.0);
    assert_close(figure(&r, "Pegawai dinilai"), 5.0);
    assert_close(figure(&r, "Rata-rata nilai kinerja"), 88.0);
    assert_close(figure(&r, "Perubahan tingkat kehadiran (poin)"), 2.0);
    assert_close(figure(&r, "Perubahan rata-rata nilai kinerja (poin)"), 1.5);
    assert_eq!(figure(&r, "Bulan pembanding"), Data::String("Oktober 2026".into()));

    let predikat = row_of(&r, "Predikat");
    assert_eq!(row_strings(&r, predikat, 2), ["Predikat", "Jumlah Pegawai"]);
    assert_eq!(row_strings(&r, predikat + 2, 2), ["Baik", "3"]);
    let jenis = row_of(&r, "Jenis Unit");
    assert_eq!(cell(&r, jenis + 3, 0), Data::String("Kota".into()));
    assert_close(cell(&r, jenis + 3, 1), 0.9);
}

#[test]
fn without_previous_month_the_changes_are_dashes() {
    let report = MonthReport { previous: None, ..sample() };
    let mut book = open(&report);
    let r = sheet(&mut book, "Ringkasan");
    for label in ["Perubahan tingkat kehadiran (poin)", "Perubahan rata-rata nilai kinerja (poin)"] {
        assert_eq!(figure(&r, label), Data::String("-".into()));
    }
}

#[test]
fn empty_report_still_renders_every_sheet() {
    let mut book = open(&empty());
    assert_eq!(book.sheet_names(), SHEETS_WITHOUT_KBK);
    let r = sheet(&mut book, "Ringkasan");
    assert_eq!(figure(&r, "Tingkat kehadiran"), Data::Empty);
    assert_eq!(figure(&r, "Unit melapor"), Data::String("0 dari 0".into()));
}

#[test]
fn overlong_text_is_cut_not_rejected() {
    let mut report = sample();
    report.issues[0].message = "é".repeat(40_000);
    report.files[0].catatan = "😀".repeat(20_000); // 2 UTF-16 units each
    let mut book = open(&report);
    let masalah = sheet(&mut book, "Masalah");
    let Data::String(msg) = cell(&masalah, HEADER_ROW + 1, 4) else { panic!("not text") };
    assert_eq!(msg.encode_utf16().count(), MAX_CELL_TEXT);
    assert!(msg.ends_with('…'));
    let berkas = sheet(&mut book, "Berkas");
    let Data::String(catatan) = cell(&berkas, HEADER_ROW + 1, 9) else { panic!("not text") };
    assert!(catatan.encode_utf16().count() <= MAX_CELL_TEXT);
    assert_eq!(clip("pendek"), "pendek");
}

#[test]
fn header_labels_wrap_between_words() {
    assert_eq!(wrapped_lines("Rata-rata Nilai Kinerja", 12), 3);
    assert_eq!(wrapped_lines("Rata-rata Nilai Kinerja", 13), 2);
    assert_eq!(wrapped_lines("Hadir", 8), 1);
    assert_eq!(longest_word("Tanpa Keterangan"), 10);
}

/// The text of one part of the XLSX container, e.g. `xl/worksheets/sheet2.xml`.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
    xml
}

/// A city-sized workbook as staff open it: every row there, a long unit name on two full
/// lines (LibreOffice does not grow rows by itself), the three Ringkasan charts, a size that
/// travels by e-mail. `XLSX_PREVIEW=/tmp/preview.xlsx cargo test --lib
/// render::xlsx::tests::city_sized` also writes it for a look in a spreadsheet program.
#[test]
fn city_sized_workbook_keeps_rows_wrapped_names_and_charts() {
    let report = preview_report();
    let bytes = render(&report).unwrap();
    if let Some(path) = std::env::var_os("XLSX_PREVIEW") {
        std::fs::write(path, &bytes).unwrap();
    }
    let mut book: Book = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    for (name, n) in [("Unit", 24), ("Pegawai", 150), ("Tren", 11), ("Masalah", 3)] {
        assert_eq!(sheet(&mut book, name).end().unwrap().0, HEADER_ROW + n, "{name}");
    }
    let units = sheet(&mut book, "Unit");
    assert_eq!(cell(&units, HEADER_ROW + 1, 1), Data::String(report.units[0].nama.clone()));
    // Row 4 holds the long name: two lines of 15 points.
    let unit_xml = part(&bytes, "xl/worksheets/sheet2.xml");
    let row4 = &unit_xml[unit_xml.find(r#"<row r="4""#).unwrap()..];
    assert!(row4[..row4.find(">").unwrap()].contains(r#"ht="30" customHeight="1""#), "{}", &row4[..80]);
    for chart in 1..=3 {
        assert!(part(&bytes, &format!("xl/charts/chart{chart}.xml")).contains("<c:ser>"), "chart {chart}");
    }
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
}

fn preview_report() -> MonthReport {
    let mut report = sample();
    let jenis = ["Perangkat Daerah", "Kecamatan", "Kelurahan", "Puskesmas", "UPTD Pendidikan"];
    report.units = (0..24)
        .map(|i| {
            let status = match i % 7 {
                5 => StatusLaporan::Sebagian,
                6 => StatusLaporan::Belum,
                _ => StatusLaporan::Lengkap,
            };
            let hari = 22 * (5 + i % 9);
            let mut u = unit(
                &format!("UNIT{i:02}"),
                jenis[i as usize % 5],
                status,
                att(hari, hari - (i % 5) * 9, i % 4),
            );
            if i == 0 {
                u.nama = "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana".into();
            }
            u.peringkat_kehadiran = Some(i as u32 + 1);
            u
        })
        .collect();
    report.types = jenis
        .iter()
        .enumerate()
        .map(|(i, j)| type_row(j, 4 + i as u64, att(1000, 900 + 15 * i as u64, 7)))
        .chain([type_row("Kota", 24, att(5000, 4610, 35))])
        .collect();
    report.persons = (0..150)
        .map(|i| {
            let status = [
                "",
                "",
                "Ringan: teguran tertulis",
                "Sedang: potongan TPP 25% 6 bulan",
                "Berat: pemberhentian",
            ][i % 5];
            let mut p = person(
                &format!("1985031520100120{:02}", i % 100),
                &format!("Pegawai Nomor {i} bin Fulan"),
                status,
            );
            p.att = att(22, 22 - (i as u64 % 6), i as u64 % 3);
            p
        })
        .collect();
    report.trend = (1..=11).map(|m| city(m, 85 + m as u64 / 2, 80.0 + m as f64 * 0.7)).collect();
    report.issues.push(issue(
        Level::Tolak,
        "NIP tersimpan sebagai angka dan kehilangan digit terakhir (Excel hanya menyimpan 15 digit). \
         Format kolom NIP sebagai Teks lalu ketik ulang NIP-nya.",
    ));
    report
}

#[test]
fn clock_columns_follow_menit_terlambat_and_unit_ends_with_jadwal() {
    let mut book = open(&sample());
    let first = HEADER_ROW + 1;
    // Menit Pulang Cepat, TL1–TL4, PSW1–PSW4, Tepat Waktu (6 / 8) right after Menit Terlambat.
    let want = [35.0, 12.0, 2.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.75];
    let pegawai = sheet(&mut book, "Pegawai");
    let units = sheet(&mut book, "Unit");
    for (range, from) in [(&pegawai, 10), (&units, 11)] {
        for (c, w) in (from..).zip(want) {
            assert_close(cell(range, first, c), w);
        }
    }
    // A unit without days judged by the clock: Tepat Waktu blank, Jadwal still named.
    assert_eq!(cell(&units, first + 2, 21), Data::Empty);
    let jadwal = UNIT_COLUMNS.len() as u32 - 1;
    assert_eq!(cell(&units, HEADER_ROW, jadwal), Data::String("Jadwal".into()));
    for r in 0..3 {
        assert_eq!(cell(&units, first + r, jadwal), Data::String("Bawaan".into()));
    }
}

// ---------------------------------------------------------------------------------------------
// Kelompok Budaya Kerja (SPEC §11.3)
// ---------------------------------------------------------------------------------------------

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A group at `last` finished steps (step 1 finished in December of the year before), the
/// next step running or late as its status says.
fn kbk_group(kode: &str, kelompok: &str, status: KbkStatus, last: Option<u8>, rank: u32) -> KbkGroupRow {
    let done = last.unwrap_or(0);
    let mut langkah = [StepState::Kosong; 8];
    for (i, state) in langkah.iter_mut().enumerate().take(usize::from(done)) {
        *state = StepState::Selesai(if i == 0 { date(2025, 12, 5) } else { date(2026, i as u32 + 1, 12) });
    }
    if let Some(next) = langkah.get_mut(usize::from(done)) {
        match status {
            KbkStatus::Berjalan | KbkStatus::TidakAktif => *next = StepState::Berjalan,
            KbkStatus::Terlambat => *next = StepState::Terlambat,
            _ => {}
        }
    }
    let started = status != KbkStatus::BelumMulai;
    KbkGroupRow {
        kode_unit: kode.into(),
        nama_unit: format!("Unit {kode}"),
        kelompok: kelompok.into(),
        no_sk: if started { format!("800/{rank}/417.101/2026") } else { String::new() },
        ketua: if started { format!("Ketua {kelompok}") } else { String::new() },
        fasilitator: "Fasilitator".into(),
        tema: "Percepatan layanan".into(),
        anggota: 5 + u64::from(rank),
        pertemuan_bulan: u64::from(started && status != KbkStatus::TidakAktif) * 2,
        pertemuan_tahun: if started { 4 * u64::from(rank) } else { 0 },
        pertemuan_target: 22,
        kehadiran_anggota: started.then_some(0.8),
        kehadiran_bulan: None,
        langkah_terakhir: last,
        kemajuan: f64::from(done) / 8.0,
        tepat_waktu: last.map(|_| 0.75),
        ketercapaian: (status == KbkStatus::Selesai).then_some(1.2),
        status,
        aktif: matches!(status, KbkStatus::Selesai | KbkStatus::Berjalan | KbkStatus::Terlambat),
        langkah,
        skor_komposit: 1.0 - f64::from(rank) / 10.0,
        peringkat_komposit: started.then_some(rank),
    }
}

fn kbk_unit(kode: &str, jenis: &str, groups: &[KbkGroupRow], pegawai: u64) -> KbkUnitRow {
    let own: Vec<&KbkGroupRow> = groups.iter().filter(|g| g.kode_unit == kode).collect();
    let anggota = own.iter().map(|g| g.anggota).sum();
    let mut per_status = [0; 5];
    for g in &own {
        per_status[g.status.index()] += 1;
    }
    KbkUnitRow {
        kode: kode.into(),
        nama: format!("Unit {kode}"),
        jenis: jenis.into(),
        kelompok: own.len() as u64,
        kelompok_aktif: own.iter().filter(|g| g.aktif).count() as u64,
        anggota,
        pegawai,
        cakupan: Some(anggota as f64 / pegawai as f64),
        per_status,
    }
}

/// Groups in every status over two units, a third unit without any group.
fn kbk_sample() -> KbkReport {
    let groups = vec![
        kbk_group("DINKES", "Melati", KbkStatus::Selesai, Some(8), 1),
        kbk_group("DINKES", "Anggrek", KbkStatus::Berjalan, Some(3), 2),
        kbk_group("DINKES", "Kenanga", KbkStatus::BelumMulai, None, 0),
        kbk_group("KEC-PRAJURIT", "Cempaka", KbkStatus::Terlambat, Some(2), 4),
        kbk_group("KEC-PRAJURIT", "Teratai", KbkStatus::TidakAktif, Some(1), 3),
    ];
    let units = vec![
        kbk_unit("DINKES", "Perangkat Daerah", &groups, 40),
        kbk_unit("KEC-PRAJURIT", "Kecamatan", &groups, 20),
        kbk_unit("KEL-KRANGGAN", "Kelurahan", &groups, 10),
    ];
    let mut per_status = [0; 5];
    let mut per_langkah = [0; 9];
    for g in &groups {
        per_status[g.status.index()] += 1;
        per_langkah[usize::from(g.langkah_terakhir.unwrap_or(0))] += 1;
    }
    let city = KbkCity {
        kelompok: 5,
        kelompok_aktif: 3,
        unit_total: 3,
        unit_berkelompok: 2,
        anggota: units.iter().map(|u| u.anggota).sum(),
        pegawai: 70,
        cakupan: Some(0.4),
        kehadiran_anggota: Some(0.8),
        per_status,
        per_langkah,
    };
    KbkReport { ada_data: true, groups, units, city, contest: Vec::new(), bulan_tidak_aktif: 2 }
}

/// The labels exactly as SPEC §11.3 writes them.
const KBK_SPEC_LABELS: [(&str, &str); 2] = [
    (
        "KBK",
        "Kode Unit | Nama Unit | Kelompok | Nomor SK | Ketua | Anggota | Pertemuan Bulan Ini | \
         Pertemuan Tahun Ini | Kehadiran Anggota | Langkah Terakhir | Kemajuan | Tepat Waktu | \
         Ketercapaian | Status",
    ),
    ("KBK Unit", "Kode Unit | Nama Unit | Jenis | Kelompok | Kelompok Aktif | Anggota | Cakupan"),
];

#[test]
fn kbk_sheets_follow_kegiatan_only_with_kbk_data() {
    assert_eq!(open(&sample()).sheet_names(), SHEETS);
    let without = MonthReport { kbk: KbkReport::default(), ..sample() };
    assert_eq!(open(&without).sheet_names(), SHEETS_WITHOUT_KBK);
}

#[test]
fn kbk_header_rows_match_spec_labels() {
    let mut book = open(&sample());
    for (name, labels) in KBK_SPEC_LABELS {
        let want: Vec<String> = labels.split(" | ").map(str::to_owned).collect();
        let range = sheet(&mut book, name);
        assert_eq!(row_of(&range, &want[0]), HEADER_ROW, "{name}");
        assert_eq!(row_strings(&range, HEADER_ROW, want.len() + 1)[..want.len()], want, "{name}");
        assert_eq!(cell(&range, HEADER_ROW, want.len() as u32), Data::Empty, "{name}");
    }
    for (columns, (_, labels)) in [KBK_COLUMNS, KBK_UNIT_COLUMNS].into_iter().zip(KBK_SPEC_LABELS) {
        assert_eq!(columns.iter().map(|c| c.0).collect::<Vec<_>>().join(" | "), labels);
    }
    let langkah = sheet(&mut book, "KBK Langkah");
    let header = row_strings(&langkah, HEADER_ROW, 13);
    assert_eq!(header[..4], ["Kode Unit", "Nama Unit", "Kelompok", "1 Tema dan Sasaran"]);
    assert_eq!(header[10..], ["8 Tema Berikutnya", "Status", ""]);
    assert_eq!(LANGKAH_COLUMNS.len(), 12);
}

#[test]
fn kbk_rows_hold_the_group_figures_with_rates_as_fractions() {
    let mut book = open(&sample());
    let kbk = sheet(&mut book, "KBK");
    let first = HEADER_ROW + 1;
    assert_eq!(
        row_strings(&kbk, first, 5),
        ["DINKES", "Unit DINKES", "Melati", "800/1/417.101/2026", "Ketua Melati"]
    );
    let melati: Vec<Data> = (5..13).map(|c| cell(&kbk, first, c)).collect();
    for (got, want) in melati.into_iter().zip([6.0, 2.0, 4.0, 0.8, 8.0, 1.0, 0.75, 1.2]) {
        assert_close(got, want);
    }
    assert_eq!(cell(&kbk, first, 13), Data::String("Selesai".into()));
    // Kenanga has not started: no SK, ketua, step, tepat waktu or ketercapaian — blank cells.
    let kenanga = first + 2;
    for c in [3, 4, 8, 9, 11, 12] {
        assert_eq!(cell(&kbk, kenanga, c), Data::Empty, "column {c}");
    }
    assert_close(cell(&kbk, kenanga, 10), 0.0);
    let statuses: Vec<String> = (0..5).map(|i| cell(&kbk, first + i, 13).to_string()).collect();
    assert_eq!(statuses, ["Selesai", "Berjalan", "Belum mulai", "Terlambat", "Tidak aktif"]);
}

#[test]
fn kbk_composite_block_ranks_the_top_groups_and_is_no_verdict() {
    let mut book = open(&sample());
    let kbk = sheet(&mut book, "KBK");
    let title = row_of(&kbk, "Peringkat komposit (bukan penilaian juri)");
    assert_eq!(title, HEADER_ROW + 5 + 2, "one blank row below the table");
    assert!(cell(&kbk, title + 1, 0).to_string().contains("bukan penilaian juri"));
    assert_eq!(
        row_strings(&kbk, title + 2, 5),
        ["Kode Unit", "Nama Unit", "Kelompok", "Peringkat", "Skor Komposit"]
    );
    let ranked: Vec<String> = (3..7).map(|i| cell(&kbk, title + i, 2).to_string()).collect();
    assert_eq!(ranked, ["Melati", "Anggrek", "Teratai", "Cempaka"], "by rank; Kenanga is unranked");
    assert_close(cell(&kbk, title + 3, 3), 1.0);
    assert_close(cell(&kbk, title + 3, 4), 90.0);
    assert!(
        (0..kbk.end().unwrap().0).all(|r| cell(&kbk, r, 0) != Data::String("Penilaian Lomba KBK".into()))
    );
}

#[test]
fn kbk_contest_scores_replace_the_composite() {
    let mut report = sample();
    let juri = |kategori: &str, kelompok: &str, skor: f64, peringkat: u32, kosong: &[&str]| KbkContestRow {
        kategori: kategori.into(),
        kode_unit: "DINKES".into(),
        kelompok: kelompok.into(),
        skor,
        kriteria_kosong: kosong.iter().map(|s| s.to_string()).collect(),
        peringkat,
    };
    report.kbk.contest = vec![
        juri("Prestasi", "Melati", 87.25, 1, &[]),
        juri("Prestasi", "Anggrek", 80.0, 2, &["Pemilihan tema"]),
        juri("Kreatif", "Anggrek", 91.0, 1, &[]),
    ];
    let mut book = open(&report);
    let kbk = sheet(&mut book, "KBK");
    let title = row_of(&kbk, "Penilaian Lomba KBK");
    assert_eq!(
        row_strings(&kbk, title + 2, 6),
        ["Kategori", "Peringkat", "Kode Unit", "Kelompok", "Skor", "Kriteria Belum Dinilai"]
    );
    assert_eq!(row_strings(&kbk, title + 3, 4), ["Prestasi", "1", "DINKES", "Melati"]);
    assert_close(cell(&kbk, title + 3, 4), 87.25);
    assert_eq!(cell(&kbk, title + 4, 5), Data::String("Pemilihan tema".into()));
    assert_eq!(cell(&kbk, title + 3, 5), Data::Empty);
    assert!(
        (0..kbk.end().unwrap().0).all(|r| !cell(&kbk, r, 0).to_string().starts_with("Peringkat komposit"))
    );
}

#[test]
fn kbk_langkah_cells_say_when_each_step_finished() {
    let mut book = open(&sample());
    let langkah = sheet(&mut book, "KBK Langkah");
    let first = HEADER_ROW + 1;
    let melati = row_strings(&langkah, first, 12);
    assert_eq!(melati[..5], ["DINKES", "Unit DINKES", "Melati", "Selesai 5 Des 2025", "Selesai 12 Feb"]);
    assert_eq!(melati[10..], ["Selesai 12 Agu", "Selesai"]);
    let anggrek = row_strings(&langkah, first + 1, 12);
    assert_eq!(anggrek[5..8], ["Selesai 12 Mar", "Berjalan", ""]);
    assert_eq!(cell(&langkah, first + 1, 7), Data::Empty);
    assert_eq!(row_strings(&langkah, first + 3, 12)[4..6], ["Selesai 12 Feb", "Terlambat"]);
    assert_eq!(cell(&langkah, first + 4, 11), Data::String("Tidak aktif".into()));
    // The legend below names the eight steps in full.
    let legend = row_of(&langkah, "Langkah");
    assert_eq!(row_strings(&langkah, legend + 1, 3), ["1", "Menetapkan tema dan sasaran", "Plan"]);
    assert_eq!(row_strings(&langkah, legend + 8, 3), ["8", "Menetapkan tema berikutnya", "Action"]);
}

#[test]
fn kbk_unit_lists_every_unit_and_the_city_total() {
    let mut book = open(&sample());
    let units = sheet(&mut book, "KBK Unit");
    let first = HEADER_ROW + 1;
    assert_eq!(row_strings(&units, first, 6), ["DINKES", "Unit DINKES", "Perangkat Daerah", "3", "2", "18"]);
    assert_close(cell(&units, first, 6), 18.0 / 40.0);
    assert_eq!(
        row_strings(&units, first + 2, 6),
        ["KEL-KRANGGAN", "Unit KEL-KRANGGAN", "Kelurahan", "0", "0", "0"]
    );
    let kota = row_of(&units, "Kota");
    assert_eq!(kota, first + 3, "Kota closes the table");
    assert_eq!(units.end().unwrap().0, kota);
    assert_eq!(cell(&units, kota, 1), Data::String("Seluruh unit (2 dari 3 unit memiliki kelompok)".into()));
    for (c, want) in [(3, 5.0), (4, 3.0), (5, 35.0), (6, 0.4)] {
        assert_close(cell(&units, kota, c), want);
    }
}

#[test]
fn without_kbk_data_kbk_unit_lists_every_unit_as_without_a_group() {
    let report = MonthReport { kbk: KbkReport::default(), ..sample() };
    let mut book = open(&report);
    let units = sheet(&mut book, "KBK Unit");
    let first = HEADER_ROW + 1;
    assert!(cell(&units, 1, 0).to_string().contains("Belum ada data Kelompok Budaya Kerja tahun 2026"));
    let kodes: Vec<String> = (0..3).map(|i| cell(&units, first + i, 0).to_string()).collect();
    assert_eq!(kodes, ["DINKES", "KEC-PRAJURIT", "KEL-KRANGGAN"]);
    for r in first..first + 3 {
        assert_eq!(row_strings(&units, r, 6)[3..], ["0", "0", "0"]);
        assert_eq!(cell(&units, r, 6), Data::Empty);
    }
    assert_eq!(
        cell(&units, first + 3, 1),
        Data::String("Seluruh unit (0 dari 3 unit memiliki kelompok)".into())
    );
}

/// The solid fill of a cell of worksheet part `sheet` (`FFC6EFCE`), from its `<xf>`.
fn fill(bytes: &[u8], sheet: usize, reference: &str) -> Option<String> {
    let xml = part(bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
    let styles = part(bytes, "xl/styles.xml");
    let cell = &xml[xml.find(&format!("<c r=\"{reference}\"")).unwrap_or_else(|| panic!("no {reference}"))..];
    let cell = &cell[..cell.find('>').unwrap()];
    let attr = |el: &str, name: &str| {
        let at = el.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(el[at..at + el[at..].find('"')?].to_string())
    };
    let xf_index: usize = attr(cell, "s").map_or(0, |s| s.parse().unwrap());
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let xf = xfs.split("<xf ").nth(xf_index + 1).unwrap();
    let fill_id: usize = attr(&format!(" {xf}"), "fillId").unwrap().parse().unwrap();
    let fills = &styles[styles.find("<fills").unwrap()..styles.find("</fills>").unwrap()];
    let fill = fills.split("<fill>").nth(fill_id + 1).unwrap();
    fill.contains("solid").then(|| attr(&fill[fill.find("<fgColor").unwrap()..], "rgb").unwrap_or_default())
}

#[test]
fn kbk_status_steps_and_units_without_group_are_coloured() {
    let bytes = render(&sample()).unwrap();
    // Worksheet parts follow the sheet order: 6 KBK, 7 KBK Langkah, 8 KBK Unit.
    let (green, blue, amber, red, grey) = (
        Some("FFC6EFCE".to_string()),
        Some("FFBDD7EE".into()),
        Some("FFFFEB9C".into()),
        Some("FFFFC7CE".into()),
        Some("FFE7E6E6".into()),
    );
    let status = ["N4", "N5", "N6", "N7", "N8"].map(|r| fill(&bytes, 6, r));
    assert_eq!(status, [green.clone(), blue.clone(), grey, amber.clone(), red.clone()]);
    assert_eq!(fill(&bytes, 6, "A4"), None, "only the status is coloured");
    assert_eq!(fill(&bytes, 7, "D4"), green, "Selesai");
    assert_eq!(fill(&bytes, 7, "G5"), blue, "Berjalan");
    assert_eq!(fill(&bytes, 7, "F7"), amber, "Terlambat");
    assert_eq!(fill(&bytes, 7, "H5"), None, "not started");
    assert_eq!(fill(&bytes, 7, "L8"), red, "status Tidak aktif");
    for r in ["A6", "D6", "G6"] {
        assert_eq!(fill(&bytes, 8, r), red, "KEL-KRANGGAN has no group: {r}");
    }
    assert_eq!(fill(&bytes, 8, "A4"), None);
    assert_eq!(fill(&bytes, 8, "A7"), None, "Kota row");
}

/// What the `<xf>` of cell `reference` in worksheet part `sheet` says: its number format
/// code, whether its font is bold, and whether it has a border.
fn cell_style(bytes: &[u8], sheet: usize, reference: &str) -> Option<(String, bool, bool)> {
    let xml = part(bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
    let styles = part(bytes, "xl/styles.xml");
    let attr = |el: &str, name: &str| {
        let at = el.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(el[at..at + el[at..].find('"')?].to_string())
    };
    let cell = &xml[xml.find(&format!("<c r=\"{reference}\""))?..];
    let xf_index: usize = attr(&cell[..cell.find('>')?], "s").map_or(0, |s| s.parse().unwrap());
    let section = |tag: &str| {
        &styles[styles.find(&format!("<{tag}")).unwrap()..styles.find(&format!("</{tag}>")).unwrap()]
    };
    let xf = format!(" {}", section("cellXfs").split("<xf ").nth(xf_index + 1)?);
    let num_id: usize = attr(&xf, "numFmtId")?.parse().ok()?;
    let code = match num_id {
        0 => "General".to_string(),
        3 => "#,##0".to_string(),
        49 => "@".to_string(),
        id => {
            let fmts = section("numFmts");
            let el = fmts
                .split("<numFmt ")
                .find(|e| attr(&format!(" {e}"), "numFmtId") == Some(id.to_string()))?;
            attr(&format!(" {el}"), "formatCode")?.replace("&quot;", "\"")
        }
    };
    let font_id: usize = attr(&xf, "fontId")?.parse().ok()?;
    let bold = section("fonts").split("<font>").nth(font_id + 1)?.contains("<b/>");
    let border_id: usize = attr(&xf, "borderId")?.parse().ok()?;
    Some((code, bold, border_id != 0))
}

#[test]
fn a_block_formats_each_cell_by_its_column_and_row_weight() {
    use super::table::write_block;
    use super::{Kind, Row, Styles, Value};
    use rust_xlsxwriter::Workbook;
    let columns = [Column("Nama", Kind::Text), Column("Tingkat", Kind::Rate), Column("Jumlah", Kind::Count)];
    let plain =
        |name: &str, rate: Value| Row::plain(vec![Value::Text(name.into()), rate, Value::Number(3.0)]);
    let rows = [
        plain("Ani", Value::Number(0.5)),
        plain("Budi", Value::Blank),
        Row {
            values: vec![Value::Text("Jumlah".into()), Value::Number(0.75), Value::Number(6.0)],
            bold: true,
        },
        plain("Citra", Value::Number(f64::NAN)),
        // A short row: no cell at all where it has no value.
        Row::plain(vec![Value::Text("Dewi".into())]),
    ];
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    let data = write_block(ws, &Styles::new(), HEADER_ROW, &columns, &rows, &[10, 10, 10]).unwrap().unwrap();
    assert_eq!((data.first, data.last), (HEADER_ROW + 1, HEADER_ROW + 5));
    let bytes = workbook.save_to_buffer().unwrap();
    let style = |r: &str| cell_style(&bytes, 1, r);
    let s = |code: &str, bold| Some((code.to_string(), bold, true));
    // Rows 4–8 (1-based): Ani, Budi (blank rate), the bold total, Citra (no number), Dewi.
    assert_eq!(
        [style("A4"), style("B4"), style("C4")],
        [s("General", false), s("0.0%", false), s("#,##0", false)]
    );
    assert_eq!(style("B5"), s("0.0%", false), "a blank value keeps its column's border and format");
    assert_eq!(
        [style("A6"), style("B6"), style("C6")],
        [s("General", true), s("0.0%", true), s("#,##0", true)]
    );
    assert_eq!([style("A7"), style("B7")], [s("General", false), s("0.0%", false)]);
    assert_eq!(style("A8"), s("General", false));
    assert_eq!([style("B8"), style("C8")], [None, None]);
    // The header above keeps its own (bold, bordered) format.
    assert_eq!(style("B3"), s("General", true));
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(cell(&range, 3, 1), Data::Float(0.5));
    assert_eq!(cell(&range, 5, 0), Data::String("Jumlah".into()));
    assert_eq!([cell(&range, 4, 1), cell(&range, 6, 1)], [Data::Empty, Data::Empty]);
}

#[test]
fn a_long_block_is_formatted_across_its_runs() {
    use super::table::write_block;
    use super::{Kind, Row, Styles, Value};
    use rust_xlsxwriter::Workbook;
    let columns = [Column("Nama", Kind::Text), Column("Jumlah", Kind::Count)];
    // 600 rows: more than one run of rows formatted together, the total row last.
    let mut rows: Vec<Row> = (0..599)
        .map(|i| Row::plain(vec![Value::Text(format!("P{i}")), Value::Number(f64::from(i))]))
        .collect();
    rows.push(Row { values: vec![Value::Text("Jumlah".into()), Value::Number(1.0)], bold: true });
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    write_block(ws, &Styles::new(), HEADER_ROW, &columns, &rows, &[10, 10]).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let s = |code: &str, bold| Some((code.to_string(), bold, true));
    // Data from row 4 (1-based) to row 603.
    for r in [4, 259, 260, 515, 516, 602] {
        assert_eq!(cell_style(&bytes, 1, &format!("B{r}")), s("#,##0", false), "row {r}");
    }
    assert_eq!(cell_style(&bytes, 1, "A603"), s("General", true));
    assert_eq!(cell_style(&bytes, 1, "B603"), s("#,##0", true));
    assert_eq!(cell_style(&bytes, 1, "A604"), None);
}
