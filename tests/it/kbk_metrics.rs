//! SPEC §11.2 end to end: KBK workbooks in the template's form (DISHUB: real date cells,
//! steps by number, a daftar hadir and a roster) and in a unit's own form (DLH: title rows,
//! `Unit Kerja | : | …` metadata, synonym headers, steps by name, dates as text), reported for
//! November 2026; the figures of `data/kbk_kelompok.csv` and the `KBK` sheets against values
//! worked out by hand for one group in each status.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{Project, V, unit_sheet as sheet, write_book};

fn nip(i: u32) -> String {
    format!("198001012005011{i:03}")
}

fn t(s: &str) -> V {
    V::T(s.to_string())
}

fn dt(d: u32, m: u32) -> V {
    V::D(d, m, 2026)
}

/// DISHUB in the template's form: Melati (Selesai), Kenanga (Belum mulai), Dahlia
/// (Berjalan), Teratai (formed in December: not in November's report).
fn dishub(path: &Path) {
    dishub_with(path, false)
}

/// DISHUB, its daftar hadir either long (a row per member and meeting) or by meeting dates
/// (a row per member, a column per meeting date, `Kelompok : Melati` above).
fn dishub_with(path: &Path, by_dates: bool) {
    let kelompok = sheet(
        "DATA KELOMPOK BUDAYA KERJA",
        "DISHUB",
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
        vec![
            vec![
                t("Melati"),
                t("551/1/2026"),
                dt(2, 3),
                t("Fasil Dishub"),
                t("Antrean uji KIR"),
                t("Waktu tunggu"),
                t("menit"),
                V::N(30.0),
                V::N(15.0),
                dt(10, 3),
                dt(31, 12),
            ],
            vec![
                t("Kenanga"),
                t("551/2/2026"),
                dt(1, 10),
                t("Fasil Dishub"),
                t("Arsip"),
                V::E,
                V::E,
                V::E,
                V::E,
                dt(1, 12),
                dt(31, 12),
            ],
            vec![
                t("Dahlia"),
                t("551/3/2026"),
                dt(2, 11),
                t("Fasil Dishub"),
                t("Parkir"),
                t("Tarif"),
                t("%"),
                V::N(10.0),
                V::N(20.0),
                dt(2, 11),
                dt(31, 12),
            ],
            vec![
                t("Teratai"),
                t("551/4/2026"),
                dt(5, 12),
                t("Fasil Dishub"),
                t("Terminal"),
                V::E,
                V::E,
                V::E,
                V::E,
                V::D(4, 1, 2027),
                V::D(30, 6, 2027),
            ],
        ],
    );
    let member = |g: &str, i: u32, peran: &'static str| {
        vec![t(g), V::T(nip(i)), V::T(format!("Pegawai {i}")), V::S(peran)]
    };
    let anggota = sheet(
        "SUSUNAN ANGGOTA",
        "DISHUB",
        &["Nama Kelompok", "NIP", "Nama", "Peran"],
        vec![
            member("Melati", 1, "Ketua"),
            member("Melati", 2, "Sekretaris"),
            member("Melati", 3, "Anggota"),
            member("Melati", 4, "Anggota"),
            member("Melati", 10, "Fasilitator"),
            member("Kenanga", 5, "Ketua"),
            member("Kenanga", 6, "Anggota"),
            member("Kenanga", 7, "Anggota"),
            member("Dahlia", 4, "Ketua"),
            member("Dahlia", 8, "Anggota"),
            member("Dahlia", 9, "Anggota"),
        ],
    );
    let melati = [(10, 3), (14, 4), (12, 5), (9, 6), (14, 7), (11, 8), (8, 9), (13, 10), (10, 11), (24, 11)];
    let mut meetings: Vec<Vec<V>> = melati
        .iter()
        .enumerate()
        .map(|(i, &(d, m))| {
            vec![t("Melati"), V::N(i as f64 + 1.0), dt(d, m), V::N(60.0), V::N(1.0), t("Agenda"), t("Hasil")]
        })
        .collect();
    meetings.push(vec![t("Dahlia"), V::N(1.0), dt(2, 11), V::N(90.0), V::N(1.0), t("Tema"), V::E]);
    meetings.push(vec![t("Dahlia"), V::N(2.0), dt(16, 11), V::N(90.0), V::N(2.0), t("Penyebab"), V::E]);
    let pertemuan = sheet(
        "CATATAN PERTEMUAN",
        "DISHUB",
        &["Nama Kelompok", "Pertemuan ke-", "Tanggal", "Durasi (menit)", "Langkah", "Agenda", "Hasil"],
        meetings,
    );
    // Melati: step n planned in month 2+n (ends the 28th; step 8 on 30 Nov), done the 20th;
    // step 2 done on 5 May, after its plan.
    let mut steps: Vec<Vec<V>> = (1..=8u32)
        .map(|n| {
            let m = 2 + n;
            let end = if n == 8 { dt(30, 11) } else { dt(28, m) };
            let done = match n {
                2 => dt(5, 5),
                8 => dt(20, 11),
                _ => dt(20, m),
            };
            vec![t("Melati"), V::N(f64::from(n)), V::E, dt(1, m), end, dt(2, m), done, V::E]
        })
        .collect();
    steps.push(vec![t("Kenanga"), V::N(1.0), V::E, dt(1, 12), dt(20, 12), V::E, V::E, V::E]);
    steps.push(vec![t("Dahlia"), V::N(1.0), V::E, dt(2, 11), dt(20, 11), dt(2, 11), dt(16, 11), V::E]);
    steps.push(vec![t("Dahlia"), V::N(2.0), V::E, dt(17, 11), dt(10, 12), dt(17, 11), V::E, t("Berjalan")]);
    let langkah = sheet(
        "LANGKAH",
        "DISHUB",
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
        steps,
    );
    let hasil = sheet(
        "HASIL",
        "DISHUB",
        &["Nama Kelompok", "Tanggal", "Nilai", "Manfaat"],
        vec![
            vec![t("Melati"), dt(30, 6), V::N(25.0), V::E],
            vec![t("Melati"), dt(31, 10), V::N(18.0), t("Rp 1.500.000 per bulan")],
            vec![t("Dahlia"), dt(25, 11), V::N(40.0), V::E],
        ],
    );
    let mut hadir = Vec::new();
    for (d, m, codes) in
        [(13, 10, ["H", "H", "H", "H"]), (10, 11, ["H", "H", "S", "H"]), (24, 11, ["H", "H", "H", "TK"])]
    {
        for (i, code) in (1..=4).zip(codes) {
            hadir.push(vec![
                dt(d, m),
                V::T(nip(i)),
                V::T(format!("Pegawai {i}")),
                t("Melati"),
                t("KBK"),
                V::S(code),
            ]);
        }
    }
    hadir.push(vec![dt(10, 11), V::T(nip(99)), t("Tamu"), t("Melati"), t("KBK"), V::S("H")]);
    let daftar = if by_dates {
        by_meeting_dates()
    } else {
        sheet("DAFTAR HADIR", "DISHUB", &["Tanggal", "NIP", "Nama", "Kelompok", "Kegiatan", "Status"], hadir)
    };
    let roster = sheet(
        "DAFTAR PEGAWAI",
        "DISHUB",
        &["NIP", "Nama", "Jabatan"],
        (1..=20).map(|i| vec![V::T(nip(i)), V::T(format!("Pegawai {i}")), t("Staf")]).collect(),
    );
    write_book(
        path,
        &[
            ("Kelompok", kelompok),
            ("Anggota", anggota),
            ("Pertemuan", pertemuan),
            ("Langkah", langkah),
            ("Hasil", hasil),
            ("Daftar Hadir", daftar),
            ("Pegawai", roster),
        ],
    );
}

