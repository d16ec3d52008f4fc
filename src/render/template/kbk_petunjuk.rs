//! The KBK workbook's part of the `Petunjuk` sheet (SPEC §11): what a Kelompok Budaya Kerja
//! is, how to fill in each sheet, the eight steps with their PDCA phase, the roles, the status
//! codes of the attendance sheet, and what the Bagian Organisasi does with the data. The frame
//! (heading, NIP rule, deadline) is `petunjuk`'s.

use rust_xlsxwriter::XlsxError;

use super::Spec;
use super::kbk_hadir;
use super::kbk_sheets::{ANGGOTA, GROUPS, HASIL, KELOMPOK, LANGKAH, PERTEMUAN};
use super::petunjuk::{Guide, sender};
use crate::ground::kbk::{LANGKAH as STEPS, Peran, pdca};
use crate::ground::model::StatusCode;

/// What a KBK is, in one sentence, and which sheets to fill in.
pub(super) fn intro() -> String {
    format!(
        "Kelompok Budaya Kerja (KBK) adalah kelompok pegawai satu unit kerja, dibentuk dengan SK Kepala \
         Perangkat Daerah, yang bertemu secara rutin untuk memperbaiki satu hal dalam pekerjaan atau \
         pelayanannya melalui delapan langkah (siklus PDCA). Isi lembar {}, {}, {}, {}, {} dan {}, \
         simpan, lalu kirim kembali.",
        KELOMPOK.name,
        ANGGOTA.name,
        PERTEMUAN.name,
        kbk_hadir::SHEET,
        LANGKAH.name,
        HASIL.name
    )
}

/// The step-by-step instructions, one per sheet, then dates and numbers.
pub(super) fn steps(spec: &Spec) -> Vec<String> {
    let k = &spec.settings.config.kbk;
    vec![
        format!(
            "Lembar Kelompok: satu baris untuk setiap kelompok (paling banyak {GROUPS}), sesuai SK \
             pembentukannya. Nama Kelompok: nama singkat, misalnya Melati; tulis nama itu persis sama \
             di semua lembar. Tema: hal yang akan diperbaiki. Indikator: apa yang diukur (misalnya \
             waktu tunggu pelayanan), dengan Satuan (menit, hari, %), Nilai Awal sebelum perbaikan dan \
             Target yang ingin dicapai. Tanggal Mulai dan Rencana Selesai: masa kerja kelompok."
        ),
        format!(
            "Lembar Anggota: satu baris untuk setiap orang dalam kelompok, dengan Peran Ketua, \
             Sekretaris, Anggota atau Fasilitator. Pilih Nama Kelompok dan nama pegawai dari daftar; \
             NIP terisi sendiri bila namanya ada di Daftar Pegawai, selain itu ketik NIP-nya. Setiap \
             kelompok punya satu Ketua dan {} sampai {} anggota. Fasilitator dicantumkan, tetapi tidak \
             dihitung sebagai anggota. Seorang pegawai hanya masuk satu kelompok di unitnya.",
            k.min_anggota, k.maks_anggota
        ),
        format!(
            "Lembar Pertemuan: satu baris untuk setiap pertemuan. Pertemuan ke-: nomor urut pertemuan \
             kelompok itu. Durasi: lama pertemuan dalam menit. Langkah: langkah yang dibahas (pilih dari \
             daftar, atau ketik angka 1 sampai 8). Agenda dan Hasil: pokok bahasan dan keputusannya. \
             Setiap kelompok diharapkan bertemu paling sedikit {} kali sebulan. Tanggal pertemuan \
             tidak boleh melewati hari ini dan berada dalam masa kerja kelompok.",
            k.pertemuan_per_bulan
        ),
        "Lembar Daftar Hadir: nama kelompok, NIP dan nama anggota terisi sendiri dari lembar Anggota, \
         dengan urutan yang sama. Tulis kode kehadiran (misalnya H, S, I, DL) setiap anggota hanya pada \
         tanggal pertemuan kelompoknya; tanggal lain dibiarkan kosong. Kolom abu-abu adalah Sabtu, \
         Minggu dan hari libur; bila kelompok bertemu pada hari itu, isi juga. Arti setiap kode ada \
         pada tabel di bawah."
            .to_string(),
        format!(
            "Lembar Langkah: satu blok delapan baris untuk setiap kelompok (langkah 1 sampai 8 sudah \
             tertulis). Ketik nama kelompok pada baris langkah 1; baris lain dalam blok itu terisi \
             sendiri. Isi Rencana Mulai dan Rencana Selesai setiap langkah menurut rencana kerja \
             kelompok, lalu Realisasi Mulai dan Realisasi Selesai ketika langkah itu dikerjakan. \
             Blok yang tidak dipakai dibiarkan kosong. Tersedia {GROUPS} blok."
        ),
        "Lembar Hasil: satu baris untuk setiap pengukuran indikator kelompok. Nilai: hasil pengukuran \
         dalam satuan yang sama dengan lembar Kelompok. Manfaat: penghematan atau perbaikan yang \
         dirasakan, misalnya Rp 2.000.000 per bulan, 15 menit lebih cepat, atau satu kalimat."
            .to_string(),
        "Tanggal: ketik seperti 12/11/2026 (tanggal/bulan/tahun); sel tanggal sudah berformat tanggal. \
         Angka boleh desimal, misalnya 87,5 (di Excel berbahasa Inggris: 87.5), tanpa satuan. Bila \
         baris kurang, sisipkan baris di tengah tabel (klik kanan nomor baris → Sisipkan)."
            .to_string(),
    ]
}

