//! The sections of the mayor's PDF (SPEC §5.2), one file each, drawn in the order of `ALL`
//! down the pages. They draw with the toolkit (`canvas`, `table`, `chart`, `font`) and share
//! the few number words below; a new section is a new file and one line in `ALL`.

mod belum_melapor;
mod charts;
mod data_quality;
mod discipline;
pub(super) mod kbk;
mod key_figures;
pub(super) mod letterhead;
mod signature;
pub(super) mod summary;
pub(super) mod tl_psw;
mod unit_table;

use super::canvas::Canvas;
use crate::ground::text;
use crate::metrics::figures::MonthReport;

/// Draws one section from the canvas's position on, starting new pages as it needs.
pub(super) type Section = fn(&mut Canvas, &MonthReport);

/// The sections in the order of the report: the first page's head, then the numbered
/// sections 1–7 (section 6 ends with the units with the most TL/PSW minutes), the signature,
/// then the attachment on Kelompok Budaya Kerja (a page of its own, only with KBK data).
pub(super) const ALL: [Section; 11] = [
    letterhead::draw,
    summary::draw,
    key_figures::draw,
    charts::draw,
    unit_table::draw,
    belum_melapor::draw,
    discipline::draw,
    tl_psw::draw,
    data_quality::draw,
    signature::draw,
    kbk::draw,
];

/// The value if it is a number: a NaN from upstream is printed as "no data", never as 0.
pub(super) fn finite(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite())
}

/// `Oktober 2026`: the month the changes are measured against.
pub(super) fn previous_label(r: &MonthReport) -> String {
    let month = r.previous.as_ref().and_then(|p| p.month).unwrap_or_else(|| r.month.prev());
    text::periode(month)
}

/// `+3` / `-12` / `0` with Indonesian thousands separators.
pub(super) fn signed(now: u64, before: u64) -> String {
    let n = text::angka(now.abs_diff(before));
    match now.cmp(&before) {
        std::cmp::Ordering::Greater => format!("+{n}"),
        std::cmp::Ordering::Less => format!("-{n}"),
        std::cmp::Ordering::Equal => n,
    }
}

/// `19700101 200003 1 001`: the NIP's usual grouping (birth date, appointment, sex,
/// sequence); anything that is not 18 digits is printed as given.
pub(super) fn format_nip(nip: &str) -> String {
    let nip = nip.trim();
    if nip.len() == 18 && nip.bytes().all(|b| b.is_ascii_digit()) {
        format!("{} {} {} {}", &nip[..8], &nip[8..14], &nip[14..15], &nip[15..])
    } else {
        nip.to_string()
    }
}

/// `NIP. 19700101 200003 1 001`, or nothing for a person without a NIP.
fn nip_line(nip: &str) -> String {
    if nip.trim().is_empty() { String::new() } else { format!("NIP. {}", format_nip(nip)) }
}
