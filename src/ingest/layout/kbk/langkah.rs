//! `kbk-langkah` (SPEC §11.1): one row per group × step — the risalah's Gantt "rencana &
//! realisasi": kelompok, langkah, rencana_mulai, rencana_selesai, realisasi_mulai,
//! realisasi_selesai, [keterangan]. One record per row that has a date or a note. The
//! header is one row (`Rencana Mulai | Rencana Selesai | …`) or the Gantt's two, a merged
//! `Rencana` over `Mulai | Selesai` and a merged `Realisasi` over `Mulai | Selesai`.

use chrono::NaiveDate;

use crate::ground::kbk::{KbkRecord, KbkStep};
use crate::ground::text::{norm_key, tanggal};
use crate::ingest::detect::{Field, HeaderFields, HeaderSearch, Table};
use crate::ingest::layout::kbk::{self, RowError};
use crate::ingest::layout::{Labels, Reject, SheetCtx, SheetLayout, SheetOutput};
use crate::ingest::workbook::{Cell, Grid};

/// kbk-langkah: recognised by `Kelompok` and `Langkah` with a planned or actual start or
/// end; the Gantt's two-row header is located first ([`locate_gantt`]).
pub struct KbkLangkah;

/// A step row is one with a date or a note: the template prefills the eight steps' numbers
/// and names, which alone are no record.
const CONTENT: &[Field] = &[
    Field::RencanaMulai,
    Field::RencanaSelesai,
    Field::RealisasiMulai,
    Field::RealisasiSelesai,
    Field::Status,
];

const DATES: [Field; 4] =
    [Field::RencanaMulai, Field::RencanaSelesai, Field::RealisasiMulai, Field::RealisasiSelesai];

impl SheetLayout for KbkLangkah {
    fn labels(&self) -> Labels {
        Labels { key: "kbk-langkah", kind: "KBK Langkah", layout: "long" }
    }

    fn recognises(&self, header: HeaderFields<'_>) -> bool {
        rule(header)
    }

    fn locate(&self, search: &HeaderSearch<'_>, row: usize) -> Option<Table> {
        locate_gantt(search, row).or_else(|| kbk::locate_under_group_label(search, row, rule))
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        kbk::read_rows(ctx, CONTENT, |r, out| read_row(ctx, r, out))
    }
}

fn rule(header: HeaderFields<'_>) -> bool {
    header.has(Field::Kelompok) && header.has(Field::Langkah) && header.has_any(&DATES)
}

/// Planned or actual: the label of a Gantt column group.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    Rencana,
    Realisasi,
}

/// The phase a group label names (`Rencana`, `Jadwal`, `Target`; `Realisasi`,
/// `Pelaksanaan`); a long text (a title) is none.
fn phase(text: &str) -> Option<Phase> {
    let k = norm_key(text);
    if k.len() > 24 {
        return None;
    }
    let any = |words: &[&str]| words.iter().any(|w| k.contains(w));
    match (any(&["rencana", "jadwal", "target"]), any(&["realisasi", "pelaksanaan", "aktual"])) {
        (true, false) => Some(Phase::Rencana),
        (false, true) => Some(Phase::Realisasi),
        _ => None,
    }
}

/// Whether a sub-label under a group says start (`Mulai`) or end (`Selesai`).
fn end_of(text: &str) -> Option<bool> {
    match norm_key(text).as_str() {
        "mulai" | "awal" | "tanggalmulai" | "tglmulai" | "start" => Some(false),
        "selesai" | "akhir" | "tanggalselesai" | "tglselesai" | "finish" | "end" => Some(true),
        _ => None,
    }
}

fn gantt_field(phase: Phase, end: bool) -> Field {
    match (phase, end) {
        (Phase::Rencana, false) => Field::RencanaMulai,
        (Phase::Rencana, true) => Field::RencanaSelesai,
        (Phase::Realisasi, false) => Field::RealisasiMulai,
        (Phase::Realisasi, true) => Field::RealisasiSelesai,
    }
}

