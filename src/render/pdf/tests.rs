//! Tests of the PDF renderer: it renders any report without panicking, every piece of text
//! stays inside the page frame and never overlaps another, and the extracted text
//! (`pdftotext`) carries the figures, the period, the page numbers and the ranking.

use std::path::PathBuf;
use std::process::Command;

use chrono::NaiveDate;
use printpdf::{Op, PdfDocument, PdfFontHandle, TextItem, TextMatrix};

use super::canvas::{FRAME_BOTTOM, FRAME_TOP, LEFT, PAGE_H, RIGHT};
use super::font::{Fonts, MM_PER_PT, Weight};
use super::sections::{self, letterhead, summary};
use super::{PdfError, build, render};
use crate::ground::model::{Issue, Level, YearMonth};
use crate::ground::text;
use crate::metrics::figures::{
    Attendance, CityFigures, ClockSums, FileRow, KbkCity, KbkContestRow, KbkGroupRow, KbkReport, KbkStatus,
    KbkUnitRow, Letterhead, MonthReport, PersonRow, StatusLaporan, StepState, TypeRow, UnitRow,
};

/// Real unit names of Kota Mojokerto (config order), then generated ones for large samples.
const UNITS: [(&str, &str); 24] = [
    ("Sekretariat Daerah", "Perangkat Daerah"),
    ("Sekretariat DPRD", "Perangkat Daerah"),
    ("Inspektorat", "Perangkat Daerah"),
    ("Dinas Pendidikan dan Kebudayaan", "Perangkat Daerah"),
    ("Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana", "Perangkat Daerah"),
    ("Dinas Pekerjaan Umum, Penataan Ruang, Perumahan Rakyat dan Kawasan Permukiman", "Perangkat Daerah"),
    ("Dinas Perhubungan", "Perangkat Daerah"),
    ("Dinas Komunikasi dan Informatika", "Perangkat Daerah"),
    ("RSUD dr. Wahidin Sudiro Husodo", "Perangkat Daerah"),
    ("Satuan Polisi Pamong Praja", "Perangkat Daerah"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Perangkat Daerah"),
    ("Kecamatan Prajurit Kulon", "Kecamatan"),
    ("Kecamatan Magersari", "Kecamatan"),
    ("Kecamatan Kranggan", "Kecamatan"),
    ("Kelurahan Mentikan", "Kelurahan"),
    ("Kelurahan Kauman", "Kelurahan"),
    ("Kelurahan Pulorejo", "Kelurahan"),
    ("Kelurahan Gunung Gedangan", "Kelurahan"),
    ("Kelurahan Balongsari", "Kelurahan"),
    ("UPT Puskesmas Blooto", "Puskesmas"),
    ("UPT Puskesmas Gedongan", "Puskesmas"),
    ("UPT Puskesmas Wates", "Puskesmas"),
    ("UPTD Pendidikan Kecamatan Magersari", "UPTD Pendidikan"),
    ("UPTD Pendidikan Kecamatan Kranggan", "UPTD Pendidikan"),
];

const NAMES: [&str; 12] = [
    "Siti Nurhaliza",
    "Bambang Sutrisno",
    "Dewi Kartika Sari",
    "Ahmad Fauzi",
    "Rina Wulandari",
    "Hendra Gunawan",
    "Sri Rahayu",
    "Agus Setiawan",
    "Lilik Suryani",
    "Muhammad Rizky Pratama",
    "Endang Purwaningsih",
    "Yohanes Krisnadi",
];

fn unit_name(i: usize) -> (String, String) {
    match UNITS.get(i) {
        Some((nama, jenis)) => (nama.to_string(), jenis.to_string()),
        None => {
            let n = i - UNITS.len() + 1;
            match i % 3 {
                0 => (format!("UPTD SD Negeri Mojokerto {n}"), "UPTD Pendidikan".into()),
                1 => (format!("Kelurahan Contoh Nomor {n}"), "Kelurahan".into()),
                _ => (
                    format!("Unit Pelaksana Teknis Daerah Layanan Umum Nomor {n}"),
                    "Perangkat Daerah".into(),
                ),
            }
        }
    }
}

/// Standard competition ranking (1, 2, 2, 4) of `Some` values, descending.
fn ranks(values: &[Option<f64>]) -> Vec<Option<u32>> {
    values
        .iter()
        .map(|v| v.map(|v| 1 + values.iter().filter(|o| o.is_some_and(|o| o > v)).count() as u32))
        .collect()
}

fn city(month: YearMonth, units: &[UnitRow], hadir_per_mille: u64) -> CityFigures {
    let total = units.len() as u64;
    let melapor = units.iter().filter(|u| u.status != StatusLaporan::Belum).count() as u64;
    let predikat = vec![
        ("Sangat Baik".to_string(), 4 * total),
        ("Baik".to_string(), 11 * total),
        ("Cukup".to_string(), 3 * total),
        ("Kurang".to_string(), total / 2),
        ("Buruk".to_string(), 0),
    ];
    CityFigures {
        month: Some(month),
        unit_total: total,
        unit_melapor: melapor,
        pegawai: units.iter().map(|u| u.pegawai).sum(),
        att: Attendance {
            hari_kerja: 10_000,
            hadir: hadir_per_mille * 10,
            sakit: 120,
            izin: 90,
            cuti: 150,
            tk: 57,
            menit_terlambat: 12_345,
            ..Attendance::default()
        },
        pegawai_dinilai: units.iter().map(|u| u.pegawai_dinilai).sum(),
        rata_rata_capaian: Some(96.4),
        rata_rata_nilai_kinerja: Some(84.3),
        predikat,
    }
}

/// A realistic report for November 2026 with `n_units` units: most complete, some partial
/// or missing, a previous month, a 12-month trend, discipline cases and skipped files.
pub(super) fn sample(n_units: usize) -> MonthReport {
    let month = YearMonth { year: 2026, month: 11 };
    let mut units: Vec<UnitRow> = (0..n_units).map(unit_row).collect();
    let rates: Vec<Option<f64>> = units.iter().map(|u| u.att.tingkat_kehadiran()).collect();
    let nilai: Vec<Option<f64>> = units.iter().map(|u| u.rata_rata_nilai_kinerja).collect();
    for ((u, rk), rn) in units.iter_mut().zip(ranks(&rates)).zip(ranks(&nilai)) {
        u.peringkat_kehadiran = rk;
        u.peringkat_kinerja = rn;
    }
    let city_now = city(month, &units, 942);
    let mut previous = city(month.prev(), &units, 929);
    previous.rata_rata_nilai_kinerja = Some(83.5);
    previous.unit_melapor = previous.unit_melapor.saturating_sub(2);
    let trend = (0..12)
        .map(|k| {
            let mut m = month;
            for _ in 0..(11 - k) {
                m = m.prev();
            }
            let mut f = city(m, &units, 900 + (k as u64 * 7) % 45);
            f.rata_rata_nilai_kinerja = Some(80.0 + (k as f64 * 1.7) % 6.0);
            if k == 11 {
                f = city_now.clone();
            }
            f
        })
        .collect();
    MonthReport {
        month,
        generated_at: NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_opt(16, 5, 0))
            .unwrap_or_default(),
        tanggal_laporan: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
        letterhead: letterhead(),
        types: types_of(&units, &city_now),
        persons: persons(&units),
        city: city_now,
        previous: Some(previous),
        units,
        kegiatan: Vec::new(),
        trend,
        files: files(),
        kbk: Default::default(),
        issues: issues(),
    }
}

