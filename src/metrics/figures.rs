//! The figures of one monthly report, as plain structs: what `metrics` produces and what
//! `render` (XLSX, PDF, terminal) consumes. Rates are fractions (0.942 = 94,2%), scores and
//! capaian are points (capaian 104.5 = 104,5%). `None` means "no data" (shown blank or `–`).

use chrono::{NaiveDate, NaiveDateTime};

use crate::ground::model::{Issue, YearMonth};

/// Letterhead and signature, copied from the settings so the renderers need nothing else.
#[derive(Clone, Debug, Default)]
pub struct Letterhead {
    pub pemerintah: String,
    pub perangkat: String,
    pub bagian: String,
    pub alamat: String,
    pub kota: String,
    pub penandatangan_jabatan: String,
    pub penandatangan_nama: String,
    pub penandatangan_pangkat: String,
    pub penandatangan_nip: String,
    /// True while the signer is still the embedded placeholder: the PDF says so visibly.
    pub penandatangan_placeholder: bool,
}

/// Attendance sums shared by the person, unit, unit-type and city levels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attendance {
    pub hari_kerja: u64,
    pub hadir: u64,
    pub sakit: u64,
    pub izin: u64,
    pub cuti: u64,
    pub tk: u64,
    pub menit_terlambat: u64,
    /// The clock-time figures of SPEC §3.9 (all zero for data without clock times).
    pub jam: ClockSums,
}

impl Attendance {
    /// hadir / hari_kerja; `None` when there are no working-day records.
    pub fn tingkat_kehadiran(&self) -> Option<f64> {
        (self.hari_kerja > 0).then(|| self.hadir as f64 / self.hari_kerja as f64)
    }

    /// Menit terlambat + menit pulang cepat: what ranks units on the PDF's discipline page.
    pub fn menit_tl_psw(&self) -> u64 {
        self.menit_terlambat.saturating_add(self.jam.menit_pulang_cepat)
    }
}

/// Clock-time sums (SPEC §3.9 "Output"): minutes left early, days per TL and PSW band, and the
/// days judged by the clock (code H, TL or PSW, derived or coded) with those on time (H).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClockSums {
    pub menit_pulang_cepat: u64,
    /// Days in TL band 1–4 (`tl[0]` is TL1).
    pub tl: [u64; 4],
    /// Days in PSW band 1–4 (`psw[0]` is PSW1).
    pub psw: [u64; 4],
    /// Days judged by the clock: code H, TL or PSW (DL/DD excluded).
    pub dinilai_jam: u64,
    /// Of those, days neither TL nor PSW (code H).
    pub tepat: u64,
}

impl ClockSums {
    /// `Tepat Waktu`: on-time days / days judged by the clock; `None` when there are none.
    pub fn tepat_waktu(&self) -> Option<f64> {
        (self.dinilai_jam > 0).then(|| self.tepat as f64 / self.dinilai_jam as f64)
    }
}

/// `Status Laporan` of a unit for the month.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum StatusLaporan {
    Lengkap,
    Sebagian,
    Belum,
}

impl StatusLaporan {
    pub fn label(self) -> &'static str {
        match self {
            Self::Lengkap => "Lengkap",
            Self::Sebagian => "Sebagian",
            Self::Belum => "Belum",
        }
    }
}

/// One row of the `Unit` sheet: every configured unit, reporting or not, in config order.
#[derive(Clone, Debug)]
pub struct UnitRow {
    pub kode: String,
    pub nama: String,
    pub jenis: String,
    pub status: StatusLaporan,
    pub ada_kehadiran: bool,
    pub ada_penilaian: bool,
    /// Distinct persons with attendance records.
    pub pegawai: u64,
    pub att: Attendance,
    pub pegawai_dinilai: u64,
    /// Mean over persons of the uncapped capaian, in points.
    pub rata_rata_capaian: Option<f64>,
    pub rata_rata_nilai_kinerja: Option<f64>,
    /// Standard competition ranking (1, 2, 2, 4); `None` for units without data.
    pub peringkat_kehadiran: Option<u32>,
    pub peringkat_kinerja: Option<u32>,
    /// Coverage against the roster (`Daftar Pegawai`), when one lists this unit's staff.
    pub cakupan: Option<Coverage>,
    /// `Jadwal`: the `nama` of the schedule that judges the unit (`Bawaan` for the default).
    pub jadwal: String,
}

/// Staff expected (the roster) and, of them, those with attendance records in the month.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub terdaftar: u64,
    pub tercatat: u64,
}

impl Coverage {
    pub fn rate(&self) -> Option<f64> {
        (self.terdaftar > 0).then(|| self.tercatat as f64 / self.terdaftar as f64)
    }
}

