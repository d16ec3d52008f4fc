//! The mayor's PDF (SPEC §5.2): A4 portrait, Noto Sans embedded, laid out by hand on
//! printpdf's op lists. `sections/` holds one file per section of the report; `canvas`,
//! `table`, `chart` and `font` are the drawing toolkit; `furniture` adds header and footer.

mod canvas;
mod chart;
mod font;
mod furniture;
pub mod risalah;
mod sections;
mod table;
#[cfg(test)]
mod tests;

use chrono::{Datelike, Local, NaiveDateTime, Offset, TimeZone, Timelike};
use printpdf::{Mm, Op, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions};

use crate::ground::text;
use crate::metrics::figures::MonthReport;
use canvas::{Canvas, PAGE_H, PAGE_W};
use font::Fonts;

/// Why the PDF could not be made. Each is a fault of the program or its embedded fonts,
/// never of the input data: the report names it so the operator can pass it on.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("font {font} yang tertanam tidak dapat dibaca")]
    FontUnreadable { font: &'static str },
    #[error("font {font} yang tertanam rusak (units per em = 0)")]
    FontBroken { font: &'static str },
    /// printpdf's error-level messages while serialising the document.
    #[error("PDF tidak dapat dibuat: {}", .errors.join("; "))]
    Save { errors: Vec<String> },
}

/// Renders the report as a PDF document.
pub fn render(report: &MonthReport) -> Result<Vec<u8>, PdfError> {
    let (doc, _) = build(report)?;
    save(&doc)
}

/// The document's bytes; printpdf's error-level messages fail it (`PdfError::Save`).
fn save(doc: &PdfDocument) -> Result<Vec<u8>, PdfError> {
    let mut warnings = Vec::new();
    let bytes = doc.save(&PdfSaveOptions::default(), &mut warnings);
    let errors: Vec<String> =
        warnings.into_iter().filter(|w| w.severity == PdfParseErrorSeverity::Error).map(|w| w.msg).collect();
    if !errors.is_empty() {
        return Err(PdfError::Save { errors });
    }
    Ok(bytes)
}

/// The document with its pages, before serialisation, and the fonts it uses (tests
/// inspect and measure the ops here).
fn build(report: &MonthReport) -> Result<(PdfDocument, Fonts), PdfError> {
    let mut doc = PdfDocument::new(&document_title(report));
    set_metadata(&mut doc, report);
    let fonts = Fonts::load(&mut doc)?;
    let pages = compose(report, &fonts);
    let pages = furniture::decorate(pages, report, &fonts);
    doc.with_pages(pages.into_iter().map(|ops| PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops)).collect());
    Ok((doc, fonts))
}

/// The content, section by section, as one op list per page.
fn compose(report: &MonthReport, fonts: &Fonts) -> Vec<Vec<Op>> {
    let mut c = Canvas::new(fonts);
    for draw in sections::ALL {
        draw(&mut c, report);
    }
    c.finish()
}

fn document_title(report: &MonthReport) -> String {
    format!("Laporan Bulanan Budaya Kerja dan Kinerja Aparatur – {}", text::periode(report.month))
}

fn set_metadata(doc: &mut PdfDocument, report: &MonthReport) {
    let lh = &report.letterhead;
    let info = &mut doc.metadata.info;
    info.author = [lh.bagian.trim(), lh.perangkat.trim(), lh.pemerintah.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    info.subject =
        format!("Kehadiran, kinerja dan disiplin aparatur per unit kerja, {}", text::periode(report.month));
    info.creator = format!("budaya-kerja {}", env!("CARGO_PKG_VERSION"));
    info.producer = "printpdf 0.12".into();
    info.keywords =
        vec!["budaya kerja".into(), "kehadiran".into(), "kinerja".into(), report.month.to_string()];
    let created = pdf_date(report.generated_at);
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;
}

/// The generation time as a PDF date, with this machine's UTC offset for that moment.
fn pdf_date(t: NaiveDateTime) -> printpdf::OffsetDateTime {
    let offset_secs =
        Local.from_local_datetime(&t).earliest().map_or(0, |dt| dt.offset().fix().local_minus_utc());
    printpdf::OffsetDateTime::new_in_offset(
        printpdf::Date { year: t.year(), month: t.month() as u8, day: t.day() as u8 },
        printpdf::Time {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
            second: t.second() as u8,
            millisecond: 0,
        },
        printpdf::Offset {
            hours: (offset_secs / 3600) as i8,
            minutes: ((offset_secs % 3600) / 60).abs() as i8,
            seconds: 0,
            milliseconds: 0,
        },
    )
}
