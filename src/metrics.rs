//! The figures of SPEC §4. Accepted records become two columnar frames; polars sums them per
//! person, unit, unit type and city for every month at once (pooled sums, never means of
//! rates); the results are read back into the plain structs of `report`. Nothing outside
//! this module knows about polars.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use polars::prelude::*;

use crate::ingest::values::norm_name;
use crate::model::{AttendanceRecord, EvaluationRecord, Rating, StatusClass, StatusCode, YearMonth};
use crate::reconcile::{LedgerRow, Reconciled};
use crate::report::{
    Attendance, CityFigures, Coverage, FileRow, KegiatanRow, Letterhead, MonthReport, PersonRow,
    StatusLaporan, TypeRow, UnitRow,
};
use crate::settings::{PLACEHOLDER_SIGNER, Settings, UNIT_TYPES};

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

/// All months' aggregates, computed once.
pub struct Figures<'a> {
    rec: &'a Reconciled,
    settings: &'a Settings,
    unit_att: HashMap<(i32, String), AttGroup>,
    type_att: HashMap<(i32, String), AttGroup>,
    city_att: HashMap<i32, AttGroup>,
    person_att: HashMap<(i32, String, String), Attendance>,
    unit_eval: HashMap<(i32, String), EvalGroup>,
    type_eval: HashMap<(i32, String), EvalGroup>,
    city_eval: HashMap<i32, EvalGroup>,
    kegiatan: Vec<(i32, KegiatanRow)>,
    scored: Vec<Scored<'a>>,
    /// Months with at least one accepted record.
    data_months: BTreeSet<YearMonth>,
}

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

/// The PermenPAN-RB 6/2022 matrix (rating hasil kerja × rating perilaku kerja).
pub fn predikat_matrix(hasil: Rating, perilaku: Rating) -> &'static str {
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

fn flag(b: bool) -> i64 {
    i64::from(b)
}

impl<'a> Figures<'a> {
    pub fn compute(rec: &'a Reconciled, settings: &'a Settings) -> PolarsResult<Self> {
        let mut dict = Dictionary::default();
        let kota = dict.id("Kota");
        let jenis_of = |kode: &str| settings.unit_by_code(kode).map(|u| u.jenis.clone()).unwrap_or_default();
        let att = attendance_frame(&rec.attendance, &jenis_of, &mut dict)?;
        let work = att.clone().lazy().filter(col("kerja").eq(lit(true)));

        let unit_att = att_groups(work.clone(), &["ym", "unit"], &dict)?.into_iter().collect();
        let type_att = att_groups(work.clone(), &["ym", "jenis"], &dict)?.into_iter().collect();
        let city_att = att_groups(work.clone().with_column(lit(kota).alias("kota")), &["ym", "kota"], &dict)?
            .into_iter()
            .map(|(k, g)| (k.0, g))
            .collect();
        let person_att = person_groups(work, &dict)?;
        let kegiatan = kegiatan_rows(&att, settings, &dict)?;

        let scored: Vec<Scored> = rec
            .evaluations
            .iter()
            .map(|e| {
                let c = capaian(e.target, e.realisasi);
                let nk = nilai_kinerja(settings, c, e.nilai_perilaku);
                let predikat = match (nk, e.rating_hasil, e.rating_perilaku) {
                    (Some(n), _, _) => settings.config.penilaian.predikat(n).map(String::from),
                    (None, Some(h), Some(p)) => Some(predikat_matrix(h, p).to_string()),
                    _ => None,
                };
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

        let data_months = rec
            .attendance
            .iter()
            .map(|a| YearMonth::of(a.date))
            .chain(rec.evaluations.iter().map(|e| e.month))
            .collect();
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
        })
    }

    /// Months with at least one accepted record.
    pub fn data_months(&self) -> &BTreeSet<YearMonth> {
        &self.data_months
    }

