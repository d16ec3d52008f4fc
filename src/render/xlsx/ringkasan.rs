//! The `Ringkasan` sheet: the key figures with the change against last month, the predikat
//! counts, the rates per unit type, and three charts that read those cells (and `Tren`).

use rust_xlsxwriter::{Chart, ChartDataLabel, ChartMarker, ChartType, ColNum, RowNum, Worksheet, XlsxError};

use super::table::{HEADER_ROW, clip, print_setup, write_block, write_header, write_value};
use super::tren::TREN_COLUMNS;
use super::{
    Column, DataRows, Kind, Kind::*, Row, Styles, Value, col, count, number, points_as_fraction,
    report_title, string,
};
use crate::ground::text;
use crate::metrics::figures::{CityFigures, MonthReport};

/// Column of the charts on `Ringkasan`, right of the three figure columns and a spacer.
const CHART_COL: ColNum = 4;
/// Rows between the tops of two stacked charts (a 300-pixel chart plus a gap).
const CHART_STEP: RowNum = 17;

pub(super) fn write(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
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
