//! The report's sections, top to bottom: letterhead and title, executive summary, key
//! figures, charts, the unit ranking, the units not reporting, discipline, data quality
//! and the signature. Each draws itself on the canvas and says so in a sentence when it
//! has no data.

use super::canvas::{
    ALERT, ALERT_TINT, BODY, CAPTION, CONTENT_W, Canvas, INK, LEFT, MUTED, NAVY, RIGHT, Style, TINT,
};
use super::chart::{Bar, BarChart, Chart, LineChart, Scale, TrendPoint};
use super::font::Weight;
use super::summary::{self, Quality};
use super::table::{Column, Table, bold, with_sub};
use crate::render::text;
use crate::report::{CityFigures, MonthReport, UnitRow};

pub(super) const TITLE: &str = "LAPORAN BULANAN BUDAYA KERJA DAN KINERJA APARATUR";

/// At most this many skipped files are listed; the XLSX has them all.
const SKIPPED_LISTED: usize = 15;

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
    centered(
        c,
        &format!("Periode {}", text::periode(r.month)),
        Style::new(Weight::Regular, 10.5, INK),
    );
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
            value: format!(
                "{} dari {}",
                text::angka(city.unit_melapor),
                text::angka(city.unit_total)
            ),
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
            value: text::nilai_opt(city.rata_rata_nilai_kinerja),
            change: points(
                city.rata_rata_nilai_kinerja,
                prev.and_then(|p| p.rata_rata_nilai_kinerja),
                1.0,
            ),
        },
        KeyFigure {
            label: "Rata-rata capaian kinerja",
            value: city
                .rata_rata_capaian
                .map_or_else(|| "–".into(), |v| format!("{}%", text::desimal(v, 1))),
            change: points(
                city.rata_rata_capaian,
                prev.and_then(|p| p.rata_rata_capaian),
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
    let label_line = c
        .fonts()
        .wrap_max(label.weight, label.size, fig.label, tw, 1);
    c.p.text(
        tx,
        top + 2.0 + label.baseline_offset(),
        &label_line.concat(),
        label,
    );
    // The value shrinks rather than overflowing its box.
    let mut value = Style::new(Weight::Bold, 15.0, NAVY);
    while value.size > 8.0 && c.p.width(&fig.value, value) > tw {
        value.size -= 0.5;
    }
    let value_text = c
        .fonts()
        .wrap_max(value.weight, value.size, &fig.value, tw, 1)
        .concat();
    c.p.text(tx, top + 12.0, &value_text, value);
    if let Some(change) = &fig.change {
        let st = Style::new(Weight::Regular, 7.0, INK);
        let line = c
            .fonts()
            .wrap_max(st.weight, st.size, change, tw, 1)
            .concat();
        c.p.text(tx, top + h - 2.2, &line, st);
    }
}

pub(super) fn charts(c: &mut Canvas, r: &MonthReport) {
    let pair_w = (CONTENT_W - 8.0) / 2.0;
    let first = [types_chart(r), predikat_chart(r)];
    let trend = [
        trend_chart(r, Figure::Kehadiran),
        trend_chart(r, Figure::NilaiKinerja),
    ];
    let keep = pair_height(c, &first, pair_w);
    c.heading("3. Grafik", keep);
    pair(c, &first, pair_w);
    c.gap(5.0);
    pair(c, &trend, pair_w);
    c.gap(4.0);
    for chart in units_charts(r) {
        let h = chart.height(c.fonts(), CONTENT_W);
        c.ensure(h);
        chart.draw(&mut c.p, LEFT, c.y, CONTENT_W);
        c.y += h + 5.0;
    }
}

fn pair_height(c: &Canvas, charts: &[Chart; 2], w: f32) -> f32 {
    charts
        .iter()
        .map(|ch| ch.height(c.fonts(), w))
        .fold(0.0, f32::max)
}

/// Two charts side by side, kept on one page.
fn pair(c: &mut Canvas, charts: &[Chart; 2], w: f32) {
    let h = pair_height(c, charts, w);
    c.ensure(h);
    charts[0].draw(&mut c.p, LEFT, c.y, w);
    charts[1].draw(&mut c.p, RIGHT - w, c.y, w);
    c.y += h;
}

fn types_chart(r: &MonthReport) -> Chart {
    let title = "Tingkat kehadiran per jenis unit".to_string();
    let bars: Vec<Bar> = r
        .types
        .iter()
        .map(|t| {
            let kota = t.jenis == "Kota";
            let rate = t.att.tingkat_kehadiran();
            Bar {
                label: if kota {
                    "Kota (semua unit)".into()
                } else {
                    t.jenis.clone()
                },
                value: rate,
                text: text::persen_opt(rate),
                strong: kota,
            }
        })
        .collect();
    if bars.iter().all(|b| b.value.is_none_or(|v| !v.is_finite())) {
        return Chart::Note {
            title,
            text: "Belum ada data kehadiran untuk digambarkan.".into(),
        };
    }
    Chart::Bars(BarChart {
        title,
        bars,
        scale: Scale::Percent,
        label_share: 0.36,
        label_lines: 2,
    })
}

fn predikat_chart(r: &MonthReport) -> Chart {
    let title = "Sebaran predikat kinerja pegawai".to_string();
    let total: u64 = r.city.predikat.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return Chart::Note {
            title,
            text: "Belum ada data penilaian kinerja untuk digambarkan.".into(),
        };
    }
    let bars = r
        .city
        .predikat
        .iter()
        .map(|(nama, n)| Bar {
            label: nama.clone(),
            value: Some(*n as f64),
            text: format!(
                "{} ({})",
                text::angka(*n),
                text::persen(*n as f64 / total as f64)
            ),
            strong: false,
        })
        .collect();
    Chart::Bars(BarChart {
        title,
        bars,
        scale: Scale::Count,
        label_share: 0.3,
        label_lines: 2,
    })
}

