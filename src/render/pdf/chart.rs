//! Vector charts: horizontal bars (rates per unit type, units, predikat counts) and a line
//! for the 12-month trend. Every value is also printed as a number, and the colours differ
//! in lightness, so the charts read the same on a greyscale printer. A chart without data
//! becomes a sentence.

use super::canvas::{GRID, INK, MUTED, NAVY, Painter, RULE, STEEL, Style};
use super::font::{Fonts, Weight};
use crate::ground::text;

const TITLE: Style = Style::new(Weight::Bold, 8.5, INK);
const LABEL: Style = Style::new(Weight::Regular, 7.5, INK);
const TICK: Style = Style::new(Weight::Regular, 6.5, MUTED);
const POINT_LABEL: Style = Style::new(Weight::Regular, 6.0, INK);
const NOTE: Style = Style::new(Weight::Regular, 8.0, MUTED);

/// One bar: its label, its value on the chart's scale (`None`: no data), the value as
/// printed, and whether it is the emphasised reference (the city).
pub(super) struct Bar {
    pub label: String,
    pub value: Option<f64>,
    pub text: String,
    pub strong: bool,
}

/// The value axis of a bar chart.
#[derive(Copy, Clone, Debug)]
pub(super) enum Scale {
    /// Fractions 0..1, printed as `0%`…`100%`.
    Percent,
    /// Counts from 0 to a round maximum.
    Count,
}

pub(super) struct BarChart {
    pub title: String,
    pub bars: Vec<Bar>,
    pub scale: Scale,
    /// Width of the label column as a share of the chart width.
    pub label_share: f32,
    /// Longer labels are wrapped to this many lines and end in `…`.
    pub label_lines: usize,
}

/// One point of a line chart: the month under the axis, the year under that (first point
/// and January only), the value (`None`: a gap in the line).
pub(super) struct TrendPoint {
    pub month: String,
    pub year: Option<String>,
    pub value: Option<f64>,
}

impl TrendPoint {
    /// The value, if it can be drawn (a NaN from upstream is treated as no data).
    fn finite(&self) -> Option<f64> {
        self.value.filter(|v| v.is_finite())
    }
}

pub(super) struct LineChart {
    pub title: String,
    pub points: Vec<TrendPoint>,
}

/// What one chart slot shows.
pub(super) enum Chart {
    Bars(BarChart),
    Line(LineChart),
    /// A title and a sentence, for when there is nothing to draw.
    Note {
        title: String,
        text: String,
    },
}

const TITLE_GAP: f32 = 1.8;
const PLOT_H: f32 = 36.0;

impl Chart {
    /// Height in mm when drawn `width` mm wide.
    pub fn height(&self, fonts: &Fonts, width: f32) -> f32 {
        let title_h = |t: &str| {
            fonts.wrap(TITLE.weight, TITLE.size, t, width).len() as f32 * TITLE.line_height() + TITLE_GAP
        };
        match self {
            Self::Bars(b) => title_h(&b.title) + b.rows(fonts, width).iter().sum::<f32>() + 5.0,
            Self::Line(l) => title_h(&l.title) + PLOT_H + 8.5,
            Self::Note { title, text } => {
                let lines = fonts.wrap(NOTE.weight, NOTE.size, text, width).len();
                title_h(title) + lines as f32 * NOTE.line_height()
            }
        }
    }

    pub fn draw(&self, p: &mut Painter, x: f32, top: f32, width: f32) {
        let fonts = p.fonts;
        let title = match self {
            Self::Bars(b) => &b.title,
            Self::Line(l) => &l.title,
            Self::Note { title, .. } => title,
        };
        let mut y = top;
        for line in fonts.wrap(TITLE.weight, TITLE.size, title, width) {
            p.text(x, y + TITLE.baseline_offset(), &line, TITLE);
            y += TITLE.line_height();
        }
        y += TITLE_GAP;
        match self {
            Self::Bars(b) => b.draw(p, x, y, width),
            Self::Line(l) => l.draw(p, x, y, width),
            Self::Note { text, .. } => {
                for line in fonts.wrap(NOTE.weight, NOTE.size, text, width) {
                    p.text(x, y + NOTE.baseline_offset(), &line, NOTE);
                    y += NOTE.line_height();
                }
            }
        }
    }
}

impl BarChart {
    fn label_w(&self, width: f32) -> f32 {
        width * self.label_share.clamp(0.15, 0.7)
    }

    fn value_w(&self, fonts: &Fonts) -> f32 {
        let widest = self
            .bars
            .iter()
            .map(|b| fonts.width(LABEL.bold().weight, LABEL.size, &b.text))
            .fold(0.0, f32::max);
        widest + 1.5
    }

