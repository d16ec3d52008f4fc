//! The shared table writer: title, wrapped header, one formatted row per value row, column
//! widths and row heights fitted to the text, frozen header, autofilter and print setup.
//! Text is always written as a string and cut at Excel's 32,767-character limit.

use std::borrow::Cow;

use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet, XlsxError};

use super::{Column, DataRows, Kind, Row, Styles, Value};
use crate::ground::text;

/// Every table has its title in row 1, a blank row 2 and its header in row 3 (0-based 2).
pub(super) const HEADER_ROW: RowNum = 2;
/// Excel's limit for one cell's text, counted in UTF-16 code units.
pub(super) const MAX_CELL_TEXT: usize = 32_767;
/// Page numbers in the print footer (`&P` page, `&N` pages).
const FOOTER: &str = "&CHalaman &P dari &N";
/// rust_xlsxwriter's code for A4 paper.
const PAPER_A4: u8 = 9;

/// Writes one complete table: title, header, rows, widths, frozen header, autofilter and
/// print setup. Returns where the data rows are, for conditional formats and charts.
pub(super) fn write_table(
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
pub(super) fn write_block(
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
        for (col, value) in (0..).zip(row.values.iter().take(columns.len())) {
            write_bare(ws, last, col, value)?;
        }
        fit_row_height(ws, last, columns, widths, &row.values)?;
    }
    format_runs(ws, styles, header + 1, columns, rows)?;
    Ok((last > header).then_some(DataRows { first: header + 1, last }))
}

/// Rows formatted together, column by column: few enough that their cells stay in the
/// processor's cache between one column and the next (a province's `Pegawai` sheet has
/// 35,000 rows).
const FORMAT_RUN: usize = 256;

/// Formats the rows of a block written by `write_bare`, starting at `first`: each cell by its
/// column's kind and its row's weight, a blank cell where a value is blank. One format per
/// run of rows alike (at most `FORMAT_RUN`) and column, not one per cell: rust_xlsxwriter
/// hashes the whole `Format` on every formatted write, which was a third of a month's XLSX
/// (the `Pegawai` sheet's 100,000 cells; BENCHMARKS.md, issue 17).
fn format_runs(
    ws: &mut Worksheet,
    styles: &Styles,
    first: RowNum,
    columns: &[Column],
    rows: &[Row],
) -> Result<(), XlsxError> {
    let mut start = 0;
    while let Some(head) = rows.get(start) {
        let alike = |r: &Row| r.bold == head.bold && r.values.len() == head.values.len();
        let end = start + rows[start..].iter().take(FORMAT_RUN).take_while(|r| alike(r)).count();
        let (top, bottom) = (first + start as RowNum, first + end as RowNum - 1);
        for (col, column) in (0..).zip(columns.iter().take(head.values.len())) {
            ws.set_range_format(top, col, bottom, col, styles.cell(column.1, head.bold))?;
        }
        start = end;
    }
    Ok(())
}

/// A bold, filled header row, tall enough for its longest wrapped label.
pub(super) fn write_header(
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
pub(super) fn fit_row_height(
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
pub(super) fn line_height(lines: usize) -> f64 {
    (15.0 * lines as f64).min(409.0)
}

pub(super) fn write_value(
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

/// A value without a format (`format_runs` gives it one); blank values are left to it.
fn write_bare(ws: &mut Worksheet, row: RowNum, col: ColNum, value: &Value) -> Result<(), XlsxError> {
    match value {
        Value::Text(s) => ws.write_string(row, col, clip(s))?,
        Value::Number(x) if x.is_finite() => ws.write_number(row, col, *x)?,
        _ => ws,
    };
    Ok(())
}

/// A4 landscape, as wide as one page (as many pages down as needed), numbered pages.
pub(super) fn print_setup(ws: &mut Worksheet) {
    ws.set_landscape().set_paper_size(PAPER_A4).set_print_fit_to_pages(1, 0).set_footer(FOOTER);
}

/// Cuts text to Excel's cell limit (which counts UTF-16 units) instead of failing the report.
pub(super) fn clip(s: &str) -> Cow<'_, str> {
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
pub(super) fn display_width(value: &Value, kind: Kind) -> usize {
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
pub(super) fn longest_word(label: &str) -> usize {
    label.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0)
}

/// Each column's width in characters: its widest value or its header's longest word (the
/// header wraps), plus padding, within the limits of its kind.
pub(super) fn column_widths(columns: &[Column], rows: &[Row]) -> Vec<usize> {
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
pub(super) fn wrapped_lines(s: &str, width: usize) -> usize {
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
