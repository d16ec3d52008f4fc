//! Fill-in templates for the units (SPEC §7): one workbook per unit and kind that makes the
//! right entry easy — NIP as text, a dropdown of the status codes, weekends and holidays
//! shaded and prefilled `L`, numbers range-checked, headings locked without a password — and
//! that `ingest` reads back exactly. Pure: a `Spec` in, XLSX bytes out; `cmd::template`
//! writes them.
//!
//! Limits: the matrix has no total columns (rust_xlsxwriter caches formula results as 0, and
//! the reader cross-checks totals against the codes); Excel's validations guide typing but
//! cannot stop values pasted over them — the reader still checks every cell.

use chrono::{Datelike, NaiveDate, Weekday};
use rust_xlsxwriter::{
    ColNum, Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, Format,
    FormatAlign, FormatBorder, Formula, ProtectionOptions, RowNum, Workbook, Worksheet, XlsxError,
};

use crate::ground::model::{StatusClass, StatusCode, YearMonth, col_letters};
use crate::ground::settings::{Settings, Unit};
use crate::ground::text;

/// Which template to build.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Attendance, one row per person and one column per day (the usual *rekap absensi*).
    Matrix,
    /// Attendance, one row per person per day, in one block of rows per person.
    Long,
    /// Evaluation: target, realisasi and nilai perilaku per person.
    Penilaian,
}

impl Kind {
    /// The first word of the file name, and the data sheet's name.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Matrix | Kind::Long => "Kehadiran",
            Kind::Penilaian => "Penilaian",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Kind::Matrix | Kind::Long => "DAFTAR HADIR PEGAWAI",
            Kind::Penilaian => "PENILAIAN KINERJA PEGAWAI",
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
/// Matrix: the column of day 1.
const COL_FIRST_DAY: ColNum = 3;
// Long layout.
const COL_TANGGAL: ColNum = 3;
const COL_STATUS: ColNum = 4;
const COL_MENIT: ColNum = 5;
const COL_KEGIATAN: ColNum = 6;
// Evaluation.
const COL_TARGET: ColNum = 3;
const COL_REALISASI: ColNum = 4;
const COL_PERILAKU: ColNum = 5;

/// Rows for staff to type in when no roster names the unit (matrix, evaluation), and person
/// blocks for the long layout (a block is a whole month of rows, so fewer).
const EMPTY_ROWS: usize = 20;
const EMPTY_BLOCKS: usize = 5;
/// Extra empty rows / blocks below a prefilled roster, for staff the roster does not list yet.
const SPARE_ROWS: usize = 5;
const SPARE_BLOCKS: usize = 2;

/// Excel's built-in Text number format (`@`): what typed digits stay as.
const TEXT_FORMAT: u8 = 49;
const GREY: u32 = 0xD9D9D9;
const HEADER_BLUE: u32 = 0xDDEBF7;
/// rust_xlsxwriter's code for A4 paper.
const PAPER_A4: u8 = 9;
/// Excel counts days from 1899-12-30 (with the 1900 leap-year bug folded in).
const EXCEL_EPOCH: (i32, u32, u32) = (1899, 12, 30);

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
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} — {} — {}", spec.kind.title(), spec.unit.nama, text::periode(spec.month)))
            .set_author(title_case(&spec.settings.config.organisasi.bagian))
            .set_company(title_case(&spec.settings.config.organisasi.pemerintah)),
    );
    let ws = wb.add_worksheet();
    ws.set_name(spec.kind.label())?;
    // An empty cached result must stay empty (rust_xlsxwriter would store 0, which reads as
    // the date 1899-12-31); it also makes LibreOffice recalculate on opening.
    ws.set_formula_result_default("");
    let last_col = last_col(spec);
    letterhead(ws, spec, last_col)?;
    let placed = match spec.kind {
        Kind::Matrix => matrix(ws, spec)?,
        Kind::Long => long(ws, spec)?,
        Kind::Penilaian => penilaian(ws, spec)?,
    };
    signature(ws, spec, &placed)?;
    page_setup(ws, spec, &placed)?;
    ws.protect_with_options(&protection());

    let guide = wb.add_worksheet();
    petunjuk(guide, spec)?;
    wb.save_to_buffer()
}

