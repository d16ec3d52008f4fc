//! Section II, participation: meetings this year against the target, meetings in the
//! month, the members' average attendance and the average meeting length, as four boxes
//! with a sentence on the meetings recorded.

use chrono::Datelike;

use super::nilai;
use crate::ground::model::YearMonth;
use crate::ground::text;
use crate::metrics::figures::Risalah;
use crate::render::pdf::canvas::{CAPTION, CONTENT_W, Canvas, LEFT, MUTED, NAVY, Style, TINT};
use crate::render::pdf::font::Weight;

pub(super) const HEADING: &str = "II. Partisipasi Anggota";

/// One box: label, value, and a muted note below.
struct Figure {
    label: String,
    value: String,
    note: String,
}

const BOX_H: f32 = 18.0;
const GAP: f32 = 3.5;

pub(super) fn draw(c: &mut Canvas, r: &Risalah) {
    c.heading(HEADING, BOX_H + 2.0 * CAPTION.line_height());
    let figures = figures(r);
    let box_w = (CONTENT_W - GAP * (figures.len() as f32 - 1.0)) / figures.len() as f32;
    c.ensure(BOX_H);
    for (i, f) in figures.iter().enumerate() {
        figure_box(c, LEFT + i as f32 * (box_w + GAP), box_w, f);
    }
    c.y += BOX_H + 1.5;
    c.paragraph(&sentence(r), CAPTION, 0.0);
}

fn figures(r: &Risalah) -> Vec<Figure> {
    let row = &r.row;
    let year = r.per_tanggal.year();
    let (value, share) = if row.pertemuan_target > 0 {
        let share = row.pertemuan_tahun as f64 / row.pertemuan_target as f64;
        (
            format!("{} dari {}", text::angka(row.pertemuan_tahun), text::angka(row.pertemuan_target)),
            format!("{} dari target", text::persen(share)),
        )
    } else {
        (text::angka(row.pertemuan_tahun), "target belum dihitung".to_string())
    };
    vec![
        Figure { label: format!("Pertemuan tahun {year}"), value, note: share },
        Figure {
            label: "Pertemuan bulan ini".into(),
            value: text::angka(row.pertemuan_bulan),
            note: text::periode(YearMonth::of(r.per_tanggal)),
        },
        Figure {
            label: "Kehadiran anggota".into(),
            value: text::persen_opt(row.kehadiran_anggota.filter(|v| v.is_finite())),
            note: "rata-rata tahun berjalan".into(),
        },
        Figure {
            label: "Durasi pertemuan".into(),
            value: r
                .rata_rata_durasi
                .filter(|v| v.is_finite())
                .map_or_else(|| "–".into(), |d| format!("{} menit", nilai(d.round()))),
            note: "rata-rata per pertemuan".into(),
        },
    ]
}

/// What the boxes do not say: how many meetings are recorded in all, since when.
fn sentence(r: &Risalah) -> String {
    match (r.meetings.first(), r.meetings.last()) {
        (Some(first), Some(last)) => format!(
            "Tercatat {} pertemuan, {} s.d. {}; rinciannya ada di bagian IV. Kehadiran dihitung \
             dari daftar hadir pertemuan (anggota hadir / anggota tercatat).",
            text::angka(r.meetings.len() as u64),
            text::tanggal(first.tanggal),
            text::tanggal(last.tanggal)
        ),
        _ => format!("Belum ada pertemuan yang tercatat sampai {}.", text::tanggal(r.per_tanggal)),
    }
}

fn figure_box(c: &mut Canvas, x: f32, w: f32, f: &Figure) {
    const ACCENT: f32 = 1.2;
    let top = c.y;
    c.p.fill_rect(x, top, w, BOX_H, TINT);
    c.p.fill_rect(x, top, ACCENT, BOX_H, NAVY);
    let (tx, tw) = (x + ACCENT + 2.2, w - ACCENT - 3.4);
    let label = Style::new(Weight::Regular, 7.5, MUTED);
    let fonts = c.fonts();
    let one_line = |st: Style, s: &str| fonts.wrap_max(st.weight, st.size, s, tw, 1).concat();
    c.p.text(tx, top + 1.8 + label.baseline_offset(), &one_line(label, &f.label), label);
    // The value shrinks rather than overflowing its box.
    let mut value = Style::new(Weight::Bold, 14.0, NAVY);
    while value.size > 8.0 && c.p.width(&f.value, value) > tw {
        value.size -= 0.5;
    }
    c.p.text(tx, top + 6.2 + value.baseline_offset(), &one_line(value, &f.value), value);
    let note = Style::new(Weight::Regular, 6.5, MUTED);
    c.p.text(
        tx,
        top + BOX_H - 1.6 - note.line_height() + note.baseline_offset(),
        &one_line(note, &f.note),
        note,
    );
}
