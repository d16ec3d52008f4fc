//! Seeded sample-input generator for budaya-kerja: writes the monthly attendance and evaluation
//! workbooks that the 53 units of Kota Mojokerto would send in, into `OUT/YYYY-MM/`, all `.xlsx`:
//!
//! - attendance, long layout (`Kehadiran_<KODE>_<YYYY-MM>.xlsx`, about two thirds of the units):
//!   one row per person per calendar day, `NIP | Nama | Tanggal | Status | Terlambat (menit) |
//!   Kegiatan`, weekends and holidays as `L`;
//! - attendance, matrix (`Rekap_Absensi_<KODE>_<YYYY-MM>.xlsx`, the other third, chosen by the
//!   seed): the common *rekap absensi* (SPEC §3.4) — title rows, `Unit Kerja : …` and
//!   `Bulan : November 2026`, a three-row header (`No` | `NAMA / NIP` | a merged `TANGGAL` over
//!   day numbers `1`..`N` stored as numbers, over weekday initials `S S R K J S M`), one row per
//!   person with name and NIP in one cell (`Nama\nNIP. 19700815 199703 1 005`), a code per
//!   day, numeric totals `JHK | H | TL | S | I | C | A` (H counts H, PSW, DL and DD, which have
//!   no column; JHK = working days), a blank row, a `Keterangan:` legend and a signature block.
//!   Each unit keeps its own template: weekend/holiday columns blank and grey or `L`, Cuti as
//!   `C` or `CT`, TK as `TK` or `A` (and the last total headed likewise), now and then one `h`.
//!   Same persons and same per-day statuses as the long layout would give, no `Kegiatan` rows;
//! - evaluation (`Penilaian_<KODE>_<YYYY-MM>.xlsx`): one row per person.
//!
//! `examples/convert_sample.sh OUT` then turns a fixed few of them into the old formats units
//! still send (3 long-layout attendance files into `.xls`, 2 evaluation files into `.ods`, renamed
//! like `absen dlh nop 2026.xls`), with LibreOffice.
//!
//! ```text
//! cargo run --example generate_sample -- --out input --seed 2026 --months 2026-10,2026-11
//! bash examples/convert_sample.sh input
//! ```
//!
//! Flags:
//! - `--out DIR` (default `input`): created if missing. Only this generator's own files are
//!   (over)written; nothing is deleted, so regenerate into an empty folder after changing
//!   `--seed` or `--months` (a note lists any other workbook left in a month folder).
//! - `--seed N` (default 2026): same arguments → byte-identical files.
//! - `--months YYYY-MM,...` (default `2026-10,2026-11`): the latest month is "the last month";
//!   all earlier ones are complete and clean. Only 2026 has holidays; other years get weekends.
//! - `--scale F` (default 1.0): multiplies the staff per unit (4–8 at 1.0, 318 people in all;
//!   11 gives the city's ~3,500, 110 a province-like input). More staff never changes the
//!   people already there except, rarely, a NIP serial moved up to stay unique.
//! - `--no-problems`: every unit sends both files in every month and nothing is broken
//!   (for benchmarks that want a clean run). The layouts are the same as without it.
//!
//! What goes in: the unit list and the 2026 holidays are embedded from `data/`. Staff (names,
//! 18-digit NIPs written as text) are seeded per unit and identical in every month. Working days
//! are ~90% `H` with some `TL` (5–60 late minutes, in the long layout only), `PSW`, `DL`, `DD`,
//! `S`, `I`, `C` and ~1% `TK`; a few people have several TK days every month. A few units (all
//! long layout) add one `Rapat KBK` row per person on a Thursday; about a quarter score
//! behaviour with the seven BerAKHLAK columns instead of `Nilai Perilaku`.
//!
//! The last month is realistic rather than complete: 4 units send nothing (`Belum`), 3 send
//! attendance only (`Sebagian`), and three other units, all long layout, each carry one
//! deliberate problem — an unknown status code `X`, an extra attendance file naming the
//! non-existent unit `Dinas Pariwisata` (`Kehadiran_DISPAR_<YYYY-MM>.xlsx`), and one person's NIP
//! stored as a number. The summary printed at the end gives the counts per layout, the matrix
//! units and their habits, the lower-case `h` cells, and the problems' files and cells, for
//! tests.

