//! Hostile input corpus (issue 9, SECURITY.md). Whatever lands in `input/`, the tool must
//! finish, explain, and lose nothing. Every case is built here, in the test (rust_xlsxwriter,
//! hand-made zips with the `zip` crate, raw bytes, patched copies of the committed fixtures),
//! next to one good file whose figures must come out exactly; the binary runs under a time
//! limit and an address-space limit, so a hang or a runaway allocation fails the test instead of
//! the CI machine. For each case: no panic, the hostile file listed in `Berkas` with its reason,
//! the good file read in full.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use calamine::{Data, Reader, Xlsx};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::common::*;

const MONTH: &str = "2026-11";
/// A debug build reads the good file in about a second; a hang is anything far beyond.
const TIME_LIMIT: Duration = Duration::from_secs(90);
/// Address space of the child: a zip bomb or a dense-grid abort would need far more.
const MEMORY_LIMIT: u64 = 6 << 30;
const GOOD: &str = "baik.xlsx";

// ------------------------------------------------------------------------------------ running

/// Runs the binary in the project folder with a deadline and an address-space limit.
fn run_bounded(p: &Project, args: &[&str]) -> Run {
    let out_path = p.root.join("stdout.txt");
    let err_path = p.root.join("stderr.txt");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_budaya-kerja"));
    cmd.args(args)
        .current_dir(&p.root)
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).unwrap())
        .stderr(File::create(&err_path).unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                let lim = libc::rlimit {
                    rlim_cur: MEMORY_LIMIT as libc::rlim_t,
                    rlim_max: MEMORY_LIMIT as libc::rlim_t,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let started = Instant::now();
    let mut child = cmd.spawn().expect("binary starts");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} still running after {TIME_LIMIT:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: std::fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err_path).unwrap_or_default()).into_owned(),
    };
    assert!(status.code().is_some(), "killed by a signal (abort, out of memory?): {run:?}");
    assert!(!run.stderr.contains("panicked"), "a panic: {run:?}");
    run
}

/// `report --month 2026-11`: it must finish with 0 or 3 (never 1 or a crash).
fn report(p: &Project) -> Book {
    let run = run_bounded(p, &["report", "--month", MONTH]);
    assert!(run.code == 0 || run.code == 3, "exit status: {run:?}");
    p.report_xlsx(MONTH)
}

// ------------------------------------------------------------------------------------ checking

fn rows(t: &Table) -> Vec<&Vec<Data>> {
    t.rows.iter().filter(|r| r.iter().any(|c| !c.to_string().is_empty())).collect()
}

fn rows_where<'a>(t: &'a Table, keys: &[(&str, &str)]) -> Vec<&'a Vec<Data>> {
    rows(t).into_iter().filter(|r| keys.iter().all(|(c, v)| t.text(r, c) == *v)).collect()
}

fn one<'a>(t: &'a Table, keys: &[(&str, &str)]) -> &'a Vec<Data> {
    let found = rows_where(t, keys);
    assert_eq!(found.len(), 1, "expected one row with {keys:?}, got {found:?}\nall: {:?}", rows(t));
    found[0]
}

fn ledger(t: &Table, r: &[Data]) -> (f64, f64, f64, f64, f64) {
    (
        t.num(r, "Dibaca"),
        t.num(r, "Diterima"),
        t.num(r, "Ditolak"),
        t.num(r, "Duplikat"),
        t.num(r, "Direvisi"),
    )
}

fn contains_all(text: &str, fragments: &[&str]) {
    for f in fragments {
        assert!(text.to_lowercase().contains(&f.to_lowercase()), "{f:?} not in {text:?}");
    }
}

/// The good file (three DLH records) is read in full, and every row of `Berkas` balances.
fn assert_good(book: &mut Book, rel: &str) {
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", rel), ("Lembar", "Kehadiran")]);
    assert_eq!(ledger(&berkas, r), (3.0, 3.0, 0.0, 0.0, 0.0), "{r:?}");
    for r in rows(&berkas) {
        let (read, acc, rej, dup, rev) = ledger(&berkas, r);
        assert_eq!(read, acc + rej + dup + rev, "{r:?}");
    }
    let units = book.table("Unit", "Kode Unit");
    let dlh = units.row("Kode Unit", "DLH");
    assert_eq!(units.num(dlh, "Hari Kerja"), 3.0);
    assert_eq!(units.num(dlh, "Hadir"), 2.0);
    assert_eq!(units.num(dlh, "Sakit"), 1.0);
}

/// A file skipped as a whole: one `Berkas` row without a sheet, nothing read, the reason.
fn skipped(book: &mut Book, rel: &str) -> String {
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", rel)]);
    assert_eq!(berkas.text(r, "Lembar"), "", "{r:?}");
    assert_eq!(ledger(&berkas, r), (0.0, 0.0, 0.0, 0.0, 0.0), "{r:?}");
    let note = berkas.text(r, "Catatan");
    assert!(!note.is_empty(), "{r:?}");
    note
}

/// A sheet skipped inside a file that was read.
fn sheet_note(book: &mut Book, rel: &str, sheet: &str) -> String {
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", rel), ("Lembar", sheet)]);
    assert_eq!(ledger(&berkas, r), (0.0, 0.0, 0.0, 0.0, 0.0), "{r:?}");
    berkas.text(r, "Catatan")
}

// ------------------------------------------------------------------------------------ building

/// A project with the good file.
fn project(name: &str) -> Project {
    let p = Project::new(&format!("hostile-{name}"));
    good(&p.input().join(GOOD));
    p
}

fn good(path: &Path) {
    attendance(
        path,
        "Dinas Lingkungan Hidup",
        "November 2026",
        11,
        &[
            ("198503152010011002", "Budi Santoso", 2, "H", 0.0),
            ("198503152010011002", "Budi Santoso", 3, "H", 0.0),
            ("199001012015032001", "Ani Lestari", 2, "S", 0.0),
        ],
    );
}

/// Deterministic pseudo-random bytes (xorshift).
fn random_bytes(seed: u64, n: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn col_name(mut c: usize) -> String {
    let mut s = String::new();
    c += 1;
    while c > 0 {
        s.insert(0, (b'A' + ((c - 1) % 26) as u8) as char);
        c = (c - 1) / 26;
    }
    s
}

/// `<c>` elements of inline strings for rows of text, starting at A1.
fn sheet_rows(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (r, row) in rows.iter().enumerate() {
        out.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "<c r=\"{}{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                col_name(c),
                r + 1,
                xml_escape(v)
            ));
        }
        out.push_str("</row>");
    }
    out
}

/// An attendance sheet's rows as text: metadata, header and the given (nip, nama, tanggal,
/// status) rows.
fn attendance_rows(unit: &str, rows: &[(&str, &str, &str, &str)]) -> Vec<Vec<String>> {
    let mut out = vec![
        vec!["DAFTAR HADIR PEGAWAI".to_string()],
        vec![format!("Unit Kerja : {unit}")],
        vec!["Bulan : November 2026".to_string()],
        vec![],
        ["No", "NIP", "Nama", "Tanggal", "Status"].iter().map(|s| s.to_string()).collect(),
    ];
    for (i, (nip, nama, tgl, st)) in rows.iter().enumerate() {
        out.push(vec![
            (i + 1).to_string(),
            nip.to_string(),
            nama.to_string(),
            tgl.to_string(),
            st.to_string(),
        ]);
    }
    out
}

