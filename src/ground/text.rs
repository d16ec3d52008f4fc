//! Indonesian formats for everything a reader sees: `1.234`, `94,2%`, `88,5`,
//! `30 November 2026`, month names. Shared by the PDF, the XLSX titles and the terminal.
//! Also the normalised forms of keys and names that every stage matches on.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::ground::model::YearMonth;

pub const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

pub const HARI: [&str; 7] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];

pub fn nama_bulan(month: u32) -> &'static str {
    BULAN.get(month.wrapping_sub(1) as usize).copied().unwrap_or("?")
}

/// `November 2026`.
pub fn periode(ym: YearMonth) -> String {
    format!("{} {}", nama_bulan(ym.month), ym.year)
}

/// `30 November 2026`.
pub fn tanggal(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), nama_bulan(d.month()), d.year())
}

/// `28 November 2026 02.41` (Indonesian time separator).
pub fn waktu(t: NaiveDateTime) -> String {
    format!("{} {}", tanggal(t.date()), t.format("%H.%M"))
}

/// `Senin`…`Minggu`.
pub fn nama_hari(d: NaiveDate) -> &'static str {
    HARI[d.weekday().num_days_from_monday() as usize]
}

/// `1.234.567`.
pub fn angka(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// A number with `decimals` decimals, Indonesian separators: `1.234,5`.
pub fn desimal(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let sign = if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
    let int = angka(int.parse().unwrap_or(0));
    if frac.is_empty() { format!("{sign}{int}") } else { format!("{sign}{int},{frac}") }
}

/// A fraction as a percentage with one decimal: 0.9423 → `94,2%`.
pub fn persen(fraction: f64) -> String {
    format!("{}%", desimal(fraction * 100.0, 1))
}

/// An optional fraction as a percentage, `–` when absent.
pub fn persen_opt(fraction: Option<f64>) -> String {
    fraction.map(persen).unwrap_or_else(|| "–".into())
}

/// A score with one decimal, `–` when absent.
pub fn nilai_opt(x: Option<f64>) -> String {
    x.map(|v| desimal(v, 1)).unwrap_or_else(|| "–".into())
}

/// A change in percentage points or points, signed: `+1,3` / `-0,4` / `0,0`.
pub fn selisih(points: f64) -> String {
    let s = desimal(points, 1);
    if points > 0.0 && s != "0,0" { format!("+{s}") } else { s }
}

// ---------------------------------------------------------------------------------------------
// Keys and names
// ---------------------------------------------------------------------------------------------

/// Normalise for matching headers, codes, units, month names: lower-case, and drop every
/// character that is not a letter or digit (spaces, punctuation, line breaks) — so
/// "Terlambat\n(menit)" == "terlambat menit" == "TERLAMBAT (MENIT)" → "terlambatmenit".
pub fn norm_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Normalise a person's name for identity (non-ASN staff are keyed by unit + name):
/// trim, collapse inner whitespace, lower-case; keep letters/digits/spaces/.,' only.
/// Typographic apostrophes (’ ‘ `) count as `'`, so "Ma’ruf" and "Ma'ruf" are one person.
pub fn norm_name(s: &str) -> String {
    let mut out = String::new();
    for word in s.split_whitespace() {
        let kept: String = word
            .chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .filter(|&c| c.is_alphanumeric() || matches!(c, '.' | ',' | '\''))
            .flat_map(char::to_lowercase)
            .collect();
        if kept.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&kept);
    }
    out
}

pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ')
}

pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—' | '−')
}

/// Whitespace collapsed to single spaces, trimmed.
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        for (n, want) in [(0, "0"), (999, "999"), (1000, "1.000"), (1234567, "1.234.567")] {
            assert_eq!(angka(n), want);
        }
        assert_eq!(desimal(1234.56, 1), "1.234,6");
        assert_eq!(desimal(-0.04, 1), "0,0");
        assert_eq!(desimal(-2.5, 1), "-2,5");
        assert_eq!(persen(0.9423), "94,2%");
        assert_eq!(persen(1.0), "100,0%");
        assert_eq!(selisih(1.26), "+1,3");
        assert_eq!(selisih(-0.4), "-0,4");
        assert_eq!(selisih(0.01), "0,0");
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(tanggal(d), "30 November 2026");
        assert_eq!(nama_hari(d), "Senin");
        assert_eq!(periode(YearMonth::of(d)), "November 2026");
    }

    #[test]
    fn norm_key_cases() {
        let cases = [
            ("Terlambat\n(menit)", "terlambatmenit"),
            ("terlambat menit", "terlambatmenit"),
            ("TERLAMBAT (MENIT)", "terlambatmenit"),
            ("  Nama / NIP ", "namanip"),
            ("No. Induk Pegawai", "noindukpegawai"),
            ("Hari/Tanggal", "haritanggal"),
            ("Kel. Miji", "kelmiji"),
            ("Jum'at", "jumat"),
            ("✓", ""),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(norm_key(input), want, "{input:?}");
        }
    }

    #[test]
    fn norm_name_cases() {
        let cases = [
            ("  Budi   Santoso, S.E. ", "budi santoso, s.e."),
            ("SITI\nNUR  AISYAH", "siti nur aisyah"),
            ("Ma’ruf", "ma'ruf"),
            ("Ma'ruf", "ma'ruf"),
            ("Dr. (H.) Ahmad", "dr. h. ahmad"),
            ("Ahmad \u{a0}Fauzi", "ahmad fauzi"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(norm_name(input), want, "{input:?}");
        }
    }
}