fn last_col(spec: &Spec) -> ColNum {
    match spec.kind {
        Kind::Matrix => COL_FIRST_DAY + spec.month.days() as ColNum - 1,
        Kind::Long => COL_KEGIATAN,
        Kind::Penilaian => COL_PERILAKU,
    }
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

// ---------------------------------------------------------------------------------------------
// The days of the month
// ---------------------------------------------------------------------------------------------

fn month_days(month: YearMonth) -> Vec<NaiveDate> {
    month.first_day().iter_days().take(month.days() as usize).collect()
}

/// Saturdays, Sundays and configured holidays: shaded and prefilled `L`.
fn is_day_off(settings: &Settings, d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun) || settings.is_holiday(d)
}

/// `S S R K J S M`: the initials recaps print under the day numbers.
fn weekday_initial(d: NaiveDate) -> String {
    text::nama_hari(d).chars().take(1).collect()
}

fn excel_serial(d: NaiveDate) -> i64 {
    let (y, m, dd) = EXCEL_EPOCH;
    NaiveDate::from_ymd_opt(y, m, dd).map(|epoch| (d - epoch).num_days()).unwrap_or_default()
}

/// The month's configured holidays on weekdays, as `24 dan 25 Desember 2026`; empty if none.
fn holiday_list(spec: &Spec) -> String {
    let days: Vec<String> = month_days(spec.month)
        .into_iter()
        .filter(|d| spec.settings.is_holiday(*d))
        .map(|d| d.day().to_string())
        .collect();
    match days.split_last() {
        None => String::new(),
        Some((last, [])) => format!("{last} {}", text::periode(spec.month)),
        Some((last, rest)) => format!("{} dan {last} {}", rest.join(", "), text::periode(spec.month)),
    }
}

// ---------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------

/// What a table cell is for; its format follows.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Role {
    /// Row number: locked.
    No,
    /// NIP to type: Text format, so Excel keeps all 18 digits.
    Nip,
    /// Name or free text to type.
    Text,
    /// A status code to pick: centred.
    Code,
    /// A number to type.
    Number,
    /// Long layout: NIP or name repeated from the block's first row (locked).
    Follow,
    /// Long layout: the row's date (locked).
    Date,
}

fn cell_format(role: Role, day_off: bool) -> Format {
    let mut f = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
    f = match role {
        Role::No => f.set_align(FormatAlign::Center),
        Role::Nip => f.set_num_format_index(TEXT_FORMAT).set_unlocked(),
        Role::Text | Role::Number => f.set_unlocked(),
        Role::Code => f.set_align(FormatAlign::Center).set_unlocked(),
        Role::Follow => f.set_num_format_index(TEXT_FORMAT).set_font_color(Color::RGB(0x404040)),
        Role::Date => f.set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center),
    };
    if day_off {
        f = f.set_background_color(Color::RGB(GREY));
    }
    f
}

fn header_format(day_off: bool) -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(if day_off { GREY } else { HEADER_BLUE }))
}

// ---------------------------------------------------------------------------------------------
// Letterhead, metadata, signature, print setup
// ---------------------------------------------------------------------------------------------

