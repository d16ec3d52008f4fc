//! Unit tests of the template rules: safe file names, the NIP's cached grouping, the signer
//! per unit type, days off, and validations within Excel's limits.

use chrono::NaiveDate;

use super::cells::{minutes_validation, nip_validation, status_validation};
use super::days::{excel_serial, is_day_off, weekday_initial};
use super::frame::signer_title;
use super::long::grouped_nip;
use super::{Kind, file_name, safe_code};
use crate::ground::model::YearMonth;
use crate::ground::settings::{Settings, Unit};

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
