//! The nightly mode (SPEC §5, §6, §10): nothing changed → nothing written; one file changed
//! → that file re-read and only the affected months rewritten; crashes, kills and a second
//! run never leave a half-written report; manifest and tidy data.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use crate::common::*;

const A: &str = "198001012005011001";
const B: &str = "197505052000032002";

fn month(p: &Project, m: u32, bulan: &str, status: &str) -> PathBuf {
    let path = p.input().join(format!("Kehadiran DISHUB {m:02}-2026.xlsx"));
    attendance(
        &path,
        "DISHUB",
        bulan,
        m,
        &[(A, "Andi", 1, status, 0.0), (B, "Budi", 1, "H", 0.0), (A, "Andi", 2, "H", 0.0)],
    );
    path
}

fn three_months(p: &Project) -> [PathBuf; 3] {
    [
        month(p, 9, "September 2026", "H"),
        month(p, 10, "Oktober 2026", "H"),
        month(p, 11, "November 2026", "H"),
    ]
}

/// Every file under `output/` except the cache: its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let path = e.path();
            let name = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            if name.starts_with(".cache") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let meta = std::fs::metadata(&path).unwrap();
                out.insert(name, (std::fs::read(&path).unwrap(), meta.modified().unwrap()));
            }
        }
    }
    out
}

fn changed(
    before: &BTreeMap<String, (Vec<u8>, SystemTime)>,
    after: &BTreeMap<String, (Vec<u8>, SystemTime)>,
) -> Vec<String> {
    let mut names: Vec<String> = after.keys().chain(before.keys()).cloned().collect();
    names.sort();
    names.dedup();
    names.into_iter().filter(|n| before.get(n) != after.get(n)).collect()
}

/// Rewrites a file with new content and a modification time one minute later.
fn touch_later(path: &Path) {
    let t = std::fs::metadata(path).unwrap().modified().unwrap() + Duration::from_secs(60);
    std::fs::File::options().write(true).open(path).unwrap().set_modified(t).unwrap();
}

#[test]
fn unchanged_input_writes_nothing_and_reads_no_workbook() {
    let p = Project::new("nightly-same");
    three_months(&p);
    let first = p.run(&["report"]);
    assert_eq!(first.code, 0, "{first:?}");
    assert!(first.stderr.contains("3 diurai"), "{}", first.stderr);
    let before = snapshot(&p.output());
    assert!(
        before.contains_key("2026-11/manifest.json") && before.contains_key("data/kehadiran-2026-11.csv")
    );

    let second = p.run(&["report"]);
    assert_eq!(second.code, 0);
    assert!(second.stderr.contains("tidak ada perubahan"), "{}", second.stderr);
    assert_eq!(changed(&before, &snapshot(&p.output())), Vec::<String>::new());

    // A touched file with the same content is hashed, found equal, and still writes nothing.
    touch_later(&p.input().join("Kehadiran DISHUB 10-2026.xlsx"));
    let third = p.run(&["report"]);
    assert_eq!(third.code, 0);
    assert!(third.stderr.contains("tidak ada perubahan"), "{}", third.stderr);
    assert_eq!(changed(&before, &snapshot(&p.output())), Vec::<String>::new());
}