/// The tables below the steps: the eight steps, the roles, the status codes, and what happens
/// to the data.
pub(super) fn tables(g: &mut Guide, spec: &Spec) -> Result<(), XlsxError> {
    g.heading("Delapan langkah KBK", 12)?;
    g.table_row(&["Langkah", "Nama langkah", "Tahap PDCA: yang dikerjakan kelompok"], true)?;
    for (i, name) in STEPS.iter().enumerate() {
        let n = i as u8 + 1;
        let what = format!("{} ({}): {}", pdca(n), pdca_word(n), step_detail(n));
        g.table_row(&[&n.to_string(), name, &what], false)?;
    }
    g.gap();
    g.heading("Peran dalam kelompok", 12)?;
    g.table_row(&["Peran", "Dihitung sebagai anggota", "Tugas"], true)?;
    for peran in [Peran::Ketua, Peran::Sekretaris, Peran::Anggota, Peran::Fasilitator] {
        let counted = if peran == Peran::Fasilitator { "tidak" } else { "ya" };
        g.table_row(&[peran.label(), counted, role_detail(peran)], false)?;
    }
    g.gap();
    // The codes' meanings only: how a meeting's attendance counts is the report's rule, not
    // the working-day rule the attendance templates print.
    g.heading("Kode kehadiran pada Daftar Hadir", 12)?;
    g.table_row(&["Kode", "Arti"], true)?;
    for code in StatusCode::ALL {
        g.table_row(&[code.as_str(), code.meaning()], false)?;
    }
    g.gap();
    g.heading("Apa yang terjadi dengan data ini", 12)?;
    g.para(
        "",
        &format!(
            "{} membaca berkas ini secara otomatis. Datanya menjadi laporan KBK bulanan untuk pimpinan: \
             jumlah kelompok dan anggota setiap unit, pertemuan bulan ini dan sejak Januari, kehadiran \
             anggota, langkah terakhir, kemajuan dan ketepatan waktu setiap kelompok, serta capaian \
             indikatornya. Dari data yang sama disusun risalah setiap kelompok (PDF): identitas, \
             anggota, jadwal rencana dan realisasi delapan langkah, catatan pertemuan, grafik indikator \
             dan manfaatnya, siap dilengkapi dan ditandatangani kelompok.",
            sender(spec)
        ),
    )
}

/// The PDCA phase in Bahasa Indonesia.
fn pdca_word(n: u8) -> &'static str {
    match pdca(n) {
        "Plan" => "rencanakan",
        "Do" => "kerjakan",
        "Check" => "periksa",
        _ => "tindak lanjuti",
    }
}

fn step_detail(n: u8) -> &'static str {
    match n {
        1 => "memilih masalah yang akan diperbaiki, menetapkan indikator, nilai awal dan target.",
        2 => "mengumpulkan semua kemungkinan penyebab masalah (misalnya dengan diagram tulang ikan).",
        3 => "memilih penyebab yang paling berpengaruh, dengan data.",
        4 => "menyusun rencana perbaikan: apa, siapa, kapan, di mana, bagaimana.",
        5 => "menjalankan rencana perbaikan dan mencatat pelaksanaannya.",
        6 => "mengukur indikator lagi dan membandingkannya dengan nilai awal dan target.",
        7 => "menjadikan cara kerja baru yang berhasil sebagai standar (SOP).",
        _ => "memilih masalah berikutnya untuk siklus perbaikan selanjutnya.",
    }
}

fn role_detail(peran: Peran) -> &'static str {
    match peran {
        Peran::Ketua => "memimpin pertemuan dan kelompok; biasanya kepala seksi atau subbagian.",
        Peran::Sekretaris => "mencatat pertemuan (notulen) dan daftar hadir.",
        Peran::Anggota => "mengikuti pertemuan dan melaksanakan perbaikan.",
        Peran::Fasilitator => "mendampingi dan membimbing kelompok; dicantumkan di lembar Anggota.",
    }
}
