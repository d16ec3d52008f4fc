//! The staff's workbook (SPEC §5.1, §11.3): the sheets in a fixed order, one module each, every
//! figure stored as a number (rates and capaian as fractions with a percent format, scores
//! with one decimal) so staff can sort, filter and chart it. Pure: a `MonthReport` in, XLSX
//! bytes out. This module assembles the workbook and holds the cell model the sheets share.

mod belum_melapor;
mod berkas;
mod conditional;
mod jenis_unit;
mod kbk;
mod kbk_langkah;
mod kbk_unit;
mod kegiatan;
mod masalah;
mod pegawai;
mod ringkasan;
mod table;
#[cfg(test)]
mod tests;
mod tren;
mod unit;

use rust_xlsxwriter::{
    ColNum, Color, DocProperties, Format, FormatAlign, FormatBorder, RowNum, Workbook, Worksheet, XlsxError,
};

use crate::ground::text;
use crate::metrics::figures::{Attendance, ClockSums, MonthReport};

/// Writes one sheet of the report into a fresh worksheet.
type SheetWriter = fn(&mut Worksheet, &Styles, &MonthReport) -> Result<(), XlsxError>;

/// When a sheet is part of the workbook.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Written {
    Always,
    /// Only when KBK data exist for the report year (SPEC §11.3).
    WithKbkData,
}

impl Written {
    fn applies(self, report: &MonthReport) -> bool {
        self == Written::Always || report.kbk.ada_data
    }
}

/// The sheets in the order of SPEC §5.1, with the KBK sheets of §11.3 after `Kegiatan`
/// (`KBK Unit` always: without KBK data it lists every unit as without a group).
/// Ringkasan's charts point into the others, and rust_xlsxwriter resolves those references
/// when saving.
const SHEETS: [(SheetWriter, Written); 12] = [
    (ringkasan::write, Written::Always),
    (unit::write, Written::Always),
    (jenis_unit::write, Written::Always),
    (pegawai::write, Written::Always),
    (kegiatan::write, Written::Always),
    (kbk::write, Written::WithKbkData),
    (kbk_langkah::write, Written::WithKbkData),
    (kbk_unit::write, Written::Always),
    (tren::write, Written::Always),
    (belum_melapor::write, Written::Always),
    (berkas::write, Written::Always),
    (masalah::write, Written::Always),
];

/// Renders the report as an XLSX workbook.
pub fn render(report: &MonthReport) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(report));
    for (write, written) in SHEETS {
        if written.applies(report) {
            write(workbook.add_worksheet(), &styles, report)?;
        }
    }

    // Deflate level 3 (zlib's fast strategy) instead of the default 6 (its slower lazy
    // matching): files ~9 % larger (the sample's October: 69 KB instead of 63 KB) for less
    // compression time; twelve months are written per cold run.
    workbook.set_zip_compression_level(3);
    workbook.save_to_buffer()
}

/// The title of the workbook and of its first sheet (the PDF's title, with the period).
fn report_title(report: &MonthReport) -> String {
    format!("Laporan Bulanan Budaya Kerja dan Kinerja Aparatur — {}", text::periode(report.month))
}

fn properties(report: &MonthReport) -> DocProperties {
    let lh = &report.letterhead;
    DocProperties::new()
        .set_title(report_title(report))
        .set_subject("Rekap kehadiran dan penilaian kinerja per unit kerja")
        .set_author(lh.bagian.as_str())
        .set_company(lh.pemerintah.as_str())
        // The generation time, not the wall clock, so a re-render gives the same file.
        .set_creation_datetime(&report.generated_at)
}

/// How a column's values are stored and shown.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Kind {
    /// Short text (codes, names): fitted width, wrapped beyond the maximum.
    Text,
    /// Messages and remarks: a wide wrapped column.
    LongText,
    /// A file path: wide enough that `2026-11/Kehadiran_…_2026-11.xlsx` fits on one line
    /// (a path has no spaces to wrap at).
    Path,
    /// A NIP: text with the Text number format, so an edit by staff stays text.
    Nip,
    /// `#,##0`.
    Count,
    /// A fraction shown as `0.0%`.
    Rate,
    /// Points with one decimal.
    Score,
    /// A signed change in (percentage) points.
    Change,
    /// A ranking position.
    Rank,
}

