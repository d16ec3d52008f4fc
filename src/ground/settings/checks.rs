//! The rules a parsed configuration must keep (units, predikat and discipline bands, `[kbk]`,
//! `[batas]`, holidays, `[kolom]`), each broken rule an `Invalid` naming where it sits.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::ground::codes::CodeError;
use crate::ground::model::quote_value;
use crate::ground::text::norm_key;

/// A configuration value that breaks a rule: where it sits (`alt` when `at` may not be
/// written in the file, as for two keys checked together), and what is wrong with how to fix it.
pub(super) struct Invalid {
    pub(super) at: KeyPath,
    pub(super) alt: Option<KeyPath>,
    pub(super) message: String,
}

impl Invalid {
    pub(super) fn new(at: KeyPath, message: impl Into<String>) -> Self {
        Invalid { at, alt: None, message: message.into() }
    }

    pub(super) fn or_at(mut self, alt: KeyPath) -> Self {
        self.alt = Some(alt);
        self
    }
}

/// `[kode]` errors at the code or alias they are about.
pub(super) fn code_error(config: &Config, e: &CodeError) -> Invalid {
    let kode = KeyPath::of("kode");
    let at = match e {
        CodeError::UnknownCode { code, .. } => {
            let key = config.kode.keys().find(|k| k.trim() == code).map_or(code.as_str(), String::as_str);
            kode.key(key)
        }
        CodeError::EmptyAlias { key, index, .. }
        | CodeError::AliasIsCode { key, index, .. }
        | CodeError::AliasTwice { key, index, .. } => kode.key(key).index(*index),
    };
    Invalid::new(at, e.to_string())
}

/// The unit list: not empty, each with a code, a name and a known type, codes unique.
pub(super) fn check_units(units: &[Unit]) -> Result<(), Invalid> {
    if units.is_empty() {
        return Err(Invalid::new(
            KeyPath::of("unit"),
            "daftar unit kosong; isi minimal satu [[unit]] dengan kode, nama dan jenis",
        ));
    }
    let mut codes_seen = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        let at = |key: &str| KeyPath::of("unit").index(i).key(key);
        if u.kode.trim().is_empty() {
            return Err(Invalid::new(at("kode"), "kode unit kosong; isi kode singkat, misalnya \"DISHUB\""));
        }
        if u.nama.trim().is_empty() {
            return Err(Invalid::new(
                at("nama"),
                format!("nama unit {} kosong; isi nama resminya, misalnya \"Dinas Perhubungan\"", u.kode),
            ));
        }
        if !UNIT_TYPES.contains(&u.jenis.as_str()) {
            return Err(Invalid::new(
                at("jenis"),
                format!(
                    "jenis \"{}\" pada unit {} tidak dikenal; pilih salah satu: {}",
                    u.jenis,
                    u.kode,
                    UNIT_TYPES.join(", ")
                ),
            ));
        }
        if let Some(j) = codes_seen.insert(norm_key(&u.kode), i) {
            return Err(Invalid::new(
                at("kode"),
                format!(
                    "kode unit \"{}\" sudah dipakai [[unit]] ke-{}; beri setiap unit kode sendiri",
                    u.kode,
                    j + 1
                ),
            ));
        }
    }
    Ok(())
}

/// `norm_key` of every code, name and alias → the unit's index. Codes win over names, names
/// over aliases; an alias shared by two units matches neither.
pub(super) fn unit_index(units: &[Unit]) -> BTreeMap<String, usize> {
    let mut index = BTreeMap::new();
    let mut ambiguous = Vec::new();
    for pass in 0..3 {
        for (i, u) in units.iter().enumerate() {
            let keys: Vec<&str> = match pass {
                0 => vec![u.kode.as_str()],
                1 => vec![u.nama.as_str()],
                _ => u.alias.iter().map(String::as_str).collect(),
            };
            for k in keys {
                let k = norm_key(k);
                if k.is_empty() {
                    continue;
                }
                match index.get(&k) {
                    None => {
                        index.insert(k, i);
                    }
                    Some(&j) if j != i && pass == 2 => ambiguous.push(k),
                    _ => {}
                }
            }
        }
    }
    for k in ambiguous {
        index.remove(&k);
    }
    index
}