const NS_MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts of a minimal xlsx with one sheet `Kehadiran` (and optionally shared strings),
/// written by hand for what rust_xlsxwriter rightly refuses to write.
fn xlsx_parts(sheet_xml: &str, shared: Option<&str>) -> Vec<(String, Vec<u8>)> {
    let mut parts = vec![
        (
            "[Content_Types].xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{}</Types>"#,
                if shared.is_some() {
                    r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
                } else {
                    ""
                }
            )
            .into_bytes(),
        ),
        (
            "_rels/.rels".to_string(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes(),
        ),
        (
            "xl/workbook.xml".to_string(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><sheets><sheet name="Kehadiran" sheetId="1" r:id="rId1"/></sheets></workbook>"#).into_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>{}</Relationships>"#,
                if shared.is_some() {
                    format!(r#"<Relationship Id="rId2" Type="{NS_REL}/sharedStrings" Target="sharedStrings.xml"/>"#)
                } else {
                    String::new()
                }
            )
            .into_bytes(),
        ),
        ("xl/worksheets/sheet1.xml".to_string(), sheet_xml.as_bytes().to_vec()),
    ];
    if let Some(s) = shared {
        parts.push(("xl/sharedStrings.xml".to_string(), s.as_bytes().to_vec()));
    }
    parts
}

fn worksheet(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS_MAIN}"><sheetData>{body}</sheetData></worksheet>"#
    )
}

fn write_zip(path: &Path, parts: &[(String, Vec<u8>)]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    let mut zw = ZipWriter::new(File::create(path).unwrap());
    for (name, data) in parts {
        let method = if name == "mimetype" { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        zw.start_file(name.as_str(), SimpleFileOptions::default().compression_method(method)).unwrap();
        zw.write_all(data).unwrap();
    }
    zw.finish().unwrap();
}

fn raw_xlsx(path: &Path, sheet_body: &str) {
    write_zip(path, &xlsx_parts(&worksheet(sheet_body), None));
}

/// A minimal .ods whose one table holds `rows` (raw `table:table-row` XML).
fn ods_parts(rows: &str, manifest_extra: &str) -> Vec<(String, Vec<u8>)> {
    vec![
        ("mimetype".to_string(), b"application/vnd.oasis.opendocument.spreadsheet".to_vec()),
        (
            "META-INF/manifest.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{manifest_extra}</manifest:file-entry></manifest:manifest>"#
            )
            .into_bytes(),
        ),
        (
            "content.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Data">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
            )
            .into_bytes(),
        ),
    ]
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

