//! Section V, the indikator: a sentence with the baseline, the target, the last measurement
//! and the ketercapaian, and a chart of the measurements over time from the baseline
//! (nilai awal at the start date), with the target as a dashed line. An indikator may fall
//! (waiting time) or rise (satisfaction): the chart draws either way.

use chrono::NaiveDate;

use super::axis::MonthAxis;
use super::{nilai, nilai_satuan};
use crate::ground::text;
use crate::metrics::figures::Risalah;
use crate::render::pdf::canvas::{
    BODY, CAPTION, CONTENT_W, Canvas, GRID, INK, LEFT, MUTED, NAVY, Painter, RIGHT, RULE, Rgb3, Style, WHITE,
};
use crate::render::pdf::chart::nice_step_f;
use crate::render::pdf::font::Weight;

pub(super) const HEADING: &str = "V. Capaian Indikator";

const PLOT_H: f32 = 44.0;
/// Below the plot: month and year labels, then the legend.
const FOOT_H: f32 = 13.0;
const TICK: Style = Style::new(Weight::Regular, 6.5, MUTED);
const LABEL: Style = Style::new(Weight::Regular, 6.5, INK);
/// The target line: green and dashed, distinct from the measurements in colour and in grey.
const GOAL: Rgb3 = [0.13, 0.45, 0.24];

/// What the chart shows, in data units.
struct Series {
    baseline: Option<(NaiveDate, f64)>,
    target: Option<f64>,
    points: Vec<(NaiveDate, f64)>,
    dates: Vec<NaiveDate>,
}

pub(super) fn draw(c: &mut Canvas, r: &Risalah) {
    let series = Series::of(r);
    let sentence = sentence(r);
    let lines = c.fonts().wrap(BODY.weight, BODY.size, &sentence, CONTENT_W).len() as f32;
    let chart_h = if series.is_some() { PLOT_H + FOOT_H + 2.0 } else { 0.0 };
    c.heading(HEADING, lines * BODY.line_height() + chart_h);
    c.paragraph(&sentence, BODY, 0.0);
    match series {
        Some(s) => {
            c.gap(2.0);
            c.ensure(PLOT_H + FOOT_H);
            let top = c.y;
            s.draw(&mut c.p, top, &r.satuan);
            c.y = top + PLOT_H + FOOT_H;
        }
        None => c.paragraph(
            "Grafik belum dapat dibuat: isi nilai awal dan tanggal mulai kelompok, atau hasil \
             pengukuran (lembar Hasil).",
            CAPTION,
            0.0,
        ),
    }
}

/// Baseline, target, the last measurement and the ketercapaian, in one paragraph.
pub(super) fn sentence(r: &Risalah) -> String {
    let indikator = text::collapse_ws(&r.indikator);
    let finite = |x: Option<f64>| x.filter(|v| v.is_finite());
    let on = |d: Option<NaiveDate>, word: &str| {
        d.map_or_else(String::new, |d| format!(" {word} {}", text::tanggal(d)))
    };
    let mut s = if indikator.is_empty() {
        "Indikator belum diisi".to_string()
    } else {
        format!("Indikator: {indikator}")
    };
    match finite(r.nilai_awal) {
        Some(v) => {
            s.push_str(&format!("; nilai awal {}{}", nilai_satuan(v, &r.satuan), on(r.tanggal_mulai, "pada")))
        }
        None => s.push_str("; nilai awal belum diisi"),
    }
    match finite(r.target) {
        Some(v) => s.push_str(&format!(
            ", target {}{}.",
            nilai_satuan(v, &r.satuan),
            on(r.tanggal_selesai, "sampai")
        )),
        None => s.push_str(", target belum diisi."),
    }
    let last = r.results.iter().filter(|m| m.nilai.is_finite()).max_by_key(|m| m.tanggal);
    match last {
        Some(m) => s.push_str(&format!(
            " Pengukuran terakhir ({}): {}.",
            text::tanggal(m.tanggal),
            nilai_satuan(m.nilai, &r.satuan)
        )),
        None => s.push_str(" Belum ada hasil pengukuran."),
    }
    s.push(' ');
    s.push_str(&ketercapaian(r));
    s
}

