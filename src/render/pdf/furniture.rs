//! The page furniture: the running header (from page 2: the document's name and period) and
//! the footer on every page (generation time, period, `Halaman X dari N`). Added after the
//! content is laid out, when the page count is known.

use printpdf::Op;

use super::canvas::{BODY_TOP, CAPTION, FRAME_BOTTOM, LEFT, MUTED, Painter, RIGHT, RULE};
use super::font::Fonts;
use crate::ground::text;
use crate::metrics::figures::MonthReport;

/// What the furniture of one document says: the running header's left and right parts
/// (printed from page 2) and the footer's left part (the page number goes right).
pub(super) struct Furniture<'a> {
    pub running_left: &'a str,
    pub running_right: &'a str,
    pub footer_left: &'a str,
}

/// Adds the running header (from page 2) and the footer to every page of the mayor's report.
pub(super) fn decorate(pages: Vec<Vec<Op>>, report: &MonthReport, fonts: &Fonts) -> Vec<Vec<Op>> {
    let periode = text::periode(report.month);
    let footer = format!("Dibuat {} · Periode {periode}", text::waktu(report.generated_at));
    let furniture = Furniture {
        running_left: "Laporan Bulanan Budaya Kerja dan Kinerja Aparatur",
        running_right: &periode,
        footer_left: &footer,
    };
    decorate_with(pages, &furniture, fonts)
}

/// Adds `furniture` to every page: the running header from page 2, the footer everywhere.
pub(super) fn decorate_with(pages: Vec<Vec<Op>>, furniture: &Furniture, fonts: &Fonts) -> Vec<Vec<Op>> {
    let total = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(i, ops)| {
            let mut p = Painter::new(fonts, ops);
            if i > 0 {
                let baseline = BODY_TOP - 7.0;
                p.text(LEFT, baseline, furniture.running_left, CAPTION);
                p.text_right(RIGHT, baseline, furniture.running_right, CAPTION);
                p.hline(LEFT, RIGHT, baseline + 1.8, RULE, 0.5);
            }
            let baseline = FRAME_BOTTOM - 2.0;
            p.hline(LEFT, RIGHT, baseline - 4.2, RULE, 0.5);
            let footer = CAPTION.color(MUTED);
            p.text(LEFT, baseline, furniture.footer_left, footer);
            p.text_right(RIGHT, baseline, &format!("Halaman {} dari {total}", i + 1), footer);
            p.ops
        })
        .collect()
}
