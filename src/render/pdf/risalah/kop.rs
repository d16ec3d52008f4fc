//! The head of the first page: the letterhead (kop surat) from the configuration with its
//! double rule, the title `RISALAH KELOMPOK BUDAYA KERJA`, the group and its unit, the date
//! the figures are as of, and a line saying this is a draft to complete and sign.

use super::{group_title, unit_label};
use crate::ground::text;
use crate::metrics::figures::Risalah;
use crate::render::pdf::canvas::{CAPTION, Canvas, INK, NAVY, Style};
use crate::render::pdf::font::Weight;
use crate::render::pdf::sections::letterhead::{centered, letterhead};

pub(in crate::render::pdf) const TITLE: &str = "RISALAH KELOMPOK BUDAYA KERJA";

pub(super) fn draw(c: &mut Canvas, r: &Risalah) {
    letterhead(c, &r.letterhead);
    title(c, r);
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
