//! The attendance-matrix recap (*rekap absensi*, SPEC §3.4): one row per person, one column per
//! day of the month, trailing totals, a legend and a signature block, laid out like the recaps
//! units keep in their old templates (see shared/examples, `Rekap Absensi DISHUB …`).
//!
//! Rows (1-based, as Excel shows them): 1–3 title, 5 `Unit Kerja : …`, 6 `Bulan : …`, 8–10 the
//! header (`No` and `NAMA / NIP` merged over the three rows, a merged `TANGGAL` over the day
//! columns in row 8, the day numbers 1..N as numbers in row 9, weekday initials `S S R K J S M`
//! in row 10, the totals `JHK H TL S I C A` merged over the three rows), data from row 11, then a
//! blank row, the `Keterangan:` legend, a blank row and the signature block.

use std::path::Path;

use budaya_kerja::ground::model::{StatusCode, cell_ref};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, FormatUnderline, Worksheet, XlsxError};

use crate::plan::MatrixStyle;
use crate::records::AttRow;
use crate::reference::month_name;
use crate::staff::{Head, Person};
use crate::xlsx::{Heading, new_workbook, spaced_nip};

/// 0-based row of the first header row; the data starts three rows below.
pub const HEADER_ROW: u32 = 7;
/// 0-based row of the `Unit Kerja : …` metadata cell (column A).
pub const UNIT_ROW: u32 = 4;
/// 0-based column of day 1.
pub const FIRST_DAY_COL: u16 = 2;

const TITLES: [&str; 3] =
    ["REKAPITULASI DAFTAR HADIR PEGAWAI", "REKAP ABSENSI PEGAWAI", "DAFTAR REKAPITULASI KEHADIRAN PEGAWAI"];
/// Monday first, as `chrono::Weekday::num_days_from_monday`.
const INITIALS: [&str; 7] = ["S", "S", "R", "K", "J", "S", "M"];
const GREY: u32 = 0xBFBFBF;

/// One person's row: the text of each day cell (`None` = blank) and the totals
/// `JHK H TL S I C A`.
pub struct MatrixLine<'a> {
    pub person: &'a Person,
    pub cells: Vec<Option<&'static str>>,
    pub totals: [u32; 7],
}

/// What a matrix file holds besides the lines.
pub struct MatrixSheet<'a> {
    pub heading: Heading<'a>,
    pub style: MatrixStyle,
    /// Every day of the month with `true` for a working day.
    pub days: Vec<(NaiveDate, bool)>,
    /// The holidays of the month that fall on a weekday (named in the legend).
    pub holidays: Vec<NaiveDate>,
    /// Second line of the signature: `Kepala …`, `Camat …`, `Lurah …`.
    pub signer_title: String,
    pub head: &'a Head,
}

impl MatrixSheet<'_> {
    /// The sheet name the unit's template uses.
    pub fn sheet_name(&self) -> String {
        match self.style.variant {
            0 => format!("Rekap {}", month_name(self.heading.ym.month)),
            1 => "REKAP".to_string(),
            _ => "Sheet1".to_string(),
        }
    }
}

/// The recap's title (third title row) in the unit's template.
pub fn title(style: MatrixStyle) -> &'static str {
    TITLES[style.variant % TITLES.len()]
}

/// `E12`: the cell of `person` (roster index) on day index `day` (0-based).
pub fn cell_of(person: usize, day: usize) -> String {
    cell_ref(HEADER_ROW + 3 + person as u32, u32::from(FIRST_DAY_COL) + day as u32)
}

/// The text a unit of `style` writes for `code`.
pub fn cell_text(style: MatrixStyle, code: StatusCode) -> Option<&'static str> {
    match code {
        StatusCode::L if style.writes_l => Some("L"),
        StatusCode::L => None,
        StatusCode::C if style.cuti_ct => Some("CT"),
        StatusCode::TK if style.alpa_a => Some("A"),
        other => Some(other.as_str()),
    }
}

