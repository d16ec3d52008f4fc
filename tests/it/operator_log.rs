//! What the operator and the scheduler read on stderr (issue 19, SPEC §2, §6, §10): after the
//! summary line, one line per skipped file or sheet and per file + sheet with rejected
//! records, naming the file, the sheet, the count and the first reason with its fix; the same
//! lines after `check`'s summary; `-q` keeps the summary alone; a nightly run with nothing
//! changed lists nothing. The tests run the binary with stderr captured, never a terminal:
//! the log has plain lines and no progress bar.

use std::path::{Path, PathBuf};

use crate::common::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn copy(p: &Project, from: &str, to: &str) {
    let dest = p.input().join(to);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::copy(fixture(from), &dest).unwrap_or_else(|e| panic!("{from}: {e}"));
}

/// DISHUB's November attendance with two unknown codes: `X` at E7, `Q` at E9.
fn unknown_codes(p: &Project) {
    let (a, b) = ("198503152010011002", "199002022015031003");
    let rows = [
        (a, "Budi Santoso", 2, "H", 0.0),
        (a, "Budi Santoso", 3, "X", 0.0),
        (b, "Siti Rahayu", 2, "H", 0.0),
        (b, "Siti Rahayu", 3, "Q", 0.0),
    ];
    attendance(
        &p.input().join("2026-11/Kehadiran_DISHUB_2026-11.xlsx"),
        "DISHUB",
        "November 2026",
        11,
        &rows,
    );
}

/// A corrupt, an encrypted and an HTML "workbook", a sheet with unknown codes and an Excel
/// owner file, in sub-folders as the units send them.
fn mixed(test: &str) -> Project {
    let p = Project::new(test);
    unknown_codes(&p);
    copy(&p, "truncated.xlsx", "Puskesmas/rekap.xlsx");
    copy(&p, "encrypted.xlsx", "Puskesmas/rahasia.xlsx");
    copy(&p, "html_as.xls", "ekinerja.xls");
    copy(&p, "~$kehadiran.xlsx", "~$x.xlsx");
    p
}

const UNKNOWN_CODE: &str = "DITOLAK 2026-11/Kehadiran_DISHUB_2026-11.xlsx lembar Kehadiran: 2 catatan ditolak; \
     pertama E7 \"X\": kode status \"X\" tidak dikenal; kode yang diterima: H, TL, PSW, DL, DD, S, I, C, TK, L, TB";
const ENCRYPTED: &str = "DILEWATI Puskesmas/rahasia.xlsx: buku kerja dilindungi kata sandi (terenkripsi) sehingga \
     tidak dapat dibaca; buka di Excel, hapus kata sandinya (File > Info > Protect Workbook), lalu simpan ulang";
const HTML: &str = "DILEWATI ekinerja.xls: berkas ini adalah halaman HTML (ekspor aplikasi web) yang diberi nama \
     .xls, bukan spreadsheet. Buka berkas di Excel atau LibreOffice, lalu simpan ulang sebagai .xlsx (File > Save \
     As > Excel Workbook).";

/// The problem lines of a log or of `check`'s output, without the `budaya-kerja: ` prefix.
fn problems(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.strip_prefix("budaya-kerja: ").unwrap_or(l))
        .filter(|l| ["DILEWATI ", "DITOLAK ", "DIABAIKAN ", "… dan "].iter().any(|w| l.starts_with(w)))
        .collect()
}

/// The four problems of [`mixed`], in path order; the corrupt file's reason quotes the zip
/// library, so only its own words are compared.
fn assert_mixed_problems(lines: &[&str]) {
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert_eq!(lines[0], UNKNOWN_CODE);
    assert_eq!(lines[1], ENCRYPTED);
    assert!(
        lines[2].starts_with(
            "DILEWATI Puskesmas/rekap.xlsx: berkas rusak atau tidak lengkap sehingga tidak dapat dibuka"
        ) && lines[2].ends_with("; minta unit mengirim ulang berkasnya"),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3], HTML);
}

fn assert_no_bar(stderr: &str) {
    assert!(!stderr.contains('\r'), "a carriage return in the log: {stderr:?}");
    assert!(!stderr.contains("\u{1b}["), "an escape code in the log: {stderr:?}");
}

