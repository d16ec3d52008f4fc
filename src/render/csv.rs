//! The tidy data for analysts (SPEC §5): `output/data/kehadiran.csv` and `penilaian.csv`,
//! every accepted record of all months with its lineage (file, sheet, cell). UTF-8, one
//! header row, comma-separated with RFC 4180 quoting, ISO dates, `.` decimals, NIP always
//! quoted so no tool reads it as a number.

use std::fmt::Write as _;

use crate::metrics::{capaian, nilai_kinerja, predikat_matrix};
use crate::model::{AttendanceRecord, EvaluationRecord, Rating, StatusClass, YearMonth};
use crate::settings::Settings;

/// RFC 4180: quote when the field holds a comma, quote, or line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { quoted(s) } else { s.to_string() }
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn number(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => {
            let s = format!("{:.6}", v);
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        _ => String::new(),
    }
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

pub fn kehadiran(records: &[AttendanceRecord]) -> Vec<u8> {
    let mut sorted: Vec<&AttendanceRecord> = records.iter().collect();
    sorted.sort_by(|a, b| {
        (a.date, &a.unit, &a.person.key, &a.kegiatan).cmp(&(b.date, &b.unit, &b.person.key, &b.kegiatan))
    });
    let mut out = String::from(
        "nip,nama,kode_unit,tanggal,bulan,kode_status,kelas,menit_terlambat,kegiatan,kelompok,berkas,lembar,sel\r\n",
    );
    for r in sorted {
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n",
            quoted(r.person.nip.as_deref().unwrap_or("")),
            field(&r.person.nama),
            field(&r.unit),
            r.date.format("%Y-%m-%d"),
            YearMonth::of(r.date),
            r.code.as_str(),
            class(r.code.class()),
            r.menit_terlambat,
            field(&r.kegiatan),
            field(&r.kelompok),
            field(&r.prov.file),
            field(&r.prov.sheet),
            r.prov.cell()
        );
    }
    out.into_bytes()
}

pub fn penilaian(records: &[EvaluationRecord], settings: &Settings) -> Vec<u8> {
    let mut sorted: Vec<&EvaluationRecord> = records.iter().collect();
    sorted.sort_by(|a, b| (a.month, &a.unit, &a.person.key).cmp(&(b.month, &b.unit, &b.person.key)));
    let mut out = String::from(
        "nip,nama,kode_unit,bulan,target,realisasi,capaian,nilai_perilaku,rating_hasil,rating_perilaku,\
         nilai_kinerja,predikat,berkas,lembar,sel\r\n",
    );
    for e in sorted {
        let c = capaian(e.target, e.realisasi);
        let nk = nilai_kinerja(settings, c, e.nilai_perilaku);
        let predikat = match (nk, e.rating_hasil, e.rating_perilaku) {
            (Some(n), _, _) => settings.config.penilaian.predikat(n).unwrap_or("").to_string(),
            (None, Some(h), Some(p)) => predikat_matrix(h, p).to_string(),
            _ => String::new(),
        };
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n",
            quoted(e.person.nip.as_deref().unwrap_or("")),
            field(&e.person.nama),
            field(&e.unit),
            e.month,
            number(e.target),
            number(e.realisasi),
            number(c),
            number(e.nilai_perilaku),
            rating(e.rating_hasil),
            rating(e.rating_perilaku),
            number(nk),
            field(&predikat),
            field(&e.prov.file),
            field(&e.prov.sheet),
            e.prov.cell()
        );
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_numbers() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("plain"), "plain");
        assert_eq!(quoted("198503152010012002"), "\"198503152010012002\"");
        assert_eq!(number(Some(105.0)), "105");
        assert_eq!(number(Some(87.6)), "87.6");
        assert_eq!(number(None), "");
    }
}
