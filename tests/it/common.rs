//! Test helpers: a throw-away project folder, workbook builders, and readers for the
//! written reports.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A temporary folder with `input/` and `output/`, removed on drop.
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    pub fn new(name: &str) -> Self {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let root = std::env::temp_dir().join(format!("bk-it-{}-{name}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("input")).unwrap();
        Self { root }
    }

    pub fn input(&self) -> PathBuf {
        self.root.join("input")
    }

    pub fn output(&self) -> PathBuf {
        self.root.join("output")
    }

    /// Runs the binary in the project folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_budaya-kerja"))
            .args(args)
            .current_dir(&self.root)
            .output()
            .expect("binary runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn report_xlsx(&self, month: &str) -> Book {
        let path = self.output().join(month).join(format!("laporan-budaya-kerja-{month}.xlsx"));
        Book::open(&path)
    }

    pub fn report_pdf(&self, month: &str) -> PathBuf {
        self.output().join(month).join(format!("laporan-budaya-kerja-{month}.pdf"))
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A cell value to write into a fixture.
#[derive(Clone, Debug)]
pub enum V {
    S(&'static str),
    T(String),
    N(f64),
    /// A real date cell (dd/mm/yyyy format).
    D(u32, u32, u32),
    E,
}

/// Writes one sheet: `rows[i][j]` goes to row i, column j.
pub fn write_sheet(path: &Path, sheet: &str, rows: &[Vec<V>]) {
    write_book(path, &[(sheet, rows.to_vec())]);
}

/// Writes a workbook of several sheets, each as `write_sheet` writes one.
pub fn write_book(path: &Path, sheets: &[(&str, Vec<Vec<V>>)]) {
    let mut wb = Workbook::new();
    let date_fmt = Format::new().set_num_format("dd/mm/yyyy");
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    V::S(s) => {
                        ws.write_string(r, c, *s).unwrap();
                    }
                    V::T(s) => {
                        ws.write_string(r, c, s).unwrap();
                    }
                    V::N(x) => {
                        ws.write_number(r, c, *x).unwrap();
                    }
                    V::D(d, m, y) => {
                        let date =
                            rust_xlsxwriter::ExcelDateTime::from_ymd(*y as u16, *m as u8, *d as u8).unwrap();
                        ws.write_datetime_with_format(r, c, &date, &date_fmt).unwrap();
                    }
                    V::E => {}
                }
            }
        }
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    wb.save(path).unwrap();
}

/// The rows of a sheet in the template's form: a title, `Unit Kerja : <unit>`, a blank row,
/// the header, then `data`.
pub fn unit_sheet(title: &str, unit: &str, header: &[&'static str], data: Vec<Vec<V>>) -> Vec<Vec<V>> {
    let mut rows = vec![vec![V::T(title.to_string())], vec![V::T(format!("Unit Kerja : {unit}"))], vec![]];
    rows.push(header.iter().map(|h| V::S(h)).collect());
    rows.extend(data);
    rows
}

/// An attendance-long sheet for one unit and month: title, metadata, header, rows of
/// (nip, nama, day, status, menit).
pub fn attendance(path: &Path, unit: &str, bulan: &str, month: u32, rows: &[(&str, &str, u32, &str, f64)]) {
    let mut sheet = vec![
        vec![V::S("DAFTAR HADIR PEGAWAI")],
        vec![V::T(format!("Unit Kerja : {unit}"))],
        vec![V::T(format!("Bulan : {bulan}"))],
        vec![],
        vec![
            V::S("No"),
            V::S("NIP"),
            V::S("Nama"),
            V::S("Tanggal"),
            V::S("Status"),
            V::S("Terlambat (menit)"),
        ],
    ];
    for (i, (nip, nama, day, status, menit)) in rows.iter().enumerate() {
        sheet.push(vec![
            V::N(i as f64 + 1.0),
            V::T(nip.to_string()),
            V::T(nama.to_string()),
            V::D(*day, month, 2026),
            V::T(status.to_string()),
            if *menit > 0.0 { V::N(*menit) } else { V::E },
        ]);
    }
    write_sheet(path, "Kehadiran", &sheet);
}

/// An evaluation sheet: rows of (nip, nama, target, realisasi, nilai perilaku).
pub fn evaluation(path: &Path, unit: &str, bulan: &str, rows: &[(&str, &str, f64, f64, f64)]) {
    let mut sheet = vec![
        vec![V::S("PENILAIAN KINERJA PEGAWAI")],
        vec![V::T(format!("Unit Kerja : {unit}"))],
        vec![V::T(format!("Bulan : {bulan}"))],
        vec![],
        vec![
            V::S("No"),
            V::S("NIP"),
            V::S("Nama"),
            V::S("Target"),
            V::S("Realisasi"),
            V::S("Nilai Perilaku"),
        ],
    ];
    for (i, (nip, nama, t, r, p)) in rows.iter().enumerate() {
        sheet.push(vec![
            V::N(i as f64 + 1.0),
            V::T(nip.to_string()),
            V::T(nama.to_string()),
            V::N(*t),
            V::N(*r),
            V::N(*p),
        ]);
    }
    write_sheet(path, "Penilaian", &sheet);
}

/// A written report workbook, re-read with calamine.
pub struct Book {
    wb: Xlsx<Cursor<Vec<u8>>>,
}

impl Book {
    pub fn open(path: &Path) -> Self {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Self { wb: Xlsx::new(Cursor::new(bytes)).expect("valid xlsx") }
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.wb.sheet_names()
    }

    /// The table of a sheet as (header, rows), the header being the row whose first cell is
    /// `first_label`.
    pub fn table(&mut self, sheet: &str, first_label: &str) -> Table {
        let range = self.wb.worksheet_range(sheet).unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
        let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        let h = rows
            .iter()
            .position(|r| r.first().map(|c| c.to_string()) == Some(first_label.to_string()))
            .unwrap_or_else(|| panic!("no header starting with {first_label} in {sheet}"));
        let header: Vec<String> = rows[h].iter().map(|c| c.to_string()).filter(|s| !s.is_empty()).collect();
        Table { header, rows: rows[h + 1..].to_vec() }
    }
}

pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Data>>,
}

impl Table {
    pub fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }

    /// The row whose column `key_col` equals `key`.
    pub fn row(&self, key_col: &str, key: &str) -> &Vec<Data> {
        let c = self.col(key_col);
        self.rows
            .iter()
            .find(|r| r.get(c).map(|d| d.to_string()).as_deref() == Some(key))
            .unwrap_or_else(|| panic!("no row with {key_col} = {key}"))
    }

    pub fn get<'a>(&self, row: &'a [Data], name: &str) -> &'a Data {
        &row[self.col(name)]
    }

    pub fn num(&self, row: &[Data], name: &str) -> f64 {
        match self.get(row, name) {
            Data::Float(x) => *x,
            Data::Int(i) => *i as f64,
            other => panic!("{name} is not a number: {other:?}"),
        }
    }

    pub fn text(&self, row: &[Data], name: &str) -> String {
        self.get(row, name).to_string()
    }
}

/// The PDF's text via pdftotext, or `None` when the tool is missing outside CI.
pub fn pdf_text(path: &Path) -> Option<String> {
    match Command::new("pdftotext").arg("-layout").arg(path).arg("-").output() {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Ok(out) => panic!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(_) if std::env::var_os("CI").is_some() => panic!("pdftotext is required in CI (poppler-utils)"),
        Err(_) => {
            eprintln!(
                "note: pdftotext not installed; PDF text assertions skipped (apt-get install poppler-utils)"
            );
            None
        }
    }
}

pub fn assert_close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-9, "expected {expected}, got {actual}");
}

/// The tidy data of one kind (`kehadiran`, `penilaian`) under `output/data/`: each month
/// file's text by its month (`2026-11` from `kehadiran-2026-11.csv`).
pub fn tidy_data(output: &Path, kind: &str) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    for e in std::fs::read_dir(output.join("data")).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(month) = name.strip_prefix(kind).and_then(|n| n.strip_prefix('-')?.strip_suffix(".csv")) {
            out.insert(month.to_string(), std::fs::read_to_string(e.path()).unwrap());
        }
    }
    out
}
