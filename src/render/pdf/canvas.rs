//! Drawing on A4 pages in millimetres measured from the top-left corner (printpdf's origin
//! is bottom-left, in points): the page geometry, the type scale and colours, a `Painter`
//! that turns text, rules and boxes into printpdf ops, and a `Canvas` that flows content
//! down the pages and starts a new page when the next block does not fit.

use printpdf::{
    Color, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfFontHandle, Point, Polygon, PolygonRing,
    Pt, Rect, Rgb, TextItem, TextMatrix, WindingOrder,
};

use super::font::{Fonts, MM_PER_PT, Weight};

pub(super) const PAGE_W: f32 = 210.0;
pub(super) const PAGE_H: f32 = 297.0;
/// Left and right margin.
pub(super) const LEFT: f32 = 20.0;
pub(super) const RIGHT: f32 = PAGE_W - LEFT;
pub(super) const CONTENT_W: f32 = RIGHT - LEFT;
/// Nothing is printed above this line or below `FRAME_BOTTOM` (the footer included).
pub(super) const FRAME_TOP: f32 = 16.0;
pub(super) const FRAME_BOTTOM: f32 = PAGE_H - 16.0;
/// Where flowing content starts on the first page (letterhead) and on later pages (below
/// the running header), and where it must end (above the footer).
pub(super) const FIRST_TOP: f32 = FRAME_TOP + 2.0;
pub(super) const BODY_TOP: f32 = 28.0;
pub(super) const BODY_BOTTOM: f32 = 268.0;

/// An RGB colour, 0.0–1.0. The palette is chosen to stay distinct when printed in grey.
pub(super) type Rgb3 = [f32; 3];

pub(super) const INK: Rgb3 = [0.11, 0.13, 0.16];
pub(super) const MUTED: Rgb3 = [0.36, 0.40, 0.46];
pub(super) const NAVY: Rgb3 = [0.09, 0.22, 0.38];
pub(super) const STEEL: Rgb3 = [0.45, 0.58, 0.73];
pub(super) const RULE: Rgb3 = [0.76, 0.79, 0.83];
pub(super) const GRID: Rgb3 = [0.86, 0.88, 0.91];
pub(super) const TINT: Rgb3 = [0.94, 0.95, 0.97];
pub(super) const WHITE: Rgb3 = [1.0, 1.0, 1.0];
/// Warnings (the unconfigured signer): dark enough to read, distinct in colour.
pub(super) const ALERT: Rgb3 = [0.62, 0.16, 0.12];
pub(super) const ALERT_TINT: Rgb3 = [0.99, 0.94, 0.92];

/// Font, size (pt) and colour of a run of text.
#[derive(Copy, Clone, Debug)]
pub(super) struct Style {
    pub weight: Weight,
    pub size: f32,
    pub color: Rgb3,
}

impl Style {
    pub const fn new(weight: Weight, size: f32, color: Rgb3) -> Self {
        Self { weight, size, color }
    }

    pub const fn color(self, color: Rgb3) -> Self {
        Self { color, ..self }
    }

    pub const fn bold(self) -> Self {
        Self { weight: Weight::Bold, ..self }
    }

    /// Distance between baselines of wrapped lines, in mm.
    pub fn line_height(self) -> f32 {
        self.size * 1.3 * MM_PER_PT
    }

    /// Baseline below the top of a line box of `line_height()`: the caps sit centred in it.
    pub fn baseline_offset(self) -> f32 {
        (self.line_height() / 2.0) + 0.36 * self.size * MM_PER_PT
    }
}

/// The type scale.
pub(super) const BODY: Style = Style::new(Weight::Regular, 9.5, INK);
pub(super) const CELL: Style = Style::new(Weight::Regular, 8.0, INK);
pub(super) const CELL_HEAD: Style = Style::new(Weight::Bold, 7.0, WHITE);
pub(super) const CAPTION: Style = Style::new(Weight::Regular, 7.5, MUTED);
pub(super) const HEADING: Style = Style::new(Weight::Bold, 11.5, NAVY);
pub(super) const SUBHEADING: Style = Style::new(Weight::Bold, 9.5, INK);

fn color(c: Rgb3) -> Color {
    Color::Rgb(Rgb::new(c[0], c[1], c[2], None))
}

fn point(x: f32, y: f32) -> Point {
    Point::new(Mm(x), Mm(PAGE_H - y))
}

fn pt(mm: f32) -> Pt {
    Mm(mm).into()
}