fn unit_row(i: usize) -> UnitRow {
    let (nama, jenis) = unit_name(i);
    let status = match i % 13 {
        5 => StatusLaporan::Belum,
        9 => StatusLaporan::Sebagian,
        _ => StatusLaporan::Lengkap,
    };
    let has_att = status == StatusLaporan::Lengkap;
    let pegawai = if has_att { 8 + (i as u64 * 37) % 120 } else { 0 };
    let hari_kerja = pegawai * 21;
    let rate_per_mille = 860 + (i as u64 * 7919) % 140;
    let hadir = hari_kerja * rate_per_mille / 1000;
    let dinilai = status != StatusLaporan::Belum;
    UnitRow {
        kode: format!("U{i:03}"),
        nama,
        jenis,
        status,
        ada_kehadiran: has_att,
        ada_penilaian: dinilai,
        pegawai,
        att: Attendance {
            hari_kerja,
            hadir,
            sakit: (hari_kerja - hadir) / 3,
            izin: (hari_kerja - hadir) / 3,
            cuti: 0,
            tk: (hari_kerja - hadir) / 3,
            menit_terlambat: pegawai * 17,
            ..Attendance::default()
        },
        pegawai_dinilai: if dinilai { pegawai.max(5) } else { 0 },
        rata_rata_capaian: dinilai.then_some(90.0 + (i % 15) as f64),
        rata_rata_nilai_kinerja: dinilai.then_some(70.0 + ((i * 13) % 250) as f64 / 10.0),
        peringkat_kehadiran: None,
        peringkat_kinerja: None,
        cakupan: None,
        jadwal: "Bawaan".into(),
    }
}

fn letterhead() -> Letterhead {
    Letterhead {
        pemerintah: "PEMERINTAH KOTA MOJOKERTO".into(),
        perangkat: "SEKRETARIAT DAERAH".into(),
        bagian: "BAGIAN ORGANISASI".into(),
        alamat: "Jl. Gajah Mada No. 145, Mojokerto 61312".into(),
        kota: "Mojokerto".into(),
        penandatangan_jabatan: "Kepala Bagian Organisasi".into(),
        penandatangan_nama: "NAMA PEJABAT".into(),
        penandatangan_pangkat: "Pembina Tingkat I".into(),
        penandatangan_nip: "197001012000031001".into(),
        penandatangan_placeholder: true,
    }
}

fn types_of(units: &[UnitRow], city: &CityFigures) -> Vec<TypeRow> {
    let mut types: Vec<TypeRow> = Vec::new();
    for u in units {
        let i = match types.iter().position(|t| t.jenis == u.jenis) {
            Some(i) => i,
            None => {
                types.push(TypeRow {
                    jenis: u.jenis.clone(),
                    unit: 0,
                    unit_melapor: 0,
                    pegawai: 0,
                    att: Attendance::default(),
                    pegawai_dinilai: 0,
                    rata_rata_capaian: None,
                    rata_rata_nilai_kinerja: Some(82.0),
                });
                types.len() - 1
            }
        };
        let t = &mut types[i];
        t.unit += 1;
        t.unit_melapor += u64::from(u.status != StatusLaporan::Belum);
        t.pegawai += u.pegawai;
        t.att.hari_kerja += u.att.hari_kerja;
        t.att.hadir += u.att.hadir;
    }
    types.push(crate::metrics::city_type_row(city));
    types
}

const TIERS: [(u64, &str); 7] = [
    (3, "Ringan: teguran lisan"),
    (5, "Ringan: teguran tertulis"),
    (8, "Ringan: pernyataan tidak puas"),
    (12, "Sedang: potongan TPP 25% 6 bulan"),
    (18, "Sedang: potongan TPP 25% 12 bulan"),
    (22, "Berat: penurunan jabatan"),
    (30, "Berat: pemberhentian"),
];

fn persons(units: &[UnitRow]) -> Vec<PersonRow> {
    let mut out = Vec::new();
    for (i, u) in units.iter().enumerate().filter(|(_, u)| u.pegawai > 0) {
        for k in 0..3usize {
            let n = i * 3 + k;
            let tier = (n % 11 < TIERS.len()).then(|| TIERS[n % 11]);
            out.push(PersonRow {
                nip: if n % 5 == 4 {
                    String::new()
                } else {
                    format!("1985{:02}{:02}2010{:02}1{:03}", 1 + n % 12, 1 + n % 28, n % 12, n % 1000)
                },
                nama: format!("{} {}", NAMES[n % NAMES.len()], n),
                kode_unit: u.kode.clone(),
                nama_unit: u.nama.clone(),
                att: Attendance::default(),
                capaian: Some(95.0),
                nilai_perilaku: Some(85.0),
                nilai_kinerja: Some(86.0),
                predikat: Some("Baik".into()),
                tk_kumulatif: tier.map_or(1, |t| t.0),
                tk_berturut: tier.map_or(1, |t| (t.0 / 3).max(1)),
                status_disiplin: tier.map_or(String::new(), |t| t.1.to_string()),
            });
        }
    }
    out
}

