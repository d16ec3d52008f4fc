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

// ------------------------------------------------------------------ the KBK workbook (SPEC §11.3)

mod kbk {
    use std::collections::HashMap;
    use std::io::{Cursor, Read};

    use calamine::{Data, Reader, SheetVisible, Xlsx, open_workbook_from_rs};

    use super::super::{Kind, Spec, Staff, build};
    use crate::ground::kbk::LANGKAH;
    use crate::ground::model::YearMonth;
    use crate::ground::settings::Settings;

    const DATA_SHEETS: [&str; 6] = ["Kelompok", "Anggota", "Pertemuan", "Daftar Hadir", "Langkah", "Hasil"];

    fn staff() -> Vec<Staff> {
        vec![
            Staff { nip: Some("198503152010011002".into()), nama: "Siti Aminah".into() },
            // Input text that looks like a formula stays text.
            Staff { nip: None, nama: "=HYPERLINK(\"http://x\")".into() },
        ]
    }

    /// The KBK workbook of DISHUB for November 2026.
    fn book(staff: &[Staff]) -> Vec<u8> {
        let settings = Settings::embedded().unwrap();
        let unit = settings.unit_by_code("DISHUB").unwrap();
        let month = YearMonth::new(2026, 11).unwrap();
        build(&Spec { kind: Kind::Kbk, month, unit, staff, settings: &settings }).unwrap()
    }

    /// One sheet's cells as text, by (row, col), 0-based.
    fn cells(bytes: &[u8], sheet: &str) -> HashMap<(u32, u32), String> {
        let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
        let range = wb.worksheet_range(sheet).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        range
            .used_cells()
            .filter(|(_, _, d)| !matches!(d, Data::Empty))
            .map(|(r, c, d)| ((r0 + r as u32, c0 + c as u32), d.to_string()))
            .filter(|(_, t)| !t.is_empty())
            .collect()
    }

    fn row(cells: &HashMap<(u32, u32), String>, r: u32, cols: u32) -> Vec<String> {
        (0..cols).map(|c| cells.get(&(r, c)).cloned().unwrap_or_default()).collect()
    }

    /// An XML part of the workbook.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    /// The XML of data sheet `name` (sheets are numbered in workbook order).
    fn sheet_xml(bytes: &[u8], name: &str) -> String {
        let i = DATA_SHEETS.iter().position(|s| *s == name).unwrap() + 1;
        part(bytes, &format!("xl/worksheets/sheet{i}.xml"))
    }

    /// The pieces of `xml` that start with `open`, each up to the next one.
    fn elements(xml: &str, open: &str) -> Vec<String> {
        xml.split(open).skip(1).map(|s| format!("{open}{s}")).collect()
    }

    fn attr(element: &str, name: &str) -> Option<String> {
        let key = format!(" {name}=\"");
        let start = element.find(&key)? + key.len();
        let len = element[start..].find('"')?;
        Some(element[start..start + len].to_string())
    }

    /// The `<dataValidation>` on exactly `sqref`.
    fn validation(xml: &str, sqref: &str) -> String {
        let all = elements(xml, "<dataValidation ");
        let wanted = format!("sqref=\"{sqref}\"");
        all.iter()
            .find(|v| v.contains(&wanted))
            .cloned()
            .unwrap_or_else(|| panic!("no validation on {sqref}"))
    }

