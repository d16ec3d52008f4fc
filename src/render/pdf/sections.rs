//! The report's front and back: letterhead and title, executive summary, key figures, and
//! the signature block. The charts are in `graphs`, the tables in `lists`.

use super::canvas::{
    ALERT, ALERT_TINT, BODY, CAPTION, CONTENT_W, Canvas, INK, LEFT, MUTED, NAVY, RIGHT, Style, TINT,
};
use super::font::Weight;
use super::lists::format_nip;
use super::summary::{self, finite};
use crate::ground::text;
use crate::metrics::figures::{CityFigures, MonthReport};

pub(super) const TITLE: &str = "LAPORAN BULANAN BUDAYA KERJA DAN KINERJA APARATUR";

pub(super) fn letterhead(c: &mut Canvas, r: &MonthReport) {
    let lh = &r.letterhead;
    let lines = [
        (lh.pemerintah.as_str(), Style::new(Weight::Bold, 13.0, INK)),
        (lh.perangkat.as_str(), Style::new(Weight::Bold, 15.0, INK)),
        (lh.bagian.as_str(), Style::new(Weight::Bold, 12.0, INK)),
        (lh.alamat.as_str(), Style::new(Weight::Regular, 8.5, INK)),
    ];
    for (text, style) in lines {
        centered(c, text, style);
    }
    c.gap(1.5);
    // The double rule of an Indonesian letterhead (kop surat): thick over thin.
    c.p.hline(LEFT, RIGHT, c.y, INK, 1.8);
    c.p.hline(LEFT, RIGHT, c.y + 1.0, INK, 0.5);
    c.gap(7.0);
}

pub(super) fn title(c: &mut Canvas, r: &MonthReport) {
    centered(c, TITLE, Style::new(Weight::Bold, 12.5, NAVY));
    c.gap(0.5);
    centered(c, &format!("Periode {}", text::periode(r.month)), Style::new(Weight::Regular, 10.5, INK));
    c.gap(2.0);
}

/// Wrapped, centred lines across the content width; nothing for empty text.
fn centered(c: &mut Canvas, text: &str, style: Style) {
    if text.trim().is_empty() {
        return;
    }
    for line in c.fonts().wrap(style.weight, style.size, text, CONTENT_W) {
        c.ensure(style.line_height());
        let baseline = c.y + style.baseline_offset();
        c.p.text_center(LEFT + CONTENT_W / 2.0, baseline, &line, style);
        c.y += style.line_height();
    }
}

pub(super) fn executive_summary(c: &mut Canvas, r: &MonthReport) {
    c.heading("1. Ringkasan", 3.0 * BODY.line_height());
    for sentence in summary::sentences(r) {
        c.bullet(&sentence, BODY);
        c.gap(0.8);
    }
}

/// One key-figure box: label, value, change against the previous month.
struct KeyFigure {
    label: &'static str,
    value: String,
    change: Option<String>,
}

