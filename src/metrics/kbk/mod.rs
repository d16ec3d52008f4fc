//! The Kelompok Budaya Kerja figures of SPEC §11.2, per group, unit and city, as of the
//! report month's last day (`per`); year to date = January of that year through `per`.
//!
//! KBK data are small (a city has tens of groups, hundreds of meetings), so every month's
//! figures are computed from the records directly; only the KBK meeting attendance is picked
//! out of the (large) attendance once per call, by its non-empty `kelompok` first.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveDateTime};

use crate::ground::kbk::{
    KbkData, KbkGroup, KbkMeeting, KbkMember, KbkResult, KbkStep, Peran, group_key, is_kbk_kegiatan,
    strip_group_prefix,
};
use crate::ground::model::{AttendanceRecord, StatusClass, YearMonth};
use crate::ground::settings::{Kbk, Settings};
use crate::ground::text::{norm_key, norm_name};
use crate::metrics::figures::{
    KbkCity, KbkContestRow, KbkGroupRow, KbkReport, KbkStatus, KbkUnitRow, Risalah, RisalahMeeting,
    RisalahMember, RisalahResult, RisalahStep, StepState,
};
use crate::metrics::{Figures, letterhead, ym_key};

/// A group's identity: unit code and normalised name.
type GroupKey = (String, String);

/// One group's records, gathered once.
struct GroupData<'a> {
    def: &'a KbkGroup,
    members: Vec<&'a KbkMember>,
    meetings: Vec<&'a KbkMeeting>,
    steps: BTreeMap<u8, &'a KbkStep>,
    results: Vec<&'a KbkResult>,
    /// KBK meeting attendance of this group, members and others.
    attendance: Vec<&'a AttendanceRecord>,
}

impl<'a> GroupData<'a> {
    /// The keys of the members (fasilitator excluded).
    fn member_keys(&self) -> BTreeSet<&'a str> {
        self.members.iter().filter(|m| m.peran != Peran::Fasilitator).map(|m| m.person.key.as_str()).collect()
    }

    /// Meeting dates up to `per`: the meeting rows' and the daftar hadir's.
    fn meeting_dates(&self, per: NaiveDate) -> BTreeSet<NaiveDate> {
        let rows = self.meetings.iter().map(|m| m.tanggal);
        let hadir = self.attendance.iter().map(|a| a.date);
        rows.chain(hadir).filter(|d| *d <= per).collect()
    }

    /// The day the group came into being: its SK, its start, or its first record.
    fn since(&self) -> Option<NaiveDate> {
        let dated = [self.def.tanggal_sk, self.def.tanggal_mulai].into_iter().flatten();
        let meetings = self.meetings.iter().map(|m| m.tanggal).chain(self.attendance.iter().map(|a| a.date));
        let steps = self.steps.values().flat_map(|s| [s.rencana_mulai, s.realisasi_mulai]).flatten();
        dated.chain(meetings).chain(steps).min()
    }

    /// Present member-records and member-records at the group's meetings between `from` and
    /// `to` (pooled; a day off at a meeting is no member-record).
    fn attendance_between(&self, from: NaiveDate, to: NaiveDate) -> (u64, u64) {
        let members = self.member_keys();
        let mut present = 0;
        let mut all = 0;
        for a in &self.attendance {
            let counted = a.date >= from && a.date <= to && members.contains(a.person.key.as_str());
            if counted && a.code.is_working_day() {
                all += 1;
                present += u64::from(a.code.class() == StatusClass::Present);
            }
        }
        (present, all)
    }
}

/// The KBK records of the input, grouped per group.
struct Groups<'a> {
    /// In configuration unit order, then by name.
    list: Vec<GroupData<'a>>,
}

