//! Tables that span pages: column widths from the content (numbers get what they need,
//! the text columns share the rest), cells wrapped by words and never cut, the header row
//! repeated on every page, numbers right-aligned.

use super::canvas::{
    BODY_BOTTOM, BODY_TOP, CAPTION, CELL, CELL_HEAD, CONTENT_W, Canvas, LEFT, NAVY, RULE, Style, TINT,
};
use super::font::Fonts;

/// Horizontal padding inside a cell, and vertical padding above and below its lines.
const PAD_X: f32 = 1.3;
const PAD_Y: f32 = 1.1;
/// Tables up to this height (mm) are kept on one page.
const KEEP_WHOLE: f32 = 90.0;
/// A fixed column grows no wider than this for its content (longer cells wrap), so one
/// absurd value cannot squeeze every other column.
const MAX_FIXED: f32 = 32.0;
/// A flexible (text) column is never squeezed below this, and word-sized columns wrap
/// rather than leave it less than this (or what its longest cell needs).
const FLEX_COMFORT: f32 = 60.0;
/// A flexible (text) column is never squeezed below this.
const MIN_FLEX: f32 = 28.0;
/// The smaller, muted second part of a cell.
const SUB: Style = CAPTION;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub(super) enum Align {
    Left,
    Right,
    Center,
}

/// How a column's width is found.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Sizing {
    /// As wide as its widest cell.
    Content,
    /// As wide as its longest word: short labels such as `Perangkat Daerah` wrap.
    Words,
    /// Shares whatever the other columns leave.
    Flex,
}

/// A column: its header, alignment and sizing.
pub(super) struct Column {
    pub header: &'static str,
    pub align: Align,
    sizing: Sizing,
}

impl Column {
    const fn new(header: &'static str, align: Align, sizing: Sizing) -> Self {
        Self { header, align, sizing }
    }
    pub const fn text(header: &'static str) -> Self {
        Self::new(header, Align::Left, Sizing::Content)
    }
    pub const fn words(header: &'static str) -> Self {
        Self::new(header, Align::Left, Sizing::Words)
    }
    pub const fn flex(header: &'static str) -> Self {
        Self::new(header, Align::Left, Sizing::Flex)
    }
    pub const fn number(header: &'static str) -> Self {
        Self::new(header, Align::Right, Sizing::Content)
    }
    pub const fn center(header: &'static str) -> Self {
        Self::new(header, Align::Center, Sizing::Content)
    }

    fn is_flex(&self) -> bool {
        self.sizing == Sizing::Flex
    }
}

/// A cell: its text, whether it is bold (totals), and an optional second part printed
/// smaller and muted below it (the NIP under a name).
pub(super) struct Cell {
    pub text: String,
    pub bold: bool,
    pub sub: String,
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Self {
        Self { text: text.into(), bold: false, sub: String::new() }
    }
}

pub(super) fn bold(text: impl Into<String>) -> Cell {
    Cell { text: text.into(), bold: true, sub: String::new() }
}

pub(super) fn with_sub(text: impl Into<String>, sub: impl Into<String>) -> Cell {
    Cell { text: text.into(), bold: false, sub: sub.into() }
}

impl Cell {
    fn style(&self) -> Style {
        if self.bold { CELL.bold() } else { CELL }
    }

    /// The cell's lines at `width` (inner width), each with its style.
    fn lines(&self, fonts: &Fonts, width: f32) -> Vec<Line> {
        let st = self.style();
        let mut lines: Vec<Line> =
            fonts.wrap(st.weight, st.size, &self.text, width).into_iter().map(|l| (l, st)).collect();
        if !self.sub.trim().is_empty() {
            let sub = fonts.wrap(SUB.weight, SUB.size, &self.sub, width);
            lines.extend(sub.into_iter().map(|l| (l, SUB)));
        }
        lines
    }
}

/// A wrapped line of a cell and its style.
type Line = (String, Style);

pub(super) struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Printed above the repeated header on continuation pages: `Peringkat Unit (lanjutan)`.
    pub continued: String,
    /// Total width in mm (from the left margin).
    pub width: f32,
}

impl Table {
    pub fn new(columns: Vec<Column>, continued: impl Into<String>) -> Self {
        Self { columns, rows: Vec::new(), continued: continued.into(), width: CONTENT_W }
    }

