//! The staff's workbook (SPEC §5.1): nine sheets in a fixed order, every figure stored as a
//! number (rates and capaian as fractions with a percent format, scores with one decimal) so
//! staff can sort, filter and chart it. Pure: a `MonthReport` in, XLSX bytes out. Input text
//! is always written as a string (never a formula) and cut at Excel's 32,767-character limit.

use std::borrow::Cow;

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartMarker, ChartType, ColNum, Color, ConditionalFormat3ColorScale,
    ConditionalFormatCell, ConditionalFormatCellRule, ConditionalFormatText, ConditionalFormatTextRule,
    ConditionalFormatType, DocProperties, Format, FormatAlign, FormatBorder, IgnoreError, RowNum, Workbook,
    Worksheet, XlsxError,
};

use crate::ground::text;
use crate::metrics::figures::{
    Attendance, CityFigures, FileRow, KegiatanRow, MonthReport, PersonRow, TypeRow, UnitRow,
};
use Kind::{Count, LongText, Nip, Path, Rank, Rate, Score, Text};

/// Every table has its title in row 1, a blank row 2 and its header in row 3 (0-based 2).
const HEADER_ROW: RowNum = 2;
/// Excel's limit for one cell's text, counted in UTF-16 code units.
const MAX_CELL_TEXT: usize = 32_767;
/// Page numbers in the print footer (`&P` page, `&N` pages).
const FOOTER: &str = "&CHalaman &P dari &N";
/// rust_xlsxwriter's code for A4 paper.
const PAPER_A4: u8 = 9;

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
}

/// Renders the report as an XLSX workbook.
pub fn render(report: &MonthReport) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(report));
    let periode = text::periode(report.month);

    // Sheets are added in the order of SPEC §5.1; Ringkasan's charts point into the
    // others, and rust_xlsxwriter resolves those references when saving.
    ringkasan(workbook.add_worksheet(), &styles, report)?;
    unit_sheet(workbook.add_worksheet(), &styles, &report.units, &periode)?;
    jenis_unit_sheet(workbook.add_worksheet(), &styles, &report.types, &periode)?;
    pegawai_sheet(workbook.add_worksheet(), &styles, &report.persons, &periode)?;
    kegiatan_sheet(workbook.add_worksheet(), &styles, &report.kegiatan, &periode)?;
    tren_sheet(workbook.add_worksheet(), &styles, &report.trend, &periode)?;
    belum_melapor_sheet(workbook.add_worksheet(), &styles, report, &periode)?;
    berkas_sheet(workbook.add_worksheet(), &styles, &report.files, &periode)?;
    masalah_sheet(workbook.add_worksheet(), &styles, report, &periode)?;

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

// ---------------------------------------------------------------------------------------
// The shared table writer
// ---------------------------------------------------------------------------------------

/// Writes one complete table: title, header, rows, widths, frozen header, autofilter and
/// print setup. Returns where the data rows are, for conditional formats and charts.
fn write_table(
    ws: &mut Worksheet,
    styles: &Styles,
    title: &str,
    columns: &[Column],
    rows: impl IntoIterator<Item = Row>,
    freeze_cols: ColNum,
) -> Result<Option<DataRows>, XlsxError> {
    // Widths first: the row heights of wrapped text depend on them.
    let rows: Vec<Row> = rows.into_iter().collect();
    let widths = column_widths(columns, &rows);
    for (col, width) in (0..).zip(&widths) {
        ws.set_column_width(col, *width as f64)?;
    }

    ws.write_string_with_format(0, 0, clip(title), &styles.title)?;
    let data = write_block(ws, styles, HEADER_ROW, columns, &rows, &widths)?;

    let last_row = data.map_or(HEADER_ROW, |d| d.last);
    let last_col = ColNum::try_from(columns.len().saturating_sub(1)).unwrap_or(0);
    ws.set_freeze_panes(HEADER_ROW + 1, freeze_cols)?;
    // An empty table keeps its filter buttons on the header row alone.
    ws.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    print_setup(ws);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    Ok(data)
}

/// A header row at `header` and the rows below it, each cell formatted by its column's kind.
fn write_block(
    ws: &mut Worksheet,
    styles: &Styles,
    header: RowNum,
    columns: &[Column],
    rows: &[Row],
    widths: &[usize],
) -> Result<Option<DataRows>, XlsxError> {
    let labels: Vec<&str> = columns.iter().map(|c| c.0).collect();
    write_header(ws, styles, header, &labels, widths)?;
    let mut last = header;
    for row in rows {
        last += 1;
        for ((col, column), value) in (0..).zip(columns).zip(&row.values) {
            write_value(ws, last, col, value, styles.cell(column.1, row.bold))?;
        }
        fit_row_height(ws, last, columns, widths, &row.values)?;
    }
    Ok((last > header).then_some(DataRows { first: header + 1, last }))
}

/// A bold, filled header row, tall enough for its longest wrapped label.
fn write_header(
    ws: &mut Worksheet,
    styles: &Styles,
    row: RowNum,
    labels: &[&str],
    widths: &[usize],
) -> Result<(), XlsxError> {
    for (col, label) in (0..).zip(labels) {
        ws.write_string_with_format(row, col, *label, &styles.header)?;
    }
    let lines = labels.iter().zip(widths).map(|(label, &w)| wrapped_lines(label, w)).max().unwrap_or(1);
    ws.set_row_height(row, line_height(lines) + 3.0)?;
    Ok(())
}

/// Sets the height of a data row whose text wraps. Spreadsheet programs do not all
/// recompute row heights when opening a file (LibreOffice does not), so without this a
/// wrapped name would be cut off.
fn fit_row_height(
    ws: &mut Worksheet,
    row: RowNum,
    columns: &[Column],
    widths: &[usize],
    values: &[Value],
) -> Result<(), XlsxError> {
    let lines = columns
        .iter()
        .zip(widths)
        .zip(values)
        .filter(|((c, _), _)| matches!(c.1, Kind::Text | Kind::LongText))
        .map(|((_, &w), v)| match v {
            Value::Text(s) => wrapped_lines(s, w),
            _ => 1,
        })
        .max()
        .unwrap_or(1);
    if lines > 1 {
        ws.set_row_height(row, line_height(lines))?;
    }
    Ok(())
}

/// Points for `lines` lines of 11-point text, within Excel's 409-point row limit.
fn line_height(lines: usize) -> f64 {
    (15.0 * lines as f64).min(409.0)
}

fn write_value(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: &Value,
    format: &Format,
) -> Result<(), XlsxError> {
    match value {
        Value::Text(s) => ws.write_string_with_format(row, col, clip(s), format)?,
        Value::Number(x) if x.is_finite() => ws.write_number_with_format(row, col, *x, format)?,
        _ => ws.write_blank(row, col, format)?,
    };
    Ok(())
}

/// A4 landscape, as wide as one page (as many pages down as needed), numbered pages.
fn print_setup(ws: &mut Worksheet) {
    ws.set_landscape().set_paper_size(PAPER_A4).set_print_fit_to_pages(1, 0).set_footer(FOOTER);
}