/// Melati's daftar hadir as groups keep it: a column per meeting, headed by its date (a date
/// cell, text `10/11/2026`, text `24 Nov 2026`), the group named above.
fn by_meeting_dates() -> Vec<Vec<V>> {
    let mut rows = vec![
        vec![t("DAFTAR HADIR KBK")],
        vec![t("Unit Kerja : DISHUB")],
        vec![t("Kelompok"), t(":"), t("Melati")],
        vec![],
        vec![V::S("No"), V::S("NIP"), V::S("Nama"), dt(13, 10), t("10/11/2026"), t("24 Nov 2026")],
    ];
    for (i, codes) in (1..=4).zip([["H", "H", "H"], ["H", "H", "H"], ["H", "S", "H"], ["H", "H", "TK"]]) {
        let mut row = vec![V::N(f64::from(i)), V::T(nip(i)), V::T(format!("Pegawai {i}"))];
        row.extend(codes.iter().map(|c| V::S(c)));
        rows.push(row);
    }
    rows.push(vec![V::N(5.0), V::T(nip(99)), t("Tamu"), V::E, V::S("H"), V::E]);
    rows
}

/// DLH in its own form: Mawar (Tidak aktif) and KBK Anggrek (Terlambat).
fn dlh(path: &Path) {
    let own = |title: &str, header: &[&'static str], rows: Vec<Vec<V>>| {
        let mut out = vec![
            vec![t(title)],
            vec![t("DINAS LINGKUNGAN HIDUP KOTA MOJOKERTO")],
            vec![t("Unit Kerja"), t(":"), t("Dinas Lingkungan Hidup")],
            vec![],
        ];
        out.push(header.iter().map(|h| V::S(h)).collect());
        out.extend(rows);
        out
    };
    let data = own(
        "DATA KBK TAHUN 2026",
        &[
            "No",
            "Nama KBK",
            "No. SK",
            "Tgl SK",
            "Pembina",
            "Judul",
            "Sasaran",
            "Satuan",
            "Baseline",
            "Target Akhir",
            "Tanggal Mulai",
            "Target Selesai",
        ],
        vec![
            vec![
                V::N(1.0),
                t("Mawar"),
                t("660/1/2026"),
                t("1 Februari 2026"),
                t("Fasil DLH"),
                t("Sampah"),
                V::E,
                V::E,
                V::E,
                V::E,
                t("1 Februari 2026"),
                t("31 Desember 2026"),
            ],
            vec![
                V::N(2.0),
                t("KBK Anggrek"),
                t("660/2/2026"),
                t("28 Agustus 2026"),
                t("Fasil DLH"),
                t("Air"),
                t("Mutu"),
                t("%"),
                V::N(50.0),
                V::N(80.0),
                V::E,
                t("31 Desember 2026"),
            ],
        ],
    );
    let person = |g: &str, i: u32, peran: &'static str| {
        vec![t(g), V::T(nip(100 + i)), V::T(format!("Staf DLH {i}")), V::S(peran)]
    };
    let anggota = own(
        "SUSUNAN ANGGOTA KBK",
        &["Nama KBK", "NIP", "Nama Lengkap", "Jabatan dalam Kelompok"],
        vec![
            person("Mawar", 1, "Ketua Kelompok"),
            person("Mawar", 2, "Notulis"),
            person("Mawar", 6, "Anggota"),
            person("Anggrek", 3, "Ketua"),
            person("Anggrek", 4, "Anggota"),
            person("Anggrek", 5, "Anggota"),
        ],
    );
    let meetings: Vec<Vec<V>> =
        [("Mawar", "10 Februari 2026"), ("Mawar", "10 Maret 2026"), ("Mawar", "15 September 2026")]
            .into_iter()
            .chain([
                ("Anggrek", "1 September 2026"),
                ("Anggrek", "6 Oktober 2026"),
                ("Anggrek", "3 November 2026"),
            ])
            .enumerate()
            .map(|(i, (g, d))| {
                vec![
                    t(g),
                    V::N((i % 3) as f64 + 1.0),
                    t(d),
                    t("1,5 jam"),
                    t("Menetapkan tema dan sasaran"),
                    t("Pembahasan"),
                ]
            })
            .collect();
    let notulen =
        own("NOTULEN", &["Nama KBK", "Pertemuan Ke", "Tanggal", "Lama", "Tahap", "Pembahasan"], meetings);
    let step = |g: &str, name: &str, dates: [&str; 4]| {
        let mut row = vec![t(g), t(name)];
        row.extend(dates.iter().map(|d| if d.is_empty() { V::E } else { t(d) }));
        row
    };
    let jadwal = own(
        "JADWAL DELAPAN LANGKAH",
        &["Nama KBK", "Tahap", "Rencana Mulai", "Rencana Selesai", "Realisasi Mulai", "Realisasi Selesai"],
        vec![
            step(
                "Mawar",
                "Menetapkan tema dan sasaran",
                ["1 Februari 2026", "28 Februari 2026", "10 Februari 2026", "15 Maret 2026"],
            ),
            step(
                "Mawar",
                "Menetapkan faktor penyebab",
                ["16 Maret 2026", "30 April 2026", "20 Maret 2026", ""],
            ),
            step(
                "Anggrek",
                "Penetapan tema",
                ["1 September 2026", "30 September 2026", "1 September 2026", "20 September 2026"],
            ),
            step(
                "Anggrek",
                "Faktor-faktor penyebab",
                ["1 Oktober 2026", "15 November 2026", "1 Oktober 2026", ""],
            ),
        ],
    );
    let capaian = own(
        "CAPAIAN",
        &["Nama KBK", "Tanggal", "Capaian"],
        vec![vec![t("Anggrek"), t("3 November 2026"), V::N(62.0)]],
    );
    write_book(
        path,
        &[
            ("Data KBK", data),
            ("Anggota", anggota),
            ("Notulen", notulen),
            ("Jadwal", jadwal),
            ("Capaian", capaian),
        ],
    );
}

