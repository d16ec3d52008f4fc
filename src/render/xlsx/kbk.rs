//! The `KBK` sheet (SPEC §11.3): one row per Kelompok Budaya Kerja with its §11.2 figures
//! and its `Status` cell coloured. Below the table, a small ranking block: the juri's
//! contest ranking (`Penilaian Lomba KBK`) when scores were given, else the top groups by the
//! composite score, labelled as a ranking aid and never as a verdict. Also the colours and
//! the block writer that `KBK Langkah` and `KBK Unit` share.

use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError};

use super::conditional::rate_scale;
use super::table::{HEADER_ROW, clip, column_widths, write_block, write_table, write_value};
use super::{Column, DataRows, Kind::*, Row, Styles, Value, col, count, number, string};
use crate::ground::text;
use crate::metrics::figures::{KbkGroupRow, KbkReport, KbkStatus, MonthReport};

pub(super) const KBK_COLUMNS: &[Column] = &[
    Column("Kode Unit", Text),
    Column("Nama Unit", Text),
    Column("Kelompok", Text),
    Column("Nomor SK", Text),
    Column("Ketua", Text),
    Column("Anggota", Count),
    Column("Pertemuan Bulan Ini", Count),
    Column("Pertemuan Tahun Ini", Count),
    Column("Kehadiran Anggota", Rate),
    Column("Langkah Terakhir", Rank),
    Column("Kemajuan", Rate),
    Column("Tepat Waktu", Rate),
    Column("Ketercapaian", Rate),
    Column("Status", Text),
];

/// The composite block below the table: the groups ranked up to this place (ties included).
const TOP_KOMPOSIT: u32 = 10;

/// `(fill, font)` colours, the light grounds with dark text of Excel's own highlight styles,
/// readable on screen and in a greyscale print (the cell text carries the meaning anyway).
pub(super) const GREEN: (u32, u32) = (0xC6EFCE, 0x006100);
pub(super) const BLUE: (u32, u32) = (0xBDD7EE, 0x1F4E79);
pub(super) const AMBER: (u32, u32) = (0xFFEB9C, 0x9C5700);
pub(super) const RED: (u32, u32) = (0xFFC7CE, 0x9C0006);
pub(super) const GREY: (u32, u32) = (0xE7E6E6, 0x3A3A3A);

/// The colours of a group's status: finished green, running blue, late amber, inactive
/// red, not started grey.
pub(super) fn status_colours(status: KbkStatus) -> (u32, u32) {
    match status {
        KbkStatus::Selesai => GREEN,
        KbkStatus::Berjalan => BLUE,
        KbkStatus::Terlambat => AMBER,
        KbkStatus::TidakAktif => RED,
        KbkStatus::BelumMulai => GREY,
    }
}

/// Text that may be missing: a blank cell rather than an empty string.
pub(super) fn optional_text(s: &str) -> Value {
    if s.trim().is_empty() { Value::Blank } else { string(s) }
}

fn group_row(g: &KbkGroupRow) -> Row {
    Row::plain(vec![
        string(&g.kode_unit),
        string(&g.nama_unit),
        string(&g.kelompok),
        optional_text(&g.no_sk),
        optional_text(&g.ketua),
        count(g.anggota),
        count(g.pertemuan_bulan),
        count(g.pertemuan_tahun),
        number(g.kehadiran_anggota),
        number(g.langkah_terakhir.map(f64::from)),
        number(Some(g.kemajuan)),
        number(g.tepat_waktu),
        number(g.ketercapaian),
        string(g.status.label()),
    ])
}

pub(super) fn write(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
    ws.set_name("KBK")?;
    let kbk = &report.kbk;
    let title = format!("Kelompok Budaya Kerja — {}", text::periode(report.month));
    let rows: Vec<Row> = kbk.groups.iter().map(group_row).collect();
    let widths = column_widths(KBK_COLUMNS, &rows);
    let note = format!(
        "Keadaan per {}; pertemuan dan kehadiran anggota dihitung sejak Januari {}.",
        text::tanggal(report.tanggal_laporan),
        report.month.year
    );
    ws.write_string_with_format(1, 0, clip(&note), &styles.subtitle)?;
    let data = write_table(ws, styles, &title, KBK_COLUMNS, rows, 3)?;
    if let Some(data) = data {
        rate_scale(ws, data, col(KBK_COLUMNS, "Kehadiran Anggota"))?;
        colour_status(ws, styles, data, col(KBK_COLUMNS, "Status"), kbk.groups.iter().map(|g| g.status))?;
    }
    let below = data.map_or(HEADER_ROW, |d| d.last) + 2;
    let block = if kbk.contest.is_empty() { komposit_block(kbk) } else { contest_block(report) };
    write_block_below(ws, styles, below, &widths, &block)?;
    Ok(())
}

