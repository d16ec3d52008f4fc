//! Section 1, the executive summary: four to six generated sentences (attendance, reporting,
//! the extremes, kinerja, discipline, data problems), each written only when it has
//! something to say.

use super::data_quality::Quality;
use super::discipline::tier_rank;
use super::{finite, previous_label};
use crate::ground::text;
use crate::metrics::figures::{MonthReport, StatusLaporan, UnitRow};
use crate::render::pdf::canvas::{BODY, Canvas};

pub(super) fn draw(c: &mut Canvas, r: &MonthReport) {
    c.heading("1. Ringkasan", 3.0 * BODY.line_height());
    for sentence in sentences(r) {
        c.bullet(&sentence, BODY);
        c.gap(0.8);
    }
}

/// The executive summary, 4–6 sentences.
pub(in crate::render::pdf) fn sentences(r: &MonthReport) -> Vec<String> {
    let mut out = vec![attendance(r), reporting(r)];
    out.extend(extremes(r));
    out.push(kinerja(r));
    out.push(discipline(r));
    out.extend(data_problems(r));
    out
}

/// `naik 1,3 poin` / `turun 0,4 poin` / `tidak berubah`, for a change in points.
fn trend_words(points: f64) -> String {
    let s = text::desimal(points.abs(), 1);
    if s == "0,0" {
        "tidak berubah".into()
    } else if points > 0.0 {
        format!("naik {s} poin")
    } else {
        format!("turun {s} poin")
    }
}

fn attendance(r: &MonthReport) -> String {
    let periode = text::periode(r.month);
    let Some(rate) = r.city.att.tingkat_kehadiran() else {
        return format!("Belum ada data kehadiran yang diterima untuk bulan {periode}.");
    };
    let change = r
        .previous
        .as_ref()
        .and_then(|p| p.att.tingkat_kehadiran())
        .map(|before| {
            let words = trend_words((rate - before) * 100.0);
            if words == "tidak berubah" {
                format!(", sama dengan {}", previous_label(r))
            } else {
                format!(", {words} dibanding {}", previous_label(r))
            }
        })
        .unwrap_or_default();
    format!(
        "Tingkat kehadiran pegawai bulan {periode} sebesar {}{change}; tercatat {} hari kerja \
         tanpa keterangan dan {} menit keterlambatan.",
        text::persen(rate),
        text::angka(r.city.att.tk),
        text::angka(r.city.att.menit_terlambat),
    )
}

fn reporting(r: &MonthReport) -> String {
    let count = |s: StatusLaporan| r.units.iter().filter(|u| u.status == s).count();
    let (lengkap, sebagian, belum) =
        (count(StatusLaporan::Lengkap), count(StatusLaporan::Sebagian), count(StatusLaporan::Belum));
    let total = r.units.len();
    let melapor = lengkap + sebagian;
    if total == 0 {
        return "Belum ada unit kerja yang terdaftar dalam konfigurasi.".into();
    }
    if melapor == 0 {
        return format!(
            "Belum ada unit kerja yang melapor untuk bulan {} ({} unit terdaftar).",
            text::periode(r.month),
            text::angka(total as u64)
        );
    }
    if lengkap == total {
        return format!(
            "Seluruh {} unit kerja telah menyampaikan laporan kehadiran dan penilaian kinerja \
             secara lengkap.",
            text::angka(total as u64)
        );
    }
    let mut s = format!(
        "Sebanyak {} dari {} unit kerja telah melapor",
        text::angka(melapor as u64),
        text::angka(total as u64)
    );
    if sebagian > 0 {
        s += &format!(
            " ({} lengkap, {} baru sebagian)",
            text::angka(lengkap as u64),
            text::angka(sebagian as u64)
        );
    }
    if belum > 0 {
        s += &format!("; {} unit belum melapor sama sekali", text::angka(belum as u64));
    }
    s + "."
}

