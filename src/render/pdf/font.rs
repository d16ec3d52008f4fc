//! The embedded Noto Sans subsets (see `assets/fonts/make_fonts.sh`): loading them into the
//! document, measuring text with the font's own advance widths, and wrapping text to a
//! width. printpdf without `text_layout` has no layout engine, so this is ours.

use printpdf::{FontId, ParsedFont, PdfDocument};

use super::PdfError;

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.subset.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.subset.ttf");

/// Millimetres per PostScript point.
pub(super) const MM_PER_PT: f32 = 25.4 / 72.0;

/// Shown for characters the subset has no glyph for, so a name in another script never
/// turns into invisible `.notdef` boxes.
const FALLBACK: char = '?';

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub(super) enum Weight {
    Regular,
    Bold,
}

/// One face: its id in the document and the metrics used for measuring.
pub(super) struct Face {
    pub id: FontId,
    metrics: ParsedFont,
}

impl Face {
    fn load(doc: &mut PdfDocument, bytes: &[u8], name: &'static str) -> Result<Self, PdfError> {
        let mut warnings = Vec::new();
        let mut metrics =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or(PdfError::FontUnreadable { font: name })?;
        // The PDF's /BaseFont; without it printpdf uses its random resource id.
        metrics.font_name = Some(name.to_string());
        if metrics.units_per_em == 0 {
            return Err(PdfError::FontBroken { font: name });
        }
        let id = doc.add_font(&metrics);
        Ok(Self { id, metrics })
    }

    fn has(&self, c: char) -> bool {
        self.metrics.lookup_glyph_index(c as u32).is_some()
    }

    /// Advance of `c` in font units (the fallback's advance when the glyph is missing).
    fn advance(&self, c: char) -> u32 {
        let glyph = self
            .metrics
            .lookup_glyph_index(c as u32)
            .or_else(|| self.metrics.lookup_glyph_index(FALLBACK as u32))
            .unwrap_or(0);
        u32::from(self.metrics.get_glyph_width(glyph).unwrap_or(0))
    }
}

/// The regular and bold faces of the report.
pub(super) struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    pub fn load(doc: &mut PdfDocument) -> Result<Self, PdfError> {
        Ok(Self {
            regular: Face::load(doc, REGULAR, "NotoSans-Regular")?,
            bold: Face::load(doc, BOLD, "NotoSans-Bold")?,
        })
    }

    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Width of `text` in millimetres (kerning ignored: good enough for cells and labels).
    pub fn width(&self, weight: Weight, size_pt: f32, text: &str) -> f32 {
        let face = self.face(weight);
        let units: u32 = text.chars().map(|c| face.advance(c)).sum();
        units as f32 * size_pt / f32::from(face.metrics.units_per_em) * MM_PER_PT
    }

    /// The text as it will be printed: whitespace (line breaks and tabs from spreadsheet
    /// cells included) collapsed to single spaces, characters the font lacks replaced.
    pub fn clean(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(word.chars().map(|c| self.printable(c)));
        }
        out
    }

    fn printable(&self, c: char) -> char {
        let c = match c {
            '\u{2212}' => '-',
            '\u{2713}' | '\u{2714}' | '\u{221A}' => 'v',
            other => other,
        };
        if self.regular.has(c) && self.bold.has(c) { c } else { FALLBACK }
    }

    /// Greedy word wrap to `max_mm`; a word wider than the line is broken between
    /// characters. Always returns at least one line (possibly empty).
    pub fn wrap(&self, weight: Weight, size_pt: f32, text: &str, max_mm: f32) -> Vec<String> {
        let text = self.clean(text);
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if self.width(weight, size_pt, &candidate) <= max_mm {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if self.width(weight, size_pt, word) <= max_mm {
                line = word.to_string();
            } else {
                let mut pieces = self.break_word(weight, size_pt, word, max_mm);
                line = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Splits a single over-long word into pieces that each fit (at least one character
    /// per piece, so a column narrower than one glyph cannot loop forever).
    fn break_word(&self, weight: Weight, size_pt: f32, word: &str, max_mm: f32) -> Vec<String> {
        let mut pieces = Vec::new();
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if piece.chars().count() > 1 && self.width(weight, size_pt, &piece) > max_mm {
                piece.pop();
                pieces.push(std::mem::replace(&mut piece, c.to_string()));
            }
        }
        pieces.push(piece);
        pieces
    }

    /// Wraps like [`Fonts::wrap`] but keeps at most `max_lines` lines, ending the last
    /// kept line with `…` when text had to be dropped. For chart labels, where the full
    /// name is printed in the table anyway.
    pub fn wrap_max(
        &self,
        weight: Weight,
        size_pt: f32,
        text: &str,
        max_mm: f32,
        max_lines: usize,
    ) -> Vec<String> {
        let mut lines = self.wrap(weight, size_pt, text, max_mm);
        let max_lines = max_lines.max(1);
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                *last = self.ellipsize(weight, size_pt, last, max_mm);
            }
        }
        lines
    }

    /// `text` shortened until `text…` fits in `max_mm`.
    fn ellipsize(&self, weight: Weight, size_pt: f32, text: &str, max_mm: f32) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        loop {
            let candidate: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
            if chars.is_empty() || self.width(weight, size_pt, &candidate) <= max_mm {
                return candidate;
            }
            chars.pop();
        }
    }
}
