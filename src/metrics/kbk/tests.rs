//! The §11.2 figures of five groups, one per status, as of 30 November 2026, against values
//! worked out by hand in the comments.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::ground::kbk::{KbkData, KbkGroup, KbkMeeting, KbkMember, KbkResult, KbkStep, Peran};
use crate::ground::model::{AttendanceRecord, Person, Provenance, RosterEntry, StatusCode, YearMonth};
use crate::ground::settings::Settings;
use crate::metrics::Figures;
use crate::metrics::figures::{KbkStatus, StepState};
use crate::reconcile::Reconciled;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn prov() -> Provenance {
    Provenance { file: Arc::from("kbk.xlsx"), sheet: Arc::from("S"), row: 1, col: 1 }
}

fn person(key: &str) -> Person {
    Person { key: key.into(), nip: None, nama: format!("Pegawai {key}") }
}

fn group(unit: &str, nama: &str, mulai: Option<NaiveDate>, awal_target: Option<(f64, f64)>) -> KbkGroup {
    KbkGroup {
        unit: unit.into(),
        nama: nama.into(),
        no_sk: format!("SK/{nama}"),
        tanggal_sk: mulai.or(Some(d(10, 1))),
        fasilitator: String::new(),
        tema: format!("Tema {nama}"),
        indikator: "Waktu tunggu".into(),
        satuan: "menit".into(),
        nilai_awal: awal_target.map(|x| x.0),
        target: awal_target.map(|x| x.1),
        tanggal_mulai: mulai,
        tanggal_selesai: Some(d(12, 31)),
        prov: prov(),
    }
}

fn member(unit: &str, kelompok: &str, key: &str, peran: Peran) -> KbkMember {
    KbkMember { unit: unit.into(), kelompok: kelompok.into(), person: person(key), peran, prov: prov() }
}

fn meeting(unit: &str, kelompok: &str, tanggal: NaiveDate) -> KbkMeeting {
    KbkMeeting {
        unit: unit.into(),
        kelompok: kelompok.into(),
        ke: None,
        tanggal,
        durasi: Some(60),
        langkah: None,
        agenda: String::new(),
        hasil: String::new(),
        prov: prov(),
    }
}

type Dates = (Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>);

fn step(unit: &str, kelompok: &str, langkah: u8, (rm, rs, xm, xs): Dates) -> KbkStep {
    KbkStep {
        unit: unit.into(),
        kelompok: kelompok.into(),
        langkah,
        rencana_mulai: rm,
        rencana_selesai: rs,
        realisasi_mulai: xm,
        realisasi_selesai: xs,
        keterangan: String::new(),
        prov: prov(),
    }
}

fn result(unit: &str, kelompok: &str, tanggal: NaiveDate, nilai: f64) -> KbkResult {
    KbkResult {
        unit: unit.into(),
        kelompok: kelompok.into(),
        tanggal,
        nilai,
        manfaat: String::new(),
        prov: prov(),
    }
}

fn hadir(unit: &str, kelompok: &str, key: &str, date: NaiveDate, code: StatusCode) -> AttendanceRecord {
    AttendanceRecord {
        person: Arc::new(person(key)),
        unit: Arc::from(unit),
        date,
        code,
        menit_terlambat: 0,
        kegiatan: "KBK".into(),
        kelompok: kelompok.into(),
        prov: prov(),
        clock: None,
    }
}

fn roster(unit: &str, n: usize) -> Vec<RosterEntry> {
    (0..n)
        .map(|i| RosterEntry {
            nip: Some(format!("{unit}{i:0>12}")),
            nama: format!("{unit} {i}"),
            unit: unit.into(),
            jabatan: String::new(),
            status_pegawai: String::new(),
            id_mesin: None,
            shift: None,
            mulai: None,
            berhenti: None,
            prov: prov(),
        })
        .collect()
}

