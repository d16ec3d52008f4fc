//! The command line as the user types it (SPEC §2): the clap structs, and every text clap
//! shows the operator in Indonesian. clap's own words are English: `command()` replaces those
//! it prints in help (defaults, choices, `[OPTIONS]`, the `Arguments` heading), and `parse_from`
//! writes usage errors itself from the error's kind and context, never clap's message.

use std::error::Error as _;
use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::ground::model::YearMonth;

/// The binary's name, as usage lines and hints print it.
const BIN: &str = "budaya-kerja";

#[derive(Debug, Parser)]
#[command(
    name = "budaya-kerja",
    bin_name = "budaya-kerja",
    version,
    about = "Laporan bulanan budaya kerja dan kinerja aparatur — Bagian Organisasi, Pemerintah Kota Mojokerto",
    long_about = "Membaca berkas kehadiran dan penilaian kinerja dari folder input/, memeriksanya, \
                  lalu menulis laporan XLSX untuk staf dan PDF untuk Wali Kota di folder output/.",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    help_template = HELP,
    subcommand_help_heading = "Perintah",
    subcommand_value_name = "PERINTAH"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub common: Common,

    /// Tampilkan bantuan
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,

    /// Tampilkan versi
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

/// The help layout, with Indonesian headings.
const HELP: &str = "{about-with-newline}\nPenggunaan: {usage}\n\n{all-args}{after-help}";

/// Options every subcommand accepts.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Opsi umum")]
pub struct Common {
    /// Folder berkas masukan (dibaca saja, tidak pernah diubah)
    #[arg(long, global = true, default_value = "input", value_name = "FOLDER")]
    pub input: PathBuf,

    /// Folder hasil laporan
    #[arg(long, global = true, default_value = "output", value_name = "FOLDER")]
    pub output: PathBuf,

    /// Berkas konfigurasi (bawaan: budaya-kerja.toml bila ada, selain itu konfigurasi Kota Mojokerto)
    #[arg(long, global = true, value_name = "BERKAS")]
    pub config: Option<PathBuf>,

    /// Hanya tampilkan kesalahan
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Tampilkan rincian setiap langkah
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Baca input/ dan tulis laporan bulanan ke output/
    #[command(visible_alias = "laporan", help_template = HELP, disable_help_flag = true)]
    Report(ReportArgs),

    /// Periksa berkas tanpa menulis laporan
    #[command(visible_alias = "periksa", help_template = HELP, disable_help_flag = true)]
    Check(CheckArgs),

    /// Tulis templat isian (XLSX) untuk unit kerja
    #[command(visible_alias = "templat", help_template = HELP, disable_help_flag = true)]
    Template(TemplateArgs),

    /// Tulis risalah Kelompok Budaya Kerja (PDF) dari data input/
    #[command(help_template = HELP, disable_help_flag = true)]
    Risalah(RisalahArgs),

    /// Cetak konfigurasi
    #[command(help_template = HELP, disable_help_flag = true)]
    Config(ConfigArgs),

