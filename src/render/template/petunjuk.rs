//! The `Petunjuk` sheet: who sent the template, step-by-step instructions in plain words for
//! the kind, the NIP rule, the deadline, and the table of status codes or predikat bands (the
//! KBK workbook's own steps and tables are in `kbk_petunjuk`).

use rust_xlsxwriter::{ColNum, Color, Format, FormatAlign, FormatBorder, RowNum, Worksheet, XlsxError};

use super::cells::HEADER_BLUE;
use super::days::holiday_list;
use super::{Kind, PAPER_A4, Spec, file_name, kbk_petunjuk};
use crate::ground::model::{StatusClass, StatusCode};
use crate::ground::text;

/// Writes the instructions sheet line by line. Columns: A number or code, B–C text.
pub(super) struct Guide<'w> {
    ws: &'w mut Worksheet,
    row: RowNum,
}

/// Characters per line of the merged B:C text, to size wrapped rows (Excel does not grow a
/// merged row by itself).
const GUIDE_LINE_CHARS: usize = 110;

/// The widths of columns A–C, and how many characters of table text fit on one line of each.
const GUIDE_WIDTHS: [f64; 3] = [14.0, 30.0, 66.0];
const GUIDE_CELL_CHARS: [usize; 3] = [14, 32, 72];

impl Guide<'_> {
    pub(super) fn heading(&mut self, text: &str, size: u32) -> Result<(), XlsxError> {
        let f = Format::new().set_bold().set_font_size(size);
        self.ws.write_string_with_format(self.row, 0, text, &f)?;
        self.row += 1;
        Ok(())
    }

    pub(super) fn gap(&mut self) {
        self.row += 1;
    }

    /// A numbered (or plain, with an empty `mark`) paragraph over columns B–C.
    pub(super) fn para(&mut self, mark: &str, text: &str) -> Result<(), XlsxError> {
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top).set_align(FormatAlign::Left);
        let top = Format::new().set_align(FormatAlign::Top);
        self.ws.write_string_with_format(self.row, 0, mark, &top)?;
        self.ws.merge_range(self.row, 1, self.row, 2, text, &wrap)?;
        let lines = text.chars().count().div_ceil(GUIDE_LINE_CHARS).max(1);
        self.ws.set_row_height(self.row, 15.0 * lines as f64 + 2.0)?;
        self.row += 1;
        Ok(())
    }

    /// A bordered table row; `bold` for its header.
    pub(super) fn table_row(&mut self, cells: &[&str], bold: bool) -> Result<(), XlsxError> {
        let mut f = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        if bold {
            f = f.set_bold().set_background_color(Color::RGB(HEADER_BLUE));
        }
        for (col, text) in cells.iter().enumerate() {
            self.ws.write_string_with_format(self.row, col as ColNum, *text, &f)?;
        }
        // Excel does not grow a row for wrapped text written by a program: size it here.
        let lines = cells
            .iter()
            .zip(GUIDE_CELL_CHARS)
            .map(|(text, per_line)| text.chars().count().div_ceil(per_line))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            self.ws.set_row_height(self.row, 15.0 * lines as f64 + 2.0)?;
        }
        self.row += 1;
        Ok(())
    }
}

pub(super) fn write(ws: &mut Worksheet, spec: &Spec) -> Result<(), XlsxError> {
    ws.set_name("Petunjuk")?;
    for (col, width) in GUIDE_WIDTHS.into_iter().enumerate() {
        ws.set_column_width(col as ColNum, width)?;
    }
    let mut g = Guide { ws, row: 0 };
    g.heading("PETUNJUK PENGISIAN", 14)?;
    g.para("", &intro(spec))?;
    g.gap();
    g.heading("Cara mengisi", 12)?;
    for (i, step) in steps(spec).iter().enumerate() {
        g.para(&format!("{}.", i + 1), step)?;
    }
    g.gap();
    match spec.kind {
        Kind::Matrix | Kind::Long | Kind::Jam => code_table(&mut g)?,
        Kind::Penilaian => predikat_table(&mut g, spec)?,
        Kind::Kbk => kbk_petunjuk::tables(&mut g, spec)?,
    }
    g.ws.set_paper_size(PAPER_A4).set_print_fit_to_pages(1, 0);
    g.ws.protect();
    Ok(())
}

