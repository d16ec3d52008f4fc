//! Who sends what: the units that hold `Rapat KBK` meetings or score BerAKHLAK, the units that
//! report late in the last month, and where the deliberate problems go.

use crate::reference::Unit;
use crate::rng::Rng;

/// The real unit whose operator, in the last month, also sends an attendance file under an
/// old, non-existent name (`Dinas Pariwisata`): the tourism part of its name makes the mistake
/// plausible.
pub const FICTIONAL_SOURCE: &str = "DISPORAPAR";
pub const FICTIONAL_NAME: &str = "Dinas Pariwisata";
pub const FICTIONAL_CODE: &str = "DISPAR";

/// Stable per-unit habits (the same in every month).
pub struct Habits {
    /// Records a monthly `Rapat KBK` in its attendance file.
    pub kbk: bool,
    /// Scores behaviour with the seven BerAKHLAK columns instead of `Nilai Perilaku`.
    pub berakhlak: bool,
}

/// About one unit in nine holds a recorded KBK meeting; about a quarter use BerAKHLAK.
pub fn habits(seed: u64, units: &[Unit]) -> Vec<Habits> {
    let kbk = chosen(seed, "kbk", units.len(), units.len().div_ceil(9));
    let berakhlak = chosen(
        seed,
        "berakhlak",
        units.len(),
        (units.len() as f64 / 4.0).round() as usize,
    );
    (0..units.len())
        .map(|i| Habits {
            kbk: kbk.contains(&i),
            berakhlak: berakhlak.contains(&i),
        })
        .collect()
}

/// `count` distinct unit indices, drawn from a stream labelled `purpose`.
fn chosen(seed: u64, purpose: &str, n: usize, count: usize) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    Rng::derive(seed, &[purpose]).shuffle(&mut all);
    all.truncate(count);
    all
}

/// What changes in the last month. Every unit index appears in at most one role.
pub struct LastMonth {
    /// Send nothing (`Belum`).
    pub silent: Vec<usize>,
    /// Send attendance only (`Sebagian`).
    pub attendance_only: Vec<usize>,
    /// One status cell holds the unknown code `X`.
    pub unknown_code: Option<usize>,
    /// One person's NIP is a number in every row.
    pub numeric_nip: Option<usize>,
    /// Also sends `Kehadiran_DISPAR_…` naming the non-existent `Dinas Pariwisata`.
    pub fictional_source: Option<usize>,
}

impl LastMonth {
    pub fn sends_attendance(&self, unit: usize) -> bool {
        !self.silent.contains(&unit)
    }

    pub fn sends_evaluation(&self, unit: usize) -> bool {
        !self.silent.contains(&unit) && !self.attendance_only.contains(&unit)
    }
}

/// With `clean`, everyone reports everything and nothing is broken (for benchmarks).
pub fn last_month(seed: u64, units: &[Unit], clean: bool) -> Result<LastMonth, String> {
    if clean {
        return Ok(LastMonth {
            silent: Vec::new(),
            attendance_only: Vec::new(),
            unknown_code: None,
            numeric_nip: None,
            fictional_source: None,
        });
    }
    let source = units
        .iter()
        .position(|u| u.kode == FICTIONAL_SOURCE)
        .ok_or_else(|| format!("unit {FICTIONAL_SOURCE} is missing from the unit list"))?;
    let mut others: Vec<usize> = (0..units.len()).filter(|&i| i != source).collect();
    if others.len() < 9 {
        return Err("the unit list is too short for the sample plan (needs 10 units)".into());
    }
    Rng::derive(seed, &["last-month"]).shuffle(&mut others);
    Ok(LastMonth {
        silent: sorted(&others[0..4]),
        attendance_only: sorted(&others[4..7]),
        unknown_code: Some(others[7]),
        numeric_nip: Some(others[8]),
        fictional_source: Some(source),
    })
}

fn sorted(items: &[usize]) -> Vec<usize> {
    let mut v = items.to_vec();
    v.sort_unstable();
    v
}
