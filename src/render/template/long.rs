//! The long attendance sheet: one block of rows per person, one row per day. NIP and name are
//! typed once per block; the other rows follow by formula, so an unused block stays blank.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ColNum, Format, FormatBorder, Formula, RowNum, Worksheet, XlsxError};

use super::cells::{Role, cell_format, header_row, minutes_validation, nip_validation, status_validation};
use super::days::{excel_serial, is_day_off, month_days};
use super::people::{EMPTY_BLOCKS, SPARE_BLOCKS, person_cells, person_columns, persons};
use super::{COL_NAMA, COL_NIP, COL_NO, Placed, ROW_HEADER, Spec, Staff};
use crate::ground::model::col_letters;

// The columns after `No | NIP | Nama`.
pub(super) const COL_TANGGAL: ColNum = 3;
const COL_STATUS: ColNum = 4;
const COL_MENIT: ColNum = 5;
pub(super) const COL_KEGIATAN: ColNum = 6;

/// Long: one block of rows per person, one row per day. Staff type NIP and name in the
/// block's first row only; the other rows, the dates and the `L` of days off follow by
/// formula, and stay empty while the block has no person — so an unused block is blank and
/// the reader skips it instead of rejecting a dated row without a person.
pub(super) fn write(ws: &mut Worksheet, spec: &Spec) -> Result<Placed, XlsxError> {
    let rest = [
        (COL_STATUS, "Status", 8.0),
        (COL_MENIT, "Terlambat (menit)", 11.0),
        (COL_KEGIATAN, "Kegiatan", 22.0),
    ];
    let fill = |ws: &mut Worksheet, block: &Block, i: usize, d: NaiveDate| {
        let off = is_day_off(spec.settings, d);
        let look = |role: Role| block.look(i, role, off);
        let row = block.lead(ws, i, d, &look)?;
        if off {
            let cached = if block.person.is_some() { "L" } else { "" };
            let libur = Formula::new(format!("IF({},\"\",\"L\")", block.nobody)).set_result(cached);
            ws.write_formula_with_format(row, COL_STATUS, libur, &look(Role::Code))?;
        } else {
            ws.write_blank(row, COL_STATUS, &look(Role::Code))?;
        }
        ws.write_blank(row, COL_MENIT, &look(Role::Number))?;
        ws.write_blank(row, COL_KEGIATAN, &look(Role::Text)).map(|_| ())
    };
    let placed = blocks(ws, spec, &rest, &month_days(spec.month), &fill)?;
    let (first, last) = (placed.data_first, placed.data_last);
    ws.add_data_validation(first, COL_STATUS, last, COL_STATUS, &status_validation()?)?;
    ws.add_data_validation(first, COL_MENIT, last, COL_MENIT, &minutes_validation()?)?;
    Ok(placed)
}

/// Finishes row `i` (date `d`) of a block: writes the lead and the layout's own cells.
pub(super) type Fill<'f> = dyn Fn(&mut Worksheet, &Block, usize, NaiveDate) -> Result<(), XlsxError> + 'f;

/// A table of person blocks, one row per day of `days` (long and clock-time layouts): the
/// header `No | NIP | Nama | Tanggal` and the layout's own columns `rest` (column, label,
/// width), the roster's staff then empty blocks, each row written by `fill`, the NIP
/// validation and the widths. The signature goes under the first of `rest`.
pub(super) fn blocks(
    ws: &mut Worksheet,
    spec: &Spec,
    rest: &[(ColNum, &str, f64)],
    days: &[NaiveDate],
    fill: &Fill,
) -> Result<Placed, XlsxError> {
    let mut headers = vec![(COL_NO, "No"), (COL_NIP, "NIP"), (COL_NAMA, "Nama"), (COL_TANGGAL, "Tanggal")];
    headers.extend(rest.iter().map(|&(col, label, _)| (col, label)));
    header_row(ws, &headers)?;
    for &(col, _, width) in rest {
        ws.set_column_width(col, width)?;
    }
    let data_first = ROW_HEADER + 1;
    let mut row = data_first;
    for (b, person) in persons(spec, EMPTY_BLOCKS, SPARE_BLOCKS).into_iter().enumerate() {
        let block = Block::new(row, b + 1, person);
        for (i, d) in days.iter().enumerate() {
            fill(ws, &block, i, *d)?;
        }
        row += days.len() as RowNum;
    }
    let data_last = row.saturating_sub(1).max(data_first);
    ws.add_data_validation(data_first, COL_NIP, data_last, COL_NIP, &nip_validation()?)?;
    person_columns(ws)?;
    ws.set_column_width(COL_TANGGAL, 12.0)?;
    let (last_col, sign_col) = match (rest.first(), rest.last()) {
        (Some(first), Some(last)) => (last.0, first.0),
        _ => (COL_TANGGAL, COL_TANGGAL),
    };
    Ok(Placed {
        header_first: ROW_HEADER,
        header_last: ROW_HEADER,
        data_first,
        data_last,
        last_col,
        sign_col,
    })
}

