//! Section 7, data quality: files and records read, accepted, rejected, duplicated and
//! revised, whether the ledger balances, and the files that were skipped.

use crate::ground::model::Level;
use crate::ground::text;
use crate::metrics::figures::MonthReport;
use crate::render::pdf::canvas::{CAPTION, Canvas};
use crate::render::pdf::table::{Column, Table};

/// At most this many skipped files are listed; the XLSX has them all.
const SKIPPED_LISTED: usize = 15;

/// Totals of the `Berkas` rows and the issues, for the data-quality section.
#[derive(Default, Debug, PartialEq)]
pub(super) struct Quality {
    /// Distinct files with at least one sheet read.
    pub berkas: usize,
    /// Sheets read.
    pub lembar: usize,
    /// Files or sheets skipped (with a reason).
    pub dilewati: usize,
    pub dibaca: u64,
    pub diterima: u64,
    pub ditolak: u64,
    pub duplikat: u64,
    pub direvisi: u64,
    pub masalah_tolak: usize,
    pub masalah_peringatan: usize,
}

impl Quality {
    pub fn of(r: &MonthReport) -> Self {
        let mut q = Self::default();
        let mut files: Vec<&str> = Vec::new();
        for f in &r.files {
            if f.dilewati {
                q.dilewati += 1;
                continue;
            }
            files.push(&f.berkas);
            q.lembar += 1;
            q.dibaca = q.dibaca.saturating_add(f.dibaca);
            q.diterima = q.diterima.saturating_add(f.diterima);
            q.ditolak = q.ditolak.saturating_add(f.ditolak);
            q.duplikat = q.duplikat.saturating_add(f.duplikat);
            q.direvisi = q.direvisi.saturating_add(f.direvisi);
        }
        files.sort_unstable();
        files.dedup();
        q.berkas = files.len();
        q.masalah_tolak = r.issues.iter().filter(|i| i.level == Level::Tolak).count();
        q.masalah_peringatan = r.issues.len() - q.masalah_tolak;
        q
    }

    /// SPEC §3.8: read = accepted + rejected + duplicates + overridden.
    pub fn balanced(&self) -> bool {
        let parts = [self.diterima, self.ditolak, self.duplikat, self.direvisi];
        parts.iter().try_fold(0u64, |sum, n| sum.checked_add(*n)) == Some(self.dibaca)
    }
}

pub(super) fn draw(c: &mut Canvas, r: &MonthReport) {
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
