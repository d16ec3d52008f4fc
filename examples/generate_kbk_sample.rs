//! Writes the Kelompok Budaya Kerja workbooks of the sample city (SPEC §11.1) into
//! `OUT/KBK/`: six groups in five units, one in each status as of 30 November 2026, with
//! members drawn from the same seeded staff as `generate_sample` (so their NIPs match the
//! attendance files), meetings, the eight steps planned and done, measurements of each
//! group's indikator, and a daftar hadir of the October and November meetings.
//!
//! ```text
//! cargo run --example generate_kbk_sample -- --out input
//! ```
//!
//! Four units send the template's layout (`Kelompok`, `Anggota`, `Pertemuan`, `Langkah`,
//! `Hasil`, `Daftar Hadir` sheets, real date cells, steps by number); the puskesmas sends its
//! own workbook: title rows, synonym headers (`Nama KBK`, `Judul`, `Baseline`, `Tahap`,
//! `Lama`), steps by name and dates written as text. Same arguments → the same files.
//!
//! | unit | group | status on 30 Nov 2026 |
//! | --- | --- | --- |
//! | BKPSDM | Melati | Selesai (step 8 done 19 Nov) |
//! | BKPSDM | Kenanga | Berjalan (step 4 under way, planned by 15 Dec) |
//! | DLH | Mawar | Tidak aktif (last met 20 Aug) |
//! | DISHUB | Anggrek | Terlambat (step 3 planned by 13 Nov, unfinished) |
//! | DISDIKBUD | Dahlia | Belum mulai (SK 26 Oct, starts 7 Dec) |
//! | PKM-KEDUNDUNG | Sehat Bersama | Berjalan (own layout) |

// Shared with `generate_sample`, which uses more of them than this file does.
#[allow(dead_code)]
#[path = "generate_sample/reference.rs"]
mod reference;
#[allow(dead_code)]
#[path = "generate_sample/rng.rs"]
mod rng;
#[allow(dead_code)]
#[path = "generate_sample/staff.rs"]
mod staff;

use std::error::Error;
use std::path::PathBuf;

use budaya_kerja::ground::kbk::LANGKAH;
use chrono::{Datelike, NaiveDate};
use clap::Parser;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use reference::Unit;
use staff::Person;

const UNITS_CSV: &str = include_str!("../data/units-mojokerto.csv");

type BoxError = Box<dyn Error + Send + Sync>;

#[derive(Parser)]
#[command(name = "generate_kbk_sample", about = "Write the sample city's KBK workbooks")]
struct Args {
    /// Output folder; files go to OUT/KBK/.
    #[arg(long, default_value = "input")]
    out: PathBuf,
    /// The seed `generate_sample` used (the members are its staff).
    #[arg(long, default_value_t = 2026)]
    seed: u64,
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default()
}

/// One group as the sample defines it.
struct Group {
    unit: &'static str,
    nama: &'static str,
    no_sk: &'static str,
    tanggal_sk: NaiveDate,
    tema: &'static str,
    indikator: &'static str,
    satuan: &'static str,
    awal: f64,
    target: f64,
    mulai: NaiveDate,
    selesai: NaiveDate,
    /// Indices into the unit's staff: ketua, sekretaris, anggota…
    members: &'static [usize],
    /// The staff index of the fasilitator (listed with the group, not a member).
    fasilitator: usize,
    meetings: &'static [(u32, u32)],
    /// Per step 1..: (rencana mulai, rencana selesai, realisasi mulai, realisasi selesai).
    steps: &'static [Step],
    results: &'static [((u32, u32), f64, &'static str)],
}

type Md = (u32, u32);
type Step = (Md, Md, Option<Md>, Option<Md>);

