//! The signatures that close the risalah: the fasilitator (`Mengetahui`) on the left, the
//! ketua on the right under the place and a date left open, each with the name (or a blank
//! to write it) and the NIP when the members list knows it.

use crate::ground::text::{self, norm_name};
use crate::metrics::figures::Risalah;
use crate::render::pdf::canvas::{BODY, Canvas, INK, LEFT, RIGHT};
use crate::render::pdf::sections::format_nip;

const BLOCK_W: f32 = 72.0;
const SIGN_SPACE: f32 = 20.0;
/// Written where a name or date is still to be filled in.
const DOTS: &str = "....................";

/// One signature block: the lines above the signature space, the name, the NIP line.
struct Block {
    above: [String; 2],
    nama: String,
    nip: String,
}

pub(super) fn draw(c: &mut Canvas, r: &Risalah) {
    let kota = text::collapse_ws(&r.letterhead.kota);
    let kota = if kota.is_empty() { DOTS.to_string() } else { kota };
    let blocks = [
        Block {
            above: ["Mengetahui,".into(), "Fasilitator".into()],
            nama: r.row.fasilitator.clone(),
            nip: nip_of(r, &r.row.fasilitator),
        },
        Block {
            above: [format!("{kota}, {DOTS}"), "Ketua Kelompok".into()],
            nama: r.row.ketua.clone(),
            nip: nip_of(r, &r.row.ketua),
        },
    ];
    let fonts = c.fonts();
    let name_lines = |b: &Block| fonts.wrap(BODY.weight, BODY.size, &b.nama, BLOCK_W).len();
    let lines = 3 + blocks.iter().map(name_lines).max().unwrap_or(1);
    c.ensure(lines as f32 * BODY.line_height() + SIGN_SPACE + 10.0);
    c.gap(10.0);
    let top = c.y;
    let mut bottom = top;
    for (b, x) in blocks.iter().zip([LEFT, RIGHT - BLOCK_W]) {
        bottom = bottom.max(block(c, b, x + BLOCK_W / 2.0, top));
    }
    c.y = bottom;
}

/// Draws one block centred on `center`; returns its bottom.
fn block(c: &mut Canvas, b: &Block, center: f32, top: f32) -> f32 {
    let mut y = top;
    for line in &b.above {
        c.p.text_center(center, y + BODY.baseline_offset(), line, BODY);
        y += BODY.line_height();
    }
    y += SIGN_SPACE;
    let nama = text::collapse_ws(&b.nama);
    if nama.is_empty() {
        let blank = format!("({DOTS}{DOTS})");
        c.p.text_center(center, y + BODY.baseline_offset(), &blank, BODY);
        y += BODY.line_height();
    } else {
        let st = BODY.bold();
        for line in c.fonts().wrap(st.weight, st.size, &nama, BLOCK_W) {
            let baseline = y + st.baseline_offset();
            c.p.text_center(center, baseline, &line, st);
            let w = c.p.width(&line, st);
            c.p.hline(center - w / 2.0, center + w / 2.0, baseline + 0.7, INK, 0.5);
            y += BODY.line_height();
        }
    }
    c.p.text_center(center, y + BODY.baseline_offset(), &b.nip, BODY);
    y + BODY.line_height()
}

/// `NIP. 19800101 200501 1 001` of the member with this name, else a line to fill in.
fn nip_of(r: &Risalah, nama: &str) -> String {
    let key = norm_name(nama);
    let nip = r
        .members
        .iter()
        .find(|m| !key.is_empty() && norm_name(&m.nama) == key && !m.nip.trim().is_empty())
        .map(|m| format_nip(&m.nip));
    format!("NIP. {}", nip.unwrap_or_else(|| DOTS.to_string()))
}
