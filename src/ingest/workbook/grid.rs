//! The plain types a workbook is read into: a [`Cell`], a sheet's dense [`Grid`] with its
//! origin and merged regions, and what became of each sheet ([`SheetContent`], [`CellNote`]).
//! They know nothing of calamine; the later stages use only these.

use calamine::{Dimensions, SheetType, SheetVisible};
use chrono::NaiveDate;

use super::error::SheetError;
use super::limits::MAX_MERGED;

/// One cell, reduced to what the value rules need.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date-formatted cell: the calendar date when it converts, and the raw serial.
    Date(Option<NaiveDate>, f64),
    Bool(bool),
    /// `#N/A`, `#DIV/0!`, …
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text for matching and messages (numbers without a trailing `.0`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(x) => format_number(*x),
            Cell::Date(Some(d), _) => d.format("%Y-%m-%d").to_string(),
            Cell::Date(None, x) => format_number(*x),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Cell::Error(e) => e.clone(),
        }
    }
}

pub fn format_number(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 { format!("{}", x as i64) } else { format!("{x}") }
}

/// A sheet as a dense grid with its absolute origin, so `(origin + i, origin + j)` is the cell
/// reference of `rows[i][j]`.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub origin_row: u32,
    pub origin_col: u32,
    pub rows: Vec<Vec<Cell>>,
    /// Merged regions, absolute and inclusive: ((row, col), (row, col)).
    pub merged: Vec<((u32, u32), (u32, u32))>,
    /// The workbook counts dates from 1904 (old Mac Excel): plain serial numbers in date
    /// columns are converted accordingly.
    pub is_1904: bool,
}

impl Grid {
    pub fn height(&self) -> usize {
        self.rows.len()
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The cell at relative (row, col); `Empty` outside the grid.
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&EMPTY)
    }

    /// Absolute (row, col) of a relative position.
    pub fn abs(&self, row: usize, col: usize) -> (u32, u32) {
        (self.origin_row + row as u32, self.origin_col + col as u32)
    }

    pub fn row_is_empty(&self, row: usize) -> bool {
        self.rows.get(row).is_none_or(|r| r.iter().all(Cell::is_empty))
    }

    /// The merged region covering relative (row, col), as relative coordinates.
    pub fn merged_at(&self, row: usize, col: usize) -> Option<((usize, usize), (usize, usize))> {
        let (r, c) = self.abs(row, col);
        self.merged
            .iter()
            .find(|((r0, c0), (r1, c1))| (*r0..=*r1).contains(&r) && (*c0..=*c1).contains(&c))
            .map(|((r0, c0), (r1, c1))| {
                let rel = |a: u32, o: u32| a.saturating_sub(o) as usize;
                (
                    (rel(*r0, self.origin_row), rel(*c0, self.origin_col)),
                    (rel(*r1, self.origin_row), rel(*c1, self.origin_col)),
                )
            })
    }
}

/// One sheet of a workbook.
#[derive(Debug)]
pub enum SheetContent {
    Visible(Grid),
    /// Hidden or very hidden: listed, never read.
    Hidden,
    /// A chart or macro sheet, or one that could not be read or exceeds a limit.
    Unreadable(String),
}

#[derive(Debug)]
pub struct Sheet {
    pub name: String,
    pub content: SheetContent,
    /// Warnings about single cells of a visible sheet (a text cut to the characters-per-cell
    /// limit), to be listed as `Peringatan` with their cell reference.
    pub notes: Vec<CellNote>,
}

/// A warning about one cell, found while reading the sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct CellNote {
    /// Absolute, 0-based.
    pub row: u32,
    pub col: u32,
    /// The start of the value, already quoted for a message.
    pub value: String,
    pub message: String,
}

/// Absolute, inclusive: ((row, col), (row, col)).
type Region = ((u32, u32), (u32, u32));

pub(super) fn merged_regions(merged: Vec<Dimensions>) -> Result<Vec<Region>, SheetError> {
    if merged.len() > MAX_MERGED {
        return Err(SheetError::TooManyMerged { count: merged.len() });
    }
    Ok(merged.into_iter().map(|d| (d.start, d.end)).collect())
}

/// What becomes of a sheet that is listed but never read: a hidden one, or a chart or macro
/// sheet; `None` for a visible worksheet.
pub(super) fn not_read(m: &calamine::Sheet) -> Option<SheetContent> {
    if m.visible != SheetVisible::Visible {
        Some(SheetContent::Hidden)
    } else if m.typ != SheetType::WorkSheet {
        Some(SheetError::NotATable.into())
    } else {
        None
    }
}