impl<'a> Groups<'a> {
    fn new(data: &'a KbkData, attendance: &'a [AttendanceRecord], settings: &Settings) -> Self {
        let unit_order: HashMap<&str, usize> =
            settings.config.unit.iter().enumerate().map(|(i, u)| (u.kode.as_str(), i)).collect();
        let mut index: BTreeMap<GroupKey, usize> = BTreeMap::new();
        let mut list: Vec<GroupData> = Vec::new();
        for g in &data.groups {
            index.entry(group_key(&g.unit, &g.nama)).or_insert_with(|| {
                list.push(GroupData {
                    def: g,
                    members: Vec::new(),
                    meetings: Vec::new(),
                    steps: BTreeMap::new(),
                    results: Vec::new(),
                    attendance: Vec::new(),
                });
                list.len() - 1
            });
        }
        let at = |unit: &str, name: &str| index.get(&group_key(unit, name)).copied();
        for m in &data.members {
            if let Some(i) = at(&m.unit, &m.kelompok) {
                list[i].members.push(m);
            }
        }
        for m in &data.meetings {
            if let Some(i) = at(&m.unit, &m.kelompok) {
                list[i].meetings.push(m);
            }
        }
        for s in &data.steps {
            if let Some(i) = at(&s.unit, &s.kelompok) {
                list[i].steps.insert(s.langkah, s);
            }
        }
        for r in &data.results {
            if let Some(i) = at(&r.unit, &r.kelompok) {
                list[i].results.push(r);
            }
        }
        for a in attendance.iter().filter(|a| !a.kelompok.is_empty() && is_kbk_kegiatan(&a.kegiatan)) {
            if let Some(i) = at(&a.unit, &a.kelompok) {
                list[i].attendance.push(a);
            }
        }
        let order = |g: &GroupData| {
            (unit_order.get(g.def.unit.as_str()).copied().unwrap_or(usize::MAX), norm_key(&g.def.nama))
        };
        list.sort_by_key(order);
        Self { list }
    }
}

/// The months from `from` through `to`, both included (0 when `from` is later).
fn months_between(from: YearMonth, to: YearMonth) -> u64 {
    let n = |m: YearMonth| i64::from(m.year) * 12 + i64::from(m.month);
    (n(to) - n(from) + 1).max(0) as u64
}

/// The first month of the window of `n` months that ends with `m`.
fn window_start(m: YearMonth, n: u32) -> YearMonth {
    (1..n.max(1)).fold(m, |x, _| x.prev())
}

