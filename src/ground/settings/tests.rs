//! The configuration: the embedded default, overrides, merging, and every kind of error.

use chrono::NaiveDate;

use super::default_text::*;
use super::errors::*;
use super::*;

#[test]
fn embedded_default_has_53_units_and_holidays() {
    let s = Settings::embedded().unwrap();
    assert_eq!(s.config.unit.len(), 53);
    assert_eq!(s.holidays.len(), 25);
    assert_eq!(s.unit_by_text("dinkes").map(|u| u.kode.as_str()), Some("DINKESPPKB"));
    assert_eq!(s.unit_by_text("  Dinas  Perhubungan ").map(|u| u.kode.as_str()), Some("DISHUB"));
    assert!(s.unit_by_text("Dinas Pariwisata").is_none());
}

#[test]
fn default_text_round_trips() {
    let text = default_config_text();
    let parsed = Settings::parse(&text, "default").unwrap();
    assert_eq!(parsed.config, Config::default());
}

#[test]
fn table_replaces_default_and_unknown_key_names_line() {
    let s = Settings::parse("[organisasi]\nalamat = \"Jl. Gajah Mada 145\"\n", "x.toml").unwrap();
    assert_eq!(s.config.organisasi.alamat, "Jl. Gajah Mada 145");
    assert_eq!(s.config.organisasi.kota, "Mojokerto");
    assert_eq!(s.config.unit.len(), 53);

    let err = Settings::parse("[organisasi]\nkota = \"X\"\npemerintahh = \"Y\"\n", "x.toml").unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("baris 3"), "{msg}");
    assert!(msg.contains("pemerintahh"), "{msg}");

    let err = Settings::parse("[penilaian]\nbobot_hasil = \"tinggi\"\n", "x.toml").unwrap_err();
    assert!(err.to_string().contains("baris 2"), "{err}");

    let err = Settings::parse("unit = []\n", "x.toml").unwrap_err();
    assert!(err.to_string().contains("daftar unit kosong"), "{err}");
}

#[test]
fn default_text_shows_jadwal_as_the_spec_prints_it() {
    let text = default_config_text();
    for line in [
        "[jadwal]",
        "toleransi_menit = 0",
        "jeda_scan = 5",
        "batas_tengah = \"12:00\"",
        "pita = [30, 60, 90]",
        "[jadwal.hari]",
        "senin = \"07:30-16:00\"",
        "kamis = \"07:30-16:00\"",
        "jumat = \"07:30-16:30\"",
        "# [[jadwal.unit]]",
        "# hari = { sabtu = \"07:30-12:00\" }",
        "# shift = [ { nama = \"Malam\", jam = \"21:00-07:00\" } ]",
    ] {
        assert!(text.lines().any(|l| l.starts_with(line)), "{line}");
    }
    assert!(!text.contains("sabtu = \"07:30-12:00\"\n"), "sabtu is only in the commented example");
    // The commented example works once uncommented.
    let mut in_example = false;
    let uncommented: Vec<&str> = text
        .lines()
        .map(|l| {
            in_example = l.starts_with("# [[jadwal.unit]]") || (in_example && l.starts_with("# "));
            if in_example { l.trim_start_matches("# ") } else { l }
        })
        .collect();
    let s = Settings::parse(&uncommented.join("\n"), "contoh").unwrap();
    let pkm = s.schedule_for("PKM-WATES", "Puskesmas");
    assert_eq!(pkm.nama, "Puskesmas");
    assert!(pkm.hours(chrono::Weekday::Sat).is_some());
    assert!(pkm.shift("Malam").is_some());
}

