//! Section 6, discipline (PP 94/2021 early warning): the number of staff per tier, then the
//! staff at the `Sedang` and `Berat` tiers, heaviest first.

use super::nip_line;
use crate::ground::text;
use crate::metrics::figures::{MonthReport, PersonRow};
use crate::render::pdf::canvas::{BODY, CAPTION, Canvas};
use crate::render::pdf::table::{Column, Table, bold, with_sub};

pub(super) fn draw(c: &mut Canvas, r: &MonthReport) {
    let intro = format!(
        "Status disiplin adalah indikator peringatan dini menurut PP 94/2021, dihitung dari \
         akumulasi hari kerja tanpa keterangan sejak Januari {} dan hari tanpa keterangan \
         berturut-turut. Status ini bukan keputusan hukuman disiplin; setiap kasus perlu \
         diklarifikasi oleh atasan langsung.",
        r.month.year
    );
    c.heading("6. Disiplin Pegawai", 4.0 * CAPTION.line_height() + 12.0);
    c.paragraph(&intro, CAPTION, 0.0);
    c.gap(1.5);
    let tiers = discipline_tiers(r);
    if tiers.is_empty() {
        c.paragraph("Tidak ada pegawai yang mencapai tingkat peringatan disiplin.", BODY, 0.0);
        return;
    }
    let mut t = Table::new(
        vec![Column::flex("Tingkat Peringatan"), Column::number("Jumlah Pegawai")],
        "Jumlah Pegawai per Tingkat (lanjutan)",
    )
    .with_width(110.0);
    for (label, n) in &tiers {
        t.push(vec![label.as_str().into(), text::angka(*n).into()]);
    }
    let total: u64 = tiers.iter().map(|(_, n)| n).sum();
    t.push(vec![bold("Jumlah"), bold(text::angka(total))]);
    t.draw(c);
    c.gap(4.0);
    heavy_table(c, r);
}

fn heavy_table(c: &mut Canvas, r: &MonthReport) {
    let persons = heavy_persons(r);
    let sub = "Pegawai pada tingkat Sedang dan Berat";
    if persons.is_empty() {
        c.subheading(sub, BODY.line_height());
        c.paragraph("Tidak ada pegawai pada tingkat Sedang atau Berat.", BODY, 0.0);
        return;
    }
    let mut t = Table::new(
        vec![
            Column::number("No"),
            Column::flex("Nama / NIP"),
            Column::flex("Unit Kerja"),
            Column::number("TK Kumulatif"),
            Column::number("TK Berturut"),
            Column::flex("Status Disiplin"),
        ],
        "Pegawai pada tingkat Sedang dan Berat (lanjutan)",
    );
    for (i, p) in persons.iter().enumerate() {
        t.push(vec![
            text::angka(i as u64 + 1).into(),
            with_sub(p.nama.as_str(), nip_line(&p.nip)),
            p.nama_unit.as_str().into(),
            text::angka(p.tk_kumulatif).into(),
            text::angka(p.tk_berturut).into(),
            p.status_disiplin.as_str().into(),
        ]);
    }
    c.subheading(sub, t.lead_height(c.fonts()));
    t.draw(c);
}

/// 0 `Ringan`, 1 `Sedang`, 2 `Berat` (the word the label starts with); 0 for anything else.
pub(super) fn tier_rank(status: &str) -> u8 {
    let s = status.trim_start().to_lowercase();
    if s.starts_with("berat") {
        2
    } else if s.starts_with("sedang") {
        1
    } else {
        0
    }
}

/// The number of persons per `status_disiplin` label, lightest tier first. Within a tier
/// the labels follow the cumulative TK they stand for (the configured order).
pub(super) fn discipline_tiers(r: &MonthReport) -> Vec<(String, u64)> {
    let mut tiers: Vec<(String, u64, u64)> = Vec::new(); // label, count, max tk_kumulatif
    for p in r.persons.iter().filter(|p| !p.status_disiplin.trim().is_empty()) {
        let label = p.status_disiplin.trim();
        match tiers.iter_mut().find(|t| t.0 == label) {
            Some(t) => {
                t.1 += 1;
                t.2 = t.2.max(p.tk_kumulatif);
            }
            None => tiers.push((label.to_string(), 1, p.tk_kumulatif)),
        }
    }
    tiers.sort_by(|a, b| (tier_rank(&a.0), a.2, &a.0).cmp(&(tier_rank(&b.0), b.2, &b.0)));
    tiers.into_iter().map(|(label, n, _)| (label, n)).collect()
}

/// Persons at the `Sedang` and `Berat` tiers, heaviest first.
pub(super) fn heavy_persons(r: &MonthReport) -> Vec<&PersonRow> {
    let mut v: Vec<&PersonRow> = r.persons.iter().filter(|p| tier_rank(&p.status_disiplin) >= 1).collect();
    v.sort_by(|a, b| {
        (tier_rank(&b.status_disiplin), b.tk_kumulatif, b.tk_berturut)
            .cmp(&(tier_rank(&a.status_disiplin), a.tk_kumulatif, a.tk_berturut))
            .then_with(|| a.nama.cmp(&b.nama))
    });
    v
}