fn put(p: &Project, rel: &str, bytes: &[u8]) -> PathBuf {
    let path = p.input().join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The text of every XML part of a written workbook.
fn xml_parts(path: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(File::open(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.ends_with(".xml") {
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            out.push((name, s));
        }
    }
    out
}

// ================================================================== 1. empty and random bytes

const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];

#[test]
fn zero_byte_files_under_every_extension() {
    let p = project("zero");
    for ext in EXTENSIONS {
        put(&p, &format!("kosong.{ext}"), b"");
    }
    let mut book = report(&p);
    for ext in EXTENSIONS {
        contains_all(&skipped(&mut book, &format!("kosong.{ext}")), &["kosong", "0 byte"]);
    }
    assert_good(&mut book, GOOD);
}

#[test]
fn random_bytes_under_every_extension() {
    let p = project("random");
    for (i, ext) in EXTENSIONS.iter().enumerate() {
        put(&p, &format!("acak.{ext}"), &random_bytes(i as u64 + 7, 4096));
        // The same with a zip and a compound-file signature in front.
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(random_bytes(i as u64 + 70, 4096));
        put(&p, &format!("acak-zip.{ext}"), &zip);
        let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        cfb.extend(random_bytes(i as u64 + 700, 4096));
        put(&p, &format!("acak-cfb.{ext}"), &cfb);
    }
    let mut book = report(&p);
    for ext in EXTENSIONS {
        contains_all(&skipped(&mut book, &format!("acak.{ext}")), &["bukan berkas spreadsheet"]);
        contains_all(&skipped(&mut book, &format!("acak-zip.{ext}")), &["rusak"]);
        contains_all(&skipped(&mut book, &format!("acak-cfb.{ext}")), &["rusak"]);
    }
    assert_good(&mut book, GOOD);
}

// ================================================================== 2. damaged zips

#[test]
fn truncated_zips_at_every_length_class() {
    let p = project("truncated");
    let whole = std::fs::read(p.input().join(GOOD)).unwrap();
    let cuts = [10, whole.len() / 10, whole.len() / 2, whole.len() * 9 / 10, whole.len() - 1];
    for (i, cut) in cuts.iter().enumerate() {
        put(&p, &format!("potong-{i}.xlsx"), &whole[..*cut]);
    }
    // The same for an old .xls (a compound file) and an .ods.
    let xls = fixture("kehadiran_long.xls");
    let ods = fixture("penilaian.ods");
    // (Cut in its last sector's padding an .xls is still whole and is read.)
    for (i, cut) in [600, xls.len() / 2, xls.len() - 1000].iter().enumerate() {
        put(&p, &format!("potong-{i}.xls"), &xls[..*cut]);
    }
    put(&p, "potong.ods", &ods[..ods.len() / 2]);
    let mut book = report(&p);
    for i in 0..cuts.len() {
        contains_all(&skipped(&mut book, &format!("potong-{i}.xlsx")), &["rusak", "ulang"]);
    }
    for rel in ["potong-0.xls", "potong-1.xls", "potong-2.xls", "potong.ods"] {
        contains_all(&skipped(&mut book, rel), &["rusak", "ulang"]);
    }
    // Cut inside its sectors, calamine slices past the end and panics (found by the fuzzer):
    // the pre-scan names it.
    contains_all(&skipped(&mut book, "potong-2.xls"), &["terpotong"]);
    assert_good(&mut book, GOOD);
}

#[test]
fn malformed_zips_and_parts() {
    let p = project("malformed");
    // A sheet whose XML is cut in the middle of a cell.
    write_zip(
        &p.input().join("xml-putus.xlsx"),
        &xlsx_parts(
            &format!(
                r#"<worksheet xmlns="{NS_MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>NIP"#
            ),
            None,
        ),
    );
    // No workbook part at all.
    write_zip(
        &p.input().join("tanpa-workbook.xlsx"),
        &[("xl/worksheets/sheet1.xml".into(), worksheet("").into_bytes())],
    );
    // A damaged compressed byte: the part's checksum fails.
    let mut flipped = std::fs::read(p.input().join(GOOD)).unwrap();
    let at = flipped.windows(24).position(|w| w == b"xl/worksheets/sheet1.xml").unwrap() + 24 + 40;
    flipped[at] ^= 0x55;
    put(&p, "crc-salah.xlsx", &flipped);
    // A central directory whose offsets point past the end of the file.
    let mut bad_dir = std::fs::read(p.input().join(GOOD)).unwrap();
    let eocd = bad_dir.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
    bad_dir[eocd + 16..eocd + 20].copy_from_slice(&0x7FFF_FFF0u32.to_le_bytes());
    put(&p, "direktori-salah.xlsx", &bad_dir);

    let mut book = report(&p);
    for rel in ["tanpa-workbook.xlsx", "direktori-salah.xlsx"] {
        contains_all(&skipped(&mut book, rel), &["rusak"]);
    }
    // A part that fails while the sheet is read: the sheet (or the file) is skipped.
    for rel in ["xml-putus.xlsx", "crc-salah.xlsx"] {
        let berkas = book.table("Berkas", "Berkas");
        let listed = rows_where(&berkas, &[("Berkas", rel)]);
        assert!(!listed.is_empty(), "{rel} not listed");
        for r in listed {
            assert_eq!(berkas.num(r, "Diterima"), 0.0, "{r:?}");
            contains_all(&berkas.text(r, "Catatan"), &["tidak dapat"]);
        }
    }
    assert_good(&mut book, GOOD);
}

// ================================================================== 3. zip bombs

/// The parts of an xlsx whose sheet inflates to `size` bytes of spaces (between valid
/// `sheetData` tags), written through the zip crate in 1 MiB pieces so the test holds
/// almost nothing in memory; the best compression makes it ~1 MB.
fn zip_bomb(path: &Path, size: u64) {
    let mut zw = ZipWriter::new(File::create(path).unwrap());
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9));
    for (name, data) in xlsx_parts("", None) {
        if name == "xl/worksheets/sheet1.xml" {
            continue;
        }
        zw.start_file(name.as_str(), opts).unwrap();
        zw.write_all(&data).unwrap();
    }
    zw.start_file("xl/worksheets/sheet1.xml", opts.large_file(size > u32::MAX as u64)).unwrap();
    zw.write_all(format!(r#"<worksheet xmlns="{NS_MAIN}"><sheetData>"#).as_bytes()).unwrap();
    let chunk = vec![b' '; 1 << 20];
    let mut written = 0;
    while written < size {
        zw.write_all(&chunk).unwrap();
        written += chunk.len() as u64;
    }
    zw.write_all(b"</sheetData></worksheet>").unwrap();
    zw.finish().unwrap();
}

#[test]
fn zip_bomb_past_one_gigabyte_is_refused_before_inflating() {
    let p = project("bomb");
    let bomb = p.input().join("bom.xlsx");
    zip_bomb(&bomb, 1100 << 20);
    let compressed = std::fs::metadata(&bomb).unwrap().len();
    assert!(compressed < 4 << 20, "the bomb itself is small: {compressed}");

    // The same bomb lying about its size: the directory says 64 KiB. The zip crate stops
    // reading the part as soon as more comes out than declared.
    let mut liar = std::fs::read(&bomb).unwrap();
    let name = b"xl/worksheets/sheet1.xml";
    let mut at = 0;
    while let Some(pos) = liar[at..].windows(name.len()).position(|w| w == name) {
        let pos = at + pos;
        if pos >= 46 && &liar[pos - 46..pos - 42] == b"PK\x01\x02" {
            liar[pos - 46 + 24..pos - 46 + 28].copy_from_slice(&(64u32 << 10).to_le_bytes());
        }
        if pos >= 30 && &liar[pos - 30..pos - 26] == b"PK\x03\x04" {
            liar[pos - 30 + 22..pos - 30 + 26].copy_from_slice(&(64u32 << 10).to_le_bytes());
        }
        at = pos + 1;
    }
    put(&p, "bom-bohong.xlsx", &liar);

    let started = Instant::now();
    let mut book = report(&p);
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    contains_all(
        &skipped(&mut book, "bom.xlsx"),
        &["xl/worksheets/sheet1.xml", "mengembang", "GiB", "ukuran_bagian_zip", "bom zip"],
    );
    // The liar passes the directory check and fails while its sheet is read.
    let note = sheet_note(&mut book, "bom-bohong.xlsx", "Kehadiran");
    contains_all(&note, &["tidak dapat dibaca"]);
    assert_good(&mut book, GOOD);
}

/// The other limits of `[batas]`, through the library (`read_file` passes only the cell limit
/// until it builds `ReadLimits` from all of `[batas]`, see SECURITY.md).
#[test]
fn part_and_cell_text_limits_are_configurable() {
    use budaya_kerja::ingest::workbook::{ReadLimits, SheetContent, open};
    let p = Project::new("hostile-limits");
    let mut rows = attendance_rows("Inspektorat", &[("197001012000011001", "Budi", "02/11/2026", "H")]);
    rows.push(vec!["x".repeat(4000)]);
    let path = p.input().join("besar.xlsx");
    raw_xlsx(&path, &sheet_rows(&rows));
    let bytes = std::fs::read(&path).unwrap();

    let small_parts = ReadLimits { zip_part_bytes: 2048, ..ReadLimits::default() };
    let err = open(&path, bytes.clone(), small_parts).unwrap_err().to_string();
    contains_all(&err, &["xl/worksheets/sheet1.xml", "2 KiB", "ukuran_bagian_zip"]);

    let short_cells = ReadLimits { chars_per_cell: 100, ..ReadLimits::default() };
    let wb = open(&path, bytes, short_cells).unwrap();
    let sheet = &wb.sheets[0];
    let SheetContent::Visible(grid) = &sheet.content else { panic!("{:?}", sheet.content) };
    let cut = grid.get(grid.height() - 1, 0).text();
    assert_eq!(cut.chars().count(), 100);
    assert_eq!(sheet.notes.len(), 1, "{:?}", sheet.notes);
    let note = &sheet.notes[0];
    assert_eq!((note.row, note.col), (6, 0));
    contains_all(&note.message, &["4000 karakter", "batas 100", "karakter_per_sel"]);
    assert!(note.value.chars().count() <= 201, "quoted at most 200 characters");
}

// ================================================================== 4. XML entities

const LAUGHS: &str = r#"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#;

/// The report's text, every XML part of it, must hold no expansion and no file content.
fn assert_not_expanded(p: &Project) {
    for (name, xml) in xml_parts(&p.output().join(MONTH).join(format!("laporan-budaya-kerja-{MONTH}.xlsx"))) {
        assert!(!xml.contains("lollollol"), "entity expanded in {name}");
        assert!(!xml.contains("root:x:0"), "external entity resolved in {name}");
    }
}

#[test]
fn billion_laughs_in_shared_strings_is_never_expanded() {
    let p = project("laughs-sst");
    let shared = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>{LAUGHS}<sst xmlns="{NS_MAIN}" count="3" uniqueCount="3"><si><t>&lol9;</t></si><si><t>&xxe;</t></si><si><t>NIP</t></si></sst>"#
    );
    let sheet = worksheet(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#,
    );
    write_zip(&p.input().join("tawa.xlsx"), &xlsx_parts(&sheet, Some(&shared)));
    let mut book = report(&p);
    // quick-xml knows only the five predefined entities: the workbook is refused, unexpanded.
    contains_all(&skipped(&mut book, "tawa.xlsx"), &["rusak", "unrecognized entity", "&lol9;"]);
    assert_not_expanded(&p);
    assert_good(&mut book, GOOD);
}

