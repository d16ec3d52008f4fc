//! The Kelompok Budaya Kerja records of SPEC §11.1: groups, members, meetings, the eight
//! steps, measurements of the group's indikator and juri scores, as the KBK sheets give
//! them; the eight steps' names and their loose matching. Pure data, like `model`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ground::model::{Person, Provenance};
use crate::ground::text::norm_key;

/// The eight steps of one improvement cycle (SPEC §11.1), numbered 1–8.
pub const LANGKAH: [&str; 8] = [
    "Menetapkan tema dan sasaran",
    "Menetapkan faktor penyebab",
    "Menetapkan penyebab dominan",
    "Merencanakan perbaikan",
    "Melaksanakan perbaikan",
    "Mengevaluasi hasil",
    "Menetapkan standar",
    "Menetapkan tema berikutnya",
];

/// The PDCA phase of step `n` (1–4 Plan, 5 Do, 6 Check, 7–8 Action).
pub fn pdca(n: u8) -> &'static str {
    match n {
        1..=4 => "Plan",
        5 => "Do",
        6 => "Check",
        _ => "Action",
    }
}

/// The name of step `n` (1–8); empty outside.
pub fn langkah_name(n: u8) -> &'static str {
    LANGKAH.get(usize::from(n).wrapping_sub(1)).copied().unwrap_or("")
}

/// What a `langkah` cell says: a step number, a step named (loosely), or something else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepText {
    /// A number 1–8, or a name that matches one step.
    Step(u8),
    /// A whole number outside 1–8.
    OutOfRange(i64),
    /// No step: the text names none of the eight.
    Unknown,
}

/// Reads a step as written: `3`, `3.`, `Langkah 3`, `L3`, `Langkah ke-3`, `III`, or its name
/// matched loosely (`Penetapan penyebab dominan`, `menetapkan penyebab dominan`,
/// `3. Menetapkan penyebab dominan`, `Penyebab Dominan`).
pub fn step_from_text(text: &str) -> StepText {
    let t = text.trim();
    if t.is_empty() {
        return StepText::Unknown;
    }
    let lower = t.to_lowercase();
    // A leading number (`3`, `3.`, `3. Menetapkan …`, `langkah 3`, `langkah ke-3`, `l3`).
    let stripped = lower
        .trim_start_matches("langkah")
        .trim_start()
        .trim_start_matches("ke-")
        .trim_start_matches("ke ")
        .trim_start();
    let stripped = stripped
        .strip_prefix('l')
        .filter(|s| s.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(stripped);
    let digits: String = stripped.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    if !digits.is_empty() && digits != "-" {
        let rest = &stripped[digits.len()..];
        let whole = rest.trim_start_matches(['.', ')', ':']).trim();
        if let Ok(n) = digits.parse::<i64>() {
            if rest.is_empty() || rest.starts_with(['.', ')', ':', ' ']) || whole.is_empty() {
                return if (1..=8).contains(&n) { StepText::Step(n as u8) } else { StepText::OutOfRange(n) };
            }
        }
    }
    if let Some(n) = roman(stripped.trim_end_matches('.')) {
        return StepText::Step(n);
    }
    by_name(&lower).map_or(StepText::Unknown, StepText::Step)
}

fn roman(s: &str) -> Option<u8> {
    const R: [&str; 8] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"];
    R.iter().position(|r| *r == s.trim()).map(|i| i as u8 + 1)
}

/// The step a name means: the words that tell the eight apart, after dropping the verbs
/// (`menetapkan`, `penetapan`, …) every step shares.
fn by_name(lower: &str) -> Option<u8> {
    let key = norm_key(lower);
    // Distinctive stems, checked in an order where a longer phrase wins over a shorter one.
    const STEMS: [(&str, u8); 12] = [
        ("temaberikut", 8),
        ("temaselanjutnya", 8),
        ("penyebabdominan", 3),
        ("faktorpenyebab", 2),
        ("temadansasaran", 1),
        ("temasasaran", 1),
        ("rencanaperbaikan", 4),
        ("merencanakanperbaikan", 4),
        ("perencanaanperbaikan", 4),
        ("melaksanakanperbaikan", 5),
        ("pelaksanaanperbaikan", 5),
        ("evaluasihasil", 6),
    ];
    if let Some((_, n)) = STEMS.iter().find(|(s, _)| key.contains(s)) {
        return Some(*n);
    }
    const WORDS: [(&str, u8); 6] = [
        ("mengevaluasi", 6),
        ("evaluasi", 6),
        ("standar", 7),
        ("standardisasi", 7),
        ("melaksanakan", 5),
        ("pelaksanaan", 5),
    ];
    if let Some((_, n)) = WORDS.iter().find(|(s, _)| key.contains(s)) {
        return Some(*n);
    }
    if key.contains("dominan") {
        return Some(3);
    }
    if key.contains("penyebab") {
        return Some(2);
    }
    if key.contains("rencana") || key.contains("merencanakan") {
        return Some(4);
    }
    if key.contains("tema") {
        return Some(1);
    }
    None
}

/// The kegiatan of a KBK meeting (`KBK`, `Pertemuan KBK`, `Rapat KBK`,
/// `Kelompok Budaya Kerja`).
pub fn is_kbk_kegiatan(kegiatan: &str) -> bool {
    let k = norm_key(kegiatan);
    k.contains("kbk") || k.contains("kelompokbudayakerja")
}

/// A member's role in the group (`Peran`, `Jabatan dalam Kelompok`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Peran {
    Ketua,
    Sekretaris,
    Anggota,
    /// Listed with the group, never counted among its members (SPEC §11.1).
    Fasilitator,
}

