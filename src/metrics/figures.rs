//! The figures of one monthly report, as plain structs: what `metrics` produces and what
//! `render` (XLSX, PDF, terminal) consumes. Rates are fractions (0.942 = 94,2%), scores and
//! capaian are points (capaian 104.5 = 104,5%). `None` means "no data" (shown blank or `–`).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// The city figures of one month: the `Ringkasan` values and one `Tren` row (also kept in the
/// month memory of the nightly run, for the later months' comparison and trend).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
    /// The Kelompok Budaya Kerja figures (SPEC §11.2).
    pub kbk: KbkReport,
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

/// `Status` of a KBK group as of the report month's last day (SPEC §11.2): the first that
/// holds, in this order.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KbkStatus {
    /// Step 8 finished.
    Selesai,
    /// No meeting and no step started.
    BelumMulai,
    /// No meeting in the last `bulan_tidak_aktif` months (the report month included).
    TidakAktif,
    /// A step whose planned end has passed is unfinished.
    Terlambat,
    Berjalan,
}

impl KbkStatus {
    pub const ALL: [KbkStatus; 5] =
        [Self::Selesai, Self::BelumMulai, Self::TidakAktif, Self::Terlambat, Self::Berjalan];

    pub fn label(self) -> &'static str {
        match self {
            Self::Selesai => "Selesai",
            Self::BelumMulai => "Belum mulai",
            Self::TidakAktif => "Tidak aktif",
            Self::Terlambat => "Terlambat",
            Self::Berjalan => "Berjalan",
        }
    }

    /// Position in `ALL` (the index of `KbkUnitRow::per_status`).
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// One step of a group as of the report date: a cell of `KBK Langkah`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum StepState {
    /// Finished on this date.
    Selesai(NaiveDate),
    /// Started, not finished, planned end not passed (or not planned).
    Berjalan,
    /// Planned end passed, not finished.
    Terlambat,
    /// Not started and not late.
    Kosong,
}

/// One row of the `KBK` sheet: a group with its §11.2 figures as of the report month.
#[derive(Clone, Debug)]
pub struct KbkGroupRow {
    pub kode_unit: String,
    pub nama_unit: String,
    /// The name as defined (`Melati`).
    pub kelompok: String,
    pub no_sk: String,
    /// The ketua's name; empty when the group has none.
    pub ketua: String,
    pub fasilitator: String,
    pub tema: String,
    /// Members, fasilitator excluded.
    pub anggota: u64,
    pub pertemuan_bulan: u64,
    /// Meetings from January through the report month.
    pub pertemuan_tahun: u64,
    /// `pertemuan_per_bulan` × the group's months so far this year.
    pub pertemuan_target: u64,
    /// Present member-records / member-records at its meetings, pooled, year to date.
    pub kehadiran_anggota: Option<f64>,
    /// The same over the report month only (written to `data/`).
    pub kehadiran_bulan: Option<f64>,
    /// Highest step finished (1–8); `None` when none is.
    pub langkah_terakhir: Option<u8>,
    /// Finished steps / 8.
    pub kemajuan: f64,
    /// Finished on or before plan / finished; `None` when none is finished.
    pub tepat_waktu: Option<f64>,
    /// (last nilai − nilai_awal) / (target − nilai_awal), capped to 0–1.5; a fraction.
    pub ketercapaian: Option<f64>,
    pub status: KbkStatus,
    /// Met in the last `bulan_tidak_aktif` months.
    pub aktif: bool,
    /// The eight steps as of the report date (`KBK Langkah`).
    pub langkah: [StepState; 8],
    /// The composite of `[kbk] peringkat` (a fraction): a ranking aid, not a verdict.
    pub skor_komposit: f64,
    /// Standard competition ranking by `skor_komposit` over the city's groups.
    pub peringkat_komposit: Option<u32>,
}

/// One row of `KBK Unit`: every configured unit, with or without groups.
#[derive(Clone, Debug)]
pub struct KbkUnitRow {
    pub kode: String,
    pub nama: String,
    pub jenis: String,
    pub kelompok: u64,
    pub kelompok_aktif: u64,
    /// Distinct members over the unit's groups (fasilitator excluded).
    pub anggota: u64,
    /// The unit's staff: its roster, else its persons with attendance records in the month.
    pub pegawai: u64,
    /// anggota / pegawai; `None` without staff figures.
    pub cakupan: Option<f64>,
    /// Groups per status, indexed by `KbkStatus::index`.
    pub per_status: [u64; 5],
}

/// The city's KBK figures (SPEC §11.2): the unit figures pooled.
#[derive(Clone, Debug, Default)]
pub struct KbkCity {
    pub kelompok: u64,
    pub kelompok_aktif: u64,
    pub unit_total: u64,
    /// Units with at least one group.
    pub unit_berkelompok: u64,
    pub anggota: u64,
    pub pegawai: u64,
    pub cakupan: Option<f64>,
    /// Pooled over the groups' member-records, year to date.
    pub kehadiran_anggota: Option<f64>,
    pub per_status: [u64; 5],
    /// Groups per current step: index 0 = no step finished, 1–8 = `langkah_terakhir`.
    pub per_langkah: [u64; 9],
}