    /// Cetak skrip pelengkapan perintah untuk shell
    #[command(help_template = HELP, disable_help_flag = true)]
    Completions {
        /// Shell yang memakai skrip ini
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Opsi")]
pub struct ReportArgs {
    /// Bulan laporan (YYYY-MM), selalu ditulis ulang. Tanpa ini: setiap bulan yang masukannya
    /// berubah sejak laporan terakhir (mode malam hari)
    #[arg(long, value_parser = parse_month, value_name = "YYYY-MM")]
    pub month: Option<YearMonth>,

    /// Bila proses lain sedang berjalan, tunggu paling lama sekian detik (lalu keluar dengan kode 75)
    #[arg(long, default_value_t = 0, value_parser = parse_seconds, value_name = "DETIK")]
    pub wait: u64,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Opsi")]
pub struct CheckArgs {
    /// Berkas atau folder yang diperiksa (bawaan: seluruh folder input)
    #[arg(value_name = "BERKAS")]
    pub paths: Vec<PathBuf>,

    /// Tampilkan juga unit yang sudah dan belum melapor untuk bulan ini (YYYY-MM)
    #[arg(long, value_parser = parse_month, value_name = "YYYY-MM")]
    pub month: Option<YearMonth>,
}

/// Which template to write.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TemplateKind {
    Kehadiran,
    Penilaian,
    /// Buku kerja Kelompok Budaya Kerja (kelompok, anggota, pertemuan, daftar hadir, langkah, hasil)
    Kbk,
}

/// The attendance template's layout.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TemplateLayout {
    /// Satu baris per pegawai, satu kolom per tanggal (rekap absensi)
    Matrix,
    /// Satu baris per pegawai per hari
    Long,
    /// Satu baris per pegawai per hari kerja: jam masuk dan jam pulang
    Jam,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Opsi")]
pub struct TemplateArgs {
    /// Bulan templat (YYYY-MM)
    #[arg(long, value_parser = parse_month, value_name = "YYYY-MM")]
    pub month: YearMonth,

    /// Kode unit (boleh diulang); tanpa ini: semua unit
    #[arg(long = "unit", value_name = "KODE")]
    pub units: Vec<String>,

    /// Jenis templat; tanpa ini: keduanya
    #[arg(long, value_enum, value_name = "JENIS")]
    pub kind: Option<TemplateKind>,

    /// Tata letak templat kehadiran
    #[arg(long, value_enum, default_value_t = TemplateLayout::Matrix, value_name = "TATA_LETAK")]
    pub layout: TemplateLayout,

    /// Folder tujuan (bawaan: output/templat/YYYY-MM)
    #[arg(long, value_name = "FOLDER")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Opsi")]
pub struct RisalahArgs {
    /// Nama kelompok (misalnya "Melati"); tanpa ini: risalah setiap kelompok
    #[arg(long, value_name = "NAMA", conflicts_with = "semua")]
    pub kelompok: Option<String>,

    /// Kode unit kelompok, bila nama kelompok dipakai lebih dari satu unit
    #[arg(long, value_name = "KODE", requires = "kelompok")]
    pub unit: Option<String>,

    /// Tulis risalah setiap kelompok
    #[arg(long)]
    pub semua: bool,

    /// Keadaan per akhir bulan ini (YYYY-MM); bawaan: bulan terakhir yang ada datanya
    #[arg(long, value_parser = parse_month, value_name = "YYYY-MM")]
    pub month: Option<YearMonth>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Opsi")]
pub struct ConfigArgs {
    /// Cetak konfigurasi bawaan, lengkap dengan komentar, sebagai titik awal budaya-kerja.toml
    #[arg(long)]
    pub default: bool,
}

/// A flag's value our own parsers reject, with the Indonesian message shown as it is.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadValue(String);

/// `YYYY-MM` within 2000..2099.
pub fn parse_month(s: &str) -> Result<YearMonth, BadValue> {
    YearMonth::parse(s).ok_or_else(|| {
        BadValue(format!(
            "bulan \"{s}\" tidak valid: tulis sebagai YYYY-MM, misalnya 2026-11 (tahun 2000–2099)"
        ))
    })
}

/// A number of seconds (`--wait`): clap's own integer parser would explain itself in English.
pub fn parse_seconds(s: &str) -> Result<u64, BadValue> {
    s.parse().map_err(|_| {
        BadValue(format!("\"{s}\" bukan jumlah detik: tulis bilangan bulat 0 atau lebih, misalnya 60"))
    })
}

// ---------------------------------------------------------------------------------------------
// Help in Indonesian: what clap would print in English around our own texts.

/// The command line, with clap's English replaced: defaults and choices as `[bawaan: …]` and
/// `[nilai: …]`, positionals under `Argumen`, and `[OPSI]` in every usage line.
pub fn command() -> clap::Command {
    let cmd = localize(Cli::command());
    // Usage lines are known once clap has built the command (global options propagated).
    let mut built = cmd.clone();
    built.build();
    built.get_subcommands().fold(cmd.override_usage(usage_line(&built)), |cmd, sub| {
        let usage = usage_line(sub);
        cmd.mut_subcommand(sub.get_name(), |sub| sub.override_usage(usage))
    })
}

/// clap's usage line for `cmd` without its `Usage:` title (`budaya-kerja report [OPSI]`).
fn usage_line(cmd: &clap::Command) -> String {
    let usage = cmd.clone().help_template("{usage}").render_help().to_string();
    usage.trim_end().replace("[OPTIONS]", "[OPSI]")
}

fn localize(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(localize_arg).mut_subcommands(localize)
}

/// One argument's heading, and the default and choices clap would print as `[default: …]`
/// and `[possible values: …]` (or a `Possible values:` list under `--help`).
fn localize_arg(arg: Arg) -> Arg {
    let heading = match (arg.is_positional(), arg.get_help_heading()) {
        (true, _) => Some("Argumen"),
        (false, None) => Some("Opsi"),
        (false, Some(_)) => None,
    };
    let arg = match heading {
        Some(heading) => arg.help_heading(heading),
        None => arg,
    };
    if !arg.get_action().takes_values() {
        return arg;
    }
    let values: Vec<PossibleValue> = arg
        .get_value_parser()
        .possible_values()
        .map(|values| values.filter(|v| !v.is_hide_set()).collect())
        .unwrap_or_default();
    let defaults: Vec<String> =
        arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if values.is_empty() && defaults.is_empty() {
        return arg;
    }
    let bawaan = (!defaults.is_empty()).then(|| format!("[bawaan: {}]", defaults.join(" ")));
    let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
    let nilai = (!names.is_empty()).then(|| format!("[nilai: {}]", names.join(", ")));
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let short = join([Some(help.clone()), bawaan.clone(), nilai.clone()], " ");
    // Choices that explain themselves are listed one per line under --help, as clap does.
    let long = if values.iter().any(|v| v.get_help().is_some()) {
        let base = arg.get_long_help().map_or(help, ToString::to_string);
        Some(join([Some(base), Some(format!("Nilai:\n{}", value_list(&values))), bawaan], "\n\n"))
    } else {
        arg.get_long_help().map(|long| join([Some(long.to_string()), bawaan, nilai], "\n\n"))
    };
    let arg = arg.hide_default_value(true).hide_possible_values(true).help(short);
    match long {
        Some(long) => arg.long_help(long),
        None => arg,
    }
}

/// `- matrix: Satu baris …`, one line per choice, the explanations aligned.
fn value_list(values: &[PossibleValue]) -> String {
    let width = values.iter().map(|v| v.get_name().len() + 1).max().unwrap_or(0);
    let line = |v: &PossibleValue| match v.get_help() {
        Some(help) => format!("- {:width$} {help}", format!("{}:", v.get_name())),
        None => format!("- {}", v.get_name()),
    };
    values.iter().map(line).collect::<Vec<_>>().join("\n")
}

fn join<const N: usize>(parts: [Option<String>; N], sep: &str) -> String {
    parts.into_iter().flatten().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(sep)
}

// ---------------------------------------------------------------------------------------------
// Usage errors in Indonesian: written from the error's kind and context, not clap's message.

/// Why there is no command to run: help or version was asked for (clap prints our Indonesian
/// help as it is), or the command line is wrong (our message).
#[derive(Debug)]
pub enum Stop {
    Shown(clap::Error),
    Usage(String),
}

impl Stop {
    /// Help and version go to stdout; usage errors, and the help shown for a bare
    /// `budaya-kerja`, to stderr.
    pub fn print(&self) {
        match self {
            Stop::Shown(e) => {
                let _ = e.print();
            }
            Stop::Usage(text) => eprint!("{text}"),
        }
    }

    /// SPEC §2: 0 for help and version, 2 for a usage error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Stop::Shown(e) if !e.use_stderr() => 0,
            _ => 2,
        }
    }
}

/// Parses the command line (`args` starts with the program name, like `std::env::args_os()`).
pub fn parse_from<T: Into<OsString>>(args: impl IntoIterator<Item = T>) -> Result<Cli, Stop> {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let mut cmd = command();
    let parsed = cmd.try_get_matches_from_mut(&args).and_then(|mut m| Cli::from_arg_matches_mut(&mut m));
    parsed.map_err(|e| match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Stop::Shown(e),
        _ => Stop::Usage(usage_error(&cmd, &args, &e)),
    })
}

/// `kesalahan: …`, then the usage line and where the help is, for the command typed.
fn usage_error(root: &clap::Command, args: &[OsString], e: &clap::Error) -> String {
    let typed = typed_subcommand(root, args);
    let (cmd, path, usage) = match typed {
        Some((sub, word)) => {
            let path = format!("{BIN} {word}");
            (sub, path.clone(), usage_line(sub).replacen(&format!("{BIN} {}", sub.get_name()), &path, 1))
        }
        None => (root, BIN.to_string(), usage_line(root)),
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => unknown_argument(root, e),
        ErrorKind::InvalidSubcommand | ErrorKind::MissingSubcommand => subcommand(root, e),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::NoEquals => bad_value(e),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => value_count(e),
        ErrorKind::MissingRequiredArgument => missing(cmd, e),
        ErrorKind::ArgumentConflict => conflict(e),
        ErrorKind::InvalidUtf8 => "argumen bukan teks UTF-8 yang sah".to_string(),
        _ => "baris perintah tidak dapat dibaca".to_string(),
    };
    format!("kesalahan: {message}\n\nPenggunaan: {usage}\nBantuan: {path} --help\n")
}

/// `--bogus`, `extra`: what clap did not expect, and the closest it knows.
fn unknown_argument(root: &clap::Command, e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let hint = match context(e, ContextKind::SuggestedArg) {
        Some(suggested) => format!("; mungkin maksudnya {suggested}"),
        None => match owner(root, &arg) {
            Some(sub) => format!("; tulis setelah nama perintah, misalnya {BIN} {sub} {arg}"),
            None => String::new(),
        },
    };
    format!("{} tidak dikenal{hint}", named(&arg))
}

/// The subcommand that has option `arg` (`--month` before `report`), if the root has not.
fn owner<'c>(root: &'c clap::Command, arg: &str) -> Option<&'c str> {
    let long = arg.strip_prefix("--")?.split('=').next()?;
    root.get_subcommands()
        .find(|sub| sub.get_arguments().any(|a| a.get_long() == Some(long)))
        .map(clap::Command::get_name)
}