#[path = "generate_sample/matrix.rs"]
mod matrix;
#[path = "generate_sample/plan.rs"]
mod plan;
#[path = "generate_sample/records.rs"]
mod records;
#[path = "generate_sample/reference.rs"]
mod reference;
#[path = "generate_sample/rng.rs"]
mod rng;
#[path = "generate_sample/staff.rs"]
mod staff;
#[path = "generate_sample/xlsx.rs"]
mod xlsx;

use std::collections::BTreeSet;
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use budaya_kerja::ground::model::{StatusCode, YearMonth};
use chrono::{Datelike, NaiveDate};
use clap::Parser;

use matrix::{MatrixSheet, cell_of};
use plan::{FICTIONAL_CODE, FICTIONAL_NAME, Habits, LastMonth, MatrixStyle};
use records::{AttRow, EvalRow};
use reference::{Unit, is_working_day, month_days};
use rng::Rng;
use staff::Person;
use xlsx::{AttLine, EvalLine, Heading, NipCell};

const UNITS_CSV: &str = include_str!("../data/units-mojokerto.csv");
const HOLIDAYS_CSV: &str = include_str!("../data/holidays-2026.csv");

type BoxError = Box<dyn Error + Send + Sync>;

#[derive(Parser)]
#[command(name = "generate_sample", about = "Write seeded sample attendance and evaluation workbooks")]
struct Args {
    /// Output folder; files go to OUT/YYYY-MM/.
    #[arg(long, default_value = "input")]
    out: PathBuf,
    /// Seed of every random choice.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// Months to write, comma-separated YYYY-MM; the latest is the "last month".
    #[arg(long, value_delimiter = ',', default_value = "2026-10,2026-11", value_parser = parse_month)]
    months: Vec<YearMonth>,
    /// Multiplies the staff per unit (4–8 at 1.0).
    #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
    scale: f64,
    /// Everyone reports, nothing is broken.
    #[arg(long)]
    no_problems: bool,
}

fn parse_month(s: &str) -> Result<YearMonth, String> {
    YearMonth::parse(s).ok_or_else(|| format!("{s:?} is not a month YYYY-MM between 2000 and 2099"))
}

fn parse_scale(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(f) if f.is_finite() && f > 0.0 && f <= 10_000.0 => Ok(f),
        _ => Err(format!("{s:?} is not a scale between 0 and 10000")),
    }
}

/// Everything a worker needs to write any file; read-only and shared between threads.
struct Ctx<'a> {
    seed: u64,
    out: &'a Path,
    units: &'a [Unit],
    holidays: &'a BTreeSet<NaiveDate>,
    rosters: &'a [Vec<Person>],
    habits: &'a [Habits],
    last: &'a LastMonth,
    last_month: YearMonth,
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Kind {
    Attendance,
    Evaluation,
    /// The attendance file of the non-existent unit, sent by `plan::FICTIONAL_SOURCE`.
    Fictional,
}

struct Job {
    ym: YearMonth,
    unit: usize,
    kind: Kind,
}

/// The deliberate problems, in the order the summary lists them.
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum ProblemKind {
    UnknownCode,
    UnknownUnit,
    NumericNip,
}

struct Problem {
    kind: ProblemKind,
    text: String,
}

/// What one written file contributed to the summary.
#[derive(Default)]
struct Outcome {
    file: String,
    /// Data rows of a long-layout attendance file (= its records).
    attendance_rows: usize,
    /// Person rows of a matrix recap.
    matrix_rows: usize,
    /// Non-empty day cells of a matrix recap (= its records).
    matrix_records: usize,
    /// The matrix cell typed as a lower-case `h`, if any.
    lower_h: Option<String>,
    kbk_rows: usize,
    evaluation_rows: usize,
    /// Per `StatusCode::ALL` index, over ordinary (non-kegiatan) rows of real units.
    codes: [usize; 11],
    problem: Option<Problem>,
}

