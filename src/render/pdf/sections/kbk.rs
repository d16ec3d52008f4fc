//! The Kelompok Budaya Kerja page (SPEC §11.3), on a page of its own and only when KBK
//! data exist for the year: the key figures and the groups per status, the groups per
//! current step (bar chart) beside the top groups — the juri's ranking per category when the
//! contest was scored, else the composite ranking, labelled as a ranking aid and never as a
//! verdict — then the groups behind schedule or inactive and the units without a group (per
//! unit type). It is the report's attachment (`Lampiran`), after the signature: the signed
//! report keeps its seven sections and its length, and a city's full page of groups and units
//! never pushes the signature onto a page of its own.

use crate::ground::kbk::langkah_name;
use crate::ground::text;
use crate::metrics::figures::{KbkGroupRow, KbkReport, KbkStatus, KbkUnitRow, MonthReport};
use crate::render::pdf::canvas::{
    BODY, BODY_BOTTOM, BODY_TOP, CAPTION, CELL, CONTENT_W, Canvas, GRID, INK, LEFT, MUTED, NAVY, Painter,
    RIGHT, Style,
};
use crate::render::pdf::chart::{Bar, BarChart, Chart, Scale};
use crate::render::pdf::font::{Fonts, Weight};
use crate::render::pdf::table::{Column, Table};

pub(in crate::render::pdf) const TITLE: &str = "Lampiran: Kelompok Budaya Kerja";
/// The late or inactive groups listed; the `KBK` sheet has them all.
const LATE_LISTED: usize = 20;
/// The units without a group named; the `KBK Unit` sheet has them all.
const UNITS_LISTED: usize = 80;
/// The top groups shown by the composite: ranks up to this place (ties included).
const TOP: u32 = 5;
/// The juri's ranking: ranks up to this place per category.
const TOP_JURI: u32 = 3;
/// The statuses in the order of a group's life.
const STATUS_ORDER: [KbkStatus; 5] = [
    KbkStatus::Selesai,
    KbkStatus::Berjalan,
    KbkStatus::Terlambat,
    KbkStatus::TidakAktif,
    KbkStatus::BelumMulai,
];

pub(super) fn draw(c: &mut Canvas, r: &MonthReport) {
    if !r.kbk.ada_data {
        return;
    }
    // Keeping a whole page with the heading puts the section on a page of its own, its
    // heading at the top like any heading that moved to a new page.
    c.heading(TITLE, BODY_BOTTOM - BODY_TOP);
    c.paragraph(&intro(r), CAPTION, 0.0);
    c.gap(1.5);
    key_figures(c, r);
    c.paragraph(&status_sentence(&r.kbk), CELL, 0.0);
    c.gap(2.0);
    steps_and_top(c, &r.kbk);
    late_groups(c, &r.kbk);
    units_without_group(c, &r.kbk);
}

fn intro(r: &MonthReport) -> String {
    format!(
        "Keadaan per {}; kehadiran anggota dihitung dari daftar hadir pertemuan kelompok sejak Januari {}.",
        text::tanggal(r.tanggal_laporan),
        r.month.year
    )
}

fn key_figures(c: &mut Canvas, r: &MonthReport) {
    const GAP: f32 = 3.5;
    const BOX_H: f32 = 19.0;
    let city = &r.kbk.city;
    let share = |n: u64, of: u64| {
        (of > 0).then(|| format!("{} dari semua kelompok", text::persen(n as f64 / of as f64)))
    };
    let cakupan =
        city.cakupan.filter(|v| v.is_finite()).map(|v| format!("cakupan {} pegawai", text::persen(v)));
    let boxes = [
        ("Kelompok", text::angka(city.kelompok), Some(format!("{} anggota", text::angka(city.anggota)))),
        ("Kelompok aktif", text::angka(city.kelompok_aktif), share(city.kelompok_aktif, city.kelompok)),
        (
            "Unit berkelompok",
            format!("{} dari {}", text::angka(city.unit_berkelompok), text::angka(city.unit_total)),
            cakupan,
        ),
        (
            "Rata-rata kehadiran anggota",
            text::persen_opt(city.kehadiran_anggota.filter(|v| v.is_finite())),
            Some(format!("Januari–{}", text::periode(r.month))),
        ),
    ];
    let box_w = (CONTENT_W - GAP * 3.0) / 4.0;
    c.ensure(BOX_H);
    for (i, (label, value, note)) in boxes.iter().enumerate() {
        c.figure_box(LEFT + i as f32 * (box_w + GAP), (box_w, BOX_H), label, value, note.as_deref());
    }
    c.y += BOX_H + GAP;
}

