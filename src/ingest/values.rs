//! Value rules of SPEC §3.2, §3.3 and §3.5: normalised keys and names, NIP, dates, months,
//! numbers, status codes and ratings, read from the text or number a cell holds.
//! Pure functions of one value: no I/O, no issues — the layouts turn the answers into issues.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

use crate::ground::model::{Rating, YearMonth};
use crate::ground::text::{collapse_ws, is_apostrophe, is_dash, norm_key};

// ---------------------------------------------------------------------------------------------
// NIP
// ---------------------------------------------------------------------------------------------

/// What a NIP cell holds (SPEC §3.5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NipValue {
    /// Exactly 18 digits after removing spaces, dots, dashes and a leading `NIP` / `NIP.` label.
    Nip(String),
    /// Empty, only separators such as `-`, or only zeros (a placeholder for "no NIP").
    Empty,
    /// 16 digits: a population number (NIK), never printed.
    Nik(String),
    /// A NIP stored as a number: Excel kept only these 15 significant digits.
    LostDigits { prefix15: String },
    /// 8 digits: a police/TNI number (NRP), which may share the NIP column (SPEC §3.9).
    Nrp(String),
    /// Anything else.
    Invalid,
}

/// A NIP written as text. Besides the 18-digit form this recognises a leading `NIP`/`NIK`
/// label, Excel's text-prefix apostrophe, and a number in scientific notation that was
/// turned into text (`1.98503152010012E+17`), which is treated like the number it shows.
pub fn parse_nip_text(s: &str) -> NipValue {
    let t = strip_nip_label(s.trim().trim_start_matches(is_apostrophe));
    let scientific = t.starts_with(|c: char| c.is_ascii_digit()) && t.contains(['e', 'E']);
    if let Some(x) = scientific.then(|| t.replace(',', ".").parse::<f64>().ok()).flatten() {
        return parse_nip_number(x);
    }
    let digits: String = t.chars().filter(|&c| !(c.is_whitespace() || c == '.' || is_dash(c))).collect();
    if digits.chars().all(|c| c == '0') {
        return NipValue::Empty;
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return NipValue::Invalid;
    }
    match digits.len() {
        18 => NipValue::Nip(digits),
        16 => NipValue::Nik(digits),
        8 => NipValue::Nrp(digits),
        _ => NipValue::Invalid,
    }
}

/// Drops a leading `NIP`, `NIP.`, `NIP:`, `NIK`, `NIP/NIK` label (case-insensitive).
fn strip_nip_label(s: &str) -> &str {
    let mut t = s;
    let mut stripped = false;
    loop {
        let rest = if stripped {
            t.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ':' | '/'))
        } else {
            t
        };
        match label_len(rest) {
            Some(n) => {
                t = &rest[n..];
                stripped = true;
            }
            None => return if stripped { rest } else { t },
        }
    }
}

/// Length in bytes of a `NIP`/`NIK`/`NRP` label at the start of `s`, when it is a whole word.
fn label_len(s: &str) -> Option<usize> {
    let head = s.get(..3)?;
    let is_label = ["nip", "nik", "nrp"].iter().any(|l| head.eq_ignore_ascii_case(l));
    let whole_word = !s[3..].starts_with(char::is_alphanumeric);
    (is_label && whole_word).then_some(3)
}

/// A NIP cell stored as a number (f64): an 18-digit magnitude (≥ 1e17 and < 1e18) lost
/// digits → `LostDigits` with its first 15 significant digits; a 16-digit magnitude → `Nik`
/// (its last digit may be lost too, it is still a NIK); 0 → `Empty`; otherwise `Invalid`.
pub fn parse_nip_number(x: f64) -> NipValue {
    if !x.is_finite() || x < 0.0 {
        return NipValue::Invalid;
    }
    if x == 0.0 {
        return NipValue::Empty;
    }
    if (1e17..1e18).contains(&x) {
        // Excel keeps 15 significant digits; the nearest f64 is within ±16 of that value,
        // so rounding to 15 significant digits gives them back exactly.
        let sci = format!("{x:.14e}");
        let mantissa = sci.split('e').next().unwrap_or_default();
        let prefix15: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        return NipValue::LostDigits { prefix15 };
    }
    if (1e15..1e16).contains(&x) && x.fract() == 0.0 {
        return NipValue::Nik(format!("{x:.0}"));
    }
    if (1e7..1e8).contains(&x) && x.fract() == 0.0 {
        return NipValue::Nrp(format!("{x:.0}"));
    }
    NipValue::Invalid
}

/// Split a "Nama / NIP" cell into the name and the NIP text, e.g.
/// "Budi Santoso, S.E.\nNIP. 19700815 199703 1 005" → ("Budi Santoso, S.E.", "19700815 199703 1 005");
/// also "Budi / 197008151997031005", "Budi (NIP 1970…)". The name has its whitespace collapsed;
/// the NIP is returned as written (for [`parse_nip_text`]). Without a NIP the whole text is
/// the name and the NIP is "".
pub fn split_nama_nip(s: &str) -> (String, String) {
    let found = split_at_nip_label(s).or_else(|| split_at_digit_run(s));
    match found {
        Some((before, nip, after)) => {
            let name = clean_name_part(before);
            let name = if name.is_empty() { clean_name_part(after) } else { name };
            (name, nip.trim().to_string())
        }
        None => (collapse_ws(s), String::new()),
    }
}