/// Cuts text to Excel's cell limit (which counts UTF-16 units) instead of failing the report.
fn clip(s: &str) -> Cow<'_, str> {
    if s.len() <= MAX_CELL_TEXT || s.encode_utf16().count() <= MAX_CELL_TEXT {
        return Cow::Borrowed(s);
    }
    let mut units = 0;
    let mut out = String::new();
    for ch in s.chars() {
        units += ch.len_utf16();
        // Keep one unit for the ellipsis that shows the text was cut.
        if units > MAX_CELL_TEXT - 1 {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    Cow::Owned(out)
}

/// The characters a value needs when shown with its column's number format.
fn display_width(value: &Value, kind: Kind) -> usize {
    match value {
        Value::Blank => 0,
        Value::Text(s) => s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        Value::Number(x) => match kind {
            Kind::Rate => format!("{:.1}%", x * 100.0).len(),
            Kind::Score => format!("{x:.1}").len(),
            Kind::Change => format!("{x:+.1}").len(),
            _ if x.abs() < 1e15 => text::angka(x.abs().round() as u64).len() + 1,
            _ => 16,
        },
    }
}

/// Header labels wrap between words, so a column needs only its longest word.
fn longest_word(label: &str) -> usize {
    label.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0)
}

/// Each column's width in characters: its widest value or its header's longest word (the
/// header wraps), plus padding, within the limits of its kind.
fn column_widths(columns: &[Column], rows: &[Row]) -> Vec<usize> {
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let widest =
                rows.iter().filter_map(|r| r.values.get(i)).map(|v| display_width(v, c.1)).max().unwrap_or(0);
            let (min, max) = c.1.width_limits();
            (widest.max(longest_word(c.0)) + 2).clamp(min, max)
        })
        .collect()
}

/// How many lines `s` takes in a wrapped column `width` characters wide. Text letters are
/// narrower than the digit that defines Excel's width unit, hence the 10/9; a word longer
/// than a line is broken, as Excel does.
fn wrapped_lines(s: &str, width: usize) -> usize {
    let per_line = (width * 10 / 9).saturating_sub(1).max(1);
    s.split('\n')
        .map(|line| {
            let mut lines = 1;
            let mut used = 0;
            for word in line.split_whitespace() {
                let len = word.chars().count();
                if used > 0 && used + 1 + len <= per_line {
                    used += len + 1;
                } else {
                    if used > 0 {
                        lines += 1;
                    }
                    lines += (len.saturating_sub(1)) / per_line;
                    used = (len.saturating_sub(1)) % per_line + 1;
                }
            }
            lines
        })
        .sum()
}

// ---------------------------------------------------------------------------------------
// Conditional formats
// ---------------------------------------------------------------------------------------

/// Red below 75%, yellow around 90%, green at 100%: the same bands on every sheet, so a
/// colour means the same thing everywhere (blank cells stay uncoloured).
fn rate_scale(ws: &mut Worksheet, rows: DataRows, col: ColNum) -> Result<(), XlsxError> {
    colour_scale(ws, rows, col, [0.75, 0.9, 1.0])
}

/// Scores coloured by the predikat bands: Kurang and below red, Baik yellow, Sangat Baik green.
fn score_scale(ws: &mut Worksheet, rows: DataRows, col: ColNum) -> Result<(), XlsxError> {
    colour_scale(ws, rows, col, [51.0, 76.0, 91.0])
}

fn colour_scale(
    ws: &mut Worksheet,
    rows: DataRows,
    col: ColNum,
    [low, mid, high]: [f64; 3],
) -> Result<(), XlsxError> {
    let scale = ConditionalFormat3ColorScale::new()
        .set_minimum(ConditionalFormatType::Number, low)
        .set_midpoint(ConditionalFormatType::Number, mid)
        .set_maximum(ConditionalFormatType::Number, high)
        .set_minimum_color(Color::RGB(0xF8696B))
        .set_midpoint_color(Color::RGB(0xFFEB84))
        .set_maximum_color(Color::RGB(0x63BE7B));
    ws.add_conditional_format(rows.first, col, rows.last, col, &scale)?;
    Ok(())
}

/// A fill (and matching font colour) for cells whose text begins with `prefix`.
fn highlight_prefix(
    ws: &mut Worksheet,
    rows: DataRows,
    col: ColNum,
    prefix: &str,
    (fill, font): (u32, u32),
) -> Result<(), XlsxError> {
    let rule = ConditionalFormatText::new()
        .set_rule(ConditionalFormatTextRule::BeginsWith(prefix.to_owned()))
        .set_format(Format::new().set_background_color(Color::RGB(fill)).set_font_color(Color::RGB(font)));
    ws.add_conditional_format(rows.first, col, rows.last, col, &rule)?;
    Ok(())
}

const YELLOW: (u32, u32) = (0xFFEB9C, 0x9C5700);
const ORANGE: (u32, u32) = (0xF8CBAD, 0x833C0B);
const RED: (u32, u32) = (0xFFC7CE, 0x9C0006);

// ---------------------------------------------------------------------------------------
// Ringkasan
// ---------------------------------------------------------------------------------------

/// Column of the charts on `Ringkasan`, right of the three figure columns and a spacer.
const CHART_COL: ColNum = 4;
/// Rows between the tops of two stacked charts (a 300-pixel chart plus a gap).
const CHART_STEP: RowNum = 17;

fn ringkasan(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
    ws.set_name("Ringkasan")?;
    let lh = &report.letterhead;
    ws.write_string_with_format(0, 0, clip(&report_title(report)), &styles.title)?;
    let org = [&lh.pemerintah, &lh.perangkat, &lh.bagian]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" · ");
    ws.write_string_with_format(1, 0, clip(&org), &styles.subtitle)?;

    for (col, width) in (0..).zip(RINGKASAN_WIDTHS) {
        ws.set_column_width(col, width as f64)?;
    }
    let mut row = HEADER_ROW;
    write_header(ws, styles, row, &["Uraian", "Nilai"], &RINGKASAN_WIDTHS)?;
    for (label, value, kind) in key_figures(report) {
        row += 1;
        ws.write_string_with_format(row, 0, label, &styles.label)?;
        write_value(ws, row, 1, &value, styles.cell(kind, false))?;
    }

    row += 2;
    let predikat: Vec<Row> =
        report.city.predikat.iter().map(|(nama, n)| Row::plain(vec![string(nama), count(*n)])).collect();
    let predikat_rows = write_block(ws, styles, row, PREDIKAT_COLUMNS, &predikat, &RINGKASAN_WIDTHS)?;
    row = predikat_rows.map_or(row, |d| d.last) + 2;

    let types: Vec<Row> = report
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| Row {
            values: vec![
                string(&t.jenis),
                number(t.att.tingkat_kehadiran()),
                number(t.rata_rata_nilai_kinerja),
            ],
            bold: i + 1 == report.types.len(),
        })
        .collect();
    let type_rows = write_block(ws, styles, row, TYPE_RATE_COLUMNS, &types, &RINGKASAN_WIDTHS)?;

    ringkasan_charts(ws, report, type_rows, predikat_rows)?;
    print_setup(ws);
    // Key figures and charts belong on one sheet of paper.
    ws.set_print_fit_to_pages(1, 1);
    Ok(())
}