#[test]
fn billion_laughs_and_external_entity_in_sheet_xml_are_never_expanded() {
    let p = project("laughs-sheet");
    let rows =
        sheet_rows(&attendance_rows("Inspektorat", &[("197001012000011001", "&lol9;", "02/11/2026", "H")]))
            .replace("&amp;lol9;", "&lol9;");
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>{LAUGHS}<worksheet xmlns="{NS_MAIN}"><sheetData>{rows}<row r="20"><c r="A20" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"#
    );
    write_zip(&p.input().join("tawa-lembar.xlsx"), &xlsx_parts(&sheet, None));
    let mut book = report(&p);
    contains_all(&sheet_note(&mut book, "tawa-lembar.xlsx", "Kehadiran"), &["tidak dapat dibaca", "entity"]);
    assert_not_expanded(&p);
    assert_good(&mut book, GOOD);
}

#[test]
fn invalid_utf8_in_shared_strings() {
    let p = project("utf8");
    let mut shared =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS_MAIN}"><si><t>Bu"#).into_bytes();
    shared.extend_from_slice(&[0xFF, 0xFE, 0x80, 0xC3]);
    shared.extend_from_slice(b"di</t></si></sst>");
    let mut parts = xlsx_parts(
        &worksheet(
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>NIP</t></is></c></row>"#,
        ),
        Some(""),
    );
    parts.last_mut().unwrap().1 = shared;
    write_zip(&p.input().join("utf8-rusak.xlsx"), &parts);
    let mut book = report(&p);
    let berkas = book.table("Berkas", "Berkas");
    assert!(!rows_where(&berkas, &[("Berkas", "utf8-rusak.xlsx")]).is_empty());
    assert_good(&mut book, GOOD);
}

// ================================================================== 5. size limits

#[test]
fn sheet_16384_columns_wide_is_read() {
    let p = project("wide");
    let path = p.input().join("lebar.xlsx");
    // An attendance table with a stray value in the last column, XFD.
    let mut rows = attendance_rows("Inspektorat", &[("197001012000011001", "Budi", "04/11/2026", "H")]);
    rows[5].resize(16_384, String::new());
    rows[5][16_383] = "catatan".into();
    raw_xlsx(&path, &sheet_rows(&rows));
    let mut book = report(&p);
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", "lebar.xlsx"), ("Lembar", "Kehadiran")]);
    assert_eq!(ledger(&berkas, r), (1.0, 1.0, 0.0, 0.0, 0.0));
    assert_good(&mut book, GOOD);
}

#[test]
fn sheet_reaching_row_1048576_is_judged_by_its_range() {
    let p = project("tall");
    let table =
        sheet_rows(&attendance_rows("Inspektorat", &[("197001012000011001", "Budi", "04/11/2026", "H")]));
    // A lone value at XFD1048576: 17 billion cells for a dense grid (calamine would abort).
    raw_xlsx(
        &p.input().join("jauh.xlsx"),
        &format!(r#"{table}<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#),
    );
    // Only a declared dimension that large, the cells themselves small.
    write_zip(
        &p.input().join("dimensi.xlsx"),
        &xlsx_parts(
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS_MAIN}"><dimension ref="A1:XFD1048576"/><sheetData>{table}</sheetData></worksheet>"#
            ),
            None,
        ),
    );
    // A value in A1048576 below the table: 1,048,576 × 5 cells, over the 5,000,000 limit.
    raw_xlsx(
        &p.input().join("panjang.xlsx"),
        &format!(r#"{table}<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>"#),
    );
    let mut book = report(&p);
    for rel in ["jauh.xlsx", "dimensi.xlsx", "panjang.xlsx"] {
        contains_all(&sheet_note(&mut book, rel, "Kehadiran"), &["terlalu besar", "1048576 baris"]);
    }
    assert_good(&mut book, GOOD);
}

#[test]
fn sheet_over_the_configured_cell_limit() {
    let p = project("cell-limit");
    // 100 cells: the good file (8 rows × 6 columns) fits, a 20 × 10 sheet does not.
    std::fs::write(p.root.join("budaya-kerja.toml"), "[batas]\nsel_per_lembar = 100\n").unwrap();
    let mut rows = attendance_rows("Inspektorat", &[]);
    for i in 0..15 {
        rows.push((0..10).map(|c| format!("{i}-{c}")).collect());
    }
    raw_xlsx(&p.input().join("banyak.xlsx"), &sheet_rows(&rows));
    // The .xls and .ods fixtures are over 100 cells too; calamine builds all their sheets at
    // once, so the check comes first and the whole file is skipped.
    put(&p, "lama.xls", &fixture("kehadiran_long.xls"));
    put(&p, "nilai.ods", &fixture("penilaian.ods"));
    let mut book = report(&p);
    contains_all(&sheet_note(&mut book, "banyak.xlsx", "Kehadiran"), &["terlalu besar", "batas 100 sel"]);
    for rel in ["lama.xls", "nilai.ods"] {
        contains_all(
            &skipped(&mut book, rel),
            &["terlalu besar", "sel_per_lembar", "seluruh berkas dilewati"],
        );
    }
    assert_good(&mut book, GOOD);
}

#[test]
fn ods_repeat_bombs_are_refused_before_calamine_reads_them() {
    let p = project("ods-bomb");
    // 20,000 rows of 16,384 repeated filled cells: 2 MB of XML, 327 million cells (18 GB).
    let row = r#"<table:table-row><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#;
    write_zip(&p.input().join("ulang.ods"), &ods_parts(&row.repeat(20_000), ""));
    // One row repeated a million times between two filled rows: the dense grid.
    let rows = r#"<table:table-row><table:table-cell office:value-type="string" office:string-value="a" table:number-columns-repeated="100"/></table:table-row><table:table-row table:number-rows-repeated="900000"><table:table-cell/></table:table-row><table:table-row><table:table-cell office:value-type="float" office:value="2"/></table:table-row>"#;
    write_zip(&p.input().join("baris.ods"), &ods_parts(rows, ""));
    // Four billion spaces from two `<text:s>` (calamine counts each in an i32).
    let spaces = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2000000000"/><text:s text:c="2000000000"/></text:p></table:table-cell></table:table-row>"#;
    write_zip(&p.input().join("spasi.ods"), &ods_parts(spaces, ""));
    let mut book = report(&p);
    contains_all(&skipped(&mut book, "ulang.ods"), &["terlalu besar", "sel_per_lembar"]);
    contains_all(&skipped(&mut book, "baris.ods"), &["lembar \"Data\"", "terlalu besar"]);
    contains_all(&skipped(&mut book, "spasi.ods"), &["teks", "ukuran_bagian_zip"]);
    assert_good(&mut book, GOOD);
}

