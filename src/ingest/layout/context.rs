//! The reading toolkit every layout shares (SPEC §3.3–3.5): the sheet being read
//! (`SheetCtx`), and how a row's cells become a unit, a person, a date, a number or a status
//! code — or a `Reject` naming the cell to fix. Layouts decide which cells to read; the
//! rules for reading one value live here, once.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::ground::clock::{ClockTime, TimeError, is_no_scan, split_date_time};
use crate::ground::model::{
    ClockRecord, ClockTimes, Issue, Level, Person, Provenance, YearMonth, quote_value,
};
use crate::ground::settings::Settings;
use crate::ground::text::norm_name;
use crate::ingest::detect::{Field, Metadata, Table, is_table_end};
use crate::ingest::layout::{LostNip, Outcome, Record, SheetOutput};
use crate::ingest::values::{
    DateError, NipValue, excel_serial_to_date, parse_date_text, parse_nip_number, parse_nip_text,
    parse_number_text, split_nama_nip,
};
use crate::ingest::workbook::{Cell, Grid};

/// A person read from a row: who, a warning to give once (no NIP, a NIK), and — when the
/// NIP lost its digits — the surviving prefix and the rejection to use if unrecovered.
#[derive(Clone)]
pub struct PersonRead {
    /// Shared with the other records of the same person in the sheet.
    pub person: Arc<Person>,
    pub warning: Option<Reject>,
    pub lost: Option<(String, Reject)>,
}

/// The sheet's unit: `Ok(kode)`, or `Err((text, cell))` when the text matches no unit.
pub type SheetUnit = Result<String, (String, (usize, usize))>;

/// Everything a layout needs to know about the sheet it reads.
pub struct SheetCtx<'a> {
    pub settings: &'a Settings,
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    pub grid: &'a Grid,
    pub table: &'a Table,
    pub meta: &'a Metadata,
    /// The sheet's unit from metadata or file name: `Ok(kode)`, or `Err(message)` when the
    /// text found matches no configured unit, or `None` when there is none.
    pub sheet_unit: Option<SheetUnit>,
    /// The sheet's month from metadata or file name.
    pub sheet_month: Option<YearMonth>,
    /// The persons read so far, so their records share one copy.
    pub persons: std::cell::RefCell<std::collections::HashSet<Arc<Person>>>,
    /// The unit codes given to records so far (a sheet has one, rarely a few).
    pub units: std::cell::RefCell<Vec<Arc<str>>>,
    /// The last person read: the long layout repeats a person's cells on ~30 rows in a row.
    pub last_person: std::cell::RefCell<Option<LastPerson>>,
}

/// The unit and the raw person cells (name+NIP, name, NIP) of the last person read.
pub type LastPerson = (String, [Option<Cell>; 3], PersonRead);

/// A rejection of one record: the cell, the value and what to do.
#[derive(Clone, Debug)]
pub struct Reject {
    /// The row of the cell to fix when it is not the record's own row (a metadata cell).
    pub row: Option<usize>,
    pub col: usize,
    pub value: String,
    pub message: String,
}

impl Reject {
    pub fn new(col: usize, value: impl Into<String>, message: impl Into<String>) -> Self {
        Self { row: None, col, value: value.into(), message: message.into() }
    }

    /// A problem of the whole sheet, reported at the cell that causes it.
    pub fn at(row: usize, col: usize, value: impl Into<String>, message: impl Into<String>) -> Self {
        Self { row: Some(row), ..Self::new(col, value, message) }
    }
}

impl<'a> SheetCtx<'a> {
    /// The issue for a problem found while reading row `r` (at its own cell, or at the
    /// metadata cell it names).
    pub fn issue_for(&self, r: usize, x: Reject, level: Level, month: Option<YearMonth>) -> Issue {
        self.issue(x.row.unwrap_or(r), x.col, &x.value, x.message, level, month)
    }

    /// Records one rejected record of row `r`.
    pub fn reject(&self, out: &mut SheetOutput, r: usize, x: Reject, month: Option<YearMonth>) {
        out.issues.push(self.issue_for(r, x, Level::Tolak, month));
        out.outcomes.push(Outcome::Rejected(month));
    }