impl Kind {
    const ALL: [Kind; 9] = [
        Kind::Text,
        Kind::LongText,
        Kind::Path,
        Kind::Nip,
        Kind::Count,
        Kind::Rate,
        Kind::Score,
        Kind::Change,
        Kind::Rank,
    ];

    fn num_format(self) -> &'static str {
        match self {
            Kind::Text | Kind::LongText | Kind::Path => "General",
            Kind::Nip => "@",
            Kind::Count => "#,##0",
            Kind::Rate => "0.0%",
            Kind::Score => "0.0",
            Kind::Change => "+0.0;-0.0;0.0",
            Kind::Rank => "0",
        }
    }

    /// Column width limits in characters: long text gets room to wrap, numbers stay narrow.
    fn width_limits(self) -> (usize, usize) {
        match self {
            Kind::Text => (6, 40),
            Kind::LongText => (30, 60),
            Kind::Path => (12, 58),
            Kind::Nip => (20, 22),
            Kind::Count | Kind::Rank => (6, 14),
            Kind::Rate | Kind::Score | Kind::Change => (8, 14),
        }
    }
}

/// One column of a table: its header label and its kind.
#[derive(Copy, Clone)]
struct Column(&'static str, Kind);

/// One cell value, before formatting.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
    Blank,
}

/// One data row; `bold` marks total rows.
struct Row {
    values: Vec<Value>,
    bold: bool,
}

impl Row {
    fn plain(values: Vec<Value>) -> Self {
        Self { values, bold: false }
    }
}

/// Text from the input or the report: always a string cell, never a formula.
fn string(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn count(n: u64) -> Value {
    Value::Number(n as f64)
}

fn number(x: Option<f64>) -> Value {
    match x {
        Some(v) if v.is_finite() => Value::Number(v),
        _ => Value::Blank,
    }
}

/// Capaian is kept in points by `metrics`; the workbook stores every rate as a fraction.
fn points_as_fraction(points: Option<f64>) -> Value {
    number(points.map(|p| p / 100.0))
}

fn rank(r: Option<u32>) -> Value {
    number(r.map(f64::from))
}

/// The position of the column labelled `label`. The labels are constants, so a miss is a
/// typo: it yields an out-of-range column that makes rendering fail in every test.
fn col(columns: &[Column], label: &str) -> ColNum {
    columns.iter().position(|c| c.0 == label).and_then(|i| ColNum::try_from(i).ok()).unwrap_or(ColNum::MAX)
}

/// The rows of data a table occupies (0-based, inclusive); an empty table has none (`None`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
struct DataRows {
    first: RowNum,
    last: RowNum,
}

/// The pre-built cell formats, so each cell reuses one of a handful of formats.
struct Styles {
    title: Format,
    subtitle: Format,
    /// The title of a small table below a sheet's main table.
    section: Format,
    header: Format,
    label: Format,
    /// Indexed by `Kind::ALL` position, then plain / bold.
    cells: Vec<[Format; 2]>,
}

impl Styles {
    fn new() -> Self {
        let border = Color::RGB(0xBFBFBF);
        let base =
            Format::new().set_border(FormatBorder::Thin).set_border_color(border).set_align(FormatAlign::Top);
        let cells = Kind::ALL
            .iter()
            .map(|&kind| {
                let mut f = base.clone().set_num_format(kind.num_format());
                if matches!(kind, Kind::Text | Kind::LongText) {
                    // Long names wrap inside their column instead of spilling over.
                    f = f.set_text_wrap();
                }
                [f.clone(), f.set_bold()]
            })
            .collect();
        Self {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_italic().set_font_color(Color::RGB(0x595959)),
            section: Format::new().set_bold().set_font_size(12),
            header: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xDDEBF7)),
            label: base,
            cells,
        }
    }

    fn cell(&self, kind: Kind, bold: bool) -> &Format {
        let i = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        &self.cells[i][usize::from(bold)]
    }

    /// The cell format of `kind` on a coloured ground: `(fill, font)` as RGB.
    fn tinted(&self, kind: Kind, bold: bool, (fill, font): (u32, u32)) -> Format {
        self.cell(kind, bold).clone().set_background_color(Color::RGB(fill)).set_font_color(Color::RGB(font))
    }
}

