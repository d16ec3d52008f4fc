//! What surrounds the table on the data sheet: the letterhead with the unit and month the
//! reader takes back, a one-line hint, the signature block below the table and the print setup.

use rust_xlsxwriter::{ColNum, Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::cells::TEXT_FORMAT;
use super::{
    COL_NAMA, COL_NIP, Kind, PAPER_A4, Placed, ROW_BULAN, ROW_NOTE, ROW_PEMERINTAH, ROW_PERANGKAT, ROW_TITLE,
    ROW_UNIT, Spec, safe_code,
};
use crate::ground::settings::Unit;
use crate::ground::text;

/// Letterhead, title, `Unit Kerja : …` and `Bulan : …` (the reader takes unit and month from
/// them), and a one-line hint.
pub(super) fn letterhead(ws: &mut Worksheet, spec: &Spec, last_col: ColNum) -> Result<(), XlsxError> {
    let org = &spec.settings.config.organisasi;
    let centred = |size: u32| Format::new().set_bold().set_font_size(size).set_align(FormatAlign::Center);
    ws.merge_range(ROW_PEMERINTAH, 0, ROW_PEMERINTAH, last_col, &org.pemerintah, &centred(12))?;
    ws.merge_range(ROW_PERANGKAT, 0, ROW_PERANGKAT, last_col, &org.perangkat, &centred(12))?;
    ws.merge_range(ROW_TITLE, 0, ROW_TITLE, last_col, spec.kind.title(), &centred(14))?;
    ws.set_row_height(ROW_TITLE, 24)?;
    let meta = Format::new().set_bold().set_align(FormatAlign::Left);
    ws.merge_range(ROW_UNIT, 0, ROW_UNIT, last_col, &format!("Unit Kerja : {}", spec.unit.nama), &meta)?;
    ws.merge_range(
        ROW_BULAN,
        0,
        ROW_BULAN,
        last_col,
        &format!("Bulan : {}", text::periode(spec.month)),
        &meta,
    )?;
    let note = Format::new().set_italic().set_font_size(9).set_font_color(Color::RGB(0x595959));
    ws.write_string_with_format(ROW_NOTE, 0, hint(spec.kind), &note)?;
    Ok(())
}

fn hint(kind: Kind) -> &'static str {
    match kind {
        Kind::Matrix => {
            "Isi satu kode untuk setiap pegawai dan tanggal (pilih dari daftar di sel). Kolom abu-abu = \
             Sabtu, Minggu dan hari libur, sudah terisi L. Arti kode: lihat lembar Petunjuk."
        }
        Kind::Long => {
            "Ketik NIP dan nama pada baris pertama setiap blok, lalu isi Status setiap tanggal. Baris \
             abu-abu = Sabtu, Minggu dan hari libur, sudah terisi L. Lihat lembar Petunjuk."
        }
        Kind::Jam => {
            "Ketik NIP dan nama pada baris pertama setiap blok, lalu isi Jam Masuk dan Jam Pulang \
             (seperti 07:30) setiap hari kerja. Untuk sakit, izin, cuti atau dinas luar isi \
             Keterangan. Lihat lembar Petunjuk."
        }
        Kind::Penilaian => {
            "Isi Target (lebih dari 0), Realisasi (0 atau lebih) dan Nilai Perilaku (0–100) setiap \
             pegawai. Lihat lembar Petunjuk."
        }
        // The KBK sheets write a hint of their own (`kbk`).
        Kind::Kbk => "Lihat lembar Petunjuk.",
    }
}

/// The head of the unit signs: `Kepala …`, `Camat …`, `Lurah …`, `Sekretaris …`.
pub(super) fn signer_title(unit: &Unit) -> String {
    let nama = unit.nama.trim();
    if let Some(rest) = nama.strip_prefix("Kecamatan ") {
        format!("Camat {rest}")
    } else if let Some(rest) = nama.strip_prefix("Kelurahan ") {
        format!("Lurah {rest}")
    } else if let Some(rest) = nama.strip_prefix("Sekretariat ") {
        format!("Sekretaris {rest}")
    } else if nama == "Inspektorat" {
        "Inspektur".to_string()
    } else {
        format!("Kepala {nama}")
    }
}

/// `Mengetahui,` / `Kepala …` / (space to sign) / name / `NIP.` two rows below the table.
/// The reader ends the table at `Mengetahui,` (SPEC §3.2), so the block is never data. The
/// title, name and NIP are unlocked: units fill in their head (or a `Plt.`).
pub(super) fn signature(ws: &mut Worksheet, spec: &Spec, placed: &Placed) -> Result<(), XlsxError> {
    let top = placed.data_last + 2;
    let col = placed.sign_col;
    let plain = Format::new();
    let input = Format::new().set_unlocked();
    let name_line = Format::new().set_bold().set_unlocked().set_border_bottom(FormatBorder::Thin);
    let nip = Format::new().set_unlocked().set_num_format_index(TEXT_FORMAT);
    let last = placed.last_col.max(col);
    ws.write_string_with_format(top, col, "Mengetahui,", &plain)?;
    ws.merge_range(top + 1, col, top + 1, last, &signer_title(spec.unit), &input)?;
    ws.merge_range(top + 5, col, top + 5, last, "", &name_line)?;
    ws.merge_range(top + 6, col, top + 6, last, "NIP. ", &nip)?;
    Ok(())
}

pub(super) fn page_setup(ws: &mut Worksheet, spec: &Spec, placed: &Placed) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4)
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(placed.header_first, placed.header_last)?
        .set_freeze_panes(placed.data_first, COL_NAMA + 1)?
        .set_selection(placed.data_first, COL_NIP, placed.data_first, COL_NIP)?
        .set_footer(format!(
            "&L{} — {}&RHalaman &P dari &N",
            safe_code(&spec.unit.kode),
            text::periode(spec.month)
        ));
    if spec.kind == Kind::Matrix {
        ws.set_landscape().set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    }
    ws.set_print_area(0, 0, placed.data_last + 8, placed.last_col)?;
    Ok(())
}
