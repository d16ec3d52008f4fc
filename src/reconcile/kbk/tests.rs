//! Settling and checking KBK records (SPEC §11.1): revisions, undefined groups, future
//! meetings, and every cross-record warning with its cell.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;

use crate::ground::kbk::{KbkGroup, KbkMeeting, KbkMember, KbkRecord, KbkStep, Peran};
use crate::ground::model::{AttendanceRecord, Level, Person, Provenance, RosterEntry, StatusCode};
use crate::ground::settings::Settings;
use crate::ingest::detect::Layout;
use crate::ingest::layout::{Outcome, SheetOutput};
use crate::ingest::{FileResult, SheetResult, SheetStatus};
use crate::reconcile::{Reconciled, reconcile_on};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(12, 4)
}

fn prov(file: &str, row: u32) -> Provenance {
    Provenance { file: Arc::from(file), sheet: Arc::from("KBK"), row, col: 1 }
}

fn group(nama: &str, no_sk: &str, row: u32) -> KbkRecord {
    KbkRecord::Group(KbkGroup {
        unit: "DISHUB".into(),
        nama: nama.into(),
        no_sk: no_sk.into(),
        tanggal_sk: Some(d(1, 5)),
        fasilitator: "Ir. Fasil".into(),
        tema: "Antrean".into(),
        indikator: String::new(),
        satuan: String::new(),
        nilai_awal: None,
        target: None,
        tanggal_mulai: Some(d(2, 1)),
        tanggal_selesai: Some(d(11, 30)),
        prov: prov("x", row),
    })
}

fn person(key: &str, nip: Option<&str>) -> Person {
    Person { key: key.into(), nip: nip.map(String::from), nama: format!("Nama {key}") }
}

fn member(kelompok: &str, key: &str, nip: Option<&str>, peran: Peran, row: u32) -> KbkRecord {
    KbkRecord::Member(KbkMember {
        unit: "DISHUB".into(),
        kelompok: kelompok.into(),
        person: person(key, nip),
        peran,
        prov: prov("x", row),
    })
}

fn meeting(kelompok: &str, tanggal: NaiveDate, row: u32) -> KbkRecord {
    KbkRecord::Meeting(KbkMeeting {
        unit: "DISHUB".into(),
        kelompok: kelompok.into(),
        ke: None,
        tanggal,
        durasi: None,
        langkah: None,
        agenda: String::new(),
        hasil: String::new(),
        prov: prov("x", row),
    })
}

fn step(langkah: u8, mulai: NaiveDate, selesai: Option<NaiveDate>, row: u32) -> KbkRecord {
    KbkRecord::Step(KbkStep {
        unit: "DISHUB".into(),
        kelompok: "Melati".into(),
        langkah,
        rencana_mulai: None,
        rencana_selesai: None,
        realisasi_mulai: Some(mulai),
        realisasi_selesai: selesai,
        keterangan: String::new(),
        prov: prov("x", row),
    })
}

fn file(rel: &str, modified: u64, outcomes: Vec<Outcome>) -> FileResult {
    let outcomes = outcomes
        .into_iter()
        .map(|o| match o {
            Outcome::Kbk(mut k) => {
                set_file(&mut k, rel);
                Outcome::Kbk(k)
            }
            Outcome::Attendance(mut a) => {
                a.prov.file = Arc::from(rel);
                Outcome::Attendance(a)
            }
            other => other,
        })
        .collect();
    FileResult {
        rel: rel.into(),
        size: 1,
        modified: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(modified)),
        skip: None,
        skip_harmless: false,
        format: None,
        sheets: vec![SheetResult {
            name: "KBK".into(),
            status: SheetStatus::Read { layout: Layout::AttendanceLong, unit: None, month: None },
            output: SheetOutput { outcomes, issues: Vec::new() },
        }],
        issues: Vec::new(),
        name_month: None,
    }
}

fn set_file(k: &mut KbkRecord, rel: &str) {
    let p = match k {
        KbkRecord::Group(x) => &mut x.prov,
        KbkRecord::Member(x) => &mut x.prov,
        KbkRecord::Meeting(x) => &mut x.prov,
        KbkRecord::Step(x) => &mut x.prov,
        KbkRecord::Result(x) => &mut x.prov,
        KbkRecord::Score(x) => &mut x.prov,
    };
    p.file = Arc::from(rel);
}

fn kbk(r: KbkRecord) -> Outcome {
    Outcome::Kbk(Box::new(r))
}

