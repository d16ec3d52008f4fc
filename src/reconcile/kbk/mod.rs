//! Settling the Kelompok Budaya Kerja records (SPEC §11.1 with §3.7) and checking them
//! against each other, the roster and the KBK meeting attendance.
//!
//! Order: meetings dated after the run are rejected; groups are settled (a group defined
//! twice with other values is a revision, the later file wins); every other record must name
//! a defined group of its unit, else it is rejected with the closest defined names; each kind
//! is then settled by its identity; the cross-record checks add warnings. KBK meeting
//! attendance (`kegiatan` KBK with a `kelompok`) is checked the same way before the caller
//! settles it with the other attendance.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};

use super::decide::HasProv;
use super::ledger::Counts;
use super::{At, Settle};
use crate::ground::kbk::{
    KbkData, KbkGroup, KbkMeeting, KbkMember, KbkRecord, KbkResult, KbkScore, KbkStep, Peran, group_key,
    is_kbk_kegiatan, strip_group_prefix,
};
use crate::ground::model::{AttendanceRecord, Issue, Level, Provenance, RosterEntry, YearMonth, quote_value};
use crate::ground::settings::{Settings, levenshtein};
use crate::ground::text::{norm_key, norm_name, tanggal};

/// A group's identity: unit code and normalised name.
type GroupKey = (String, String);

/// Where settling adds its counts and issues.
pub(super) struct Books<'a> {
    pub rank: &'a [u32],
    pub counts: &'a mut Counts,
    pub issues: &'a mut Vec<Issue>,
}

impl Books<'_> {
    fn settle(&mut self) -> Settle<'_> {
        Settle { rank: self.rank, counts: self.counts, issues: self.issues }
    }

    /// Rejects one record read at `at` and counted under `month`.
    fn reject(&mut self, at: At, month: Option<YearMonth>, prov: &Provenance, value: &str, message: String) {
        let row = self.counts.entry((at.0, at.1, month)).or_default();
        row.rejected += 1;
        self.issues.push(issue(prov, value, message, Level::Tolak, month));
    }
}

fn issue(prov: &Provenance, value: &str, message: String, level: Level, month: Option<YearMonth>) -> Issue {
    Issue {
        file: prov.file.to_string(),
        sheet: prov.sheet.to_string(),
        cell: prov.cell(),
        value: quote_value(value),
        message,
        level,
        month,
    }
}

/// The KBK records by kind, each with where it was read.
#[derive(Default)]
struct Split {
    groups: (Vec<KbkGroup>, Vec<At>),
    members: (Vec<KbkMember>, Vec<At>),
    meetings: (Vec<KbkMeeting>, Vec<At>),
    steps: (Vec<KbkStep>, Vec<At>),
    results: (Vec<KbkResult>, Vec<At>),
    scores: (Vec<KbkScore>, Vec<At>),
}

fn split(records: Vec<KbkRecord>, at: &[At]) -> Split {
    let mut s = Split::default();
    for (r, &a) in records.into_iter().zip(at) {
        match r {
            KbkRecord::Group(x) => push(&mut s.groups, x, a),
            KbkRecord::Member(x) => push(&mut s.members, x, a),
            KbkRecord::Meeting(x) => push(&mut s.meetings, x, a),
            KbkRecord::Step(x) => push(&mut s.steps, x, a),
            KbkRecord::Result(x) => push(&mut s.results, x, a),
            KbkRecord::Score(x) => push(&mut s.scores, x, a),
        }
    }
    s
}

fn push<T>(v: &mut (Vec<T>, Vec<At>), x: T, a: At) {
    v.0.push(x);
    v.1.push(a);
}

