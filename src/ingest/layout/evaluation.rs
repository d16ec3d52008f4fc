//! evaluation (SPEC §3.4): one row per person per month — nip/nama, [unit], [bulan], target,
//! realisasi and nilai_perilaku or the seven BerAKHLAK scores, or instead the two
//! PermenPAN-RB 6/2022 ratings. One record per row.

use crate::ground::model::{EvaluationRecord, Level, Rating, YearMonth, quote_value};
use crate::ingest::detect::{Field, HeaderFields, month_of_cell};
use crate::ingest::layout::{Labels, OncePerPerson, Record, Reject, SheetCtx, SheetLayout, SheetOutput};
use crate::ingest::values::parse_rating;
use crate::ingest::workbook::Cell;

/// capaian above this many percent is accepted with a warning (SPEC §3.5).
const CAPAIAN_WARNING: f64 = 150.0;

/// evaluation: recognised by a person column with `Target` and `Realisasi`, or with the two
/// ratings.
pub struct Evaluation;

impl SheetLayout for Evaluation {
    fn labels(&self) -> Labels {
        Labels { key: "evaluation", kind: "Penilaian", layout: "long" }
    }

    fn recognises(&self, header: HeaderFields<'_>) -> bool {
        let numbers = header.has(Field::Target) && header.has(Field::Realisasi);
        let ratings = header.has(Field::RatingHasil) && header.has(Field::RatingPerilaku);
        header.names_person() && (numbers || ratings)
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        let mut out = SheetOutput::default();
        let mut warned = OncePerPerson::default();
        let looks_like_data = |r: usize| {
            ctx.names_someone(r)
                && [Field::Target, Field::Realisasi, Field::RatingHasil].into_iter().any(|f| ctx.filled(r, f))
        };
        for r in ctx.data_rows(looks_like_data) {
            let month = row_month(ctx, r);
            let m = month.as_ref().ok().copied();
            match read_row(ctx, r, month, &mut out, &mut warned) {
                Ok((rec, lost)) => ctx.accept(&mut out, r, Record::Evaluation(rec), lost),
                Err(reject) => ctx.reject(&mut out, r, reject, m),
            }
        }
        out
    }
}

/// The record's month: the row's `Bulan` column, else the sheet's metadata or file name.
fn row_month(ctx: &SheetCtx, r: usize) -> Result<YearMonth, Reject> {
    if let Some((cell, col)) = ctx.cell(r, Field::Bulan) {
        if !cell.is_empty() {
            return month_of_cell(cell).ok_or_else(|| {
                Reject::new(
                    col,
                    cell.text(),
                    "bulan tidak dikenali: tulis seperti November 2026 atau 2026-11",
                )
            });
        }
    }
    ctx.sheet_month.ok_or_else(|| {
        Reject::at(
            ctx.table.header_row,
            0,
            "",
            "bulan penilaian tidak ditemukan: tambahkan baris \"Bulan : November 2026\" di atas tabel, \
             atau cantumkan bulan pada nama berkas (misalnya Penilaian_DISHUB_2026-11.xlsx)",
        )
    })
}

fn read_row(
    ctx: &SheetCtx,
    r: usize,
    month: Result<YearMonth, Reject>,
    out: &mut SheetOutput,
    warned: &mut OncePerPerson,
) -> Result<(EvaluationRecord, Option<(String, Reject)>), Reject> {
    let unit = ctx.unit(r)?;
    let read = ctx.person(r, &unit)?;
    let (person, person_warning) = (read.person, read.warning);
    let month = month?;
    let target = ctx.number(r, Field::Target, "target")?;
    let realisasi = ctx.number(r, Field::Realisasi, "realisasi")?;
    let perilaku = perilaku(ctx, r)?;
    let rating_hasil = rating(ctx, r, Field::RatingHasil, "rating hasil kerja")?;
    let rating_perilaku = rating(ctx, r, Field::RatingPerilaku, "rating perilaku kerja")?;
    let ratings = rating_hasil.is_some() && rating_perilaku.is_some();
    check_complete(ctx, [target, realisasi, perilaku], ratings)?;
    check_ranges(ctx, target, realisasi)?;
    if let (Some(t), Some(x)) = (target, realisasi) {
        warn_high_capaian(ctx, r, t, x, month, out);
    }
    ctx.warn_person(out, warned, r, &person, person_warning, Some(month));
    let record = EvaluationRecord {
        person,
        unit: ctx.shared_unit(&unit),
        month,
        target,
        realisasi,
        nilai_perilaku: perilaku,
        rating_hasil,
        rating_perilaku,
        prov: ctx.prov(r, col(ctx, Field::Target)),
    };
    Ok((record, read.lost))
}

fn col(ctx: &SheetCtx, f: Field) -> usize {
    ctx.table.col(f).unwrap_or(0)
}

