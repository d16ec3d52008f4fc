//! The staff of each unit: invented Javanese/Muslim names as common in East Java, with the
//! academic titles usual in a government list, and 18-digit NIPs built like real ones.
//!
//! A unit's roster is drawn from streams labelled with the unit code and the person's index, so
//! it is the same in every month of a run.

use std::collections::HashSet;

use crate::reference::Unit;
use crate::rng::Rng;

/// One member of staff.
pub struct Person {
    /// 18 digits: birth date YYYYMMDD, appointment YYYYMM, 1 (male) / 2 (female), serial.
    pub nip: String,
    pub nama: String,
    /// Has a run of unexcused absences (TK) every month, so the discipline tiers show up.
    pub absentee: bool,
    /// Typical realisasi / target of this person (0.88–1.08).
    pub capaian_base: f64,
    /// Typical behaviour score in tenths (760–940).
    pub perilaku_base: i64,
}

const MALE_GIVEN: &str = "\
    Agus|Budi|Slamet|Bambang|Joko|Heru|Eko|Dwi|Teguh|Sugeng|Wahyu|Hadi|Ahmad|Muhammad|Moch.|\
    Achmad|Rizal|Fajar|Arif|Yusuf|Imam|Syaiful|Rudi|Hari|Andik|Priyo|Setyo|Gatot|Didik|\
    Bagus|Dimas|Yoga|Rizky|Faisal|Khoirul|Mochammad|Tri|Edy|Sigit|Wawan";
const MALE_MIDDLE: &str = "\
    Nur|Budi|Adi|Tri|Eko|Dwi|Arif|Hadi|Wahyu|Rahmat|Abdul|Ali|Ilham|Ainul|Miftahul";
const MALE_SURNAME: &str = "\
    Santoso|Wibowo|Prasetyo|Susanto|Hidayat|Setiawan|Kurniawan|Purnomo|Suharto|Widodo|\
    Hariyanto|Mulyono|Syafi'i|Maulana|Hakim|Fauzi|Ma'ruf|Aziz|Anwar|Rohman|Sholeh|Prayitno|\
    Sutrisno|Suprapto|Efendi|Firmansyah|Saputra|Nugroho|Rochim|Hasyim|Mustofa|Ashari|Huda";
const FEMALE_GIVEN: &str = "\
    Sri|Siti|Dwi|Endang|Rina|Yuli|Nanik|Lilik|Anik|Umi|Nurul|Dewi|Ratna|Ika|Erna|Tri|Fitri|\
    Novi|Diah|Retno|Evi|Wiwik|Eka|Rini|Khusnul|Lailatul|Nuril|Ayu|Ani|Indah|Yuyun|Mega";
const FEMALE_MIDDLE: &str = "\
    Nur|Ayu|Dwi|Puji|Tri|Wahyu|Dian|Kurnia|Fitria|Eka|Indah";
const FEMALE_SURNAME: &str = "\
    Rahmawati|Hasanah|Rahayu|Wulandari|Puspitasari|Handayani|Lestari|Pratiwi|Kusumawati|\
    Nurhayati|Susilowati|Yuliana|Ningsih|Wahyuni|Sulistyowati|Mardiyah|Aisyah|Fatimah|\
    Khotimah|Maslahah|Zulaikha|Anggraini|Setyaningsih|Rachmawati|Agustina|Khoiriyah";

