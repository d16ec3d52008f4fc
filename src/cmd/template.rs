//! `template` / `templat` (SPEC §7): fill-in workbooks for the units, one per unit and kind,
//! with the roster's staff prefilled when `input/` holds a `Daftar Pegawai`. Builds every
//! workbook first and writes them only when all could be built; each write is atomic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cli::{Common, TemplateArgs, TemplateKind, TemplateLayout};
use crate::cmd::{Failure, Log, Outcome, load_settings};
use crate::ground::settings::{Settings, Unit};
use crate::ground::text::{norm_key, norm_name};
use crate::render::template::{self, Kind, Spec, Staff};

pub fn run(common: &Common, args: &TemplateArgs) -> Result<Outcome, Failure> {
    let log = Log::new(common);
    let settings = load_settings(common)?;
    let units = select_units(&settings, &args.units)?;
    let kinds = kinds(args);
    let out_dir =
        args.out.clone().unwrap_or_else(|| common.output.join("templat").join(args.month.to_string()));
    let roster = roster_by_unit(&common.input, &settings, &log);

    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for unit in &units {
        let staff = roster.get(&unit.kode).map(Vec::as_slice).unwrap_or(&[]);
        for &kind in &kinds {
            let name = template::file_name(kind, &unit.kode, args.month);
            let spec = Spec { kind, month: args.month, unit, staff, settings: &settings };
            let bytes = template::build(&spec)
                .map_err(|e| Failure::TemplateBuild { name: name.clone(), source: Box::new(e) })?;
            files.push((out_dir.join(name), bytes));
        }
    }
    ensure_distinct(&files)?;
    for (path, bytes) in &files {
        crate::ground::fsio::write_atomic(path, bytes)
            .map_err(|source| Failure::TemplateWrite { path: path.clone(), source })?;
        if !common.quiet {
            println!("{}", path.display());
        }
    }
    log.step(format!(
        "{} templat bulan {} ditulis ke {}",
        files.len(),
        crate::ground::text::periode(args.month),
        out_dir.display()
    ));
    Ok(Outcome::Ok)
}

/// Attendance and evaluation unless `--kind` names one kind (the KBK workbook only when asked
/// for); the attendance kind in the chosen layout.
fn kinds(args: &TemplateArgs) -> Vec<Kind> {
    let kehadiran = match args.layout {
        TemplateLayout::Matrix => Kind::Matrix,
        TemplateLayout::Long => Kind::Long,
        TemplateLayout::Jam => Kind::Jam,
    };
    match args.kind {
        Some(TemplateKind::Kehadiran) => vec![kehadiran],
        Some(TemplateKind::Penilaian) => vec![Kind::Penilaian],
        Some(TemplateKind::Kbk) => vec![Kind::Kbk],
        None => vec![kehadiran, Kind::Penilaian],
    }
}

/// The units named by `--unit` (by code, ignoring case and punctuation, else by official
/// name or alias), in the order given; all configured units when none is named. Unknown
/// names are one error that lists each with the closest configured units.
fn select_units<'s>(settings: &'s Settings, wanted: &[String]) -> Result<Vec<&'s Unit>, Failure> {
    if wanted.is_empty() {
        return Ok(settings.config.unit.iter().collect());
    }
    let mut found: Vec<&Unit> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for w in wanted {
        let key = norm_key(w);
        let unit = settings
            .config
            .unit
            .iter()
            .find(|u| norm_key(&u.kode) == key)
            .or_else(|| settings.unit_by_text(w));
        match unit {
            Some(u) if !found.iter().any(|f| f.kode == u.kode) => found.push(u),
            Some(_) => {}
            None => unknown.push(format!(
                "kode unit \"{}\" tidak ada dalam daftar unit; yang terdekat: {}",
                crate::ground::model::quote_value(w.trim()),
                settings.unit_suggestions(w).join("; ")
            )),
        }
    }
    if unknown.is_empty() { Ok(found) } else { Err(Failure::UnknownUnits(unknown)) }
}

/// The roster's staff per unit code, in roster order, each person once. No input folder, or
/// one that cannot be read, means no prefilled staff — templates are still useful empty.
fn roster_by_unit(input: &Path, settings: &Settings, log: &Log) -> BTreeMap<String, Vec<Staff>> {
    let mut by_unit: BTreeMap<String, Vec<Staff>> = BTreeMap::new();
    if !input.is_dir() {
        log.detail(format!("folder input {} tidak ada: templat tanpa daftar pegawai", input.display()));
        return by_unit;
    }
    let files = match crate::ingest::read_all(input, settings) {
        Ok(f) => f,
        Err(e) => {
            log.step(format!(
                "PERINGATAN: daftar pegawai di {} tidak dapat dibaca ({e}); templat dibuat tanpa nama pegawai",
                input.display()
            ));
            return by_unit;
        }
    };
    for entry in crate::reconcile::reconcile(files, settings).roster {
        let staff = by_unit.entry(entry.unit.clone()).or_default();
        let same = |s: &Staff| match (&s.nip, &entry.nip) {
            (Some(a), Some(b)) => a == b,
            _ => norm_name(&s.nama) == norm_name(&entry.nama),
        };
        if !staff.iter().any(same) {
            staff.push(Staff { nip: entry.nip.clone(), nama: entry.nama.clone() });
        }
    }
    let people: usize = by_unit.values().map(Vec::len).sum();
    log.detail(format!("daftar pegawai: {people} pegawai dari {} unit", by_unit.len()));
    by_unit
}

/// Two unit codes that reduce to the same file name would overwrite each other's template.
fn ensure_distinct(files: &[(PathBuf, Vec<u8>)]) -> Result<(), Failure> {
    let mut seen = std::collections::BTreeSet::new();
    for (path, _) in files {
        if !seen.insert(path) {
            return Err(Failure::SameFileName(path.clone()));
        }
    }
    Ok(())
}
