//! Part of section 6, discipline: the units with the most minutes late (TL) and left early
//! (PSW), SPEC §3.9 "Output". Drawn only when some unit has such minutes.

use super::finite;
use crate::ground::text;
use crate::metrics::figures::{MonthReport, UnitRow};
use crate::render::pdf::canvas::{CAPTION, Canvas};
use crate::render::pdf::table::{Column, Table};

/// How many units the table names.
const TOP: usize = 5;

pub(super) fn draw(c: &mut Canvas, r: &MonthReport) {
    let units = top_units(r);
    if units.is_empty() {
        return;
    }
    let mut t = Table::new(
        vec![
            Column::number("No"),
            Column::flex("Unit Kerja"),
            Column::number("Menit Terlambat"),
            Column::number("Menit Pulang Cepat"),
            Column::number("Jumlah Menit"),
            Column::number("Tepat Waktu"),
        ],
        "Unit dengan menit terlambat dan pulang cepat terbanyak (lanjutan)",
    );
    for (i, u) in units.iter().enumerate() {
        t.push(vec![
            text::angka(i as u64 + 1).into(),
            u.nama.as_str().into(),
            text::angka(u.att.menit_terlambat).into(),
            text::angka(u.att.jam.menit_pulang_cepat).into(),
            text::angka(u.att.menit_tl_psw()).into(),
            text::persen_opt(finite(u.att.jam.tepat_waktu())).into(),
        ]);
    }
    c.gap(4.0);
    let sub = format!("{} unit dengan menit terlambat dan pulang cepat terbanyak", units.len());
    c.subheading(&sub, 2.0 * CAPTION.line_height() + t.lead_height(c.fonts()));
    c.paragraph(
        "Tepat Waktu adalah bagian hari yang dinilai dengan jam kerja (hadir, terlambat, pulang \
         sebelum waktunya) tanpa terlambat dan tanpa pulang cepat.",
        CAPTION,
        0.0,
    );
    c.gap(1.0);
    t.draw(c);
}

/// The units with TL/PSW minutes, most first (then configuration order), at most `TOP`.
pub(in crate::render::pdf) fn top_units(r: &MonthReport) -> Vec<&UnitRow> {
    let mut v: Vec<&UnitRow> = r.units.iter().filter(|u| u.att.menit_tl_psw() > 0).collect();
    // A stable sort keeps configuration order among equal minutes.
    v.sort_by_key(|u| std::cmp::Reverse(u.att.menit_tl_psw()));
    v.truncate(TOP);
    v
}