/// The weights, predikat and discipline tiers in range and in order; the column names known;
/// the limits usable.
pub(super) fn check_rules(config: &Config) -> Result<(), Invalid> {
    let b = &config.penilaian;
    for (key, value, example) in
        [("bobot_hasil", b.bobot_hasil, 0.6), ("bobot_perilaku", b.bobot_perilaku, 0.4)]
    {
        if !(0.0..=1.0).contains(&value) {
            return Err(Invalid::new(
                KeyPath::of("penilaian").key(key),
                format!(
                    "seharusnya angka antara 0 dan 1, tertulis {value}; tulis bobot sebagai pecahan, misalnya {example:?} untuk {}%",
                    example * 100.0
                ),
            ));
        }
    }
    if b.predikat.is_empty() {
        return Err(Invalid::new(
            KeyPath::of("penilaian.predikat"),
            "daftar predikat kosong; isi minimal satu, misalnya [ { min = 0.0, nama = \"Buruk\" } ]",
        ));
    }
    if let Some(k) = b.predikat.windows(2).position(|w| w[0].min <= w[1].min) {
        let (prev, cur) = (b.predikat[k].min, b.predikat[k + 1].min);
        return Err(Invalid::new(
            KeyPath::of("penilaian.predikat").index(k + 1).key("min"),
            format!(
                "seharusnya lebih kecil dari min predikat sebelumnya ({prev}), tertulis {cur}; \
                 urutkan predikat dari nilai min tertinggi ke terendah"
            ),
        ));
    }
    let tingkat = &config.disiplin.tingkat;
    if let Some(k) = tingkat.windows(2).position(|w| w[0].min >= w[1].min) {
        let (prev, cur) = (tingkat[k].min, tingkat[k + 1].min);
        return Err(Invalid::new(
            KeyPath::of("disiplin.tingkat").index(k + 1).key("min"),
            format!(
                "seharusnya lebih besar dari min tingkat sebelumnya ({prev}), tertulis {cur}; \
                 urutkan tingkat disiplin dari min terendah ke tertinggi"
            ),
        ));
    }
    check_kbk(&config.kbk)?;
    check_batas(&config.batas)?;
    if let Some(field) = config.kolom.keys().find(|f| !FIELDS.contains(&f.as_str())) {
        return Err(Invalid::new(
            KeyPath::of("kolom").key(field),
            format!(
                "kolom \"{field}\" tidak dikenal{}; yang dikenal: {}",
                did_you_mean(field, FIELDS),
                FIELDS.join(", ")
            ),
        ));
    }
    Ok(())
}