fn main() -> Result<(), BoxError> {
    let args = Args::parse();
    let months: Vec<YearMonth> = args.months.iter().copied().collect::<BTreeSet<_>>().into_iter().collect();
    let last_month = *months.last().ok_or("no month given")?;
    let units = reference::parse_units(UNITS_CSV)?;
    let holidays = reference::parse_holidays(HOLIDAYS_CSV)?;
    let rosters = staff::rosters(args.seed, &units, args.scale);
    let planned = plan::last_month(args.seed, &units)?;
    let habits = plan::habits(args.seed, &units, &planned.problem_units());
    let last = if args.no_problems { LastMonth::clean() } else { planned };
    for ym in &months {
        std::fs::create_dir_all(args.out.join(ym.to_string()))?;
    }
    let ctx = Ctx {
        seed: args.seed,
        out: &args.out,
        units: &units,
        holidays: &holidays,
        rosters: &rosters,
        habits: &habits,
        last: &last,
        last_month,
    };
    let jobs = plan_jobs(&ctx, &months);
    let outcomes = run_parallel(&ctx, &jobs)?;
    print_summary(&ctx, &args, &months, &jobs, &outcomes);
    note_foreign_files(&args.out, &months, &outcomes);
    Ok(())
}

/// The files to write, in a fixed order (month, unit, kind) that the summary follows.
fn plan_jobs(ctx: &Ctx, months: &[YearMonth]) -> Vec<Job> {
    let mut jobs = Vec::new();
    for &ym in months {
        let is_last = ym == ctx.last_month;
        for unit in 0..ctx.units.len() {
            if !is_last || ctx.last.sends_attendance(unit) {
                jobs.push(Job { ym, unit, kind: Kind::Attendance });
            }
            if !is_last || ctx.last.sends_evaluation(unit) {
                jobs.push(Job { ym, unit, kind: Kind::Evaluation });
            }
            if is_last && ctx.last.fictional_source == Some(unit) {
                jobs.push(Job { ym, unit, kind: Kind::Fictional });
            }
        }
    }
    jobs
}

/// Writes the files on all cores. Each file depends only on its own seeded streams, so the
/// bytes do not depend on which thread writes what.
fn run_parallel(ctx: &Ctx, jobs: &[Job]) -> Result<Vec<Outcome>, BoxError> {
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, jobs.len().max(1));
    let mut results: Vec<Option<Result<Outcome, BoxError>>> = (0..jobs.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        done.push((i, write_job(ctx, job)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            for (i, result) in worker.join().unwrap_or_default() {
                results[i] = Some(result);
            }
        }
    });
    results.into_iter().map(|r| r.unwrap_or_else(|| Err("a worker thread panicked".into()))).collect()
}

fn write_job(ctx: &Ctx, job: &Job) -> Result<Outcome, BoxError> {
    match job.kind {
        Kind::Attendance => write_attendance(ctx, job),
        Kind::Evaluation => write_evaluation(ctx, job),
        Kind::Fictional => write_fictional(ctx, job),
    }
}

/// Path relative to OUT, with `/`, as printed in the summary.
fn relative_name(ym: YearMonth, prefix: &str, kode: &str) -> String {
    format!("{ym}/{prefix}_{kode}_{ym}.xlsx")
}

/// What the `Unit Kerja :` row says: usually the official name, sometimes an alias, chosen
/// per file, as different operators write it differently.
fn unit_label<'a>(ctx: &Ctx, unit: &'a Unit, ym: YearMonth, kind: &str) -> &'a str {
    let mut rng = Rng::derive(ctx.seed, &["label", &unit.kode, &ym.to_string(), kind]);
    if unit.aliases.is_empty() || rng.chance(0.6) { &unit.nama } else { rng.pick(&unit.aliases).as_str() }
}