const GROUPS: [Group; 6] = [
    Group {
        unit: "BKPSDM",
        nama: "Melati",
        no_sk: "800/112/417.405/2026",
        tanggal_sk: NaiveDate::from_ymd_opt(2026, 2, 23).unwrap(),
        tema: "Percepatan layanan usul kenaikan pangkat",
        indikator: "Waktu proses usul kenaikan pangkat",
        satuan: "hari",
        awal: 14.0,
        target: 7.0,
        mulai: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        selesai: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        members: &[0, 1, 2, 3],
        fasilitator: 4,
        meetings: &[
            (3, 5),
            (3, 19),
            (4, 9),
            (4, 23),
            (5, 7),
            (5, 21),
            (6, 4),
            (6, 18),
            (7, 9),
            (7, 23),
            (8, 6),
            (8, 20),
            (9, 3),
            (9, 17),
            (10, 8),
            (10, 22),
            (11, 5),
            (11, 19),
        ],
        steps: &[
            ((3, 2), (3, 20), Some((3, 5)), Some((3, 19))),
            ((3, 23), (4, 17), Some((3, 23)), Some((4, 23))),
            ((4, 20), (5, 15), Some((4, 24)), Some((5, 21))),
            ((5, 18), (6, 12), Some((5, 22)), Some((6, 18))),
            ((6, 15), (8, 28), Some((6, 19)), Some((8, 20))),
            ((8, 31), (9, 30), Some((9, 1)), Some((9, 17))),
            ((10, 1), (10, 30), Some((10, 1)), Some((10, 22))),
            ((11, 2), (11, 27), Some((11, 2)), Some((11, 19))),
        ],
        results: &[
            ((6, 30), 11.0, "Usul diproses lewat aplikasi, tanpa berkas fisik"),
            ((9, 30), 8.0, "Hemat kertas ± Rp 1.200.000 per triwulan"),
            ((11, 27), 6.0, "Waktu proses rata-rata 6 hari"),
        ],
    },
    Group {
        unit: "BKPSDM",
        nama: "Kenanga",
        no_sk: "800/198/417.405/2026",
        tanggal_sk: NaiveDate::from_ymd_opt(2026, 8, 24).unwrap(),
        tema: "Arsip digital dokumen kepegawaian",
        indikator: "Dokumen kepegawaian terdigitalisasi",
        satuan: "%",
        awal: 20.0,
        target: 90.0,
        mulai: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        selesai: NaiveDate::from_ymd_opt(2027, 2, 26).unwrap(),
        members: &[4, 5, 6],
        fasilitator: 0,
        meetings: &[(9, 2), (9, 16), (10, 7), (10, 21), (11, 4), (11, 18)],
        steps: &[
            ((9, 1), (9, 18), Some((9, 2)), Some((9, 16))),
            ((9, 21), (10, 9), Some((9, 21)), Some((10, 7))),
            ((10, 12), (10, 30), Some((10, 12)), Some((10, 21))),
            ((11, 2), (12, 15), Some((11, 4)), None),
            ((12, 16), (1, 29), None, None),
        ],
        results: &[((10, 30), 35.0, ""), ((11, 27), 48.0, "Pencarian dokumen dari 15 menit menjadi 2 menit")],
    },
    Group {
        unit: "DLH",
        nama: "Mawar",
        no_sk: "660/45/417.109/2026",
        tanggal_sk: NaiveDate::from_ymd_opt(2026, 3, 30).unwrap(),
        tema: "Pemilahan sampah di kantor",
        indikator: "Sampah kantor yang terpilah",
        satuan: "%",
        awal: 10.0,
        target: 70.0,
        mulai: NaiveDate::from_ymd_opt(2026, 4, 6).unwrap(),
        selesai: NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
        members: &[0, 1, 2],
        fasilitator: 3,
        meetings: &[(4, 8), (4, 29), (5, 20), (6, 17), (7, 15), (8, 20)],
        steps: &[
            ((4, 6), (4, 30), Some((4, 8)), Some((4, 29))),
            ((5, 4), (6, 12), Some((5, 20)), Some((6, 17))),
            ((6, 15), (9, 30), Some((7, 15)), None),
        ],
        results: &[((6, 30), 18.0, "")],
    },
    Group {
        unit: "DISHUB",
        nama: "Anggrek",
        no_sk: "551/77/417.111/2026",
        tanggal_sk: NaiveDate::from_ymd_opt(2026, 6, 29).unwrap(),
        tema: "Pelayanan uji KIR tepat waktu",
        indikator: "Waktu tunggu uji KIR",
        satuan: "menit",
        awal: 95.0,
        target: 45.0,
        mulai: NaiveDate::from_ymd_opt(2026, 7, 6).unwrap(),
        selesai: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        members: &[0, 1, 2, 3],
        fasilitator: 4,
        meetings: &[(7, 8), (7, 22), (8, 12), (8, 26), (9, 9), (9, 23), (10, 14), (11, 11), (11, 25)],
        steps: &[
            ((7, 6), (7, 24), Some((7, 8)), Some((7, 22))),
            ((7, 27), (8, 28), Some((7, 27)), Some((9, 9))),
            ((9, 14), (11, 13), Some((9, 14)), None),
        ],
        results: &[((9, 30), 80.0, ""), ((11, 25), 70.0, "Antrean dibagi per jenis kendaraan")],
    },
    Group {
        unit: "DISDIKBUD",
        nama: "Dahlia",
        no_sk: "420/301/417.102/2026",
        tanggal_sk: NaiveDate::from_ymd_opt(2026, 10, 26).unwrap(),
        tema: "Layanan legalisir ijazah satu hari",
        indikator: "Legalisir selesai di hari yang sama",
        satuan: "%",
        awal: 40.0,
        target: 95.0,
        mulai: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
        selesai: NaiveDate::from_ymd_opt(2027, 5, 28).unwrap(),
        members: &[1, 2, 3],
        fasilitator: 0,
        meetings: &[],
        steps: &[((12, 7), (12, 23), None, None)],
        results: &[],
    },
    Group {
        unit: "PKM-KEDUNDUNG",
        nama: "Sehat Bersama",
        no_sk: "440/61/417.302.5/2026",
        tanggal_sk: NaiveDate::from_ymd_opt(2026, 7, 27).unwrap(),
        tema: "Antrean pendaftaran pasien yang singkat",
        indikator: "Waktu tunggu pendaftaran",
        satuan: "menit",
        awal: 35.0,
        target: 15.0,
        mulai: NaiveDate::from_ymd_opt(2026, 8, 3).unwrap(),
        selesai: NaiveDate::from_ymd_opt(2027, 1, 29).unwrap(),
        members: &[0, 1, 2, 3],
        fasilitator: 4,
        meetings: &[(8, 5), (8, 19), (9, 2), (9, 16), (10, 7), (10, 21), (11, 4), (11, 18)],
        steps: &[
            ((8, 3), (8, 21), Some((8, 5)), Some((8, 19))),
            ((8, 24), (9, 18), Some((8, 24)), Some((9, 16))),
            ((9, 21), (10, 16), Some((9, 21)), Some((10, 7))),
            ((10, 19), (11, 13), Some((10, 19)), Some((11, 4))),
            ((11, 16), (12, 31), Some((11, 18)), None),
        ],
        results: &[((10, 30), 28.0, ""), ((11, 27), 22.0, "Pendaftaran daring lewat WhatsApp")],
    },
];