/// The attendance columns `Hari Kerja` … `Tingkat Kehadiran`, in the order
/// `attendance_values` fills them; `Unit`, `Jenis Unit` and `Pegawai` place them after their
/// own first columns, with clock-time columns after `Menit Terlambat` (`MINUTES_AT`).
const ATTENDANCE_COLUMNS: [Column; 8] = [
    Column("Hari Kerja", Kind::Count),
    Column("Hadir", Kind::Count),
    Column("Sakit", Kind::Count),
    Column("Izin", Kind::Count),
    Column("Cuti", Kind::Count),
    Column("Tanpa Keterangan", Kind::Count),
    Column("Menit Terlambat", Kind::Count),
    Column("Tingkat Kehadiran", Kind::Rate),
];

/// Where the clock-time columns go in `ATTENDANCE_COLUMNS`: right after `Menit Terlambat`.
const MINUTES_AT: usize = 7;

/// The clock-time columns of SPEC §3.9 "Output", in the order `clock_values` fills them.
const CLOCK_COLUMNS: [Column; 10] = [
    Column("Menit Pulang Cepat", Kind::Count),
    Column("TL1", Kind::Count),
    Column("TL2", Kind::Count),
    Column("TL3", Kind::Count),
    Column("TL4", Kind::Count),
    Column("PSW1", Kind::Count),
    Column("PSW2", Kind::Count),
    Column("PSW3", Kind::Count),
    Column("PSW4", Kind::Count),
    Column("Tepat Waktu", Kind::Rate),
];

/// `Pegawai` and `Unit` carry every clock-time column.
const CLOCK_ALL: &[Column] = &CLOCK_COLUMNS;
/// `Jenis Unit` carries only `Menit Pulang Cepat`.
const CLOCK_MINUTES: &[Column] = CLOCK_COLUMNS.split_at(1).0;

/// A sheet's columns: `before`, the attendance columns with `clock` after `Menit Terlambat`,
/// then `after`. `N` is their total, checked when the crate is built.
const fn with_attendance<const A: usize, const B: usize, const N: usize>(
    before: [Column; A],
    clock: &[Column],
    after: [Column; B],
) -> [Column; N] {
    let (att, c) = (ATTENDANCE_COLUMNS.len(), clock.len());
    assert!(A + att + c + B == N, "N must be the number of columns");
    let mut out = [Column("", Kind::Text); N];
    let mut i = 0;
    while i < N {
        out[i] = if i < A {
            before[i]
        } else if i < A + MINUTES_AT {
            ATTENDANCE_COLUMNS[i - A]
        } else if i < A + MINUTES_AT + c {
            clock[i - A - MINUTES_AT]
        } else if i < A + att + c {
            ATTENDANCE_COLUMNS[i - A - c]
        } else {
            after[i - A - att - c]
        };
        i += 1;
    }
    out
}

/// The values of the attendance columns with the first `clock` clock-time columns, in the
/// order of `with_attendance`.
fn attendance_values(att: &Attendance, clock: &[Column]) -> Vec<Value> {
    let mut v = vec![
        count(att.hari_kerja),
        count(att.hadir),
        count(att.sakit),
        count(att.izin),
        count(att.cuti),
        count(att.tk),
        count(att.menit_terlambat),
    ];
    v.extend(clock_values(&att.jam).into_iter().take(clock.len()));
    v.push(number(att.tingkat_kehadiran()));
    v
}

/// The values of `CLOCK_COLUMNS`; `Tepat Waktu` is blank without days judged by the clock.
fn clock_values(jam: &ClockSums) -> [Value; 10] {
    let [tl1, tl2, tl3, tl4] = jam.tl.map(count);
    let [psw1, psw2, psw3, psw4] = jam.psw.map(count);
    [count(jam.menit_pulang_cepat), tl1, tl2, tl3, tl4, psw1, psw2, psw3, psw4, number(jam.tepat_waktu())]
}
