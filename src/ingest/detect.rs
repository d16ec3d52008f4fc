//! Finding the table in a sheet (SPEC §3.2–3.4): the header row among the first 30 rows
//! (possibly split over two rows), the metadata rows above it (`Unit Kerja : …`,
//! `Bulan : …`), and the unit and month a file name gives. Which layout a header means is
//! each layout's own rule (`layout::SheetLayout`); this module only searches and asks them.

use crate::ground::codes::CodeTable;
use crate::ground::model::{StatusCode, YearMonth};
use crate::ground::settings::Settings;
use crate::ground::text::norm_key;
use crate::ingest::layout::LAYOUTS;
use crate::ingest::values::{month_from_file_name, parse_month_text};
use crate::ingest::workbook::{Cell, Grid};

/// Kept at its old path: the report's `Berkas` sheet and the parse cache name a sheet's
/// layout through it.
pub use crate::ingest::layout::Layout;

/// A column meaning (SPEC §3.3).
#[derive(Copy, Clone, PartialEq, Eq, Debug, Hash)]
pub enum Field {
    Nip,
    Nama,
    NamaNip,
    Unit,
    Tanggal,
    Status,
    MenitTerlambat,
    Kegiatan,
    Kelompok,
    Bulan,
    Target,
    Realisasi,
    NilaiPerilaku,
    RatingHasil,
    RatingPerilaku,
    /// One of the seven BerAKHLAK values, 0..7.
    Berakhlak(u8),
    Jabatan,
    StatusPegawai,
    /// A fingerprint machine's person id (`User ID`, `PIN`, `ID`, `ID Mesin`; SPEC §3.9).
    MachineId,
    /// A machine's enrolment number: the id only when no `User ID`/`PIN` column exists.
    EnrollId,
    /// One date-time cell of a scan (`Waktu`, `Date/Time`).
    DateTime,
    /// The time of a scan, beside a date column (`Jam`, `Time`).
    Jam,
    /// Datang / masuk time of a daily row.
    JamMasuk,
    /// Pulang time of a daily row.
    JamPulang,
    /// Minutes left early as the sheet states them (`Kurang (mnt)`).
    MenitPulangCepat,
    /// A shift name (per day in a sheet, per person in a roster).
    Shift,
    /// The machine's department (ignored: it is not the unit).
    Dept,
    /// Roster: known to the unit from (`TMT`, `Mulai`).
    Mulai,
    /// Roster: no longer in the unit from (`Berhenti`).
    Berhenti,
    /// KBK group: the decree's number (`Nomor SK`; SPEC §11.1).
    NoSk,
    /// KBK group: the decree's date.
    TanggalSk,
    /// KBK group: its fasilitator (a name, never a member).
    Fasilitator,
    /// KBK group: its theme (`Tema`, `Judul`).
    Tema,
    /// KBK group: what it measures (`Indikator`, `Sasaran`).
    Indikator,
    /// KBK group: the indikator's unit of measure (`Satuan`).
    Satuan,
    /// KBK group: the indikator's baseline (`Nilai Awal`, `Baseline`).
    NilaiAwal,
    /// KBK: planned end — a group's `tanggal_selesai`, a step's `rencana_selesai`.
    RencanaSelesai,
    /// KBK member: role in the group (`Peran`, `Jabatan dalam Kelompok`).
    Peran,
    /// KBK meeting: its number (`Pertemuan ke-`).
    PertemuanKe,
    /// KBK meeting: its length in minutes (`Durasi (menit)`, `Lama`).
    Durasi,
    /// KBK: one of the eight steps, by number or name.
    Langkah,
    /// KBK meeting: what it discussed (`Agenda`, `Pembahasan`).
    Agenda,
    /// KBK meeting: its outcome (`Hasil`, `Kesimpulan`); in `kbk-hasil`, the measured value.
    Hasil,
    /// KBK step: planned start.
    RencanaMulai,
    /// KBK step: actual start.
    RealisasiMulai,
    /// KBK step: actual end.
    RealisasiSelesai,
    /// KBK: a measured value of the indikator, or a juri score (`Nilai`, `Capaian`, `Skor`).
    Nilai,
    /// KBK measurement: savings or benefits (`Manfaat`, `Penghematan`).
    Manfaat,
    /// KBK contest: the category (`Kategori`).
    Kategori,
    /// KBK contest: the criterion scored (`Kriteria`, `Aspek Penilaian`).
    Kriteria,
    /// KBK contest: who scored (`Juri`, `Penilai`).
    Juri,
}

pub const BERAKHLAK: [&str; 7] =
    ["Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"];