/// Settles the KBK records, checks them, and returns them with the attendance records left
/// to settle (KBK meeting attendance naming an undefined group is rejected here).
pub(super) fn settle(
    mut books: Books,
    (records, at): (Vec<KbkRecord>, &[At]),
    (attendance, attendance_at): (Vec<AttendanceRecord>, &[At]),
    roster: &[RosterEntry],
    settings: &Settings,
    today: NaiveDate,
) -> (KbkData, Vec<AttendanceRecord>, Vec<At>) {
    let mut s = split(records, at);
    s.meetings = reject_future(&mut books, s.meetings, today);
    let groups = settle_kind(&mut books, s.groups, |g| key_id(&group_key(&g.unit, &g.nama)));
    let defined = Defined::new(&groups);
    let mut data = KbkData { groups, ..KbkData::default() };
    data.members = settle_named(
        &mut books,
        &defined,
        s.members,
        |m| &m.kelompok,
        |m| vec![key_id(&(m.unit.clone(), m.person.key.clone()))],
    );
    data.meetings =
        settle_named(&mut books, &defined, s.meetings, |m| &m.kelompok, |m| vec![day_id(m.tanggal)]);
    data.steps =
        settle_named(&mut books, &defined, s.steps, |m| &m.kelompok, |m| vec![m.langkah.to_string()]);
    data.results =
        settle_named(&mut books, &defined, s.results, |m| &m.kelompok, |m| vec![day_id(m.tanggal)]);
    data.scores = settle_named(
        &mut books,
        &defined,
        s.scores,
        |m| &m.kelompok,
        |m| {
            vec![key_id(&(norm_key(&m.kategori), format!("{}|{}", norm_key(&m.kriteria), norm_key(&m.juri))))]
        },
    );
    let (attendance, attendance_at) =
        check_attendance_groups(&mut books, &defined, attendance, attendance_at);
    let checks = Checks { data: &data, settings, roster, issues: books.issues };
    checks.run(&attendance);
    (data, attendance, attendance_at)
}

/// A KBK record that belongs to a named group.
trait KbkItem: HasProv + Clone + PartialEq {
    fn unit(&self) -> &str;
    /// The ledger month of the record: none, as every month's KBK figures read every KBK
    /// record (the ledger lists KBK sheets on every month's report).
    fn month(&self) -> Option<YearMonth> {
        None
    }
    /// The record as if read at `prov` (for the duplicate comparison).
    fn with_prov(&self, prov: &Provenance) -> Self;
}

macro_rules! kbk_item {
    ($t:ty) => {
        impl HasProv for $t {
            fn prov(&self) -> &Provenance {
                &self.prov
            }
        }
        impl KbkItem for $t {
            fn unit(&self) -> &str {
                &self.unit
            }
            fn with_prov(&self, prov: &Provenance) -> Self {
                Self { prov: prov.clone(), ..self.clone() }
            }
        }
    };
}

kbk_item!(KbkGroup);
kbk_item!(KbkMember);
kbk_item!(KbkMeeting);
kbk_item!(KbkStep);
kbk_item!(KbkResult);
kbk_item!(KbkScore);

/// Two records are the same when they differ at most in where they were read.
fn same<T: KbkItem>(a: &T, b: &T) -> bool {
    *a == b.with_prov(a.prov())
}

/// A text key of two parts.
fn key_id(key: &(String, String)) -> String {
    format!("{}\u{1f}{}", key.0, key.1)
}

fn day_id(d: NaiveDate) -> String {
    d.num_days_from_ce().to_string()
}

/// Settles one kind by its identity (a text key per record, made dense ids), keeping input
/// order.
fn settle_kind<T: KbkItem>(
    books: &mut Books,
    (items, at): (Vec<T>, Vec<At>),
    identity: impl Fn(&T) -> String,
) -> Vec<T> {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let fields: Vec<[u32; 1]> = items
        .iter()
        .map(|x| {
            let k = identity(x);
            let next = ids.len() as u32;
            [*ids.entry(k).or_insert(next)]
        })
        .collect();
    books.settle().run(items, &at, fields, same, |x| x.month()).0
}

/// Rejects the records whose group is not defined, then settles the rest by group and
/// `identity`.
fn settle_named<T: KbkItem>(
    books: &mut Books,
    defined: &Defined,
    (items, at): (Vec<T>, Vec<At>),
    kelompok: impl Fn(&T) -> &String,
    identity: impl Fn(&T) -> Vec<String>,
) -> Vec<T> {
    let mut kept = (Vec::with_capacity(items.len()), Vec::with_capacity(at.len()));
    for (x, a) in items.into_iter().zip(at) {
        let name = kelompok(&x);
        match defined.check(x.unit(), name) {
            Ok(()) => push(&mut kept, x, a),
            Err(message) => books.reject(a, x.month(), x.prov(), name, message),
        }
    }
    let key = |x: &T| {
        let (u, g) = group_key(x.unit(), kelompok(x));
        format!("{u}\u{1f}{g}\u{1f}{}", identity(x).join("\u{1f}"))
    };
    settle_kind(books, kept, key)
}

