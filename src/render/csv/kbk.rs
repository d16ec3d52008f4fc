//! `output/data/kbk_kelompok.csv`, `kbk_pertemuan.csv` and `kbk_langkah.csv` (SPEC §11.3),
//! in the house CSV form, each row with the lineage of the record it comes from.
//!
//! - `kbk_kelompok.csv`: one row per group and month with data — the group as defined and
//!   its §11.2 figures as of that month's last day, the monthly member attendance included:
//!   `bulan,kode_unit,kelompok,nomor_sk,tanggal_sk,fasilitator,tema,indikator,satuan,
//!   nilai_awal,target,tanggal_mulai,rencana_selesai,ketua,anggota,pertemuan_bulan,
//!   pertemuan_tahun,pertemuan_target,kehadiran_anggota_bulan,kehadiran_anggota_tahun,
//!   langkah_terakhir,kemajuan,tepat_waktu,ketercapaian,status,skor_komposit,berkas,lembar,sel`.
//! - `kbk_pertemuan.csv`: one row per meeting:
//!   `kode_unit,kelompok,pertemuan_ke,tanggal,durasi_menit,langkah,agenda,hasil,berkas,lembar,sel`.
//! - `kbk_langkah.csv`: one row per step of a group:
//!   `kode_unit,kelompok,langkah,nama_langkah,rencana_mulai,rencana_selesai,realisasi_mulai,
//!   realisasi_selesai,keterangan,berkas,lembar,sel`.
//!
//! Rates are fractions (`0.75`), dates ISO, like the other tidy data.

use std::collections::HashMap;

use super::{date, field, integer, lineage, number};
use crate::ground::kbk::{KbkData, KbkGroup, group_key, langkah_name, strip_group_prefix};
use crate::ground::model::YearMonth;
use crate::metrics::figures::KbkGroupRow;

/// What the three KBK files are written from: the records and each month's group rows.
pub struct KbkCsv<'a> {
    pub data: &'a KbkData,
    /// Months in order, each with its `KBK` rows.
    pub months: Vec<(YearMonth, Vec<KbkGroupRow>)>,
}

/// Writes one KBK file.
type KbkWriter = fn(&KbkCsv, &mut dyn std::io::Write) -> std::io::Result<()>;

impl KbkCsv<'_> {
    /// The files under `output/data/` and how each is written.
    pub const FILES: [(&'static str, KbkWriter); 3] = [
        ("kbk_kelompok.csv", |k, w| kbk_kelompok(k.data, &k.months, w)),
        ("kbk_pertemuan.csv", |k, w| kbk_pertemuan(k.data, w)),
        ("kbk_langkah.csv", |k, w| kbk_langkah(k.data, w)),
    ];
}

fn opt_date(out: &mut String, d: Option<chrono::NaiveDate>) {
    if let Some(d) = d {
        date(out, d);
    }
}

fn opt_integer(out: &mut String, n: Option<u64>) {
    if let Some(n) = n {
        integer(out, n);
    }
}

/// Text fields, each followed by a comma.
fn texts(out: &mut String, values: &[&str]) {
    for v in values {
        field(out, v);
        out.push(',');
    }
}

const KELOMPOK_HEADER: &str = "bulan,kode_unit,kelompok,nomor_sk,tanggal_sk,fasilitator,tema,indikator,satuan,\
nilai_awal,target,tanggal_mulai,rencana_selesai,ketua,anggota,pertemuan_bulan,pertemuan_tahun,pertemuan_target,\
kehadiran_anggota_bulan,kehadiran_anggota_tahun,langkah_terakhir,kemajuan,tepat_waktu,ketercapaian,status,\
skor_komposit,berkas,lembar,sel\r\n";