impl Field {
    /// The configuration name of the field (`[kolom]` keys).
    pub fn key(self) -> &'static str {
        match self {
            Self::Nip => "nip",
            Self::Nama => "nama",
            Self::NamaNip => "nama_nip",
            Self::Unit => "unit",
            Self::Tanggal => "tanggal",
            Self::Status => "status",
            Self::MenitTerlambat => "menit_terlambat",
            Self::Kegiatan => "kegiatan",
            Self::Kelompok => "kelompok",
            Self::Bulan => "bulan",
            Self::Target => "target",
            Self::Realisasi => "realisasi",
            Self::NilaiPerilaku => "nilai_perilaku",
            Self::RatingHasil => "rating_hasil",
            Self::RatingPerilaku => "rating_perilaku",
            Self::Berakhlak(0) => "berorientasi_pelayanan",
            Self::Berakhlak(1) => "akuntabel",
            Self::Berakhlak(2) => "kompeten",
            Self::Berakhlak(3) => "harmonis",
            Self::Berakhlak(4) => "loyal",
            Self::Berakhlak(5) => "adaptif",
            Self::Berakhlak(_) => "kolaboratif",
            Self::Jabatan => "jabatan",
            Self::StatusPegawai => "status_pegawai",
            Self::MachineId => "id_mesin",
            Self::EnrollId => "enroll_id",
            Self::DateTime => "waktu",
            Self::Jam => "jam",
            Self::JamMasuk => "jam_masuk",
            Self::JamPulang => "jam_pulang",
            Self::MenitPulangCepat => "menit_pulang_cepat",
            Self::Shift => "shift",
            Self::Dept => "dept",
            Self::Mulai => "mulai",
            Self::Berhenti => "berhenti",
            Self::NoSk => "no_sk",
            Self::TanggalSk => "tanggal_sk",
            Self::Fasilitator => "fasilitator",
            Self::Tema => "tema",
            Self::Indikator => "indikator",
            Self::Satuan => "satuan",
            Self::NilaiAwal => "nilai_awal",
            Self::RencanaSelesai => "rencana_selesai",
            Self::Peran => "peran",
            Self::PertemuanKe => "pertemuan_ke",
            Self::Durasi => "durasi",
            Self::Langkah => "langkah",
            Self::Agenda => "agenda",
            Self::Hasil => "hasil",
            Self::RencanaMulai => "rencana_mulai",
            Self::RealisasiMulai => "realisasi_mulai",
            Self::RealisasiSelesai => "realisasi_selesai",
            Self::Nilai => "nilai",
            Self::Manfaat => "manfaat",
            Self::Kategori => "kategori",
            Self::Kriteria => "kriteria",
            Self::Juri => "juri",
        }
    }

    fn builtin_synonyms(self) -> &'static [&'static str] {
        match self {
            Self::Nip => &[
                "NIP",
                "NIP Baru",
                "No. Induk Pegawai",
                "Nomor Induk Pegawai",
                "NIP/NIK",
                "NIP / NIK",
                "NRP",
                "NIP/NRP",
            ],
            Self::Nama => &["Nama", "Nama Pegawai", "Nama Lengkap", "Nama ASN", "Name"],
            Self::NamaNip => &["Nama / NIP", "Nama/NIP", "Nama dan NIP", "Nama NIP"],
            Self::Unit => &[
                "Unit Kerja",
                "Unit",
                "SKPD",
                "OPD",
                "Perangkat Daerah",
                "Satuan Kerja",
                "Satker",
                "Instansi",
                "UNOR",
                "Unit Organisasi",
            ],
            Self::Tanggal => &["Tanggal", "Tgl", "Hari/Tanggal", "Hari / Tanggal", "Hari, Tanggal", "Date"],
            Self::Status => &["Status", "Kehadiran", "Keterangan", "Ket", "Ket.", "Status Kehadiran"],
            Self::MenitTerlambat => &[
                "Terlambat (menit)",
                "Menit Terlambat",
                "Keterlambatan",
                "Keterlambatan (menit)",
                "Terlambat",
                "Telat (mnt)",
                "Telat (menit)",
                "Terlambat (mnt)",
            ],
            Self::Kegiatan => &["Kegiatan", "Jenis Kegiatan", "Acara"],
            Self::Kelompok => &[
                "Kelompok",
                "KBK",
                "Kelompok Budaya Kerja",
                "Nama Kelompok",
                "Nama KBK",
                "Nama Kelompok Budaya Kerja",
            ],
            Self::Bulan => &["Bulan", "Periode"],
            Self::Target => &["Target", "Target Kinerja", "Sasaran Akhir", "Target Akhir"],
            Self::Realisasi => &["Realisasi", "Realisasi Kinerja", "Capaian Output"],
            Self::NilaiPerilaku => &["Nilai Perilaku", "Perilaku Kerja", "Nilai Perilaku Kerja"],
            Self::RatingHasil => &["Rating Hasil Kerja"],
            Self::RatingPerilaku => &["Rating Perilaku Kerja"],
            Self::Berakhlak(i) => match i {
                0 => &["Berorientasi Pelayanan"],
                1 => &["Akuntabel"],
                2 => &["Kompeten"],
                3 => &["Harmonis"],
                4 => &["Loyal"],
                5 => &["Adaptif"],
                _ => &["Kolaboratif"],
            },
            Self::Jabatan => &["Jabatan"],
            Self::StatusPegawai => &["Status Pegawai"],
            Self::MachineId => {
                &["User ID", "UserID", "PIN", "ID", "No. ID", "ID Mesin", "No. Absen", "No Absen", "AC-No."]
            }
            Self::EnrollId => &["Enroll ID", "EnrollID", "Enroll No"],
            Self::DateTime => &["Waktu", "Tanggal/Jam", "Date/Time", "Tgl/Waktu", "Tanggal Jam", "DateTime"],
            Self::Jam => &["Jam", "Time", "Waktu Scan", "Jam Scan"],
            Self::JamMasuk => &["Jam Masuk", "Jam Datang", "Scan Masuk", "Datang", "Datang Pukul"],
            Self::JamPulang => &["Jam Pulang", "Scan Pulang", "Pulang", "Jam Keluar", "Pulang Pukul"],
            Self::MenitPulangCepat => &[
                "Kurang (mnt)",
                "Kurang (menit)",
                "Pulang Cepat (menit)",
                "Pulang Cepat (mnt)",
                "PSW (menit)",
                "PSW (mnt)",
            ],
            Self::Shift => &["Shift", "Sif", "Jadwal Shift"],
            Self::Dept => &["Dept", "Dept.", "Departemen", "Department"],
            Self::Mulai => &["TMT", "Mulai", "Tanggal Mulai", "TMT Unit"],
            Self::Berhenti => &["Berhenti", "Tanggal Berhenti"],
            _ => kbk_synonyms(self),
        }
    }

    pub const ALL: [Field; 57] = [
        Self::Nip,
        Self::Nama,
        Self::NamaNip,
        Self::Unit,
        Self::Tanggal,
        Self::Status,
        Self::MenitTerlambat,
        Self::Kegiatan,
        Self::Kelompok,
        Self::Bulan,
        Self::Target,
        Self::Realisasi,
        Self::NilaiPerilaku,
        Self::RatingHasil,
        Self::RatingPerilaku,
        Self::Berakhlak(0),
        Self::Berakhlak(1),
        Self::Berakhlak(2),
        Self::Berakhlak(3),
        Self::Berakhlak(4),
        Self::Berakhlak(5),
        Self::Berakhlak(6),
        Self::Jabatan,
        Self::StatusPegawai,
        Self::MachineId,
        Self::EnrollId,
        Self::DateTime,
        Self::Jam,
        Self::JamMasuk,
        Self::JamPulang,
        Self::MenitPulangCepat,
        Self::Shift,
        Self::Dept,
        Self::Mulai,
        Self::Berhenti,
        Self::NoSk,
        Self::TanggalSk,
        Self::Fasilitator,
        Self::Tema,
        Self::Indikator,
        Self::Satuan,
        Self::NilaiAwal,
        Self::RencanaSelesai,
        Self::Peran,
        Self::PertemuanKe,
        Self::Durasi,
        Self::Langkah,
        Self::Agenda,
        Self::Hasil,
        Self::RencanaMulai,
        Self::RealisasiMulai,
        Self::RealisasiSelesai,
        Self::Nilai,
        Self::Manfaat,
        Self::Kategori,
        Self::Kriteria,
        Self::Juri,
    ];
}