/// Meetings dated after the day of the run cannot have taken place (SPEC §11.1): rejected.
fn reject_future(
    books: &mut Books,
    (items, at): (Vec<KbkMeeting>, Vec<At>),
    today: NaiveDate,
) -> (Vec<KbkMeeting>, Vec<At>) {
    let mut kept = (Vec::with_capacity(items.len()), Vec::with_capacity(at.len()));
    for (m, a) in items.into_iter().zip(at) {
        if m.tanggal > today {
            let message = format!(
                "tanggal pertemuan {} belum terjadi (hari ini {}); periksa tanggalnya, terutama tahun dan bulannya",
                tanggal(m.tanggal),
                tanggal(today)
            );
            books.reject(a, m.month(), &m.prov, &tanggal(m.tanggal), message);
        } else {
            push(&mut kept, m, a);
        }
    }
    kept
}

/// The defined groups, per unit: normalised name → name as defined.
struct Defined {
    by_unit: BTreeMap<String, BTreeMap<String, String>>,
}

impl Defined {
    fn new(groups: &[KbkGroup]) -> Self {
        let mut by_unit: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for g in groups {
            let (u, k) = group_key(&g.unit, &g.nama);
            by_unit.entry(u).or_default().entry(k).or_insert_with(|| strip_group_prefix(&g.nama));
        }
        Self { by_unit }
    }

    fn is_defined(&self, unit: &str, name: &str) -> bool {
        let (u, k) = group_key(unit, name);
        self.by_unit.get(&u).is_some_and(|m| m.contains_key(&k))
    }

    /// `Ok` when the unit defines the group; else the rejection message with the closest
    /// defined names (SPEC §11.1).
    fn check(&self, unit: &str, name: &str) -> Result<(), String> {
        if self.is_defined(unit, name) {
            return Ok(());
        }
        let shown = quote_value(name.trim());
        let Some(names) = self.by_unit.get(unit).filter(|m| !m.is_empty()) else {
            return Err(format!(
                "kelompok \"{shown}\" belum didefinisikan: unit {unit} belum mempunyai lembar Kelompok \
                 (Nama Kelompok, Nomor SK, Tema, …). Tambahkan kelompoknya di lembar Kelompok \
                 (templat: budaya-kerja template --kind kbk --unit {unit})"
            ));
        };
        let key = group_key(unit, name).1;
        let mut close: Vec<(usize, &String)> =
            names.iter().map(|(k, shown)| (levenshtein(&key, k), shown)).collect();
        close.sort();
        let list: Vec<&str> = close.iter().take(3).map(|(_, n)| n.as_str()).collect();
        Err(format!(
            "kelompok \"{shown}\" tidak ada di lembar Kelompok unit {unit}. Mungkin yang dimaksud: {}. \
             Samakan nama kelompoknya, atau tambahkan kelompok ini di lembar Kelompok",
            list.join("; ")
        ))
    }
}

/// KBK meeting attendance that names a group must name a defined one (else rejected).
fn check_attendance_groups(
    books: &mut Books,
    defined: &Defined,
    attendance: Vec<AttendanceRecord>,
    attendance_at: &[At],
) -> (Vec<AttendanceRecord>, Vec<At>) {
    if !attendance.iter().any(|a| !a.kelompok.trim().is_empty() && is_kbk_kegiatan(&a.kegiatan)) {
        return (attendance, attendance_at.to_vec());
    }
    let mut kept = (Vec::with_capacity(attendance.len()), Vec::with_capacity(attendance.len()));
    for (a, &at) in attendance.into_iter().zip(attendance_at) {
        if a.kelompok.trim().is_empty() || !is_kbk_kegiatan(&a.kegiatan) {
            push(&mut kept, a, at);
            continue;
        }
        match defined.check(&a.unit, &a.kelompok) {
            Ok(()) => push(&mut kept, a, at),
            Err(message) => {
                let month = Some(YearMonth::of(a.date));
                books.reject(at, month, &a.prov, &a.kelompok, message);
            }
        }
    }
    kept
}

/// The cross-record checks of SPEC §11.1, all warnings.
struct Checks<'a> {
    data: &'a KbkData,
    settings: &'a Settings,
    roster: &'a [RosterEntry],
    issues: &'a mut Vec<Issue>,
}

