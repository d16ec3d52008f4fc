//! `kbk-penilaian` (SPEC §11.2, the contest): one row per juri score of a group on one
//! criterion — kelompok, [kategori], kriteria, [juri], nilai 0–100. One record per scored row.

use crate::ground::kbk::{KbkRecord, KbkScore};
use crate::ingest::detect::{Field, HeaderFields, HeaderSearch, Table};
use crate::ingest::layout::kbk::{self, RowError};
use crate::ingest::layout::{Labels, Reject, SheetCtx, SheetLayout, SheetOutput};
use crate::ingest::workbook::format_number;

/// kbk-penilaian: recognised by `Kelompok`, `Kriteria` and `Nilai`.
pub struct KbkPenilaian;

/// A score sheet often lists every group × criterion before the juri fill in the scores: a
/// row without a score is no record yet.
const CONTENT: &[Field] = &[Field::Nilai];

impl SheetLayout for KbkPenilaian {
    fn labels(&self) -> Labels {
        Labels { key: "kbk-penilaian", kind: "KBK Penilaian", layout: "long" }
    }

    fn recognises(&self, header: HeaderFields<'_>) -> bool {
        rule(header)
    }

    fn locate(&self, search: &HeaderSearch<'_>, row: usize) -> Option<Table> {
        kbk::locate_under_group_label(search, row, rule)
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        kbk::read_rows(ctx, CONTENT, |r, _| read_row(ctx, r))
    }
}

fn rule(header: HeaderFields<'_>) -> bool {
    header.has(Field::Kelompok) && header.has(Field::Kriteria) && header.has(Field::Nilai)
}

fn read_row(ctx: &SheetCtx, r: usize) -> Result<KbkRecord, RowError> {
    let fail = |x: Reject| (x, None);
    let kelompok = kbk::group(ctx, r).map_err(fail)?;
    let unit = ctx.unit(r).map_err(fail)?;
    let kriteria = kbk::text(ctx, r, Field::Kriteria);
    if kriteria.is_empty() {
        let col = ctx.table.col(Field::Kriteria).unwrap_or(0);
        return Err(fail(Reject::new(
            col,
            "",
            "kriteria kosong: isi kriteria penilaian yang dinilai (misalnya Pemilihan tema)",
        )));
    }
    let col = ctx.table.col(Field::Nilai).unwrap_or(0);
    let nilai = ctx.number(r, Field::Nilai, "nilai juri").map_err(fail)?.unwrap_or(f64::NAN);
    if !(0.0..=100.0).contains(&nilai) {
        return Err(fail(Reject::new(col, format_number(nilai), "nilai juri harus antara 0 dan 100")));
    }
    Ok(KbkRecord::Score(KbkScore {
        unit,
        kelompok,
        kategori: kbk::text(ctx, r, Field::Kategori),
        kriteria,
        juri: kbk::text(ctx, r, Field::Juri),
        nilai,
        prov: ctx.prov(r, col),
    }))
}

#[cfg(test)]
mod tests {
    use crate::ground::kbk::KbkRecord;
    use crate::ingest::layout::kbk::tests::{above, read, texts};

    #[test]
    fn juri_scores_from_0_to_100() {
        let mut rows = above("PENILAIAN LOMBA KBK");
        rows.push(texts(&["Nama Kelompok", "Kategori", "Aspek Penilaian", "Juri", "Skor"]));
        rows.push(texts(&["Melati", "Prestasi", "Pemilihan tema", "Juri 1", "85,5"]));
        rows.push(texts(&["Melati", "Prestasi", "Analisis penyebab", "Juri 1", "105"]));
        rows.push(texts(&["Melati", "Prestasi", "", "Juri 1", "70"]));
        rows.push(texts(&["Melati", "Prestasi", "Presentasi", "Juri 1", ""]));
        let read = read(rows);
        assert_eq!(read.layout, Some("kbk-penilaian"));
        let [KbkRecord::Score(s)] = read.records()[..] else { panic!("{:?}", read.issues()) };
        assert_eq!(
            (s.kategori.as_str(), s.kriteria.as_str(), s.juri.as_str(), s.nilai),
            ("Prestasi", "Pemilihan tema", "Juri 1", 85.5)
        );
        assert_eq!(read.rejected(), 2);
        assert_eq!(read.issue("E6").message, "nilai juri harus antara 0 dan 100");
        assert!(read.issue("C7").message.starts_with("kriteria kosong"));
    }
}