#[test]
fn kbk_merges_key_by_key_and_is_checked() {
    let embedded = Settings::embedded().unwrap();
    assert_eq!(embedded.config.kbk, Kbk::default());
    let s = Settings::parse("[kbk]\nmin_anggota = 4\n", "x.toml").unwrap();
    let k = &s.config.kbk;
    assert_eq!((k.min_anggota, k.maks_anggota, k.pertemuan_per_bulan, k.bulan_tidak_aktif), (4, 10, 2, 2));
    assert_eq!(k.peringkat, Peringkat::default());
    assert_ne!(s.config_hash, embedded.config_hash);
    let contest = "[[kbk.penilaian]]\nkriteria = \"Pemilihan tema\"\nbobot = 0.1\n\n\
                   [[kbk.penilaian]]\nkriteria = \"Analisis penyebab\"\nbobot = 0.2\n";
    let s = Settings::parse(contest, "x.toml").unwrap();
    let names: Vec<&str> = s.config.kbk.penilaian.iter().map(|c| c.kriteria.as_str()).collect();
    assert_eq!(names, ["Pemilihan tema", "Analisis penyebab"]);
    assert_eq!(s.config.kbk.min_anggota, 3);
    let cases: &[(&str, &str, usize)] = &[
        ("[kbk]\nmin_anggota = 12\n", "min_anggota", 2),
        ("[kbk]\n\nbulan_tidak_aktif = 0\n", "bulan_tidak_aktif", 3),
        ("[kbk]\npertemuan_per_bulan = \"dua\"\n", "pertemuan_per_bulan", 2),
        ("[kbk]\nmin_anggotta = 3\n", "min_anggotta", 2),
        ("[[kbk.penilaian]]\nkriteria = \"Tema\"\nbobot = 1.5\n", "bobot", 3),
    ];
    for &(text, needle, line) in cases {
        let msg = Settings::parse(text, "x.toml").unwrap_err().to_string();
        assert!(msg.contains(needle), "{text}: {msg}");
        assert!(msg.contains(&format!("baris {line}:")), "{text}: {msg}");
    }
    // `config --default` shows the table, and what it prints reads back as the default.
    let text = default_config_text();
    assert!(text.contains("[kbk]") && text.contains("# [[kbk.penilaian]]"), "{text}");
    assert_eq!(Settings::parse(&text, "default.toml").unwrap().config.kbk, Kbk::default());
}

#[test]
fn jadwal_merges_key_by_key_and_changes_the_hash() {
    let embedded = Settings::embedded().unwrap();
    let text = "[jadwal]\ntoleransi_menit = 5\n\n[jadwal.hari]\nsabtu = \"07:30-12:00\"\n";
    let s = Settings::parse(text, "x.toml").unwrap();
    assert_eq!(s.clock_rules().toleransi_menit, 5);
    assert_eq!(s.clock_rules().jeda_scan, 5);
    assert_eq!(s.clock_rules().pita, [30, 60, 90]);
    let d = s.schedule_for("DISHUB", "Perangkat Daerah");
    assert_eq!(d.nama, "Bawaan");
    assert!(d.hours(chrono::Weekday::Mon).is_some());
    assert!(d.hours(chrono::Weekday::Sat).is_some());
    assert_ne!(s.config_hash, embedded.config_hash);
    let only_unit = "[[jadwal.unit]]\nnama = \"Puskesmas\"\njenis = \"Puskesmas\"\n";
    let s = Settings::parse(only_unit, "x.toml").unwrap();
    assert_eq!(s.clock_rules(), embedded.clock_rules());
    assert_eq!(s.schedule_for("PKM-WATES", "Puskesmas").nama, "Puskesmas");
    assert_ne!(s.config_hash, embedded.config_hash);
    // Other tables are untouched by [jadwal].
    assert_eq!(s.config.unit.len(), 53);
}

#[test]
fn working_hours_skip_holidays_and_days_off() {
    let s = Settings::embedded().unwrap();
    let d = s.schedule_for("DISHUB", "Perangkat Daerah");
    let date = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    assert!(s.working_hours(d, date(11, 3)).is_some(), "a Tuesday");
    assert!(s.working_hours(d, date(11, 7)).is_none(), "a Saturday");
    assert!(s.working_hours(d, date(1, 1)).is_none(), "New Year's Day");
}

#[test]
fn jadwal_errors_name_key_and_line() {
    let cases: &[(&str, &str, usize)] = &[
        ("[jadwal]\njeda_scan = 5\nbatas_tengah = \"12.75\"\n", "batas_tengah", 3),
        ("[jadwal]\nsabtu = \"07:30-12:00\"\n", "sabtu", 2),
        ("[jadwal.hari]\nsenin = \"libur\"\nsabtuu = \"07:30-12:00\"\n", "sabtuu", 3),
        (
            "[[unit]]\nkode = \"A\"\nnama = \"A\"\njenis = \"Kecamatan\"\n\n[[jadwal.unit]]\nnama = \"X\"\nkode = \"B\"\n",
            "\"B\"",
            8,
        ),
        (
            "[[jadwal.unit]]\nnama = \"P\"\njenis = \"Puskesmas\"\n[[jadwal.unit]]\nnama = \"K\"\njenis = \"Kecamatan\"\nhari = { minggu = \"pagi\" }\n",
            "minggu",
            7,
        ),
        ("[jadwal]\npita = [30, 60, 90, 120]\n", "pita", 2),
    ];
    for &(text, needle, line) in cases {
        let msg = Settings::parse(text, "x.toml").unwrap_err().to_string();
        assert!(msg.contains(needle), "{text}: {msg}");
        assert!(msg.contains(&format!("baris {line}:")), "{text}: {msg}");
    }
}

