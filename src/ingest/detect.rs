//! Finding the table in a sheet (SPEC §3.2–3.4): the header row among the first 30 rows
//! (possibly split over two rows), the layout it implies, the metadata rows above it
//! (`Unit Kerja : …`, `Bulan : …`), and the unit and month a file name gives.

use crate::ground::codes::CodeTable;
use crate::ground::model::{StatusCode, YearMonth};
use crate::ground::settings::Settings;
use crate::ground::text::norm_key;
use crate::ingest::values::{month_from_file_name, parse_month_text};
use crate::ingest::workbook::{Cell, Grid};

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
        }
    }

    fn builtin_synonyms(self) -> &'static [&'static str] {
        match self {
            Self::Nip => {
                &["NIP", "NIP Baru", "No. Induk Pegawai", "Nomor Induk Pegawai", "NIP/NIK", "NIP / NIK"]
            }
            Self::Nama => &["Nama", "Nama Pegawai", "Nama Lengkap", "Nama ASN"],
            Self::NamaNip => &["Nama / NIP", "Nama/NIP", "Nama dan NIP", "Nama NIP"],
            Self::Unit => {
                &["Unit Kerja", "Unit", "SKPD", "OPD", "Perangkat Daerah", "Satuan Kerja", "Instansi"]
            }
            Self::Tanggal => &["Tanggal", "Tgl", "Hari/Tanggal", "Hari / Tanggal", "Hari, Tanggal"],
            Self::Status => &["Status", "Kehadiran", "Keterangan", "Ket", "Ket.", "Status Kehadiran"],
            Self::MenitTerlambat => &[
                "Terlambat (menit)",
                "Menit Terlambat",
                "Keterlambatan",
                "Keterlambatan (menit)",
                "Terlambat",
            ],
            Self::Kegiatan => &["Kegiatan", "Jenis Kegiatan", "Acara"],
            Self::Kelompok => &["Kelompok", "KBK", "Kelompok Budaya Kerja"],
            Self::Bulan => &["Bulan", "Periode"],
            Self::Target => &["Target", "Target Kinerja"],
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
        }
    }

    pub const ALL: [Field; 24] = [
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
    ];
}

/// Header texts (normalised) → field, built once per run from built-ins and `[kolom]`.
#[derive(Clone, Debug)]
pub struct HeaderVocabulary {
    entries: Vec<(String, Field)>,
}

impl HeaderVocabulary {
    pub fn new(settings: &Settings) -> Self {
        let mut entries = Vec::new();
        for f in Field::ALL {
            for s in settings.column_synonyms(f.key()) {
                entries.push((norm_key(s), f));
            }
            for s in f.builtin_synonyms() {
                entries.push((norm_key(s), f));
            }
        }
        Self { entries }
    }

    pub fn field(&self, header: &str) -> Option<Field> {
        let k = norm_key(header);
        if k.is_empty() {
            return None;
        }
        self.entries.iter().find(|(s, _)| *s == k).map(|(_, f)| *f)
    }
}

/// The table layouts of SPEC §3.4.
#[derive(Copy, Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub enum Layout {
    AttendanceLong,
    AttendanceMatrix,
    Evaluation,
    Roster,
}

impl Layout {
    /// `Jenis` on the Berkas sheet.
    pub fn kind_label(self) -> &'static str {
        match self {
            Self::AttendanceLong | Self::AttendanceMatrix => "Kehadiran",
            Self::Evaluation => "Penilaian",
            Self::Roster => "Daftar Pegawai",
        }
    }

    /// `Tata Letak` on the Berkas sheet.
    pub fn layout_label(self) -> &'static str {
        match self {
            Self::AttendanceMatrix => "matrix",
            Self::AttendanceLong | Self::Evaluation | Self::Roster => "long",
        }
    }
}

/// A located table: where the header is, where data starts and which column holds what.
#[derive(Clone, Debug)]
pub struct Table {
    pub layout: Layout,
    /// Relative row index of the (first) header row.
    pub header_row: usize,
    /// Relative row index of the first data row.
    pub data_start: usize,
    pub columns: Vec<(Field, usize)>,
    /// attendance-matrix: (day of month, column) for the day columns `1`…`31`.
    pub days: Vec<(u32, usize)>,
    /// attendance-matrix: trailing total columns, cross-checked against the codes.
    pub totals: Vec<(Total, usize)>,
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
    pub fn col(&self, f: Field) -> Option<usize> {
        self.columns.iter().find(|(g, _)| *g == f).map(|(_, c)| *c)
    }

