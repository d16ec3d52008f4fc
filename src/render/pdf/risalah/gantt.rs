//! Section III, the schedule of the eight steps as a Gantt chart: one row per step (number,
//! name, PDCA phase, its state), one column per month over the span of all planned and
//! actual dates; a light bar for the plan, a dark bar for what was done, a hatched bar for a
//! step started and not finished (up to the date the figures are as of), and a dashed line
//! at that date.

use chrono::{Datelike, NaiveDate};

use super::axis::MonthAxis;
use super::tanggal_singkat;
use crate::ground::kbk::{LANGKAH, langkah_name, pdca};
use crate::ground::text;
use crate::metrics::figures::{Risalah, RisalahStep, StepState};
use crate::render::pdf::canvas::{
    ALERT, BODY, CAPTION, Canvas, GRID, INK, LEFT, MUTED, NAVY, Painter, RIGHT, RULE, Rgb3, Style, TINT,
    WHITE,
};
use crate::render::pdf::font::Weight;

pub(super) const HEADING: &str = "III. Jadwal dan Realisasi 8 Langkah";

/// Column widths (mm): PDCA phase, step number, step name, state; the months take the rest.
const PHASE_W: f32 = 12.0;
const NO_W: f32 = 6.0;
const NAME_W: f32 = 45.0;
const STATE_W: f32 = 22.0;
const HEAD_H: f32 = 9.5;
const ROW_H: f32 = 7.0;
const LEGEND_H: f32 = 6.0;
/// The planned bar: light, so the dark actual bar reads first.
const PLAN: Rgb3 = [0.70, 0.78, 0.88];

const NAME: Style = Style::new(Weight::Regular, 7.5, INK);
const SMALL: Style = Style::new(Weight::Regular, 6.5, MUTED);
const HEAD: Style = Style::new(Weight::Bold, 6.5, WHITE);

/// The four phases of the cycle as their first and last step (named by `pdca`).
const PHASES: [(u8, u8); 4] = [(1, 4), (5, 5), (6, 6), (7, 8)];

pub(super) fn draw(c: &mut Canvas, r: &Risalah) {
    let chart_h = HEAD_H + 8.0 * ROW_H + 2.0 + LEGEND_H;
    c.heading(HEADING, 2.0 * BODY.line_height() + chart_h);
    c.paragraph(&progress_sentence(r), BODY, 0.0);
    c.gap(2.0);
    c.ensure(chart_h);
    let Some((axis, planned)) = axis(r) else { return };
    let top = c.y;
    header(&mut c.p, &axis, top);
    let body_top = top + HEAD_H;
    phase_bands(&mut c.p, body_top);
    let label_w = c.p.width("Mei", SMALL) + 1.2;
    axis.grid(&mut c.p, body_top, body_top + 8.0 * ROW_H, label_w, GRID, RULE);
    for n in 1..=8u8 {
        row(&mut c.p, r, &axis, n, body_top + f32::from(n - 1) * ROW_H);
    }
    phase_labels(&mut c.p, body_top);
    if axis.covers(r.per_tanggal) {
        let x = axis.x(r.per_tanggal, true);
        c.p.polyline(&[(x, top + HEAD_H), (x, body_top + 8.0 * ROW_H)], ALERT, 0.8, true);
    }
    c.p.hline(LEFT, RIGHT, body_top + 8.0 * ROW_H, NAVY, 0.6);
    c.y = body_top + 8.0 * ROW_H + 2.0;
    legend(c, r);
    if !planned {
        c.paragraph(
            "Jadwal langkah belum diisi (lembar Langkah): bulan-bulan di atas mengikuti periode \
             kelompok; gambarkan rencana dan realisasi setiap langkah dengan tangan.",
            CAPTION,
            0.0,
        );
    }
    notes(c, r);
}

/// `Per 30 November 2026 kelompok berstatus Terlambat: 5 dari 8 langkah selesai (62,5%), …`.
fn progress_sentence(r: &Risalah) -> String {
    let row = &r.row;
    let done = row.langkah.iter().filter(|s| matches!(s, StepState::Selesai(_))).count();
    let mut s = format!(
        "Per {} kelompok berstatus {}: {} dari 8 langkah selesai ({})",
        text::tanggal(r.per_tanggal),
        row.status.label(),
        done,
        text::persen(done as f64 / 8.0)
    );
    if let Some(n) = row.langkah_terakhir.filter(|n| (1..=8).contains(n)) {
        s.push_str(&format!(
            "; langkah terakhir yang selesai adalah langkah {n} ({})",
            langkah_name(n).to_lowercase()
        ));
    }
    match row.tepat_waktu.filter(|v| v.is_finite()) {
        Some(t) => s.push_str(&format!("; {} langkah selesai tepat waktu.", text::persen(t))),
        None => s.push('.'),
    }
    s
}

