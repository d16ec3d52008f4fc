//! `budaya-kerja risalah` (SPEC §11.3): a KBK group's risalah as a PDF under
//! `output/risalah/<unit code>-<group slug>.pdf`, for one group (`--kelompok`, `--unit`) or
//! every group; the failures that name what to fix (no group defined, a name two units use,
//! an unknown name). The input uses the documented KBK sheet forms of SPEC §11.1.

use std::path::Path;

use crate::common::*;

const ANDI: &str = "198001012005011001";
const BUDI: &str = "197505052000032002";
const CITRA: &str = "199002022015031003";

/// One unit's KBK workbook with one group `nama`: three members, the full story of the
/// Melati sample (steps 1–5 done, 6 started, two measurements from 45 towards 15 minutes).
fn kbk_book(p: &Project, unit: &str, nama: &'static str) {
    let kelompok = unit_sheet(
        "DAFTAR KELOMPOK BUDAYA KERJA",
        unit,
        &[
            "Nama Kelompok",
            "Nomor SK",
            "Tanggal SK",
            "Fasilitator",
            "Tema",
            "Indikator",
            "Satuan",
            "Nilai Awal",
            "Target",
            "Tanggal Mulai",
            "Rencana Selesai",
        ],
        vec![vec![
            V::S(nama),
            V::S("800/045/417.306/2026"),
            V::D(5, 1, 2026),
            V::S("Ir. Sri Rahayu, M.T."),
            V::S("Peningkatan kecepatan pelayanan"),
            V::S("Waktu tunggu pelayanan"),
            V::S("menit"),
            V::N(45.0),
            V::N(15.0),
            V::D(12, 1, 2026),
            V::D(31, 12, 2026),
        ]],
    );
    let member = |nip: &str, nama_p: &'static str, peran: &'static str| {
        vec![V::S(nama), V::T(nip.to_string()), V::S(nama_p), V::S(peran)]
    };
    let anggota = unit_sheet(
        "ANGGOTA KELOMPOK",
        unit,
        &["Nama Kelompok", "NIP", "Nama", "Peran"],
        vec![
            member(ANDI, "Andi Wijaya", "Ketua"),
            member(BUDI, "Budi Lestari", "Sekretaris"),
            member(CITRA, "Citra Dewi", "Anggota"),
        ],
    );
    let meeting = |ke: f64, d: u32, m: u32, langkah: f64, agenda: &'static str| {
        vec![
            V::S(nama),
            V::N(ke),
            V::D(d, m, 2026),
            V::N(90.0),
            V::N(langkah),
            V::S(agenda),
            V::S("Disepakati"),
        ]
    };
    let pertemuan = unit_sheet(
        "CATATAN PERTEMUAN",
        unit,
        &["Nama Kelompok", "Pertemuan ke-", "Tanggal", "Durasi (menit)", "Langkah", "Agenda", "Hasil"],
        vec![
            meeting(1.0, 14, 1, 1.0, "Pemilihan tema"),
            meeting(2.0, 18, 2, 2.0, "Curah pendapat faktor penyebab"),
            meeting(3.0, 8, 4, 3.0, "Diagram Pareto"),
            meeting(4.0, 10, 6, 5.0, "Uji coba antrean daring"),
            meeting(5.0, 21, 10, 6.0, "Evaluasi hasil uji coba"),
        ],
    );
    // Planned for one whole month; done from `mulai` to `selesai` (day, month), if at all.
    let date = |dm: Option<(u32, u32)>| dm.map_or(V::E, |(d, m)| V::D(d, m, 2026));
    let step = |n: f64, month: u32, end: u32, mulai: Option<(u32, u32)>, selesai: Option<(u32, u32)>| {
        let plan = [V::D(1, month, 2026), V::D(end, month, 2026)];
        let mut row = vec![V::S(nama), V::N(n), V::E];
        row.extend(plan);
        row.extend([date(mulai), date(selesai), V::E]);
        row
    };
    let langkah = unit_sheet(
        "JADWAL LANGKAH",
        unit,
        &[
            "Nama Kelompok",
            "Langkah",
            "Nama Langkah",
            "Rencana Mulai",
            "Rencana Selesai",
            "Realisasi Mulai",
            "Realisasi Selesai",
            "Keterangan",
        ],
        vec![
            step(1.0, 1, 31, Some((14, 1)), Some((30, 1))),
            step(2.0, 2, 28, Some((18, 2)), Some((10, 3))),
            step(3.0, 3, 31, Some((11, 3)), Some((8, 4))),
            step(4.0, 4, 30, Some((9, 4)), Some((15, 5))),
            step(5.0, 5, 31, Some((18, 5)), Some((28, 8))),
            step(6.0, 9, 30, Some((7, 9)), None),
            step(7.0, 10, 31, None, None),
            step(8.0, 11, 30, None, None),
        ],
    );
    let hasil = unit_sheet(
        "HASIL PENGUKURAN",
        unit,
        &["Nama Kelompok", "Tanggal", "Nilai", "Manfaat"],
        vec![
            vec![V::S(nama), V::D(15, 7, 2026), V::N(30.0), V::S("Waktu tunggu turun 15 menit")],
            vec![V::S(nama), V::D(20, 10, 2026), V::N(22.0), V::S("Hemat Rp 1.200.000 per bulan")],
        ],
    );
    write_book(
        &p.input().join(format!("KBK_{unit}_2026.xlsx")),
        &[
            ("Kelompok", kelompok),
            ("Anggota", anggota),
            ("Pertemuan", pertemuan),
            ("Langkah", langkah),
            ("Hasil", hasil),
        ],
    );
}

/// Every file under the output folder, relative, sorted.
fn output_files(p: &Project) -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                out.push(path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(&p.output(), &p.output(), &mut out);
    out.sort();
    out
}

