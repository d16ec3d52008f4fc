//! A Kelompok Budaya Kerja's risalah (SPEC §11.3) as a PDF, A4 portrait, the way the bimtek
//! teaches it: identity, participation, the Gantt of the eight steps, the meeting log, the
//! indikator from baseline to target, results and benefits, and the signatures. It is a
//! draft from the data: whatever is missing prints as `– (belum diisi)` or as blank lines
//! for the group to complete by hand before signing. One file per section, drawn with the
//! toolkit of the mayor's report (`canvas`, `table`, `font`, `furniture`).

mod axis;
mod gantt;
mod hasil;
mod identitas;
mod indikator;
mod kop;
mod partisipasi;
mod pengesahan;
mod pertemuan;
#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};
use printpdf::{Mm, Op, PdfDocument, PdfPage};

use super::PdfError;
use super::canvas::{BODY, CAPTION, CONTENT_W, Canvas, LEFT, MUTED, PAGE_H, PAGE_W, Style};
use super::font::{Fonts, Weight};
use super::furniture::{self, Furniture};
use crate::ground::kbk::strip_group_prefix;
use crate::ground::text;
use crate::metrics::figures::Risalah;

/// Printed where the data leave a field empty: the group fills it in by hand.
pub(super) const BELUM: &str = "– (belum diisi)";

/// Draws one section from the canvas's position on, starting new pages as it needs.
type Section = fn(&mut Canvas, &Risalah);

/// The sections in the order of the risalah.
const SECTIONS: [Section; 8] = [
    kop::draw,
    identitas::draw,
    partisipasi::draw,
    gantt::draw,
    pertemuan::draw,
    indikator::draw,
    hasil::draw,
    pengesahan::draw,
];

/// Renders the risalah of one group as a PDF document.
pub fn render_risalah(r: &Risalah) -> Result<Vec<u8>, PdfError> {
    let (doc, _) = build(r)?;
    super::save(&doc)
}

/// The document with its pages, before serialisation, and its fonts (for the tests).
fn build(r: &Risalah) -> Result<(PdfDocument, Fonts), PdfError> {
    let mut doc = PdfDocument::new(&document_title(r));
    set_metadata(&mut doc, r);
    let fonts = Fonts::load(&mut doc)?;
    let mut c = Canvas::new(&fonts);
    for draw in SECTIONS {
        draw(&mut c, r);
    }
    let pages = decorate(c.finish(), r, &fonts);
    doc.with_pages(pages.into_iter().map(|ops| PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops)).collect());
    Ok((doc, fonts))
}

/// The running header (the group, from page 2) and the footer (generation time, the date
/// the figures are as of, `Halaman X dari N`).
fn decorate(pages: Vec<Vec<Op>>, r: &Risalah, fonts: &Fonts) -> Vec<Vec<Op>> {
    let caption = CAPTION;
    let right = fonts.wrap_max(caption.weight, caption.size, &unit_label(r), CONTENT_W * 0.45, 1).concat();
    let left = format!("Risalah Kelompok Budaya Kerja · {}", group_title(r));
    let left = fonts.wrap_max(caption.weight, caption.size, &left, CONTENT_W * 0.53, 1).concat();
    let footer =
        format!("Dibuat {} · Keadaan per {}", text::waktu(r.generated_at), text::tanggal(r.per_tanggal));
    let furniture = Furniture { running_left: &left, running_right: &right, footer_left: &footer };
    furniture::decorate_with(pages, &furniture, fonts)
}

fn document_title(r: &Risalah) -> String {
    format!("Risalah Kelompok Budaya Kerja – {} – {}", group_title(r), unit_label(r))
}

fn set_metadata(doc: &mut PdfDocument, r: &Risalah) {
    let info = &mut doc.metadata.info;
    info.author = format!("{}, {}", group_title(r), unit_label(r));
    info.subject = if r.row.tema.trim().is_empty() {
        "Risalah Kelompok Budaya Kerja".into()
    } else {
        text::collapse_ws(&r.row.tema)
    };
    info.creator = format!("budaya-kerja {}", env!("CARGO_PKG_VERSION"));
    info.producer = "printpdf 0.12".into();
    info.keywords = vec!["budaya kerja".into(), "kelompok budaya kerja".into(), "risalah".into()];
    let created = super::pdf_date(r.generated_at);
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;
}

/// `Kelompok Melati` (the name as defined, without a `KBK`/`Kelompok` prefix of its own).
pub(super) fn group_title(r: &Risalah) -> String {
    let name = strip_group_prefix(&text::collapse_ws(&r.row.kelompok));
    if name.is_empty() { "Kelompok (nama belum diisi)".into() } else { format!("Kelompok {name}") }
}

/// The unit's name, else its code.
pub(super) fn unit_label(r: &Risalah) -> String {
    let nama = text::collapse_ws(&r.row.nama_unit);
    if nama.is_empty() { text::collapse_ws(&r.row.kode_unit) } else { nama }
}

/// The text, or `– (belum diisi)` when it is blank.
pub(super) fn or_belum(s: &str) -> String {
    let s = text::collapse_ws(s);
    if s.is_empty() { BELUM.to_string() } else { s }
}

/// `12 Sep 2026`: dates in tables and charts.
pub(super) fn tanggal_singkat(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), bulan_singkat(d.month()), d.year())
}

/// `Jan` … `Des`.
pub(super) fn bulan_singkat(month: u32) -> &'static str {
    const SINGKAT: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
    SINGKAT.get(month.wrapping_sub(1) as usize).copied().unwrap_or("?")
}

/// A measured value as people write it: `45`, `12,5`, `1.250`, `0,75` (at most two
/// decimals, no trailing zeros); `–` for a value that is no number.
pub(super) fn nilai(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let s = text::desimal(x, 2);
    if s.contains(',') { s.trim_end_matches('0').trim_end_matches(',').to_string() } else { s }
}

/// `45 menit`; the bare number when the unit is not given; `–` for a value that is no
/// number.
pub(super) fn nilai_satuan(x: f64, satuan: &str) -> String {
    let satuan = text::collapse_ws(satuan);
    match satuan.as_str() {
        _ if !x.is_finite() => "–".into(),
        "" => nilai(x),
        "%" => format!("{}%", nilai(x)),
        s => format!("{} {s}", nilai(x)),
    }
}

/// Label and value rows (`Tema  : …`), the value wrapped beside its label; a row's lines
/// are kept together on a page.
pub(super) fn fields(c: &mut Canvas, rows: &[(&str, String)]) {
    const LABEL_W: f32 = 33.0;
    let label = Style::new(Weight::Regular, BODY.size, MUTED);
    for (name, value) in rows {
        let lines = c.fonts().wrap(BODY.weight, BODY.size, value, CONTENT_W - LABEL_W - 3.0);
        c.ensure(lines.len() as f32 * BODY.line_height());
        let baseline = c.y + BODY.baseline_offset();
        c.p.text(LEFT, baseline, name, label);
        c.p.text(LEFT + LABEL_W - 1.5, baseline, ":", label);
        for line in lines {
            c.p.text(LEFT + LABEL_W, c.y + BODY.baseline_offset(), &line, BODY);
            c.y += BODY.line_height();
        }
        c.y += 0.6;
    }
}