    fn labels(&self, fonts: &Fonts, width: f32) -> Vec<Vec<String>> {
        let w = self.label_w(width) - 1.5;
        self.bars
            .iter()
            .map(|b| {
                let st = if b.strong { LABEL.bold() } else { LABEL };
                fonts.wrap_max(st.weight, st.size, &b.label, w, self.label_lines)
            })
            .collect()
    }

    /// Height of each row.
    fn rows(&self, fonts: &Fonts, width: f32) -> Vec<f32> {
        self.labels(fonts, width)
            .iter()
            .map(|l| (l.len() as f32 * LABEL.line_height()).max(4.2) + 1.4)
            .collect()
    }

    /// The right end of the scale and the tick values.
    fn ticks(&self) -> (f64, Vec<f64>) {
        match self.scale {
            Scale::Percent => (1.0, vec![0.0, 0.25, 0.5, 0.75, 1.0]),
            Scale::Count => {
                let max =
                    self.bars.iter().filter_map(|b| b.value).filter(|v| v.is_finite()).fold(0.0, f64::max);
                let step = nice_step(max / 4.0);
                let top = (max / step).ceil().max(1.0) * step;
                let n = (top / step).round() as usize;
                (top, (0..=n).map(|i| i as f64 * step).collect())
            }
        }
    }

    fn tick_label(&self, v: f64) -> String {
        match self.scale {
            Scale::Percent => format!("{}%", (v * 100.0).round()),
            Scale::Count => text::angka(v.max(0.0).round() as u64),
        }
    }

    fn draw(&self, p: &mut Painter, x: f32, top: f32, width: f32) {
        let fonts = p.fonts;
        let labels = self.labels(fonts, width);
        let rows = self.rows(fonts, width);
        let plot_l = x + self.label_w(width);
        let plot_r = (x + width - self.value_w(fonts) - 1.5).max(plot_l + 5.0);
        let plot_h: f32 = rows.iter().sum();
        let (max, ticks) = self.ticks();
        let at = |v: f64| plot_l + ((v / max).clamp(0.0, 1.0) as f32) * (plot_r - plot_l);

        // Tick labels stay inside the chart and skip a tick rather than collide with the
        // previous label (huge counts make wide labels).
        let mut free_from = f32::MIN;
        for &t in &ticks {
            let tx = at(t);
            p.line((tx, top), (tx, top + plot_h), GRID, 0.4);
            let label = self.tick_label(t);
            let w = p.width(&label, TICK);
            let left = (tx - w / 2.0).min(x + width - w).max(x);
            if left >= free_from {
                p.text(left, top + plot_h + 1.0 + TICK.baseline_offset(), &label, TICK);
                free_from = left + w + 1.0;
            }
        }
        let mut y = top;
        for ((bar, lines), h) in self.bars.iter().zip(&labels).zip(&rows) {
            let st = if bar.strong { LABEL.bold() } else { LABEL };
            let text_top = y + (h - lines.len() as f32 * st.line_height()) / 2.0;
            for (k, line) in lines.iter().enumerate() {
                let baseline = text_top + k as f32 * st.line_height() + st.baseline_offset();
                p.text(x, baseline, line, st);
            }
            let mid = y + h / 2.0;
            match bar.value.filter(|v| v.is_finite()) {
                Some(v) => {
                    let thick = (h - 1.8).clamp(2.0, 3.6);
                    let fill = if bar.strong { NAVY } else { STEEL };
                    p.fill_rect(plot_l, mid - thick / 2.0, at(v) - plot_l, thick, fill);
                    p.text_right(
                        x + width,
                        mid + st.baseline_offset() - st.line_height() / 2.0,
                        &bar.text,
                        st,
                    );
                }
                None => {
                    let baseline = mid + TICK.baseline_offset() - TICK.line_height() / 2.0;
                    p.text(plot_l + 1.0, baseline, "tidak ada data", TICK);
                }
            }
            y += h;
        }
        p.line((plot_l, top), (plot_l, top + plot_h), RULE, 0.6);
    }
}

/// 1, 2 or 5 times a power of ten, at least `raw` (and at least 1: counts are whole).
fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 1.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|&s| s >= raw).unwrap_or(10.0 * magnitude)
}

impl LineChart {
    /// Axis range: round numbers around the data with room for the point labels.
    fn range(&self) -> (f64, f64, f64) {
        let values: Vec<f64> = self.points.iter().filter_map(TrendPoint::finite).collect();
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !lo.is_finite() || !hi.is_finite() {
            return (0.0, 100.0, 25.0);
        }
        // Both trend figures live on 0..100 (percent, points); never draw beyond 100.
        let span = (hi - lo).max(4.0);
        let step = nice_step_f(span / 3.0);
        let top = ((hi + span * 0.15) / step).ceil() * step;
        let top = if hi <= 100.0 { top.min(100.0) } else { top };
        let bottom = ((lo - span * 0.25) / step).floor() * step;
        (bottom.max(0.0).min(top - step), top, step)
    }

