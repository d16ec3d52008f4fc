//! How much memory calamine will spend on an `.ods` workbook, judged from `content.xml`
//! *before* calamine reads it. calamine builds every sheet of an ods file when it opens it, and
//! three attributes multiply a few bytes of XML: `table:number-rows-repeated`,
//! `table:number-columns-repeated` (each repeated cell is a separate value, and rows repeated
//! between the first and the last filled row are copied out in full) and `text:c` of `<text:s>`
//! (that many spaces are appended to the cell text). A 10 KB file can so ask for terabytes and
//! the process is killed; no panic guard helps.
//!
//! The scanner is a small streaming XML tokenizer that never holds more than a tag name and a
//! few short attribute values, fed the inflated part in pieces. It mirrors calamine's
//! `read_table` / `read_row` / `get_range` arithmetic and errs on the large side where it has to
//! guess (any `office:value-type` counts as a filled cell, annotation text counts as text).

/// What calamine would build for the workbook.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Estimate {
    /// Per sheet (`table:name`, lossy, cut): the cells of the dense grid calamine allocates
    /// (values and formulas each have one grid of this size).
    pub sheets: Vec<(String, u64)>,
    /// Cells pushed while reading rows, before the grids are trimmed (repeated filled cells).
    pub row_cells: u64,
    /// Bytes of cell text and formula text, counting every repetition.
    pub text_bytes: u64,
}

impl Estimate {
    pub fn dense_total(&self) -> u64 {
        self.sheets.iter().fold(0u64, |a, (_, n)| a.saturating_add(*n))
    }
}

const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;
const NAME_CAP: usize = 64;
const VALUE_CAP: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum St {
    Text,
    Lt,
    Name,
    Space,
    AttrName,
    AfterAttrName,
    BeforeValue,
    Value(u8),
    Slash,
    EndName,
    Bang,
    Comment(u8),
    CData(u8),
    Pi(bool),
    Doctype { depth: u32, quote: u8 },
}

/// One row as calamine keeps it before `get_range`.
#[derive(Clone, Copy, Debug, Default)]
struct Row {
    repeats: u64,
    /// First and last filled column (pushed index), if any.
    filled: Option<(u64, u64)>,
    text: u64,
}

#[derive(Default)]
struct Sheet {
    name: String,
    rows_total: u64,
    /// Only rows from the first filled one on are kept, with the empty rows before the
    /// next filled one folded into a running sum.
    first_filled: bool,
    pending_rows: u64,
    pending_text: u64,
    rows_expanded: u64,
    col_min: u64,
    col_max: u64,
    text: u64,
}

#[derive(Default)]
struct Cell {
    repeats: u64,
    filled: bool,
    text: u64,
    depth: u32,
}

/// Streaming scanner; feed it the XML in pieces, then call [`Scanner::finish`].
pub struct Scanner {
    st: St,
    name: Vec<u8>,
    name_long: bool,
    attr: Vec<u8>,
    value: Vec<u8>,
    value_len: u64,
    value_long: bool,
    bang: Vec<u8>,
    // Attributes of the tag being read.
    rows_repeated: Option<u64>,
    cols_repeated: Option<u64>,
    text_c: Option<u64>,
    has_value: bool,
    is_string: bool,
    attr_text: u64,
    table_name: Option<String>,
    // Model.
    table_depth: u32,
    sheet: Option<Sheet>,
    row: Option<(Row, u64 /* pushed */, u64 /* deferred empties */)>,
    cell: Option<Cell>,
    est: Estimate,
}