impl Peran {
    pub fn label(self) -> &'static str {
        match self {
            Self::Ketua => "Ketua",
            Self::Sekretaris => "Sekretaris",
            Self::Anggota => "Anggota",
            Self::Fasilitator => "Fasilitator",
        }
    }

    /// A role as written (`Ketua`, `Ketua Kelompok`, `Sekretaris`, `Notulis`, `Anggota`,
    /// `Fasilitator`, `Pembina`); an empty cell is `Anggota`.
    pub fn parse(text: &str) -> Option<Self> {
        let k = norm_key(text);
        if k.is_empty() || k.starts_with("anggota") {
            return Some(Self::Anggota);
        }
        if k.starts_with("ketua") || k == "koordinator" || k == "pimpinan" {
            return Some(Self::Ketua);
        }
        if k.starts_with("sekretaris") || k.starts_with("notulis") || k.starts_with("notulen") || k == "sekr"
        {
            return Some(Self::Sekretaris);
        }
        if k.starts_with("fasilitator") || k.starts_with("pembina") || k.starts_with("pendamping") {
            return Some(Self::Fasilitator);
        }
        None
    }
}

/// How a group is told apart: its unit and its normalised name (two units may both have a
/// `Kelompok Melati`).
pub fn group_key(unit: &str, nama: &str) -> (String, String) {
    (unit.to_string(), norm_key(&strip_group_prefix(nama)))
}

/// A group's name without the words around it that senders add or leave out
/// (`KBK Melati`, `Kelompok Melati`, `Kelompok Budaya Kerja Melati` are `Melati`).
pub fn strip_group_prefix(nama: &str) -> String {
    let t = nama.trim();
    let lower = t.to_lowercase();
    for p in ["kelompok budaya kerja ", "kelompok ", "kbk "] {
        if lower.starts_with(p) && t.len() > p.len() {
            return t[p.len()..].trim().to_string();
        }
    }
    t.to_string()
}

/// `kbk-kelompok`: one group, as its SK defines it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KbkGroup {
    pub unit: String,
    /// The name as written (`Melati`).
    pub nama: String,
    pub no_sk: String,
    pub tanggal_sk: Option<NaiveDate>,
    pub fasilitator: String,
    pub tema: String,
    /// What the group measures (`Waktu tunggu pelayanan`).
    pub indikator: String,
    pub satuan: String,
    pub nilai_awal: Option<f64>,
    pub target: Option<f64>,
    pub tanggal_mulai: Option<NaiveDate>,
    /// `Rencana Selesai`.
    pub tanggal_selesai: Option<NaiveDate>,
    pub prov: Provenance,
}

/// `kbk-anggota`: one member of a group (or its fasilitator).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KbkMember {
    pub unit: String,
    pub kelompok: String,
    pub person: Person,
    pub peran: Peran,
    pub prov: Provenance,
}

/// `kbk-pertemuan`: one meeting of a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KbkMeeting {
    pub unit: String,
    pub kelompok: String,
    /// `Pertemuan ke-`.
    pub ke: Option<u32>,
    pub tanggal: NaiveDate,
    /// Minutes; `None` when not given or not plausible (warned at reading).
    pub durasi: Option<u32>,
    /// The step the meeting worked on (1–8).
    pub langkah: Option<u8>,
    pub agenda: String,
    pub hasil: String,
    pub prov: Provenance,
}

/// `kbk-langkah`: one step of a group's cycle, planned and done (the risalah's Gantt).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KbkStep {
    pub unit: String,
    pub kelompok: String,
    /// 1–8.
    pub langkah: u8,
    pub rencana_mulai: Option<NaiveDate>,
    pub rencana_selesai: Option<NaiveDate>,
    pub realisasi_mulai: Option<NaiveDate>,
    pub realisasi_selesai: Option<NaiveDate>,
    pub keterangan: String,
    pub prov: Provenance,
}

/// `kbk-hasil`: one measurement of the group's indikator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KbkResult {
    pub unit: String,
    pub kelompok: String,
    /// The measurement's date (a `Bulan` gives the month's last day).
    pub tanggal: NaiveDate,
    pub nilai: f64,
    /// Savings or benefits as written (`Rp 2.000.000`, `15 menit`, a sentence).
    pub manfaat: String,
    pub prov: Provenance,
}

