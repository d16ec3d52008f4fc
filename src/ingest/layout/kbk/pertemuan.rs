//! `kbk-pertemuan` (SPEC §11.1): one row per meeting of a group — kelompok, pertemuan
//! (`Pertemuan ke-`), tanggal, durasi (minutes; `90 menit`, `1,5 jam` read too), langkah
//! (1–8 or its name), agenda, [hasil]. One record per row. Who attended is the KBK
//! attendance sheet's (an attendance layout with `kegiatan` = KBK).

use crate::ground::kbk::{KbkMeeting, KbkRecord};
use crate::ground::model::YearMonth;
use crate::ingest::detect::{Field, HeaderFields, HeaderSearch, Table};
use crate::ingest::layout::kbk::{self, RowError};
use crate::ingest::layout::{Labels, Reject, SheetCtx, SheetLayout, SheetOutput};
use crate::ingest::values::parse_number_text;
use crate::ingest::workbook::{Cell, format_number};

/// kbk-pertemuan: recognised by `Kelompok` and `Tanggal` with one of `Pertemuan ke-`,
/// `Durasi`, `Agenda` or `Langkah`, and no person column (a person with a date is
/// attendance).
pub struct KbkPertemuan;

/// A meeting is a row with a date or something said about it; a row with only a prefilled
/// group or meeting number is none.
const CONTENT: &[Field] = &[Field::Tanggal, Field::Durasi, Field::Langkah, Field::Agenda, Field::Hasil];

/// The longest plausible meeting, in minutes (a working day).
const MAX_DURASI: u32 = 480;

impl SheetLayout for KbkPertemuan {
    fn labels(&self) -> Labels {
        Labels { key: "kbk-pertemuan", kind: "KBK Pertemuan", layout: "long" }
    }

    fn recognises(&self, header: HeaderFields<'_>) -> bool {
        rule(header)
    }

    fn locate(&self, search: &HeaderSearch<'_>, row: usize) -> Option<Table> {
        kbk::locate_under_group_label(search, row, rule)
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        kbk::read_rows(ctx, CONTENT, |r, out| read_row(ctx, r, out))
    }
}

fn rule(header: HeaderFields<'_>) -> bool {
    header.has(Field::Kelompok)
        && header.has(Field::Tanggal)
        && header.has_any(&[Field::PertemuanKe, Field::Durasi, Field::Agenda, Field::Langkah])
        && !header.names_person()
}

fn read_row(ctx: &SheetCtx, r: usize, out: &mut SheetOutput) -> Result<KbkRecord, RowError> {
    // The date first: it decides which month's report a rejection belongs to.
    let tanggal = kbk::date(ctx, out, r, Field::Tanggal, "tanggal pertemuan");
    let month = tanggal.as_ref().ok().copied().flatten().map(YearMonth::of);
    let fail = |x: Reject| (x, month);
    let kelompok = kbk::group(ctx, r).map_err(fail)?;
    let unit = ctx.unit(r).map_err(fail)?;
    let Some(tanggal) = tanggal.map_err(fail)? else {
        let col = ctx.table.col(Field::Tanggal).unwrap_or(0);
        return Err((Reject::new(col, "", "tanggal pertemuan kosong: isi tanggal seperti 24/11/2026"), None));
    };
    let langkah = kbk::step(ctx, r).map_err(fail)?;
    let ke = meeting_number(ctx, r).unwrap_or_else(|x| {
        kbk::warn(ctx, out, r, x, month);
        None
    });
    let durasi = durasi(ctx, r).unwrap_or_else(|x| {
        kbk::warn(ctx, out, r, x, month);
        None
    });
    Ok(KbkRecord::Meeting(KbkMeeting {
        unit,
        kelompok,
        ke,
        tanggal,
        durasi,
        langkah,
        agenda: kbk::text(ctx, r, Field::Agenda),
        hasil: kbk::text(ctx, r, Field::Hasil),
        prov: ctx.prov(r, ctx.table.col(Field::Tanggal).unwrap_or(0)),
    }))
}