impl Default for Scanner {
    fn default() -> Self {
        Self::new()
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Inside a comment, counting the dashes before a `>`.
fn in_comment(dashes: u8, b: u8) -> St {
    match b {
        b'-' => St::Comment((dashes + 1).min(2)),
        b'>' if dashes >= 2 => St::Text,
        _ => St::Comment(0),
    }
}

/// Inside CDATA, counting the brackets before a `>`.
fn in_cdata(brackets: u8, b: u8) -> St {
    match b {
        b']' => St::CData((brackets + 1).min(2)),
        b'>' if brackets >= 2 => St::Text,
        _ => St::CData(0),
    }
}

/// Inside a processing instruction; `question` after a `?`.
fn in_pi(question: bool, b: u8) -> St {
    match b {
        b'>' if question => St::Text,
        b'?' => St::Pi(true),
        _ => St::Pi(false),
    }
}

/// Inside a DOCTYPE, with its nested brackets and quoted strings.
fn in_doctype(depth: u32, quote: u8, b: u8) -> St {
    if quote != 0 {
        return St::Doctype { depth, quote: if b == quote { 0 } else { quote } };
    }
    match b {
        b'"' | b'\'' => St::Doctype { depth, quote: b },
        b'[' => St::Doctype { depth: depth + 1, quote },
        b']' => St::Doctype { depth: depth.saturating_sub(1), quote },
        b'>' if depth == 0 => St::Text,
        _ => St::Doctype { depth, quote },
    }
}

/// A repeat count or `text:c` as calamine parses it (`usize::from_str`), after resolving the
/// character references it resolves. `None` when calamine would fail (it then reads nothing).
fn number(raw: &[u8], long: bool, unescape: bool) -> Result<u64, ()> {
    if long {
        return Err(());
    }
    let text = String::from_utf8_lossy(raw);
    let text =
        if unescape && text.contains('&') { unescape_refs(&text).ok_or(())? } else { text.into_owned() };
    match text.parse::<u64>() {
        Ok(n) => Ok(n),
        Err(e) if matches!(e.kind(), std::num::IntErrorKind::PosOverflow) => Ok(u64::MAX),
        Err(_) => Err(()),
    }
}

fn unescape_refs(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';')? + i;
        let ent = &rest[i + 1..end];
        let ch = match ent {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(h) = ent.strip_prefix("#x") {
                    u32::from_str_radix(h, 16).ok()?
                } else {
                    ent.strip_prefix('#')?.parse::<u32>().ok()?
                };
                char::from_u32(code)?
            }
        };
        out.push(ch);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

impl Scanner {
    pub fn new() -> Self {
        Self {
            st: St::Text,
            name: Vec::new(),
            name_long: false,
            attr: Vec::new(),
            value: Vec::new(),
            value_len: 0,
            value_long: false,
            bang: Vec::new(),
            rows_repeated: None,
            cols_repeated: None,
            text_c: None,
            has_value: false,
            is_string: false,
            attr_text: 0,
            table_name: None,
            table_depth: 0,
            sheet: None,
            row: None,
            cell: None,
            est: Estimate::default(),
        }
    }

    pub fn feed(&mut self, data: &[u8]) {
        let mut i = 0;
        while i < data.len() {
            if self.step(data[i]) {
                i += 1;
            }
        }
    }

    /// One byte in the current state; `false` when the byte only ended the state and is read
    /// again in the next one.
    fn step(&mut self, b: u8) -> bool {
        match self.st {
            St::Text => self.in_text(b),
            St::Lt => self.after_lt(b),
            St::Name => self.in_name(b),
            St::Space => self.in_tag(b),
            St::AttrName => self.in_attr_name(b),
            St::AfterAttrName => self.after_attr_name(b),
            St::BeforeValue => self.before_value(b),
            St::Value(quote) => self.in_value(b, quote),
            St::Slash => return self.after_slash(b),
            St::EndName => self.in_end_name(b),
            St::Bang => return self.after_bang(b),
            St::Comment(dashes) => self.st = in_comment(dashes, b),
            St::CData(brackets) => {
                self.st = in_cdata(brackets, b);
                self.text(1);
            }
            St::Pi(question) => self.st = in_pi(question, b),
            St::Doctype { depth, quote } => self.st = in_doctype(depth, quote, b),
        }
        true
    }

    fn in_text(&mut self, b: u8) {
        if b == b'<' {
            self.st = St::Lt;
        } else {
            self.text(1);
        }
    }

    fn after_lt(&mut self, b: u8) {
        match b {
            b'/' => {
                self.start_tag_name();
                self.st = St::EndName;
            }
            b'!' => {
                self.bang.clear();
                self.st = St::Bang;
            }
            b'?' => self.st = St::Pi(false),
            _ => {
                self.start_tag_name();
                self.push_name(b);
                self.st = St::Name;
            }
        }
    }

