//! Template round trips (SPEC §7): generate templates with the real binary, fill them as a
//! unit would (calamine reads the generated workbook, rust_xlsxwriter writes a filled copy
//! with the same cells), run the report and check the figures against SPEC §4 by hand. Also
//! the guards inside a generated workbook, read from its XML parts: the status dropdown, the
//! Text format of the NIP column, the shaded `L` days, the locked headings.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

use crate::common::*;

const A: &str = "198001012005011001";
const B: &str = "197505052000032002";
const C: &str = "199002022015031003";
/// Typed in by the unit on a spare row: not in the roster.
const D: &str = "199203032019032004";

/// Weekends of November 2026 (1 November is a Sunday); no national holiday that month.
const NOV_DAYS_OFF: [u32; 9] = [1, 7, 8, 14, 15, 21, 22, 28, 29];

fn nov_working_days() -> impl Iterator<Item = u32> {
    (1..=30).filter(|d| !NOV_DAYS_OFF.contains(d))
}

/// A roster (`Daftar Pegawai`) with two DISHUB staff and one of DLH.
fn roster(p: &Project) {
    let person = |nip: &str, nama: &'static str, unit: &'static str| {
        vec![V::T(nip.to_string()), V::S(nama), V::S(unit), V::S("Staf")]
    };
    write_sheet(
        &p.input().join("Daftar Pegawai.xlsx"),
        "Daftar Pegawai",
        &[
            vec![V::S("DAFTAR PEGAWAI")],
            vec![],
            vec![V::S("NIP"), V::S("Nama"), V::S("Unit Kerja"), V::S("Jabatan")],
            person(A, "Andi Wijaya", "DISHUB"),
            person(B, "Budi Lestari", "Dinas Perhubungan"),
            person(C, "Citra Dewi", "DLH"),
        ],
    );
}

// ------------------------------------------------------------------ reading and filling workbooks

/// A sheet's cells by absolute (row, col), 0-based.
struct Sheet {
    cells: HashMap<(u32, u32), Data>,
}

impl Sheet {
    fn read(path: &Path, name: &str) -> Sheet {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut wb = Xlsx::new(Cursor::new(bytes)).expect("valid xlsx");
        let range = wb.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
        let cells = range
            .used_cells()
            .map(|(r, c, d)| {
                let (r0, c0) = range.start().unwrap_or((0, 0));
                ((r0 + r as u32, c0 + c as u32), d.clone())
            })
            .filter(|(_, d)| !shown(d).is_empty())
            .collect();
        Sheet { cells }
    }

    fn text(&self, row: u32, col: u32) -> String {
        self.cells.get(&(row, col)).map(|d| d.to_string()).unwrap_or_default()
    }

    /// The (row, col) of the first cell whose text is `text`, top to bottom.
    fn find(&self, text: &str) -> (u32, u32) {
        let mut hits: Vec<(u32, u32)> =
            self.cells.iter().filter(|(_, d)| shown(d) == text).map(|(k, _)| *k).collect();
        hits.sort();
        *hits.first().unwrap_or_else(|| panic!("no cell {text:?}"))
    }

    /// The row whose `col` holds `text`.
    fn row_of(&self, col: u32, text: &str) -> u32 {
        let mut rows: Vec<u32> = self
            .cells
            .iter()
            .filter(|((_, c), d)| *c == col && shown(d) == text)
            .map(|((r, _), _)| *r)
            .collect();
        rows.sort();
        *rows.first().unwrap_or_else(|| panic!("no row with {text:?} in column {col}"))
    }

    /// Matrix: day number → column, from the header row of numbers 1, 2, 3, …
    fn day_columns(&self) -> HashMap<u32, u32> {
        let (row, first) = self
            .cells
            .iter()
            .filter(|(_, d)| matches!(d, Data::Float(x) if *x == 1.0))
            .map(|(k, _)| *k)
            .find(|&(r, c)| matches!(self.cells.get(&(r, c + 1)), Some(Data::Float(x)) if *x == 2.0))
            .expect("a row of day numbers");
        (1..=31)
            .map(|d| (d, first + d - 1))
            .filter(
                |(d, c)| matches!(self.cells.get(&(row, *c)), Some(Data::Float(x)) if *x == f64::from(*d)),
            )
            .collect()
    }
}