/// Letterhead, title, `Unit Kerja : …` and `Bulan : …` (the reader takes unit and month from
/// them), and a one-line hint.
fn letterhead(ws: &mut Worksheet, spec: &Spec, last_col: ColNum) -> Result<(), XlsxError> {
    let org = &spec.settings.config.organisasi;
    let centred = |size: u32| Format::new().set_bold().set_font_size(size).set_align(FormatAlign::Center);
    ws.merge_range(ROW_PEMERINTAH, 0, ROW_PEMERINTAH, last_col, &org.pemerintah, &centred(12))?;
    ws.merge_range(ROW_PERANGKAT, 0, ROW_PERANGKAT, last_col, &org.perangkat, &centred(12))?;
    ws.merge_range(ROW_TITLE, 0, ROW_TITLE, last_col, spec.kind.title(), &centred(14))?;
    ws.set_row_height(ROW_TITLE, 24)?;
    let meta = Format::new().set_bold().set_align(FormatAlign::Left);
    ws.merge_range(ROW_UNIT, 0, ROW_UNIT, last_col, &format!("Unit Kerja : {}", spec.unit.nama), &meta)?;
    ws.merge_range(
        ROW_BULAN,
        0,
        ROW_BULAN,
        last_col,
        &format!("Bulan : {}", text::periode(spec.month)),
        &meta,
    )?;
    let note = Format::new().set_italic().set_font_size(9).set_font_color(Color::RGB(0x595959));
    ws.write_string_with_format(ROW_NOTE, 0, hint(spec.kind), &note)?;
    Ok(())
}

fn hint(kind: Kind) -> &'static str {
    match kind {
        Kind::Matrix => {
            "Isi satu kode untuk setiap pegawai dan tanggal (pilih dari daftar di sel). Kolom abu-abu = \
             Sabtu, Minggu dan hari libur, sudah terisi L. Arti kode: lihat lembar Petunjuk."
        }
        Kind::Long => {
            "Ketik NIP dan nama pada baris pertama setiap blok, lalu isi Status setiap tanggal. Baris \
             abu-abu = Sabtu, Minggu dan hari libur, sudah terisi L. Lihat lembar Petunjuk."
        }
        Kind::Penilaian => {
            "Isi Target (lebih dari 0), Realisasi (0 atau lebih) dan Nilai Perilaku (0–100) setiap \
             pegawai. Lihat lembar Petunjuk."
        }
    }
}

/// The head of the unit signs: `Kepala …`, `Camat …`, `Lurah …`, `Sekretaris …`.
fn signer_title(unit: &Unit) -> String {
    let nama = unit.nama.trim();
    if let Some(rest) = nama.strip_prefix("Kecamatan ") {
        format!("Camat {rest}")
    } else if let Some(rest) = nama.strip_prefix("Kelurahan ") {
        format!("Lurah {rest}")
    } else if let Some(rest) = nama.strip_prefix("Sekretariat ") {
        format!("Sekretaris {rest}")
    } else if nama == "Inspektorat" {
        "Inspektur".to_string()
    } else {
        format!("Kepala {nama}")
    }
}

/// `Mengetahui,` / `Kepala …` / (space to sign) / name / `NIP.` two rows below the table.
/// The reader ends the table at `Mengetahui,` (SPEC §3.2), so the block is never data. The
/// title, name and NIP are unlocked: units fill in their head (or a `Plt.`).
fn signature(ws: &mut Worksheet, spec: &Spec, placed: &Placed) -> Result<(), XlsxError> {
    let top = placed.data_last + 2;
    let col = placed.sign_col;
    let plain = Format::new();
    let input = Format::new().set_unlocked();
    let name_line = Format::new().set_bold().set_unlocked().set_border_bottom(FormatBorder::Thin);
    let nip = Format::new().set_unlocked().set_num_format_index(TEXT_FORMAT);
    let last = placed.last_col.max(col);
    ws.write_string_with_format(top, col, "Mengetahui,", &plain)?;
    ws.merge_range(top + 1, col, top + 1, last, &signer_title(spec.unit), &input)?;
    ws.merge_range(top + 5, col, top + 5, last, "", &name_line)?;
    ws.merge_range(top + 6, col, top + 6, last, "NIP. ", &nip)?;
    Ok(())
}