/// The months to show: those of every planned and actual date (and the date the figures are
/// as of, when an open step runs to it); without any, the group's period, else the year.
/// Also whether any step date was given.
fn axis(r: &Risalah) -> Option<(MonthAxis, bool)> {
    let x0 = LEFT + PHASE_W + NO_W + NAME_W + 1.5;
    let x1 = RIGHT - STATE_W - 1.5;
    let mut dates: Vec<NaiveDate> = steps(r)
        .flat_map(|s| [s.rencana_mulai, s.rencana_selesai, s.realisasi_mulai, s.realisasi_selesai])
        .flatten()
        .collect();
    let planned = !dates.is_empty();
    if steps(r).any(|s| s.realisasi_mulai.is_some() && s.realisasi_selesai.is_none()) {
        dates.push(r.per_tanggal);
    }
    if dates.is_empty() {
        dates.extend(r.tanggal_mulai.into_iter().chain(r.tanggal_selesai));
    }
    if dates.is_empty() {
        let january = NaiveDate::from_ymd_opt(r.per_tanggal.year(), 1, 1);
        dates.push(january.unwrap_or(r.per_tanggal));
    }
    let min_months = if planned { 4 } else { 12 };
    MonthAxis::spanning(dates, min_months, x0, x1).map(|axis| (axis, planned))
}

/// The steps with a number 1–8.
fn steps(r: &Risalah) -> impl Iterator<Item = &RisalahStep> {
    r.steps.iter().filter(|s| (1..=8).contains(&s.langkah))
}

fn header(p: &mut Painter, axis: &MonthAxis, top: f32) {
    p.fill_rect(LEFT, top, RIGHT - LEFT, HEAD_H, NAVY);
    let last = top + HEAD_H - 1.4;
    p.text_center(LEFT + PHASE_W / 2.0, last, "Tahap", HEAD);
    p.text_center(LEFT + PHASE_W + NO_W / 2.0, last, "No", HEAD);
    p.text(LEFT + PHASE_W + NO_W + 1.0, last, "Langkah", HEAD);
    p.text(RIGHT - STATE_W + 0.5, last, "Keadaan", HEAD);
    let head = Style::new(Weight::Regular, 6.5, WHITE);
    axis.labels(p, last, top + 3.6, head);
}

/// Plan and Check rows on a tint, so the four phases read as blocks.
fn phase_bands(p: &mut Painter, body_top: f32) {
    for (i, &(first, last)) in PHASES.iter().enumerate() {
        let top = body_top + f32::from(first - 1) * ROW_H;
        let h = f32::from(last - first + 1) * ROW_H;
        if i % 2 == 0 {
            p.fill_rect(LEFT, top, RIGHT - LEFT, h, TINT);
        }
        if i > 0 {
            p.hline(LEFT, RIGHT, top, RULE, 0.6);
        }
    }
}

fn phase_labels(p: &mut Painter, body_top: f32) {
    for (first, last) in PHASES {
        let name = pdca(first);
        let mid = body_top + (f32::from(first - 1) + f32::from(last - first + 1) / 2.0) * ROW_H;
        let st = Style::new(Weight::Bold, 7.0, NAVY);
        p.text_center(LEFT + PHASE_W / 2.0, mid + st.baseline_offset() - st.line_height() / 2.0, name, st);
    }
}

/// One step: number, name, the bars, its state.
fn row(p: &mut Painter, r: &Risalah, axis: &MonthAxis, n: u8, top: f32) {
    let mid = top + ROW_H / 2.0;
    let centre = |st: Style| mid + st.baseline_offset() - st.line_height() / 2.0;
    let fonts = p.fonts;
    p.text_center(LEFT + PHASE_W + NO_W / 2.0, centre(NAME.bold()), &n.to_string(), NAME.bold());
    let name = fonts.wrap_max(NAME.weight, NAME.size, LANGKAH[usize::from(n - 1)], NAME_W - 1.5, 1).concat();
    p.text(LEFT + PHASE_W + NO_W + 1.0, centre(NAME), &name, NAME);
    if n > 1 && !PHASES.iter().any(|&(first, _)| first == n) {
        p.hline(LEFT + PHASE_W, RIGHT, top, GRID, 0.3);
    }
    if let Some(step) = steps(r).find(|s| s.langkah == n) {
        bars(p, r, axis, step, top);
    }
    state(p, r.row.langkah.get(usize::from(n - 1)).copied().unwrap_or(StepState::Kosong), top);
}

fn bars(p: &mut Painter, r: &Risalah, axis: &MonthAxis, s: &RisalahStep, top: f32) {
    const BAR_H: f32 = 2.0;
    let (plan_top, done_top) = (top + 1.3, top + 3.7);
    if let Some((a, b)) = span(s.rencana_mulai, s.rencana_selesai) {
        bar(p, axis, a, b, plan_top, BAR_H, PLAN);
    }
    match (s.realisasi_mulai, s.realisasi_selesai) {
        (Some(a), None) => {
            let end = r.per_tanggal.max(a);
            let (x0, x1) = (axis.x(a, false), axis.x(end, true).max(axis.x(a, false) + 0.8));
            hatched(p, x0, done_top, x1 - x0, BAR_H, NAVY);
        }
        (a, b) => {
            if let Some((a, b)) = span(a, b) {
                bar(p, axis, a, b, done_top, BAR_H, NAVY);
            }
        }
    }
}

