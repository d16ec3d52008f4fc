//! The tidy data for analysts (SPEC §5): the bytes of `output/data/kehadiran-YYYY-MM.csv` and
//! `penilaian-YYYY-MM.csv`, the accepted records given (`publish` passes one month's) with
//! their lineage (file, sheet, cell). UTF-8, one header row, comma-separated with RFC 4180
//! quoting, ISO dates, `.` decimals, NIP always quoted so no tool reads it as a number.
//! Records are taken as `&[AttendanceRecord]` or `&[&AttendanceRecord]` alike (`Borrow`), so a
//! month's subset is rendered without cloning a record.
//!
//! `kehadiran` columns: `nip,nama,kode_unit,tanggal,bulan,kode_status,kelas,
//! menit_terlambat,kegiatan,kelompok,berkas,lembar,sel`, then the clock-time evidence of SPEC
//! §3.9 (appended so the earlier columns keep their positions): `menit_pulang_cepat`,
//! `pita_tl`, `pita_psw` (0 = none, 1–4), `scan` (the kept scans, `07:31;16:05`) — all empty
//! for a day written as a status code — and `keterangan` (`tanpa scan` for a TK day derived
//! where no row exists; such a day has no record read, so its `berkas,lembar,sel` are empty).
//!
//! The Kelompok Budaya Kerja data (SPEC §11.3) are in `kbk`: `kbk_kelompok.csv`,
//! `kbk_pertemuan.csv`, `kbk_langkah.csv`.

mod kbk;

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::ground::model::{
    AttendanceRecord, ClockDetail, EvaluationRecord, Provenance, Rating, StatusClass, YearMonth,
};
use crate::ground::packing;
use crate::ground::settings::Settings;
use crate::metrics::{capaian, nilai_kinerja, predikat};
pub use kbk::{KbkCsv, kbk_kelompok, kbk_langkah, kbk_pertemuan};

/// RFC 4180: quote when the field holds a comma, quote, or line break.
fn field(out: &mut String, s: &str) {
    // Text that a spreadsheet would run as a formula gets a leading apostrophe (SECURITY.md).
    let guard = matches!(s.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    // Bytes, not chars: the four are ASCII, which never occurs inside a multi-byte character.
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push('"');
        if guard {
            out.push('\'');
        }
        escaped(out, s);
        out.push('"');
    } else {
        if guard {
            out.push('\'');
        }
        out.push_str(s);
    }
}

fn quoted(out: &mut String, s: &str) {
    out.push('"');
    escaped(out, s);
    out.push('"');
}

/// `s` with every `"` doubled.
fn escaped(out: &mut String, s: &str) {
    let mut parts = s.split('"');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        out.push_str("\"\"");
        out.push_str(part);
    }
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

