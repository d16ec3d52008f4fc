//! Issue 19: clap speaks Indonesian. Usage errors, help and version of the real binary: the
//! exit status (SPEC §2: 2 for a usage error, 0 for help and version), the Indonesian
//! message naming the offending argument, and none of clap's English.

use crate::common::{Project, Run};

/// clap's English, matched without regard to case.
const ENGLISH: &[&str] = &[
    "error:",
    "usage:",
    "for more information",
    "unexpected",
    "required",
    "invalid value",
    "options:",
    "commands:",
    "arguments:",
    "print help",
    "print version",
    "[default:",
    "possible values",
    "[options]",
    "<command>",
    "tip:",
    "similar",
    "supplied",
    "cannot be used",
];

/// Runs `args` and checks the status, the stream the text goes to (stdout for status 0,
/// stderr otherwise, the other one empty), the expected phrases and the absence of English.
fn check(p: &Project, args: &[&str], code: i32, phrases: &[&str]) -> Run {
    let run = p.run(args);
    let (text, other) = if code == 0 { (&run.stdout, &run.stderr) } else { (&run.stderr, &run.stdout) };
    assert_eq!(run.code, code, "{args:?}: {run:?}");
    assert!(other.is_empty(), "{args:?}: the other stream: {run:?}");
    for phrase in phrases {
        assert!(text.contains(phrase), "{args:?}: no {phrase:?} in\n{text}");
    }
    let lower = text.to_lowercase();
    for english in ENGLISH {
        assert!(!lower.contains(english), "{args:?}: English {english:?} in\n{text}");
    }
    run
}