/// One group's §11.2 figures as of the last day of `m`.
fn group_row(g: &GroupData, m: YearMonth, k: &Kbk, settings: &Settings) -> KbkGroupRow {
    let per = m.last_day();
    let january = YearMonth { year: m.year, month: 1 };
    let dates = g.meeting_dates(per);
    let steps = StepFigures::of(g, per);
    let active_from = window_start(m, k.bulan_tidak_aktif).first_day();
    let aktif = dates.iter().any(|d| *d >= active_from);
    let start = g.def.tanggal_mulai.or_else(|| dates.first().copied()).map(YearMonth::of);
    let months = start.map_or(0, |s| months_between(s.max(january), m));
    let (hadir_tahun, catatan_tahun) = g.attendance_between(january.first_day(), per);
    let (hadir_bulan, catatan_bulan) = g.attendance_between(m.first_day(), per);
    let status = if steps.finished(8) {
        KbkStatus::Selesai
    } else if dates.is_empty() && !steps.any_started() {
        KbkStatus::BelumMulai
    } else if !aktif {
        KbkStatus::TidakAktif
    } else if steps.states.contains(&StepState::Terlambat) {
        KbkStatus::Terlambat
    } else {
        KbkStatus::Berjalan
    };
    let unit = settings.unit_by_code(&g.def.unit);
    KbkGroupRow {
        kode_unit: g.def.unit.clone(),
        nama_unit: unit.map(|u| u.nama.clone()).unwrap_or_default(),
        kelompok: strip_group_prefix(&g.def.nama),
        no_sk: g.def.no_sk.clone(),
        ketua: g
            .members
            .iter()
            .find(|x| x.peran == Peran::Ketua)
            .map(|x| x.person.nama.clone())
            .unwrap_or_default(),
        fasilitator: fasilitator(g),
        tema: g.def.tema.clone(),
        anggota: g.member_keys().len() as u64,
        pertemuan_bulan: dates.iter().filter(|d| m.contains(**d)).count() as u64,
        pertemuan_tahun: dates.iter().filter(|d| **d >= january.first_day()).count() as u64,
        pertemuan_target: u64::from(k.pertemuan_per_bulan) * months,
        kehadiran_anggota: ratio(hadir_tahun, catatan_tahun),
        kehadiran_bulan: ratio(hadir_bulan, catatan_bulan),
        langkah_terakhir: steps.last_finished(),
        kemajuan: steps.finished_count() as f64 / 8.0,
        tepat_waktu: steps.on_time(),
        ketercapaian: ketercapaian(g, per),
        status,
        aktif,
        langkah: steps.states,
        skor_komposit: 0.0,
        peringkat_komposit: None,
    }
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The fasilitator: the group's own column, else a member listed as one.
fn fasilitator(g: &GroupData) -> String {
    if !g.def.fasilitator.trim().is_empty() {
        return g.def.fasilitator.trim().to_string();
    }
    g.members
        .iter()
        .find(|m| m.peran == Peran::Fasilitator)
        .map(|m| m.person.nama.clone())
        .unwrap_or_default()
}

/// (last nilai − nilai_awal) / (target − nilai_awal), capped to 0–150 %; `None` when a value
/// is missing or the target equals the baseline.
fn ketercapaian(g: &GroupData, per: NaiveDate) -> Option<f64> {
    let last = g.results.iter().filter(|r| r.tanggal <= per).max_by_key(|r| r.tanggal)?;
    let (awal, target) = (g.def.nilai_awal?, g.def.target?);
    let span = target - awal;
    if span.abs() < 1e-12 {
        return None;
    }
    Some(((last.nilai - awal) / span).clamp(0.0, 1.5))
}

/// The eight steps of a group as of `per`.
struct StepFigures {
    finished: [Option<NaiveDate>; 8],
    started: [bool; 8],
    on_plan: [bool; 8],
    states: [StepState; 8],
}

impl StepFigures {
    fn of(g: &GroupData, per: NaiveDate) -> Self {
        let mut f = Self {
            finished: [None; 8],
            started: [false; 8],
            on_plan: [false; 8],
            states: [StepState::Kosong; 8],
        };
        for (&n, s) in &g.steps {
            let i = usize::from(n.clamp(1, 8) - 1);
            let done = s.realisasi_selesai.filter(|d| *d <= per);
            f.finished[i] = done;
            f.started[i] = done.is_some() || s.realisasi_mulai.is_some_and(|d| d <= per);
            f.on_plan[i] = matches!((done, s.rencana_selesai), (Some(d), Some(r)) if d <= r);
            let late = s.rencana_selesai.is_some_and(|r| r < per);
            f.states[i] = match done {
                Some(d) => StepState::Selesai(d),
                None if late => StepState::Terlambat,
                None if f.started[i] => StepState::Berjalan,
                None => StepState::Kosong,
            };
        }
        f
    }

    fn finished(&self, n: u8) -> bool {
        self.finished[usize::from(n - 1)].is_some()
    }

    fn finished_count(&self) -> usize {
        self.finished.iter().filter(|d| d.is_some()).count()
    }

    fn any_started(&self) -> bool {
        self.started.contains(&true)
    }

    fn last_finished(&self) -> Option<u8> {
        (1..=8u8).rev().find(|&n| self.finished(n))
    }

    fn on_time(&self) -> Option<f64> {
        let done = self.finished_count();
        (done > 0).then(|| self.on_plan.iter().filter(|x| **x).count() as f64 / done as f64)
    }
}

/// The composite of `[kbk] peringkat`: weighted mean of kemajuan, tepat_waktu,
/// kehadiran_anggota and ketercapaian (capped at 100 %), a blank counting as 0.
fn composite(row: &KbkGroupRow, k: &Kbk) -> f64 {
    let w = &k.peringkat;
    let total = w.kemajuan + w.tepat_waktu + w.kehadiran_anggota + w.ketercapaian;
    let sum = w.kemajuan * row.kemajuan
        + w.tepat_waktu * row.tepat_waktu.unwrap_or(0.0)
        + w.kehadiran_anggota * row.kehadiran_anggota.unwrap_or(0.0)
        + w.ketercapaian * row.ketercapaian.unwrap_or(0.0).min(1.0);
    if total > 0.0 { sum / total } else { 0.0 }
}

/// Standard competition ranking (1, 2, 2, 4) of `scores`, best (highest) first.
fn competition_rank(scores: &[f64]) -> Vec<u32> {
    let key = |x: f64| (x * 1e9).round() as i64;
    scores.iter().map(|&s| 1 + scores.iter().filter(|&&o| key(o) > key(s)).count() as u32).collect()
}

impl Figures<'_> {
    /// The KBK part of the report of month `m`.
    pub fn kbk_report(&self, m: YearMonth) -> KbkReport {
        let k = &self.settings.config.kbk;
        let per = m.last_day();
        let groups = Groups::new(&self.rec.kbk, &self.rec.attendance, self.settings);
        let existing: Vec<&GroupData> =
            groups.list.iter().filter(|g| g.since().is_none_or(|d| d <= per)).collect();
        let mut rows: Vec<KbkGroupRow> = existing.iter().map(|g| group_row(g, m, k, self.settings)).collect();
        let scores: Vec<f64> = rows.iter().map(|r| composite(r, k)).collect();
        for ((row, s), rank) in rows.iter_mut().zip(&scores).zip(competition_rank(&scores)) {
            row.skor_komposit = *s;
            row.peringkat_komposit = Some(rank);
        }
        let units = self.kbk_units(m, &existing, &rows);
        let city = kbk_city(&units, &rows, &existing, m);
        KbkReport {
            ada_data: !rows.is_empty(),
            contest: self.contest(&rows),
            groups: rows,
            units,
            city,
            bulan_tidak_aktif: k.bulan_tidak_aktif,
        }
    }

    /// Every configured unit with its groups, members and coverage.
    fn kbk_units(&self, m: YearMonth, groups: &[&GroupData], rows: &[KbkGroupRow]) -> Vec<KbkUnitRow> {
        self.settings
            .config
            .unit
            .iter()
            .map(|u| {
                let own: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].kode_unit == u.kode).collect();
                let anggota: BTreeSet<&str> = own.iter().flat_map(|&i| groups[i].member_keys()).collect();
                let pegawai = self.unit_staff(m, &u.kode);
                let mut per_status = [0; 5];
                for &i in &own {
                    per_status[rows[i].status.index()] += 1;
                }
                KbkUnitRow {
                    kode: u.kode.clone(),
                    nama: u.nama.clone(),
                    jenis: u.jenis.clone(),
                    kelompok: own.len() as u64,
                    kelompok_aktif: own.iter().filter(|&&i| rows[i].aktif).count() as u64,
                    anggota: anggota.len() as u64,
                    pegawai,
                    cakupan: ratio(anggota.len() as u64, pegawai),
                    per_status,
                }
            })
            .collect()
    }

    /// A unit's staff as of the report month: its roster (those in the unit on the month's
    /// last day), else its persons with attendance records in the month.
    fn unit_staff(&self, m: YearMonth, kode: &str) -> u64 {
        let per = m.last_day();
        let listed = self.rec.roster.iter().filter(|r| r.unit == kode);
        let roster: BTreeSet<String> = listed
            .filter(|r| r.mulai.is_none_or(|d| d <= per) && r.berhenti.is_none_or(|d| d > per))
            .map(|r| r.nip.clone().unwrap_or_else(|| format!("{kode}|{}", norm_name(&r.nama))))
            .collect();
        if !roster.is_empty() {
            return roster.len() as u64;
        }
        self.unit_att.get(&(ym_key(m), kode.to_string())).map_or(0, |g| g.pegawai)
    }

    /// Juri scores per category (`[[kbk.penilaian]]` and the `kbk-penilaian` sheet).
    fn contest(&self, rows: &[KbkGroupRow]) -> Vec<KbkContestRow> {
        let criteria = &self.settings.config.kbk.penilaian;
        if criteria.is_empty() || self.rec.kbk.scores.is_empty() {
            return Vec::new();
        }
        // (category, unit, group) → the category as written, and criterion → scores.
        let mut by: BTreeMap<(String, GroupKey), (String, Scored)> = BTreeMap::new();
        for s in &self.rec.kbk.scores {
            let key = (norm_key(&s.kategori), group_key(&s.unit, &s.kelompok));
            let e = by.entry(key).or_insert_with(|| (s.kategori.trim().to_string(), BTreeMap::new()));
            e.1.entry(norm_key(&s.kriteria)).or_default().push(s.nilai);
        }
        let mut out: Vec<KbkContestRow> = Vec::new();
        for ((_, (unit, gk)), (kategori, scored)) in by {
            let Some(row) = rows.iter().find(|r| r.kode_unit == unit && norm_key(&r.kelompok) == gk) else {
                continue;
            };
            let mut sum = 0.0;
            let mut weight = 0.0;
            let mut kosong = Vec::new();
            for c in criteria {
                match scored.get(&norm_key(&c.kriteria)) {
                    Some(v) if !v.is_empty() => {
                        sum += c.bobot * v.iter().sum::<f64>() / v.len() as f64;
                        weight += c.bobot;
                    }
                    _ => kosong.push(c.kriteria.clone()),
                }
            }
            if weight > 0.0 {
                out.push(KbkContestRow {
                    kategori,
                    kode_unit: unit,
                    kelompok: row.kelompok.clone(),
                    skor: sum / weight,
                    kriteria_kosong: kosong,
                    peringkat: 0,
                });
            }
        }
        rank_contest(&mut out);
        out
    }

    /// The month of the latest KBK date on or before `today` (a meeting, a step begun or
    /// finished, a measurement, a daftar hadir), for a risalah without `--month`.
    pub fn kbk_latest_month(&self, today: NaiveDate) -> Option<YearMonth> {
        let k = &self.rec.kbk;
        let meetings = k.meetings.iter().map(|m| m.tanggal);
        let steps = k.steps.iter().flat_map(|s| [s.realisasi_mulai, s.realisasi_selesai]).flatten();
        let results = k.results.iter().map(|r| r.tanggal);
        let hadir = self
            .rec
            .attendance
            .iter()
            .filter(|a| !a.kelompok.is_empty() && is_kbk_kegiatan(&a.kegiatan))
            .map(|a| a.date);
        meetings.chain(steps).chain(results).chain(hadir).filter(|d| *d <= today).max().map(YearMonth::of)
    }

    /// The groups defined in the input as (unit code, name as defined), in configuration
    /// unit order, then by name.
    pub fn kbk_groups(&self) -> Vec<(String, String)> {
        let groups = Groups::new(&self.rec.kbk, &[], self.settings);
        groups.list.iter().map(|g| (g.def.unit.clone(), strip_group_prefix(&g.def.nama))).collect()
    }

    /// The risalah of the group named `nama` (matched loosely) of unit `unit`, as of the
    /// last day of month `m`; `None` when the unit defines no such group.
    pub fn risalah(
        &self,
        m: YearMonth,
        unit: &str,
        nama: &str,
        generated_at: NaiveDateTime,
    ) -> Option<Risalah> {
        let k = &self.settings.config.kbk;
        let groups = Groups::new(&self.rec.kbk, &self.rec.attendance, self.settings);
        let wanted = group_key(unit, nama);
        let g = groups.list.iter().find(|g| group_key(&g.def.unit, &g.def.nama) == wanted)?;
        let per = m.last_day();
        let mut row = group_row(g, m, k, self.settings);
        row.skor_komposit = composite(&row, k);
        let durations: Vec<f64> =
            g.meetings.iter().filter(|x| x.tanggal <= per).filter_map(|x| x.durasi).map(f64::from).collect();
        Some(Risalah {
            letterhead: letterhead(self.settings),
            generated_at,
            per_tanggal: per,
            jenis_unit: self.settings.unit_by_code(unit).map(|u| u.jenis.clone()).unwrap_or_default(),
            tanggal_sk: g.def.tanggal_sk,
            indikator: g.def.indikator.clone(),
            satuan: g.def.satuan.clone(),
            nilai_awal: g.def.nilai_awal,
            target: g.def.target,
            tanggal_mulai: g.def.tanggal_mulai,
            tanggal_selesai: g.def.tanggal_selesai,
            members: risalah_members(g),
            meetings: risalah_meetings(g, per),
            steps: (1..=8u8).map(|n| risalah_step(g, n)).collect(),
            results: risalah_results(g, per),
            rata_rata_durasi: (!durations.is_empty())
                .then(|| durations.iter().sum::<f64>() / durations.len() as f64),
            row,
        })
    }
}