/// The Gantt header in rows `r` and `r + 1`: a group label (`Rencana`, `Realisasi`) over
/// `Mulai | Selesai`, merged across or written once with the cell to its right left empty;
/// the other columns named in either row (`Nama Kelompok`, `Langkah` merged down).
fn locate_gantt(search: &HeaderSearch<'_>, r: usize) -> Option<Table> {
    let grid = search.grid;
    // Detection asks every row of every sheet: the cheap test first (a `Mulai` or `Selesai`
    // under the row).
    let sub_label = |c: &Cell| matches!(c, Cell::Text(s) if s.len() <= 24 && end_of(s).is_some());
    if !grid.rows.get(r + 1).is_some_and(|cells| cells.iter().any(sub_label)) {
        return None;
    }
    let mut columns: Vec<(Field, usize)> = Vec::new();
    let mut group: Option<Phase> = None;
    let mut grouped = false;
    for c in 0..grid.width() {
        let top = grid.get(r, c).text();
        let below = grid.get(r + 1, c).text();
        group = group_over(grid, r, c, &top, &below, group);
        let field = match (group, end_of(&below)) {
            (Some(p), Some(end)) => {
                grouped = true;
                Some(gantt_field(p, end))
            }
            _ => plain_field(search, &top, &below),
        };
        if let Some(f) = field.filter(|f| !columns.iter().any(|(g, _)| g == f)) {
            columns.push((f, c));
        }
    }
    let header = HeaderFields(&columns);
    let has_group = header.has(Field::Kelompok) || kbk::names_group_above(search, r);
    if !grouped || !has_group || !header.has(Field::Langkah) {
        return None;
    }
    Some(Table::of_columns(r, r + 2, columns))
}

/// The group label over column `c`: its own text when that names a phase with a sub-label
/// below, the first cell of a horizontal merge covering it, or — the cell empty with a
/// sub-label below — the label carried from the left.
fn group_over(grid: &Grid, r: usize, c: usize, top: &str, below: &str, left: Option<Phase>) -> Option<Phase> {
    if !top.trim().is_empty() {
        return phase(top).filter(|_| end_of(below).is_some());
    }
    if let Some(((r0, c0), _)) = grid.merged_at(r, c) {
        if r0 == r && c0 < c {
            return phase(&grid.get(r, c0).text());
        }
    }
    left.filter(|_| end_of(below).is_some())
}

/// A column outside the groups: named by its two rows together (`Durasi` / `(menit)`), by
/// the top alone (merged down), or by the lower row alone.
fn plain_field(search: &HeaderSearch<'_>, top: &str, below: &str) -> Option<Field> {
    let vocab = search.vocab;
    vocab.field(&format!("{top} {below}")).or_else(|| vocab.field(top)).or_else(|| vocab.field(below))
}

fn read_row(ctx: &SheetCtx, r: usize, out: &mut SheetOutput) -> Result<KbkRecord, RowError> {
    let kelompok = kbk::group(ctx, r).map_err(|x| (x, None))?;
    let unit = ctx.unit(r).map_err(|x| (x, None))?;
    let Some(langkah) = kbk::step(ctx, r).map_err(|x| (x, None))? else {
        let col = ctx.table.col(Field::Langkah).unwrap_or(0);
        let message = format!("langkah kosong: isi nomor langkah 1–8 atau namanya ({})", kbk::step_names());
        return Err((Reject::new(col, "", message), None));
    };
    let mut dates = [None; 4];
    for (slot, (f, label)) in dates.iter_mut().zip(DATES.into_iter().zip(LABELS)) {
        *slot = kbk::date(ctx, out, r, f, label).map_err(|x| (x, None))?;
    }
    let [rencana_mulai, rencana_selesai, realisasi_mulai, realisasi_selesai] = dates;
    check_dates(ctx, out, r, dates);
    Ok(KbkRecord::Step(KbkStep {
        unit,
        kelompok,
        langkah,
        rencana_mulai,
        rencana_selesai,
        realisasi_mulai,
        realisasi_selesai,
        keterangan: kbk::text(ctx, r, Field::Status),
        prov: ctx.prov(r, ctx.table.col(Field::Langkah).unwrap_or(0)),
    }))
}