/// `kbk_kelompok.csv` from each month's group rows (months in order).
pub fn kbk_kelompok(
    data: &KbkData,
    months: &[(YearMonth, Vec<KbkGroupRow>)],
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let defs: HashMap<(String, String), &KbkGroup> =
        data.groups.iter().map(|g| (group_key(&g.unit, &g.nama), g)).collect();
    let mut out = String::from(KELOMPOK_HEADER);
    for (m, rows) in months {
        for r in rows {
            let Some(g) = defs.get(&group_key(&r.kode_unit, &r.kelompok)) else { continue };
            kelompok_row(&mut out, *m, r, g);
        }
    }
    w.write_all(out.as_bytes())
}

fn kelompok_row(out: &mut String, m: YearMonth, r: &KbkGroupRow, g: &KbkGroup) {
    field(out, &m.to_string());
    out.push(',');
    texts(out, &[&r.kode_unit, &r.kelompok, &g.no_sk]);
    opt_date(out, g.tanggal_sk);
    out.push(',');
    texts(out, &[&r.fasilitator, &g.tema, &g.indikator, &g.satuan]);
    number(out, g.nilai_awal);
    out.push(',');
    number(out, g.target);
    out.push(',');
    opt_date(out, g.tanggal_mulai);
    out.push(',');
    opt_date(out, g.tanggal_selesai);
    out.push(',');
    texts(out, &[&r.ketua]);
    for n in [r.anggota, r.pertemuan_bulan, r.pertemuan_tahun, r.pertemuan_target] {
        integer(out, n);
        out.push(',');
    }
    number(out, r.kehadiran_bulan);
    out.push(',');
    number(out, r.kehadiran_anggota);
    out.push(',');
    opt_integer(out, r.langkah_terakhir.map(u64::from));
    out.push(',');
    for x in [Some(r.kemajuan), r.tepat_waktu, r.ketercapaian] {
        number(out, x);
        out.push(',');
    }
    texts(out, &[r.status.label()]);
    number(out, Some(r.skor_komposit));
    out.push(',');
    lineage(out, &g.prov);
}

/// `kbk_pertemuan.csv`: every accepted meeting, by unit, group and date.
pub fn kbk_pertemuan(data: &KbkData, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut meetings: Vec<_> = data.meetings.iter().collect();
    meetings.sort_by_key(|m| (group_key(&m.unit, &m.kelompok), m.tanggal, m.ke));
    let mut out = String::from(
        "kode_unit,kelompok,pertemuan_ke,tanggal,durasi_menit,langkah,agenda,hasil,berkas,lembar,sel\r\n",
    );
    for m in meetings {
        texts(&mut out, &[&m.unit, &strip_group_prefix(&m.kelompok)]);
        opt_integer(&mut out, m.ke.map(u64::from));
        out.push(',');
        date(&mut out, m.tanggal);
        out.push(',');
        opt_integer(&mut out, m.durasi.map(u64::from));
        out.push(',');
        opt_integer(&mut out, m.langkah.map(u64::from));
        out.push(',');
        texts(&mut out, &[&m.agenda, &m.hasil]);
        lineage(&mut out, &m.prov);
    }
    w.write_all(out.as_bytes())
}

/// `kbk_langkah.csv`: every accepted step row, by unit, group and step.
pub fn kbk_langkah(data: &KbkData, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut steps: Vec<_> = data.steps.iter().collect();
    steps.sort_by_key(|s| (group_key(&s.unit, &s.kelompok), s.langkah));
    let mut out = String::from(
        "kode_unit,kelompok,langkah,nama_langkah,rencana_mulai,rencana_selesai,realisasi_mulai,\
         realisasi_selesai,keterangan,berkas,lembar,sel\r\n",
    );
    for s in steps {
        texts(&mut out, &[&s.unit, &strip_group_prefix(&s.kelompok)]);
        integer(&mut out, u64::from(s.langkah));
        out.push(',');
        texts(&mut out, &[langkah_name(s.langkah)]);
        for d in [s.rencana_mulai, s.rencana_selesai, s.realisasi_mulai, s.realisasi_selesai] {
            opt_date(&mut out, d);
            out.push(',');
        }
        texts(&mut out, &[&s.keterangan]);
        lineage(&mut out, &s.prov);
    }
    w.write_all(out.as_bytes())
}
