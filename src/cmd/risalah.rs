//! `risalah` (SPEC §11.3): a KBK group's risalah as a PDF, drafted from the data in `input/`,
//! or every group's. Reads the input like `check` (no lock, no parse cache), computes the
//! figures as of the end of the month, and writes only
//! `output/risalah/<unit code>-<group slug>.pdf`, each atomically.

use std::path::PathBuf;

use crate::cli::{Common, RisalahArgs};
use crate::cmd::{Failure, Log, Outcome, load_settings, require_input};
use crate::ground::kbk::{group_key, strip_group_prefix};
use crate::ground::model::{YearMonth, quote_value};
use crate::ground::settings::{Settings, levenshtein};
use crate::ground::text::{self, norm_key};
use crate::metrics::Figures;
use crate::render::pdf::risalah::render_risalah;
use crate::render::template::safe_code;

/// A group as `Figures::kbk_groups` lists it: (unit code, name as defined).
type Group = (String, String);

/// One risalah ready to write.
struct Draft {
    path: PathBuf,
    bytes: Vec<u8>,
    group: Group,
}

pub fn run(common: &Common, args: &RisalahArgs) -> Result<Outcome, Failure> {
    let log = Log::new(common);
    let settings = load_settings(common)?;
    require_input(&common.input)?;
    let found: Vec<_> = crate::ingest::discover::walk(&common.input)
        .map_err(Failure::InputUnreadable)?
        .into_iter()
        .filter(|f| f.listed)
        .collect();
    let files = crate::ingest::read_files(&found, &settings);
    let rec = crate::reconcile::reconcile(files, &settings);
    let figures = Figures::compute(&rec, &settings).map_err(|e| Failure::Compute(Box::new(e)))?;
    let now = chrono::Local::now().naive_local();
    // Without --month: the latest month with data, KBK records included (a KBK-only input
    // is not judged "as of" a month still to come).
    let latest = figures.data_months().last().copied().max(figures.kbk_latest_month(now.date()));
    let month = args.month.or(latest).unwrap_or_else(|| YearMonth::of(now.date()));
    let groups = figures.kbk_groups();
    if groups.is_empty() {
        return Err(Failure::NoKbkGroup { input: common.input.clone(), month });
    }
    let chosen = select(&settings, &groups, args)?;
    let out_dir = common.output.join("risalah");
    let mut drafts = Vec::with_capacity(chosen.len());
    for group in chosen {
        let risalah = figures.risalah(month, &group.0, &group.1, now).ok_or_else(|| {
            Failure::RisalahMissing { unit: group.0.clone(), kelompok: quote_value(&group.1) }
        })?;
        let bytes = render_risalah(&risalah).map_err(|e| Failure::RisalahBuild {
            unit: group.0.clone(),
            kelompok: quote_value(&group.1),
            source: Box::new(e),
        })?;
        drafts.push(Draft { path: out_dir.join(file_name(&group.0, &group.1)), bytes, group });
    }
    ensure_distinct(&drafts)?;
    for d in &drafts {
        crate::ground::fsio::write_atomic(&d.path, &d.bytes)
            .map_err(|source| Failure::RisalahWrite { path: d.path.clone(), source })?;
        if !common.quiet {
            println!("{}", d.path.display());
        }
    }
    log.step(format!(
        "{} risalah kelompok budaya kerja, keadaan per {}, ditulis ke {}",
        drafts.len(),
        text::tanggal(month.last_day()),
        out_dir.display()
    ));
    Ok(Outcome::Ok)
}

/// The groups to draft: those named by `--kelompok` (in the unit of `--unit`, when given),
/// else every group. A name two units use needs `--unit`; an unknown name is an error that
/// lists the closest defined groups.
fn select(settings: &Settings, groups: &[Group], args: &RisalahArgs) -> Result<Vec<Group>, Failure> {
    let Some(wanted) = args.kelompok.as_deref() else {
        return Ok(groups.to_vec());
    };
    let unit = args.unit.as_deref().map(|u| unit_code(settings, u)).transpose()?;
    let key = name_key(wanted);
    let mut matched: Vec<&Group> = groups
        .iter()
        .filter(|(u, n)| name_key(n) == key && unit.as_ref().is_none_or(|want| want == u))
        .collect();
    matched.dedup_by(|a, b| a.0 == b.0);
    match matched.as_slice() {
        [] => Err(Failure::KbkGroupUnknown {
            kelompok: quote_value(wanted.trim()),
            unit,
            closest: closest(groups, wanted),
        }),
        [one] => Ok(vec![(*one).clone()]),
        many => Err(Failure::KbkGroupAmbiguous {
            kelompok: quote_value(many[0].1.trim()),
            units: many.iter().map(|g| g.0.clone()).collect(),
        }),
    }
}

/// A group's name as matched: without `KBK`/`Kelompok`, case, spaces and punctuation.
fn name_key(nama: &str) -> String {
    group_key("", nama).1
}