/// Columns A–D of `Ringkasan`: labels, values, a third figure, a spacer before the charts.
const RINGKASAN_WIDTHS: [usize; 4] = [40, 24, 14, 2];

const PREDIKAT_COLUMNS: &[Column] = &[Column("Predikat", Text), Column("Jumlah Pegawai", Count)];

/// The per-type rates the first chart shows; the `Kota` row closes the list for comparison.
const TYPE_RATE_COLUMNS: &[Column] = &[
    Column("Jenis Unit", Text),
    Column("Tingkat Kehadiran", Rate),
    Column("Rata-rata Nilai Kinerja", Score),
];

/// The label/value rows of `Ringkasan` (SPEC §5.1), with the change against last month.
fn key_figures(report: &MonthReport) -> Vec<(&'static str, Value, Kind)> {
    let city = &report.city;
    let prev = report.previous.as_ref();
    let melapor = format!("{} dari {}", text::angka(city.unit_melapor), text::angka(city.unit_total));
    vec![
        ("Periode", Value::Text(text::periode(report.month)), Kind::Text),
        ("Unit melapor", Value::Text(melapor), Kind::Text),
        ("Pegawai tercatat", count(city.pegawai), Kind::Count),
        ("Tingkat kehadiran", number(city.att.tingkat_kehadiran()), Kind::Rate),
        ("Hari tanpa keterangan", count(city.att.tk), Kind::Count),
        ("Menit terlambat", count(city.att.menit_terlambat), Kind::Count),
        ("Pegawai dinilai", count(city.pegawai_dinilai), Kind::Count),
        ("Rata-rata capaian", points_as_fraction(city.rata_rata_capaian), Kind::Rate),
        ("Rata-rata nilai kinerja", number(city.rata_rata_nilai_kinerja), Kind::Score),
        ("Bulan pembanding", previous_label(prev), Kind::Text),
        (
            "Perubahan tingkat kehadiran (poin)",
            change(city, prev, |c| c.att.tingkat_kehadiran().map(|r| r * 100.0)),
            Kind::Change,
        ),
        (
            "Perubahan rata-rata nilai kinerja (poin)",
            change(city, prev, |c| c.rata_rata_nilai_kinerja),
            Kind::Change,
        ),
        ("Dibuat", Value::Text(text::waktu(report.generated_at)), Kind::Text),
    ]
}

fn previous_label(prev: Option<&CityFigures>) -> Value {
    match prev.and_then(|p| p.month) {
        Some(m) => Value::Text(text::periode(m)),
        None => string("-"),
    }
}

/// This month minus last month, or `-` when either side has no figure to compare.
fn change(
    city: &CityFigures,
    prev: Option<&CityFigures>,
    figure: impl Fn(&CityFigures) -> Option<f64>,
) -> Value {
    match (figure(city), prev.and_then(&figure)) {
        (Some(now), Some(before)) => number(Some(now - before)),
        _ => string("-"),
    }
}

fn ringkasan_charts(
    ws: &mut Worksheet,
    report: &MonthReport,
    type_rows: Option<DataRows>,
    predikat_rows: Option<DataRows>,
) -> Result<(), XlsxError> {
    let mut charts = Vec::new();
    if let Some(rows) = type_rows {
        let title = "Tingkat Kehadiran per Jenis Unit";
        let mut chart = chart(ChartType::Column, title, ("Ringkasan", rows, 0, 1), "0.0%");
        // From 0 to 100%: a cut-off axis would make a 2-point gap look like a collapse.
        chart.y_axis().set_min(0).set_max(1).set_num_format("0%");
        charts.push(chart);
    }
    if let Some(rows) = predikat_rows {
        let title = "Sebaran Predikat Kinerja Pegawai";
        charts.push(chart(ChartType::Column, title, ("Ringkasan", rows, 0, 1), "#,##0"));
    }
    if let Some(rows) = table_rows(report.trend.len()) {
        let title = "Tren Tingkat Kehadiran (12 Bulan)";
        let mut chart =
            chart(ChartType::Line, title, ("Tren", rows, 0, col(TREN_COLUMNS, "Tingkat Kehadiran")), "0.0%");
        chart.y_axis().set_num_format("0%");
        charts.push(chart);
    }
    for (i, chart) in (0..).zip(&charts) {
        ws.insert_chart(HEADER_ROW + i * CHART_STEP, CHART_COL, chart)?;
    }
    Ok(())
}

/// The data rows `write_table` gives a table of `len` rows, for charts on other sheets.
fn table_rows(len: usize) -> Option<DataRows> {
    let len = RowNum::try_from(len).ok().filter(|&n| n > 0)?;
    Some(DataRows { first: HEADER_ROW + 1, last: HEADER_ROW + len })
}

/// A one-series chart over `(sheet, rows, category column, value column)`: cells that
/// hold the data, so the chart follows any edit the staff make there.
fn chart(
    kind: ChartType,
    title: &str,
    (sheet, rows, categories, values): (&str, DataRows, ColNum, ColNum),
    value_format: &str,
) -> Chart {
    let mut chart = Chart::new(kind);
    let series = chart
        .add_series()
        .set_categories((sheet, rows.first, categories, rows.last, categories))
        .set_values((sheet, rows.first, values, rows.last, values));
    if matches!(kind, ChartType::Line) {
        // Twelve labels would crowd a line; markers show each month's point.
        series.set_marker(ChartMarker::new().set_automatic());
    } else {
        series.set_data_label(ChartDataLabel::new().show_value().set_num_format(value_format));
    }
    chart.title().set_name(title);
    chart.legend().set_hidden();
    chart.y_axis().set_num_format(value_format);
    chart.set_width(560).set_height(300);
    chart
}

// ---------------------------------------------------------------------------------------
// The table sheets
// ---------------------------------------------------------------------------------------

const UNIT_COLUMNS: &[Column] = &[
    Column("Kode Unit", Text),
    Column("Nama Unit", Text),
    Column("Jenis", Text),
    Column("Status Laporan", Text),
    Column("Pegawai", Count),
    Column("Hari Kerja", Count),
    Column("Hadir", Count),
    Column("Sakit", Count),
    Column("Izin", Count),
    Column("Cuti", Count),
    Column("Tanpa Keterangan", Count),
    Column("Menit Terlambat", Count),
    Column("Tingkat Kehadiran", Rate),
    Column("Pegawai Dinilai", Count),
    Column("Rata-rata Capaian", Rate),
    Column("Rata-rata Nilai Kinerja", Score),
    Column("Peringkat Kehadiran", Rank),
    Column("Peringkat Kinerja", Rank),
];

/// The attendance columns `Hari Kerja` … `Tingkat Kehadiran`, shared by several sheets.
fn attendance_values(att: &Attendance) -> [Value; 8] {
    [
        count(att.hari_kerja),
        count(att.hadir),
        count(att.sakit),
        count(att.izin),
        count(att.cuti),
        count(att.tk),
        count(att.menit_terlambat),
        number(att.tingkat_kehadiran()),
    ]
}