/// A step's month and day: every group starts in March 2026 or later, so January and
/// February are of 2027.
fn md((m, day): Md) -> NaiveDate {
    let year = if m < 3 { 2027 } else { 2026 };
    NaiveDate::from_ymd_opt(year, m, day).unwrap_or_default()
}

fn main() -> Result<(), BoxError> {
    let args = Args::parse();
    let units = reference::parse_units(UNITS_CSV)?;
    let rosters = staff::rosters(args.seed, &units, 1.0);
    let dir = args.out.join("KBK");
    std::fs::create_dir_all(&dir)?;
    let unit_codes: Vec<&str> = {
        let mut v: Vec<&str> = GROUPS.iter().map(|g| g.unit).collect();
        v.dedup();
        v
    };
    for code in unit_codes {
        let i = units.iter().position(|u| u.kode == code).ok_or(format!("unit {code} missing"))?;
        let (unit, staff) = (&units[i], &rosters[i]);
        let groups: Vec<&Group> = GROUPS.iter().filter(|g| g.unit == code).collect();
        for g in &groups {
            let needed = g.members.iter().chain([&g.fasilitator]).max().copied().unwrap_or(0);
            if needed >= staff.len() {
                return Err(format!(
                    "{code} has {} staff, group {} needs {}",
                    staff.len(),
                    g.nama,
                    needed + 1
                )
                .into());
            }
        }
        let own = code == "PKM-KEDUNDUNG";
        let path = dir.join(format!("KBK_{code}_2026.xlsx"));
        let mut wb = Workbook::new();
        wb.set_properties(
            &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2026, 11, 30)?),
        );
        write_groups(wb.add_worksheet(), unit, &groups, staff, own)?;
        write_members(wb.add_worksheet(), unit, &groups, staff, own)?;
        write_meetings(wb.add_worksheet(), unit, &groups, own)?;
        write_steps(wb.add_worksheet(), unit, &groups, own)?;
        write_results(wb.add_worksheet(), unit, &groups, own)?;
        write_hadir(wb.add_worksheet(), unit, &groups, staff, args.seed)?;
        wb.save(&path)?;
        println!("{}", path.display());
    }
    Ok(())
}