impl Checks<'_> {
    fn run(mut self, attendance: &[AttendanceRecord]) {
        self.group_sizes();
        self.members_against_roster();
        self.two_groups();
        self.meetings_in_period();
        self.step_order();
        self.attendance_of_non_members(attendance);
        self.score_criteria();
    }

    /// A juri score of a criterion `[[kbk.penilaian]]` does not list is not counted: said
    /// once per criterion and sheet.
    fn score_criteria(&mut self) {
        let known: BTreeSet<String> =
            self.settings.config.kbk.penilaian.iter().map(|c| norm_key(&c.kriteria)).collect();
        let listed =
            self.settings.config.kbk.penilaian.iter().map(|c| c.kriteria.as_str()).collect::<Vec<_>>();
        let mut said: BTreeSet<(String, String, String)> = BTreeSet::new();
        let data = self.data;
        for s in &data.scores {
            let k = norm_key(&s.kriteria);
            if known.contains(&k) || !said.insert((s.prov.file.to_string(), s.prov.sheet.to_string(), k)) {
                continue;
            }
            let message = if listed.is_empty() {
                "nilai juri tidak dihitung: kriteria lomba KBK belum diatur; tambahkan [[kbk.penilaian]] \
                 (kriteria dan bobot) di budaya-kerja.toml"
                    .to_string()
            } else {
                format!(
                    "kriteria \"{}\" tidak ada di [[kbk.penilaian]] ({}); nilainya tidak dihitung. Samakan nama \
                     kriterianya",
                    quote_value(&s.kriteria),
                    listed.join("; ")
                )
            };
            self.warn(&s.prov, &s.kriteria, message, None);
        }
    }

    fn warn(&mut self, prov: &Provenance, value: &str, message: String, month: Option<YearMonth>) {
        self.issues.push(issue(prov, value, message, Level::Peringatan, month));
    }

    /// Fewer than `min_anggota` or more than `maks_anggota` members; no ketua.
    fn group_sizes(&mut self) {
        let k = &self.settings.config.kbk;
        let (min, max) = (k.min_anggota as usize, k.maks_anggota as usize);
        let mut members: HashMap<GroupKey, (BTreeSet<&str>, bool)> = HashMap::new();
        for m in &self.data.members {
            let e = members.entry(group_key(&m.unit, &m.kelompok)).or_default();
            if m.peran != Peran::Fasilitator {
                e.0.insert(&m.person.key);
            }
            e.1 |= m.peran == Peran::Ketua;
        }
        let data = self.data;
        for g in &data.groups {
            let (n, ketua) =
                members.get(&group_key(&g.unit, &g.nama)).map_or((0, false), |(s, k)| (s.len(), *k));
            let name = strip_group_prefix(&g.nama);
            if n < min || n > max {
                self.warn(
                    &g.prov,
                    &g.nama,
                    format!(
                        "kelompok {name} beranggota {n} orang (fasilitator tidak dihitung); semestinya {min}–{max} orang. \
                         Periksa lembar Anggota"
                    ),
                    None,
                );
            }
            if !ketua {
                self.warn(
                    &g.prov,
                    &g.nama,
                    format!("kelompok {name} tidak mempunyai ketua; tulis Peran \"Ketua\" untuk satu anggota di lembar Anggota"),
                    None,
                );
            }
        }
    }

    /// A member unknown to the roster (when the roster lists the unit), or listed under
    /// another unit.
    fn members_against_roster(&mut self) {
        if self.roster.is_empty() {
            return;
        }
        let by_nip: HashMap<&str, &RosterEntry> =
            self.roster.iter().filter_map(|r| r.nip.as_deref().map(|n| (n, r))).collect();
        let units: BTreeSet<&str> = self.roster.iter().map(|r| r.unit.as_str()).collect();
        let data = self.data;
        for m in &data.members {
            let nama = &m.person.nama;
            let found = match &m.person.nip {
                Some(nip) => by_nip.get(nip.as_str()).copied(),
                None => {
                    self.roster.iter().find(|r| r.unit == m.unit && norm_name(&r.nama) == norm_name(nama))
                }
            };
            let shown = m.person.nip.clone().unwrap_or_else(|| nama.clone());
            match found {
                Some(r) if r.unit != m.unit => self.warn(
                    &m.prov,
                    &shown,
                    format!(
                        "{nama} terdaftar di Daftar Pegawai unit {}, bukan unit {} tempat kelompok {}; \
                         periksa unitnya atau Daftar Pegawai",
                        r.unit, m.unit, m.kelompok
                    ),
                    None,
                ),
                None if units.contains(m.unit.as_str()) => self.warn(
                    &m.prov,
                    &shown,
                    format!(
                        "anggota {nama} tidak ada di Daftar Pegawai unit {}; periksa NIP dan namanya",
                        m.unit
                    ),
                    None,
                ),
                _ => {}
            }
        }
    }

    /// A person in two groups of the same unit: warned at the second membership.
    fn two_groups(&mut self) {
        let mut seen: HashMap<(&str, &str), &KbkMember> = HashMap::new();
        let data = self.data;
        for m in data.members.iter().filter(|m| m.peran != Peran::Fasilitator) {
            match seen.get(&(m.unit.as_str(), m.person.key.as_str())) {
                Some(first) if group_key(&first.unit, &first.kelompok) != group_key(&m.unit, &m.kelompok) => {
                    let message = format!(
                        "{} sudah menjadi anggota kelompok {} di unit yang sama ({} lembar {} sel {}); \
                         seorang pegawai hanya ikut satu kelompok",
                        m.person.nama,
                        strip_group_prefix(&first.kelompok),
                        first.prov.file,
                        first.prov.sheet,
                        first.prov.cell()
                    );
                    self.warn(&m.prov, &m.person.nama, message, None);
                }
                Some(_) => {}
                None => {
                    seen.insert((m.unit.as_str(), m.person.key.as_str()), m);
                }
            }
        }
    }

    /// A meeting dated outside the group's period (tanggal_mulai – tanggal_selesai).
    fn meetings_in_period(&mut self) {
        let periods: HashMap<GroupKey, (Option<NaiveDate>, Option<NaiveDate>)> = self
            .data
            .groups
            .iter()
            .map(|g| (group_key(&g.unit, &g.nama), (g.tanggal_mulai, g.tanggal_selesai)))
            .collect();
        let data = self.data;
        for m in &data.meetings {
            let Some(&(start, end)) = periods.get(&group_key(&m.unit, &m.kelompok)) else { continue };
            let before = start.is_some_and(|s| m.tanggal < s);
            let after = end.is_some_and(|e| m.tanggal > e);
            if before || after {
                let period = format!(
                    "{} – {}",
                    start.map(tanggal).unwrap_or_else(|| "…".into()),
                    end.map(tanggal).unwrap_or_else(|| "…".into())
                );
                self.warn(
                    &m.prov,
                    &tanggal(m.tanggal),
                    format!(
                        "pertemuan tanggal {} di luar periode kelompok {} ({period}); periksa tanggalnya \
                         atau periode di lembar Kelompok",
                        tanggal(m.tanggal),
                        strip_group_prefix(&m.kelompok)
                    ),
                    None,
                );
            }
        }
    }

    /// A step finished before an earlier step started.
    fn step_order(&mut self) {
        let mut by_group: BTreeMap<GroupKey, Vec<&KbkStep>> = BTreeMap::new();
        for s in &self.data.steps {
            by_group.entry(group_key(&s.unit, &s.kelompok)).or_default().push(s);
        }
        let mut found = Vec::new();
        for steps in by_group.values() {
            for s in steps {
                let Some(done) = s.realisasi_selesai else { continue };
                let earlier = steps
                    .iter()
                    .filter(|e| e.langkah < s.langkah)
                    .filter(|e| e.realisasi_mulai.is_some_and(|m| m > done))
                    .min_by_key(|e| e.langkah);
                if let Some(e) = earlier {
                    let message = format!(
                        "langkah {} selesai {} sebelum langkah {} dimulai ({}); langkah dikerjakan berurutan, \
                         periksa tanggalnya",
                        s.langkah,
                        tanggal(done),
                        e.langkah,
                        e.realisasi_mulai.map(tanggal).unwrap_or_default()
                    );
                    found.push((s.prov.clone(), tanggal(done), message));
                }
            }
        }
        for (prov, value, message) in found {
            self.warn(&prov, &value, message, None);
        }
    }

    /// Meeting attendance of a person who is not a member: once per person and group.
    fn attendance_of_non_members(&mut self, attendance: &[AttendanceRecord]) {
        let members: BTreeSet<(GroupKey, &str)> = self
            .data
            .members
            .iter()
            .map(|m| (group_key(&m.unit, &m.kelompok), m.person.key.as_str()))
            .collect();
        let mut warned: BTreeSet<(GroupKey, &str)> = BTreeSet::new();
        for a in attendance.iter().filter(|a| !a.kelompok.trim().is_empty() && is_kbk_kegiatan(&a.kegiatan)) {
            let g = group_key(&a.unit, &a.kelompok);
            let key = (g, a.person.key.as_str());
            if members.contains(&key) || !warned.insert(key.clone()) {
                continue;
            }
            self.warn(
                &a.prov,
                &a.person.nama,
                format!(
                    "{} tercatat hadir di pertemuan kelompok {} tetapi bukan anggotanya; tambahkan di lembar \
                     Anggota bila memang anggota (kehadirannya tidak dihitung untuk kelompok ini)",
                    a.person.nama,
                    strip_group_prefix(&a.kelompok)
                ),
                Some(YearMonth::of(a.date)),
            );
        }
    }
}

#[cfg(test)]
mod tests;
