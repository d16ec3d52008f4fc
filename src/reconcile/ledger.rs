//! The ledger (SPEC §3.8): per file, sheet and month, how many records were read and what
//! became of each — and a row for every skipped file, empty or hidden sheet, so that nothing
//! read is ever left out of the `Berkas` sheet.

use std::collections::{BTreeMap, BTreeSet};

use crate::ground::model::{Issue, LedgerRow, Level, Provenance, YearMonth};
use crate::ground::text::periode;
use crate::ingest::detect::Layout;
use crate::ingest::{FileResult, SheetStatus};

use super::decide::Fate;

/// (file index, sheet index, month): the ledger's key while counting.
pub type Key = (usize, usize, Option<YearMonth>);

/// The counts so far, by key.
pub type Counts = BTreeMap<Key, LedgerRow>;

/// Counts one settled record under `key`; an overridden one also gets a warning naming the
/// record that replaced it.
pub fn apply(
    counts: &mut Counts,
    issues: &mut Vec<Issue>,
    key: Key,
    fate: Fate,
    winner: Option<&Provenance>,
    prov: &Provenance,
) {
    let row = counts.entry(key).or_default();
    match fate {
        Fate::Accepted => row.accepted += 1,
        Fate::Duplicate => row.duplicates += 1,
        Fate::Overridden => {
            row.overridden += 1;
            if let Some(w) = winner {
                issues.push(Issue {
                    file: prov.file.to_string(),
                    sheet: prov.sheet.to_string(),
                    cell: prov.cell(),
                    value: String::new(),
                    message: format!(
                        "direvisi: data ini berbeda dengan data yang sama di {} lembar {} sel {}, yang dipakai karena berkasnya lebih baru",
                        w.file,
                        w.sheet,
                        w.cell()
                    ),
                    level: Level::Peringatan,
                    month: key.2,
                });
            }
        }
    }
}

/// The ledger's rows in file and sheet order, each file's and sheet's months in order.
pub fn ledger_rows(files: &[FileResult], mut counts: Counts) -> Vec<LedgerRow> {
    let mut rows = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        let listing_months = listing_months(fi, f, &counts);
        if let Some(why) = &f.skip {
            for m in &listing_months {
                rows.push(LedgerRow {
                    file: f.rel.clone(),
                    kind: "-".into(),
                    layout: "-".into(),
                    month: *m,
                    note: why.clone(),
                    skipped: !f.skip_harmless,
                    ..Default::default()
                });
            }
            continue;
        }
        for (si, s) in f.sheets.iter().enumerate() {
            let base = LedgerRow { file: f.rel.clone(), sheet: s.name.clone(), ..Default::default() };
            match &s.status {
                SheetStatus::Read { layout, unit, month } => {
                    let note = read_note(f, unit.as_deref(), *month);
                    let sheet = ReadSheet { fi, si, layout: *layout, note, base };
                    sheet.rows(&mut counts, &listing_months, &mut rows);
                }
                other => not_read_rows(other, &base, &listing_months, &mut rows),
            }
        }
    }
    rows
}

/// The months a file contributed to, where its skipped or empty parts are listed; a file
/// with no record at all is listed under the month its name gives.
fn listing_months(fi: usize, f: &FileResult, counts: &Counts) -> Vec<Option<YearMonth>> {
    let file_months: BTreeSet<Option<YearMonth>> =
        counts.keys().filter(|(i, _, m)| *i == fi && m.is_some()).map(|(_, _, m)| *m).collect();
    if file_months.is_empty() { vec![f.name_month] } else { file_months.into_iter().collect() }
}

/// The note of a sheet that was read: its unit, month and the file's format.
fn read_note(f: &FileResult, unit: Option<&str>, month: Option<YearMonth>) -> Vec<String> {
    let mut note = Vec::new();
    if let Some(u) = unit {
        note.push(format!("unit {u}"));
    }
    if let Some(m) = month {
        note.push(format!("bulan {}", periode(m)));
    }
    if let Some(fmt) = &f.format {
        note.push(format!("format {fmt}"));
    }
    note
}

/// A sheet that was read, and what its rows say about it.
struct ReadSheet {
    fi: usize,
    si: usize,
    layout: Layout,
    note: Vec<String>,
    base: LedgerRow,
}

impl ReadSheet {
    /// One row per month the sheet has counts for; a sheet without data rows is listed
    /// under the file's months.
    fn rows(self, counts: &mut Counts, listing_months: &[Option<YearMonth>], rows: &mut Vec<LedgerRow>) {
        let keys: Vec<Key> =
            counts.keys().filter(|(i, j, _)| *i == self.fi && *j == self.si).copied().collect();
        let labelled = |row: LedgerRow| LedgerRow {
            kind: self.layout.kind_label().into(),
            layout: self.layout.layout_label().into(),
            ..row
        };
        if keys.is_empty() {
            for m in listing_months {
                let note = format!("{}; tidak ada baris data", self.note.join(", "));
                rows.push(labelled(LedgerRow { month: *m, note, ..self.base.clone() }));
            }
        }
        for k in keys {
            if let Some(c) = counts.remove(&k) {
                let (file, sheet) = (self.base.file.clone(), self.base.sheet.clone());
                rows.push(labelled(LedgerRow { month: k.2, note: self.note.join(", "), file, sheet, ..c }));
            }
        }
    }
}

/// The rows of a sheet that was not read (empty, hidden, instructions, skipped).
fn not_read_rows(
    status: &SheetStatus,
    base: &LedgerRow,
    listing_months: &[Option<YearMonth>],
    rows: &mut Vec<LedgerRow>,
) {
    let (note, skipped) = match status {
        SheetStatus::Empty => ("lembar kosong".to_string(), false),
        SheetStatus::Hidden => ("lembar tersembunyi; diabaikan".to_string(), false),
        SheetStatus::Instructions => ("lembar petunjuk; diabaikan".to_string(), false),
        SheetStatus::Skipped(why) => (why.clone(), true),
        SheetStatus::Read { .. } => (String::new(), false),
    };
    for m in listing_months {
        rows.push(LedgerRow {
            kind: "-".into(),
            layout: "-".into(),
            month: *m,
            note: note.clone(),
            skipped,
            ..base.clone()
        });
    }
}
