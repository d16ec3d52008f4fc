//! The figures of SPEC §4. Accepted records become two columnar frames; polars sums them per
//! person, unit, unit type and city for every month at once (pooled sums, never means of
//! rates); the results are read back into the plain structs of `report`. Nothing outside
//! this module knows about polars.

pub mod carry;
pub mod figures;
mod kbk;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use polars::prelude::*;

use crate::ground::model::{
    AttendanceRecord, EvaluationRecord, Rating, StatusClass, StatusCode, YearMonth, record_months,
};
use crate::ground::schedule::ClockRules;
use crate::ground::settings::{PLACEHOLDER_SIGNER, Settings, UNIT_TYPES};
use crate::ground::text::norm_name;
use crate::metrics::figures::{
    Attendance, CityFigures, ClockSums, Coverage, FileRow, KegiatanRow, Letterhead, MonthReport, PersonRow,
    StatusLaporan, TypeRow, UnitRow,
};
use crate::reconcile::{LedgerRow, Reconciled};
use carry::{Carried, MonthCarry, TkMark};

/// Attendance sums and distinct persons of one group.
#[derive(Clone, Debug, Default)]
struct AttGroup {
    att: Attendance,
    pegawai: u64,
}

/// Evaluation statistics of one group.
#[derive(Clone, Debug, Default)]
struct EvalGroup {
    dinilai: u64,
    capaian: Option<f64>,
    nilai_kinerja: Option<f64>,
}

/// One evaluation with the §4 formulas applied.
#[derive(Clone, Debug)]
struct Scored<'a> {
    rec: &'a EvaluationRecord,
    capaian: Option<f64>,
    nilai_kinerja: Option<f64>,
    predikat: Option<String>,
}

/// A (person, unit) pair with attendance records in a month: the record that names the row
/// (its NIP and, when not empty, its name: the pair's first record in input order) and the
/// first record of the pair with a non-empty name.
#[derive(Copy, Clone, Debug)]
struct Seed {
    first: u32,
    named: u32,
}

/// All months' aggregates, computed once. `Sync`: the months may be built on several threads.
pub struct Figures<'a> {
    rec: &'a Reconciled,
    settings: &'a Settings,
    unit_att: HashMap<(i32, String), AttGroup>,
    type_att: HashMap<(i32, String), AttGroup>,
    city_att: HashMap<i32, AttGroup>,
    /// Keyed by (ym, unit id, person id) of `dict`.
    person_att: HashMap<(i32, u32, u32), Attendance>,
    unit_eval: HashMap<(i32, String), EvalGroup>,
    type_eval: HashMap<(i32, String), EvalGroup>,
    city_eval: HashMap<i32, EvalGroup>,
    kegiatan: Vec<(i32, KegiatanRow)>,
    scored: Vec<Scored<'a>>,
    /// Months with at least one accepted record.
    data_months: BTreeSet<YearMonth>,
    /// Person keys and unit codes → the ids used by `person_att`, `seeds` and `tk`.
    dict: Dictionary,
    /// Per month (`ym_key`): the (person, unit) pairs with attendance records.
    seeds: HashMap<i32, Vec<Seed>>,
    /// Per person id: the year-to-date TK at the end of each month where it is not zero,
    /// in month order (the carried state first, when there is one).
    tk: Vec<Vec<TkMark>>,
    /// The city figures of the months before those computed, from the month memory.
    carried_city: BTreeMap<YearMonth, CityFigures>,
}

const _: fn() = || {
    fn sync<T: Sync>() {}
    sync::<Figures<'static>>();
};

fn ym_key(m: YearMonth) -> i32 {
    m.year * 100 + m.month as i32
}

fn days(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days() as i32
}

/// capaian = realisasi / target × 100 (points, uncapped).
pub fn capaian(target: Option<f64>, realisasi: Option<f64>) -> Option<f64> {
    match (target, realisasi) {
        (Some(t), Some(r)) if t > 0.0 => Some(r / t * 100.0),
        _ => None,
    }
}

/// nilai_kinerja = bobot_hasil × min(capaian, 100) + bobot_perilaku × nilai_perilaku.
pub fn nilai_kinerja(settings: &Settings, capaian: Option<f64>, perilaku: Option<f64>) -> Option<f64> {
    let p = &settings.config.penilaian;
    Some(p.bobot_hasil * capaian?.min(100.0) + p.bobot_perilaku * perilaku?)
}

/// The predikat of one evaluation (SPEC §4), the one rule for the report and `penilaian.csv`:
/// the configured band of its nilai_kinerja; without a nilai, the PermenPAN-RB matrix of its
/// two ratings; `None` when it has neither or the nilai falls in no band.
pub fn predikat(
    settings: &Settings,
    nilai_kinerja: Option<f64>,
    rating_hasil: Option<Rating>,
    rating_perilaku: Option<Rating>,
) -> Option<&str> {
    match (nilai_kinerja, rating_hasil, rating_perilaku) {
        (Some(n), _, _) => settings.config.penilaian.predikat(n),
        (None, Some(h), Some(p)) => Some(predikat_matrix(h, p)),
        _ => None,
    }
}

/// The PermenPAN-RB 6/2022 matrix (rating hasil kerja × rating perilaku kerja).
fn predikat_matrix(hasil: Rating, perilaku: Rating) -> &'static str {
    use Rating::*;
    match (hasil, perilaku) {
        (DiAtas, DiAtas) => "Sangat Baik",
        (DiAtas, Sesuai) | (Sesuai, Sesuai) | (Sesuai, DiAtas) => "Baik",
        (DiAtas, DiBawah) | (Sesuai, DiBawah) => "Kurang",
        (DiBawah, DiBawah) => "Sangat Kurang",
        (DiBawah, Sesuai) | (DiBawah, DiAtas) => "Butuh Perbaikan",
    }
}

const MATRIX_LABELS: [&str; 5] = ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"];

impl<'a> Figures<'a> {
    /// Every month's aggregates of the records of `rec`.
    pub fn compute(rec: &'a Reconciled, settings: &'a Settings) -> PolarsResult<Self> {
        Self::compute_after(rec, settings, Carried::default())
    }