/// The committed `.xls` fixture with bytes changed at the offsets a real file has them.
fn patched_xls(patch: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut b = fixture("kehadiran_long.xls");
    patch(&mut b);
    b
}

#[test]
fn xls_container_and_record_bombs() {
    let p = project("xls-bomb");
    // The directory's sector chain points at itself: calamine would append the same sector
    // until memory runs out.
    let cycle = patched_xls(|b| {
        let dir = u32::from_le_bytes(b[48..52].try_into().unwrap()) as usize;
        let fat = u32::from_le_bytes(b[76..80].try_into().unwrap()) as usize;
        let at = (fat + 1) * 512 + 4 * dir;
        b[at..at + 4].copy_from_slice(&(dir as u32).to_le_bytes());
    });
    put(&p, "putaran.xls", &cycle);
    // A DIMENSIONS record declaring 4 billion rows × 255 columns: calamine reserves room for
    // all of them before reading a cell, and the failed allocation aborts the process.
    let dims = patched_xls(|b| {
        let at = b.windows(4).position(|w| w == [0x00, 0x02, 0x0E, 0x00]).unwrap() + 4;
        b[at + 4..at + 8].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        b[at + 10..at + 12].copy_from_slice(&0x00FFu16.to_le_bytes());
    });
    put(&p, "dimensi.xls", &dims);
    // A sheet whose stream position lies past the end of the Workbook stream: calamine slices
    // there and panics (found by the `workbook` fuzz target); the pre-scan says what it is.
    let far = patched_xls(|b| {
        let at = b.windows(6).position(|w| w == b"Sheet1").unwrap() - 12;
        assert_eq!(&b[at..at + 2], &[0x85, 0x00]);
        b[at + 4..at + 8].copy_from_slice(&0x0400_0000u32.to_le_bytes());
    });
    put(&p, "posisi.xls", &far);
    let mut book = report(&p);
    contains_all(&skipped(&mut book, "putaran.xls"), &["rusak", "berputar"]);
    contains_all(&skipped(&mut book, "dimensi.xls"), &["terlalu besar", "DIMENSIONS"]);
    contains_all(&skipped(&mut book, "posisi.xls"), &["rusak", "posisi lembar di luar aliran Workbook"]);
    assert_good(&mut book, GOOD);
}

// ================================================================== 6. cell contents

#[test]
fn nul_and_control_characters_in_cells_and_names() {
    let p = project("control");
    let rows = attendance_rows(
        "Inspektorat",
        &[
            ("197001012000011001", "Bu\u{1}di\u{7}", "02/11/2026", "H"),
            ("197101012000012002", "Ani\u{1b}[31m", "02/11/2026", "H\u{8}"),
        ],
    );
    // Raw control characters in the XML, as a broken exporter writes them, in a file whose
    // name holds a terminal escape sequence and a line break.
    raw_xlsx(&p.input().join("kontrol\u{1b}[2J\n.xlsx"), &sheet_rows(&rows));
    // A NUL character reference, which XML forbids: that sheet cannot be read.
    raw_xlsx(&p.input().join("nul.xlsx"), &sheet_rows(&rows).replace("Bu\u{1}di", "Bu&#0;di"));
    // rust_xlsxwriter escapes them its own way (_x0001_).
    write_sheet(
        &p.input().join("kontrol2.xlsx"),
        "Kehadiran",
        &[
            vec![V::S("Unit Kerja : Inspektorat")],
            vec![V::S("Bulan : November 2026")],
            vec![V::S("NIP"), V::S("Nama"), V::S("Tanggal"), V::S("Status")],
            vec![V::S("197001012000011001"), V::S("Budi\0\u{1f}"), V::D(3, 11, 2026), V::S("H")],
        ],
    );
    let mut book = report(&p);
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", "kontrol\\u{1b}[2J\\u{a}.xlsx"), ("Lembar", "Kehadiran")]);
    assert_eq!(berkas.num(r, "Dibaca"), 2.0, "{r:?}");
    let r = one(&berkas, &[("Berkas", "kontrol2.xlsx"), ("Lembar", "Kehadiran")]);
    assert_eq!(ledger(&berkas, r), (1.0, 1.0, 0.0, 0.0, 0.0), "{r:?}");
    contains_all(&sheet_note(&mut book, "nul.xlsx", "Kehadiran"), &["tidak dapat dibaca"]);
    assert_good(&mut book, GOOD);
    // `check` prints file names and values with control characters escaped.
    let run = run_bounded(&p, &["check"]);
    assert!(!run.stdout.contains('\u{1b}'), "raw ESC on the terminal: {:?}", run.stdout);
    assert!(!run.stdout.contains('\u{7}'), "raw BEL on the terminal");
    assert!(!run.stderr.contains('\u{1b}'), "raw ESC in the log: {:?}", run.stderr);
}

#[test]
fn cell_of_40000_characters_is_cut_to_excels_limit() {
    let p = project("long-cell");
    let long = format!("Budi {}", "x".repeat(40_000));
    let rows = attendance_rows("Inspektorat", &[("197001012000011001", &long, "02/11/2026", "H")]);
    raw_xlsx(&p.input().join("panjang.xlsx"), &sheet_rows(&rows));
    let mut book = report(&p);
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", "panjang.xlsx"), ("Lembar", "Kehadiran")]);
    let (read, ..) = ledger(&berkas, r);
    assert_eq!(read, 1.0);
    // Whatever the report holds of it fits in one Excel cell.
    for (name, xml) in xml_parts(&p.output().join(MONTH).join(format!("laporan-budaya-kerja-{MONTH}.xlsx"))) {
        assert!(!xml.contains(&"x".repeat(32_768)), "more than 32,767 characters in {name}");
    }
    assert_good(&mut book, GOOD);
}

const FORMULAS: [&str; 6] =
    ["=HYPERLINK(\"http://x\",\"klik\")", "+SUM(1)", "@SUM(1)", "=cmd|' /C calc'!A0", "-2+3", "=1+1"];

fn formula_project(name: &str) -> Project {
    let p = project(name);
    let nips = [
        "198001012005011001",
        "198001012005011002",
        "198001012005011003",
        "198001012005011004",
        "198001012005011005",
        "198001012005011006",
    ];
    let mut sheet = vec![
        vec![V::S("Unit Kerja : Inspektorat")],
        vec![V::S("Bulan : November 2026")],
        vec![V::S("NIP"), V::S("Nama"), V::S("Tanggal"), V::S("Status"), V::S("Kegiatan")],
    ];
    for (i, f) in FORMULAS.iter().enumerate() {
        sheet.push(vec![V::S(nips[i]), V::S(f), V::D(5, 11, 2026), V::S("H"), V::S(f)]);
        sheet.push(vec![V::S(nips[i]), V::S(f), V::D(6, 11, 2026), V::S("H"), V::E]);
    }
    write_sheet(&p.input().join("rumus.xlsx"), "Kehadiran", &sheet);
    p
}

#[test]
fn formula_looking_text_is_written_as_text() {
    let p = formula_project("formula");
    let mut book = report(&p);
    let berkas = book.table("Berkas", "Berkas");
    let r = one(&berkas, &[("Berkas", "rumus.xlsx"), ("Lembar", "Kehadiran")]);
    assert_eq!(berkas.num(r, "Dibaca"), 12.0);
    // Every name comes back as a string cell, exactly as written.
    let persons = book.table("Pegawai", "NIP");
    for (i, f) in FORMULAS.iter().enumerate() {
        let row = persons.row("NIP", &format!("19800101200501100{}", i + 1));
        assert_eq!(persons.get(row, "Nama"), &Data::String(f.to_string()), "{f}");
    }
    // And no worksheet of the report holds a formula element at all.
    let report_path = p.output().join(MONTH).join(format!("laporan-budaya-kerja-{MONTH}.xlsx"));
    for (name, xml) in xml_parts(&report_path) {
        if name.starts_with("xl/worksheets/") {
            assert!(!xml.contains("<f>") && !xml.contains("<f "), "a formula in {name}");
        }
    }
    let mut wb: Xlsx<_> = calamine::open_workbook(&report_path).unwrap();
    for sheet in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&sheet).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "formula in {sheet}");
    }
    assert_good(&mut book, GOOD);
}