/// A block of rows for one person (long and clock-time layouts): No, NIP and Nama are typed on
/// its first row and repeated by formula below; each row's date shows only while the block has
/// a person, so an unused block stays blank.
pub(super) struct Block<'a> {
    first: RowNum,
    number: usize,
    pub person: Option<&'a Staff>,
    nip_ref: String,
    nama_ref: String,
    /// True (as an Excel formula) while the block's first row has no NIP and no name.
    pub nobody: String,
}

impl<'a> Block<'a> {
    pub(super) fn new(first: RowNum, number: usize, person: Option<&'a Staff>) -> Self {
        // `$B$8`-style anchors to the block's first row (Excel rows are 1-based).
        let anchor = |col: ColNum| format!("${}${}", col_letters(u32::from(col)), first + 1);
        let (nip_ref, nama_ref) = (anchor(COL_NIP), anchor(COL_NAMA));
        let nobody = format!("AND({nip_ref}=\"\",{nama_ref}=\"\")");
        Self { first, number, person, nip_ref, nama_ref, nobody }
    }

    /// The format of a cell of row `i`: a heavier line above the first row shows where one
    /// person's month begins.
    pub(super) fn look(&self, i: usize, role: Role, day_off: bool) -> Format {
        let f = cell_format(role, day_off);
        if i == 0 { f.set_border_top(FormatBorder::Medium) } else { f }
    }

    /// Writes No, NIP, Nama and the date `d` of row `i`; returns the row.
    pub(super) fn lead(
        &self,
        ws: &mut Worksheet,
        i: usize,
        d: NaiveDate,
        look: &dyn Fn(Role) -> Format,
    ) -> Result<RowNum, XlsxError> {
        let row = self.first + i as RowNum;
        if i == 0 {
            person_cells(ws, row, self.number, self.person, look)?;
        } else {
            ws.write_blank(row, COL_NO, &look(Role::No))?;
            let nip = self.person.and_then(|p| p.nip.as_deref()).map(grouped_nip);
            follow(ws, row, COL_NIP, &self.nip_ref, nip.as_deref(), &look(Role::Follow))?;
            let nama = self.person.map(|p| p.nama.as_str());
            follow(ws, row, COL_NAMA, &self.nama_ref, nama, &look(Role::Follow))?;
        }
        let date =
            Formula::new(format!("IF({},\"\",DATE({},{},{}))", self.nobody, d.year(), d.month(), d.day()))
                .set_result(self.person.map_or(String::new(), |_| excel_serial(d).to_string()));
        ws.write_formula_with_format(row, COL_TANGGAL, date, &look(Role::Date))?;
        Ok(row)
    }
}

/// A cell repeating the block's first-row NIP or name. Its cached result is what a reader
/// that does not recalculate sees. rust_xlsxwriter stores a result that parses as a number
/// as a number, which would cost a NIP its last digits, so the NIP is cached in its printed
/// grouping (`19850315 201001 1 002`, which the reader accepts); a name that happens to parse
/// as a number is written as plain text instead of a formula.
fn follow(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    source: &str,
    cached: Option<&str>,
    fmt: &Format,
) -> Result<(), XlsxError> {
    let cached = cached.unwrap_or("");
    if !cached.is_empty() && cached.trim().parse::<f64>().is_ok() {
        ws.write_string_with_format(row, col, cached, fmt)?;
    } else {
        let f = Formula::new(format!("IF({source}=\"\",\"\",{source})")).set_result(cached);
        ws.write_formula_with_format(row, col, f, fmt)?;
    }
    Ok(())
}

/// `198503152010011002` → `19850315 201001 1 002` (birth date, appointment, sex, serial).
/// Anything else gets a leading space, which keeps it text and which the reader trims.
pub(super) fn grouped_nip(nip: &str) -> String {
    if nip.len() == 18 && nip.bytes().all(|b| b.is_ascii_digit()) {
        format!("{} {} {} {}", &nip[..8], &nip[8..14], &nip[14..15], &nip[15..])
    } else {
        format!(" {nip}")
    }
}