/// The headers of the KBK sheets' own fields (SPEC §11.1). `No` is never a meeting's
/// number: most tables start with a `No` column counting the rows.
fn kbk_synonyms(field: Field) -> &'static [&'static str] {
    match field {
        Field::NoSk => &["Nomor SK", "No. SK", "No SK", "Nomor Keputusan", "No. Keputusan"],
        Field::TanggalSk => &["Tanggal SK", "Tgl SK", "Tgl. SK", "Tanggal Keputusan"],
        Field::Fasilitator => &["Fasilitator", "Pembina", "Pendamping", "Nama Fasilitator"],
        Field::Tema => &["Tema", "Judul", "Tema/Judul", "Judul Tema", "Tema KBK"],
        Field::Indikator => &["Indikator", "Sasaran", "Indikator Kinerja"],
        Field::Satuan => &["Satuan"],
        Field::NilaiAwal => &["Nilai Awal", "Kondisi Awal", "Baseline"],
        Field::RencanaSelesai => &["Rencana Selesai", "Tanggal Selesai", "Target Selesai"],
        Field::Peran => &[
            "Peran",
            "Jabatan dalam Kelompok",
            "Jabatan Kelompok",
            "Kedudukan",
            "Kedudukan dalam Kelompok",
            "Peran dalam Kelompok",
        ],
        Field::PertemuanKe => &["Pertemuan ke-", "Pertemuan Ke", "Pertemuan"],
        Field::Durasi => &["Durasi (menit)", "Durasi", "Lama", "Lama (menit)"],
        Field::Langkah => &["Langkah", "Langkah ke-", "Tahap", "Tahapan", "Langkah KBK", "Nama Langkah"],
        Field::Agenda => &["Agenda", "Pembahasan", "Materi"],
        Field::Hasil => &["Hasil", "Hasil Pertemuan", "Kesimpulan"],
        Field::RencanaMulai => &["Rencana Mulai"],
        Field::RealisasiMulai => &["Realisasi Mulai"],
        Field::RealisasiSelesai => &["Realisasi Selesai"],
        Field::Nilai => &["Nilai", "Capaian", "Nilai Indikator", "Hasil Pengukuran", "Skor", "Nilai Juri"],
        Field::Manfaat => &["Manfaat", "Penghematan", "Manfaat/Penghematan"],
        Field::Kategori => &["Kategori"],
        Field::Kriteria => &["Kriteria", "Aspek Penilaian"],
        Field::Juri => &["Juri", "Penilai", "Nama Juri", "Nama Penilai"],
        _ => &[],
    }
}

/// Header texts (normalised) → field, built once per run from built-ins and `[kolom]`. A
/// map: detection looks up every cell of the first 30 rows of every sheet, for each layout.
#[derive(Clone, Debug)]
pub struct HeaderVocabulary {
    entries: std::collections::HashMap<String, Field>,
}

impl HeaderVocabulary {
    pub fn new(settings: &Settings) -> Self {
        let mut entries = std::collections::HashMap::new();
        for f in Field::ALL {
            let configured = settings.column_synonyms(f.key()).iter().map(String::as_str);
            for s in configured.chain(f.builtin_synonyms().iter().copied()) {
                // The first field to name a text keeps it, as the configuration lists them.
                entries.entry(norm_key(s)).or_insert(f);
            }
        }
        Self { entries }
    }

    pub fn field(&self, header: &str) -> Option<Field> {
        let k = norm_key(header);
        if k.is_empty() {
            return None;
        }
        self.entries.get(&k).copied()
    }
}

/// A located table: where the header is, where data starts and which column holds what.
#[derive(Clone, Debug)]
pub struct Table {
    /// Relative row index of the (first) header row.
    pub header_row: usize,
    /// Relative row index of the first data row.
    pub data_start: usize,
    pub columns: Vec<(Field, usize)>,
    /// attendance-matrix: (day of month, column) for the day columns `1`…`31`.
    pub days: Vec<(u32, usize)>,
    /// attendance-matrix: trailing total columns, cross-checked against the codes.
    pub totals: Vec<(Total, usize)>,
    /// attendance-daily: the TL/PSW band columns of a per-person recap (`TL` over
    /// `1 - 30 | 31 - 60 | 61 - 90 | > 90/Tdk Absen`, the same for `PSW`).
    pub bands: Vec<BandColumn>,
}