/// Melati (Selesai), Kenanga (Belum mulai), Dahlia (Berjalan) in DISHUB; Mawar (Tidak aktif)
/// and Anggrek (Terlambat) in DLH; Teratai (DISHUB) is formed after November.
fn scenario() -> Reconciled {
    let mut kbk = KbkData {
        groups: vec![
            group("DISHUB", "Melati", Some(d(3, 10)), Some((30.0, 15.0))),
            KbkGroup { tanggal_sk: Some(d(10, 1)), ..group("DISHUB", "Kenanga", Some(d(12, 1)), None) },
            group("DISHUB", "Dahlia", Some(d(11, 2)), Some((10.0, 20.0))),
            group("DLH", "Mawar", Some(d(2, 1)), None),
            group("DLH", "KBK Anggrek", None, Some((50.0, 80.0))),
            KbkGroup {
                tanggal_sk: Some(d(12, 5)),
                ..group("DISHUB", "Teratai", Some(NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()), None)
            },
        ],
        ..KbkData::default()
    };
    kbk.members = [
        ("Melati", "P1", Peran::Ketua),
        ("Melati", "P2", Peran::Sekretaris),
        ("Melati", "P3", Peran::Anggota),
    ]
    .into_iter()
    .chain([("Melati", "P4", Peran::Anggota), ("Melati", "F", Peran::Fasilitator)])
    .chain([
        ("Kenanga", "P5", Peran::Ketua),
        ("Kenanga", "P6", Peran::Anggota),
        ("Kenanga", "P7", Peran::Anggota),
    ])
    .chain([
        ("Dahlia", "P4", Peran::Ketua),
        ("Dahlia", "P8", Peran::Anggota),
        ("Dahlia", "P9", Peran::Anggota),
    ])
    .map(|(g, k, p)| member("DISHUB", g, k, p))
    .chain(
        [("Mawar", "Q1"), ("Mawar", "Q2"), ("Anggrek", "Q3"), ("Anggrek", "Q4"), ("Anggrek", "Q5")]
            .map(|(g, k)| member("DLH", g, k, Peran::Anggota)),
    )
    .collect();
    let melati_meetings =
        [(3, 10), (4, 14), (5, 12), (6, 9), (7, 14), (8, 11), (9, 8), (10, 13), (11, 10), (11, 24)];
    kbk.meetings = melati_meetings.iter().map(|&(m, x)| meeting("DISHUB", "Melati", d(m, x))).collect();
    kbk.meetings.extend([(11, 2), (11, 16)].map(|(m, x)| meeting("DISHUB", "Dahlia", d(m, x))));
    kbk.meetings.extend([(2, 10), (3, 10), (9, 15)].map(|(m, x)| meeting("DLH", "Mawar", d(m, x))));
    kbk.meetings.extend([(9, 1), (10, 6), (11, 3)].map(|(m, x)| meeting("DLH", "Anggrek", d(m, x))));
    // Melati: all eight finished; step 2 after its plan (7 of 8 on time).
    for n in 1..=8u8 {
        let month = 2 + u32::from(n); // step n planned to end in month 2+n
        let end = if n == 8 { d(11, 30) } else { d(month, 28) };
        let done = if n == 2 {
            d(5, 5)
        } else if n == 8 {
            d(11, 20)
        } else {
            d(month, 20)
        };
        kbk.steps.push(step(
            "DISHUB",
            "Melati",
            n,
            (Some(d(month, 1)), Some(end), Some(d(month, 2)), Some(done)),
        ));
    }
    kbk.steps.push(step("DISHUB", "Kenanga", 1, (Some(d(12, 1)), Some(d(12, 20)), None, None)));
    kbk.steps.push(step(
        "DISHUB",
        "Dahlia",
        1,
        (Some(d(11, 2)), Some(d(11, 20)), Some(d(11, 2)), Some(d(11, 16))),
    ));
    kbk.steps.push(step("DISHUB", "Dahlia", 2, (Some(d(11, 17)), Some(d(12, 10)), Some(d(11, 17)), None)));
    kbk.steps.push(step("DLH", "Mawar", 1, (Some(d(2, 1)), Some(d(2, 28)), Some(d(2, 10)), Some(d(3, 15)))));
    kbk.steps.push(step("DLH", "Mawar", 2, (Some(d(3, 16)), Some(d(4, 30)), Some(d(3, 20)), None)));
    kbk.steps.push(step("DLH", "Anggrek", 1, (Some(d(9, 1)), Some(d(9, 30)), Some(d(9, 1)), Some(d(9, 20)))));
    kbk.steps.push(step("DLH", "Anggrek", 2, (Some(d(10, 1)), Some(d(11, 15)), Some(d(10, 1)), None)));
    kbk.results = vec![
        result("DISHUB", "Melati", d(6, 30), 25.0),
        result("DISHUB", "Melati", d(10, 31), 18.0),
        result("DISHUB", "Melati", d(12, 15), 10.0),
        result("DLH", "Anggrek", d(11, 3), 62.0),
        result("DISHUB", "Dahlia", d(11, 25), 40.0),
    ];
    use StatusCode::*;
    let mut attendance = Vec::new();
    for (date, codes) in [(d(10, 13), [H, H, H, H]), (d(11, 10), [H, H, S, H]), (d(11, 24), [H, H, H, TK])] {
        for (key, code) in ["P1", "P2", "P3", "P4"].into_iter().zip(codes) {
            attendance.push(hadir("DISHUB", "melati", key, date, code));
        }
    }
    // Not a member: not counted.
    attendance.push(hadir("DISHUB", "Melati", "X9", d(11, 10), H));
    let mut roster = roster("DISHUB", 20);
    roster.extend(self::roster("DLH", 10));
    Reconciled { kbk, attendance, roster, ..Reconciled::default() }
}