/// Added to `Unit` only when a roster (`Daftar Pegawai`) was given: staff expected, those of
/// them with attendance records this month, and the share.
const COVERAGE_COLUMNS: &[Column] = &[
    Column("Pegawai Terdaftar", Count),
    Column("Pegawai Terdaftar Tercatat", Count),
    Column("Cakupan Daftar Pegawai", Rate),
];

fn unit_row(u: &UnitRow, with_coverage: bool) -> Row {
    let mut v = vec![string(&u.kode), string(&u.nama), string(&u.jenis), string(u.status.label())];
    v.push(count(u.pegawai));
    v.extend(attendance_values(&u.att));
    v.extend([
        count(u.pegawai_dinilai),
        points_as_fraction(u.rata_rata_capaian),
        number(u.rata_rata_nilai_kinerja),
        rank(u.peringkat_kehadiran),
        rank(u.peringkat_kinerja),
    ]);
    if with_coverage {
        match u.cakupan {
            Some(c) => v.extend([count(c.terdaftar), count(c.tercatat), number(c.rate())]),
            None => v.extend([number(None), number(None), number(None)]),
        }
    }
    Row::plain(v)
}

fn unit_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    units: &[UnitRow],
    periode: &str,
) -> Result<(), XlsxError> {
    ws.set_name("Unit")?;
    let title = format!("Rekap per Unit — {periode}");
    let with_coverage = units.iter().any(|u| u.cakupan.is_some());
    let mut columns = UNIT_COLUMNS.to_vec();
    if with_coverage {
        columns.extend_from_slice(COVERAGE_COLUMNS);
    }
    let rows = units.iter().map(|u| unit_row(u, with_coverage));
    if let Some(data) = write_table(ws, styles, &title, &columns, rows, 2)? {
        rate_scale(ws, data, col(&columns, "Tingkat Kehadiran"))?;
        score_scale(ws, data, col(&columns, "Rata-rata Nilai Kinerja"))?;
        if with_coverage {
            rate_scale(ws, data, col(&columns, "Cakupan Daftar Pegawai"))?;
        }
    }
    Ok(())
}

const TYPE_COLUMNS: &[Column] = &[
    Column("Jenis", Text),
    Column("Unit", Count),
    Column("Unit Melapor", Count),
    Column("Pegawai", Count),
    Column("Hari Kerja", Count),
    Column("Hadir", Count),
    Column("Sakit", Count),
    Column("Izin", Count),
    Column("Cuti", Count),
    Column("Tanpa Keterangan", Count),
    Column("Menit Terlambat", Count),
    Column("Tingkat Kehadiran", Rate),
    Column("Pegawai Dinilai", Count),
    Column("Rata-rata Nilai Kinerja", Score),
];

fn type_row(t: &TypeRow, bold: bool) -> Row {
    let mut values = vec![string(&t.jenis), count(t.unit), count(t.unit_melapor), count(t.pegawai)];
    values.extend(attendance_values(&t.att));
    values.extend([count(t.pegawai_dinilai), number(t.rata_rata_nilai_kinerja)]);
    Row { values, bold }
}

fn jenis_unit_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    types: &[TypeRow],
    periode: &str,
) -> Result<(), XlsxError> {
    ws.set_name("Jenis Unit")?;
    let title = format!("Rekap per Jenis Unit — {periode}");
    // The last row is the city total (`Kota`), set in bold like a totals line.
    let rows = types.iter().enumerate().map(|(i, t)| type_row(t, i + 1 == types.len()));
    if let Some(data) = write_table(ws, styles, &title, TYPE_COLUMNS, rows, 1)? {
        rate_scale(ws, data, col(TYPE_COLUMNS, "Tingkat Kehadiran"))?;
        score_scale(ws, data, col(TYPE_COLUMNS, "Rata-rata Nilai Kinerja"))?;
    }
    Ok(())
}

const PERSON_COLUMNS: &[Column] = &[
    Column("NIP", Nip),
    Column("Nama", Text),
    Column("Kode Unit", Text),
    Column("Nama Unit", Text),
    Column("Hari Kerja", Count),
    Column("Hadir", Count),
    Column("Sakit", Count),
    Column("Izin", Count),
    Column("Cuti", Count),
    Column("Tanpa Keterangan", Count),
    Column("Menit Terlambat", Count),
    Column("Tingkat Kehadiran", Rate),
    Column("Capaian", Rate),
    Column("Nilai Perilaku", Score),
    Column("Nilai Kinerja", Score),
    Column("Predikat", Text),
    Column("TK Kumulatif", Count),
    Column("TK Berturut", Count),
    Column("Status Disiplin", Text),
];

fn person_row(p: &PersonRow) -> Row {
    let mut v = vec![string(&p.nip), string(&p.nama), string(&p.kode_unit), string(&p.nama_unit)];
    v.extend(attendance_values(&p.att));
    v.extend([
        points_as_fraction(p.capaian),
        number(p.nilai_perilaku),
        number(p.nilai_kinerja),
        p.predikat.as_deref().map_or(Value::Blank, string),
        count(p.tk_kumulatif),
        count(p.tk_berturut),
        string(&p.status_disiplin),
    ]);
    Row::plain(v)
}

fn pegawai_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    persons: &[PersonRow],
    periode: &str,
) -> Result<(), XlsxError> {
    ws.set_name("Pegawai")?;
    let title = format!("Rekap per Pegawai — {periode}");
    let rows = persons.iter().map(person_row);
    if let Some(data) = write_table(ws, styles, &title, PERSON_COLUMNS, rows, 2)? {
        rate_scale(ws, data, col(PERSON_COLUMNS, "Tingkat Kehadiran"))?;
        score_scale(ws, data, col(PERSON_COLUMNS, "Nilai Kinerja"))?;
        // A NIP is text on purpose: no "number stored as text" warning triangles.
        let nip = col(PERSON_COLUMNS, "NIP");
        ws.ignore_error_range(data.first, nip, data.last, nip, IgnoreError::NumberStoredAsText)?;
        // The tier word opens every label (SPEC §4), so the prefix picks the colour.
        let status = col(PERSON_COLUMNS, "Status Disiplin");
        highlight_prefix(ws, data, status, "Ringan", YELLOW)?;
        highlight_prefix(ws, data, status, "Sedang", ORANGE)?;
        highlight_prefix(ws, data, status, "Berat", RED)?;
    }
    Ok(())
}

const KEGIATAN_COLUMNS: &[Column] = &[
    Column("Kegiatan", Text),
    Column("Kelompok", Text),
    Column("Kode Unit", Text),
    Column("Nama Unit", Text),
    Column("Pertemuan", Count),
    Column("Peserta", Count),
    Column("Catatan", Count),
    Column("Hadir", Count),
    Column("Tingkat Kehadiran", Rate),
];

