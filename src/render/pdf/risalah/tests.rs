//! Tests of the risalah PDF: a realistic group (4 members, 5 meetings, steps 1–5 done, 6
//! started and late, 2 measurements), a group with nothing but its name, and hostile data
//! all render; the pages, headings, names and steps are where a reader expects them; every
//! op stays inside the page frame and no text touches another; fonts are embedded and qpdf
//! accepts the file. `cargo test --lib risalah::tests::preview -- --ignored` writes
//! `/tmp/risalah.pdf` (and the minimal and hostile variants) for a look.

use std::process::Command;

use chrono::NaiveDate;
use printpdf::{Op, PdfDocument};

use super::{build, gantt, hasil, identitas, indikator, kop, partisipasi, pertemuan, render_risalah};
use crate::ground::kbk::LANGKAH;
use crate::metrics::figures::{
    KbkGroupRow, KbkStatus, Letterhead, Risalah, RisalahMeeting, RisalahMember, RisalahResult, RisalahStep,
    StepState,
};
use crate::render::pdf::canvas::{FRAME_BOTTOM, FRAME_TOP, LEFT, PAGE_H, PAGE_W, RIGHT};
use crate::render::pdf::font::MM_PER_PT;
use crate::render::pdf::tests::placed_text;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn letterhead() -> Letterhead {
    Letterhead {
        pemerintah: "PEMERINTAH KOTA MOJOKERTO".into(),
        perangkat: "SEKRETARIAT DAERAH".into(),
        bagian: "BAGIAN ORGANISASI".into(),
        alamat: "Jl. Gajah Mada No. 145, Mojokerto 61312".into(),
        kota: "Mojokerto".into(),
        ..Letterhead::default()
    }
}

fn row(kelompok: &str, kode: &str, nama_unit: &str) -> KbkGroupRow {
    KbkGroupRow {
        kode_unit: kode.into(),
        nama_unit: nama_unit.into(),
        kelompok: kelompok.into(),
        no_sk: String::new(),
        ketua: String::new(),
        fasilitator: String::new(),
        tema: String::new(),
        anggota: 0,
        pertemuan_bulan: 0,
        pertemuan_tahun: 0,
        pertemuan_target: 0,
        kehadiran_anggota: None,
        kehadiran_bulan: None,
        langkah_terakhir: None,
        kemajuan: 0.0,
        tepat_waktu: None,
        ketercapaian: None,
        status: KbkStatus::BelumMulai,
        aktif: false,
        langkah: [StepState::Kosong; 8],
        skor_komposit: 0.0,
        peringkat_komposit: None,
    }
}

fn member(nama: &str, nip: &str, peran: &str) -> RisalahMember {
    RisalahMember { nama: nama.into(), nip: nip.into(), peran: peran.into() }
}

fn meeting(
    ke: u32,
    tanggal: NaiveDate,
    durasi: u32,
    langkah: u8,
    agenda: &str,
    hasil: &str,
) -> RisalahMeeting {
    RisalahMeeting {
        ke: Some(ke),
        tanggal,
        durasi: Some(durasi),
        langkah: Some(langkah),
        agenda: agenda.into(),
        hasil: hasil.into(),
        hadir: Some((4, 4)),
    }
}

fn step(n: u8, plan: (NaiveDate, NaiveDate), done: (Option<NaiveDate>, Option<NaiveDate>)) -> RisalahStep {
    RisalahStep {
        langkah: n,
        rencana_mulai: Some(plan.0),
        rencana_selesai: Some(plan.1),
        realisasi_mulai: done.0,
        realisasi_selesai: done.1,
        keterangan: String::new(),
    }
}

const MEMBERS: [(&str, &str, &str); 4] = [
    ("Andi Wijaya", "198001012005011001", "Ketua"),
    ("Budi Lestari", "197505052000032002", "Sekretaris"),
    ("Citra Dewi", "199002022015031003", "Anggota"),
    ("Dedi Kurniawan", "", "Anggota"),
];