/// `(text before the label, NIP text, text after the NIP)` at the first `NIP`/`NIK` label
/// whose value (up to the line end or a bracket, comma, slash) starts with a digit or is
/// only dashes or nothing.
fn split_at_nip_label(s: &str) -> Option<(&str, &str, &str)> {
    for (i, _) in s.char_indices() {
        let starts_word = s[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        if !starts_word || label_len(&s[i..]).is_none() {
            continue;
        }
        let rest = strip_nip_label(&s[i..]);
        let end = rest.find(['\n', '\r', '(', ')', '[', ']', ',', ';', '/', '|']).unwrap_or(rest.len());
        let nip = rest[..end].trim();
        // "NIP. -" is a non-ASN without a NIP; "Nik-Ayu" is a name.
        let is_nip = nip.starts_with(|c: char| c.is_ascii_digit()) || nip.chars().all(is_dash);
        if is_nip {
            return Some((&s[..i], nip, &rest[end..]));
        }
    }
    None
}

/// `(before, NIP text, after)` around the last run of digits (with inner spaces, dots or
/// dashes) holding at least 8 digits: "Budi / 197008151997031005", "Budi (1970…)".
fn split_at_digit_run(s: &str) -> Option<(&str, &str, &str)> {
    let mut best = None;
    let mut start: Option<usize> = None;
    let mut last_digit_end = 0;
    let mut digits = 0;
    let mut close = |start: &mut Option<usize>, end: usize, digits: &mut usize| {
        if let Some(st) = start.take().filter(|_| *digits >= 8) {
            best = Some((st, end));
        }
        *digits = 0;
    };
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            if start.is_none() {
                start = Some(i);
            }
            digits += 1;
            last_digit_end = i + 1;
        } else if start.is_some() && (c == ' ' || c == '.' || is_dash(c)) {
            continue;
        } else {
            close(&mut start, last_digit_end, &mut digits);
        }
    }
    close(&mut start, last_digit_end, &mut digits);
    best.map(|(st, end)| (&s[..st], &s[st..end], &s[end..]))
}

/// A name part with the separators around it removed ("Budi /" → "Budi"); a final `.`
/// stays, it belongs to a title such as "S.E.".
fn clean_name_part(s: &str) -> String {
    let sep = |c: char| {
        c.is_whitespace() || is_dash(c) || matches!(c, '/' | '|' | '(' | ')' | '[' | ']' | ',' | ';' | ':')
    };
    collapse_ws(s.trim_matches(sep))
}

// ---------------------------------------------------------------------------------------------
// Tokens shared by dates, months and file names
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Word,
    Num,
}

/// A run of letters (apostrophes inside allowed: "Jum'at") or of ASCII digits, with the
/// separator text before it ("" at a letter/digit boundary).
#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    kind: Kind,
    text: &'a str,
    sep: &'a str,
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let byte_at = |k: usize| chars.get(k).map_or(s.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut prev_end = 0;
    let mut k = 0;
    while let Some(&(start, c)) = chars.get(k) {
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() {
            Kind::Word
        } else {
            k += 1;
            continue;
        };
        let mut j = k + 1;
        while let Some(&(_, d)) = chars.get(j) {
            let continues = match kind {
                Kind::Num => d.is_ascii_digit(),
                Kind::Word => {
                    d.is_alphabetic()
                        || (is_apostrophe(d) && chars.get(j + 1).is_some_and(|&(_, e)| e.is_alphabetic()))
                }
            };
            if !continues {
                break;
            }
            j += 1;
        }
        let end = byte_at(j);
        out.push(Tok { kind, text: &s[start..end], sep: &s[prev_end..start] });
        prev_end = end;
        k = j;
    }
    out
}

