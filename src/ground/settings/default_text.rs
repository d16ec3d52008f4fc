//! The embedded default as a commented `budaya-kerja.toml` (`config --default`).

use std::fmt::Write as _;

use super::*;
use crate::ground::schedule::Jadwal;

pub(super) fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(super) fn toml_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// The embedded default as a commented `budaya-kerja.toml` (`config --default`).
pub fn default_config_text() -> String {
    let c = Config::default();
    let mut t = String::new();
    let o = &c.organisasi;
    let p = &c.penandatangan;
    let n = &c.penilaian;
    let _ = writeln!(t, "# budaya-kerja.toml — konfigurasi laporan budaya kerja.");
    let _ = writeln!(t, "# Setiap tabel yang ditulis di sini menggantikan tabel bawaan yang sama;");
    let _ = writeln!(t, "# tabel yang tidak ditulis memakai nilai bawaan Kota Mojokerto. [jadwal]");
    let _ = writeln!(t, "# digabung per kunci: kunci yang tidak ditulis tetap bawaan.");
    let _ = writeln!(t, "# Kunci yang salah eja ditolak agar kesalahan tidak terlewat.\n");
    let _ = writeln!(t, "[organisasi]                 # kop surat dan tempat tanda tangan");
    let _ = writeln!(t, "pemerintah = {}", toml_str(&o.pemerintah));
    let _ = writeln!(t, "perangkat = {}", toml_str(&o.perangkat));
    let _ = writeln!(t, "bagian = {}", toml_str(&o.bagian));
    let _ =
        writeln!(t, "alamat = {}                  # alamat kantor; kosong sampai diisi", toml_str(&o.alamat));
    let _ = writeln!(t, "kota = {}\n", toml_str(&o.kota));
    let _ = writeln!(t, "[penandatangan]              # ganti dengan pejabat yang sebenarnya");
    let _ = writeln!(t, "jabatan = {}", toml_str(&p.jabatan));
    let _ = writeln!(t, "nama = {}", toml_str(&p.nama));
    let _ = writeln!(t, "pangkat = {}", toml_str(&p.pangkat));
    let _ = writeln!(t, "nip = {}\n", toml_str(&p.nip));
    let _ = writeln!(
        t,
        "[penilaian]                  # nilai_kinerja = bobot_hasil × min(capaian, 100) + bobot_perilaku × nilai_perilaku"
    );
    let _ = writeln!(t, "bobot_hasil = {:?}", n.bobot_hasil);
    let _ = writeln!(t, "bobot_perilaku = {:?}", n.bobot_perilaku);
    let _ = writeln!(t, "predikat = [");
    for b in &n.predikat {
        let _ = writeln!(t, "  {{ min = {:?}, nama = {} }},", b.min, toml_str(&b.nama));
    }
    let _ = writeln!(t, "]\n");
    let _ = writeln!(
        t,
        "[disiplin]                   # hari TK kumulatif per tahun (PP 94/2021); peringatan dini, bukan putusan"
    );
    let _ = writeln!(t, "tingkat = [");
    for b in &c.disiplin.tingkat {
        let _ = writeln!(t, "  {{ min = {}, nama = {} }},", b.min, toml_str(&b.nama));
    }
    let _ = writeln!(t, "]");
    let _ = writeln!(
        t,
        "berturut = {}                # hari TK berturut-turut yang langsung berarti tingkat terberat\n",
        c.disiplin.berturut
    );
    let _ = writeln!(t, "[kode]                       # alias tambahan untuk kode status, misalnya:");
    let _ = writeln!(t, "# H = [\"Hadir\", \"Masuk\", \"NL\"]\n");
    let _ = writeln!(t, "[kolom]                      # sinonim judul kolom tambahan, misalnya:");
    let _ = writeln!(t, "# nip = [\"NIP Pegawai\"]\n");
    let _ =
        writeln!(t, "[libur]                      # hari libur nasional dan cuti bersama (SKB 3 Menteri)");
    let _ = writeln!(t, "tanggal = [");
    for d in &c.libur.tanggal {
        let _ = writeln!(t, "  {},", toml_str(d));
    }
    let _ = writeln!(t, "]\n");
    let b = &c.batas;
    let _ = writeln!(t, "[batas]");
    let _ = writeln!(t, "sel_per_lembar = {}", b.sel_per_lembar);
    let _ = writeln!(t, "ukuran_bagian_zip = {}", b.ukuran_bagian_zip);
    let _ = writeln!(t, "karakter_per_sel = {}\n", b.karakter_per_sel);
    write_jadwal(&mut t, &c.jadwal);
    write_kbk(&mut t, &c.kbk);
    let _ = writeln!(t, "# Daftar unit: urutan di sini = urutan di laporan.");
    let _ = writeln!(t, "# jenis: {}", UNIT_TYPES.join(" | "));
    for u in &c.unit {
        let _ = writeln!(t, "\n[[unit]]");
        let _ = writeln!(t, "kode = {}", toml_str(&u.kode));
        let _ = writeln!(t, "nama = {}", toml_str(&u.nama));
        let _ = writeln!(t, "jenis = {}", toml_str(&u.jenis));
        let _ = writeln!(t, "alias = {}", toml_list(&u.alias));
    }
    t
}