/// A cell as the reader would print it (numbers without `.0`).
fn shown(d: &Data) -> String {
    d.to_string()
}

/// Writes a filled copy of a generated template over itself: every sheet and cell value as
/// calamine reads it (formula cells as their cached values), with `edits` applied to the
/// first sheet — what a unit's Excel saves after typing into the cells.
fn fill(path: &Path, edits: &HashMap<(u32, u32), Data>) {
    let bytes = std::fs::read(path).unwrap();
    let mut source = Xlsx::new(Cursor::new(bytes)).expect("valid xlsx");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let mut wb = Workbook::new();
    for (i, name) in source.sheet_names().iter().enumerate() {
        let range = source.worksheet_range(name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells: HashMap<(u32, u32), Data> =
            range.used_cells().map(|(r, c, d)| ((r0 + r as u32, c0 + c as u32), d.clone())).collect();
        if i == 0 {
            cells.extend(edits.iter().map(|(k, v)| (*k, v.clone())));
        }
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for ((r, c), d) in cells {
            let c = c as u16;
            match d {
                Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                Data::Float(x) => ws.write_number(r, c, x).map(|_| ()),
                Data::Int(x) => ws.write_number(r, c, x as f64).map(|_| ()),
                Data::DateTime(x) => ws.write_number_with_format(r, c, x.as_f64(), &date).map(|_| ()),
                Data::Bool(b) => ws.write_boolean(r, c, b).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn code(s: &str) -> Data {
    Data::String(s.to_string())
}

fn template(p: &Project, args: &[&str]) -> Run {
    let mut all = vec!["template", "--month"];
    all.extend_from_slice(args);
    let run = p.run(&all);
    assert_eq!(run.code, 0, "template exits 0: {run:?}");
    run
}

// ------------------------------------------------------------------ round trips

#[test]
fn filled_matrix_and_penilaian_templates_give_exact_figures() {
    let p = Project::new("tpl-matrix");
    roster(&p);
    let run = template(&p, &["2026-11", "--unit", "DISHUB", "--out", "input"]);
    let written: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(written.len(), 2, "one line per file: {run:?}");
    assert!(written[0].ends_with("Kehadiran_DISHUB_2026-11.xlsx"), "{written:?}");
    assert!(written[1].ends_with("Penilaian_DISHUB_2026-11.xlsx"), "{written:?}");

    // Kehadiran: the roster's DISHUB staff prefilled (not DLH's), weekends prefilled L.
    let kehadiran = p.input().join("Kehadiran_DISHUB_2026-11.xlsx");
    let sheet = Sheet::read(&kehadiran, "Kehadiran");
    let (_, nip_col) = sheet.find("NIP");
    let nama_col = nip_col + 1;
    let days = sheet.day_columns();
    assert_eq!(days.len(), 30, "November has 30 day columns");
    let row_a = sheet.row_of(nip_col, A);
    let row_b = sheet.row_of(nip_col, B);
    assert_eq!(sheet.text(row_a, nama_col), "Andi Wijaya");
    assert_eq!(sheet.text(row_b, nama_col), "Budi Lestari");
    assert!(!sheet.cells.values().any(|d| shown(d) == C), "DLH's staff are not in DISHUB's template");
    let spare = row_b + 1;
    assert_eq!(sheet.text(spare, nip_col), "", "a spare row follows the roster");
    for d in 1..=30 {
        let expected = if NOV_DAYS_OFF.contains(&d) { "L" } else { "" };
        assert_eq!(sheet.text(row_a, days[&d]), expected, "day {d}");
    }

    // A: H, except TL on the 3rd, S on the 4th, TK on the 5th, I on the 6th.
    // B: H, except C on the 10th and 11th, DL on the 12th, and H on Saturday the 7th.
    // D (a new colleague, typed into the spare row): H on every working day.
    let mut edits = HashMap::new();
    for d in nov_working_days() {
        let a = match d {
            3 => "TL",
            4 => "S",
            5 => "TK",
            6 => "I",
            _ => "H",
        };
        let b = match d {
            10 | 11 => "C",
            12 => "DL",
            _ => "H",
        };
        edits.insert((row_a, days[&d]), code(a));
        edits.insert((row_b, days[&d]), code(b));
        edits.insert((spare, days[&d]), code("H"));
    }
    edits.insert((row_b, days[&7]), code("H"));
    edits.insert((spare, nip_col), code(D));
    edits.insert((spare, nama_col), code("Dewi Anggraini"));
    fill(&kehadiran, &edits);

    // Penilaian: A 42 of 40 with perilaku 80; B 40 of 50 with 75; D 6 of 10 with 70.
    let penilaian = p.input().join("Penilaian_DISHUB_2026-11.xlsx");
    let sheet = Sheet::read(&penilaian, "Penilaian");
    let (_, target) = sheet.find("Target");
    let (_, nip_col) = sheet.find("NIP");
    let rows = [sheet.row_of(nip_col, A), sheet.row_of(nip_col, B), sheet.row_of(nip_col, B) + 1];
    let mut edits = HashMap::new();
    edits.insert((rows[2], nip_col), code(D));
    edits.insert((rows[2], nip_col + 1), code("Dewi Anggraini"));
    for (row, values) in rows.iter().zip([[40.0, 42.0, 80.0], [50.0, 40.0, 75.0], [10.0, 6.0, 70.0]]) {
        for (i, v) in values.into_iter().enumerate() {
            edits.insert((*row, target + i as u32), Data::Float(v));
        }
    }
    fill(&penilaian, &edits);

    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 0, "a filled template reads without problems: {run:?}");
    let mut book = p.report_xlsx("2026-11");

    // Working days: 21. A: hari kerja 21, hadir 17 H + 1 TL = 18. B: 21 + Saturday = 22,
    // hadir 22 − 2 C = 20 (DL is present). D: 21 of 21.
    let persons = book.table("Pegawai", "NIP");
    for (nip, hk, hadir, nilai, predikat) in [
        (A, 21.0, 18.0, 92.0, "Sangat Baik"), // 0.6 × min(105, 100) + 0.4 × 80
        (B, 22.0, 20.0, 78.0, "Baik"),        // 0.6 × 80 + 0.4 × 75
        (D, 21.0, 21.0, 64.0, "Cukup"),       // 0.6 × 60 + 0.4 × 70
    ] {
        let row = persons.row("NIP", nip);
        assert_eq!(persons.num(row, "Hari Kerja"), hk, "{nip}");
        assert_eq!(persons.num(row, "Hadir"), hadir, "{nip}");
        assert_close(persons.num(row, "Tingkat Kehadiran"), hadir / hk);
        assert_close(persons.num(row, "Nilai Kinerja"), nilai);
        assert_eq!(persons.text(row, "Predikat"), predikat);
    }
    assert_eq!(persons.text(persons.row("NIP", D), "Nama"), "Dewi Anggraini");

    let units = book.table("Unit", "Kode Unit");
    let dishub = units.row("Kode Unit", "DISHUB");
    assert_eq!(units.text(dishub, "Status Laporan"), "Lengkap");
    assert_eq!(units.num(dishub, "Pegawai"), 3.0);
    assert_eq!(units.num(dishub, "Hari Kerja"), 64.0);
    assert_eq!(units.num(dishub, "Hadir"), 59.0);
    assert_eq!(units.num(dishub, "Sakit"), 1.0);
    assert_eq!(units.num(dishub, "Izin"), 1.0);
    assert_eq!(units.num(dishub, "Cuti"), 2.0);
    assert_eq!(units.num(dishub, "Tanpa Keterangan"), 1.0);
    assert_close(units.num(dishub, "Tingkat Kehadiran"), 59.0 / 64.0);
    assert_eq!(units.num(dishub, "Pegawai Dinilai"), 3.0);
    assert_close(units.num(dishub, "Rata-rata Capaian"), (1.05 + 0.8 + 0.6) / 3.0);
    assert_close(units.num(dishub, "Rata-rata Nilai Kinerja"), (92.0 + 78.0 + 64.0) / 3.0);
}

#[test]
fn filled_long_template_gives_exact_figures() {
    let p = Project::new("tpl-long");
    roster(&p);
    template(
        &p,
        &["2026-11", "--unit", "dishub", "--kind", "kehadiran", "--layout", "long", "--out", "input"],
    );
    let path = p.input().join("Kehadiran_DISHUB_2026-11.xlsx");
    assert!(!p.input().join("Penilaian_DISHUB_2026-11.xlsx").exists(), "--kind kehadiran writes one kind");
    let sheet = Sheet::read(&path, "Kehadiran");
    let (header, nip_col) = sheet.find("NIP");
    let col = |label: &str| {
        let (r, c) = sheet.find(label);
        assert_eq!(r, header, "{label} is on the header row");
        c
    };
    let (tanggal, status, menit) = (col("Tanggal"), col("Status"), col("Terlambat (menit)"));

    // Each person's block: the first row names them, the others repeat them (cached in the
    // printed NIP grouping, which the reader accepts), one date per row, L on days off.
    let first_a = sheet.row_of(nip_col, A);
    let first_b = sheet.row_of(nip_col, B);
    assert_eq!(first_b, first_a + 30, "a block is a month of rows");
    assert_eq!(sheet.text(first_a + 1, nip_col), "19800101 200501 1 001");
    assert_eq!(sheet.text(first_a + 29, nip_col + 1), "Andi Wijaya");
    for d in 1..=30 {
        let row = first_a + d - 1;
        match sheet.cells.get(&(row, tanggal)) {
            Some(Data::DateTime(x)) => assert_eq!(x.as_f64(), 46326.0 + f64::from(d), "day {d}"),
            other => panic!("day {d}: a date, got {other:?}"),
        }
        let expected = if NOV_DAYS_OFF.contains(&d) { "L" } else { "" };
        assert_eq!(sheet.text(row, status), expected, "day {d}");
    }
    // The spare blocks below stay blank until someone is typed in.
    let spare = first_b + 30;
    assert_eq!((sheet.text(spare, tanggal), sheet.text(spare + 6, status)), (String::new(), String::new()));

    // A: H, except TL with 25 minutes on the 3rd, PSW on the 4th, S on the 5th.
    // B: H, except TK on the 9th, and H on Sunday the 1st.
    let mut edits = HashMap::new();
    for d in nov_working_days() {
        let a = match d {
            3 => "TL",
            4 => "PSW",
            5 => "S",
            _ => "H",
        };
        edits.insert((first_a + d - 1, status), code(a));
        edits.insert((first_b + d - 1, status), code(if d == 9 { "TK" } else { "H" }));
    }
    edits.insert((first_a + 2, menit), Data::Float(25.0));
    edits.insert((first_b, status), code("H"));
    fill(&path, &edits);

    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 0, "a filled template reads without problems: {run:?}");
    let mut book = p.report_xlsx("2026-11");
    // A: hari kerja 21, hadir 18 H + TL + PSW = 20. B: 21 + Sunday = 22, hadir 22 − 1 TK = 21.
    let persons = book.table("Pegawai", "NIP");
    for (nip, hk, hadir) in [(A, 21.0, 20.0), (B, 22.0, 21.0)] {
        let row = persons.row("NIP", nip);
        assert_eq!(persons.num(row, "Hari Kerja"), hk, "{nip}");
        assert_eq!(persons.num(row, "Hadir"), hadir, "{nip}");
        assert_close(persons.num(row, "Tingkat Kehadiran"), hadir / hk);
    }
    assert_eq!(persons.num(persons.row("NIP", A), "Menit Terlambat"), 25.0);
    let units = book.table("Unit", "Kode Unit");
    let dishub = units.row("Kode Unit", "DISHUB");
    assert_eq!(units.text(dishub, "Status Laporan"), "Sebagian");
    assert_eq!(units.num(dishub, "Pegawai"), 2.0);
    assert_eq!(units.num(dishub, "Hari Kerja"), 43.0);
    assert_eq!(units.num(dishub, "Hadir"), 41.0);
    assert_eq!(units.num(dishub, "Sakit"), 1.0);
    assert_eq!(units.num(dishub, "Tanpa Keterangan"), 1.0);
    assert_eq!(units.num(dishub, "Menit Terlambat"), 25.0);
    assert_close(units.num(dishub, "Tingkat Kehadiran"), 41.0 / 43.0);
}

#[test]
fn unfilled_templates_pass_check_without_problems() {
    let p = Project::new("tpl-empty");
    template(&p, &["2026-11", "--unit", "DISHUB", "--out", "input/matrix"]);
    template(
        &p,
        &["2026-11", "--unit", "DISHUB", "--kind", "kehadiran", "--layout", "long", "--out", "input/long"],
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 0, "empty rows and blocks are no problem: {run:?}");
    for found in [
        "Kehadiran (matrix), unit DISHUB, bulan November 2026",
        "Kehadiran (long), unit DISHUB, bulan November 2026",
        "Penilaian (long), unit DISHUB, bulan November 2026",
        "Lembar \"Petunjuk\": lembar petunjuk; diabaikan",
        "3 berkas, 0 catatan dibaca, 0 diterima, 0 ditolak, 0 berkas/lembar dilewati",
    ] {
        assert!(run.stdout.contains(found), "{found:?} in {}", run.stdout);
    }
}

// ------------------------------------------------------------------ what the workbook enforces

/// The XML parts of a generated workbook.
struct Parts {
    sheet: String,
    styles: String,
    strings: Vec<String>,
    workbook: String,
}

impl Parts {
    fn open(path: &Path) -> Parts {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip container");
        let mut part = |name: &str| {
            let mut s = String::new();
            if let Ok(mut f) = zip.by_name(name) {
                f.read_to_string(&mut s).unwrap();
            }
            s
        };
        let strings = part("xl/sharedStrings.xml");
        Parts {
            sheet: part("xl/worksheets/sheet1.xml"),
            styles: part("xl/styles.xml"),
            workbook: part("xl/workbook.xml"),
            strings: elements(&strings, "<si>").iter().map(|si| shared_string(si)).collect(),
        }
    }

    /// The `<c r="…">` element of a cell.
    fn cell(&self, reference: &str) -> &str {
        let start = self
            .sheet
            .find(&format!("<c r=\"{reference}\""))
            .unwrap_or_else(|| panic!("no cell {reference}"));
        let rest = &self.sheet[start..];
        let end = match (rest.find("/>"), rest.find('>')) {
            (Some(a), Some(b)) if a + 1 == b => a + 2,
            _ => rest.find("</c>").map(|e| e + 4).unwrap_or(rest.len()),
        };
        &rest[..end]
    }

    /// A cell's text: a shared string, or its `<v>`.
    fn text(&self, reference: &str) -> String {
        let c = self.cell(reference);
        let v = if c.contains("<v>") { between(c, "<v>", "</v>").to_string() } else { String::new() };
        if c.contains("t=\"s\"") { self.strings[v.parse::<usize>().unwrap()].clone() } else { v }
    }

    /// The cell's `<xf>` in `cellXfs`.
    fn xf(&self, reference: &str) -> String {
        let index: usize = attr(self.cell(reference), "s").map(|s| s.parse().unwrap()).unwrap_or(0);
        let xfs = between(&self.styles, "<cellXfs", "</cellXfs>");
        elements(xfs, "<xf ")[index].clone()
    }

    fn locked(&self, reference: &str) -> bool {
        !self.xf(reference).contains("locked=\"0\"")
    }

    /// The solid fill colour of a cell, `FFD9D9D9`-style, if any.
    fn fill(&self, reference: &str) -> Option<String> {
        let id: usize = attr(&self.xf(reference), "fillId").unwrap().parse().unwrap();
        let fills = between(&self.styles, "<fills", "</fills>");
        let fill = elements(fills, "<fill>")[id].clone();
        fill.contains("solid").then(|| attr(between(&fill, "<fgColor", "/>"), "rgb").unwrap_or_default())
    }

    /// Every `<dataValidation …>…</dataValidation>` of the sheet.
    fn validations(&self) -> Vec<String> {
        elements(&self.sheet, "<dataValidation ")
    }

    fn validation(&self, sqref: &str) -> String {
        let wanted = format!("sqref=\"{sqref}\"");
        self.validations()
            .into_iter()
            .find(|v| v.contains(&wanted))
            .unwrap_or_else(|| panic!("no validation on {sqref}: {:?}", self.validations()))
    }
}

/// The pieces of `xml` that start with `open`, each up to the next one.
fn elements(xml: &str, open: &str) -> Vec<String> {
    xml.split(open).skip(1).map(|s| format!("{open}{s}")).collect()
}

/// The text of `<si><t …>text</t></si>`.
fn shared_string(si: &str) -> String {
    let t = between(si, "<t", "</t>");
    t[t.find('>').map(|i| i + 1).unwrap_or(0)..].to_string()
}

fn between<'a>(s: &'a str, from: &str, to: &str) -> &'a str {
    let start = s.find(from).map(|i| i + from.len()).unwrap_or(0);
    let rest = &s[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

fn attr(element: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = element.find(&key)? + key.len();
    let len = element[start..].find('"')?;
    Some(element[start..start + len].to_string())
}

const GREY: &str = "FFD9D9D9";

#[test]
fn matrix_template_guards_codes_nip_holidays_and_headings() {
    let p = Project::new("tpl-xml");
    template(&p, &["2026-12", "--unit", "DISHUB", "--kind", "kehadiran"]);
    let x = Parts::open(&p.output().join("templat/2026-12/Kehadiran_DISHUB_2026-12.xlsx"));

    // Header rows 7–9 (day numbers on row 8), 20 empty rows 10–29 without a roster; day 1 in
    // column D, so day d is in column D + d − 1 and 31 December in AH.
    let list = x.validation("D10:AH29");
    assert!(list.contains("type=\"list\""), "{list}");
    assert!(list.contains("<formula1>\"H,TL,PSW,DL,DD,S,I,C,TK,L,TB\"</formula1>"), "{list}");
    assert!(list.contains("promptTitle=\"Kode kehadiran\"") && list.contains("H=Hadir"), "{list}");
    assert!(list.contains("errorTitle=\"Kode tidak dikenal\""), "{list}");

    // The NIP column is Text (`@`, built-in format 49) and open for typing.
    for cell in ["B10", "B29"] {
        assert!(x.xf(cell).contains("numFmtId=\"49\""), "{cell}: {}", x.xf(cell));
        assert!(!x.locked(cell), "{cell} is an input");
    }
    // 24 and 25 December (Thursday, Friday: cuti bersama and Natal) and Saturday the 26th are
    // shaded and prefilled L, still open for a unit that works that day; the 23rd is not.
    for (day, column) in [(24, "AA"), (25, "AB"), (26, "AC")] {
        assert_eq!(x.text(&format!("{column}8")), day.to_string(), "day number is a number");
        for row in [8, 9, 10, 29] {
            assert_eq!(x.fill(&format!("{column}{row}")).as_deref(), Some(GREY), "{column}{row}");
        }
        assert_eq!(x.text(&format!("{column}10")), "L");
        assert!(!x.locked(&format!("{column}10")));
    }
    assert_eq!(x.text("Z10"), "");
    assert_eq!(x.fill("Z10"), None, "23 December is a working day");
    assert!(!x.locked("Z10"));
    assert_eq!((x.text("AA9"), x.text("AC9"), x.text("AD9")), ("K".into(), "S".into(), "M".into()));

    // Letterhead, metadata and headers are locked; the sheet is protected without a password.
    assert_eq!(x.text("A1"), "PEMERINTAH KOTA MOJOKERTO");
    assert_eq!(x.text("A4"), "Unit Kerja : Dinas Perhubungan");
    assert_eq!(x.text("A5"), "Bulan : Desember 2026");
    assert_eq!(x.text("B7"), "NIP");
    for cell in ["A1", "A4", "A5", "B7", "D8", "AA8", "A10"] {
        assert!(x.locked(cell), "{cell} is locked");
    }
    let protection = between(&x.sheet, "<sheetProtection", "/>");
    assert!(x.sheet.contains("<sheetProtection"), "the sheet is protected");
    assert!(!protection.contains("password"), "no password: {protection}");

    // Frozen below the header and right of the name; A4 landscape, one page wide, the header
    // rows repeated on every page.
    assert!(x.sheet.contains("xSplit=\"3\" ySplit=\"9\""), "frozen panes");
    let setup = between(&x.sheet, "<pageSetup", "/>");
    for part in ["paperSize=\"9\"", "orientation=\"landscape\"", "fitToHeight=\"0\""] {
        assert!(setup.contains(part), "{part} in {setup}");
    }
    assert!(x.workbook.contains("Kehadiran!$7:$9"), "repeated header rows: {}", x.workbook);
    assert!(x.workbook.contains("name=\"Petunjuk\""), "the instructions sheet");
}

#[test]
fn penilaian_and_long_templates_check_numbers() {
    let p = Project::new("tpl-xml-numbers");
    template(&p, &["2026-11", "--unit", "DISHUB", "--kind", "penilaian", "--out", "t"]);
    let x = Parts::open(&p.root.join("t/Penilaian_DISHUB_2026-11.xlsx"));
    // Header on row 7, 20 rows 8–27: Target > 0, Realisasi ≥ 0, Nilai Perilaku 0–100.
    let target = x.validation("D8:D27");
    assert!(target.contains("type=\"decimal\"") && target.contains("operator=\"greaterThan\""), "{target}");
    assert!(target.contains("<formula1>0</formula1>"), "{target}");
    let realisasi = x.validation("E8:E27");
    assert!(realisasi.contains("operator=\"greaterThanOrEqual\""), "{realisasi}");
    let perilaku = x.validation("F8:F27");
    assert!(perilaku.contains("<formula1>0</formula1><formula2>100</formula2>"), "{perilaku}");
    assert!(x.xf("B8").contains("numFmtId=\"49\""));
    assert!(!x.locked("D8") && x.locked("D7"));

    template(&p, &["2026-11", "--unit", "DISHUB", "--kind", "kehadiran", "--layout", "long", "--out", "t"]);
    let x = Parts::open(&p.root.join("t/Kehadiran_DISHUB_2026-11.xlsx"));
    // Five empty blocks of 30 days: rows 8–157.
    let list = x.validation("E8:E157");
    assert!(list.contains("\"H,TL,PSW,DL,DD,S,I,C,TK,L,TB\""), "{list}");
    let minutes = x.validation("F8:F157");
    assert!(minutes.contains("type=\"whole\"") && minutes.contains("<formula2>1440</formula2>"), "{minutes}");
    // 1 November (Sunday) is shaded; its L appears once the block names someone.
    assert_eq!(x.fill("E8").as_deref(), Some(GREY));
    assert!(x.cell("E8").contains("\"L\""), "{}", x.cell("E8"));
    assert!(x.cell("D9").contains("DATE(2026,11,2)"), "{}", x.cell("D9"));
    assert!(x.locked("D9") && !x.locked("E9") && !x.locked("B8") && x.locked("B9"));
}

#[test]
fn configured_holidays_are_shaded_instead_of_the_defaults() {
    let p = Project::new("tpl-libur");
    std::fs::write(p.root.join("budaya-kerja.toml"), "[libur]\ntanggal = [\"2026-11-10\"]\n").unwrap();
    template(&p, &["2026-11", "--unit", "DISHUB", "--kind", "kehadiran", "--out", "input"]);
    let sheet = Sheet::read(&p.input().join("Kehadiran_DISHUB_2026-11.xlsx"), "Kehadiran");
    let days = sheet.day_columns();
    let (first, _) = sheet.find("1");
    let row = sheet.cells.keys().map(|(r, _)| *r).filter(|r| *r > first + 1).min().unwrap();
    assert_eq!(sheet.text(row, days[&10]), "L", "Hari Pahlawan as configured");
    assert_eq!(sheet.text(row, days[&9]), "");
    let guide = Sheet::read(&p.input().join("Kehadiran_DISHUB_2026-11.xlsx"), "Petunjuk");
    assert!(
        guide.cells.values().any(|d| d.to_string().contains("hari libur (10 November 2026)")),
        "the Petunjuk names the holiday"
    );
}

// ------------------------------------------------------------------ the command

#[test]
fn unknown_unit_is_an_error_naming_the_closest_codes() {
    let p = Project::new("tpl-unknown");
    let run = p.run(&["template", "--month", "2026-11", "--unit", "DISHUBB", "--unit", "DLH"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("\"DISHUBB\"") && run.stderr.contains("(DISHUB)"), "{}", run.stderr);
    assert!(!p.output().join("templat").exists(), "nothing written");
}

#[test]
fn every_unit_gets_both_templates_named_by_its_code() {
    let p = Project::new("tpl-all");
    let run = p.run(&["templat", "--month", "2026-11"]);
    assert_eq!(run.code, 0, "{run:?}");
    let units = budaya_kerja::ground::settings::default_units();
    assert_eq!(run.stdout.lines().count(), 2 * units.len());
    let dir = p.output().join("templat/2026-11");
    let names: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(names.len(), 2 * units.len(), "no temporary files left: {names:?}");
    for name in ["Kehadiran_KEC-MAGERSARI_2026-11.xlsx", "Penilaian_UPTD-PDK-KRANGGAN_2026-11.xlsx"] {
        assert!(dir.join(name).is_file(), "{name}");
    }
    let quiet = p.run(&["template", "--month", "2026-11", "--unit", "DLH", "-q"]);
    assert_eq!((quiet.code, quiet.stdout.as_str(), quiet.stderr.as_str()), (0, "", ""));
}

#[test]
fn filled_clock_template_reads_back_as_clock_days() {
    let p = Project::new("tpl-jam");
    roster(&p);
    template(
        &p,
        &["2026-11", "--unit", "DISHUB", "--kind", "kehadiran", "--layout", "jam", "--out", "input"],
    );
    let path = p.input().join("Kehadiran_DISHUB_2026-11.xlsx");
    let sheet = Sheet::read(&path, "Kehadiran");
    let (header, nip_col) = sheet.find("NIP");
    let col = |label: &str| {
        let (r, c) = sheet.find(label);
        assert_eq!(r, header, "{label} is on the header row");
        c
    };
    let (tanggal, masuk, pulang) = (col("Tanggal"), col("Jam Masuk"), col("Jam Pulang"));
    // One row per working day of the default schedule: 21 in November 2026.
    let first_a = sheet.row_of(nip_col, A);
    let first_b = sheet.row_of(nip_col, B);
    assert_eq!(first_b, first_a + 21, "a block is the month's working days");
    let days: Vec<u32> = (0..21)
        .map(|k| match sheet.cells.get(&(first_a + k, tanggal)) {
            Some(Data::DateTime(x)) => (x.as_f64() - 46326.0) as u32,
            other => panic!("row {k}: a date, got {other:?}"),
        })
        .collect();
    assert_eq!(days, nov_working_days().collect::<Vec<_>>());

    // A: 07:25 – 16:35 every day (text), except 07:45 on the 3rd: 15 minutes late (TL1).
    // B: the same as times of day (07:20 = 0.30556), no row filled on the 9th: TK.
    let mut edits = HashMap::new();
    for (k, &d) in days.iter().enumerate() {
        let k = k as u32;
        edits.insert((first_a + k, masuk), code(if d == 3 { "07:45" } else { "07:25" }));
        edits.insert((first_a + k, pulang), code("16:35"));
        if d != 9 {
            edits.insert((first_b + k, masuk), Data::Float(7.0 / 24.0 + 20.0 / 1440.0));
            edits.insert((first_b + k, pulang), Data::Float(16.0 / 24.0 + 40.0 / 1440.0));
        }
    }
    fill(&path, &edits);

    let run = p.run(&["report", "--month", "2026-11"]);
    assert_eq!(run.code, 0, "a filled clock template reads without problems: {run:?}");
    let mut book = p.report_xlsx("2026-11");
    let persons = book.table("Pegawai", "NIP");
    let a = persons.row("NIP", A);
    let got = |row: &[Data], c: &str| persons.num(row, c);
    assert_eq!(
        (got(a, "Hari Kerja"), got(a, "Hadir"), got(a, "Menit Terlambat"), got(a, "TL1")),
        (21.0, 21.0, 15.0, 1.0)
    );
    assert_close(got(a, "Tepat Waktu"), 20.0 / 21.0);
    let b = persons.row("NIP", B);
    assert_eq!((got(b, "Hari Kerja"), got(b, "Hadir"), got(b, "Tanpa Keterangan")), (21.0, 20.0, 1.0));
    assert_close(got(b, "Tepat Waktu"), 1.0);
}
