//! Test helpers for the KBK layouts: a sheet built from cells (row 0 is Excel row 1,
//! column 0 is `A`), read the way `ingest` reads every sheet.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::ground::kbk::KbkRecord;
use crate::ground::model::{Issue, Level};
use crate::ground::settings::Settings;
use crate::ingest::SheetStatus;
use crate::ingest::detect::HeaderVocabulary;
use crate::ingest::layout::{Outcome, SheetOutput};
use crate::ingest::workbook::{Cell, Grid};

pub const E: Cell = Cell::Empty;

pub fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

pub fn n(x: f64) -> Cell {
    Cell::Number(x)
}

/// A real date cell (its serial as Excel stores it).
pub fn d(year: i32, month: u32, day: u32) -> Cell {
    let date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    Cell::Date(Some(date), (date - epoch).num_days() as f64)
}

pub fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// Text cells from strings (`""` is empty).
pub fn texts(cells: &[&str]) -> Vec<Cell> {
    cells.iter().map(|s| if s.is_empty() { E } else { t(s) }).collect()
}

/// What a sheet gave: the layout that took it and its output.
pub struct Read {
    pub layout: Option<&'static str>,
    pub out: SheetOutput,
}

impl Read {
    pub fn records(&self) -> Vec<&KbkRecord> {
        self.out
            .outcomes
            .iter()
            .filter_map(|o| match o {
                Outcome::Kbk(k) => Some(&**k),
                _ => None,
            })
            .collect()
    }

    pub fn rejected(&self) -> usize {
        self.out.outcomes.iter().filter(|o| matches!(o, Outcome::Rejected(_))).count()
    }

    /// The issues as (level, cell, message).
    pub fn issues(&self) -> Vec<(Level, &str, &str)> {
        self.out.issues.iter().map(|i| (i.level, i.cell.as_str(), i.message.as_str())).collect()
    }

    /// The one issue at `cell`.
    pub fn issue(&self, cell: &str) -> &Issue {
        let at: Vec<&Issue> = self.out.issues.iter().filter(|i| i.cell == cell).collect();
        assert_eq!(at.len(), 1, "one issue at {cell}: {:?}", self.issues());
        at[0]
    }
}

/// Reads the sheet `rows` (no merged cells), as sheet `Lembar` of `kbk.xlsx`.
pub fn read(rows: Vec<Vec<Cell>>) -> Read {
    read_merged(rows, Vec::new())
}

/// Reads the sheet `rows` with merged regions ((row, col), (row, col)), inclusive.
pub fn read_merged(rows: Vec<Vec<Cell>>, merged: Vec<((u32, u32), (u32, u32))>) -> Read {
    let settings = Settings::embedded().unwrap();
    let vocab = HeaderVocabulary::new(&settings);
    let grid = Grid { origin_row: 0, origin_col: 0, rows, merged, is_1904: false };
    let file: Arc<str> = Arc::from("kbk.xlsx");
    let (status, out) = crate::ingest::read_sheet(&settings, &vocab, &file, "Lembar", &grid, None, None);
    let layout = match status {
        SheetStatus::Read { layout, .. } => Some(layout.key()),
        _ => None,
    };
    Read { layout, out }
}

/// `Unit Kerja : DISHUB` and a title above a header: the rows every test sheet starts with.
pub fn above(title: &str) -> Vec<Vec<Cell>> {
    vec![vec![t(title)], vec![t("Unit Kerja : DISHUB")], vec![]]
}

#[test]
fn steps_are_read_from_numbers_and_names_or_rejected_with_the_eight_names() {
    use crate::ingest::detect::Field;
    let cases: &[(Cell, Result<Option<u8>, &str>)] = &[
        (n(3.0), Ok(Some(3))),
        (t("Langkah 5"), Ok(Some(5))),
        (t("Menetapkan penyebab dominan"), Ok(Some(3))),
        (E, Ok(None)),
        (n(9.0), Err("langkah harus 1–8")),
        (n(2.5), Err("langkah harus 1–8")),
        (t("0"), Err("langkah harus 1–8")),
        (t("Rapat koordinasi"), Err("8 Menetapkan tema berikutnya")),
    ];
    for (cell, want) in cases {
        let mut rows = above("LANGKAH");
        rows.push(texts(&["Nama Kelompok", "Langkah", "Rencana Mulai"]));
        rows.push(vec![t("Melati"), cell.clone(), t("02/11/2026")]);
        let settings = Settings::embedded().unwrap();
        let vocab = HeaderVocabulary::new(&settings);
        let grid = Grid { origin_row: 0, origin_col: 0, rows, merged: Vec::new(), is_1904: false };
        let (_, table) = crate::ingest::detect::find_table(&grid, &vocab, &settings.codes).unwrap();
        let meta = crate::ingest::detect::read_metadata(&grid, table.header_row);
        let ctx = crate::ingest::layout::SheetCtx {
            settings: &settings,
            file: Arc::from("kbk.xlsx"),
            sheet: Arc::from("Lembar"),
            grid: &grid,
            table: &table,
            meta: &meta,
            sheet_unit: None,
            sheet_month: None,
            persons: Default::default(),
            units: Default::default(),
            last_person: Default::default(),
        };
        match (super::step(&ctx, 4), want) {
            (Ok(got), Ok(want)) => assert_eq!(got, *want, "{cell:?}"),
            (Err(x), Err(want)) => {
                assert!(x.message.contains(want), "{cell:?}: {}", x.message);
                assert_eq!(x.col, table.col(Field::Langkah).unwrap());
            }
            (got, want) => panic!("{cell:?}: {:?} vs {want:?}", got.map_err(|x| x.message)),
        }
    }
}

