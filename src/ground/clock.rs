//! Times of day from fingerprint and face machines (SPEC §3.9 "Times"): a `ClockTime` is whole
//! minutes since midnight, seconds dropped everywhere. Reads time cells (day fractions), time
//! text, the time pair of a matrix day cell and the time half of a date-time text; the date
//! half is left to the caller's date rules.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::{NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::ground::text::is_dash;

/// Minutes in a day: a `ClockTime` is below this.
pub const MINUTES_PER_DAY: u32 = 24 * 60;

/// A time of day in whole minutes since midnight (`07:31`).
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClockTime(u16);

/// Why a time could not be read; each message says how to write it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("jam \"{0}\" tidak dikenali; tulis seperti 07:30")]
    Unrecognised(String),
    #[error("jam \"{0}\" tidak valid (jam 00–23, menit dan detik 00–59); tulis seperti 07:30")]
    OutOfRange(String),
    #[error("nilai {0} bukan jam; format sel sebagai jam atau tulis seperti 07:30")]
    BadNumber(String),
    #[error("sel \"{0}\" berisi lebih dari dua jam; tulis jam datang dan pulang seperti 07:39 - 16:07")]
    TooManyTimes(String),
}

impl ClockTime {
    pub const MIDNIGHT: ClockTime = ClockTime(0);

    /// `hour:minute`, or `None` outside 00:00–23:59.
    pub fn from_hm(hour: u32, minute: u32) -> Option<Self> {
        (hour < 24 && minute < 60).then(|| Self((hour * 60 + minute) as u16))
    }

    /// Minutes since midnight, or `None` from 1440 on.
    pub fn from_minutes(minutes: u32) -> Option<Self> {
        (minutes < MINUTES_PER_DAY).then_some(Self(minutes as u16))
    }

    /// Minutes since midnight: 07:31 → 451.
    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }

    pub fn hour(self) -> u32 {
        self.minutes() / 60
    }

    pub fn minute(self) -> u32 {
        self.minutes() % 60
    }

    /// A spreadsheet time as a day fraction (0.3125 = 07:30); of a date-time serial only the
    /// fraction counts. Rounded to the second first, because 07:31 is stored as
    /// 0.313194… whose minutes come out as 450.99…; then the seconds are dropped.
    pub fn from_day_fraction(x: f64) -> Result<Self, TimeError> {
        if !x.is_finite() || x < 0.0 {
            return Err(TimeError::BadNumber(x.to_string()));
        }
        let seconds = ((x.fract() * 86_400.0).round() as u32).min(86_399);
        Ok(Self((seconds / 60) as u16))
    }

    /// Time text: `07:31`, `07.31`, `7:31:05`, `7:31`, `07:31:05.000`, `7:31 PM`, `07:31 WIB`.
    /// `-`, `--:--`, `—` and empty mean no scan (`Ok(None)`).
    pub fn parse(text: &str) -> Result<Option<Self>, TimeError> {
        let t = text.trim();
        if is_no_scan(t) {
            return Ok(None);
        }
        let lower = t.to_lowercase();
        let body = lower.strip_suffix("wib").unwrap_or(&lower).trim_end();
        let (body, meridiem) = split_meridiem(body);
        let unrecognised = || TimeError::Unrecognised(t.to_string());
        let parts: Vec<&str> = body.split([':', '.']).collect();
        let [h, m, rest @ ..] = parts.as_slice() else {
            return Err(unrecognised());
        };
        let seconds_ok = match rest {
            [] => true,
            [s] => is_digits(s, 2..=2),
            [s, frac] => is_digits(s, 2..=2) && is_digits(frac, 1..=9),
            _ => false,
        };
        if !is_digits(h, 1..=2) || !is_digits(m, 2..=2) || !seconds_ok {
            return Err(unrecognised());
        }
        let num = |s: &str| s.parse::<u32>().unwrap_or(u32::MAX);
        let hour = to_24h(num(h), meridiem).ok_or_else(|| TimeError::OutOfRange(t.to_string()))?;
        let second_ok = rest.first().is_none_or(|s| num(s) < 60);
        match Self::from_hm(hour, num(m)) {
            Some(time) if second_ok => Ok(Some(time)),
            _ => Err(TimeError::OutOfRange(t.to_string())),
        }
    }

    /// As chrono's time of day (whole minutes).
    pub fn to_naive_time(self) -> NaiveTime {
        NaiveTime::from_hms_opt(self.hour(), self.minute(), 0).unwrap_or(NaiveTime::MIN)
    }
}