/// Title rows and the `Unit Kerja : …` row; returns the header row.
fn heading(ws: &mut Worksheet, title: &str, unit: &Unit, own: bool) -> Result<u32, XlsxError> {
    let bold = Format::new().set_bold();
    ws.write_string_with_format(0, 0, title, &bold)?;
    if own {
        ws.write_string(1, 0, unit.nama.to_uppercase())?;
        ws.write_string(2, 0, "Unit Kerja")?;
        ws.write_string(2, 1, ":")?;
        ws.write_string(2, 2, &unit.nama)?;
        Ok(4)
    } else {
        ws.write_string(1, 0, format!("Unit Kerja : {}", unit.kode))?;
        Ok(3)
    }
}

fn header(ws: &mut Worksheet, row: u32, labels: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_text_wrap();
    for (c, l) in labels.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *l, &bold)?;
        ws.set_column_width(c as u16, if l.len() > 12 { 22.0 } else { 14.0 })?;
    }
    Ok(())
}

/// A date as a date cell (the template's way) or as text (`Rabu, 5 Agustus 2026`).
fn date(ws: &mut Worksheet, row: u32, col: u16, date: NaiveDate, own: bool) -> Result<(), XlsxError> {
    if own {
        let text = format!("{} {} {}", date.day(), reference::month_name(date.month()), date.year());
        ws.write_string(row, col, text)?;
    } else {
        let f = Format::new().set_num_format("dd/mm/yyyy");
        let dt = ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?;
        ws.write_datetime_with_format(row, col, &dt, &f)?;
    }
    Ok(())
}

fn write_groups(
    ws: &mut Worksheet,
    unit: &Unit,
    groups: &[&Group],
    staff: &[Person],
    own: bool,
) -> Result<(), XlsxError> {
    ws.set_name(if own { "Data KBK" } else { "Kelompok" })?;
    let h = heading(ws, "DATA KELOMPOK BUDAYA KERJA", unit, own)?;
    let labels: &[&str] = if own {
        &[
            "No",
            "Nama KBK",
            "No. SK",
            "Tgl SK",
            "Pembina",
            "Judul",
            "Sasaran",
            "Satuan",
            "Baseline",
            "Target Akhir",
            "Tanggal Mulai",
            "Target Selesai",
        ]
    } else {
        &[
            "Nama Kelompok",
            "Nomor SK",
            "Tanggal SK",
            "Fasilitator",
            "Tema",
            "Indikator",
            "Satuan",
            "Nilai Awal",
            "Target",
            "Tanggal Mulai",
            "Rencana Selesai",
        ]
    };
    header(ws, h, labels)?;
    let shift = u16::from(own);
    for (i, g) in groups.iter().enumerate() {
        let r = h + 1 + i as u32;
        if own {
            ws.write_number(r, 0, (i + 1) as f64)?;
        }
        ws.write_string(r, shift, g.nama)?;
        ws.write_string(r, shift + 1, g.no_sk)?;
        date(ws, r, shift + 2, g.tanggal_sk, own)?;
        ws.write_string(r, shift + 3, &staff[g.fasilitator].nama)?;
        ws.write_string(r, shift + 4, g.tema)?;
        ws.write_string(r, shift + 5, g.indikator)?;
        ws.write_string(r, shift + 6, g.satuan)?;
        ws.write_number(r, shift + 7, g.awal)?;
        ws.write_number(r, shift + 8, g.target)?;
        date(ws, r, shift + 9, g.mulai, own)?;
        date(ws, r, shift + 10, g.selesai, own)?;
    }
    Ok(())
}