    fn in_name(&mut self, b: u8) {
        match b {
            _ if is_ws(b) => self.st = St::Space,
            b'/' => self.st = St::Slash,
            b'>' => self.tag_ends(),
            _ => self.push_name(b),
        }
    }

    /// Between attributes.
    fn in_tag(&mut self, b: u8) {
        match b {
            _ if is_ws(b) => {}
            b'/' => self.st = St::Slash,
            b'>' => self.tag_ends(),
            _ => self.start_attr(b),
        }
    }

    fn in_attr_name(&mut self, b: u8) {
        match b {
            b'=' => self.st = St::BeforeValue,
            _ if is_ws(b) => self.st = St::AfterAttrName,
            b'>' => self.tag_ends(),
            b'/' => self.st = St::Slash,
            _ => {
                if self.attr.len() < NAME_CAP {
                    self.attr.push(b);
                }
            }
        }
    }

    fn after_attr_name(&mut self, b: u8) {
        match b {
            _ if is_ws(b) => {}
            b'=' => self.st = St::BeforeValue,
            b'>' => self.tag_ends(),
            _ => self.start_attr(b),
        }
    }

    fn before_value(&mut self, b: u8) {
        match b {
            _ if is_ws(b) => {}
            b'"' | b'\'' => self.start_value(b),
            b'>' => self.tag_ends(),
            _ => {
                // Unquoted: calamine's parser fails on it; count it as a value.
                self.start_value(b' ');
                self.value_len = 1;
                self.value.push(b);
            }
        }
    }

    /// Inside an attribute value quoted with `quote` (a space: unquoted).
    fn in_value(&mut self, b: u8, quote: u8) {
        if b == quote || (quote == b' ' && (is_ws(b) || b == b'>')) {
            self.end_attr();
            if quote == b' ' && b == b'>' {
                self.tag_ends();
            } else {
                self.st = St::Space;
            }
        } else {
            self.value_len += 1;
            if self.value.len() < VALUE_CAP {
                self.value.push(b);
            } else {
                self.value_long = true;
            }
        }
    }

    fn after_slash(&mut self, b: u8) -> bool {
        if b == b'>' {
            self.start_tag(true);
            self.st = St::Text;
            true
        } else {
            self.st = St::Space;
            false
        }
    }

    fn in_end_name(&mut self, b: u8) {
        if b == b'>' {
            self.end_tag();
            self.st = St::Text;
        } else if !is_ws(b) {
            self.push_name(b);
        }
    }

    /// After `<!`: a comment, CDATA, or else a DOCTYPE (which reads this byte again).
    fn after_bang(&mut self, b: u8) -> bool {
        self.bang.push(b);
        if self.bang == b"--" {
            self.st = St::Comment(0);
        } else if self.bang == b"[CDATA[" {
            self.st = St::CData(0);
        } else if !(b"--".starts_with(&self.bang) || b"[CDATA[".starts_with(&self.bang)) {
            self.st = St::Doctype { depth: 0, quote: 0 };
            self.bang.clear();
            return false;
        }
        true
    }

    /// The `>` of a start tag.
    fn tag_ends(&mut self) {
        self.start_tag(false);
        self.st = St::Text;
    }

    /// An attribute value quoted with `quote` (a space: unquoted) begins.
    fn start_value(&mut self, quote: u8) {
        self.value.clear();
        self.value_len = 0;
        self.value_long = false;
        self.st = St::Value(quote);
    }

    fn start_attr(&mut self, b: u8) {
        self.attr.clear();
        self.attr.push(b);
        self.st = St::AttrName;
    }

    fn start_tag_name(&mut self) {
        self.name.clear();
        self.name_long = false;
        self.rows_repeated = None;
        self.cols_repeated = None;
        self.text_c = None;
        self.has_value = false;
        self.is_string = false;
        self.attr_text = 0;
        self.table_name = None;
    }

    fn push_name(&mut self, b: u8) {
        if self.name.len() < NAME_CAP {
            self.name.push(b);
        } else {
            self.name_long = true;
        }
    }