/// Appends drawing ops for one page.
pub(super) struct Painter<'f> {
    pub fonts: &'f Fonts,
    pub ops: Vec<Op>,
}

impl<'f> Painter<'f> {
    pub fn new(fonts: &'f Fonts, ops: Vec<Op>) -> Self {
        Self { fonts, ops }
    }

    /// Text starting at `x` on the baseline `baseline` (mm from the top).
    pub fn text(&mut self, x: f32, baseline: f32, text: &str, style: Style) {
        let text = self.fonts.clean(text);
        if text.is_empty() {
            return;
        }
        let font = self.fonts.face(style.weight).id.clone();
        self.ops.extend([
            Op::SetFillColor { col: color(style.color) },
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(style.size) },
            Op::SetTextMatrix { matrix: TextMatrix::Translate(pt(x), pt(PAGE_H - baseline)) },
            Op::ShowText { items: vec![TextItem::Text(text)] },
            Op::EndTextSection,
        ]);
    }

    pub fn text_right(&mut self, right: f32, baseline: f32, text: &str, style: Style) {
        let w = self.width(text, style);
        self.text(right - w, baseline, text, style);
    }

    pub fn text_center(&mut self, center: f32, baseline: f32, text: &str, style: Style) {
        let w = self.width(text, style);
        self.text(center - w / 2.0, baseline, text, style);
    }

    pub fn width(&self, text: &str, style: Style) -> f32 {
        self.fonts.width(style.weight, style.size, &self.fonts.clean(text))
    }

    pub fn fill_rect(&mut self, x: f32, top: f32, w: f32, h: f32, fill: Rgb3) {
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        self.ops.push(Op::SetFillColor { col: color(fill) });
        self.ops.push(Op::DrawRectangle { rectangle: rect(x, top, w, h, PaintMode::Fill) });
    }

    pub fn stroke_rect(&mut self, x: f32, top: f32, w: f32, h: f32, stroke: Rgb3, width_pt: f32) {
        self.stroke_style(stroke, width_pt);
        self.ops.push(Op::DrawRectangle { rectangle: rect(x, top, w, h, PaintMode::Stroke) });
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), stroke: Rgb3, width_pt: f32) {
        self.polyline(&[from, to], stroke, width_pt, false);
    }

    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, stroke: Rgb3, width_pt: f32) {
        self.line((x1, y), (x2, y), stroke, width_pt);
    }

    /// An open path through `points`; `dashed` for reference lines.
    pub fn polyline(&mut self, points: &[(f32, f32)], stroke: Rgb3, width_pt: f32, dashed: bool) {
        if points.len() < 2 {
            return;
        }
        self.ops.push(Op::SaveGraphicsState);
        self.stroke_style(stroke, width_pt);
        if dashed {
            self.ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[2.5, 1.5]) });
        }
        let points = points.iter().map(|&(x, y)| LinePoint { p: point(x, y), bezier: false });
        self.ops.push(Op::DrawLine { line: Line { points: points.collect(), is_closed: false } });
        self.ops.push(Op::RestoreGraphicsState);
    }

    pub fn polygon(&mut self, points: &[(f32, f32)], fill: Rgb3) {
        let points = points.iter().map(|&(x, y)| LinePoint { p: point(x, y), bezier: false });
        self.ops.push(Op::SetFillColor { col: color(fill) });
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points: points.collect() }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    fn stroke_style(&mut self, stroke: Rgb3, width_pt: f32) {
        self.ops.push(Op::SetOutlineColor { col: color(stroke) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
    }
}

fn rect(x: f32, top: f32, w: f32, h: f32, mode: PaintMode) -> Rect {
    Rect {
        x: pt(x),
        y: pt(PAGE_H - top - h),
        width: pt(w),
        height: pt(h),
        mode: Some(mode),
        winding_order: Some(WindingOrder::NonZero),
    }
}

/// Content flowing down pages: `y` is the top of the next block on the current page.
pub(super) struct Canvas<'f> {
    pub p: Painter<'f>,
    pub y: f32,
    pages: Vec<Vec<Op>>,
}

impl<'f> Canvas<'f> {
    pub fn new(fonts: &'f Fonts) -> Self {
        Self { p: Painter::new(fonts, Vec::new()), y: FIRST_TOP, pages: Vec::new() }
    }