/// One entry of a `|`-separated list (the lists are strings so that they stay compact).
fn pick_word(rng: &mut Rng, list: &'static str) -> &'static str {
    let words: Vec<&'static str> = list.split('|').collect();
    words[rng.below(words.len() as u64) as usize]
}

/// Degree suffixes by unit type: the puskesmas are mostly nurses and midwives, the UPTD
/// Pendidikan teachers' administrators, everyone else general administration.
fn degrees(jenis: &str) -> &'static str {
    match jenis {
        "Puskesmas" => ", A.Md.Kep.|, A.Md.Keb.|, S.Kep., Ns.|, S.K.M.|, A.Md.Farm.|, S.Tr.Keb.",
        "UPTD Pendidikan" => ", S.Pd.|, S.Pd., M.Pd.|, S.Pd.I.|, S.Sos.|, A.Md.",
        _ => {
            ", S.Kom.|, S.E.|, S.Sos.|, S.Sos., M.Si.|, S.H.|, S.H., M.H.|, S.AP.|, S.T.|\
              , S.T., M.T.|, S.E., M.M.|, A.Md.|, S.I.P.|, S.Pd."
        }
    }
}

/// Staff per unit at scale 1.0: 4–8, by type, so that the whole default sample stays small.
fn base_headcount(jenis: &str, rng: &mut Rng) -> i64 {
    match jenis {
        "Perangkat Daerah" | "Puskesmas" => rng.range(6, 8),
        "Kecamatan" => rng.range(6, 7),
        "UPTD Pendidikan" => rng.range(4, 6),
        _ => rng.range(4, 5),
    }
}

/// Share of staff with a run of TK days every month.
const ABSENTEE_SHARE: f64 = 0.03;

/// The rosters of all units, in unit order. NIPs are unique over the whole city: `taken` is
/// filled in unit order, so the result only depends on the seed, the unit list and the scale.
pub fn rosters(seed: u64, units: &[Unit], scale: f64) -> Vec<Vec<Person>> {
    let mut taken = HashSet::new();
    let mut rosters: Vec<Vec<Person>> =
        units.iter().map(|unit| roster(seed, unit, scale, &mut taken)).collect();
    mark_absentees(seed, &mut rosters);
    rosters
}

/// Picks exactly 3% of all staff (at least one) as absentees, spread over the city, so that
/// every seed shows a few discipline cases rather than by chance none.
fn mark_absentees(seed: u64, rosters: &mut [Vec<Person>]) {
    let mut everyone: Vec<(usize, usize)> =
        rosters.iter().enumerate().flat_map(|(u, r)| (0..r.len()).map(move |p| (u, p))).collect();
    let count = ((everyone.len() as f64 * ABSENTEE_SHARE).ceil() as usize).max(1);
    Rng::derive(seed, &["absentees"]).shuffle(&mut everyone);
    for &(u, p) in everyone.iter().take(count) {
        rosters[u][p].absentee = true;
    }
}

fn roster(seed: u64, unit: &Unit, scale: f64, taken: &mut HashSet<String>) -> Vec<Person> {
    let base = base_headcount(&unit.jenis, &mut Rng::derive(seed, &["headcount", &unit.kode]));
    let count = ((base as f64 * scale).round() as usize).max(1);
    let mut names = HashSet::new();
    (0..count)
        .map(|i| {
            let mut rng = Rng::derive(seed, &["person", &unit.kode, &i.to_string()]);
            let female = rng.chance(0.5);
            let nip = unique_nip(&mut rng, female, taken);
            let nama = unique_name(&mut rng, female, &unit.jenis, &mut names);
            Person {
                nip,
                nama,
                absentee: false,
                capaian_base: 0.88 + 0.20 * rng.unit(),
                perilaku_base: rng.range(760, 940),
            }
        })
        .collect()
}

/// The head of a unit who signs its attendance recap: a name, the rank line under it and an
/// older NIP. Not on the roster (heads are listed with their own office), so the NIP is drawn
/// apart from the staff's and never becomes a record.
pub struct Head {
    pub nama: String,
    pub pangkat: &'static str,
    pub nip: String,
}

