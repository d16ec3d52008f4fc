//! The tidy data for analysts (SPEC §5): `output/data/kehadiran.csv` and `penilaian.csv`,
//! every accepted record of all months with its lineage (file, sheet, cell). UTF-8, one
//! header row, comma-separated with RFC 4180 quoting, ISO dates, `.` decimals, NIP always
//! quoted so no tool reads it as a number.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::metrics::{capaian, nilai_kinerja, predikat_matrix};
use crate::model::{AttendanceRecord, EvaluationRecord, Rating, StatusClass, YearMonth};
use crate::settings::Settings;

/// RFC 4180: quote when the field holds a comma, quote, or line break.
fn field(out: &mut String, s: &str) {
    // Text that a spreadsheet would run as a formula gets a leading apostrophe (SECURITY.md).
    let guarded;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) { quoted(out, s) } else { out.push_str(s) }
}

fn quoted(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    out.push('"');
}

fn number(out: &mut String, x: Option<f64>) {
    if let Some(v) = x.filter(|v| v.is_finite()) {
        let s = format!("{v:.6}");
        out.push_str(s.trim_end_matches('0').trim_end_matches('.'));
    }
}

fn date(out: &mut String, d: NaiveDate) {
    let _ = write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
}

fn class(c: StatusClass) -> &'static str {
    match c {
        StatusClass::Present => "hadir",
        StatusClass::Sick => "sakit",
        StatusClass::Leave => "izin",
        StatusClass::Cuti => "cuti",
        StatusClass::Unexcused => "tanpa keterangan",
        StatusClass::NotWorking => "bukan hari kerja",
    }
}

fn rating(r: Option<Rating>) -> &'static str {
    r.map(Rating::label).unwrap_or("")
}

/// Streams `kehadiran.csv` to `w` (a province-scale year is over a gigabyte of text: it is
/// never held whole in memory).
pub fn kehadiran(records: &[AttendanceRecord], w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut sorted: Vec<&AttendanceRecord> = records.iter().collect();
    sorted.sort_unstable_by(|a, b| {
        (a.date, &a.unit, &a.person.key, &a.kegiatan).cmp(&(b.date, &b.unit, &b.person.key, &b.kegiatan))
    });
    let mut out = String::with_capacity(1 << 16);
    out.push_str(
        "nip,nama,kode_unit,tanggal,bulan,kode_status,kelas,menit_terlambat,kegiatan,kelompok,berkas,lembar,sel\r\n",
    );
    for r in sorted {
        quoted(&mut out, r.person.nip.as_deref().unwrap_or(""));
        out.push(',');
        field(&mut out, &r.person.nama);
        out.push(',');
        field(&mut out, &r.unit);
        out.push(',');
        date(&mut out, r.date);
        let _ = write!(
            out,
            ",{},{},{},{},",
            YearMonth::of(r.date),
            r.code.as_str(),
            class(r.code.class()),
            r.menit_terlambat
        );
        field(&mut out, &r.kegiatan);
        out.push(',');
        field(&mut out, &r.kelompok);
        out.push(',');
        lineage(&mut out, &r.prov);
        if out.len() > 60_000 {
            w.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    w.write_all(out.as_bytes())
}

/// `berkas,lembar,sel` and the line end.
fn lineage(out: &mut String, prov: &crate::model::Provenance) {
    field(out, &prov.file);
    out.push(',');
    field(out, &prov.sheet);
    out.push(',');
    out.push_str(&prov.cell());
    out.push_str("\r\n");
}

pub fn penilaian(
    records: &[EvaluationRecord],
    settings: &Settings,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut sorted: Vec<&EvaluationRecord> = records.iter().collect();
    sorted.sort_unstable_by(|a, b| (a.month, &a.unit, &a.person.key).cmp(&(b.month, &b.unit, &b.person.key)));
    let mut out = String::from(
        "nip,nama,kode_unit,bulan,target,realisasi,capaian,nilai_perilaku,rating_hasil,rating_perilaku,\
         nilai_kinerja,predikat,berkas,lembar,sel\r\n",
    );
    for e in sorted {
        let c = capaian(e.target, e.realisasi);
        let nk = nilai_kinerja(settings, c, e.nilai_perilaku);
        let predikat = match (nk, e.rating_hasil, e.rating_perilaku) {
            (Some(n), _, _) => settings.config.penilaian.predikat(n).unwrap_or(""),
            (None, Some(h), Some(p)) => predikat_matrix(h, p),
            _ => "",
        };
        quoted(&mut out, e.person.nip.as_deref().unwrap_or(""));
        out.push(',');
        field(&mut out, &e.person.nama);
        out.push(',');
        field(&mut out, &e.unit);
        let _ = write!(out, ",{},", e.month);
        for x in [e.target, e.realisasi, c, e.nilai_perilaku] {
            number(&mut out, x);
            out.push(',');
        }
        let _ = write!(out, "{},{},", rating(e.rating_hasil), rating(e.rating_perilaku));
        number(&mut out, nk);
        out.push(',');
        field(&mut out, predikat);
        out.push(',');
        lineage(&mut out, &e.prov);
        if out.len() > 60_000 {
            w.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    w.write_all(out.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl Fn(&mut String)) -> String {
        let mut s = String::new();
        f(&mut s);
        s
    }

    #[test]
    fn quoting_and_numbers() {
        assert_eq!(with(|o| field(o, "a,b")), "\"a,b\"");
        assert_eq!(with(|o| field(o, "say \"hi\"")), "\"say \"\"hi\"\"\"");
        assert_eq!(with(|o| field(o, "plain")), "plain");
        assert_eq!(with(|o| quoted(o, "198503152010012002")), "\"198503152010012002\"");
        assert_eq!(with(|o| number(o, Some(105.0))), "105");
        assert_eq!(with(|o| number(o, Some(87.6))), "87.6");
        assert_eq!(with(|o| number(o, None)), "");
        assert_eq!(with(|o| date(o, NaiveDate::from_ymd_opt(2026, 3, 5).unwrap())), "2026-03-05");
    }
}