/// One group's weighted juri score in one contest category (`[[kbk.penilaian]]`).
#[derive(Clone, Debug)]
pub struct KbkContestRow {
    /// Empty when the sheet gives no category.
    pub kategori: String,
    pub kode_unit: String,
    pub kelompok: String,
    /// Σ bobot × mean juri score / Σ bobot of the criteria scored, 0–100.
    pub skor: f64,
    /// Criteria configured but not scored for this group (named so the panel can finish).
    pub kriteria_kosong: Vec<String>,
    /// Standard competition ranking within the category.
    pub peringkat: u32,
}

/// The KBK part of a monthly report (SPEC §11.3).
#[derive(Clone, Debug, Default)]
pub struct KbkReport {
    /// KBK data exist for the report year: the `KBK` and `KBK Langkah` sheets and the PDF
    /// page are written only then.
    pub ada_data: bool,
    /// Groups in configuration unit order, then by name.
    pub groups: Vec<KbkGroupRow>,
    /// Every configured unit, in configuration order.
    pub units: Vec<KbkUnitRow>,
    pub city: KbkCity,
    /// Juri scores, by category then rank; empty without `[[kbk.penilaian]]` scores.
    pub contest: Vec<KbkContestRow>,
    /// `[kbk] bulan_tidak_aktif`: the months without a meeting that make a group inactive.
    pub bulan_tidak_aktif: u32,
}

impl KbkReport {
    /// Units without any group, in configuration order.
    pub fn units_without_group(&self) -> impl Iterator<Item = &KbkUnitRow> {
        self.units.iter().filter(|u| u.kelompok == 0)
    }

    /// Groups by `peringkat_komposit` (best first; unranked last).
    pub fn groups_by_rank(&self) -> Vec<&KbkGroupRow> {
        let mut v: Vec<&KbkGroupRow> = self.groups.iter().collect();
        v.sort_by_key(|g| g.peringkat_komposit.unwrap_or(u32::MAX));
        v
    }
}

/// One member of a group as the risalah lists them.
#[derive(Clone, Debug)]
pub struct RisalahMember {
    pub nama: String,
    /// 18-digit NIP or empty.
    pub nip: String,
    pub peran: String,
}

/// One meeting in the risalah's log.
#[derive(Clone, Debug)]
pub struct RisalahMeeting {
    pub ke: Option<u32>,
    pub tanggal: NaiveDate,
    pub durasi: Option<u32>,
    pub langkah: Option<u8>,
    pub agenda: String,
    pub hasil: String,
    /// Members present / members recorded at this meeting; `None` without a daftar hadir.
    pub hadir: Option<(u64, u64)>,
}

/// One step of the risalah's Gantt: planned and actual dates.
#[derive(Clone, Debug, Default)]
pub struct RisalahStep {
    /// 1–8.
    pub langkah: u8,
    pub rencana_mulai: Option<NaiveDate>,
    pub rencana_selesai: Option<NaiveDate>,
    pub realisasi_mulai: Option<NaiveDate>,
    pub realisasi_selesai: Option<NaiveDate>,
    pub keterangan: String,
}

/// One measurement of the indikator.
#[derive(Clone, Debug)]
pub struct RisalahResult {
    pub tanggal: NaiveDate,
    pub nilai: f64,
    pub manfaat: String,
}

/// Everything a group's risalah shows (SPEC §11.3), as of `per_tanggal`.
#[derive(Clone, Debug)]
pub struct Risalah {
    pub letterhead: Letterhead,
    pub generated_at: NaiveDateTime,
    /// The report month's last day: what "as of" means for every figure.
    pub per_tanggal: NaiveDate,
    pub row: KbkGroupRow,
    pub jenis_unit: String,
    pub tanggal_sk: Option<NaiveDate>,
    pub indikator: String,
    pub satuan: String,
    pub nilai_awal: Option<f64>,
    pub target: Option<f64>,
    pub tanggal_mulai: Option<NaiveDate>,
    pub tanggal_selesai: Option<NaiveDate>,
    /// Ketua first, then sekretaris, then anggota, each by name; the fasilitator apart.
    pub members: Vec<RisalahMember>,
    /// All meetings of the group up to `per_tanggal`, by date.
    pub meetings: Vec<RisalahMeeting>,
    /// Steps 1–8 (a step without a row has no dates).
    pub steps: Vec<RisalahStep>,
    /// Measurements up to `per_tanggal`, by date.
    pub results: Vec<RisalahResult>,
    /// Mean duration of the meetings with one, in minutes.
    pub rata_rata_durasi: Option<f64>,
}