fn page_setup(ws: &mut Worksheet, spec: &Spec, placed: &Placed) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4)
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(placed.header_first, placed.header_last)?
        .set_freeze_panes(placed.data_first, COL_NAMA + 1)?
        .set_selection(placed.data_first, COL_NIP, placed.data_first, COL_NIP)?
        .set_footer(format!(
            "&L{} — {}&RHalaman &P dari &N",
            safe_code(&spec.unit.kode),
            text::periode(spec.month)
        ));
    if spec.kind == Kind::Matrix {
        ws.set_landscape().set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    }
    ws.set_print_area(0, 0, placed.data_last + 8, placed.last_col)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Validations
// ---------------------------------------------------------------------------------------------

fn codes() -> Vec<&'static str> {
    StatusCode::ALL.iter().map(|c| c.as_str()).collect()
}

/// The dropdown of the status codes, with their meanings as the input message.
fn status_validation() -> Result<DataValidation, XlsxError> {
    let meanings: Vec<String> =
        StatusCode::ALL.iter().map(|c| format!("{}={}", c.as_str(), short_meaning(*c))).collect();
    DataValidation::new()
        .allow_list_strings(&codes())?
        .set_input_title("Kode kehadiran")?
        .set_input_message(meanings.join(", "))?
        .set_error_title("Kode tidak dikenal")?
        .set_error_message(format!(
            "Pilih salah satu kode: {}. Arti setiap kode ada di lembar Petunjuk.",
            codes().join(", ")
        ))
}

/// Meanings short enough for Excel's 255-character input message.
fn short_meaning(code: StatusCode) -> &'static str {
    match code {
        StatusCode::TL => "terlambat",
        StatusCode::PSW => "pulang cepat",
        other => other.meaning(),
    }
}

/// A warning (not a stop) on the NIP length: a NIK or a NIP with spaces may be intended.
fn nip_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_text_length(DataValidationRule::Between(18, 21))
        .set_input_title("NIP")?
        .set_input_message(
            "Ketik NIP 18 digit, misalnya 198503152010011002. Kosongkan untuk pegawai non-ASN.",
        )?
        .set_error_title("Periksa NIP")?
        .set_error_message("NIP pegawai ASN terdiri dari 18 digit. Tetap simpan isian ini?")
        .map(|v| v.set_error_style(DataValidationErrorStyle::Warning))
}

fn number_validation(
    rule: DataValidationRule<f64>,
    title: &str,
    message: &str,
    error: &str,
) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_decimal_number(rule)
        .set_input_title(title)?
        .set_input_message(message)?
        .set_error_title("Angka di luar batas")?
        .set_error_message(error)
}

fn minutes_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(0, 1440))
        .set_input_title("Terlambat (menit)")?
        .set_input_message("Isi jumlah menit terlambat bila kodenya TL (0–1440).")?
        .set_error_title("Angka di luar batas")?
        .set_error_message("Menit terlambat berupa bilangan bulat 0 sampai 1440.")
}

// ---------------------------------------------------------------------------------------------
// The three tables
// ---------------------------------------------------------------------------------------------

/// The roster's staff, then empty rows for everyone else.
fn persons<'a>(spec: &Spec<'a>, empty: usize, spare: usize) -> Vec<Option<&'a Staff>> {
    let extra = if spec.staff.is_empty() { empty } else { spare };
    spec.staff.iter().map(Some).chain(std::iter::repeat_n(None, extra)).collect()
}

fn person_columns(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_column_width(COL_NO, 4.5)?;
    ws.set_column_width(COL_NIP, 21)?;
    ws.set_column_width(COL_NAMA, 30)?;
    Ok(())
}