fn attendance(key: &str, kelompok: &str, date: NaiveDate, row: u32) -> Outcome {
    Outcome::Attendance(AttendanceRecord {
        person: Arc::new(person(key, None)),
        unit: Arc::from("DISHUB"),
        date,
        code: StatusCode::H,
        menit_terlambat: 0,
        kegiatan: "Pertemuan KBK".into(),
        kelompok: kelompok.into(),
        prov: prov("x", row),
        clock: None,
    })
}

fn run(files: Vec<FileResult>, roster: &[RosterEntry]) -> Reconciled {
    let mut settings = Settings::embedded().unwrap();
    settings.config.kbk.min_anggota = 2;
    let mut files = files;
    if !roster.is_empty() {
        files.push(FileResult {
            sheets: vec![SheetResult {
                name: "Pegawai".into(),
                status: SheetStatus::Read { layout: Layout::Roster, unit: None, month: None },
                output: SheetOutput {
                    outcomes: roster.iter().cloned().map(Outcome::Roster).collect(),
                    issues: Vec::new(),
                },
            }],
            ..file("roster.xlsx", 1, Vec::new())
        });
    }
    reconcile_on(files, &settings, today())
}

fn messages(r: &Reconciled) -> Vec<(String, String, Level, String)> {
    r.issues.iter().map(|i| (i.file.clone(), i.cell.clone(), i.level, i.message.clone())).collect()
}

fn ledger_holds(r: &Reconciled) {
    for l in &r.ledger {
        assert_eq!(l.read, l.accepted + l.rejected + l.duplicates + l.overridden, "{l:?}");
    }
}

#[test]
fn a_group_defined_twice_with_another_sk_is_a_revision() {
    let old = file("lama.xlsx", 10, vec![kbk(group("Melati", "800/1/2026", 2))]);
    let new =
        file("baru.xlsx", 20, vec![kbk(group("KBK Melati", "800/7/2026", 3)), kbk(group("Mawar", "1", 4))]);
    let r = run(vec![old, new], &[]);
    let sks: Vec<&str> = r.kbk.groups.iter().map(|g| g.no_sk.as_str()).collect();
    assert_eq!(sks, ["800/7/2026", "1"]);
    let overridden: u64 = r.ledger.iter().map(|l| l.overridden).sum();
    assert_eq!(overridden, 1);
    let revised = r.issues.iter().find(|i| i.message.starts_with("direvisi")).unwrap();
    assert_eq!((revised.file.as_str(), revised.cell.as_str()), ("lama.xlsx", "B3"));
    assert!(revised.message.contains("baru.xlsx lembar KBK sel B4"), "{}", revised.message);
    // The same definition sent again is a duplicate, without a warning.
    let again = run(
        vec![
            file("a.xlsx", 10, vec![kbk(group("Melati", "1", 2))]),
            file("b.xlsx", 20, vec![kbk(group("Melati", "1", 2))]),
        ],
        &[],
    );
    assert_eq!(again.ledger.iter().map(|l| l.duplicates).sum::<u64>(), 1);
    assert!(!again.issues.iter().any(|i| i.message.starts_with("direvisi")));
    ledger_holds(&r);
}

#[test]
fn records_of_an_undefined_group_are_rejected_with_the_closest_names() {
    let outcomes = vec![
        kbk(group("Melati", "1", 2)),
        kbk(group("Mawar", "2", 3)),
        kbk(member("Melatii", "P1", None, Peran::Ketua, 10)),
        kbk(meeting("Anggrek", d(3, 3), 11)),
        attendance("P1", "Melat", d(3, 3), 12),
        // Not KBK attendance: no group needed.
        Outcome::Attendance(AttendanceRecord {
            kegiatan: "Apel".into(),
            kelompok: "Regu 1".into(),
            ..match attendance("P1", "x", d(3, 4), 13) {
                Outcome::Attendance(a) => a,
                _ => unreachable!(),
            }
        }),
    ];
    let r = run(vec![file("k.xlsx", 1, outcomes)], &[]);
    assert!(r.kbk.members.is_empty() && r.kbk.meetings.is_empty());
    assert_eq!(r.attendance.len(), 1);
    let rejected: Vec<(String, String)> = r
        .issues
        .iter()
        .filter(|i| i.level == Level::Tolak)
        .map(|i| (i.cell.clone(), i.message.clone()))
        .collect();
    assert_eq!(rejected.len(), 3, "{rejected:?}");
    assert_eq!(rejected[0].0, "B11");
    assert!(rejected[0].1.contains("Mungkin yang dimaksud: Melati; Mawar"), "{}", rejected[0].1);
    assert_eq!(rejected[1].0, "B12");
    assert_eq!(rejected[2].0, "B13");
    assert_eq!(r.ledger.iter().map(|l| l.rejected).sum::<u64>(), 3);
    ledger_holds(&r);
    // A unit without any group is told to add the Kelompok sheet.
    let lone = run(vec![file("k.xlsx", 1, vec![kbk(meeting("Melati", d(3, 3), 2))])], &[]);
    assert!(
        lone.issues[0].message.contains("template --kind kbk --unit DISHUB"),
        "{}",
        lone.issues[0].message
    );
}

