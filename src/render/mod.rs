//! Everything that knows about output formats: the XLSX workbook for the staff, the PDF for
//! the mayor. Renderers are pure: a
//! `MonthReport` in, bytes out; `publish` writes them.

pub mod csv;
pub mod pdf;
pub mod template;
pub mod xlsx;