#[test]
fn without_any_group_it_says_how_to_add_one_and_writes_nothing() {
    let p = Project::new("risalah-none");
    attendance(
        &p.input().join("Kehadiran_DISHUB_November_2026.xlsx"),
        "DISHUB",
        "November 2026",
        11,
        &[(ANDI, "Andi Wijaya", 2, "H", 0.0)],
    );
    for args in
        [&["risalah"][..], &["risalah", "--semua"], &["risalah", "--kelompok", "Melati", "--unit", "DISHUB"]]
    {
        let run = p.run(args);
        assert_eq!(run.code, 1, "{args:?}: {run:?}");
        assert!(run.stderr.contains("tidak ada Kelompok Budaya Kerja di folder input"), "{}", run.stderr);
        assert!(run.stderr.contains("template --kind kbk --month 2026-11"), "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(!p.output().exists(), "{args:?} wrote {:?}", output_files(&p));
    }
}

#[test]
fn an_empty_input_folder_has_no_group_either() {
    let p = Project::new("risalah-empty");
    let run = p.run(&["risalah", "--month", "2026-11"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("tidak ada Kelompok Budaya Kerja"), "{}", run.stderr);
    assert!(!p.output().exists());
}

#[test]
fn every_group_gets_its_risalah_named_by_unit_and_slug() {
    let p = Project::new("risalah-all");
    kbk_book(&p, "DISHUB", "Melati");
    kbk_book(&p, "DLH", "KBK Mawar Merah");
    let run = p.run(&["risalah", "--month", "2026-11"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        output_files(&p),
        ["risalah/DISHUB-melati.pdf", "risalah/DLH-mawar-merah.pdf"],
        "nothing else, no lock"
    );
    for name in ["DISHUB-melati.pdf", "DLH-mawar-merah.pdf"] {
        assert!(run.stdout.lines().any(|l| l.ends_with(name)), "{name} not printed: {}", run.stdout);
    }
    let Some(txt) = pdf_text(&p.output().join("risalah/DISHUB-melati.pdf")) else { return };
    let flat = txt.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "RISALAH KELOMPOK BUDAYA KERJA",
        "Kelompok Melati",
        "Dinas Perhubungan",
        "Waktu tunggu pelayanan dari 45 menjadi 15 menit",
        "800/045/417.306/2026, tanggal 5 Januari 2026",
        "Andi Wijaya",
        "Budi Lestari",
        "Citra Dewi",
        "Sekretaris",
        "Menetapkan penyebab dominan",
        "Menetapkan tema berikutnya",
        "Diagram Pareto",
        "Ketercapaian 76,7%",
        "Hemat Rp 1.200.000 per bulan",
        "Keadaan per 30 November 2026",
        "Ketua Kelompok",
        "Ir. Sri Rahayu, M.T.",
    ] {
        assert!(flat.contains(want), "missing {want:?} in\n{txt}");
    }
    let run = p.run(&["risalah", "--semua", "--month", "2026-11", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.is_empty(), "--quiet prints no paths: {}", run.stdout);
}

/// Without `--month` and without attendance data, the risalah is as of the month of the
/// group's latest record (the meeting of 21 October), never a month still to come.
#[test]
fn without_a_month_the_risalah_is_as_of_the_latest_kbk_record() {
    let p = Project::new("risalah-latest");
    kbk_book(&p, "DISHUB", "Melati");
    let run = p.run(&["risalah", "--kelompok", "melati"]);
    assert_eq!(run.code, 0, "{run:?}");
    let Some(txt) = pdf_text(&p.output().join("risalah/DISHUB-melati.pdf")) else { return };
    let flat = txt.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Keadaan per 31 Oktober 2026"), "{txt}");
}

#[test]
fn a_name_two_units_use_needs_the_unit() {
    let p = Project::new("risalah-two");
    kbk_book(&p, "DISHUB", "Melati");
    kbk_book(&p, "DINKESPPKB", "Melati");
    let run = p.run(&["risalah", "--kelompok", "melati", "--month", "2026-11"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains(
            "Kelompok \"Melati\" ada di lebih dari satu unit: DINKESPPKB, DISHUB; pilih dengan --unit KODE"
        ),
        "{}",
        run.stderr
    );
    assert!(!p.output().exists());
    // The unit by code, name or alias; the group with or without its `KBK` prefix.
    for unit in ["DISHUB", "Dinas Perhubungan", "dishub"] {
        let run = p.run(&["risalah", "--kelompok", "KBK Melati", "--unit", unit, "--month", "2026-11"]);
        assert_eq!(run.code, 0, "{unit}: {run:?}");
        assert_eq!(output_files(&p), ["risalah/DISHUB-melati.pdf"], "{unit}");
    }
}

#[test]
fn an_unknown_name_lists_the_closest_groups() {
    let p = Project::new("risalah-unknown");
    kbk_book(&p, "DISHUB", "Melati");
    kbk_book(&p, "DLH", "Mawar");
    let run = p.run(&["risalah", "--kelompok", "Melatti", "--month", "2026-11"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("Kelompok \"Melatti\" tidak ada di input"), "{}", run.stderr);
    assert!(run.stderr.contains("Melati (DISHUB)"), "{}", run.stderr);
    let run = p.run(&["risalah", "--kelompok", "Melati", "--unit", "DLH", "--month", "2026-11"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("tidak ada di unit DLH; kelompok terdekat: Melati (DISHUB)"),
        "{}",
        run.stderr
    );
    let run = p.run(&["risalah", "--kelompok", "Melati", "--unit", "NOPE", "--month", "2026-11"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("kode unit \"NOPE\" tidak ada dalam daftar unit"), "{}", run.stderr);
    assert!(!p.output().exists());
}