/// `Pertemuan ke-`: a whole number from 1 (`3`, `ke-3`, `Pertemuan 3`); anything else is a
/// warning and the meeting keeps no number.
fn meeting_number(ctx: &SheetCtx, r: usize) -> Result<Option<u32>, Reject> {
    let Some((cell, col)) = ctx.cell(r, Field::PertemuanKe) else {
        return Ok(None);
    };
    let n = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(x) => Some(*x),
        Cell::Text(s) if s.trim().is_empty() => return Ok(None),
        Cell::Text(s) => {
            let digits: String = s.chars().filter(char::is_ascii_digit).collect();
            let only_one_number =
                s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).count() == 1;
            if only_one_number { digits.parse::<f64>().ok() } else { None }
        }
        _ => None,
    };
    match n {
        Some(x) if x.fract() == 0.0 && (1.0..=1000.0).contains(&x) => Ok(Some(x as u32)),
        _ => Err(Reject::new(
            col,
            cell.text(),
            "pertemuan ke- tidak dikenali: tulis nomor urut pertemuan seperti 3; pertemuan tetap dicatat tanpa nomor",
        )),
    }
}

/// The meeting's length in minutes: a number of minutes, a time-formatted cell (`01:30`),
/// or text (`90 menit`, `1,5 jam`, `2 jam`, `1 jam 30 menit`). Outside 1–480 minutes or
/// unreadable, a warning: the meeting is kept without a duration.
fn durasi(ctx: &SheetCtx, r: usize) -> Result<Option<u32>, Reject> {
    let Some((cell, col)) = ctx.cell(r, Field::Durasi) else {
        return Ok(None);
    };
    let minutes = match cell {
        Cell::Empty => return Ok(None),
        Cell::Text(s) if s.trim().chars().all(crate::ground::text::is_dash) => return Ok(None),
        Cell::Number(x) => Some(*x),
        Cell::Date(_, serial) if (0.0..1.0).contains(serial) => Some(serial * 24.0 * 60.0),
        Cell::Text(s) => minutes_text(s),
        _ => None,
    };
    let Some(minutes) = minutes.filter(|m| m.is_finite()) else {
        return Err(Reject::new(
            col,
            cell.text(),
            "durasi tidak dikenali: tulis lama pertemuan dalam menit (misalnya 90) atau seperti \"1,5 jam\"; \
             pertemuan tetap dicatat tanpa durasi",
        ));
    };
    let rounded = minutes.round();
    if rounded < 1.0 || rounded > f64::from(MAX_DURASI) {
        return Err(Reject::new(
            col,
            cell.text(),
            format!(
                "durasi {} menit tidak masuk akal (harus 1–{MAX_DURASI} menit); pertemuan tetap dicatat \
                 tanpa durasi. Tulis lama pertemuan dalam menit, misalnya 90",
                format_number(rounded)
            ),
        ));
    }
    Ok(Some(rounded as u32))
}

/// Minutes in text: `90`, `90 menit`, `90 mnt`, `1,5 jam`, `2 jam`, `1 jam 30 menit`,
/// `1:30` (hours and minutes); `None` when it is none of these.
pub(crate) fn minutes_text(s: &str) -> Option<f64> {
    let t = s.trim().to_lowercase();
    if let Some((h, m)) = t.split_once(':') {
        let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
        return (m < 60).then_some(f64::from(h * 60 + m));
    }
    let mut total = 0.0;
    let mut pending: Option<f64> = None;
    for token in t.split_whitespace() {
        let split =
            token.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(token.len());
        let (number, word) = token.split_at(split);
        if !number.is_empty() {
            if pending.is_some() {
                return None;
            }
            pending = Some(parse_number_text(number.trim_end_matches(['.', ',']))?);
        }
        let word = word.trim_matches(|c: char| !c.is_alphabetic());
        if !word.is_empty() {
            total += pending.take()? * unit_minutes(word)?;
        }
    }
    // A bare number is minutes (`90`, and the `30` of `1 jam 30`).
    Some(total + pending.unwrap_or(0.0)).filter(|_| !t.is_empty())
}

