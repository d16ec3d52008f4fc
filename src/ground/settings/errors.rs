//! Where a configuration error sits and what it says (issue 19): every message names the table
//! and key as the file writes them (`[penilaian] bobot_hasil`), the line, what is wrong — the
//! expected kind and the value found — and how to fix it.

use std::fmt::Write as _;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::*;
use crate::ground::model::quote_value;

/// One step of a key path: a key, or the n-th element (from 0) of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Where a value sits in the configuration, from the top: `jadwal.unit[1].hari.sabtu`.
/// Shown as the spec writes it (`[[jadwal.unit]] ke-2 hari.sabtu`); a message about a file
/// shows it as that file writes it (`Doc::locate`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyPath(pub Vec<Seg>);

/// The tables written `[[...]]`, whose elements are named `[[unit]] ke-2`.
pub(super) const ARRAY_TABLES: &[&[&str]] = &[&["unit"], &["jadwal", "unit"], &["kbk", "penilaian"]];

impl KeyPath {
    /// The path of dotted keys: `KeyPath::of("penilaian.bobot_hasil")`.
    pub fn of(dotted: &str) -> Self {
        Self(dotted.split('.').filter(|k| !k.is_empty()).map(|k| Seg::Key(k.to_string())).collect())
    }

    pub fn key(mut self, key: &str) -> Self {
        self.0.push(Seg::Key(key.to_string()));
        self
    }

    pub fn index(mut self, i: usize) -> Self {
        self.0.push(Seg::Index(i));
        self
    }

    /// How many leading steps name the table, and whether it is an array table, when the
    /// file does not tell: an array table with its element, else the top-level table.
    pub(super) fn spec_header(&self) -> (usize, bool) {
        for table in ARRAY_TABLES {
            let under = self.0.len() >= table.len()
                && self.0.iter().zip(table.iter()).all(|(s, k)| matches!(s, Seg::Key(x) if x == k));
            if under {
                let element = matches!(self.0.get(table.len()), Some(Seg::Index(_)));
                return (table.len() + usize::from(element), true);
            }
        }
        (usize::from(!self.0.is_empty()), false)
    }

    /// The first `header` steps as a table header (`[a.b]`, `[[a.b]] ke-2`), the rest as keys
    /// (`hari.sabtu`, `predikat ke-3 min`).
    pub(super) fn render(&self, header: usize, array: bool) -> String {
        let (head, rest) = self.0.split_at(header.min(self.0.len()));
        let mut out = String::new();
        if !head.is_empty() {
            let names: Vec<&str> = head
                .iter()
                .filter_map(|s| match s {
                    Seg::Key(k) => Some(k.as_str()),
                    Seg::Index(_) => None,
                })
                .collect();
            let name = names.join(".");
            let _ = if array { write!(out, "[[{name}]]") } else { write!(out, "[{name}]") };
            if let Some(Seg::Index(i)) = head.last() {
                let _ = write!(out, " ke-{}", i + 1);
            }
        }
        let mut joined = false;
        for seg in rest {
            match seg {
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push(if joined { '.' } else { ' ' });
                    }
                    out.push_str(k);
                    joined = true;
                }
                Seg::Index(i) => {
                    let _ = write!(out, " ke-{}", i + 1);
                    joined = false;
                }
            }
        }
        out
    }
}

impl std::fmt::Display for KeyPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (header, array) = self.spec_header();
        f.write_str(&self.render(header, array))
    }
}

/// The configuration text parsed with the position of every key and value; `None` when the
/// text is not valid TOML.
pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) root: Option<DeTable<'a>>,
}

/// How far a key path was found in a `Doc`.
pub(super) struct Walk<'d, 'a> {
    /// Steps found.
    pub(super) found: usize,
    /// Steps that name the table as the file writes its header (`[jadwal.hari]` = 2), and
    /// whether it is an array table; `None` when no header of the path is written.
    pub(super) header: Option<(usize, bool)>,
    /// Where the deepest step found is written (its key, or the element).
    pub(super) offset: Option<usize>,
    pub(super) value: Option<&'d Spanned<DeValue<'a>>>,
    /// The walk stopped at a list element that is not there.
    pub(super) stopped_at_index: bool,
}