    /// The city figures of a month.
    pub fn city(&self, m: YearMonth) -> CityFigures {
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
        for s in self.scored.iter().filter(|s| s.rec.month == m && unit.is_none_or(|u| s.rec.unit == u)) {
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
                }
            })
            .collect();
        rank_units(&mut units);

        let city = self.city(m);
        let mut types: Vec<TypeRow> = UNIT_TYPES
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
            .collect();
        types.push(TypeRow {
            jenis: "Kota".into(),
            unit: city.unit_total,
            unit_melapor: city.unit_melapor,
            pegawai: city.pegawai,
            att: city.att.clone(),
            pegawai_dinilai: city.pegawai_dinilai,
            rata_rata_capaian: city.rata_rata_capaian,
            rata_rata_nilai_kinerja: city.rata_rata_nilai_kinerja,
        });

        let previous = self.data_months.contains(&m.prev()).then(|| self.city(m.prev()));
        let trend = self.trend(m);
        let persons = self.persons(m);
        let kegiatan = self.kegiatan.iter().filter(|(km, _)| *km == k).map(|(_, r)| r.clone()).collect();
        let files = self.rec.ledger.iter().filter(|r| r.month.is_none_or(|x| x == m)).map(file_row).collect();
        let issues = self.rec.issues.iter().filter(|i| i.month.is_none_or(|x| x == m)).cloned().collect();
        MonthReport {
            month: m,
            generated_at,
            tanggal_laporan: m.last_day(),
            letterhead: letterhead(self.settings),
            city,
            previous,
            units,
            types,
            persons,
            kegiatan,
            trend,
            files,
            issues,
        }
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
            .rec
            .attendance
            .iter()
            .filter(|a| a.unit == kode && m.contains(a.date))
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
        // (person key, unit) → row under construction; names from the latest record.
        let mut rows: BTreeMap<(String, String), PersonRow> = BTreeMap::new();
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
        for a in self.rec.attendance.iter().filter(|a| m.contains(a.date)) {
            let key = (a.person.key.clone(), a.unit.clone());
            let row = rows.entry(key).or_insert_with(|| blank(&a.person.nip, &a.person.nama, &a.unit));
            if row.nama.is_empty() {
                row.nama = a.person.nama.clone();
            }
        }
        for s in self.scored.iter().filter(|s| s.rec.month == m) {
            let e = s.rec;
            let row = rows
                .entry((e.person.key.clone(), e.unit.clone()))
                .or_insert_with(|| blank(&e.person.nip, &e.person.nama, &e.unit));
            row.capaian = s.capaian;
            row.nilai_perilaku = e.nilai_perilaku;
            row.nilai_kinerja = s.nilai_kinerja;
            row.predikat = s.predikat.clone();
        }
        let tk = self.tk_window(m);
        for ((person, unit), row) in rows.iter_mut() {
            if let Some(a) = self.person_att.get(&(k, unit.clone(), person.clone())) {
                row.att = a.clone();
            }
            let (cum, run) = tk.get(person).copied().unwrap_or((0, 0));
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

    /// Per person: TK days from January of `m`'s year through `m`, and the longest run of TK
    /// over consecutive working-day records in that window (L/TB and missing dates do not
    /// break a run).
    fn tk_window(&self, m: YearMonth) -> HashMap<String, (u64, u64)> {
        let start = NaiveDate::from_ymd_opt(m.year, 1, 1).unwrap_or_default();
        let end = m.last_day();
        let mut by_person: HashMap<&str, Vec<(NaiveDate, StatusCode)>> = HashMap::new();
        for a in &self.rec.attendance {
            if a.kegiatan.is_empty() && a.date >= start && a.date <= end && a.code.is_working_day() {
                by_person.entry(a.person.key.as_str()).or_default().push((a.date, a.code));
            }
        }
        by_person
            .into_iter()
            .map(|(p, mut days)| {
                days.sort();
                let mut cum = 0u64;
                let mut run = 0u64;
                let mut best = 0u64;
                for (_, code) in days {
                    if code == StatusCode::TK {
                        cum += 1;
                        run += 1;
                        best = best.max(run);
                    } else {
                        run = 0;
                    }
                }
                (p.to_string(), (cum, best))
            })
            .collect()
    }
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
    jenis_of: &dyn Fn(&str) -> String,
    dict: &mut Dictionary,
) -> PolarsResult<DataFrame> {
    let n = recs.len();
    let persons: Vec<u32> = recs.iter().map(|r| dict.id(&r.person.key)).collect();
    let units: Vec<u32> = recs.iter().map(|r| dict.id(&r.unit)).collect();
    let jenis = dict.jenis_ids(&units, jenis_of);
    let class = |r: &AttendanceRecord| r.code.class();
    let columns = vec![
        Column::new("person".into(), persons),
        Column::new("unit".into(), units),
        Column::new("jenis".into(), jenis),
        Column::new("ym".into(), recs.iter().map(|r| ym_key(YearMonth::of(r.date))).collect::<Vec<i32>>()),
        Column::new("day".into(), recs.iter().map(|r| days(r.date)).collect::<Vec<i32>>()),
        Column::new("kerja".into(), recs.iter().map(|r| r.kegiatan.is_empty()).collect::<Vec<bool>>()),
        Column::new("kegiatan".into(), recs.iter().map(|r| r.kegiatan.as_str()).collect::<Vec<_>>()),
        Column::new("kelompok".into(), recs.iter().map(|r| r.kelompok.as_str()).collect::<Vec<_>>()),
        Column::new("wd".into(), recs.iter().map(|r| flag(r.code.is_working_day())).collect::<Vec<i64>>()),
        Column::new(
            "hadir".into(),
            recs.iter().map(|r| flag(class(r) == StatusClass::Present)).collect::<Vec<i64>>(),
        ),
        Column::new(
            "sakit".into(),
            recs.iter().map(|r| flag(class(r) == StatusClass::Sick)).collect::<Vec<i64>>(),
        ),
        Column::new(
            "izin".into(),
            recs.iter().map(|r| flag(class(r) == StatusClass::Leave)).collect::<Vec<i64>>(),
        ),
        Column::new(
            "cuti".into(),
            recs.iter().map(|r| flag(class(r) == StatusClass::Cuti)).collect::<Vec<i64>>(),
        ),
        Column::new(
            "tk".into(),
            recs.iter().map(|r| flag(class(r) == StatusClass::Unexcused)).collect::<Vec<i64>>(),
        ),
        Column::new("menit".into(), recs.iter().map(|r| i64::from(r.menit_terlambat)).collect::<Vec<i64>>()),
    ];
    DataFrame::new(n, columns)
}

const SUMS: [&str; 7] = ["wd", "hadir", "sakit", "izin", "cuti", "tk", "menit"];

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

fn person_groups(
    lf: LazyFrame,
    dict: &Dictionary,
) -> PolarsResult<HashMap<(i32, String, String), Attendance>> {
    let aggs: Vec<Expr> = SUMS.iter().map(|c| col(*c).sum()).collect();
    let df = lf.group_by([col("ym"), col("unit"), col("person")]).agg(aggs).collect()?;
    let ym = int_col(&df, "ym")?;
    let unit = key_col(&df, "unit", dict)?;
    let person = key_col(&df, "person", dict)?;
    let sums: Vec<Vec<u64>> = SUMS.iter().map(|c| int_col(&df, c)).collect::<PolarsResult<_>>()?;
    Ok((0..df.height())
        .map(|i| ((ym[i] as i32, unit[i].clone(), person[i].clone()), attendance_of(&sums, i)))
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
}