/// The matrix lines of a unit's month from its long-layout rows (ordinary rows only: a matrix
/// has no `Kegiatan`). `lower_h` = (person, day index) of the one `H` typed as `h`.
pub fn lines<'a>(
    style: MatrixStyle,
    roster: &'a [Person],
    rows: &[AttRow],
    days: usize,
    lower_h: Option<(usize, usize)>,
) -> Vec<MatrixLine<'a>> {
    let mut out: Vec<MatrixLine> =
        roster.iter().map(|person| MatrixLine { person, cells: vec![None; days], totals: [0; 7] }).collect();
    for row in rows.iter().filter(|r| r.kegiatan.is_none()) {
        let day = row.date.day0() as usize;
        let line = &mut out[row.person];
        line.cells[day] =
            if lower_h == Some((row.person, day)) { Some("h") } else { cell_text(style, row.status) };
        let total = match row.status {
            StatusCode::H | StatusCode::PSW | StatusCode::DL | StatusCode::DD => Some(1),
            StatusCode::TL => Some(2),
            StatusCode::S => Some(3),
            StatusCode::I => Some(4),
            StatusCode::C => Some(5),
            StatusCode::TK => Some(6),
            StatusCode::L | StatusCode::TB => None,
        };
        if let Some(k) = total {
            line.totals[0] += 1;
            line.totals[k] += 1;
        }
    }
    out
}

/// The legend row's text, naming the codes as this unit writes them.
fn legend(sheet: &MatrixSheet) -> String {
    let s = sheet.style;
    let mut text = String::from(
        "Keterangan: H = Hadir, TL = Terlambat, PSW = Pulang Sebelum Waktunya, DL = Dinas Luar, \
         DD = Dinas Dalam, S = Sakit, I = Izin, ",
    );
    text.push_str(if s.cuti_ct { "CT = Cuti Tahunan, " } else { "C = Cuti, " });
    text.push_str(if s.alpa_a { "A = Alpa (tanpa keterangan)" } else { "TK = Tanpa Keterangan" });
    let dates: Vec<String> = sheet.holidays.iter().map(|d| d.day().to_string()).collect();
    let named = if dates.is_empty() {
        String::new()
    } else {
        let ym = sheet.heading.ym;
        format!(" tanggal {} {} {}", dates.join(" dan "), month_name(ym.month), ym.year)
    };
    text.push_str(&if s.writes_l {
        format!(", L = Libur (Sabtu/Minggu dan hari libur nasional{named}).")
    } else {
        format!(". Kolom abu-abu = Sabtu/Minggu dan hari libur nasional{named}.")
    });
    text.push_str(" H termasuk DL, DD dan PSW.");
    text
}

struct Formats {
    title: Format,
    header: Format,
    header_off: Format,
    header_red: Format,
    code: Format,
    off: Format,
    off_l: Format,
    name: Format,
    total: Format,
    sign: Format,
    sign_name: Format,
}

impl Formats {
    fn new() -> Self {
        let base = || Format::new().set_font_name("Arial").set_font_size(9);
        let boxed = || {
            base()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
        };
        let header = || boxed().set_bold().set_text_wrap();
        Self {
            title: base().set_bold().set_font_size(12).set_align(FormatAlign::Center),
            header: header().set_background_color(0xD9E1F2),
            header_off: header().set_background_color(GREY),
            header_red: header().set_background_color(GREY).set_font_color(0xC00000),
            code: boxed(),
            off: boxed().set_background_color(GREY),
            off_l: boxed().set_background_color(GREY).set_font_color(0xC00000),
            name: base()
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            total: boxed().set_bold(),
            sign: base().set_align(FormatAlign::Center),
            sign_name: base()
                .set_align(FormatAlign::Center)
                .set_bold()
                .set_underline(FormatUnderline::Single),
        }
    }
}

pub fn write(path: &Path, sheet: &MatrixSheet, lines: &[MatrixLine]) -> Result<(), XlsxError> {
    let mut workbook = new_workbook(sheet.heading.ym);
    let f = Formats::new();
    let ws = workbook.add_worksheet().set_name(sheet.sheet_name())?;
    let n = sheet.days.len() as u16;
    let first_total = FIRST_DAY_COL + n;
    let last_col = first_total + 6;
    write_top(ws, &f, sheet, last_col)?;
    write_header(ws, &f, sheet, first_total)?;

    let data = HEADER_ROW + 3;
    for (i, line) in lines.iter().enumerate() {
        let r = data + i as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &f.code)?;
        let who = format!("{}\nNIP. {}", line.person.nama, spaced_nip(&line.person.nip));
        ws.write_string_with_format(r, 1, who, &f.name)?;
        for (d, (cell, (_, working))) in line.cells.iter().zip(&sheet.days).enumerate() {
            let c = FIRST_DAY_COL + d as u16;
            match (cell, working) {
                (Some(text), true) => ws.write_string_with_format(r, c, *text, &f.code)?,
                (Some(text), false) => ws.write_string_with_format(r, c, *text, &f.off_l)?,
                (None, true) => ws.write_blank(r, c, &f.code)?,
                (None, false) => ws.write_blank(r, c, &f.off)?,
            };
        }
        for (k, total) in line.totals.iter().enumerate() {
            ws.write_number_with_format(r, first_total + k as u16, *total, &f.total)?;
        }
        ws.set_row_height(r, 27)?;
    }

    let legend_row = data + lines.len() as u32 + 1;
    ws.merge_range(
        legend_row,
        0,
        legend_row,
        first_total - 1,
        &legend(sheet),
        &Format::new().set_font_name("Arial").set_font_size(9).set_text_wrap().set_align(FormatAlign::Top),
    )?;
    ws.set_row_height(legend_row, 25)?;
    write_signature(ws, &f, sheet, legend_row + 2, last_col)?;

    ws.set_column_width(0, 4)?;
    ws.set_column_width(1, 34)?;
    for c in FIRST_DAY_COL..first_total {
        ws.set_column_width(c, 3.3)?;
    }
    for c in first_total..=last_col {
        ws.set_column_width(c, 4.5)?;
    }
    ws.set_freeze_panes(data, FIRST_DAY_COL)?;
    ws.set_landscape();
    ws.set_paper_size(14); // Folio / F4, the usual paper in Indonesian offices
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW + 2)?;
    workbook.save(path)
}