    pub fn with_width(mut self, width: f32) -> Self {
        self.width = width.clamp(20.0, CONTENT_W);
        self
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// What must fit below a heading for the table to start on this page: the whole
    /// table when it is short (it is then never split), else the header and three rows, so
    /// a table never starts with a lone row at the foot of a page.
    pub fn lead_height(&self, fonts: &Fonts) -> f32 {
        let widths = self.widths(fonts);
        let head_h = header_height(&self.header_lines(fonts, &widths));
        let rows: Vec<f32> = self.rows.iter().map(|r| row_height(&wrap_row(fonts, r, &widths))).collect();
        lead(head_h, &rows)
    }

    /// Draws the table at the canvas position, breaking pages between rows.
    pub fn draw(&self, c: &mut Canvas) {
        let fonts = c.fonts();
        let widths = self.widths(fonts);
        let head = self.header_lines(fonts, &widths);
        let head_h = header_height(&head);
        let max_row_h = BODY_BOTTOM - BODY_TOP - head_h - CAPTION.line_height();
        let rows: Vec<Vec<Vec<Line>>> = self
            .rows
            .iter()
            .map(|r| {
                let mut lines = wrap_row(fonts, r, &widths);
                cap_lines(fonts, &mut lines, &widths, max_row_h);
                lines
            })
            .collect();
        let heights: Vec<f32> = rows.iter().map(|r| row_height(r)).collect();
        c.ensure(lead(head_h, &heights));
        self.draw_header(c, &head, &widths, head_h);
        for (i, lines) in rows.iter().enumerate() {
            let h = row_height(lines);
            if h > c.room() {
                c.new_page();
                let baseline = c.y + CAPTION.baseline_offset();
                c.p.text(LEFT, baseline, &self.continued, CAPTION);
                c.y += CAPTION.line_height();
                self.draw_header(c, &head, &widths, head_h);
            }
            self.draw_row(c, lines, &widths, h, i % 2 == 1);
        }
        c.p.hline(LEFT, LEFT + self.width, c.y, NAVY, 0.6);
    }

    fn header_lines(&self, fonts: &Fonts, widths: &[f32]) -> Vec<Vec<String>> {
        self.columns
            .iter()
            .zip(widths)
            .map(|(col, &w)| fonts.wrap(CELL_HEAD.weight, CELL_HEAD.size, col.header, inner(w)))
            .collect()
    }

    fn draw_header(&self, c: &mut Canvas, head: &[Vec<String>], widths: &[f32], h: f32) {
        c.p.fill_rect(LEFT, c.y, self.width, h, NAVY);
        let mut x = LEFT;
        for ((col, lines), &w) in self.columns.iter().zip(head).zip(widths) {
            // Headers sit on the bottom of the band, like a spreadsheet's, so one-line and
            // two-line headers share their last baseline.
            let top = c.y + h - PAD_Y - lines.len() as f32 * CELL_HEAD.line_height();
            for (k, line) in lines.iter().enumerate() {
                let baseline = top + k as f32 * CELL_HEAD.line_height() + CELL_HEAD.baseline_offset();
                place(c, col.align, x, w, baseline, line, CELL_HEAD);
            }
            x += w;
        }
        c.y += h;
    }

    fn draw_row(&self, c: &mut Canvas, lines: &[Vec<Line>], widths: &[f32], h: f32, zebra: bool) {
        if zebra {
            c.p.fill_rect(LEFT, c.y, self.width, h, TINT);
        }
        let mut x = LEFT;
        for ((col, cell_lines), &w) in self.columns.iter().zip(lines).zip(widths) {
            let mut top = c.y + PAD_Y;
            for (line, st) in cell_lines {
                place(c, col.align, x, w, top + st.baseline_offset(), line, *st);
                top += st.line_height();
            }
            x += w;
        }
        c.y += h;
        c.p.hline(LEFT, LEFT + self.width, c.y, RULE, 0.3);
    }

    /// Column widths in mm, summing to the table width.
    fn widths(&self, fonts: &Fonts) -> Vec<f32> {
        let sizes: Vec<(f32, f32)> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, col)| {
                let widest = |measure: &dyn Fn(&Fonts, &Cell) -> f32| {
                    self.rows
                        .iter()
                        .filter_map(|r| r.get(i))
                        .map(|cell| measure(fonts, cell))
                        .fold(0.0, f32::max)
                };
                let head = col
                    .header
                    .split_whitespace()
                    .map(|w| fonts.width(CELL_HEAD.weight, CELL_HEAD.size, w))
                    .fold(0.0, f32::max);
                let pad = 2.0 * PAD_X + 0.4;
                let full = widest(&natural_width);
                match col.sizing {
                    Sizing::Content => {
                        let w = head.max(full.min(MAX_FIXED)) + pad;
                        (w, w)
                    }
                    Sizing::Words => (
                        head.max(widest(&longest_word).min(MAX_FIXED)) + pad,
                        head.max(full.min(MAX_FIXED)) + pad,
                    ),
                    Sizing::Flex => (head + pad, head.max(full) + pad),
                }
            })
            .collect();
        distribute(&self.columns, &sizes, self.width)
    }
}

