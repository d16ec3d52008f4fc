//! The clock-time attendance sheet (SPEC §3.9 attendance-daily, §7): one block of rows per
//! person, one row per working day of the unit's schedule, `Jam Masuk`/`Jam Pulang` as `hh:mm`
//! time cells and `Keterangan` for a leave or duty code. Like the long layout, NIP and name are
//! typed once per block and the other rows follow by formula, so an unused block is blank.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ColNum, FormatBorder, Formula, RowNum, Worksheet, XlsxError};

use super::cells::{Role, cell_format, header_format, nip_validation, status_validation, time_validation};
use super::days::{excel_serial, working_days};
use super::long::{follow, grouped_nip};
use super::people::{EMPTY_BLOCKS, SPARE_BLOCKS, person_cells, person_columns, persons};
use super::{COL_NAMA, COL_NIP, COL_NO, Placed, ROW_HEADER, Spec, Staff};
use crate::ground::model::col_letters;

// The columns after `No | NIP | Nama`.
const COL_TANGGAL: ColNum = 3;
const COL_MASUK: ColNum = 4;
const COL_PULANG: ColNum = 5;
pub(super) const COL_KETERANGAN: ColNum = 6;

pub(super) fn write(ws: &mut Worksheet, spec: &Spec) -> Result<Placed, XlsxError> {
    let headers = [
        (COL_NO, "No"),
        (COL_NIP, "NIP"),
        (COL_NAMA, "Nama"),
        (COL_TANGGAL, "Tanggal"),
        (COL_MASUK, "Jam Masuk"),
        (COL_PULANG, "Jam Pulang"),
        (COL_KETERANGAN, "Keterangan"),
    ];
    for (col, label) in headers {
        ws.write_string_with_format(ROW_HEADER, col, label, &header_format(false))?;
    }
    ws.set_row_height(ROW_HEADER, 30)?;
    let data_first = ROW_HEADER + 1;
    let days = working_days(spec);
    let mut row = data_first;
    for (b, person) in persons(spec, EMPTY_BLOCKS, SPARE_BLOCKS).into_iter().enumerate() {
        person_block(ws, row, b + 1, person, &days)?;
        row += days.len() as RowNum;
    }
    let data_last = row.saturating_sub(1).max(data_first);
    ws.add_data_validation(data_first, COL_MASUK, data_last, COL_PULANG, &time_validation()?)?;
    ws.add_data_validation(data_first, COL_KETERANGAN, data_last, COL_KETERANGAN, &status_validation()?)?;
    ws.add_data_validation(data_first, COL_NIP, data_last, COL_NIP, &nip_validation()?)?;
    person_columns(ws)?;
    for (col, width) in [(COL_TANGGAL, 12.0), (COL_MASUK, 10.0), (COL_PULANG, 10.0), (COL_KETERANGAN, 12.0)] {
        ws.set_column_width(col, width)?;
    }
    Ok(Placed {
        header_first: ROW_HEADER,
        header_last: ROW_HEADER,
        data_first,
        data_last,
        last_col: COL_KETERANGAN,
        sign_col: COL_TANGGAL,
    })
}

/// One person's working days, starting at `first`: the first row takes NIP and name, the
/// others repeat them and show the date only while the block has a person.
fn person_block(
    ws: &mut Worksheet,
    first: RowNum,
    number: usize,
    person: Option<&Staff>,
    days: &[NaiveDate],
) -> Result<(), XlsxError> {
    let anchor = |col: ColNum| format!("${}${}", col_letters(u32::from(col)), first + 1);
    let (nip_ref, nama_ref) = (anchor(COL_NIP), anchor(COL_NAMA));
    let nobody = format!("AND({nip_ref}=\"\",{nama_ref}=\"\")");
    for (i, d) in days.iter().enumerate() {
        let row = first + i as RowNum;
        let look = |role: Role| {
            let f = cell_format(role, false);
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
            .set_result(person.map_or(String::new(), |_| excel_serial(*d).to_string()));
        ws.write_formula_with_format(row, COL_TANGGAL, date, &look(Role::Date))?;
        ws.write_blank(row, COL_MASUK, &look(Role::Time))?;
        ws.write_blank(row, COL_PULANG, &look(Role::Time))?;
        ws.write_blank(row, COL_KETERANGAN, &look(Role::Code))?;
    }
    Ok(())
}