/// One row of `Jenis Unit`; the city total uses the same struct with `jenis = "Kota"`.
#[derive(Clone, Debug)]
pub struct TypeRow {
    pub jenis: String,
    pub unit: u64,
    pub unit_melapor: u64,
    pub pegawai: u64,
    pub att: Attendance,
    pub pegawai_dinilai: u64,
    pub rata_rata_capaian: Option<f64>,
    pub rata_rata_nilai_kinerja: Option<f64>,
}

/// One row of `Pegawai`: a person with attendance or evaluation records in the month.
#[derive(Clone, Debug)]
pub struct PersonRow {
    /// 18-digit NIP, or empty (non-ASN staff identified by name; a NIK is never shown).
    pub nip: String,
    pub nama: String,
    pub kode_unit: String,
    pub nama_unit: String,
    pub att: Attendance,
    /// Points (uncapped).
    pub capaian: Option<f64>,
    pub nilai_perilaku: Option<f64>,
    pub nilai_kinerja: Option<f64>,
    pub predikat: Option<String>,
    pub tk_kumulatif: u64,
    pub tk_berturut: u64,
    /// Empty below the first tier; always starts with `Ringan`, `Sedang` or `Berat`.
    pub status_disiplin: String,
}

/// One row of `Kegiatan`: activity participation (kegiatan other than work attendance).
#[derive(Clone, Debug)]
pub struct KegiatanRow {
    pub kegiatan: String,
    pub kelompok: String,
    pub kode_unit: String,
    pub nama_unit: String,
    /// Distinct dates.
    pub pertemuan: u64,
    /// Distinct persons.
    pub peserta: u64,
    /// Records.
    pub catatan: u64,
    pub hadir: u64,
}

impl KegiatanRow {
    pub fn tingkat_kehadiran(&self) -> Option<f64> {
        (self.catatan > 0).then(|| self.hadir as f64 / self.catatan as f64)
    }
}

/// The city figures of one month: the `Ringkasan` values and one `Tren` row.
#[derive(Clone, Debug, Default)]
pub struct CityFigures {
    pub month: Option<YearMonth>,
    pub unit_total: u64,
    pub unit_melapor: u64,
    /// `Pegawai tercatat`: distinct persons with attendance records.
    pub pegawai: u64,
    pub att: Attendance,
    pub pegawai_dinilai: u64,
    pub rata_rata_capaian: Option<f64>,
    pub rata_rata_nilai_kinerja: Option<f64>,
    /// Count per predikat, in the configured band order, then the PermenPAN-RB labels
    /// that occur; every configured band is listed, with 0 where nobody has it.
    pub predikat: Vec<(String, u64)>,
}

/// One row of `Berkas`: a file and sheet that contributed to the month, or was skipped.
#[derive(Clone, Debug, Default)]
pub struct FileRow {
    /// Path relative to the input folder.
    pub berkas: String,
    /// Sheet name; empty when the whole file was skipped.
    pub lembar: String,
    /// `Kehadiran`, `Penilaian`, `Daftar Pegawai`, or `-` when skipped.
    pub jenis: String,
    /// `long`, `matrix`, or `-`.
    pub tata_letak: String,
    pub dibaca: u64,
    pub diterima: u64,
    pub ditolak: u64,
    pub duplikat: u64,
    pub direvisi: u64,
    /// Why it was skipped, or other remarks (unit, month found).
    pub catatan: String,
    /// True when the file or sheet was skipped (not read).
    pub dilewati: bool,
}

/// Everything one monthly report shows.
#[derive(Clone, Debug)]
pub struct MonthReport {
    pub month: YearMonth,
    pub generated_at: NaiveDateTime,
    /// The date printed above the signature: the month's last day.
    pub tanggal_laporan: NaiveDate,
    pub letterhead: Letterhead,
    pub city: CityFigures,
    /// The previous month's city figures, when it has data.
    pub previous: Option<CityFigures>,
    /// Every configured unit, in configuration order.
    pub units: Vec<UnitRow>,
    /// One row per configured unit type (in first-seen config order), then `Kota`.
    pub types: Vec<TypeRow>,
    pub persons: Vec<PersonRow>,
    pub kegiatan: Vec<KegiatanRow>,
    /// Up to 12 months ending with the report month, oldest first, months with data only.
    pub trend: Vec<CityFigures>,
    pub files: Vec<FileRow>,
    /// Rejections and warnings that concern this month (or no month in particular).
    pub issues: Vec<Issue>,
}

impl MonthReport {
    /// Units that are not `Lengkap`, in configuration order (the `Belum Melapor` sheet).
    pub fn belum_melapor(&self) -> impl Iterator<Item = &UnitRow> {
        self.units.iter().filter(|u| u.status != StatusLaporan::Lengkap)
    }

    /// Units ordered by `Peringkat Kehadiran` (unranked last, config order within ties).
    pub fn units_by_kehadiran(&self) -> Vec<&UnitRow> {
        let mut v: Vec<&UnitRow> = self.units.iter().collect();
        v.sort_by_key(|u| u.peringkat_kehadiran.unwrap_or(u32::MAX));
        v
    }
}