    pub fn has(&self, f: Field) -> bool {
        self.col(f).is_some()
    }
}

/// How many rows from the top the header may start in (SPEC §3.2).
const HEADER_SEARCH_ROWS: usize = 30;

/// Finds the header row and layout; `None` when the sheet holds no known table.
pub fn find_table(grid: &Grid, vocab: &HeaderVocabulary, codes: &CodeTable) -> Option<Table> {
    let last = grid.height().min(HEADER_SEARCH_ROWS);
    // Day columns are the strongest signal: a matrix recap's person header sits above them
    // and could otherwise pass for a roster header (`Nama / NIP | Jabatan`).
    if let Some(t) = (0..last).find_map(|r| find_matrix(grid, vocab, codes, r)) {
        return Some(t);
    }
    for r in 0..last {
        if grid.row_is_empty(r) {
            continue;
        }

        let one = header_columns(grid, vocab, r, false);
        let two = header_columns(grid, vocab, r, true);
        let one_layout = classify(&one);
        let two_layout = classify(&two);
        // The row below continues the header when it adds fields, or when the person columns
        // are empty there (merged down from the header): a data row always names someone.
        let continues = two_layout.is_some()
            && (one_layout.is_none() || two.len() > one.len() || person_cells_empty(grid, &one, r + 1));
        if continues {
            if let Some(layout) = two_layout {
                return Some(Table {
                    layout,
                    header_row: r,
                    data_start: r + 2,
                    columns: two,
                    days: Vec::new(),
                    totals: Vec::new(),
                });
            }
        }
        if let Some(layout) = one_layout {
            return Some(Table {
                layout,
                header_row: r,
                data_start: r + 1,
                columns: one,
                days: Vec::new(),
                totals: Vec::new(),
            });
        }
    }
    None
}

fn person_cells_empty(grid: &Grid, cols: &[(Field, usize)], row: usize) -> bool {
    let person: Vec<usize> = cols
        .iter()
        .filter(|(f, _)| matches!(f, Field::Nip | Field::Nama | Field::NamaNip))
        .map(|(_, c)| *c)
        .collect();
    !person.is_empty() && person.iter().all(|&c| grid.get(row, c).is_empty())
}