/// One band column of a per-person recap: which of TL/PSW, the band (1–4), the column.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct BandColumn {
    pub psw: bool,
    pub band: u8,
    pub col: usize,
}

/// A trailing total column of a matrix recap.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Total {
    /// The count of one code (`H`, `S`, `I`, `C`, `TK`/`A`, …).
    Code(StatusCode),
    /// `JHK`: working days (every code but L and TB).
    HariKerja,
}

impl Table {
    /// A table of named columns only (no day, total or band columns): its header at
    /// `header_row`, its data from `data_start`.
    pub fn of_columns(header_row: usize, data_start: usize, columns: Vec<(Field, usize)>) -> Table {
        Table { header_row, data_start, columns, days: Vec::new(), totals: Vec::new(), bands: Vec::new() }
    }

    pub fn col(&self, f: Field) -> Option<usize> {
        self.columns.iter().find(|(g, _)| *g == f).map(|(_, c)| *c)
    }

    pub fn has(&self, f: Field) -> bool {
        self.col(f).is_some()
    }
}

/// How many rows from the top the header may start in (SPEC §3.2).
const HEADER_SEARCH_ROWS: usize = 30;

/// What a layout may look at while the header is searched for.
pub struct HeaderSearch<'a> {
    pub grid: &'a Grid,
    pub vocab: &'a HeaderVocabulary,
    pub codes: &'a CodeTable,
    /// The row of the first `Kelompok : Melati` label in the header window: a KBK sheet per
    /// group names its group above its header (SPEC §11.1). Found once per sheet.
    pub group_row: Option<usize>,
}

/// The fields a candidate header row names, each with its column: what a layout's
/// [`SheetLayout::recognises`](crate::ingest::layout::SheetLayout::recognises) judges.
#[derive(Clone, Copy, Debug)]
pub struct HeaderFields<'a>(pub &'a [(Field, usize)]);

impl HeaderFields<'_> {
    pub fn has(self, f: Field) -> bool {
        self.0.iter().any(|(g, _)| *g == f)
    }

    pub fn has_any(self, fields: &[Field]) -> bool {
        fields.iter().any(|&f| self.has(f))
    }

    /// A column that says who: the NIP, the name, or the two in one cell.
    pub fn names_person(self) -> bool {
        self.has_any(&[Field::Nip, Field::Nama, Field::NamaNip])
    }
}

/// Finds the header row and the layout of the table (SPEC §3.2), trying the layouts of
/// [`LAYOUTS`] in their order; `None` when the sheet holds no known table.
pub fn find_table(grid: &Grid, vocab: &HeaderVocabulary, codes: &CodeTable) -> Option<(Layout, Table)> {
    let last = grid.height().min(HEADER_SEARCH_ROWS);
    let search = HeaderSearch { grid, vocab, codes, group_row: group_label_row(grid, last) };
    // A header shape of its own (the matrix's day numbers) is the strongest signal: a matrix
    // recap's person header sits above its day columns and could otherwise pass for a roster
    // header (`Nama / NIP | Jabatan`). So such shapes are looked for over the whole window
    // before any row is classified by the fields it names.
    let own_shape = LAYOUTS.iter().find_map(|&layout| {
        (0..last).find_map(|r| layout.locate(&search, r)).map(|t| (Layout::new(layout), t))
    });
    if own_shape.is_some() {
        return own_shape;
    }
    (0..last).filter(|&r| !grid.row_is_empty(r)).find_map(|r| header_row_table(grid, vocab, r))
}

/// The row of the first `Kelompok : …` metadata label in the first `rows` rows; only a
/// sheet with a text cell that mentions a group (`kelompok`, `kbk`) is read for it.
fn group_label_row(grid: &Grid, rows: usize) -> Option<usize> {
    let mentions = |s: &str| {
        let b = s.as_bytes();
        b.windows(8).any(|w| w.eq_ignore_ascii_case(b"kelompok"))
            || b.windows(3).any(|w| w.eq_ignore_ascii_case(b"kbk"))
    };
    let candidate = grid.rows.iter().take(rows).flatten().any(|c| matches!(c, Cell::Text(s) if mentions(s)));
    if !candidate {
        return None;
    }
    read_metadata(grid, rows).kelompok.map(|(_, (r, _))| r)
}

/// The table whose header is row `r`, alone or continued by the row below.
fn header_row_table(grid: &Grid, vocab: &HeaderVocabulary, r: usize) -> Option<(Layout, Table)> {
    let one = header_columns(grid, vocab, r, false);
    let two = header_columns(grid, vocab, r, true);
    let one_layout = classify(&one);
    let two_layout = classify(&two);
    // The row below continues the header when it adds fields, or when the person columns
    // are empty there (merged down from the header): a data row always names someone.
    let continues = two_layout.is_some()
        && (one_layout.is_none() || two.len() > one.len() || person_cells_empty(grid, &one, r + 1));
    let table = |columns, data_start| Table::of_columns(r, data_start, columns);
    match (continues, two_layout, one_layout) {
        (true, Some(layout), _) => Some((layout, table(two, r + 2))),
        (_, _, Some(layout)) => Some((layout, table(one, r + 1))),
        _ => None,
    }
}

/// The first layout, in registry order, that recognises a header naming these fields.
fn classify(cols: &[(Field, usize)]) -> Option<Layout> {
    let header = HeaderFields(cols);
    LAYOUTS.iter().find(|layout| layout.recognises(header)).map(|&layout| Layout::new(layout))
}

