//! Who sends what: the units that hold `Rapat KBK` meetings, score BerAKHLAK or send the
//! attendance-matrix recap (and how they fill it in), the units that report late in the last
//! month, and where the deliberate problems go.

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
    /// Sends attendance as the *rekap absensi* matrix (one row per person, one column per
    /// day) instead of the long layout, filled in this unit's way.
    pub matrix: Option<MatrixStyle>,
}

/// How a unit fills in its attendance-matrix recap: the same every month, different between
/// units, as each office keeps its own old template.
#[derive(Clone, Copy)]
pub struct MatrixStyle {
    /// Writes `L` in the weekend and holiday columns (grey) instead of leaving them blank.
    pub writes_l: bool,
    /// Writes Cuti as `CT`.
    pub cuti_ct: bool,
    /// Writes TK as `A` (Alpa), and heads its total column `A`.
    pub alpa_a: bool,
    /// Now and then (about every other month) types one `h` in lower case.
    pub lower_h: bool,
    /// Which title and sheet name the template uses (an index into the writer's variants).
    pub variant: usize,
}

/// About one unit in nine holds a recorded KBK meeting; about a quarter use BerAKHLAK; about a
/// third send the attendance-matrix recap. `reserved` units (the ones that carry the deliberate
/// problems, `LastMonth::problem_units`) always send the long layout, and so do the KBK units,
/// as a matrix has no room for a `Kegiatan` row.
pub fn habits(seed: u64, units: &[Unit], reserved: &[usize]) -> Vec<Habits> {
    let kbk = chosen(seed, "kbk", units.len(), units.len().div_ceil(9));
    let berakhlak = chosen(seed, "berakhlak", units.len(), (units.len() as f64 / 4.0).round() as usize);
    let mut eligible: Vec<usize> =
        (0..units.len()).filter(|i| !kbk.contains(i) && !reserved.contains(i)).collect();
    Rng::derive(seed, &["matrix"]).shuffle(&mut eligible);
    eligible.truncate((units.len() as f64 / 3.0).round() as usize);
    (0..units.len())
        .map(|i| Habits {
            kbk: kbk.contains(&i),
            berakhlak: berakhlak.contains(&i),
            matrix: eligible.iter().position(|&u| u == i).map(|k| matrix_style(seed, &units[i].kode, k)),
        })
        .collect()
}

/// The `k`-th matrix unit's style: every third writes `L` (so both kinds always occur); the
/// rest is drawn per unit.
fn matrix_style(seed: u64, kode: &str, k: usize) -> MatrixStyle {
    let mut rng = Rng::derive(seed, &["matrix-style", kode]);
    MatrixStyle {
        writes_l: k % 3 == 1,
        cuti_ct: rng.chance(0.6),
        alpa_a: rng.chance(0.7),
        lower_h: rng.chance(0.5),
        variant: rng.below(3) as usize,
    }
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
    /// Everyone reports everything and nothing is broken (`--no-problems`).
    pub fn clean() -> Self {
        LastMonth {
            silent: Vec::new(),
            attendance_only: Vec::new(),
            unknown_code: None,
            numeric_nip: None,
            fictional_source: None,
        }
    }

    /// The units that carry a deliberate problem (the fictional file's source included).
    pub fn problem_units(&self) -> Vec<usize> {
        [self.unknown_code, self.numeric_nip, self.fictional_source].into_iter().flatten().collect()
    }

    pub fn sends_attendance(&self, unit: usize) -> bool {
        !self.silent.contains(&unit)
    }

    pub fn sends_evaluation(&self, unit: usize) -> bool {
        !self.silent.contains(&unit) && !self.attendance_only.contains(&unit)
    }
}

/// The plan of the last month. It is drawn even for `--no-problems` runs (which then use
/// `LastMonth::clean`), so that the units kept on the long layout, and hence every file, are
/// the same with and without the problems.
pub fn last_month(seed: u64, units: &[Unit]) -> Result<LastMonth, String> {
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
