//! The person columns every table starts with (`No | NIP | Nama`): the roster's staff first,
//! then empty rows for everyone else, prefilled where the person is known.

use rust_xlsxwriter::{Format, RowNum, Worksheet, XlsxError};

use super::cells::Role;
use super::{COL_NAMA, COL_NIP, COL_NO, Spec, Staff};

/// Rows for staff to type in when no roster names the unit (matrix, evaluation), and person
/// blocks for the long layout (a block is a whole month of rows, so fewer).
pub(super) const EMPTY_ROWS: usize = 20;
pub(super) const EMPTY_BLOCKS: usize = 5;
/// Extra empty rows / blocks below a prefilled roster, for staff the roster does not list yet.
pub(super) const SPARE_ROWS: usize = 5;
pub(super) const SPARE_BLOCKS: usize = 2;

/// The roster's staff, then empty rows for everyone else.
pub(super) fn persons<'a>(spec: &Spec<'a>, empty: usize, spare: usize) -> Vec<Option<&'a Staff>> {
    let extra = if spec.staff.is_empty() { empty } else { spare };
    spec.staff.iter().map(Some).chain(std::iter::repeat_n(None, extra)).collect()
}

pub(super) fn person_columns(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_column_width(COL_NO, 4.5)?;
    ws.set_column_width(COL_NIP, 21)?;
    ws.set_column_width(COL_NAMA, 30)?;
    Ok(())
}

/// No, NIP and Nama of one row, as inputs (prefilled when the person is known), in the
/// formats `look` gives the row.
pub(super) fn person_cells(
    ws: &mut Worksheet,
    row: RowNum,
    number: usize,
    person: Option<&Staff>,
    look: &dyn Fn(Role) -> Format,
) -> Result<(), XlsxError> {
    ws.write_number_with_format(row, COL_NO, number as f64, &look(Role::No))?;
    let nip = look(Role::Nip);
    match person.and_then(|p| p.nip.as_deref()) {
        Some(n) => ws.write_string_with_format(row, COL_NIP, n, &nip)?,
        None => ws.write_blank(row, COL_NIP, &nip)?,
    };
    let nama = look(Role::Text);
    match person {
        Some(p) => ws.write_string_with_format(row, COL_NAMA, &p.nama, &nama)?,
        None => ws.write_blank(row, COL_NAMA, &nama)?,
    };
    Ok(())
}