#[test]
fn usage_errors_are_indonesian_and_exit_2() {
    let p = Project::new("cli-id-errors");
    #[rustfmt::skip]
    let cases: &[(&[&str], &[&str])] = &[
        (&["report", "--month"], &[
            "kesalahan: opsi --month <YYYY-MM> perlu diberi nilai\n\n\
             Penggunaan: budaya-kerja report [OPSI]\nBantuan: budaya-kerja report --help\n"]),
        (&["report", "--month", "13"], &[
            "kesalahan: opsi --month <YYYY-MM>: bulan \"13\" tidak valid: tulis sebagai YYYY-MM"]),
        (&["laporan", "--bogus"], &[
            "kesalahan: opsi --bogus tidak dikenal\n",
            "Penggunaan: budaya-kerja laporan [OPSI]", "Bantuan: budaya-kerja laporan --help"]),
        (&["report", "--mont", "2026-11"], &["opsi --mont tidak dikenal; mungkin maksudnya --month"]),
        (&["--month", "2026-11", "report"], &[
            "opsi --month tidak dikenal; tulis setelah nama perintah, misalnya budaya-kerja report --month"]),
        (&["report", "extra"], &["argumen extra tidak dikenal"]),
        (&["report", "--wait", "abc"], &["opsi --wait <DETIK>: \"abc\" bukan jumlah detik"]),
        (&["report", "--month", "2026-11", "--month", "2026-12"], &[
            "opsi --month <YYYY-MM> hanya boleh diberikan sekali"]),
        (&["template"], &[
            "kesalahan: opsi --month <YYYY-MM> wajib diberikan",
            "Penggunaan: budaya-kerja template [OPSI] --month <YYYY-MM>"]),
        (&["templat", "--month", "2026-11", "--layout", "foo"], &[
            "nilai \"foo\" tidak valid untuk opsi --layout <TATA_LETAK>; pilihan: matrix, long, jam",
            "Bantuan: budaya-kerja templat --help"]),
        (&["template", "--month", "2026-11", "--kind"], &[
            "opsi --kind <JENIS> perlu diberi nilai; pilihan: kehadiran, penilaian, kbk"]),
        (&["frobnicate"], &[
            "kesalahan: perintah frobnicate tidak dikenal; pilih salah satu: report (laporan), check (periksa), \
             template (templat), risalah, config, completions",
            "Penggunaan: budaya-kerja [OPSI] <PERINTAH>", "Bantuan: budaya-kerja --help"]),
        (&["repor"], &["perintah repor tidak dikenal; mungkin maksudnya report"]),
        (&["lapran"], &["perintah lapran tidak dikenal; mungkin maksudnya laporan"]),
        (&["help"], &["perintah help tidak dikenal", "Bantuan: budaya-kerja --help"]),
        (&["-q"], &["perintah belum diberikan; pilih salah satu: report (laporan)"]),
        (&["--input"], &["opsi --input <FOLDER> perlu diberi nilai"]),
        (&["risalah", "--unit", "X"], &[
            "opsi --kelompok <NAMA> belum diberikan, padahal opsi lain yang dipakai membutuhkannya",
            "Penggunaan: budaya-kerja risalah [OPSI]"]),
        (&["risalah", "--kelompok", "A", "--semua"], &[
            "opsi --kelompok <NAMA> tidak boleh dipakai bersama opsi --semua"]),
        (&["completions", "nosh"], &[
            "nilai \"nosh\" tidak valid untuk argumen <SHELL>; pilihan: bash, elvish, fish, powershell, zsh; \
             mungkin maksudnya zsh",
            "Penggunaan: budaya-kerja completions [OPSI] <SHELL>"]),
        (&["completions"], &["argumen <SHELL> wajib diberikan"]),
        (&["-q", "-v", "report"], &["opsi --quiet tidak boleh dipakai bersama opsi --verbose"]),
        (&["--input", "x", "laporan", "--bogus"], &["Penggunaan: budaya-kerja laporan [OPSI]"]),
    ];
    for (args, phrases) in cases {
        let run = check(&p, args, 2, phrases);
        assert!(run.stderr.starts_with("kesalahan: "), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn a_bare_command_line_shows_the_help_and_exits_2() {
    let p = Project::new("cli-id-bare");
    check(&p, &[], 2, &["Penggunaan: budaya-kerja [OPSI] <PERINTAH>", "Perintah:", "Opsi umum:"]);
}

#[test]
fn help_of_every_command_is_indonesian() {
    let p = Project::new("cli-id-help");
    let common = ["Opsi umum:", "--input <FOLDER>", "[bawaan: input]", "-h, --help", "Tampilkan bantuan"];
    for flag in ["-h", "--help"] {
        let run = check(&p, &[flag], 0, &common);
        assert!(run.stdout.contains("Penggunaan: budaya-kerja [OPSI] <PERINTAH>\n"), "{}", run.stdout);
        assert!(run.stdout.contains("Perintah:\n  report") && run.stdout.contains("Tampilkan versi"));
        #[rustfmt::skip]
        let commands: &[(&str, &[&str])] = &[
            ("report", &["Penggunaan: budaya-kerja report [OPSI]\n", "Opsi:", "[bawaan: 0]"]),
            ("laporan", &["Penggunaan: budaya-kerja report [OPSI]\n"]),
            ("check", &["Penggunaan: budaya-kerja check [OPSI] [BERKAS]...\n", "Argumen:\n  [BERKAS]..."]),
            ("template", &["Penggunaan: budaya-kerja template [OPSI] --month <YYYY-MM>\n", "[bawaan: matrix]"]),
            ("risalah", &["Penggunaan: budaya-kerja risalah [OPSI]\n", "--semua"]),
            ("config", &["Penggunaan: budaya-kerja config [OPSI]\n", "--default"]),
            ("completions", &[
                "Penggunaan: budaya-kerja completions [OPSI] <SHELL>\n",
                "Argumen:\n  <SHELL>  Shell yang memakai skrip ini [nilai: bash, elvish, fish, powershell, zsh]"]),
        ];
        for (command, phrases) in commands {
            check(&p, &[command, flag], 0, phrases);
        }
        // Every command, a new one too: its usage line and the common options.
        for command in budaya_kerja::cli::command().get_subcommands() {
            let name = command.get_name();
            let run = check(&p, &[name, flag], 0, &common);
            let usage = format!("\nPenggunaan: budaya-kerja {name}");
            assert!(run.stdout.contains(&usage), "{name} {flag}: {}", run.stdout);
        }
    }
}

#[test]
fn choices_are_listed_in_indonesian() {
    let p = Project::new("cli-id-choices");
    // -h: one line per option, the choices in brackets.
    check(
        &p,
        &["template", "-h"],
        0,
        &[
            "Jenis templat; tanpa ini: keduanya [nilai: kehadiran, penilaian, kbk]",
            "Tata letak templat kehadiran [bawaan: matrix] [nilai: matrix, long, jam]",
        ],
    );
    // --help: the choices that explain themselves, one per line.
    check(
        &p,
        &["template", "--help"],
        0,
        &[
            "Nilai:\n",
            "- matrix: Satu baris per pegawai, satu kolom per tanggal (rekap absensi)\n",
            "- long:   Satu baris per pegawai per hari\n",
            "- kbk:       Buku kerja Kelompok Budaya Kerja",
            "[bawaan: matrix]",
        ],
    );
}

#[test]
fn version_exits_0() {
    let p = Project::new("cli-id-version");
    let version = format!("budaya-kerja {}\n", env!("CARGO_PKG_VERSION"));
    for flag in ["-V", "--version"] {
        check(&p, &[flag], 0, &[&version]);
    }
}

#[test]
fn config_without_default_is_a_failure_not_a_usage_error() {
    let p = Project::new("cli-id-config");
    check(&p, &["config"], 1, &["budaya-kerja: GAGAL: pakai `budaya-kerja config --default`"]);
}

#[test]
fn completions_still_complete_the_choices() {
    let p = Project::new("cli-id-completions");
    // A script, not a text for the operator: only its choices are checked.
    let run = p.run(&["completions", "bash"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("matrix long jam"), "the --layout choices: {}", run.stdout);
}