/// `Ketercapaian 83,3% …`, or why it cannot be computed yet.
fn ketercapaian(r: &Risalah) -> String {
    match r.row.ketercapaian.filter(|v| v.is_finite()) {
        Some(k) if k >= 1.5 => {
            format!("Ketercapaian {} (dibatasi 150%): target terlampaui.", text::persen(k))
        }
        Some(k) if k >= 1.0 => format!("Ketercapaian {}: target tercapai.", text::persen(k)),
        Some(k) => format!(
            "Ketercapaian {}, yaitu bagian jarak dari nilai awal ke target yang sudah ditempuh.",
            text::persen(k)
        ),
        None => "Ketercapaian belum dapat dihitung: perlu nilai awal, target dan sedikitnya satu \
                 hasil pengukuran."
            .to_string(),
    }
}

impl Series {
    /// `None` when there is nothing to place on a time axis.
    fn of(r: &Risalah) -> Option<Self> {
        let baseline = r.tanggal_mulai.zip(r.nilai_awal.filter(|v| v.is_finite()));
        let mut points: Vec<(NaiveDate, f64)> =
            r.results.iter().filter(|m| m.nilai.is_finite()).map(|m| (m.tanggal, m.nilai)).collect();
        points.sort_by_key(|p| p.0);
        if baseline.is_none() && points.is_empty() {
            return None;
        }
        let mut dates: Vec<NaiveDate> = points.iter().map(|p| p.0).collect();
        dates.extend(r.tanggal_mulai.into_iter().chain(r.tanggal_selesai));
        Some(Self { baseline, target: r.target.filter(|v| v.is_finite()), points, dates })
    }

    /// Round limits around every value (baseline, target, measurements) and the step
    /// between gridlines.
    fn range(&self) -> (f64, f64, f64) {
        let values =
            self.baseline.map(|b| b.1).into_iter().chain(self.target).chain(self.points.iter().map(|p| p.1));
        let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let mut span = hi - lo;
        if span.is_nan() || span <= 1e-9 {
            span = (hi.abs() * 0.2).max(1.0);
        }
        let step = nice_step_f(span / 4.0);
        let mut bottom = ((lo - 0.08 * span) / step).floor() * step;
        if lo >= 0.0 && bottom < 0.0 {
            bottom = 0.0;
        }
        let top = (((hi + 0.15 * span) / step).ceil() * step).max(bottom + step);
        (bottom, top, step)
    }

    fn draw(&self, p: &mut Painter, top: f32, satuan: &str) {
        let (lo, hi, step) = self.range();
        let ticks: Vec<(f64, String)> = (0..40)
            .map(|i| lo + f64::from(i) * step)
            .take_while(|t| *t <= hi + step * 0.01)
            .map(|t| (t, nilai(t)))
            .collect();
        // The value axis is as wide as its widest label.
        let axis_w = ticks.iter().map(|(_, l)| p.width(l, TICK)).fold(0.0, f32::max) + 2.5;
        let (plot_l, plot_r) = (LEFT + axis_w.clamp(8.0, 40.0), RIGHT - 1.0);
        let (plot_t, plot_b) = (top + 2.0, top + PLOT_H);
        let Some(axis) = MonthAxis::spanning(self.dates.iter().copied(), 3, plot_l, plot_r) else { return };
        let y_at = |v: f64| plot_b - (((v - lo) / (hi - lo)).clamp(0.0, 1.0) as f32) * (plot_b - plot_t);
        let x_at = |d: NaiveDate| (axis.x(d, false) + axis.x(d, true)) / 2.0;

        for (t, label) in &ticks {
            let ty = y_at(*t);
            p.line((plot_l, ty), (plot_r, ty), GRID, 0.35);
            let w = p.width(label, TICK).min(plot_l - LEFT - 1.5);
            let label = p.fonts.wrap_max(TICK.weight, TICK.size, label, w + 0.01, 1).concat();
            p.text_right(plot_l - 1.5, ty + TICK.baseline_offset() - TICK.line_height() / 2.0, &label, TICK);
        }
        let label_w = p.width("Mei", TICK) + 1.2;
        axis.grid(p, plot_t, plot_b, label_w, GRID, RULE);
        p.line((plot_l, plot_b), (plot_r, plot_b), RULE, 0.6);
        p.line((plot_l, plot_t), (plot_l, plot_b), RULE, 0.6);
        axis.labels(p, plot_b + 3.0, plot_b + 5.8, TICK);

        let mut taken: Vec<Box4> = Vec::new();
        if let Some(v) = self.target {
            let y = y_at(v);
            p.polyline(&[(plot_l, y), (plot_r, y)], GOAL, 1.0, true);
            let label = format!("Target {}", nilai_satuan(v, satuan));
            let st = LABEL.color(GOAL).bold();
            let w = p.width(&label, st);
            let baseline = if y - 3.0 > plot_t { y - 1.2 } else { y + 3.2 };
            p.text(plot_r - w - 0.5, baseline, &label, st);
            taken.push(Box4::of(plot_r - w - 0.5, baseline, w, st));
        }
        self.draw_line(p, &x_at, &y_at);
        self.draw_labels(p, &x_at, &y_at, (plot_l, plot_r, plot_t, plot_b), &mut taken);
        legend(p, plot_l, plot_b + 10.5);
    }

