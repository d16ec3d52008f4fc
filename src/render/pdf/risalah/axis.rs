//! A time axis of whole calendar months, shared by the Gantt chart and the indikator chart:
//! the x of a date, the months that get a tick (fewer as the span grows, so labels never
//! collide and a date typo decades away cannot flood the page), and the month and year
//! labels.

use chrono::{Datelike, NaiveDate};

use super::bulan_singkat;
use crate::ground::model::YearMonth;
use crate::render::pdf::canvas::{Painter, Style};

/// At most this many ticks across the axis.
const MAX_TICKS: i64 = 24;

pub(super) struct MonthAxis {
    first: YearMonth,
    /// Months shown, at least 1.
    months: i64,
    pub x0: f32,
    pub x1: f32,
}

impl MonthAxis {
    /// The months from the earliest to the latest of `dates`, at least `min_months` (the
    /// span grows forward); `None` without any date.
    pub fn spanning(
        dates: impl IntoIterator<Item = NaiveDate>,
        min_months: i64,
        x0: f32,
        x1: f32,
    ) -> Option<Self> {
        let mut dates = dates.into_iter();
        let d0 = dates.next()?;
        let (lo, hi) = dates.fold((d0, d0), |(lo, hi), d| (lo.min(d), hi.max(d)));
        let first = YearMonth::of(lo);
        let months = (index(first, hi) + 1).max(min_months.max(1));
        Some(Self { first, months, x0, x1 })
    }

    /// The x of the start of `d` (or of its end with `end_of_day`), clamped to the axis.
    pub fn x(&self, d: NaiveDate, end_of_day: bool) -> f32 {
        let ym = YearMonth::of(d);
        let day = d.day0() as f64 + if end_of_day { 1.0 } else { 0.0 };
        let pos = index(self.first, d) as f64 + day / f64::from(ym.days().max(1));
        self.at(pos)
    }

    /// True when `d` falls within the months shown.
    pub fn covers(&self, d: NaiveDate) -> bool {
        (0..self.months).contains(&index(self.first, d))
    }

    /// Width of one month in mm.
    pub fn month_w(&self) -> f32 {
        (self.x1 - self.x0) / self.months as f32
    }

    fn at(&self, months: f64) -> f32 {
        let share = (months / self.months as f64).clamp(0.0, 1.0) as f32;
        self.x0 + share * (self.x1 - self.x0)
    }

    /// Months between ticks: 1, 2, 3, 6, 12, then whole decades of years, the first that
    /// leaves `label_w` mm per tick and at most `MAX_TICKS` ticks.
    fn step(&self, label_w: f32) -> i64 {
        let mut candidates = vec![1, 2, 3, 6, 12, 24, 60];
        let mut k = 120;
        while candidates.last().is_some_and(|&s| s < self.months) {
            candidates.push(k);
            k *= 10;
        }
        candidates
            .into_iter()
            .find(|&s| (self.months + s - 1) / s <= MAX_TICKS && self.month_w() * s as f32 >= label_w)
            .unwrap_or(self.months)
    }

    /// The ticked months: (x of the month's start, the month), `step` months apart.
    fn ticks(&self, step: i64) -> Vec<(f32, YearMonth)> {
        (0..self.months)
            .step_by(step.max(1) as usize)
            .map(|i| (self.at(i as f64), add_months(self.first, i)))
            .collect()
    }

    /// Vertical lines at the ticks from `top` to `bottom` (year starts darker), plus the
    /// axis ends.
    pub fn grid(
        &self,
        p: &mut Painter,
        top: f32,
        bottom: f32,
        label_w: f32,
        light: [f32; 3],
        strong: [f32; 3],
    ) {
        for (x, ym) in self.ticks(self.step(label_w)) {
            let color = if ym.month == 1 { strong } else { light };
            p.line((x, top), (x, bottom), color, 0.35);
        }
        p.line((self.x1, top), (self.x1, bottom), light, 0.35);
    }

