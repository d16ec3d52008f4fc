//! Deriving a person-day from clock times (SPEC §3.9 "Deriving the day"): de-duplicating
//! scans, choosing masuk and pulang, judging them against the day's hours or a shift (H, TL,
//! PSW or TK, with minutes and bands). Pure functions over plain values; no sheets, no I/O.

use chrono::{NaiveDate, NaiveDateTime};

use crate::ground::clock::{ClockTime, MINUTES_PER_DAY};
use crate::ground::model::StatusCode;
use crate::ground::schedule::{ClockRules, Hours, Shift};

/// More kept scans than this in one day are still kept, with a warning.
pub const MANY_SCANS: usize = 10;

/// The band of a missing masuk or pulang scan (BKN's "tidak absen").
pub const NO_SCAN_BAND: u8 = 4;

/// A shift's scans are looked for from 3 hours before its start to 4 hours after its end.
const WINDOW_BEFORE: i64 = 3 * 60;
const WINDOW_AFTER: i64 = 4 * 60;

const DAY: i64 = MINUTES_PER_DAY as i64;

/// A person-day's scans after de-duplication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dedup {
    /// Sorted.
    pub kept: Vec<ClockTime>,
    /// Input indexes of the duplicates, ascending: the caller counts them as `Duplikat`.
    pub dropped: Vec<usize>,
}

/// The judgement of one person-day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayVerdict {
    /// H, TL, PSW or TK on a working day; L on a day off or holiday, which is not judged
    /// (its scans are evidence only). TL when late, also when early as well (`psw_band`
    /// says so); PSW when only early.
    pub code: StatusCode,
    /// Counted from jam masuk (not from jam masuk + toleransi).
    pub menit_terlambat: u32,
    pub menit_pulang_cepat: u32,
    /// 0 when on time; 1–4 by `pita`; 4 with 0 minutes when there is no masuk scan.
    pub tl_band: u8,
    /// 0 when not early; 1–4 by `pita`; 4 with 0 minutes when there is no pulang scan.
    pub psw_band: u8,
    pub masuk: Option<ClockTime>,
    pub pulang: Option<ClockTime>,
    /// The scans that count, in time order (for `scan` in data/kehadiran-YYYY-MM.csv).
    pub kept: Vec<ClockTime>,
    /// Input indexes of the duplicate scans, ascending.
    pub dropped: Vec<usize>,
    /// More than `MANY_SCANS` kept scans: kept, with a warning.
    pub many_scans: bool,
}

impl DayVerdict {
    pub fn is_late(&self) -> bool {
        self.tl_band > 0
    }

    pub fn left_early(&self) -> bool {
        self.psw_band > 0
    }

    /// The kept scans as `07:31;16:05`.
    pub fn scan_text(&self) -> String {
        self.kept.iter().map(ClockTime::to_string).collect::<Vec<_>>().join(";")
    }
}

/// Sorts a person-day's scans and drops each one less than `jeda_scan` minutes after the
/// last kept scan (exactly `jeda_scan` minutes later is kept).
pub fn dedup_scans(scans: &[ClockTime], jeda_scan: u32) -> Dedup {
    let (kept, dropped) = dedup_stamps(&day_stamps(scans), jeda_scan);
    Dedup { kept: kept.into_iter().map(clock).collect(), dropped }
}

/// A person-day on the day schedule from its scans, in any order, duplicates included:
/// the first kept scan is masuk, the last pulang; a lone scan is masuk before
/// `batas_tengah`, else pulang. `hours` is `None` on a day off or holiday (code L).
pub fn derive_day(scans: &[ClockTime], hours: Option<Hours>, rules: &ClockRules) -> DayVerdict {
    let (kept, dropped) = dedup_stamps(&day_stamps(scans), rules.jeda_scan);
    let batas = i64::from(rules.batas_tengah.minutes());
    let found = roles(&kept, |t| t < batas);
    verdict(found, hours.map(Frame::of_hours), rules, kept, dropped)
}

/// A daily or per-person row whose columns say which time is masuk and which is pulang.
pub fn judge_times(
    masuk: Option<ClockTime>,
    pulang: Option<ClockTime>,
    hours: Option<Hours>,
    rules: &ClockRules,
) -> DayVerdict {
    let found = Found { masuk: masuk.map(stamp), pulang: pulang.map(stamp) };
    verdict(found, hours.map(Frame::of_hours), rules, found.stamps(), Vec::new())
}