    /// Records a valid record; one whose NIP lost its digits waits for the roster.
    pub fn accept(&self, out: &mut SheetOutput, r: usize, record: Record, lost: Option<(String, Reject)>) {
        match lost {
            None => out.outcomes.push(match record {
                Record::Attendance(a) => Outcome::Attendance(a),
                Record::Evaluation(e) => Outcome::Evaluation(e),
            }),
            Some((prefix15, x)) => {
                let issue = self.issue_for(r, x, Level::Tolak, Some(record.month()));
                out.outcomes.push(Outcome::LostNip(Box::new(LostNip { record, prefix15, issue })));
            }
        }
    }

    /// A warning about a person (no NIP, a NIK), given once per person and sheet.
    pub fn warn_person(
        &self,
        out: &mut SheetOutput,
        warned: &mut OncePerPerson,
        r: usize,
        person: &Person,
        warning: Option<Reject>,
        month: Option<YearMonth>,
    ) {
        if let Some(w) = warning {
            if warned.first(&person.key) {
                out.issues.push(self.issue_for(r, w, Level::Peringatan, month));
            }
        }
    }

    /// A status code cell: a code or alias of SPEC §3.5, else rejected with the list of codes.
    pub fn status_code(&self, cell: &Cell, col: usize) -> Result<crate::ground::model::StatusCode, Reject> {
        if let Cell::Error(e) = cell {
            return Err(Reject::new(col, e.clone(), error_cell_message("kode status")));
        }
        let text = cell.text();
        self.settings.codes.lookup(&text).ok_or_else(|| {
            Reject::new(
                col,
                text.clone(),
                format!(
                    "kode status \"{}\" tidak dikenal; kode yang diterima: {}",
                    quote_value(text.trim()),
                    self.settings.codes.accepted_list()
                ),
            )
        })
    }

    pub fn prov(&self, row: usize, col: usize) -> Provenance {
        let (r, c) = self.grid.abs(row, col);
        Provenance { file: self.file.clone(), sheet: self.sheet.clone(), row: r, col: c }
    }

    pub fn issue(
        &self,
        row: usize,
        col: usize,
        value: &str,
        message: String,
        level: Level,
        month: Option<YearMonth>,
    ) -> Issue {
        Issue {
            file: self.file.to_string(),
            sheet: self.sheet.to_string(),
            cell: self.prov(row, col).cell(),
            value: quote_value(value),
            message,
            level,
            month,
        }
    }

    pub fn cell(&self, row: usize, f: Field) -> Option<(&Cell, usize)> {
        self.table.col(f).map(|c| (self.grid.get(row, c), c))
    }

    /// The activity and KBK group of an attendance record (SPEC §11.1): the row's
    /// `Kegiatan` and `Kelompok` cells, else the sheet's `Kegiatan : KBK` and
    /// `Kelompok : Melati` rows; `Hari Kerja` is the ordinary working day (empty).
    pub fn kegiatan_kelompok(&self, row: usize) -> (String, String) {
        let own_or_sheet = |f: Field, sheet: &Option<(String, (usize, usize))>| {
            let own = self.cell(row, f).map(|(c, _)| c.text().trim().to_string()).unwrap_or_default();
            match sheet {
                Some((text, _)) if own.is_empty() => text.clone(),
                _ => own,
            }
        };
        let mut kegiatan = own_or_sheet(Field::Kegiatan, &self.meta.kegiatan);
        if crate::ground::text::norm_key(&kegiatan) == "harikerja" {
            kegiatan.clear();
        }
        (kegiatan, own_or_sheet(Field::Kelompok, &self.meta.kelompok))
    }

    /// The table has column `f` and row `row` fills it.
    pub fn filled(&self, row: usize, f: Field) -> bool {
        self.cell(row, f).is_some_and(|(c, _)| !c.is_empty())
    }

    /// Row `row` names someone: a NIP, a name, or the two in one cell.
    pub fn names_someone(&self, row: usize) -> bool {
        [Field::Nip, Field::Nama, Field::NamaNip].into_iter().any(|f| self.filled(row, f))
    }