/// The attendance of (kegiatan, kelompok) per record, in order.
fn attendance_tags(read: &Read) -> Vec<(String, String, u32)> {
    use chrono::Datelike;
    read.out
        .outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Attendance(a) => Some((a.kegiatan.clone(), a.kelompok.clone(), a.date.day())),
            _ => None,
        })
        .collect()
}

/// KBK meeting attendance (SPEC §11.1) in the long layout: kegiatan and kelompok from the
/// row's columns, else from the `Kegiatan :` / `Kelompok :` rows above; `Hari Kerja` is the
/// working day, as before.
#[test]
fn kbk_attendance_long_takes_kegiatan_and_kelompok_from_above() {
    let mut rows = above("DAFTAR HADIR KBK");
    rows.insert(2, texts(&["Kegiatan : Pertemuan KBK"]));
    rows.insert(3, texts(&["Kelompok", ":", "Melati"]));
    rows.push(texts(&["NIP", "Nama", "Tanggal", "Status", "Kegiatan"]));
    rows.push(texts(&["198503152010011002", "Budi", "05/11/2026", "H", ""]));
    rows.push(texts(&["198503152010011002", "Budi", "06/11/2026", "H", "Hari Kerja"]));
    let read = read(rows);
    assert_eq!(read.layout, Some("attendance-long"));
    assert_eq!(
        attendance_tags(&read),
        [("Pertemuan KBK".into(), "Melati".into(), 5), (String::new(), "Melati".into(), 6)]
    );
}

/// The KBK Daftar Hadir: a matrix of members × meeting days, the group in a row column and
/// the activity in a `Kegiatan : KBK` row (without it, the kegiatan stays empty).
#[test]
fn kbk_attendance_matrix_takes_kelompok_from_its_column() {
    let days: Vec<String> = (1..=30).map(|d| d.to_string()).collect();
    let header: Vec<&str> =
        ["No", "Nama Kelompok", "NIP", "Nama"].into_iter().chain(days.iter().map(String::as_str)).collect();
    let member = |nip: &str, nama: &str, kelompok: &str| {
        let mut row = texts(&["1", kelompok, nip, nama]);
        row.resize(34, E);
        row[4 + 4] = t("H");
        row[4 + 18] = t("I");
        row
    };
    let sheet = |kegiatan: Option<&str>| {
        let mut rows = above("DAFTAR HADIR");
        rows.insert(2, texts(&["Bulan : November 2026"]));
        if let Some(k) = kegiatan {
            rows.insert(3, vec![t(&format!("Kegiatan : {k}"))]);
        }
        rows.push(texts(&header));
        rows.push(member("198503152010011002", "Budi", "Melati"));
        rows.push(member("199001012015032001", "Ani", "Mawar"));
        rows
    };
    let read_kbk = read(sheet(Some("KBK")));
    assert_eq!(read_kbk.layout, Some("attendance-matrix"));
    let kbk = |k: &str| ("KBK".to_string(), k.to_string());
    let tags: Vec<(String, String)> =
        attendance_tags(&read_kbk).into_iter().map(|(a, b, _)| (a, b)).collect();
    assert_eq!(tags, [kbk("Melati"), kbk("Melati"), kbk("Mawar"), kbk("Mawar")]);
    let plain = read(sheet(None));
    let tags: Vec<(String, String)> = attendance_tags(&plain).into_iter().map(|(a, b, _)| (a, b)).collect();
    assert_eq!(tags[0], (String::new(), "Melati".to_string()));
}

/// `Kegiatan | : | KBK` or `Kelompok :` | `Melati` right above the Daftar Hadir's header are
/// the sheet's metadata, not the `No` column's name.
#[test]
fn spread_metadata_above_a_matrix_is_no_column() {
    let days: Vec<String> = (1..=30).map(|d| d.to_string()).collect();
    let header: Vec<&str> =
        ["No", "NIP", "Nama"].into_iter().chain(days.iter().map(String::as_str)).collect();
    let mut rows = above("DAFTAR HADIR KBK");
    rows[2] = texts(&["Bulan", ":", "November 2026"]);
    rows.push(texts(&["Kelompok :", "Melati"]));
    rows.push(texts(&["Kegiatan", ":", "KBK"]));
    rows.push(texts(&header));
    let mut member = texts(&["1", "198503152010011002", "Budi"]);
    member.resize(33, E);
    member[3 + 5] = t("H");
    rows.push(member);
    let read = read(rows);
    assert_eq!(read.layout, Some("attendance-matrix"));
    assert_eq!(attendance_tags(&read), [("KBK".to_string(), "Melati".to_string(), 6)]);
}
