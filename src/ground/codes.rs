//! The status-code table (SPEC §3.5): every code with its built-in and configured aliases,
//! matched exactly up to case and spacing. Built once from the configuration.

use std::collections::HashMap;

use crate::ground::model::StatusCode;

/// Status codes with their aliases (SPEC §3.5), matched after trimming, collapsing inner
/// whitespace and case-folding — nothing else. Punctuation is part of the value: `=H`, `H.`,
/// `-H` or `"H"` is no code (a formula typed as text, a typo) and is rejected, while aliases
/// that contain spaces or symbols (`Pulang Cepat`, `-`, `✓`) match as written.
#[derive(Clone, Debug)]
pub struct CodeTable {
    /// `code_key(alias)` → code.
    by_key: HashMap<String, StatusCode>,
}

/// Why the configuration's `[kode]` table cannot be used. `key` is the code as written in
/// `[kode]` and `index` the alias's place in its list, for the message's `[kode] H ke-2`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("kode status \"{code}\" tidak dikenal; tulis salah satu kode yang dikenal: {known}")]
    UnknownCode { code: String, known: String },
    #[error("alias kosong untuk kode {}; hapus atau isi", .code.as_str())]
    EmptyAlias { key: String, index: usize, code: StatusCode },
    #[error("alias \"{alias}\" untuk kode {} adalah kode {} sendiri; pilih alias lain", .code.as_str(), .other.as_str())]
    AliasIsCode { key: String, index: usize, alias: String, code: StatusCode, other: StatusCode },
    #[error("alias \"{alias}\" diberikan untuk dua kode, {} dan {}; pilih satu", .first.as_str(), .second.as_str())]
    AliasTwice { key: String, index: usize, alias: String, first: StatusCode, second: StatusCode },
}

/// Symbols accepted beyond the model's list: the heavy check mark Excel users pick from the
/// symbol dialog.
const EXTRA_BUILTIN: &[(StatusCode, &str)] = &[(StatusCode::H, "✔")];

impl CodeTable {
    /// `extra`: (code string like "H", alias list) from the configuration's [kode] table.
    /// A configured alias overrides a built-in alias of another code (a city may write `M`
    /// for Masuk); it may not be one of the codes themselves, nor be given to two codes.
    /// Unknown code names, empty aliases and such clashes → Err(message naming the key).
    pub fn new(extra: &[(String, Vec<String>)]) -> Result<CodeTable, CodeError> {
        let mut table = CodeTable { by_key: HashMap::new() };
        for code in StatusCode::ALL {
            table.insert(code.as_str(), code);
            for alias in code.builtin_aliases() {
                table.insert(alias, code);
            }
        }
        for &(code, alias) in EXTRA_BUILTIN {
            table.insert(alias, code);
        }

        let mut configured: HashMap<String, StatusCode> = HashMap::new();
        for (key, aliases) in extra {
            let Some(code) = StatusCode::from_code(key) else {
                return Err(CodeError::UnknownCode {
                    code: key.trim().to_string(),
                    known: Self::codes_list(),
                });
            };
            for (index, alias) in aliases.iter().enumerate() {
                let slot = code_key(alias);
                if slot.is_empty() {
                    return Err(CodeError::EmptyAlias { key: key.clone(), index, code });
                }
                if let Some(other) = StatusCode::from_code(alias).filter(|&o| o != code) {
                    return Err(CodeError::AliasIsCode {
                        key: key.clone(),
                        index,
                        alias: alias.trim().to_string(),
                        code,
                        other,
                    });
                }
                if let Some(&other) = configured.get(&slot).filter(|&&o| o != code) {
                    return Err(CodeError::AliasTwice {
                        key: key.clone(),
                        index,
                        alias: alias.trim().to_string(),
                        first: other,
                        second: code,
                    });
                }
                configured.insert(slot, code);
                table.insert(alias, code);
            }
        }
        Ok(table)
    }

    fn insert(&mut self, alias: &str, code: StatusCode) {
        self.by_key.insert(code_key(alias), code);
    }