#[derive(Copy, Clone)]
enum Figure {
    Kehadiran,
    NilaiKinerja,
}

fn trend_chart(r: &MonthReport, figure: Figure) -> Chart {
    let (title, empty) = match figure {
        Figure::Kehadiran => ("Tren tingkat kehadiran kota (%)", "kehadiran"),
        Figure::NilaiKinerja => ("Tren rata-rata nilai kinerja kota (poin)", "nilai kinerja"),
    };
    let value = |f: &CityFigures| match figure {
        Figure::Kehadiran => f.att.tingkat_kehadiran().map(|v| v * 100.0),
        Figure::NilaiKinerja => f.rata_rata_nilai_kinerja,
    };
    let points: Vec<TrendPoint> = r
        .trend
        .iter()
        .enumerate()
        .map(|(i, f)| TrendPoint {
            month: f.month.map_or_else(
                || "?".into(),
                |m| text::nama_bulan(m.month).chars().take(3).collect(),
            ),
            year: f
                .month
                .filter(|m| i == 0 || m.month == 1)
                .map(|m| m.year.to_string()),
            value: value(f),
        })
        .collect();
    if points
        .iter()
        .all(|p| p.value.is_none_or(|v| !v.is_finite()))
    {
        return Chart::Note {
            title: title.into(),
            text: format!("Belum ada data {empty} bulanan untuk membentuk tren."),
        };
    }
    Chart::Line(LineChart {
        title: title.into(),
        points,
    })
}

/// The units ranked by attendance: all of them when few, else the 10 highest and lowest.
fn units_charts(r: &MonthReport) -> Vec<Chart> {
    const EACH: usize = 10;
    let ranked: Vec<&UnitRow> = r
        .units_by_kehadiran()
        .into_iter()
        .filter(|u| u.peringkat_kehadiran.is_some() && u.att.tingkat_kehadiran().is_some())
        .collect();
    let bar = |u: &&UnitRow| Bar {
        label: format!("{}. {}", u.peringkat_kehadiran.unwrap_or(0), u.nama.trim()),
        value: u.att.tingkat_kehadiran(),
        text: text::persen_opt(u.att.tingkat_kehadiran()),
        strong: false,
    };
    let chart = |title: String, bars: Vec<Bar>| {
        Chart::Bars(BarChart {
            title,
            bars,
            scale: Scale::Percent,
            label_share: 0.46,
            label_lines: 2,
        })
    };
    if ranked.is_empty() {
        return vec![Chart::Note {
            title: "Tingkat kehadiran per unit".into(),
            text: "Belum ada unit dengan data kehadiran untuk diperingkat.".into(),
        }];
    }
    if ranked.len() <= 2 * EACH {
        return vec![chart(
            "Tingkat kehadiran unit yang melapor, menurut peringkat".into(),
            ranked.iter().map(bar).collect(),
        )];
    }
    let top = ranked.iter().take(EACH).map(bar).collect();
    let bottom = ranked.iter().rev().take(EACH).map(bar).collect();
    vec![
        chart(
            format!("{EACH} unit dengan tingkat kehadiran tertinggi"),
            top,
        ),
        chart(
            format!("{EACH} unit dengan tingkat kehadiran terendah (terendah di atas)"),
            bottom,
        ),
    ]
}