    /// The data rows of the table, in order: blank rows skipped; stops at a totals row or
    /// signature block, and at rows after a gap that do not look like data (SPEC §3.2).
    pub fn data_rows(&self, looks_like_data: impl Fn(usize) -> bool) -> Vec<usize> {
        self.data_rows_ending(looks_like_data, |r| is_table_end(self.grid, r))
    }

    /// [`data_rows`](Self::data_rows) with the layout's own rule for the row that ends the
    /// table (a machine log's first column is a department, which may read `Kepala …`).
    pub fn data_rows_ending(
        &self,
        looks_like_data: impl Fn(usize) -> bool,
        ends: impl Fn(usize) -> bool,
    ) -> Vec<usize> {
        let cols: Vec<usize> = self.table.columns.iter().map(|(_, c)| *c).collect();
        let mut rows = Vec::new();
        let mut after_gap = false;
        for r in self.table.data_start..self.grid.height() {
            let blank = cols.iter().all(|&c| self.grid.get(r, c).is_empty());
            if blank {
                after_gap = true;
                continue;
            }
            if ends(r) {
                break;
            }
            if after_gap && !looks_like_data(r) {
                break;
            }
            rows.push(r);
        }
        rows
    }

    /// The unit of a record: the row's unit column, else the sheet's.
    pub fn unit(&self, row: usize) -> Result<String, Reject> {
        if let Some((cell, col)) = self.cell(row, Field::Unit) {
            if !cell.is_empty() {
                let text = cell.text();
                return self.settings.unit_by_text(&text).map(|u| u.kode.clone()).ok_or_else(|| {
                    Reject::new(col, text.clone(), unknown_unit_message(self.settings, &text))
                });
            }
        }
        match &self.sheet_unit {
            Some(Ok(kode)) => Ok(kode.clone()),
            Some(Err((text, (r, c)))) => {
                Err(Reject::at(*r, *c, text.clone(), unknown_unit_message(self.settings, text)))
            }
            None => Err(Reject::at(
                self.table.header_row,
                self.first_col(),
                "",
                "unit kerja tidak ditemukan: tambahkan baris \"Unit Kerja : <nama unit>\" di atas tabel, \
                 atau cantumkan kode unit pada nama berkas (misalnya Kehadiran_DISHUB_2026-11.xlsx)"
                    .to_string(),
            )),
        }
    }

    fn first_col(&self) -> usize {
        self.table.columns.iter().map(|(_, c)| *c).min().unwrap_or(0)
    }

    /// The unit code `kode`, shared with the other records of the sheet.
    pub fn shared_unit(&self, kode: &str) -> Arc<str> {
        let mut units = self.units.borrow_mut();
        if let Some(u) = units.iter().find(|u| ***u == *kode) {
            return u.clone();
        }
        let u: Arc<str> = Arc::from(kode);
        units.push(u.clone());
        u
    }

    /// `person`, shared with the other records of the sheet.
    pub fn shared(&self, person: Person) -> Arc<Person> {
        crate::ground::model::intern_person(&mut self.persons.borrow_mut(), person)
    }

    /// The person of a record, and a warning when they are identified by name only.
    pub fn person(&self, row: usize, unit: &str) -> Result<PersonRead, Reject> {
        let raw = [Field::NamaNip, Field::Nama, Field::Nip].map(|f| self.cell(row, f).map(|(c, _)| c));
        if let Some((u, cells, read)) = &*self.last_person.borrow() {
            if u == unit && cells.iter().zip(&raw).all(|(a, b)| a.as_ref() == *b) {
                return Ok(read.clone());
            }
        }
        let read = self.read_person(row, unit)?;
        *self.last_person.borrow_mut() = Some((unit.to_string(), raw.map(|c| c.cloned()), read.clone()));
        Ok(read)
    }

    fn read_person(&self, row: usize, unit: &str) -> Result<PersonRead, Reject> {
        let (nama, nip_cell, nip_col) = self.person_cells(row);
        self.person_of(unit, &nama, &nip_cell, nip_col)
    }