#[test]
fn figures_per_group_in_each_status() {
    let settings = Settings::embedded().unwrap();
    let rec = scenario();
    let figures = Figures::compute(&rec, &settings).unwrap();
    let report = figures.kbk_report(YearMonth::new(2026, 11).unwrap());
    assert!(report.ada_data);
    let names: Vec<&str> = report.groups.iter().map(|g| g.kelompok.as_str()).collect();
    // Configuration order (DISHUB before DLH), then by name; Teratai does not exist yet.
    let dishub_first = settings.config.unit.iter().position(|u| u.kode == "DISHUB")
        < settings.config.unit.iter().position(|u| u.kode == "DLH");
    let want: Vec<&str> = if dishub_first {
        vec!["Dahlia", "Kenanga", "Melati", "Anggrek", "Mawar"]
    } else {
        vec!["Anggrek", "Mawar", "Dahlia", "Kenanga", "Melati"]
    };
    assert_eq!(names, want);
    let g = |n: &str| report.groups.iter().find(|g| g.kelompok == n).unwrap();

    // Melati: 10 meetings this year, 2 in November; target 2 × (March..November = 9) = 18.
    let melati = g("Melati");
    assert_eq!(melati.status, KbkStatus::Selesai);
    assert_eq!((melati.anggota, melati.ketua.as_str()), (4, "Pegawai P1"));
    assert_eq!((melati.pertemuan_bulan, melati.pertemuan_tahun, melati.pertemuan_target), (2, 10, 18));
    // Members present 4 + 3 + 3 = 10 of 12 records; November 6 of 8.
    assert_eq!(melati.kehadiran_anggota, Some(10.0 / 12.0));
    assert_eq!(melati.kehadiran_bulan, Some(0.75));
    assert_eq!((melati.langkah_terakhir, melati.kemajuan, melati.tepat_waktu), (Some(8), 1.0, Some(0.875)));
    // Last measurement by 30 Nov is 18: (18 − 30) / (15 − 30) = 0.8.
    assert!((melati.ketercapaian.unwrap() - 0.8).abs() < 1e-12);
    assert_eq!(melati.langkah[1], StepState::Selesai(d(5, 5)));
    assert!(melati.aktif);

    let kenanga = g("Kenanga");
    assert_eq!(kenanga.status, KbkStatus::BelumMulai);
    assert_eq!((kenanga.pertemuan_tahun, kenanga.pertemuan_target, kenanga.anggota), (0, 0, 3));
    assert_eq!((kenanga.kemajuan, kenanga.tepat_waktu, kenanga.ketercapaian), (0.0, None, None));
    assert_eq!(kenanga.langkah, [StepState::Kosong; 8]);

    let dahlia = g("Dahlia");
    assert_eq!(dahlia.status, KbkStatus::Berjalan);
    assert_eq!((dahlia.pertemuan_bulan, dahlia.pertemuan_tahun, dahlia.pertemuan_target), (2, 2, 2));
    assert_eq!((dahlia.langkah_terakhir, dahlia.kemajuan, dahlia.tepat_waktu), (Some(1), 0.125, Some(1.0)));
    // (40 − 10) / (20 − 10) = 3, capped at 150 %.
    assert_eq!(dahlia.ketercapaian, Some(1.5));
    assert_eq!(dahlia.langkah[1], StepState::Berjalan);
    assert_eq!(dahlia.kehadiran_anggota, None);

    // Mawar: last met in September: inactive in October–November, although step 2 is late.
    let mawar = g("Mawar");
    assert_eq!(mawar.status, KbkStatus::TidakAktif);
    assert!(!mawar.aktif);
    assert_eq!((mawar.pertemuan_bulan, mawar.pertemuan_tahun, mawar.pertemuan_target), (0, 3, 20));
    assert_eq!((mawar.tepat_waktu, mawar.langkah[1]), (Some(0.0), StepState::Terlambat));

    // Anggrek: no start date, first met 1 September: target 2 × 3; step 2 planned by 15 Nov.
    let anggrek = g("Anggrek");
    assert_eq!(anggrek.status, KbkStatus::Terlambat);
    assert_eq!((anggrek.pertemuan_bulan, anggrek.pertemuan_tahun, anggrek.pertemuan_target), (1, 3, 6));
    assert!((anggrek.ketercapaian.unwrap() - 0.4).abs() < 1e-12);

    // Composite: 0.4 × 1 + 0.2 × 0.875 + 0.2 × 10/12 + 0.2 × 0.8 for Melati, the best.
    let want = 0.4 + 0.2 * 0.875 + 0.2 * (10.0 / 12.0) + 0.2 * 0.8;
    assert!((melati.skor_komposit - want).abs() < 1e-12);
    assert_eq!(melati.peringkat_komposit, Some(1));
    assert_eq!(report.groups_by_rank()[0].kelompok, "Melati");
}

