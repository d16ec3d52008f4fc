//! The cells of the template tables: one format per role (inputs unlocked, NIP as text, days
//! off grey) and the data validations that guide typing (status codes, NIP length, numbers).

use rust_xlsxwriter::{
    ColNum, Color, DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Worksheet, XlsxError,
};

use super::ROW_HEADER;

use crate::ground::model::StatusCode;

/// Excel's built-in Text number format (`@`): what typed digits stay as.
pub(super) const TEXT_FORMAT: u8 = 49;
pub(super) const GREY: u32 = 0xD9D9D9;
pub(super) const HEADER_BLUE: u32 = 0xDDEBF7;

/// What a table cell is for; its format follows.
#[derive(Copy, Clone, PartialEq, Eq)]
pub(super) enum Role {
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
    /// Clock-time layout: a time to type (`hh:mm`).
    Time,
}

pub(super) fn cell_format(role: Role, day_off: bool) -> Format {
    let mut f = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
    f = match role {
        Role::No => f.set_align(FormatAlign::Center),
        Role::Nip => f.set_num_format_index(TEXT_FORMAT).set_unlocked(),
        Role::Text | Role::Number => f.set_unlocked(),
        Role::Code => f.set_align(FormatAlign::Center).set_unlocked(),
        Role::Follow => f.set_num_format_index(TEXT_FORMAT).set_font_color(Color::RGB(0x404040)),
        Role::Date => f.set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center),
        Role::Time => f.set_num_format("hh:mm").set_align(FormatAlign::Center).set_unlocked(),
    };
    if day_off {
        f = f.set_background_color(Color::RGB(GREY));
    }
    f
}

pub(super) fn header_format(day_off: bool) -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(if day_off { GREY } else { HEADER_BLUE }))
}

/// The header row of a one-row-per-day table (long and clock-time layouts).
pub(super) fn header_row(ws: &mut Worksheet, headers: &[(ColNum, &str)]) -> Result<(), XlsxError> {
    for &(col, label) in headers {
        ws.write_string_with_format(ROW_HEADER, col, label, &header_format(false))?;
    }
    ws.set_row_height(ROW_HEADER, 30)?;
    Ok(())
}

fn codes() -> Vec<&'static str> {
    StatusCode::ALL.iter().map(|c| c.as_str()).collect()
}

/// The dropdown of the status codes, with their meanings as the input message.
pub(super) fn status_validation() -> Result<DataValidation, XlsxError> {
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
pub(super) fn nip_validation() -> Result<DataValidation, XlsxError> {
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

pub(super) fn number_validation(
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

pub(super) fn minutes_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(0, 1440))
        .set_input_title("Terlambat (menit)")?
        .set_input_message("Isi jumlah menit terlambat bila kodenya TL (0–1440).")?
        .set_error_title("Angka di luar batas")?
        .set_error_message("Menit terlambat berupa bilangan bulat 0 sampai 1440.")
}

/// A warning (not a stop) on a time of day: `07:30` is a time; a text such as `07.31`, which the
/// reader accepts too, may still be kept.
pub(super) fn time_validation() -> Result<DataValidation, XlsxError> {
    let (from, to) = (ExcelDateTime::from_hms(0, 0, 0)?, ExcelDateTime::from_hms(23, 59, 59)?);
    DataValidation::new()
        .allow_time(DataValidationRule::Between(from, to))
        .set_input_title("Jam")?
        .set_input_message("Ketik jam seperti 07:30. Kosongkan bila tidak ada scan.")?
        .set_error_title("Periksa jam")?
        .set_error_message("Jam ditulis seperti 07:30 (00:00 sampai 23:59). Tetap simpan isian ini?")
        .map(|v| v.set_error_style(DataValidationErrorStyle::Warning))
}