/// The fields of row `r`, optionally combined with row `r + 1` (a header split over two
/// rows, with merged cells above or beside).
fn header_columns(grid: &Grid, vocab: &HeaderVocabulary, r: usize, two_rows: bool) -> Vec<(Field, usize)> {
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
fn header_text(grid: &Grid, r: usize, c: usize) -> String {
    let cell = grid.get(r, c);
    if !cell.is_empty() {
        return cell.text();
    }
    match grid.merged_at(r, c) {
        Some(((r0, c0), (_, c1))) if c0 == c1 && r0 < r => grid.get(r0, c0).text(),
        _ => String::new(),
    }
}

fn classify(cols: &[(Field, usize)]) -> Option<Layout> {
    let has = |f: Field| cols.iter().any(|(g, _)| *g == f);
    let person = has(Field::Nip) || has(Field::Nama) || has(Field::NamaNip);
    if !person {
        return None;
    }
    if has(Field::Tanggal) && has(Field::Status) {
        return Some(Layout::AttendanceLong);
    }
    let numbers = has(Field::Target) && has(Field::Realisasi);
    let ratings = has(Field::RatingHasil) && has(Field::RatingPerilaku);
    if numbers || ratings {
        return Some(Layout::Evaluation);
    }
    let named = (has(Field::Nip) && has(Field::Nama)) || has(Field::NamaNip);
    let attendance_or_evaluation =
        [Field::Tanggal, Field::Status, Field::Target, Field::Realisasi, Field::RatingHasil]
            .into_iter()
            .any(has);
    if named
        && !attendance_or_evaluation
        && (has(Field::Jabatan) || has(Field::StatusPegawai) || has(Field::Unit))
    {
        return Some(Layout::Roster);
    }
    None
}

/// The day number a header cell holds, 1..=31.
fn day_number(cell: &Cell) -> Option<u32> {
    let x = match cell {
        Cell::Number(x) => *x,
        Cell::Text(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    (x.fract() == 0.0 && (1.0..=31.0).contains(&x)).then_some(x as u32)
}

/// The longest run of columns headed 1, 2, 3, … in row `r`: at least 28 days.
fn day_run(grid: &Grid, r: usize) -> Option<Vec<(u32, usize)>> {
    let width = grid.rows.get(r).map(Vec::len)?;
    let mut best: Vec<(u32, usize)> = Vec::new();
    let mut c = 0;
    while c < width {
        if day_number(grid.get(r, c)) == Some(1) {
            let mut run = vec![(1, c)];
            while let Some(&(d, col)) = run.last() {
                if day_number(grid.get(r, col + 1)) == Some(d + 1) {
                    run.push((d + 1, col + 1));
                } else {
                    break;
                }
            }
            c = run.last().map(|(_, col)| col + 1).unwrap_or(c + 1);
            if run.len() > best.len() {
                best = run;
            }
        } else {
            c += 1;
        }
    }
    (best.len() >= 28).then_some(best)
}

/// A weekday name or the initial used in recaps (`S S R K J S M`, `Sen`, `Senin`, `Mon`).
fn is_weekday_label(text: &str) -> bool {
    const LABELS: &[&str] = &[
        "s", "r", "k", "j", "m", "sn", "sl", "rb", "km", "jm", "sb", "mg", "sen", "sel", "rab", "kam", "jum",
        "sab", "min", "ahd", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "ahad", "mon",
        "tue", "wed", "thu", "fri", "sat", "sun",
    ];
    LABELS.contains(&norm_key(text).as_str())
}

/// attendance-matrix (SPEC §3.4): day columns `1`…`31` in row `r` (possibly under a merged
/// `Tanggal` label above), person columns named in the rows above or in `r`, an optional
/// weekday row below — part of the header, never data — and trailing total columns.
fn find_matrix(grid: &Grid, vocab: &HeaderVocabulary, codes: &CodeTable, r: usize) -> Option<Table> {
    let days = day_run(grid, r)?;
    let day_cols: Vec<usize> = days.iter().map(|(_, c)| *c).collect();
    let first_day = *day_cols.first()?;
    let last_day = *day_cols.last()?;
    let top = r.saturating_sub(2);
    let mut columns: Vec<(Field, usize)> = Vec::new();
    let mut header_row = r;
    for c in 0..grid.width() {
        if (first_day..=last_day).contains(&c) {
            continue;
        }
        for hr in (top..=r).rev() {
            if let Some(f) = vocab.field(&header_text(grid, hr, c)) {
                if !columns.iter().any(|(g, _)| *g == f) {
                    columns.push((f, c));
                    header_row = header_row.min(hr);
                }
                break;
            }
        }
    }
    if !columns.iter().any(|(f, _)| matches!(f, Field::Nip | Field::Nama | Field::NamaNip)) {
        return None;
    }
    let mut totals = Vec::new();
    for c in last_day + 1..grid.width() {
        let text = (top..=r).rev().map(|hr| header_text(grid, hr, c)).find(|t| !t.trim().is_empty());
        let Some(text) = text else { continue };
        let key = norm_key(&text);
        if key == "jhk" || key == "harikerja" || key == "jmlharikerja" || key == "jumlahharikerja" {
            totals.push((Total::HariKerja, c));
        } else if let Some(code) = codes.lookup(&text) {
            totals.push((Total::Code(code), c));
        }
    }
    // A weekday row directly below the day numbers belongs to the header.
    let weekday_row = {
        let filled: Vec<String> =
            day_cols.iter().map(|&c| grid.get(r + 1, c).text()).filter(|t| !t.trim().is_empty()).collect();
        !filled.is_empty()
            && filled.iter().filter(|t| is_weekday_label(t)).count() * 2 > filled.len()
            && person_cells_empty(grid, &columns, r + 1)
    };
    let data_start = if weekday_row { r + 2 } else { r + 1 };
    Some(Table { layout: Layout::AttendanceMatrix, header_row, data_start, columns, days, totals })
}

/// Unit and month found in the rows above the header.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// The unit text and its relative cell.
    pub unit: Option<(String, (usize, usize))>,
    pub month: Option<YearMonth>,
    /// A month label whose value could not be read: (text, relative cell).
    pub bad_month: Option<(String, (usize, usize))>,
}

const UNIT_LABELS: &[&str] =
    &["unitkerja", "unit", "skpd", "opd", "perangkatdaerah", "instansi", "satuankerja"];
const MONTH_LABELS: &[&str] = &["bulan", "periode", "bulantahun", "periodebulan"];

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