fn write_attendance(ctx: &Ctx, job: &Job) -> Result<Outcome, BoxError> {
    if let Some(style) = ctx.habits[job.unit].matrix {
        return write_matrix(ctx, job, style);
    }
    let unit = &ctx.units[job.unit];
    let roster = &ctx.rosters[job.unit];
    let rows =
        records::attendance(ctx.seed, "", &unit.kode, roster, job.ym, ctx.holidays, ctx.habits[job.unit].kbk);
    let mut lines = plain_lines(roster, &rows);
    let file = relative_name(job.ym, "Kehadiran", &unit.kode);
    let in_last = job.ym == ctx.last_month;
    let problem = if in_last && ctx.last.unknown_code == Some(job.unit) {
        let text = inject_unknown_code(ctx, &unit.kode, &file, roster, &rows, &mut lines);
        Some(Problem { kind: ProblemKind::UnknownCode, text })
    } else if in_last && ctx.last.numeric_nip == Some(job.unit) {
        let text = inject_numeric_nip(ctx, &unit.kode, &file, roster, &rows, &mut lines)?;
        Some(Problem { kind: ProblemKind::NumericNip, text })
    } else {
        None
    };
    let heading = Heading {
        title: "DAFTAR HADIR PEGAWAI",
        unit_name: &unit.nama,
        unit_label: unit_label(ctx, unit, job.ym, "kehadiran"),
        ym: job.ym,
    };
    xlsx::write_attendance(&ctx.out.join(&file), &heading, &lines)?;
    let mut outcome = attendance_outcome(file, &rows);
    outcome.problem = problem;
    Ok(outcome)
}

/// A matrix recap (`Rekap_Absensi_<KODE>_<YYYY-MM>.xlsx`): the same persons and the same
/// per-day statuses as the long layout would have had (drawn from the same streams), written
/// the way the unit's template writes them.
fn write_matrix(ctx: &Ctx, job: &Job, style: MatrixStyle) -> Result<Outcome, BoxError> {
    let unit = &ctx.units[job.unit];
    let roster = &ctx.rosters[job.unit];
    let rows =
        records::attendance(ctx.seed, "", &unit.kode, roster, job.ym, ctx.holidays, ctx.habits[job.unit].kbk);
    let days: Vec<(NaiveDate, bool)> =
        month_days(job.ym).into_iter().map(|d| (d, is_working_day(d, ctx.holidays))).collect();
    let holidays: Vec<NaiveDate> = days
        .iter()
        .filter(|(d, working)| !working && d.weekday().num_days_from_monday() < 5)
        .map(|(d, _)| *d)
        .collect();
    let lower_h = lower_h_cell(ctx, &unit.kode, job.ym, style, &rows);
    let lines = matrix::lines(style, roster, &rows, days.len(), lower_h);
    let head = staff::head(ctx.seed, unit);
    let sheet = MatrixSheet {
        heading: Heading {
            title: matrix::title(style),
            unit_name: &unit.nama,
            unit_label: unit_label(ctx, unit, job.ym, "kehadiran"),
            ym: job.ym,
        },
        style,
        days,
        holidays,
        signer_title: signer_title(unit),
        head: &head,
    };
    let file = relative_name(job.ym, "Rekap_Absensi", &unit.kode);
    matrix::write(&ctx.out.join(&file), &sheet, &lines)?;
    let mut outcome = attendance_outcome(file, &rows);
    outcome.attendance_rows = 0;
    outcome.matrix_rows = lines.len();
    outcome.matrix_records = lines.iter().map(|l| l.cells.iter().flatten().count()).sum();
    outcome.lower_h = lower_h.map(|(p, d)| cell_of(p, d));
    Ok(outcome)
}

