//! The long attendance sheet: one block of rows per person, one row per day. NIP and name are
//! typed once per block; the other rows follow by formula, so an unused block stays blank.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ColNum, Format, FormatBorder, Formula, RowNum, Worksheet, XlsxError};

use super::cells::{Role, cell_format, header_format, minutes_validation, nip_validation, status_validation};
use super::days::{excel_serial, is_day_off, month_days};
use super::people::{EMPTY_BLOCKS, SPARE_BLOCKS, person_cells, person_columns, persons};
use super::{COL_NAMA, COL_NIP, COL_NO, Placed, ROW_HEADER, Spec, Staff};
use crate::ground::model::col_letters;

// The columns after `No | NIP | Nama`.
const COL_TANGGAL: ColNum = 3;
const COL_STATUS: ColNum = 4;
const COL_MENIT: ColNum = 5;
pub(super) const COL_KEGIATAN: ColNum = 6;

/// Long: one block of rows per person, one row per day. Staff type NIP and name in the
/// block's first row only; the other rows, the dates and the `L` of days off follow by
/// formula, and stay empty while the block has no person — so an unused block is blank and
/// the reader skips it instead of rejecting a dated row without a person.
pub(super) fn write(ws: &mut Worksheet, spec: &Spec) -> Result<Placed, XlsxError> {
    let headers = [
        (COL_NO, "No"),
        (COL_NIP, "NIP"),
        (COL_NAMA, "Nama"),
        (COL_TANGGAL, "Tanggal"),
        (COL_STATUS, "Status"),
        (COL_MENIT, "Terlambat (menit)"),
        (COL_KEGIATAN, "Kegiatan"),
    ];
    for (col, label) in headers {
        ws.write_string_with_format(ROW_HEADER, col, label, &header_format(false))?;
    }
    ws.set_row_height(ROW_HEADER, 30)?;
    let data_first = ROW_HEADER + 1;
    let days = month_days(spec.month);
    let mut row = data_first;
    for (b, person) in persons(spec, EMPTY_BLOCKS, SPARE_BLOCKS).into_iter().enumerate() {
        person_block(ws, spec, row, b + 1, person, &days)?;
        row += days.len() as RowNum;
    }
    let data_last = row - 1;
    ws.add_data_validation(data_first, COL_STATUS, data_last, COL_STATUS, &status_validation()?)?;
    ws.add_data_validation(data_first, COL_MENIT, data_last, COL_MENIT, &minutes_validation()?)?;
    ws.add_data_validation(data_first, COL_NIP, data_last, COL_NIP, &nip_validation()?)?;
    person_columns(ws)?;
    for (col, width) in [(COL_TANGGAL, 12.0), (COL_STATUS, 8.0), (COL_MENIT, 11.0), (COL_KEGIATAN, 22.0)] {
        ws.set_column_width(col, width)?;
    }
    Ok(Placed {
        header_first: ROW_HEADER,
        header_last: ROW_HEADER,
        data_first,
        data_last,
        last_col: COL_KEGIATAN,
        sign_col: COL_STATUS,
    })
}

/// One person's month in the long layout, starting at `first`.
fn person_block(
    ws: &mut Worksheet,
    spec: &Spec,
    first: RowNum,
    number: usize,
    person: Option<&Staff>,
    days: &[NaiveDate],
) -> Result<(), XlsxError> {
    // `$B$8`-style anchors to the block's first row (Excel rows are 1-based).
    let anchor = |col: ColNum| format!("${}${}", col_letters(u32::from(col)), first + 1);
    let (nip_ref, nama_ref) = (anchor(COL_NIP), anchor(COL_NAMA));
    let nobody = format!("AND({nip_ref}=\"\",{nama_ref}=\"\")");
    for (i, d) in days.iter().enumerate() {
        let row = first + i as RowNum;
        let off = is_day_off(spec.settings, *d);
        // A heavier line above each block shows where one person's month begins.
        let look = |role: Role| {
            let f = cell_format(role, off);
            if i == 0 { f.set_border_top(FormatBorder::Medium) } else { f }
        };
        if i == 0 {
            person_cells(ws, row, number, person, &look)?;
        } else {
            ws.write_blank(row, COL_NO, &look(Role::No))?;
            let nip = person.and_then(|p| p.nip.as_deref()).map(grouped_nip);
            follow(ws, row, COL_NIP, &nip_ref, nip.as_deref(), &look(Role::Follow))?;
            follow(ws, row, COL_NAMA, &nama_ref, person.map(|p| p.nama.as_str()), &look(Role::Follow))?;
        }
        let date = Formula::new(format!("IF({nobody},\"\",DATE({},{},{}))", d.year(), d.month(), d.day()))
            .set_result(match person {
                Some(_) => excel_serial(*d).to_string(),
                None => String::new(),
            });
        ws.write_formula_with_format(row, COL_TANGGAL, date, &look(Role::Date))?;
        if off {
            let libur = Formula::new(format!("IF({nobody},\"\",\"L\")")).set_result(if person.is_some() {
                "L"
            } else {
                ""
            });
            ws.write_formula_with_format(row, COL_STATUS, libur, &look(Role::Code))?;
        } else {
            ws.write_blank(row, COL_STATUS, &look(Role::Code))?;
        }
        ws.write_blank(row, COL_MENIT, &look(Role::Number))?;
        ws.write_blank(row, COL_KEGIATAN, &look(Role::Text))?;
    }
    Ok(())
}

/// A cell repeating the block's first-row NIP or name. Its cached result is what a reader
/// that does not recalculate sees. rust_xlsxwriter stores a result that parses as a number
/// as a number, which would cost a NIP its last digits, so the NIP is cached in its printed
/// grouping (`19850315 201001 1 002`, which the reader accepts); a name that happens to parse
/// as a number is written as plain text instead of a formula.
pub(super) fn follow(
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
