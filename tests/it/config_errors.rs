//! Issue 19: a bad `budaya-kerja.toml` stops the run before anything is read or written, with
//! one line that names the file, the line, `[tabel] kunci`, what is wrong and how to fix it;
//! and status codes match exactly up to case and spacing, so `=H` is rejected at its cell.

use calamine::Data;

use crate::common::{Book, Project, attendance};

/// A project with one valid attendance file and `config` as its `budaya-kerja.toml`.
fn project_with_config(name: &str, config: &str) -> Project {
    let p = Project::new(name);
    attendance(
        &p.input().join("kehadiran_dishub_nov.xlsx"),
        "Dinas Perhubungan",
        "November 2026",
        11,
        &[("198503152010011002", "Budi Santoso", 2, "H", 0.0)],
    );
    std::fs::write(p.root.join("budaya-kerja.toml"), config).unwrap();
    p
}

/// Runs `report` and `check` on a bad configuration: both exit 1 with `expected` on stderr,
/// and no output folder is made.
fn assert_rejected(name: &str, config: &str, expected: &str) {
    let p = project_with_config(name, config);
    for command in ["report", "check"] {
        let run = p.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        let line = format!("konfigurasi budaya-kerja.toml tidak valid, {expected}");
        assert!(run.stderr.contains(&line), "{command}: expected\n  {line}\nin\n  {}", run.stderr);
        assert_eq!(run.stderr.lines().filter(|l| l.contains("tidak valid")).count(), 1, "{}", run.stderr);
        assert!(!p.output().exists(), "{command}: nothing is written before the configuration is valid");
    }
}

#[test]
fn a_number_written_as_words_names_table_key_line_kind_and_value() {
    assert_rejected(
        "config-wrong-kind",
        "[organisasi]\nkota = \"Mojokerto\"\n\n[penilaian]\nbobot_hasil = \"enam puluh persen\"\n",
        "baris 5: [penilaian] bobot_hasil: seharusnya angka (misalnya 0.6), tertulis teks \"enam puluh persen\"; \
         tulis angka tanpa tanda petik",
    );
}

#[test]
fn an_unknown_key_names_its_table_and_the_known_keys() {
    assert_rejected(
        "config-unknown-key",
        "[penilaian]\nbobot_hasill = 0.6\n",
        "baris 2: [penilaian] bobot_hasill: kunci tidak dikenal; periksa ejaannya, mungkin maksudnya bobot_hasil \
         (kunci yang dikenal: bobot_hasil, bobot_perilaku, predikat)",
    );
}

#[test]
fn a_syntax_error_says_what_is_missing_on_which_line() {
    assert_rejected(
        "config-syntax",
        "[organisasi]\nkota = \"Mojokerto\nbagian = \"BAGIAN ORGANISASI\"\n",
        "baris 2: [organisasi] kota: tanda petik penutup \" tidak ada; akhiri teks dengan \" pada baris yang sama",
    );
    assert_rejected(
        "config-syntax-equals",
        "[kbk]\nmin_anggota 3\n",
        "baris 2: [kbk] min_anggota: tanda = tidak ada antara kunci dan nilai",
    );
}

#[test]
fn an_out_of_range_value_is_named_with_its_value() {
    assert_rejected(
        "config-range",
        "[penilaian]\nbobot_hasil = 1.5\nbobot_perilaku = 0.4\n",
        "baris 2: [penilaian] bobot_hasil: seharusnya angka antara 0 dan 1, tertulis 1.5; \
         tulis bobot sebagai pecahan, misalnya 0.6 untuk 60%",
    );
    assert_rejected(
        "config-batas",
        "[batas]\nsel_per_lembar = 0\n",
        "baris 2: [batas] sel_per_lembar: seharusnya 1 atau lebih, tertulis 0",
    );
}

#[test]
fn an_empty_unit_list_is_refused() {
    assert_rejected(
        "config-no-units",
        "unit = []\n",
        "baris 1: [[unit]]: daftar unit kosong; isi minimal satu [[unit]] dengan kode, nama dan jenis",
    );
}