fn write_members(
    ws: &mut Worksheet,
    unit: &Unit,
    groups: &[&Group],
    staff: &[Person],
    own: bool,
) -> Result<(), XlsxError> {
    ws.set_name("Anggota")?;
    let h = heading(ws, "SUSUNAN ANGGOTA KELOMPOK BUDAYA KERJA", unit, own)?;
    let labels: &[&str] = if own {
        &["Nama KBK", "NIP", "Nama Lengkap", "Jabatan dalam Kelompok"]
    } else {
        &["Nama Kelompok", "NIP", "Nama", "Peran"]
    };
    header(ws, h, labels)?;
    let text = Format::new().set_num_format("@");
    let mut r = h + 1;
    for g in groups {
        for (i, &m) in g.members.iter().chain([&g.fasilitator]).enumerate() {
            let peran = match i {
                0 => "Ketua",
                1 => {
                    if own {
                        "Notulis"
                    } else {
                        "Sekretaris"
                    }
                }
                _ if i == g.members.len() => "Fasilitator",
                _ => "Anggota",
            };
            ws.write_string(r, 0, g.nama)?;
            ws.write_string_with_format(r, 1, &staff[m].nip, &text)?;
            ws.write_string(r, 2, &staff[m].nama)?;
            ws.write_string(r, 3, peran)?;
            r += 1;
        }
    }
    Ok(())
}

/// What each step's meetings were about.
const AGENDA: [&str; 8] = [
    "Curah pendapat masalah, memilih tema dan sasaran",
    "Diagram sebab-akibat (tulang ikan)",
    "Pareto penyebab, memilih penyebab dominan",
    "Menyusun rencana perbaikan (5W+1H)",
    "Uji coba perbaikan",
    "Mengukur hasil dan membandingkan dengan sasaran",
    "Menyusun SOP baru",
    "Memilih tema berikutnya",
];

fn write_meetings(ws: &mut Worksheet, unit: &Unit, groups: &[&Group], own: bool) -> Result<(), XlsxError> {
    ws.set_name(if own { "Notulen" } else { "Pertemuan" })?;
    let h = heading(ws, "CATATAN PERTEMUAN KELOMPOK BUDAYA KERJA", unit, own)?;
    let labels: &[&str] = if own {
        &["Nama KBK", "Pertemuan Ke", "Tanggal", "Lama", "Tahap", "Pembahasan", "Kesimpulan"]
    } else {
        &["Nama Kelompok", "Pertemuan ke-", "Tanggal", "Durasi (menit)", "Langkah", "Agenda", "Hasil"]
    };
    header(ws, h, labels)?;
    let mut r = h + 1;
    for g in groups {
        for (i, &(m, day)) in g.meetings.iter().enumerate() {
            let tanggal = d(m, day);
            // The step under way on that day.
            let step = g
                .steps
                .iter()
                .rposition(|s| s.2.is_some_and(|x| md(x) <= tanggal))
                .map(|i| i as u8 + 1)
                .unwrap_or(1);
            ws.write_string(r, 0, g.nama)?;
            ws.write_number(r, 1, (i + 1) as f64)?;
            date(ws, r, 2, tanggal, own)?;
            if own {
                ws.write_string(r, 3, if i % 3 == 0 { "1,5 jam" } else { "90 menit" })?;
                ws.write_string(r, 4, LANGKAH[usize::from(step - 1)])?;
            } else {
                ws.write_number(r, 3, [60.0, 75.0, 90.0][i % 3])?;
                ws.write_number(r, 4, f64::from(step))?;
            }
            ws.write_string(r, 5, AGENDA[usize::from(step - 1)])?;
            ws.write_string(
                r,
                6,
                if i + 1 == g.meetings.len() {
                    "Dilanjutkan pada pertemuan berikutnya"
                } else {
                    "Disepakati bersama"
                },
            )?;
            r += 1;
        }
    }
    Ok(())
}