impl From<NaiveTime> for ClockTime {
    /// Seconds dropped: 07:30:59 → 07:30.
    fn from(t: NaiveTime) -> Self {
        Self((t.hour() * 60 + t.minute()) as u16)
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

/// `-`, `--:--`, `—`, `--.--` and empty: a time column's way of saying "no scan".
pub fn is_no_scan(text: &str) -> bool {
    text.chars().all(|c| is_dash(c) || c == ':' || c == '.' || c.is_whitespace())
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Meridiem {
    Am,
    Pm,
}

/// Cuts a trailing `am`/`pm` (English-locale machine exports) from lower-cased text.
fn split_meridiem(body: &str) -> (&str, Option<Meridiem>) {
    if let Some(b) = body.strip_suffix("am") {
        (b.trim_end(), Some(Meridiem::Am))
    } else if let Some(b) = body.strip_suffix("pm") {
        (b.trim_end(), Some(Meridiem::Pm))
    } else {
        (body, None)
    }
}

/// The 24-hour hour; with AM/PM the hour must be 1–12 (12 AM is midnight, 12 PM noon).
fn to_24h(hour: u32, meridiem: Option<Meridiem>) -> Option<u32> {
    match meridiem {
        None => (hour < 24).then_some(hour),
        Some(_) if !(1..=12).contains(&hour) => None,
        Some(Meridiem::Am) => Some(hour % 12),
        Some(Meridiem::Pm) => Some(hour % 12 + 12),
    }
}

/// The times in a matrix day cell (SPEC §3.9 "times in matrix cells").
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CellTimes {
    /// No time at all: empty, `-`, `--:--`, or a pair of blanks.
    Empty,
    /// One time whose role the day rule decides (before `batas_tengah` it is masuk).
    Lone(ClockTime),
    /// Datang then pulang in writing order; a `--:--` or bare side leaves its slot empty.
    Pair { masuk: Option<ClockTime>, pulang: Option<ClockTime> },
}

/// A piece of a day cell: a time, a `--:--` placeholder, or separating text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Piece {
    Time(ClockTime),
    Blank,
    Sep,
}

/// A day cell's times: `07:39 - 16:07`, `07:39/16:07`, `07:39–16:07`, `07:39 s/d 16:07`, two
/// lines `07:39` / `16:07`, a lone `07:39`, `--:-- - 16:07` (no masuk), `07:39 -` (no pulang).
pub fn parse_time_pair(text: &str) -> Result<CellTimes, TimeError> {
    let t = text.trim();
    if is_no_scan(t) {
        return Ok(CellTimes::Empty);
    }
    let pieces = cell_pieces(t)?;
    let times = pieces.iter().filter(|p| matches!(p, Piece::Time(_))).count();
    if times > 2 {
        return Err(TimeError::TooManyTimes(t.to_string()));
    }
    let slot = |p: &Piece| match p {
        Piece::Time(time) => Some(Some(*time)),
        Piece::Blank => Some(None),
        Piece::Sep => None,
    };
    let pair = |masuk: Option<ClockTime>, pulang: Option<ClockTime>| match (masuk, pulang) {
        (None, None) => CellTimes::Empty,
        (masuk, pulang) => CellTimes::Pair { masuk, pulang },
    };
    let unrecognised = || TimeError::Unrecognised(t.to_string());
    Ok(match pieces.as_slice() {
        [Piece::Time(time)] => CellTimes::Lone(*time),
        [Piece::Sep, b] => pair(None, slot(b).ok_or_else(unrecognised)?),
        [a, Piece::Sep] => pair(slot(a).ok_or_else(unrecognised)?, None),
        [a, Piece::Sep, b] | [a, b] => {
            pair(slot(a).ok_or_else(unrecognised)?, slot(b).ok_or_else(unrecognised)?)
        }
        _ => return Err(unrecognised()),
    })
}

/// Splits a day cell into pieces, consecutive separators merged into one.
fn cell_pieces(t: &str) -> Result<Vec<Piece>, TimeError> {
    // The Indonesian "sampai dengan" and the zone name are separators, not words to reject.
    let lower = t.to_lowercase();
    let s = ["s/d", "s.d.", "s.d", "sampai"].iter().fold(lower, |s, word| s.replace(word, "/"));
    let s = s.replace("wib", " ");
    let chars: Vec<char> = s.trim().chars().collect();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let (piece, len) = if c.is_ascii_digit() {
            time_piece(&chars[i..])?
        } else if is_dash(c) || c == ':' || c == '.' {
            let len = chars[i..].iter().take_while(|&&d| is_dash(d) || d == ':' || d == '.').count();
            let blank = chars[i..i + len].iter().any(|&d| d == ':' || d == '.');
            (if blank { Piece::Blank } else { Piece::Sep }, len)
        } else if c.is_whitespace() || matches!(c, '/' | '~' | '|' | ',' | ';') {
            (Piece::Sep, 1)
        } else {
            return Err(TimeError::Unrecognised(t.to_string()));
        };
        if !(piece == Piece::Sep && pieces.last() == Some(&Piece::Sep)) {
            pieces.push(piece);
        }
        i += len;
    }
    Ok(pieces)
}

/// A time at the start of `chars` (digits, `:` and `.`, then an optional `am`/`pm`).
fn time_piece(chars: &[char]) -> Result<(Piece, usize), TimeError> {
    let mut len = chars.iter().take_while(|c| c.is_ascii_digit() || matches!(c, ':' | '.')).count();
    let spaces = chars[len..].iter().take_while(|c| **c == ' ').count();
    let after: String = chars[len + spaces..].iter().take(3).collect();
    let word_end = |rest: &str| rest.chars().nth(2).is_none_or(|c| !c.is_alphabetic());
    if (after.starts_with("am") || after.starts_with("pm")) && word_end(&after) {
        len += spaces + 2;
    }
    let token: String = chars[..len].iter().collect();
    match ClockTime::parse(&token)? {
        Some(time) => Ok((Piece::Time(time), len)),
        None => Err(TimeError::Unrecognised(token)),
    }
}

/// Splits a date-time text (`2026-11-03 07:31:05`, `03/11/2026 07:31`, `2026-11-03T07:31`)
/// into its date part, for the caller's date rules, and its time. A text with no time part
/// gives the whole text and `None`; a time part that is not a valid time is an error.
pub fn split_date_time(text: &str) -> Result<(&str, Option<ClockTime>), TimeError> {
    let t = text.trim();
    let Some((date, time)) = time_part(t) else {
        return Ok((t, None));
    };
    Ok((date.trim_end(), ClockTime::parse(time)?))
}

/// The date part and the time part of a date-time text, when it has a time part: the last
/// word (with a following `AM`/`PM`/`WIB`), or what follows a `T` between digits.
fn time_part(t: &str) -> Option<(&str, &str)> {
    if let Some(pos) = t.find(['T', 't']) {
        let before = t[..pos].chars().last().is_some_and(|c| c.is_ascii_digit());
        let after = t[pos + 1..].chars().next().is_some_and(|c| c.is_ascii_digit());
        if before && after && !t[..pos].contains(char::is_whitespace) {
            return Some((&t[..pos], &t[pos + 1..]));
        }
    }
    let mut start = t.rfind(char::is_whitespace)?;
    let last = t[start..].trim().to_lowercase();
    if matches!(last.as_str(), "am" | "pm" | "wib") {
        start = t[..start].trim_end().rfind(char::is_whitespace)?;
    }
    let (date, time) = (t[..start].trim_end(), t[start..].trim());
    let looks_like_time = time.contains(':') || is_dotted_time(time) || is_no_scan(time);
    (!date.is_empty() && looks_like_time).then_some((date, time))
}

/// `07.31` or `07.31.05`, but not a dotted date like `03.11.2026`.
fn is_dotted_time(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    match parts.as_slice() {
        [h, m] => is_digits(h, 1..=2) && is_digits(m, 2..=2),
        [h, m, sec] => is_digits(h, 1..=2) && is_digits(m, 2..=2) && is_digits(sec, 2..=2),
        _ => false,
    }
}

/// ASCII digits only, with a length in `lens`.
fn is_digits(s: &str, lens: RangeInclusive<usize>) -> bool {
    lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (hour, minute)
    type Hm = (u32, u32);

    fn hm(h: u32, m: u32) -> ClockTime {
        ClockTime::from_hm(h, m).unwrap()
    }

    #[test]
    fn time_text_cases() {
        let cases: &[(&str, Option<Hm>)] = &[
            ("07:31", Some((7, 31))),
            ("07.31", Some((7, 31))),
            ("7:31:05", Some((7, 31))),
            ("7:31", Some((7, 31))),
            ("07:30:59", Some((7, 30))),
            ("  16:07 ", Some((16, 7))),
            ("00:00", Some((0, 0))),
            ("23:59:59", Some((23, 59))),
            ("07:31:05.250", Some((7, 31))),
            ("7.31.05", Some((7, 31))),
            ("07:31 WIB", Some((7, 31))),
            ("7:31 AM", Some((7, 31))),
            ("4:07 PM", Some((16, 7))),
            ("12:15 am", Some((0, 15))),
            ("12:15 PM", Some((12, 15))),
            ("", None),
            ("-", None),
            ("--:--", None),
            ("—", None),
            ("--.--", None),
            ("  ", None),
        ];
        for &(input, want) in cases {
            let got = ClockTime::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(got, want.map(|(h, m)| hm(h, m)), "{input:?}");
        }
    }

    #[test]
    fn invalid_time_text_cases() {
        let cases: &[(&str, &str)] = &[
            ("25:10", "jam \"25:10\" tidak valid"),
            ("07:75", "jam \"07:75\" tidak valid"),
            ("24:00", "tidak valid"),
            ("07:30:60", "tidak valid"),
            ("13:00 PM", "tidak valid"),
            ("abc", "jam \"abc\" tidak dikenali; tulis seperti 07:30"),
            ("7", "tidak dikenali"),
            ("7:5", "tidak dikenali"),
            ("0731", "tidak dikenali"),
            ("07:31:5", "tidak dikenali"),
            ("1.234,5", "tidak dikenali"),
            ("07:31 pagi", "tidak dikenali"),
        ];
        for &(input, want) in cases {
            let err = ClockTime::parse(input).unwrap_err().to_string();
            assert!(err.contains(want), "{input:?}: {err}");
            assert!(err.contains("tulis seperti 07:30"), "{input:?}: {err}");
        }
    }

    #[test]
    fn day_fraction_cases() {
        let cases: &[(f64, (u32, u32))] = &[
            (0.3125, (7, 30)),
            (451.0 / 1440.0, (7, 31)),
            ((7.0 * 3600.0 + 30.0 * 60.0 + 59.0) / 86_400.0, (7, 30)),
            (46_329.312_5, (7, 30)),
            (46_329.0 + 967.0 / 1440.0, (16, 7)),
            (0.0, (0, 0)),
            (0.999_999_999_9, (23, 59)),
        ];
        for &(x, (h, m)) in cases {
            assert_eq!(ClockTime::from_day_fraction(x), Ok(hm(h, m)), "{x}");
        }
        assert!(ClockTime::from_day_fraction(-0.5).is_err());
        assert!(ClockTime::from_day_fraction(f64::NAN).is_err());
    }

    #[test]
    fn display_and_conversions() {
        assert_eq!(hm(7, 31).to_string(), "07:31");
        assert_eq!(hm(0, 5).to_string(), "00:05");
        assert_eq!(hm(7, 31).minutes(), 451);
        assert_eq!(ClockTime::from(NaiveTime::from_hms_opt(7, 30, 59).unwrap()), hm(7, 30));
        assert_eq!(hm(16, 7).to_naive_time(), NaiveTime::from_hms_opt(16, 7, 0).unwrap());
        assert_eq!(ClockTime::from_minutes(1440), None);
        assert_eq!(ClockTime::from_hm(24, 0), None);
    }

    #[test]
    fn time_pair_cases() {
        use CellTimes::*;
        let pair = |a: Option<Hm>, b: Option<Hm>| Pair {
            masuk: a.map(|(h, m)| hm(h, m)),
            pulang: b.map(|(h, m)| hm(h, m)),
        };
        let cases: &[(&str, CellTimes)] = &[
            ("07:39 - 16:07", pair(Some((7, 39)), Some((16, 7)))),
            ("07:39-16:07", pair(Some((7, 39)), Some((16, 7)))),
            ("07:39/16:07", pair(Some((7, 39)), Some((16, 7)))),
            ("07:39–16:07", pair(Some((7, 39)), Some((16, 7)))),
            ("07:39 — 16:07", pair(Some((7, 39)), Some((16, 7)))),
            ("07:39\n16:07", pair(Some((7, 39)), Some((16, 7)))),
            ("07:39\r\n16:07\n", pair(Some((7, 39)), Some((16, 7)))),
            ("07.39 s/d 16.07", pair(Some((7, 39)), Some((16, 7)))),
            ("7:39:12 AM - 4:07:40 PM", pair(Some((7, 39)), Some((16, 7)))),
            ("07:39 WIB - 16:07 WIB", pair(Some((7, 39)), Some((16, 7)))),
            ("--:-- - 16:07", pair(None, Some((16, 7)))),
            ("07:39 - --:--", pair(Some((7, 39)), None)),
            ("07:39 -", pair(Some((7, 39)), None)),
            ("- 16:07", pair(None, Some((16, 7)))),
            ("07:39", Lone(hm(7, 39))),
            (" 16:07 ", Lone(hm(16, 7))),
            ("", Empty),
            ("-", Empty),
            ("--:--", Empty),
            ("--:-- - --:--", Empty),
        ];
        for (input, want) in cases {
            assert_eq!(parse_time_pair(input), Ok(*want), "{input:?}");
        }
    }

    #[test]
    fn invalid_time_pair_cases() {
        let cases: &[(&str, &str)] = &[
            ("07:39 - 25:07", "jam \"25:07\" tidak valid"),
            ("07:39 - 12:00 - 16:07", "lebih dari dua jam"),
            ("H", "tidak dikenali"),
            ("07:39 pagi", "tidak dikenali"),
            ("07:39 - - 16:07 - x", "tidak dikenali"),
        ];
        for &(input, want) in cases {
            let err = parse_time_pair(input).unwrap_err().to_string();
            assert!(err.contains(want), "{input:?}: {err}");
        }
    }

    #[test]
    fn date_time_split_cases() {
        let cases: &[(&str, &str, Option<Hm>)] = &[
            ("2026-11-03 07:31:05", "2026-11-03", Some((7, 31))),
            ("03/11/2026 07:31", "03/11/2026", Some((7, 31))),
            ("2026-11-03T07:31:05", "2026-11-03", Some((7, 31))),
            ("03/11/2026 7:31:05 PM", "03/11/2026", Some((19, 31))),
            ("03-11-2026  07.31", "03-11-2026", Some((7, 31))),
            ("Selasa, 03 November 2026 16:07", "Selasa, 03 November 2026", Some((16, 7))),
            ("03/11/2026 --:--", "03/11/2026", None),
            ("03/11/2026", "03/11/2026", None),
            ("03 November 2026", "03 November 2026", None),
            ("03.11.2026", "03.11.2026", None),
        ];
        for &(input, date, time) in cases {
            let got = split_date_time(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(got, (date, time.map(|(h, m)| hm(h, m))), "{input:?}");
        }
        let err = split_date_time("03/11/2026 25:10").unwrap_err().to_string();
        assert!(err.contains("\"25:10\" tidak valid"), "{err}");
    }
}
