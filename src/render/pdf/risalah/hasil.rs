//! Section VI, results and benefits: each measurement with the benefit written beside it
//! (savings in rupiah, minutes, or a sentence); ruled lines to complete by hand when no
//! benefit is written yet.

use super::{nilai_satuan, tanggal_singkat};
use crate::ground::text;
use crate::metrics::figures::Risalah;
use crate::render::pdf::canvas::{BODY, Canvas, LEFT, RIGHT, RULE};
use crate::render::pdf::table::{Column, Table};

pub(super) const HEADING: &str = "VI. Hasil dan Manfaat";

/// Blank lines offered when no benefit is written, and their spacing (mm).
const BLANK_LINES: usize = 5;
const BLANK_GAP: f32 = 8.0;

pub(super) fn draw(c: &mut Canvas, r: &Risalah) {
    let written = r.results.iter().any(|m| !m.manfaat.trim().is_empty());
    if r.results.is_empty() {
        c.heading(HEADING, 2.0 * BODY.line_height() + 2.0 * BLANK_GAP);
        c.paragraph(
            "Belum ada hasil pengukuran yang tercatat (lembar Hasil). Tuliskan hasil perbaikan dan \
             manfaatnya (penghematan biaya, waktu, atau manfaat lain) di bawah ini:",
            BODY,
            0.0,
        );
        blank_lines(c);
        return;
    }
    let mut table = Table::new(
        vec![Column::text("Tanggal"), Column::number("Nilai"), Column::flex("Manfaat")],
        "Hasil dan manfaat (lanjutan)",
    );
    for m in &r.results {
        let manfaat = text::collapse_ws(&m.manfaat);
        let manfaat = if manfaat.is_empty() { "–".to_string() } else { manfaat };
        table.push(vec![
            tanggal_singkat(m.tanggal).into(),
            nilai_satuan(m.nilai, &r.satuan).into(),
            manfaat.into(),
        ]);
    }
    c.heading(HEADING, table.lead_height(c.fonts()));
    table.draw(c);
    if !written {
        c.gap(2.0);
        c.paragraph(
            "Manfaat perbaikan belum diisi. Tuliskan manfaatnya (penghematan biaya, waktu, atau \
             manfaat lain) di bawah ini:",
            BODY,
            0.0,
        );
        blank_lines(c);
    }
}

/// Ruled lines to write on, kept together.
fn blank_lines(c: &mut Canvas) {
    c.ensure(BLANK_LINES as f32 * BLANK_GAP);
    for _ in 0..BLANK_LINES {
        c.y += BLANK_GAP;
        c.p.polyline(&[(LEFT, c.y), (RIGHT, c.y)], RULE, 0.5, true);
    }
    c.gap(1.0);
}