pub fn head(seed: u64, unit: &Unit) -> Head {
    let mut rng = Rng::derive(seed, &["head", &unit.kode]);
    let female = rng.chance(0.35);
    let mut nip = String::new();
    // Heads are 48–60: keep drawing until the birth year fits (a few draws at most).
    for _ in 0..64 {
        nip = unique_nip(&mut rng, female, &mut HashSet::new());
        if nip.as_str() < "1979" {
            break;
        }
    }
    let name = bare_name(&mut rng, female);
    // A head always has a degree (or is a doctor, in a puskesmas).
    let nama = if unit.jenis == "Puskesmas" && rng.chance(0.5) {
        format!("dr. {name}, M.Kes.")
    } else {
        format!("{name}{}", pick_word(&mut rng, degrees(&unit.jenis)))
    };
    let pangkat = match unit.jenis.as_str() {
        "Kelurahan" => "Penata Tingkat I",
        "Kecamatan" | "Puskesmas" | "UPTD Pendidikan" => "Pembina",
        _ => *rng.pick(&["Pembina Tingkat I", "Pembina Utama Muda"]),
    };
    Head { nama, pangkat, nip }
}

/// Birth 1966–1999, appointed between age 21 and 35 (not before 1988, not after 2024), serial
/// mostly low; a clash with a NIP already given out moves the serial up.
fn unique_nip(rng: &mut Rng, female: bool, taken: &mut HashSet<String>) -> String {
    let birth_year = rng.range(1966, 1999);
    let birth = format!("{birth_year:04}{:02}{:02}", rng.range(1, 12), rng.range(1, 28));
    let appointed_lo = (birth_year + 21).max(1988);
    let appointed_hi = (birth_year + 35).min(2024).max(appointed_lo);
    let appointed = format!("{:04}{:02}", rng.range(appointed_lo, appointed_hi), rng.range(1, 12));
    let sex = if female { 2 } else { 1 };
    let mut serial = rng.range(1, 6);
    loop {
        let nip = format!("{birth}{appointed}{sex}{serial:03}");
        if taken.insert(nip.clone()) {
            return nip;
        }
        serial += 1;
    }
}

/// A name not yet used in the unit (so a name alone never identifies two people of one unit).
/// At huge scales the name space of one unit runs out; then a number keeps names distinct.
fn unique_name(rng: &mut Rng, female: bool, jenis: &str, used: &mut HashSet<String>) -> String {
    for _ in 0..100 {
        let name = person_name(rng, female, jenis);
        if used.insert(name.clone()) {
            return name;
        }
    }
    let base = person_name(rng, female, jenis);
    (2..).map(|n| format!("{base} {n}")).find(|name| used.insert(name.clone())).unwrap_or(base)
}

fn person_name(rng: &mut Rng, female: bool, jenis: &str) -> String {
    let name = bare_name(rng, female);
    with_title(rng, name, jenis)
}

/// Given name, sometimes a middle name (never the given name again: no `Eka Eka`), and a
/// surname unless the middle name already makes two words.
fn bare_name(rng: &mut Rng, female: bool) -> String {
    let (given, middle, surname) = if female {
        (FEMALE_GIVEN, FEMALE_MIDDLE, FEMALE_SURNAME)
    } else {
        (MALE_GIVEN, MALE_MIDDLE, MALE_SURNAME)
    };
    let first = pick_word(rng, given);
    let mut name = first.to_string();
    let mut with_middle = false;
    if rng.chance(0.35) {
        let second = pick_word(rng, middle);
        if second != first {
            name.push(' ');
            name.push_str(second);
            with_middle = true;
        }
    }
    // Always two words at least: a bare `Hari` or `Tri` reads like a word, not a name.
    if !with_middle || rng.chance(0.85) {
        name.push(' ');
        name.push_str(pick_word(rng, surname));
    }
    name
}

/// About half the staff carry a degree; a few puskesmas staff are doctors (`dr.` in front).
fn with_title(rng: &mut Rng, name: String, jenis: &str) -> String {
    if jenis == "Puskesmas" && rng.chance(0.12) {
        let suffix = if rng.chance(0.3) { ", M.Kes." } else { "" };
        return format!("dr. {name}{suffix}");
    }
    if rng.chance(0.5) { format!("{name}{}", pick_word(rng, degrees(jenis))) } else { name }
}