/// The tidy CSV opens in Excel too, which runs a field beginning with `=`, `+`, `-` or `@` as a
/// formula (CSV injection). Needs the fix in `src/render/csv.rs` (SECURITY.md).
#[test]
fn formula_looking_text_is_neutralised_in_the_csv() {
    let p = formula_project("formula-csv");
    report(&p);
    let data = tidy_data(&p.output(), "kehadiran");
    assert_eq!(data.keys().collect::<Vec<_>>(), ["2026-11"]);
    for line in data.values().flat_map(|csv| csv.lines()) {
        for field in line.split(',') {
            let f = field.trim_start_matches('"');
            assert!(!f.starts_with(['=', '+', '@']) && !f.starts_with("-2"), "{field} in {line}");
        }
    }
}

#[test]
fn unit_names_that_look_like_paths_are_rejected_never_used() {
    let p = project("paths");
    for (i, unit) in ["../../x", "CON", "a/b\\c", "/etc/passwd"].iter().enumerate() {
        let rows = attendance_rows(unit, &[("197001012000011001", "Budi", "02/11/2026", "H")]);
        raw_xlsx(&p.input().join(format!("unit-{i}.xlsx")), &sheet_rows(&rows));
    }
    // And as file names, where a file system allows them.
    good(&p.input().join("CON.xlsx"));
    good(&p.input().join("a\\b.xlsx"));
    let mut book = report(&p);
    let masalah = book.table("Masalah", "Berkas");
    for i in 0..4 {
        let rel = format!("unit-{i}.xlsx");
        let tolak = rows_where(&masalah, &[("Berkas", rel.as_str()), ("Tingkat", "Tolak")]);
        assert!(!tolak.is_empty(), "{rel}: {:?}", rows(&masalah));
        for r in tolak {
            contains_all(
                &masalah.text(r, "Masalah"),
                &["tidak ada dalam daftar unit", "Mungkin yang dimaksud"],
            );
        }
    }
    let berkas = book.table("Berkas", "Berkas");
    for rel in ["CON.xlsx", "a\\b.xlsx"] {
        let r = one(&berkas, &[("Berkas", rel), ("Lembar", "Kehadiran")]);
        assert_eq!(berkas.num(r, "Dibaca"), 3.0);
    }
    // Nothing was written beside the input and output folders, and nothing inside the output
    // is named after input text.
    for e in std::fs::read_dir(&p.root).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        assert!(["input", "output", "stdout.txt", "stderr.txt"].contains(&name.as_str()), "{name}");
    }
    let mut stack = vec![p.output()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(!name.contains("CON") && !name.contains("passwd") && !name.contains('\\'), "{name}");
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            }
        }
    }
}

#[test]
fn dates_in_1900_and_9999_are_rejected_and_make_no_month() {
    let p = project("dates");
    write_sheet(
        &p.input().join("tanggal.xlsx"),
        "Kehadiran",
        &[
            vec![V::S("Unit Kerja : Inspektorat")],
            vec![V::S("NIP"), V::S("Nama"), V::S("Tanggal"), V::S("Status")],
            vec![V::S("197001012000011001"), V::S("Budi"), V::D(1, 1, 1900), V::S("H")],
            vec![V::S("197001012000011001"), V::S("Budi"), V::D(31, 12, 9999), V::S("H")],
            vec![V::S("197001012000011001"), V::S("Budi"), V::S("01/01/1900"), V::S("H")],
            vec![V::S("197001012000011001"), V::S("Budi"), V::S("31/12/9999"), V::S("H")],
            vec![V::S("197001012000011001"), V::S("Budi"), V::N(-5.0), V::S("H")],
            vec![V::S("197001012000011001"), V::S("Budi"), V::N(1e300), V::S("H")],
        ],
    );
    // The nightly mode writes every month it finds.
    let run = run_bounded(&p, &["report"]);
    assert!(run.code == 0 || run.code == 3, "{run:?}");
    for month in ["1900-01", "9999-12", "1899-12"] {
        assert!(!p.output().join(month).exists(), "a folder for {month}");
    }
    let mut book = p.report_xlsx(MONTH);
    let berkas = book.table("Berkas", "Berkas");
    let listed = rows_where(&berkas, &[("Berkas", "tanggal.xlsx")]);
    assert!(!listed.is_empty(), "{:?}", rows(&berkas));
    for r in listed {
        assert_eq!(berkas.num(r, "Diterima"), 0.0, "{r:?}");
    }
    assert_good(&mut book, GOOD);
}