/// Rewrites the `Status` cells of the data rows on the colour of their status.
pub(super) fn colour_status(
    ws: &mut Worksheet,
    styles: &Styles,
    data: DataRows,
    col: ColNum,
    statuses: impl Iterator<Item = KbkStatus>,
) -> Result<(), XlsxError> {
    for (row, status) in (data.first..=data.last).zip(statuses) {
        let format = styles.tinted(Text, false, status_colours(status));
        write_value(ws, row, col, &string(status.label()), &format)?;
    }
    Ok(())
}

/// A small titled table written below a sheet's main table.
pub(super) struct Block {
    pub title: String,
    pub note: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// Writes `block` from row `at`: its title, its note, its header and rows. A column the
/// block needs wider than the table above (`widths`) is widened.
pub(super) fn write_block_below(
    ws: &mut Worksheet,
    styles: &Styles,
    at: RowNum,
    widths: &[usize],
    block: &Block,
) -> Result<Option<DataRows>, XlsxError> {
    let own = column_widths(&block.columns, &block.rows);
    let mut merged = Vec::with_capacity(own.len());
    for (col, (i, &w)) in (0..).zip(own.iter().enumerate()) {
        match widths.get(i) {
            Some(&above) if above >= w => merged.push(above),
            _ => {
                ws.set_column_width(col, w as f64)?;
                merged.push(w);
            }
        }
    }
    ws.write_string_with_format(at, 0, clip(&block.title), &styles.section)?;
    if !block.note.is_empty() {
        ws.write_string_with_format(at + 1, 0, clip(&block.note), &styles.subtitle)?;
    }
    write_block(ws, styles, at + 2, &block.columns, &block.rows, &merged)
}

/// The top groups by `peringkat_komposit`, with their skor komposit on 0–100 (the scale of
/// the juri's scores).
fn komposit_block(kbk: &KbkReport) -> Block {
    let rows = kbk
        .groups_by_rank()
        .into_iter()
        .filter(|g| g.peringkat_komposit.is_some_and(|r| r <= TOP_KOMPOSIT))
        .map(|g| {
            Row::plain(vec![
                string(&g.kode_unit),
                string(&g.nama_unit),
                string(&g.kelompok),
                number(g.peringkat_komposit.map(f64::from)),
                number(Some(g.skor_komposit * 100.0)),
            ])
        })
        .collect();
    Block {
        title: "Peringkat komposit (bukan penilaian juri)".into(),
        note: "Skor komposit 0–100 dari kemajuan langkah, ketepatan waktu, kehadiran anggota dan \
               ketercapaian target: alat bantu pemantauan, bukan penilaian juri lomba KBK."
            .into(),
        columns: vec![
            Column("Kode Unit", Text),
            Column("Nama Unit", Text),
            Column("Kelompok", Text),
            Column("Peringkat", Rank),
            Column("Skor Komposit", Score),
        ],
        rows,
    }
}

/// The juri's ranking per category; `Kriteria Belum Dinilai` only when some group lacks a
/// score, so the panel can finish.
fn contest_block(report: &MonthReport) -> Block {
    let contest = &report.kbk.contest;
    let with_missing = contest.iter().any(|c| !c.kriteria_kosong.is_empty());
    let mut columns = vec![
        Column("Kategori", Text),
        Column("Peringkat", Rank),
        Column("Kode Unit", Text),
        Column("Kelompok", Text),
        Column("Skor", Score),
    ];
    if with_missing {
        columns.push(Column("Kriteria Belum Dinilai", LongText));
    }
    let rows = contest
        .iter()
        .map(|c| {
            let mut v = vec![
                optional_text(&c.kategori),
                number(Some(f64::from(c.peringkat))),
                string(&c.kode_unit),
                string(&c.kelompok),
                number(Some(c.skor)),
            ];
            if with_missing {
                v.push(optional_text(&c.kriteria_kosong.join(", ")));
            }
            Row::plain(v)
        })
        .collect();
    Block {
        title: "Penilaian Lomba KBK".into(),
        note: "Skor tertimbang penilaian juri (0–100) dan peringkat per kategori.".into(),
        columns,
        rows,
    }
}