fn kegiatan_row(k: &KegiatanRow) -> Row {
    Row::plain(vec![
        string(&k.kegiatan),
        string(&k.kelompok),
        string(&k.kode_unit),
        string(&k.nama_unit),
        count(k.pertemuan),
        count(k.peserta),
        count(k.catatan),
        count(k.hadir),
        number(k.tingkat_kehadiran()),
    ])
}

fn kegiatan_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    kegiatan: &[KegiatanRow],
    periode: &str,
) -> Result<(), XlsxError> {
    ws.set_name("Kegiatan")?;
    let title = format!("Partisipasi Kegiatan — {periode}");
    let rows = kegiatan.iter().map(kegiatan_row);
    if let Some(data) = write_table(ws, styles, &title, KEGIATAN_COLUMNS, rows, 1)? {
        rate_scale(ws, data, col(KEGIATAN_COLUMNS, "Tingkat Kehadiran"))?;
    }
    Ok(())
}

const TREN_COLUMNS: &[Column] = &[
    Column("Bulan", Text),
    Column("Unit Melapor", Count),
    Column("Pegawai", Count),
    Column("Tingkat Kehadiran", Rate),
    Column("Rata-rata Nilai Kinerja", Score),
];

fn tren_row(c: &CityFigures) -> Row {
    Row::plain(vec![
        c.month.map_or(Value::Blank, |m| Value::Text(text::periode(m))),
        count(c.unit_melapor),
        count(c.pegawai),
        number(c.att.tingkat_kehadiran()),
        number(c.rata_rata_nilai_kinerja),
    ])
}

fn tren_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    trend: &[CityFigures],
    periode: &str,
) -> Result<(), XlsxError> {
    ws.set_name("Tren")?;
    let title = format!("Tren 12 Bulan s.d. {periode}");
    let rows = trend.iter().map(tren_row);
    // The trend chart on Ringkasan reads columns A and D of these rows (`span`).
    if let Some(data) = write_table(ws, styles, &title, TREN_COLUMNS, rows, 1)? {
        rate_scale(ws, data, col(TREN_COLUMNS, "Tingkat Kehadiran"))?;
    }
    Ok(())
}

const BELUM_COLUMNS: &[Column] = &[
    Column("Kode Unit", Text),
    Column("Nama Unit", Text),
    Column("Jenis", Text),
    Column("Kehadiran", Text),
    Column("Penilaian", Text),
];

fn ada(received: bool) -> Value {
    string(if received { "Ada" } else { "Belum" })
}

fn belum_melapor_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    report: &MonthReport,
    periode: &str,
) -> Result<(), XlsxError> {
    ws.set_name("Belum Melapor")?;
    let title = format!("Unit yang Belum Lengkap Melapor — {periode}");
    let rows = report.belum_melapor().map(|u| {
        Row::plain(vec![
            string(&u.kode),
            string(&u.nama),
            string(&u.jenis),
            ada(u.ada_kehadiran),
            ada(u.ada_penilaian),
        ])
    });
    if let Some(data) = write_table(ws, styles, &title, BELUM_COLUMNS, rows, 1)? {
        for label in ["Kehadiran", "Penilaian"] {
            highlight_prefix(ws, data, col(BELUM_COLUMNS, label), "Belum", RED)?;
        }
    }
    Ok(())
}

const BERKAS_COLUMNS: &[Column] = &[
    Column("Berkas", Path),
    Column("Lembar", Text),
    Column("Jenis", Text),
    Column("Tata Letak", Text),
    Column("Dibaca", Count),
    Column("Diterima", Count),
    Column("Ditolak", Count),
    Column("Duplikat", Count),
    Column("Direvisi", Count),
    Column("Catatan", LongText),
];

fn berkas_row(f: &FileRow) -> Row {
    Row::plain(vec![
        string(&f.berkas),
        string(&f.lembar),
        string(&f.jenis),
        string(&f.tata_letak),
        count(f.dibaca),
        count(f.diterima),
        count(f.ditolak),
        count(f.duplikat),
        count(f.direvisi),
        string(&f.catatan),
    ])
}

fn berkas_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    files: &[FileRow],
    periode: &str,
) -> Result<(), XlsxError> {
    ws.set_name("Berkas")?;
    let title = format!("Berkas Masukan — {periode}");
    let rows = files.iter().map(berkas_row);
    if let Some(data) = write_table(ws, styles, &title, BERKAS_COLUMNS, rows, 1)? {
        // Rejected records are what the operator chases: make them stand out.
        let rejected =
            ConditionalFormatCell::new().set_rule(ConditionalFormatCellRule::GreaterThan(0)).set_format(
                Format::new().set_background_color(Color::RGB(RED.0)).set_font_color(Color::RGB(RED.1)),
            );
        let ditolak = col(BERKAS_COLUMNS, "Ditolak");
        ws.add_conditional_format(data.first, ditolak, data.last, ditolak, &rejected)?;
    }
    Ok(())
}

const MASALAH_COLUMNS: &[Column] = &[
    Column("Berkas", Path),
    Column("Lembar", Text),
    Column("Sel", Text),
    Column("Nilai", Text),
    Column("Masalah", LongText),
    Column("Tingkat", Text),
];