/// A person's scans grouped by planned shift day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftGrouping {
    /// Per entry of the plan, the input indexes of its scans.
    pub per_day: Vec<Vec<usize>>,
    /// Scans in no planned shift's window (evidence only).
    pub outside: Vec<usize>,
}

/// Groups a shift worker's scans into the windows of the planned shifts (`plan`: each
/// shift day's start date and shift). A window runs from 3 hours before the start to 4
/// hours after the end, across midnight; a scan in two windows goes to the shift whose
/// start or end it is nearer to (the earlier shift on a tie).
pub fn group_shift_scans(scans: &[NaiveDateTime], plan: &[(NaiveDate, &Shift)]) -> ShiftGrouping {
    let mut per_day = vec![Vec::new(); plan.len()];
    let mut outside = Vec::new();
    for (i, &at) in scans.iter().enumerate() {
        let nearest = plan
            .iter()
            .enumerate()
            .filter_map(|(p, &(date, shift))| {
                let frame = Frame::of_shift(shift);
                let t = minutes_from(date, at);
                let distance = (t - frame.masuk).abs().min((t - frame.pulang).abs());
                frame.window().contains(&t).then_some((distance, p))
            })
            .min();
        match nearest.and_then(|(_, p)| per_day.get_mut(p)) {
            Some(day) => day.push(i),
            None => outside.push(i),
        }
    }
    ShiftGrouping { per_day, outside }
}

/// A shift day from the scans of its window (`date` = the shift's start date, also when it
/// ends the next day or in the next month). A lone scan in the first half of the window is
/// masuk.
pub fn derive_shift_day(
    date: NaiveDate,
    scans: &[NaiveDateTime],
    shift: &Shift,
    rules: &ClockRules,
) -> DayVerdict {
    let frame = Frame::of_shift(shift);
    let stamps: Vec<i64> = scans.iter().map(|&at| minutes_from(date, at)).collect();
    let (kept, dropped) = dedup_stamps(&stamps, rules.jeda_scan);
    let window = frame.window();
    let middle = (window.start() + window.end()) / 2;
    let found = roles(&kept, |t| t < middle);
    verdict(found, Some(frame), rules, kept, dropped)
}

/// A daily or per-person row of a shift worker: a pulang earlier than the datang is on the
/// next calendar day. A datang after midnight of a night shift is on the next day when that
/// is nearer the shift's start; a pulang with no datang is placed nearest the shift's end.
pub fn judge_shift_times(
    datang: Option<ClockTime>,
    pulang: Option<ClockTime>,
    shift: &Shift,
    rules: &ClockRules,
) -> DayVerdict {
    let frame = Frame::of_shift(shift);
    let masuk = datang.map(|t| nearer(stamp(t), frame.masuk));
    let pulang = pulang.map(|t| match masuk {
        Some(m) => {
            let same_day = m.div_euclid(DAY) * DAY + stamp(t);
            if same_day < m { same_day + DAY } else { same_day }
        }
        None => nearer(stamp(t), frame.pulang),
    });
    let found = Found { masuk, pulang };
    verdict(found, Some(frame), rules, found.stamps(), Vec::new())
}

/// The scheduled masuk and pulang in minutes from the judged day's midnight (a night
/// shift's pulang is past 1440).
#[derive(Clone, Copy, Debug)]
struct Frame {
    masuk: i64,
    pulang: i64,
}

impl Frame {
    fn of_hours(h: Hours) -> Self {
        Self { masuk: stamp(h.masuk), pulang: stamp(h.pulang) }
    }

    fn of_shift(s: &Shift) -> Self {
        let next_day = if s.crosses_midnight() { DAY } else { 0 };
        Self { masuk: stamp(s.masuk), pulang: stamp(s.pulang) + next_day }
    }

    fn window(self) -> std::ops::RangeInclusive<i64> {
        self.masuk - WINDOW_BEFORE..=self.pulang + WINDOW_AFTER
    }
}

/// The masuk and pulang found, in minutes from the judged day's midnight.
#[derive(Clone, Copy, Debug)]
struct Found {
    masuk: Option<i64>,
    pulang: Option<i64>,
}

impl Found {
    fn stamps(self) -> Vec<i64> {
        self.masuk.into_iter().chain(self.pulang).collect()
    }
}