/// Minutes per unit word: `menit` 1, `jam` 60.
fn unit_minutes(word: &str) -> Option<f64> {
    match word {
        "menit" | "mnt" | "mn" | "m" | "min" | "minute" | "minutes" => Some(1.0),
        "jam" | "j" | "jm" | "hour" | "hours" | "h" => Some(60.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::minutes_text;
    use crate::ground::kbk::KbkRecord;
    use crate::ground::model::Level;
    use crate::ingest::layout::kbk::tests::{E, above, d, n, read, t, texts, ymd};

    #[test]
    fn durations_in_text() {
        let cases: &[(&str, Option<f64>)] = &[
            ("90", Some(90.0)),
            ("90 menit", Some(90.0)),
            ("90menit", Some(90.0)),
            ("45 mnt.", Some(45.0)),
            ("1,5 jam", Some(90.0)),
            ("1.5 jam", Some(90.0)),
            ("2 jam", Some(120.0)),
            ("2jam", Some(120.0)),
            ("1 jam 30 menit", Some(90.0)),
            ("1 jam 30", Some(90.0)),
            ("1:30", Some(90.0)),
            ("0", Some(0.0)),
            ("jam", None),
            ("sebentar", None),
            ("1:75", None),
            ("90 60", None),
        ];
        for (text, want) in cases {
            assert_eq!(minutes_text(text), *want, "{text:?}");
        }
    }

    fn header() -> Vec<crate::ingest::workbook::Cell> {
        texts(&["Nama Kelompok", "Pertemuan ke-", "Tanggal", "Durasi (menit)", "Langkah", "Agenda", "Hasil"])
    }

    #[test]
    fn meetings_with_their_step_and_duration() {
        let mut rows = above("PERTEMUAN KBK");
        rows.push(header());
        rows.push(vec![t("Melati"), n(1.0), d(2026, 11, 5), n(90.0), n(1.0), t("Tema"), t("Tema dipilih")]);
        rows.push(vec![
            t("Melati"),
            t("ke-2"),
            t("Kamis, 19 November 2026"),
            t("1,5 jam"),
            t("Menetapkan faktor penyebab"),
            E,
            E,
        ]);
        // A prefilled meeting number alone is no meeting.
        rows.push(vec![t("Melati"), n(3.0)]);
        let read = read(rows);
        assert_eq!(read.layout, Some("kbk-pertemuan"));
        assert!(read.issues().is_empty(), "{:?}", read.issues());
        let got: Vec<_> = read
            .records()
            .iter()
            .map(|r| match r {
                KbkRecord::Meeting(m) => {
                    (m.ke, m.tanggal, m.durasi, m.langkah, m.agenda.clone(), m.hasil.clone())
                }
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            got,
            [
                (Some(1), ymd(2026, 11, 5), Some(90), Some(1), "Tema".into(), "Tema dipilih".into()),
                (Some(2), ymd(2026, 11, 19), Some(90), Some(2), String::new(), String::new()),
            ]
        );
    }

    #[test]
    fn implausible_durations_are_warnings_and_bad_steps_rejections() {
        let mut rows = above("PERTEMUAN KBK");
        rows.push(header());
        rows.push(vec![t("Melati"), n(1.0), t("05/11/2026"), n(0.0), n(1.0)]);
        rows.push(vec![t("Melati"), n(2.0), t("12/11/2026"), t("900"), n(2.0)]);
        rows.push(vec![t("Melati"), n(3.0), t("19/11/2026"), t("lama"), n(9.0)]);
        rows.push(vec![t("Melati"), n(4.0), t("26/11/2026"), n(60.0), t("Rapat koordinasi")]);
        rows.push(vec![t("Melati"), n(5.0), t("31/11/2026"), n(60.0), n(3.0)]);
        let read = read(rows);
        let durasi: Vec<Option<u32>> = read
            .records()
            .iter()
            .map(|r| match r {
                KbkRecord::Meeting(m) => m.durasi,
                _ => panic!(),
            })
            .collect();
        assert_eq!(durasi, [None, None]);
        assert_eq!(read.rejected(), 3);
        for (cell, start) in
            [("D5", "durasi 0 menit tidak masuk akal"), ("D6", "durasi 900 menit tidak masuk akal")]
        {
            let w = read.issue(cell);
            assert_eq!(w.level, Level::Peringatan);
            assert!(
                w.message.starts_with(start) && w.message.contains("tetap dicatat tanpa durasi"),
                "{}",
                w.message
            );
        }
        assert!(read.issue("E7").message.starts_with("langkah harus 1–8"));
        let unknown = read.issue("E8");
        assert_eq!(unknown.level, Level::Tolak);
        assert!(
            unknown.message.contains("1 Menetapkan tema dan sasaran")
                && unknown.message.contains("8 Menetapkan tema berikutnya")
        );
        assert!(read.issue("C9").message.contains("tidak ada di kalender"));
        // The rejected meeting of a row with a bad step still belongs to its date's month.
        assert_eq!(read.out.issues.iter().find(|i| i.cell == "E8").unwrap().month.map(|m| m.month), Some(11));
    }
}