#[test]
fn one_changed_file_is_reread_alone_and_rewrites_only_affected_months() {
    let p = Project::new("nightly-one");
    let [sep, _, nov] = three_months(&p);
    p.run(&["report"]);
    let before = snapshot(&p.output());

    // November changes: only November is rewritten.
    month(&p, 11, "November 2026", "S");
    touch_later(&nov);
    let run = p.run(&["report"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("1 diurai, 2 dari cache"), "{}", run.stderr);
    let after = snapshot(&p.output());
    assert_eq!(
        changed(&before, &after),
        [
            "2026-11/laporan-budaya-kerja-2026-11.pdf",
            "2026-11/laporan-budaya-kerja-2026-11.xlsx",
            "2026-11/manifest.json",
            "data/kehadiran-2026-11.csv",
        ],
        "the tidy data is one file per month: November's alone is rewritten"
    );
    let mut book = p.report_xlsx("2026-11");
    let unit = book.table("Unit", "Kode Unit");
    assert_eq!(unit.num(unit.row("Kode Unit", "DISHUB"), "Sakit"), 1.0);

    // September changes: September and the later months of the year are rewritten
    // (tk_kumulatif, the previous-month comparison and the trend depend on it).
    month(&p, 9, "September 2026", "TK");
    touch_later(&sep);
    let run = p.run(&["report"]);
    assert!(run.stderr.contains("1 diurai"), "{}", run.stderr);
    let again = snapshot(&p.output());
    let months: std::collections::BTreeSet<String> =
        changed(&after, &again).iter().filter_map(|n| n.split('/').next().map(String::from)).collect();
    assert_eq!(months.into_iter().collect::<Vec<_>>(), ["2026-09", "2026-10", "2026-11", "data"]);
    let mut book = p.report_xlsx("2026-11");
    let pegawai = book.table("Pegawai", "NIP");
    assert_eq!(pegawai.num(pegawai.row("NIP", A), "TK Kumulatif"), 1.0);
}

#[test]
fn a_crash_between_write_and_rename_leaves_the_previous_report_intact() {
    let p = Project::new("nightly-crash");
    let [_, _, nov] = three_months(&p);
    p.run(&["report"]);
    let before = snapshot(&p.output());

    month(&p, 11, "November 2026", "TK");
    touch_later(&nov);
    let crashed = Command::new(env!("CARGO_BIN_EXE_budaya-kerja"))
        .arg("report")
        .current_dir(&p.root)
        .env("BUDAYA_KERJA_FAULT", "before-rename:laporan-budaya-kerja-2026-11.xlsx")
        .output()
        .unwrap();
    assert!(!crashed.status.success(), "the fault hook aborts");
    // Every report file is exactly as before; only the (now stale) lock and a temporary
    // file were left behind. The tidy data is written on its own thread meanwhile: it may
    // already be replaced, but only whole (checked against the next run below).
    let crashed_state = snapshot(&p.output());
    let left: Vec<String> =
        changed(&before, &crashed_state).into_iter().filter(|n| !n.starts_with("data/")).collect();
    assert_eq!(left.len(), 2, "{left:?}");
    assert_eq!(left[0], ".budaya-kerja.lock");
    assert!(left[1].starts_with("2026-11/.laporan-budaya-kerja-2026-11.xlsx.tmp-"), "{left:?}");
    // A stale lock was left too; the next run takes it over, cleans up and redoes the month.
    let run = p.run(&["report"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("diambil alih"), "{}", run.stderr);
    let after = snapshot(&p.output());
    assert!(changed(&before, &after).contains(&"2026-11/laporan-budaya-kerja-2026-11.xlsx".to_string()));
    assert!(!after.keys().any(|n| n.contains(".tmp-")), "{:?}", after.keys());
    for (name, content) in crashed_state.iter().filter(|(n, _)| n.starts_with("data/")) {
        let whole =
            |snap: &BTreeMap<String, (Vec<u8>, SystemTime)>| snap.get(name).is_some_and(|c| c.0 == content.0);
        assert!(whole(&before) || whole(&after), "{name} was left half-written");
    }
    let mut book = p.report_xlsx("2026-11");
    let unit = book.table("Unit", "Kode Unit");
    assert_eq!(unit.num(unit.row("Kode Unit", "DISHUB"), "Tanpa Keterangan"), 1.0);
}

#[test]
fn a_second_run_waits_then_exits_75_while_the_lock_is_held() {
    let p = Project::new("nightly-lock");
    three_months(&p);
    std::fs::create_dir_all(p.output()).unwrap();
    // A live process of this host holds the lock.
    let mut holder = Command::new("sleep").arg("30").spawn().unwrap();
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    let lock = p.output().join(".budaya-kerja.lock");
    std::fs::write(&lock, format!("pid={}\nhost={}\nstart=x\n", holder.id(), host.trim())).unwrap();

    let run = p.run(&["report"]);
    assert_eq!(run.code, 75, "{run:?}");
    assert!(run.stderr.contains("sedang berjalan") && run.stderr.contains("--wait"), "{}", run.stderr);
    let waited = std::time::Instant::now();
    assert_eq!(p.run(&["report", "--wait", "1"]).code, 75);
    assert!(waited.elapsed() >= Duration::from_millis(900));
    assert!(!p.output().join("2026-11").exists(), "nothing written while locked");

    let _ = holder.kill();
    let _ = holder.wait();
    // Its process is gone: the lock is stale and taken over.
    let run = p.run(&["report"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("diambil alih"));
    assert!(!lock.exists(), "released at the end");
}

#[test]
#[cfg(unix)]
fn sigterm_removes_temporary_files_and_the_lock_and_exits_143() {
    let p = Project::new("nightly-signal");
    three_months(&p);
    let child = Command::new(env!("CARGO_BIN_EXE_budaya-kerja"))
        .arg("report")
        .current_dir(&p.root)
        .env("BUDAYA_KERJA_FAULT", "pause-before-rename:laporan")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until it is paused with a temporary file written.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let has_temp = || {
        std::fs::read_dir(p.output().join("2026-09"))
            .map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().contains(".tmp-")))
            .unwrap_or(false)
    };
    while !has_temp() {
        assert!(std::time::Instant::now() < deadline, "no temporary file appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: sends SIGTERM to the child we spawned and still own.
    let rc = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(rc, 0);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(143), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!has_temp());
    assert!(!p.output().join(".budaya-kerja.lock").exists());
}

#[test]
fn manifest_and_tidy_data_carry_hashes_and_lineage() {
    let p = Project::new("nightly-data");
    three_months(&p);
    p.run(&["report"]);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(p.output().join("2026-11/manifest.json")).unwrap()).unwrap();
    let input = &manifest["inputs"][0];
    assert_eq!(input["path"], "Kehadiran DISHUB 11-2026.xlsx");
    let bytes = std::fs::read(p.input().join("Kehadiran DISHUB 11-2026.xlsx")).unwrap();
    assert_eq!(input["size"], bytes.len() as u64);
    assert_eq!(input["sheets"][0]["read"], 3);
    let outputs = manifest["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), 2);
    for o in outputs {
        let file = p.output().join("2026-11").join(o["file"].as_str().unwrap());
        assert_eq!(o["size"], std::fs::metadata(&file).unwrap().len());
    }

    let data = tidy_data(&p.output(), "kehadiran");
    assert_eq!(data.keys().collect::<Vec<_>>(), ["2026-09", "2026-10", "2026-11"], "one file per month");
    for (month, csv) in &data {
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "nip,nama,kode_unit,tanggal,bulan,kode_status,kelas,menit_terlambat,kegiatan,kelompok,berkas,lembar,sel,\
             menit_pulang_cepat,pita_tl,pita_psw,scan,keterangan"
        );
        assert_eq!(lines.len(), 1 + 3, "three records in {month}");
        assert!(lines[1..].iter().all(|l| l.split(',').nth(4) == Some(month.as_str())), "{csv}");
    }
    let csv = &data["2026-11"];
    assert!(
        csv.lines().any(|l| l == "\"198001012005011001\",Andi,DISHUB,2026-11-01,2026-11,H,hadir,0,,,Kehadiran DISHUB 11-2026.xlsx,Kehadiran,E6,,,,,"),
        "{csv}"
    );
}

#[test]
fn a_month_whose_input_is_removed_loses_its_tidy_data_and_the_legacy_files_go() {
    let p = Project::new("nightly-tidy-months");
    let [sep, _, _] = three_months(&p);
    // What an older version left in data/: the combined files; and a file of the analysts'.
    let data = p.output().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for name in ["kehadiran.csv", "penilaian.csv", "catatan.txt"] {
        std::fs::write(data.join(name), "lama").unwrap();
    }
    let run = p.run(&["report"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(tidy_data(&p.output(), "kehadiran").len(), 3);
    assert!(!data.join("kehadiran.csv").exists() && !data.join("penilaian.csv").exists());

    std::fs::remove_file(sep).unwrap();
    let run = p.run(&["report"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(tidy_data(&p.output(), "kehadiran").keys().collect::<Vec<_>>(), ["2026-10", "2026-11"]);
    assert_eq!(std::fs::read_to_string(data.join("catatan.txt")).unwrap(), "lama");
}