    /// The code `s` stands for: `s` trimmed, its inner whitespace collapsed and case-folded
    /// must equal a code or an alias. Nothing else is dropped, so `=H` or `H.` is no code.
    pub fn lookup(&self, s: &str) -> Option<StatusCode> {
        let t = s.trim();
        if t.is_empty() {
            return None;
        }
        // The common case, a short code such as `H` or `TK`: its key without allocating.
        if t.len() <= 16 && t.bytes().all(|b| b.is_ascii_alphanumeric()) {
            let mut buf = [0u8; 16];
            for (d, b) in buf.iter_mut().zip(t.bytes()) {
                *d = b.to_ascii_lowercase();
            }
            let key = std::str::from_utf8(buf.get(..t.len())?).ok()?;
            return self.by_key.get(key).copied();
        }
        self.by_key.get(&code_key(t)).copied()
    }

    /// "H, TL, PSW, DL, DD, S, I, C, TK, L, TB" — for the rejection message.
    pub fn accepted_list(&self) -> String {
        Self::codes_list()
    }

    fn codes_list() -> String {
        StatusCode::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// The form a code or alias is compared in: trimmed, inner whitespace collapsed to one space
/// (a non-breaking space counts as a space), lower-cased.
fn code_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_code_cases() {
        use StatusCode::*;
        let table = CodeTable::new(&[]).unwrap();
        let cases = [
            ("H", Some(H)),
            ("h", Some(H)),
            (" Hadir ", Some(H)),
            ("HADIR", Some(H)),
            ("Masuk", Some(H)),
            ("NL", Some(H)),
            ("✓", Some(H)),
            (" √ ", Some(H)),
            ("✔", Some(H)),
            ("v", Some(H)),
            ("V", Some(H)),
            ("TL", Some(TL)),
            ("T", Some(TL)),
            ("terlambat", Some(TL)),
            ("PSW", Some(PSW)),
            ("PC", Some(PSW)),
            ("Pulang Cepat", Some(PSW)),
            ("pulang  cepat", Some(PSW)),
            ("DL", Some(DL)),
            ("Dinas Luar", Some(DL)),
            ("Tugas Luar", Some(DL)),
            ("DD", Some(DD)),
            ("Dinas Dalam", Some(DD)),
            ("S", Some(S)),
            ("Sakit", Some(S)),
            ("ST", Some(S)),
            ("I", Some(I)),
            ("Izin", Some(I)),
            ("Ijin", Some(I)),
            ("C", Some(C)),
            ("Cuti", Some(C)),
            ("CT", Some(C)),
            ("CS", Some(C)),
            ("CB", Some(C)),
            ("CM", Some(C)),
            ("CAP", Some(C)),
            ("CLTN", Some(C)),
            ("TK", Some(TK)),
            ("A", Some(TK)),
            ("Alpa", Some(TK)),
            ("Alpha", Some(TK)),
            ("Mangkir", Some(TK)),
            ("M", Some(TK)),
            ("L", Some(L)),
            ("Libur", Some(L)),
            ("-", Some(L)),
            (" - ", Some(L)),
            ("TB", Some(TB)),
            ("Tugas Belajar", Some(TB)),
            ("", None),
            ("  ", None),
            ("X", None),
            ("HH", None),
            ("--", None),
            ("?", None),
            ("Hadir.", None),
            // The allocation-free path (short ASCII codes) and the general one agree.
            ("h", Some(H)),
            ("tK", Some(TK)),
            (" MANGKIR ", Some(TK)),
            ("TUGASBELAJARTUGAS", None),
            // Spacing is collapsed, not dropped: a word run together is not the alias.
            ("Tugas\u{a0}Belajar", Some(TB)),
            ("Tugas\nBelajar", Some(TB)),
            ("TugasBelajar", None),
            ("Tugas_Belajar", None),
            ("Dinasluar", None),
        ];
        for (input, want) in cases {
            assert_eq!(table.lookup(input), want, "{input:?}");
        }
    }

    /// Issue 19: only case and spacing are forgiven. A formula typed as text (`=H`), a visible
    /// apostrophe (`'H`; Excel's own text-prefix apostrophe is no part of the cell value), a
    /// trailing dot, a leading dash or quotes make an unknown code, rejected with the list.
    #[test]
    fn punctuation_is_part_of_the_value() {
        use StatusCode::*;
        let table = CodeTable::new(&[]).unwrap();
        let cases = [
            ("=H", None),
            ("'H", None),
            ("H.", None),
            ("-H", None),
            ("\"H\"", None),
            ("(H)", None),
            ("H,", None),
            ("=TK", None),
            ("S/I", None),
            ("C/In", None),
            ("-", Some(L)),
            ("h", Some(H)),
            (" H ", Some(H)),
            ("tl", Some(TL)),
            ("Pulang  Cepat", Some(PSW)),
            ("dinas luar", Some(DL)),
            ("✓", Some(H)),
            ("√", Some(H)),
            ("✔", Some(H)),
        ];
        for (input, want) in cases {
            assert_eq!(table.lookup(input), want, "{input:?}");
        }
    }

    #[test]
    fn every_builtin_code_and_alias_matches_as_written_and_folded() {
        let table = CodeTable::new(&[]).unwrap();
        for code in StatusCode::ALL {
            for alias in code.builtin_aliases().iter().copied().chain([code.as_str()]) {
                for form in
                    [alias.to_string(), alias.to_uppercase(), alias.to_lowercase(), format!(" {alias}\t")]
                {
                    assert_eq!(table.lookup(&form), Some(code), "{form:?}");
                }
            }
        }
    }

    #[test]
    fn builtin_aliases_do_not_clash() {
        let mut seen: HashMap<String, StatusCode> = HashMap::new();
        for code in StatusCode::ALL {
            for alias in code.builtin_aliases().iter().copied().chain([code.as_str()]) {
                let prev = seen.insert(code_key(alias), code);
                assert!(prev.is_none_or(|p| p == code), "{alias:?} is {prev:?} and {code:?}");
            }
        }
    }

    #[test]
    fn configured_code_cases() {
        use StatusCode::*;
        let extra =
            |k: &str, v: &[&str]| (k.to_string(), v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let table = CodeTable::new(&[
            extra("H", &["Hadir", "Masuk", "NL", "Hdr"]),
            extra("tk", &["Bolos", "x"]),
            extra(" C ", &["Cuti Tahunan"]),
            extra("TK", &["-"]),
            extra("DL", &["S.P.T.", "Dinas  Luar Kota"]),
        ])
        .unwrap();
        let cases = [
            ("s.p.t.", Some(DL)),
            ("SPT", None),
            ("dinas luar kota", Some(DL)),
            ("Dinas Luar", Some(DL)),
            ("hdr.", None),
            ("=hdr", None),
            ("hdr", Some(H)),
            ("BOLOS", Some(TK)),
            ("X", Some(TK)),
            ("cuti tahunan", Some(C)),
            ("-", Some(TK)),
            ("Libur", Some(L)),
            ("H", Some(H)),
        ];
        for (input, want) in cases {
            assert_eq!(table.lookup(input), want, "{input:?}");
        }
    }

    #[test]
    fn configured_code_rejections() {
        let extra =
            |k: &str, v: &[&str]| (k.to_string(), v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let cases = [
            (vec![extra("HADIR", &["Hdr"])], "\"HADIR\""),
            (vec![extra("X", &[])], "\"X\""),
            (vec![extra("H", &[" "])], "alias kosong"),
            (vec![extra("H", &["S"])], "kode S"),
            (vec![extra("H", &["Hdr"]), extra("I", &["hdr"])], "dua kode"),
        ];
        for (input, needle) in cases {
            let err = CodeTable::new(&input).unwrap_err();
            assert!(err.to_string().contains(needle), "{input:?}: {err}");
        }
    }

    #[test]
    fn accepted_list_names_every_code() {
        let table = CodeTable::new(&[]).unwrap();
        assert_eq!(table.accepted_list(), "H, TL, PSW, DL, DD, S, I, C, TK, L, TB");
    }
}
