//! The KBK workbook (`template --kind kbk`, SPEC §11.3): the command writes one workbook per
//! unit with the seven sheets, the empty workbook reads without a rejected record, and a
//! filled copy — written the way a unit's Excel saves it: every cell as its value, formula
//! cells as their calculated results — reads back sheet by sheet with the exact counts.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, SheetVisible, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::*;

const SHEETS: [&str; 7] =
    ["Kelompok", "Anggota", "Pertemuan", "Daftar Hadir", "Langkah", "Hasil", "Petunjuk"];

/// DISHUB staff in the roster: (NIP, name).
const STAFF: [(&str, &str); 7] = [
    ("198001012005011001", "Andi Wijaya"),
    ("197505052000032002", "Budi Lestari"),
    ("199002022015031003", "Citra Dewi"),
    ("198803032012031004", "Dedi Kurniawan"),
    ("199104042016032005", "Eka Putri"),
    ("198505052010011006", "Fajar Nugroho"),
    ("199306062018032007", "Gita Savitri"),
];

/// A roster (`Daftar Pegawai`) naming the seven DISHUB staff.
fn roster(p: &Project) {
    let mut rows = vec![
        vec![V::S("DAFTAR PEGAWAI")],
        vec![],
        vec![V::S("NIP"), V::S("Nama"), V::S("Unit Kerja"), V::S("Jabatan")],
    ];
    for (nip, nama) in STAFF {
        rows.push(vec![V::T(nip.to_string()), V::T(nama.to_string()), V::S("DISHUB"), V::S("Staf")]);
    }
    write_sheet(&p.input().join("Daftar Pegawai.xlsx"), "Daftar Pegawai", &rows);
}

fn run_template(p: &Project, args: &[&str]) -> Run {
    let mut all = vec!["template"];
    all.extend_from_slice(args);
    let run = p.run(&all);
    assert_eq!(run.code, 0, "template exits 0: {run:?}");
    run
}

/// Every sheet's name and whether it is hidden, in workbook order.
fn sheets(path: &Path) -> Vec<(String, bool)> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let book = Xlsx::new(Cursor::new(bytes)).expect("valid xlsx");
    book.sheets_metadata().iter().map(|s| (s.name.clone(), s.visible != SheetVisible::Visible)).collect()
}

/// A sheet's non-empty cells by absolute (row, col), 0-based.
struct Sheet {
    cells: HashMap<(u32, u32), Data>,
}

impl Sheet {
    fn read(path: &Path, name: &str) -> Sheet {
        let bytes = std::fs::read(path).unwrap();
        let mut book = Xlsx::new(Cursor::new(bytes)).expect("valid xlsx");
        let range = book.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let cells = range
            .used_cells()
            .filter(|(_, _, d)| !d.to_string().is_empty())
            .map(|(r, c, d)| ((r0 + r as u32, c0 + c as u32), d.clone()))
            .collect();
        Sheet { cells }
    }

    /// The (row, col) of the cell whose text is `text`; the topmost, then leftmost.
    fn find(&self, text: &str) -> (u32, u32) {
        let mut hits: Vec<(u32, u32)> =
            self.cells.iter().filter(|(_, d)| shown(d) == text).map(|(k, _)| *k).collect();
        hits.sort();
        *hits.first().unwrap_or_else(|| panic!("no cell {text:?}"))
    }

    /// The header row (the row of `Nama Kelompok`) and a column finder on it.
    fn header(&self) -> (u32, impl Fn(&str) -> u16 + '_) {
        let (row, _) = self.find("Nama Kelompok");
        let col = move |label: &str| {
            let hit = self.cells.iter().find(|((r, _), d)| *r == row && shown(d) == label);
            hit.map(|((_, c), _)| *c as u16).unwrap_or_else(|| panic!("no header {label:?}"))
        };
        (row, col)
    }
}

/// A cell as the reader prints it (numbers without `.0`).
fn shown(d: &Data) -> String {
    d.to_string()
}

