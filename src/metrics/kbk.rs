//! The Kelompok Budaya Kerja figures of SPEC §11.2, per group, unit and city, as of the
//! report month's last day.

use chrono::NaiveDateTime;

use crate::ground::model::YearMonth;
use crate::metrics::Figures;
use crate::metrics::figures::{KbkReport, Risalah};

impl Figures<'_> {
    /// The KBK part of the report of month `m`.
    pub fn kbk_report(&self, _m: YearMonth) -> KbkReport {
        KbkReport::default()
    }

    /// The groups defined in the input as (unit code, name as defined), in configuration
    /// unit order, then by name.
    pub fn kbk_groups(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// The risalah of the group named `nama` (matched loosely) of unit `unit`, as of the
    /// last day of month `m`; `None` when the unit defines no such group.
    pub fn risalah(
        &self,
        _m: YearMonth,
        _unit: &str,
        _nama: &str,
        _generated_at: NaiveDateTime,
    ) -> Option<Risalah> {
        None
    }
}