/// `kbk-penilaian`: one juri score of a group on one contest criterion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KbkScore {
    pub unit: String,
    pub kelompok: String,
    /// `Prestasi`, `Kreatif`, …; empty = the one category.
    pub kategori: String,
    /// The criterion as written; matched to `[[kbk.penilaian]]` by its normalised name.
    pub kriteria: String,
    /// The juri, when the sheet names one (several juri per criterion are averaged).
    pub juri: String,
    /// 0–100.
    pub nilai: f64,
    pub prov: Provenance,
}

/// One KBK record of any kind, as a layout reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum KbkRecord {
    Group(KbkGroup),
    Member(KbkMember),
    Meeting(KbkMeeting),
    Step(KbkStep),
    Result(KbkResult),
    Score(KbkScore),
}

impl KbkRecord {
    pub fn prov(&self) -> &Provenance {
        match self {
            Self::Group(r) => &r.prov,
            Self::Member(r) => &r.prov,
            Self::Meeting(r) => &r.prov,
            Self::Step(r) => &r.prov,
            Self::Result(r) => &r.prov,
            Self::Score(r) => &r.prov,
        }
    }

    /// The group's unit and name as the record writes them.
    pub fn group(&self) -> (&str, &str) {
        match self {
            Self::Group(r) => (&r.unit, &r.nama),
            Self::Member(r) => (&r.unit, &r.kelompok),
            Self::Meeting(r) => (&r.unit, &r.kelompok),
            Self::Step(r) => (&r.unit, &r.kelompok),
            Self::Result(r) => (&r.unit, &r.kelompok),
            Self::Score(r) => (&r.unit, &r.kelompok),
        }
    }
}

/// All accepted KBK records, by kind, in input order.
#[derive(Clone, Debug, Default)]
pub struct KbkData {
    pub groups: Vec<KbkGroup>,
    pub members: Vec<KbkMember>,
    pub meetings: Vec<KbkMeeting>,
    pub steps: Vec<KbkStep>,
    pub results: Vec<KbkResult>,
    pub scores: Vec<KbkScore>,
}

impl KbkData {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
            && self.members.is_empty()
            && self.meetings.is_empty()
            && self.steps.is_empty()
            && self.results.is_empty()
            && self.scores.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_by_number_and_by_name() {
        let cases: &[(&str, StepText)] = &[
            ("3", StepText::Step(3)),
            ("3.", StepText::Step(3)),
            (" Langkah 5 ", StepText::Step(5)),
            ("Langkah ke-2", StepText::Step(2)),
            ("L7", StepText::Step(7)),
            ("VIII", StepText::Step(8)),
            ("4. Merencanakan perbaikan", StepText::Step(4)),
            ("Menetapkan tema dan sasaran", StepText::Step(1)),
            ("penetapan faktor-faktor penyebab", StepText::Step(2)),
            ("Menetapkan Penyebab Dominan", StepText::Step(3)),
            ("Rencana perbaikan", StepText::Step(4)),
            ("Pelaksanaan Perbaikan", StepText::Step(5)),
            ("Evaluasi hasil", StepText::Step(6)),
            ("Standarisasi", StepText::Step(7)),
            ("Menetapkan standar", StepText::Step(7)),
            ("Menetapkan tema berikutnya", StepText::Step(8)),
            ("Rencana tema selanjutnya", StepText::Step(8)),
            ("9", StepText::OutOfRange(9)),
            ("0", StepText::OutOfRange(0)),
            ("Rapat koordinasi", StepText::Unknown),
            ("", StepText::Unknown),
        ];
        for (text, want) in cases {
            assert_eq!(step_from_text(text), *want, "{text:?}");
        }
        for (i, name) in LANGKAH.iter().enumerate() {
            assert_eq!(step_from_text(name), StepText::Step(i as u8 + 1), "{name}");
        }
    }

    #[test]
    fn roles_and_group_names() {
        assert_eq!(Peran::parse("Ketua Kelompok"), Some(Peran::Ketua));
        assert_eq!(Peran::parse("notulis"), Some(Peran::Sekretaris));
        assert_eq!(Peran::parse(""), Some(Peran::Anggota));
        assert_eq!(Peran::parse("Pembina"), Some(Peran::Fasilitator));
        assert_eq!(Peran::parse("Bendahara"), None);
        assert_eq!(group_key("DISHUB", "KBK Melati"), group_key("DISHUB", " melati"));
        assert_eq!(group_key("DISHUB", "Kelompok Budaya Kerja Melati").1, "melati");
        assert_ne!(group_key("DISHUB", "Melati"), group_key("DLH", "Melati"));
        assert_eq!(langkah_name(3), "Menetapkan penyebab dominan");
        assert_eq!(langkah_name(0), "");
        assert_eq!(pdca(5), "Do");
    }
}