fn files() -> Vec<FileRow> {
    let read = |berkas: &str, lembar: &str, dibaca: u64, ditolak: u64| FileRow {
        berkas: berkas.into(),
        lembar: lembar.into(),
        jenis: "Kehadiran".into(),
        tata_letak: "matrix".into(),
        dibaca,
        diterima: dibaca - ditolak - 2,
        ditolak,
        duplikat: 1,
        direvisi: 1,
        catatan: String::new(),
        dilewati: false,
    };
    let skipped = |berkas: &str, catatan: &str| FileRow {
        berkas: berkas.into(),
        jenis: "-".into(),
        tata_letak: "-".into(),
        catatan: catatan.into(),
        dilewati: true,
        ..FileRow::default()
    };
    vec![
        read("dinkes/Kehadiran_Dinkes_November_2026.xlsx", "Rekap", 2_310, 12),
        read("kecamatan/2026-11 magersari.xls", "Sheet1", 1_680, 0),
        read("kecamatan/2026-11 magersari.xls", "Sheet2", 2, 0),
        skipped("~$Kehadiran_Dinkes_November_2026.xlsx", "Berkas kunci Excel (~$), dilewati."),
        skipped(
            "satpolpp/rekap absensi.xls",
            "Berkas ini sebenarnya tabel HTML yang diberi nama .xls. Buka di Excel lalu simpan sebagai .xlsx.",
        ),
    ]
}

fn issues() -> Vec<Issue> {
    (0..14)
        .map(|i| Issue {
            file: "dinkes/Kehadiran_Dinkes_November_2026.xlsx".into(),
            sheet: "Rekap".into(),
            cell: format!("C{}", 14 + i),
            value: "X".into(),
            message: "Kode status tidak dikenal.".into(),
            level: if i < 12 { Level::Tolak } else { Level::Peringatan },
            month: Some(YearMonth { year: 2026, month: 11 }),
        })
        .collect()
}

/// A report with nothing in it: no units, no persons, no trend, no previous month.
fn empty() -> MonthReport {
    let mut r = sample(0);
    r.previous = None;
    r.trend.clear();
    r.types.clear();
    r.persons.clear();
    r.files.clear();
    r.issues.clear();
    r.city = CityFigures::default();
    r.letterhead = Letterhead::default();
    r
}

/// Hostile input: 200-character names, other scripts, control characters, empty strings,
/// `None` and NaN where numbers are expected, absurd counts.
fn hostile() -> MonthReport {
    let mut r = sample(30);
    let long = "Unit Pelaksana Teknis Daerah ".repeat(7);
    r.units[0].nama = long[..200].to_string();
    r.units[1].nama = String::new();
    r.units[2].nama = "名古屋 Ünïcödé\tłódź\n«ŽĎŘ» 🚀 — ‘kutip’".into();
    r.units[3].nama = "X".repeat(400);
    r.units[4].att.hadir = r.units[4].att.hari_kerja * 2;
    r.units[5].rata_rata_nilai_kinerja = Some(f64::NAN);
    r.units[6].jenis = String::new();
    r.units[7].att = Attendance { hari_kerja: u64::MAX, hadir: u64::MAX, ..Attendance::default() };
    r.city.att.menit_terlambat = u64::MAX;
    r.city.rata_rata_capaian = Some(f64::NAN);
    r.city.predikat.push((String::new(), 3));
    r.city.predikat.push(("Sangat Kurang".into(), u64::MAX));
    r.previous = None;
    r.files[0].dibaca = u64::MAX;
    r.files[0].diterima = u64::MAX;
    let extra = r.types[0].clone();
    for k in 0..30 {
        r.types.insert(0, TypeRow { jenis: format!("Jenis tambahan {k}"), ..extra.clone() });
    }
    let mut older = r.trend.clone();
    older.append(&mut r.trend);
    r.trend = older;
    r.previous = None;
    r.trend[3].rata_rata_nilai_kinerja = None;
    r.trend[4].att = Attendance::default();
    r.persons[0].nama = "ß".repeat(300);
    r.persons[1].status_disiplin = "Berat".into();
    r.letterhead.penandatangan_nama = "Dr. H. ".to_string() + &"Panjang ".repeat(20);
    r.letterhead.kota = String::new();
    r.letterhead.alamat = "Alamat\r\ndengan baris baru".into();
    r
}

/// One piece of text as placed on a page, in mm from the top-left corner.
#[derive(Debug)]
pub(in crate::render::pdf) struct Placed {
    pub(in crate::render::pdf) page: usize,
    pub(in crate::render::pdf) x: f32,
    pub(in crate::render::pdf) baseline: f32,
    pub(in crate::render::pdf) width: f32,
    pub(in crate::render::pdf) size_mm: f32,
    pub(in crate::render::pdf) text: String,
}

impl Placed {
    /// Cap height above the baseline, descender below: the ink of the line.
    pub(in crate::render::pdf) fn top(&self) -> f32 {
        self.baseline - 0.72 * self.size_mm
    }
    pub(in crate::render::pdf) fn bottom(&self) -> f32 {
        self.baseline + 0.2 * self.size_mm
    }
    pub(in crate::render::pdf) fn overlaps(&self, o: &Placed) -> bool {
        const EPS: f32 = 0.05;
        self.page == o.page
            && self.x < o.x + o.width - EPS
            && o.x < self.x + self.width - EPS
            && self.top() < o.bottom() - EPS
            && o.top() < self.bottom() - EPS
    }
}