/// Issue 19: every kind of configuration error names the line, `[tabel] kunci`, what is
/// wrong (the expected kind and the value found) and how to fix it.
#[test]
fn config_errors_name_line_table_key_and_value() {
    #[rustfmt::skip]
    let cases: &[(&str, usize, &str, &[&str])] = &[
        // Wrong kind of value.
        ("[penilaian]\nbobot_hasil = \"enam puluh persen\"\n", 2, "[penilaian] bobot_hasil",
         &["seharusnya angka (misalnya 0.6), tertulis teks \"enam puluh persen\"", "tanpa tanda petik"]),
        ("[penilaian]\nbobot_hasil = \"0,6\"\n", 2, "[penilaian] bobot_hasil", &["tertulis teks \"0,6\"", "tulis tanpa tanda petik: 0.6"]),
        ("[penilaian]\nbobot_hasil = 2026-01-01\n", 2, "[penilaian] bobot_hasil", &["seharusnya angka", "tertulis tanggal 2026-01-01"]),
        ("[kbk]\nmin_anggota = 1.5\n", 2, "[kbk] min_anggota", &["seharusnya bilangan bulat (misalnya 3), tertulis angka 1.5"]),
        ("[kbk]\nmin_anggota = -1\n", 2, "[kbk] min_anggota", &["seharusnya bilangan bulat 0 atau lebih, tertulis -1"]),
        ("[kbk]\nmin_anggota = 5000000000\n", 2, "[kbk] min_anggota", &["paling besar 4294967295, tertulis 5000000000"]),
        ("[kbk]\nperingkat.kemajuan = \"x\"\n", 2, "[kbk] peringkat.kemajuan", &["seharusnya angka (misalnya 0.4), tertulis teks \"x\""]),
        ("[penandatangan]\nnip = 197001012000031001\n", 2, "[penandatangan] nip",
         &["seharusnya teks", "tertulis bilangan bulat 197001012000031001", "apit dengan tanda petik"]),
        ("[libur]\ntanggal = \"2026-01-01\"\n", 2, "[libur] tanggal", &["seharusnya daftar, tertulis teks \"2026-01-01\"", "[\"2026-01-01\"]"]),
        ("kode = { H = \"Hadir\" }\n", 1, "[kode] H", &["seharusnya daftar, tertulis teks \"Hadir\""]),
        ("[penilaian]\npredikat = [ { min = 90.0, nama = \"A\" },\n  { min = 80, nama = 2 } ]\n", 3, "[penilaian] predikat ke-2 nama",
         &["seharusnya teks", "tertulis bilangan bulat 2"]),
        ("[[unit]]\nkode = \"A\"\nnama = \"A\"\njenis = \"Kecamatan\"\nalias = \"X\"\n", 5, "[[unit]] ke-1 alias", &["seharusnya daftar, tertulis teks \"X\""]),
        ("penilaian = 3\n", 1, "penilaian", &["seharusnya tabel, tertulis bilangan bulat 3", "baris [penilaian]"]),
        ("[[jadwal.unit]]\nnama = \"X\"\nkode = 3\n", 3, "[[jadwal.unit]] ke-1 kode", &["seharusnya teks atau daftar teks", "tertulis bilangan bulat 3"]),
        // Unknown keys and tables, missing keys.
        ("[penilaian]\nbobot_hasill = 0.6\n", 2, "[penilaian] bobot_hasill",
         &["kunci tidak dikenal", "mungkin maksudnya bobot_hasil", "kunci yang dikenal: bobot_hasil, bobot_perilaku, predikat"]),
        ("[kbk.peringkat]\nkemajuann = 0.3\n", 2, "[kbk.peringkat] kemajuann", &["mungkin maksudnya kemajuan"]),
        ("[jadwal]\nsabtu = \"07:30-12:00\"\n", 2, "[jadwal] sabtu", &["kunci tidak dikenal", "hari"]),
        ("[pengaturan]\nx = 1\n", 1, "[pengaturan]", &["tabel tidak dikenal", "tabel yang dikenal: organisasi"]),
        ("[[unit]]\nkode = \"A\"\nnama = \"A\"\n", 1, "[[unit]] ke-1", &["kunci jenis wajib ada", "jenis = \"Perangkat Daerah\""]),
        // Syntax errors.
        ("[penilaian]\nbobot_hasil = \"abc\n", 2, "[penilaian] bobot_hasil", &["tanda petik penutup \" tidak ada"]),
        ("[penilaian]\nbobot_hasil = abc\"\n", 2, "[penilaian] bobot_hasil", &["tanda petik pembuka \" tidak ada"]),
        ("[penilaian]\nbobot_hasil 0.6\n", 2, "[penilaian] bobot_hasil", &["tanda = tidak ada"]),
        ("[penilaian]\nbobot_hasil = 0,6\n", 2, "[penilaian] bobot_hasil", &["ada tulisan ,6", "titik"]),
        ("[penilaian]\nbobot_hasil = 60%\n", 2, "[penilaian] bobot_hasil", &["nilai 60% tidak dapat dibaca"]),
        ("[penilaian]\nbobot_hasil =\n", 2, "[penilaian] bobot_hasil", &["nilai tidak ada sesudah tanda ="]),
        ("[penilaian\nbobot_hasil = 0.6\n", 1, "[penilaian]", &["tidak ditutup dengan ]"]),
        ("[organisasi]\nkota = \"X\"\nkota = \"Y\"\n", 3, "[organisasi] kota", &["sudah ditulis sebelumnya"]),
        ("[organisasi]\nkota = \"C:\\Users\"\n", 2, "[organisasi] kota", &["garis miring terbalik"]),
        ("[[unit]]\nkode = \"A\"\n[[unit]]\nkode = \"B\"\nalias = [\"x\"\n  \"y\"]\n", 6, "[[unit]] ke-2 alias",
         &["koma tidak ada di antara isi daftar"]),
        // Out of range.
        ("[penilaian]\n\nbobot_hasil = 1.5\n", 3, "[penilaian] bobot_hasil", &["antara 0 dan 1, tertulis 1.5", "misalnya 0.6"]),
        ("[penilaian]\nbobot_perilaku = -0.4\n", 2, "[penilaian] bobot_perilaku", &["tertulis -0.4"]),
        ("[penilaian]\npredikat = [ { min = 90.0, nama = \"A\" }, { min = 95.0, nama = \"B\" } ]\n", 2,
         "[penilaian] predikat ke-2 min", &["lebih kecil dari min predikat sebelumnya (90), tertulis 95"]),
        ("[disiplin]\ntingkat = [ { min = 5, nama = \"a\" }, { min = 3, nama = \"b\" } ]\n", 2, "[disiplin] tingkat ke-2 min",
         &["tertulis 3"]),
        ("[libur]\ntanggal = [\n  \"2026-01-01\",\n  \"2026-13-01\",\n]\n", 4, "[libur] tanggal ke-2", &["\"2026-13-01\" tidak valid"]),
        ("[batas]\nsel_per_lembar = 0\n", 2, "[batas] sel_per_lembar", &["1 atau lebih, tertulis 0"]),
        ("[batas]\nkarakter_per_sel = 40000\n", 2, "[batas] karakter_per_sel", &["paling besar 32767", "tertulis 40000"]),
        ("[kolom]\nnipp = [\"NIP Pegawai\"]\n", 2, "[kolom] nipp", &["kolom \"nipp\" tidak dikenal", "mungkin maksudnya nip"]),
        ("[kode]\nHADIR = [\"Hdr\"]\n", 2, "[kode] HADIR", &["kode status \"HADIR\" tidak dikenal", "H, TL, PSW"]),
        ("[kode]\nH = [\"Hdr\",\n  \"S\"]\n", 3, "[kode] H ke-2", &["alias \"S\" untuk kode H adalah kode S"]),
        ("[[unit]]\nkode = \"A\"\nnama = \"A\"\njenis = \"Sekolah\"\n", 4, "[[unit]] ke-1 jenis", &["\"Sekolah\"", "pilih salah satu"]),
        ("[[unit]]\nkode = \"A\"\nnama = \"A\"\njenis = \"Kecamatan\"\n[[unit]]\nkode = \"a\"\nnama = \"B\"\njenis = \"Kecamatan\"\n",
         6, "[[unit]] ke-2 kode", &["\"a\" sudah dipakai [[unit]] ke-1"]),
        // [kbk]: a check on two keys names the one written.
        ("[kbk]\nmin_anggota = 12\n", 2, "[kbk] min_anggota", &["min_anggota (12) lebih besar dari maks_anggota (10)"]),
        ("[kbk]\nmaks_anggota = 2\n", 2, "[kbk] maks_anggota", &["min_anggota (3) lebih besar dari maks_anggota (2)"]),
        ("[kbk]\nperingkat = { kemajuan = 2.0 }\n", 2, "[kbk] peringkat.kemajuan", &["tertulis 2"]),
        ("[[kbk.penilaian]]\nkriteria = \"A\"\nbobot = 0.1\n[[kbk.penilaian]]\nkriteria = \"B\"\nbobot = 1.5\n", 6,
         "[[kbk.penilaian]] ke-2 bobot", &["tertulis 1.5"]),
        // [jadwal] as written: a header, an inline table, an entry of [[jadwal.unit]].
        ("[jadwal]\nbatas_tengah = \"12.75\"\n", 2, "[jadwal] batas_tengah", &["\"12.75\" tidak valid", "\"12:00\""]),
        ("[jadwal.hari]\nsabtu = \"pagi\"\n", 2, "[jadwal.hari] sabtu", &["\"pagi\" bukan rentang jam"]),
        ("[jadwal]\nhari = { sabtu = \"07:30-26:00\" }\n", 2, "[jadwal] hari.sabtu", &["\"26:00\" tidak valid"]),
        ("[[jadwal.unit]]\nnama = \"X\"\nkode = [\"DISHUB\", \"B\"]\n", 3, "[[jadwal.unit]] ke-1 kode ke-2", &["\"B\" tidak ada di daftar [[unit]]"]),
        // Empty lists.
        ("unit = []\n", 1, "[[unit]]", &["daftar unit kosong", "isi minimal satu [[unit]]"]),
        ("[penilaian]\npredikat = []\n", 2, "[penilaian] predikat", &["daftar predikat kosong"]),
    ];
    for &(text, line, place, needles) in cases {
        let err = Settings::parse(text, "x.toml").unwrap_err();
        let msg = err.to_string();
        let ConfigError::Invalid { line: l, place: p, .. } = &err else { panic!("{msg}") };
        assert_eq!((*l, p.as_str()), (line, place), "{text:?}: {msg}");
        assert!(
            msg.starts_with(&format!("konfigurasi x.toml tidak valid, baris {line}: {place}: ")),
            "{msg}"
        );
        for needle in needles {
            assert!(msg.contains(needle), "{text:?}: {msg}\n  lacks {needle:?}");
        }
    }
}