/// The unit `--unit` names, by code (ignoring case and punctuation), name or alias.
fn unit_code(settings: &Settings, text: &str) -> Result<String, Failure> {
    let key = norm_key(text);
    settings
        .config
        .unit
        .iter()
        .find(|u| norm_key(&u.kode) == key)
        .or_else(|| settings.unit_by_text(text))
        .map(|u| u.kode.clone())
        .ok_or_else(|| {
            Failure::UnknownUnits(vec![format!(
                "kode unit \"{}\" tidak ada dalam daftar unit; yang terdekat: {}",
                quote_value(text.trim()),
                settings.unit_suggestions(text).join("; ")
            )])
        })
}

/// Up to five defined groups closest to `wanted`, as `Melati (DISHUB)`: the same name in
/// another unit first, then names containing it or contained in it, then by edit distance.
fn closest(groups: &[Group], wanted: &str) -> Vec<String> {
    let key = name_key(wanted);
    let mut scored: Vec<(usize, &Group)> = groups
        .iter()
        .map(|g| {
            let other = name_key(&g.1);
            let d = if other == key {
                0
            } else if !key.is_empty() && (other.contains(&key) || key.contains(&other)) {
                1
            } else {
                2 + levenshtein(&key, &other)
            };
            (d, g)
        })
        .collect();
    scored.sort_by_key(|(d, _)| *d);
    scored.into_iter().take(5).map(|(_, (u, n))| format!("{} ({u})", quote_value(n.trim()))).collect()
}

/// `DISHUB-melati.pdf`: the unit code reduced to `[A-Za-z0-9._-]`, the group's name to a
/// slug; nothing else of the input reaches the file name (SPEC §10).
pub fn file_name(unit: &str, nama: &str) -> String {
    format!("{}-{}.pdf", safe_code(unit), slug(nama))
}

/// The name without `KBK`/`Kelompok`, in lowercase ASCII letters, digits and single dashes
/// (common accented letters folded, others dropped), at most 60 characters; `kelompok` when
/// nothing is left.
pub fn slug(nama: &str) -> String {
    let mut out = String::new();
    for c in strip_group_prefix(nama).chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        if folded.is_empty() || folded == "-" {
            if !out.is_empty() && !out.ends_with('-') && folded == "-" {
                out.push('-');
            }
            continue;
        }
        out.push_str(folded);
    }
    let mut slug: String = out.chars().take(60).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() { "kelompok".to_string() } else { slug }
}

/// A lowercase character as it may appear in a slug: itself (ASCII letter or digit), its
/// ASCII base letter(s), `-` for a separator, or nothing.
fn fold(c: char) -> &'static str {
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    const FOLDS: [(&str, &str); 22] = [
        ("àáâãäåāăą", "a"),
        ("çćĉċč", "c"),
        ("ďđ", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"),
        ("śŝşš", "s"),
        ("ţťŧ", "t"),
        ("ùúûüũūŭůűų", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
    ];
    if let Some(i) = LETTERS.find(c) {
        return &LETTERS[i..i + 1];
    }
    if let Some((_, to)) = FOLDS.iter().find(|(from, _)| from.contains(c)) {
        return to;
    }
    if c.is_alphanumeric() { "" } else { "-" }
}

/// Two groups whose names reduce to the same slug in one unit would overwrite each other.
fn ensure_distinct(drafts: &[Draft]) -> Result<(), Failure> {
    for (i, a) in drafts.iter().enumerate() {
        if let Some(b) = drafts[..i].iter().find(|b| b.path == a.path) {
            return Err(Failure::RisalahSameFileName {
                path: a.path.clone(),
                a: quote_value(&b.group.1),
                b: quote_value(&a.group.1),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_the_code_and_a_slug() {
        let cases: &[(&str, &str, &str)] = &[
            ("DISHUB", "Melati", "DISHUB-melati.pdf"),
            ("DISHUB", "KBK Melati", "DISHUB-melati.pdf"),
            ("PKM-KRANGGAN", "Kelompok Budaya Kerja Sigap Melayani!", "PKM-KRANGGAN-sigap-melayani.pdf"),
            ("DINAS/../X", "../../etc/passwd", "DINAS..X-etc-passwd.pdf"),
            ("DLH", "Çempaka Ünggul  2026", "DLH-cempaka-unggul-2026.pdf"),
            ("DLH", "名古屋", "DLH-kelompok.pdf"),
            ("", "", "UNIT-kelompok.pdf"),
        ];
        for (unit, nama, want) in cases {
            assert_eq!(file_name(unit, nama), *want, "{unit:?} {nama:?}");
        }
        let long = slug(&"Panjang ".repeat(20));
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
        assert!(slug("a\u{0}b\tc").chars().all(|c| c.is_ascii_lowercase() || c == '-'));
    }

    #[test]
    fn closest_names_put_the_same_name_elsewhere_first() {
        let groups: Vec<Group> =
            [("DISHUB", "Melati"), ("DLH", "Mawar"), ("DLH", "Kenanga"), ("DINKES", "Melati Putih")]
                .iter()
                .map(|(u, n)| (u.to_string(), n.to_string()))
                .collect();
        assert_eq!(closest(&groups, "KBK melati")[..2], ["Melati (DISHUB)", "Melati Putih (DINKES)"]);
        assert_eq!(closest(&groups, "Mawat")[0], "Mawar (DLH)");
    }
}