pub(in crate::render::pdf) fn placed_text(doc: &PdfDocument, fonts: &Fonts) -> Vec<Placed> {
    let mut out = Vec::new();
    for (page, p) in doc.pages.iter().enumerate() {
        let (mut weight, mut size, mut pos) = (Weight::Regular, 0.0f32, (0.0f32, 0.0f32));
        for op in &p.ops {
            match op {
                Op::SetFont { font: PdfFontHandle::External(id), size: s } => {
                    weight = if *id == fonts.bold.id { Weight::Bold } else { Weight::Regular };
                    size = s.0;
                }
                Op::SetTextMatrix { matrix: TextMatrix::Translate(x, y) } => {
                    pos = (x.0 * MM_PER_PT, PAGE_H - y.0 * MM_PER_PT);
                }
                Op::ShowText { items } => {
                    for item in items {
                        if let TextItem::Text(t) = item {
                            out.push(Placed {
                                page,
                                x: pos.0,
                                baseline: pos.1,
                                width: fonts.width(weight, size, t),
                                size_mm: size * MM_PER_PT,
                                text: t.clone(),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Every text lies inside the frame and touches no other text.
fn assert_layout(r: &MonthReport, what: &str) {
    let (doc, fonts) = build(r).unwrap();
    let placed = placed_text(&doc, &fonts);
    assert!(!placed.is_empty(), "{what}: no text");
    for t in &placed {
        assert!(!t.text.trim().is_empty(), "{what}: empty text op {t:?}");
        assert!(
            t.x >= LEFT - 0.01 && t.x + t.width <= RIGHT + 0.01,
            "{what}: page {} text outside the side margins: {t:?}",
            t.page + 1
        );
        assert!(
            t.top() >= FRAME_TOP && t.bottom() <= FRAME_BOTTOM,
            "{what}: page {} text outside the top/bottom margins: {t:?}",
            t.page + 1
        );
    }
    let mut by_page: Vec<Vec<&Placed>> = vec![Vec::new(); doc.pages.len()];
    for t in &placed {
        by_page[t.page].push(t);
    }
    for page in by_page {
        for (i, a) in page.iter().enumerate() {
            for b in &page[i + 1..] {
                assert!(!a.overlaps(b), "{what}: overlapping text:\n  {a:?}\n  {b:?}");
            }
        }
    }
}

/// Rendered, no error-level printpdf warnings.
fn render_ok(r: &MonthReport) -> Vec<u8> {
    let (doc, _) = build(r).unwrap();
    let mut warnings = Vec::new();
    let bytes = doc.save(&printpdf::PdfSaveOptions::default(), &mut warnings);
    let errors: Vec<_> =
        warnings.iter().filter(|w| w.severity == printpdf::PdfParseErrorSeverity::Error).collect();
    assert!(errors.is_empty(), "printpdf errors: {errors:?}");
    assert!(render(r).is_ok());
    assert!(bytes.starts_with(b"%PDF-"));
    bytes
}

fn page_count(r: &MonthReport) -> usize {
    build(r).unwrap().0.pages.len()
}

fn temp_pdf(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("budaya-kerja-{}-{name}.pdf", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs a poppler/qpdf tool; `None` (with a note) when it is not installed, a failure in
/// CI where the tools are required.
fn tool(program: &str, args: &[&str]) -> Option<std::process::Output> {
    match Command::new(program).args(args).output() {
        Ok(out) => Some(out),
        Err(e) => {
            assert!(std::env::var_os("CI").is_none(), "{program} is required in CI: {e}");
            eprintln!("note: {program} not available ({e}); skipping its assertions");
            None
        }
    }
}

fn pdftotext(name: &str, bytes: &[u8]) -> Option<String> {
    let path = temp_pdf(name, bytes);
    let out = tool("pdftotext", &["-layout", path.to_str()?, "-"]);
    let _ = std::fs::remove_file(&path);
    let out = out?;
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn renders_figures_period_pages_and_ranking() {
    let r = sample(53);
    let bytes = render_ok(&r);
    let pages = page_count(&r);
    let Some(txt) = pdftotext("ranking", &bytes) else {
        return;
    };
    for want in [
        "PEMERINTAH KOTA MOJOKERTO",
        "BAGIAN ORGANISASI",
        letterhead::TITLE,
        "November 2026",
        "94,2%",
        "naik 1,3 poin dibanding Oktober 2026",
        "+1,3 poin",
        "Mojokerto, 30 November 2026",
        "NIP. 19700101 200003 1 001",
        "Dibuat 30 November 2026 16.05",
        "Penandatangan belum diatur",
        "12.345",
    ] {
        assert!(txt.contains(want), "missing {want:?}");
    }
    let melapor = format!("{} dari 53", r.city.unit_melapor);
    assert!(txt.contains(&melapor), "missing {melapor}");
    for i in 1..=pages {
        let footer = format!("Halaman {i} dari {pages}");
        assert!(txt.contains(&footer), "missing {footer}");
    }
    assert_ranking_order(&r, &txt);
}

/// The unit table lists the units in `units_by_kehadiran` order. Only names that fit one
/// line of the table and are no part of another unit's name can be found unambiguously.
fn assert_ranking_order(r: &MonthReport, txt: &str) {
    let start = txt.find("Peringkat Unit Kerja menurut").expect("unit table heading");
    let table = &txt[start..];
    let fonts = Fonts::load(&mut PdfDocument::new("t")).unwrap();
    let names: Vec<&str> = r.units.iter().map(|u| u.nama.as_str()).collect();
    let unique = |n: &str| {
        fonts.width(Weight::Regular, 8.0, n) < 44.0 && names.iter().filter(|o| o.contains(n)).count() == 1
    };
    let mut pos = 0;
    let mut checked = 0;
    for u in r.units_by_kehadiran().into_iter().filter(|u| unique(&u.nama)) {
        let found = table[pos..].find(u.nama.as_str()).unwrap_or_else(|| panic!("{} out of order", u.nama));
        pos += found + u.nama.len();
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} names checked");
}

#[test]
fn page_count_grows_with_units() {
    let (one, many) = (page_count(&sample(1)), page_count(&sample(600)));
    assert!(one >= 2, "{one}");
    assert!(many >= one + 12, "{one} pages for 1 unit, {many} for 600");
    render_ok(&sample(600));
}

#[test]
fn text_stays_in_the_frame_and_never_overlaps() {
    for n in [0, 1, 2, 21, 53, 600] {
        assert_layout(&sample(n), &format!("{n} units"));
    }
    assert_layout(&empty(), "empty report");
    assert_layout(&hostile(), "hostile report");
}

#[test]
fn survives_empty_and_hostile_reports() {
    for r in [empty(), hostile()] {
        render_ok(&r);
    }
    let Some(txt) = pdftotext("empty", &render_ok(&empty())) else {
        return;
    };
    assert!(txt.contains("Belum ada data kehadiran"), "{txt}");
    assert!(txt.contains("Halaman 1 dari"));
    let Some(txt) = pdftotext("hostile", &render_ok(&hostile())) else {
        return;
    };
    // Characters outside the embedded subset print as `?`; Latin Extended-A stays.
    assert!(txt.contains("łódź"), "{txt}");
    assert!(txt.contains("???"));
}

#[test]
fn without_previous_month_there_is_no_change() {
    let mut r = sample(10);
    r.previous = None;
    let Some(txt) = pdftotext("noprev", &render_ok(&r)) else {
        return;
    };
    assert!(!txt.contains(" poin dibanding"));
    assert!(txt.contains("tidak ditampilkan"));
}

#[test]
fn pdf_is_valid_with_embedded_fonts_and_metadata() {
    let bytes = render_ok(&sample(53));
    let path = temp_pdf("valid", &bytes);
    let p = path.to_str().unwrap();
    if let Some(out) = tool("qpdf", &["--check", p]) {
        assert!(out.status.success(), "qpdf: {}", String::from_utf8_lossy(&out.stdout));
    }
    if let Some(out) = tool("pdffonts", &[p]) {
        let list = String::from_utf8_lossy(&out.stdout);
        let fonts: Vec<&str> = list.lines().skip(2).collect();
        assert!(!fonts.is_empty(), "{list}");
        assert!(fonts.iter().all(|l| l.contains(" yes ")), "not embedded: {list}");
    }
    if let Some(out) = tool("pdfinfo", &[p]) {
        let info = String::from_utf8_lossy(&out.stdout);
        assert!(info.contains("Laporan Bulanan Budaya Kerja"), "{info}");
        assert!(info.contains("BAGIAN ORGANISASI"), "{info}");
        assert!(info.contains("2026"), "{info}");
        assert!(info.contains("A4"), "{info}");
    }
    let _ = std::fs::remove_file(&path);
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
}

#[test]
fn summary_has_four_to_six_sentences() {
    for r in [sample(53), sample(1), empty(), hostile()] {
        let s = summary::sentences(&r);
        assert!((4..=6).contains(&s.len()), "{s:?}");
    }
    let s = summary::sentences(&sample(53)).join(" ");
    assert!(s.contains("Tingkat kehadiran pegawai bulan November 2026 sebesar 94,2%, naik 1,3 poin dibanding Oktober 2026"), "{s}");
}

#[test]
fn wrapping_fits_and_keeps_every_character() {
    let fonts = Fonts::load(&mut PdfDocument::new("t")).unwrap();
    let text = "Dinas Pekerjaan Umum, Penataan Ruang, Perumahan Rakyat dan Kawasan Permukiman XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
    for width in [1.0, 10.0, 25.0, 60.0, 500.0] {
        let lines = fonts.wrap(Weight::Regular, 8.0, text, width);
        for l in &lines {
            assert!(
                l.chars().count() == 1 || fonts.width(Weight::Regular, 8.0, l) <= width,
                "{l:?} > {width}"
            );
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }
    assert_eq!(fonts.wrap(Weight::Bold, 8.0, "", 10.0), vec![String::new()]);
    assert_eq!(fonts.clean("a\u{2212}b\tc ✓ 名"), "a-b c v ?");
    let cut = fonts.wrap_max(Weight::Regular, 8.0, text, 30.0, 2);
    assert_eq!(cut.len(), 2);
    assert!(cut[1].ends_with('…'));
}

#[test]
fn nip_is_grouped() {
    assert_eq!(sections::format_nip("197001012000031001"), "19700101 200003 1 001");
    assert_eq!(sections::format_nip(" 1970 "), "1970");
    assert_eq!(text::angka(1234), "1.234");
}

/// The numbered section headings, in the order a reader meets them.
const HEADINGS: [&str; 7] = [
    "1. Ringkasan",
    "2. Angka Utama",
    "3. Grafik",
    "4. Peringkat Unit Kerja menurut Tingkat Kehadiran",
    "5. Unit Kerja yang Belum Melapor Lengkap",
    "6. Disiplin Pegawai",
    "7. Kualitas Data",
];

/// What a reader sees in every sample, from one unit to a city of 600, empty and hostile:
/// the title and period on page 1, the seven sections in order, `Halaman N dari N` on the
/// last page, and a file small enough to send by e-mail. `PDF_PREVIEW=1 cargo test --lib
/// render::pdf::tests::every_sample -- --nocapture` also writes the samples to the temp
/// folder for a look.
#[test]
fn every_sample_has_its_title_sections_in_order_and_numbered_pages() {
    for (name, r) in [
        ("1", sample(1)),
        ("53", sample(53)),
        ("600", sample(600)),
        ("empty", empty()),
        ("hostile", hostile()),
    ] {
        let bytes = render_ok(&r);
        if std::env::var_os("PDF_PREVIEW").is_some() {
            let path = std::env::temp_dir().join(format!("budaya-kerja-preview-{name}.pdf"));
            std::fs::write(&path, &bytes).unwrap();
            eprintln!("wrote {}", path.display());
        }
        assert!(bytes.len() < 400_000, "{name}: {} bytes", bytes.len());
        let pages = page_count(&r);
        let Some(txt) = pdftotext(name, &bytes) else {
            return;
        };
        let page_texts: Vec<&str> = txt.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        assert_eq!(page_texts.len(), pages, "{name}");
        assert!(page_texts[0].contains(letterhead::TITLE), "{name}: no title on page 1");
        assert!(page_texts[0].contains("Periode November 2026"), "{name}: no period on page 1");
        let last = format!("Halaman {pages} dari {pages}");
        assert!(page_texts[pages - 1].contains(&last), "{name}: no {last:?} on the last page");
        let mut at = 0;
        for heading in HEADINGS {
            let found = txt[at..]
                .find(heading)
                .unwrap_or_else(|| panic!("{name}: {heading:?} missing or out of order"));
            at += found + heading.len();
        }
    }
}

#[test]
fn error_messages_name_the_font_or_the_printpdf_errors() {
    let cases = [
        (
            PdfError::FontUnreadable { font: "NotoSans-Bold" },
            "font NotoSans-Bold yang tertanam tidak dapat dibaca",
        ),
        (
            PdfError::FontBroken { font: "NotoSans-Regular" },
            "font NotoSans-Regular yang tertanam rusak (units per em = 0)",
        ),
        (PdfError::Save { errors: vec!["a".into(), "b".into()] }, "PDF tidak dapat dibuat: a; b"),
    ];
    for (error, want) in cases {
        assert_eq!(error.to_string(), want);
    }
}

/// SPEC §3.9 "Output": the discipline page names the units with the most TL/PSW minutes
/// (menit terlambat + menit pulang cepat), at most five, and says nothing when there are none.
#[test]
fn discipline_names_the_units_with_the_most_tl_psw_minutes() {
    let mut r = sample(10);
    for u in &mut r.units {
        u.att.menit_terlambat = 0;
    }
    assert!(sections::tl_psw::top_units(&r).is_empty());
    let title = "terlambat dan pulang cepat terbanyak";
    if let Some(txt) = pdftotext("no-tl-psw", &render_ok(&r)) {
        assert!(!txt.contains(title), "{txt}");
    }
    let clock = |terlambat, pulang_cepat, dinilai_jam, tepat| Attendance {
        menit_terlambat: terlambat,
        jam: ClockSums { menit_pulang_cepat: pulang_cepat, dinilai_jam, tepat, ..ClockSums::default() },
        ..Attendance::default()
    };
    r.units[2].att = clock(100, 50, 4, 3);
    r.units[4].att = clock(0, 200, 8, 2);
    r.units[6].att = clock(150, 0, 0, 0);
    for i in [1, 3, 5, 7, 8] {
        r.units[i].att = clock(10 * i as u64, 0, 1, 1);
    }
    let top: Vec<&str> = sections::tl_psw::top_units(&r).iter().map(|u| u.kode.as_str()).collect();
    // 200, then 150 twice in configuration order, then 80 and 70; 50, 30 and 10 are left out.
    assert_eq!(top, ["U004", "U002", "U006", "U008", "U007"]);
    let Some(txt) = pdftotext("tl-psw", &render_ok(&r)) else {
        return;
    };
    assert!(txt.contains(&format!("5 unit dengan menit {title}")), "{txt}");
    let row = |kode: &str| {
        let nama = &r.units.iter().find(|u| u.kode == kode).unwrap().nama;
        let table = txt.split(title).nth(1).unwrap_or_default();
        table
            .lines()
            .find(|l| l.contains(nama.as_str()))
            .unwrap_or_default()
            .split_whitespace()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
    };
    assert_eq!(row("U004"), ["25,0%", "200", "200", "0"]);
    assert_eq!(row("U002"), ["75,0%", "150", "50", "100"]);
    assert_eq!(row("U006"), ["–", "150", "0", "150"]);
}

// ---------------------------------------------------------------------------------------------
// Kelompok Budaya Kerja (SPEC §11.3)
// ---------------------------------------------------------------------------------------------

/// One group of unit `u` at `last` finished steps, the next one running or late as its
/// status says; `rank` orders the composite.
fn kbk_group(
    u: &UnitRow,
    kelompok: &str,
    status: KbkStatus,
    last: Option<u8>,
    rank: Option<u32>,
) -> KbkGroupRow {
    let done = last.unwrap_or(0);
    let mut langkah = [StepState::Kosong; 8];
    for (i, state) in langkah.iter_mut().enumerate().take(usize::from(done)) {
        *state = StepState::Selesai(NaiveDate::from_ymd_opt(2026, i as u32 + 2, 14).unwrap_or_default());
    }
    if let Some(next) = langkah.get_mut(usize::from(done)) {
        *next = if status == KbkStatus::Terlambat { StepState::Terlambat } else { StepState::Berjalan };
    }
    let started = status != KbkStatus::BelumMulai;
    let r = f64::from(rank.unwrap_or(20));
    KbkGroupRow {
        kode_unit: u.kode.clone(),
        nama_unit: u.nama.clone(),
        kelompok: kelompok.into(),
        no_sk: "800/112/417.101/2026".into(),
        ketua: "Siti Nurhaliza".into(),
        fasilitator: "Bambang Sutrisno".into(),
        tema: "Mempercepat layanan".into(),
        anggota: 6 + u64::from(done),
        pertemuan_bulan: if matches!(status, KbkStatus::TidakAktif | KbkStatus::BelumMulai) { 0 } else { 2 },
        pertemuan_tahun: if started { 3 + 2 * u64::from(done) } else { 0 },
        pertemuan_target: 22,
        kehadiran_anggota: started.then_some(0.95 - r / 100.0),
        kehadiran_bulan: None,
        langkah_terakhir: last,
        kemajuan: f64::from(done) / 8.0,
        tepat_waktu: last.map(|_| 1.0 - r / 40.0),
        ketercapaian: (done >= 6).then_some(1.1 - r / 50.0),
        status,
        aktif: !matches!(status, KbkStatus::TidakAktif | KbkStatus::BelumMulai),
        langkah,
        skor_komposit: 0.92 - r / 30.0,
        peringkat_komposit: rank,
    }
}

/// A planned group: unit index, name, status, last step finished, composite rank.
type Plan = (usize, &'static str, KbkStatus, Option<u8>, Option<u32>);

/// The KBK figures of `r`'s units: groups in every status in eight units (one with the
/// longest unit name), the other units without a group.
fn kbk_of(r: &MonthReport) -> KbkReport {
    use KbkStatus::*;
    let plan: [Plan; 12] = [
        (0, "Melati", Selesai, Some(8), Some(1)),
        (0, "Anggrek Tata Naskah", Berjalan, Some(4), Some(5)),
        (3, "Cendekia", Terlambat, Some(2), Some(8)),
        (4, "Sehat Bersama", Berjalan, Some(5), Some(3)),
        (4, "Mawar", TidakAktif, Some(1), Some(10)),
        (5, "Jembatan Mutu Pelayanan Perizinan Bangunan Gedung", Terlambat, Some(3), Some(7)),
        (8, "Pelayanan Prima", Selesai, Some(8), Some(2)),
        (8, "Farmasi Cepat", BelumMulai, None, None),
        (11, "Kulon Bersinar", Berjalan, Some(6), Some(4)),
        (14, "Mentikan Melayani", TidakAktif, None, Some(11)),
        (19, "Blooto Sehat", Berjalan, Some(7), Some(6)),
        (22, "Guru Hebat", Berjalan, None, Some(9)),
    ];
    let groups: Vec<KbkGroupRow> = plan
        .iter()
        .filter(|p| p.0 < r.units.len())
        .map(|&(i, k, s, last, rank)| kbk_group(&r.units[i], k, s, last, rank))
        .collect();
    let units: Vec<KbkUnitRow> = r
        .units
        .iter()
        .map(|u| {
            let own: Vec<&KbkGroupRow> = groups.iter().filter(|g| g.kode_unit == u.kode).collect();
            let mut per_status = [0; 5];
            own.iter().for_each(|g| per_status[g.status.index()] += 1);
            let anggota: u64 = own.iter().map(|g| g.anggota).sum();
            let pegawai = u.pegawai.max(10);
            KbkUnitRow {
                kode: u.kode.clone(),
                nama: u.nama.clone(),
                jenis: u.jenis.clone(),
                kelompok: own.len() as u64,
                kelompok_aktif: own.iter().filter(|g| g.aktif).count() as u64,
                anggota,
                pegawai,
                cakupan: Some(anggota as f64 / pegawai as f64),
                per_status,
            }
        })
        .collect();
    let mut city = KbkCity {
        kelompok: groups.len() as u64,
        kelompok_aktif: groups.iter().filter(|g| g.aktif).count() as u64,
        unit_total: units.len() as u64,
        unit_berkelompok: units.iter().filter(|u| u.kelompok > 0).count() as u64,
        anggota: units.iter().map(|u| u.anggota).sum(),
        pegawai: units.iter().map(|u| u.pegawai).sum(),
        kehadiran_anggota: Some(0.873),
        ..KbkCity::default()
    };
    city.cakupan = Some(city.anggota as f64 / city.pegawai.max(1) as f64);
    for g in &groups {
        city.per_status[g.status.index()] += 1;
        city.per_langkah[usize::from(g.langkah_terakhir.unwrap_or(0))] += 1;
    }
    KbkReport { ada_data: true, groups, units, city, contest: Vec::new(), bulan_tidak_aktif: 2 }
}

fn with_kbk(mut r: MonthReport) -> MonthReport {
    r.kbk = kbk_of(&r);
    r
}

/// The text of the pages from the one holding `heading` on (pdftotext, pages split).
fn pages_from<'t>(txt: &'t str, heading: &str) -> Vec<&'t str> {
    let pages: Vec<&str> = txt.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    let at = pages.iter().position(|p| p.contains(heading)).unwrap_or_else(|| panic!("no {heading:?}"));
    pages[at..].to_vec()
}

/// `KBK_PREVIEW=/tmp cargo test --lib render::pdf::tests::kbk` writes every KBK sample as
/// `/tmp/kbk-<name>.pdf` for a look (`pdftoppm -r 60 -png /tmp/kbk-24.pdf /tmp/kbkpage`).
fn kbk_preview(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("KBK_PREVIEW") {
        let path = PathBuf::from(dir).join(format!("kbk-{name}.pdf"));
        std::fs::write(&path, bytes).unwrap();
        eprintln!("wrote {}", path.display());
    }
}

/// The KBK page of the 24-unit sample: one page more than without it, after the seven
/// numbered sections and the signature, at the top of its own page.
#[test]
fn kbk_page_is_an_attachment_after_the_signature() {
    let r = with_kbk(sample(24));
    let bytes = render_ok(&r);
    kbk_preview("24", &bytes);
    let without = MonthReport { kbk: KbkReport::default(), ..r.clone() };
    assert_eq!(page_count(&r), page_count(&without) + 1);
    let Some(txt) = pdftotext("kbk", &bytes) else {
        return;
    };
    let mut at = 0;
    for heading in HEADINGS.iter().chain(["Mojokerto, 30 November 2026", sections::kbk::TITLE].iter()) {
        at += txt[at..].find(heading).unwrap_or_else(|| panic!("{heading:?} missing or out of order"))
            + heading.len();
    }
    let page = pages_from(&txt, sections::kbk::TITLE)[0];
    let first_line = page.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("Laporan Bulanan"));
    assert_eq!(first_line, Some(sections::kbk::TITLE), "the KBK page starts with its heading");
}

/// The text drawn from the KBK heading to the end, in drawing order, one space
/// between pieces: phrases wrapped over lines (or beside a chart) read whole.
fn kbk_text(r: &MonthReport) -> String {
    let (doc, fonts) = build(r).unwrap();
    let placed = placed_text(&doc, &fonts);
    let from = placed.iter().position(|t| t.text == sections::kbk::TITLE).expect("KBK heading");
    let body: Vec<&str> = placed[from..]
        .iter()
        .filter(|t| !t.text.starts_with("Laporan Bulanan") && !t.text.starts_with("Dibuat "))
        .map(|t| t.text.as_str())
        .collect();
    body.join(" ")
}

#[test]
fn kbk_page_shows_key_figures_steps_late_groups_units_without_group_and_top_groups() {
    let r = with_kbk(sample(24));
    let kbk = kbk_text(&r);
    for want in [
        "Kelompok 12 116 anggota",
        "Kelompok aktif 9 75,0% dari semua kelompok",
        "Unit berkelompok 9 dari 24",
        "Rata-rata kehadiran anggota 87,3% Januari–November 2026",
        "Status kelompok: 2 selesai, 5 berjalan, 2 terlambat, 2 tidak aktif, 1 belum mulai.",
        "Kelompok menurut langkah terakhir yang selesai",
        "Belum ada langkah selesai",
        "3. Menetapkan penyebab dominan",
        "Peringkat komposit (kemajuan, tepat waktu, kehadiran, ketercapaian) — bukan penilaian juri",
        "Unit kerja tanpa kelompok (15 dari 24 unit)",
        "Sekretariat DPRD · Inspektorat",
        "5 dari 22",
    ] {
        assert!(kbk.contains(want), "missing {want:?} in:\n{kbk}");
    }
    // Late and inactive groups, inactive first; a group on schedule is not among them.
    let late: Vec<&str> =
        sections::kbk::late_or_inactive(&r.kbk).iter().map(|g| g.kelompok.as_str()).collect();
    assert_eq!(
        late,
        ["Mawar", "Mentikan Melayani", "Cendekia", "Jembatan Mutu Pelayanan Perizinan Bangunan Gedung"]
    );
    let table =
        &kbk[kbk.find("Kelompok terlambat atau tidak aktif").unwrap()..kbk.find("Unit kerja tanpa").unwrap()];
    for (a, b) in [("Mawar", "Mentikan"), ("Mentikan", "Cendekia"), ("Cendekia", "Jembatan")] {
        assert!(table.find(a) < table.find(b), "{a} before {b}");
    }
    assert!(!table.contains("Kulon Bersinar"), "a group on schedule is not listed");
    // The top five by the composite, in rank order, each with its unit and score.
    let top = &kbk[kbk.find("bukan penilaian juri").unwrap()..kbk.find("Kelompok terlambat").unwrap()];
    for want in ["1 88,7 Melati Sekretariat Daerah", "2 85,3 Pelayanan Prima RSUD dr. Wahidin Sudiro Husodo"]
    {
        assert!(top.contains(want), "missing {want:?} in {top}");
    }
    let order: Vec<usize> = ["Melati", "Pelayanan Prima", "Sehat Bersama", "Kulon Bersinar", "Anggrek"]
        .iter()
        .map(|k| top.find(k).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(!top.contains("Blooto Sehat"), "rank 6 is not shown");
    // The same text is extractable from the file.
    let Some(txt) = pdftotext("kbk-content", &render_ok(&r)) else {
        return;
    };
    for want in [
        "Rata-rata kehadiran anggota",
        "Unit kerja tanpa kelompok (15 dari 24 unit)",
        "Kelompok terlambat atau tidak aktif",
    ] {
        assert!(txt.contains(want), "pdftotext: missing {want:?}");
    }
}

#[test]
fn kbk_contest_scores_replace_the_composite_ranking() {
    let mut r = with_kbk(sample(24));
    let juri = |kategori: &str, i: usize, peringkat: u32, skor: f64| KbkContestRow {
        kategori: kategori.into(),
        kode_unit: r.kbk.groups[i].kode_unit.clone(),
        kelompok: r.kbk.groups[i].kelompok.clone(),
        skor,
        kriteria_kosong: Vec::new(),
        peringkat,
    };
    r.kbk.contest = vec![
        juri("Prestasi", 6, 1, 91.5),
        juri("Prestasi", 0, 2, 88.26),
        juri("Prestasi", 3, 3, 80.0),
        juri("Prestasi", 8, 4, 79.0),
        juri("Kreatif", 3, 1, 86.0),
    ];
    kbk_preview("contest", &render_ok(&r));
    let kbk = kbk_text(&r);
    for want in [
        "Penilaian juri lomba KBK",
        "Kategori Prestasi 1 91,5 Pelayanan Prima RSUD dr. Wahidin Sudiro Husodo 2 88,3 Melati",
        "Kategori Kreatif 1 86,0 Sehat Bersama",
    ] {
        assert!(kbk.contains(want), "missing {want:?} in:\n{kbk}");
    }
    assert!(!kbk.contains("Kulon Bersinar Kecamatan"), "rank 4 is not shown");
    assert!(!kbk.contains("Peringkat komposit"), "{kbk}");
}

#[test]
fn without_kbk_data_there_is_no_kbk_page() {
    let r = sample(24);
    assert!(!r.kbk.ada_data);
    let mut with_groups_but_no_data = with_kbk(sample(24));
    with_groups_but_no_data.kbk.ada_data = false;
    assert_eq!(page_count(&r), page_count(&with_groups_but_no_data));
    let Some(txt) = pdftotext("no-kbk", &render_ok(&r)) else {
        return;
    };
    assert!(!txt.contains("Kelompok Budaya Kerja"), "{txt}");
}

/// Every KBK variant stays inside the page (text, boxes and bars), overlaps nothing, and
/// long unit names wrap between words.
#[test]
fn kbk_page_stays_in_the_frame_and_wraps_long_names_between_words() {
    let mut crowded = with_kbk(sample(600));
    crowded.kbk.groups = (0..120)
        .map(|i| {
            kbk_group(
                &crowded.units[i],
                "Kelompok Panjang Sekali",
                KbkStatus::Terlambat,
                Some(2),
                Some(i as u32 + 1),
            )
        })
        .collect();
    let mut none = with_kbk(sample(5));
    none.kbk.groups.clear();
    none.kbk.city = KbkCity { unit_total: 5, ..KbkCity::default() };
    let mut hostile_kbk = with_kbk(hostile());
    hostile_kbk.kbk.groups[0].kelompok = "K".repeat(300);
    hostile_kbk.kbk.city.kehadiran_anggota = Some(f64::NAN);
    for (what, r) in
        [("24", with_kbk(sample(24))), ("600", crowded), ("none", none), ("hostile", hostile_kbk)]
    {
        assert_layout(&r, &format!("KBK {what}"));
        assert_drawing_inside_the_page(&r, what);
        kbk_preview(what, &render_ok(&r));
    }
    let r = with_kbk(sample(24));
    let (doc, fonts) = build(&r).unwrap();
    let placed = placed_text(&doc, &fonts);
    let kbk_page = placed.iter().find(|t| t.text == sections::kbk::TITLE).map(|t| t.page).unwrap();
    let placed: Vec<Placed> = placed.into_iter().filter(|t| t.page >= kbk_page).collect();
    for name in [
        "Dinas Pekerjaan Umum, Penataan Ruang, Perumahan Rakyat dan Kawasan Permukiman",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    ] {
        for word in name.split(' ') {
            let whole = |t: &Placed| t.text.split(' ').any(|w| w == word);
            assert!(placed.iter().any(whole), "{word:?} of {name:?} is not printed whole");
        }
    }
}

/// Rectangles and lines lie inside the page.
fn assert_drawing_inside_the_page(r: &MonthReport, what: &str) {
    let (doc, _) = build(r).unwrap();
    let (w, h) = (printpdf::Mm(super::canvas::PAGE_W).into_pt().0, printpdf::Mm(PAGE_H).into_pt().0);
    for (page, p) in doc.pages.iter().enumerate() {
        for op in &p.ops {
            let inside = match op {
                Op::DrawRectangle { rectangle: rc } => {
                    rc.x.0 >= 0.0
                        && rc.y.0 >= 0.0
                        && rc.x.0 + rc.width.0 <= w + 0.01
                        && rc.y.0 + rc.height.0 <= h + 0.01
                }
                Op::DrawLine { line } => line
                    .points
                    .iter()
                    .all(|lp| (0.0..=w).contains(&lp.p.x.0) && (0.0..=h).contains(&lp.p.y.0)),
                _ => true,
            };
            assert!(inside, "{what}: page {} draws outside the page: {op:?}", page + 1);
        }
    }
}
