//! `kbk-kelompok` (SPEC §11.1): one row per group as its SK defines it — unit, kelompok,
//! no_sk, tanggal_sk, fasilitator, tema, indikator, satuan, nilai_awal, target,
//! tanggal_mulai, tanggal_selesai (`Rencana Selesai`). One record per row.

use crate::ground::kbk::{KbkGroup, KbkRecord};
use crate::ingest::detect::{Field, HeaderFields};
use crate::ingest::layout::kbk::{self, RowError};
use crate::ingest::layout::{Labels, Reject, SheetCtx, SheetLayout, SheetOutput};

/// kbk-kelompok: recognised by `Kelompok` with one of `Nomor SK`, `Tema`, `Indikator`,
/// `Fasilitator` or `Nilai Awal`, and no person column (a person makes it a member list).
/// Always by a `Kelompok` column: a sheet about one group (`Nama Kelompok : Melati` above
/// `Tema : …` rows) is a risalah's identity page, not a table of groups.
pub struct KbkKelompok;

/// The columns whose filling makes a row a group; a row with only its unit (prefilled by the
/// template) is none.
const CONTENT: &[Field] = &[
    Field::Kelompok,
    Field::NoSk,
    Field::TanggalSk,
    Field::Fasilitator,
    Field::Tema,
    Field::Indikator,
    Field::Satuan,
    Field::NilaiAwal,
    Field::Target,
    Field::Mulai,
    Field::RencanaSelesai,
];

impl SheetLayout for KbkKelompok {
    fn labels(&self) -> Labels {
        Labels { key: "kbk-kelompok", kind: "KBK Kelompok", layout: "long" }
    }

    fn recognises(&self, header: HeaderFields<'_>) -> bool {
        rule(header)
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        kbk::read_rows(ctx, CONTENT, |r, out| read_row(ctx, r, out))
    }
}

fn rule(header: HeaderFields<'_>) -> bool {
    header.has(Field::Kelompok)
        && header.has_any(&[Field::NoSk, Field::Tema, Field::Indikator, Field::Fasilitator, Field::NilaiAwal])
        && !header.names_person()
}

/// One group. Only its name and unit are required: a date or number that cannot be read is
/// a warning and left out, so the group still exists for its members and meetings.
fn read_row(ctx: &SheetCtx, r: usize, out: &mut SheetOutput) -> Result<KbkRecord, RowError> {
    let nama = kbk::group(ctx, r).map_err(|x| (x, None))?;
    let unit = ctx.unit(r).map_err(|x| (x, None))?;
    let text = |f: Field| kbk::text(ctx, r, f);
    let tanggal_sk = kbk::date(ctx, out, r, Field::TanggalSk, "tanggal SK");
    let tanggal_sk = kbk::or_warn(ctx, out, r, tanggal_sk);
    let nilai_awal = kbk::or_warn(ctx, out, r, ctx.number(r, Field::NilaiAwal, "nilai awal"));
    let target = kbk::or_warn(ctx, out, r, ctx.number(r, Field::Target, "target"));
    let tanggal_mulai = kbk::date(ctx, out, r, Field::Mulai, "tanggal mulai");
    let tanggal_mulai = kbk::or_warn(ctx, out, r, tanggal_mulai);
    let tanggal_selesai = kbk::date(ctx, out, r, Field::RencanaSelesai, "rencana selesai");
    let tanggal_selesai = kbk::or_warn(ctx, out, r, tanggal_selesai);
    if let (Some(mulai), Some(selesai)) = (tanggal_mulai, tanggal_selesai) {
        if selesai < mulai {
            let col = ctx.table.col(Field::RencanaSelesai).unwrap_or(0);
            let message = format!(
                "rencana selesai ({}) sebelum tanggal mulai ({}); periksa kedua tanggal",
                crate::ground::text::tanggal(selesai),
                crate::ground::text::tanggal(mulai)
            );
            kbk::warn(ctx, out, r, Reject::new(col, ctx.grid.get(r, col).text(), message), None);
        }
    }
    Ok(KbkRecord::Group(KbkGroup {
        unit,
        nama,
        no_sk: text(Field::NoSk),
        tanggal_sk,
        fasilitator: text(Field::Fasilitator),
        tema: text(Field::Tema),
        indikator: text(Field::Indikator),
        satuan: text(Field::Satuan),
        nilai_awal,
        target,
        tanggal_mulai,
        tanggal_selesai,
        prov: ctx.prov(r, kbk::record_col(ctx)),
    }))
}

