//! The clock-time attendance sheet (SPEC §3.9 attendance-daily, §7): one block of rows per
//! person, one row per working day of the unit's schedule, `Jam Masuk`/`Jam Pulang` as `hh:mm`
//! time cells and `Keterangan` for a leave or duty code. Like the long layout, NIP and name are
//! typed once per block and the other rows follow by formula, so an unused block is blank.

use chrono::NaiveDate;
use rust_xlsxwriter::{ColNum, Worksheet, XlsxError};

use super::cells::{Role, status_validation, time_validation};
use super::days::working_days;
use super::long::{Block, blocks};
use super::{Placed, Spec};

// The columns after `No | NIP | Nama | Tanggal` (the shared block lead).
const COL_MASUK: ColNum = 4;
const COL_PULANG: ColNum = 5;
pub(super) const COL_KETERANGAN: ColNum = 6;

pub(super) fn write(ws: &mut Worksheet, spec: &Spec) -> Result<Placed, XlsxError> {
    let rest = [
        (COL_MASUK, "Jam Masuk", 10.0),
        (COL_PULANG, "Jam Pulang", 10.0),
        (COL_KETERANGAN, "Keterangan", 12.0),
    ];
    let fill = |ws: &mut Worksheet, block: &Block, i: usize, d: NaiveDate| {
        let look = |role: Role| block.look(i, role, false);
        let row = block.lead(ws, i, d, &look)?;
        ws.write_blank(row, COL_MASUK, &look(Role::Time))?;
        ws.write_blank(row, COL_PULANG, &look(Role::Time))?;
        ws.write_blank(row, COL_KETERANGAN, &look(Role::Code)).map(|_| ())
    };
    let placed = blocks(ws, spec, &rest, &working_days(spec), &fill)?;
    let (first, last) = (placed.data_first, placed.data_last);
    ws.add_data_validation(first, COL_MASUK, last, COL_PULANG, &time_validation()?)?;
    ws.add_data_validation(first, COL_KETERANGAN, last, COL_KETERANGAN, &status_validation()?)?;
    Ok(placed)
}