#[test]
fn nan_inf_and_negative_zero_in_number_cells() {
    let p = project("nan");
    let nips = ["198001012005011001", "198001012005011002", "198001012005011003", "198001012005011004"];
    // As text in number columns.
    write_sheet(
        &p.input().join("nan-teks.xlsx"),
        "Penilaian",
        &[
            vec![V::S("Unit Kerja : Inspektorat")],
            vec![V::S("Bulan : November 2026")],
            vec![V::S("NIP"), V::S("Nama"), V::S("Target"), V::S("Realisasi"), V::S("Nilai Perilaku")],
            vec![V::S(nips[0]), V::S("A"), V::S("NaN"), V::N(10.0), V::N(80.0)],
            vec![V::S(nips[1]), V::S("B"), V::N(10.0), V::S("inf"), V::N(80.0)],
            vec![V::S(nips[2]), V::S("C"), V::N(10.0), V::N(10.0), V::S("-0")],
            vec![V::S(nips[3]), V::S("D"), V::S("-inf"), V::N(10.0), V::S("NaN")],
        ],
    );
    // As numbers in the XML, which only a hand-made file holds.
    let header = sheet_rows(&[
        vec!["Unit Kerja : Inspektorat".into()],
        vec!["Bulan : November 2026".into()],
        vec!["NIP".into(), "Nama".into(), "Target".into(), "Realisasi".into(), "Nilai Perilaku".into()],
    ]);
    let mut body = header;
    for (i, (t, r, n)) in
        [("NaN", "10", "80"), ("10", "INF", "80"), ("10", "10", "-0"), ("-inf", "1e999", "nan")]
            .iter()
            .enumerate()
    {
        let row = i + 4;
        body.push_str(&format!(
            r#"<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>{}</t></is></c><c r="B{row}" t="inlineStr"><is><t>X</t></is></c><c r="C{row}"><v>{t}</v></c><c r="D{row}"><v>{r}</v></c><c r="E{row}"><v>{n}</v></c></row>"#,
            nips[i]
        ));
    }
    write_zip(&p.input().join("nan-angka.xlsx"), &{
        let mut parts = xlsx_parts(&worksheet(&body), None);
        parts[2].1 =
            String::from_utf8(parts[2].1.clone()).unwrap().replace("Kehadiran", "Penilaian").into_bytes();
        parts
    });
    let mut book = report(&p);
    let berkas = book.table("Berkas", "Berkas");
    for rel in ["nan-teks.xlsx", "nan-angka.xlsx"] {
        let r = one(&berkas, &[("Berkas", rel), ("Lembar", "Penilaian")]);
        let (read, acc, rej, ..) = ledger(&berkas, r);
        assert_eq!(read, 4.0, "{rel}: {r:?}");
        // NaN and the infinities are rejected; only the -0 row can be accepted.
        assert!(acc <= 1.0 && rej >= 3.0, "{rel}: {r:?}");
    }
    // No NaN or infinity reaches a number in the report.
    for sheet in ["Unit", "Pegawai"] {
        let first = if sheet == "Unit" { "Kode Unit" } else { "NIP" };
        let t = book.table(sheet, first);
        for r in &t.rows {
            for c in r {
                if let Data::Float(x) = c {
                    assert!(x.is_finite(), "{sheet}: {r:?}");
                }
                assert!(!matches!(c, Data::String(s) if s == "NaN" || s == "inf"), "{sheet}: {r:?}");
            }
        }
    }
    assert_good(&mut book, GOOD);
}

// ================================================================== 7. files and folders

#[test]
fn html_and_csv_named_as_spreadsheets() {
    let p = project("html-csv");
    put(&p, "ekspor.xls", &fixture("html_as.xls"));
    put(&p, "ekspor.xlsx", &fixture("html_as.xls"));
    put(&p, "data.xls", &fixture("data.csv"));
    put(&p, "data.xlsx", &fixture("data.csv"));
    let mut book = report(&p);
    for rel in ["ekspor.xls", "ekspor.xlsx"] {
        contains_all(&skipped(&mut book, rel), &["HTML", "simpan ulang sebagai .xlsx"]);
    }
    for rel in ["data.xls", "data.xlsx"] {
        contains_all(&skipped(&mut book, rel), &["bukan berkas spreadsheet", "simpan ulang sebagai .xlsx"]);
    }
    assert_good(&mut book, GOOD);
}

#[test]
fn encrypted_workbooks() {
    let p = project("encrypted");
    put(&p, "sandi.xlsx", &fixture("encrypted.xlsx"));
    put(&p, "sandi.xls", &fixture("encrypted.xlsx"));
    let enc = r#"<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/></manifest:encryption-data>"#;
    write_zip(&p.input().join("sandi.ods"), &ods_parts("", enc));
    let mut book = report(&p);
    for rel in ["sandi.xlsx", "sandi.xls", "sandi.ods"] {
        contains_all(&skipped(&mut book, rel), &["kata sandi"]);
    }
    assert_good(&mut book, GOOD);
}

