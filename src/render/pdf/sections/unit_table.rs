//! Section 4, the unit table: every configured unit ranked by attendance, the units without
//! data last and unranked.

use super::finite;
use crate::ground::text;
use crate::metrics::figures::MonthReport;
use crate::render::pdf::canvas::{BODY, CAPTION, Canvas};
use crate::render::pdf::table::{Column, Table};

/// A ranking as printed: `12`, or `–` for a unit without data.
fn rank(r: Option<u32>) -> String {
    r.map_or_else(|| "–".into(), |n| text::angka(u64::from(n)))
}

pub(super) fn draw(c: &mut Canvas, r: &MonthReport) {
    let title = "4. Peringkat Unit Kerja menurut Tingkat Kehadiran";
    if r.units.is_empty() {
        c.heading(title, BODY.line_height());
        c.paragraph("Belum ada unit kerja yang terdaftar dalam konfigurasi.", BODY, 0.0);
        return;
    }
    let mut t = Table::new(
        vec![
            Column::number("Peringkat"),
            Column::flex("Unit Kerja"),
            Column::words("Jenis"),
            Column::words("Status Laporan"),
            Column::number("Pegawai"),
            Column::number("Hari Kerja"),
            Column::number("Tingkat Kehadiran"),
            Column::number("Rata-rata Nilai Kinerja"),
            Column::number("Peringkat Kinerja"),
        ],
        "Peringkat Unit Kerja (lanjutan)",
    );
    for u in r.units_by_kehadiran() {
        let has_att = u.att.hari_kerja > 0 || u.pegawai > 0;
        t.push(vec![
            rank(u.peringkat_kehadiran).into(),
            u.nama.as_str().into(),
            u.jenis.as_str().into(),
            u.status.label().into(),
            if has_att { text::angka(u.pegawai) } else { "–".into() }.into(),
            if has_att { text::angka(u.att.hari_kerja) } else { "–".into() }.into(),
            text::persen_opt(u.att.tingkat_kehadiran()).into(),
            text::nilai_opt(finite(u.rata_rata_nilai_kinerja)).into(),
            rank(u.peringkat_kinerja).into(),
        ]);
    }
    c.heading(title, 2.0 * CAPTION.line_height() + t.lead_height(c.fonts()));
    c.paragraph(
        "Unit tanpa data kehadiran tidak diberi peringkat dan ditempatkan di akhir tabel. Hari \
         kerja adalah jumlah catatan hari kerja seluruh pegawai unit.",
        CAPTION,
        0.0,
    );
    c.gap(1.0);
    t.draw(c);
}
