//! The records of one unit and month: daily attendance with a realistic mix of codes, the
//! monthly `Rapat KBK` rows, and the evaluation scores.

use std::collections::BTreeSet;

use budaya_kerja::ground::model::{StatusCode, YearMonth};
use chrono::NaiveDate;

use crate::reference::{is_working_day, kbk_meeting_day, month_days};
use crate::rng::Rng;
use crate::staff::Person;

pub const RAPAT_KBK: &str = "Rapat KBK";

/// One attendance-long row.
pub struct AttRow {
    /// Index into the unit's roster.
    pub person: usize,
    pub date: NaiveDate,
    pub status: StatusCode,
    pub minutes: Option<u32>,
    pub kegiatan: Option<&'static str>,
}

/// Chance per ordinary working day of each code other than H (H takes the rest, ~91%).
/// Multi-day leave, sickness and the absentees' TK runs come on top as blocks.
const DAILY_MIX: [(StatusCode, f64); 8] = [
    (StatusCode::TL, 0.040),
    (StatusCode::PSW, 0.010),
    (StatusCode::DL, 0.013),
    (StatusCode::DD, 0.006),
    (StatusCode::I, 0.006),
    (StatusCode::S, 0.003),
    (StatusCode::TK, 0.007),
    (StatusCode::C, 0.002),
];

/// The unit's attendance for the month, person by person, every calendar day (weekends and
/// holidays as `L`), then — in units that hold one — one `Rapat KBK` row per person.
/// `stream` separates independent draws for the same unit and month (the fictional file).
pub fn attendance(
    seed: u64,
    stream: &str,
    kode: &str,
    roster: &[Person],
    ym: YearMonth,
    holidays: &BTreeSet<NaiveDate>,
    with_kbk: bool,
) -> Vec<AttRow> {
    let days = month_days(ym);
    let working: Vec<NaiveDate> = days.iter().copied().filter(|d| is_working_day(*d, holidays)).collect();
    let ym_label = ym.to_string();
    let mut rows = Vec::with_capacity(roster.len() * (days.len() + 1));
    let mut work_codes = Vec::with_capacity(roster.len());
    for (p, person) in roster.iter().enumerate() {
        let mut rng = Rng::derive(seed, &["attendance", stream, kode, &p.to_string(), &ym_label]);
        let codes = working_day_codes(&mut rng, person.absentee, working.len());
        let mut next_working = codes.iter();
        for &date in &days {
            let (status, minutes) = if is_working_day(date, holidays) {
                next_working.next().copied().unwrap_or((StatusCode::H, None))
            } else {
                (StatusCode::L, None)
            };
            rows.push(AttRow { person: p, date, status, minutes, kegiatan: None });
        }
        work_codes.push(codes);
    }
    if with_kbk && let Some(day) = kbk_meeting_day(ym, holidays) {
        let index = working.iter().position(|d| *d == day).unwrap_or(0);
        for (p, codes) in work_codes.iter().enumerate() {
            let mut rng = Rng::derive(seed, &["kbk", stream, kode, &p.to_string(), &ym_label]);
            let status = kbk_status(&mut rng, codes[index].0);
            rows.push(AttRow { person: p, date: day, status, minutes: None, kegiatan: Some(RAPAT_KBK) });
        }
    }
    rows
}

/// Present in the office that day → at the meeting (H), mostly; otherwise excused (I).
fn kbk_status(rng: &mut Rng, that_day: StatusCode) -> StatusCode {
    let in_office = matches!(that_day, StatusCode::H | StatusCode::TL | StatusCode::PSW | StatusCode::DD);
    if in_office && rng.chance(0.9) { StatusCode::H } else { StatusCode::I }
}

/// Codes (and late minutes) for the `n` working days of one person's month.
fn working_day_codes(rng: &mut Rng, absentee: bool, n: usize) -> Vec<(StatusCode, Option<u32>)> {
    let mut blocks: Vec<Option<StatusCode>> = vec![None; n];
    if rng.chance(0.045) {
        place_block(rng, &mut blocks, StatusCode::C, 2, 5);
    }
    if rng.chance(0.06) {
        place_block(rng, &mut blocks, StatusCode::S, 1, 3);
    }
    if absentee {
        // A run of consecutive TK plus a stray day or two: several TK days in the month.
        place_block(rng, &mut blocks, StatusCode::TK, 2, 5);
        for _ in 0..rng.range(0, 2) {
            place_block(rng, &mut blocks, StatusCode::TK, 1, 1);
        }
    }
    blocks
        .into_iter()
        .map(|b| {
            let code = b.unwrap_or_else(|| daily_code(rng));
            let minutes = (code == StatusCode::TL).then(|| late_minutes(rng));
            (code, minutes)
        })
        .collect()
}

fn place_block(rng: &mut Rng, blocks: &mut [Option<StatusCode>], code: StatusCode, min: i64, max: i64) {
    if blocks.is_empty() {
        return;
    }
    let len = (rng.range(min, max) as usize).min(blocks.len());
    let start = rng.below((blocks.len() - len + 1) as u64) as usize;
    blocks[start..start + len].fill(Some(code));
}

fn daily_code(rng: &mut Rng) -> StatusCode {
    let mut u = rng.unit();
    for (code, p) in DAILY_MIX {
        if u < p {
            return code;
        }
        u -= p;
    }
    StatusCode::H
}

/// 5–60 minutes, most of them short.
fn late_minutes(rng: &mut Rng) -> u32 {
    let u = rng.unit();
    (5 + (56.0 * u * u) as u32).min(60)
}

/// Behaviour part of an evaluation row.
pub enum Perilaku {
    /// One score, in tenths (70.0–98.0).
    Nilai(i64),
    /// The seven BerAKHLAK scores, integers 70–98.
    BerAkhlak([i64; 7]),
}

pub struct EvalRow {
    pub target: i64,
    pub realisasi: i64,
    pub perilaku: Perilaku,
}

/// One evaluation row per person: target 10–60, realisasi 80–115% of it around the person's
/// usual level, behaviour around the person's usual score.
pub fn evaluation(seed: u64, kode: &str, roster: &[Person], ym: YearMonth, berakhlak: bool) -> Vec<EvalRow> {
    let ym_label = ym.to_string();
    roster
        .iter()
        .enumerate()
        .map(|(p, person)| {
            let mut rng = Rng::derive(seed, &["evaluation", kode, &p.to_string(), &ym_label]);
            let target = rng.range(10, 60);
            let ratio = (person.capaian_base + 0.12 * rng.unit() - 0.06).clamp(0.80, 1.15);
            let realisasi = (target as f64 * ratio).round() as i64;
            let perilaku = if berakhlak {
                let base = person.perilaku_base / 10;
                Perilaku::BerAkhlak(std::array::from_fn(|_| (base + rng.range(-4, 4)).clamp(70, 98)))
            } else {
                Perilaku::Nilai((person.perilaku_base + rng.range(-30, 30)).clamp(700, 980))
            };
            EvalRow { target, realisasi, perilaku }
        })
        .collect()
}
