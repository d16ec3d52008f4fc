//! The evaluation sheet: `No | NIP | Nama | Target | Realisasi | Nilai Perilaku` per person,
//! each number range-checked.

use rust_xlsxwriter::{ColNum, DataValidationRule, RowNum, Worksheet, XlsxError};

use super::cells::{Role, cell_format, header_format, nip_validation, number_validation};
use super::people::{EMPTY_ROWS, SPARE_ROWS, person_cells, person_columns, persons};
use super::{COL_NAMA, COL_NIP, COL_NO, Placed, ROW_HEADER, Spec};

// The columns after `No | NIP | Nama`.
const COL_TARGET: ColNum = 3;
const COL_REALISASI: ColNum = 4;
pub(super) const COL_PERILAKU: ColNum = 5;

/// Evaluation: `No | NIP | Nama | Target | Realisasi | Nilai Perilaku`, range-checked.
pub(super) fn write(ws: &mut Worksheet, spec: &Spec) -> Result<Placed, XlsxError> {
    let headers = [
        (COL_NO, "No"),
        (COL_NIP, "NIP"),
        (COL_NAMA, "Nama"),
        (COL_TARGET, "Target"),
        (COL_REALISASI, "Realisasi"),
        (COL_PERILAKU, "Nilai Perilaku"),
    ];
    for (col, label) in headers {
        ws.write_string_with_format(ROW_HEADER, col, label, &header_format(false))?;
    }
    ws.set_row_height(ROW_HEADER, 30)?;
    let data_first = ROW_HEADER + 1;
    let people = persons(spec, EMPTY_ROWS, SPARE_ROWS);
    for (i, person) in people.iter().enumerate() {
        let row = data_first + i as RowNum;
        person_cells(ws, row, i + 1, *person, &|role| cell_format(role, false))?;
        for col in [COL_TARGET, COL_REALISASI, COL_PERILAKU] {
            ws.write_blank(row, col, &cell_format(Role::Number, false))?;
        }
    }
    let data_last = data_first + people.len() as RowNum - 1;
    let checks = [
        (
            COL_TARGET,
            number_validation(
                DataValidationRule::GreaterThan(0.0),
                "Target",
                "Target kinerja bulan ini: angka lebih dari 0.",
                "Target harus angka lebih dari 0.",
            )?,
        ),
        (
            COL_REALISASI,
            number_validation(
                DataValidationRule::GreaterThanOrEqualTo(0.0),
                "Realisasi",
                "Hasil yang dicapai bulan ini: angka 0 atau lebih.",
                "Realisasi harus angka 0 atau lebih.",
            )?,
        ),
        (
            COL_PERILAKU,
            number_validation(
                DataValidationRule::Between(0.0, 100.0),
                "Nilai Perilaku",
                "Nilai perilaku kerja: angka 0 sampai 100.",
                "Nilai Perilaku harus angka 0 sampai 100.",
            )?,
        ),
    ];
    for (col, check) in &checks {
        ws.add_data_validation(data_first, *col, data_last, *col, check)?;
    }
    ws.add_data_validation(data_first, COL_NIP, data_last, COL_NIP, &nip_validation()?)?;
    person_columns(ws)?;
    for col in [COL_TARGET, COL_REALISASI, COL_PERILAKU] {
        ws.set_column_width(col, 12)?;
    }
    Ok(Placed {
        header_first: ROW_HEADER,
        header_last: ROW_HEADER,
        data_first,
        data_last,
        last_col: COL_PERILAKU,
        sign_col: COL_TARGET,
    })
}