fn write_steps(ws: &mut Worksheet, unit: &Unit, groups: &[&Group], own: bool) -> Result<(), XlsxError> {
    ws.set_name(if own { "Jadwal" } else { "Langkah" })?;
    let h = heading(ws, "RENCANA DAN REALISASI DELAPAN LANGKAH", unit, own)?;
    let labels: &[&str] = if own {
        &[
            "Nama KBK",
            "Tahap",
            "Rencana Mulai",
            "Rencana Selesai",
            "Realisasi Mulai",
            "Realisasi Selesai",
            "Keterangan",
        ]
    } else {
        &[
            "Nama Kelompok",
            "Langkah",
            "Nama Langkah",
            "Rencana Mulai",
            "Rencana Selesai",
            "Realisasi Mulai",
            "Realisasi Selesai",
            "Keterangan",
        ]
    };
    header(ws, h, labels)?;
    let mut r = h + 1;
    for g in groups {
        for (i, s) in g.steps.iter().enumerate() {
            ws.write_string(r, 0, g.nama)?;
            let mut c = 1;
            if own {
                ws.write_string(r, c, LANGKAH[i])?;
            } else {
                ws.write_number(r, c, (i + 1) as f64)?;
                c += 1;
                ws.write_string(r, c, LANGKAH[i])?;
            }
            for (k, x) in [Some(s.0), Some(s.1), s.2, s.3].into_iter().enumerate() {
                if let Some(x) = x {
                    date(ws, r, c + 1 + k as u16, md(x), own)?;
                }
            }
            r += 1;
        }
    }
    Ok(())
}

fn write_results(ws: &mut Worksheet, unit: &Unit, groups: &[&Group], own: bool) -> Result<(), XlsxError> {
    ws.set_name(if own { "Capaian" } else { "Hasil" })?;
    let h = heading(ws, "HASIL PENGUKURAN INDIKATOR", unit, own)?;
    let labels: &[&str] = if own {
        &["Nama KBK", "Tanggal", "Capaian", "Manfaat/Penghematan"]
    } else {
        &["Nama Kelompok", "Tanggal", "Nilai", "Manfaat"]
    };
    header(ws, h, labels)?;
    let mut r = h + 1;
    for g in groups {
        for &((m, day), nilai, manfaat) in g.results {
            ws.write_string(r, 0, g.nama)?;
            date(ws, r, 1, d(m, day), own)?;
            ws.write_number(r, 2, nilai)?;
            ws.write_string(r, 3, manfaat)?;
            r += 1;
        }
    }
    Ok(())
}

/// The daftar hadir of the October and November meetings (attendance-long, `Kegiatan` KBK):
/// mostly present, now and then sick, on leave or absent.
fn write_hadir(
    ws: &mut Worksheet,
    unit: &Unit,
    groups: &[&Group],
    staff: &[Person],
    seed: u64,
) -> Result<(), XlsxError> {
    ws.set_name("Daftar Hadir")?;
    let h = heading(ws, "DAFTAR HADIR PERTEMUAN KBK", unit, false)?;
    header(ws, h, &["Tanggal", "NIP", "Nama", "Kelompok", "Kegiatan", "Status"])?;
    let text = Format::new().set_num_format("@");
    let mut rng = rng::Rng::derive(seed, &["kbk", unit.kode.as_str()]);
    let mut r = h + 1;
    for g in groups {
        for &(m, day) in g.meetings.iter().filter(|(m, _)| *m >= 10) {
            for &i in g.members {
                let roll = rng.below(100);
                let status = if roll < 85 {
                    "H"
                } else if roll < 91 {
                    "S"
                } else if roll < 97 {
                    "I"
                } else {
                    "TK"
                };
                date(ws, r, 0, d(m, day), false)?;
                ws.write_string_with_format(r, 1, &staff[i].nip, &text)?;
                ws.write_string(r, 2, &staff[i].nama)?;
                ws.write_string(r, 3, g.nama)?;
                ws.write_string(r, 4, "KBK")?;
                ws.write_string(r, 5, status)?;
                r += 1;
            }
        }
    }
    Ok(())
}
