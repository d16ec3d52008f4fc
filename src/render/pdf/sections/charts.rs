//! Section 3, the charts: attendance per unit type, the predikat distribution, the 12-month
//! trends, and the units with the highest and lowest attendance. Each chart becomes a
//! sentence when there is nothing to draw.

use crate::ground::text;
use crate::metrics::figures::{CityFigures, MonthReport, UnitRow};
use crate::render::pdf::canvas::{CONTENT_W, Canvas, LEFT, RIGHT};
use crate::render::pdf::chart::{Bar, BarChart, Chart, LineChart, Scale, TrendPoint};

/// A bar chart shows at most this many bars (plus the city), so it always fits a page;
/// the configuration could in principle list more unit types or predikat bands.
const MAX_BARS: usize = 16;

pub(super) fn draw(c: &mut Canvas, r: &MonthReport) {
    let pair_w = (CONTENT_W - 8.0) / 2.0;
    let first = [types_chart(r), predikat_chart(r)];
    let trend = [trend_chart(r, Figure::Kehadiran), trend_chart(r, Figure::NilaiKinerja)];
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
    charts.iter().map(|ch| ch.height(c.fonts(), w)).fold(0.0, f32::max)
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
    // The unit types (at most MAX_BARS of them), then the city row.
    let (kota, types): (Vec<_>, Vec<_>) = r.types.iter().partition(|t| t.jenis == "Kota");
    let bars: Vec<Bar> = types
        .into_iter()
        .take(MAX_BARS)
        .chain(kota.into_iter().take(1))
        .map(|t| {
            let kota = t.jenis == "Kota";
            let rate = t.att.tingkat_kehadiran();
            Bar {
                label: if kota { "Kota (semua unit)".into() } else { t.jenis.clone() },
                value: rate,
                text: text::persen_opt(rate),
                strong: kota,
            }
        })
        .collect();
    if bars.iter().all(|b| b.value.is_none_or(|v| !v.is_finite())) {
        return Chart::Note { title, text: "Belum ada data kehadiran untuk digambarkan.".into() };
    }
    Chart::Bars(BarChart { title, bars, scale: Scale::Percent, label_share: 0.36, label_lines: 2 })
}

fn predikat_chart(r: &MonthReport) -> Chart {
    let title = "Sebaran predikat kinerja pegawai".to_string();
    let total = r.city.predikat.iter().fold(0u64, |sum, (_, n)| sum.saturating_add(*n));
    if total == 0 {
        return Chart::Note { title, text: "Belum ada data penilaian kinerja untuk digambarkan.".into() };
    }
    let bars = r
        .city
        .predikat
        .iter()
        .take(MAX_BARS)
        .map(|(nama, n)| Bar {
            label: nama.clone(),
            value: Some(*n as f64),
            text: format!("{} ({})", text::angka(*n), text::persen(*n as f64 / total as f64)),
            strong: false,
        })
        .collect();
    Chart::Bars(BarChart { title, bars, scale: Scale::Count, label_share: 0.3, label_lines: 2 })
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
    let recent = &r.trend[r.trend.len().saturating_sub(12)..];
    let points: Vec<TrendPoint> = recent
        .iter()
        .enumerate()
        .map(|(i, f)| TrendPoint {
            month: f
                .month
                .map_or_else(|| "?".into(), |m| text::nama_bulan(m.month).chars().take(3).collect()),
            year: f.month.filter(|m| i == 0 || m.month == 1).map(|m| m.year.to_string()),
            value: value(f),
        })
        .collect();
    if points.iter().all(|p| p.value.is_none_or(|v| !v.is_finite())) {
        return Chart::Note {
            title: title.into(),
            text: format!("Belum ada data {empty} bulanan untuk membentuk tren."),
        };
    }
    Chart::Line(LineChart { title: title.into(), points })
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
        Chart::Bars(BarChart { title, bars, scale: Scale::Percent, label_share: 0.46, label_lines: 2 })
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
        chart(format!("{EACH} unit dengan tingkat kehadiran tertinggi"), top),
        chart(format!("{EACH} unit dengan tingkat kehadiran terendah (terendah di atas)"), bottom),
    ]
}