#[test]
fn key_paths_read_as_the_spec_writes_them() {
    let cases = [
        (KeyPath::of("penilaian.bobot_hasil"), "[penilaian] bobot_hasil"),
        (KeyPath::of("unit"), "[[unit]]"),
        (KeyPath::of("unit").index(2).key("jenis"), "[[unit]] ke-3 jenis"),
        (
            KeyPath::of("jadwal.unit").index(0).key("shift").index(1).key("jam"),
            "[[jadwal.unit]] ke-1 shift ke-2 jam",
        ),
        (KeyPath::of("jadwal.hari.sabtu"), "[jadwal] hari.sabtu"),
        (KeyPath::of("penilaian.predikat").index(1).key("min"), "[penilaian] predikat ke-2 min"),
        (KeyPath::of("libur.tanggal").index(0), "[libur] tanggal ke-1"),
        (KeyPath::of("kbk"), "[kbk]"),
    ];
    for (path, want) in cases {
        assert_eq!(path.to_string(), want);
    }
}

#[test]
fn discipline_tiers() {
    let d = Disiplin::default();
    assert_eq!(d.status(2, 2), "");
    assert_eq!(d.status(3, 1), "Ringan: teguran lisan");
    assert_eq!(d.status(6, 1), "Ringan: teguran tertulis");
    assert_eq!(d.status(12, 1), "Sedang: potongan TPP 25% 6 bulan");
    assert_eq!(d.status(21, 1), "Berat: penurunan jabatan");
    assert_eq!(d.status(10, 10), "Berat: pemberhentian");
}

#[test]
fn suggestions_are_close() {
    let s = Settings::embedded().unwrap();
    let sug = s.unit_suggestions("Dinas Perhubungann");
    assert!(sug[0].contains("DISHUB"), "{sug:?}");
    let sug = s.unit_suggestions("Dinas Pariwisata");
    assert!(sug[0].contains("DISPORAPAR"), "{sug:?}");
    let sug = s.unit_suggestions("Puskesmas Wates Kota");
    assert!(sug[0].contains("PKM-WATES"), "{sug:?}");
}
