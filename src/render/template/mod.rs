//! Fill-in templates for the units (SPEC §7): per unit and kind, an XLSX that makes the right
//! entry easy (NIP as text, code dropdowns, days off prefilled `L`, headings locked without a
//! password) and that `ingest` reads back exactly. Limits: no total columns (rust_xlsxwriter
//! caches formula results as 0); validations cannot stop pasted values, so the reader checks.
//! The KBK workbook (SPEC §11.3) has several data sheets of its own: see `kbk`.

mod cells;
mod days;
mod frame;
mod jam;
mod kbk;
mod kbk_hadir;
mod kbk_petunjuk;
mod kbk_sheets;
mod kbk_validation;
mod long;
mod matrix;
mod penilaian;
mod people;
mod petunjuk;
#[cfg(test)]
mod tests;

use rust_xlsxwriter::{ColNum, DocProperties, ProtectionOptions, RowNum, Workbook, Worksheet, XlsxError};

use crate::ground::model::YearMonth;
use crate::ground::settings::{Settings, Unit};
use crate::ground::text;

/// Which template to build.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Attendance, one row per person and one column per day (the usual *rekap absensi*).
    Matrix,
    /// Attendance, one row per person per day, in one block of rows per person.
    Long,
    /// Attendance as clock times: one row per person per working day with `Jam Masuk`,
    /// `Jam Pulang` and `Keterangan` (SPEC §3.9 attendance-daily).
    Jam,
    /// Evaluation: target, realisasi and nilai perilaku per person.
    Penilaian,
    /// The Kelompok Budaya Kerja workbook (SPEC §11.3): groups, members, meetings, meeting
    /// attendance, the eight steps and results, one sheet each.
    Kbk,
}

impl Kind {
    /// The first word of the file name, and the data sheet's name (the KBK workbook has
    /// several data sheets, each named by `kbk`).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Matrix | Kind::Long | Kind::Jam => "Kehadiran",
            Kind::Penilaian => "Penilaian",
            Kind::Kbk => "KBK",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Kind::Matrix | Kind::Long | Kind::Jam => "DAFTAR HADIR PEGAWAI",
            Kind::Penilaian => "PENILAIAN KINERJA PEGAWAI",
            Kind::Kbk => "KELOMPOK BUDAYA KERJA",
        }
    }
}

/// A person to prefill: from the roster (`Daftar Pegawai`) of the unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Staff {
    /// The 18-digit NIP; `None` for non-ASN staff.
    pub nip: Option<String>,
    pub nama: String,
}

/// Everything one template depends on.
pub struct Spec<'a> {
    pub kind: Kind,
    pub month: YearMonth,
    pub unit: &'a Unit,
    /// Prefilled persons, in roster order; empty when no roster names the unit.
    pub staff: &'a [Staff],
    pub settings: &'a Settings,
}

/// `Kehadiran_DISHUB_2026-11.xlsx`: the kind, the configured code (never input text) and the
/// month — the reader takes the unit and month from such a name too.
pub fn file_name(kind: Kind, kode: &str, month: YearMonth) -> String {
    format!("{}_{}_{month}.xlsx", kind.label(), safe_code(kode))
}

/// The unit code reduced to `[A-Za-z0-9._-]` (SPEC §10), so a file name is safe everywhere.
pub fn safe_code(kode: &str) -> String {
    let kept: String =
        kode.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')).collect();
    if kept.is_empty() { "UNIT".to_string() } else { kept }
}

// Rows (0-based) shared by every kind: letterhead, title, metadata, a note, then the header.
const ROW_PEMERINTAH: RowNum = 0;
const ROW_PERANGKAT: RowNum = 1;
const ROW_TITLE: RowNum = 2;
const ROW_UNIT: RowNum = 3;
const ROW_BULAN: RowNum = 4;
const ROW_NOTE: RowNum = 5;
const ROW_HEADER: RowNum = 6;

// Columns shared by every kind.
const COL_NO: ColNum = 0;
const COL_NIP: ColNum = 1;
const COL_NAMA: ColNum = 2;

/// rust_xlsxwriter's code for A4 paper.
const PAPER_A4: u8 = 9;

/// Where the table ended up, for print setup and the signature block.
struct Placed {
    header_first: RowNum,
    header_last: RowNum,
    data_first: RowNum,
    data_last: RowNum,
    last_col: ColNum,
    /// Where the signature block starts (its column).
    sign_col: ColNum,
}

/// Builds the template workbook.
pub fn build(spec: &Spec) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties(spec));
    match one_table(spec) {
        Some((write, last_col)) => table_workbook(&mut wb, spec, write, last_col)?,
        None => kbk::write(&mut wb, spec)?,
    }
    wb.save_to_buffer()
}

/// Writes the table of a one-table template below the letterhead.
type TableWriter = fn(&mut Worksheet, &Spec) -> Result<Placed, XlsxError>;

/// The table writer and last column of a one-table template (attendance, evaluation); `None`
/// for the KBK workbook, whose sheets place their own columns.
fn one_table(spec: &Spec) -> Option<(TableWriter, ColNum)> {
    match spec.kind {
        Kind::Matrix => Some((matrix::write, matrix::COL_FIRST_DAY + spec.month.days() as ColNum - 1)),
        Kind::Long => Some((long::write, long::COL_KEGIATAN)),
        Kind::Jam => Some((jam::write, jam::COL_KETERANGAN)),
        Kind::Penilaian => Some((penilaian::write, penilaian::COL_PERILAKU)),
        Kind::Kbk => None,
    }
}

/// The data sheet (letterhead, table, signature) and the `Petunjuk` of a one-table template.
fn table_workbook(
    wb: &mut Workbook,
    spec: &Spec,
    write: TableWriter,
    last_col: ColNum,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(spec.kind.label())?;
    // An empty cached result must stay empty (rust_xlsxwriter would store 0, which reads as
    // the date 1899-12-31); it also makes LibreOffice recalculate on opening.
    ws.set_formula_result_default("");
    frame::letterhead(ws, spec, last_col)?;
    let placed = write(ws, spec)?;
    frame::signature(ws, spec, &placed)?;
    frame::page_setup(ws, spec, &placed)?;
    ws.protect_with_options(&protection());

    let guide = wb.add_worksheet();
    petunjuk::write(guide, spec)
}

fn properties(spec: &Spec) -> DocProperties {
    DocProperties::new()
        .set_title(format!("{} — {} — {}", spec.kind.title(), spec.unit.nama, text::periode(spec.month)))
        .set_author(petunjuk::title_case(&spec.settings.config.organisasi.bagian))
        .set_company(petunjuk::title_case(&spec.settings.config.organisasi.pemerintah))
}

/// Locked by default; staff may insert rows (more staff than rows) and resize columns, but
/// not change headings. No password: nobody is ever locked out of their own file.
fn protection() -> ProtectionOptions {
    ProtectionOptions {
        insert_rows: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::new()
    }
}