/// A group's juri scores in one category: normalised criterion → the juri's scores.
type Scored = BTreeMap<String, Vec<f64>>;

/// Contest rows by category, ranked within it (best first).
fn rank_contest(rows: &mut [KbkContestRow]) {
    rows.sort_by_key(|r| norm_key(&r.kategori));
    let mut start = 0;
    while start < rows.len() {
        let cat = norm_key(&rows[start].kategori);
        let end = start + rows[start..].iter().take_while(|r| norm_key(&r.kategori) == cat).count();
        let scores: Vec<f64> = rows[start..end].iter().map(|r| r.skor).collect();
        for (r, rank) in rows[start..end].iter_mut().zip(competition_rank(&scores)) {
            r.peringkat = rank;
        }
        rows[start..end].sort_by_key(|r| r.peringkat);
        start = end;
    }
}

/// The city: the units pooled, the groups' member attendance pooled (year to date).
fn kbk_city(units: &[KbkUnitRow], rows: &[KbkGroupRow], groups: &[&GroupData], m: YearMonth) -> KbkCity {
    let january = YearMonth { year: m.year, month: 1 }.first_day();
    let (hadir, catatan) = groups
        .iter()
        .map(|g| g.attendance_between(january, m.last_day()))
        .fold((0, 0), |(a, b), (x, y)| (a + x, b + y));
    let mut city = KbkCity {
        kelompok: rows.len() as u64,
        kelompok_aktif: rows.iter().filter(|r| r.aktif).count() as u64,
        unit_total: units.len() as u64,
        unit_berkelompok: units.iter().filter(|u| u.kelompok > 0).count() as u64,
        anggota: units.iter().map(|u| u.anggota).sum(),
        pegawai: units.iter().map(|u| u.pegawai).sum(),
        kehadiran_anggota: ratio(hadir, catatan),
        ..KbkCity::default()
    };
    city.cakupan = ratio(city.anggota, city.pegawai);
    for r in rows {
        city.per_status[r.status.index()] += 1;
        city.per_langkah[usize::from(r.langkah_terakhir.unwrap_or(0))] += 1;
    }
    city
}

