//! The data validations of the KBK list sheets, one per kind of input: dropdowns of the
//! group names, the roster's staff, the roles and the eight steps; dates, values and whole
//! numbers in range. Where the reader accepts more than the dropdown offers (a step typed as
//! `3`, a group registered in an earlier workbook, staff the roster misses), a warning only.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Formula, XlsxError,
};

use super::cells::nip_validation;
use super::kbk::Lists;
use super::kbk_sheets::Input;
use crate::ground::kbk::{LANGKAH as STEPS, Peran};

/// The validation guiding a column's input; `None` for free text and prefilled cells.
pub(super) fn validation(input: Input, lists: &Lists) -> Result<Option<DataValidation>, XlsxError> {
    let v = match input {
        Input::Kelompok => kelompok_validation(&lists.kelompok)?,
        Input::Pegawai => match &lists.pegawai {
            Some(range) => pegawai_validation(range)?,
            None => return Ok(None),
        },
        Input::Nip => nip_validation()?,
        Input::Date => date_validation()?,
        Input::Value => value_validation()?,
        Input::Urutan => {
            whole(1, 99, "Pertemuan ke-", "Nomor urut pertemuan kelompok ini: 1, 2, 3, dan seterusnya.")?
        }
        Input::Durasi => {
            whole(1, 480, "Durasi (menit)", "Lama pertemuan dalam menit, 1 sampai 480 (8 jam).")?
        }
        Input::Peran => peran_validation()?,
        Input::Langkah => langkah_validation()?,
        Input::Text | Input::LongText | Input::StepNo | Input::StepName => return Ok(None),
    };
    Ok(Some(v))
}

/// A dropdown of the `Kelompok` sheet's names. A warning, not a stop: a group may have been
/// registered in an earlier month's workbook.
fn kelompok_validation(range: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_formula(Formula::new(format!("={range}")))
        .set_input_title("Nama kelompok")?
        .set_input_message("Pilih kelompok yang tercantum di lembar Kelompok.")?
        .set_error_title("Kelompok belum terdaftar")?
        .set_error_message(
            "Nama ini tidak ada di lembar Kelompok. Tulis nama kelompok persis seperti di lembar \
             Kelompok (atau di berkas bulan sebelumnya). Tetap simpan isian ini?",
        )
        .map(|v| v.set_error_style(DataValidationErrorStyle::Warning))
}

/// A dropdown of the roster's names; a warning only, since staff the roster misses may be typed.
fn pegawai_validation(range: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_formula(Formula::new(format!("={range}")))
        .set_input_title("Nama pegawai")?
        .set_input_message(
            "Pilih nama dari Daftar Pegawai unit. Pegawai yang belum tercantum boleh diketik.",
        )?
        .set_error_title("Nama tidak ada di daftar")?
        .set_error_message(
            "Nama ini tidak ada di Daftar Pegawai unit. Periksa ejaannya dan isi NIP-nya sendiri. \
             Tetap simpan isian ini?",
        )
        .map(|v| v.set_error_style(DataValidationErrorStyle::Warning))
}

/// A warning (not a stop) on a date: the reader also accepts a date typed as text.
pub(super) fn date_validation() -> Result<DataValidation, XlsxError> {
    let (from, to) = (ExcelDateTime::from_ymd(2000, 1, 1)?, ExcelDateTime::from_ymd(2099, 12, 31)?);
    DataValidation::new()
        .allow_date(DataValidationRule::Between(from, to))
        .set_input_title("Tanggal")?
        .set_input_message("Ketik tanggal seperti 12/11/2026 (tanggal/bulan/tahun).")?
        .set_error_title("Periksa tanggal")?
        .set_error_message(
            "Tanggal ditulis seperti 12/11/2026 (tanggal/bulan/tahun). Tetap simpan isian ini?",
        )
        .map(|v| v.set_error_style(DataValidationErrorStyle::Warning))
}

fn value_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_input_title("Nilai indikator")?
        .set_input_message(
            "Angka 0 atau lebih tanpa satuan, misalnya 15 atau 87,5. Satuannya ditulis di kolom Satuan \
             lembar Kelompok.",
        )?
        .set_error_title("Bukan angka")?
        .set_error_message("Isi angka 0 atau lebih, tanpa satuan (misalnya 15, bukan 15 menit).")
}

fn whole(min: i32, max: i32, title: &str, message: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(min, max))
        .set_input_title(title)?
        .set_input_message(message)?
        .set_error_title("Angka di luar batas")?
        .set_error_message(format!("{title}: bilangan bulat {min} sampai {max}."))
}

const ROLES: [Peran; 4] = [Peran::Ketua, Peran::Sekretaris, Peran::Anggota, Peran::Fasilitator];

fn peran_validation() -> Result<DataValidation, XlsxError> {
    let roles: Vec<&str> = ROLES.iter().map(|p| p.label()).collect();
    DataValidation::new()
        .allow_list_strings(&roles)?
        .set_input_title("Peran dalam kelompok")?
        .set_input_message(
            "Ketua, Sekretaris (notulis), Anggota, atau Fasilitator (pendamping; tidak dihitung \
             sebagai anggota).",
        )?
        .set_error_title("Peran tidak dikenal")?
        .set_error_message(format!("Pilih salah satu: {}.", roles.join(", ")))
}

/// `1. Menetapkan tema dan sasaran`, …: what the `Langkah` dropdown offers.
pub(super) fn step_options() -> Vec<String> {
    STEPS.iter().enumerate().map(|(i, name)| format!("{}. {name}", i + 1)).collect()
}

/// A warning only: a step typed as its number (`3`) is read as well.
fn langkah_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(&step_options())?
        .set_input_title("Langkah KBK")?
        .set_input_message(
            "Langkah yang dibahas dalam pertemuan ini. Pilih dari daftar; angka 1 sampai 8 juga dibaca.",
        )?
        .set_error_title("Langkah tidak dikenal")?
        .set_error_message(
            "Pilih salah satu dari delapan langkah, atau ketik angka 1 sampai 8. Tetap simpan isian ini?",
        )
        .map(|v| v.set_error_style(DataValidationErrorStyle::Warning))
}
