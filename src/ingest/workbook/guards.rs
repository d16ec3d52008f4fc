//! The checks made before calamine opens a file, because calamine builds all sheets of an
//! `.xls` or `.ods` at once and aborts when an allocation fails: the declared sizes of zip
//! parts (`zipdir`), what `content.xml` will cost (`ods_scan`), what the BIFF records will cost.

use super::limits::{MAX_SHEETS, ReadLimits};
use super::sniff::Format;
use super::{inflate, ods_scan, xls_scan, zipdir};

pub(super) fn too_many_sheets(n: usize) -> String {
    format!(
        "buku kerja berisi {n} lembar, lebih dari {MAX_SHEETS}; berkas dilewati: pecah menjadi beberapa berkas"
    )
}

/// `1,5 GiB`, `300 MiB`, `12 KiB`, `80 byte`.
pub(super) fn human_bytes(n: u64) -> String {
    const UNITS: [(&str, f64); 3] = [("GiB", 1073741824.0), ("MiB", 1048576.0), ("KiB", 1024.0)];
    for (unit, size) in UNITS {
        if n as f64 >= size {
            let v = n as f64 / size;
            let text = if v >= 100.0 || v.fract() < 0.05 { format!("{v:.0}") } else { format!("{v:.1}") };
            return format!("{} {unit}", text.replace('.', ","));
        }
    }
    format!("{n} byte")
}

/// Every part's declared uncompressed size (the zip crate stops reading a part that inflates
/// past it), the parts together, and for an `.ods` what its `content.xml` will cost.
pub(super) fn check_zip(
    bytes: &[u8],
    entries: &[zipdir::Entry],
    format: Format,
    limits: &ReadLimits,
) -> Result<(), String> {
    let mut total = 0u64;
    for e in entries {
        if e.size > limits.zip_part_bytes {
            let size =
                if e.size == u64::MAX { "ukuran tak tertulis".to_string() } else { human_bytes(e.size) };
            return Err(format!(
                "bagian \"{}\" di dalam berkas mengembang menjadi {size} saat dibuka, lebih dari batas {} per bagian \
                 ([batas] ukuran_bagian_zip); kemungkinan bom zip atau lembar dengan jutaan sel kosong berformat. \
                 Berkas dilewati: buka di Excel, hapus baris/kolom kosong di luar tabel, lalu simpan ulang",
                crate::ground::model::quote_value(&e.name_lossy()),
                human_bytes(limits.zip_part_bytes)
            ));
        }
        total = total.saturating_add(e.size);
    }
    if total > limits.zip_total_bytes() {
        return Err(format!(
            "isi berkas mengembang menjadi {} saat dibuka, lebih dari batas {} (empat kali [batas] ukuran_bagian_zip); \
             berkas dilewati: pecah menjadi beberapa berkas yang lebih kecil",
            human_bytes(total),
            human_bytes(limits.zip_total_bytes())
        ));
    }
    if format == Format::Ods {
        check_ods(bytes, entries, limits)?;
    }
    Ok(())
}

fn too_large_file(what: &str, cells: u64, limit: u64) -> String {
    format!(
        "{what} terlalu besar: {cells} sel, lebih dari batas {limit} sel ([batas] sel_per_lembar). Berkas .xls dan .ods \
         dibaca seluruhnya sekaligus, jadi seluruh berkas dilewati; hapus isi di luar tabel (misalnya sel terisi atau \
         berformat jauh di kanan atau bawah) atau pecah berkasnya, lalu kirim ulang"
    )
}

fn too_much_text(bytes: u64, limit: u64) -> String {
    format!(
        "teks di dalam lembar-lembarnya mencapai {} (dengan pengulangan), lebih dari batas {} ([batas] ukuran_bagian_zip); \
         berkas dilewati: hapus teks yang sangat panjang atau pecah berkasnya",
        human_bytes(bytes),
        human_bytes(limit)
    )
}