impl<'a> Doc<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self { text, root: DeTable::parse(text).ok().map(Spanned::into_inner) }
    }

    pub(super) fn source(&self, span: std::ops::Range<usize>) -> &'a str {
        self.text.get(span).unwrap_or("")
    }

    pub(super) fn walk(&self, path: &KeyPath) -> Walk<'_, 'a> {
        let mut w = Walk { found: 0, header: None, offset: None, value: None, stopped_at_index: false };
        let Some(root) = &self.root else { return w };
        for (n, seg) in path.0.iter().enumerate() {
            let next = match (seg, w.value.map(Spanned::get_ref)) {
                (Seg::Key(k), None) if n == 0 => find_key(root, k),
                (Seg::Key(k), Some(DeValue::Table(t))) => find_key(t, k),
                (Seg::Index(i), Some(DeValue::Array(a))) => a.get(*i).map(|v| (v.span().start, v)),
                _ => None,
            };
            let Some((offset, value)) = next else {
                w.stopped_at_index = matches!(seg, Seg::Index(_));
                break;
            };
            let written = self.source(value.span());
            if matches!(value.get_ref(), DeValue::Table(_)) && written.starts_with('[') {
                w.header = Some((n + 1, written.starts_with("[[")));
            }
            w.found = n + 1;
            w.offset = Some(offset);
            w.value = Some(value);
        }
        w
    }

    /// The line and the `[tabel] kunci` of the first candidate the file writes; when it
    /// writes none, the line of the nearest enclosing table of the first.
    pub(super) fn locate(&self, candidates: &[&KeyPath]) -> (usize, String) {
        let walks: Vec<(&KeyPath, Walk)> = candidates.iter().map(|&p| (p, self.walk(p))).collect();
        let chosen = walks.iter().find(|(p, w)| w.found == p.0.len()).or(walks.first());
        let Some((path, w)) = chosen else { return (1, String::new()) };
        let line = w.offset.map_or(1, |o| line_of(self.text, o));
        (line, self.place(path, w))
    }

    /// `[tabel] kunci` of `path` as the file writes it. A list element that is not there
    /// (`kode = "B"` named as `kode ke-1`) is named by its list.
    pub(super) fn place(&self, path: &KeyPath, w: &Walk) -> String {
        let path = if w.stopped_at_index { KeyPath(path.0[..w.found].to_vec()) } else { path.clone() };
        let (header, array) = w.header.unwrap_or_else(|| path.spec_header());
        // A top-level key that holds no table (`x = 1`) has no table to name.
        let bare =
            path.0.len() == 1 && !array && w.value.is_some_and(|v| !matches!(v.get_ref(), DeValue::Table(_)));
        if bare { path.render(0, false) } else { path.render(header, array) }
    }

    /// The deepest key or value written at byte `offset`.
    pub(super) fn path_at(&self, offset: usize) -> Option<KeyPath> {
        let root = self.root.as_ref()?;
        let mut best: Option<KeyPath> = None;
        let mut path = KeyPath::default();
        let mut visit = |p: &KeyPath, key: Option<std::ops::Range<usize>>, value: std::ops::Range<usize>| {
            let hit = |s: std::ops::Range<usize>| s.start <= offset && offset < s.end.max(s.start + 1);
            if (key.is_some_and(hit) || hit(value)) && best.as_ref().is_none_or(|b| p.0.len() > b.0.len()) {
                best = Some(p.clone());
            }
        };
        for (k, v) in root.iter() {
            path.0.push(Seg::Key(k.get_ref().to_string()));
            visit_value(v, Some(k.span()), &mut path, &mut visit);
            path.0.pop();
        }
        best
    }
}

pub(super) fn find_key<'d, 'a>(
    table: &'d DeTable<'a>,
    key: &str,
) -> Option<(usize, &'d Spanned<DeValue<'a>>)> {
    table.iter().find(|(k, _)| k.get_ref() == key).map(|(k, v)| (k.span().start, v))
}

/// Calls `f` with every key or element under `value` (and `value` itself) and where they are written.
pub(super) fn visit_value(
    value: &Spanned<DeValue<'_>>,
    key: Option<std::ops::Range<usize>>,
    path: &mut KeyPath,
    f: &mut impl FnMut(&KeyPath, Option<std::ops::Range<usize>>, std::ops::Range<usize>),
) {
    f(path, key, value.span());
    match value.get_ref() {
        DeValue::Table(t) => {
            for (k, v) in t.iter() {
                path.0.push(Seg::Key(k.get_ref().to_string()));
                visit_value(v, Some(k.span()), path, f);
                path.0.pop();
            }
        }
        DeValue::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                path.0.push(Seg::Index(i));
                visit_value(v, None, path, f);
                path.0.pop();
            }
        }
        _ => {}
    }
}