/// In units that do it, about every other month one ordinary `H` is typed as `h`:
/// (person, day index).
fn lower_h_cell(
    ctx: &Ctx,
    kode: &str,
    ym: YearMonth,
    style: MatrixStyle,
    rows: &[AttRow],
) -> Option<(usize, usize)> {
    let mut rng = Rng::derive(ctx.seed, &["lower-h", kode, &ym.to_string()]);
    if !style.lower_h || !rng.chance(0.5) {
        return None;
    }
    let candidates: Vec<(usize, usize)> = rows
        .iter()
        .filter(|r| r.status == StatusCode::H && r.kegiatan.is_none())
        .map(|r| (r.person, r.date.day0() as usize))
        .collect();
    (!candidates.is_empty()).then(|| *rng.pick(&candidates))
}

/// Who signs a unit's recap: `Camat …`, `Lurah …`, the two secretariats' and the inspectorate's
/// own titles, and `Kepala <unit>` everywhere else.
fn signer_title(unit: &Unit) -> String {
    match (unit.jenis.as_str(), unit.kode.as_str()) {
        ("Kecamatan", _) => unit.nama.replacen("Kecamatan", "Camat", 1),
        ("Kelurahan", _) => unit.nama.replacen("Kelurahan", "Lurah", 1),
        (_, "SETDA") => "Sekretaris Daerah".to_string(),
        (_, "SETWAN") => "Sekretaris DPRD".to_string(),
        (_, "INSPEKTORAT") => "Inspektur".to_string(),
        _ => format!("Kepala {}", unit.nama),
    }
}

/// The fictional unit's file: the source unit's staff under the non-existent name, with its own
/// draw of statuses, so that a reader which wrongly matched it to a real unit would produce
/// visible revisions instead of silent duplicates.
fn write_fictional(ctx: &Ctx, job: &Job) -> Result<Outcome, BoxError> {
    let source = &ctx.units[job.unit];
    let roster = &ctx.rosters[job.unit];
    let rows = records::attendance(ctx.seed, "fictional", &source.kode, roster, job.ym, ctx.holidays, false);
    let lines = plain_lines(roster, &rows);
    let file = relative_name(job.ym, "Kehadiran", FICTIONAL_CODE);
    let heading = Heading {
        title: "DAFTAR HADIR PEGAWAI",
        unit_name: FICTIONAL_NAME,
        unit_label: FICTIONAL_NAME,
        ym: job.ym,
    };
    xlsx::write_attendance(&ctx.out.join(&file), &heading, &lines)?;
    let text = format!(
        "unknown unit: {file}, sheet {}, cell A{} = \"Unit Kerja : {FICTIONAL_NAME}\" (title row 2 \
         \"{}\"; file name code {FICTIONAL_CODE} is no unit either); all {} records, rows {}..{}, \
         should be rejected. Staff of {} (whose own file {} is correct and complete).",
        xlsx::ATTENDANCE_SHEET,
        xlsx::UNIT_ROW + 1,
        FICTIONAL_NAME.to_uppercase(),
        rows.len(),
        xlsx::HEADER_ROW + 2,
        xlsx::HEADER_ROW + 1 + rows.len() as u32,
        source.kode,
        relative_name(job.ym, "Kehadiran", &source.kode),
    );
    let problem = Problem { kind: ProblemKind::UnknownUnit, text };
    Ok(Outcome { file, attendance_rows: rows.len(), problem: Some(problem), ..Outcome::default() })
}

fn plain_lines<'a>(roster: &'a [Person], rows: &[AttRow]) -> Vec<AttLine<'a>> {
    rows.iter()
        .map(|r| AttLine {
            nip: NipCell::Text(&roster[r.person].nip),
            nama: &roster[r.person].nama,
            date: r.date,
            status: r.status.as_str(),
            minutes: r.minutes,
            kegiatan: r.kegiatan,
        })
        .collect()
}

fn attendance_outcome(file: String, rows: &[AttRow]) -> Outcome {
    let mut outcome = Outcome { file, attendance_rows: rows.len(), ..Outcome::default() };
    for row in rows {
        if row.kegiatan.is_some() {
            outcome.kbk_rows += 1;
        } else if let Some(i) = StatusCode::ALL.iter().position(|c| *c == row.status) {
            outcome.codes[i] += 1;
        }
    }
    outcome
}