/// `frobnicate`, or none at all: the commands there are.
fn subcommand(root: &clap::Command, e: &clap::Error) -> String {
    let choices = root
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .map(|sub| {
            let aliases: Vec<&str> = sub.get_visible_aliases().collect();
            if aliases.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{} ({})", sub.get_name(), aliases.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let typed =
        context(e, ContextKind::InvalidSubcommand).filter(|_| e.kind() == ErrorKind::InvalidSubcommand);
    match (typed, context(e, ContextKind::SuggestedSubcommand)) {
        (Some(typed), Some(suggested)) => {
            format!("perintah {typed} tidak dikenal; mungkin maksudnya {suggested}")
        }
        (Some(typed), None) => format!("perintah {typed} tidak dikenal; pilih salah satu: {choices}"),
        (None, _) => format!("perintah belum diberikan; pilih salah satu: {choices}"),
    }
}

/// A missing, wrong or rejected value. Our own parsers' messages (`BadValue`) are shown as
/// they are; a foreign parser's message would be English, so it is not.
fn bad_value(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let ours = e.source().and_then(|source| source.downcast_ref::<BadValue>());
    let mut text = match (e.kind(), ours, context(e, ContextKind::InvalidValue)) {
        (ErrorKind::NoEquals, ..) => {
            let flag = arg.split(' ').next().unwrap_or_default();
            format!("{} harus ditulis dengan tanda =, misalnya {flag}=NILAI", named(&arg))
        }
        (_, Some(ours), _) => format!("{}: {ours}", named(&arg)),
        (_, None, None) => format!("{} perlu diberi nilai", named(&arg)),
        (_, None, Some(value)) => format!("nilai \"{value}\" tidak valid untuk {}", named(&arg)),
    };
    if let Some(valid) = context(e, ContextKind::ValidValue) {
        text += &format!("; pilihan: {valid}");
    }
    if let Some(suggested) = context(e, ContextKind::SuggestedValue) {
        text += &format!("; mungkin maksudnya {suggested}");
    }
    text
}

/// Too many or too few values for one option.
fn value_count(e: &clap::Error) -> String {
    let arg = named(&context(e, ContextKind::InvalidArg).unwrap_or_default());
    let wanted = context(e, ContextKind::ExpectedNumValues)
        .or_else(|| context(e, ContextKind::MinValues).map(|n| format!("paling sedikit {n}")));
    match (context(e, ContextKind::InvalidValue), wanted, context(e, ContextKind::ActualNumValues)) {
        (Some(value), ..) => format!("nilai \"{value}\" berlebih untuk {arg}"),
        (None, Some(wanted), Some(given)) => format!("{arg} perlu {wanted} nilai, diberikan {given}"),
        _ => format!("jumlah nilai untuk {arg} tidak sesuai"),
    }
}

/// Required arguments not given: always required (`template --month`), or required by
/// another option given (`risalah --unit` needs `--kelompok`).
fn missing(cmd: &clap::Command, e: &clap::Error) -> String {
    let args = items(e, ContextKind::InvalidArg);
    let always =
        args.iter().all(|name| cmd.get_arguments().any(|a| a.is_required_set() && a.to_string() == *name));
    let args = args.iter().map(|a| named(a)).collect::<Vec<_>>().join(", ");
    if always {
        format!("{args} wajib diberikan")
    } else {
        format!("{args} belum diberikan, padahal opsi lain yang dipakai membutuhkannya")
    }
}

/// Two options that exclude each other, or one given twice.
fn conflict(e: &clap::Error) -> String {
    let prior = items(e, ContextKind::PriorArg);
    let others = if prior.is_empty() {
        "opsi lain yang dipakai".to_string()
    } else {
        prior.iter().map(|p| named(p)).collect::<Vec<_>>().join(", ")
    };
    match (context(e, ContextKind::InvalidArg), context(e, ContextKind::InvalidSubcommand)) {
        (Some(arg), _) if prior == [arg.clone()] => format!("{} hanya boleh diberikan sekali", named(&arg)),
        (Some(arg), _) => format!("{} tidak boleh dipakai bersama {others}", named(&arg)),
        (None, Some(sub)) => format!("perintah {sub} tidak boleh dipakai bersama {others}"),
        (None, None) => "argumen yang diberikan saling bertentangan".to_string(),
    }
}

/// `--month <YYYY-MM>` is an option; `<SHELL>` or `extra` an argument.
fn named(arg: &str) -> String {
    if arg.starts_with('-') { format!("opsi {arg}") } else { format!("argumen {arg}") }
}

/// One piece of the error's context as text (lists joined with `, `); none when empty.
fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    e.get(kind).map(ToString::to_string).filter(|s| !s.is_empty())
}

/// One piece of the error's context as a list.
fn items(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    }
}