/// Streams the `kehadiran` CSV of `records` to `w` (a province-scale year is over a gigabyte
/// of text: it is never held whole in memory). Rows in (date, unit, person key, kegiatan)
/// order, ties in the order given — so the rows of a month's subset are exactly, byte for
/// byte, that month's rows of the CSV of all records.
pub fn kehadiran(
    records: &[impl Borrow<AttendanceRecord>],
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut out = String::with_capacity(1 << 16);
    out.push_str(
        "nip,nama,kode_unit,tanggal,bulan,kode_status,kelas,menit_terlambat,kegiatan,kelompok,berkas,lembar,sel,\
         menit_pulang_cepat,pita_tl,pita_psw,scan,keterangan\r\n",
    );
    let mut day: Option<(NaiveDate, String)> = None;
    let mut prefix = Prefix::default();
    for i in attendance_order(records) {
        let r: &AttendanceRecord = records[i as usize].borrow();
        quoted(&mut out, r.person.nip.as_deref().unwrap_or(""));
        out.push(',');
        field(&mut out, &r.person.nama);
        out.push(',');
        field(&mut out, &r.unit);
        // `tanggal,bulan,` changes only with the date: rows are sorted by date first.
        match &day {
            Some((d, text)) if *d == r.date => out.push_str(text),
            _ => {
                let mut text = String::from(",");
                date(&mut text, r.date);
                let _ = write!(text, ",{},", YearMonth::of(r.date));
                out.push_str(&text);
                day = Some((r.date, text));
            }
        }
        out.push_str(r.code.as_str());
        out.push(',');
        out.push_str(class(r.code.class()));
        out.push(',');
        integer(&mut out, u64::from(r.menit_terlambat));
        out.push(',');
        field(&mut out, &r.kegiatan);
        out.push(',');
        field(&mut out, &r.kelompok);
        out.push(',');
        if r.clock.as_ref().is_some_and(|c| c.tanpa_scan) {
            out.push_str(",,");
        } else {
            prefix.write(&mut out, &r.prov);
            cell(&mut out, &r.prov);
        }
        clock(&mut out, r.clock.as_deref());
        if out.len() > 60_000 {
            w.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    w.write_all(out.as_bytes())
}

/// The indices of `records` in (date, unit, person key, kegiatan) order — the byte order of
/// the strings — then by index. Each field becomes a small integer (days since the first
/// date; the rank of the text among the distinct texts of its column), packed into one
/// integer sort key.
fn attendance_order(records: &[impl Borrow<AttendanceRecord>]) -> Vec<u32> {
    let records = || records.iter().map(Borrow::borrow);
    let Some(first) = records().map(|r| r.date).min() else {
        return Vec::new();
    };
    let day0 = first.num_days_from_ce();
    let units = ranks(records().map(|r| &*r.unit));
    let persons = ranks(records().map(|r| r.person.key.as_str()));
    let kegiatan = ranks(records().map(|r| r.kegiatan.as_str()));
    let fields: Vec<[u32; 4]> = records()
        .enumerate()
        .map(|(i, r)| [(r.date.num_days_from_ce() - day0) as u32, units[i], persons[i], kegiatan[i]])
        .collect();
    drop((units, persons, kegiatan));
    let widths = packing::widths(&fields);
    if widths.iter().sum::<u32>() <= 64 {
        sorted::<u64>(fields, &widths)
    } else {
        sorted::<u128>(fields, &widths)
    }
}

fn sorted<K: packing::Key>(fields: Vec<[u32; 4]>, widths: &[u32; 4]) -> Vec<u32> {
    let mut keys: Vec<(K, u32)> =
        fields.iter().enumerate().map(|(i, f)| (K::pack(f, widths), i as u32)).collect();
    drop(fields);
    keys.sort_unstable();
    keys.into_iter().map(|k| k.1).collect()
}

/// For each text, the rank of its value among the distinct values, in byte order.
fn ranks<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut last: Option<(&str, u32)> = None;
    let mut out: Vec<u32> = texts
        .map(|t| match last {
            // Neighbouring records mostly repeat the text: no hashing then.
            Some((l, id)) if l == t => id,
            _ => {
                let next = ids.len() as u32;
                let id = *ids.entry(t).or_insert(next);
                last = Some((t, id));
                id
            }
        })
        .collect();
    let mut distinct: Vec<(&str, u32)> = ids.into_iter().collect();
    distinct.sort_unstable();
    let mut rank_of = vec![0u32; distinct.len()];
    for (rank, &(_, id)) in distinct.iter().enumerate() {
        rank_of[id as usize] = rank as u32;
    }
    for v in &mut out {
        *v = rank_of[*v as usize];
    }
    out
}

/// `berkas,lembar,` of the last provenance written: records of one sheet share the file and
/// sheet `Arc`s, so the quoting is done once per run of rows from the same sheet.
#[derive(Default)]
struct Prefix {
    of: Option<(*const u8, *const u8)>,
    text: String,
}

impl Prefix {
    fn write(&mut self, out: &mut String, prov: &Provenance) {
        let of = (prov.file.as_ptr(), prov.sheet.as_ptr());
        if self.of != Some(of) {
            self.text.clear();
            field(&mut self.text, &prov.file);
            self.text.push(',');
            field(&mut self.text, &prov.sheet);
            self.text.push(',');
            self.of = Some(of);
        }
        out.push_str(&self.text);
    }
}

/// `,menit_pulang_cepat,pita_tl,pita_psw,scan,keterangan` and the line end; empty fields for
/// a day written as a status code.
fn clock(out: &mut String, detail: Option<&ClockDetail>) {
    let Some(c) = detail else {
        out.push_str(",,,,,\r\n");
        return;
    };
    out.push(',');
    integer(out, u64::from(c.menit_pulang_cepat));
    out.push(',');
    integer(out, u64::from(c.tl_band));
    out.push(',');
    integer(out, u64::from(c.psw_band));
    out.push(',');
    for (i, t) in c.scans.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        let _ = write!(out, "{t}");
    }
    out.push(',');
    if c.tanpa_scan {
        out.push_str(TANPA_SCAN);
    }
    out.push_str("\r\n");
}