/// The rows of a CSV (RFC 4180, as the tool writes it) as header → value maps.
fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut records: Vec<Vec<String>> = Vec::new();
    let (mut field, mut record, mut quoted) = (String::new(), Vec::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            _ => field.push(c),
        }
    }
    let header = records.remove(0);
    records.into_iter().map(|r| header.iter().cloned().zip(r).collect()).collect()
}

fn num(row: &BTreeMap<String, String>, col: &str) -> Option<f64> {
    let v = &row[col];
    (!v.is_empty()).then(|| v.parse().unwrap())
}

fn close(actual: Option<f64>, expected: f64) {
    let a = actual.unwrap_or(f64::NAN);
    assert!((a - expected).abs() < 1e-6, "{a} != {expected}");
}

#[test]
fn kbk_figures_of_november_for_a_group_in_each_status() {
    let p = Project::new("kbk-metrics");
    dishub(&p.input().join("KBK_DISHUB_2026.xlsx"));
    dlh(&p.input().join("kbk dlh 2026.xlsx"));
    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 0, "{run:?}");
    let rows = csv_rows(&p.output().join("data/kbk_kelompok.csv"));
    let nov: BTreeMap<String, &BTreeMap<String, String>> =
        rows.iter().filter(|r| r["bulan"] == "2026-11").map(|r| (r["kelompok"].clone(), r)).collect();
    assert_eq!(nov.keys().collect::<Vec<_>>(), ["Anggrek", "Dahlia", "Kenanga", "Mawar", "Melati"]);
    let g = |n: &str| nov[n];

    // Melati: 10 meetings this year, 2 in November, target 2 × (March..November) = 18;
    // members present 4 + 3 + 3 of 12 (the guest not counted), November 6 of 8; 8 steps, 7 on
    // plan; (18 − 30) / (15 − 30) = 80 %.
    let m = g("Melati");
    assert_eq!(
        (m["status"].as_str(), m["ketua"].as_str(), m["anggota"].as_str()),
        ("Selesai", "Pegawai 1", "4")
    );
    assert_eq!([&m["pertemuan_bulan"], &m["pertemuan_tahun"], &m["pertemuan_target"]], ["2", "10", "18"]);
    close(num(m, "kehadiran_anggota_tahun"), 10.0 / 12.0);
    close(num(m, "kehadiran_anggota_bulan"), 0.75);
    assert_eq!(m["langkah_terakhir"], "8");
    close(num(m, "kemajuan"), 1.0);
    close(num(m, "tepat_waktu"), 0.875);
    close(num(m, "ketercapaian"), 0.8);
    close(num(m, "skor_komposit"), 0.4 + 0.2 * 0.875 + 0.2 * (10.0 / 12.0) + 0.2 * 0.8);
    assert_eq!(
        (m["nomor_sk"].as_str(), m["berkas"].as_str(), m["lembar"].as_str(), m["sel"].as_str()),
        ("551/1/2026", "KBK_DISHUB_2026.xlsx", "Kelompok", "A5")
    );

    let k = g("Kenanga");
    assert_eq!(
        [&k["status"], &k["anggota"], &k["pertemuan_tahun"], &k["pertemuan_target"]],
        ["Belum mulai", "3", "0", "0"]
    );
    assert_eq!([&k["tepat_waktu"], &k["ketercapaian"], &k["langkah_terakhir"]], ["", "", ""]);

    let d = g("Dahlia");
    assert_eq!(
        [&d["status"], &d["pertemuan_bulan"], &d["pertemuan_target"], &d["langkah_terakhir"]],
        ["Berjalan", "2", "2", "1"]
    );
    close(num(d, "kemajuan"), 0.125);
    close(num(d, "ketercapaian"), 1.5);

    // Mawar last met on 15 September: inactive although a step is late.
    let w = g("Mawar");
    assert_eq!(
        [&w["status"], &w["pertemuan_bulan"], &w["pertemuan_tahun"], &w["pertemuan_target"]],
        ["Tidak aktif", "0", "3", "20"]
    );
    close(num(w, "tepat_waktu"), 0.0);
    assert_eq!(
        (w["ketua"].as_str(), w["berkas"].as_str(), w["lembar"].as_str()),
        ("Staf DLH 1", "kbk dlh 2026.xlsx", "Data KBK")
    );

    // Anggrek: no start date, first met 1 September: 2 × 3; step 2 planned by 15 November.
    let a = g("Anggrek");
    assert_eq!(
        [&a["status"], &a["pertemuan_bulan"], &a["pertemuan_tahun"], &a["pertemuan_target"]],
        ["Terlambat", "1", "3", "6"]
    );
    close(num(a, "ketercapaian"), 0.4);
    close(num(a, "tepat_waktu"), 1.0);

    // The meeting and step data, with lineage.
    let meetings = csv_rows(&p.output().join("data/kbk_pertemuan.csv"));
    assert_eq!(meetings.len(), 10 + 2 + 3 + 3);
    let steps = csv_rows(&p.output().join("data/kbk_langkah.csv"));
    assert_eq!(steps.len(), 8 + 1 + 2 + 2 + 2);
    let anggrek2 = steps.iter().find(|s| s["kelompok"] == "Anggrek" && s["langkah"] == "2").unwrap();
    assert_eq!((anggrek2["rencana_selesai"].as_str(), anggrek2["lembar"].as_str()), ("2026-11-15", "Jadwal"));

    // The workbook's unit figures: DISHUB 9 members of its 20 staff; DLH has no roster and no
    // attendance records in November, so no coverage.
    let mut book = p.report_xlsx("2026-11");
    let units = book.table("KBK Unit", "Kode Unit");
    let dishub = units.row("Kode Unit", "DISHUB");
    assert_eq!(units.num(dishub, "Kelompok"), 3.0);
    assert_eq!(units.num(dishub, "Kelompok Aktif"), 2.0);
    assert_eq!(units.num(dishub, "Anggota"), 9.0);
    crate::common::assert_close(units.num(dishub, "Cakupan"), 0.45);
}