/// True when row `row` is empty in every person column of `cols` (and there is one): the
/// row belongs to the header above, since a data row always names someone.
pub fn person_cells_empty(grid: &Grid, cols: &[(Field, usize)], row: usize) -> bool {
    let person: Vec<usize> = cols
        .iter()
        .filter(|(f, _)| matches!(f, Field::Nip | Field::Nama | Field::NamaNip))
        .map(|(_, c)| *c)
        .collect();
    !person.is_empty() && person.iter().all(|&c| grid.get(row, c).is_empty())
}

/// The fields of row `r`, optionally combined with row `r + 1` (a header split over two
/// rows, with merged cells above or beside).
pub fn header_columns(
    grid: &Grid,
    vocab: &HeaderVocabulary,
    r: usize,
    two_rows: bool,
) -> Vec<(Field, usize)> {
    let mut out: Vec<(Field, usize)> = Vec::new();
    for c in 0..grid.width() {
        let top = header_text(grid, r, c);
        let field = if two_rows {
            let below = grid.get(r + 1, c).text();
            vocab
                .field(&format!("{top} {below}"))
                .or_else(|| if below.trim().is_empty() { None } else { vocab.field(&below) })
                .or_else(|| if below.trim().is_empty() { vocab.field(&top) } else { None })
        } else {
            vocab.field(&top)
        };
        if let Some(f) = field {
            if !out.iter().any(|(g, _)| *g == f) {
                out.push((f, c));
            }
        }
    }
    out
}

/// A header cell's text; a cell covered by a merge takes the merge's top-left text only when
/// the merge is vertical (a horizontal group label such as `TANGGAL` over the day columns is
/// not the column's own name).
pub fn header_text(grid: &Grid, r: usize, c: usize) -> String {
    let cell = grid.get(r, c);
    if !cell.is_empty() {
        return cell.text();
    }
    match grid.merged_at(r, c) {
        Some(((r0, c0), (_, c1))) if c0 == c1 && r0 < r => grid.get(r0, c0).text(),
        _ => String::new(),
    }
}

/// Unit and month found in the rows above the header.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// The unit text and its relative cell.
    pub unit: Option<(String, (usize, usize))>,
    pub month: Option<YearMonth>,
    /// A month label whose value could not be read: (text, relative cell).
    pub bad_month: Option<(String, (usize, usize))>,
    /// A per-person sheet's `Nama :` value and its cell.
    pub nama: Option<(String, (usize, usize))>,
    /// A per-person sheet's `NIP :` (or `NRP :`) value and its cell.
    pub nip: Option<(Cell, (usize, usize))>,
    /// `Kegiatan : KBK`: the activity of every record of a sheet without a `Kegiatan` column
    /// (SPEC §11.1), and its cell.
    pub kegiatan: Option<(String, (usize, usize))>,
    /// `Kelompok : Melati`: the KBK group of every row of a sheet without a `Kelompok`
    /// column, and its cell.
    pub kelompok: Option<(String, (usize, usize))>,
}

const UNIT_LABELS: &[&str] = &[
    "unitkerja",
    "unit",
    "skpd",
    "opd",
    "perangkatdaerah",
    "instansi",
    "satuankerja",
    "satker",
    "unor",
    "unitorganisasi",
];
const MONTH_LABELS: &[&str] = &["bulan", "periode", "bulantahun", "periodebulan"];
const NAMA_LABELS: &[&str] = &["nama", "namapegawai", "namalengkap"];
const NIP_LABELS: &[&str] = &["nip", "nrp", "nipnrp", "nipbaru"];
const KEGIATAN_LABELS: &[&str] = &["kegiatan", "jeniskegiatan", "namakegiatan", "acara"];
const KELOMPOK_LABELS: &[&str] =
    &["kelompok", "namakelompok", "kbk", "namakbk", "kelompokbudayakerja", "namakelompokbudayakerja"];

/// Reads `Label : value` metadata in one cell, or spread over two or three neighbouring
/// cells, in the rows above `until`.
pub fn read_metadata(grid: &Grid, until: usize) -> Metadata {
    let mut meta = Metadata::default();
    for r in 0..until.min(grid.height()) {
        let width = grid.rows.get(r).map(Vec::len).unwrap_or(0);
        for c in 0..width {
            let cell = grid.get(r, c);
            let text = cell.text();
            if text.trim().is_empty() {
                continue;
            }
            let (label, value, value_cell) = match text.split_once(':') {
                Some((l, v)) if !v.trim().is_empty() => {
                    (l.to_string(), Cell::Text(v.trim().to_string()), (r, c))
                }
                Some((l, _)) => match next_value(grid, r, c) {
                    Some((v, vc)) => (l.to_string(), v, (r, vc)),
                    None => continue,
                },
                None => match next_value(grid, r, c) {
                    Some((v, vc)) => (text.clone(), v, (r, vc)),
                    None => continue,
                },
            };
            let key = norm_key(&label);
            if UNIT_LABELS.contains(&key.as_str()) && meta.unit.is_none() {
                let v = value.text().trim().trim_start_matches(':').trim().to_string();
                if !v.is_empty() {
                    meta.unit = Some((v, value_cell));
                }
            } else if MONTH_LABELS.contains(&key.as_str()) && meta.month.is_none() {
                match month_of_cell(&value) {
                    Some(m) => meta.month = Some(m),
                    None => meta.bad_month = Some((value.text(), value_cell)),
                }
            } else if NAMA_LABELS.contains(&key.as_str()) && meta.nama.is_none() {
                meta.nama = Some((value.text().trim().to_string(), value_cell));
            } else if NIP_LABELS.contains(&key.as_str()) && meta.nip.is_none() {
                meta.nip = Some((value, value_cell));
            } else if KEGIATAN_LABELS.contains(&key.as_str()) && meta.kegiatan.is_none() {
                meta.kegiatan =
                    Some((value.text().trim().to_string(), value_cell)).filter(|(v, _)| !v.is_empty());
            } else if KELOMPOK_LABELS.contains(&key.as_str()) && meta.kelompok.is_none() {
                meta.kelompok =
                    Some((value.text().trim().to_string(), value_cell)).filter(|(v, _)| !v.is_empty());
            }
        }
    }
    meta
}

