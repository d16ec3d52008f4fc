//! The command line as the user types it (SPEC §2): clap structs only, no behaviour.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

use crate::ground::model::YearMonth;

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
    #[arg(long, default_value_t = 0, value_name = "DETIK")]
    pub wait: u64,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Opsi")]
pub struct CheckArgs {
    /// Berkas atau folder yang diperiksa (bawaan: seluruh folder input)
    #[arg(value_name = "PATH")]
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
    #[arg(long, value_enum)]
    pub kind: Option<TemplateKind>,

    /// Tata letak templat kehadiran
    #[arg(long, value_enum, default_value_t = TemplateLayout::Matrix)]
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

/// A `--month` value that is not a month.
#[derive(Debug, thiserror::Error)]
#[error("bulan \"{0}\" tidak valid: tulis sebagai YYYY-MM, misalnya 2026-11 (tahun 2000–2099)")]
pub struct BadMonth(String);

/// `YYYY-MM` within 2000..2099.
pub fn parse_month(s: &str) -> Result<YearMonth, BadMonth> {
    YearMonth::parse(s).ok_or_else(|| BadMonth(s.to_string()))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn aliases_and_month() {
        let cli = Cli::try_parse_from(["budaya-kerja", "laporan", "--month", "2026-11"]).unwrap();
        let Command::Report(args) = cli.command else { panic!("not report") };
        assert_eq!(args.month, YearMonth::new(2026, 11));
        assert!(Cli::try_parse_from(["budaya-kerja", "periksa"]).is_ok());
        assert!(Cli::try_parse_from(["budaya-kerja", "report", "--month", "2026-13"]).is_err());
    }
}
