//! The head of the first page: the letterhead (kop surat) from the configuration with its
//! double rule, the report's title and its period.

use crate::ground::text;
use crate::metrics::figures::{Letterhead, MonthReport};
use crate::render::pdf::canvas::{CONTENT_W, Canvas, INK, LEFT, NAVY, RIGHT, Style};
use crate::render::pdf::font::Weight;

pub(in crate::render::pdf) const TITLE: &str = "LAPORAN BULANAN BUDAYA KERJA DAN KINERJA APARATUR";

/// The letterhead, then the title and the period.
pub(super) fn draw(c: &mut Canvas, r: &MonthReport) {
    letterhead(c, &r.letterhead);
    title(c, r);
}

/// The kop surat: government, perangkat, bagian and address, centred, over a double rule
/// (also the risalah's).
pub(in crate::render::pdf) fn letterhead(c: &mut Canvas, lh: &Letterhead) {
    let lines = [
        (lh.pemerintah.as_str(), Style::new(Weight::Bold, 13.0, INK)),
        (lh.perangkat.as_str(), Style::new(Weight::Bold, 15.0, INK)),
        (lh.bagian.as_str(), Style::new(Weight::Bold, 12.0, INK)),
        (lh.alamat.as_str(), Style::new(Weight::Regular, 8.5, INK)),
    ];
    for (text, style) in lines {
        centered(c, text, style);
    }
    c.gap(1.5);
    // The double rule of an Indonesian letterhead (kop surat): thick over thin.
    c.p.hline(LEFT, RIGHT, c.y, INK, 1.8);
    c.p.hline(LEFT, RIGHT, c.y + 1.0, INK, 0.5);
    c.gap(7.0);
}

fn title(c: &mut Canvas, r: &MonthReport) {
    centered(c, TITLE, Style::new(Weight::Bold, 12.5, NAVY));
    c.gap(0.5);
    centered(c, &format!("Periode {}", text::periode(r.month)), Style::new(Weight::Regular, 10.5, INK));
    c.gap(2.0);
}

/// Wrapped, centred lines across the content width; nothing for empty text.
pub(in crate::render::pdf) fn centered(c: &mut Canvas, text: &str, style: Style) {
    if text.trim().is_empty() {
        return;
    }
    for line in c.fonts().wrap(style.weight, style.size, text, CONTENT_W) {
        c.ensure(style.line_height());
        let baseline = c.y + style.baseline_offset();
        c.p.text_center(LEFT + CONTENT_W / 2.0, baseline, &line, style);
        c.y += style.line_height();
    }
}