/// No, NIP and Nama of one row, as inputs (prefilled when the person is known), in the
/// formats `look` gives the row.
fn person_cells(
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

/// Matrix: `No | NIP | Nama` merged over three header rows, `TANGGAL` over the day numbers
/// (written as numbers), the weekday initials below; a code cell per person and day.
fn matrix(ws: &mut Worksheet, spec: &Spec) -> Result<Placed, XlsxError> {
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

/// Long: one block of rows per person, one row per day. Staff type NIP and name in the
/// block's first row only; the other rows, the dates and the `L` of days off follow by
/// formula, and stay empty while the block has no person — so an unused block is blank and
/// the reader skips it instead of rejecting a dated row without a person.
fn long(ws: &mut Worksheet, spec: &Spec) -> Result<Placed, XlsxError> {
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
fn grouped_nip(nip: &str) -> String {
    if nip.len() == 18 && nip.bytes().all(|b| b.is_ascii_digit()) {
        format!("{} {} {} {}", &nip[..8], &nip[8..14], &nip[14..15], &nip[15..])
    } else {
        format!(" {nip}")
    }
}

/// Evaluation: `No | NIP | Nama | Target | Realisasi | Nilai Perilaku`, range-checked.
fn penilaian(ws: &mut Worksheet, spec: &Spec) -> Result<Placed, XlsxError> {
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

// ---------------------------------------------------------------------------------------------
// Petunjuk
// ---------------------------------------------------------------------------------------------

/// Writes the instructions sheet line by line. Columns: A number or code, B–C text.
struct Guide<'w> {
    ws: &'w mut Worksheet,
    row: RowNum,
}

/// Characters per line of the merged B:C text, to size wrapped rows (Excel does not grow a
/// merged row by itself).
const GUIDE_LINE_CHARS: usize = 110;

impl Guide<'_> {
    fn heading(&mut self, text: &str, size: u32) -> Result<(), XlsxError> {
        let f = Format::new().set_bold().set_font_size(size);
        self.ws.write_string_with_format(self.row, 0, text, &f)?;
        self.row += 1;
        Ok(())
    }

    fn gap(&mut self) {
        self.row += 1;
    }

    /// A numbered (or plain, with an empty `mark`) paragraph over columns B–C.
    fn para(&mut self, mark: &str, text: &str) -> Result<(), XlsxError> {
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top).set_align(FormatAlign::Left);
        let top = Format::new().set_align(FormatAlign::Top);
        self.ws.write_string_with_format(self.row, 0, mark, &top)?;
        self.ws.merge_range(self.row, 1, self.row, 2, text, &wrap)?;
        let lines = text.chars().count().div_ceil(GUIDE_LINE_CHARS).max(1);
        self.ws.set_row_height(self.row, 15.0 * lines as f64 + 2.0)?;
        self.row += 1;
        Ok(())
    }

    /// A bordered table row; `bold` for its header.
    fn table_row(&mut self, cells: &[&str], bold: bool) -> Result<(), XlsxError> {
        let mut f = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        if bold {
            f = f.set_bold().set_background_color(Color::RGB(HEADER_BLUE));
        }
        for (col, text) in cells.iter().enumerate() {
            self.ws.write_string_with_format(self.row, col as ColNum, *text, &f)?;
        }
        self.row += 1;
        Ok(())
    }
}

fn petunjuk(ws: &mut Worksheet, spec: &Spec) -> Result<(), XlsxError> {
    ws.set_name("Petunjuk")?;
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 30)?;
    ws.set_column_width(2, 66)?;
    let mut g = Guide { ws, row: 0 };
    g.heading("PETUNJUK PENGISIAN", 14)?;
    g.para(
        "",
        &format!(
            "Templat {} {} bulan {}, dari {}. Isi lembar \"{}\", simpan, lalu kirim kembali.",
            spec.kind.title().to_lowercase(),
            spec.unit.nama,
            text::periode(spec.month),
            sender(spec),
            spec.kind.label()
        ),
    )?;
    g.gap();
    g.heading("Cara mengisi", 12)?;
    for (i, step) in steps(spec).iter().enumerate() {
        g.para(&format!("{}.", i + 1), step)?;
    }
    g.gap();
    match spec.kind {
        Kind::Matrix | Kind::Long => code_table(&mut g)?,
        Kind::Penilaian => predikat_table(&mut g, spec)?,
    }
    g.ws.set_paper_size(PAPER_A4).set_print_fit_to_pages(1, 0);
    g.ws.protect();
    Ok(())
}