    /// The person a name and a NIP cell (at column `nip_col`) give (SPEC §3.5).
    pub fn person_of(
        &self,
        unit: &str,
        nama: &str,
        nip_cell: &Cell,
        nip_col: usize,
    ) -> Result<PersonRead, Reject> {
        let nama = nama.split_whitespace().collect::<Vec<_>>().join(" ");
        match nip_value(nip_cell, nip_col)? {
            NipValue::Nip(nip) => Ok(PersonRead {
                person: self.shared(Person { key: nip.clone(), nip: Some(nip), nama }),
                warning: None,
                lost: None,
            }),
            // A police/TNI number identifies the person as firmly as a NIP, but is no NIP.
            NipValue::Nrp(nrp) => Ok(PersonRead {
                person: self.shared(Person { key: format!("nrp:{nrp}"), nip: None, nama }),
                warning: None,
                lost: None,
            }),
            NipValue::Empty => self.person_by_name(
                unit,
                nama,
                Reject::new(
                    nip_col,
                    "",
                    "NIP kosong: pegawai dikenali dari unit dan nama (pegawai non-ASN). Isi NIP 18 digit bila pegawai ASN",
                ),
            ),
            NipValue::Nik(_) => self.person_by_name(
                unit,
                nama,
                Reject::new(
                    nip_col,
                    "(NIK disembunyikan)",
                    "kolom NIP berisi NIK (16 digit), bukan NIP: pegawai dikenali dari unit dan nama; NIK tidak dicetak di laporan",
                ),
            ),
            NipValue::LostDigits { prefix15 } => {
                let reject = lost_digits(nip_col, nip_cell.text(), &prefix15);
                let person = self.shared(Person { key: format!("{unit}|{}", norm_name(&nama)), nip: None, nama });
                Ok(PersonRead { person, warning: None, lost: Some((prefix15, reject)) })
            }
            NipValue::Invalid => Err(Reject::new(
                nip_col,
                nip_cell.text(),
                "NIP tidak valid: NIP harus 18 digit angka (boleh dengan spasi atau titik), misalnya 19850315 201001 1 002",
            )),
        }
    }

    /// The name, the NIP cell and its column: from one `Nama / NIP` cell, or from the two
    /// columns (a sheet without a NIP column gives an empty NIP at the name's column).
    fn person_cells(&self, row: usize) -> (String, Cell, usize) {
        if let Some((cell, col)) = self.cell(row, Field::NamaNip) {
            let (nama, nip) = split_nama_nip(&cell.text());
            let nip_cell = if nip.is_empty() { Cell::Empty } else { Cell::Text(nip) };
            return (nama, nip_cell, col);
        }
        let nama = self.cell(row, Field::Nama).map(|(c, _)| c.text()).unwrap_or_default();
        match self.cell(row, Field::Nip) {
            Some((c, col)) => (nama, c.clone(), col),
            None => (nama, Cell::Empty, self.table.col(Field::Nama).unwrap_or(0)),
        }
    }

    /// A person without a NIP, identified by unit and name, with `warning` to give once; no
    /// name either identifies nobody (the warning's cell and value go with the rejection).
    fn person_by_name(&self, unit: &str, nama: String, warning: Reject) -> Result<PersonRead, Reject> {
        if nama.is_empty() {
            return Err(Reject::new(
                warning.col,
                warning.value,
                "NIP dan nama kosong: isi NIP (18 digit) dan nama pegawai",
            ));
        }
        let person = self.shared(Person { key: format!("{unit}|{}", norm_name(&nama)), nip: None, nama });
        Ok(PersonRead { person, warning: Some(warning), lost: None })
    }

