//! The matrix attendance sheet (the usual *rekap absensi*): one row per person, one column
//! per day with a dropdown of the status codes, days off shaded and prefilled `L`.

use chrono::Datelike;
use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError};

use super::cells::{Role, cell_format, header_format, nip_validation, status_validation};
use super::days::{is_day_off, month_days, weekday_initial};
use super::people::{EMPTY_ROWS, SPARE_ROWS, person_cells, person_columns, persons};
use super::{COL_NAMA, COL_NIP, COL_NO, Placed, ROW_HEADER, Spec};

/// The column of day 1.
pub(super) const COL_FIRST_DAY: ColNum = 3;

/// Matrix: `No | NIP | Nama` merged over three header rows, `TANGGAL` over the day numbers
/// (written as numbers), the weekday initials below; a code cell per person and day.
pub(super) fn write(ws: &mut Worksheet, spec: &Spec) -> Result<Placed, XlsxError> {
    let days = month_days(spec.month);
    let numbers_row = ROW_HEADER + 1;
    let weekday_row = ROW_HEADER + 2;
    let data_first = ROW_HEADER + 3;
    let last_day_col = COL_FIRST_DAY + days.len() as ColNum - 1;

    for (col, label) in [(COL_NO, "No"), (COL_NIP, "NIP"), (COL_NAMA, "Nama")] {
        ws.merge_range(ROW_HEADER, col, weekday_row, col, label, &header_format(false))?;
    }
    ws.merge_range(ROW_HEADER, COL_FIRST_DAY, ROW_HEADER, last_day_col, "TANGGAL", &header_format(false))?;
    for (i, d) in days.iter().enumerate() {
        let col = COL_FIRST_DAY + i as ColNum;
        let fmt = header_format(is_day_off(spec.settings, *d));
        ws.write_number_with_format(numbers_row, col, d.day(), &fmt)?;
        ws.write_string_with_format(weekday_row, col, weekday_initial(*d), &fmt)?;
        ws.set_column_width(col, 4.3)?;
    }

    let people = persons(spec, EMPTY_ROWS, SPARE_ROWS);
    for (i, person) in people.iter().enumerate() {
        let row = data_first + i as RowNum;
        person_cells(ws, row, i + 1, *person, &|role| cell_format(role, false))?;
        for (j, d) in days.iter().enumerate() {
            let col = COL_FIRST_DAY + j as ColNum;
            if is_day_off(spec.settings, *d) {
                ws.write_string_with_format(row, col, "L", &cell_format(Role::Code, true))?;
            } else {
                ws.write_blank(row, col, &cell_format(Role::Code, false))?;
            }
        }
    }
    let data_last = data_first + people.len() as RowNum - 1;
    ws.add_data_validation(data_first, COL_FIRST_DAY, data_last, last_day_col, &status_validation()?)?;
    ws.add_data_validation(data_first, COL_NIP, data_last, COL_NIP, &nip_validation()?)?;
    person_columns(ws)?;
    ws.set_row_height(numbers_row, 16)?;
    Ok(Placed {
        header_first: ROW_HEADER,
        header_last: weekday_row,
        data_first,
        data_last,
        last_col: last_day_col,
        sign_col: last_day_col.saturating_sub(9).max(COL_FIRST_DAY),
    })
}
