//! The head of the first page: the letterhead (kop surat) from the configuration with its
//! double rule, the title `RISALAH KELOMPOK BUDAYA KERJA`, the group and its unit, the date
//! the figures are as of, and a line saying this is a draft to complete and sign.

use super::{group_title, unit_label};
use crate::ground::text;
use crate::metrics::figures::Risalah;
use crate::render::pdf::canvas::{CAPTION, CONTENT_W, Canvas, INK, LEFT, NAVY, RIGHT, Style};
use crate::render::pdf::font::Weight;

pub(in crate::render::pdf) const TITLE: &str = "RISALAH KELOMPOK BUDAYA KERJA";

pub(super) fn draw(c: &mut Canvas, r: &Risalah) {
    letterhead(c, r);
    title(c, r);
}

fn letterhead(c: &mut Canvas, r: &Risalah) {
    let lh = &r.letterhead;
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

fn title(c: &mut Canvas, r: &Risalah) {
    centered(c, TITLE, Style::new(Weight::Bold, 13.0, NAVY));
    c.gap(0.8);
    centered(c, &group_title(r), Style::new(Weight::Bold, 11.5, INK));
    centered(c, &unit_label(r), Style::new(Weight::Regular, 10.5, INK));
    c.gap(0.8);
    let per = format!(
        "Keadaan per {} · draf dari data masukan: lengkapi bagian yang belum diisi, lalu tandatangani",
        text::tanggal(r.per_tanggal)
    );
    centered(c, &per, CAPTION);
    c.gap(2.0);
}

/// Wrapped, centred lines across the content width; nothing for empty text.
fn centered(c: &mut Canvas, text: &str, style: Style) {
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