/// See [`Table::lead_height`].
fn lead(head_h: f32, rows: &[f32]) -> f32 {
    let whole = head_h + rows.iter().sum::<f32>();
    if whole <= KEEP_WHOLE {
        whole
    } else {
        (head_h + rows.iter().take(3).sum::<f32>()).min(BODY_BOTTOM - BODY_TOP)
    }
}

/// The widest unwrapped line of a cell.
fn natural_width(fonts: &Fonts, cell: &Cell) -> f32 {
    let st = cell.style();
    let main = fonts.width(st.weight, st.size, &fonts.clean(&cell.text));
    let sub = fonts.width(SUB.weight, SUB.size, &fonts.clean(&cell.sub));
    main.max(sub)
}

/// The widest single word of a cell.
fn longest_word(fonts: &Fonts, cell: &Cell) -> f32 {
    let st = cell.style();
    let text = fonts.clean(&cell.text);
    text.split(' ').map(|w| fonts.width(st.weight, st.size, w)).fold(0.0, f32::max)
}

/// Widths from each column's (minimum, preferred) size. Word-sized columns get their
/// one-line width when the flexible columns keep a comfortable share anyway; fixed
/// columns then keep their width and the flexible ones share the rest. When that does not
/// fit, every column is scaled to the table width (cells then wrap).
fn distribute(columns: &[Column], sizes: &[(f32, f32)], width: f32) -> Vec<f32> {
    let flex_count = columns.iter().filter(|c| c.is_flex()).count();
    let pairs = || columns.iter().zip(sizes);
    let flex_pref = pairs().filter(|(c, _)| c.is_flex()).map(|(_, s)| s.1).fold(0.0, f32::max);
    let fixed_pref: f32 = pairs().filter(|(c, _)| !c.is_flex()).map(|(_, s)| s.1).sum();
    let roomy = flex_count == 0 || (width - fixed_pref) / flex_count as f32 >= flex_pref.min(FLEX_COMFORT);
    let natural: Vec<f32> =
        pairs().map(|(c, &(min, pref))| if c.is_flex() || !roomy { min } else { pref }).collect();
    let fixed: f32 = pairs().zip(&natural).filter(|((c, _), _)| !c.is_flex()).map(|(_, w)| w).sum();
    if flex_count > 0 && fixed + MIN_FLEX * flex_count as f32 <= width {
        let share = (width - fixed) / flex_count as f32;
        return columns.iter().zip(natural).map(|(c, w)| if c.is_flex() { share } else { w }).collect();
    }
    let natural: Vec<f32> =
        columns.iter().zip(natural).map(|(c, w)| if c.is_flex() { w.max(MIN_FLEX) } else { w }).collect();
    let total: f32 = natural.iter().sum();
    if total <= 0.0 {
        return vec![width / columns.len().max(1) as f32; columns.len()];
    }
    natural.iter().map(|w| w * width / total).collect()
}

fn inner(w: f32) -> f32 {
    (w - 2.0 * PAD_X).max(1.0)
}

fn wrap_row(fonts: &Fonts, row: &[Cell], widths: &[f32]) -> Vec<Vec<Line>> {
    row.iter().zip(widths).map(|(cell, &w)| cell.lines(fonts, inner(w))).collect()
}

fn header_height(head: &[Vec<String>]) -> f32 {
    let lines = head.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * CELL_HEAD.line_height() + 2.0 * PAD_Y
}

fn row_height(lines: &[Vec<Line>]) -> f32 {
    let tallest = lines
        .iter()
        .map(|cell| cell.iter().map(|(_, st)| st.line_height()).sum::<f32>())
        .fold(CELL.line_height(), f32::max);
    tallest + 2.0 * PAD_Y
}

/// Only for absurd input (a name of thousands of characters): a row taller than a page is
/// cut at the page, its last line ending in `…`, instead of running off it.
fn cap_lines(fonts: &Fonts, lines: &mut [Vec<Line>], widths: &[f32], max_h: f32) {
    let max_lines = (((max_h - 2.0 * PAD_Y) / CELL.line_height()).floor() as usize).max(1);
    for (cell, &w) in lines.iter_mut().zip(widths) {
        if cell.len() > max_lines {
            let st = cell[max_lines - 1].1;
            let rest: Vec<String> = cell[max_lines - 1..].iter().map(|(l, _)| l.clone()).collect();
            cell.truncate(max_lines - 1);
            let last = fonts.wrap_max(st.weight, st.size, &rest.join(" "), inner(w), 1);
            cell.extend(last.into_iter().map(|l| (l, st)));
        }
    }
}

fn place(c: &mut Canvas, align: Align, x: f32, w: f32, baseline: f32, text: &str, st: Style) {
    match align {
        Align::Left => c.p.text(x + PAD_X, baseline, text, st),
        Align::Right => c.p.text_right(x + w - PAD_X, baseline, text, st),
        Align::Center => c.p.text_center(x + w / 2.0, baseline, text, st),
    }
}