/// The `keterangan` of a TK day derived where no row exists (SPEC §3.9).
const TANPA_SCAN: &str = "tanpa scan";

/// `sel` (an `A1` reference, as `Provenance::cell`).
fn cell(out: &mut String, prov: &Provenance) {
    let mut letters = [0u8; 8];
    let mut at = letters.len();
    let mut n = u64::from(prov.col) + 1;
    while n > 0 {
        at -= 1;
        letters[at] = b'A' + ((n - 1) % 26) as u8;
        n = (n - 1) / 26;
    }
    for &b in &letters[at..] {
        out.push(char::from(b));
    }
    integer(out, u64::from(prov.row) + 1);
}

/// A non-negative integer in decimal, without `fmt`.
fn integer(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &digits[at..] {
        out.push(char::from(b));
    }
}

/// `berkas,lembar,sel` and the line end.
fn lineage(out: &mut String, prov: &Provenance) {
    field(out, &prov.file);
    out.push(',');
    field(out, &prov.sheet);
    out.push(',');
    cell(out, prov);
    out.push_str("\r\n");
}

/// Streams the `penilaian` CSV of `records` to `w`: rows in (month, unit, person key) order,
/// ties in the order given (a stable sort, so a month's subset gives that month's rows of
/// the CSV of all records).
pub fn penilaian(
    records: &[impl Borrow<EvaluationRecord>],
    settings: &Settings,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut sorted: Vec<&EvaluationRecord> = records.iter().map(Borrow::borrow).collect();
    sorted.sort_by(|a, b| (a.month, &a.unit, &a.person.key).cmp(&(b.month, &b.unit, &b.person.key)));
    let mut out = String::from(
        "nip,nama,kode_unit,bulan,target,realisasi,capaian,nilai_perilaku,rating_hasil,rating_perilaku,\
         nilai_kinerja,predikat,berkas,lembar,sel\r\n",
    );
    for e in sorted {
        let c = capaian(e.target, e.realisasi);
        let nk = nilai_kinerja(settings, c, e.nilai_perilaku);
        let predikat = predikat(settings, nk, e.rating_hasil, e.rating_perilaku).unwrap_or("");
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

    #[test]
    fn formula_guard_and_quoting_together() {
        assert_eq!(with(|o| field(o, "=1+1")), "'=1+1");
        assert_eq!(with(|o| field(o, "-a,b")), "\"'-a,b\"");
        assert_eq!(with(|o| field(o, "\rx")), "\"'\rx\"");
        assert_eq!(with(|o| field(o, "a\"b\"")), "\"a\"\"b\"\"\"");
        assert_eq!(with(|o| field(o, "Ma’ruf, S.E.")), "\"Ma’ruf, S.E.\"");
        assert_eq!(with(|o| field(o, "")), "");
        assert_eq!(with(|o| quoted(o, "\"")), "\"\"\"\"");
    }

    #[test]
    fn cell_references_and_integers() {
        for (row, col) in [(0, 0), (13, 2), (0, 25), (9, 26), (99, 701), (1_048_575, 702), (5, 16_383)] {
            let prov = Provenance { file: "f".into(), sheet: "s".into(), row, col };
            assert_eq!(with(|o| cell(o, &prov)), prov.cell());
        }
        assert_eq!(
            with(|o| cell(o, &Provenance { file: "f".into(), sheet: "s".into(), row: 0, col: 26 })),
            "AA1"
        );
        for n in [0, 7, 10, 1_234_567_890, u64::MAX] {
            assert_eq!(with(|o| integer(o, n)), n.to_string());
        }
    }

    fn att(date: u32, unit: &str, key: &str, kegiatan: &str) -> AttendanceRecord {
        AttendanceRecord {
            person: crate::ground::model::Person { key: key.into(), nip: None, nama: key.into() }.into(),
            unit: unit.into(),
            date: NaiveDate::from_ymd_opt(2026, 1, date).unwrap(),
            code: crate::ground::model::StatusCode::H,
            menit_terlambat: 0,
            kegiatan: kegiatan.into(),
            kelompok: String::new(),
            prov: Provenance { file: "f".into(), sheet: "s".into(), row: date, col: 0 },
            clock: None,
        }
    }

    #[test]
    fn ranks_in_byte_order() {
        let texts = ["b", "a", "b", "b", "U10", "", "U2", "a"];
        assert_eq!(ranks(texts.into_iter()), vec![4, 3, 4, 4, 1, 0, 2, 3]);
        assert!(ranks(std::iter::empty()).is_empty());
    }

    #[test]
    fn order_is_date_unit_person_kegiatan_by_bytes() {
        let recs = vec![
            att(3, "U2", "B", ""),
            att(3, "U10", "B", ""),
            att(2, "U2", "Z", "Apel"),
            att(2, "U2", "Z", ""),
            att(2, "U2", "A", "apel"),
            att(2, "U2", "A", "Apel"),
            att(31, "U1", "198503152010012002", ""),
            att(2, "U1", "U1|budi", ""),
            att(2, "U1", "198503152010012002", ""),
        ];
        let mut expected: Vec<usize> = (0..recs.len()).collect();
        expected.sort_by(|&a, &b| {
            let (a, b) = (&recs[a], &recs[b]);
            (a.date, &a.unit, &a.person.key, &a.kegiatan).cmp(&(b.date, &b.unit, &b.person.key, &b.kegiatan))
        });
        let order: Vec<usize> = attendance_order(&recs).into_iter().map(|i| i as usize).collect();
        assert_eq!(order, expected);
        assert_eq!(order, vec![8, 7, 5, 4, 3, 2, 1, 0, 6]);
        assert!(attendance_order(&[] as &[AttendanceRecord]).is_empty());
        // The u128 path gives the same order.
        let fields: Vec<[u32; 4]> = vec![[1, 0, 2, 0], [0, 1, 0, 0], [1, 0, 1, 1], [1, 0, 1, 0]];
        let w = packing::widths(&fields);
        assert_eq!(sorted::<u128>(fields.clone(), &w), vec![1, 3, 2, 0]);
        assert_eq!(sorted::<u64>(fields, &w), vec![1, 3, 2, 0]);
    }

    #[test]
    fn kehadiran_rows() {
        let mut a = att(5, "U1", "k", "-x");
        std::sync::Arc::make_mut(&mut a.person).nip = Some("198503152010012002".into());
        a.prov = Provenance { file: "dir/a,b.xlsx".into(), sheet: "Jan \"1\"".into(), row: 9, col: 27 };
        a.menit_terlambat = 15;
        let b = att(4, "U1", "k", "");
        let mut out = Vec::new();
        kehadiran(&[a, b], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let rows: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(rows[1], "\"\",k,U1,2026-01-04,2026-01,H,hadir,0,,,f,s,A5,,,,,");
        assert_eq!(
            rows[2],
            "\"198503152010012002\",k,U1,2026-01-05,2026-01,H,hadir,15,'-x,,\"dir/a,b.xlsx\",\"Jan \"\"1\"\"\",AB10,,,,,"
        );
        assert_eq!(rows[3], "");
    }

    #[test]
    fn kehadiran_rows_carry_the_clock_evidence() {
        use crate::ground::clock::ClockTime;
        use crate::ground::model::StatusCode;
        let hm = |h, m| ClockTime::from_hm(h, m).unwrap();
        let detail = |mpc, tl, psw, scans: Vec<ClockTime>, tanpa_scan| {
            Some(Box::new(ClockDetail {
                menit_pulang_cepat: mpc,
                tl_band: tl,
                psw_band: psw,
                scans,
                tanpa_scan,
                jadwal: "Bawaan".into(),
            }))
        };
        let mut late = att(5, "U1", "k", "");
        late.code = StatusCode::TL;
        late.menit_terlambat = 12;
        late.clock = detail(30, 1, 1, vec![hm(7, 42), hm(12, 1), hm(15, 30)], false);
        let mut absent = att(6, "U1", "k", "");
        absent.code = StatusCode::TK;
        absent.clock = detail(0, 0, 0, Vec::new(), true);
        let mut out = Vec::new();
        kehadiran(&[late, absent], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let rows: Vec<&str> = text.split("\r\n").collect();
        assert!(rows[0].ends_with(",sel,menit_pulang_cepat,pita_tl,pita_psw,scan,keterangan"));
        assert_eq!(rows[1], "\"\",k,U1,2026-01-05,2026-01,TL,hadir,12,,,f,s,A6,30,1,1,07:42;12:01;15:30,");
        assert_eq!(rows[2], "\"\",k,U1,2026-01-06,2026-01,TK,tanpa keterangan,0,,,,,,0,0,0,,tanpa scan");
        assert_eq!(rows[0].split(',').count(), rows[2].split(',').count());
    }
}