/// The four dates' labels, in [`DATES`] order.
const LABELS: [&str; 4] = ["rencana mulai", "rencana selesai", "realisasi mulai", "realisasi selesai"];

/// Warnings about one step's own dates: finished without a start, or ending before it starts
/// (the order across steps is `reconcile`'s).
fn check_dates(ctx: &SheetCtx, out: &mut SheetOutput, r: usize, dates: [Option<NaiveDate>; 4]) {
    let [rencana_mulai, rencana_selesai, realisasi_mulai, realisasi_selesai] = dates;
    let at = |f: Field| {
        let col = ctx.table.col(f).unwrap_or(0);
        (col, ctx.grid.get(r, col).text())
    };
    if realisasi_selesai.is_some() && realisasi_mulai.is_none() {
        let (col, value) = match ctx.table.col(Field::RealisasiMulai) {
            Some(col) => (col, String::new()),
            None => at(Field::RealisasiSelesai),
        };
        let message = "langkah selesai tanpa tanggal mulai: isi Realisasi Mulai langkah ini";
        kbk::warn(ctx, out, r, Reject::new(col, value, message), None);
    }
    let pairs = [
        (rencana_mulai, rencana_selesai, Field::RencanaSelesai, "rencana"),
        (realisasi_mulai, realisasi_selesai, Field::RealisasiSelesai, "realisasi"),
    ];
    for (mulai, selesai, f, label) in pairs {
        if let (Some(mulai), Some(selesai)) = (mulai, selesai) {
            if selesai < mulai {
                let (col, value) = at(f);
                let message = format!(
                    "{label} selesai ({}) sebelum {label} mulai ({}); periksa kedua tanggal",
                    tanggal(selesai),
                    tanggal(mulai)
                );
                kbk::warn(ctx, out, r, Reject::new(col, value, message), None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ground::kbk::{KbkRecord, KbkStep};
    use crate::ground::model::Level;
    use crate::ingest::layout::kbk::tests::{E, Read, above, d, read, read_merged, t, texts, ymd};

    fn steps(read: &Read) -> Vec<&KbkStep> {
        read.records()
            .into_iter()
            .map(|r| match r {
                KbkRecord::Step(s) => s,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn template_rows_without_dates_are_skipped_and_dates_read() {
        let mut rows = above("LANGKAH KBK");
        rows.push(texts(&[
            "Nama Kelompok",
            "Langkah",
            "Nama Langkah",
            "Rencana Mulai",
            "Rencana Selesai",
            "Realisasi Mulai",
            "Realisasi Selesai",
            "Keterangan",
        ]));
        rows.push(vec![
            t("Melati"),
            t("1"),
            t("Menetapkan tema dan sasaran"),
            t("02/11/2026"),
            d(2026, 11, 9),
            d(2026, 11, 3),
            t("10 Nov 2026"),
            t("selesai"),
        ]);
        rows.push(vec![E, t("2"), t("Menetapkan faktor penyebab")]);
        rows.push(vec![t("Melati"), t("3"), t("Menetapkan penyebab dominan")]);
        let read = read(rows);
        assert_eq!(read.layout, Some("kbk-langkah"));
        assert!(read.issues().is_empty() && read.rejected() == 0, "{:?}", read.issues());
        let [s] = steps(&read)[..] else { panic!() };
        assert_eq!((s.kelompok.as_str(), s.langkah, s.keterangan.as_str()), ("Melati", 1, "selesai"));
        assert_eq!(
            [s.rencana_mulai, s.rencana_selesai, s.realisasi_mulai, s.realisasi_selesai],
            [Some(ymd(2026, 11, 2)), Some(ymd(2026, 11, 9)), Some(ymd(2026, 11, 3)), Some(ymd(2026, 11, 10))]
        );
    }

    /// The risalah's Gantt: `Rencana` and `Realisasi` merged over `Mulai | Selesai`, the
    /// other labels merged down; and the same header written without merges.
    #[test]
    fn the_gantt_two_row_header() {
        let mut rows = above("RENCANA DAN REALISASI LANGKAH");
        rows.push(texts(&["Kelompok", "Langkah", "Rencana", "", "Realisasi", "", "Ket"]));
        rows.push(texts(&["", "", "Mulai", "Selesai", "Mulai", "Selesai", ""]));
        rows.push(texts(&[
            "Melati",
            "Penetapan penyebab dominan",
            "01/11/2026",
            "08/11/2026",
            "",
            "09/11/2026",
            "",
        ]));
        rows.push(texts(&["Melati", "IV", "09/11/2026", "01/11/2026", "20/11/2026", "18/11/2026", ""]));
        let merged = vec![
            ((3, 0), (4, 0)),
            ((3, 1), (4, 1)),
            ((3, 2), (3, 3)),
            ((3, 4), (3, 5)),
            ((3, 6), (4, 6)),
            ((0, 0), (0, 6)),
        ];
        for read in [read_merged(rows.clone(), merged), read(rows)] {
            assert_eq!(read.layout, Some("kbk-langkah"));
            let got: Vec<_> = steps(&read)
                .iter()
                .map(|s| {
                    (s.langkah, s.rencana_mulai, s.rencana_selesai, s.realisasi_mulai, s.realisasi_selesai)
                })
                .collect();
            assert_eq!(
                got,
                [
                    (3, Some(ymd(2026, 11, 1)), Some(ymd(2026, 11, 8)), None, Some(ymd(2026, 11, 9))),
                    (
                        4,
                        Some(ymd(2026, 11, 9)),
                        Some(ymd(2026, 11, 1)),
                        Some(ymd(2026, 11, 20)),
                        Some(ymd(2026, 11, 18))
                    ),
                ]
            );
            let issues = read.issues();
            assert_eq!(issues.len(), 3, "{issues:?}");
            assert!(issues.iter().all(|(level, ..)| *level == Level::Peringatan));
            assert!(read.issue("E6").message.starts_with("langkah selesai tanpa tanggal mulai"));
            assert!(
                read.issue("D7")
                    .message
                    .starts_with("rencana selesai (1 November 2026) sebelum rencana mulai")
            );
            assert!(
                read.issue("F7")
                    .message
                    .starts_with("realisasi selesai (18 November 2026) sebelum realisasi mulai")
            );
        }
    }

    #[test]
    fn a_step_outside_one_to_eight_or_without_a_group_is_rejected() {
        let mut rows = above("LANGKAH");
        rows.push(texts(&["Nama Kelompok", "Tahap", "Realisasi Mulai", "Realisasi Selesai"]));
        rows.push(texts(&["Melati", "9", "01/11/2026", ""]));
        rows.push(texts(&["", "2", "01/11/2026", ""]));
        rows.push(texts(&["Melati", "", "01/11/2026", ""]));
        rows.push(texts(&["Melati", "Rapat", "01/11/2026", ""]));
        let read = read(rows);
        assert_eq!((read.records().len(), read.rejected()), (0, 4));
        assert!(read.issue("B5").message.starts_with("langkah harus 1–8"));
        assert!(read.issue("A6").message.starts_with("nama kelompok kosong"));
        assert!(read.issue("B7").message.starts_with("langkah kosong"));
        assert!(read.issue("B8").message.starts_with("langkah \"Rapat\" tidak dikenali"));
    }
}