/// The value right of a label: the next non-empty cell, skipping a lone `:`.
fn next_value(grid: &Grid, r: usize, c: usize) -> Option<(Cell, usize)> {
    let width = grid.rows.get(r).map(Vec::len).unwrap_or(0);
    for vc in c + 1..width.min(c + 4) {
        let cell = grid.get(r, vc);
        if cell.is_empty() {
            continue;
        }
        let t = cell.text();
        if t.trim() == ":" {
            continue;
        }
        if let Cell::Text(s) = cell {
            return Some((Cell::Text(s.trim().trim_start_matches(':').trim().to_string()), vc));
        }
        return Some((cell.clone(), vc));
    }
    None
}

/// A month from a metadata value: text forms, or a date cell.
pub fn month_of_cell(cell: &Cell) -> Option<YearMonth> {
    match cell {
        Cell::Date(Some(d), _) => YearMonth::new(chrono::Datelike::year(d), chrono::Datelike::month(d)),
        Cell::Text(s) => parse_month_text(s),
        _ => None,
    }
}

/// The unit a file name names: the longest run of name tokens that matches a configured
/// code, name or alias. Several different units → none (never guessed).
pub fn unit_from_file_name(settings: &Settings, file_name: &str) -> Option<String> {
    let stem = file_name.rsplit_once('.').map(|(s, _)| s).unwrap_or(file_name);
    let tokens: Vec<&str> = stem.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
    let mut found: Option<(usize, String)> = None;
    let mut conflict = false;
    for len in (1..=tokens.len().min(8)).rev() {
        for start in 0..=tokens.len() - len {
            let text = tokens[start..start + len].join(" ");
            if let Some(u) = settings.unit_by_text(&text) {
                match &found {
                    None => found = Some((len, u.kode.clone())),
                    Some((l, k)) if *k != u.kode && *l == len => conflict = true,
                    _ => {}
                }
            }
        }
        if found.is_some() {
            break;
        }
    }
    if conflict { None } else { found.map(|(_, k)| k) }
}

/// The month a file name gives.
pub fn month_from_name(file_name: &str) -> Option<YearMonth> {
    month_from_file_name(file_name)
}