/// The kinds of value a configuration key takes, named as the messages name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Number,
    Integer,
    Text,
    List,
    Table,
    Bool,
    Date,
}

impl Kind {
    pub(super) fn word(self) -> &'static str {
        match self {
            Kind::Number => "angka",
            Kind::Integer => "bilangan bulat",
            Kind::Text => "teks",
            Kind::List => "daftar",
            Kind::Table => "tabel",
            Kind::Bool => "nilai benar/salah",
            Kind::Date => "tanggal",
        }
    }

    pub(super) fn of(value: &DeValue<'_>) -> Self {
        match value {
            DeValue::String(_) => Kind::Text,
            DeValue::Integer(_) => Kind::Integer,
            DeValue::Float(_) => Kind::Number,
            DeValue::Boolean(_) => Kind::Bool,
            DeValue::Datetime(_) => Kind::Date,
            DeValue::Array(_) => Kind::List,
            DeValue::Table(_) => Kind::Table,
        }
    }

    /// The kind serde names as expected (`f64`, `u32`, `a string`, `a sequence`, `struct Kbk`).
    pub(super) fn expected(word: &str) -> Option<Self> {
        let w = word.trim();
        let w = w.strip_prefix("a ").or_else(|| w.strip_prefix("an ")).unwrap_or(w);
        Some(match w {
            "f64" | "f32" => Kind::Number,
            "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
            | "isize" => Kind::Integer,
            "string" | "borrowed string" | "str" | "char" | "character" => Kind::Text,
            "sequence" | "tuple" | "array" | "list" => Kind::List,
            "map" | "struct" => Kind::Table,
            "boolean" | "bool" => Kind::Bool,
            w if w.starts_with("struct ") || w.starts_with("map ") => Kind::Table,
            _ => return None,
        })
    }

    /// Whether a value of this kind is read as `self` (an integer is a number too).
    pub(super) fn accepts(self, value: &DeValue<'_>) -> bool {
        let kind = Kind::of(value);
        kind == self || (self == Kind::Number && kind == Kind::Integer)
    }
}

/// The largest value of an unsigned type serde names (`u32`), for a range message.
pub(super) fn unsigned_max(word: &str) -> Option<u64> {
    match word.trim() {
        "u8" => Some(u64::from(u8::MAX)),
        "u16" => Some(u64::from(u16::MAX)),
        "u32" => Some(u64::from(u32::MAX)),
        "u64" | "usize" => Some(u64::MAX),
        _ => None,
    }
}

/// A value as written, for a message: its first line, at most 60 characters, control
/// characters escaped.
pub(super) fn shown(written: &str) -> String {
    let first = written.lines().next().unwrap_or("").trim();
    let mut out: String = first.chars().take(60).collect();
    if first.chars().count() > 60 || written.trim().lines().nth(1).is_some() {
        out.push('…');
    }
    quote_value(&out)
}

/// (line, `[tabel] kunci`, message) of a TOML error: a syntax error, or a value serde could
/// not take (unknown key, wrong kind, missing key).
pub(super) fn explain_toml_error(text: &str, e: &toml::de::Error) -> (usize, String, String) {
    let span = e.span().unwrap_or(0..0);
    let line = line_of(text, span.start);
    let doc = Doc::new(text);
    if doc.root.is_none() {
        return (line, syntax_place(text, line), syntax_message(e.message(), text, span));
    }
    let Some(path) = doc.path_at(span.start) else {
        return (line, String::new(), value_message(e.message(), &doc, &KeyPath::default()));
    };
    let walk = doc.walk(&path);
    let line = walk.offset.map_or(line, |o| line_of(text, o));
    (line, doc.place(&path, &walk), value_message(e.message(), &doc, &path))
}

