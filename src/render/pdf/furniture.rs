//! The page furniture: the running header (from page 2: the report's name and period) and
//! the footer on every page (generation time, period, `Halaman X dari N`). Added after the
//! content is laid out, when the page count is known.

use printpdf::Op;

use super::canvas::{BODY_TOP, CAPTION, FRAME_BOTTOM, LEFT, MUTED, Painter, RIGHT, RULE};
use super::font::Fonts;
use crate::ground::text;
use crate::metrics::figures::MonthReport;

/// Adds the running header (from page 2) and the footer to every page.
pub(super) fn decorate(pages: Vec<Vec<Op>>, report: &MonthReport, fonts: &Fonts) -> Vec<Vec<Op>> {
    let total = pages.len();
    let periode = text::periode(report.month);
    let created = format!("Dibuat {}", text::waktu(report.generated_at));
    pages
        .into_iter()
        .enumerate()
        .map(|(i, ops)| {
            let mut p = Painter::new(fonts, ops);
            if i > 0 {
                let baseline = BODY_TOP - 7.0;
                p.text(LEFT, baseline, "Laporan Bulanan Budaya Kerja dan Kinerja Aparatur", CAPTION);
                p.text_right(RIGHT, baseline, &periode, CAPTION);
                p.hline(LEFT, RIGHT, baseline + 1.8, RULE, 0.5);
            }
            let baseline = FRAME_BOTTOM - 2.0;
            p.hline(LEFT, RIGHT, baseline - 4.2, RULE, 0.5);
            let footer = CAPTION.color(MUTED);
            p.text(LEFT, baseline, &format!("{created} · Periode {periode}"), footer);
            p.text_right(RIGHT, baseline, &format!("Halaman {} dari {total}", i + 1), footer);
            p.ops
        })
        .collect()
}
