//! The Kelompok Budaya Kerja workbook (SPEC §11.3): `Kelompok`, `Anggota`, `Pertemuan`,
//! `Daftar Hadir`, `Langkah`, `Hasil` and `Petunjuk`, and — when a roster names the unit's
//! staff — a hidden `_pegawai` list behind the name dropdowns. Every data sheet carries the
//! house frame: letterhead, `Unit Kerja : KODE` (where the reader finds the unit), a hint, a
//! locked header row, unlocked inputs, protection without a password and the print setup.

use rust_xlsxwriter::{ColNum, Color, Format, FormatAlign, RowNum, Workbook, Worksheet, XlsxError};

use super::kbk_sheets::{self, ANGGOTA, HASIL, KELOMPOK, LANGKAH, PERTEMUAN};
use super::{
    PAPER_A4, Placed, ROW_PEMERINTAH, ROW_PERANGKAT, ROW_TITLE, ROW_UNIT, Spec, kbk_hadir, petunjuk,
};
use super::{protection, safe_code};
use crate::ground::model::col_letters;

/// The hidden sheet holding the roster's names (column A) and NIPs (column B).
pub(super) const SHEET_PEGAWAI: &str = "_pegawai";

/// The header row of a sheet with only the `Unit Kerja` metadata row (0-based).
pub(super) const TABLE_HEADER: RowNum = ROW_UNIT + 2;

/// Where the other sheets find what they pick from or repeat.
pub(super) struct Lists {
    /// `Kelompok!$A$7:$A$11`: the group names every `Nama Kelompok` dropdown offers.
    pub kelompok: String,
    /// `'_pegawai'!$A$1:$A$40`: the roster's names, when a roster names the unit's staff.
    pub pegawai: Option<String>,
}

impl Lists {
    fn new(spec: &Spec) -> Result<Self, XlsxError> {
        let first = TABLE_HEADER + 2; // 1-based: the row below the header
        let last = first + KELOMPOK.rows - 1;
        let col = column_letters(KELOMPOK.name, kbk_sheets::column(&KELOMPOK, "Nama Kelompok"))?;
        let pegawai =
            (!spec.staff.is_empty()).then(|| format!("'{SHEET_PEGAWAI}'!$A$1:$A${}", spec.staff.len()));
        Ok(Self { kelompok: format!("{}!${col}${first}:${col}${last}", KELOMPOK.name), pegawai })
    }
}

/// `A`, `B`, … of a column a table is known to have; an error (never a panic) otherwise.
pub(super) fn column_letters(table: &str, col: Option<ColNum>) -> Result<String, XlsxError> {
    col.map(|c| col_letters(u32::from(c)))
        .ok_or_else(|| XlsxError::ParameterError(format!("lembar {table}: kolom tidak ada")))
}

/// Adds the sheets in the order SPEC §11.3 lists them, the hidden list last.
pub(super) fn write(wb: &mut Workbook, spec: &Spec) -> Result<(), XlsxError> {
    let lists = Lists::new(spec)?;
    for table in [&KELOMPOK, &ANGGOTA, &PERTEMUAN] {
        kbk_sheets::write(wb.add_worksheet(), spec, table, &lists)?;
    }
    kbk_hadir::write(wb.add_worksheet(), spec)?;
    for table in [&LANGKAH, &HASIL] {
        kbk_sheets::write(wb.add_worksheet(), spec, table, &lists)?;
    }
    petunjuk::write(wb.add_worksheet(), spec)?;
    if !spec.staff.is_empty() {
        staff_list(wb.add_worksheet(), spec)?;
    }
    Ok(())
}

/// The roster's names and NIPs, written as text (never as formulas), on a hidden sheet.
fn staff_list(ws: &mut Worksheet, spec: &Spec) -> Result<(), XlsxError> {
    ws.set_name(SHEET_PEGAWAI)?;
    for (i, person) in spec.staff.iter().enumerate() {
        let row = i as RowNum;
        ws.write_string(row, 0, &person.nama)?;
        if let Some(nip) = &person.nip {
            ws.write_string(row, 1, nip)?;
        }
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 21)?;
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}

/// What is written above a KBK sheet's header.
pub(super) struct Frame<'a> {
    /// The sheet's title; the unit's name is added.
    pub title: &'a str,
    /// `Unit Kerja : KODE` first (the reader takes the unit from it), then any others.
    pub meta: &'a [String],
    /// One or two lines on how to fill the sheet in.
    pub hint: &'a str,
    pub last_col: ColNum,
    /// The table's width in characters, to size the hint's wrapped row.
    pub width: f64,
}

/// Letterhead, the title, the metadata rows and the hint, each merged over the table's
/// width. Returns the header row.
pub(super) fn letterhead(ws: &mut Worksheet, spec: &Spec, frame: &Frame) -> Result<RowNum, XlsxError> {
    let org = &spec.settings.config.organisasi;
    let last_col = frame.last_col;
    let centred = |size: u32| Format::new().set_bold().set_font_size(size).set_align(FormatAlign::Center);
    ws.merge_range(ROW_PEMERINTAH, 0, ROW_PEMERINTAH, last_col, &org.pemerintah, &centred(12))?;
    ws.merge_range(ROW_PERANGKAT, 0, ROW_PERANGKAT, last_col, &org.perangkat, &centred(12))?;
    let title = format!("{} — {}", frame.title, spec.unit.nama.trim().to_uppercase());
    ws.merge_range(ROW_TITLE, 0, ROW_TITLE, last_col, &title, &centred(14))?;
    ws.set_row_height(ROW_TITLE, 24)?;
    let bold = Format::new().set_bold().set_align(FormatAlign::Left);
    let mut row = ROW_UNIT;
    for line in frame.meta {
        ws.merge_range(row, 0, row, last_col, line, &bold)?;
        row += 1;
    }
    let note = Format::new()
        .set_italic()
        .set_font_size(9)
        .set_font_color(Color::RGB(0x595959))
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    ws.merge_range(row, 0, row, last_col, frame.hint, &note)?;
    // 9-point italics: about 1.2 characters per unit of column width.
    let per_line = (frame.width * 1.2).max(20.0);
    let lines = (frame.hint.chars().count() as f64 / per_line).ceil().max(1.0);
    ws.set_row_height(row, 12.0 * lines + 2.0)?;
    Ok(row + 1)
}

/// `Unit Kerja : DISHUB`: the configured code, which the reader matches exactly.
pub(super) fn unit_line(spec: &Spec) -> String {
    format!("Unit Kerja : {}", spec.unit.kode)
}

/// How a sheet prints and scrolls: frozen below the header and right of `freeze_col`,
/// A4 one page wide with the header repeated, the unit in the footer; then protected.
pub(super) fn finish(
    ws: &mut Worksheet,
    spec: &Spec,
    placed: &Placed,
    freeze_col: ColNum,
    landscape: bool,
    print_last: RowNum,
) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4)
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(placed.header_first, placed.header_last)?
        .set_freeze_panes(placed.data_first, freeze_col)?
        .set_selection(placed.data_first, 0, placed.data_first, 0)?
        .set_footer(format!("&L{} — KBK — &A&RHalaman &P dari &N", safe_code(&spec.unit.kode)));
    if landscape {
        ws.set_landscape().set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    }
    ws.set_print_area(0, 0, print_last, placed.last_col)?;
    ws.protect_with_options(&protection());
    Ok(())
}