#[test]
fn the_log_names_each_skipped_or_rejecting_file_after_the_summary() {
    let p = mixed("log-names");
    let run = p.run(&["report"]);
    assert_eq!(run.code, 3, "{run:?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    // memindai, the summary of what was read, the four problems, the month, the end.
    assert_eq!(lines.len(), 8, "{}", run.stderr);
    assert_eq!(
        lines[1],
        "budaya-kerja: 5 berkas (5 diurai, 0 dari cache), 4 catatan dibaca, 2 ditolak, 3 berkas/lembar dilewati"
    );
    assert!(lines[2..6].iter().all(|l| l.starts_with("budaya-kerja: ")), "{}", run.stderr);
    assert_mixed_problems(&problems(&run.stderr));
    assert_eq!(lines[6], "budaya-kerja: laporan November 2026 ditulis ke output/2026-11");
    assert!(lines[7].starts_with("budaya-kerja: selesai: 1 bulan ditulis") && lines[7].ends_with("status 3"));
    // The owner file is no problem: not listed.
    assert!(!run.stderr.contains("~$x.xlsx"), "{}", run.stderr);
    assert_no_bar(&run.stderr);
}

#[test]
fn owner_files_hidden_files_and_hidden_sheets_are_no_problem() {
    let p = Project::new("log-harmless");
    copy(&p, "~$kehadiran.xlsx", "~$x.xlsx");
    copy(&p, "renamed_xls.xlsx", ".tersembunyi.xlsx");
    copy(&p, "hidden_sheet.xlsx", "hidden_sheet.xlsx");
    let run = p.run(&["report"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(problems(&run.stderr), Vec::<&str>::new(), "{}", run.stderr);
    // With -v they are listed under the milder word; the hidden sheet `Kode` still is not.
    let run = p.run(&["report", "--month", "2026-11", "-v"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        problems(&run.stderr),
        [
            "DIABAIKAN .tersembunyi.xlsx: berkas tersembunyi; dilewati",
            "DIABAIKAN ~$x.xlsx: berkas kunci Excel (~$…) yang dibuat selama berkas aslinya dibuka; dilewati (bukan masalah)",
        ],
        "{}",
        run.stderr
    );
    let check = p.run(&["check"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(check.stdout.contains("  DIABAIKAN: berkas kunci Excel"), "{}", check.stdout);
    assert!(!check.stdout.contains("DILEWATI"), "{}", check.stdout);
}

#[test]
fn more_than_fifty_problems_end_with_a_count() {
    let p = Project::new("log-cap");
    for i in 0..60 {
        copy(&p, "truncated.xlsx", &format!("rusak-{i:02}.xlsx"));
    }
    let run = p.run(&["report"]);
    assert_eq!(run.code, 3, "{run:?}");
    let lines = problems(&run.stderr);
    assert_eq!(lines.len(), 51, "{}", run.stderr);
    for (i, l) in lines[..50].iter().enumerate() {
        assert!(l.starts_with(&format!("DILEWATI rusak-{i:02}.xlsx: berkas rusak")), "{l}");
    }
    assert_eq!(lines[50], "… dan 10 berkas/lembar lain (lihat lembar Berkas dan Masalah)");

    let check = p.run(&["check"]);
    assert_eq!(check.code, 3);
    let lines = problems(&check.stdout);
    assert_eq!(
        lines.last(),
        Some(&"… dan 10 berkas/lembar lain (lihat rincian di atas)"),
        "{}",
        check.stdout
    );
}

#[test]
fn quiet_keeps_only_the_summary() {
    let p = mixed("log-quiet");
    let run = p.run(&["report", "-q"]);
    assert_eq!(run.code, 3, "{run:?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(lines[0].starts_with(
        "budaya-kerja: selesai: 1 bulan ditulis, 5 berkas (5 diurai), 4 catatan, 2 ditolak, 3 dilewati,"
    ));
    assert!(lines[0].ends_with(", status 3"), "{}", lines[0]);

    let check = p.run(&["check", "-q"]);
    assert_eq!(check.code, 3, "{check:?}");
    assert_eq!(
        check.stdout,
        "Ringkasan: 5 berkas, 4 catatan dibaca, 2 diterima, 2 ditolak, 3 berkas/lembar dilewati.\n"
    );
    assert_eq!(check.stderr, "");
}

#[test]
fn check_ends_with_the_same_lines_as_the_report_log() {
    let p = mixed("log-check");
    let check = p.run(&["check"]);
    assert_eq!(check.code, 3, "{check:?}");
    assert_eq!(check.stderr, "", "check prints on stdout");
    // The summary, then the list: the last lines of the output.
    let tail: Vec<&str> = check.stdout.lines().rev().take(5).collect::<Vec<_>>().into_iter().rev().collect();
    assert!(tail[0].starts_with("Ringkasan: 5 berkas"), "{}", check.stdout);
    assert_eq!(problems(&tail.join("\n")).len(), 4, "{}", check.stdout);
    assert_mixed_problems(&problems(&tail.join("\n")));
    // Word for word what the report logs.
    let run = p.run(&["report"]);
    assert_eq!(problems(&run.stderr), problems(&tail.join("\n")));
}

#[test]
fn a_nightly_rerun_with_nothing_changed_lists_nothing() {
    let p = mixed("log-nightly");
    assert_eq!(p.run(&["report"]).code, 3);
    let run = p.run(&["report"]);
    assert_eq!(run.code, 0, "{run:?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert_eq!(lines[0], "budaya-kerja: memindai input");
    assert!(
        lines[1].starts_with(
            "budaya-kerja: tidak ada perubahan: 5 berkas sama seperti pada laporan terakhir; tidak ada yang ditulis"
        ),
        "{}",
        lines[1]
    );
    // -q: the same one line.
    let quiet = p.run(&["report", "-q"]);
    assert!(quiet.stderr.starts_with("budaya-kerja: tidak ada perubahan: 5 berkas"), "{}", quiet.stderr);
    assert_eq!(quiet.stderr.lines().count(), 1, "{}", quiet.stderr);
}

#[test]
fn without_a_terminal_the_log_has_no_progress_bar() {
    // Enough files for the old counter to have drawn (every 10 files), in sub-folders.
    let p = Project::new("log-no-bar");
    for i in 0..12 {
        copy(&p, "renamed_xls.xlsx", &format!("DLH/2026-11/rekap-{i:02}.xls"));
    }
    for args in [&["report"][..], &["report", "--month", "2026-11", "-v"], &["check"]] {
        let run = p.run(args);
        assert_eq!(run.code, 0, "{args:?}: {run:?}");
        assert_no_bar(&run.stderr);
        assert_no_bar(&run.stdout);
        assert!(
            !run.stderr.contains("membaca berkas") && !run.stderr.contains("menulis laporan"),
            "{}",
            run.stderr
        );
    }
}

/// On a terminal (a pseudo-terminal from util-linux `script`, where it exists) the bar is
/// drawn, in Indonesian, and cleared before the step lines.
#[cfg(target_os = "linux")]
#[test]
fn on_a_terminal_the_bar_is_drawn_in_indonesian() {
    let p = Project::new("log-bar");
    for i in 0..3 {
        copy(&p, "renamed_xls.xlsx", &format!("DLH/2026-11/rekap-{i:02}.xls"));
    }
    let typescript = p.root.join("typescript");
    let command = format!("{} report", env!("CARGO_BIN_EXE_budaya-kerja"));
    let ran = std::process::Command::new("script")
        .args(["-qec", &command])
        .arg(&typescript)
        .current_dir(&p.root)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    let Ok(status) = ran else {
        eprintln!("no `script` here: the terminal path is not tested");
        return;
    };
    let text = String::from_utf8_lossy(&std::fs::read(&typescript).unwrap_or_default()).into_owned();
    if !status.success() || !text.contains("budaya-kerja: selesai") {
        eprintln!("`script` gave no terminal here: the terminal path is not tested ({status})");
        return;
    }
    assert!(text.contains("membaca berkas ["), "{text:?}");
    assert!(text.contains("/3 berkas"), "{text:?}");
    assert!(text.contains("menulis laporan ["), "{text:?}");
    assert!(!text.contains("files") && !text.contains("ETA"), "{text:?}");
}
