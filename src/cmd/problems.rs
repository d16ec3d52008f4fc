//! The problem list that follows the summary line of `report` (stderr) and `check` (stdout):
//! one line per skipped file or sheet and per file + sheet with rejected records, naming the
//! file, the sheet, the count and the first reason with its fix. Exactly the ledger rows that
//! make the exit status 3 (SPEC §10), so the log says *why* a run exited 3; harmless skips
//! (Excel owner files, hidden files) and hidden sheets are no problem and are not listed
//! (harmless files only with `-v`, as `DIABAIKAN`).

use std::collections::HashMap;

use crate::ground::model::{Issue, LedgerRow, Level};
use crate::ground::text::angka;
use crate::ingest::discover::display_name;

/// At most this many lines; the rest are counted on one closing line.
pub const MAX_LINES: usize = 50;

/// Where the complete list is, for the closing line of a list cut at [`MAX_LINES`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum FullList {
    /// The report workbook: skipped files are on `Berkas`, rejected records on `Masalah`.
    Workbook,
    /// `check`'s per-file details, printed above the list.
    Above,
}

/// What the list says about one file and sheet (empty sheet: the whole file).
#[derive(Default)]
struct Entry<'a> {
    file: &'a str,
    sheet: &'a str,
    /// Why the file or visible sheet was skipped (a problem).
    skipped: Option<&'a str>,
    /// Why the file was skipped although it is no problem (an owner file, a hidden file).
    harmless: Option<&'a str>,
    rejected: u64,
}

/// The problem lines, in ledger order (files in path order, each file's sheets in workbook
/// order), at most [`MAX_LINES`] of them and then `… dan N berkas/lembar lain (…)`. With
/// `verbose`, harmless skipped files are listed too, as `DIABAIKAN`. Control characters are
/// escaped: a line never spans two lines of the log nor moves the terminal's cursor.
pub fn problem_lines(ledger: &[LedgerRow], issues: &[Issue], verbose: bool, full: FullList) -> Vec<String> {
    let first = first_rejections(issues);
    let lines: Vec<String> = entries(ledger)
        .iter()
        .filter_map(|e| line(e, first.get(&(e.file, e.sheet)).copied(), verbose))
        .map(|l| display_name(&l))
        .collect();
    cap(lines, full)
}

/// One entry per file and sheet that the ledger lists, in its order; the months of a sheet
/// are summed.
fn entries(ledger: &[LedgerRow]) -> Vec<Entry<'_>> {
    let mut out: Vec<Entry> = Vec::new();
    let mut index: HashMap<(&str, &str), usize> = HashMap::new();
    for r in ledger {
        let at = *index.entry((&r.file, &r.sheet)).or_insert_with(|| {
            out.push(Entry { file: &r.file, sheet: &r.sheet, ..Entry::default() });
            out.len() - 1
        });
        let e = &mut out[at];
        e.rejected += r.rejected;
        if r.skipped {
            e.skipped = Some(&r.note);
        } else if r.sheet.is_empty() && r.kind == "-" && !r.note.is_empty() {
            // A file-level row that is no problem: the skip of an owner or hidden file.
            e.harmless = Some(&r.note);
        }
    }
    out
}

fn line(e: &Entry, first: Option<&Issue>, verbose: bool) -> Option<String> {
    let place =
        if e.sheet.is_empty() { e.file.to_string() } else { format!("{} lembar {}", e.file, e.sheet) };
    if let Some(why) = e.skipped {
        return Some(format!("DILEWATI {place}: {why}"));
    }
    if e.rejected > 0 {
        let first = first
            .map(|i| {
                let cell = if i.cell.is_empty() { String::new() } else { format!(" {}", i.cell) };
                let value = if i.value.is_empty() { String::new() } else { format!(" \"{}\"", i.value) };
                format!("; pertama{cell}{value}: {}", i.message)
            })
            .unwrap_or_default();
        return Some(format!("DITOLAK {place}: {} catatan ditolak{first}", angka(e.rejected)));
    }
    match e.harmless {
        Some(why) if verbose => Some(format!("DIABAIKAN {place}: {why}")),
        _ => None,
    }
}

/// Per file and sheet, the first rejection in reading order: a problem of the whole sheet
/// (no cell) first, then by row and column (`B9` before `A10`); the earlier issue on a tie.
fn first_rejections(issues: &[Issue]) -> HashMap<(&str, &str), &Issue> {
    let mut first: HashMap<(&str, &str), &Issue> = HashMap::new();
    for i in issues.iter().filter(|i| i.level == Level::Tolak) {
        first
            .entry((&i.file, &i.sheet))
            .and_modify(|f| {
                if cell_order(&i.cell) < cell_order(&f.cell) {
                    *f = i;
                }
            })
            .or_insert(i);
    }
    first
}

/// `C14` → (0, 14, 3): row before column; no cell → first; a cell not of that form → last.
fn cell_order(cell: &str) -> (u8, u32, u32) {
    if cell.is_empty() {
        return (0, 0, 0);
    }
    let letters = cell.chars().take_while(char::is_ascii_uppercase).count();
    let (col, row) = cell.split_at(letters);
    let col = col.bytes().fold(0u32, |n, b| n.saturating_mul(26).saturating_add(u32::from(b - b'A') + 1));
    match row.parse::<u32>() {
        Ok(row) if letters > 0 => (1, row, col),
        _ => (2, 0, 0),
    }
}