/// `Status kelompok: 2 selesai, 5 berjalan, 2 terlambat, 2 tidak aktif, 1 belum mulai.`
fn status_sentence(kbk: &KbkReport) -> String {
    let parts: Vec<String> = STATUS_ORDER
        .iter()
        .map(|s| format!("{} {}", text::angka(kbk.city.per_status[s.index()]), s.label().to_lowercase()))
        .collect();
    format!("Status kelompok: {}.", parts.join(", "))
}

/// The groups per current step (left) beside the top groups (right), kept on one page.
fn steps_and_top(c: &mut Canvas, kbk: &KbkReport) {
    let w = (CONTENT_W - 8.0) / 2.0;
    let chart = steps_chart(kbk);
    let list = if kbk.contest.is_empty() { komposit_list(kbk) } else { contest_list(kbk) };
    let fonts = c.fonts();
    let h = chart.height(fonts, w).max(list.height(fonts, w));
    c.ensure(h);
    chart.draw(&mut c.p, LEFT, c.y, w);
    list.draw(&mut c.p, RIGHT - w, c.y, w);
    c.y += h + 1.0;
}

fn steps_chart(kbk: &KbkReport) -> Chart {
    let title = "Kelompok menurut langkah terakhir yang selesai".to_string();
    if kbk.city.kelompok == 0 {
        return Chart::Note { title, text: "Belum ada kelompok yang terdaftar.".into() };
    }
    let bars = (0u8..)
        .zip(kbk.city.per_langkah)
        .map(|(step, n)| Bar {
            label: if step == 0 {
                "Belum ada langkah selesai".into()
            } else {
                format!("{step}. {}", langkah_name(step))
            },
            value: Some(n as f64),
            text: text::angka(n),
            strong: false,
        })
        .collect();
    Chart::Bars(BarChart { title, bars, scale: Scale::Count, label_share: 0.58, label_lines: 2 })
}

/// `3` / `–`.
fn langkah(g: &KbkGroupRow) -> String {
    g.langkah_terakhir.map_or_else(|| "–".into(), |n| n.to_string())
}

/// `3 dari 22` against the target, or the count alone without one.
fn pertemuan(g: &KbkGroupRow) -> String {
    if g.pertemuan_target > 0 {
        format!("{} dari {}", text::angka(g.pertemuan_tahun), text::angka(g.pertemuan_target))
    } else {
        text::angka(g.pertemuan_tahun)
    }
}

/// The inactive groups, then the late ones, each in configuration order.
pub(in crate::render::pdf) fn late_or_inactive(kbk: &KbkReport) -> Vec<&KbkGroupRow> {
    let mut v: Vec<&KbkGroupRow> = kbk
        .groups
        .iter()
        .filter(|g| matches!(g.status, KbkStatus::TidakAktif | KbkStatus::Terlambat))
        .collect();
    v.sort_by_key(|g| g.status != KbkStatus::TidakAktif);
    v
}

