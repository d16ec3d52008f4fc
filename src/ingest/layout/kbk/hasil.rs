//! `kbk-hasil` (SPEC §11.1): one row per measurement of a group's indikator — kelompok,
//! tanggal or bulan (a month is its last day), nilai (`Nilai`, `Hasil`, `Capaian`),
//! [manfaat] (savings as written). One record per row.

use crate::ground::kbk::{KbkRecord, KbkResult};
use crate::ground::model::YearMonth;
use crate::ingest::detect::{Field, HeaderFields, HeaderSearch, Table, month_of_cell};
use crate::ingest::layout::kbk::{self, RowError};
use crate::ingest::layout::{Labels, Reject, SheetCtx, SheetLayout, SheetOutput};

/// kbk-hasil: recognised by `Kelompok`, `Tanggal` or `Bulan`, and `Nilai` or `Hasil`, with
/// nothing of a meeting (`Pertemuan ke-`, `Durasi`, `Agenda`, `Langkah`) or a contest
/// (`Kriteria`).
pub struct KbkHasil;

const CONTENT: &[Field] = &[Field::Tanggal, Field::Bulan, Field::Nilai, Field::Hasil, Field::Manfaat];

impl SheetLayout for KbkHasil {
    fn labels(&self) -> Labels {
        Labels { key: "kbk-hasil", kind: "KBK Hasil", layout: "long" }
    }

    fn recognises(&self, header: HeaderFields<'_>) -> bool {
        rule(header)
    }

    fn locate(&self, search: &HeaderSearch<'_>, row: usize) -> Option<Table> {
        kbk::locate_under_group_label(search, row, rule)
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        kbk::read_rows(ctx, CONTENT, |r, out| read_row(ctx, r, out))
    }
}

fn rule(header: HeaderFields<'_>) -> bool {
    header.has(Field::Kelompok)
        && header.has_any(&[Field::Tanggal, Field::Bulan])
        && header.has_any(&[Field::Nilai, Field::Hasil])
        && !header.has_any(&[
            Field::PertemuanKe,
            Field::Durasi,
            Field::Agenda,
            Field::Langkah,
            Field::Kriteria,
        ])
}

/// The column holding the measured value: `Nilai`, else `Hasil`.
fn value_field(ctx: &SheetCtx) -> Field {
    if ctx.table.has(Field::Nilai) { Field::Nilai } else { Field::Hasil }
}

fn read_row(ctx: &SheetCtx, r: usize, out: &mut SheetOutput) -> Result<KbkRecord, RowError> {
    let tanggal = measured_on(ctx, out, r);
    let month = tanggal.as_ref().ok().map(|d| YearMonth::of(*d));
    let fail = |x: Reject| (x, month);
    let kelompok = kbk::group(ctx, r).map_err(fail)?;
    let unit = ctx.unit(r).map_err(fail)?;
    let tanggal = tanggal.map_err(fail)?;
    let field = value_field(ctx);
    let Some(nilai) = ctx.number(r, field, "nilai").map_err(fail)? else {
        let col = ctx.table.col(field).unwrap_or(0);
        return Err(fail(Reject::new(
            col,
            "",
            "nilai kosong: isi hasil pengukuran indikator kelompok (angka)",
        )));
    };
    Ok(KbkRecord::Result(KbkResult {
        unit,
        kelompok,
        tanggal,
        nilai,
        manfaat: kbk::text(ctx, r, Field::Manfaat),
        prov: ctx.prov(r, ctx.table.col(field).unwrap_or(0)),
    }))
}

/// The measurement's date: the `Tanggal` cell, else the last day of the `Bulan` cell's month.
fn measured_on(ctx: &SheetCtx, out: &mut SheetOutput, r: usize) -> Result<chrono::NaiveDate, Reject> {
    if let Some(d) = kbk::date(ctx, out, r, Field::Tanggal, "tanggal pengukuran")? {
        return Ok(d);
    }
    if let Some((cell, col)) = ctx.cell(r, Field::Bulan).filter(|(c, _)| !c.is_empty()) {
        return month_of_cell(cell).map(YearMonth::last_day).ok_or_else(|| {
            Reject::new(col, cell.text(), "bulan tidak dikenali: tulis seperti November 2026 atau 2026-11")
        });
    }
    let col = ctx.table.col(Field::Tanggal).or(ctx.table.col(Field::Bulan)).unwrap_or(0);
    Err(Reject::new(col, "", "tanggal pengukuran kosong: isi tanggal seperti 30/11/2026 (atau bulannya)"))
}

#[cfg(test)]
mod tests {
    use crate::ground::kbk::KbkRecord;
    use crate::ground::model::Level;
    use crate::ingest::layout::kbk::tests::{above, d, n, read, t, texts, ymd};

    #[test]
    fn measurements_by_date_or_month() {
        let mut rows = above("HASIL");
        rows.push(texts(&["Nama Kelompok", "Tanggal", "Bulan", "Nilai", "Manfaat"]));
        rows.push(vec![t("Melati"), d(2026, 10, 15), t(""), n(40.0), t("Rp 2.000.000")]);
        rows.push(vec![t("Melati"), t(""), t("November 2026"), t("32,5")]);
        rows.push(vec![t("Melati"), t(""), t("Desember 2026"), t("turun")]);
        rows.push(vec![t("Melati"), t(""), t(""), n(30.0)]);
        rows.push(vec![t("Mawar")]);
        let read = read(rows);
        assert_eq!(read.layout, Some("kbk-hasil"));
        let got: Vec<_> = read
            .records()
            .iter()
            .map(|r| match r {
                KbkRecord::Result(x) => (x.tanggal, x.nilai, x.manfaat.clone()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            got,
            [(ymd(2026, 10, 15), 40.0, "Rp 2.000.000".into()), (ymd(2026, 11, 30), 32.5, String::new())]
        );
        assert_eq!(read.rejected(), 2);
        let x = read.issue("D7");
        assert_eq!(x.level, Level::Tolak);
        assert!(x.message.starts_with("nilai bukan angka"));
        assert_eq!(x.month.map(|m| m.month), Some(12));
        assert!(read.issue("B8").message.starts_with("tanggal pengukuran kosong"));
    }

    /// `Hasil` is the measured value when there is no `Nilai` column.
    #[test]
    fn hasil_as_the_value() {
        let mut rows = above("HASIL");
        rows.push(texts(&["KBK", "Tgl", "Hasil", "Penghematan"]));
        rows.push(texts(&["Melati", "30/11/2026", "85%", "15 menit"]));
        let read = read(rows);
        let [KbkRecord::Result(x)] = read.records()[..] else { panic!("{:?}", read.issues()) };
        assert_eq!((x.nilai, x.manfaat.as_str()), (85.0, "15 menit"));
    }
}