#[test]
fn figures_per_unit_and_city() {
    let settings = Settings::embedded().unwrap();
    let rec = scenario();
    let figures = Figures::compute(&rec, &settings).unwrap();
    let report = figures.kbk_report(YearMonth::new(2026, 11).unwrap());
    let u = |k: &str| report.units.iter().find(|u| u.kode == k).unwrap();
    // DISHUB: P1–P9 over three groups (P4 in two), fasilitator not counted; roster of 20.
    assert_eq!((u("DISHUB").kelompok, u("DISHUB").kelompok_aktif, u("DISHUB").anggota), (3, 2, 9));
    assert_eq!((u("DISHUB").pegawai, u("DISHUB").cakupan), (20, Some(0.45)));
    assert_eq!(u("DISHUB").per_status, [1, 1, 0, 0, 1]);
    assert_eq!(
        (u("DLH").kelompok, u("DLH").kelompok_aktif, u("DLH").anggota, u("DLH").cakupan),
        (2, 1, 5, Some(0.5))
    );
    assert_eq!(report.units.len(), settings.config.unit.len());
    assert_eq!(report.units_without_group().count(), settings.config.unit.len() - 2);
    let c = &report.city;
    assert_eq!((c.kelompok, c.kelompok_aktif, c.unit_berkelompok, c.anggota, c.pegawai), (5, 3, 2, 14, 30));
    assert_eq!(c.cakupan, Some(14.0 / 30.0));
    assert_eq!(c.kehadiran_anggota, Some(10.0 / 12.0));
    assert_eq!(c.per_status, [1, 1, 1, 1, 1]);
    // Current step: Kenanga none; Dahlia, Mawar, Anggrek at 1; Melati at 8.
    assert_eq!(c.per_langkah, [1, 3, 0, 0, 0, 0, 0, 0, 1]);
}

#[test]
fn an_earlier_month_sees_the_state_of_then() {
    let settings = Settings::embedded().unwrap();
    let rec = scenario();
    let figures = Figures::compute(&rec, &settings).unwrap();
    let report = figures.kbk_report(YearMonth::new(2026, 6).unwrap());
    let names: Vec<&str> = report.groups.iter().map(|g| g.kelompok.as_str()).collect();
    // In June only Melati and Mawar existed (Kenanga's SK is dated 1 October).
    assert_eq!(names.len(), 2, "{names:?}");
    let melati = report.groups.iter().find(|g| g.kelompok == "Melati").unwrap();
    // Steps 1–4 finished by 30 June (step 4 on 20 June); meetings March–June: 4, target 2 × 4.
    assert_eq!((melati.langkah_terakhir, melati.pertemuan_tahun, melati.pertemuan_target), (Some(4), 4, 8));
    assert_eq!(melati.status, KbkStatus::Berjalan);
    assert!((melati.ketercapaian.unwrap() - (25.0 - 30.0) / (15.0 - 30.0)).abs() < 1e-12);
}