fn late_groups(c: &mut Canvas, kbk: &KbkReport) {
    let sub = "Kelompok terlambat atau tidak aktif";
    let groups = late_or_inactive(kbk);
    if groups.is_empty() {
        c.subheading(sub, BODY.line_height());
        c.paragraph("Tidak ada kelompok yang terlambat atau tidak aktif.", BODY, 0.0);
        return;
    }
    let mut t = Table::new(
        vec![
            Column::number("No"),
            Column::flex("Unit Kerja"),
            Column::text("Kelompok"),
            Column::center("Langkah Terakhir"),
            Column::number("Pertemuan / Target"),
            Column::text("Status"),
        ],
        "Kelompok terlambat atau tidak aktif (lanjutan)",
    );
    for (i, g) in groups.iter().take(LATE_LISTED).enumerate() {
        t.push(vec![
            text::angka(i as u64 + 1).into(),
            g.nama_unit.as_str().into(),
            g.kelompok.as_str().into(),
            langkah(g).into(),
            pertemuan(g).into(),
            g.status.label().into(),
        ]);
    }
    c.subheading(sub, CAPTION.line_height() + t.lead_height(c.fonts()));
    let inactive = match kbk.bulan_tidak_aktif {
        0 | 1 => "bulan ini".to_string(),
        n => format!("{n} bulan terakhir"),
    };
    c.paragraph(
        &format!(
            "Terlambat: ada langkah melewati rencana selesai. Tidak aktif: tanpa pertemuan dalam {inactive}."
        ),
        CAPTION,
        0.0,
    );
    c.gap(1.0);
    t.draw(c);
    more(c, groups.len(), LATE_LISTED, "kelompok", "KBK");
}

/// `… dan 12 kelompok lainnya; daftar lengkap ada pada lembar KBK di berkas XLSX.`
fn more(c: &mut Canvas, total: usize, listed: usize, what: &str, sheet: &str) {
    if total > listed {
        c.gap(1.0);
        let text = format!(
            "… dan {} {what} lainnya; daftar lengkap ada pada lembar {sheet} di berkas XLSX.",
            text::angka((total - listed) as u64)
        );
        c.paragraph(&text, CAPTION, 0.0);
    }
}

fn units_without_group(c: &mut Canvas, kbk: &KbkReport) {
    let names: Vec<&str> = kbk.units_without_group().map(|u| u.nama.trim()).collect();
    let total = if kbk.city.unit_total > 0 { kbk.city.unit_total } else { kbk.units.len() as u64 };
    c.gap(3.0);
    if names.is_empty() {
        c.subheading("Unit kerja tanpa kelompok", BODY.line_height());
        c.paragraph("Semua unit kerja telah memiliki sekurang-kurangnya satu kelompok.", BODY, 0.0);
        return;
    }
    let sub = format!(
        "Unit kerja tanpa kelompok ({} dari {} unit)",
        text::angka(names.len() as u64),
        text::angka(total)
    );
    c.subheading(&sub, 2.0 * CELL.line_height());
    // Per unit type, the names without the type they repeat (`Kelurahan (18): Mentikan ·
    // Kauman · …`): a city's list fits in a few lines and reads by type.
    let mut listed = 0;
    for (jenis, units) in by_type(kbk) {
        let take = units.len().min(UNITS_LISTED.saturating_sub(listed));
        if take == 0 {
            break;
        }
        listed += take;
        let short: Vec<String> = units[..take].iter().map(|u| short_name(&u.nama, jenis)).collect();
        let label = format!("{jenis} ({}):", text::angka(units.len() as u64));
        let mut items: Vec<&str> = vec![label.as_str()];
        items.extend(short.iter().map(String::as_str));
        for line in name_lines(c.fonts(), &items, CONTENT_W) {
            let line = line.replacen(": · ", ": ", 1);
            c.ensure(CELL.line_height());
            c.p.text(LEFT, c.y + CELL.baseline_offset(), &line, CELL);
            c.y += CELL.line_height();
        }
    }
    more(c, names.len(), listed, "unit", "KBK Unit");
}