/// Kelompok Melati of the Dinas Perhubungan as of 30 November 2026: steps 1–5 done (two of
/// them on time), step 6 started in September and late, step 7 late without a start, step 8
/// planned for November; waiting time measured twice on its way from 45 to 15 minutes.
pub(super) fn sample() -> Risalah {
    let mut row = row("Melati", "DISHUB", "Dinas Perhubungan");
    row.no_sk = "800/045/417.306/2026".into();
    row.ketua = "Andi Wijaya".into();
    row.fasilitator = "Ir. Sri Rahayu, M.T.".into();
    row.tema = "Peningkatan kecepatan pelayanan pengujian kendaraan bermotor".into();
    row.anggota = 4;
    row.pertemuan_tahun = 5;
    row.pertemuan_target = 22;
    row.kehadiran_anggota = Some(15.0 / 16.0);
    row.langkah_terakhir = Some(5);
    row.kemajuan = 5.0 / 8.0;
    row.tepat_waktu = Some(0.4);
    row.ketercapaian = Some(23.0 / 30.0);
    row.status = KbkStatus::Terlambat;
    row.aktif = true;
    row.langkah = [
        StepState::Selesai(d(2026, 1, 30)),
        StepState::Selesai(d(2026, 3, 10)),
        StepState::Selesai(d(2026, 4, 8)),
        StepState::Selesai(d(2026, 5, 15)),
        StepState::Selesai(d(2026, 8, 28)),
        StepState::Terlambat,
        StepState::Terlambat,
        StepState::Kosong,
    ];
    Risalah {
        letterhead: letterhead(),
        generated_at: d(2026, 12, 1).and_hms_opt(8, 30, 0).unwrap(),
        per_tanggal: d(2026, 11, 30),
        row,
        jenis_unit: "Perangkat Daerah".into(),
        tanggal_sk: Some(d(2026, 1, 5)),
        indikator: "Waktu tunggu pelayanan uji KIR".into(),
        satuan: "menit".into(),
        nilai_awal: Some(45.0),
        target: Some(15.0),
        tanggal_mulai: Some(d(2026, 1, 12)),
        tanggal_selesai: Some(d(2026, 12, 31)),
        members: MEMBERS.iter().map(|(n, nip, p)| member(n, nip, p)).collect(),
        meetings: sample_meetings(),
        steps: sample_steps(),
        results: vec![
            RisalahResult {
                tanggal: d(2026, 7, 15),
                nilai: 30.0,
                manfaat: "Waktu tunggu turun 15 menit per pemohon".into(),
            },
            RisalahResult {
                tanggal: d(2026, 10, 20),
                nilai: 22.0,
                manfaat: "Hemat ± Rp 1.200.000 per bulan biaya lembur petugas loket".into(),
            },
        ],
        rata_rata_durasi: Some(87.0),
    }
}

/// Five meetings; one with a member absent, one without a daftar hadir or a result.
fn sample_meetings() -> Vec<RisalahMeeting> {
    let mut meetings = vec![
        meeting(
            1,
            d(2026, 1, 14),
            90,
            1,
            "Pembentukan kelompok dan pemilihan tema",
            "Tema disepakati: waktu tunggu uji KIR",
        ),
        meeting(
            2,
            d(2026, 2, 18),
            120,
            2,
            "Curah pendapat faktor penyebab dengan diagram tulang ikan",
            "14 faktor penyebab terkumpul dan dikelompokkan menurut manusia, metode, mesin dan lingkungan",
        ),
        meeting(
            3,
            d(2026, 4, 8),
            90,
            3,
            "Menetapkan penyebab dominan dengan diagram Pareto",
            "Penyebab dominan: antrean berkas manual",
        ),
        meeting(
            4,
            d(2026, 6, 10),
            60,
            5,
            "Uji coba nomor antrean daring",
            "Uji coba berjalan di loket 1 dan 2",
        ),
        meeting(5, d(2026, 10, 21), 75, 6, "Evaluasi hasil uji coba", ""),
    ];
    meetings[2].hadir = Some((3, 4));
    meetings[4].hadir = None;
    meetings
}

/// Steps 1–5 done (1 and 5 on time), 6 started and late, 7 late, 8 planned.
fn sample_steps() -> Vec<RisalahStep> {
    let mut steps = vec![
        step(1, (d(2026, 1, 12), d(2026, 1, 31)), (Some(d(2026, 1, 14)), Some(d(2026, 1, 30)))),
        step(2, (d(2026, 2, 1), d(2026, 2, 28)), (Some(d(2026, 2, 18)), Some(d(2026, 3, 10)))),
        step(3, (d(2026, 3, 1), d(2026, 3, 31)), (Some(d(2026, 3, 11)), Some(d(2026, 4, 8)))),
        step(4, (d(2026, 4, 1), d(2026, 4, 30)), (Some(d(2026, 4, 9)), Some(d(2026, 5, 15)))),
        step(5, (d(2026, 5, 1), d(2026, 8, 31)), (Some(d(2026, 5, 18)), Some(d(2026, 8, 28)))),
        step(6, (d(2026, 9, 1), d(2026, 9, 30)), (Some(d(2026, 9, 7)), None)),
        step(7, (d(2026, 10, 1), d(2026, 10, 31)), (None, None)),
        step(8, (d(2026, 11, 1), d(2026, 11, 30)), (None, None)),
    ];
    steps[5].keterangan = "Menunggu rekap waktu tunggu bulan Oktober dari sistem antrean".into();
    steps
}