    fn end_attr(&mut self) {
        let v = &self.value;
        let long = self.value_long;
        match self.attr.as_slice() {
            b"table:number-rows-repeated" => {
                // calamine fails on a count it cannot parse, and then builds nothing.
                self.rows_repeated = Some(number(v, long, true).unwrap_or(1));
            }
            b"table:number-columns-repeated" => {
                self.cols_repeated = Some(number(v, long, false).unwrap_or(1));
            }
            b"text:c" => self.text_c = Some(number(v, long, true).unwrap_or(1)),
            b"office:value-type" => {
                self.has_value = true;
                self.is_string = v.as_slice() == b"string";
            }
            b"office:value"
            | b"office:date-value"
            | b"office:time-value"
            | b"office:boolean-value"
            | b"calcext:value-type" => self.has_value = true,
            b"office:string-value" | b"table:formula" => {
                self.has_value = true;
                self.attr_text = self.attr_text.saturating_add(self.value_len);
            }
            b"table:name" => self.table_name = Some(String::from_utf8_lossy(v).chars().take(60).collect()),
            _ => {}
        }
    }

    fn is(&self, name: &[u8]) -> bool {
        !self.name_long && self.name == name
    }

    fn text(&mut self, n: u64) {
        if let Some(c) = &mut self.cell {
            c.text = c.text.saturating_add(n);
        }
    }

    fn start_tag(&mut self, self_closing: bool) {
        if self.cell.is_some() && (self.is(b"table:table") || self.is(b"table:table-row")) {
            // calamine skips whatever a cell holds besides its text.
            return;
        }
        if self.is(b"table:table") {
            self.table_depth += 1;
            if self.table_depth == 1 {
                self.sheet = Some(Sheet {
                    name: self.table_name.clone().unwrap_or_default(),
                    col_min: u64::MAX,
                    ..Sheet::default()
                });
            }
            if self_closing {
                self.end_table();
            }
        } else if self.is(b"table:table-row") {
            self.end_row();
            let remaining = match &self.sheet {
                Some(s) => MAX_ROWS.saturating_sub(s.rows_total),
                None => MAX_ROWS,
            };
            let repeats = self.rows_repeated.unwrap_or(1).min(remaining);
            if let Some(s) = &mut self.sheet {
                s.rows_total = s.rows_total.saturating_add(repeats);
            }
            self.row = Some((Row { repeats, ..Row::default() }, 0, 0));
            if self_closing {
                self.end_row();
            }
        } else if self.is(b"table:table-cell") || self.is(b"table:covered-table-cell") {
            if let Some(c) = &mut self.cell {
                // A cell inside a cell (an annotation's table): part of the outer cell's text.
                c.depth += 1;
                return;
            }
            self.cell = Some(Cell {
                repeats: self.cols_repeated.unwrap_or(1),
                filled: self.has_value,
                text: if self.is_string { self.attr_text.max(1) } else { self.attr_text },
                depth: 0,
            });
            if self_closing {
                self.end_cell();
            }
        } else if self.is(b"text:s") {
            self.text(self.text_c.unwrap_or(1));
        } else if self.is(b"text:p") || self.is(b"text:line-break") || self.is(b"text:tab") {
            self.text(1);
        }
    }

    fn end_tag(&mut self) {
        if self.is(b"table:table-cell") || self.is(b"table:covered-table-cell") {
            match &mut self.cell {
                Some(c) if c.depth > 0 => c.depth -= 1,
                Some(_) => self.end_cell(),
                None => {}
            }
        } else if self.cell.is_some() {
            // The end of something inside a cell.
        } else if self.is(b"table:table-row") {
            self.end_row();
        } else if self.is(b"table:table") {
            self.end_table();
        }
    }

