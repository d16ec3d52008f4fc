//! The five list sheets of the KBK workbook — `Kelompok`, `Anggota`, `Pertemuan`, `Langkah`,
//! `Hasil` — as tables of typed columns: each column's header (exactly what the KBK readers
//! recognise), width and input, which gives its cell format and data validation. `Langkah`
//! comes prefilled with one block of the eight steps per group.

use rust_xlsxwriter::{ColNum, Format, FormatAlign, FormatBorder, Formula, RowNum, Worksheet, XlsxError};

use super::cells::{Role, cell_format, header_format};
use super::kbk::{Frame, Lists, SHEET_PEGAWAI, TABLE_HEADER, column_letters, finish, letterhead, unit_line};
use super::kbk_validation::validation;
use super::{Placed, Spec};
use crate::ground::kbk::LANGKAH as STEPS;
use crate::ground::model::col_letters;

/// What a column's cells take.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub(super) enum Input {
    /// A short text to type (a name, a decree number, a unit of measure).
    Text,
    /// A longer text, wrapped (tema, agenda, hasil, manfaat).
    LongText,
    /// A group's name: a dropdown of the `Kelompok` sheet's names.
    Kelompok,
    /// A person's name: a dropdown of the roster's staff, when a roster names them.
    Pegawai,
    /// A NIP, as Text; looked up from the name on the row when the roster gives it.
    Nip,
    /// A date (`dd/mm/yyyy`).
    Date,
    /// A measured value of the group's indikator: a number, 0 or more.
    Value,
    /// `Pertemuan ke-`: a whole number 1–99.
    Urutan,
    /// `Durasi (menit)`: a whole number 1–480.
    Durasi,
    /// A role: a dropdown of the four roles.
    Peran,
    /// The step a meeting worked on: a dropdown of `1. Menetapkan tema dan sasaran` … .
    Langkah,
    /// The step number of a `Langkah` block row, prefilled and locked.
    StepNo,
    /// The step name of a `Langkah` block row, prefilled and locked.
    StepName,
}

/// One column: its header, width in characters and input.
pub(super) struct Column {
    pub header: &'static str,
    pub width: f64,
    pub input: Input,
}

const fn col(header: &'static str, width: f64, input: Input) -> Column {
    Column { header, width, input }
}

/// One list sheet.
pub(super) struct Table {
    pub name: &'static str,
    pub title: &'static str,
    pub hint: &'static str,
    pub columns: &'static [Column],
    /// Data rows to offer (staff may insert more).
    pub rows: RowNum,
    pub landscape: bool,
}

/// The rows of `Langkah` per group: one per step.
pub(super) const STEP_ROWS: RowNum = 8;
/// Groups a unit may list (`Kelompok` rows, `Langkah` blocks).
pub(super) const GROUPS: RowNum = 5;
/// `Langkah` blocks printed per page.
const BLOCKS_PER_PAGE: RowNum = 3;

pub(super) const KELOMPOK: Table = Table {
    name: "Kelompok",
    title: "DATA KELOMPOK BUDAYA KERJA",
    hint: "Satu baris untuk setiap kelompok, sesuai SK Kepala Perangkat Daerah. Tanggal ditulis \
           seperti 12/11/2026. Lihat lembar Petunjuk.",
    columns: &[
        col("Nama Kelompok", 20.0, Input::Text),
        col("Nomor SK", 22.0, Input::Text),
        col("Tanggal SK", 12.0, Input::Date),
        col("Fasilitator", 26.0, Input::Pegawai),
        col("Tema", 34.0, Input::LongText),
        col("Indikator", 26.0, Input::LongText),
        col("Satuan", 10.0, Input::Text),
        col("Nilai Awal", 10.0, Input::Value),
        col("Target", 10.0, Input::Value),
        col("Tanggal Mulai", 12.0, Input::Date),
        col("Rencana Selesai", 12.0, Input::Date),
    ],
    rows: GROUPS,
    landscape: true,
};

