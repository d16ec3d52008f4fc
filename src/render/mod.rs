//! Everything that knows about output formats: the staff's workbook (`xlsx/`, one file per
//! sheet), the mayor's PDF (`pdf/`, one file per section), the tidy CSV data and the units'
//! fill-in templates. Renderers are pure: figures in, bytes out; `publish` writes them.

pub mod csv;
pub mod pdf;
pub mod template;
pub mod xlsx;