    fn end_cell(&mut self) {
        let Some(cell) = self.cell.take() else { return };
        let Some((row, pushed, deferred)) = &mut self.row else { return };
        let flush = (*deferred).min(MAX_COLUMNS.saturating_sub(*pushed));
        *pushed += flush;
        *deferred = 0;
        let repeats = cell.repeats.min(MAX_COLUMNS.saturating_sub(*pushed));
        if cell.filled {
            let first = *pushed;
            *pushed += repeats;
            if repeats > 0 {
                row.filled = Some(match row.filled {
                    Some((a, _)) => (a, *pushed - 1),
                    None => (first, *pushed - 1),
                });
            }
            row.text = row.text.saturating_add(cell.text.saturating_mul(repeats));
        } else {
            *deferred = repeats;
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        let Some((row, pushed, _)) = self.row.take() else { return };
        self.est.row_cells = self.est.row_cells.saturating_add(pushed);
        self.est.text_bytes = self.est.text_bytes.saturating_add(row.text);
        let Some(s) = &mut self.sheet else { return };
        match row.filled {
            Some((a, z)) => {
                if s.first_filled {
                    s.rows_expanded = s.rows_expanded.saturating_add(s.pending_rows);
                    s.text = s.text.saturating_add(s.pending_text);
                }
                s.first_filled = true;
                s.pending_rows = 0;
                s.pending_text = 0;
                s.rows_expanded = s.rows_expanded.saturating_add(row.repeats);
                s.text = s.text.saturating_add(row.text.saturating_mul(row.repeats));
                s.col_min = s.col_min.min(a);
                s.col_max = s.col_max.max(z);
            }
            None => {
                if s.first_filled {
                    s.pending_rows = s.pending_rows.saturating_add(row.repeats);
                }
            }
        }
    }

    fn end_table(&mut self) {
        self.end_row();
        self.table_depth = self.table_depth.saturating_sub(1);
        if self.table_depth > 0 {
            return;
        }
        if let Some(s) = self.sheet.take() {
            let width = if s.first_filled { s.col_max.saturating_sub(s.col_min) + 1 } else { 0 };
            let dense = s.rows_expanded.saturating_mul(width);
            self.est.text_bytes = self.est.text_bytes.saturating_add(s.text);
            self.est.sheets.push((s.name, dense));
        }
    }

    /// Tables seen so far.
    pub fn sheets_seen(&self) -> usize {
        self.est.sheets.len()
    }

    /// Whether what has been seen so far already exceeds the given limits (to stop early).
    pub fn exceeds(&self, per_sheet: u64, per_workbook: u64, text: u64) -> bool {
        let current = self.sheet.as_ref().map_or(0, |s| {
            let width = if s.first_filled { s.col_max.saturating_sub(s.col_min) + 1 } else { 0 };
            s.rows_expanded.saturating_mul(width)
        });
        current > per_sheet
            || self.est.sheets.iter().any(|(_, n)| *n > per_sheet)
            || self.est.dense_total().saturating_add(current) > per_workbook
            || self.est.row_cells > per_workbook
            || self.est.text_bytes > text
    }

    /// The estimate, closing whatever the XML left open.
    pub fn finish(mut self) -> Estimate {
        self.table_depth = self.table_depth.min(1);
        self.end_table();
        self.est
    }
}

/// Scans a whole `content.xml` held in memory.
pub fn scan(xml: &[u8]) -> Estimate {
    let mut s = Scanner::new();
    s.feed(xml);
    s.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_rows_and_columns_are_counted() {
        let xml = br#"<office:document-content><office:body><office:spreadsheet>
            <table:table table:name="Data"><table:table-row table:number-rows-repeated="1000">
            <table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="10"/>
            <table:table-cell table:number-columns-repeated="1000"/></table:table-row>
            <table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>"#;
        let e = scan(xml);
        assert_eq!(e.sheets, vec![("Data".to_string(), 10_000)]);
        assert_eq!(e.row_cells, 10);
    }

    #[test]
    fn text_spaces_are_counted() {
        let xml = br#"<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/></text:p></table:table-cell></table:table-row></table:table>"#;
        let e = scan(xml);
        assert!(e.text_bytes >= 4_000_000_000, "{e:?}");
        // Split anywhere, the answer is the same.
        for cut in [1, 7, 50, 100] {
            let mut s = Scanner::new();
            for piece in xml.chunks(cut) {
                s.feed(piece);
            }
            assert_eq!(s.finish(), e);
        }
    }

    #[test]
    fn filled_rows_between_copy_the_empty_rows() {
        let xml = br#"<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string" office:string-value="x"/></table:table-row>
            <table:table-row table:number-rows-repeated="500000"><table:table-cell/></table:table-row>
            <table:table-row><table:table-cell table:number-columns-repeated="99"/><table:table-cell office:value-type="float" office:value="2"/></table:table-row></table:table>"#;
        let e = scan(xml);
        assert_eq!(e.sheets, vec![("S".to_string(), 500_002 * 100)]);
    }
}