/// `Bagian Organisasi Sekretariat Daerah Kota Mojokerto`, from the configured letterhead.
fn sender(spec: &Spec) -> String {
    let org = &spec.settings.config.organisasi;
    let pemerintah = org.pemerintah.trim();
    let wilayah = pemerintah
        .strip_prefix("PEMERINTAH ")
        .or_else(|| pemerintah.strip_prefix("Pemerintah "))
        .unwrap_or(pemerintah);
    [org.bagian.as_str(), org.perangkat.as_str(), wilayah]
        .iter()
        .map(|s| title_case(s))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `SEKRETARIAT DAERAH` → `Sekretariat Daerah`.
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => {
                    first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect::<String>()
                }
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The step-by-step instructions for the kind, in plain words.
fn steps(spec: &Spec) -> Vec<String> {
    let mut steps = match spec.kind {
        Kind::Matrix => matrix_steps(spec),
        Kind::Long => long_steps(spec),
        Kind::Penilaian => penilaian_steps(spec),
    };
    steps.push(NIP_RULE.to_string());
    steps.extend(closing_steps(spec));
    steps
}

const NIP_RULE: &str = "NIP: ketik NIP lengkap 18 digit, misalnya 198503152010011002. Kolom NIP sudah \
    berformat Teks; jangan ubah menjadi Angka atau Umum (General), karena Excel hanya menyimpan 15 digit \
    angka sehingga digit terakhir NIP hilang. Bila menyalin NIP dari berkas lain, tempel sebagai nilai \
    (Tempel Khusus → Nilai). Pegawai non-ASN yang tidak punya NIP: kosongkan NIP dan tulis nama \
    lengkapnya. Jangan menulis NIK di kolom NIP.";

fn roster_sentence(spec: &Spec, what: &str) -> String {
    if spec.staff.is_empty() {
        format!("Ketik NIP dan nama setiap pegawai, satu pegawai per {what}, mulai dari nomor 1.")
    } else {
        format!(
            "NIP dan nama {} pegawai sudah terisi dari Daftar Pegawai. Periksalah, lalu ketik pegawai \
             yang belum tercantum pada {what} kosong di bawahnya.",
            spec.staff.len()
        )
    }
}

fn days_off_sentence(spec: &Spec, what: &str) -> String {
    let holidays = holiday_list(spec);
    let libur = if holidays.is_empty() { String::new() } else { format!(" ({holidays})") };
    format!(
        "{what} abu-abu adalah hari Sabtu, Minggu dan hari libur{libur}; sudah terisi L. Bila pegawai \
         bertugas pada hari itu (piket, pelayanan), ganti L dengan kode yang sesuai, misalnya H."
    )
}

fn matrix_steps(spec: &Spec) -> Vec<String> {
    vec![
        format!(
            "Lembar Kehadiran berisi satu baris untuk setiap pegawai dan satu kolom untuk setiap tanggal \
             bulan {}. {}",
            text::periode(spec.month),
            roster_sentence(spec, "baris")
        ),
        "Isi satu kode untuk setiap pegawai pada setiap tanggal. Klik selnya, lalu pilih kode dari panah \
         di sisi kanan sel, atau ketik kodenya (huruf besar atau kecil sama saja). Arti setiap kode ada \
         pada tabel di bawah."
            .to_string(),
        days_off_sentence(spec, "Kolom"),
        "Pegawai yang sepanjang bulan tidak bertugas lagi di unit ini: hapus NIP dan namanya; baris \
         tanpa NIP dan nama tidak dibaca. Bila baris kurang, sisipkan baris di tengah tabel (klik kanan \
         nomor baris → Sisipkan)."
            .to_string(),
    ]
}

fn long_steps(spec: &Spec) -> Vec<String> {
    vec![
        format!(
            "Lembar Kehadiran berisi satu blok baris untuk setiap pegawai, satu baris untuk setiap \
             tanggal bulan {}. {}",
            text::periode(spec.month),
            roster_sentence(spec, "blok")
        ),
        "Ketik NIP dan nama hanya pada baris pertama blok (baris yang bernomor). NIP, nama, tanggal \
         dan kode L pada baris lain dalam blok itu terisi sendiri."
            .to_string(),
        "Isi kolom Status dengan satu kode untuk setiap tanggal: klik selnya lalu pilih dari panah di \
         sisi kanan sel, atau ketik kodenya. Bila kodenya TL, isi juga Terlambat (menit). Kolom Kegiatan \
         dibiarkan kosong untuk hari kerja biasa. Arti setiap kode ada pada tabel di bawah."
            .to_string(),
        days_off_sentence(spec, "Baris"),
        "Pegawai yang sepanjang bulan tidak bertugas lagi di unit ini: hapus NIP dan nama pada baris \
         pertama bloknya; seluruh blok menjadi kosong dan tidak dibaca."
            .to_string(),
    ]
}

fn penilaian_steps(spec: &Spec) -> Vec<String> {
    let p = &spec.settings.config.penilaian;
    vec![
        format!(
            "Lembar Penilaian berisi satu baris untuk setiap pegawai, untuk bulan {}. {}",
            text::periode(spec.month),
            roster_sentence(spec, "baris")
        ),
        "Target: target kinerja pegawai bulan ini (angka lebih dari 0), misalnya jumlah keluaran yang \
         direncanakan. Realisasi: hasil yang dicapai (angka 0 atau lebih). Nilai Perilaku: nilai perilaku \
         kerja dari 0 sampai 100. Angka boleh desimal, misalnya 87,5 (di Excel berbahasa Inggris: 87.5)."
            .to_string(),
        format!(
            "Cara menghitung: Capaian = Realisasi ÷ Target × 100 (dihitung paling tinggi 100). Nilai \
             Kinerja = {}% × Capaian + {}% × Nilai Perilaku. Predikatnya menurut tabel di bawah.",
            nilai(p.bobot_hasil * 100.0),
            nilai(p.bobot_perilaku * 100.0)
        ),
        "Isi ketiga angka untuk setiap pegawai; baris yang hanya terisi sebagian ditolak. Pegawai yang \
         tidak dinilai bulan ini: hapus NIP dan namanya; baris tanpa NIP dan nama tidak dibaca."
            .to_string(),
    ]
}

fn closing_steps(spec: &Spec) -> Vec<String> {
    let deadline = spec.month.next().first_day() + chrono::Days::new(4);
    vec![
        "Jangan mengubah kop, baris Unit Kerja dan Bulan, judul kolom, atau nama lembar, dan jangan \
         menambah atau menghapus kolom. Bagian itu dikunci (tanpa kata sandi) supaya tidak terubah \
         tanpa sengaja."
            .to_string(),
        "Di bagian bawah lembar, isi jabatan, nama dan NIP pejabat yang mengetahui.".to_string(),
        format!(
            "Simpan sebagai berkas Excel (.xlsx) dengan nama {} dan kirim ke {} paling lambat {}. Kirim \
             berkas Excel-nya, bukan foto, hasil pindaian atau PDF: berkas ini dibaca otomatis.",
            file_name(spec.kind, &spec.unit.kode, spec.month),
            sender(spec),
            text::tanggal(deadline)
        ),
        "Isian yang tidak dapat dibaca (kode tidak dikenal, NIP kurang dari 18 digit, angka di luar \
         batas) dicatat per sel dan dikembalikan kepada unit untuk diperbaiki."
            .to_string(),
    ]
}

/// `60`, `87,5`.
fn nilai(x: f64) -> String {
    if x.fract().abs() < 1e-9 { format!("{}", x.round() as i64) } else { text::desimal(x, 1) }
}

fn class_label(code: StatusCode) -> &'static str {
    match code.class() {
        StatusClass::Present => "hadir (hari kerja)",
        StatusClass::Sick | StatusClass::Leave | StatusClass::Cuti => {
            "tidak hadir dengan keterangan (hari kerja)"
        }
        StatusClass::Unexcused => "tidak hadir tanpa keterangan (hari kerja)",
        StatusClass::NotWorking => "bukan hari kerja (tidak dihitung)",
    }
}