/// Ketua, sekretaris, then anggota, each by name; the fasilitator is not a member.
fn risalah_members(g: &GroupData) -> Vec<RisalahMember> {
    let mut members: Vec<&&KbkMember> = g.members.iter().filter(|m| m.peran != Peran::Fasilitator).collect();
    members.sort_by_key(|m| (m.peran, norm_name(&m.person.nama)));
    members
        .iter()
        .map(|m| RisalahMember {
            nama: m.person.nama.clone(),
            nip: m.person.nip.clone().unwrap_or_default(),
            peran: m.peran.label().to_string(),
        })
        .collect()
}

/// The meeting log up to `per`: the meeting rows, and the daftar hadir dates without one.
fn risalah_meetings(g: &GroupData, per: NaiveDate) -> Vec<RisalahMeeting> {
    let members = g.member_keys();
    let mut hadir: BTreeMap<NaiveDate, (u64, u64)> = BTreeMap::new();
    for a in
        g.attendance.iter().filter(|a| members.contains(a.person.key.as_str()) && a.code.is_working_day())
    {
        let e = hadir.entry(a.date).or_default();
        e.0 += u64::from(a.code.class() == StatusClass::Present);
        e.1 += 1;
    }
    let mut log: Vec<RisalahMeeting> = g
        .meetings
        .iter()
        .filter(|m| m.tanggal <= per)
        .map(|m| RisalahMeeting {
            ke: m.ke,
            tanggal: m.tanggal,
            durasi: m.durasi,
            langkah: m.langkah,
            agenda: m.agenda.clone(),
            hasil: m.hasil.clone(),
            hadir: hadir.get(&m.tanggal).copied(),
        })
        .collect();
    let with_row: BTreeSet<NaiveDate> = log.iter().map(|m| m.tanggal).collect();
    for (&d, &h) in hadir.iter().filter(|(d, _)| **d <= per && !with_row.contains(d)) {
        log.push(RisalahMeeting {
            ke: None,
            tanggal: d,
            durasi: None,
            langkah: None,
            agenda: String::new(),
            hasil: String::new(),
            hadir: Some(h),
        });
    }
    log.sort_by_key(|m| (m.tanggal, m.ke));
    log
}

fn risalah_step(g: &GroupData, n: u8) -> RisalahStep {
    match g.steps.get(&n) {
        Some(s) => RisalahStep {
            langkah: n,
            rencana_mulai: s.rencana_mulai,
            rencana_selesai: s.rencana_selesai,
            realisasi_mulai: s.realisasi_mulai,
            realisasi_selesai: s.realisasi_selesai,
            keterangan: s.keterangan.clone(),
        },
        None => RisalahStep { langkah: n, ..RisalahStep::default() },
    }
}

fn risalah_results(g: &GroupData, per: NaiveDate) -> Vec<RisalahResult> {
    let mut v: Vec<RisalahResult> = g
        .results
        .iter()
        .filter(|r| r.tanggal <= per)
        .map(|r| RisalahResult { tanggal: r.tanggal, nilai: r.nilai, manfaat: r.manfaat.clone() })
        .collect();
    v.sort_by_key(|r| r.tanggal);
    v
}

#[cfg(test)]
mod tests;