/// What serde could not take at `path`, and how to fix it.
pub(super) fn value_message(msg: &str, doc: &Doc, path: &KeyPath) -> String {
    let msg = msg.trim();
    let value = doc.walk(path).value;
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (name, known) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = known.split('`').skip(1).step_by(2).collect();
        let is_table = path.0.len() == 1 && value.is_some_and(|v| matches!(v.get_ref(), DeValue::Table(_)));
        let what = if is_table { "tabel" } else { "kunci" };
        let list = if known.is_empty() {
            "tidak ada kunci di sini".to_string()
        } else {
            format!("{what} yang dikenal: {}", known.join(", "))
        };
        return format!("{what} tidak dikenal; periksa ejaannya{} ({list})", did_you_mean(name, &known));
    }
    if let Some(name) = msg.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
        let example = default_example(&path.clone().key(name), None)
            .map(|e| format!("{name} = {e}"))
            .unwrap_or_else(|| format!("{name} = ..."));
        return format!("kunci {name} wajib ada tetapi tidak ditulis; tambahkan, misalnya {example}");
    }
    let wrong = msg
        .strip_prefix("invalid type: ")
        .map(|r| (r, false))
        .or(msg.strip_prefix("invalid value: ").map(|r| (r, true)));
    if let Some((rest, out_of_range)) = wrong {
        if let Some((found, expected)) = rest.rsplit_once(", expected ") {
            return wrong_value_message(doc, path, value, found, expected, out_of_range);
        }
    }
    // Our own messages (`seharusnya teks atau daftar teks …`) are Indonesian already.
    match value {
        Some(v) if msg.starts_with("seharusnya") => {
            format!("{msg}, tertulis {} {}", Kind::of(v.get_ref()).word(), shown(doc.source(v.span())))
        }
        _ => msg.to_string(),
    }
}

/// `seharusnya angka (misalnya 0.6), tertulis teks "enam puluh persen"; tulis angka tanpa tanda petik`.
pub(super) fn wrong_value_message(
    doc: &Doc,
    path: &KeyPath,
    value: Option<&Spanned<DeValue<'_>>>,
    found: &str,
    expected: &str,
    out_of_range: bool,
) -> String {
    let kind = Kind::expected(expected);
    let written = value.map(|v| doc.source(v.span()).trim()).unwrap_or("");
    let found_kind = value.map(|v| Kind::of(v.get_ref()));
    let found_text = match found_kind {
        Some(k) => format!("{} {}", k.word(), shown(written)),
        None => quote_value(found),
    };
    let Some(kind) = kind else {
        return format!("seharusnya {expected}, tertulis {found_text}");
    };
    if out_of_range || found.contains(" as i128") {
        let negative = written.starts_with('-');
        let range = match unsigned_max(expected) {
            Some(_) if negative => "0 atau lebih".to_string(),
            Some(max) => format!("paling besar {max}"),
            None => "yang lebih kecil".to_string(),
        };
        return format!("seharusnya {} {range}, tertulis {}", kind.word(), shown(written));
    }
    let example = default_example(path, Some(kind)).map(|e| format!(" (misalnya {e})")).unwrap_or_default();
    let inner = written.trim_matches(['"', '\'']);
    let fix = match (kind, found_kind) {
        (Kind::Number | Kind::Integer, Some(Kind::Text)) => match indonesian_number(inner) {
            Some(n) if kind == Kind::Number || n.fract() == 0.0 => format!("; tulis tanpa tanda petik: {n}"),
            _ => format!("; tulis {} tanpa tanda petik", kind.word()),
        },
        (Kind::Integer, Some(Kind::Number)) => "; tulis bilangan bulat tanpa titik desimal".to_string(),
        (Kind::Text, Some(_)) => format!("; apit dengan tanda petik: \"{}\"", shown(written)),
        (Kind::List, Some(k)) if k != Kind::Table => {
            format!("; tulis sebagai daftar dalam kurung siku: [{}]", shown(written))
        }
        (Kind::Table, Some(_)) if path.0.len() == 1 => {
            format!("; tulis sebagai tabel: baris {path} lalu kuncinya di baris-baris berikutnya")
        }
        _ => String::new(),
    };
    format!("seharusnya {}{example}, tertulis {found_text}{fix}", kind.word())
}

/// `0,6`, `0.6`, `60%` → 0.6 as a number would be written; `None` for words.
pub(super) fn indonesian_number(s: &str) -> Option<f64> {
    let t = s.trim();
    let (t, percent) = match t.strip_suffix('%') {
        Some(t) => (t.trim(), true),
        None => (t, false),
    };
    let x: f64 = t.replace(',', ".").parse().ok().filter(|x: &f64| x.is_finite())?;
    Some(if percent { x / 100.0 } else { x })
}