    /// The aggregates of the months of `rec`, which follow the months `carried` summarises
    /// (the nightly run's untouched months): their city figures feed the comparison with the
    /// previous month and the trend, their TK state the year-to-date TK.
    pub fn compute_after(
        rec: &'a Reconciled,
        settings: &'a Settings,
        carried: Carried,
    ) -> PolarsResult<Self> {
        let mut dict = Dictionary::default();
        let kota = dict.id("Kota");
        let jenis_of = |kode: &str| settings.unit_by_code(kode).map(|u| u.jenis.clone()).unwrap_or_default();
        let person_ids = dict.ids(rec.attendance.iter().map(|r| r.person.key.as_str()));
        let unit_ids = dict.ids(rec.attendance.iter().map(|r| &*r.unit));
        let tk_carry: Vec<(u32, TkMark)> =
            carried.tk.iter().map(|(key, mark)| (dict.id(key), *mark)).collect();
        let (seeds, tk) = person_index(&rec.attendance, &person_ids, &unit_ids, dict.names.len(), &tk_carry);
        let ids = (person_ids, unit_ids);
        let att = attendance_frame(&rec.attendance, ids, &jenis_of, settings.clock_rules(), &mut dict)?;
        let work = att.clone().lazy().filter(col("kerja").eq(lit(true)));

        let unit_att = att_groups(work.clone(), &["ym", "unit"], &dict)?.into_iter().collect();
        let type_att = att_groups(work.clone(), &["ym", "jenis"], &dict)?.into_iter().collect();
        let city_att = att_groups(work.clone().with_column(lit(kota).alias("kota")), &["ym", "kota"], &dict)?
            .into_iter()
            .map(|(k, g)| (k.0, g))
            .collect();
        let person_att = person_groups(work)?;
        let kegiatan = kegiatan_rows(&att, settings, &dict)?;

        let scored: Vec<Scored> = rec
            .evaluations
            .iter()
            .map(|e| {
                let c = capaian(e.target, e.realisasi);
                let nk = nilai_kinerja(settings, c, e.nilai_perilaku);
                let predikat = predikat(settings, nk, e.rating_hasil, e.rating_perilaku).map(String::from);
                Scored { rec: e, capaian: c, nilai_kinerja: nk, predikat }
            })
            .collect();
        let ev = evaluation_frame(&scored, &jenis_of, &mut dict)?;
        let unit_eval = eval_groups(ev.clone().lazy(), &["ym", "unit"], &dict)?.into_iter().collect();
        let type_eval = eval_groups(ev.clone().lazy(), &["ym", "jenis"], &dict)?.into_iter().collect();
        let city_eval = eval_groups(ev.lazy().with_column(lit(kota).alias("kota")), &["ym", "kota"], &dict)?
            .into_iter()
            .map(|(k, g)| (k.0, g))
            .collect();

        let mut data_months = record_months(&rec.attendance, &rec.evaluations);
        data_months.extend(carried.city.keys().copied());
        Ok(Self {
            rec,
            settings,
            unit_att,
            type_att,
            city_att,
            person_att,
            unit_eval,
            type_eval,
            city_eval,
            kegiatan,
            scored,
            data_months,
            dict,
            seeds,
            tk,
            carried_city: carried.city,
        })
    }

    /// What month `m` hands to the months after it (its city figures and every person's TK
    /// at its end), for the month memory.
    pub fn carry(&self, m: YearMonth) -> MonthCarry {
        let k = ym_key(m);
        let mut tk: Vec<(String, TkMark)> = self
            .tk
            .iter()
            .enumerate()
            .filter_map(|(p, marks)| {
                let i = marks.partition_point(|x| x.ym <= k);
                let last = *marks.get(i.checked_sub(1)?)?;
                (last.ym / 100 == m.year).then(|| (self.dict.name(p as u64), last))
            })
            .collect();
        tk.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        MonthCarry { city: self.data_months.contains(&m).then(|| self.city(m)), tk }
    }

    /// Months with at least one accepted record.
    pub fn data_months(&self) -> &BTreeSet<YearMonth> {
        &self.data_months
    }

    /// The city figures of a month.
    pub fn city(&self, m: YearMonth) -> CityFigures {
        if let Some(city) = self.carried_city.get(&m) {
            return city.clone();
        }
        let k = ym_key(m);
        let att = self.city_att.get(&k).cloned().unwrap_or_default();
        let ev = self.city_eval.get(&k).cloned().unwrap_or_default();
        let units = &self.settings.config.unit;
        let melapor = units.iter().filter(|u| self.unit_status(m, &u.kode) != StatusLaporan::Belum).count();
        CityFigures {
            month: Some(m),
            unit_total: units.len() as u64,
            unit_melapor: melapor as u64,
            pegawai: att.pegawai,
            att: att.att,
            pegawai_dinilai: ev.dinilai,
            rata_rata_capaian: ev.capaian,
            rata_rata_nilai_kinerja: ev.nilai_kinerja,
            predikat: self.predikat_counts(m, None),
        }
    }

    fn unit_status(&self, m: YearMonth, kode: &str) -> StatusLaporan {
        let (a, e) = self.unit_has(m, kode);
        match (a, e) {
            (true, true) => StatusLaporan::Lengkap,
            (false, false) => StatusLaporan::Belum,
            _ => StatusLaporan::Sebagian,
        }
    }

    fn unit_has(&self, m: YearMonth, kode: &str) -> (bool, bool) {
        let k = ym_key(m);
        let att = self.unit_att.contains_key(&(k, kode.to_string()))
            || self.kegiatan.iter().any(|(km, row)| *km == k && row.kode_unit == kode);
        let ev = self.unit_eval.contains_key(&(k, kode.to_string()));
        (att, ev)
    }

    /// Count per predikat: every configured band (0 included), then matrix labels that occur.
    fn predikat_counts(&self, m: YearMonth, unit: Option<&str>) -> Vec<(String, u64)> {
        let mut counts: Vec<(String, u64)> =
            self.settings.config.penilaian.predikat.iter().map(|b| (b.nama.clone(), 0)).collect();
        for s in self.scored.iter().filter(|s| s.rec.month == m && unit.is_none_or(|u| *s.rec.unit == *u)) {
            let Some(p) = &s.predikat else { continue };
            match counts.iter_mut().find(|(n, _)| n == p) {
                Some((_, c)) => *c += 1,
                None => counts.push((p.clone(), 1)),
            }
        }
        // Keep the matrix labels in the regulation's order after the configured bands.
        let configured = self.settings.config.penilaian.predikat.len();
        let mut extra = counts.split_off(configured);
        extra.sort_by_key(|(n, _)| MATRIX_LABELS.iter().position(|l| l == n).unwrap_or(usize::MAX));
        counts.extend(extra);
        counts
    }

    /// The whole report of month `m`.
    pub fn month_report(&self, m: YearMonth, generated_at: NaiveDateTime) -> MonthReport {
        let k = ym_key(m);
        let units = self.unit_rows(m);
        let city = self.city(m);
        let mut types = self.type_rows(m, &units);
        types.push(city_type_row(&city));
        let kegiatan = self.kegiatan.iter().filter(|(km, _)| *km == k).map(|(_, r)| r.clone()).collect();
        let files = self.rec.ledger.iter().filter(|r| r.month.is_none_or(|x| x == m)).map(file_row).collect();
        let issues = self.rec.issues.iter().filter(|i| i.month.is_none_or(|x| x == m)).cloned().collect();
        MonthReport {
            month: m,
            generated_at,
            tanggal_laporan: m.last_day(),
            letterhead: letterhead(self.settings),
            city,
            previous: self.data_months.contains(&m.prev()).then(|| self.city(m.prev())),
            units,
            types,
            persons: self.persons(m),
            kegiatan,
            trend: self.trend(m),
            files,
            kbk: self.kbk_report(m),
            issues,
        }
    }

    /// One row per configured unit, in configuration order, ranked.
    fn unit_rows(&self, m: YearMonth) -> Vec<UnitRow> {
        let k = ym_key(m);
        let mut units: Vec<UnitRow> = self
            .settings
            .config
            .unit
            .iter()
            .map(|u| {
                let att = self.unit_att.get(&(k, u.kode.clone())).cloned().unwrap_or_default();
                let ev = self.unit_eval.get(&(k, u.kode.clone())).cloned().unwrap_or_default();
                let (ada_kehadiran, ada_penilaian) = self.unit_has(m, &u.kode);
                UnitRow {
                    kode: u.kode.clone(),
                    nama: u.nama.clone(),
                    jenis: u.jenis.clone(),
                    status: self.unit_status(m, &u.kode),
                    ada_kehadiran,
                    ada_penilaian,
                    pegawai: att.pegawai,
                    att: att.att,
                    pegawai_dinilai: ev.dinilai,
                    rata_rata_capaian: ev.capaian,
                    rata_rata_nilai_kinerja: ev.nilai_kinerja,
                    peringkat_kehadiran: None,
                    peringkat_kinerja: None,
                    cakupan: self.coverage(m, &u.kode),
                    jadwal: self.settings.schedule_for(&u.kode, &u.jenis).nama.clone(),
                }
            })
            .collect();
        rank_units(&mut units);
        units
    }