/// A value typed into a cell.
#[derive(Clone)]
enum In {
    T(&'static str),
    N(f64),
    /// A date (day, month, year), as Excel stores a typed date.
    D(u8, u8, u16),
}

/// Typed values per sheet: sheet → (row, col) → value.
#[derive(Default)]
struct Edits(HashMap<&'static str, HashMap<(u32, u16), In>>);

impl Edits {
    fn set(&mut self, sheet: &'static str, row: u32, col: u16, value: In) {
        self.0.entry(sheet).or_default().insert((row, col), value);
    }
}

/// Writes a filled copy of the generated workbook over itself: every sheet (hidden ones kept
/// hidden) and cell as calamine reads it — formula cells as their cached results — with
/// `edits` applied: what a unit's Excel saves after typing and recalculating.
fn fill(path: &Path, edits: &Edits) {
    let bytes = std::fs::read(path).unwrap();
    let mut source = Xlsx::new(Cursor::new(bytes)).expect("valid xlsx");
    let metadata = source.sheets_metadata().to_vec();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let mut wb = Workbook::new();
    for sheet in metadata {
        let range = source.worksheet_range(&sheet.name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        ws.set_hidden(sheet.visible != SheetVisible::Visible);
        for (r, c, d) in range.used_cells() {
            let (r, c) = (r0 + r as u32, (c0 + c as u32) as u16);
            match d {
                Data::String(s) if !s.is_empty() => ws.write_string(r, c, s).map(|_| ()),
                Data::Float(x) => ws.write_number(r, c, *x).map(|_| ()),
                Data::Int(x) => ws.write_number(r, c, *x as f64).map(|_| ()),
                Data::DateTime(x) => ws.write_number_with_format(r, c, x.as_f64(), &date).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
        for (&(r, c), value) in edits.0.get(sheet.name.as_str()).into_iter().flatten() {
            match value {
                In::T(s) => ws.write_string(r, c, *s).map(|_| ()),
                In::N(x) => ws.write_number(r, c, *x).map(|_| ()),
                In::D(d, m, y) => {
                    let day = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    ws.write_datetime_with_format(r, c, &day, &date).map(|_| ())
                }
            }
            .unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// The `Lembar "name": …` line of `check`'s output.
fn sheet_line<'a>(stdout: &'a str, name: &str) -> &'a str {
    let prefix = format!("Lembar \"{name}\": ");
    stdout
        .lines()
        .find(|l| l.trim_start().starts_with(&prefix))
        .unwrap_or_else(|| panic!("no line for {name}: {stdout}"))
}

fn kbk_path(dir: &Path) -> PathBuf {
    dir.join("KBK_DISHUB_2026-11.xlsx")
}

// ------------------------------------------------------------------ the command

#[test]
fn kbk_template_is_one_workbook_per_unit_with_its_seven_sheets() {
    let p = Project::new("kbk-tpl");
    roster(&p);
    let run = run_template(&p, &["--kind", "kbk", "--unit", "DISHUB", "--month", "2026-11"]);
    let written: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(written.len(), 1, "one workbook: {run:?}");
    let path = kbk_path(&p.output().join("templat/2026-11"));
    assert!(written[0].ends_with("KBK_DISHUB_2026-11.xlsx"), "{written:?}");
    let mut expected: Vec<(String, bool)> = SHEETS.iter().map(|s| (s.to_string(), false)).collect();
    expected.push(("_pegawai".to_string(), true));
    assert_eq!(sheets(&path), expected, "the seven sheets, then the hidden list of the roster's staff");

    // Every data sheet names the unit by its code; the attendance sheet also the month and KBK.
    for name in &SHEETS[..6] {
        let sheet = Sheet::read(&path, name);
        sheet.find("Unit Kerja : DISHUB");
    }
    let hadir = Sheet::read(&path, "Daftar Hadir");
    hadir.find("Bulan : November 2026");
    hadir.find("Kegiatan : KBK");
    // The roster's staff are on the hidden list, as text.
    let list = Sheet::read(&path, "_pegawai");
    assert_eq!(list.cells.get(&(0, 0)), Some(&Data::String("Andi Wijaya".into())));
    assert_eq!(list.cells.get(&(6, 1)), Some(&Data::String("199306062018032007".into())));

    // Without `--kind`: attendance and evaluation only, no KBK workbook.
    let run = run_template(&p, &["--unit", "DISHUB", "--month", "2026-11", "--out", "t"]);
    let names: Vec<&str> = run.stdout.lines().map(|l| l.rsplit('/').next().unwrap_or(l)).collect();
    assert_eq!(names, ["Kehadiran_DISHUB_2026-11.xlsx", "Penilaian_DISHUB_2026-11.xlsx"]);
}

#[test]
fn every_unit_gets_a_kbk_workbook_named_by_its_code() {
    let p = Project::new("kbk-all");
    let run = run_template(&p, &["--kind", "kbk", "--month", "2026-11", "-q"]);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    let dir = p.output().join("templat/2026-11");
    let units = budaya_kerja::ground::settings::default_units();
    let files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(files.len(), units.len(), "one KBK workbook per unit");
    let path = dir.join("KBK_KEC-MAGERSARI_2026-11.xlsx");
    assert!(path.is_file());
    // No roster: no hidden list, the names are typed.
    let names: Vec<String> = sheets(&path).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, SHEETS);
}

// ------------------------------------------------------------------ reading it back

#[test]
fn empty_kbk_template_has_no_rejected_record() {
    let p = Project::new("kbk-empty");
    roster(&p);
    run_template(&p, &["--kind", "kbk", "--unit", "DISHUB", "--month", "2026-11", "--out", "input"]);
    let run = p.run(&["check"]);
    assert!(!run.stdout.contains("DITOLAK"), "template rows are not data: {}", run.stdout);
    assert!(run.stdout.contains(" 0 ditolak,"), "{}", run.stdout);
    // The attendance matrix is read already; its rows are empty until someone is typed in.
    let hadir = sheet_line(&run.stdout, "Daftar Hadir");
    assert!(hadir.contains("Kehadiran (matrix), unit DISHUB, bulan November 2026"), "{hadir}");
    assert!(hadir.contains("0 dibaca, 0 diterima, 0 ditolak"), "{hadir}");
}

#[test]
fn empty_kbk_template_passes_check() {
    let p = Project::new("kbk-empty-ok");
    roster(&p);
    run_template(&p, &["--kind", "kbk", "--unit", "DISHUB", "--month", "2026-11", "--out", "input"]);
    let run = p.run(&["check"]);
    assert_eq!(run.code, 0, "every sheet recognised, nothing rejected: {run:?}");
    for name in &SHEETS[..6] {
        let line = sheet_line(&run.stdout, name);
        assert!(!line.contains("DILEWATI"), "{line}");
        assert!(line.contains("0 dibaca, 0 diterima, 0 ditolak"), "{line}");
    }
    assert!(run.stdout.contains("0 ditolak, 0 berkas/lembar dilewati"), "{}", run.stdout);
}

/// The filled workbook: two groups, seven people (a fasilitator among them), three meetings
/// with nine attendance codes, both groups' eight planned steps and two measurements.
fn filled_workbook(p: &Project) -> PathBuf {
    run_template(p, &["--kind", "kbk", "--unit", "DISHUB", "--month", "2026-11", "--out", "input"]);
    let path = kbk_path(&p.input());
    let mut e = Edits::default();
    fill_kelompok(&path, &mut e);
    let members = fill_anggota(&path, &mut e);
    fill_pertemuan(&path, &mut e);
    fill_hadir(&path, &members, &mut e);
    fill_langkah(&path, &mut e);
    fill_hasil(&path, &mut e);
    fill(&path, &e);
    path
}

fn fill_kelompok(path: &Path, e: &mut Edits) {
    let sheet = Sheet::read(path, "Kelompok");
    let (header, col) = sheet.header();
    let groups = [
        ("Melati", "800/112/417.50/2026", "Citra Dewi", "Waktu tunggu izin trayek", 60.0, 30.0),
        ("Mawar", "800/113/417.50/2026", "Citra Dewi", "Pengaduan selesai tepat waktu", 40.0, 80.0),
    ];
    for (i, (nama, sk, fasilitator, indikator, awal, target)) in groups.into_iter().enumerate() {
        let row = header + 1 + i as u32;
        e.set("Kelompok", row, col("Nama Kelompok"), In::T(nama));
        e.set("Kelompok", row, col("Nomor SK"), In::T(sk));
        e.set("Kelompok", row, col("Tanggal SK"), In::D(15, 1, 2026));
        e.set("Kelompok", row, col("Fasilitator"), In::T(fasilitator));
        e.set("Kelompok", row, col("Tema"), In::T("Mempercepat pelayanan"));
        e.set("Kelompok", row, col("Indikator"), In::T(indikator));
        e.set("Kelompok", row, col("Satuan"), In::T(if i == 0 { "menit" } else { "%" }));
        e.set("Kelompok", row, col("Nilai Awal"), In::N(awal));
        e.set("Kelompok", row, col("Target"), In::N(target));
        e.set("Kelompok", row, col("Tanggal Mulai"), In::D(1, 2, 2026));
        e.set("Kelompok", row, col("Rencana Selesai"), In::D(31, 12, 2026));
    }
}

/// Members in `Anggota` order: (group, staff index, role). The NIP is what the workbook's
/// lookup gives once Excel recalculates.
const MEMBERS: [(&str, usize, &str); 7] = [
    ("Melati", 0, "Ketua"),
    ("Melati", 1, "Sekretaris"),
    ("Melati", 3, "Anggota"),
    ("Melati", 2, "Fasilitator"),
    ("Mawar", 4, "Ketua"),
    ("Mawar", 5, "Sekretaris"),
    ("Mawar", 6, "Anggota"),
];

fn fill_anggota(path: &Path, e: &mut Edits) -> Vec<(&'static str, usize, &'static str)> {
    let sheet = Sheet::read(path, "Anggota");
    let (header, col) = sheet.header();
    for (i, (group, who, peran)) in MEMBERS.into_iter().enumerate() {
        let row = header + 1 + i as u32;
        let (nip, nama) = STAFF[who];
        e.set("Anggota", row, col("Nama Kelompok"), In::T(group));
        e.set("Anggota", row, col("NIP"), In::T(nip));
        e.set("Anggota", row, col("Nama"), In::T(nama));
        e.set("Anggota", row, col("Peran"), In::T(peran));
    }
    MEMBERS.to_vec()
}

fn fill_pertemuan(path: &Path, e: &mut Edits) {
    let sheet = Sheet::read(path, "Pertemuan");
    let (header, col) = sheet.header();
    let meetings = [
        ("Melati", 1.0, 5, In::T("1. Menetapkan tema dan sasaran")),
        ("Melati", 2.0, 19, In::T("2. Menetapkan faktor penyebab")),
        ("Mawar", 1.0, 12, In::N(1.0)),
    ];
    for (i, (group, ke, day, langkah)) in meetings.into_iter().enumerate() {
        let row = header + 1 + i as u32;
        e.set("Pertemuan", row, col("Nama Kelompok"), In::T(group));
        e.set("Pertemuan", row, col("Pertemuan ke-"), In::N(ke));
        e.set("Pertemuan", row, col("Tanggal"), In::D(day, 11, 2026));
        e.set("Pertemuan", row, col("Durasi (menit)"), In::N(90.0));
        e.set("Pertemuan", row, col("Langkah"), langkah);
        e.set("Pertemuan", row, col("Agenda"), In::T("Membahas langkah"));
        e.set("Pertemuan", row, col("Hasil"), In::T("Disepakati"));
    }
}

/// `Daftar Hadir` repeats the `Anggota` rows (the fasilitator's left blank): the values Excel
/// calculates, then codes on the meeting days — Melati on the 5th and 19th, Mawar on the 12th.
fn fill_hadir(path: &Path, members: &[(&'static str, usize, &'static str)], e: &mut Edits) {
    let sheet = Sheet::read(path, "Daftar Hadir");
    let (header, col) = sheet.header();
    let day = |d: u32| col("1") + d as u16 - 1;
    let first = header + 2; // below the weekday initials
    let codes: [&[(u32, &str)]; 7] = [
        &[(5, "H"), (19, "H")],
        &[(5, "H"), (19, "S")],
        &[(5, "H"), (19, "H")],
        &[],
        &[(12, "H")],
        &[(12, "I")],
        &[(12, "H")],
    ];
    for (i, ((group, who, peran), codes)) in members.iter().zip(codes).enumerate() {
        let row = first + i as u32;
        if *peran != "Fasilitator" {
            let (nip, nama) = STAFF[*who];
            e.set("Daftar Hadir", row, col("Nama Kelompok"), In::T(group));
            e.set("Daftar Hadir", row, col("NIP"), In::T(nip));
            e.set("Daftar Hadir", row, col("Nama"), In::T(nama));
        }
        for &(d, code) in codes {
            e.set("Daftar Hadir", row, day(d), In::T(code));
        }
    }
}

/// Both groups' blocks: the name (typed on step 1, repeated by formula below) and the plan
/// of all eight steps; Melati has done steps 1 and 2 and started step 3.
fn fill_langkah(path: &Path, e: &mut Edits) {
    let sheet = Sheet::read(path, "Langkah");
    let (header, col) = sheet.header();
    for (b, group) in ["Melati", "Mawar"].into_iter().enumerate() {
        for step in 0..8u8 {
            let row = header + 1 + b as u32 * 8 + u32::from(step);
            let month = 3 + step;
            e.set("Langkah", row, col("Nama Kelompok"), In::T(group));
            e.set("Langkah", row, col("Rencana Mulai"), In::D(1, month, 2026));
            e.set("Langkah", row, col("Rencana Selesai"), In::D(28, month, 2026));
            if b == 0 && step < 3 {
                e.set("Langkah", row, col("Realisasi Mulai"), In::D(2, month, 2026));
            }
            if b == 0 && step < 2 {
                e.set("Langkah", row, col("Realisasi Selesai"), In::D(25, month, 2026));
            }
        }
    }
}

fn fill_hasil(path: &Path, e: &mut Edits) {
    let sheet = Sheet::read(path, "Hasil");
    let (header, col) = sheet.header();
    for (i, (group, nilai, manfaat)) in
        [("Melati", 45.0, "15 menit lebih cepat"), ("Mawar", 55.0, "Rp 2.000.000 per bulan")]
            .into_iter()
            .enumerate()
    {
        let row = header + 1 + i as u32;
        e.set("Hasil", row, col("Nama Kelompok"), In::T(group));
        e.set("Hasil", row, col("Tanggal"), In::D(30, 11, 2026));
        e.set("Hasil", row, col("Nilai"), In::N(nilai));
        e.set("Hasil", row, col("Manfaat"), In::T(manfaat));
    }
}

#[test]
fn filled_kbk_workbook_keeps_its_shape() {
    // What the read-back below depends on, checked before the readers exist: the filled copy
    // keeps the hidden list hidden and every typed value where the headers say.
    let p = Project::new("kbk-filled-shape");
    roster(&p);
    let path = filled_workbook(&p);
    assert_eq!(sheets(&path).last(), Some(&("_pegawai".to_string(), true)));
    let hadir = Sheet::read(&path, "Daftar Hadir");
    let (header, col) = hadir.header();
    let day5 = col("1") + 4;
    let first = header + 2; // below the weekday initials
    let at = |row: u32, label: &str| hadir.cells.get(&(row, u32::from(col(label))));
    assert_eq!(at(first + 2, "Nama"), Some(&Data::String("Dedi Kurniawan".into())));
    assert_eq!(at(first + 3, "NIP"), None, "the fasilitator's row is blank");
    assert_eq!(hadir.cells.get(&(first, u32::from(day5))), Some(&Data::String("H".into())));
    let langkah = Sheet::read(&path, "Langkah");
    let (header, col) = langkah.header();
    let third = header + 1 + 16;
    assert_eq!(langkah.cells.get(&(third, u32::from(col("Langkah")))), Some(&Data::Float(1.0)));
    assert_eq!(langkah.cells.get(&(third, u32::from(col("Nama Kelompok")))), None, "the third block unused");
}

#[test]
fn filled_kbk_workbook_reads_back_exactly() {
    let p = Project::new("kbk-filled");
    roster(&p);
    filled_workbook(&p);
    let run = p.run(&["check"]);
    assert_eq!(run.code, 0, "a filled KBK workbook reads without problems: {run:?}");
    assert!(!run.stdout.contains("DITOLAK"), "{}", run.stdout);
    // (sheet, records): 2 groups; 7 members (the fasilitator listed too); 3 meetings; 9
    // attendance codes; 16 steps (two blocks of eight, the third block unused); 2 results.
    let expected = [
        ("Kelompok", 2),
        ("Anggota", 7),
        ("Pertemuan", 3),
        ("Daftar Hadir", 9),
        ("Langkah", 16),
        ("Hasil", 2),
    ];
    for (name, n) in expected {
        let line = sheet_line(&run.stdout, name);
        assert!(!line.contains("DILEWATI"), "{line}");
        let counts = format!("— {n} dibaca, {n} diterima, 0 ditolak");
        assert!(line.contains(&counts), "{counts:?} in {line}");
        // The kind shown: attendance for the matrix, a KBK kind for the others.
        let kind = line.split(": ").nth(1).unwrap_or_default();
        if name == "Daftar Hadir" {
            assert!(kind.starts_with("Kehadiran (matrix), unit DISHUB, bulan November 2026"), "{line}");
        } else {
            assert!(kind.to_lowercase().contains("kbk"), "a KBK kind: {line}");
        }
    }
    assert!(sheet_line(&run.stdout, "Petunjuk").contains("lembar petunjuk; diabaikan"));
    assert!(sheet_line(&run.stdout, "_pegawai").contains("tersembunyi"));
}
