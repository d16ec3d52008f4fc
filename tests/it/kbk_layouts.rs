//! The KBK sheets of SPEC §11.1 as the reader takes them: which layout takes each sheet of
//! a workbook (the `check` lines), the exact records the library reads from them, the cell
//! of every row check, and per sheet read = accepted + rejected at reading. Whether a group
//! is defined, its roster and the order of its steps are reconcile's and are tested there.

use std::collections::BTreeMap;
use std::path::Path;

use budaya_kerja::ground::kbk::{
    KbkGroup, KbkMeeting, KbkMember, KbkRecord, KbkResult, KbkScore, KbkStep, Peran,
};
use budaya_kerja::ground::model::AttendanceRecord;
use budaya_kerja::ingest::layout::Outcome;
use budaya_kerja::ingest::{FileResult, SheetStatus};
use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::{Project, Run, V};

// ------------------------------------------------------------------ building workbooks

/// One sheet of a fixture workbook: its rows and its merged ranges (first row, first
/// column, last row, last column; the text is the first cell's).
struct Sheet {
    name: &'static str,
    rows: Vec<Vec<V>>,
    merges: Vec<(u32, u16, u32, u16)>,
}

fn sheet(name: &'static str, rows: Vec<Vec<V>>) -> Sheet {
    Sheet { name, rows, merges: Vec::new() }
}

/// Text cells; `""` is an empty cell.
fn row(cells: &[&'static str]) -> Vec<V> {
    cells.iter().map(|s| if s.is_empty() { V::E } else { V::S(s) }).collect()
}

/// A title, `Unit Kerja : <unit>` and a blank row: what every sheet of the KBK template has
/// above its header.
fn top(title: &'static str, unit: &'static str) -> Vec<Vec<V>> {
    vec![vec![V::S(title)], vec![V::T(format!("Unit Kerja : {unit}"))], vec![]]
}

fn write_book(path: &Path, sheets: &[Sheet]) {
    let mut wb = Workbook::new();
    let date_fmt = Format::new().set_num_format("dd/mm/yyyy");
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(s.name).unwrap();
        for (r, cells) in s.rows.iter().enumerate() {
            for (c, v) in cells.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    V::S(t) => {
                        ws.write_string(r, c, *t).unwrap();
                    }
                    V::T(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                    V::N(x) => {
                        ws.write_number(r, c, *x).unwrap();
                    }
                    V::D(d, m, y) => {
                        let date = ExcelDateTime::from_ymd(*y as u16, *m as u8, *d as u8).unwrap();
                        ws.write_datetime_with_format(r, c, &date, &date_fmt).unwrap();
                    }
                    V::E => {}
                }
            }
        }
        for &(r0, c0, r1, c1) in &s.merges {
            let text = match &s.rows[r0 as usize][c0 as usize] {
                V::S(t) => t.to_string(),
                V::T(t) => t.clone(),
                _ => String::new(),
            };
            ws.merge_range(r0, c0, r1, c1, &text, &Format::new()).unwrap();
        }
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    wb.save(path).unwrap();
}

// ------------------------------------------------------------------ reading them back

fn check(p: &Project) -> Run {
    p.run(&["check", p.input().to_str().unwrap()])
}

/// The `check` line of sheet `sheet`.
fn sheet_line<'a>(stdout: &'a str, sheet: &str) -> &'a str {
    let prefix = format!("Lembar \"{sheet}\":");
    stdout
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no line for sheet {sheet} in:\n{stdout}"))
}

/// The `check` line of the issue at `place` (`Pertemuan!E8`) with `level` (`DITOLAK`,
/// `PERINGATAN`).
fn issue_line<'a>(stdout: &'a str, level: &str, place: &str) -> &'a str {
    let lines: Vec<&str> = stdout
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with(level) && l[level.len()..].trim_start().starts_with(&format!("{place}:")))
        .chain(stdout.lines().map(str::trim).filter(|l| {
            l.starts_with(level) && l[level.len()..].trim_start().starts_with(&format!("{place} "))
        }))
        .collect();
    assert_eq!(lines.len(), 1, "one {level} at {place} in:\n{stdout}");
    lines[0]
}

/// Every file of the input folder, read by the library as `report` and `check` read it.
fn read_input(p: &Project) -> Vec<FileResult> {
    let settings = budaya_kerja::ground::settings::Settings::embedded().unwrap();
    budaya_kerja::ingest::read_all(&p.input(), &settings).unwrap()
}

/// Per sheet: its layout key, the KBK records read, how many rows were rejected.
struct SheetRead<'a> {
    layout: Option<&'static str>,
    kbk: Vec<&'a KbkRecord>,
    attendance: Vec<&'a AttendanceRecord>,
    rejected: usize,
    other: usize,
}

fn sheets(files: &[FileResult]) -> BTreeMap<String, SheetRead<'_>> {
    let mut out = BTreeMap::new();
    for f in files {
        assert!(f.skip.is_none(), "{}: {:?}", f.rel, f.skip);
        for s in &f.sheets {
            let layout = match &s.status {
                SheetStatus::Read { layout, .. } => Some(layout.key()),
                _ => None,
            };
            let mut read =
                SheetRead { layout, kbk: Vec::new(), attendance: Vec::new(), rejected: 0, other: 0 };
            for o in &s.output.outcomes {
                match o {
                    Outcome::Kbk(k) => read.kbk.push(k),
                    Outcome::Attendance(a) => read.attendance.push(a),
                    Outcome::Rejected(_) => read.rejected += 1,
                    _ => read.other += 1,
                }
            }
            out.insert(s.name.clone(), read);
        }
    }
    out
}

