//! The colour rules of the workbook: rate and score scales with fixed bands, so a colour
//! means the same on every sheet, and highlights for text that starts with a tier word.

use rust_xlsxwriter::{
    ColNum, Color, ConditionalFormat3ColorScale, ConditionalFormatText, ConditionalFormatTextRule,
    ConditionalFormatType, Format, Worksheet, XlsxError,
};

use super::DataRows;

/// Red below 75%, yellow around 90%, green at 100%: the same bands on every sheet, so a
/// colour means the same thing everywhere (blank cells stay uncoloured).
pub(super) fn rate_scale(ws: &mut Worksheet, rows: DataRows, col: ColNum) -> Result<(), XlsxError> {
    colour_scale(ws, rows, col, [0.75, 0.9, 1.0])
}

/// Scores coloured by the predikat bands: Kurang and below red, Baik yellow, Sangat Baik green.
pub(super) fn score_scale(ws: &mut Worksheet, rows: DataRows, col: ColNum) -> Result<(), XlsxError> {
    colour_scale(ws, rows, col, [51.0, 76.0, 91.0])
}

pub(super) fn colour_scale(
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
pub(super) fn highlight_prefix(
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

pub(super) const YELLOW: (u32, u32) = (0xFFEB9C, 0x9C5700);
pub(super) const ORANGE: (u32, u32) = (0xF8CBAD, 0x833C0B);
pub(super) const RED: (u32, u32) = (0xFFC7CE, 0x9C0006);