/// The month a word names: Indonesian and English names and their usual abbreviations.
pub fn month_from_name(s: &str) -> Option<u32> {
    let m = match norm_key(s).as_str() {
        "januari" | "january" | "jan" => 1,
        "februari" | "pebruari" | "febuari" | "pebuari" | "february" | "feb" | "peb" | "pebr" | "febr" => 2,
        "maret" | "march" | "mar" | "mrt" => 3,
        "april" | "apr" => 4,
        "mei" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "agustus" | "august" | "agu" | "agt" | "agst" | "ags" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nopember" | "nov" | "nop" => 11,
        "desember" | "december" | "des" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// The weekday a word names: Indonesian (Senin … Minggu/Ahad, Jumat/Jum'at) and English,
/// full names and three-letter abbreviations.
pub fn weekday_from_name(s: &str) -> Option<Weekday> {
    let d = match norm_key(s).as_str() {
        "senin" | "sen" | "monday" | "mon" => Weekday::Mon,
        "selasa" | "sel" | "tuesday" | "tue" | "tues" => Weekday::Tue,
        "rabu" | "rab" | "wednesday" | "wed" => Weekday::Wed,
        "kamis" | "kam" | "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "jumat" | "jum" | "friday" | "fri" => Weekday::Fri,
        "sabtu" | "sab" | "saturday" | "sat" => Weekday::Sat,
        "minggu" | "ahad" | "min" | "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    };
    Some(d)
}

fn num(t: &str) -> Option<u32> {
    if t.len() > 4 { None } else { t.parse().ok() }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// A date read from text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedDate {
    pub date: NaiveDate,
    /// The weekday name as written, when it contradicts the date (the date wins).
    pub weekday_mismatch: Option<String>,
}

/// Why a date could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// A date that does not exist, such as 31/02/2026 or month 13.
    #[error("tanggal ini tidak ada di kalender; periksa hari dan bulannya")]
    Impossible,
    /// Before 2000-01-01 or after 2099-12-31.
    #[error("tahun di luar 2000–2099; periksa tahunnya")]
    OutOfRange,
    /// Not a form of date this tool reads.
    #[error("bentuk tanggal tidak dikenali; tulis seperti 24/04/2026 atau 24 April 2026")]
    Unrecognised,
}

const FIRST_DAY: (i32, u32, u32) = (2000, 1, 1);
const LAST_DAY: (i32, u32, u32) = (2099, 12, 31);

fn in_range(d: NaiveDate) -> bool {
    let key = (d.year(), d.month(), d.day());
    (FIRST_DAY..=LAST_DAY).contains(&key)
}

/// Text dates, day-first always: 24/04/2026, 24-04-2026, 24.04.2026, 2026-04-24, 24 April 2026,
/// 24 Apr 2026, 24-Apr-26, "Kamis, 24 April 2026", "Jum'at, 7 Agustus 2026", Indonesian and
/// English month names and abbreviations; two-digit years → 20YY. A trailing time
/// ("24/04/2026 07:30", "2026-04-24T00:00:00") is dropped, and the words `Tanggal`/`Tgl`/`Hari`
/// are ignored. A weekday name that contradicts the date → `weekday_mismatch = Some(name)`.
pub fn parse_date_text(s: &str) -> Result<ParsedDate, DateError> {
    let mut toks = tokens(s);
    drop_time(&mut toks);
    let mut weekday: Option<(Weekday, &str)> = None;
    let mut month: Option<u32> = None;
    let mut nums = Vec::new();
    for t in &toks {
        match t.kind {
            Kind::Num => nums.push(t.text),
            Kind::Word => {
                if let Some(wd) = weekday_from_name(t.text) {
                    if weekday.is_some_and(|(w, _)| w != wd) {
                        return Err(DateError::Unrecognised);
                    }
                    weekday = Some((wd, t.text));
                } else if let Some(m) = month_from_name(t.text) {
                    if month.is_some() {
                        return Err(DateError::Unrecognised);
                    }
                    month = Some(m);
                } else if !matches!(norm_key(t.text).as_str(), "tanggal" | "tgl" | "hari") {
                    return Err(DateError::Unrecognised);
                }
            }
        }
    }
    let date = date_from_parts(month, &nums)?;
    let weekday_mismatch =
        weekday.filter(|&(wd, _)| wd != date.weekday()).map(|(_, written)| written.to_string());
    Ok(ParsedDate { date, weekday_mismatch })
}

/// Cuts a time of day (`07:30`, `T07:30:00`) and everything after it.
fn drop_time(toks: &mut Vec<Tok<'_>>) {
    let hour = (1..toks.len())
        .find(|&i| toks[i].kind == Kind::Num && toks[i].sep.trim() == ":" && toks[i - 1].kind == Kind::Num);
    if let Some(i) = hour {
        let mut cut = i - 1;
        if cut > 0 && toks[cut].sep.is_empty() && toks[cut - 1].text.eq_ignore_ascii_case("t") {
            cut -= 1;
        }
        toks.truncate(cut);
    }
}

/// Day, month, year from the numbers of a date (and the month when it was a name).
fn date_from_parts(month_name: Option<u32>, nums: &[&str]) -> Result<NaiveDate, DateError> {
    let short = |t: &str| (1..=2).contains(&t.len());
    let year_like = |t: &str| t.len() == 4 || t.len() == 2;
    let (y, m, d) = match (month_name, nums) {
        (Some(m), [d, y]) if short(d) && year_like(y) => (*y, m, *d),
        (Some(m), [y, d]) if y.len() == 4 && short(d) => (*y, m, *d),
        (None, [y, m, d]) if y.len() == 4 && short(m) && short(d) => (*y, num(m).unwrap_or(0), *d),
        (None, [d, m, y]) if short(d) && short(m) && year_like(y) => (*y, num(m).unwrap_or(0), *d),
        _ => return Err(DateError::Unrecognised),
    };
    let (Some(y), Some(d)) = (num(y), num(d)) else {
        return Err(DateError::Unrecognised);
    };
    let year = if y < 100 { 2000 + y as i32 } else { y as i32 };
    if !(FIRST_DAY.0..=LAST_DAY.0).contains(&year) {
        return Err(DateError::OutOfRange);
    }
    NaiveDate::from_ymd_opt(year, m, d).ok_or(DateError::Impossible)
}

/// Excel serial day number → date (1900 system with Excel's fake 1900-02-29: serial 61 =
/// 1900-03-01; 1904 system when `is_1904`). Fractions (times) are dropped. Outside
/// 2000-01-01..=2099-12-31 → `OutOfRange`; NaN/inf → `Unrecognised`.
pub fn excel_serial_to_date(serial: f64, is_1904: bool) -> Result<NaiveDate, DateError> {
    if !serial.is_finite() {
        return Err(DateError::Unrecognised);
    }
    let days = serial.floor();
    if !(-1e7..=1e7).contains(&days) {
        return Err(DateError::OutOfRange);
    }
    let date = serial_day(days as i64, is_1904).ok_or(DateError::OutOfRange)?;
    if in_range(date) { Ok(date) } else { Err(DateError::OutOfRange) }
}

/// The calendar day of a whole serial number, without the range check.
fn serial_day(days: i64, is_1904: bool) -> Option<NaiveDate> {
    let base = match (is_1904, days >= 61) {
        (true, _) => NaiveDate::from_ymd_opt(1904, 1, 1),
        // From serial 61 on, Excel counts the 1900-02-29 that never was.
        (false, true) => NaiveDate::from_ymd_opt(1899, 12, 30),
        (false, false) => NaiveDate::from_ymd_opt(1899, 12, 31),
    };
    base.zip(TimeDelta::try_days(days)).and_then(|(b, delta)| b.checked_add_signed(delta))
}

// ---------------------------------------------------------------------------------------------
// Months
// ---------------------------------------------------------------------------------------------

/// Month in text: "November 2026", "Nopember 2026", "NOVEMBER 2026", "Nov 2026", "11/2026",
/// "11-2026", "2026-11", "2026/11", "Bulan November Tahun 2026", ": Agustus 2026".
/// Free text with one month name (day numbers such as "1 - 30 November 2026" are ignored)
/// and one 4-digit year; without a name, exactly one month number and one 4-digit year, or a
/// whole numeric date ("01/11/2026"). None when not exactly one unambiguous month.
pub fn parse_month_text(s: &str) -> Option<YearMonth> {
    let toks = tokens(s);
    let named: BTreeSet<u32> =
        toks.iter().filter(|t| t.kind == Kind::Word).filter_map(|t| month_from_name(t.text)).collect();
    let nums: Vec<&str> = toks.iter().filter(|t| t.kind == Kind::Num).map(|t| t.text).collect();
    let years: BTreeSet<&str> = nums.iter().copied().filter(|t| t.len() == 4).collect();
    match (named.len(), years.len()) {
        (1, 1) => {
            let month = named.first().copied()?;
            YearMonth::new(num(years.first()?)? as i32, month)
        }
        (0, 1) => match nums.as_slice() {
            [a, b] | [b, a] if a.len() == 4 && (1..=2).contains(&b.len()) => {
                YearMonth::new(num(a)? as i32, num(b)?)
            }
            [_, _, _] => date_from_parts(None, &nums).ok().map(YearMonth::of),
            _ => None,
        },
        _ => None,
    }
}

/// Month from a file name (the folder, if any, and the extension are ignored):
/// "Kehadiran_Puskesmas_Kranggan_November_2026.xlsx", "2026-11 dinkes.xls", "…_082026.xlsx"
/// (MMYYYY; YYYYMM too), "…_11-2026.xlsx", "… Agst 2026.xls", "absen_nov_2026.xlsx",
/// "Nov2026.xlsx". A month name needs exactly one 4-digit year elsewhere in the name; a
/// numeric month must touch its year through one `-`, `_`, `.`, `/` or space. None when absent
/// or ambiguous (two different months); 8-digit dates are not read.
pub fn month_from_file_name(name: &str) -> Option<YearMonth> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match base.rsplit_once('.') {
        Some((stem, ext))
            if (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext.chars().any(|c| c.is_ascii_alphabetic()) =>
        {
            stem
        }
        _ => base,
    };
    let toks = tokens(stem);
    let mut found = BTreeSet::new();

    let years: BTreeSet<u32> = toks
        .iter()
        .filter(|t| t.kind == Kind::Num && t.text.len() == 4)
        .filter_map(|t| num(t.text))
        .filter(|y| (2000..=2099).contains(y))
        .collect();
    if let (1, Some(&year)) = (years.len(), years.first()) {
        let named = toks.iter().filter(|t| t.kind == Kind::Word).filter_map(|t| month_from_name(t.text));
        found.extend(named.filter_map(|m| YearMonth::new(year as i32, m)));
    }

    for pair in toks.windows(2) {
        let [a, b] = pair else { continue };
        let joined = matches!(b.sep, "-" | "_" | "." | "/" | " ");
        if a.kind != Kind::Num || b.kind != Kind::Num || !joined {
            continue;
        }
        let ym = match (a.text.len(), b.text.len()) {
            (4, 1..=2) => YearMonth::new(num(a.text).unwrap_or(0) as i32, num(b.text).unwrap_or(0)),
            (1..=2, 4) => YearMonth::new(num(b.text).unwrap_or(0) as i32, num(a.text).unwrap_or(0)),
            _ => None,
        };
        found.extend(ym);
    }

    for t in toks.iter().filter(|t| t.kind == Kind::Num && t.text.len() == 6) {
        let (mm_yyyy, yyyy_mm) = (t.text.split_at(2), t.text.split_at(4));
        found.extend(YearMonth::new(num(mm_yyyy.1).unwrap_or(0) as i32, num(mm_yyyy.0).unwrap_or(0)));
        found.extend(YearMonth::new(num(yyyy_mm.0).unwrap_or(0) as i32, num(yyyy_mm.1).unwrap_or(0)));
    }

    match (found.len(), found.first()) {
        (1, Some(&ym)) => Some(ym),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/// Numbers in text: "85", "85,5" (Indonesian decimal comma), "1.234,5", "1,234.5",
/// "1.234" (Indonesian thousands → 1234), "1.234.567", "1,234,567", "85%" → 85, " 70 ", "-5".
/// A single separator followed by exactly three digits after a 1–3 digit integer part without
/// a leading zero is a thousands separator when it is a dot ("1.234" → 1234, the Indonesian
/// reading) and ambiguous when it is a comma ("1,234": Indonesian 1.234 or English 1234?)
/// → None. "0,125" and "12,50" are decimals. NaN/inf/empty/anything else → None.
pub fn parse_number_text(s: &str) -> Option<f64> {
    let t = s.trim();
    let t = t.strip_suffix('%').map_or(t, str::trim_end);
    let (negative, body) = match t.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let (int, frac) = split_number(body)?;
    if int.is_empty() {
        return None;
    }
    let canonical = if frac.is_empty() { int } else { format!("{int}.{frac}") };
    let value: f64 = canonical.parse().ok()?;
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

/// The integer digits and the fraction digits of `body` (digits, dots and commas only).
fn split_number(body: &str) -> Option<(String, String)> {
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    match (dots, commas) {
        (0, 0) => Some((body.to_string(), String::new())),
        (d, c) if d > 0 && c > 0 => {
            let last = body.rfind(['.', ','])?;
            let (decimal, thousands) = if body[last..].starts_with(',') { (',', '.') } else { ('.', ',') };
            if body.matches(decimal).count() != 1 {
                return None;
            }
            let (int, frac) = (&body[..last], &body[last + 1..]);
            Some((ungroup(int, thousands)?, digits_only(frac)?))
        }
        (1, 0) | (0, 1) => {
            let sep = if dots == 1 { '.' } else { ',' };
            let (int, frac) = body.split_once(sep)?;
            let thousands_shape = (1..=3).contains(&int.len()) && !int.starts_with('0') && frac.len() == 3;
            match (thousands_shape, sep) {
                (true, '.') => Some((format!("{int}{frac}"), String::new())),
                (true, _) => None,
                (false, _) => Some((int.to_string(), digits_only(frac)?)),
            }
        }
        (_, 0) => Some((ungroup(body, '.')?, String::new())),
        (0, _) => Some((ungroup(body, ',')?, String::new())),
        _ => None,
    }
}

fn digits_only(s: &str) -> Option<String> {
    (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())).then(|| s.to_string())
}

/// "1.234.567" with `sep` '.' → "1234567": a first group of 1–3 digits, then groups of 3.
fn ungroup(s: &str, sep: char) -> Option<String> {
    let mut groups = s.split(sep);
    let first = groups.next()?;
    if !(1..=3).contains(&first.len()) {
        return None;
    }
    let mut out = digits_only(first)?;
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        out.push_str(&digits_only(g)?);
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// Ratings
// ---------------------------------------------------------------------------------------------

/// A PermenPAN-RB 6/2022 rating: "Di Atas Ekspektasi", "Sesuai Ekspektasi",
/// "Di Bawah Ekspektasi", or the short "Di Atas" / "Sesuai" / "Di Bawah"; case, spaces and
/// punctuation ignored ("DIATAS", "di-bawah ekspektasi").
pub fn parse_rating(s: &str) -> Option<Rating> {
    match norm_key(s).as_str() {
        "diatasekspektasi" | "diatas" => Some(Rating::DiAtas),
        "sesuaiekspektasi" | "sesuai" => Some(Rating::Sesuai),
        "dibawahekspektasi" | "dibawah" => Some(Rating::DiBawah),
        _ => None,
    }
}

/// A time of day stored as an ISO duration (`PT07H31M05S`, how ODS writes a time cell);
/// `None` for anything else or a duration of a day or more.
pub fn iso_duration_time(s: &str) -> Option<crate::ground::clock::ClockTime> {
    let rest = s.trim().strip_prefix("PT")?;
    let (mut hours, mut minutes) = (0u32, 0u32);
    let mut number = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' | '.' => number.push(c),
            'H' | 'M' | 'S' => {
                let value: f64 = number.parse().ok()?;
                number.clear();
                match c {
                    'H' => hours = value as u32,
                    'M' => minutes = value as u32,
                    _ => {}
                }
            }
            _ => return None,
        }
    }
    if !number.is_empty() {
        return None;
    }
    crate::ground::clock::ClockTime::from_hm(hours, minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn ym(y: i32, m: u32) -> Option<YearMonth> {
        YearMonth::new(y, m)
    }

    #[test]
    fn nip_text_cases() {
        use NipValue::*;
        let nip = |s: &str| Nip(s.to_string());
        let cases = [
            ("197008151997031005", nip("197008151997031005")),
            ("19700815 199703 1 005", nip("197008151997031005")),
            (" 19700815.199703.1.005 ", nip("197008151997031005")),
            ("19700815-199703-1-005", nip("197008151997031005")),
            ("NIP. 19700815 199703 1 005", nip("197008151997031005")),
            ("NIP 197008151997031005", nip("197008151997031005")),
            ("nip: 197008151997031005", nip("197008151997031005")),
            ("NIP/NIK 197008151997031005", nip("197008151997031005")),
            ("'197008151997031005", nip("197008151997031005")),
            ("", Empty),
            ("   ", Empty),
            ("-", Empty),
            ("--", Empty),
            ("—", Empty),
            ("NIP. -", Empty),
            ("0", Empty),
            ("3516012345678901", Nik("3516012345678901".into())),
            ("NIK 3516 0123 4567 8901", Nik("3516012345678901".into())),
            ("1.98503152010012E+17", LostDigits { prefix15: "198503152010012".into() }),
            ("19700815199703100", Invalid),
            ("1970081519970310051", Invalid),
            ("19700815199703100A", Invalid),
            ("abc", Invalid),
            ("Non ASN", Invalid),
            ("123", Invalid),
            ("19700815/199703/1/005", Invalid),
            // A police/TNI number in a `NIP/NRP` column.
            ("87051234", Nrp("87051234".into())),
            ("NRP 8705 1234", Nrp("87051234".into())),
            ("1234567", Invalid),
        ];
        for (input, want) in cases {
            assert_eq!(parse_nip_text(input), want, "{input:?}");
        }
    }

    #[test]
    fn iso_duration_time_cases() {
        let t = |h, m| crate::ground::clock::ClockTime::from_hm(h, m);
        let cases = [
            ("PT07H31M05S", t(7, 31)),
            ("PT16H00M00S", t(16, 0)),
            ("PT7H5M", t(7, 5)),
            ("PT07H31M59.999S", t(7, 31)),
            ("PT25H00M00S", None),
            ("07:31", None),
            ("PT07X", None),
            ("PT07", None),
        ];
        for (input, want) in cases {
            assert_eq!(iso_duration_time(input), want, "{input:?}");
        }
    }

    #[test]
    fn nip_number_cases() {
        use NipValue::*;
        let lost = |s: &str| LostDigits { prefix15: s.to_string() };
        let cases = [
            (1.98503152010012E+17, lost("198503152010012")),
            (198503152010012002.0, lost("198503152010012")),
            (197008151997031005.0, lost("197008151997031")),
            (1e17, lost("100000000000000")),
            (3516012345678901.0, Nik("3516012345678901".into())),
            (3.5160123456789E+15, Nik("3516012345678900".into())),
            (0.0, Empty),
            (12345.0, Invalid),
            (87051234.0, Nrp("87051234".into())),
            (8705123.0, Invalid),
            (1.9850315201001E+16, Invalid),
            (1e18, Invalid),
            (-1.98503152010012E+17, Invalid),
            (f64::NAN, Invalid),
            (f64::INFINITY, Invalid),
        ];
        for (input, want) in cases {
            assert_eq!(parse_nip_number(input), want, "{input:?}");
        }
    }

    #[test]
    fn split_nama_nip_cases() {
        let cases = [
            ("Budi Santoso, S.E.\nNIP. 19700815 199703 1 005", "Budi Santoso, S.E.", "19700815 199703 1 005"),
            ("Budi / 197008151997031005", "Budi", "197008151997031005"),
            ("Budi (NIP 197008151997031005)", "Budi", "197008151997031005"),
            ("Budi (197008151997031005)", "Budi", "197008151997031005"),
            ("Budi Santoso 19700815 199703 1 005", "Budi Santoso", "19700815 199703 1 005"),
            (
                "Drs. Agus, M.Si\r\nNIP.19700815 199703 1 005\nPembina",
                "Drs. Agus, M.Si",
                "19700815 199703 1 005",
            ),
            ("Lukman Hakim\nNIP. -", "Lukman Hakim", "-"),
            ("Lukman Hakim\nNIP.", "Lukman Hakim", ""),
            ("Anik\nNIK. 3516012345678901", "Anik", "3516012345678901"),
            ("Siti\nNIP: 1970081519970310X", "Siti", "1970081519970310X"),
            ("NIP. 197008151997031005 / Budi", "Budi", "197008151997031005"),
            ("  Budi   Santoso  ", "Budi Santoso", ""),
            ("Nipah Sari", "Nipah Sari", ""),
            ("Nik-Ayu Lestari", "Nik-Ayu Lestari", ""),
            ("Nik Ayu\nNIP. 19700815 199703 1 005", "Nik Ayu", "19700815 199703 1 005"),
            ("Budi Kelas 3", "Budi Kelas 3", ""),
            ("", "", ""),
        ];
        for (input, name, nip) in cases {
            assert_eq!(split_nama_nip(input), (name.to_string(), nip.to_string()), "{input:?}");
        }
    }

    #[test]
    fn date_text_cases() {
        let ok = |y, m, d| Ok(ParsedDate { date: ymd(y, m, d), weekday_mismatch: None });
        let mismatch =
            |y, m, d, w: &str| Ok(ParsedDate { date: ymd(y, m, d), weekday_mismatch: Some(w.to_string()) });
        let cases = [
            ("24/04/2026", ok(2026, 4, 24)),
            ("24-04-2026", ok(2026, 4, 24)),
            ("24.04.2026", ok(2026, 4, 24)),
            ("2026-04-24", ok(2026, 4, 24)),
            ("2026/04/24", ok(2026, 4, 24)),
            ("4/5/2026", ok(2026, 5, 4)),
            ("24/04/26", ok(2026, 4, 24)),
            (" 24 April 2026 ", ok(2026, 4, 24)),
            ("24 Apr 2026", ok(2026, 4, 24)),
            ("24-Apr-26", ok(2026, 4, 24)),
            ("April 24, 2026", ok(2026, 4, 24)),
            ("Jumat, 24 April 2026", ok(2026, 4, 24)),
            ("JUM'AT, 24 APRIL 2026", ok(2026, 4, 24)),
            ("Friday, 24 April 2026", ok(2026, 4, 24)),
            ("Jum'at, 7 Agustus 2026", ok(2026, 8, 7)),
            ("Jum’at, 7 Agustus 2026", ok(2026, 8, 7)),
            ("Jumat, 07 Agt 2026", ok(2026, 8, 7)),
            ("7 Agst 2026", ok(2026, 8, 7)),
            ("7 Agu 2026", ok(2026, 8, 7)),
            ("7 August 2026", ok(2026, 8, 7)),
            ("Senin, 03 Agustus 2026", ok(2026, 8, 3)),
            ("Minggu, 2 Agustus 2026", ok(2026, 8, 2)),
            ("Ahad, 2 Agustus 2026", ok(2026, 8, 2)),
            ("Sabtu 1 Agustus 2026", ok(2026, 8, 1)),
            ("Rabu, 5 Agustus 2026", ok(2026, 8, 5)),
            ("26 Nopember 2026", ok(2026, 11, 26)),
            ("26 Nop 2026", ok(2026, 11, 26)),
            ("2 Pebruari 2026", ok(2026, 2, 2)),
            ("2 Peb 2026", ok(2026, 2, 2)),
            ("2 Februari 2026", ok(2026, 2, 2)),
            ("20 Mei 2026", ok(2026, 5, 20)),
            ("20 May 2026", ok(2026, 5, 20)),
            ("1 Okt 2026", ok(2026, 10, 1)),
            ("1 Oct 2026", ok(2026, 10, 1)),
            ("25 Desember 2026", ok(2026, 12, 25)),
            ("25 Des 2026", ok(2026, 12, 25)),
            ("25 Dec 2026", ok(2026, 12, 25)),
            ("17 Maret 2026", ok(2026, 3, 17)),
            ("Tgl. 24/04/2026", ok(2026, 4, 24)),
            ("24/04/2026 07:30", ok(2026, 4, 24)),
            ("2026-04-24 00:00:00", ok(2026, 4, 24)),
            ("2026-04-24T07:30:00", ok(2026, 4, 24)),
            ("29/02/2028", ok(2028, 2, 29)),
            ("01/01/2000", ok(2000, 1, 1)),
            ("31/12/2099", ok(2099, 12, 31)),
            ("Selasa, 03 Agustus 2026", mismatch(2026, 8, 3, "Selasa")),
            ("Senin, 11 Agustus 2026", mismatch(2026, 8, 11, "Senin")),
            ("Jum'at, 8 Agustus 2026", mismatch(2026, 8, 8, "Jum'at")),
            ("Monday, 24 April 2026", mismatch(2026, 4, 24, "Monday")),
            // SPEC §3.5's own example: 24 April 2026 is a Friday.
            ("Kamis, 24 April 2026", mismatch(2026, 4, 24, "Kamis")),
            ("KAMIS, 24 APRIL 2026", mismatch(2026, 4, 24, "KAMIS")),
            ("31/02/2026", Err(DateError::Impossible)),
            ("29/02/2026", Err(DateError::Impossible)),
            ("31 November 2026", Err(DateError::Impossible)),
            ("24/13/2026", Err(DateError::Impossible)),
            ("00/04/2026", Err(DateError::Impossible)),
            ("24/04/1899", Err(DateError::OutOfRange)),
            ("31/12/1999", Err(DateError::OutOfRange)),
            ("1 Januari 2100", Err(DateError::OutOfRange)),
            ("abc", Err(DateError::Unrecognised)),
            ("", Err(DateError::Unrecognised)),
            ("24/04", Err(DateError::Unrecognised)),
            ("24 April", Err(DateError::Unrecognised)),
            ("20260424", Err(DateError::Unrecognised)),
            ("24/04/202", Err(DateError::Unrecognised)),
            ("124/04/2026", Err(DateError::Unrecognised)),
            ("24 April Mei 2026", Err(DateError::Unrecognised)),
            ("Senin Selasa 24/04/2026", Err(DateError::Unrecognised)),
            ("24 April 2026 libur", Err(DateError::Unrecognised)),
            ("H", Err(DateError::Unrecognised)),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date_text(input), want, "{input:?}");
        }
    }

    #[test]
    fn excel_serial_cases() {
        let cases = [
            (36526.0, false, Ok(ymd(2000, 1, 1))),
            (45000.0, false, Ok(ymd(2023, 3, 15))),
            (46136.0, false, Ok(ymd(2026, 4, 24))),
            (46136.75, false, Ok(ymd(2026, 4, 24))),
            (46136.0 - 1462.0, true, Ok(ymd(2026, 4, 24))),
            (35064.0, true, Ok(ymd(2000, 1, 1))),
            (73050.0, false, Ok(ymd(2099, 12, 31))),
            (73051.0, false, Err(DateError::OutOfRange)),
            (36525.0, false, Err(DateError::OutOfRange)),
            (61.0, false, Err(DateError::OutOfRange)),
            (0.0, false, Err(DateError::OutOfRange)),
            (-5.0, false, Err(DateError::OutOfRange)),
            (1e300, false, Err(DateError::OutOfRange)),
            (f64::NAN, false, Err(DateError::Unrecognised)),
            (f64::INFINITY, true, Err(DateError::Unrecognised)),
        ];
        for (serial, is_1904, want) in cases {
            assert_eq!(excel_serial_to_date(serial, is_1904), want, "{serial} {is_1904}");
        }
    }

    #[test]
    fn excel_serial_1900_leap_bug() {
        let cases = [
            (1, false, ymd(1900, 1, 1)),
            (59, false, ymd(1900, 2, 28)),
            (61, false, ymd(1900, 3, 1)),
            (0, true, ymd(1904, 1, 1)),
            (1, true, ymd(1904, 1, 2)),
        ];
        for (serial, is_1904, want) in cases {
            assert_eq!(serial_day(serial, is_1904), Some(want), "{serial} {is_1904}");
        }
    }

    #[test]
    fn month_text_cases() {
        let cases = [
            ("November 2026", ym(2026, 11)),
            ("Nopember 2026", ym(2026, 11)),
            ("NOVEMBER 2026", ym(2026, 11)),
            ("Nov 2026", ym(2026, 11)),
            ("nop. 2026", ym(2026, 11)),
            ("11/2026", ym(2026, 11)),
            ("11-2026", ym(2026, 11)),
            ("8/2026", ym(2026, 8)),
            ("08/2026", ym(2026, 8)),
            ("2026-11", ym(2026, 11)),
            ("2026/11", ym(2026, 11)),
            ("Bulan November Tahun 2026", ym(2026, 11)),
            ("Bulan 11 Tahun 2026", ym(2026, 11)),
            (": Agustus 2026", ym(2026, 8)),
            ("AGUSTUS 2026", ym(2026, 8)),
            ("Agst 2026", ym(2026, 8)),
            ("Pebruari 2026", ym(2026, 2)),
            ("1 - 30 November 2026", ym(2026, 11)),
            ("01/11/2026", ym(2026, 11)),
            ("2026-11-01", ym(2026, 11)),
            ("Oktober - November 2026", None),
            ("November 2026 / 2027", None),
            ("November", None),
            ("Nov-26", None),
            ("2026", None),
            ("13/2026", None),
            ("November 1999", None),
            ("31/02/2026", None),
            ("abc", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_month_text(input), want, "{input:?}");
        }
    }

    #[test]
    fn month_from_file_name_cases() {
        let cases = [
            ("Kehadiran_Puskesmas_Kranggan_November_2026.xlsx", ym(2026, 11)),
            ("2026-11 dinkes.xls", ym(2026, 11)),
            ("Penilaian_SKP_UPTD_Pendidikan_Kranggan_082026.xlsx", ym(2026, 8)),
            ("rekap_202608.xlsx", ym(2026, 8)),
            ("Rekap_11-2026.xlsx", ym(2026, 11)),
            ("Laporan Kinerja Bakesbangpol Agst 2026.xls", ym(2026, 8)),
            ("absen_nov_2026.xlsx", ym(2026, 11)),
            ("ABSEN_NOV_2026.XLSX", ym(2026, 11)),
            ("Nov2026.xlsx", ym(2026, 11)),
            ("Kehadiran_Kec_Kranggan_2026-08.xlsx", ym(2026, 8)),
            ("Rekap Absensi DISHUB Agustus 2026.xlsx", ym(2026, 8)),
            ("PENILAIAN KINERJA PKM WATES AGUSTUS 2026.ods", ym(2026, 8)),
            ("Rekap Absensi DISHUB Agustus 2026 (1).xlsx", ym(2026, 8)),
            ("sub/folder/Absen Mei 2026.xlsx", ym(2026, 5)),
            ("sub\\folder\\Absen Mei 2026.xlsx", ym(2026, 5)),
            ("kehadiran 24-11-2026.xlsx", ym(2026, 11)),
            ("November_2026_2026-11.xlsx", ym(2026, 11)),
            ("absen kel miji agst.xls", None),
            ("Oktober_November_2026.xlsx", None),
            ("November_2026_2026-12.xlsx", None),
            ("Agustus 2026 dan 2027.xlsx", None),
            ("daftar_pegawai.xlsx", None),
            ("rekap_20261124.xlsx", None),
            ("rekap_132026.xlsx", None),
            ("Kehadiran November 1999.xlsx", None),
        ];
        for (input, want) in cases {
            assert_eq!(month_from_file_name(input), want, "{input:?}");
        }
    }

    #[test]
    fn number_text_cases() {
        let cases = [
            ("85", Some(85.0)),
            (" 70 ", Some(70.0)),
            ("85,5", Some(85.5)),
            ("88,50", Some(88.5)),
            ("85.5", Some(85.5)),
            ("0,125", Some(0.125)),
            ("0.125", Some(0.125)),
            ("1234,567", Some(1234.567)),
            ("1.234,5", Some(1234.5)),
            ("1,234.5", Some(1234.5)),
            ("1.234.567,89", Some(1234567.89)),
            ("1,234,567.89", Some(1234567.89)),
            ("1.234", Some(1234.0)),
            ("1.234.567", Some(1234567.0)),
            ("1,234,567", Some(1234567.0)),
            ("85%", Some(85.0)),
            ("85 %", Some(85.0)),
            ("85,5%", Some(85.5)),
            ("-5", Some(-5.0)),
            ("+5", Some(5.0)),
            ("0", Some(0.0)),
            ("1,234", None),
            ("100,000", None),
            ("1.23.4", None),
            ("1.234,5,6", None),
            ("1,2.3,4", None),
            (",5", None),
            ("5,", None),
            ("", None),
            ("  ", None),
            ("%", None),
            ("abc", None),
            ("NaN", None),
            ("inf", None),
            ("1e5", None),
            ("85 poin", None),
            ("#N/A", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_number_text(input), want, "{input:?}");
        }
    }

    #[test]
    fn rating_cases() {
        use Rating::*;
        let cases = [
            ("Di Atas Ekspektasi", Some(DiAtas)),
            ("di atas ekspektasi", Some(DiAtas)),
            ("DIATAS EKSPEKTASI", Some(DiAtas)),
            ("Di Atas", Some(DiAtas)),
            ("Sesuai Ekspektasi", Some(Sesuai)),
            ("sesuai ekspektasi", Some(Sesuai)),
            (" Sesuai ", Some(Sesuai)),
            ("Di Bawah Ekspektasi", Some(DiBawah)),
            ("Di\nBawah  Ekspektasi", Some(DiBawah)),
            ("di bawah", Some(DiBawah)),
            ("Baik", None),
            ("Ekspektasi", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_rating(input), want, "{input:?}");
        }
    }

    #[test]
    fn month_and_weekday_names() {
        let months = [
            ("Agustus", Some(8)),
            ("AGT.", Some(8)),
            ("Nopember", Some(11)),
            ("Agus", None),
            ("Senin", None),
        ];
        for (input, want) in months {
            assert_eq!(month_from_name(input), want, "{input:?}");
        }
        let days = [("Jum'at", Some(Weekday::Fri)), ("AHAD", Some(Weekday::Sun)), ("S", None), ("Mei", None)];
        for (input, want) in days {
            assert_eq!(weekday_from_name(input), want, "{input:?}");
        }
    }
}