/// Nothing is lost at reading (SPEC §3.8): a sheet's `rows` data rows are its KBK records
/// plus its rejections, and `check` counts them all as read and the rejections as rejected.
fn balances(stdout: &str, read: &BTreeMap<String, SheetRead>, sheet: &str, rows: usize, rejected: usize) {
    let s = &read[sheet];
    assert_eq!((s.kbk.len() + s.rejected, s.rejected, s.other), (rows, rejected, 0), "{sheet}");
    let line = sheet_line(stdout, sheet);
    assert!(line.contains(&format!("— {rows} dibaca")), "{line}");
    assert!(line.contains(&format!(", {rejected} ditolak")), "{line}");
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn groups<'a>(s: &SheetRead<'a>) -> Vec<&'a KbkGroup> {
    s.kbk.iter().map(|k| if let KbkRecord::Group(g) = k { g } else { panic!("{k:?}") }).collect()
}

fn members<'a>(s: &SheetRead<'a>) -> Vec<&'a KbkMember> {
    s.kbk.iter().map(|k| if let KbkRecord::Member(m) = k { m } else { panic!("{k:?}") }).collect()
}

fn meetings<'a>(s: &SheetRead<'a>) -> Vec<&'a KbkMeeting> {
    s.kbk.iter().map(|k| if let KbkRecord::Meeting(m) = k { m } else { panic!("{k:?}") }).collect()
}

fn steps<'a>(s: &SheetRead<'a>) -> Vec<&'a KbkStep> {
    s.kbk.iter().map(|k| if let KbkRecord::Step(m) = k { m } else { panic!("{k:?}") }).collect()
}

fn results<'a>(s: &SheetRead<'a>) -> Vec<&'a KbkResult> {
    s.kbk.iter().map(|k| if let KbkRecord::Result(m) = k { m } else { panic!("{k:?}") }).collect()
}

fn scores<'a>(s: &SheetRead<'a>) -> Vec<&'a KbkScore> {
    s.kbk.iter().map(|k| if let KbkRecord::Score(m) = k { m } else { panic!("{k:?}") }).collect()
}

/// A step as (number, rencana mulai, rencana selesai, realisasi mulai, realisasi selesai).
type StepDates = (u8, Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>);

fn step_dates(s: &KbkStep) -> StepDates {
    (s.langkah, s.rencana_mulai, s.rencana_selesai, s.realisasi_mulai, s.realisasi_selesai)
}

// ------------------------------------------------------------------ the KBK template's sheets

const BUDI: &str = "198503152010011002";
const ANI: &str = "199001012015032001";
const CAHYO: &str = "198703222011011003";
const DEWI: &str = "199205052019032004";
const EKO: &str = "199306062020121005";

fn template_kelompok() -> Sheet {
    let mut rows = top("DAFTAR KELOMPOK BUDAYA KERJA", "DISHUB");
    rows.push(row(&[
        "Unit Kerja",
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
    ]));
    rows.push(vec![
        V::S("DISHUB"),
        V::S("Melati"),
        V::S("800/12/417.302/2026"),
        V::D(15, 1, 2026),
        V::S("Drs. Bambang Wijaya"),
        V::S("Mempercepat layanan uji KIR"),
        V::S("Waktu tunggu uji KIR"),
        V::S("menit"),
        V::N(45.0),
        V::N(20.0),
        V::D(2, 2, 2026),
        V::D(30, 11, 2026),
    ]);
    rows.push(row(&[
        "DISHUB",
        "Mawar",
        "800/13/417.302/2026",
        "16/01/2026",
        "Siti Aminah, S.Sos",
        "Tertib arsip",
        "Arsip tertata",
        "%",
        "40",
        "90",
        "01/03/2026",
        "31 Desember 2026",
    ]));
    // The template's rows come with the unit filled in: no group.
    rows.push(row(&["DISHUB"]));
    rows.push(row(&["DISHUB"]));
    sheet("Kelompok", rows)
}

fn template_anggota() -> Sheet {
    let mut rows = top("ANGGOTA KELOMPOK BUDAYA KERJA", "DISHUB");
    rows.push(row(&["Nama Kelompok", "NIP", "Nama", "Peran"]));
    rows.push(row(&["Melati", BUDI, "Budi Santoso", "Ketua"]));
    rows.push(row(&["Melati", ANI, "Ani Lestari", "Sekretaris"]));
    rows.push(row(&["Melati", CAHYO, "Cahyo Nugroho", "Anggota"]));
    rows.push(row(&["Mawar", DEWI, "Dewi Sartika", "Ketua"]));
    rows.push(row(&["Mawar", EKO, "Eko Prasetyo", ""]));
    sheet("Anggota", rows)
}

fn template_pertemuan() -> Sheet {
    let mut rows = top("PERTEMUAN KELOMPOK BUDAYA KERJA", "DISHUB");
    rows.push(row(&[
        "Nama Kelompok",
        "Pertemuan ke-",
        "Tanggal",
        "Durasi (menit)",
        "Langkah",
        "Agenda",
        "Hasil",
    ]));
    rows.push(vec![
        V::S("Melati"),
        V::N(1.0),
        V::D(5, 11, 2026),
        V::N(90.0),
        V::N(1.0),
        V::S("Menetapkan tema"),
        V::S("Tema: waktu tunggu uji KIR"),
    ]);
    rows.push(vec![
        V::S("Melati"),
        V::N(2.0),
        V::D(19, 11, 2026),
        V::N(120.0),
        V::N(2.0),
        V::S("Diagram tulang ikan"),
    ]);
    rows.push(vec![
        V::S("Mawar"),
        V::N(1.0),
        V::S("12/11/2026"),
        V::S("60"),
        V::S("Menetapkan tema dan sasaran"),
        V::S("Tema"),
    ]);
    // A prefilled meeting number is no meeting.
    rows.push(vec![V::S("Melati"), V::N(3.0)]);
    sheet("Pertemuan", rows)
}

