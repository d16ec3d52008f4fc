//! Section IV, the meeting log: one row per meeting up to the date the figures are as of,
//! with its date, length, step, agenda, result and attendance.

use super::tanggal_singkat;
use crate::ground::text;
use crate::metrics::figures::{Risalah, RisalahMeeting};
use crate::render::pdf::canvas::{BODY, Canvas};
use crate::render::pdf::table::{Cell, Column, Table};

pub(super) const HEADING: &str = "IV. Catatan Pertemuan";

pub(super) fn draw(c: &mut Canvas, r: &Risalah) {
    if r.meetings.is_empty() {
        c.heading(HEADING, 2.0 * BODY.line_height());
        let note = format!(
            "Belum ada pertemuan yang tercatat sampai {} (lembar Pertemuan).",
            text::tanggal(r.per_tanggal)
        );
        c.paragraph(&note, BODY, 0.0);
        return;
    }
    let mut table = Table::new(
        vec![
            Column::number("Ke"),
            Column::text("Tanggal"),
            Column::number("Durasi (menit)"),
            Column::center("Langkah"),
            Column::flex("Agenda"),
            Column::flex("Hasil"),
            Column::center("Hadir"),
        ],
        "Catatan pertemuan (lanjutan)",
    );
    for m in &r.meetings {
        table.push(row(m));
    }
    c.heading(HEADING, table.lead_height(c.fonts()));
    table.draw(c);
}

fn row(m: &RisalahMeeting) -> Vec<Cell> {
    let dash = || "–".to_string();
    let text_or_dash = |s: &str| {
        let s = text::collapse_ws(s);
        if s.is_empty() { dash() } else { s }
    };
    vec![
        m.ke.map_or_else(dash, |k| k.to_string()).into(),
        tanggal_singkat(m.tanggal).into(),
        m.durasi.map_or_else(dash, |d| text::angka(u64::from(d))).into(),
        m.langkah.filter(|n| (1..=8).contains(n)).map_or_else(dash, |n| n.to_string()).into(),
        text_or_dash(&m.agenda).into(),
        text_or_dash(&m.hasil).into(),
        m.hadir.map_or_else(dash, |(hadir, dicatat)| format!("{hadir}/{dicatat}")).into(),
    ]
}