fn extremes(r: &MonthReport) -> Option<String> {
    let ranked: Vec<(&UnitRow, f64)> = r
        .units_by_kehadiran()
        .into_iter()
        .filter(|u| u.peringkat_kehadiran.is_some())
        .filter_map(|u| u.att.tingkat_kehadiran().map(|t| (u, t)))
        .collect();
    let (best, worst) = (ranked.first()?, ranked.last()?);
    if ranked.len() < 2 || text::persen(best.1) == text::persen(worst.1) {
        return None;
    }
    Some(format!(
        "Tingkat kehadiran unit tertinggi {} ({}), terendah {} ({}).",
        text::persen(best.1),
        with_ties(&ranked, best.0),
        text::persen(worst.1),
        with_ties(&ranked, worst.0)
    ))
}

/// `Inspektorat`, or `Inspektorat dan 2 unit lain` when others share its rank.
fn with_ties(ranked: &[(&UnitRow, f64)], unit: &UnitRow) -> String {
    let others = ranked
        .iter()
        .filter(|(u, _)| u.peringkat_kehadiran == unit.peringkat_kehadiran)
        .count()
        .saturating_sub(1);
    let nama = unit.nama.trim();
    if others == 0 {
        nama.to_string()
    } else {
        format!("{nama} dan {} unit lain", text::angka(others as u64))
    }
}

fn kinerja(r: &MonthReport) -> String {
    let dinilai = text::angka(r.city.pegawai_dinilai);
    let top = r.city.predikat.iter().filter(|(_, n)| *n > 0).max_by_key(|(_, n)| *n);
    let predikat = top
        .map(|(nama, n)| format!("; predikat terbanyak {nama} ({} pegawai)", text::angka(*n)))
        .unwrap_or_default();
    match finite(r.city.rata_rata_nilai_kinerja) {
        Some(v) => {
            let change = r
                .previous
                .as_ref()
                .and_then(|p| finite(p.rata_rata_nilai_kinerja))
                .map(|before| format!(", {} dibanding {}", trend_words(v - before), previous_label(r)))
                .unwrap_or_default();
            format!(
                "Rata-rata nilai kinerja {dinilai} pegawai yang dinilai adalah {}{change}{predikat}.",
                text::desimal(v, 1)
            )
        }
        None if r.city.pegawai_dinilai > 0 => {
            format!("Sebanyak {dinilai} pegawai telah dinilai{predikat}.")
        }
        None => format!("Belum ada data penilaian kinerja untuk bulan {}.", text::periode(r.month)),
    }
}

fn discipline(r: &MonthReport) -> String {
    let warned = r.persons.iter().filter(|p| !p.status_disiplin.trim().is_empty()).count();
    let heavy = r.persons.iter().filter(|p| tier_rank(&p.status_disiplin) >= 1).count();
    let since = format!("sejak Januari {}", r.month.year);
    if warned == 0 {
        return format!(
            "Tidak ada pegawai yang mencapai tingkat peringatan disiplin dari akumulasi hari \
             tanpa keterangan {since}."
        );
    }
    let mut s = format!(
        "Sebanyak {} pegawai mencapai tingkat peringatan disiplin karena akumulasi hari tanpa \
         keterangan {since}",
        text::angka(warned as u64)
    );
    if heavy > 0 {
        s += &format!(", {} di antaranya pada tingkat Sedang atau Berat", text::angka(heavy as u64));
    }
    s + "."
}

fn data_problems(r: &MonthReport) -> Option<String> {
    let q = Quality::of(r);
    if q.ditolak == 0 && q.dilewati == 0 {
        return None;
    }
    let mut s =
        format!("Dari {} catatan yang dibaca, {} ditolak", text::angka(q.dibaca), text::angka(q.ditolak));
    if q.dilewati > 0 {
        s += &format!(" dan {} berkas atau lembar dilewati", text::angka(q.dilewati as u64));
    }
    Some(s + "; rinciannya ada pada lembar Masalah dan Berkas di berkas XLSX.")
}