    pub fn fonts(&self) -> &'f Fonts {
        self.p.fonts
    }

    pub fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.p.ops));
        self.y = BODY_TOP;
    }

    /// Space left on the current page.
    pub fn room(&self) -> f32 {
        BODY_BOTTOM - self.y
    }

    /// Starts a new page unless `h` mm still fit. Returns true when it did. A block taller
    /// than a whole page is started on a fresh page rather than looping.
    pub fn ensure(&mut self, h: f32) -> bool {
        let at_top = self.y <= BODY_TOP + 0.01 && !self.pages.is_empty();
        if h > self.room() && !at_top {
            self.new_page();
            true
        } else {
            false
        }
    }

    pub fn gap(&mut self, h: f32) {
        self.y = (self.y + h).min(BODY_BOTTOM);
    }

    /// A wrapped paragraph across the content width (or from `indent`), breaking pages
    /// between lines.
    pub fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        let lines = self.fonts().wrap(style.weight, style.size, text, CONTENT_W - indent);
        for line in lines {
            self.ensure(style.line_height());
            let baseline = self.y + style.baseline_offset();
            self.p.text(LEFT + indent, baseline, &line, style);
            self.y += style.line_height();
        }
    }

    /// A bulleted paragraph, hanging indent.
    pub fn bullet(&mut self, text: &str, style: Style) {
        const INDENT: f32 = 5.0;
        let lines = self.fonts().wrap(style.weight, style.size, text, CONTENT_W - INDENT);
        self.ensure(style.line_height() * lines.len().min(2) as f32);
        for (i, line) in lines.iter().enumerate() {
            self.ensure(style.line_height());
            let baseline = self.y + style.baseline_offset();
            if i == 0 {
                self.p.text(LEFT + 1.2, baseline, "•", style.color(NAVY));
            }
            self.p.text(LEFT + INDENT, baseline, line, style);
            self.y += style.line_height();
        }
    }

    /// A numbered section heading with a rule, kept together with `keep` mm of what follows.
    pub fn heading(&mut self, title: &str, keep: f32) {
        let h = HEADING.line_height() + 2.5;
        if !self.ensure(h + keep) {
            self.gap(4.0);
        }
        let baseline = self.y + HEADING.baseline_offset();
        self.p.text(LEFT, baseline, title, HEADING);
        self.y += HEADING.line_height() + 0.8;
        self.p.hline(LEFT, RIGHT, self.y, NAVY, 0.8);
        self.y += 1.7;
    }

    /// A smaller heading inside a section.
    pub fn subheading(&mut self, title: &str, keep: f32) {
        let h = SUBHEADING.line_height() + 1.0;
        if !self.ensure(h + keep) {
            self.gap(2.0);
        }
        let baseline = self.y + SUBHEADING.baseline_offset();
        self.p.text(LEFT, baseline, title, SUBHEADING);
        self.y += h;
    }

    /// A key-figure box `w` × `h` mm at `x` on the current line (the canvas does not move):
    /// a muted label and a bold value, each shrinking a little rather than overflow, and an
    /// optional small note at the foot, on a tinted ground with a navy accent.
    pub fn figure_box(&mut self, x: f32, (w, h): (f32, f32), label: &str, value: &str, note: Option<&str>) {
        const ACCENT: f32 = 1.2;
        let top = self.y;
        let fonts = self.fonts();
        self.p.fill_rect(x, top, w, h, TINT);
        self.p.fill_rect(x, top, ACCENT, h, NAVY);
        let (tx, tw) = (x + ACCENT + 2.2, w - ACCENT - 3.4);
        let mut label_style = Style::new(Weight::Regular, 7.5, MUTED);
        while label_style.size > 6.5 && self.p.width(label, label_style) > tw {
            label_style.size -= 0.25;
        }
        let label_line = fonts.wrap_max(label_style.weight, label_style.size, label, tw, 1).concat();
        self.p.text(tx, top + 2.0 + label_style.baseline_offset(), &label_line, label_style);
        let mut value_style = Style::new(Weight::Bold, 15.0, NAVY);
        while value_style.size > 8.0 && self.p.width(value, value_style) > tw {
            value_style.size -= 0.5;
        }
        let value_line = fonts.wrap_max(value_style.weight, value_style.size, value, tw, 1).concat();
        self.p.text(tx, top + 12.0, &value_line, value_style);
        if let Some(note) = note {
            let st = Style::new(Weight::Regular, 7.0, INK);
            let line = fonts.wrap_max(st.weight, st.size, note, tw, 1).concat();
            self.p.text(tx, top + h - 2.2, &line, st);
        }
    }

    /// All pages, the current one included.
    pub fn finish(mut self) -> Vec<Vec<Op>> {
        self.pages.push(std::mem::take(&mut self.p.ops));
        self.pages
    }
}
