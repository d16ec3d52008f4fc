//! Section 2, the key figures: eight boxes (units reporting, staff, attendance, TK, minutes
//! late, staff evaluated, nilai kinerja, capaian), each with its change against last month.

use super::{finite, previous_label, signed};
use crate::ground::text;
use crate::metrics::figures::{CityFigures, MonthReport};
use crate::render::pdf::canvas::{CAPTION, CONTENT_W, Canvas, INK, LEFT, MUTED, NAVY, Style, TINT};
use crate::render::pdf::font::Weight;

/// One key-figure box: label, value, change against the previous month.
struct KeyFigure {
    label: &'static str,
    value: String,
    change: Option<String>,
}

fn key_figures_of(r: &MonthReport) -> Vec<KeyFigure> {
    let city = &r.city;
    let prev = r.previous.as_ref();
    let count =
        |f: fn(&CityFigures) -> u64, unit: &str| prev.map(|p| format!("{} {unit}", signed(f(city), f(p))));
    let points = |now: Option<f64>, before: Option<f64>, scale: f64| {
        Some(format!("{} poin", text::selisih((now? - before?) * scale)))
    };
    let rate = |f: &CityFigures| f.att.tingkat_kehadiran();
    vec![
        KeyFigure {
            label: "Unit melapor",
            value: format!("{} dari {}", text::angka(city.unit_melapor), text::angka(city.unit_total)),
            change: count(|f| f.unit_melapor, "unit"),
        },
        KeyFigure {
            label: "Pegawai tercatat",
            value: text::angka(city.pegawai),
            change: count(|f| f.pegawai, "orang"),
        },
        KeyFigure {
            label: "Tingkat kehadiran",
            value: text::persen_opt(rate(city)),
            change: points(rate(city), prev.and_then(rate), 100.0),
        },
        KeyFigure {
            label: "Hari tanpa keterangan",
            value: text::angka(city.att.tk),
            change: count(|f| f.att.tk, "hari"),
        },
        KeyFigure {
            label: "Menit terlambat",
            value: text::angka(city.att.menit_terlambat),
            change: count(|f| f.att.menit_terlambat, "menit"),
        },
        KeyFigure {
            label: "Pegawai dinilai",
            value: text::angka(city.pegawai_dinilai),
            change: count(|f| f.pegawai_dinilai, "orang"),
        },
        KeyFigure {
            label: "Rata-rata nilai kinerja",
            value: text::nilai_opt(finite(city.rata_rata_nilai_kinerja)),
            change: points(
                finite(city.rata_rata_nilai_kinerja),
                prev.and_then(|p| finite(p.rata_rata_nilai_kinerja)),
                1.0,
            ),
        },
        KeyFigure {
            label: "Rata-rata capaian kinerja",
            value: finite(city.rata_rata_capaian)
                .map_or_else(|| "–".into(), |v| format!("{}%", text::desimal(v, 1))),
            change: points(
                finite(city.rata_rata_capaian),
                prev.and_then(|p| finite(p.rata_rata_capaian)),
                1.0,
            ),
        },
    ]
}

pub(super) fn draw(c: &mut Canvas, r: &MonthReport) {
    const COLS: usize = 4;
    const GAP: f32 = 3.5;
    const BOX_H: f32 = 19.0;
    let figures = key_figures_of(r);
    c.heading("2. Angka Utama", 2.0 * CAPTION.line_height() + BOX_H);
    let note = if r.previous.is_some() {
        format!(
            "Angka kecil di bawah setiap nilai adalah perubahan dibanding {} (poin untuk \
             persentase dan nilai).",
            previous_label(r)
        )
    } else {
        format!(
            "Data {} tidak tersedia, sehingga perubahan terhadap bulan sebelumnya tidak ditampilkan.",
            previous_label(r)
        )
    };
    c.paragraph(&note, CAPTION, 0.0);
    c.gap(1.5);
    let box_w = (CONTENT_W - GAP * (COLS as f32 - 1.0)) / COLS as f32;
    for row in figures.chunks(COLS) {
        c.ensure(BOX_H);
        for (i, fig) in row.iter().enumerate() {
            key_box(c, LEFT + i as f32 * (box_w + GAP), box_w, BOX_H, fig);
        }
        c.y += BOX_H + GAP;
    }
}

fn key_box(c: &mut Canvas, x: f32, w: f32, h: f32, fig: &KeyFigure) {
    const ACCENT: f32 = 1.2;
    let top = c.y;
    c.p.fill_rect(x, top, w, h, TINT);
    c.p.fill_rect(x, top, ACCENT, h, NAVY);
    let (tx, tw) = (x + ACCENT + 2.2, w - ACCENT - 3.4);
    let label = Style::new(Weight::Regular, 7.5, MUTED);
    let label_line = c.fonts().wrap_max(label.weight, label.size, fig.label, tw, 1);
    c.p.text(tx, top + 2.0 + label.baseline_offset(), &label_line.concat(), label);
    // The value shrinks rather than overflowing its box.
    let mut value = Style::new(Weight::Bold, 15.0, NAVY);
    while value.size > 8.0 && c.p.width(&fig.value, value) > tw {
        value.size -= 0.5;
    }
    let value_text = c.fonts().wrap_max(value.weight, value.size, &fig.value, tw, 1).concat();
    c.p.text(tx, top + 12.0, &value_text, value);
    if let Some(change) = &fig.change {
        let st = Style::new(Weight::Regular, 7.0, INK);
        let line = c.fonts().wrap_max(st.weight, st.size, change, tw, 1).concat();
        c.p.text(tx, top + h - 2.2, &line, st);
    }
}