/// The same figures when the daftar hadir has a column per meeting date.
#[test]
fn a_daftar_hadir_by_meeting_dates_gives_the_same_attendance() {
    let p = Project::new("kbk-by-dates");
    dishub_with(&p.input().join("KBK_DISHUB_2026.xlsx"), true);
    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 0, "{run:?}");
    let rows = csv_rows(&p.output().join("data/kbk_kelompok.csv"));
    let melati = rows.iter().find(|r| r["bulan"] == "2026-11" && r["kelompok"] == "Melati").unwrap();
    close(num(melati, "kehadiran_anggota_tahun"), 10.0 / 12.0);
    close(num(melati, "kehadiran_anggota_bulan"), 0.75);
    let mut book = p.report_xlsx("2026-11");
    let berkas = book.table("Berkas", "Berkas");
    let sheet = berkas.rows.iter().find(|r| berkas.text(r, "Lembar") == "Daftar Hadir").unwrap();
    assert_eq!(berkas.text(sheet, "Jenis"), "Kehadiran KBK");
    // November's records: 4 members × 2 meetings + the guest.
    assert_eq!(berkas.num(sheet, "Dibaca"), 9.0);
    let kegiatan = book.table("Kegiatan", "Kegiatan");
    let melati = kegiatan.row("Kelompok", "Melati");
    assert_eq!(kegiatan.text(melati, "Kegiatan"), "KBK");
    assert_eq!(kegiatan.num(melati, "Pertemuan"), 2.0);
}