/// Excel row number (1-based) of data line `i`.
fn excel_row(i: usize) -> u32 {
    xlsx::HEADER_ROW + 2 + i as u32
}

fn col_letter(col: u16) -> char {
    char::from(b'A' + col as u8)
}

/// Replaces one ordinary `H` cell with `X`, a code no configuration accepts.
fn inject_unknown_code(
    ctx: &Ctx,
    kode: &str,
    file: &str,
    roster: &[Person],
    rows: &[AttRow],
    lines: &mut [AttLine],
) -> String {
    let candidates: Vec<usize> =
        (0..rows.len()).filter(|&i| rows[i].status == StatusCode::H && rows[i].kegiatan.is_none()).collect();
    let i = *Rng::derive(ctx.seed, &["problem-code", kode]).pick(&candidates);
    lines[i].status = "X";
    let person = &roster[rows[i].person];
    format!(
        "unknown status code: {file}, sheet {}, cell {}{} = \"X\" (instead of H) for {} (NIP {}) on {}; \
         that one record should be rejected.",
        xlsx::ATTENDANCE_SHEET,
        col_letter(xlsx::COL_STATUS),
        excel_row(i),
        person.nama,
        person.nip,
        rows[i].date.format("%d/%m/%Y"),
    )
}

/// Writes one person's NIP as the number Excel keeps when the column is not Text: 15
/// significant digits, so an 18-digit NIP loses its last three.
fn inject_numeric_nip(
    ctx: &Ctx,
    kode: &str,
    file: &str,
    roster: &[Person],
    rows: &[AttRow],
    lines: &mut [AttLine],
) -> Result<String, BoxError> {
    let p = Rng::derive(ctx.seed, &["problem-nip", kode]).below(roster.len() as u64) as usize;
    let person = &roster[p];
    let digits: u64 = person.nip.parse()?;
    let value = ((digits + 500) / 1000 * 1000) as f64;
    let mut excel_rows = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if row.person == p {
            lines[i].nip = NipCell::Number(value);
            excel_rows.push(excel_row(i));
        }
    }
    Ok(format!(
        "NIP stored as a number: {file}, sheet {}, cells {} ({} rows) = {} for {} (real NIP {}); \
         those records should be rejected (or recovered with a warning when a roster lists the NIP).",
        xlsx::ATTENDANCE_SHEET,
        row_ranges(col_letter(xlsx::COL_NIP), &excel_rows),
        excel_rows.len(),
        excel_scientific(value),
        person.nama,
        person.nip,
    ))
}

/// `B7:B36, B190`: consecutive rows folded into ranges.
fn row_ranges(col: char, rows: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            format!("{col}{}", rows[i])
        } else {
            format!("{col}{}:{col}{}", rows[i], rows[j])
        });
        i = j + 1;
    }
    parts.join(", ")
}