/// The dates in order; one date alone is a one-day span.
fn span(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
    match (a, b) {
        (Some(a), Some(b)) => Some((a.min(b), a.max(b))),
        (Some(d), None) | (None, Some(d)) => Some((d, d)),
        (None, None) => None,
    }
}

fn bar(p: &mut Painter, axis: &MonthAxis, a: NaiveDate, b: NaiveDate, top: f32, h: f32, fill: Rgb3) {
    let x0 = axis.x(a, false);
    let x1 = axis.x(b, true).max(x0 + 0.8);
    p.fill_rect(x0, top, x1 - x0, h, fill);
}

/// A box with diagonal hatching inside: a step under way.
pub(super) fn hatched(p: &mut Painter, x: f32, top: f32, w: f32, h: f32, color: Rgb3) {
    const SPACING: f32 = 1.1;
    p.fill_rect(x, top, w, h, WHITE);
    let mut t = x - h;
    while t < x + w {
        // From the bottom at t to the top at t + h, cut to the box.
        let (mut x0, mut y0, mut x1, mut y1) = (t, top + h, t + h, top);
        if x0 < x {
            y0 -= x - x0;
            x0 = x;
        }
        if x1 > x + w {
            y1 += x1 - (x + w);
            x1 = x + w;
        }
        if x1 > x0 {
            p.line((x0, y0), (x1, y1), color, 0.45);
        }
        t += SPACING;
    }
    p.stroke_rect(x, top, w, h, color, 0.5);
}

/// The step's state as of the report date (the `KBK Langkah` cell).
fn state(p: &mut Painter, s: StepState, top: f32) {
    let x = RIGHT - STATE_W + 0.5;
    let one = |p: &mut Painter, text: &str, st: Style| {
        p.text(x, top + ROW_H / 2.0 + st.baseline_offset() - st.line_height() / 2.0, text, st);
    };
    match s {
        StepState::Selesai(d) => {
            let st = Style::new(Weight::Regular, 7.0, INK);
            let h = st.line_height() + SMALL.line_height();
            let y = top + (ROW_H - h) / 2.0;
            p.text(x, y + st.baseline_offset(), "Selesai", st);
            p.text(x, y + st.line_height() + SMALL.baseline_offset(), &tanggal_singkat(d), SMALL);
        }
        StepState::Berjalan => one(p, "Berjalan", Style::new(Weight::Regular, 7.0, NAVY)),
        StepState::Terlambat => one(p, "Terlambat", Style::new(Weight::Bold, 7.0, ALERT)),
        StepState::Kosong => one(p, "–", SMALL),
    }
}

/// What the bars and the dashed line mean.
fn legend(c: &mut Canvas, r: &Risalah) {
    const SWATCH_W: f32 = 6.0;
    const SWATCH_H: f32 = 2.0;
    let per = format!("keadaan per {}", tanggal_singkat(r.per_tanggal));
    let items: [(&str, u8); 4] =
        [("Rencana", 0), ("Realisasi", 1), ("Berjalan, belum selesai", 2), (&per, 3)];
    let mut x = LEFT;
    let mid = c.y + LEGEND_H / 2.0;
    let baseline = mid + CAPTION.baseline_offset() - CAPTION.line_height() / 2.0;
    for (label, kind) in items {
        let top = mid - SWATCH_H / 2.0;
        match kind {
            0 => c.p.fill_rect(x, top, SWATCH_W, SWATCH_H, PLAN),
            1 => c.p.fill_rect(x, top, SWATCH_W, SWATCH_H, NAVY),
            2 => hatched(&mut c.p, x, top, SWATCH_W, SWATCH_H, NAVY),
            _ => c.p.polyline(
                &[(x + SWATCH_W / 2.0, mid - 2.0), (x + SWATCH_W / 2.0, mid + 2.0)],
                ALERT,
                0.8,
                true,
            ),
        }
        c.p.text(x + SWATCH_W + 1.5, baseline, label, CAPTION);
        x += SWATCH_W + 1.5 + c.p.width(label, CAPTION) + 6.0;
    }
    c.y += LEGEND_H;
}

/// The steps' keterangan, when any is written.
fn notes(c: &mut Canvas, r: &Risalah) {
    let notes: Vec<String> = steps(r)
        .filter(|s| !s.keterangan.trim().is_empty())
        .map(|s| format!("Langkah {}: {}", s.langkah, text::collapse_ws(&s.keterangan)))
        .collect();
    if notes.is_empty() {
        return;
    }
    c.gap(1.0);
    c.paragraph("Keterangan:", CAPTION.color(INK).bold(), 0.0);
    for n in notes {
        c.bullet(&n, CAPTION.color(INK));
    }
}