/// A group with nothing but its name: no members, meetings, steps or results.
fn minimal() -> Risalah {
    Risalah {
        letterhead: Letterhead::default(),
        generated_at: d(2026, 12, 1).and_hms_opt(8, 30, 0).unwrap(),
        per_tanggal: d(2026, 11, 30),
        row: row("Mawar", "DLH", ""),
        jenis_unit: String::new(),
        tanggal_sk: None,
        indikator: String::new(),
        satuan: String::new(),
        nilai_awal: None,
        target: None,
        tanggal_mulai: None,
        tanggal_selesai: None,
        members: Vec::new(),
        meetings: Vec::new(),
        steps: Vec::new(),
        results: Vec::new(),
        rata_rata_durasi: None,
    }
}

/// Long texts, other scripts, reversed and absurd dates, steps outside 1–8, NaN values, a
/// flat indikator, forty meetings and thirty members.
fn hostile() -> Risalah {
    let mut r = sample();
    let long = "Peningkatan kualitas pelayanan publik yang cepat, tepat dan ramah ".repeat(8);
    r.row.tema = long.clone();
    r.row.kelompok = "KBK 名古屋 Ünïcödé\tłódź «ŽĎŘ» ".to_string() + &"Sangat Panjang ".repeat(12);
    r.row.nama_unit = "Unit Pelaksana Teknis Daerah ".repeat(8);
    r.row.ketua = "Dr. H. ".to_string() + &"Panjang ".repeat(15);
    r.row.fasilitator = String::new();
    r.row.ketercapaian = Some(f64::NAN);
    r.row.kehadiran_anggota = Some(f64::INFINITY);
    r.indikator = long.clone();
    r.satuan = "%".into();
    r.nilai_awal = Some(50.0);
    r.target = Some(50.0);
    r.rata_rata_durasi = Some(f64::NAN);
    r.steps[0].rencana_mulai = Some(d(2026, 6, 1));
    r.steps[0].rencana_selesai = Some(d(2026, 1, 1));
    r.steps[1].realisasi_selesai = Some(d(2400, 1, 1));
    r.steps.push(RisalahStep { langkah: 0, rencana_mulai: Some(d(1900, 1, 1)), ..RisalahStep::default() });
    r.steps.push(RisalahStep { langkah: 9, keterangan: long.clone(), ..RisalahStep::default() });
    r.steps[6].keterangan = long.clone();
    r.meetings = (0..40)
        .map(|i| {
            let mut m = meeting(
                i,
                d(2026, 1, 1) + chrono::Days::new(u64::from(i) * 7),
                5000,
                9,
                &long,
                &"x".repeat(300),
            );
            m.hadir = Some((5, 0));
            m.ke = if i % 3 == 0 { None } else { Some(u32::MAX) };
            m
        })
        .collect();
    r.members =
        (0..30).map(|i| member(&format!("{} {i}", "ß".repeat(80)), "12345", "Bendahara Umum")).collect();
    r.results = vec![
        RisalahResult { tanggal: d(2026, 3, 1), nilai: f64::NAN, manfaat: long.clone() },
        RisalahResult { tanggal: d(2026, 3, 2), nilai: 1e12, manfaat: String::new() },
        RisalahResult { tanggal: d(2026, 3, 3), nilai: -1e12, manfaat: String::new() },
    ];
    r.letterhead.kota = String::new();
    r
}