    /// One row per unit type that the configuration uses, in `UNIT_TYPES` order; `units`
    /// are the month's unit rows, counted per type.
    fn type_rows(&self, m: YearMonth, units: &[UnitRow]) -> Vec<TypeRow> {
        let k = ym_key(m);
        UNIT_TYPES
            .iter()
            .filter(|t| self.settings.config.unit.iter().any(|u| u.jenis == **t))
            .map(|t| {
                let att = self.type_att.get(&(k, t.to_string())).cloned().unwrap_or_default();
                let ev = self.type_eval.get(&(k, t.to_string())).cloned().unwrap_or_default();
                let of_type: Vec<&UnitRow> = units.iter().filter(|u| u.jenis == *t).collect();
                TypeRow {
                    jenis: t.to_string(),
                    unit: of_type.len() as u64,
                    unit_melapor: of_type.iter().filter(|u| u.status != StatusLaporan::Belum).count() as u64,
                    pegawai: att.pegawai,
                    att: att.att,
                    pegawai_dinilai: ev.dinilai,
                    rata_rata_capaian: ev.capaian,
                    rata_rata_nilai_kinerja: ev.nilai_kinerja,
                }
            })
            .collect()
    }

    /// Staff of the roster for unit `kode`, and how many of them have attendance records in
    /// month `m`; `None` when the roster lists nobody of the unit.
    fn coverage(&self, m: YearMonth, kode: &str) -> Option<Coverage> {
        let expected: BTreeSet<String> = self
            .rec
            .roster
            .iter()
            .filter(|r| r.unit == kode)
            .map(|r| r.nip.clone().unwrap_or_else(|| format!("{kode}|{}", norm_name(&r.nama))))
            .collect();
        if expected.is_empty() {
            return None;
        }
        let seen: BTreeSet<&str> = self
            .seeds
            .get(&ym_key(m))
            .into_iter()
            .flatten()
            .map(|s| &self.rec.attendance[s.first as usize])
            .filter(|a| *a.unit == *kode)
            .map(|a| a.person.key.as_str())
            .collect();
        let tercatat = expected.iter().filter(|k| seen.contains(k.as_str())).count() as u64;
        Some(Coverage { terdaftar: expected.len() as u64, tercatat })
    }

    /// Up to 12 months ending with `m` that have data, oldest first.
    fn trend(&self, m: YearMonth) -> Vec<CityFigures> {
        let mut months = Vec::new();
        let mut cur = m;
        for _ in 0..12 {
            if self.data_months.contains(&cur) {
                months.push(cur);
            }
            cur = cur.prev();
        }
        months.reverse();
        months.into_iter().map(|x| self.city(x)).collect()
    }

    fn persons(&self, m: YearMonth) -> Vec<PersonRow> {
        let k = ym_key(m);
        // (person key, unit) → row under construction.
        let mut rows: BTreeMap<(&str, &str), PersonRow> = BTreeMap::new();
        let unit_name =
            |kode: &str| self.settings.unit_by_code(kode).map(|u| u.nama.clone()).unwrap_or_default();
        let blank = |nip: &Option<String>, nama: &str, unit: &str| PersonRow {
            nip: nip.clone().unwrap_or_default(),
            nama: nama.to_string(),
            kode_unit: unit.to_string(),
            nama_unit: unit_name(unit),
            att: Attendance::default(),
            capaian: None,
            nilai_perilaku: None,
            nilai_kinerja: None,
            predikat: None,
            tk_kumulatif: 0,
            tk_berturut: 0,
            status_disiplin: String::new(),
        };
        let att = &self.rec.attendance;
        for s in self.seeds.get(&k).into_iter().flatten() {
            let a = &att[s.first as usize];
            let nama = &att[s.named as usize].person.nama;
            rows.insert((a.person.key.as_str(), &*a.unit), blank(&a.person.nip, nama, &a.unit));
        }
        for s in self.scored.iter().filter(|s| s.rec.month == m) {
            let e = s.rec;
            let row = rows
                .entry((e.person.key.as_str(), &*e.unit))
                .or_insert_with(|| blank(&e.person.nip, &e.person.nama, &e.unit));
            row.capaian = s.capaian;
            row.nilai_perilaku = e.nilai_perilaku;
            row.nilai_kinerja = s.nilai_kinerja;
            row.predikat = s.predikat.clone();
        }
        for ((person, unit), row) in rows.iter_mut() {
            let person = self.dict.index.get(*person).copied();
            let unit = self.dict.index.get(*unit).copied();
            if let (Some(p), Some(u)) = (person, unit)
                && let Some(a) = self.person_att.get(&(k, u, p))
            {
                row.att = a.clone();
            }
            let (cum, run) = person.map_or((0, 0), |p| self.tk_to(p, m));
            row.tk_kumulatif = cum;
            row.tk_berturut = run;
            row.status_disiplin = self.settings.config.disiplin.status(cum, run);
        }
        let mut out: Vec<PersonRow> = rows.into_values().collect();
        let order: HashMap<&str, usize> =
            self.settings.config.unit.iter().enumerate().map(|(i, u)| (u.kode.as_str(), i)).collect();
        out.sort_by(|a, b| {
            (order.get(a.kode_unit.as_str()), &a.nama, &a.nip).cmp(&(
                order.get(b.kode_unit.as_str()),
                &b.nama,
                &b.nip,
            ))
        });
        out
    }

    /// Person `p`'s TK days from January of `m`'s year through `m`, and the longest run of TK
    /// over consecutive working-day records in that window (L/TB and missing dates do not
    /// break a run).
    fn tk_to(&self, p: u32, m: YearMonth) -> (u64, u64) {
        tk_lookup(self.tk.get(p as usize).map_or(&[], Vec::as_slice), m)
    }
}

/// The `Kota` row that closes the per-type table: the city's figures as one more type.
pub fn city_type_row(city: &CityFigures) -> TypeRow {
    TypeRow {
        jenis: "Kota".into(),
        unit: city.unit_total,
        unit_melapor: city.unit_melapor,
        pegawai: city.pegawai,
        att: city.att.clone(),
        pegawai_dinilai: city.pegawai_dinilai,
        rata_rata_capaian: city.rata_rata_capaian,
        rata_rata_nilai_kinerja: city.rata_rata_nilai_kinerja,
    }
}

/// The last mark at or before `m` in `m`'s year; (0, 0) when there is none.
fn tk_lookup(marks: &[TkMark], m: YearMonth) -> (u64, u64) {
    let k = ym_key(m);
    let i = marks.partition_point(|x| x.ym <= k);
    match i.checked_sub(1).map(|i| marks[i]) {
        Some(x) if x.ym / 100 == m.year => (x.cum, x.best),
        _ => (0, 0),
    }
}