#[test]
fn kbk_warnings_reach_the_masalah_sheet() {
    let p = Project::new("kbk-warnings");
    dishub(&p.input().join("KBK_DISHUB_2026.xlsx"));
    dlh(&p.input().join("kbk dlh 2026.xlsx"));
    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 0, "{run:?}");
    let mut book = p.report_xlsx("2026-11");
    let masalah = book.table("Masalah", "Berkas");
    let found: Vec<(String, String, String)> = masalah
        .rows
        .iter()
        .map(|r| (masalah.text(r, "Lembar"), masalah.text(r, "Sel"), masalah.text(r, "Masalah")))
        .collect();
    let has = |sheet: &str, cell: &str, text: &str| {
        found.iter().any(|(s, c, m)| s == sheet && c == cell && m.contains(text))
    };
    // Pegawai 4 is in Melati and Dahlia (row 13 of Anggota, at the name).
    assert!(has("Anggota", "C13", "sudah menjadi anggota kelompok Melati"), "{found:#?}");
    // Teratai (formed in December) has no members yet: said at its row of Kelompok.
    assert!(has("Kelompok", "A8", "kelompok Teratai beranggota 0 orang"), "{found:#?}");
    assert!(has("Kelompok", "A8", "kelompok Teratai tidak mempunyai ketua"), "{found:#?}");
    // The guest at Melati's meeting of 10 November.
    assert!(
        found
            .iter()
            .any(|(s, _, m)| s == "Daftar Hadir"
                && m.contains("Tamu tercatat hadir di pertemuan kelompok Melati")),
        "{found:#?}"
    );
    // Mawar's meeting of 10 February is before its start? No: 1 February. None outside.
    assert!(!found.iter().any(|(_, _, m)| m.contains("di luar periode")), "{found:#?}");
}