    fn draw_line(&self, p: &mut Painter, x_at: &dyn Fn(NaiveDate) -> f32, y_at: &dyn Fn(f64) -> f32) {
        let mut line: Vec<(f32, f32)> = self.baseline.iter().map(|&(d, v)| (x_at(d), y_at(v))).collect();
        line.extend(self.points.iter().map(|&(d, v)| (x_at(d), y_at(v))));
        p.polyline(&line, NAVY, 1.1, false);
        if let Some((d, v)) = self.baseline {
            diamond(p, x_at(d), y_at(v), false);
        }
        for &(d, v) in &self.points {
            diamond(p, x_at(d), y_at(v), true);
        }
    }

    /// Each value above its point, else below, else above anyway; the baseline's as `Awal`.
    fn draw_labels(
        &self,
        p: &mut Painter,
        x_at: &dyn Fn(NaiveDate) -> f32,
        y_at: &dyn Fn(f64) -> f32,
        (plot_l, plot_r, plot_t, plot_b): (f32, f32, f32, f32),
        taken: &mut Vec<Box4>,
    ) {
        let labels = self
            .baseline
            .iter()
            .map(|&(d, v)| (d, v, format!("Awal {}", nilai(v))))
            .chain(self.points.iter().map(|&(d, v)| (d, v, nilai(v))));
        for (d, v, label) in labels {
            let w = p.width(&label, LABEL);
            let x = (x_at(d) - w / 2.0).min(plot_r - w).max(plot_l + 0.3);
            let y = y_at(v);
            let above = y - 1.8;
            let below = y + 1.8 + LABEL.size * 0.72 * crate::render::pdf::font::MM_PER_PT;
            let fits = |b: f32| {
                let bx = Box4::of(x, b, w, LABEL);
                bx.top >= plot_t - 1.5 && bx.bottom <= plot_b - 0.3 && !taken.iter().any(|t| t.hits(&bx))
            };
            let baseline = [above, below].into_iter().find(|&b| fits(b)).unwrap_or(above);
            p.text(x, baseline, &label, LABEL);
            taken.push(Box4::of(x, baseline, w, LABEL));
        }
    }
}

/// A label's ink box, to keep labels apart.
struct Box4 {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

impl Box4 {
    fn of(x: f32, baseline: f32, w: f32, st: Style) -> Self {
        let size = st.size * crate::render::pdf::font::MM_PER_PT;
        Self { left: x, right: x + w, top: baseline - 0.75 * size, bottom: baseline + 0.25 * size }
    }

    fn hits(&self, o: &Box4) -> bool {
        self.left < o.right + 0.5
            && o.left < self.right + 0.5
            && self.top < o.bottom + 0.2
            && o.top < self.bottom + 0.2
    }
}

/// A measurement (filled) or the baseline (hollow).
fn diamond(p: &mut Painter, cx: f32, cy: f32, filled: bool) {
    let r = 1.1;
    let pts = [(cx - r, cy), (cx, cy - r), (cx + r, cy), (cx, cy + r)];
    p.polygon(&pts, if filled { NAVY } else { WHITE });
    if !filled {
        p.polyline(&[pts[0], pts[1], pts[2], pts[3], pts[0]], NAVY, 0.8, false);
    }
}

fn legend(p: &mut Painter, x: f32, mid: f32) {
    let baseline = mid + CAPTION.baseline_offset() - CAPTION.line_height() / 2.0;
    let mut x = x;
    for (label, kind) in [("Hasil pengukuran", 0), ("Nilai awal", 1), ("Target", 2)] {
        match kind {
            0 => {
                p.polyline(&[(x, mid), (x + 6.0, mid)], NAVY, 1.1, false);
                diamond(p, x + 3.0, mid, true);
            }
            1 => diamond(p, x + 3.0, mid, false),
            _ => p.polyline(&[(x, mid), (x + 6.0, mid)], GOAL, 1.0, true),
        }
        p.text(x + 7.5, baseline, label, CAPTION);
        x += 7.5 + p.width(label, CAPTION) + 6.0;
    }
}