/// How Excel shows the number in the formula bar: `1.98503152010012E+17`.
fn excel_scientific(v: f64) -> String {
    let s = format!("{v:.14e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    format!("{mantissa}E+{exp}")
}

fn write_evaluation(ctx: &Ctx, job: &Job) -> Result<Outcome, BoxError> {
    let unit = &ctx.units[job.unit];
    let roster = &ctx.rosters[job.unit];
    let rows: Vec<EvalRow> =
        records::evaluation(ctx.seed, &unit.kode, roster, job.ym, ctx.habits[job.unit].berakhlak);
    let lines: Vec<EvalLine> = roster
        .iter()
        .zip(&rows)
        .map(|(person, row)| EvalLine { nip: &person.nip, nama: &person.nama, row })
        .collect();
    let file = relative_name(job.ym, "Penilaian", &unit.kode);
    let heading = Heading {
        title: "PENILAIAN KINERJA PEGAWAI",
        unit_name: &unit.nama,
        unit_label: unit_label(ctx, unit, job.ym, "penilaian"),
        ym: job.ym,
    };
    xlsx::write_evaluation(&ctx.out.join(&file), &heading, &lines)?;
    Ok(Outcome { file, evaluation_rows: rows.len(), ..Outcome::default() })
}

fn print_summary(ctx: &Ctx, args: &Args, months: &[YearMonth], jobs: &[Job], outcomes: &[Outcome]) {
    let month_list: Vec<String> = months.iter().map(ToString::to_string).collect();
    println!(
        "generate_sample: seed {}, scale {}, months {} -> {}",
        args.seed,
        args.scale,
        month_list.join(", "),
        args.out.display()
    );
    for &ym in months {
        print_month(ctx, ym, jobs, outcomes);
    }
    let sum = |f: fn(&Outcome) -> usize| outcomes.iter().map(f).sum::<usize>();
    let count = |f: fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let persons: usize = ctx.rosters.iter().map(Vec::len).sum();
    let absentees = ctx.rosters.iter().flatten().filter(|p| p.absentee).count();
    let kbk_units = ctx.habits.iter().filter(|h| h.kbk).count();
    let berakhlak_units = ctx.habits.iter().filter(|h| h.berakhlak).count();
    println!(
        "files written: {}, all .xlsx: attendance long layout {} (Kehadiran_*), attendance \
         matrix {} (Rekap_Absensi_*), evaluation {} (Penilaian_*)",
        outcomes.len(),
        count(|o| o.attendance_rows > 0),
        count(|o| o.matrix_rows > 0),
        count(|o| o.evaluation_rows > 0),
    );
    println!(
        "  old formats: `bash examples/convert_sample.sh {}` then turns 3 long-layout attendance \
         files into .xls and 2 evaluation files into .ods (its list fits the default seed and months)",
        args.out.display()
    );
    print_matrix_units(ctx);
    println!(
        "persons: {persons} in {} units ({absentees} with several TK days every month)",
        ctx.units.len()
    );
    println!(
        "attendance records: {} = long-layout rows {} (Rapat KBK rows: {}, in {kbk_units} units; \
         in the fictional {FICTIONAL_CODE} file: {}) + matrix day cells {} (in {} person rows)",
        sum(|o| o.attendance_rows + o.matrix_records),
        sum(|o| o.attendance_rows),
        sum(|o| o.kbk_rows),
        outcomes
            .iter()
            .zip(jobs)
            .filter(|(_, j)| j.kind == Kind::Fictional)
            .map(|(o, _)| o.attendance_rows)
            .sum::<usize>(),
        sum(|o| o.matrix_records),
        sum(|o| o.matrix_rows),
    );
    let lower: Vec<String> =
        outcomes.iter().filter_map(|o| Some(format!("{} {}", o.file, o.lower_h.as_ref()?))).collect();
    println!(
        "  lower-case `h` in matrix cells ({}): {}",
        lower.len(),
        if lower.is_empty() { "none".to_string() } else { lower.join(", ") }
    );
    println!(
        "evaluation rows: {} ({berakhlak_units} units score the seven BerAKHLAK columns)",
        sum(|o| o.evaluation_rows)
    );
    println!("status mix on working days (real units): {}", status_mix(outcomes));
    print_problems(ctx, outcomes);
}

/// The matrix units and how each writes its recap.
fn print_matrix_units(ctx: &Ctx) {
    let styled: Vec<String> = ctx
        .units
        .iter()
        .zip(ctx.habits)
        .filter_map(|(unit, habits)| {
            let s = habits.matrix?;
            let mut marks = vec![if s.writes_l { "L" } else { "grey" }];
            marks.push(if s.cuti_ct { "CT" } else { "C" });
            marks.push(if s.alpa_a { "A" } else { "TK" });
            if s.lower_h {
                marks.push("h");
            }
            Some(format!("{} [{}]", unit.kode, marks.join(" ")))
        })
        .collect();
    println!(
        "  matrix units ({}; [off days as L or blank grey, Cuti as, TK as, sometimes h]): {}",
        styled.len(),
        styled.join(", ")
    );
}

fn print_month(ctx: &Ctx, ym: YearMonth, jobs: &[Job], outcomes: &[Outcome]) {
    let working = month_days(ym).into_iter().filter(|d| is_working_day(*d, ctx.holidays)).count();
    let in_month: Vec<&Outcome> =
        jobs.iter().zip(outcomes).filter(|(j, _)| j.ym == ym).map(|(_, o)| o).collect();
    let long = in_month.iter().filter(|o| o.attendance_rows > 0).count();
    let matrix = in_month.iter().filter(|o| o.matrix_rows > 0).count();
    let eval = in_month.iter().filter(|o| o.evaluation_rows > 0).count();
    let att_records: usize = in_month.iter().map(|o| o.attendance_rows + o.matrix_records).sum();
    let eval_rows: usize = in_month.iter().map(|o| o.evaluation_rows).sum();
    println!(
        "  {ym}: {} days, {working} working days; {} files (attendance {long} long + {matrix} \
         matrix, evaluation {eval}); {att_records} attendance records, {eval_rows} evaluation rows",
        ym.days(),
        in_month.len(),
    );
    if ym == ctx.last_month {
        let names = |list: &[usize]| {
            if list.is_empty() {
                return "none".to_string();
            }
            list.iter().map(|&u| ctx.units[u].kode.as_str()).collect::<Vec<_>>().join(", ")
        };
        let complete = ctx.units.len() - ctx.last.silent.len() - ctx.last.attendance_only.len();
        println!("    Lengkap: {complete} units");
        println!("    Belum (nothing sent): {}", names(&ctx.last.silent));
        println!("    Sebagian (attendance only): {}", names(&ctx.last.attendance_only));
    } else {
        println!("    Lengkap: all {} units", ctx.units.len());
    }
}

fn status_mix(outcomes: &[Outcome]) -> String {
    let mut totals = [0usize; 11];
    for o in outcomes {
        for (t, c) in totals.iter_mut().zip(o.codes) {
            *t += c;
        }
    }
    let working: usize =
        StatusCode::ALL.iter().zip(totals).filter(|(c, _)| c.is_working_day()).map(|(_, n)| n).sum();
    let mut s = String::new();
    for (code, n) in StatusCode::ALL.iter().zip(totals) {
        if code.is_working_day() && n > 0 {
            let _ = write!(s, "{} {} ({:.1}%)  ", code.as_str(), n, 100.0 * n as f64 / working.max(1) as f64);
        }
    }
    s.trim_end().to_string()
}

fn print_problems(ctx: &Ctx, outcomes: &[Outcome]) {
    let mut problems: Vec<&Problem> = outcomes.iter().filter_map(|o| o.problem.as_ref()).collect();
    problems.sort_by_key(|p| p.kind);
    if problems.is_empty() {
        println!("deliberate problems: none");
        return;
    }
    println!("deliberate problems ({} only, one each, in three different units):", ctx.last_month);
    for (i, p) in problems.iter().enumerate() {
        println!("  {}. {}", i + 1, p.text);
    }
}

/// The generator never deletes; say so when a month folder holds workbooks it did not write
/// (left from a run with other arguments, or converted by `convert_sample.sh`), since a report
/// would read them too.
fn note_foreign_files(out: &Path, months: &[YearMonth], outcomes: &[Outcome]) {
    let written: BTreeSet<&str> = outcomes.iter().map(|o| o.file.as_str()).collect();
    for ym in months {
        let Ok(entries) = std::fs::read_dir(out.join(ym.to_string())) else {
            continue;
        };
        let foreign: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| {
                let lower = name.to_lowercase();
                [".xlsx", ".xls", ".ods"].iter().any(|e| lower.ends_with(e))
                    && !written.contains(format!("{ym}/{name}").as_str())
            })
            .collect();
        if !foreign.is_empty() {
            println!(
                "note: {} other workbook(s) in {}/{ym} not written by this run (left untouched; \
                 after convert_sample.sh, run it again so that no .xlsx sits beside its .xls/.ods)",
                foreign.len(),
                out.display()
            );
        }
    }
}
