//! `Daftar Hadir`: KBK meeting attendance as a matrix (SPEC §11.1, §3.4) — `No | Nama Kelompok
//! | NIP | Nama | 1 | 2 | … | <last day>`, the day numbers over the weekday initials, a status
//! dropdown per member and day, weekends and holidays shaded but left empty (only meeting days
//! are filled in). Its rows repeat the `Anggota` sheet's rows by formula, the fasilitator
//! left out, so members are typed once; a row whose member is missing stays blank.

use chrono::Datelike;
use rust_xlsxwriter::{ColNum, Formula, RowNum, Worksheet, XlsxError};

use super::cells::{Role, cell_format, header_format, nip_validation, status_validation};
use super::days::{is_day_off, month_days, weekday_initial};
use super::kbk::{Frame, TABLE_HEADER, column_letters, finish, letterhead, unit_line};
use super::kbk_sheets::{ANGGOTA, column};
use super::{Placed, Spec, frame};
use crate::ground::kbk::Peran;
use crate::ground::text;

pub(super) const SHEET: &str = "Daftar Hadir";

const COL_NO: ColNum = 0;
const COL_KELOMPOK: ColNum = 1;
const COL_NIP: ColNum = 2;
const COL_NAMA: ColNum = 3;
/// The column of day 1.
pub(super) const COL_FIRST_DAY: ColNum = 4;

/// The columns before the days: (column, header, width).
const PERSON_COLUMNS: [(ColNum, &str, f64); 4] = [
    (COL_NO, "No", 4.5),
    (COL_KELOMPOK, "Nama Kelompok", 18.0),
    (COL_NIP, "NIP", 21.0),
    (COL_NAMA, "Nama", 28.0),
];
const DAY_WIDTH: f64 = 4.3;

const HINT: &str = "Nama kelompok, NIP dan nama terisi sendiri dari lembar Anggota (fasilitator tidak \
    dicantumkan). Isi kode kehadiran hanya pada tanggal pertemuan; kolom abu-abu = Sabtu, Minggu dan \
    hari libur.";

/// Writes the sheet: frame with `Unit Kerja`, `Bulan` and `Kegiatan : KBK`, the two header
/// rows, one row per `Anggota` row, the signature block and the print setup.
pub(super) fn write(ws: &mut Worksheet, spec: &Spec) -> Result<(), XlsxError> {
    ws.set_name(SHEET)?;
    ws.set_formula_result_default("");
    let days = month_days(spec.month);
    let last_day_col = COL_FIRST_DAY + days.len() as ColNum - 1;
    let meta =
        [unit_line(spec), format!("Bulan : {}", text::periode(spec.month)), "Kegiatan : KBK".to_string()];
    let title = "DAFTAR HADIR PERTEMUAN KELOMPOK BUDAYA KERJA";
    let width = PERSON_COLUMNS.iter().map(|c| c.2).sum::<f64>() + DAY_WIDTH * days.len() as f64;
    let frame = Frame { title, meta: &meta, hint: HINT, last_col: last_day_col, width };
    let header = letterhead(ws, spec, &frame)?;
    let weekday_row = header + 1;
    header_rows(ws, spec, header)?;

    let data_first = weekday_row + 1;
    let mirror = Mirror::new()?;
    for i in 0..ANGGOTA.rows {
        let row = data_first + i;
        mirror.person_cells(ws, row, i)?;
        for (j, d) in days.iter().enumerate() {
            let fmt = cell_format(Role::Code, is_day_off(spec.settings, *d));
            ws.write_blank(row, COL_FIRST_DAY + j as ColNum, &fmt)?;
        }
    }
    let data_last = data_first + ANGGOTA.rows - 1;
    ws.add_data_validation(data_first, COL_FIRST_DAY, data_last, last_day_col, &status_validation()?)?;
    ws.add_data_validation(data_first, COL_NIP, data_last, COL_NIP, &nip_validation()?)?;
    let placed = Placed {
        header_first: header,
        header_last: weekday_row,
        data_first,
        data_last,
        last_col: last_day_col,
        sign_col: last_day_col.saturating_sub(9).max(COL_FIRST_DAY),
    };
    frame::signature(ws, spec, &placed)?;
    finish(ws, spec, &placed, COL_NAMA + 1, true, data_last + 8)
}

/// `No | Nama Kelompok | NIP | Nama` merged over both header rows; the day numbers (as
/// numbers) over the weekday initials, days off shaded.
fn header_rows(ws: &mut Worksheet, spec: &Spec, header: RowNum) -> Result<(), XlsxError> {
    for (col, label, width) in PERSON_COLUMNS {
        ws.merge_range(header, col, header + 1, col, label, &header_format(false))?;
        ws.set_column_width(col, width)?;
    }
    for (i, d) in month_days(spec.month).iter().enumerate() {
        let col = COL_FIRST_DAY + i as ColNum;
        let fmt = header_format(is_day_off(spec.settings, *d));
        ws.write_number_with_format(header, col, d.day(), &fmt)?;
        ws.write_string_with_format(header + 1, col, weekday_initial(*d), &fmt)?;
        ws.set_column_width(col, DAY_WIDTH)?;
    }
    ws.set_row_height(header, 30)?;
    Ok(())
}

/// The `Anggota` columns a row repeats, as `Anggota!$B:$B`-style references.
struct Mirror {
    kelompok: String,
    nip: String,
    nama: String,
    peran: String,
}

impl Mirror {
    fn new() -> Result<Self, XlsxError> {
        let whole = |header: &str| -> Result<String, XlsxError> {
            let c = column_letters(ANGGOTA.name, column(&ANGGOTA, header))?;
            Ok(format!("{}!${c}:${c}", ANGGOTA.name))
        };
        Ok(Self {
            kelompok: whole("Nama Kelompok")?,
            nip: whole("NIP")?,
            nama: whole("Nama")?,
            peran: whole("Peran")?,
        })
    }

    /// No, then Nama Kelompok, NIP and Nama of `Anggota` data row `i`: blank while that row
    /// names nobody or names the fasilitator. `&""` keeps an empty source empty (not 0).
    fn person_cells(&self, ws: &mut Worksheet, row: RowNum, i: RowNum) -> Result<(), XlsxError> {
        ws.write_number_with_format(row, COL_NO, f64::from(i + 1), &cell_format(Role::No, false))?;
        // 1-based row of `Anggota` data row `i`.
        let source = TABLE_HEADER + 2 + i;
        let at = |range: &str| format!("INDEX({range},{source})");
        let hide = format!(
            "OR({}=\"{}\",{}&{}=\"\")",
            at(&self.peran),
            Peran::Fasilitator.label(),
            at(&self.nip),
            at(&self.nama)
        );
        let cells = [
            (COL_KELOMPOK, &self.kelompok, Role::Text),
            (COL_NIP, &self.nip, Role::Nip),
            (COL_NAMA, &self.nama, Role::Text),
        ];
        for (col, range, role) in cells {
            let f = Formula::new(format!("IF({hide},\"\",{}&\"\")", at(range)));
            // Unlocked like any input: a unit may type a person in by hand.
            ws.write_formula_with_format(row, col, f, &cell_format(role, false))?;
        }
        Ok(())
    }
}