fn masalah_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    report: &MonthReport,
    periode: &str,
) -> Result<(), XlsxError> {
    ws.set_name("Masalah")?;
    let title = format!("Masalah Data Masukan — {periode}");
    let rows = report.issues.iter().map(|i| {
        Row::plain(vec![
            string(&i.file),
            string(&i.sheet),
            string(&i.cell),
            string(&i.value),
            string(&i.message),
            string(i.level.label()),
        ])
    });
    if let Some(data) = write_table(ws, styles, &title, MASALAH_COLUMNS, rows, 1)? {
        highlight_prefix(ws, data, col(MASALAH_COLUMNS, "Tingkat"), "Tolak", RED)?;
        highlight_prefix(ws, data, col(MASALAH_COLUMNS, "Tingkat"), "Peringatan", YELLOW)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
    use chrono::NaiveDate;

    use super::*;
    use crate::ground::model::{Issue, Level, YearMonth};
    use crate::metrics::figures::{Letterhead, StatusLaporan};

    const NIP: &str = "198503152010012002";
    const INJECTION: &str = "=HYPERLINK(\"http://contoh.invalid\",\"klik\")";

    fn att(hari_kerja: u64, hadir: u64, tk: u64) -> Attendance {
        Attendance { hari_kerja, hadir, sakit: 1, izin: 0, cuti: 0, tk, menit_terlambat: 35 }
    }

    fn unit(kode: &str, jenis: &str, status: StatusLaporan, a: Attendance) -> UnitRow {
        UnitRow {
            kode: kode.into(),
            nama: format!("Unit {kode}"),
            jenis: jenis.into(),
            status,
            ada_kehadiran: status != StatusLaporan::Belum,
            ada_penilaian: status == StatusLaporan::Lengkap,
            pegawai: 2,
            att: a,
            pegawai_dinilai: 2,
            rata_rata_capaian: Some(104.5),
            rata_rata_nilai_kinerja: Some(88.25),
            peringkat_kehadiran: Some(1),
            peringkat_kinerja: None,
            cakupan: None,
        }
    }

    fn type_row(jenis: &str, unit: u64, a: Attendance) -> TypeRow {
        TypeRow {
            jenis: jenis.into(),
            unit,
            unit_melapor: unit.saturating_sub(1),
            pegawai: 4,
            att: a,
            pegawai_dinilai: 3,
            rata_rata_capaian: Some(101.0),
            rata_rata_nilai_kinerja: Some(87.5),
        }
    }

    fn person(nip: &str, nama: &str, status_disiplin: &str) -> PersonRow {
        PersonRow {
            nip: nip.into(),
            nama: nama.into(),
            kode_unit: "DINKES".into(),
            nama_unit: "Unit DINKES".into(),
            att: att(20, 18, 1),
            capaian: Some(104.5),
            nilai_perilaku: Some(90.0),
            nilai_kinerja: Some(96.0),
            predikat: Some("Sangat Baik".into()),
            tk_kumulatif: 3,
            tk_berturut: 1,
            status_disiplin: status_disiplin.into(),
        }
    }

    fn city(month: u32, hadir: u64, nilai: f64) -> CityFigures {
        CityFigures {
            month: YearMonth::new(2026, month),
            unit_total: 3,
            unit_melapor: 2,
            pegawai: 6,
            att: att(100, hadir, 2),
            pegawai_dinilai: 5,
            rata_rata_capaian: Some(99.0),
            rata_rata_nilai_kinerja: Some(nilai),
            predikat: vec![("Sangat Baik".into(), 2), ("Baik".into(), 3), ("Buruk".into(), 0)],
        }
    }

    fn issue(level: Level, message: &str) -> Issue {
        Issue {
            file: "dinkes/2026-11 kehadiran.xlsx".into(),
            sheet: "Sheet1".into(),
            cell: "C14".into(),
            value: "XX".into(),
            message: message.into(),
            level,
            month: YearMonth::new(2026, 11),
        }
    }

    fn sample() -> MonthReport {
        let month = YearMonth::new(2026, 11).unwrap();
        let generated_at =
            NaiveDate::from_ymd_opt(2026, 11, 30).and_then(|d| d.and_hms_opt(2, 41, 0)).unwrap();
        MonthReport {
            month,
            generated_at,
            tanggal_laporan: month.last_day(),
            letterhead: Letterhead {
                pemerintah: "PEMERINTAH KOTA MOJOKERTO".into(),
                perangkat: "SEKRETARIAT DAERAH".into(),
                bagian: "BAGIAN ORGANISASI".into(),
                ..Letterhead::default()
            },
            city: city(11, 90, 88.0),
            previous: Some(city(10, 88, 86.5)),
            units: vec![
                unit("DINKES", "Perangkat Daerah", StatusLaporan::Lengkap, att(50, 45, 1)),
                unit("KEC-PRAJURIT", "Kecamatan", StatusLaporan::Sebagian, att(50, 45, 1)),
                UnitRow {
                    rata_rata_capaian: None,
                    rata_rata_nilai_kinerja: None,
                    peringkat_kehadiran: None,
                    pegawai: 0,
                    pegawai_dinilai: 0,
                    ..unit("KEL-KRANGGAN", "Kelurahan", StatusLaporan::Belum, Attendance::default())
                },
            ],
            types: vec![
                type_row("Perangkat Daerah", 1, att(50, 45, 1)),
                type_row("Kecamatan", 2, att(50, 45, 1)),
                type_row("Kota", 3, att(100, 90, 2)),
            ],
            persons: vec![
                person(NIP, "Siti Aminah", "Ringan: teguran lisan"),
                person("", INJECTION, ""),
                person("197001012000031001", "Budi Santoso", "Berat: pemberhentian"),
            ],
            kegiatan: vec![KegiatanRow {
                kegiatan: "Apel Pagi".into(),
                kelompok: "KBK Melati".into(),
                kode_unit: "DINKES".into(),
                nama_unit: "Unit DINKES".into(),
                pertemuan: 4,
                peserta: 10,
                catatan: 40,
                hadir: 36,
            }],
            trend: vec![city(10, 88, 86.5), city(11, 90, 88.0)],
            files: vec![
                FileRow {
                    berkas: "dinkes/2026-11 kehadiran.xlsx".into(),
                    lembar: "Sheet1".into(),
                    jenis: "Kehadiran".into(),
                    tata_letak: "matrix".into(),
                    dibaca: 12,
                    diterima: 10,
                    ditolak: 1,
                    duplikat: 1,
                    direvisi: 0,
                    catatan: String::new(),
                    dilewati: false,
                },
                FileRow {
                    berkas: "~$rekap.xlsx".into(),
                    jenis: "-".into(),
                    tata_letak: "-".into(),
                    catatan: "Berkas kunci Excel, dilewati".into(),
                    dilewati: true,
                    ..FileRow::default()
                },
            ],
            issues: vec![
                issue(Level::Tolak, "Kode status tidak dikenal"),
                issue(Level::Peringatan, "Hari tidak sesuai tanggal"),
            ],
        }
    }

    fn empty() -> MonthReport {
        MonthReport {
            previous: None,
            units: Vec::new(),
            types: Vec::new(),
            persons: Vec::new(),
            kegiatan: Vec::new(),
            trend: Vec::new(),
            files: Vec::new(),
            issues: Vec::new(),
            city: CityFigures::default(),
            ..sample()
        }
    }

    type Book = Xlsx<Cursor<Vec<u8>>>;

    fn open(report: &MonthReport) -> Book {
        let bytes = render(report).unwrap();
        open_workbook_from_rs(Cursor::new(bytes)).unwrap()
    }

    fn sheet(book: &mut Book, name: &str) -> Range<Data> {
        book.worksheet_range(name).unwrap()
    }

    fn cell(range: &Range<Data>, row: u32, col: u32) -> Data {
        range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
    }

    /// The absolute row whose first cell is `label`: the header row of a table.
    fn row_of(range: &Range<Data>, label: &str) -> u32 {
        let (r0, _) = range.start().unwrap();
        let (r1, _) = range.end().unwrap();
        (r0..=r1)
            .find(|&r| cell(range, r, 0) == Data::String(label.into()))
            .unwrap_or_else(|| panic!("no row starting with {label:?}"))
    }

    fn row_strings(range: &Range<Data>, row: u32, len: usize) -> Vec<String> {
        (0..len as u32).map(|c| cell(range, row, c).to_string()).collect()
    }

    /// Column B of the Ringkasan row labelled `label`.
    fn figure(range: &Range<Data>, label: &str) -> Data {
        cell(range, row_of(range, label), 1)
    }

    fn assert_close(d: Data, want: f64) {
        match d {
            Data::Float(x) => assert!((x - want).abs() < 1e-9, "{x} != {want}"),
            other => panic!("expected {want}, got {other:?}"),
        }
    }

    const SHEETS: [&str; 9] = [
        "Ringkasan",
        "Unit",
        "Jenis Unit",
        "Pegawai",
        "Kegiatan",
        "Tren",
        "Belum Melapor",
        "Berkas",
        "Masalah",
    ];

    fn spec_headers() -> Vec<(&'static str, &'static [Column])> {
        vec![
            ("Unit", UNIT_COLUMNS),
            ("Jenis Unit", TYPE_COLUMNS),
            ("Pegawai", PERSON_COLUMNS),
            ("Kegiatan", KEGIATAN_COLUMNS),
            ("Tren", TREN_COLUMNS),
            ("Belum Melapor", BELUM_COLUMNS),
            ("Berkas", BERKAS_COLUMNS),
            ("Masalah", MASALAH_COLUMNS),
        ]
    }

    /// The labels exactly as SPEC §5.1 writes them, independent of the column constants.
    const SPEC_LABELS: [(&str, &str); 8] = [
        (
            "Unit",
            "Kode Unit | Nama Unit | Jenis | Status Laporan | Pegawai | Hari Kerja | Hadir | \
             Sakit | Izin | Cuti | Tanpa Keterangan | Menit Terlambat | Tingkat Kehadiran | \
             Pegawai Dinilai | Rata-rata Capaian | Rata-rata Nilai Kinerja | \
             Peringkat Kehadiran | Peringkat Kinerja",
        ),
        (
            "Jenis Unit",
            "Jenis | Unit | Unit Melapor | Pegawai | Hari Kerja | Hadir | Sakit | Izin | \
             Cuti | Tanpa Keterangan | Menit Terlambat | Tingkat Kehadiran | Pegawai Dinilai | \
             Rata-rata Nilai Kinerja",
        ),
        (
            "Pegawai",
            "NIP | Nama | Kode Unit | Nama Unit | Hari Kerja | Hadir | Sakit | Izin | Cuti | \
             Tanpa Keterangan | Menit Terlambat | Tingkat Kehadiran | Capaian | Nilai Perilaku | \
             Nilai Kinerja | Predikat | TK Kumulatif | TK Berturut | Status Disiplin",
        ),
        (
            "Kegiatan",
            "Kegiatan | Kelompok | Kode Unit | Nama Unit | Pertemuan | Peserta | Catatan | \
             Hadir | Tingkat Kehadiran",
        ),
        ("Tren", "Bulan | Unit Melapor | Pegawai | Tingkat Kehadiran | Rata-rata Nilai Kinerja"),
        ("Belum Melapor", "Kode Unit | Nama Unit | Jenis | Kehadiran | Penilaian"),
        (
            "Berkas",
            "Berkas | Lembar | Jenis | Tata Letak | Dibaca | Diterima | Ditolak | Duplikat | \
             Direvisi | Catatan",
        ),
        ("Masalah", "Berkas | Lembar | Sel | Nilai | Masalah | Tingkat"),
    ];

    #[test]
    fn sheets_are_named_and_ordered_as_in_spec() {
        let book = open(&sample());
        assert_eq!(book.sheet_names(), SHEETS);
    }

    #[test]
    fn header_rows_match_spec_labels() {
        for report in [sample(), empty()] {
            let mut book = open(&report);
            for (name, labels) in SPEC_LABELS {
                let want: Vec<String> = labels.split(" | ").map(str::to_owned).collect();
                let range = sheet(&mut book, name);
                let header = row_of(&range, &want[0]);
                assert_eq!(header, HEADER_ROW, "{name}");
                assert_eq!(row_strings(&range, header, want.len() + 1)[..want.len()], want);
                assert_eq!(cell(&range, header, want.len() as u32), Data::Empty, "{name}");
            }
        }
        // The constants used for widths and formats are the same labels.
        for ((name, columns), (spec_name, labels)) in spec_headers().into_iter().zip(SPEC_LABELS) {
            assert_eq!(name, spec_name);
            let got: Vec<&str> = columns.iter().map(|c| c.0).collect();
            assert_eq!(got.join(" | "), labels);
        }
    }

    #[test]
    fn one_row_per_input_row_in_given_order() {
        let report = sample();
        let mut book = open(&report);
        let counts = [
            ("Unit", report.units.len()),
            ("Jenis Unit", report.types.len()),
            ("Pegawai", report.persons.len()),
            ("Kegiatan", report.kegiatan.len()),
            ("Tren", report.trend.len()),
            ("Belum Melapor", report.belum_melapor().count()),
            ("Berkas", report.files.len()),
            ("Masalah", report.issues.len()),
        ];
        for (name, n) in counts {
            let range = sheet(&mut book, name);
            assert_eq!(range.end().unwrap().0, HEADER_ROW + n as u32, "{name}");
        }
        let units = sheet(&mut book, "Unit");
        let kodes: Vec<String> = (0..3).map(|i| cell(&units, HEADER_ROW + 1 + i, 0).to_string()).collect();
        assert_eq!(kodes, ["DINKES", "KEC-PRAJURIT", "KEL-KRANGGAN"]);
        let belum = sheet(&mut book, "Belum Melapor");
        assert_eq!(
            row_strings(&belum, HEADER_ROW + 1, 5),
            ["KEC-PRAJURIT", "Unit KEC-PRAJURIT", "Kecamatan", "Ada", "Belum"]
        );
        assert_eq!(cell(&belum, HEADER_ROW + 2, 3), Data::String("Belum".into()));
    }

    #[test]
    fn nip_and_formula_like_names_are_strings() {
        let mut book = open(&sample());
        let pegawai = sheet(&mut book, "Pegawai");
        let first = HEADER_ROW + 1;
        assert_eq!(cell(&pegawai, first, 0), Data::String(NIP.into()));
        assert_eq!(cell(&pegawai, first + 1, 1), Data::String(INJECTION.into()));
        // An empty NIP (non-ASN staff) stays blank rather than becoming 0 or "".
        assert_eq!(cell(&pegawai, first + 1, 0), Data::Empty);
        let formulas = book.worksheet_formula("Pegawai").unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula written");
    }

    #[test]
    fn rates_are_fractions_and_capaian_points_become_fractions() {
        let mut book = open(&sample());
        let pegawai = sheet(&mut book, "Pegawai");
        let first = HEADER_ROW + 1;
        assert_close(cell(&pegawai, first, 11), 0.9); // 18 / 20
        assert_close(cell(&pegawai, first, 12), 1.045); // capaian 104.5
        assert_close(cell(&pegawai, first, 14), 96.0);
        assert_eq!(cell(&pegawai, first, 18), Data::String("Ringan: teguran lisan".into()));

        let units = sheet(&mut book, "Unit");
        assert_close(cell(&units, first, 12), 0.9);
        assert_close(cell(&units, first, 14), 1.045);
        assert_close(cell(&units, first, 15), 88.25);
        assert_close(cell(&units, first, 16), 1.0);
        // No data → blank cell, not 0.
        assert_eq!(cell(&units, first, 17), Data::Empty);
        assert_eq!(cell(&units, first + 2, 12), Data::Empty);
        assert_eq!(cell(&units, first + 2, 15), Data::Empty);

        let kegiatan = sheet(&mut book, "Kegiatan");
        assert_close(cell(&kegiatan, first, 8), 0.9); // 36 / 40
        let tren = sheet(&mut book, "Tren");
        assert_eq!(cell(&tren, first, 0), Data::String("Oktober 2026".into()));
        assert_close(cell(&tren, first + 1, 3), 0.9);
    }

    #[test]
    fn kota_row_holds_city_totals() {
        let mut book = open(&sample());
        let types = sheet(&mut book, "Jenis Unit");
        let kota = row_of(&types, "Kota");
        assert_eq!(kota, HEADER_ROW + 3, "Kota is the last row");
        assert_eq!(types.end().unwrap().0, kota);
        let figures: Vec<Data> = (1..14).map(|c| cell(&types, kota, c)).collect();
        let want = [3.0, 2.0, 4.0, 100.0, 90.0, 1.0, 0.0, 0.0, 2.0, 35.0, 0.9, 3.0, 87.5];
        for (got, want) in figures.into_iter().zip(want) {
            assert_close(got, want);
        }
    }

    #[test]
    fn ringkasan_has_key_figures_and_changes() {
        let mut book = open(&sample());
        let r = sheet(&mut book, "Ringkasan");
        assert_eq!(figure(&r, "Periode"), Data::String("November 2026".into()));
        assert_eq!(figure(&r, "Unit melapor"), Data::String("2 dari 3".into()));
        assert_close(figure(&r, "Pegawai tercatat"), 6.0);
        assert_close(figure(&r, "Tingkat kehadiran"), 0.9);
        assert_close(figure(&r, "Hari tanpa keterangan"), 2.0);
        assert_close(figure(&r, "Menit terlambat"), 35.0);
        assert_close(figure(&r, "Pegawai dinilai"), 5.0);
        assert_close(figure(&r, "Rata-rata nilai kinerja"), 88.0);
        assert_close(figure(&r, "Perubahan tingkat kehadiran (poin)"), 2.0);
        assert_close(figure(&r, "Perubahan rata-rata nilai kinerja (poin)"), 1.5);
        assert_eq!(figure(&r, "Bulan pembanding"), Data::String("Oktober 2026".into()));

        let predikat = row_of(&r, "Predikat");
        assert_eq!(row_strings(&r, predikat, 2), ["Predikat", "Jumlah Pegawai"]);
        assert_eq!(row_strings(&r, predikat + 2, 2), ["Baik", "3"]);
        let jenis = row_of(&r, "Jenis Unit");
        assert_eq!(cell(&r, jenis + 3, 0), Data::String("Kota".into()));
        assert_close(cell(&r, jenis + 3, 1), 0.9);
    }

    #[test]
    fn without_previous_month_the_changes_are_dashes() {
        let report = MonthReport { previous: None, ..sample() };
        let mut book = open(&report);
        let r = sheet(&mut book, "Ringkasan");
        for label in ["Perubahan tingkat kehadiran (poin)", "Perubahan rata-rata nilai kinerja (poin)"] {
            assert_eq!(figure(&r, label), Data::String("-".into()));
        }
    }

    #[test]
    fn empty_report_still_renders_every_sheet() {
        let mut book = open(&empty());
        assert_eq!(book.sheet_names(), SHEETS);
        let r = sheet(&mut book, "Ringkasan");
        assert_eq!(figure(&r, "Tingkat kehadiran"), Data::Empty);
        assert_eq!(figure(&r, "Unit melapor"), Data::String("0 dari 0".into()));
    }

    #[test]
    fn overlong_text_is_cut_not_rejected() {
        let mut report = sample();
        report.issues[0].message = "é".repeat(40_000);
        report.files[0].catatan = "😀".repeat(20_000); // 2 UTF-16 units each
        let mut book = open(&report);
        let masalah = sheet(&mut book, "Masalah");
        let Data::String(msg) = cell(&masalah, HEADER_ROW + 1, 4) else { panic!("not text") };
        assert_eq!(msg.encode_utf16().count(), MAX_CELL_TEXT);
        assert!(msg.ends_with('…'));
        let berkas = sheet(&mut book, "Berkas");
        let Data::String(catatan) = cell(&berkas, HEADER_ROW + 1, 9) else { panic!("not text") };
        assert!(catatan.encode_utf16().count() <= MAX_CELL_TEXT);
        assert_eq!(clip("pendek"), "pendek");
    }

    #[test]
    fn header_labels_wrap_between_words() {
        assert_eq!(wrapped_lines("Rata-rata Nilai Kinerja", 12), 3);
        assert_eq!(wrapped_lines("Rata-rata Nilai Kinerja", 13), 2);
        assert_eq!(wrapped_lines("Hadir", 8), 1);
        assert_eq!(longest_word("Tanpa Keterangan"), 10);
    }

    /// `XLSX_PREVIEW=/tmp/preview.xlsx cargo test --lib render::xlsx::tests::preview` writes a
    /// city-sized sample for a look in a spreadsheet program; without the variable it only renders.
    #[test]
    fn preview() {
        let report = preview_report();
        let bytes = render(&report).unwrap();
        if let Some(path) = std::env::var_os("XLSX_PREVIEW") {
            std::fs::write(path, &bytes).unwrap();
        }
    }

    fn preview_report() -> MonthReport {
        let mut report = sample();
        let jenis = ["Perangkat Daerah", "Kecamatan", "Kelurahan", "Puskesmas", "UPTD Pendidikan"];
        report.units = (0..24)
            .map(|i| {
                let status = match i % 7 {
                    5 => StatusLaporan::Sebagian,
                    6 => StatusLaporan::Belum,
                    _ => StatusLaporan::Lengkap,
                };
                let hari = 22 * (5 + i % 9);
                let mut u = unit(
                    &format!("UNIT{i:02}"),
                    jenis[i as usize % 5],
                    status,
                    att(hari, hari - (i % 5) * 9, i % 4),
                );
                if i == 0 {
                    u.nama = "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana".into();
                }
                u.peringkat_kehadiran = Some(i as u32 + 1);
                u
            })
            .collect();
        report.types = jenis
            .iter()
            .enumerate()
            .map(|(i, j)| type_row(j, 4 + i as u64, att(1000, 900 + 15 * i as u64, 7)))
            .chain([type_row("Kota", 24, att(5000, 4610, 35))])
            .collect();
        report.persons = (0..150)
            .map(|i| {
                let status = [
                    "",
                    "",
                    "Ringan: teguran tertulis",
                    "Sedang: potongan TPP 25% 6 bulan",
                    "Berat: pemberhentian",
                ][i % 5];
                let mut p = person(
                    &format!("1985031520100120{:02}", i % 100),
                    &format!("Pegawai Nomor {i} bin Fulan"),
                    status,
                );
                p.att = att(22, 22 - (i as u64 % 6), i as u64 % 3);
                p
            })
            .collect();
        report.trend = (1..=11).map(|m| city(m, 85 + m as u64 / 2, 80.0 + m as f64 * 0.7)).collect();
        report.issues.push(issue(
            Level::Tolak,
            "NIP tersimpan sebagai angka dan kehilangan digit terakhir (Excel hanya menyimpan 15 digit). \
             Format kolom NIP sebagai Teks lalu ketik ulang NIP-nya.",
        ));
        report
    }
}