/// An example value for `path` from the embedded default (`0.6` for `[penilaian]
/// bobot_hasil`), when it is short and of the `kind` wanted; elements count as the first.
pub(super) fn default_example(path: &KeyPath, kind: Option<Kind>) -> Option<String> {
    let text = default_config_text();
    let doc = Doc::new(&text);
    let first = KeyPath(
        path.0.iter().map(|s| if let Seg::Index(_) = s { Seg::Index(0) } else { s.clone() }).collect(),
    );
    let walk = doc.walk(&first);
    let value = walk.value.filter(|_| walk.found == first.0.len())?;
    if kind.is_some_and(|k| !k.accepts(value.get_ref())) {
        return None;
    }
    let written = doc.source(value.span()).trim();
    (written.chars().count() <= 40 && !written.contains('\n') && !written.starts_with('['))
        .then(|| written.to_string())
}

pub(super) fn line_of(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len())).map(|t| t.lines().count().max(1)).unwrap_or(1)
        + usize::from(text.as_bytes().get(byte.saturating_sub(1)) == Some(&b'\n'))
}

/// `[tabel] kunci` of a line in a text that is not valid TOML, read from the lines
/// themselves: the nearest table header above, and the key the line (or the line a
/// multi-line value starts on) assigns.
pub(super) fn syntax_place(text: &str, line: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some(last) = lines.len().checked_sub(1) else { return String::new() };
    let at = line.saturating_sub(1).min(last);
    if let Some((name, array)) = lines.get(at).and_then(|l| header_of(l)) {
        return if array { format!("[[{name}]]") } else { format!("[{name}]") };
    }
    let header_line = (0..at).rev().find(|&i| lines.get(i).and_then(|l| header_of(l)).is_some());
    let key = (header_line.map_or(0, |h| h + 1)..=at).rev().find_map(|i| {
        let l = lines.get(i)?;
        // A continuation line of a list names no key; the line the list starts on does.
        key_of(l).filter(|_| i == at || l.contains('='))
    });
    let header = header_line.and_then(|h| {
        let (name, array) = header_of(lines.get(h)?)?;
        if !array {
            return Some(format!("[{name}]"));
        }
        let n = lines.get(..=h)?.iter().filter(|l| header_of(l).is_some_and(|(o, a)| a && o == name)).count();
        Some(format!("[[{name}]] ke-{n}"))
    });
    match (header, key) {
        (Some(h), Some(k)) => format!("{h} {k}"),
        (Some(h), None) => h,
        (None, Some(k)) => k,
        (None, None) => String::new(),
    }
}

/// The table a header line opens (`[jadwal.hari]` → `jadwal.hari`), and whether it is `[[...]]`.
pub(super) fn header_of(line: &str) -> Option<(String, bool)> {
    let t = line.trim();
    let array = t.starts_with("[[");
    let body = t.trim_start_matches('[');
    let first = body.chars().next()?;
    if !(t.starts_with('[') && (first.is_alphanumeric() || first == '_' || first == '"')) {
        return None;
    }
    let name = body.split(']').next().unwrap_or(body).split('#').next().unwrap_or("").trim();
    (!name.is_empty() && !name.contains('=')).then(|| (name.replace(' ', ""), array))
}

/// The key a line assigns (`bobot_hasil = …`), or starts to (`bobot_hasil 0.6` without `=`).
pub(super) fn key_of(line: &str) -> Option<String> {
    let t = line.trim();
    if t.is_empty() || t.starts_with('#') || t.starts_with('[') {
        return None;
    }
    let bare = |k: &str| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c));
    let key = match t.split_once('=') {
        Some((k, _)) => k.trim().trim_matches(['"', '\'']),
        None => t.split_whitespace().next().filter(|k| bare(k))?,
    };
    let first = key.chars().next()?;
    (first.is_alphanumeric() || first == '_').then(|| key.to_string())
}