fn key_figures_of(r: &MonthReport) -> Vec<KeyFigure> {
    let city = &r.city;
    let prev = r.previous.as_ref();
    let count = |f: fn(&CityFigures) -> u64, unit: &str| {
        prev.map(|p| format!("{} {unit}", summary::signed(f(city), f(p))))
    };
    let points = |now: Option<f64>, before: Option<f64>, scale: f64| {
        Some(format!("{} poin", text::selisih((now? - before?) * scale)))
    };
    let rate = |f: &CityFigures| f.att.tingkat_kehadiran();
    vec![
        KeyFigure {
            label: "Unit melapor",
            value: format!("{} dari {}", text::angka(city.unit_melapor), text::angka(city.unit_total)),
            change: count(|f| f.unit_melapor, "unit"),
        },
        KeyFigure {
            label: "Pegawai tercatat",
            value: text::angka(city.pegawai),
            change: count(|f| f.pegawai, "orang"),
        },
        KeyFigure {
            label: "Tingkat kehadiran",
            value: text::persen_opt(rate(city)),
            change: points(rate(city), prev.and_then(rate), 100.0),
        },
        KeyFigure {
            label: "Hari tanpa keterangan",
            value: text::angka(city.att.tk),
            change: count(|f| f.att.tk, "hari"),
        },
        KeyFigure {
            label: "Menit terlambat",
            value: text::angka(city.att.menit_terlambat),
            change: count(|f| f.att.menit_terlambat, "menit"),
        },
        KeyFigure {
            label: "Pegawai dinilai",
            value: text::angka(city.pegawai_dinilai),
            change: count(|f| f.pegawai_dinilai, "orang"),
        },
        KeyFigure {
            label: "Rata-rata nilai kinerja",
            value: text::nilai_opt(finite(city.rata_rata_nilai_kinerja)),
            change: points(
                finite(city.rata_rata_nilai_kinerja),
                prev.and_then(|p| finite(p.rata_rata_nilai_kinerja)),
                1.0,
            ),
        },
        KeyFigure {
            label: "Rata-rata capaian kinerja",
            value: finite(city.rata_rata_capaian)
                .map_or_else(|| "–".into(), |v| format!("{}%", text::desimal(v, 1))),
            change: points(
                finite(city.rata_rata_capaian),
                prev.and_then(|p| finite(p.rata_rata_capaian)),
                1.0,
            ),
        },
    ]
}

pub(super) fn key_figures(c: &mut Canvas, r: &MonthReport) {
    const COLS: usize = 4;
    const GAP: f32 = 3.5;
    const BOX_H: f32 = 19.0;
    let figures = key_figures_of(r);
    c.heading("2. Angka Utama", 2.0 * CAPTION.line_height() + BOX_H);
    let note = if r.previous.is_some() {
        format!(
            "Angka kecil di bawah setiap nilai adalah perubahan dibanding {} (poin untuk \
             persentase dan nilai).",
            summary::previous_label(r)
        )
    } else {
        format!(
            "Data {} tidak tersedia, sehingga perubahan terhadap bulan sebelumnya tidak ditampilkan.",
            summary::previous_label(r)
        )
    };
    c.paragraph(&note, CAPTION, 0.0);
    c.gap(1.5);
    let box_w = (CONTENT_W - GAP * (COLS as f32 - 1.0)) / COLS as f32;
    for row in figures.chunks(COLS) {
        c.ensure(BOX_H);
        for (i, fig) in row.iter().enumerate() {
            key_box(c, LEFT + i as f32 * (box_w + GAP), box_w, BOX_H, fig);
        }
        c.y += BOX_H + GAP;
    }
}

fn key_box(c: &mut Canvas, x: f32, w: f32, h: f32, fig: &KeyFigure) {
    const ACCENT: f32 = 1.2;
    let top = c.y;
    c.p.fill_rect(x, top, w, h, TINT);
    c.p.fill_rect(x, top, ACCENT, h, NAVY);
    let (tx, tw) = (x + ACCENT + 2.2, w - ACCENT - 3.4);
    let label = Style::new(Weight::Regular, 7.5, MUTED);
    let label_line = c.fonts().wrap_max(label.weight, label.size, fig.label, tw, 1);
    c.p.text(tx, top + 2.0 + label.baseline_offset(), &label_line.concat(), label);
    // The value shrinks rather than overflowing its box.
    let mut value = Style::new(Weight::Bold, 15.0, NAVY);
    while value.size > 8.0 && c.p.width(&fig.value, value) > tw {
        value.size -= 0.5;
    }
    let value_text = c.fonts().wrap_max(value.weight, value.size, &fig.value, tw, 1).concat();
    c.p.text(tx, top + 12.0, &value_text, value);
    if let Some(change) = &fig.change {
        let st = Style::new(Weight::Regular, 7.0, INK);
        let line = c.fonts().wrap_max(st.weight, st.size, change, tw, 1).concat();
        c.p.text(tx, top + h - 2.2, &line, st);
    }
}
pub(super) fn signature(c: &mut Canvas, r: &MonthReport) {
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

fn nip_line(nip: &str) -> String {
    if nip.trim().is_empty() { String::new() } else { format!("NIP. {}", format_nip(nip)) }
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