#[test]
fn folder_named_like_a_workbook_is_walked() {
    let p = Project::new("hostile-dir");
    good(&p.input().join("x.xlsx").join(GOOD));
    let mut book = report(&p);
    assert_good(&mut book, &format!("x.xlsx/{GOOD}"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_leaving_the_input_folder() {
    use std::os::unix::fs::symlink;
    let p = project("symlinks");
    // A folder outside the input with a workbook of another unit.
    let outside = p.root.join("luar");
    attendance(
        &outside.join("rahasia.xlsx"),
        "Inspektorat",
        "November 2026",
        11,
        &[("197001012000011001", "Budi", 2, "H", 0.0)],
    );
    std::fs::create_dir_all(p.input().join("sub")).unwrap();
    symlink(p.input(), p.input().join("sub/putaran")).unwrap();
    symlink(p.input().join("b.xlsx"), p.input().join("a.xlsx")).unwrap();
    symlink(p.input().join("a.xlsx"), p.input().join("b.xlsx")).unwrap();
    symlink(&outside, p.input().join("ke-luar")).unwrap();
    symlink(outside.join("rahasia.xlsx"), p.input().join("rahasia.xlsx")).unwrap();
    symlink("/etc/passwd", p.input().join("passwd.xlsx")).unwrap();
    symlink(p.input().join("tidak-ada.xlsx"), p.input().join("patah.xlsx")).unwrap();
    let mut book = report(&p);
    contains_all(&skipped(&mut book, "sub/putaran"), &["putaran"]);
    for rel in ["a.xlsx", "b.xlsx"] {
        contains_all(&skipped(&mut book, rel), &["putaran"]);
    }
    for rel in ["ke-luar", "rahasia.xlsx", "passwd.xlsx"] {
        contains_all(&skipped(&mut book, rel), &["ke luar folder input"]);
    }
    contains_all(&skipped(&mut book, "patah.xlsx"), &["rusak"]);
    let units = book.table("Unit", "Kode Unit");
    assert_eq!(units.text(units.row("Kode Unit", "INSPEKTORAT"), "Status Laporan"), "Belum");
    assert_good(&mut book, GOOD);
}

#[cfg(unix)]
#[test]
fn named_pipe_is_skipped_not_read() {
    let p = project("fifo");
    let path = std::ffi::CString::new(p.input().join("pipa.xlsx").to_string_lossy().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
    let mut book = report(&p);
    contains_all(&skipped(&mut book, "pipa.xlsx"), &["bukan berkas biasa"]);
    assert_good(&mut book, GOOD);
}

#[cfg(unix)]
#[test]
fn odd_unicode_file_names() {
    use std::os::unix::ffi::OsStrExt;
    let p = Project::new("hostile-unicode");
    let names: [&[u8]; 5] = [
        "Kehadiran café.xlsx".as_bytes(),
        "Kehadiran cafe\u{301}.xlsx".as_bytes(),
        "📊 rekap 😀.xlsx".as_bytes(),
        "تقرير \u{202E}xslx.xlsx".as_bytes(),
        b"rusak-\xFF\xFE.xlsx",
    ];
    for name in names {
        good(&p.input().join(std::ffi::OsStr::from_bytes(name)));
    }
    let mut book = report(&p);
    let berkas = book.table("Berkas", "Berkas");
    let read: Vec<&Vec<Data>> = rows_where(&berkas, &[("Lembar", "Kehadiran")]);
    assert_eq!(read.len(), names.len(), "{:?}", rows(&berkas));
    // One of them accepted, the other four the same records again.
    let total: f64 = read.iter().map(|r| berkas.num(r, "Dibaca")).sum();
    let accepted: f64 = read.iter().map(|r| berkas.num(r, "Diterima")).sum();
    assert_eq!((total, accepted), (15.0, 3.0));
    for name in ["Kehadiran café.xlsx", "Kehadiran cafe\u{301}.xlsx", "📊 rekap 😀.xlsx"] {
        one(&berkas, &[("Berkas", name), ("Lembar", "Kehadiran")]);
    }
}

#[test]
fn deep_folders_and_many_sheets() {
    let p = project("deep");
    let mut deep = p.input();
    for _ in 0..150 {
        deep.push("d");
    }
    attendance(
        &deep.join("dalam.xlsx"),
        "Inspektorat",
        "November 2026",
        11,
        &[("197001012000011001", "Budi", 5, "H", 0.0)],
    );
    // 300 sheets in one workbook, and 20,000 merged regions on a sheet with a table.
    let mut wb = rust_xlsxwriter::Workbook::new();
    for i in 0..300 {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, format!("lembar {i}")).unwrap();
    }
    wb.save(p.input().join("lembar.xlsx")).unwrap();
    let mut body =
        sheet_rows(&attendance_rows("Inspektorat", &[("197001012000011001", "Budi", "04/11/2026", "H")]));
    let merges: String = (100..20_100).map(|r| format!(r#"<mergeCell ref="A{r}:B{r}"/>"#)).collect();
    body = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS_MAIN}"><sheetData>{body}</sheetData><mergeCells count="20000">{merges}</mergeCells></worksheet>"#
    );
    write_zip(&p.input().join("gabung.xlsx"), &xlsx_parts(&body, None));
    let mut book = report(&p);
    let berkas = book.table("Berkas", "Berkas");
    assert_eq!(rows_where(&berkas, &[("Berkas", "lembar.xlsx")]).len(), 300);
    let r = one(&berkas, &[("Berkas", "gabung.xlsx"), ("Lembar", "Kehadiran")]);
    assert_eq!(ledger(&berkas, r), (1.0, 1.0, 0.0, 0.0, 0.0));
    let rel = format!("{}/dalam.xlsx", vec!["d"; 150].join("/"));
    let r = one(&berkas, &[("Berkas", rel.as_str()), ("Lembar", "Kehadiran")]);
    assert_eq!(ledger(&berkas, r), (1.0, 1.0, 0.0, 0.0, 0.0));
    assert_good(&mut book, GOOD);
}

#[test]
fn pdf_syntax_in_names_stays_text_in_the_pdf() {
    let p = project("pdf");
    let names = ["Budi ) Tj ET BT (x", "Ani \\ ( \\) <</S/JavaScript>>", "Citra %PDF-1.7 endobj"];
    let nips = ["197201012000011001", "197201012000011002", "197201012000011003"];
    let mut sheet = vec![
        vec![V::S("Unit Kerja : Inspektorat")],
        vec![V::S("Bulan : November 2026")],
        vec![V::S("NIP"), V::S("Nama"), V::S("Tanggal"), V::S("Status")],
    ];
    // Eleven unexcused working days each (tier Sedang): they appear in the PDF by name.
    for (nama, nip) in names.iter().zip(nips) {
        for day in [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16] {
            sheet.push(vec![V::S(nip), V::S(nama), V::D(day, 11, 2026), V::S("TK")]);
        }
    }
    write_sheet(&p.input().join("pdf.xlsx"), "Kehadiran", &sheet);
    let mut book = report(&p);
    assert_good(&mut book, GOOD);
    let pdf = p.report_pdf(MONTH);
    let Some(text) = pdf_text(&pdf) else { return };
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for nama in names {
        let words: String = nama.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&words), "{nama:?} not in the PDF text");
    }
}

/// Every committed hostile sample (`tests/fixtures/hostile/`: `make_hostile.py`'s files and the
/// fuzzers' findings, see SECURITY.md) in one input folder: all listed, none read as good data,
/// the good file counted exactly.
#[test]
fn committed_hostile_samples_and_fuzz_findings() {
    let p = project("samples");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut names = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".py") || name.ends_with(".md") {
            continue;
        }
        std::fs::copy(e.path(), p.input().join(&name)).unwrap();
        names.push(name);
    }
    assert!(names.len() >= 9, "{names:?}");
    let mut book = report(&p);
    let berkas = book.table("Berkas", "Berkas");
    for name in &names {
        let listed = rows_where(&berkas, &[("Berkas", name.as_str())]);
        assert!(!listed.is_empty(), "{name} is not listed");
    }
    assert_good(&mut book, GOOD);
}

/// The note about a cut cell reaches `Masalah` (once `read_file` turns `Sheet::notes` into
/// issues, see SECURITY.md).
#[test]
fn cut_cell_is_listed_as_a_warning() {
    let p = project("long-cell-note");
    let long = format!("Budi {}", "x".repeat(40_000));
    let rows = attendance_rows("Inspektorat", &[("197001012000011001", &long, "02/11/2026", "H")]);
    raw_xlsx(&p.input().join("panjang.xlsx"), &sheet_rows(&rows));
    let mut book = report(&p);
    let masalah = book.table("Masalah", "Berkas");
    let w = one(&masalah, &[("Berkas", "panjang.xlsx"), ("Sel", "C6")]);
    assert_eq!(masalah.text(w, "Tingkat"), "Peringatan");
    contains_all(&masalah.text(w, "Masalah"), &["40005 karakter", "32767", "karakter_per_sel"]);
    assert!(masalah.text(w, "Nilai").chars().count() <= 201);
    assert_good(&mut book, GOOD);
}

/// `[batas] ukuran_bagian_zip` from the configuration reaches the reader, and a file larger
/// than it is skipped without being read (once `read_file` builds `ReadLimits` from all of
/// `[batas]` and checks the size first, see SECURITY.md).
#[test]
fn part_and_file_limits_from_the_configuration() {
    let p = project("part-limit");
    std::fs::write(p.root.join("budaya-kerja.toml"), "[batas]\nukuran_bagian_zip = 65536\n").unwrap();
    let mut rows = attendance_rows("Inspektorat", &[("197001012000011001", "Budi", "02/11/2026", "H")]);
    rows.push(vec!["x".repeat(100_000)]);
    raw_xlsx(&p.input().join("besar.xlsx"), &sheet_rows(&rows));
    put(&p, "raksasa.xlsx", &random_bytes(3, 100_000));
    let mut book = report(&p);
    contains_all(
        &skipped(&mut book, "besar.xlsx"),
        &["xl/worksheets/sheet1.xml", "64 KiB", "ukuran_bagian_zip"],
    );
    contains_all(&skipped(&mut book, "raksasa.xlsx"), &["100000 byte", "ukuran_bagian_zip", "tanpa dibaca"]);
    assert_good(&mut book, GOOD);
}
