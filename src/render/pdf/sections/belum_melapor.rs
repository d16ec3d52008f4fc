//! Section 5, the units not reporting: those whose attendance or evaluation report has not
//! come in, with which of the two is missing; a sentence when every unit has reported.

use crate::ground::text;
use crate::metrics::figures::{MonthReport, UnitRow};
use crate::render::pdf::canvas::{BODY, CAPTION, Canvas};
use crate::render::pdf::table::{Column, Table};

pub(super) fn draw(c: &mut Canvas, r: &MonthReport) {
    let title = "5. Unit Kerja yang Belum Melapor Lengkap";
    let units: Vec<&UnitRow> = r.belum_melapor().collect();
    if units.is_empty() {
        c.heading(title, BODY.line_height());
        let text = if r.units.is_empty() {
            "Tidak ada unit kerja yang terdaftar."
        } else {
            "Semua unit kerja telah menyampaikan laporan kehadiran dan penilaian kinerja."
        };
        c.paragraph(text, BODY, 0.0);
        return;
    }
    let ada = |b: bool| if b { "Ada" } else { "Belum" };
    let mut t = Table::new(
        vec![
            Column::number("No"),
            Column::text("Kode"),
            Column::flex("Unit Kerja"),
            Column::text("Jenis"),
            Column::center("Kehadiran"),
            Column::center("Penilaian"),
        ],
        "Unit Kerja yang Belum Melapor Lengkap (lanjutan)",
    );
    for (i, u) in units.iter().enumerate() {
        t.push(vec![
            text::angka(i as u64 + 1).into(),
            u.kode.as_str().into(),
            u.nama.as_str().into(),
            u.jenis.as_str().into(),
            ada(u.ada_kehadiran).into(),
            ada(u.ada_penilaian).into(),
        ]);
    }
    c.heading(title, 2.0 * CAPTION.line_height() + t.lead_height(c.fonts()));
    let belum = units.iter().filter(|u| !u.ada_kehadiran && !u.ada_penilaian).count();
    c.paragraph(
        &format!(
            "{} unit belum mengirim laporan apa pun dan {} unit baru mengirim salah satu \
             laporan (kehadiran atau penilaian kinerja).",
            text::angka(belum as u64),
            text::angka((units.len() - belum) as u64)
        ),
        CAPTION,
        0.0,
    );
    c.gap(1.0);
    t.draw(c);
}