#[test]
fn a_kbk_error_names_the_kbk_key() {
    assert_rejected(
        "config-kbk",
        "[kbk]\nmin_anggota = 12\nmaks_anggota = 10\n",
        "baris 2: [kbk] min_anggota: min_anggota (12) lebih besar dari maks_anggota (10)",
    );
    assert_rejected(
        "config-kbk-criteria",
        "[[kbk.penilaian]]\nkriteria = \"Pemilihan tema\"\nbobot = 0.1\n\n\
         [[kbk.penilaian]]\nkriteria = \"Analisis penyebab\"\nbobot = 15\n",
        "baris 7: [[kbk.penilaian]] ke-2 bobot: seharusnya angka di atas 0 dan paling besar 1, tertulis 15",
    );
}

#[test]
fn a_jadwal_error_names_the_entry_and_key() {
    assert_rejected(
        "config-jadwal",
        "[[jadwal.unit]]\nnama = \"Puskesmas\"\njenis = \"Puskesmas\"\nhari = { sabtu = \"pagi\" }\n",
        "baris 4: [[jadwal.unit]] ke-1 hari.sabtu: \"pagi\" bukan rentang jam; tulis seperti \"07:30-16:00\" atau \"libur\"",
    );
    assert_rejected(
        "config-jadwal-hari",
        "[jadwal.hari]\nsenin = \"07:30-16:00\"\njumat = \"07:30-26:00\"\n",
        "baris 3: [jadwal.hari] jumat: jam \"26:00\" tidak valid",
    );
}

/// `=H` typed as text (a formula the cell shows as text) is no `H`: rejected at its cell with
/// the accepted codes, and the Masalah sheet shows it as text, never as a formula.
#[test]
fn a_status_with_punctuation_is_an_unknown_code_shown_as_text() {
    let p = Project::new("status-exact");
    attendance(
        &p.input().join("kehadiran_dishub_nov.xlsx"),
        "Dinas Perhubungan",
        "November 2026",
        11,
        &[
            ("198503152010011002", "Budi Santoso", 2, "H", 0.0),
            ("198503152010011002", "Budi Santoso", 3, "=H", 0.0),
            ("198503152010011002", "Budi Santoso", 4, " h ", 0.0),
            ("198503152010011002", "Budi Santoso", 5, "H.", 0.0),
            ("198503152010011002", "Budi Santoso", 6, "Pulang  Cepat", 0.0),
            // A visible apostrophe; Excel's own text prefix is no part of the value.
            ("198503152010011002", "Budi Santoso", 9, "'H", 0.0),
        ],
    );
    let run = p.run(&["report"]);
    assert_eq!(run.code, 3, "a rejected record exits 3: {}", run.stderr);
    let mut book: Book = p.report_xlsx("2026-11");
    let masalah = book.table("Masalah", "Berkas");
    let tolak: Vec<&Vec<Data>> =
        masalah.rows.iter().filter(|r| masalah.text(r, "Tingkat") == "Tolak").collect();
    let cells: Vec<(String, String)> =
        tolak.iter().map(|r| (masalah.text(r, "Sel"), masalah.text(r, "Nilai"))).collect();
    let expected = [("E7", "=H"), ("E9", "H."), ("E11", "'H")].map(|(c, v)| (c.to_string(), v.to_string()));
    assert_eq!(cells, expected);
    let equals_h = tolak[0];
    assert_eq!(masalah.get(equals_h, "Nilai"), &Data::String("=H".to_string()), "written as text");
    let message = masalah.text(equals_h, "Masalah");
    assert!(
        message.contains("kode status \"=H\" tidak dikenal")
            && message.contains("H, TL, PSW, DL, DD, S, I, C, TK, L, TB"),
        "{message}"
    );
    // `H`, ` h ` and `Pulang  Cepat` are codes: three days count.
    let persons = book.table("Pegawai", "NIP");
    let budi = persons.row("NIP", "198503152010011002");
    assert_eq!(persons.num(budi, "Hari Kerja"), 3.0);
}