/// Who sent the template, for which unit and month, and which sheets to fill in.
fn intro(spec: &Spec) -> String {
    let head = format!(
        "Templat {} {} bulan {}, dari {}.",
        spec.kind.title().to_lowercase(),
        spec.unit.nama,
        text::periode(spec.month),
        sender(spec)
    );
    match spec.kind {
        Kind::Kbk => format!("{head} {}", kbk_petunjuk::intro()),
        _ => format!("{head} Isi lembar \"{}\", simpan, lalu kirim kembali.", spec.kind.label()),
    }
}

/// `Bagian Organisasi Sekretariat Daerah Kota Mojokerto`, from the configured letterhead.
pub(super) fn sender(spec: &Spec) -> String {
    let org = &spec.settings.config.organisasi;
    let pemerintah = org.pemerintah.trim();
    let wilayah = pemerintah
        .strip_prefix("PEMERINTAH ")
        .or_else(|| pemerintah.strip_prefix("Pemerintah "))
        .unwrap_or(pemerintah);
    [org.bagian.as_str(), org.perangkat.as_str(), wilayah]
        .iter()
        .map(|s| title_case(s))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `SEKRETARIAT DAERAH` → `Sekretariat Daerah`.
pub(super) fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => {
                    first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect::<String>()
                }
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The step-by-step instructions for the kind, in plain words.
fn steps(spec: &Spec) -> Vec<String> {
    let mut steps = match spec.kind {
        Kind::Matrix => matrix_steps(spec),
        Kind::Long => long_steps(spec),
        Kind::Jam => jam_steps(spec),
        Kind::Penilaian => penilaian_steps(spec),
        Kind::Kbk => kbk_petunjuk::steps(spec),
    };
    steps.push(NIP_RULE.to_string());
    steps.extend(closing_steps(spec));
    steps
}

const NIP_RULE: &str = "NIP: ketik NIP lengkap 18 digit, misalnya 198503152010011002. Kolom NIP sudah \
    berformat Teks; jangan ubah menjadi Angka atau Umum (General), karena Excel hanya menyimpan 15 digit \
    angka sehingga digit terakhir NIP hilang. Bila menyalin NIP dari berkas lain, tempel sebagai nilai \
    (Tempel Khusus → Nilai). Pegawai non-ASN yang tidak punya NIP: kosongkan NIP dan tulis nama \
    lengkapnya. Jangan menulis NIK di kolom NIP.";

fn roster_sentence(spec: &Spec, what: &str) -> String {
    if spec.staff.is_empty() {
        format!("Ketik NIP dan nama setiap pegawai, satu pegawai per {what}, mulai dari nomor 1.")
    } else {
        format!(
            "NIP dan nama {} pegawai sudah terisi dari Daftar Pegawai. Periksalah, lalu ketik pegawai \
             yang belum tercantum pada {what} kosong di bawahnya.",
            spec.staff.len()
        )
    }
}

fn days_off_sentence(spec: &Spec, what: &str) -> String {
    let holidays = holiday_list(spec);
    let libur = if holidays.is_empty() { String::new() } else { format!(" ({holidays})") };
    format!(
        "{what} abu-abu adalah hari Sabtu, Minggu dan hari libur{libur}; sudah terisi L. Bila pegawai \
         bertugas pada hari itu (piket, pelayanan), ganti L dengan kode yang sesuai, misalnya H."
    )
}

fn matrix_steps(spec: &Spec) -> Vec<String> {
    vec![
        format!(
            "Lembar Kehadiran berisi satu baris untuk setiap pegawai dan satu kolom untuk setiap tanggal \
             bulan {}. {}",
            text::periode(spec.month),
            roster_sentence(spec, "baris")
        ),
        "Isi satu kode untuk setiap pegawai pada setiap tanggal. Klik selnya, lalu pilih kode dari panah \
         di sisi kanan sel, atau ketik kodenya (huruf besar atau kecil sama saja). Arti setiap kode ada \
         pada tabel di bawah."
            .to_string(),
        days_off_sentence(spec, "Kolom"),
        "Pegawai yang sepanjang bulan tidak bertugas lagi di unit ini: hapus NIP dan namanya; baris \
         tanpa NIP dan nama tidak dibaca. Bila baris kurang, sisipkan baris di tengah tabel (klik kanan \
         nomor baris → Sisipkan)."
            .to_string(),
    ]
}

fn jam_steps(spec: &Spec) -> Vec<String> {
    vec![
        format!(
            "Lembar Kehadiran berisi satu blok baris untuk setiap pegawai, satu baris untuk setiap \
             hari kerja bulan {} menurut jadwal unit (hari libur tidak dicantumkan). {}",
            text::periode(spec.month),
            roster_sentence(spec, "blok")
        ),
        "Ketik NIP dan nama hanya pada baris pertama blok (baris yang bernomor). NIP, nama dan \
         tanggal pada baris lain dalam blok itu terisi sendiri."
            .to_string(),
        "Isi Jam Masuk dan Jam Pulang setiap hari seperti 07:30 (jam dan menit), sesuai rekaman mesin \
         absensi. Kosongkan jam yang tidak ada scannya: hari tanpa jam dan tanpa keterangan dihitung \
         tanpa keterangan (TK). Terlambat dan pulang cepat dihitung sendiri dari jam kerja unit."
            .to_string(),
        "Bila pegawai sakit, izin, cuti atau bertugas di luar kantor, isi Keterangan dengan kodenya \
         (S, I, C, DL, DD, TB): kode itu berlaku walaupun ada jam. Arti setiap kode ada pada tabel di \
         bawah."
            .to_string(),
    ]
}

fn long_steps(spec: &Spec) -> Vec<String> {
    vec![
        format!(
            "Lembar Kehadiran berisi satu blok baris untuk setiap pegawai, satu baris untuk setiap \
             tanggal bulan {}. {}",
            text::periode(spec.month),
            roster_sentence(spec, "blok")
        ),
        "Ketik NIP dan nama hanya pada baris pertama blok (baris yang bernomor). NIP, nama, tanggal \
         dan kode L pada baris lain dalam blok itu terisi sendiri."
            .to_string(),
        "Isi kolom Status dengan satu kode untuk setiap tanggal: klik selnya lalu pilih dari panah di \
         sisi kanan sel, atau ketik kodenya. Bila kodenya TL, isi juga Terlambat (menit). Kolom Kegiatan \
         dibiarkan kosong untuk hari kerja biasa. Arti setiap kode ada pada tabel di bawah."
            .to_string(),
        days_off_sentence(spec, "Baris"),
        "Pegawai yang sepanjang bulan tidak bertugas lagi di unit ini: hapus NIP dan nama pada baris \
         pertama bloknya; seluruh blok menjadi kosong dan tidak dibaca."
            .to_string(),
    ]
}

fn penilaian_steps(spec: &Spec) -> Vec<String> {
    let p = &spec.settings.config.penilaian;
    vec![
        format!(
            "Lembar Penilaian berisi satu baris untuk setiap pegawai, untuk bulan {}. {}",
            text::periode(spec.month),
            roster_sentence(spec, "baris")
        ),
        "Target: target kinerja pegawai bulan ini (angka lebih dari 0), misalnya jumlah keluaran yang \
         direncanakan. Realisasi: hasil yang dicapai (angka 0 atau lebih). Nilai Perilaku: nilai perilaku \
         kerja dari 0 sampai 100. Angka boleh desimal, misalnya 87,5 (di Excel berbahasa Inggris: 87.5)."
            .to_string(),
        format!(
            "Cara menghitung: Capaian = Realisasi ÷ Target × 100 (dihitung paling tinggi 100). Nilai \
             Kinerja = {}% × Capaian + {}% × Nilai Perilaku. Predikatnya menurut tabel di bawah.",
            nilai(p.bobot_hasil * 100.0),
            nilai(p.bobot_perilaku * 100.0)
        ),
        "Isi ketiga angka untuk setiap pegawai; baris yang hanya terisi sebagian ditolak. Pegawai yang \
         tidak dinilai bulan ini: hapus NIP dan namanya; baris tanpa NIP dan nama tidak dibaca."
            .to_string(),
    ]
}

fn closing_steps(spec: &Spec) -> Vec<String> {
    let deadline = spec.month.next().first_day() + chrono::Days::new(4);
    vec![
        "Jangan mengubah kop, baris Unit Kerja dan Bulan, judul kolom, atau nama lembar, dan jangan \
         menambah atau menghapus kolom. Bagian itu dikunci (tanpa kata sandi) supaya tidak terubah \
         tanpa sengaja."
            .to_string(),
        format!(
            "Di bagian bawah lembar{}, isi jabatan, nama dan NIP pejabat yang mengetahui.",
            if spec.kind == Kind::Kbk { " Daftar Hadir" } else { "" }
        ),
        format!(
            "Simpan sebagai berkas Excel (.xlsx) dengan nama {} dan kirim ke {} paling lambat {}. Kirim \
             berkas Excel-nya, bukan foto, hasil pindaian atau PDF: berkas ini dibaca otomatis.",
            file_name(spec.kind, &spec.unit.kode, spec.month),
            sender(spec),
            text::tanggal(deadline)
        ),
        "Isian yang tidak dapat dibaca (kode tidak dikenal, NIP kurang dari 18 digit, angka di luar \
         batas) dicatat per sel dan dikembalikan kepada unit untuk diperbaiki."
            .to_string(),
    ]
}

/// `60`, `87,5`.
fn nilai(x: f64) -> String {
    if x.fract().abs() < 1e-9 { format!("{}", x.round() as i64) } else { text::desimal(x, 1) }
}

fn class_label(code: StatusCode) -> &'static str {
    match code.class() {
        StatusClass::Present => "hadir (hari kerja)",
        StatusClass::Sick | StatusClass::Leave | StatusClass::Cuti => {
            "tidak hadir dengan keterangan (hari kerja)"
        }
        StatusClass::Unexcused => "tidak hadir tanpa keterangan (hari kerja)",
        StatusClass::NotWorking => "bukan hari kerja (tidak dihitung)",
    }
}

fn code_table(g: &mut Guide) -> Result<(), XlsxError> {
    g.heading("Kode kehadiran", 12)?;
    g.table_row(&["Kode", "Arti", "Dihitung sebagai"], true)?;
    for code in StatusCode::ALL {
        g.table_row(&[code.as_str(), code.meaning(), class_label(code)], false)?;
    }
    Ok(())
}

fn predikat_table(g: &mut Guide, spec: &Spec) -> Result<(), XlsxError> {
    g.heading("Predikat kinerja", 12)?;
    g.table_row(&["Predikat", "Nilai Kinerja"], true)?;
    let bands = &spec.settings.config.penilaian.predikat;
    for (i, band) in bands.iter().enumerate() {
        let range = match i.checked_sub(1).and_then(|j| bands.get(j)) {
            None => format!("{} ke atas", nilai(band.min)),
            Some(higher) => format!("{} sampai di bawah {}", nilai(band.min), nilai(higher.min)),
        };
        g.table_row(&[band.nama.as_str(), range.as_str()], false)?;
    }
    Ok(())
}