    /// The `<c r="…">` element of a cell.
    fn cell<'a>(xml: &'a str, reference: &str) -> &'a str {
        let start =
            xml.find(&format!("<c r=\"{reference}\"")).unwrap_or_else(|| panic!("no cell {reference}"));
        let rest = &xml[start..];
        let end = match (rest.find("/>"), rest.find('>')) {
            (Some(a), Some(b)) if a + 1 == b => a + 2,
            _ => rest.find("</c>").map(|e| e + 4).unwrap_or(rest.len()),
        };
        &rest[..end]
    }

    /// Whether a cell's format keeps it locked.
    fn locked(bytes: &[u8], xml: &str, reference: &str) -> bool {
        let styles = part(bytes, "xl/styles.xml");
        let index: usize = attr(cell(xml, reference), "s").map(|s| s.parse().unwrap()).unwrap_or(0);
        let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
        !elements(xfs, "<xf ")[index].contains("locked=\"0\"")
    }

    #[test]
    fn sheets_in_order_with_the_roster_list_hidden_last() {
        let bytes = book(&staff());
        let wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
        let sheets: Vec<(String, bool)> = wb
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
            .collect();
        let mut expected: Vec<(String, bool)> = DATA_SHEETS.iter().map(|s| (s.to_string(), true)).collect();
        expected.push(("Petunjuk".into(), true));
        expected.push(("_pegawai".into(), false));
        assert_eq!(sheets, expected);
        // Without a roster there is nothing to list.
        let wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(book(&[]))).unwrap();
        assert_eq!(wb.sheet_names().last().map(String::as_str), Some("Petunjuk"));
    }

    #[test]
    fn header_rows_are_exactly_what_the_readers_recognise() {
        let bytes = book(&staff());
        let headers: [(&str, &[&str]); 5] = [
            (
                "Kelompok",
                &[
                    "Nama Kelompok",
                    "Nomor SK",
                    "Tanggal SK",
                    "Fasilitator",
                    "Tema",
                    "Indikator",
                    "Satuan",
                    "Nilai Awal",
                    "Target",
                    "Tanggal Mulai",
                    "Rencana Selesai",
                ],
            ),
            ("Anggota", &["Nama Kelompok", "NIP", "Nama", "Peran"]),
            (
                "Pertemuan",
                &[
                    "Nama Kelompok",
                    "Pertemuan ke-",
                    "Tanggal",
                    "Durasi (menit)",
                    "Langkah",
                    "Agenda",
                    "Hasil",
                ],
            ),
            (
                "Langkah",
                &[
                    "Nama Kelompok",
                    "Langkah",
                    "Nama Langkah",
                    "Rencana Mulai",
                    "Rencana Selesai",
                    "Realisasi Mulai",
                    "Realisasi Selesai",
                    "Keterangan",
                ],
            ),
            ("Hasil", &["Nama Kelompok", "Tanggal", "Nilai", "Manfaat"]),
        ];
        for (sheet, labels) in headers {
            let cells = cells(&bytes, sheet);
            // Row 6 (0-based 5), nothing to its right.
            assert_eq!(row(&cells, 5, labels.len() as u32 + 1), [labels, &[""][..]].concat(), "{sheet}");
        }
        // Daftar Hadir: `No | Nama Kelompok | NIP | Nama | 1 … 30` on row 8, the weekday
        // initials below the days (1 November 2026 is a Sunday: Minggu).
        let cells = cells(&bytes, "Daftar Hadir");
        let mut labels: Vec<String> = ["No", "Nama Kelompok", "NIP", "Nama"].map(String::from).to_vec();
        labels.extend((1..=30).map(|d| d.to_string()));
        labels.push(String::new());
        assert_eq!(row(&cells, 7, 35), labels);
        assert_eq!(row(&cells, 8, 11)[4..], ["M", "S", "S", "R", "K", "J", "S"]);
    }

    #[test]
    fn every_data_sheet_names_the_unit_by_its_code() {
        let bytes = book(&staff());
        for sheet in DATA_SHEETS {
            let cells = cells(&bytes, sheet);
            assert_eq!(cells.get(&(3, 0)).map(String::as_str), Some("Unit Kerja : DISHUB"), "{sheet}");
            assert!(cells[&(2, 0)].ends_with("— DINAS PERHUBUNGAN"), "{sheet}: {}", cells[&(2, 0)]);
        }
        let cells = cells(&bytes, "Daftar Hadir");
        assert_eq!(cells[&(4, 0)], "Bulan : November 2026");
        assert_eq!(cells[&(5, 0)], "Kegiatan : KBK");
    }

    #[test]
    fn langkah_is_prefilled_with_the_eight_steps_per_group() {
        let bytes = book(&[]);
        let cells = cells(&bytes, "Langkah");
        // Five blocks of eight rows from row 7 (0-based 6); only the steps are written.
        for i in 0..40u32 {
            let r = 6 + i;
            let step = (i % 8) as usize;
            assert_eq!(row(&cells, r, 4), ["", &(step + 1).to_string(), LANGKAH[step], ""], "row {r}");
        }
        assert_eq!(row(&cells, 46, 3), ["", "", ""], "nothing below the blocks");
        // The group name is typed on step 1; the block's other rows repeat it.
        let xml = sheet_xml(&bytes, "Langkah");
        assert!(!cell(&xml, "A7").contains("<f>"));
        assert!(cell(&xml, "A8").contains("<f>IF($A$7=\"\",\"\",$A$7)</f>"), "{}", cell(&xml, "A8"));
        assert!(cell(&xml, "A14").contains("$A$7"));
        assert!(!cell(&xml, "A15").contains("<f>"), "block 2 starts on row 15");
        assert!(cell(&xml, "A16").contains("$A$15"));
        assert!(locked(&bytes, &xml, "B7") && locked(&bytes, &xml, "C7"), "prefilled steps are locked");
        assert!(!locked(&bytes, &xml, "A8") && !locked(&bytes, &xml, "D7"), "inputs are open");
        // A page break after the third block keeps every block on one page.
        assert!(xml.contains("<rowBreaks count=\"1\""), "page break");
        assert!(xml.contains("<brk id=\"30\""), "before row 31 (block 4)");
    }

    #[test]
    fn validations_guide_every_input() {
        let bytes = book(&staff());
        let groups = "<formula1>Kelompok!$A$7:$A$11</formula1>";
        let roster = "<formula1>'_pegawai'!$A$1:$A$2</formula1>";
        let xml = sheet_xml(&bytes, "Kelompok");
        for sqref in ["C7:C11", "J7:J11", "K7:K11"] {
            let v = validation(&xml, sqref);
            assert!(v.contains("type=\"date\"") && v.contains("errorStyle=\"warning\""), "{v}");
        }
        for sqref in ["H7:H11", "I7:I11"] {
            let v = validation(&xml, sqref);
            assert!(v.contains("type=\"decimal\"") && v.contains("operator=\"greaterThanOrEqual\""), "{v}");
        }
        assert!(validation(&xml, "D7:D11").contains(roster), "fasilitator from the roster");

        let xml = sheet_xml(&bytes, "Anggota");
        assert!(validation(&xml, "A7:A46").contains(groups));
        assert!(validation(&xml, "B7:B46").contains("type=\"textLength\""));
        let nama = validation(&xml, "C7:C46");
        assert!(nama.contains(roster) && nama.contains("errorStyle=\"warning\""), "{nama}");
        let peran = validation(&xml, "D7:D46");
        assert!(peran.contains("<formula1>\"Ketua,Sekretaris,Anggota,Fasilitator\"</formula1>"), "{peran}");

        let xml = sheet_xml(&bytes, "Pertemuan");
        assert!(validation(&xml, "A7:A36").contains(groups));
        let ke = validation(&xml, "B7:B36");
        assert!(ke.contains("type=\"whole\"") && ke.contains("<formula2>99</formula2>"), "{ke}");
        assert!(validation(&xml, "C7:C36").contains("type=\"date\""));
        let durasi = validation(&xml, "D7:D36");
        assert!(durasi.contains("<formula1>1</formula1><formula2>480</formula2>"), "{durasi}");
        let langkah = validation(&xml, "E7:E36");
        assert!(
            langkah.contains("\"1. Menetapkan tema dan sasaran,2. Menetapkan faktor penyebab,"),
            "{langkah}"
        );
        assert!(langkah.contains("8. Menetapkan tema berikutnya\""), "{langkah}");

        // Daftar Hadir: the status codes on every member × day, 40 rows from row 10.
        let xml = sheet_xml(&bytes, "Daftar Hadir");
        let codes = validation(&xml, "E10:AH49");
        assert!(codes.contains("\"H,TL,PSW,DL,DD,S,I,C,TK,L,TB\""), "{codes}");
        assert!(validation(&xml, "C10:C49").contains("type=\"textLength\""));

        let xml = sheet_xml(&bytes, "Langkah");
        assert!(validation(&xml, "A7:A46").contains(groups));
        for col in ["D", "E", "F", "G"] {
            assert!(validation(&xml, &format!("{col}7:{col}46")).contains("type=\"date\""), "{col}");
        }
        let xml = sheet_xml(&bytes, "Hasil");
        assert!(validation(&xml, "A7:A26").contains(groups));
        assert!(validation(&xml, "B7:B26").contains("type=\"date\""));
        assert!(validation(&xml, "C7:C26").contains("type=\"decimal\""));
    }

    #[test]
    fn sheets_are_protected_with_headers_locked_and_inputs_open() {
        let bytes = book(&staff());
        for sheet in DATA_SHEETS {
            let xml = sheet_xml(&bytes, sheet);
            let protection = &xml[xml.find("<sheetProtection").unwrap_or_else(|| panic!("{sheet}"))..];
            assert!(!protection[..protection.find("/>").unwrap()].contains("password"), "{sheet}");
            let (header, input) = if sheet == "Daftar Hadir" { ("B8", "E10") } else { ("A6", "A7") };
            assert!(locked(&bytes, &xml, "A4"), "{sheet}: the unit row");
            assert!(locked(&bytes, &xml, header), "{sheet}: {header}");
            assert!(!locked(&bytes, &xml, input), "{sheet}: {input}");
        }
        // The NIP columns keep all 18 digits: Text format.
        for (sheet, nip) in [("Anggota", "B7"), ("Daftar Hadir", "C10")] {
            let xml = sheet_xml(&bytes, sheet);
            let styles = part(&bytes, "xl/styles.xml");
            let index: usize = attr(cell(&xml, nip), "s").unwrap().parse().unwrap();
            let xfs = &styles[styles.find("<cellXfs").unwrap()..];
            assert!(elements(xfs, "<xf ")[index].contains("numFmtId=\"49\""), "{sheet} {nip}");
        }
        // Frozen below the header: right of Nama Kelompok, or of Nama on the attendance sheet.
        assert!(sheet_xml(&bytes, "Anggota").contains("xSplit=\"1\" ySplit=\"6\""));
        assert!(sheet_xml(&bytes, "Daftar Hadir").contains("xSplit=\"4\" ySplit=\"9\""));
    }

    #[test]
    fn roster_names_are_text_and_the_nip_is_looked_up_from_the_name() {
        let bytes = book(&staff());
        let list = part(&bytes, "xl/worksheets/sheet8.xml");
        assert!(cell(&list, "A2").contains("t=\"s\"") && !list.contains("<f>"), "names as text: {list}");
        let strings = part(&bytes, "xl/sharedStrings.xml");
        assert!(strings.contains("<t>=HYPERLINK(\"http://x\")</t>"), "{strings}");
        let xml = sheet_xml(&bytes, "Anggota");
        let nip = cell(&xml, "B7");
        assert!(
            nip.contains("MATCH(C7,'_pegawai'!$A:$A,0)") && nip.contains("INDEX('_pegawai'!$B:$B"),
            "{nip}"
        );
        // Without a roster the NIP is typed and the name is free text.
        let bytes = book(&[]);
        let xml = sheet_xml(&bytes, "Anggota");
        assert!(!cell(&xml, "B7").contains("<f>"));
        assert!(!xml.contains("sqref=\"C7:C46\""), "no name dropdown without a roster");
    }

    #[test]
    fn attendance_rows_repeat_the_members_but_not_the_fasilitator() {
        let bytes = book(&staff());
        let xml = sheet_xml(&bytes, "Daftar Hadir");
        // Row 10 repeats Anggota row 7; blank while it names nobody or the fasilitator.
        let kelompok = cell(&xml, "B10");
        assert!(kelompok.contains("INDEX(Anggota!$A:$A,7)&amp;\"\""), "{kelompok}");
        assert!(kelompok.contains("INDEX(Anggota!$D:$D,7)=\"Fasilitator\""), "{kelompok}");
        assert!(cell(&xml, "D49").contains("INDEX(Anggota!$C:$C,46)"), "the last row mirrors Anggota row 46");
        assert!(!kelompok.contains("<v>0</v>"), "an empty cached result, not 0");
        // Days off shaded, but not prefilled: only meeting days are filled in.
        let cells = cells(&bytes, "Daftar Hadir");
        assert!((9..49).all(|r| (4..34).all(|c| !cells.contains_key(&(r, c)))), "no code prefilled");
        let styles = part(&bytes, "xl/styles.xml");
        let fill_of = |reference: &str| {
            let index: usize = attr(cell(&xml, reference), "s").unwrap().parse().unwrap();
            let xfs = &styles[styles.find("<cellXfs").unwrap()..];
            let id: usize = attr(&elements(xfs, "<xf ")[index], "fillId").unwrap().parse().unwrap();
            let fills = &styles[styles.find("<fills").unwrap()..];
            elements(fills, "<fill>")[id].contains("FFD9D9D9")
        };
        assert!(fill_of("E10"), "1 November is a Sunday");
        assert!(!fill_of("F10"), "2 November is a Monday");
    }
}