/// One pass over the attendance: the (person, unit) pairs of every month (`Seed`s) and every
/// person's year-to-date TK marks. `persons` and `units` are the records' ids; `ids` bounds them.
fn person_index(
    recs: &[AttendanceRecord],
    persons: &[u32],
    units: &[u32],
    ids: usize,
    carry: &[(u32, TkMark)],
) -> (HashMap<i32, Vec<Seed>>, Vec<Vec<TkMark>>) {
    let mut slot: HashMap<(i32, u32, u32), usize> = HashMap::new();
    let mut flat: Vec<(i32, Seed)> = Vec::new();
    let mut days: Vec<Vec<(NaiveDate, StatusCode)>> = vec![Vec::new(); ids];
    // Records come in runs of one person, unit and month: remember the last pair's slot.
    let mut last: Option<((i32, u32, u32), usize)> = None;
    for (i, a) in recs.iter().enumerate() {
        let ym = ym_key(YearMonth::of(a.date));
        let key = (ym, units[i], persons[i]);
        let at = match last {
            Some((k, at)) if k == key => at,
            _ => *slot.entry(key).or_insert_with(|| {
                flat.push((ym, Seed { first: i as u32, named: i as u32 }));
                flat.len() - 1
            }),
        };
        last = Some((key, at));
        if let Some((_, s)) = flat.get_mut(at)
            && recs[s.named as usize].person.nama.is_empty()
        {
            s.named = i as u32;
        }
        if a.kegiatan.is_empty()
            && a.code.is_working_day()
            && let Some(d) = days.get_mut(persons[i] as usize)
        {
            d.push((a.date, a.code));
        }
    }
    let mut seeds: HashMap<i32, Vec<Seed>> = HashMap::new();
    for (ym, s) in flat {
        seeds.entry(ym).or_default().push(s);
    }
    let mut start: Vec<Option<TkMark>> = vec![None; days.len()];
    for &(p, mark) in carry {
        if let Some(s) = start.get_mut(p as usize) {
            *s = Some(mark);
        }
    }
    let tk = days.into_iter().zip(start).map(|(mut d, start)| tk_marks(&mut d, start)).collect();
    (seeds, tk)
}