/// The units without a group, per unit type in the order types first occur.
fn by_type(kbk: &KbkReport) -> Vec<(&str, Vec<&KbkUnitRow>)> {
    let mut out: Vec<(&str, Vec<&KbkUnitRow>)> = Vec::new();
    for u in kbk.units_without_group() {
        match out.iter_mut().find(|(j, _)| *j == u.jenis) {
            Some((_, v)) => v.push(u),
            None => out.push((u.jenis.as_str(), vec![u])),
        }
    }
    out
}

/// A unit's name without the type it starts with (`Kelurahan Kauman` → `Kauman`,
/// `UPT Puskesmas Kedundung` → `Kedundung`); other names whole.
fn short_name(nama: &str, jenis: &str) -> String {
    let nama = nama.trim();
    let lower = nama.to_lowercase();
    let jenis_lower = jenis.to_lowercase();
    for prefix in [format!("upt {jenis_lower} "), format!("uptd {jenis_lower} "), format!("{jenis_lower} ")] {
        if lower.starts_with(&prefix) && nama.len() > prefix.len() {
            return nama[prefix.len()..].trim().to_string();
        }
    }
    nama.to_string()
}

/// Names joined by ` · ` into lines of `width` mm. A name moves to the next line whole
/// rather than break; only a name longer than a line wraps (between its words).
fn name_lines(fonts: &Fonts, names: &[&str], width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for name in names.iter().map(|n| fonts.clean(n)).filter(|n| !n.is_empty()) {
        let candidate = if line.is_empty() { name.clone() } else { format!("{line} · {name}") };
        if fonts.width(CELL.weight, CELL.size, &candidate) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut wrapped = fonts.wrap(CELL.weight, CELL.size, &name, width);
        line = wrapped.pop().unwrap_or_default();
        lines.extend(wrapped);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The unit's name for a contest row (the code when the unit is unknown).
fn unit_name<'a>(kbk: &'a KbkReport, kode: &'a str) -> &'a str {
    kbk.units
        .iter()
        .find(|u| u.kode == kode)
        .map(|u| u.nama.as_str())
        .or_else(|| kbk.groups.iter().find(|g| g.kode_unit == kode).map(|g| g.nama_unit.as_str()))
        .unwrap_or(kode)
}

/// One group of a ranked list: its place, name, unit and score.
struct Entry {
    rank: String,
    name: String,
    unit: String,
    score: String,
}

/// A compact ranked list beside the steps chart: a title, a note, then the entries, under
/// a heading per category when the juri scored several.
struct RankList {
    title: String,
    note: String,
    sections: Vec<(String, Vec<Entry>)>,
}

const LIST_TITLE: Style = Style::new(Weight::Bold, 8.5, INK);
const LIST_HEAD: Style = Style::new(Weight::Bold, 7.5, MUTED);
const RANK: Style = Style::new(Weight::Bold, 8.0, NAVY);
/// Room for the place number left of the names.
const RANK_W: f32 = 6.0;

impl RankList {
    fn height(&self, fonts: &Fonts, width: f32) -> f32 {
        self.draw(&mut Painter::new(fonts, Vec::new()), 0.0, 0.0, width)
    }

    /// Draws the list at `x`, `top`, `width` mm wide; returns its height.
    fn draw(&self, p: &mut Painter, x: f32, top: f32, width: f32) -> f32 {
        let fonts = p.fonts;
        let mut y = top;
        for line in fonts.wrap(LIST_TITLE.weight, LIST_TITLE.size, &self.title, width) {
            p.text(x, y + LIST_TITLE.baseline_offset(), &line, LIST_TITLE);
            y += LIST_TITLE.line_height();
        }
        for line in fonts.wrap(CAPTION.weight, CAPTION.size, &self.note, width) {
            p.text(x, y + CAPTION.baseline_offset(), &line, CAPTION);
            y += CAPTION.line_height();
        }
        y += 1.5;
        let entries = self.sections.iter().flat_map(|(_, e)| e);
        let score_w = entries.map(|e| p.width(&e.score, CELL.bold())).fold(0.0, f32::max) + 2.0;
        let text_w = (width - RANK_W - score_w).max(10.0);
        for (head, entries) in &self.sections {
            if !head.is_empty() {
                y += 0.8;
                p.text(x, y + LIST_HEAD.baseline_offset(), head, LIST_HEAD);
                y += LIST_HEAD.line_height();
            }
            for e in entries {
                y = draw_entry(p, e, (x, y), (width, text_w));
            }
        }
        y - top
    }
}

/// One entry: place, name (bold) with its unit below (muted), the score on the right, a
/// hairline under it. Returns the next entry's top.
fn draw_entry(p: &mut Painter, e: &Entry, (x, top): (f32, f32), (width, text_w): (f32, f32)) -> f32 {
    let fonts = p.fonts;
    let name_style = CELL.bold();
    let baseline = top + 0.6 + name_style.baseline_offset();
    p.text(x, baseline, &e.rank, RANK);
    p.text_right(x + width, baseline, &e.score, name_style);
    let mut y = top + 0.6;
    for line in fonts.wrap(name_style.weight, name_style.size, &e.name, text_w) {
        p.text(x + RANK_W, y + name_style.baseline_offset(), &line, name_style);
        y += name_style.line_height();
    }
    for line in fonts.wrap(CAPTION.weight, CAPTION.size, &e.unit, text_w) {
        p.text(x + RANK_W, y + CAPTION.baseline_offset(), &line, CAPTION);
        y += CAPTION.line_height();
    }
    y += 0.6;
    p.hline(x, x + width, y, GRID, 0.4);
    y + 0.2
}

/// The top groups by the composite, labelled as a ranking aid and never as a verdict.
fn komposit_list(kbk: &KbkReport) -> RankList {
    let entries: Vec<Entry> = kbk
        .groups_by_rank()
        .into_iter()
        .filter(|g| g.peringkat_komposit.is_some_and(|r| r <= TOP))
        .map(|g| Entry {
            rank: g.peringkat_komposit.map_or_else(String::new, |n| n.to_string()),
            name: g.kelompok.clone(),
            unit: g.nama_unit.clone(),
            score: text::desimal(g.skor_komposit * 100.0, 1),
        })
        .collect();
    let note = if entries.is_empty() {
        "Belum ada kelompok yang dapat diperingkat."
    } else {
        "Skor 0–100, alat bantu pemantauan; pemenang lomba KBK ditetapkan oleh dewan juri."
    };
    RankList {
        title: "Peringkat komposit (kemajuan, tepat waktu, kehadiran, ketercapaian) — bukan penilaian juri"
            .into(),
        note: note.into(),
        sections: vec![(String::new(), entries)],
    }
}

/// The juri's ranking, the first places of each category in the order given.
fn contest_list(kbk: &KbkReport) -> RankList {
    let mut sections: Vec<(String, Vec<Entry>)> = Vec::new();
    for row in kbk.contest.iter().filter(|r| r.peringkat <= TOP_JURI) {
        let head = if row.kategori.trim().is_empty() {
            String::new()
        } else {
            format!("Kategori {}", row.kategori.trim())
        };
        if sections.last().is_none_or(|(h, _)| *h != head) {
            sections.push((head, Vec::new()));
        }
        if let Some((_, entries)) = sections.last_mut() {
            entries.push(Entry {
                rank: row.peringkat.to_string(),
                name: row.kelompok.clone(),
                unit: unit_name(kbk, &row.kode_unit).to_string(),
                score: text::desimal(row.skor, 1),
            });
        }
    }
    RankList {
        title: "Penilaian juri lomba KBK".into(),
        note: format!("Skor tertimbang penilaian juri (0–100), {TOP_JURI} peringkat teratas per kategori."),
        sections,
    }
}