/// The first [`MAX_LINES`] lines and one line counting the rest.
fn cap(mut lines: Vec<String>, full: FullList) -> Vec<String> {
    if lines.len() > MAX_LINES {
        let more = lines.len() - MAX_LINES;
        lines.truncate(MAX_LINES);
        let where_ = match full {
            FullList::Workbook => "lihat lembar Berkas dan Masalah",
            FullList::Above => "lihat rincian di atas",
        };
        lines.push(format!("… dan {} berkas/lembar lain ({where_})", angka(more as u64)));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(file: &str, sheet: &str, rejected: u64, skipped: bool, note: &str) -> LedgerRow {
        let kind = if rejected == 0 { "-" } else { "Kehadiran" };
        LedgerRow {
            file: file.into(),
            sheet: sheet.into(),
            kind: kind.into(),
            read: rejected,
            rejected,
            skipped,
            note: note.into(),
            ..LedgerRow::default()
        }
    }

    fn tolak(file: &str, sheet: &str, cell: &str, value: &str, message: &str) -> Issue {
        Issue {
            file: file.into(),
            sheet: sheet.into(),
            cell: cell.into(),
            value: value.into(),
            message: message.into(),
            level: Level::Tolak,
            month: None,
        }
    }

    #[test]
    fn skipped_and_rejected_in_ledger_order_with_the_first_reason() {
        let ledger = [
            row("2026-11/Kehadiran_DISHUB.xlsx", "Kehadiran", 2, false, ""),
            // A second month of the same sheet: counted together.
            row("2026-11/Kehadiran_DISHUB.xlsx", "Kehadiran", 1, false, ""),
            row("2026-11/Kehadiran_DISHUB.xlsx", "Sheet2", 0, false, "lembar kosong"),
            row("Puskesmas/rekap.xls", "", 0, true, "berkas rusak; minta unit mengirim ulang"),
            row("lain.xlsx", "Kode", 0, false, "lembar tersembunyi; diabaikan"),
            row("lain.xlsx", "Data", 0, true, "tabel tidak ditemukan"),
            row("~$x.xlsx", "", 0, false, "berkas kunci Excel; dilewati (bukan masalah)"),
        ];
        let issues = [
            tolak("2026-11/Kehadiran_DISHUB.xlsx", "Kehadiran", "A10", "", "kedua"),
            tolak("2026-11/Kehadiran_DISHUB.xlsx", "Kehadiran", "D9", "X", "kode status tidak dikenal"),
            Issue {
                level: Level::Peringatan,
                ..tolak("2026-11/Kehadiran_DISHUB.xlsx", "Kehadiran", "A1", "", "w")
            },
        ];
        assert_eq!(
            problem_lines(&ledger, &issues, false, FullList::Workbook),
            [
                "DITOLAK 2026-11/Kehadiran_DISHUB.xlsx lembar Kehadiran: 3 catatan ditolak; pertama D9 \"X\": kode status tidak dikenal",
                "DILEWATI Puskesmas/rekap.xls: berkas rusak; minta unit mengirim ulang",
                "DILEWATI lain.xlsx lembar Data: tabel tidak ditemukan",
            ]
        );
        let verbose = problem_lines(&ledger, &issues, true, FullList::Workbook);
        assert_eq!(verbose.len(), 4);
        assert_eq!(verbose[3], "DIABAIKAN ~$x.xlsx: berkas kunci Excel; dilewati (bukan masalah)");
    }

    #[test]
    fn rejections_without_an_issue_and_whole_sheet_problems() {
        let ledger = [row("a.xlsx", "S", 1234, false, ""), row("b.xlsx", "S", 2, false, "")];
        let issues =
            [tolak("b.xlsx", "S", "C3", "", "sel"), tolak("b.xlsx", "S", "", "", "bulan tidak ditemukan")];
        assert_eq!(
            problem_lines(&ledger, &issues, false, FullList::Above),
            [
                "DITOLAK a.xlsx lembar S: 1.234 catatan ditolak",
                "DITOLAK b.xlsx lembar S: 2 catatan ditolak; pertama: bulan tidak ditemukan",
            ]
        );
    }

    #[test]
    fn cell_order_is_reading_order() {
        let mut cells = ["A10", "", "B9", "AA9", "Z9", "?", "A9"];
        cells.sort_by_key(|c| cell_order(c));
        assert_eq!(cells, ["", "A9", "B9", "Z9", "AA9", "A10", "?"]);
    }

    #[test]
    fn control_characters_are_escaped() {
        let ledger = [row("a\u{1b}[2J.xlsx", "", 0, true, "rusak\nbaris")];
        let lines = problem_lines(&ledger, &[], false, FullList::Workbook);
        assert_eq!(lines.len(), 1);
        assert!(!lines[0].chars().any(char::is_control), "{:?}", lines[0]);
    }

    #[test]
    fn more_than_the_cap_ends_with_a_count() {
        let ledger: Vec<LedgerRow> =
            (0..53).map(|i| row(&format!("f{i:02}.xlsx"), "", 0, true, "rusak")).collect();
        let lines = problem_lines(&ledger, &[], false, FullList::Workbook);
        assert_eq!(lines.len(), MAX_LINES + 1);
        assert_eq!(lines[MAX_LINES - 1], "DILEWATI f49.xlsx: rusak");
        assert_eq!(lines[MAX_LINES], "… dan 3 berkas/lembar lain (lihat lembar Berkas dan Masalah)");
        let exactly: Vec<LedgerRow> = ledger.into_iter().take(MAX_LINES).collect();
        assert_eq!(problem_lines(&exactly, &[], false, FullList::Above).len(), MAX_LINES);
        let over = [exactly.as_slice(), &[row("z.xlsx", "", 0, true, "rusak")]].concat();
        assert_eq!(
            problem_lines(&over, &[], false, FullList::Above)[MAX_LINES],
            "… dan 1 berkas/lembar lain (lihat rincian di atas)"
        );
    }
}