    /// A required date cell.
    pub fn date(&self, row: usize, f: Field, label: &str) -> Result<(NaiveDate, Option<String>), Reject> {
        let Some((cell, col)) = self.cell(row, f) else {
            return Err(Reject::new(0, "", format!("kolom {label} tidak ada")));
        };
        let out_of_range =
            || Reject::new(col, cell.text(), format!("{label} di luar rentang 2000–2099; periksa tahunnya"));
        match cell {
            Cell::Empty => {
                Err(Reject::new(col, "", format!("{label} kosong: isi tanggal seperti 24/11/2026")))
            }
            Cell::Date(Some(d), _) => {
                if !(2000..=2099).contains(&chrono::Datelike::year(d)) {
                    Err(out_of_range())
                } else {
                    Ok((*d, None))
                }
            }
            Cell::Date(None, serial) | Cell::Number(serial) => {
                match excel_serial_to_date(*serial, self.grid.is_1904) {
                    Ok(d) => Ok((d, None)),
                    Err(DateError::OutOfRange) => Err(out_of_range()),
                    Err(_) => Err(Reject::new(
                        col,
                        cell.text(),
                        format!("{label} tidak valid: tulis seperti 24/11/2026"),
                    )),
                }
            }
            Cell::Text(s) => match parse_date_text(s) {
                Ok(p) => Ok((p.date, p.weekday_mismatch)),
                Err(DateError::Impossible) => Err(Reject::new(
                    col,
                    s.clone(),
                    format!("{label} tidak ada di kalender; periksa hari dan bulannya"),
                )),
                Err(DateError::OutOfRange) => Err(out_of_range()),
                Err(DateError::Unrecognised) => Err(Reject::new(
                    col,
                    s.clone(),
                    format!(
                        "{label} tidak dikenali: tulis seperti 24/11/2026 atau 24 November 2026 (hari dulu, lalu bulan)"
                    ),
                )),
            },
            Cell::Error(e) => Err(Reject::new(col, e.clone(), error_cell_message(label))),
            Cell::Bool(_) => {
                Err(Reject::new(col, cell.text(), format!("{label} tidak valid: tulis seperti 24/11/2026")))
            }
        }
    }

    /// An optional number; `Ok(None)` when the cell is empty or the column absent.
    pub fn number(&self, row: usize, f: Field, label: &str) -> Result<Option<f64>, Reject> {
        let Some((cell, col)) = self.cell(row, f) else {
            return Ok(None);
        };
        let bad = || {
            Reject::new(col, cell.text(), format!("{label} bukan angka: tulis angka seperti 85 atau 85,5"))
        };
        let x = match cell {
            Cell::Empty => return Ok(None),
            Cell::Number(x) => *x,
            Cell::Text(s) => parse_number_text(s).ok_or_else(bad)?,
            Cell::Error(e) => return Err(Reject::new(col, e.clone(), error_cell_message(label))),
            _ => return Err(bad()),
        };
        if !x.is_finite() {
            return Err(bad());
        }
        // Values are read as stored; round away float artefacts such as 0.8500000000000001.
        Ok(Some((x * 1e9).round() / 1e9))
    }
}