pub(super) const ANGGOTA: Table = Table {
    name: "Anggota",
    title: "ANGGOTA KELOMPOK BUDAYA KERJA",
    hint: "Satu baris untuk setiap anggota, termasuk ketua, sekretaris dan fasilitator. Pilih nama \
           dari daftar; NIP terisi sendiri bila nama ada di Daftar Pegawai.",
    columns: &[
        col("Nama Kelompok", 20.0, Input::Kelompok),
        col("NIP", 21.0, Input::Nip),
        col("Nama", 30.0, Input::Pegawai),
        col("Peran", 13.0, Input::Peran),
    ],
    rows: 40,
    landscape: false,
};

pub(super) const PERTEMUAN: Table = Table {
    name: "Pertemuan",
    title: "PERTEMUAN KELOMPOK BUDAYA KERJA",
    hint: "Satu baris untuk setiap pertemuan kelompok. Langkah = langkah KBK yang dibahas \
           (1 sampai 8). Lihat lembar Petunjuk.",
    columns: &[
        col("Nama Kelompok", 20.0, Input::Kelompok),
        col("Pertemuan ke-", 10.0, Input::Urutan),
        col("Tanggal", 12.0, Input::Date),
        col("Durasi (menit)", 10.0, Input::Durasi),
        col("Langkah", 30.0, Input::Langkah),
        col("Agenda", 34.0, Input::LongText),
        col("Hasil", 34.0, Input::LongText),
    ],
    rows: 30,
    landscape: true,
};

pub(super) const LANGKAH: Table = Table {
    name: "Langkah",
    title: "RENCANA DAN REALISASI LANGKAH KBK",
    hint: "Satu blok delapan baris untuk setiap kelompok: ketik nama kelompok pada baris langkah 1, \
           baris lain di bloknya terisi sendiri. Isi tanggal rencana dan realisasi setiap langkah.",
    columns: &[
        col("Nama Kelompok", 20.0, Input::Kelompok),
        col("Langkah", 8.0, Input::StepNo),
        col("Nama Langkah", 29.0, Input::StepName),
        col("Rencana Mulai", 12.0, Input::Date),
        col("Rencana Selesai", 12.0, Input::Date),
        col("Realisasi Mulai", 12.0, Input::Date),
        col("Realisasi Selesai", 12.0, Input::Date),
        col("Keterangan", 30.0, Input::LongText),
    ],
    rows: GROUPS * STEP_ROWS,
    landscape: true,
};

pub(super) const HASIL: Table = Table {
    name: "Hasil",
    title: "HASIL KELOMPOK BUDAYA KERJA",
    hint: "Satu baris untuk setiap pengukuran indikator kelompok: tanggal, nilai terukur (satuan \
           seperti di lembar Kelompok) dan manfaatnya.",
    columns: &[
        col("Nama Kelompok", 20.0, Input::Kelompok),
        col("Tanggal", 12.0, Input::Date),
        col("Nilai", 12.0, Input::Value),
        col("Manfaat", 44.0, Input::LongText),
    ],
    rows: 20,
    landscape: false,
};

/// The column of `table` headed `header`.
pub(super) fn column(table: &Table, header: &str) -> Option<ColNum> {
    table.columns.iter().position(|c| c.header == header).map(|i| i as ColNum)
}

/// Writes one list sheet: frame, header, the data rows (prefilled where the table says so),
/// one validation per input column, widths and print setup.
pub(super) fn write(ws: &mut Worksheet, spec: &Spec, table: &Table, lists: &Lists) -> Result<(), XlsxError> {
    ws.set_name(table.name)?;
    // Empty cached results stay empty: a reader that does not recalculate sees blank cells.
    ws.set_formula_result_default("");
    let last_col = table.columns.len().saturating_sub(1) as ColNum;
    let frame = Frame {
        title: table.title,
        meta: &[unit_line(spec)],
        hint: table.hint,
        last_col,
        width: table.columns.iter().map(|c| c.width).sum(),
    };
    let header = letterhead(ws, spec, &frame)?;
    debug_assert_eq!(header, TABLE_HEADER);
    for (c, column) in table.columns.iter().enumerate() {
        ws.write_string_with_format(header, c as ColNum, column.header, &header_format(false))?;
        ws.set_column_width(c as ColNum, column.width)?;
    }
    ws.set_row_height(header, 30)?;
    let first = header + 1;
    let last = first + table.rows - 1;
    let nip_lookup = nip_lookup(table, lists)?;
    let blocks = table.columns.iter().any(|c| c.input == Input::StepNo);
    for i in 0..table.rows {
        for (c, column) in table.columns.iter().enumerate() {
            let at = At { row: first + i, col: c as ColNum, step: blocks.then_some(i % STEP_ROWS) };
            write_cell(ws, &at, column.input, nip_lookup.as_deref())?;
        }
    }
    if blocks {
        // Three blocks fit a landscape page: never split a group's block over two pages.
        let breaks: Vec<RowNum> = (1..GROUPS.div_ceil(BLOCKS_PER_PAGE))
            .map(|page| first + page * BLOCKS_PER_PAGE * STEP_ROWS)
            .collect();
        ws.set_page_breaks(&breaks)?;
    }
    for (c, column) in table.columns.iter().enumerate() {
        if let Some(v) = validation(column.input, lists)? {
            ws.add_data_validation(first, c as ColNum, last, c as ColNum, &v)?;
        }
    }
    let placed = Placed {
        header_first: header,
        header_last: header,
        data_first: first,
        data_last: last,
        last_col,
        sign_col: 0,
    };
    finish(ws, spec, &placed, 1, table.landscape, last)
}