/// Every corner of every rectangle, line and polygon, as (page, x, y) in mm from the top.
fn graphics_points(doc: &PdfDocument) -> Vec<(usize, f32, f32)> {
    let mm = |p: &printpdf::Point| (p.x.0 * MM_PER_PT, PAGE_H - p.y.0 * MM_PER_PT);
    let mut out = Vec::new();
    for (page, p) in doc.pages.iter().enumerate() {
        for op in &p.ops {
            match op {
                Op::DrawRectangle { rectangle: r } => {
                    let (x, y) = (r.x.0 * MM_PER_PT, PAGE_H - r.y.0 * MM_PER_PT);
                    let (w, h) = (r.width.0 * MM_PER_PT, r.height.0 * MM_PER_PT);
                    out.extend([(page, x, y), (page, x + w, y - h)]);
                }
                Op::DrawLine { line } => {
                    out.extend(line.points.iter().map(|lp| mm(&lp.p)).map(|(x, y)| (page, x, y)));
                }
                Op::DrawPolygon { polygon } => {
                    for ring in &polygon.rings {
                        out.extend(ring.points.iter().map(|lp| mm(&lp.p)).map(|(x, y)| (page, x, y)));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Every text inside the frame and clear of every other text; every drawing inside the
/// frame too.
fn assert_layout(r: &Risalah, what: &str) {
    let (doc, fonts) = build(r).unwrap();
    let placed = placed_text(&doc, &fonts);
    assert!(!placed.is_empty(), "{what}: no text");
    for t in &placed {
        assert!(!t.text.trim().is_empty(), "{what}: empty text op {t:?}");
        assert!(
            t.x >= LEFT - 0.01 && t.x + t.width <= RIGHT + 0.01,
            "{what}: text outside the side margins: {t:?}"
        );
        assert!(t.top() >= FRAME_TOP && t.bottom() <= FRAME_BOTTOM, "{what}: text outside the frame: {t:?}");
    }
    for (page, x, y) in graphics_points(&doc) {
        assert!(
            (LEFT - 0.5..=RIGHT + 0.5).contains(&x) && (FRAME_TOP..=FRAME_BOTTOM).contains(&y),
            "{what}: page {} drawing outside the frame at ({x}, {y})",
            page + 1
        );
        assert!(x.is_finite() && y.is_finite() && x <= PAGE_W && y <= PAGE_H);
    }
    for (i, a) in placed.iter().enumerate() {
        for b in &placed[i + 1..] {
            assert!(!a.overlaps(b), "{what}: overlapping text:\n  {a:?}\n  {b:?}");
        }
    }
}

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

fn temp_pdf(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("budaya-kerja-risalah-{}-{name}.pdf", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The text of each page, via pdftotext.
fn page_texts(name: &str, bytes: &[u8]) -> Option<Vec<String>> {
    let path = temp_pdf(name, bytes);
    let out = tool("pdftotext", &["-layout", path.to_str()?, "-"]);
    let _ = std::fs::remove_file(&path);
    let out = out?;
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    let txt = String::from_utf8_lossy(&out.stdout).into_owned();
    Some(txt.split('\u{c}').filter(|p| !p.trim().is_empty()).map(str::to_string).collect())
}

const HEADINGS: [&str; 6] = [
    identitas::HEADING,
    partisipasi::HEADING,
    gantt::HEADING,
    pertemuan::HEADING,
    indikator::HEADING,
    hasil::HEADING,
];

/// Finds each of `wanted` after the previous one.
fn assert_in_order(txt: &str, wanted: &[&str], what: &str) {
    let mut at = 0;
    for w in wanted {
        let found = txt[at..].find(w).unwrap_or_else(|| panic!("{what}: {w:?} missing or out of order"));
        at += found + w.len();
    }
}

#[test]
fn sample_reads_as_a_risalah_with_members_steps_and_numbered_pages() {
    let r = sample();
    let bytes = render_risalah(&r).unwrap();
    let pages = build(&r).unwrap().0.pages.len();
    assert_eq!(pages, 3, "the sample takes three pages");
    let Some(texts) = page_texts("sample", &bytes) else { return };
    assert_eq!(texts.len(), pages);
    let txt = texts.concat();
    assert!(texts[0].contains(kop::TITLE) && texts[0].contains("Kelompok Melati"), "{}", texts[0]);
    assert!(texts[0].contains("Dinas Perhubungan") && texts[0].contains("PEMERINTAH KOTA MOJOKERTO"));
    let mut order: Vec<&str> = vec![kop::TITLE];
    order.extend(HEADINGS);
    order.extend(["Fasilitator", "Ketua Kelompok"]);
    assert_in_order(&txt, &order, "sample");
    for (nama, _, peran) in MEMBERS {
        assert!(txt.contains(nama), "member {nama} missing");
        assert!(txt.contains(peran), "role {peran} missing");
    }
    for name in LANGKAH {
        assert!(txt.contains(name), "step {name} missing");
    }
    for want in [
        "Waktu tunggu pelayanan uji KIR dari 45 menjadi 15 menit",
        "800/045/417.306/2026, tanggal 5 Januari 2026",
        "12 Januari 2026 s.d. 31 Desember 2026",
        "19800101 200501 1 001",
        "5 dari 22",
        "93,8%",
        "87 menit",
        "Terlambat",
        "Selesai",
        "Ketercapaian 76,7%",
        "Hemat ± Rp 1.200.000",
        "Menunggu rekap waktu tunggu",
        "Mojokerto, ....................",
        "Ir. Sri Rahayu, M.T.",
        "Dibuat 1 Desember 2026 08.30",
    ] {
        assert!(txt.contains(want), "missing {want:?}");
    }
    for i in 1..=pages {
        let footer = format!("Halaman {i} dari {pages}");
        assert!(texts[i - 1].contains(&footer), "missing {footer}");
    }
}

#[test]
fn fonts_are_embedded_and_qpdf_accepts_the_file() {
    let bytes = render_risalah(&sample()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
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
        assert!(info.contains("Risalah Kelompok Budaya Kerja"), "{info}");
        assert!(info.contains("A4"), "{info}");
    }
    let _ = std::fs::remove_file(&path);
}

#[test]
fn every_op_stays_inside_the_page_and_no_text_overlaps() {
    assert_layout(&sample(), "sample");
    assert_layout(&minimal(), "minimal");
    assert_layout(&hostile(), "hostile");
}

#[test]
fn a_group_with_nothing_but_its_name_renders_with_blanks_to_fill() {
    let r = minimal();
    let bytes = render_risalah(&r).unwrap();
    let pages = build(&r).unwrap().0.pages.len();
    assert!(pages <= 2, "{pages} pages");
    let Some(texts) = page_texts("minimal", &bytes) else { return };
    // Sentences wrap: compare with the text's words on one line.
    let txt = texts.concat().split_whitespace().collect::<Vec<_>>().join(" ");
    let mut order: Vec<&str> = vec![kop::TITLE];
    order.extend(HEADINGS);
    assert_in_order(&txt, &order, "minimal");
    for want in [
        "Kelompok Mawar",
        "DLH",
        "– (belum diisi)",
        "Belum ada anggota",
        "Belum ada pertemuan",
        "Jadwal langkah belum diisi",
        "Grafik belum dapat dibuat",
        "Ketercapaian belum dapat dihitung",
        "Belum ada hasil pengukuran",
        "(........................................)",
        "NIP. ....................",
    ] {
        assert!(txt.contains(want), "missing {want:?}:\n{txt}");
    }
    for name in LANGKAH {
        assert!(txt.contains(name), "empty Gantt row {name} missing");
    }
}

#[test]
fn hostile_data_renders_without_panic() {
    let r = hostile();
    let bytes = render_risalah(&r).unwrap();
    assert!(build(&r).unwrap().0.pages.len() >= 4);
    let Some(texts) = page_texts("hostile", &bytes) else { return };
    let txt = texts.concat();
    assert!(txt.contains("łódź"), "Latin Extended-A stays");
    assert!(txt.contains("???"), "other scripts print as ?");
}

#[test]
fn judul_and_values_read_as_written() {
    let mut r = sample();
    assert_eq!(identitas::judul(&r), "Waktu tunggu pelayanan uji KIR dari 45 menjadi 15 menit");
    r.satuan = "%".into();
    r.nilai_awal = Some(62.5);
    r.target = None;
    assert_eq!(identitas::judul(&r), "Waktu tunggu pelayanan uji KIR dari 62,5 menjadi …%");
    assert_eq!(identitas::judul(&minimal()), super::BELUM);
    assert_eq!(super::nilai(1250.0), "1.250");
    assert_eq!(super::nilai(0.75), "0,75");
    assert_eq!(super::nilai(12.50), "12,5");
    assert_eq!(super::nilai(f64::NAN), "–");
    assert_eq!(super::nilai_satuan(15.0, " menit "), "15 menit");
    assert_eq!(super::nilai_satuan(98.5, "%"), "98,5%");
    let s = indikator::sentence(&sample());
    assert!(
        s.contains("nilai awal 45 menit pada 12 Januari 2026, target 15 menit sampai 31 Desember 2026"),
        "{s}"
    );
    assert!(s.contains("Pengukuran terakhir (20 Oktober 2026): 22 menit."), "{s}");
}

/// Writes the samples for a look: `RISALAH_PREVIEW=/tmp cargo test --lib risalah::tests::preview`,
/// then `pdftoppm -r 70 -png /tmp/risalah.pdf /tmp/risalah`.
#[test]
fn preview() {
    // Written only when asked (`RISALAH_PREVIEW=/tmp`); every run still renders all three.
    let dir = std::env::var_os("RISALAH_PREVIEW");
    for (name, r) in [("risalah", sample()), ("risalah-minimal", minimal()), ("risalah-hostile", hostile())] {
        let bytes = render_risalah(&r).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{name}");
        if let Some(dir) = &dir {
            let path = std::path::Path::new(dir).join(format!("{name}.pdf"));
            std::fs::write(&path, bytes).unwrap();
            eprintln!("wrote {}", path.display());
        }
    }
}