/// Three merged title rows and the one-cell metadata `Unit Kerja : …`, `Bulan : …`.
fn write_top(ws: &mut Worksheet, f: &Formats, sheet: &MatrixSheet, last_col: u16) -> Result<(), XlsxError> {
    let h = &sheet.heading;
    let titles = ["PEMERINTAH KOTA MOJOKERTO".to_string(), h.unit_name.to_uppercase(), h.title.to_string()];
    for (r, text) in titles.iter().enumerate() {
        ws.merge_range(r as u32, 0, r as u32, last_col, text, &f.title)?;
    }
    ws.write_string(UNIT_ROW, 0, format!("Unit Kerja : {}", h.unit_label))?;
    ws.write_string(UNIT_ROW + 1, 0, format!("Bulan : {} {}", month_name(h.ym.month), h.ym.year))?;
    Ok(())
}

fn write_header(
    ws: &mut Worksheet,
    f: &Formats,
    sheet: &MatrixSheet,
    first_total: u16,
) -> Result<(), XlsxError> {
    let (h0, h2) = (HEADER_ROW, HEADER_ROW + 2);
    ws.merge_range(h0, 0, h2, 0, "No", &f.header)?;
    ws.merge_range(h0, 1, h2, 1, "NAMA / NIP", &f.header)?;
    ws.merge_range(h0, FIRST_DAY_COL, h0, first_total - 1, "TANGGAL", &f.header)?;
    for (d, (date, working)) in sheet.days.iter().enumerate() {
        let c = FIRST_DAY_COL + d as u16;
        let weekday = date.weekday().num_days_from_monday() as usize;
        let number_format = match (working, weekday == 6 || sheet.holidays.contains(date)) {
            (true, _) => &f.header,
            (false, true) => &f.header_red,
            (false, false) => &f.header_off,
        };
        ws.write_number_with_format(h0 + 1, c, date.day(), number_format)?;
        let initial_format = if *working { &f.header } else { &f.header_off };
        ws.write_string_with_format(h0 + 2, c, INITIALS[weekday], initial_format)?;
    }
    let tk = if sheet.style.alpa_a { "A" } else { "TK" };
    for (k, name) in ["JHK", "H", "TL", "S", "I", "C", tk].iter().enumerate() {
        let c = first_total + k as u16;
        ws.merge_range(h0, c, h2, c, name, &f.header)?;
    }
    Ok(())
}

/// `Mojokerto, <last day>`, the signer's title, room to sign, the name, the rank, `NIP. …`,
/// each merged over the right-hand columns.
fn write_signature(
    ws: &mut Worksheet,
    f: &Formats,
    sheet: &MatrixSheet,
    top: u32,
    last_col: u16,
) -> Result<(), XlsxError> {
    let ym = sheet.heading.ym;
    let place = format!("Mojokerto, {} {} {}", ym.days(), month_name(ym.month), ym.year);
    let nip = format!("NIP. {}", spaced_nip(&sheet.head.nip));
    let block: [(u32, &str, &Format); 5] = [
        (0, &place, &f.sign),
        (1, &sheet.signer_title, &f.sign),
        (5, &sheet.head.nama, &f.sign_name),
        (6, sheet.head.pangkat, &f.sign),
        (7, &nip, &f.sign),
    ];
    let first_col = last_col.saturating_sub(13);
    for (dr, text, format) in block {
        ws.merge_range(top + dr, first_col, top + dr, last_col, text, format)?;
    }
    Ok(())
}