/// A person's working-day records (any order) → the TK marks of every month that has a
/// record, skipping the (0, 0) ones. The count and the run restart each January; a run goes
/// on across month ends. `start`: the state carried from the months before the records
/// (the nightly run's untouched months), kept as the first mark.
fn tk_marks(days: &mut [(NaiveDate, StatusCode)], start: Option<TkMark>) -> Vec<TkMark> {
    days.sort_unstable();
    let mut out: Vec<TkMark> = start.into_iter().collect();
    let (mut cum, mut run, mut best) = start.map_or((0, 0, 0), |s| (s.cum, s.run, s.best));
    let mut cur: Option<i32> = start.map(|s| s.ym);
    // Whether `cur` has records not yet marked.
    let mut open = false;
    let mark = |out: &mut Vec<TkMark>, ym: i32, cum: u64, run: u64, best: u64| {
        if cum > 0 || best > 0 {
            out.push(TkMark { ym, cum, run, best });
        }
    };
    for &(d, code) in days.iter() {
        let ym = ym_key(YearMonth::of(d));
        if cur != Some(ym) {
            if let Some(c) = cur {
                if open {
                    mark(&mut out, c, cum, run, best);
                }
                if c / 100 != ym / 100 {
                    (cum, run, best) = (0, 0, 0);
                }
            }
            cur = Some(ym);
        }
        open = true;
        if code == StatusCode::TK {
            cum += 1;
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    if let (Some(c), true) = (cur, open) {
        mark(&mut out, c, cum, run, best);
    }
    out
}

fn letterhead(settings: &Settings) -> Letterhead {
    let o = &settings.config.organisasi;
    let p = &settings.config.penandatangan;
    Letterhead {
        pemerintah: o.pemerintah.clone(),
        perangkat: o.perangkat.clone(),
        bagian: o.bagian.clone(),
        alamat: o.alamat.clone(),
        kota: o.kota.clone(),
        penandatangan_jabatan: p.jabatan.clone(),
        penandatangan_nama: p.nama.clone(),
        penandatangan_pangkat: p.pangkat.clone(),
        penandatangan_nip: p.nip.clone(),
        penandatangan_placeholder: p.nama == PLACEHOLDER_SIGNER,
    }
}

fn file_row(r: &LedgerRow) -> FileRow {
    FileRow {
        berkas: r.file.clone(),
        lembar: r.sheet.clone(),
        jenis: r.kind.clone(),
        tata_letak: r.layout.clone(),
        dibaca: r.read,
        diterima: r.accepted,
        ditolak: r.rejected,
        duplikat: r.duplicates,
        direvisi: r.overridden,
        catatan: r.note.clone(),
        dilewati: r.skipped,
    }
}

/// Standard competition ranking (1, 2, 2, 4) by tingkat kehadiran and by rata-rata nilai
/// kinerja, descending; units without data stay unranked.
fn rank_units(units: &mut [UnitRow]) {
    // Rates compare exactly as fractions of integers.
    let att: Vec<Option<(u64, u64)>> =
        units.iter().map(|u| (u.att.hari_kerja > 0).then_some((u.att.hadir, u.att.hari_kerja))).collect();
    for i in 0..units.len() {
        if let Some((h, k)) = att[i] {
            let better = att
                .iter()
                .flatten()
                .filter(|(h2, k2)| u128::from(*h2) * u128::from(k) > u128::from(h) * u128::from(*k2))
                .count();
            units[i].peringkat_kehadiran = Some(better as u32 + 1);
        }
    }
    let nk: Vec<Option<i64>> =
        units.iter().map(|u| u.rata_rata_nilai_kinerja.map(|x| (x * 1e6).round() as i64)).collect();
    for i in 0..units.len() {
        if let Some(x) = nk[i] {
            let better = nk.iter().flatten().filter(|y| **y > x).count();
            units[i].peringkat_kinerja = Some(better as u32 + 1);
        }
    }
}

/// Person keys, unit codes and unit types become `u32` ids before they reach polars:
/// grouping integers is faster and holds far less memory than a string column per record.
#[derive(Default)]
struct Dictionary {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Dictionary {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }

    /// The ids of a sequence of strings; a string equal to the one before it is not hashed
    /// again (records come in runs of one person and unit).
    fn ids<'s>(&mut self, keys: impl Iterator<Item = &'s str>) -> Vec<u32> {
        let mut last: Option<(&str, u32)> = None;
        keys.map(|k| match last {
            Some((l, i)) if l == k => i,
            _ => {
                let i = self.id(k);
                last = Some((k, i));
                i
            }
        })
        .collect()
    }

    fn name(&self, id: u64) -> String {
        self.names.get(id as usize).cloned().unwrap_or_default()
    }

    /// A unit's type, through its unit id.
    fn jenis_ids(&mut self, units: &[u32], jenis_of: &dyn Fn(&str) -> String) -> Vec<u32> {
        let mut cache: HashMap<u32, u32> = HashMap::new();
        units
            .iter()
            .map(|u| match cache.get(u) {
                Some(&j) => j,
                None => {
                    let name = jenis_of(&self.name(u64::from(*u)));
                    let j = self.id(&name);
                    cache.insert(*u, j);
                    j
                }
            })
            .collect()
    }
}

fn attendance_frame(
    recs: &[AttendanceRecord],
    ids: (Vec<u32>, Vec<u32>),
    jenis_of: &dyn Fn(&str) -> String,
    rules: &ClockRules,
    dict: &mut Dictionary,
) -> PolarsResult<DataFrame> {
    let (persons, units) = ids;
    let n = recs.len();
    let jenis = dict.jenis_ids(&units, jenis_of);
    let class = |r: &AttendanceRecord| r.code.class();
    // The 0/1 columns are booleans: one bit per record in polars, summed as a count.
    let columns = vec![
        Column::new("person".into(), persons),
        Column::new("unit".into(), units),
        Column::new("jenis".into(), jenis),
        Column::new("ym".into(), recs.iter().map(|r| ym_key(YearMonth::of(r.date))).collect::<Vec<i32>>()),
        Column::new("day".into(), recs.iter().map(|r| days(r.date)).collect::<Vec<i32>>()),
        Column::new("kerja".into(), recs.iter().map(|r| r.kegiatan.is_empty()).collect::<Vec<bool>>()),
        Column::new("kegiatan".into(), recs.iter().map(|r| r.kegiatan.as_str()).collect::<Vec<_>>()),
        Column::new("kelompok".into(), recs.iter().map(|r| r.kelompok.as_str()).collect::<Vec<_>>()),
        Column::new("wd".into(), recs.iter().map(|r| r.code.is_working_day()).collect::<Vec<bool>>()),
        Column::new(
            "hadir".into(),
            recs.iter().map(|r| class(r) == StatusClass::Present).collect::<Vec<bool>>(),
        ),
        Column::new(
            "sakit".into(),
            recs.iter().map(|r| class(r) == StatusClass::Sick).collect::<Vec<bool>>(),
        ),
        Column::new(
            "izin".into(),
            recs.iter().map(|r| class(r) == StatusClass::Leave).collect::<Vec<bool>>(),
        ),
        Column::new("cuti".into(), recs.iter().map(|r| class(r) == StatusClass::Cuti).collect::<Vec<bool>>()),
        Column::new(
            "tk".into(),
            recs.iter().map(|r| class(r) == StatusClass::Unexcused).collect::<Vec<bool>>(),
        ),
        Column::new("menit".into(), recs.iter().map(|r| i64::from(r.menit_terlambat)).collect::<Vec<i64>>()),
    ];
    DataFrame::new(n, [columns, clock_columns(recs, rules)].concat())
}

/// The clock-time columns (SPEC §3.9 "Output"): minutes left early, one 0/1 column per TL and
/// PSW band, and whether the day is judged by the clock (`jam`) and on time (`tepat`).
fn clock_columns(recs: &[AttendanceRecord], rules: &ClockRules) -> Vec<Column> {
    let bands: Vec<(u8, u8)> = recs.iter().map(|r| clock_bands(r, rules)).collect();
    let band_col = |name: &str, band: u8, pick: fn(&(u8, u8)) -> u8| {
        Column::new(name.into(), bands.iter().map(|b| pick(b) == band).collect::<Vec<bool>>())
    };
    let mut columns = vec![Column::new(
        "pc".into(),
        recs.iter()
            .map(|r| r.clock.as_ref().map_or(0, |c| i64::from(c.menit_pulang_cepat)))
            .collect::<Vec<i64>>(),
    )];
    for band in 1..=4u8 {
        columns.push(band_col(&format!("tl{band}"), band, |b| b.0));
    }
    for band in 1..=4u8 {
        columns.push(band_col(&format!("psw{band}"), band, |b| b.1));
    }
    columns
        .push(Column::new("jam".into(), recs.iter().map(|r| judged_by_clock(r.code)).collect::<Vec<bool>>()));
    columns.push(Column::new(
        "tepat".into(),
        recs.iter().map(|r| r.code == StatusCode::H).collect::<Vec<bool>>(),
    ));
    columns
}

/// Days judged by the clock (SPEC §3.9 `Tepat Waktu`): H, TL and PSW, derived or coded;
/// DL/DD are present without being judged.
fn judged_by_clock(code: StatusCode) -> bool {
    matches!(code, StatusCode::H | StatusCode::TL | StatusCode::PSW)
}

/// The (TL, PSW) bands of a record, 0 for none, counted only on days judged by the clock.
/// A day derived from clock times carries its own bands. A day *written as a code* has no
/// times: a coded TL is banded by its menit_terlambat with the configured `pita` (0 minutes:
/// no band), a coded PSW is in no band (its minutes are unknown). Both still count in
/// `Tepat Waktu`'s denominator, as days that were not on time.
pub fn clock_bands(r: &AttendanceRecord, rules: &ClockRules) -> (u8, u8) {
    if !judged_by_clock(r.code) {
        return (0, 0);
    }
    match (&r.clock, r.code) {
        (Some(c), _) => (c.tl_band.min(4), c.psw_band.min(4)),
        (None, StatusCode::TL) => (rules.band(r.menit_terlambat), 0),
        (None, _) => (0, 0),
    }
}

const SUMS: [&str; 18] = [
    "wd", "hadir", "sakit", "izin", "cuti", "tk", "menit", "pc", "tl1", "tl2", "tl3", "tl4", "psw1", "psw2",
    "psw3", "psw4", "jam", "tepat",
];

fn int_col(df: &DataFrame, name: &str) -> PolarsResult<Vec<u64>> {
    let c = df.column(name)?.cast(&DataType::Int64)?;
    Ok(c.i64()?.iter().map(|v| v.unwrap_or(0).max(0) as u64).collect())
}

/// A `u32` id column back to its strings.
fn key_col(df: &DataFrame, name: &str, dict: &Dictionary) -> PolarsResult<Vec<String>> {
    Ok(int_col(df, name)?.into_iter().map(|id| dict.name(id)).collect())
}

fn str_col(df: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    Ok(df.column(name)?.str()?.iter().map(|v| v.unwrap_or("").to_string()).collect())
}

fn f64_col(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    let c = df.column(name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?.iter().collect())
}

fn attendance_of(cols: &[Vec<u64>], i: usize) -> Attendance {
    Attendance {
        hari_kerja: cols[0][i],
        hadir: cols[1][i],
        sakit: cols[2][i],
        izin: cols[3][i],
        cuti: cols[4][i],
        tk: cols[5][i],
        menit_terlambat: cols[6][i],
        jam: ClockSums {
            menit_pulang_cepat: cols[7][i],
            tl: [cols[8][i], cols[9][i], cols[10][i], cols[11][i]],
            psw: [cols[12][i], cols[13][i], cols[14][i], cols[15][i]],
            dinilai_jam: cols[16][i],
            tepat: cols[17][i],
        },
    }
}

/// Sums per (ym, key) with the distinct persons.
fn att_groups(
    lf: LazyFrame,
    keys: &[&str; 2],
    dict: &Dictionary,
) -> PolarsResult<Vec<((i32, String), AttGroup)>> {
    let mut aggs: Vec<Expr> = SUMS.iter().map(|c| col(*c).sum()).collect();
    aggs.push(col("person").n_unique().alias("pegawai"));
    let df = lf.group_by([col(keys[0]), col(keys[1])]).agg(aggs).collect()?;
    let ym = int_col(&df, "ym")?;
    let key = key_col(&df, keys[1], dict)?;
    let sums: Vec<Vec<u64>> = SUMS.iter().map(|c| int_col(&df, c)).collect::<PolarsResult<_>>()?;
    let pegawai = int_col(&df, "pegawai")?;
    Ok((0..df.height())
        .map(|i| {
            ((ym[i] as i32, key[i].clone()), AttGroup { att: attendance_of(&sums, i), pegawai: pegawai[i] })
        })
        .collect())
}

fn person_groups(lf: LazyFrame) -> PolarsResult<HashMap<(i32, u32, u32), Attendance>> {
    let aggs: Vec<Expr> = SUMS.iter().map(|c| col(*c).sum()).collect();
    let df = lf.group_by([col("ym"), col("unit"), col("person")]).agg(aggs).collect()?;
    let ym = int_col(&df, "ym")?;
    let unit = int_col(&df, "unit")?;
    let person = int_col(&df, "person")?;
    let sums: Vec<Vec<u64>> = SUMS.iter().map(|c| int_col(&df, c)).collect::<PolarsResult<_>>()?;
    Ok((0..df.height())
        .map(|i| ((ym[i] as i32, unit[i] as u32, person[i] as u32), attendance_of(&sums, i)))
        .collect())
}

/// Activity participation per (month, kegiatan, kelompok, unit).
fn kegiatan_rows(
    att: &DataFrame,
    settings: &Settings,
    dict: &Dictionary,
) -> PolarsResult<Vec<(i32, KegiatanRow)>> {
    let df = att
        .clone()
        .lazy()
        .filter(col("kerja").eq(lit(false)))
        .group_by([col("ym"), col("kegiatan"), col("kelompok"), col("unit")])
        .agg([
            col("day").n_unique().alias("pertemuan"),
            col("person").n_unique().alias("peserta"),
            len().alias("catatan"),
            col("hadir").sum().alias("hadir"),
        ])
        .collect()?;
    let ym = int_col(&df, "ym")?;
    let kegiatan = str_col(&df, "kegiatan")?;
    let kelompok = str_col(&df, "kelompok")?;
    let unit = key_col(&df, "unit", dict)?;
    let pertemuan = int_col(&df, "pertemuan")?;
    let peserta = int_col(&df, "peserta")?;
    let catatan = int_col(&df, "catatan")?;
    let hadir = int_col(&df, "hadir")?;
    let order: HashMap<&str, usize> =
        settings.config.unit.iter().enumerate().map(|(i, u)| (u.kode.as_str(), i)).collect();
    let mut rows: Vec<(i32, KegiatanRow)> = (0..df.height())
        .map(|i| {
            (
                ym[i] as i32,
                KegiatanRow {
                    kegiatan: kegiatan[i].clone(),
                    kelompok: kelompok[i].clone(),
                    kode_unit: unit[i].clone(),
                    nama_unit: settings.unit_by_code(&unit[i]).map(|u| u.nama.clone()).unwrap_or_default(),
                    pertemuan: pertemuan[i],
                    peserta: peserta[i],
                    catatan: catatan[i],
                    hadir: hadir[i],
                },
            )
        })
        .collect();
    rows.sort_by(|(ma, a), (mb, b)| {
        (ma, &a.kegiatan, order.get(a.kode_unit.as_str()), &a.kelompok).cmp(&(
            mb,
            &b.kegiatan,
            order.get(b.kode_unit.as_str()),
            &b.kelompok,
        ))
    });
    Ok(rows)
}

fn evaluation_frame(
    scored: &[Scored],
    jenis_of: &dyn Fn(&str) -> String,
    dict: &mut Dictionary,
) -> PolarsResult<DataFrame> {
    let n = scored.len();
    let persons: Vec<u32> = scored.iter().map(|s| dict.id(&s.rec.person.key)).collect();
    let units: Vec<u32> = scored.iter().map(|s| dict.id(&s.rec.unit)).collect();
    let jenis = dict.jenis_ids(&units, jenis_of);
    let columns = vec![
        Column::new("person".into(), persons),
        Column::new("unit".into(), units),
        Column::new("jenis".into(), jenis),
        Column::new("ym".into(), scored.iter().map(|s| ym_key(s.rec.month)).collect::<Vec<i32>>()),
        Column::new("capaian".into(), scored.iter().map(|s| s.capaian).collect::<Vec<Option<f64>>>()),
        Column::new("nk".into(), scored.iter().map(|s| s.nilai_kinerja).collect::<Vec<Option<f64>>>()),
    ];
    DataFrame::new(n, columns)
}

/// Persons evaluated and the means over persons of capaian and nilai kinerja.
fn eval_groups(
    lf: LazyFrame,
    keys: &[&str; 2],
    dict: &Dictionary,
) -> PolarsResult<Vec<((i32, String), EvalGroup)>> {
    let df = lf
        .group_by([col(keys[0]), col(keys[1])])
        .agg([
            col("person").n_unique().alias("dinilai"),
            col("capaian").mean().alias("capaian"),
            col("nk").mean().alias("nk"),
        ])
        .collect()?;
    let ym = int_col(&df, "ym")?;
    let key = key_col(&df, keys[1], dict)?;
    let dinilai = int_col(&df, "dinilai")?;
    let cap = f64_col(&df, "capaian")?;
    let nk = f64_col(&df, "nk")?;
    Ok((0..df.height())
        .map(|i| {
            (
                (ym[i] as i32, key[i].clone()),
                EvalGroup { dinilai: dinilai[i], capaian: cap[i], nilai_kinerja: nk[i] },
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_follows_permenpan_6_2022() {
        use Rating::*;
        let cases = [
            (DiAtas, DiBawah, "Kurang"),
            (DiAtas, Sesuai, "Baik"),
            (DiAtas, DiAtas, "Sangat Baik"),
            (Sesuai, DiBawah, "Kurang"),
            (Sesuai, Sesuai, "Baik"),
            (Sesuai, DiAtas, "Baik"),
            (DiBawah, DiBawah, "Sangat Kurang"),
            (DiBawah, Sesuai, "Butuh Perbaikan"),
            (DiBawah, DiAtas, "Butuh Perbaikan"),
        ];
        for (h, p, want) in cases {
            assert_eq!(predikat_matrix(h, p), want, "{h:?} × {p:?}");
        }
    }

    #[test]
    fn formulas() {
        let s = Settings::embedded().unwrap();
        assert_eq!(capaian(Some(40.0), Some(42.0)), Some(105.0));
        // capped at 100: 0.6 × 100 + 0.4 × 80 = 92
        assert!((nilai_kinerja(&s, Some(105.0), Some(80.0)).unwrap() - 92.0).abs() < 1e-9);
        assert_eq!(s.config.penilaian.predikat(92.0), Some("Sangat Baik"));
        assert_eq!(s.config.penilaian.predikat(90.99), Some("Baik"));
        assert_eq!(s.config.penilaian.predikat(50.0), Some("Buruk"));
    }

    #[test]
    fn predikat_takes_the_band_first_and_the_matrix_without_a_nilai() {
        use Rating::*;
        let s = Settings::embedded().unwrap();
        let cases = [
            (Some(92.0), Some(DiBawah), Some(DiBawah), Some("Sangat Baik")),
            (Some(80.0), None, None, Some("Baik")),
            (None, Some(DiAtas), Some(DiAtas), Some("Sangat Baik")),
            (None, Some(DiBawah), Some(Sesuai), Some("Butuh Perbaikan")),
            (None, Some(Sesuai), None, None),
            (None, None, None, None),
        ];
        for (nk, h, p, want) in cases {
            assert_eq!(predikat(&s, nk, h, p), want, "{nk:?} {h:?} {p:?}");
        }
    }

    #[test]
    fn competition_ranking() {
        let mk = |hadir, hk, nk| UnitRow {
            kode: String::new(),
            nama: String::new(),
            jenis: String::new(),
            status: StatusLaporan::Lengkap,
            ada_kehadiran: true,
            ada_penilaian: true,
            pegawai: 1,
            att: Attendance { hari_kerja: hk, hadir, ..Default::default() },
            pegawai_dinilai: 1,
            rata_rata_capaian: None,
            rata_rata_nilai_kinerja: nk,
            peringkat_kehadiran: None,
            peringkat_kinerja: None,
            cakupan: None,
            jadwal: String::new(),
        };
        let mut units = vec![
            mk(9, 10, Some(80.0)),
            mk(18, 20, Some(90.0)),
            mk(10, 10, None),
            mk(0, 0, Some(80.0)),
            mk(5, 10, Some(70.0)),
        ];
        rank_units(&mut units);
        let att: Vec<_> = units.iter().map(|u| u.peringkat_kehadiran).collect();
        assert_eq!(att, vec![Some(2), Some(2), Some(1), None, Some(4)]);
        let nk: Vec<_> = units.iter().map(|u| u.peringkat_kinerja).collect();
        assert_eq!(nk, vec![Some(2), Some(1), None, Some(2), Some(4)]);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    /// What `tk_window` computed before the marks: rescan the window, sort, count.
    fn tk_reference(days: &[(NaiveDate, StatusCode)], m: YearMonth) -> (u64, u64) {
        let start = d(m.year, 1, 1);
        let mut w: Vec<_> = days.iter().copied().filter(|(x, _)| *x >= start && *x <= m.last_day()).collect();
        w.sort();
        let (mut cum, mut run, mut best) = (0, 0, 0);
        for (_, c) in w {
            if c == StatusCode::TK {
                cum += 1;
                run += 1;
                best = best.max(run);
            } else {
                run = 0;
            }
        }
        (cum, best)
    }

    fn tk_of(mut days: Vec<(NaiveDate, StatusCode)>, m: YearMonth) -> (u64, u64) {
        tk_lookup(&tk_marks(&mut days, None), m)
    }

    #[test]
    fn tk_run_spans_the_month_boundary() {
        use StatusCode::*;
        // Thu 29, Fri 30 October TK, the weekend has no working-day record, then Mon 2 and
        // Tue 3 November TK: one run of four; December has no record and keeps November's.
        let days =
            vec![(d(2026, 11, 3), TK), (d(2026, 10, 29), TK), (d(2026, 10, 30), TK), (d(2026, 11, 2), TK)];
        assert_eq!(tk_of(days.clone(), ym(2026, 9)), (0, 0));
        assert_eq!(tk_of(days.clone(), ym(2026, 10)), (2, 2));
        assert_eq!(tk_of(days.clone(), ym(2026, 11)), (4, 4));
        assert_eq!(tk_of(days, ym(2026, 12)), (4, 4));
    }

    #[test]
    fn tk_run_broken_by_a_non_tk_working_day() {
        use StatusCode::*;
        let days = vec![
            (d(2026, 10, 29), TK),
            (d(2026, 10, 30), TK),
            (d(2026, 11, 2), H),
            (d(2026, 11, 3), TK),
            (d(2026, 11, 4), S),
            (d(2026, 11, 5), TK),
        ];
        assert_eq!(tk_of(days.clone(), ym(2026, 10)), (2, 2));
        assert_eq!(tk_of(days, ym(2026, 11)), (4, 2));
    }

    #[test]
    fn tk_restarts_in_january() {
        use StatusCode::*;
        let days =
            vec![(d(2025, 12, 30), TK), (d(2025, 12, 31), TK), (d(2026, 1, 2), TK), (d(2026, 3, 2), H)];
        assert_eq!(tk_of(days.clone(), ym(2025, 12)), (2, 2));
        assert_eq!(tk_of(days.clone(), ym(2026, 1)), (1, 1));
        assert_eq!(tk_of(days.clone(), ym(2026, 3)), (1, 1));
        // A year with no TK at all does not inherit the previous year's.
        assert_eq!(tk_of(days, ym(2027, 2)), (0, 0));
        assert_eq!(tk_of(vec![(d(2026, 5, 4), H)], ym(2026, 5)), (0, 0));
    }

    #[test]
    fn tk_marks_match_the_window_rescan() {
        use StatusCode::*;
        let codes = [H, TK, TK, TK, S, I, C, TL, DL];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..200 {
            let len = next(80) as usize;
            let days: Vec<_> = (0..len)
                .map(|_| {
                    let day = d(2025, 1, 1) + chrono::Days::new(next(730));
                    (day, codes[next(codes.len() as u64) as usize])
                })
                .collect();
            let marks = tk_marks(&mut days.clone(), None);
            for y in [2025, 2026] {
                for mo in 1..=12 {
                    let m = ym(y, mo);
                    assert_eq!(tk_lookup(&marks, m), tk_reference(&days, m), "{m:?} {days:?}");
                }
            }
            // The nightly run's way: the months up to `cut` summarised by the last mark at
            // or before it (what the month memory keeps), the later ones computed from it.
            let cut = ym(2025 + next(2) as i32, 1 + next(12) as u32);
            let (mut before, mut after): (Vec<_>, Vec<_>) =
                days.iter().copied().partition(|(day, _)| YearMonth::of(*day) <= cut);
            let early = tk_marks(&mut before, None);
            let start = early.iter().rev().find(|x| x.ym <= ym_key(cut) && x.ym / 100 == cut.year).copied();
            let late = tk_marks(&mut after, start);
            let mut m = cut.next();
            while m.year <= 2026 {
                assert_eq!(tk_lookup(&late, m), tk_reference(&days, m), "cut {cut:?}, {m:?} {days:?}");
                m = m.next();
            }
        }
    }

    fn record(
        key: &str,
        nama: &str,
        unit: &str,
        date: NaiveDate,
        code: StatusCode,
        kegiatan: &str,
    ) -> AttendanceRecord {
        AttendanceRecord {
            person: crate::ground::model::Person {
                key: key.into(),
                nip: Some(key.into()),
                nama: nama.into(),
            }
            .into(),
            unit: unit.into(),
            date,
            code,
            menit_terlambat: 0,
            kegiatan: kegiatan.into(),
            kelompok: String::new(),
            prov: crate::ground::model::Provenance {
                file: "a.xlsx".into(),
                sheet: "S".into(),
                row: 0,
                col: 0,
            },
            clock: None,
        }
    }

    #[test]
    fn person_index_groups_pairs_and_skips_non_working_records() {
        use StatusCode::*;
        let recs = vec![
            record("p1", "", "U1", d(2026, 10, 30), TK, ""),
            record("p1", "Budi", "U1", d(2026, 10, 31), L, ""),
            record("p2", "Ani", "U1", d(2026, 10, 30), H, ""),
            record("p1", "Budi B", "U1", d(2026, 11, 1), TB, ""),
            // An activity record counts for the pair, never for TK.
            record("p1", "", "U2", d(2026, 11, 2), TK, "Apel"),
            record("p1", "Budi", "U1", d(2026, 11, 3), TK, ""),
            record("p1", "Budi", "U1", d(2026, 10, 29), TK, ""),
        ];
        let mut dict = Dictionary::default();
        let persons: Vec<u32> = recs.iter().map(|r| dict.id(&r.person.key)).collect();
        let units: Vec<u32> = recs.iter().map(|r| dict.id(&r.unit)).collect();
        let (seeds, tk) = person_index(&recs, &persons, &units, dict.names.len(), &[]);
        let pairs = |k: i32| -> Vec<(u32, u32)> {
            let mut v: Vec<_> = seeds[&k].iter().map(|s| (s.first, s.named)).collect();
            v.sort();
            v
        };
        assert_eq!(pairs(202610), vec![(0, 1), (2, 2)]);
        assert_eq!(pairs(202611), vec![(3, 3), (4, 4)]);
        let p1 = dict.index["p1"] as usize;
        assert_eq!(tk_lookup(&tk[p1], ym(2026, 10)), (2, 2));
        assert_eq!(tk_lookup(&tk[p1], ym(2026, 11)), (3, 3));
        assert!(tk[dict.index["p2"] as usize].is_empty());
    }

    #[test]
    fn totals_are_counted_in_full_width() {
        // 300 working days of one person in November, with lateness past the range of u32.
        let mut rec = Reconciled::default();
        for i in 0..300u32 {
            let mut r = record("p1", "Budi", "DISHUB", d(2026, 11, 1 + i % 30), StatusCode::H, "");
            r.menit_terlambat = 20_000_000;
            r.prov.row = i;
            rec.attendance.push(r);
        }
        rec.attendance[0].code = StatusCode::TK;
        let settings = Settings::embedded().unwrap();
        let figures = Figures::compute(&rec, &settings).unwrap();
        let report = figures.month_report(ym(2026, 11), d(2026, 12, 1).and_hms_opt(0, 0, 0).unwrap());
        assert_eq!(report.city.att.hari_kerja, 300);
        assert_eq!(report.city.att.hadir, 299);
        assert_eq!(report.city.att.tk, 1);
        assert_eq!(report.city.att.menit_terlambat, 6_000_000_000);
        let unit = report.units.iter().find(|u| u.kode == "DISHUB").unwrap();
        assert_eq!((unit.att.hari_kerja, unit.att.hadir), (300, 299));
    }

    fn clocked(
        mut r: AttendanceRecord,
        terlambat: u32,
        pulang_cepat: u32,
        tl: u8,
        psw: u8,
    ) -> AttendanceRecord {
        r.menit_terlambat = terlambat;
        r.clock = Some(Box::new(crate::ground::model::ClockDetail {
            menit_pulang_cepat: pulang_cepat,
            tl_band: tl,
            psw_band: psw,
            jadwal: "Bawaan".into(),
            ..Default::default()
        }));
        r
    }

    #[test]
    fn clock_figures_count_bands_minutes_and_tepat_waktu() {
        use StatusCode::*;
        let day = |n| d(2026, 11, n);
        let r = |key: &str, n, code| record(key, "Budi", "DISHUB", day(n), code, "");
        let rec = Reconciled {
            attendance: vec![
                // p1, derived: H; TL band 1 (12 min); TL and PSW band 1 and 4 (no pulang scan);
                // PSW 20 min; TK without a scan.
                clocked(r("p1", 2, H), 0, 0, 0, 0),
                clocked(r("p1", 3, TL), 12, 0, 1, 0),
                clocked(r("p1", 4, TL), 7, 0, 1, 4),
                clocked(r("p1", 5, PSW), 0, 20, 0, 1),
                clocked(r("p1", 6, TK), 0, 0, 0, 0),
                // p2, coded: TL 45 min → band 2; TL with no minutes and PSW → no band, still
                // judged; DL is present but not judged; H is on time.
                {
                    let mut x = r("p2", 2, TL);
                    x.menit_terlambat = 45;
                    x
                },
                r("p2", 3, TL),
                r("p2", 4, PSW),
                r("p2", 5, DL),
                r("p2", 6, H),
            ],
            ..Reconciled::default()
        };
        let settings = Settings::embedded().unwrap();
        let figures = Figures::compute(&rec, &settings).unwrap();
        let report = figures.month_report(ym(2026, 11), d(2026, 12, 1).and_hms_opt(0, 0, 0).unwrap());
        let person = |k: &str| &report.persons.iter().find(|p| p.nip == k).unwrap().att.jam;
        let p1 = person("p1");
        assert_eq!((p1.menit_pulang_cepat, p1.tl, p1.psw), (20, [2, 0, 0, 0], [1, 0, 0, 1]));
        assert_eq!((p1.tepat, p1.dinilai_jam, p1.tepat_waktu()), (1, 4, Some(0.25)));
        let p2 = person("p2");
        assert_eq!((p2.menit_pulang_cepat, p2.tl, p2.psw), (0, [0, 1, 0, 0], [0; 4]));
        assert_eq!((p2.tepat, p2.dinilai_jam), (1, 4));
        let unit = report.units.iter().find(|u| u.kode == "DISHUB").unwrap();
        assert_eq!(unit.att.menit_terlambat, 64);
        assert_eq!(unit.att.menit_tl_psw(), 84);
        let want = ClockSums {
            menit_pulang_cepat: 20,
            tl: [2, 1, 0, 0],
            psw: [1, 0, 0, 1],
            dinilai_jam: 8,
            tepat: 2,
        };
        assert_eq!(unit.att.jam, want);
        assert_eq!(unit.att.jam.tepat_waktu(), Some(0.25));
        assert_eq!(unit.jadwal, "Bawaan");
        assert_eq!(report.city.att.jam, want);
        let kota = report.types.last().unwrap();
        assert_eq!(kota.att.jam, want);
        // Units without clock-judged days: no Tepat Waktu, but a Jadwal.
        let other = report.units.iter().find(|u| u.kode != "DISHUB").unwrap();
        assert_eq!(other.att.jam.tepat_waktu(), None);
        assert!(!other.jadwal.is_empty());
    }

    #[test]
    fn a_coded_tl_is_banded_by_its_minutes() {
        use StatusCode::*;
        let rules = Settings::embedded().unwrap().clock_rules().clone();
        let coded = |code, menit| {
            let mut r = record("p", "", "U", d(2026, 11, 2), code, "");
            r.menit_terlambat = menit;
            clock_bands(&r, &rules)
        };
        let cases = [
            (TL, 0, (0, 0)),
            (TL, 1, (1, 0)),
            (TL, 30, (1, 0)),
            (TL, 31, (2, 0)),
            (TL, 90, (3, 0)),
            (TL, 91, (4, 0)),
            (PSW, 40, (0, 0)),
            (H, 40, (0, 0)),
            (DL, 40, (0, 0)),
        ];
        for (code, menit, want) in cases {
            assert_eq!(coded(code, menit), want, "{code:?} {menit}");
        }
        // A derived day keeps its own bands; a leave code over scans is in none.
        let derived = clocked(record("p", "", "U", d(2026, 11, 2), TL, ""), 95, 0, 4, 2);
        assert_eq!(clock_bands(&derived, &rules), (4, 2));
        let cuti = clocked(record("p", "", "U", d(2026, 11, 2), C, ""), 0, 0, 1, 1);
        assert_eq!(clock_bands(&cuti, &rules), (0, 0));
    }
}