/// A row needs target, realisasi and nilai perilaku, all three, unless it gives both
/// ratings instead.
fn check_complete(
    ctx: &SheetCtx,
    [target, realisasi, perilaku]: [Option<f64>; 3],
    ratings: bool,
) -> Result<(), Reject> {
    let missing: Vec<&str> = [
        (target.is_none(), "target"),
        (realisasi.is_none(), "realisasi"),
        (perilaku.is_none(), "nilai perilaku"),
    ]
    .into_iter()
    .filter(|(m, _)| *m)
    .map(|(_, l)| l)
    .collect();
    if missing.is_empty() || ratings {
        return Ok(());
    }
    Err(Reject::new(
        col(ctx, Field::Target),
        "",
        format!(
            "penilaian tidak lengkap: {} kosong; isi semuanya, atau isi kedua rating",
            missing.join(", ")
        ),
    ))
}

/// SPEC §3.5: target > 0, realisasi ≥ 0.
fn check_ranges(ctx: &SheetCtx, target: Option<f64>, realisasi: Option<f64>) -> Result<(), Reject> {
    if let Some(t) = target.filter(|&t| t <= 0.0) {
        return Err(Reject::new(col(ctx, Field::Target), fmt(t), "target harus lebih dari 0"));
    }
    if let Some(x) = realisasi.filter(|&x| x < 0.0) {
        return Err(Reject::new(col(ctx, Field::Realisasi), fmt(x), "realisasi tidak boleh negatif"));
    }
    Ok(())
}

/// capaian above 150% is accepted, with a warning to check the figures (SPEC §3.5).
fn warn_high_capaian(
    ctx: &SheetCtx,
    r: usize,
    target: f64,
    realisasi: f64,
    month: YearMonth,
    out: &mut SheetOutput,
) {
    let capaian = realisasi / target * 100.0;
    if capaian > CAPAIAN_WARNING {
        out.issues.push(ctx.issue(
            r,
            col(ctx, Field::Realisasi),
            &fmt(realisasi),
            format!(
                "capaian {}% (realisasi {} dari target {}) di atas 150%; diterima, tetapi periksa kembali angkanya",
                crate::ground::text::desimal(capaian, 1),
                fmt(realisasi),
                fmt(target)
            ),
            Level::Peringatan,
            Some(month),
        ));
    }
}

fn fmt(x: f64) -> String {
    crate::ingest::workbook::format_number(x)
}

/// Nilai perilaku: the column, or the mean of the seven BerAKHLAK scores; each 0–100.
fn perilaku(ctx: &SheetCtx, r: usize) -> Result<Option<f64>, Reject> {
    let score = |f: Field, label: &str| -> Result<Option<f64>, Reject> {
        let v = ctx.number(r, f, label)?;
        if let Some(x) = v {
            if !(0.0..=100.0).contains(&x) {
                let col = ctx.table.col(f).unwrap_or(0);
                return Err(Reject::new(col, fmt(x), format!("{label} harus antara 0 dan 100")));
            }
        }
        Ok(v)
    };
    if ctx.table.has(Field::NilaiPerilaku) {
        return score(Field::NilaiPerilaku, "nilai perilaku");
    }
    let mut values = Vec::new();
    let mut missing = Vec::new();
    for (i, name) in crate::ingest::detect::BERAKHLAK.iter().enumerate() {
        let f = Field::Berakhlak(i as u8);
        if !ctx.table.has(f) {
            continue;
        }
        match score(f, name)? {
            Some(x) => values.push(x),
            None => missing.push(*name),
        }
    }
    if values.is_empty() {
        return Ok(None);
    }
    if values.len() < 7 {
        let col = ctx.table.col(Field::Berakhlak(0)).unwrap_or(0);
        let mut absent: Vec<&str> = missing;
        for (i, name) in crate::ingest::detect::BERAKHLAK.iter().enumerate() {
            if !ctx.table.has(Field::Berakhlak(i as u8)) {
                absent.push(name);
            }
        }
        return Err(Reject::new(
            col,
            "",
            format!(
                "nilai BerAKHLAK tidak lengkap ({} kosong); isi ketujuh nilai, atau pakai satu kolom Nilai Perilaku",
                absent.join(", ")
            ),
        ));
    }
    Ok(Some(values.iter().sum::<f64>() / 7.0))
}

fn rating(ctx: &SheetCtx, r: usize, f: Field, label: &str) -> Result<Option<Rating>, Reject> {
    let Some((cell, col)) = ctx.cell(r, f) else {
        return Ok(None);
    };
    match cell {
        Cell::Empty => Ok(None),
        other => {
            let t = other.text();
            parse_rating(&t).map(Some).ok_or_else(|| {
                Reject::new(
                    col,
                    t.clone(),
                    format!(
                        "{label} \"{}\" tidak dikenal; pilih Di Atas Ekspektasi, Sesuai Ekspektasi, atau Di Bawah Ekspektasi",
                        quote_value(&t)
                    ),
                )
            })
        }
    }
}
