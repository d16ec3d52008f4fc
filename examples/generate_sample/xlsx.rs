//! Writing the long-layout attendance and the evaluation workbooks with rust_xlsxwriter: a title
//! block, `Label : value` metadata, a blank row, the header row, then the data (SPEC §3.2–§3.4).
//! The attendance-matrix recap is in `matrix.rs`.

use std::path::Path;

use budaya_kerja::ground::model::YearMonth;
use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::records::{EvalRow, Perilaku};
use crate::reference::month_name;

pub const ATTENDANCE_SHEET: &str = "Kehadiran";
pub const EVALUATION_SHEET: &str = "Penilaian";
/// 0-based row of the header; the data starts on the next row.
pub const HEADER_ROW: u32 = 5;
/// 0-based row of the `Unit Kerja : …` metadata cell (column A).
pub const UNIT_ROW: u32 = 2;
pub const COL_NIP: u16 = 1;
pub const COL_STATUS: u16 = 4;

const ATTENDANCE_HEADER: [(&str, f64); 7] = [
    ("No", 5.0),
    ("NIP", 21.0),
    ("Nama", 34.0),
    ("Tanggal", 12.0),
    ("Status", 8.0),
    ("Terlambat (menit)", 11.0),
    ("Kegiatan", 14.0),
];
const EVALUATION_HEADER: [(&str, f64); 5] =
    [("No", 5.0), ("NIP", 21.0), ("Nama", 34.0), ("Target", 9.0), ("Realisasi", 10.0)];
const BERAKHLAK: [&str; 7] =
    ["Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"];

/// The block above the table.
pub struct Heading<'a> {
    /// `DAFTAR HADIR PEGAWAI` or `PENILAIAN KINERJA PEGAWAI`.
    pub title: &'a str,
    /// The unit's official name (shown in capitals in the second title row).
    pub unit_name: &'a str,
    /// What the `Unit Kerja :` row says: the official name or an alias.
    pub unit_label: &'a str,
    pub ym: YearMonth,
}

/// A NIP cell: text as it should be, or the number Excel makes of it when the column is not
/// formatted as Text.
pub enum NipCell<'a> {
    Text(&'a str),
    Number(f64),
}

pub struct AttLine<'a> {
    pub nip: NipCell<'a>,
    pub nama: &'a str,
    pub date: NaiveDate,
    pub status: &'a str,
    pub minutes: Option<u32>,
    pub kegiatan: Option<&'a str>,
}

pub struct EvalLine<'a> {
    pub nip: &'a str,
    pub nama: &'a str,
    pub row: &'a EvalRow,
}

struct Formats {
    title: Format,
    header: Format,
    date: Format,
    one_decimal: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            title: Format::new().set_bold().set_font_size(12).set_align(FormatAlign::Center),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color(0xD9D9D9),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            one_decimal: Format::new().set_num_format("0.0"),
        }
    }
}

pub fn write_attendance(path: &Path, heading: &Heading, lines: &[AttLine]) -> Result<(), XlsxError> {
    let mut workbook = new_workbook(heading.ym);
    let f = Formats::new();
    let ws = workbook.add_worksheet().set_name(ATTENDANCE_SHEET)?;
    write_heading(ws, &f, heading, &ATTENDANCE_HEADER)?;
    for (i, line) in lines.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64)?;
        write_nip(ws, r, &line.nip)?;
        ws.write_string(r, 2, line.nama)?;
        ws.write_date_with_format(r, 3, line.date, &f.date)?;
        ws.write_string(r, COL_STATUS, line.status)?;
        if let Some(m) = line.minutes {
            ws.write_number(r, 5, m)?;
        }
        if let Some(k) = line.kegiatan {
            ws.write_string(r, 6, k)?;
        }
    }
    workbook.save(path)
}

pub fn write_evaluation(path: &Path, heading: &Heading, lines: &[EvalLine]) -> Result<(), XlsxError> {
    let mut workbook = new_workbook(heading.ym);
    let f = Formats::new();
    let ws = workbook.add_worksheet().set_name(EVALUATION_SHEET)?;
    let berakhlak = lines.first().is_some_and(|l| matches!(l.row.perilaku, Perilaku::BerAkhlak(_)));
    let mut header: Vec<(&str, f64)> = EVALUATION_HEADER.to_vec();
    if berakhlak {
        header.extend(BERAKHLAK.iter().map(|h| (*h, 12.0)));
    } else {
        header.push(("Nilai Perilaku", 10.0));
    }
    write_heading(ws, &f, heading, &header)?;
    for (i, line) in lines.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, COL_NIP, line.nip)?;
        ws.write_string(r, 2, line.nama)?;
        ws.write_number(r, 3, line.row.target as f64)?;
        ws.write_number(r, 4, line.row.realisasi as f64)?;
        match &line.row.perilaku {
            Perilaku::Nilai(tenths) => {
                ws.write_number_with_format(r, 5, *tenths as f64 / 10.0, &f.one_decimal)?;
            }
            Perilaku::BerAkhlak(scores) => {
                for (c, s) in scores.iter().enumerate() {
                    ws.write_number(r, 5 + c as u16, *s as f64)?;
                }
            }
        }
    }
    workbook.save(path)
}

/// A workbook whose metadata never changes between runs: the creation date is fixed (the first
/// day after the month, when such files are sent in), so equal arguments give equal bytes.
pub fn new_workbook(ym: YearMonth) -> Workbook {
    let created = ym.next().first_day().and_hms_opt(8, 0, 0).unwrap_or_default();
    let properties = DocProperties::new()
        .set_author("Contoh budaya-kerja (generate_sample)")
        .set_company("Pemerintah Kota Mojokerto")
        .set_creation_datetime(&created);
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties);
    workbook
}

/// Title rows (merged over the table width), `Unit Kerja :` and `Bulan :` in one cell each,
/// a blank row, and the header.
fn write_heading(
    ws: &mut Worksheet,
    f: &Formats,
    h: &Heading,
    header: &[(&str, f64)],
) -> Result<(), XlsxError> {
    let last_col = header.len() as u16 - 1;
    ws.merge_range(0, 0, 0, last_col, h.title, &f.title)?;
    ws.merge_range(1, 0, 1, last_col, &h.unit_name.to_uppercase(), &f.title)?;
    ws.write_string(UNIT_ROW, 0, format!("Unit Kerja : {}", h.unit_label))?;
    ws.write_string(UNIT_ROW + 1, 0, format!("Bulan : {} {}", month_name(h.ym.month), h.ym.year))?;
    for (c, (name, width)) in header.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *name, &f.header)?;
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    Ok(())
}

fn write_nip(ws: &mut Worksheet, row: u32, nip: &NipCell) -> Result<(), XlsxError> {
    match nip {
        NipCell::Text(s) => ws.write_string(row, COL_NIP, *s)?,
        NipCell::Number(n) => ws.write_number(row, COL_NIP, *n)?,
    };
    Ok(())
}

/// `19700815 199703 1 005`: a NIP as printed under a name (8-6-1-3 digits).
pub fn spaced_nip(nip: &str) -> String {
    if nip.len() != 18 || !nip.is_ascii() {
        return nip.to_string();
    }
    format!("{} {} {} {}", &nip[..8], &nip[8..14], &nip[14..15], &nip[15..])
}