/// The subcommand the operator typed (by name or alias), found as clap finds it: the first
/// word that is neither an option nor an option's value.
fn typed_subcommand<'c>(root: &'c clap::Command, args: &[OsString]) -> Option<(&'c clap::Command, String)> {
    let takes_value = |long: &str| {
        root.get_arguments().any(|a| a.get_long() == Some(long) && a.get_action().takes_values())
    };
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            return None;
        }
        if let Some(long) = word.strip_prefix("--") {
            if !long.contains('=') && takes_value(long) {
                words.next();
            }
        } else if !word.starts_with('-') {
            return root.find_subcommand(&*word).map(|sub| (sub, word.into_owned()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
        command().debug_assert();
    }

    #[test]
    fn aliases_and_month() {
        let cli = parse_from(["budaya-kerja", "laporan", "--month", "2026-11"]).unwrap();
        let Command::Report(args) = cli.command else { panic!("not report") };
        assert_eq!(args.month, YearMonth::new(2026, 11));
        assert!(parse_from(["budaya-kerja", "periksa"]).is_ok());
        assert!(matches!(parse_from(["budaya-kerja", "report", "--month", "2026-13"]), Err(Stop::Usage(_))));
    }

    #[test]
    fn the_typed_subcommand_skips_options_and_their_values() {
        let root = command();
        let typed = |args: &[&str]| {
            let args: Vec<OsString> = args.iter().map(OsString::from).collect();
            typed_subcommand(&root, &args).map(|(sub, word)| (sub.get_name().to_string(), word))
        };
        let sub = |name: &str, word: &str| Some((name.to_string(), word.to_string()));
        assert_eq!(typed(&["bk", "laporan", "--bogus"]), sub("report", "laporan"));
        assert_eq!(typed(&["bk", "--input", "report", "periksa"]), sub("check", "periksa"));
        assert_eq!(typed(&["bk", "--input=x", "-q", "template"]), sub("template", "template"));
        assert_eq!(typed(&["bk", "frobnicate", "report"]), None);
        assert_eq!(typed(&["bk", "--", "report"]), None);
    }
}