/// A TOML syntax error in Indonesian: what is wrong on the line, and how to write it.
pub(super) fn syntax_message(msg: &str, text: &str, span: std::ops::Range<usize>) -> String {
    let (what, expected) = msg.trim().split_once(", expected").unwrap_or((msg.trim(), ""));
    let at = text.get(span.clone()).unwrap_or("").trim();
    // What follows the error's position on its line, when the error marks no text.
    let after = text.get(span.start..).and_then(|t| t.lines().next()).unwrap_or("").trim();
    let written = if at.is_empty() { after } else { at };
    let missing_value = || written.is_empty() || written.starts_with('#');
    match what.trim() {
        "invalid basic string" | "invalid multi-line basic string" if expected.contains("`\"`") => {
            "tanda petik penutup \" tidak ada; akhiri teks dengan \" pada baris yang sama, misalnya \"Mojokerto\""
                .into()
        }
        "invalid literal string" | "invalid multi-line literal string" => {
            "tanda petik penutup ' tidak ada; akhiri teks dengan ' pada baris yang sama".into()
        }
        "invalid basic string" | "invalid multi-line basic string" => {
            "teks berisi karakter kendali (misalnya tab yang tak terlihat); hapus karakter itu".into()
        }
        "missing opening quote" => {
            "tanda petik pembuka \" tidak ada; apit teks dengan tanda petik di kedua ujungnya, misalnya \"Mojokerto\""
                .into()
        }
        "missing escaped value" | "too few unicode value digits" | "invalid escape sequence" => {
            "garis miring terbalik \\ di dalam \"...\" memulai kode khusus; tulis \\\\ untuk satu \\, \
             atau apit teks dengan tanda petik tunggal '...'"
                .into()
        }
        "string values must be quoted" | "invalid boolean" | "invalid float" | "invalid integer number"
        | "invalid value" | "invalid mantissa" | "missing value" | "missing value for key"
            if missing_value() =>
        {
            "nilai tidak ada sesudah tanda =; isi nilainya, misalnya 0.6 atau \"teks\"".into()
        }
        "string values must be quoted" | "invalid boolean" | "invalid float" | "invalid integer number"
        | "invalid value" | "invalid mantissa" => format!(
            "nilai {} tidak dapat dibaca; teks diapit tanda petik (\"{}\"), angka ditulis tanpa tanda petik \
             dengan titik desimal (0.6)",
            shown(written),
            shown(written)
        ),
        "key with no value" | "missing assignment between key-value pairs" => {
            "tanda = tidak ada antara kunci dan nilai; tulis kunci = nilai (nama kunci tanpa spasi)".into()
        }
        "extra `=`" | "extra assignment between key-value pairs" | "unexpected `=` in array" => {
            "tanda = berlebih; tulis satu = di antara kunci dan nilai".into()
        }
        "unexpected key or value" | "unexpected content" | "unexpected content between comment and newline" => {
            format!(
                "ada tulisan {} sesudah nilainya; tulis satu kunci = nilai per baris, angka desimal dengan titik \
                 (0.6) bukan koma, dan teks di dalam tanda petik",
                shown(written)
            )
        }
        "unclosed table" => "judul tabel tidak ditutup dengan ]; tulis seperti [penilaian]".into(),
        "unclosed array table" => "judul tabel tidak ditutup dengan ]]; tulis seperti [[unit]]".into(),
        "unclosed array" => "daftar tidak ditutup dengan ]; tutup daftar, misalnya [\"a\", \"b\"]".into(),
        "unclosed inline table" => {
            "tabel sebaris tidak ditutup dengan }; tulis seperti { min = 3, nama = \"...\" } pada satu baris"
                .into()
        }
        "missing comma between array elements" => {
            "koma tidak ada di antara isi daftar; pisahkan dengan koma, misalnya [\"a\", \"b\"]".into()
        }
        "missing comma between key-value pairs" => {
            "koma tidak ada di antara isi tabel sebaris; pisahkan dengan koma, misalnya { min = 3, nama = \"...\" }"
                .into()
        }
        "extra comma in array" | "extra comma in inline table" => "koma berlebih; hapus koma yang dobel".into(),
        "duplicate key" => "kunci atau tabel ini sudah ditulis sebelumnya; hapus salah satu".into(),
        "unquoted keys cannot be empty" | "missing key for inline table element" => {
            "nama kunci tidak ada sebelum tanda =; tulis kunci = nilai".into()
        }
        "invalid unquoted key" => {
            "nama kunci hanya boleh berisi huruf, angka, - dan _ (tanpa spasi); tulis kunci = nilai".into()
        }
        "unexpected leading zero" => {
            "angka tidak boleh diawali 0 (tulis 3, bukan 03); apit dengan tanda petik bila maksudnya teks".into()
        }
        "`_` may only go between digits" => "tanda _ di dalam angka hanya boleh di antara dua digit".into(),
        w if w.starts_with("cannot extend value") => {
            "kunci ini sudah berisi nilai; tulis kuncinya sekali saja".into()
        }
        other => format!("penulisan TOML tidak valid ({}); periksa baris ini", quote_value(other)),
    }
}