/// Text that ends the table (SPEC §3.2): totals rows and signature blocks.
pub fn is_table_end(grid: &Grid, r: usize) -> bool {
    let Some(row) = grid.rows.get(r) else {
        return true;
    };
    let Some(first) = row.iter().find(|c| !c.is_empty()) else {
        return false;
    };
    let t = norm_key(&first.text());
    const ENDS: &[&str] =
        &["jumlah", "total", "ratarata", "mengetahui", "kepala", "keterangan", "catatan", "dicetak", "nip"];
    if let Cell::Text(s) = first {
        let lower = s.trim().to_lowercase();
        if lower.starts_with("nip.") || lower.starts_with("nip :") || lower.starts_with("nip:") {
            return true;
        }
    }
    ENDS.iter().any(|e| t == *e || (t.starts_with(e) && *e != "nip" && *e != "keterangan"))
        || t.starts_with("keterangan") && first.text().contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sheet rows above the data, and what detection should find: (layout key, header row,
    /// first data row).
    type Case = (&'static [&'static [&'static str]], Option<(&'static str, usize, usize)>);

    /// A grid of text cells (`""` is empty); numbers as text, as many exports give them.
    fn grid(rows: &[&[&str]]) -> Grid {
        let cell = |s: &&str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) };
        Grid {
            origin_row: 0,
            origin_col: 0,
            rows: rows.iter().map(|r| r.iter().map(cell).collect()).collect(),
            merged: Vec::new(),
            is_1904: false,
        }
    }

    /// The layout key and (header row, first data row) found in `rows` followed by a data
    /// row (a header with nothing below is taken as split over two rows).
    fn found(rows: &[&[&str]]) -> Option<(&'static str, usize, usize)> {
        let settings = Settings::embedded().unwrap();
        let vocab = HeaderVocabulary::new(&settings);
        let data = ["x"; 40];
        let rows: Vec<&[&str]> = rows.iter().copied().chain([&data[..]]).collect();
        find_table(&grid(&rows), &vocab, &settings.codes).map(|(l, t)| (l.key(), t.header_row, t.data_start))
    }

    #[test]
    fn layouts_are_recognised_by_their_headers_in_registry_order() {
        let days: Vec<String> = (1..=31).map(|d| d.to_string()).collect();
        let matrix: Vec<&str> = ["NIP", "Nama"].into_iter().chain(days.iter().map(String::as_str)).collect();
        let cases: &[Case] = &[
            (&[&["NIP", "Nama", "Tanggal", "Status"]], Some(("attendance-long", 0, 1))),
            (
                &[&["Unit Kerja : DISHUB"], &[], &["NIP", "Nama", "Target", "Realisasi", "Nilai Perilaku"]],
                Some(("evaluation", 2, 3)),
            ),
            (&[&["Nama", "Rating Hasil Kerja", "Rating Perilaku Kerja"]], Some(("evaluation", 0, 1))),
            (&[&["NIP", "Nama", "Jabatan"]], Some(("roster", 0, 1))),
            (&[&["Nama / NIP", "Unit Kerja"]], Some(("roster", 0, 1))),
            // Long wins over evaluation when a header names both.
            (
                &[&["NIP", "Nama", "Tanggal", "Status", "Target", "Realisasi"]],
                Some(("attendance-long", 0, 1)),
            ),
            // A date without a status is neither long nor a roster.
            (&[&["NIP", "Nama", "Tanggal", "Jabatan"]], None),
            // No person column: nothing.
            (&[&["Tanggal", "Status", "Target", "Realisasi"]], None),
            // A header split over two rows.
            (
                &[&["NIP", "Nama", "Tanggal", "Status"], &["", "", "", ""], &["1", "A", "1/11/2026", "H"]],
                Some(("attendance-long", 0, 2)),
            ),
            (
                &[&["Nama", "Terlambat", "", ""], &["", "(menit)", "Tanggal", "Status"]],
                Some(("attendance-long", 0, 2)),
            ),
        ];
        for (rows, want) in cases {
            assert_eq!(found(rows), *want, "{rows:?}");
        }
        // Clock-time layouts (SPEC §3.9).
        let clock: &[Case] = &[
            (&[&["No.", "ID", "Nama", "Waktu", "Status"]], Some(("attendance-scan", 0, 1))),
            (
                &[&["Dept", "User ID", "Name", "Enroll ID", "Date", "1", "2", "3", "4", "5"]],
                Some(("attendance-scan", 0, 1)),
            ),
            (&[&["PIN", "Nama", "Tanggal", "Jam"]], Some(("attendance-scan", 0, 1))),
            (&[&["PIN", "Nama", "Tanggal", "Waktu"]], Some(("attendance-scan", 0, 1))),
            (
                &[&["User ID", "Nama", "Tanggal", "Scan", "", ""], &["", "", "", "1", "2", "3"]],
                Some(("attendance-scan", 0, 2)),
            ),
            // A data row with `1 | 2` in it is no scan header: an id with a status is long.
            (
                &[&["No", "ID", "Nama", "Tanggal", "Status"], &["1", "2", "A", "03/08/2026", "H"]],
                Some(("attendance-long", 0, 1)),
            ),
            (
                &[&["No. Absen", "Nama", "Tanggal", "Scan 1", "Scan 2", "Scan 3"]],
                Some(("attendance-scan", 0, 1)),
            ),
            // An id beside Jam Masuk / Jam Pulang is a daily sheet, not a log.
            (&[&["ID", "Nama", "Tanggal", "Jam Masuk", "Jam Pulang"]], Some(("attendance-daily", 0, 1))),
            (
                &[&["NIP", "Nama", "Tanggal", "Datang", "Pulang", "Keterangan"]],
                Some(("attendance-daily", 0, 1)),
            ),
            // A per-person sheet: the person above, a three-row header.
            (
                &[
                    &["Nama:", "Budi"],
                    &["Tanggal", "Hari", "Absen", "", "", "", "TL"],
                    &["", "", "Datang", "Telat (mnt)", "Pulang", "Kurang (mnt)", "1 - 30"],
                    &["", "", "Pukul", "", "Pukul"],
                ],
                Some(("attendance-daily", 1, 4)),
            ),
            // A machine id without a date is a roster's column.
            (&[&["NIP", "Nama", "Jabatan", "ID Mesin", "Shift"]], Some(("roster", 0, 1))),
        ];
        for (rows, want) in clock {
            assert_eq!(found(rows), *want, "{rows:?}");
        }
        // Day columns win over a person header that could pass for a roster's.
        let with_jabatan: Vec<&str> =
            ["Nama / NIP", "Jabatan"].into_iter().chain(days.iter().map(String::as_str)).collect();
        assert_eq!(found(&[&with_jabatan]), Some(("attendance-matrix", 0, 1)));
        assert_eq!(
            found(&[&["Rekap Absensi"], &matrix, &["", "", "S", "S", "R", "K", "J"]]),
            Some(("attendance-matrix", 1, 3))
        );
    }

    /// A sheet whose status column holds a code on every dated row is attendance-long even
    /// with time columns (`absen kel miji agst.xls`); one empty or uncoded status makes it
    /// attendance-daily.
    #[test]
    fn a_status_on_every_row_keeps_a_sheet_with_times_long() {
        let settings = Settings::embedded().unwrap();
        let vocab = HeaderVocabulary::new(&settings);
        let header: &[&str] = &["NIP", "Nama", "Hari/Tanggal", "Jam Masuk", "Jam Pulang", "Keterangan"];
        let key = |statuses: &[&str]| {
            let rows: Vec<Vec<&str>> = std::iter::once(header.to_vec())
                .chain(statuses.iter().map(|s| vec!["1", "A", "03/08/2026", "07:10", "16:00", *s]))
                .collect();
            let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
            find_table(&grid(&rows), &vocab, &settings.codes).map(|(l, _)| l.key())
        };
        assert_eq!(key(&["Hadir", "Terlambat", "Sakit"]), Some("attendance-long"));
        assert_eq!(key(&["Hadir", "", "Sakit"]), Some("attendance-daily"));
        assert_eq!(key(&["C/In", "C/In", "C/Out"]), Some("attendance-daily"));
        assert_eq!(key(&["Masuk", "Masuk", "Masuk"]), Some("attendance-daily"));
    }

    /// The KBK sheets of SPEC §11.1 by their headers, and the attendance, evaluation and
    /// roster sheets beside them as before.
    #[test]
    fn kbk_sheets_are_recognised_and_attendance_stays_attendance() {
        let cases: &[Case] = &[
            (
                &[&[
                    "Unit Kerja",
                    "Nama Kelompok",
                    "Nomor SK",
                    "Tanggal SK",
                    "Fasilitator",
                    "Tema",
                    "Target",
                ]],
                Some(("kbk-kelompok", 0, 1)),
            ),
            (
                &[&["Nama KBK", "Judul", "Indikator", "Baseline", "Sasaran Akhir"]],
                Some(("kbk-kelompok", 0, 1)),
            ),
            (&[&["Nama Kelompok", "NIP", "Nama", "Peran"]], Some(("kbk-anggota", 0, 1))),
            (&[&["No", "Nama / NIP", "Kelompok", "Jabatan Kelompok"]], Some(("kbk-anggota", 0, 1))),
            (&[&["NIP", "Nama", "Jabatan", "Kelompok"]], Some(("kbk-anggota", 0, 1))),
            (
                &[&[
                    "Nama Kelompok",
                    "Pertemuan ke-",
                    "Tanggal",
                    "Durasi (menit)",
                    "Langkah",
                    "Agenda",
                    "Hasil",
                ]],
                Some(("kbk-pertemuan", 0, 1)),
            ),
            (&[&["KBK", "Pertemuan", "Hari/Tanggal", "Lama", "Materi"]], Some(("kbk-pertemuan", 0, 1))),
            (
                &[&[
                    "Nama Kelompok",
                    "Langkah",
                    "Nama Langkah",
                    "Rencana Mulai",
                    "Rencana Selesai",
                    "Keterangan",
                ]],
                Some(("kbk-langkah", 0, 1)),
            ),
            (&[&["Kelompok", "Tahapan", "Realisasi Selesai"]], Some(("kbk-langkah", 0, 1))),
            (&[&["Nama Kelompok", "Tanggal", "Nilai", "Manfaat"]], Some(("kbk-hasil", 0, 1))),
            (&[&["Kelompok", "Bulan", "Capaian", "Penghematan"]], Some(("kbk-hasil", 0, 1))),
            (&[&["Kelompok", "Kategori", "Kriteria", "Juri", "Nilai"]], Some(("kbk-penilaian", 0, 1))),
            // KBK meeting attendance is attendance (SPEC §11.1).
            (
                &[&["NIP", "Nama", "Tanggal", "Status", "Kegiatan", "Kelompok"]],
                Some(("attendance-long", 0, 1)),
            ),
            (&[&["NIP", "Nama", "Tanggal", "Keterangan", "KBK"]], Some(("attendance-long", 0, 1))),
            // Beside a person and a date, `Kelompok` with a score is no member list.
            (
                &[&["NIP", "Nama", "Kelompok", "Target", "Realisasi", "Nilai Perilaku", "Capaian"]],
                Some(("evaluation", 0, 1)),
            ),
            (&[&["NIP", "Nama", "Jabatan", "Satuan Kerja"]], Some(("roster", 0, 1))),
            (&[&["NIP", "Nama", "Jabatan", "Kedudukan"]], Some(("roster", 0, 1))),
            // A bare `No` is no meeting number; a group without any detail is nothing.
            (&[&["No", "Kelompok", "Tanggal"]], None),
            (&[&["Kelompok", "Satuan"]], None),
        ];
        for (rows, want) in cases {
            assert_eq!(found(rows), *want, "{rows:?}");
        }
    }

    /// No header text means two fields: every built-in synonym, normalised, is one field's.
    #[test]
    fn builtin_synonyms_are_unambiguous() {
        let mut seen: std::collections::HashMap<String, Field> = std::collections::HashMap::new();
        for f in Field::ALL {
            for s in f.builtin_synonyms() {
                if let Some(g) = seen.insert(norm_key(s), f) {
                    assert_eq!(g, f, "{s:?} names both {} and {}", g.key(), f.key());
                }
            }
        }
        let keys: std::collections::BTreeSet<&str> = Field::ALL.iter().map(|f| f.key()).collect();
        assert_eq!(keys.len(), Field::ALL.len());
        for k in &keys {
            assert!(crate::ground::settings::FIELDS.contains(k), "{k} is not accepted in [kolom]");
        }
    }

    #[test]
    fn kegiatan_and_kelompok_metadata() {
        let g = grid(&[
            &["Unit Kerja : DISHUB"],
            &["Kegiatan", ":", "Pertemuan KBK"],
            &["Nama Kelompok :", "Melati"],
            &["NIP", "Nama", "Tanggal", "Status"],
        ]);
        let meta = read_metadata(&g, 3);
        assert_eq!(meta.kegiatan, Some(("Pertemuan KBK".to_string(), (1, 2))));
        assert_eq!(meta.kelompok, Some(("Melati".to_string(), (2, 1))));
        assert_eq!(meta.unit.map(|(u, _)| u), Some("DISHUB".to_string()));
    }

    #[test]
    fn registry_keys_are_unique_and_round_trip() {
        let keys: Vec<&str> = LAYOUTS.iter().map(|l| l.labels().key).collect();
        let unique: std::collections::BTreeSet<&str> = keys.iter().copied().collect();
        assert_eq!(unique.len(), keys.len(), "{keys:?}");
        for l in LAYOUTS {
            let layout = Layout::by_key(l.labels().key).unwrap();
            let bytes = bincode::serde::encode_to_vec(layout, bincode::config::standard()).unwrap();
            let (back, _): (Layout, usize) =
                bincode::serde::decode_from_slice(&bytes, bincode::config::standard()).unwrap();
            assert_eq!(back, layout);
        }
        let bytes = bincode::serde::encode_to_vec("no-such-layout", bincode::config::standard()).unwrap();
        assert!(bincode::serde::decode_from_slice::<Layout, _>(&bytes, bincode::config::standard()).is_err());
        assert_eq!(Layout::by_key("attendance-scan").map(|l| l.layout_label()), Some("scan"));
        assert_eq!(Layout::by_key("attendance-daily").map(|l| l.layout_label()), Some("harian"));
        assert_eq!(
            [Layout::AttendanceLong, Layout::AttendanceMatrix, Layout::Evaluation, Layout::Roster]
                .map(|l| (l.kind_label(), l.layout_label())),
            [
                ("Kehadiran", "long"),
                ("Kehadiran", "matrix"),
                ("Penilaian", "long"),
                ("Daftar Pegawai", "long")
            ]
        );
    }
}