/// First kept scan masuk, last pulang; a lone scan is masuk when `lone_is_masuk` says so.
fn roles(kept: &[i64], lone_is_masuk: impl Fn(i64) -> bool) -> Found {
    match kept {
        [] => Found { masuk: None, pulang: None },
        &[only] if lone_is_masuk(only) => Found { masuk: Some(only), pulang: None },
        &[only] => Found { masuk: None, pulang: Some(only) },
        &[first, .., last] => Found { masuk: Some(first), pulang: Some(last) },
    }
}

/// The judgement of `found` against `frame` (`None`: not a working day, not judged).
fn verdict(
    found: Found,
    frame: Option<Frame>,
    rules: &ClockRules,
    kept: Vec<i64>,
    dropped: Vec<usize>,
) -> DayVerdict {
    let mut v = DayVerdict {
        code: StatusCode::L,
        menit_terlambat: 0,
        menit_pulang_cepat: 0,
        tl_band: 0,
        psw_band: 0,
        masuk: found.masuk.map(clock),
        pulang: found.pulang.map(clock),
        many_scans: kept.len() > MANY_SCANS,
        kept: kept.into_iter().map(clock).collect(),
        dropped,
    };
    let Some(frame) = frame else {
        return v;
    };
    if found.masuk.is_none() && found.pulang.is_none() {
        v.code = StatusCode::TK;
        return v;
    }
    let minutes = |m: i64| u32::try_from(m).unwrap_or(u32::MAX);
    match found.masuk {
        None => v.tl_band = NO_SCAN_BAND,
        Some(m) if m > frame.masuk + i64::from(rules.toleransi_menit) => {
            v.menit_terlambat = minutes(m - frame.masuk);
            v.tl_band = rules.band(v.menit_terlambat);
        }
        Some(_) => {}
    }
    match found.pulang {
        None => v.psw_band = NO_SCAN_BAND,
        Some(p) if p < frame.pulang => {
            v.menit_pulang_cepat = minutes(frame.pulang - p);
            v.psw_band = rules.band(v.menit_pulang_cepat);
        }
        Some(_) => {}
    }
    v.code = match (v.is_late(), v.left_early()) {
        (true, _) => StatusCode::TL,
        (false, true) => StatusCode::PSW,
        (false, false) => StatusCode::H,
    };
    v
}

/// Sorted stamps, each one less than `jeda` minutes after the last kept one dropped; the
/// dropped ones by input index, ascending.
fn dedup_stamps(stamps: &[i64], jeda: u32) -> (Vec<i64>, Vec<usize>) {
    let mut order: Vec<(i64, usize)> = stamps.iter().copied().zip(0..).collect();
    order.sort_unstable();
    let mut kept: Vec<i64> = Vec::new();
    let mut dropped = Vec::new();
    for (t, i) in order {
        match kept.last() {
            Some(&last) if t - last < i64::from(jeda) => dropped.push(i),
            _ => kept.push(t),
        }
    }
    dropped.sort_unstable();
    (kept, dropped)
}

fn stamp(t: ClockTime) -> i64 {
    i64::from(t.minutes())
}

fn day_stamps(scans: &[ClockTime]) -> Vec<i64> {
    scans.iter().copied().map(stamp).collect()
}

/// The time of day of a stamp (a stamp past midnight shows as the next day's time).
fn clock(m: i64) -> ClockTime {
    ClockTime::from_minutes(m.rem_euclid(DAY) as u32).unwrap_or(ClockTime::MIDNIGHT)
}

/// Minutes from `date`'s midnight to `at`, seconds dropped.
fn minutes_from(date: NaiveDate, at: NaiveDateTime) -> i64 {
    (at.date() - date).num_days() * DAY + stamp(ClockTime::from(at.time()))
}