/// `[kbk]`: sizes that make sense, weights between 0 and 1 that add up to something.
pub(super) fn check_kbk(k: &Kbk) -> Result<(), Invalid> {
    let at = |key: &str| KeyPath::of("kbk").key(key);
    if k.min_anggota > k.maks_anggota {
        return Err(Invalid::new(
            at("min_anggota"),
            format!(
                "min_anggota ({}) lebih besar dari maks_anggota ({}); min_anggota paling besar sama dengan maks_anggota",
                k.min_anggota, k.maks_anggota
            ),
        )
        .or_at(at("maks_anggota")));
    }
    if k.bulan_tidak_aktif == 0 {
        return Err(Invalid::new(
            at("bulan_tidak_aktif"),
            "seharusnya 1 atau lebih, tertulis 0; misalnya 2 (tanpa pertemuan dua bulan = tidak aktif)",
        ));
    }
    let p = &k.peringkat;
    let weights = [
        ("kemajuan", p.kemajuan),
        ("tepat_waktu", p.tepat_waktu),
        ("kehadiran_anggota", p.kehadiran_anggota),
        ("ketercapaian", p.ketercapaian),
    ];
    if let Some((key, w)) = weights.iter().find(|(_, w)| !(0.0..=1.0).contains(w)) {
        return Err(Invalid::new(
            at("peringkat").key(key),
            format!("seharusnya angka antara 0 dan 1, tertulis {w}; misalnya 0.2"),
        ));
    }
    if weights.iter().map(|(_, w)| w).sum::<f64>() <= 0.0 {
        return Err(Invalid::new(
            at("peringkat"),
            "semua bobot peringkat 0; isi minimal satu bobot di atas 0, misalnya kemajuan = 0.4",
        ));
    }
    for (i, c) in k.penilaian.iter().enumerate() {
        let at = |key: &str| KeyPath::of("kbk.penilaian").index(i).key(key);
        if c.kriteria.trim().is_empty() {
            return Err(Invalid::new(
                at("kriteria"),
                "nama kriteria kosong; isi nama kriteria, misalnya \"Pemilihan tema\"",
            ));
        }
        if !(c.bobot > 0.0 && c.bobot <= 1.0) {
            return Err(Invalid::new(
                at("bobot"),
                format!(
                    "seharusnya angka di atas 0 dan paling besar 1, tertulis {}; misalnya 0.1 untuk 10%",
                    c.bobot
                ),
            ));
        }
    }
    Ok(())
}

/// `[batas]`: every limit at least 1; a cell holds at most Excel's 32,767 characters, so a
/// larger `karakter_per_sel` would let through text the report cannot write.
pub(super) fn check_batas(b: &Batas) -> Result<(), Invalid> {
    const EXCEL_CHARS: u64 = 32_767;
    let limits = [
        ("sel_per_lembar", b.sel_per_lembar),
        ("ukuran_bagian_zip", b.ukuran_bagian_zip),
        ("karakter_per_sel", b.karakter_per_sel),
    ];
    if let Some((key, _)) = limits.iter().find(|(_, v)| *v == 0) {
        return Err(Invalid::new(
            KeyPath::of("batas").key(key),
            "seharusnya 1 atau lebih, tertulis 0; hapus kunci ini untuk memakai batas bawaan",
        ));
    }
    if b.karakter_per_sel > EXCEL_CHARS {
        return Err(Invalid::new(
            KeyPath::of("batas.karakter_per_sel"),
            format!(
                "seharusnya paling besar {EXCEL_CHARS} (batas Excel untuk satu sel), tertulis {}",
                b.karakter_per_sel
            ),
        ));
    }
    Ok(())
}

/// `[libur] tanggal`, sorted; a date that is not `YYYY-MM-DD` is invalid.
pub(super) fn holidays(dates: &[String]) -> Result<Vec<NaiveDate>, Invalid> {
    let mut out = Vec::new();
    for (i, d) in dates.iter().enumerate() {
        let date = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
            Invalid::new(
                KeyPath::of("libur.tanggal").index(i),
                format!(
                    "tanggal \"{}\" tidak valid; tulis tahun-bulan-tanggal, misalnya \"2026-12-25\"",
                    quote_value(d)
                ),
            )
        })?;
        out.push(date);
    }
    out.sort();
    Ok(out)
}

/// ", mungkin maksudnya bobot_hasil" when one of `known` is a likely misspelling of `word`.
pub(super) fn did_you_mean(word: &str, known: &[&str]) -> String {
    let w = word.to_lowercase();
    known
        .iter()
        .map(|k| (levenshtein(&w, &k.to_lowercase()), *k))
        .filter(|&(d, k)| d > 0 && d <= (k.chars().count() / 3).max(2))
        .min()
        .map(|(_, k)| format!(", mungkin maksudnya {k}"))
        .unwrap_or_default()
}