/// calamine builds every sheet of an `.ods` when it opens it; `content.xml` says how big.
fn check_ods(bytes: &[u8], entries: &[zipdir::Entry], limits: &ReadLimits) -> Result<(), String> {
    let over = |s: &ods_scan::Scanner| {
        s.exceeds(limits.cells_per_sheet, limits.cells_per_workbook(), limits.zip_part_bytes)
            || s.sheets_seen() > MAX_SHEETS
    };
    for e in zipdir::named(entries, "content.xml") {
        if e.flags & 1 != 0 {
            continue; // encrypted: calamine refuses it
        }
        let Some(data) = e.data(bytes) else { continue };
        let max = e.size.min(limits.zip_part_bytes);
        let mut scanner = ods_scan::Scanner::new();
        match e.method {
            0 => scanner.feed(&data[..data.len().min(usize::try_from(max).unwrap_or(usize::MAX))]),
            8 => {
                // Whatever inflates before an error is what calamine would read too.
                let _ = inflate::inflate_into(data, max, &mut |chunk| {
                    scanner.feed(chunk);
                    !over(&scanner)
                });
            }
            _ => continue, // calamine cannot inflate it either
        }
        let est = scanner.finish();
        if est.sheets.len() > MAX_SHEETS {
            return Err(too_many_sheets(est.sheets.len()));
        }
        if let Some((name, n)) = est.sheets.iter().find(|(_, n)| *n > limits.cells_per_sheet) {
            return Err(too_large_file(
                &format!("lembar \"{}\"", crate::ground::model::quote_value(name)),
                *n,
                limits.cells_per_sheet,
            ));
        }
        let cells = est.dense_total().max(est.row_cells);
        if cells > limits.cells_per_workbook() {
            return Err(too_large_file("buku kerja ini", cells, limits.cells_per_workbook()));
        }
        if est.text_bytes > limits.zip_part_bytes {
            return Err(too_much_text(est.text_bytes, limits.zip_part_bytes));
        }
    }
    Ok(())
}

/// calamine builds every sheet of an `.xls` when it opens it, and follows the compound file's
/// sector chains without a cycle check: look first.
pub(super) fn check_xls(bytes: &[u8], limits: &ReadLimits) -> Result<(), String> {
    let est = match xls_scan::scan(bytes) {
        xls_scan::Scan::Refused => return Ok(()),
        xls_scan::Scan::Damaged(why) => {
            return Err(format!(
                "berkas rusak sehingga tidak dapat dibuka ({why}); minta unit mengirim ulang berkasnya"
            ));
        }
        xls_scan::Scan::Fine(est) => est,
    };
    if est.sheets.len() > MAX_SHEETS {
        return Err(too_many_sheets(est.sheets.len()));
    }
    if est.reserved > limits.cells_per_sheet {
        return Err(too_large_file(
            "ukuran lembar yang tertulis di berkas (catatan DIMENSIONS)",
            est.reserved,
            limits.cells_per_sheet,
        ));
    }
    if let Some((i, n)) = est.sheets.iter().enumerate().find(|(_, n)| **n > limits.cells_per_sheet) {
        return Err(too_large_file(&format!("lembar ke-{}", i + 1), *n, limits.cells_per_sheet));
    }
    let cells = est.dense_total().max(est.cell_records);
    if cells > limits.cells_per_workbook() {
        return Err(too_large_file("buku kerja ini", cells, limits.cells_per_workbook()));
    }
    if est.text_bytes > limits.zip_part_bytes {
        return Err(too_much_text(est.text_bytes, limits.zip_part_bytes));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::workbook::sniff::{Sniffed, sniff, zip_format};

    /// The guards pass every real workbook the project has, with estimates near their size.
    #[test]
    fn guards_pass_real_workbooks() {
        let dirs = [concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"), "/work/shared/examples"];
        let mut seen = 0;
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(dir) else { continue };
            for e in entries.flatten() {
                let path = e.path();
                if !path.is_file() {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                let limits = ReadLimits::default();
                match sniff(&bytes) {
                    Sniffed::Zip => {
                        let entries = zipdir::entries(&bytes);
                        if path.to_string_lossy().contains("truncated") {
                            continue;
                        }
                        assert!(!entries.is_empty(), "{}", path.display());
                        let format = zip_format(&bytes, &entries);
                        check_zip(&bytes, &entries, format, &limits).unwrap();
                        if format == Format::Ods {
                            let content = zipdir::named(&entries, "content.xml").next().unwrap();
                            let mut sc = ods_scan::Scanner::new();
                            inflate::inflate_into(content.data(&bytes).unwrap(), content.size, &mut |c| {
                                sc.feed(c);
                                true
                            })
                            .unwrap();
                            let est = sc.finish();
                            assert!(
                                !est.sheets.is_empty() && est.dense_total() < 10_000,
                                "{}: {est:?}",
                                path.display()
                            );
                        }
                        seen += 1;
                    }
                    Sniffed::Cfb => {
                        match xls_scan::scan(&bytes) {
                            xls_scan::Scan::Fine(est) => {
                                assert!(
                                    est.dense_total() > 0 && est.dense_total() < 10_000,
                                    "{}: {est:?}",
                                    path.display()
                                );
                                assert!(est.text_bytes < 200_000, "{}: {est:?}", path.display());
                            }
                            other => assert!(
                                path.to_string_lossy().contains("encrypted"),
                                "{}: {other:?}",
                                path.display()
                            ),
                        }
                        seen += 1;
                    }
                    _ => {}
                }
            }
        }
        assert!(seen >= 10, "{seen}");
    }
}