#[test]
fn a_meeting_after_today_is_rejected() {
    let outcomes = vec![
        kbk(group("Melati", "1", 2)),
        kbk(meeting("Melati", d(12, 4), 10)),
        kbk(meeting("Melati", d(12, 5), 11)),
    ];
    let r = run(vec![file("k.xlsx", 1, outcomes)], &[]);
    assert_eq!(r.kbk.meetings.len(), 1);
    let future = r.issues.iter().find(|i| i.level == Level::Tolak).unwrap();
    assert_eq!(future.cell, "B12");
    assert!(future.message.contains("5 Desember 2026 belum terjadi"), "{}", future.message);
    ledger_holds(&r);
}

#[test]
fn cross_record_warnings_name_their_cells() {
    let roster = vec![RosterEntry {
        nip: Some("198501012010011002".into()),
        nama: "Nama P2".into(),
        unit: "DLH".into(),
        jabatan: String::new(),
        status_pegawai: String::new(),
        id_mesin: None,
        shift: None,
        mulai: None,
        berhenti: None,
        prov: prov("roster.xlsx", 1),
    }];
    let outcomes = vec![
        kbk(group("Melati", "1", 2)),
        kbk(group("Mawar", "2", 3)),
        // Melati: P1 ketua, P2 (another unit's), P3 (not on the roster).
        kbk(member("Melati", "P1", None, Peran::Ketua, 10)),
        kbk(member("Melati", "198501012010011002", Some("198501012010011002"), Peran::Anggota, 11)),
        kbk(member("Melati", "P3", None, Peran::Anggota, 12)),
        // Mawar: one member, no ketua, and P1 again.
        kbk(member("Mawar", "P1", None, Peran::Anggota, 13)),
        kbk(meeting("Melati", d(1, 20), 20)),
        kbk(step(1, d(2, 1), Some(d(3, 1)), 30)),
        kbk(step(2, d(2, 20), Some(d(2, 25)), 31)),
        kbk(step(3, d(3, 10), None, 32)),
        kbk(step(4, d(2, 1), Some(d(3, 5)), 33)),
        attendance("P9", "Melati", d(3, 3), 40),
        attendance("P9", "Melati", d(3, 10), 41),
    ];
    let r = run(vec![file("k.xlsx", 1, outcomes)], &roster);
    let found = messages(&r);
    let at = |cell: &str, text: &str| {
        found
            .iter()
            .any(|(f, c, l, m)| f == "k.xlsx" && c == cell && *l == Level::Peringatan && m.contains(text))
    };
    assert!(at("B4", "kelompok Mawar beranggota 1 orang"), "{found:#?}");
    assert!(at("B4", "tidak mempunyai ketua"), "{found:#?}");
    assert!(at("B12", "terdaftar di Daftar Pegawai unit DLH"), "{found:#?}");
    assert!(!at("B13", "Daftar Pegawai"), "the roster lists no DISHUB staff: no check");
    assert!(at("B14", "sudah menjadi anggota kelompok Melati"), "{found:#?}");
    assert!(at("B21", "di luar periode kelompok Melati"), "{found:#?}");
    // Step 4 finished on 5 March, before step 3 started on 10 March.
    assert!(at("B34", "langkah 4 selesai 5 Maret 2026 sebelum langkah 3 dimulai"), "{found:#?}");
    // Step 2 finished 25 Feb, after step 1 started: fine.
    assert!(!found.iter().any(|(_, c, _, _)| c == "B32"));
    // The non-member's attendance: one warning, at the first record.
    assert!(at("B41", "bukan anggotanya"), "{found:#?}");
    assert!(!found.iter().any(|(_, c, _, _)| c == "B42"));
    assert!(!found.iter().any(|(_, _, l, _)| *l == Level::Tolak), "{found:#?}");
    assert_eq!(r.kbk.members.len(), 4);
    ledger_holds(&r);
}