/// Where a data cell is, and — on a sheet of step blocks — its row's step (0–7).
struct At {
    row: RowNum,
    col: ColNum,
    step: Option<RowNum>,
}

/// The letter of the name column a NIP is looked up from: on a table with both columns, when
/// a roster names the staff.
fn nip_lookup(table: &Table, lists: &Lists) -> Result<Option<String>, XlsxError> {
    let has_nip = table.columns.iter().any(|c| c.input == Input::Nip);
    let nama = table.columns.iter().position(|c| c.input == Input::Pegawai);
    match (has_nip, nama, &lists.pegawai) {
        (true, Some(n), Some(_)) => column_letters(table.name, Some(n as ColNum)).map(Some),
        _ => Ok(None),
    }
}

/// One data cell: prefilled steps, a NIP looked up from the name, a block's group name
/// repeated from its first row, or an empty input.
fn write_cell(ws: &mut Worksheet, at: &At, input: Input, nip_from: Option<&str>) -> Result<(), XlsxError> {
    let (row, col) = (at.row, at.col);
    let step = at.step.unwrap_or(0);
    // A heavier line above step 1 shows where a group's block begins.
    let look =
        |role: Format| if at.step == Some(0) { role.set_border_top(FormatBorder::Medium) } else { role };
    match (input, nip_from) {
        (Input::StepNo, _) => {
            let f = look(cell_format(Role::No, false));
            ws.write_number_with_format(row, col, f64::from(step + 1), &f)?;
        }
        (Input::StepName, _) => {
            let name = STEPS.get(step as usize).copied().unwrap_or("");
            ws.write_string_with_format(row, col, name, &look(cell_format(Role::Follow, false)))?;
        }
        (Input::Nip, Some(nama_col)) => {
            let name = format!("{nama_col}{}", row + 1);
            let list = format!("'{SHEET_PEGAWAI}'!");
            let f = format!(
                "IF({name}=\"\",\"\",IFERROR(INDEX({list}$B:$B,MATCH({name},{list}$A:$A,0))&\"\",\"\"))"
            );
            ws.write_formula_with_format(row, col, Formula::new(f), &look(input_format(input)))?;
        }
        // A block's group name is typed on its first row (step 1) and repeated below.
        (Input::Kelompok, _) if step != 0 => {
            let source = format!("${}${}", col_letters(u32::from(col)), row - step + 1);
            let f = Formula::new(format!("IF({source}=\"\",\"\",{source})"));
            ws.write_formula_with_format(row, col, f, &look(input_format(input)))?;
        }
        _ => {
            ws.write_blank(row, col, &look(input_format(input)))?;
        }
    }
    Ok(())
}

/// The format of an input cell: unlocked, bordered; dates and small numbers centred.
fn input_format(input: Input) -> Format {
    let text = cell_format(Role::Text, false);
    match input {
        Input::Nip => cell_format(Role::Nip, false),
        Input::LongText => text.set_text_wrap().set_align(FormatAlign::Top),
        Input::Date => text.set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center),
        Input::Value => cell_format(Role::Number, false),
        Input::Urutan | Input::Durasi | Input::Peran => text.set_align(FormatAlign::Center),
        _ => text,
    }
}