fn rank(r: Option<u32>) -> String {
    r.map_or_else(|| "–".into(), |n| text::angka(u64::from(n)))
}

pub(super) fn unit_table(c: &mut Canvas, r: &MonthReport) {
    let title = "4. Peringkat Unit Kerja menurut Tingkat Kehadiran";
    if r.units.is_empty() {
        c.heading(title, BODY.line_height());
        c.paragraph(
            "Belum ada unit kerja yang terdaftar dalam konfigurasi.",
            BODY,
            0.0,
        );
        return;
    }
    let mut t = Table::new(
        vec![
            Column::number("Peringkat"),
            Column::flex("Unit Kerja"),
            Column::text("Jenis"),
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
            if has_att {
                text::angka(u.pegawai)
            } else {
                "–".into()
            }
            .into(),
            if has_att {
                text::angka(u.att.hari_kerja)
            } else {
                "–".into()
            }
            .into(),
            text::persen_opt(u.att.tingkat_kehadiran()).into(),
            text::nilai_opt(u.rata_rata_nilai_kinerja).into(),
            rank(u.peringkat_kinerja).into(),
        ]);
    }
    c.heading(
        title,
        2.0 * CAPTION.line_height() + t.lead_height(c.fonts()),
    );
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
    c.heading(
        title,
        2.0 * CAPTION.line_height() + t.lead_height(c.fonts()),
    );
    let belum = units
        .iter()
        .filter(|u| !u.ada_kehadiran && !u.ada_penilaian)
        .count();
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
        c.paragraph(
            "Tidak ada pegawai yang mencapai tingkat peringatan disiplin.",
            BODY,
            0.0,
        );
        return;
    }
    let mut t = Table::new(
        vec![
            Column::flex("Tingkat Peringatan"),
            Column::number("Jumlah Pegawai"),
        ],
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
        c.paragraph(
            "Tidak ada pegawai pada tingkat Sedang atau Berat.",
            BODY,
            0.0,
        );
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
        let nip = if p.nip.trim().is_empty() {
            String::new()
        } else {
            format!("NIP. {}", format_nip(&p.nip))
        };
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
        format!(
            "{} {} {} {}",
            &nip[..8],
            &nip[8..14],
            &nip[14..15],
            &nip[15..]
        )
    } else {
        nip.to_string()
    }
}

pub(super) fn data_quality(c: &mut Canvas, r: &MonthReport) {
    let q = Quality::of(r);
    let mut t = Table::new(
        vec![Column::flex("Uraian"), Column::number("Jumlah")],
        "Kualitas Data (lanjutan)",
    )
    .with_width(110.0);
    let rows: [(&str, u64); 10] = [
        ("Berkas dibaca", q.berkas as u64),
        ("Lembar kerja dibaca", q.lembar as u64),
        ("Berkas atau lembar dilewati", q.dilewati as u64),
        ("Catatan dibaca", q.dibaca),
        ("Catatan diterima", q.diterima),
        ("Catatan ditolak", q.ditolak),
        ("Catatan duplikat", q.duplikat),
        (
            "Catatan direvisi (diganti versi berkas yang lebih baru)",
            q.direvisi,
        ),
        ("Masalah yang menolak catatan", q.masalah_tolak as u64),
        ("Peringatan", q.masalah_peringatan as u64),
    ];
    for (label, n) in rows {
        t.push(vec![label.into(), text::angka(n).into()]);
    }
    c.heading(
        "7. Kualitas Data",
        t.lead_height(c.fonts()) + 2.0 * CAPTION.line_height(),
    );
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
        vec![
            Column::flex("Berkas"),
            Column::text("Lembar"),
            Column::flex("Alasan"),
        ],
        "Berkas dan lembar yang dilewati (lanjutan)",
    );
    for f in skipped.iter().take(SKIPPED_LISTED) {
        let lembar = if f.lembar.trim().is_empty() {
            "–"
        } else {
            f.lembar.as_str()
        };
        t.push(vec![
            f.berkas.as_str().into(),
            lembar.into(),
            f.catatan.as_str().into(),
        ]);
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
    let nama = fonts.wrap(
        nama_style.weight,
        nama_style.size,
        &lh.penandatangan_nama,
        BLOCK_W,
    );
    let after = [
        lh.penandatangan_pangkat.clone(),
        nip_line(&lh.penandatangan_nip),
    ];
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
    if nip.trim().is_empty() {
        String::new()
    } else {
        format!("NIP. {}", format_nip(nip))
    }
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