    fn draw(&self, p: &mut Painter, x: f32, top: f32, width: f32) {
        let (lo, hi, step) = self.range();
        let axis_w = 8.0;
        let plot_l = x + axis_w;
        let plot_r = x + width;
        let plot_b = top + PLOT_H;
        // Headroom above the highest gridline for the labels of the highest points.
        let plot_t = top + 3.5;
        let y_at = |v: f64| plot_b - (((v - lo) / (hi - lo)).clamp(0.0, 1.0) as f32) * (plot_b - plot_t);
        let decimals = usize::from((step - step.round()).abs() > 1e-9);

        let mut t = lo;
        while t <= hi + step * 0.01 {
            let ty = y_at(t);
            p.line((plot_l, ty), (plot_r, ty), GRID, 0.4);
            let label = text::desimal(t, decimals);
            p.text_right(plot_l - 1.2, ty + TICK.baseline_offset() - TICK.line_height() / 2.0, &label, TICK);
            t += step;
        }
        p.line((plot_l, plot_b), (plot_r, plot_b), RULE, 0.6);

        let n = self.points.len().max(1);
        let band = (plot_r - plot_l) / n as f32;
        let x_at = |i: usize| plot_l + (i as f32 + 0.5) * band;
        self.draw_line(p, &x_at, &y_at);
        self.draw_point_labels(p, &x_at, &y_at, plot_b);
        for (i, pt) in self.points.iter().enumerate() {
            let baseline = plot_b + 1.0 + TICK.baseline_offset();
            p.text_center(x_at(i), baseline, &pt.month, TICK);
            if let Some(year) = &pt.year {
                p.text_center(x_at(i), baseline + TICK.line_height(), year, TICK);
            }
        }
    }

    fn draw_line(&self, p: &mut Painter, x_at: &dyn Fn(usize) -> f32, y_at: &dyn Fn(f64) -> f32) {
        // Runs of consecutive months with data; a month without data breaks the line.
        let mut run: Vec<(f32, f32)> = Vec::new();
        for (i, pt) in self.points.iter().enumerate() {
            match pt.finite() {
                Some(v) => run.push((x_at(i), y_at(v))),
                None => p.polyline(&std::mem::take(&mut run), NAVY, 1.3, false),
            }
        }
        p.polyline(&run, NAVY, 1.3, false);
        for (i, pt) in self.points.iter().enumerate() {
            if let Some(v) = pt.finite() {
                let (cx, cy, r) = (x_at(i), y_at(v), 0.9);
                p.polygon(&[(cx - r, cy), (cx, cy - r), (cx + r, cy), (cx, cy + r)], NAVY);
            }
        }
    }

    /// Each value above its point, or below it in a valley (where the line comes down to
    /// the point from both sides and would run through a label above); the other side when
    /// the preferred one would touch the previous label or the axis.
    fn draw_point_labels(
        &self,
        p: &mut Painter,
        x_at: &dyn Fn(usize) -> f32,
        y_at: &dyn Fn(f64) -> f32,
        plot_b: f32,
    ) {
        let h = POINT_LABEL.line_height();
        let mut prev: Option<(f32, f32, f32)> = None; // (left, right, baseline)
        for (i, pt) in self.points.iter().enumerate() {
            let Some(v) = pt.finite() else {
                prev = None;
                continue;
            };
            let label = text::desimal(v, 1);
            let w = p.width(&label, POINT_LABEL);
            let (left, right) = (x_at(i) - w / 2.0, x_at(i) + w / 2.0);
            let above = y_at(v) - 1.6;
            let below = y_at(v) + 1.6 + POINT_LABEL.size * 0.72 * super::font::MM_PER_PT;
            let clashes = |b: f32| {
                prev.is_some_and(|(l, r, pb)| left < r + 0.3 && right > l - 0.3 && (b - pb).abs() < h)
            };
            let below_fits = below + 0.3 * h < plot_b;
            let (first, second) =
                if self.is_valley(i, v) && below_fits { (below, above) } else { (above, below) };
            let second_ok = !clashes(second) && (second == above || below_fits);
            let baseline = if clashes(first) && second_ok { second } else { first };
            p.text(left, baseline, &label, POINT_LABEL);
            prev = Some((left, right, baseline));
        }
    }

    /// True when every neighbouring point with data lies higher than `v`.
    fn is_valley(&self, i: usize, v: f64) -> bool {
        let before = i.checked_sub(1).and_then(|j| self.points.get(j)).and_then(TrendPoint::finite);
        let after = self.points.get(i + 1).and_then(TrendPoint::finite);
        let neighbours: Vec<f64> = before.into_iter().chain(after).collect();
        !neighbours.is_empty() && neighbours.iter().all(|&n| n > v)
    }
}

/// Like [`nice_step`] but for fractional ranges (points and percentages).
pub(super) fn nice_step_f(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|&s| s >= raw).unwrap_or(10.0 * magnitude)
}
