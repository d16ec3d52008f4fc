//! The tables of the report: units ranked by attendance, units not reporting, discipline
//! (counts per tier, persons at the heavier tiers) and data quality. Each says so in a
//! sentence when it has no rows.

use super::canvas::{BODY, CAPTION, Canvas};
use super::summary::{self, Quality, finite};
use super::table::{Column, Table, bold, with_sub};
use crate::ground::text;
use crate::metrics::figures::{MonthReport, UnitRow};

/// At most this many skipped files are listed; the XLSX has them all.
const SKIPPED_LISTED: usize = 15;

/// A ranking as printed: `12`, or `–` for a unit without data.
fn rank(r: Option<u32>) -> String {
    r.map_or_else(|| "–".into(), |n| text::angka(u64::from(n)))
}

pub(super) fn unit_table(c: &mut Canvas, r: &MonthReport) {
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

pub(super) fn belum_melapor(c: &mut Canvas, r: &MonthReport) {
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

pub(super) fn discipline(c: &mut Canvas, r: &MonthReport) {
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
    let tiers = summary::discipline_tiers(r);
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
    let persons = summary::heavy_persons(r);
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
        let nip =
            if p.nip.trim().is_empty() { String::new() } else { format!("NIP. {}", format_nip(&p.nip)) };
        t.push(vec![
            text::angka(i as u64 + 1).into(),
            with_sub(p.nama.as_str(), nip),
            p.nama_unit.as_str().into(),
            text::angka(p.tk_kumulatif).into(),
            text::angka(p.tk_berturut).into(),
            p.status_disiplin.as_str().into(),
        ]);
    }
    c.subheading(sub, t.lead_height(c.fonts()));
    t.draw(c);
}

/// `19700101 200003 1 001`: the NIP's usual grouping (birth date, appointment, sex,
/// sequence); anything that is not 18 digits is printed as given.
pub(super) fn format_nip(nip: &str) -> String {
    let nip = nip.trim();
    if nip.len() == 18 && nip.bytes().all(|b| b.is_ascii_digit()) {
        format!("{} {} {} {}", &nip[..8], &nip[8..14], &nip[14..15], &nip[15..])
    } else {
        nip.to_string()
    }
}

pub(super) fn data_quality(c: &mut Canvas, r: &MonthReport) {
    let q = Quality::of(r);
    let mut t =
        Table::new(vec![Column::flex("Uraian"), Column::number("Jumlah")], "Kualitas Data (lanjutan)")
            .with_width(110.0);
    let rows: [(&str, u64); 10] = [
        ("Berkas dibaca", q.berkas as u64),
        ("Lembar kerja dibaca", q.lembar as u64),
        ("Berkas atau lembar dilewati", q.dilewati as u64),
        ("Catatan dibaca", q.dibaca),
        ("Catatan diterima", q.diterima),
        ("Catatan ditolak", q.ditolak),
        ("Catatan duplikat", q.duplikat),
        ("Catatan direvisi (diganti versi berkas yang lebih baru)", q.direvisi),
        ("Masalah yang menolak catatan", q.masalah_tolak as u64),
        ("Peringatan", q.masalah_peringatan as u64),
    ];
    for (label, n) in rows {
        t.push(vec![label.into(), text::angka(n).into()]);
    }
    c.heading("7. Kualitas Data", t.lead_height(c.fonts()) + 2.0 * CAPTION.line_height());
    c.paragraph(
        "Rincian setiap berkas dan setiap masalah beserta alamat selnya ada pada lembar Berkas \
         dan Masalah di berkas XLSX bulan ini.",
        CAPTION,
        0.0,
    );
    c.gap(1.0);
    t.draw(c);
    c.gap(1.5);
    let ledger = if q.balanced() {
        "Semua catatan terhitung: dibaca = diterima + ditolak + duplikat + direvisi."
    } else {
        "Perhatian: jumlah catatan dibaca tidak sama dengan diterima + ditolak + duplikat + \
         direvisi; periksa lembar Berkas."
    };
    c.paragraph(ledger, CAPTION, 0.0);
    skipped_files(c, r);
}

fn skipped_files(c: &mut Canvas, r: &MonthReport) {
    let skipped: Vec<_> = r.files.iter().filter(|f| f.dilewati).collect();
    if skipped.is_empty() {
        return;
    }
    let mut t = Table::new(
        vec![Column::flex("Berkas"), Column::text("Lembar"), Column::flex("Alasan")],
        "Berkas dan lembar yang dilewati (lanjutan)",
    );
    for f in skipped.iter().take(SKIPPED_LISTED) {
        let lembar = if f.lembar.trim().is_empty() { "–" } else { f.lembar.as_str() };
        t.push(vec![f.berkas.as_str().into(), lembar.into(), f.catatan.as_str().into()]);
    }
    c.gap(3.0);
    c.subheading("Berkas dan lembar yang dilewati", t.lead_height(c.fonts()));
    t.draw(c);
    if skipped.len() > SKIPPED_LISTED {
        c.gap(1.0);
        c.paragraph(
            &format!(
                "… dan {} lainnya; daftar lengkap ada pada lembar Berkas di berkas XLSX.",
                text::angka((skipped.len() - SKIPPED_LISTED) as u64)
            ),
            CAPTION,
            0.0,
        );
    }
}