/// A member of the Daftar Hadir: group, NIP, name and (day, code) of each meeting.
type Attends = (&'static str, &'static str, &'static str, &'static [(usize, &'static str)]);

/// The Daftar Hadir: `Unit Kerja`, `Bulan` and `Kegiatan : KBK` above members × days.
fn template_daftar_hadir() -> Sheet {
    let mut rows = vec![
        vec![V::S("DAFTAR HADIR PERTEMUAN KBK")],
        vec![V::S("Unit Kerja : DISHUB")],
        vec![V::S("Bulan : November 2026")],
        vec![V::S("Kegiatan : KBK")],
    ];
    let mut header = row(&["No", "Nama Kelompok", "NIP", "Nama"]);
    header.extend((1..=30).map(|d| V::N(d as f64)));
    rows.push(header);
    let members: [Attends; 5] = [
        ("Melati", BUDI, "Budi Santoso", &[(5, "H"), (19, "H")]),
        ("Melati", ANI, "Ani Lestari", &[(5, "H"), (19, "I")]),
        ("Melati", CAHYO, "Cahyo Nugroho", &[(5, "H"), (19, "H")]),
        ("Mawar", DEWI, "Dewi Sartika", &[(12, "H")]),
        ("Mawar", EKO, "Eko Prasetyo", &[(12, "S")]),
    ];
    for (i, (kelompok, nip, nama, days)) in members.iter().enumerate() {
        let mut cells = vec![V::N(i as f64 + 1.0), V::S(kelompok), V::S(nip), V::S(nama)];
        cells.resize(34, V::E);
        for &(day, code) in *days {
            cells[3 + day] = V::S(code);
        }
        rows.push(cells);
    }
    sheet("Daftar Hadir", rows)
}

fn template_langkah() -> Sheet {
    let mut rows = top("RENCANA DAN REALISASI LANGKAH KBK", "DISHUB");
    rows.push(row(&[
        "Nama Kelompok",
        "Langkah",
        "Nama Langkah",
        "Rencana Mulai",
        "Rencana Selesai",
        "Realisasi Mulai",
        "Realisasi Selesai",
        "Keterangan",
    ]));
    let d = |day, month| V::D(day, month, 2026);
    rows.push(vec![
        V::S("Melati"),
        V::N(1.0),
        V::S("Menetapkan tema dan sasaran"),
        d(2, 11),
        d(6, 11),
        d(2, 11),
        d(5, 11),
        V::S("Selesai"),
    ]);
    rows.push(vec![
        V::S("Melati"),
        V::N(2.0),
        V::S("Menetapkan faktor penyebab"),
        d(9, 11),
        d(20, 11),
        d(9, 11),
        V::E,
        V::S("Berjalan"),
    ]);
    rows.push(vec![V::S("Melati"), V::N(3.0), V::S("Menetapkan penyebab dominan"), d(23, 11), d(4, 12)]);
    // The template prefills the eight steps: without a group or a date they are no record.
    for (n, name) in budaya_kerja::ground::kbk::LANGKAH.iter().enumerate().skip(3) {
        rows.push(vec![V::E, V::N(n as f64 + 1.0), V::S(name)]);
    }
    rows.push(row(&["Mawar", "1", "Menetapkan tema dan sasaran", "02/11/2026", "13/11/2026", "12/11/2026"]));
    sheet("Langkah", rows)
}

fn template_hasil() -> Sheet {
    let mut rows = top("HASIL PENGUKURAN INDIKATOR", "DISHUB");
    rows.push(row(&["Nama Kelompok", "Tanggal", "Nilai", "Manfaat"]));
    rows.push(vec![V::S("Melati"), V::D(31, 10, 2026), V::N(45.0)]);
    rows.push(vec![V::S("Melati"), V::D(30, 11, 2026), V::N(38.0), V::S("Waktu tunggu turun 7 menit")]);
    rows.push(row(&["Mawar", "30/11/2026", "55,5", "Rp 1.500.000"]));
    sheet("Hasil", rows)
}

fn petunjuk() -> Sheet {
    sheet("Petunjuk", vec![row(&["Petunjuk pengisian"]), row(&["Isi setiap lembar mulai baris 5."])])
}

#[test]
fn kbk_template_sheets_are_read_with_their_exact_values() {
    let p = Project::new("kbk-template");
    let sheets_written = [
        template_kelompok(),
        template_anggota(),
        template_pertemuan(),
        template_daftar_hadir(),
        template_langkah(),
        template_hasil(),
        petunjuk(),
    ];
    write_book(&p.input().join("KBK_DISHUB_2026.xlsx"), &sheets_written);
    let run = check(&p);
    let out = &run.stdout;
    for (sheet, kind) in [
        ("Kelompok", "KBK Kelompok (long), unit DISHUB, format xlsx"),
        ("Anggota", "KBK Anggota (long), unit DISHUB, format xlsx"),
        ("Pertemuan", "KBK Pertemuan (long), unit DISHUB, format xlsx"),
        ("Daftar Hadir", "Kehadiran (matrix), unit DISHUB, bulan November 2026"),
        ("Langkah", "KBK Langkah (long), unit DISHUB, format xlsx"),
        ("Hasil", "KBK Hasil (long), unit DISHUB, format xlsx"),
        ("Petunjuk", "lembar petunjuk; diabaikan"),
    ] {
        assert!(sheet_line(out, sheet).contains(kind), "{sheet}: {}", sheet_line(out, sheet));
    }
    // No KBK sheet needs a month: none is rejected for lacking one. The one warning is
    // reconcile's: Mawar has two members.
    assert!(!out.contains("DITOLAK"), "{out}");
    assert_eq!(out.matches("PERINGATAN").count(), 1, "{out}");
    assert!(issue_line(out, "PERINGATAN", "Kelompok!B6").contains("kelompok Mawar beranggota 2 orang"));

    let files = read_input(&p);
    let read = sheets(&files);
    for (sheet, rows) in [("Kelompok", 2), ("Anggota", 5), ("Pertemuan", 3), ("Langkah", 4), ("Hasil", 3)] {
        balances(out, &read, sheet, rows, 0);
    }

    template_groups_and_members_are_exact(&read);
    template_meetings_and_steps_are_exact(&read);
    template_results_and_attendance_are_exact(&read);
    assert!(sheet_line(out, "Daftar Hadir").contains("8 dibaca, 8 diterima, 0 ditolak"));
}

fn template_groups_and_members_are_exact(read: &BTreeMap<String, SheetRead>) {
    let g = groups(&read["Kelompok"]);
    assert_eq!(g.len(), 2);
    assert_eq!(
        (g[0].unit.as_str(), g[0].nama.as_str(), g[0].no_sk.as_str()),
        ("DISHUB", "Melati", "800/12/417.302/2026")
    );
    assert_eq!(
        (g[0].tanggal_sk, g[0].tanggal_mulai, g[0].tanggal_selesai),
        (ymd(2026, 1, 15), ymd(2026, 2, 2), ymd(2026, 11, 30))
    );
    assert_eq!(
        (g[0].fasilitator.as_str(), g[0].tema.as_str(), g[0].indikator.as_str(), g[0].satuan.as_str()),
        ("Drs. Bambang Wijaya", "Mempercepat layanan uji KIR", "Waktu tunggu uji KIR", "menit")
    );
    assert_eq!((g[0].nilai_awal, g[0].target), (Some(45.0), Some(20.0)));
    assert_eq!(g[0].prov.cell(), "B5");
    assert_eq!(
        (g[1].tanggal_sk, g[1].tanggal_mulai, g[1].tanggal_selesai),
        (ymd(2026, 1, 16), ymd(2026, 3, 1), ymd(2026, 12, 31))
    );
    assert_eq!((g[1].nilai_awal, g[1].target, g[1].satuan.as_str()), (Some(40.0), Some(90.0), "%"));

    let m: Vec<_> = members(&read["Anggota"])
        .iter()
        .map(|m| (m.kelompok.as_str(), m.person.nip.as_deref(), m.person.nama.as_str(), m.peran))
        .collect();
    assert_eq!(
        m,
        [
            ("Melati", Some(BUDI), "Budi Santoso", Peran::Ketua),
            ("Melati", Some(ANI), "Ani Lestari", Peran::Sekretaris),
            ("Melati", Some(CAHYO), "Cahyo Nugroho", Peran::Anggota),
            ("Mawar", Some(DEWI), "Dewi Sartika", Peran::Ketua),
            ("Mawar", Some(EKO), "Eko Prasetyo", Peran::Anggota),
        ]
    );
}

fn template_meetings_and_steps_are_exact(read: &BTreeMap<String, SheetRead>) {
    let mt: Vec<_> = meetings(&read["Pertemuan"])
        .iter()
        .map(|m| {
            (
                m.kelompok.as_str(),
                m.ke,
                Some(m.tanggal),
                m.durasi,
                m.langkah,
                m.agenda.as_str(),
                m.hasil.as_str(),
            )
        })
        .collect();
    assert_eq!(
        mt,
        [
            (
                "Melati",
                Some(1),
                ymd(2026, 11, 5),
                Some(90),
                Some(1),
                "Menetapkan tema",
                "Tema: waktu tunggu uji KIR"
            ),
            ("Melati", Some(2), ymd(2026, 11, 19), Some(120), Some(2), "Diagram tulang ikan", ""),
            ("Mawar", Some(1), ymd(2026, 11, 12), Some(60), Some(1), "Tema", ""),
        ]
    );

    let st: Vec<_> = steps(&read["Langkah"])
        .iter()
        .map(|s| (s.kelompok.as_str(), step_dates(s), s.keterangan.as_str()))
        .collect();
    assert_eq!(
        st,
        [
            (
                "Melati",
                (1, ymd(2026, 11, 2), ymd(2026, 11, 6), ymd(2026, 11, 2), ymd(2026, 11, 5)),
                "Selesai"
            ),
            ("Melati", (2, ymd(2026, 11, 9), ymd(2026, 11, 20), ymd(2026, 11, 9), None), "Berjalan"),
            ("Melati", (3, ymd(2026, 11, 23), ymd(2026, 12, 4), None, None), ""),
            ("Mawar", (1, ymd(2026, 11, 2), ymd(2026, 11, 13), ymd(2026, 11, 12), None), ""),
        ]
    );
}

fn template_results_and_attendance_are_exact(read: &BTreeMap<String, SheetRead>) {
    let h: Vec<_> = results(&read["Hasil"])
        .iter()
        .map(|r| (r.kelompok.as_str(), Some(r.tanggal), r.nilai, r.manfaat.as_str()))
        .collect();
    assert_eq!(
        h,
        [
            ("Melati", ymd(2026, 10, 31), 45.0, ""),
            ("Melati", ymd(2026, 11, 30), 38.0, "Waktu tunggu turun 7 menit"),
            ("Mawar", ymd(2026, 11, 30), 55.5, "Rp 1.500.000"),
        ]
    );

    // The Daftar Hadir: one record per filled meeting day, tagged KBK and the member's group.
    let hadir: Vec<_> = read["Daftar Hadir"]
        .attendance
        .iter()
        .map(|a| {
            (a.kegiatan.as_str(), a.kelompok.as_str(), a.person.nama.as_str(), Some(a.date), a.code.as_str())
        })
        .collect();
    assert_eq!(hadir.len(), 8, "{hadir:?}");
    assert_eq!(hadir[0], ("KBK", "Melati", "Budi Santoso", ymd(2026, 11, 5), "H"));
    assert_eq!(hadir[3], ("KBK", "Melati", "Ani Lestari", ymd(2026, 11, 19), "I"));
    assert_eq!(hadir[7], ("KBK", "Mawar", "Eko Prasetyo", ymd(2026, 11, 12), "S"));
}

// ------------------------------------------------------------------ units' own layouts

/// Sheets as units make them: title rows without metadata (the unit from the file name),
/// synonym headers, the name and NIP in one cell, text dates in every form of SPEC §3.5,
/// durations as text, steps by name and by number.
#[test]
fn own_layouts_with_synonym_headers_and_text_values() {
    let p = Project::new("kbk-own");
    write_book(&p.input().join("KBK DLH 2026.xlsx"), &own_sheets());
    let run = check(&p);
    let out = &run.stdout;
    for (sheet, kind) in [
        ("Profil", "KBK Kelompok (long), unit DLH"),
        ("Susunan", "KBK Anggota (long), unit DLH"),
        ("Notulen", "KBK Pertemuan (long), unit DLH"),
        ("Capaian", "KBK Hasil (long), unit DLH"),
        ("Juri", "KBK Penilaian (long), unit DLH"),
    ] {
        assert!(sheet_line(out, sheet).contains(kind), "{sheet}: {}", sheet_line(out, sheet));
    }
    // The one member without a NIP is identified by unit and name, with a warning; the juri
    // scores count only with `[[kbk.penilaian]]` criteria, which the default has none of.
    assert!(!out.contains("DITOLAK"), "{out}");
    assert_eq!(out.matches("PERINGATAN").count(), 2, "{out}");
    assert!(issue_line(out, "PERINGATAN", "Susunan!B7").contains("NIP kosong"));
    assert!(issue_line(out, "PERINGATAN", "Juri!E5").contains("kriteria lomba KBK belum diatur"));
    let files = read_input(&p);
    let read = sheets(&files);
    for (sheet, rows) in [("Profil", 1), ("Susunan", 3), ("Notulen", 3), ("Capaian", 2), ("Juri", 2)] {
        balances(out, &read, sheet, rows, 0);
    }
    own_records_are_exact(&read);
}

/// A title without metadata, as units write it.
fn own_title(t: &'static str) -> Vec<Vec<V>> {
    vec![vec![V::S(t)], vec![V::S("DINAS LINGKUNGAN HIDUP KOTA MOJOKERTO")], vec![]]
}

/// A unit's own workbook: groups, members, meetings, results and juri scores.
fn own_sheets() -> Vec<Sheet> {
    let mut sheets = own_groups_and_members();
    sheets.extend(own_meetings_results_and_scores());
    sheets
}

fn own_groups_and_members() -> Vec<Sheet> {
    let mut profil = own_title("REKAPITULASI KELOMPOK BUDAYA KERJA");
    profil.push(row(&[
        "No",
        "Nama KBK",
        "No. SK",
        "Tgl. SK",
        "Pembina",
        "Tema/Judul",
        "Sasaran",
        "Satuan",
        "Kondisi Awal",
        "Target Akhir",
        "Tanggal Mulai",
        "Target Selesai",
    ]));
    profil.push(row(&[
        "1",
        "Kenanga",
        "660/5/417.109/2026",
        "3 Maret 2026",
        "Ir. Hadi Purnomo",
        "Sampah terpilah",
        "Sampah terpilah per hari",
        "kg",
        "1.250",
        "2.000",
        "Senin, 02 Maret 2026",
        "2026-12-31",
    ]));
    let mut susunan = own_title("SUSUNAN KELOMPOK");
    susunan.push(row(&["No", "Nama/NIP", "KBK", "Jabatan dalam Kelompok"]));
    susunan.push(row(&["1", "Hadi Susanto\nNIP. 19800101 200501 1 001", "Kenanga", "Ketua"]));
    susunan.push(row(&["2", "Rina Wati\nNIP. 19850202 201001 2 002", "Kenanga", "Notulen"]));
    susunan.push(row(&["3", "Joko", "Kenanga", "anggota"]));
    vec![sheet("Profil", profil), sheet("Susunan", susunan)]
}

fn own_meetings_results_and_scores() -> Vec<Sheet> {
    let mut notulen = own_title("NOTULEN PERTEMUAN");
    notulen.push(row(&[
        "No",
        "KBK",
        "Pertemuan Ke",
        "Hari/Tanggal",
        "Lama",
        "Tahap",
        "Pembahasan",
        "Kesimpulan",
    ]));
    notulen.push(row(&[
        "1",
        "Kenanga",
        "1",
        "Kamis, 05 November 2026",
        "1,5 jam",
        "Langkah 1",
        "Tema",
        "Sepakat",
    ]));
    notulen.push(row(&["2", "Kenanga", "ke-2", "12-11-2026", "90 menit", "II", "Sebab", ""]));
    notulen.push(row(&["3", "Kenanga", "3", "2026-11-19", "2 jam", "Penetapan penyebab dominan", "", ""]));
    let mut capaian = own_title("CAPAIAN INDIKATOR");
    capaian.push(row(&["Kelompok Budaya Kerja", "Periode", "Capaian", "Manfaat/Penghematan"]));
    capaian.push(row(&["Kenanga", "Oktober 2026", "1400", ""]));
    capaian.push(row(&["Kenanga", "2026-11", "1.650", "Rp 500.000"]));
    let mut juri = own_title("PENILAIAN LOMBA KBK");
    juri.push(row(&["Nama Kelompok", "Kategori", "Kriteria", "Penilai", "Nilai Juri"]));
    juri.push(row(&["Kenanga", "Prestasi", "Pemilihan tema", "Juri 1", "80"]));
    juri.push(row(&["Kenanga", "Prestasi", "Pemilihan tema", "Juri 2", "85,5"]));
    vec![sheet("Notulen", notulen), sheet("Capaian", capaian), sheet("Juri", juri)]
}

fn own_records_are_exact(read: &BTreeMap<String, SheetRead>) {
    let g = groups(&read["Profil"]);
    assert_eq!(
        (g[0].unit.as_str(), g[0].nama.as_str(), g[0].fasilitator.as_str()),
        ("DLH", "Kenanga", "Ir. Hadi Purnomo")
    );
    assert_eq!(
        (g[0].tema.as_str(), g[0].indikator.as_str()),
        ("Sampah terpilah", "Sampah terpilah per hari")
    );
    assert_eq!((g[0].nilai_awal, g[0].target), (Some(1250.0), Some(2000.0)));
    assert_eq!(
        (g[0].tanggal_sk, g[0].tanggal_mulai, g[0].tanggal_selesai),
        (ymd(2026, 3, 3), ymd(2026, 3, 2), ymd(2026, 12, 31))
    );
    let m: Vec<_> = members(&read["Susunan"])
        .iter()
        .map(|m| (m.person.nip.as_deref(), m.person.nama.as_str(), m.peran))
        .collect();
    assert_eq!(
        m,
        [
            (Some("198001012005011001"), "Hadi Susanto", Peran::Ketua),
            (Some("198502022010012002"), "Rina Wati", Peran::Sekretaris),
            (None, "Joko", Peran::Anggota),
        ]
    );
    let mt: Vec<_> =
        meetings(&read["Notulen"]).iter().map(|m| (m.ke, Some(m.tanggal), m.durasi, m.langkah)).collect();
    assert_eq!(
        mt,
        [
            (Some(1), ymd(2026, 11, 5), Some(90), Some(1)),
            (Some(2), ymd(2026, 11, 12), Some(90), Some(2)),
            (Some(3), ymd(2026, 11, 19), Some(120), Some(3)),
        ]
    );
    let h: Vec<_> =
        results(&read["Capaian"]).iter().map(|r| (Some(r.tanggal), r.nilai, r.manfaat.as_str())).collect();
    assert_eq!(h, [(ymd(2026, 10, 31), 1400.0, ""), (ymd(2026, 11, 30), 1650.0, "Rp 500.000")]);
    let s: Vec<_> = scores(&read["Juri"])
        .iter()
        .map(|s| (s.kategori.as_str(), s.kriteria.as_str(), s.juri.as_str(), s.nilai))
        .collect();
    assert_eq!(
        s,
        [("Prestasi", "Pemilihan tema", "Juri 1", 80.0), ("Prestasi", "Pemilihan tema", "Juri 2", 85.5)]
    );
}

// ------------------------------------------------------------------ the risalah's Gantt

/// The Gantt of a risalah: a merged `Rencana` over `Mulai | Selesai` and a merged
/// `Realisasi` over `Mulai | Selesai`, the other labels merged down; and a sheet per group
/// (`Nama Kelompok : Mawar` above) whose group labels are written once, without merges.
#[test]
fn the_gantt_two_row_header_with_and_without_merges() {
    let p = Project::new("kbk-gantt");
    write_book(&p.input().join("Risalah DISHUB.xlsx"), &[gantt_merged(), gantt_per_group(), gantt_groups()]);

    let run = check(&p);
    let out = &run.stdout;
    let files = read_input(&p);
    let read = sheets(&files);
    for sheet in ["Gantt", "Jadwal Mawar"] {
        assert_eq!(read[sheet].layout, Some("kbk-langkah"), "{sheet}");
        balances(out, &read, sheet, 2, 0);
    }
    // The groups have no members here: warned about on their own sheet, not on the Gantts.
    assert!(!out.contains("DITOLAK"), "{out}");
    assert!(!out.contains("PERINGATAN Gantt") && !out.contains("PERINGATAN Jadwal"), "{out}");
    let st: Vec<_> = steps(&read["Gantt"])
        .iter()
        .map(|s| (s.kelompok.as_str(), step_dates(s), s.keterangan.as_str()))
        .collect();
    assert_eq!(
        st,
        [
            (
                "Melati",
                (1, ymd(2026, 11, 2), ymd(2026, 11, 6), ymd(2026, 11, 2), ymd(2026, 11, 5)),
                "Selesai"
            ),
            ("Melati", (2, ymd(2026, 11, 9), ymd(2026, 11, 20), ymd(2026, 11, 10), None), ""),
        ]
    );
    assert_eq!(steps(&read["Gantt"])[0].prov.cell(), "C6");
    let st: Vec<_> =
        steps(&read["Jadwal Mawar"]).iter().map(|s| (s.kelompok.as_str(), step_dates(s))).collect();
    assert_eq!(
        st,
        [
            ("Mawar", (1, ymd(2026, 11, 2), ymd(2026, 11, 13), ymd(2026, 11, 12), ymd(2026, 11, 16))),
            ("Mawar", (2, ymd(2026, 11, 16), ymd(2026, 11, 27), None, None)),
        ]
    );
}

/// `Rencana` and `Realisasi` merged over `Mulai | Selesai`, the other labels merged down.
fn gantt_merged() -> Sheet {
    let mut merged = top("RENCANA DAN REALISASI KEGIATAN KBK", "DISHUB");
    merged.push(row(&["No", "Nama Kelompok", "Langkah", "Rencana", "", "Realisasi", "", "Keterangan"]));
    merged.push(row(&["", "", "", "Mulai", "Selesai", "Mulai", "Selesai", ""]));
    merged.push(vec![
        V::N(1.0),
        V::S("Melati"),
        V::S("Menetapkan tema dan sasaran"),
        V::D(2, 11, 2026),
        V::D(6, 11, 2026),
        V::D(2, 11, 2026),
        V::D(5, 11, 2026),
        V::S("Selesai"),
    ]);
    merged.push(vec![
        V::N(2.0),
        V::S("Melati"),
        V::S("Penetapan faktor-faktor penyebab"),
        V::S("09/11/2026"),
        V::S("20/11/2026"),
        V::S("10 Nov 2026"),
    ]);
    let mut gantt = sheet("Gantt", merged);
    gantt.merges = vec![
        (0, 0, 0, 7),
        (3, 0, 4, 0),
        (3, 1, 4, 1),
        (3, 2, 4, 2),
        (3, 3, 3, 4),
        (3, 5, 3, 6),
        (3, 7, 4, 7),
    ];
    gantt
}

/// The groups the Gantt sheets name (records of an undefined group are rejected).
fn gantt_groups() -> Sheet {
    let mut rows = top("KELOMPOK", "DISHUB");
    rows.push(row(&["Nama Kelompok", "Nomor SK", "Tema"]));
    rows.push(row(&["Melati", "1/2026", "Uji KIR"]));
    rows.push(row(&["Mawar", "2/2026", "Arsip"]));
    sheet("Kelompok", rows)
}

/// A sheet per group (`Nama Kelompok : Mawar` above), the group labels written once.
fn gantt_per_group() -> Sheet {
    let mut per_group = top("JADWAL LANGKAH KBK", "DISHUB");
    per_group.insert(2, row(&["Nama Kelompok", ":", "Mawar"]));
    per_group.push(row(&["Langkah", "Jadwal", "", "Pelaksanaan", ""]));
    per_group.push(row(&["", "Tgl Mulai", "Tgl Selesai", "Tgl Mulai", "Tgl Selesai"]));
    per_group.push(vec![
        V::N(1.0),
        V::D(2, 11, 2026),
        V::D(13, 11, 2026),
        V::D(12, 11, 2026),
        V::D(16, 11, 2026),
    ]);
    per_group.push(vec![V::S("2"), V::S("16/11/2026"), V::S("27/11/2026")]);
    sheet("Jadwal Mawar", per_group)
}

// ------------------------------------------------------------------ row checks

/// Every row check of the KBK sheets, each at its cell: rejections (a group without a name,
/// a step outside 1–8 or unknown, a bad date, a value that is no number, a juri score
/// outside 0–100) and warnings (a role that is none, no NIP, an implausible duration, a
/// step finished without a start or ending before it starts).
#[test]
fn row_checks_name_their_cells() {
    let p = Project::new("kbk-checks");
    write_book(&p.input().join("KBK DISHUB.xlsx"), &checked_sheets());
    let run = check(&p);
    let out = &run.stdout;
    assert_eq!(run.code, 3, "rejected records: {}", run.stderr);
    let rejected: &[(&str, &str)] = &[
        ("Kelompok!B6", "nama kelompok kosong"),
        ("Pertemuan!E7", "\"9\": langkah harus 1–8"),
        ("Pertemuan!E8", "\"Rapat koordinasi\": langkah \"Rapat koordinasi\" tidak dikenali"),
        ("Pertemuan!C9", "\"31/11/2026\": tanggal pertemuan tidak ada di kalender"),
        ("Langkah!B7", "\"0\": langkah harus 1–8"),
        ("Hasil!C6", "\"naik\": nilai bukan angka"),
        ("Penilaian!C5", "\"120\": nilai juri harus antara 0 dan 100"),
    ];
    for (place, says) in rejected {
        let line = issue_line(out, "DITOLAK", place);
        assert!(line.contains(says), "{line}");
    }
    let unknown = issue_line(out, "DITOLAK", "Pertemuan!E8");
    assert!(
        unknown.contains("1 Menetapkan tema dan sasaran") && unknown.contains("8 Menetapkan tema berikutnya")
    );
    let warned: &[(&str, &str)] = &[
        ("Anggota!D5", "peran \"Bendahara\" tidak dikenali"),
        ("Anggota!B6", "NIP kosong"),
        ("Pertemuan!D5", "durasi 0 menit tidak masuk akal"),
        ("Pertemuan!D6", "durasi 900 menit tidak masuk akal"),
        ("Langkah!E5", "langkah selesai tanpa tanggal mulai"),
        ("Langkah!D6", "rencana selesai (9 November 2026) sebelum rencana mulai (20 November 2026)"),
        ("Langkah!F6", "realisasi selesai (10 November 2026) sebelum realisasi mulai (12 November 2026)"),
    ];
    for (place, says) in warned {
        let line = issue_line(out, "PERINGATAN", place);
        assert!(line.contains(says), "{line}");
    }
    assert!(issue_line(out, "PERINGATAN", "Pertemuan!D6").contains("tetap dicatat tanpa durasi"));
    assert!(issue_line(out, "PERINGATAN", "Anggota!D5").contains("dicatat sebagai Anggota"));
    let files = read_input(&p);
    let read = sheets(&files);
    for (sheet, rows, rejected) in [
        ("Kelompok", 2, 1),
        ("Anggota", 2, 0),
        ("Pertemuan", 5, 3),
        ("Langkah", 3, 1),
        ("Hasil", 2, 1),
        ("Penilaian", 2, 1),
    ] {
        balances(out, &read, sheet, rows, rejected);
    }
    // Kept with the warnings: the meetings without their implausible duration, the member
    // with the unknown role as Anggota, the month's last day for a Bulan.
    let d: Vec<_> = meetings(&read["Pertemuan"]).iter().map(|m| (m.ke, m.durasi)).collect();
    assert_eq!(d, [(Some(1), None), (Some(2), None)]);
    assert_eq!(members(&read["Anggota"])[0].peran, Peran::Anggota);
    assert_eq!(Some(results(&read["Hasil"])[0].tanggal), ymd(2026, 10, 31));
}

/// Sheets with one row for each row check (and a good row beside most).
fn checked_sheets() -> Vec<Sheet> {
    let mut sheets = checked_groups_members_meetings();
    sheets.extend(checked_steps_results_scores());
    sheets
}

fn checked_groups_members_meetings() -> Vec<Sheet> {
    let mut kelompok = top("KELOMPOK", "DISHUB");
    kelompok.push(row(&["Unit Kerja", "Nama Kelompok", "Nomor SK", "Tema"]));
    kelompok.push(row(&["DISHUB", "Melati", "1/2026", "Uji KIR"]));
    kelompok.push(row(&["DISHUB", "", "2/2026", "Arsip"]));
    let mut anggota = top("ANGGOTA", "DISHUB");
    anggota.push(row(&["Nama Kelompok", "NIP", "Nama", "Peran"]));
    anggota.push(row(&["Melati", BUDI, "Budi Santoso", "Bendahara"]));
    anggota.push(row(&["Melati", "", "Wati", "Anggota"]));
    let mut pertemuan = top("PERTEMUAN", "DISHUB");
    pertemuan.push(row(&[
        "Nama Kelompok",
        "Pertemuan ke-",
        "Tanggal",
        "Durasi (menit)",
        "Langkah",
        "Agenda",
    ]));
    pertemuan.push(vec![V::S("Melati"), V::N(1.0), V::D(5, 11, 2026), V::N(0.0), V::N(1.0), V::S("a")]);
    pertemuan.push(vec![V::S("Melati"), V::N(2.0), V::D(12, 11, 2026), V::N(900.0), V::N(2.0), V::S("b")]);
    pertemuan.push(vec![V::S("Melati"), V::N(3.0), V::D(19, 11, 2026), V::N(60.0), V::N(9.0), V::S("c")]);
    pertemuan.push(vec![V::S("Melati"), V::N(4.0), V::D(26, 11, 2026), V::N(60.0), V::S("Rapat koordinasi")]);
    pertemuan.push(vec![V::S("Melati"), V::N(5.0), V::S("31/11/2026"), V::N(60.0), V::N(3.0)]);
    vec![sheet("Kelompok", kelompok), sheet("Anggota", anggota), sheet("Pertemuan", pertemuan)]
}

fn checked_steps_results_scores() -> Vec<Sheet> {
    let mut langkah = top("LANGKAH", "DISHUB");
    langkah.push(row(&[
        "Nama Kelompok",
        "Langkah",
        "Rencana Mulai",
        "Rencana Selesai",
        "Realisasi Mulai",
        "Realisasi Selesai",
    ]));
    langkah.push(row(&["Melati", "1", "02/11/2026", "06/11/2026", "", "05/11/2026"]));
    langkah.push(row(&["Melati", "2", "20/11/2026", "09/11/2026", "12/11/2026", "10/11/2026"]));
    langkah.push(row(&["Melati", "0", "23/11/2026", "04/12/2026", "", ""]));
    let mut hasil = top("HASIL", "DISHUB");
    hasil.push(row(&["Nama Kelompok", "Bulan", "Nilai", "Manfaat"]));
    hasil.push(row(&["Melati", "Oktober 2026", "45", ""]));
    hasil.push(row(&["Melati", "November 2026", "naik", ""]));
    let mut penilaian = top("PENILAIAN", "DISHUB");
    penilaian.push(row(&["Nama Kelompok", "Kriteria", "Nilai"]));
    penilaian.push(row(&["Melati", "Pemilihan tema", "120"]));
    penilaian.push(row(&["Melati", "Analisis", "75"]));
    vec![sheet("Langkah", langkah), sheet("Hasil", hasil), sheet("Penilaian", penilaian)]
}

// ------------------------------------------------------------------ beside the other sheets

/// A unit's workbook with KBK sheets beside an attendance matrix, a roster and KBK meeting
/// attendance in the long layout: each sheet is taken by its own layout.
#[test]
fn kbk_sheets_beside_attendance_and_a_roster_are_each_classified_right() {
    let p = Project::new("kbk-mixed");
    let mut matrix = vec![
        vec![V::S("REKAP ABSENSI")],
        vec![V::S("Unit Kerja : DISHUB")],
        vec![V::S("Bulan : November 2026")],
    ];
    let mut header = row(&["No", "NIP", "Nama"]);
    header.extend((1..=30).map(|d| V::N(d as f64)));
    matrix.push(header);
    let mut budi = vec![V::N(1.0), V::S(BUDI), V::S("Budi Santoso")];
    budi.extend((1..=30).map(|_| V::S("H")));
    matrix.push(budi);
    let mut roster = top("DAFTAR PEGAWAI", "DISHUB");
    roster.push(row(&["NIP", "Nama", "Jabatan", "Status Pegawai"]));
    roster.push(row(&[BUDI, "Budi Santoso", "Kepala Seksi", "PNS"]));
    roster.push(row(&[ANI, "Ani Lestari", "Pengadministrasi", "PNS"]));
    let mut long = top("DAFTAR HADIR KBK", "DISHUB");
    long.push(row(&["NIP", "Nama", "Tanggal", "Status", "Kegiatan", "Kelompok"]));
    long.push(row(&[BUDI, "Budi Santoso", "05/11/2026", "H", "Pertemuan KBK", "Melati"]));
    long.push(row(&[ANI, "Ani Lestari", "05/11/2026", "I", "Pertemuan KBK", "Melati"]));
    let mut anggota = top("ANGGOTA KBK", "DISHUB");
    anggota.push(row(&["NIP", "Nama", "Jabatan", "Nama Kelompok"]));
    anggota.push(row(&[BUDI, "Budi Santoso", "Kepala Seksi", "Melati"]));
    anggota.push(row(&[ANI, "Ani Lestari", "Pengadministrasi", "Melati"]));
    write_book(
        &p.input().join("DISHUB November 2026.xlsx"),
        &[
            sheet("Rekap November", matrix),
            sheet("Daftar Pegawai", roster),
            sheet("Hadir KBK", long),
            template_kelompok(),
            sheet("Anggota", anggota),
            template_pertemuan(),
            template_langkah(),
            template_hasil(),
        ],
    );
    let run = check(&p);
    let out = &run.stdout;
    for (sheet, kind) in [
        ("Rekap November", "Kehadiran (matrix)"),
        ("Daftar Pegawai", "Daftar Pegawai (long)"),
        ("Hadir KBK", "Kehadiran (long)"),
        ("Kelompok", "KBK Kelompok (long)"),
        ("Anggota", "KBK Anggota (long)"),
        ("Pertemuan", "KBK Pertemuan (long)"),
        ("Langkah", "KBK Langkah (long)"),
        ("Hasil", "KBK Hasil (long)"),
    ] {
        assert!(sheet_line(out, sheet).contains(kind), "{sheet}: {}", sheet_line(out, sheet));
    }
    let files = read_input(&p);
    let read = sheets(&files);
    let tags: Vec<_> =
        read["Hadir KBK"].attendance.iter().map(|a| (a.kegiatan.as_str(), a.kelompok.as_str())).collect();
    assert_eq!(tags, [("Pertemuan KBK", "Melati"), ("Pertemuan KBK", "Melati")]);
    let plain = &read["Rekap November"].attendance;
    assert_eq!(plain.len(), 30);
    assert!(plain.iter().all(|a| a.kegiatan.is_empty() && a.kelompok.is_empty()));
    let m: Vec<_> = members(&read["Anggota"]).iter().map(|m| (m.person.nama.as_str(), m.peran)).collect();
    assert_eq!(m, [("Budi Santoso", Peran::Anggota), ("Ani Lestari", Peran::Anggota)]);
    balances(out, &read, "Anggota", 2, 0);
}
