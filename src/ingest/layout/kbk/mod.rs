//! The Kelompok Budaya Kerja sheets of SPEC §11.1: `kbk-kelompok`, `kbk-anggota`,
//! `kbk-pertemuan`, `kbk-langkah`, `kbk-hasil` and the contest's `kbk-penilaian`, one file
//! each. KBK meeting attendance is read by the attendance layouts (`kegiatan` = KBK).