    /// Month labels on `month_baseline` and year labels on `year_baseline` (the first
    /// month's year and each January). With ticks a year or more apart, only years, on the
    /// month line.
    pub fn labels(&self, p: &mut Painter, month_baseline: f32, year_baseline: f32, style: Style) {
        let label_w = p.width("Mei", style) + 1.2;
        let step = self.step(label_w);
        let ticks = self.ticks(step);
        if step >= 12 {
            let mut free = f32::MIN;
            for (x, ym) in ticks {
                free = self.label(p, x, free, month_baseline, &ym.year.to_string(), style);
            }
            return;
        }
        let band = self.month_w() * step as f32;
        for &(x, ym) in &ticks {
            let name = bulan_singkat(ym.month);
            if step == 1 {
                p.text_center(x + band / 2.0, month_baseline, name, style);
            } else {
                p.text(x + 0.6, month_baseline, name, style);
            }
        }
        let mut free = f32::MIN;
        for i in 0..self.months {
            let ym = add_months(self.first, i);
            if i == 0 || ym.month == 1 {
                free = self.label(p, self.at(i as f64), free, year_baseline, &ym.year.to_string(), style);
            }
        }
    }

    /// A label left-aligned just right of `x`, unless it would run into the previous label
    /// (ending at `free`) or past the axis; returns where the next label may start.
    fn label(&self, p: &mut Painter, x: f32, free: f32, baseline: f32, text: &str, style: Style) -> f32 {
        let w = p.width(text, style);
        let left = x + 0.6;
        if left < free || left + w > self.x1 + 0.01 {
            return free;
        }
        p.text(left, baseline, text, style);
        left + w + 1.5
    }
}

/// Whole months from `first` to the month of `d` (negative before it).
fn index(first: YearMonth, d: NaiveDate) -> i64 {
    (i64::from(d.year()) - i64::from(first.year)) * 12 + i64::from(d.month()) - i64::from(first.month)
}

fn add_months(ym: YearMonth, n: i64) -> YearMonth {
    let total = i64::from(ym.year) * 12 + i64::from(ym.month) - 1 + n;
    YearMonth { year: total.div_euclid(12) as i32, month: (total.rem_euclid(12) + 1) as u32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_map_to_their_month_and_day() {
        let a = MonthAxis::spanning([d(2026, 3, 15), d(2026, 1, 1)], 1, 0.0, 30.0).unwrap();
        assert_eq!(a.months, 3);
        assert_eq!(a.x(d(2026, 1, 1), false), 0.0);
        assert_eq!(a.x(d(2026, 3, 31), true), 30.0);
        assert!((a.x(d(2026, 2, 1), false) - 10.0).abs() < 1e-4);
        assert!(a.covers(d(2026, 2, 28)) && !a.covers(d(2026, 4, 1)) && !a.covers(d(2025, 12, 31)));
        assert_eq!(a.x(d(2030, 1, 1), false), 30.0, "clamped");
        let short = MonthAxis::spanning([d(2026, 5, 2)], 4, 0.0, 40.0).unwrap();
        assert_eq!(short.months, 4);
        assert!(MonthAxis::spanning([], 1, 0.0, 1.0).is_none());
    }

    #[test]
    fn ticks_thin_out_as_the_span_grows() {
        let year = MonthAxis::spanning([d(2026, 1, 1), d(2026, 12, 1)], 1, 0.0, 120.0).unwrap();
        assert_eq!(year.step(5.0), 1);
        let typo = MonthAxis::spanning([d(2026, 1, 1), d(9026, 1, 1)], 1, 0.0, 120.0).unwrap();
        let step = typo.step(5.0);
        assert!(typo.ticks(step).len() as i64 <= MAX_TICKS, "{step}");
        assert_eq!(add_months(YearMonth { year: 2026, month: 11 }, 3), YearMonth { year: 2027, month: 2 });
    }
}