/// Clock-time cells (SPEC §3.9), shared by the scan, daily and matrix layouts.
impl SheetCtx<'_> {
    /// A time cell at `col`: a time cell or day fraction, or time text; `-`, `--:--` and
    /// empty are no scan (`Ok(None)`).
    pub fn time_at(&self, row: usize, col: usize, label: &str) -> Result<Option<ClockTime>, Reject> {
        let cell = self.grid.get(row, col);
        let bad = |e: TimeError| Reject::new(col, cell.text(), format!("{label}: {e}"));
        match cell {
            Cell::Empty => Ok(None),
            // ODS stores a time cell as an ISO duration (`PT07H31M05S`).
            Cell::Text(s) => match crate::ingest::values::iso_duration_time(s) {
                Some(t) => Ok(Some(t)),
                None => ClockTime::parse(s).map_err(bad),
            },
            Cell::Number(x) if (0.0..1.0).contains(x) => {
                ClockTime::from_day_fraction(*x).map(Some).map_err(bad)
            }
            Cell::Date(_, serial) if serial.is_finite() => {
                ClockTime::from_day_fraction(*serial).map(Some).map_err(bad)
            }
            Cell::Error(e) => Err(Reject::new(col, e.clone(), error_cell_message(label))),
            other => Err(bad(TimeError::BadNumber(other.text()))),
        }
    }

    /// The time column `f` of row `row` (absent column: no time).
    pub fn time(&self, row: usize, f: Field, label: &str) -> Result<Option<ClockTime>, Reject> {
        match self.table.col(f) {
            Some(col) => self.time_at(row, col, label),
            None => Ok(None),
        }
    }

    /// The time half of a date-time cell (`03/08/2026 07:14:39`, or a date-time cell).
    pub fn time_of_date_time(&self, row: usize, f: Field, label: &str) -> Result<ClockTime, Reject> {
        let Some((cell, col)) = self.cell(row, f) else {
            return Err(Reject::new(0, "", format!("kolom {label} tidak ada")));
        };
        let missing = || {
            Reject::new(
                col,
                cell.text(),
                format!("{label} tanpa jam: tulis tanggal dan jam seperti 03/11/2026 07:31"),
            )
        };
        let bad = |e: TimeError| Reject::new(col, cell.text(), format!("{label}: {e}"));
        match cell {
            Cell::Text(s) => split_date_time(s).map_err(bad)?.1.ok_or_else(missing),
            Cell::Date(_, x) | Cell::Number(x) if x.is_finite() => {
                ClockTime::from_day_fraction(*x).map_err(bad)
            }
            _ => Err(missing()),
        }
    }

    /// The date of a clock row and the month its rejection belongs to (the date's, else the
    /// sheet's).
    pub fn clock_date(&self, row: usize, f: Field) -> (Result<NaiveDate, Reject>, Option<YearMonth>) {
        let date = self.date(row, f, "tanggal").map(|(d, _)| d);
        let month = date.as_ref().ok().map(|d| YearMonth::of(*d)).or(self.sheet_month);
        (date, month)
    }

    /// A clock record of `person` on `date` read at cell (`row`, `col`), with nothing stated
    /// beside the times; layouts fill in what their rows say.
    pub fn clock_record(
        &self,
        person: Arc<Person>,
        unit: Arc<str>,
        date: NaiveDate,
        times: ClockTimes,
        (row, col): (usize, usize),
    ) -> ClockRecord {
        ClockRecord {
            person,
            machine_id: None,
            unit,
            date,
            times,
            shift: None,
            code: None,
            stated_terlambat: None,
            stated_pulang_cepat: None,
            stated_bands: None,
            sheet_month: self.sheet_month,
            prov: self.prov(row, col),
        }
    }

    /// Minutes a sheet states (`Telat (mnt)`), with the column: `-` and empty are none.
    pub fn stated_minutes(&self, row: usize, f: Field, label: &str) -> Result<Option<(u32, u32)>, Reject> {
        let Some((cell, col)) = self.cell(row, f) else {
            return Ok(None);
        };
        if let Cell::Text(s) = cell {
            if is_no_scan(s) {
                return Ok(None);
            }
        }
        let Some(x) = self.number(row, f, label)? else {
            return Ok(None);
        };
        if !(0.0..=24.0 * 60.0).contains(&x) {
            return Err(Reject::new(
                col,
                crate::ingest::workbook::format_number(x),
                format!("{label} harus antara 0 dan 1440"),
            ));
        }
        Ok(Some((x.round() as u32, self.grid.abs(row, col).1)))
    }

    /// A warning for a clock row dated outside the sheet's month: it counts for its own
    /// month (SPEC §3.9), but the sender should know.
    pub fn warn_other_month(&self, out: &mut SheetOutput, row: usize, col: usize, date: NaiveDate) {
        let Some(sheet) = self.sheet_month else { return };
        let own = YearMonth::of(date);
        if own == sheet {
            return;
        }
        let value = self.grid.get(row, col).text();
        out.issues.push(self.issue(
            row,
            col,
            &value,
            format!(
                "tanggal {} di luar bulan lembar ini ({}); dihitung untuk bulan {}. Periksa tanggalnya \
                 bila seharusnya {}",
                crate::ground::text::tanggal(date),
                crate::ground::text::periode(sheet),
                crate::ground::text::periode(own),
                crate::ground::text::periode(sheet)
            ),
            Level::Peringatan,
            Some(own),
        ));
    }

    /// A status code written beside clock times, when the cell holds one; a machine
    /// direction (`C/In`, `Masuk`) or free text is no code and is ignored.
    pub fn clock_code(&self, row: usize) -> Option<crate::ground::model::StatusCode> {
        let (cell, _) = self.cell(row, Field::Status)?;
        if cell.is_empty() || is_direction(&cell.text()) {
            return None;
        }
        self.settings.codes.lookup(&cell.text())
    }

    /// The person of a per-person sheet: the `Nama :` / `NIP :` rows above the table, else
    /// the sheet's name.
    pub fn sheet_person(&self, unit: &str) -> Result<PersonRead, Reject> {
        let nama = self.meta.nama.as_ref().map(|(n, _)| n.clone()).unwrap_or_else(|| self.sheet.to_string());
        let (nip, (r, c)) = match &self.meta.nip {
            Some((cell, at)) => (cell.clone(), *at),
            None => (Cell::Empty, self.meta.nama.as_ref().map(|(_, at)| *at).unwrap_or((0, 0))),
        };
        self.person_of(unit, &nama, &nip, c).map_err(|x| Reject { row: Some(r), ..x }).map(|mut read| {
            if let Some(w) = read.warning.take() {
                read.warning = Some(Reject { row: Some(r), ..w });
            }
            read
        })
    }
}