fn code_table(g: &mut Guide) -> Result<(), XlsxError> {
    g.heading("Kode kehadiran", 12)?;
    g.table_row(&["Kode", "Arti", "Dihitung sebagai"], true)?;
    for code in StatusCode::ALL {
        g.table_row(&[code.as_str(), code.meaning(), class_label(code)], false)?;
    }
    Ok(())
}

fn predikat_table(g: &mut Guide, spec: &Spec) -> Result<(), XlsxError> {
    g.heading("Predikat kinerja", 12)?;
    g.table_row(&["Predikat", "Nilai Kinerja"], true)?;
    let bands = &spec.settings.config.penilaian.predikat;
    for (i, band) in bands.iter().enumerate() {
        let range = match i.checked_sub(1).and_then(|j| bands.get(j)) {
            None => format!("{} ke atas", nilai(band.min)),
            Some(higher) => format!("{} sampai di bawah {}", nilai(band.min), nilai(higher.min)),
        };
        g.table_row(&[band.nama.as_str(), range.as_str()], false)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_use_the_code_reduced_to_safe_characters() {
        let m = YearMonth::new(2026, 11).unwrap();
        assert_eq!(file_name(Kind::Matrix, "DISHUB", m), "Kehadiran_DISHUB_2026-11.xlsx");
        assert_eq!(file_name(Kind::Penilaian, "KEC-MAGERSARI", m), "Penilaian_KEC-MAGERSARI_2026-11.xlsx");
        assert_eq!(safe_code("PKM Wates/2"), "PKMWates2");
        assert_eq!(safe_code("é/ü"), "UNIT");
    }

    #[test]
    fn nip_is_cached_in_its_printed_grouping() {
        assert_eq!(grouped_nip("198503152010011002"), "19850315 201001 1 002");
        assert!(grouped_nip("198503152010011002").parse::<f64>().is_err());
    }

    #[test]
    fn signer_follows_the_unit_type() {
        let unit = |nama: &str| Unit {
            kode: "X".into(),
            nama: nama.into(),
            jenis: "Perangkat Daerah".into(),
            alias: Vec::new(),
        };
        assert_eq!(signer_title(&unit("Dinas Perhubungan")), "Kepala Dinas Perhubungan");
        assert_eq!(signer_title(&unit("Kecamatan Magersari")), "Camat Magersari");
        assert_eq!(signer_title(&unit("Kelurahan Wates")), "Lurah Wates");
        assert_eq!(signer_title(&unit("Sekretariat Daerah")), "Sekretaris Daerah");
    }

    #[test]
    fn weekday_initials_and_days_off() {
        let settings = Settings::embedded().unwrap();
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        assert_eq!(weekday_initial(d(1)), "S"); // Selasa
        assert_eq!(weekday_initial(d(6)), "M"); // Minggu
        assert!(is_day_off(&settings, d(5)));
        assert!(is_day_off(&settings, d(24)));
        assert!(is_day_off(&settings, d(25)));
        assert!(!is_day_off(&settings, d(23)));
        assert_eq!(excel_serial(d(1)), 46357);
    }

    #[test]
    fn status_validation_fits_excel_limits() {
        assert!(status_validation().is_ok());
        assert!(nip_validation().is_ok());
        assert!(minutes_validation().is_ok());
    }
}
