//! Unit tests of the template rules: safe file names, the NIP's cached grouping, the signer
//! per unit type, days off, and validations within Excel's limits.

use chrono::NaiveDate;

use super::cells::{minutes_validation, nip_validation, status_validation, time_validation};
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
    assert!(time_validation().is_ok());
}

/// `--layout jam`: `No | NIP | Nama | Tanggal | Jam Masuk | Jam Pulang | Keterangan`, the
/// roster's staff × the working days of the unit's schedule (a Saturday where the schedule
/// adds one, holidays left out), time cells `hh:mm`, then spare blocks.
#[test]
fn jam_template_lists_staff_by_working_day_with_time_cells() {
    use std::io::{Cursor, Read};

    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

    use super::{Spec, Staff, build};

    let toml =
        "[[jadwal.unit]]\nnama = \"Puskesmas\"\njenis = \"Puskesmas\"\nhari = { sabtu = \"07:30-12:00\" }\n";
    let settings = Settings::parse(toml, "x.toml").unwrap();
    let staff = [
        Staff { nip: Some("198503152010011002".into()), nama: "Siti Aminah".into() },
        Staff { nip: None, nama: "Budi".into() },
    ];
    let month = YearMonth::new(2026, 11).unwrap();
    // November 2026: 21 weekdays (2–6, 9–13, 16–20, 23–27, 30), plus 4 Saturdays at a puskesmas.
    for (kode, days) in [("DISHUB", 21u32), ("PKM-WATES", 25)] {
        let unit = settings.unit_by_code(kode).unwrap();
        let spec = Spec { kind: Kind::Jam, month, unit, staff: &staff, settings: &settings };
        let bytes = build(&spec).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
        let range = book.worksheet_range("Kehadiran").unwrap();
        let text = |r: u32, c: u32| range.get_value((r, c)).map(|d| d.to_string()).unwrap_or_default();
        let header: Vec<String> = (0..7).map(|c| text(6, c)).collect();
        assert_eq!(header, ["No", "NIP", "Nama", "Tanggal", "Jam Masuk", "Jam Pulang", "Keterangan"]);
        // Staff blocks: NIP and name on every row (typed, then cached), a date per working day.
        let first = 7;
        assert_eq!(text(first, 1), "198503152010011002");
        assert_eq!(text(first + days - 1, 1), "19850315 201001 1 002");
        assert_eq!(text(first + days, 2), "Budi");
        assert_eq!(text(first + 2 * days - 1, 2), "Budi");
        let date = |r: u32| match range.get_value((r, 3)) {
            Some(Data::DateTime(x)) => x.as_f64() as i64,
            other => panic!("row {r}: {other:?}"),
        };
        let d = |day| excel_serial(NaiveDate::from_ymd_opt(2026, 11, day).unwrap());
        assert_eq!((date(first), date(first + days - 1)), (d(2), d(30)));
        let saturday = (first..first + days).any(|r| date(r) == d(7));
        assert_eq!(saturday, kode == "PKM-WATES", "{kode}");
        // Two spare blocks follow, blank until a person is typed.
        assert_eq!(text(first + 2 * days, 0), "3");
        assert_eq!(text(first + 2 * days, 1), "");
        assert_eq!(text(first + 2 * days + 1, 3), "");
        // The time cells carry an `hh:mm` format and a time validation.
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut part = |name: &str| {
            let mut s = String::new();
            zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
            s
        };
        assert!(part("xl/styles.xml").contains("formatCode=\"hh:mm\""));
        assert!(part("xl/worksheets/sheet1.xml").contains("type=\"time\""));
    }
}
