//! What a computed month hands to the months after it, so that the nightly run can leave the
//! untouched months of the year alone (SPEC §6, issue 17): the month's city figures (the
//! later months' comparison with the previous month and their 12-month trend) and every
//! person's year-to-date TK at its end (the later months' `tk_kumulatif` and longest run).
//! Kept in the month memory (`cmd::months`) between runs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ground::model::YearMonth;
use crate::metrics::figures::CityFigures;

/// TK of one person from January through the end of month `ym` (`year * 100 + month`) of the
/// same year: the count, the run of TK still open at the month's end, and the longest run over
/// consecutive working-day records.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TkMark {
    pub ym: i32,
    pub cum: u64,
    pub run: u64,
    pub best: u64,
}

/// One month's hand-over.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MonthCarry {
    /// The month's city figures; `None` when it has no accepted record.
    pub city: Option<CityFigures>,
    /// Every person with TK this year as of the month's end (person key, state), by key.
    pub tk: Vec<(String, TkMark)>,
}

/// The hand-over of the months before the ones being computed.
#[derive(Clone, Debug, Default)]
pub struct Carried {
    /// The city figures of those months (the ones with data).
    pub city: BTreeMap<YearMonth, CityFigures>,
    /// The TK state at the end of the last of them.
    pub tk: Vec<(String, TkMark)>,
}

impl Carried {
    /// The hand-over of `months` (all before the first month computed), in month order.
    pub fn of<'a>(months: impl IntoIterator<Item = (YearMonth, &'a MonthCarry)>) -> Self {
        let mut out = Carried::default();
        let mut last: Option<&MonthCarry> = None;
        for (m, carry) in months {
            if let Some(city) = &carry.city {
                out.city.insert(m, city.clone());
            }
            last = Some(carry);
        }
        out.tk = last.map(|c| c.tk.clone()).unwrap_or_default();
        out
    }
}