/// A machine's direction word (SPEC §3.9: `C/In`, `C/Out`, `Check In`, `Masuk`, `Pulang`,
/// `Datang`): a hint beside the times, never a status code, even where a code table has it as
/// an alias (`Masuk` is `H`).
pub fn is_direction(text: &str) -> bool {
    const DIRECTIONS: &[&str] = &[
        "cin",
        "cout",
        "checkin",
        "checkout",
        "in",
        "out",
        "masuk",
        "pulang",
        "datang",
        "keluar",
        "scanmasuk",
        "scanpulang",
        "overtimein",
        "overtimeout",
        "otin",
        "otout",
        "breakin",
        "breakout",
    ];
    DIRECTIONS.contains(&crate::ground::text::norm_key(text).as_str())
}

/// The NIP a cell holds (SPEC §3.5); an Excel error or a cell of another kind is rejected.
fn nip_value(cell: &Cell, col: usize) -> Result<NipValue, Reject> {
    match cell {
        Cell::Empty => Ok(NipValue::Empty),
        Cell::Text(s) => Ok(parse_nip_text(s)),
        Cell::Number(x) => Ok(parse_nip_number(*x)),
        Cell::Error(e) => Err(Reject::new(col, e.clone(), error_cell_message("NIP"))),
        other => Err(Reject::new(col, other.text(), "NIP tidak valid: NIP harus 18 digit angka")),
    }
}

/// The rejection of a NIP stored as a number, used when no roster recovers it.
fn lost_digits(col: usize, value: String, prefix15: &str) -> Reject {
    Reject::new(
        col,
        value,
        format!(
            "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang (Excel hanya menyimpan 15 digit; \
             tersisa {prefix15}…). Format kolom NIP sebagai Teks, ketik ulang NIP lengkap 18 digit, lalu \
             kirim ulang berkasnya (atau sertakan Daftar Pegawai agar NIP dapat dipulihkan)"
        ),
    )
}

pub fn error_cell_message(label: &str) -> String {
    format!("sel {label} berisi nilai error Excel; perbaiki rumusnya atau ketik nilainya langsung")
}

pub fn unknown_unit_message(settings: &Settings, text: &str) -> String {
    let sug = settings.unit_suggestions(text);
    format!(
        "unit \"{}\" tidak ada dalam daftar unit. Mungkin yang dimaksud: {}. Tulis nama unit sesuai daftar, \
         atau tambahkan alias di budaya-kerja.toml",
        quote_value(text),
        sug.join("; ")
    )
}

/// Warnings about a person (no NIP, a NIK) are given once per person and sheet, not per row.
#[derive(Default)]
pub struct OncePerPerson(HashSet<String>);

impl OncePerPerson {
    pub fn first(&mut self, key: &str) -> bool {
        self.0.insert(key.to_string())
    }
}
