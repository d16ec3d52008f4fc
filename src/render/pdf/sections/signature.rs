//! The signature block that closes the report: place and date, the signer's office, name,
//! rank and NIP from the configuration, and a visible warning while the signer is still
//! the embedded example.

use super::nip_line;
use crate::ground::text;
use crate::metrics::figures::MonthReport;
use crate::render::pdf::canvas::{ALERT, ALERT_TINT, BODY, Canvas, INK, LEFT, RIGHT, Style};
use crate::render::pdf::font::Weight;

pub(super) fn draw(c: &mut Canvas, r: &MonthReport) {
    const BLOCK_W: f32 = 78.0;
    const SIGN_SPACE: f32 = 22.0;
    let lh = &r.letterhead;
    let x = RIGHT - BLOCK_W;
    let center = x + BLOCK_W / 2.0;
    let fonts = c.fonts();
    let place = format!("{}, {}", lh.kota.trim(), text::tanggal(r.tanggal_laporan));
    let place = place.trim_start_matches([',', ' ']).to_string();
    let jabatan = fonts.wrap(BODY.weight, BODY.size, &lh.penandatangan_jabatan, BLOCK_W);
    let nama_style = BODY.bold();
    let nama = fonts.wrap(nama_style.weight, nama_style.size, &lh.penandatangan_nama, BLOCK_W);
    let after = [lh.penandatangan_pangkat.clone(), nip_line(&lh.penandatangan_nip)];
    let lines_before = 1 + jabatan.len();
    let lines_after = nama.len() + after.len();
    let height = (lines_before + lines_after) as f32 * BODY.line_height() + SIGN_SPACE;

    c.ensure(height + 10.0);
    c.gap(8.0);
    let top = c.y;
    let mut y = top;
    for line in std::iter::once(place.as_str()).chain(jabatan.iter().map(String::as_str)) {
        c.p.text_center(center, y + BODY.baseline_offset(), line, BODY);
        y += BODY.line_height();
    }
    y += SIGN_SPACE;
    for line in &nama {
        let baseline = y + nama_style.baseline_offset();
        c.p.text_center(center, baseline, line, nama_style);
        let w = c.p.width(line, nama_style);
        c.p.hline(center - w / 2.0, center + w / 2.0, baseline + 0.7, INK, 0.5);
        y += BODY.line_height();
    }
    for line in &after {
        c.p.text_center(center, y + BODY.baseline_offset(), line, BODY);
        y += BODY.line_height();
    }
    if lh.penandatangan_placeholder {
        placeholder_note(c, top, x - 6.0 - LEFT);
    }
    c.y = y;
}

/// The visible warning that the signer is still the embedded example.
fn placeholder_note(c: &mut Canvas, top: f32, width: f32) {
    let style = Style::new(Weight::Regular, 8.0, ALERT);
    let text = "Penandatangan belum diatur: nama, pangkat dan NIP di samping masih contoh \
                bawaan. Isi bagian [penandatangan] pada berkas budaya-kerja.toml, lalu buat \
                ulang laporan ini.";
    let head = style.bold();
    let lines = c.fonts().wrap(style.weight, style.size, text, width - 6.0);
    let h = (lines.len() + 1) as f32 * style.line_height() + 5.0;
    c.p.fill_rect(LEFT, top, width, h, ALERT_TINT);
    c.p.stroke_rect(LEFT, top, width, h, ALERT, 0.8);
    let mut y = top + 2.5;
    c.p.text(LEFT + 3.0, y + head.baseline_offset(), "BELUM DIATUR", head);
    y += head.line_height();
    for line in lines {
        c.p.text(LEFT + 3.0, y + style.baseline_offset(), &line, style);
        y += style.line_height();
    }
}
