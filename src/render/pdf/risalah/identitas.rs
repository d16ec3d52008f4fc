//! Section I, the group's identity: name, unit, tema, the judul with its measurable target,
//! the SK, the period, ketua and fasilitator, then the members and their roles as a table.

use super::{BELUM, fields, nilai, or_belum, unit_label};
use crate::ground::text;
use crate::metrics::figures::Risalah;
use crate::render::pdf::canvas::{BODY, Canvas};
use crate::render::pdf::sections::format_nip;
use crate::render::pdf::table::{Column, Table};

pub(super) const HEADING: &str = "I. Identitas Kelompok";

pub(super) fn draw(c: &mut Canvas, r: &Risalah) {
    c.heading(HEADING, 4.0 * BODY.line_height());
    let row = &r.row;
    let unit = match (unit_label(r), text::collapse_ws(&row.kode_unit)) {
        (nama, kode) if !kode.is_empty() && nama != kode => format!("{nama} ({kode})"),
        (nama, _) => or_belum(&nama),
    };
    fields(
        c,
        &[
            ("Nama kelompok", or_belum(&row.kelompok)),
            ("Unit kerja", unit),
            ("Tema", or_belum(&row.tema)),
            ("Judul", judul(r)),
            ("Nomor SK", sk(r)),
            ("Periode", periode(r)),
            ("Ketua", or_belum(&row.ketua)),
            ("Fasilitator", or_belum(&row.fasilitator)),
            ("Jumlah anggota", format!("{} orang (fasilitator tidak dihitung)", text::angka(row.anggota))),
        ],
    );
    members(c, r);
}

/// The measurable judul: `<indikator> dari <nilai awal> menjadi <target> <satuan>`.
pub(super) fn judul(r: &Risalah) -> String {
    let indikator = text::collapse_ws(&r.indikator);
    if indikator.is_empty() && r.nilai_awal.is_none() && r.target.is_none() {
        return BELUM.to_string();
    }
    let number = |x: Option<f64>| x.filter(|v| v.is_finite()).map_or_else(|| "…".to_string(), nilai);
    let indikator = if indikator.is_empty() { "(indikator belum diisi)".to_string() } else { indikator };
    let satuan = text::collapse_ws(&r.satuan);
    let judul = format!("{indikator} dari {} menjadi {}", number(r.nilai_awal), number(r.target));
    match satuan.as_str() {
        "" => judul,
        "%" => format!("{judul}%"),
        s => format!("{judul} {s}"),
    }
}

/// `800/12/417.104/2026, tanggal 5 Januari 2026`.
fn sk(r: &Risalah) -> String {
    let no = text::collapse_ws(&r.row.no_sk);
    match (no.is_empty(), r.tanggal_sk) {
        (true, None) => BELUM.to_string(),
        (false, None) => format!("{no}, tanggal …"),
        (true, Some(d)) => format!("(nomor belum diisi), tanggal {}", text::tanggal(d)),
        (false, Some(d)) => format!("{no}, tanggal {}", text::tanggal(d)),
    }
}

/// `6 Januari 2026 s.d. 30 Juni 2026`.
fn periode(r: &Risalah) -> String {
    let day = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "…".to_string(), text::tanggal);
    match (r.tanggal_mulai, r.tanggal_selesai) {
        (None, None) => BELUM.to_string(),
        (a, b) => format!("{} s.d. {}", day(a), day(b)),
    }
}

/// The members with their roles (ketua first, as the figures order them).
fn members(c: &mut Canvas, r: &Risalah) {
    let mut table = Table::new(
        vec![Column::number("No"), Column::flex("Nama"), Column::text("NIP"), Column::text("Peran")],
        "Susunan anggota (lanjutan)",
    );
    for (i, m) in r.members.iter().enumerate() {
        let nip = if m.nip.trim().is_empty() { "–".to_string() } else { format_nip(&m.nip) };
        table.push(vec![
            (i + 1).to_string().into(),
            or_belum(&m.nama).into(),
            nip.into(),
            or_belum(&m.peran).into(),
        ]);
    }
    if table.rows.is_empty() {
        c.subheading("Susunan anggota", BODY.line_height());
        c.paragraph("Belum ada anggota yang tercatat (lembar Anggota).", BODY, 0.0);
        return;
    }
    let lead = table.lead_height(c.fonts());
    c.subheading("Susunan anggota", lead);
    table.draw(c);
}