#[test]
fn risalah_of_a_group() {
    let settings = Settings::embedded().unwrap();
    let rec = scenario();
    let figures = Figures::compute(&rec, &settings).unwrap();
    let now = d(12, 4).and_hms_opt(9, 0, 0).unwrap();
    let r = figures.risalah(YearMonth::new(2026, 11).unwrap(), "DISHUB", "kbk melati", now).unwrap();
    let roles: Vec<(&str, &str)> = r.members.iter().map(|m| (m.nama.as_str(), m.peran.as_str())).collect();
    assert_eq!(
        roles,
        [
            ("Pegawai P1", "Ketua"),
            ("Pegawai P2", "Sekretaris"),
            ("Pegawai P3", "Anggota"),
            ("Pegawai P4", "Anggota")
        ]
    );
    assert_eq!(r.meetings.len(), 10);
    assert_eq!(r.meetings.last().map(|m| (m.tanggal, m.hadir)), Some((d(11, 24), Some((3, 4)))));
    assert_eq!(r.steps.len(), 8);
    assert_eq!(r.results.len(), 2, "the December measurement is after 30 November");
    assert_eq!(r.rata_rata_durasi, Some(60.0));
    assert_eq!(r.row.fasilitator, "Pegawai F");
    assert!(figures.risalah(YearMonth::new(2026, 11).unwrap(), "DLH", "Melati", now).is_none());
    let groups = figures.kbk_groups();
    assert_eq!(groups.len(), 6);
    assert!(groups.contains(&("DLH".to_string(), "Anggrek".to_string())));
}

#[test]
fn juri_scores_rank_per_category_with_the_configured_weights() {
    use crate::ground::kbk::KbkScore;
    use crate::ground::settings::Kriteria;
    let mut settings = Settings::embedded().unwrap();
    settings.config.kbk.penilaian = vec![
        Kriteria { kriteria: "Pemilihan tema".into(), bobot: 0.25 },
        Kriteria { kriteria: "Analisis penyebab".into(), bobot: 0.75 },
    ];
    let score =
        |unit: &str, kelompok: &str, kategori: &str, kriteria: &str, juri: &str, nilai: f64| KbkScore {
            unit: unit.into(),
            kelompok: kelompok.into(),
            kategori: kategori.into(),
            kriteria: kriteria.into(),
            juri: juri.into(),
            nilai,
            prov: prov(),
        };
    let mut rec = scenario();
    rec.kbk.scores = vec![
        // Melati, Prestasi: tema (80 + 90) / 2 = 85, penyebab 70 → 0.25 × 85 + 0.75 × 70 = 73.75.
        score("DISHUB", "Melati", "Prestasi", "Pemilihan tema", "Juri 1", 80.0),
        score("DISHUB", "Melati", "Prestasi", "pemilihan  TEMA", "Juri 2", 90.0),
        score("DISHUB", "Melati", "Prestasi", "Analisis penyebab", "Juri 1", 70.0),
        // Anggrek, Prestasi: only tema scored → 60 over the weight scored; penyebab unscored.
        score("DLH", "Anggrek", "Prestasi", "Pemilihan tema", "Juri 1", 60.0),
        // Dahlia, Kreatif: 0.25 × 50 + 0.75 × 90 = 80.
        score("DISHUB", "Dahlia", "Kreatif", "Pemilihan tema", "Juri 1", 50.0),
        score("DISHUB", "Dahlia", "Kreatif", "Analisis penyebab", "Juri 1", 90.0),
    ];
    let figures = Figures::compute(&rec, &settings).unwrap();
    let report = figures.kbk_report(YearMonth::new(2026, 11).unwrap());
    let rows: Vec<(&str, u32, &str, f64, usize)> = report
        .contest
        .iter()
        .map(|c| (c.kategori.as_str(), c.peringkat, c.kelompok.as_str(), c.skor, c.kriteria_kosong.len()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Kreatif", 1, "Dahlia", 80.0, 0),
            ("Prestasi", 1, "Melati", 73.75, 0),
            ("Prestasi", 2, "Anggrek", 60.0, 1)
        ]
    );
    assert_eq!(report.contest[2].kriteria_kosong, ["Analisis penyebab"]);
    // Without criteria configured, scores rank nothing (reconcile warns about them).
    let plain = Settings::embedded().unwrap();
    let figures = Figures::compute(&rec, &plain).unwrap();
    assert!(figures.kbk_report(YearMonth::new(2026, 11).unwrap()).contest.is_empty());
}