/// `t` on the judged day or the next, whichever is nearer `anchor`.
fn nearer(t: i64, anchor: i64) -> i64 {
    if (t + DAY - anchor).abs() < (t - anchor).abs() { t + DAY } else { t }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StatusCode::{H, L, PSW, TK, TL};
    use chrono::NaiveTime;

    fn hm(h: u32, m: u32) -> ClockTime {
        ClockTime::from_hm(h, m).unwrap()
    }

    fn rules() -> ClockRules {
        ClockRules { toleransi_menit: 0, jeda_scan: 5, batas_tengah: hm(12, 0), pita: [30, 60, 90] }
    }

    /// Senin–Kamis of the default schedule.
    fn day() -> Option<Hours> {
        Some(Hours { masuk: hm(7, 30), pulang: hm(16, 0) })
    }

    fn times(list: &[Hm]) -> Vec<ClockTime> {
        list.iter().map(|&(h, m)| hm(h, m)).collect()
    }

    fn night() -> Shift {
        Shift { nama: "Malam".into(), masuk: hm(21, 0), pulang: hm(7, 0) }
    }

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d).unwrap().and_hms_opt(h, mi, 0).unwrap()
    }

    /// (hour, minute)
    type Hm = (u32, u32);

    /// (code, menit_terlambat, tl_band, menit_pulang_cepat, psw_band)
    type Summary = (StatusCode, u32, u8, u32, u8);

    fn summary(v: &DayVerdict) -> Summary {
        (v.code, v.menit_terlambat, v.tl_band, v.menit_pulang_cepat, v.psw_band)
    }

    #[test]
    fn lateness_boundaries() {
        let cases: &[(Hm, Summary)] = &[
            ((7, 30), (H, 0, 0, 0, 0)),
            ((7, 31), (TL, 1, 1, 0, 0)),
            ((8, 0), (TL, 30, 1, 0, 0)),
            ((8, 1), (TL, 31, 2, 0, 0)),
            ((8, 30), (TL, 60, 2, 0, 0)),
            ((8, 31), (TL, 61, 3, 0, 0)),
            ((9, 0), (TL, 90, 3, 0, 0)),
            ((9, 1), (TL, 91, 4, 0, 0)),
            ((7, 0), (H, 0, 0, 0, 0)),
        ];
        for &(masuk, want) in cases {
            let v = derive_day(&times(&[masuk, (16, 0)]), day(), &rules());
            assert_eq!(summary(&v), want, "{masuk:?}");
        }
    }

    #[test]
    fn early_leave_boundaries() {
        let cases: &[(Hm, Summary)] = &[
            ((16, 0), (H, 0, 0, 0, 0)),
            ((15, 59), (PSW, 0, 0, 1, 1)),
            ((15, 30), (PSW, 0, 0, 30, 1)),
            ((15, 29), (PSW, 0, 0, 31, 2)),
            ((15, 0), (PSW, 0, 0, 60, 2)),
            ((14, 59), (PSW, 0, 0, 61, 3)),
            ((14, 30), (PSW, 0, 0, 90, 3)),
            ((14, 29), (PSW, 0, 0, 91, 4)),
            ((17, 45), (H, 0, 0, 0, 0)),
        ];
        for &(pulang, want) in cases {
            let v = derive_day(&times(&[(7, 25), pulang]), day(), &rules());
            assert_eq!(summary(&v), want, "{pulang:?}");
        }
    }

    #[test]
    fn toleransi_shifts_the_threshold_not_the_count() {
        let r = ClockRules { toleransi_menit: 5, ..rules() };
        let cases: &[(Hm, Summary)] =
            &[((7, 35), (H, 0, 0, 0, 0)), ((7, 36), (TL, 6, 1, 0, 0)), ((8, 1), (TL, 31, 2, 0, 0))];
        for &(masuk, want) in cases {
            let v = derive_day(&times(&[masuk, (16, 0)]), day(), &r);
            assert_eq!(summary(&v), want, "{masuk:?}");
        }
    }

    #[test]
    fn seconds_are_dropped() {
        let on_time = ClockTime::from(NaiveTime::from_hms_opt(7, 30, 59).unwrap());
        let v = derive_day(&[on_time, hm(16, 0)], day(), &rules());
        assert_eq!(summary(&v), (H, 0, 0, 0, 0));
    }

    #[test]
    fn jeda_scan_drops_presses_less_than_five_minutes_after_the_last_kept() {
        let cases: &[(&[Hm], &[Hm], &[usize])] = &[
            (&[(7, 30), (7, 34)], &[(7, 30)], &[1]),
            (&[(7, 30), (7, 35)], &[(7, 30), (7, 35)], &[]),
            (&[(7, 34), (7, 30)], &[(7, 30)], &[0]),
            (&[(7, 30), (7, 30)], &[(7, 30)], &[1]),
            // Measured from the last kept scan, not the last press: 07:34 goes, 07:36 stays.
            (&[(7, 30), (7, 34), (7, 36), (7, 38)], &[(7, 30), (7, 36)], &[1, 3]),
            (&[(16, 5), (7, 30), (16, 7)], &[(7, 30), (16, 5)], &[2]),
            (&[], &[], &[]),
        ];
        for &(scans, kept, dropped) in cases {
            let d = dedup_scans(&times(scans), 5);
            assert_eq!(d, Dedup { kept: times(kept), dropped: dropped.to_vec() }, "{scans:?}");
        }
        let v = derive_day(&times(&[(7, 30), (7, 34), (16, 0)]), day(), &rules());
        assert_eq!((v.kept, v.dropped), (times(&[(7, 30), (16, 0)]), vec![1]));
    }

    #[test]
    fn lone_scan_is_masuk_before_batas_tengah() {
        let v = derive_day(&times(&[(11, 59)]), day(), &rules());
        assert_eq!((v.masuk, v.pulang), (Some(hm(11, 59)), None));
        assert_eq!(summary(&v), (TL, 269, 4, 0, NO_SCAN_BAND));
        let v = derive_day(&times(&[(12, 0)]), day(), &rules());
        assert_eq!((v.masuk, v.pulang), (None, Some(hm(12, 0))));
        assert_eq!(summary(&v), (TL, 0, NO_SCAN_BAND, 240, 4));
    }

    #[test]
    fn missing_masuk_or_pulang_is_band_four_without_minutes() {
        let v = derive_day(&times(&[(16, 10)]), day(), &rules());
        assert_eq!(summary(&v), (TL, 0, 4, 0, 0), "no masuk");
        let v = derive_day(&times(&[(7, 20)]), day(), &rules());
        assert_eq!(summary(&v), (PSW, 0, 0, 0, 4), "no pulang");
        let v = judge_times(None, Some(hm(16, 0)), day(), &rules());
        assert_eq!(summary(&v), (TL, 0, 4, 0, 0), "daily row without Jam Masuk");
        let v = judge_times(Some(hm(7, 30)), None, day(), &rules());
        assert_eq!(summary(&v), (PSW, 0, 0, 0, 4), "daily row without Jam Pulang");
    }

    #[test]
    fn late_and_early_on_one_day() {
        let v = derive_day(&times(&[(8, 15), (15, 0)]), day(), &rules());
        assert_eq!(summary(&v), (TL, 45, 2, 60, 2));
        assert!(v.is_late() && v.left_early());
        assert_eq!(v.scan_text(), "08:15;15:00");
    }

    #[test]
    fn no_scan_is_tk_and_a_day_off_is_not_judged() {
        let v = derive_day(&[], day(), &rules());
        assert_eq!(summary(&v), (TK, 0, 0, 0, 0));
        let v = derive_day(&times(&[(9, 0), (11, 0)]), None, &rules());
        assert_eq!(summary(&v), (L, 0, 0, 0, 0));
        assert_eq!(v.kept, times(&[(9, 0), (11, 0)]), "scans stay as evidence");
        assert_eq!(summary(&judge_times(None, None, day(), &rules())), (TK, 0, 0, 0, 0));
    }

    #[test]
    fn more_than_ten_scans_are_kept_with_a_warning() {
        let ten: Vec<(u32, u32)> = (0..10).map(|i| (7 + i, 30)).collect();
        let v = derive_day(&times(&ten), day(), &rules());
        assert!(!v.many_scans);
        let eleven: Vec<(u32, u32)> = (0..11).map(|i| (7 + i, 30)).collect();
        let v = derive_day(&times(&eleven), day(), &rules());
        assert!(v.many_scans);
        assert_eq!(v.kept.len(), 11);
        assert_eq!((v.masuk, v.pulang), (Some(hm(7, 30)), Some(hm(17, 30))));
        assert_eq!(v.code, H);
    }

    #[test]
    fn night_shift_across_midnight() {
        let shift = night();
        let date = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        let scans = [at(2026, 11, 3, 21, 10), at(2026, 11, 3, 21, 12), at(2026, 11, 4, 6, 50)];
        let v = derive_shift_day(date, &scans, &shift, &rules());
        assert_eq!(summary(&v), (TL, 10, 1, 10, 1));
        assert_eq!((v.masuk, v.pulang, v.dropped.clone()), (Some(hm(21, 10)), Some(hm(6, 50)), vec![1]));
        let on_time = [at(2026, 11, 3, 20, 55), at(2026, 11, 4, 7, 2)];
        assert_eq!(summary(&derive_shift_day(date, &on_time, &shift, &rules())), (H, 0, 0, 0, 0));
        // A lone scan: masuk in the first half of the window (18:00–11:00, middle 02:30).
        let lone = derive_shift_day(date, &[at(2026, 11, 4, 2, 0)], &shift, &rules());
        assert_eq!(summary(&lone), (TL, 300, 4, 0, 4));
        let lone = derive_shift_day(date, &[at(2026, 11, 4, 3, 0)], &shift, &rules());
        assert_eq!(summary(&lone), (TL, 0, 4, 240, 4));
    }

    #[test]
    fn shift_scans_group_by_start_date_across_a_month_end() {
        let shift = night();
        let oct31 = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        let nov1 = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let plan = [(oct31, &shift), (nov1, &shift)];
        let scans = [
            at(2026, 10, 31, 20, 58),
            at(2026, 11, 1, 7, 5),
            at(2026, 11, 1, 21, 20),
            at(2026, 11, 2, 7, 0),
            at(2026, 11, 1, 14, 0),
        ];
        let g = group_shift_scans(&scans, &plan);
        assert_eq!(g, ShiftGrouping { per_day: vec![vec![0, 1], vec![2, 3]], outside: vec![4] });
        let day_scans: Vec<NaiveDateTime> = g.per_day[0].iter().map(|&i| scans[i]).collect();
        let v = derive_shift_day(oct31, &day_scans, &shift, &rules());
        assert_eq!(summary(&v), (H, 0, 0, 0, 0), "the 1 November scan closes the 31 October shift");
        // Window edges: 18:00 on the start date to 11:00 the next day, inclusive.
        let edges = [at(2026, 10, 31, 17, 59), at(2026, 10, 31, 18, 0), at(2026, 11, 1, 11, 0)];
        let g = group_shift_scans(&edges, &plan[..1]);
        assert_eq!(g, ShiftGrouping { per_day: vec![vec![1, 2]], outside: vec![0] });
    }

    #[test]
    fn overlapping_windows_go_to_the_nearer_shift() {
        let malam = night();
        let pagi = Shift { nama: "Pagi".into(), masuk: hm(8, 0), pulang: hm(14, 0) };
        let d1 = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        let d2 = NaiveDate::from_ymd_opt(2026, 11, 4).unwrap();
        let plan = [(d1, &malam), (d2, &pagi)];
        // Both windows hold 05:00–11:00 of the 4th: 07:10 is nearer Malam's end, 07:50 nearer
        // Pagi's start, 07:30 is as near to both and goes to the earlier shift.
        let scans = [at(2026, 11, 4, 7, 10), at(2026, 11, 4, 7, 50), at(2026, 11, 4, 7, 30)];
        let g = group_shift_scans(&scans, &plan);
        assert_eq!(g.per_day, vec![vec![0, 2], vec![1]]);
    }

    #[test]
    fn shift_rows_put_an_earlier_pulang_on_the_next_day() {
        let shift = night();
        let v = judge_shift_times(Some(hm(21, 5)), Some(hm(6, 30)), &shift, &rules());
        assert_eq!(summary(&v), (TL, 5, 1, 30, 1));
        let v = judge_shift_times(Some(hm(0, 30)), Some(hm(7, 0)), &shift, &rules());
        assert_eq!(summary(&v), (TL, 210, 4, 0, 0), "a datang after midnight is the next day");
        let v = judge_shift_times(None, Some(hm(7, 0)), &shift, &rules());
        assert_eq!(summary(&v), (TL, 0, 4, 0, 0));
        let v = judge_shift_times(Some(hm(20, 50)), None, &shift, &rules());
        assert_eq!(summary(&v), (PSW, 0, 0, 0, 4));
        let pagi = Shift { nama: "Pagi".into(), masuk: hm(7, 0), pulang: hm(14, 0) };
        let v = judge_shift_times(Some(hm(7, 0)), Some(hm(13, 0)), &pagi, &rules());
        assert_eq!(summary(&v), (PSW, 0, 0, 60, 2));
    }
}