#[cfg(test)]
mod tests {
    use crate::ground::kbk::KbkRecord;
    use crate::ground::model::Level;
    use crate::ingest::layout::kbk::tests::{above, d, n, read, t, texts, ymd};

    const HEADER: &[&str] = &[
        "Unit Kerja",
        "Nama Kelompok",
        "Nomor SK",
        "Tanggal SK",
        "Fasilitator",
        "Tema",
        "Indikator",
        "Satuan",
        "Nilai Awal",
        "Target",
        "Tanggal Mulai",
        "Rencana Selesai",
    ];

    #[test]
    fn a_group_row_gives_every_field_of_its_sk() {
        let mut rows = above("DAFTAR KELOMPOK BUDAYA KERJA");
        rows.push(texts(HEADER));
        rows.push(vec![
            t("DISHUB"),
            t(" Melati "),
            t("188.4/12/417.302/2026"),
            d(2026, 1, 15),
            t("Drs. Bambang"),
            t("Mempercepat layanan uji KIR"),
            t("Waktu tunggu uji KIR"),
            t("menit"),
            n(45.0),
            t("20"),
            t("01/02/2026"),
            t("30 November 2026"),
        ]);
        // A template row with only its unit prefilled is no group.
        rows.push(texts(&["DISHUB"]));
        let read = read(rows);
        assert_eq!(read.layout, Some("kbk-kelompok"));
        assert!(read.issues().is_empty(), "{:?}", read.issues());
        let [KbkRecord::Group(g)] = read.records()[..] else { panic!("{:?}", read.records()) };
        assert_eq!((g.unit.as_str(), g.nama.as_str()), ("DISHUB", "Melati"));
        assert_eq!(g.no_sk, "188.4/12/417.302/2026");
        assert_eq!(g.tanggal_sk, Some(ymd(2026, 1, 15)));
        assert_eq!((g.fasilitator.as_str(), g.satuan.as_str()), ("Drs. Bambang", "menit"));
        assert_eq!((g.nilai_awal, g.target), (Some(45.0), Some(20.0)));
        assert_eq!((g.tanggal_mulai, g.tanggal_selesai), (Some(ymd(2026, 2, 1)), Some(ymd(2026, 11, 30))));
        assert_eq!(g.prov.cell(), "B5");
    }

    #[test]
    fn a_group_without_a_name_is_rejected_and_bad_details_are_warnings() {
        let mut rows = above("KBK");
        rows.push(texts(&["Nama KBK", "No. SK", "Tgl SK", "Judul", "Baseline", "Sasaran Akhir"]));
        rows.push(texts(&["", "12/2026", "", "Antrean", "", ""]));
        rows.push(texts(&["Mawar", "13/2026", "31/02/2026", "Arsip", "banyak", "10"]));
        rows.push(texts(&["Anggrek", "", "", "", "", "", "", ""]));
        let read = read(rows);
        assert_eq!(read.layout, Some("kbk-kelompok"));
        assert_eq!((read.records().len(), read.rejected()), (2, 1));
        let x = read.issue("A5");
        assert_eq!(x.level, Level::Tolak);
        assert!(x.message.starts_with("nama kelompok kosong"), "{}", x.message);
        for cell in ["C6", "E6"] {
            let w = read.issue(cell);
            assert_eq!(w.level, Level::Peringatan);
            assert!(
                w.message.ends_with("nilai ini diabaikan, data lain di baris ini tetap dipakai"),
                "{}",
                w.message
            );
        }
        let KbkRecord::Group(g) = read.records()[0] else { panic!() };
        assert_eq!((g.tanggal_sk, g.nilai_awal, g.target), (None, None, Some(10.0)));
    }
}