/// `[jadwal]` as SPEC §8 prints it, with the commented `[[jadwal.unit]]` example.
pub(super) fn write_jadwal(t: &mut String, j: &Jadwal) {
    let pita: Vec<String> = j.pita.iter().map(u32::to_string).collect();
    let _ =
        writeln!(t, "[jadwal]                     # §3.9: jam kerja untuk menilai jam scan mesin absensi");
    let _ = writeln!(
        t,
        "toleransi_menit = {}          # menit sesudah jam masuk yang belum terlambat",
        j.toleransi_menit
    );
    let _ = writeln!(
        t,
        "jeda_scan = {}                # scan kurang dari sekian menit sesudah scan sebelumnya = duplikat",
        j.jeda_scan
    );
    let _ = writeln!(
        t,
        "batas_tengah = {}       # scan tunggal sebelum jam ini = masuk, sesudahnya = pulang",
        toml_str(&j.batas_tengah)
    );
    let _ = writeln!(
        t,
        "pita = [{}]          # pita TL/PSW 1-30, 31-60, 61-90, >90 atau tidak absen\n",
        pita.join(", ")
    );
    let _ = writeln!(
        t,
        "[jadwal.hari]                # hari yang tidak ditulis tetap bawaan (sabtu, minggu: libur)"
    );
    for (key, value) in j.hari.days() {
        if let Some(value) = value {
            let _ = writeln!(t, "{key} = {}", toml_str(value));
        }
    }
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "# [[jadwal.unit]]            # per kode unit (kode = [\"PKM-KRANGGAN\"]) atau per jenis"
    );
    let _ = writeln!(t, "# nama = \"Puskesmas\"");
    let _ = writeln!(t, "# jenis = \"Puskesmas\"");
    let _ = writeln!(t, "# hari = {{ sabtu = \"07:30-12:00\" }}");
    let _ = writeln!(t, "# shift = [ {{ nama = \"Malam\", jam = \"21:00-07:00\" }} ]\n");
}

/// `[kbk]` as SPEC §8 prints it, with the commented `[[kbk.penilaian]]` example.
pub(super) fn write_kbk(t: &mut String, k: &Kbk) {
    let p = &k.peringkat;
    let _ = writeln!(
        t,
        "[kbk]                        # §11: Kelompok Budaya Kerja; tidak ada regulasi yang menetapkan angka ini"
    );
    let _ = writeln!(
        t,
        "min_anggota = {}              # anggota paling sedikit (fasilitator tidak dihitung)",
        k.min_anggota
    );
    let _ = writeln!(t, "maks_anggota = {}            # anggota paling banyak", k.maks_anggota);
    let _ = writeln!(t, "pertemuan_per_bulan = {}      # target pertemuan per bulan", k.pertemuan_per_bulan);
    let _ = writeln!(
        t,
        "bulan_tidak_aktif = {}        # tanpa pertemuan selama sekian bulan (bulan laporan termasuk) = tidak aktif",
        k.bulan_tidak_aktif
    );
    let _ = writeln!(
        t,
        "peringkat = {{ kemajuan = {:?}, tepat_waktu = {:?}, kehadiran_anggota = {:?}, ketercapaian = {:?} }}",
        p.kemajuan, p.tepat_waktu, p.kehadiran_anggota, p.ketercapaian
    );
    for c in &k.penilaian {
        let _ =
            writeln!(t, "\n[[kbk.penilaian]]\nkriteria = {}\nbobot = {:?}", toml_str(&c.kriteria), c.bobot);
    }
    let _ = writeln!(
        t,
        "# [[kbk.penilaian]]          # kriteria lomba KBK, bila ada nilai juri (lembar penilaian KBK)"
    );
    let _ = writeln!(t, "# kriteria = \"Pemilihan tema\"");
    let _ = writeln!(t, "# bobot = 0.10\n");
}
