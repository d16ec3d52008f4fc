//! `report` / `laporan`: read the input, reconcile, compute, and write each month's XLSX and
//! PDF under `output/YYYY-MM/` (SPEC §2, §5).

use std::collections::BTreeSet;
use std::time::Instant;

use crate::cli::{Common, ReportArgs};
use crate::cmd::{Failure, Log, Outcome, load_settings, require_input};
use crate::metrics::Figures;
use crate::model::YearMonth;
use crate::publish::{remove_stale_temps, write_atomic};
use crate::render::text::{angka, periode};

pub fn run(common: &Common, args: &ReportArgs) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let log = Log::new(common);
    let settings = load_settings(common)?;
    require_input(&common.input)?;

    log.step(format!("membaca berkas di {}", common.input.display()));
    let files = crate::ingest::read_all(&common.input, &settings)
        .map_err(|e| Failure::Other(format!("folder input tidak dapat dibaca: {e}")))?;
    let rec = crate::reconcile::reconcile(&files);
    let skipped = rec.ledger.iter().filter(|r| r.skipped).count();
    let read: u64 = rec.ledger.iter().map(|r| r.read).sum();
    let rejected: u64 = rec.ledger.iter().map(|r| r.rejected).sum();
    log.step(format!(
        "{} berkas, {} catatan dibaca, {} ditolak, {} berkas/lembar dilewati",
        angka(files.len() as u64),
        angka(read),
        angka(rejected),
        angka(skipped as u64)
    ));

    let figures =
        Figures::compute(&rec, &settings).map_err(|e| Failure::Other(format!("perhitungan gagal: {e}")))?;
    let months: BTreeSet<YearMonth> = match args.month {
        Some(m) => BTreeSet::from([m]),
        None => figures.data_months().iter().copied().chain(rec.months()).collect(),
    };
    if months.is_empty() {
        log.step("tidak ada data untuk dilaporkan (folder input kosong atau tidak ada catatan yang terbaca)");
        return Ok(outcome(rec.has_problems()));
    }

    let now = chrono::Local::now().naive_local();
    for m in &months {
        let report = figures.month_report(*m, now);
        let dir = common.output.join(m.to_string());
        remove_stale_temps(&dir);
        let base = format!("laporan-budaya-kerja-{m}");
        let xlsx = crate::render::xlsx::render(&report)
            .map_err(|e| Failure::Other(format!("laporan XLSX {m} gagal dibuat: {e}")))?;
        let pdf = crate::render::pdf::render(&report)
            .map_err(|e| Failure::Other(format!("laporan PDF {m} gagal dibuat: {e}")))?;
        for (name, bytes) in [(format!("{base}.xlsx"), &xlsx), (format!("{base}.pdf"), &pdf)] {
            let path = dir.join(&name);
            write_atomic(&path, bytes)
                .map_err(|e| Failure::Other(format!("tidak dapat menulis {}: {e}", path.display())))?;
        }
        log.step(format!(
            "laporan {} ditulis: {}/{base}.xlsx dan .pdf ({} unit melapor dari {})",
            periode(*m),
            dir.display(),
            report.city.unit_melapor,
            report.city.unit_total
        ));
    }
    let result = outcome(rec.has_problems());
    log.step(format!(
        "selesai: {} bulan ditulis, {} berkas, {} catatan, {} ditolak, {} dilewati, {:.1} detik, status {}",
        months.len(),
        files.len(),
        read,
        rejected,
        skipped,
        started.elapsed().as_secs_f64(),
        if result == Outcome::Ok { 0 } else { 3 }
    ));
    Ok(result)
}

fn outcome(problems: bool) -> Outcome {
    if problems { Outcome::InputProblems } else { Outcome::Ok }
}
