#!/usr/bin/env python3
"""Fold a `perf script` of budaya-kerja into the pipeline's phases (BENCHMARKS.md, "profile").

    perf record -e cpu-clock -F 499 --call-graph dwarf,16384 -o perf.data -- \
        budaya-kerja report --input DIR --output OUT -q
    perf script -i perf.data -F tid,time,ip,sym > perf.txt
    python3 bench/perf_phases.py phases perf.txt 499   # CPU s and wall span per phase
    python3 bench/perf_phases.py phases perf.txt 499 --md   # the same as a markdown table
    python3 bench/perf_phases.py parse  perf.txt 499   # the parse phase split by what it does
    python3 bench/perf_phases.py drill  perf.txt KEY   # callees and self time under KEY

A sample belongs to the first phase, in the order listed below, that has a frame on its stack
(so the parse-cache store, called from the report loop, is not counted as "other main"). CPU
seconds are samples / rate; a phase's wall span runs from its first to its last sample.
bench/profile.sh runs all of it on one cold (and optionally one changed-file) run.
"""

import collections
import re
import sys

PHASES = [
    # Downstream phases first: their stacks can name ingest types (`ingest::layout::Outcome`).
    # Symbol names as of 9fd77e7 (src/cmd/report.rs, src/ingest/cache.rs, src/metrics/,
    # src/publish/, src/ground/fsio.rs). perf shows an inlined call as `name (inlined)`, with
    # no path; samples() appends ` in HOST`, the function it was inlined into, so a generic
    # name can be told by its host (`compute (inlined) in …Publish::months`). A label may
    # appear twice; its samples are summed.
    ("reconcile", ["reconcile::reconcile", "reconcile_on (inlined)"]),
    # The month cache (cmd::months, metrics::carry; not in 9fd77e7): `metrics::carry` before
    # the figures, in case the figures call it; `cmd::months::` after the render phases, in
    # case it drives them.
    ("month cache", ["metrics::carry"]),
    ("metrics compute (polars)",
     ["metrics::Figures::compute", "compute (inlined) in budaya_kerja::cmd::report::Publish::months",
      "metrics::Figures::compute_after", "compute_after (inlined)",
      "attendance_frame (inlined)", "evaluation_frame (inlined)", "person_index (inlined)"]),
    ("month_report", ["metrics::Figures::month_report", "month_report (inlined)"]),
    # rust_xlsxwriter and printpdf are used by nothing else in a report run.
    ("render xlsx", ["render::xlsx::", "rust_xlsxwriter::"]),
    ("render pdf", ["render::pdf::", "printpdf::"]),
    ("KBK data (kbk_report, KBK csv)", ["metrics::kbk::", "publish::write_kbk_data", "write_kbk_data (inlined)"]),
    ("tidy csv", ["render::csv::", "publish::write_tidy_data", "write_tidy_data (inlined)"]),
    # Not bare `cmd::months::`: the parse workers' generic frames name `cmd::months::Reach`.
    ("month cache", ["cmd::months::Memory::", "cmd::months::Reach::of", "cmd::months::keep_window",
                     "cmd::months::reach_holds", "cmd::months::sort_ledger", "cmd::months::Reach::add_rows"]),
    ("cache store (encode, pack write)",
     ["cache::Cache::encode", "cache::PackWriter::add", "encode (inlined) in budaya_kerja::ingest::cache::",
      "cache::Parses::append", "append (inlined)"]),
    ("cache load (pack read, decode)",
     ["cache::Cache::open_pack", "cache::Pack::decode", "cache::Pack::from_bytes", "cache::Pack::raw",
      "cache::Pack::open", "cache::Pack::verified", "cache::Parses::raw", "decode (inlined)", "verified (inlined)"]),
    ("writes (write_atomic / write_if_changed, month files)",
     ["fsio::write_if_changed", "fsio::write_atomic", "fsio::write_replace_with", "publish::write_month"]),
    ("manifests, state",
     ["publish::month_inputs", "publish::months_to_write", "publish::manifest::", "publish::reports_present",
      "cache::Cache::load_state", "cache::Cache::save_state", "cache::State::same_inputs"]),
    ("walk + fingerprints (read + SHA-256 of inputs)",
     ["cache::Cache::fingerprints", "discover::walk", "fsio::file_digest", "sha2::"]),
    ("parse: merged cells (raw scan, or calamine's 2nd pass)", ["merge_cells_by_sheet_name", "workbook::merges::"]),
    ("parse: workbook (calamine cells, convert, grid)", ["ingest::workbook::"]),
    ("parse: detect + layouts", ["ingest::read_sheet", "ingest::read_file", "ingest::detect", "ingest::layout"]),
    ("read: other (Cache::read, worker pool)",
     ["cache::Cache::read", "ingest::read_files_with", "read_file_guarded (inlined)", "cache::Parses::read"]),
    # cmd::report::write_month is always inlined into the rayon closure of Publish::months.
    ("write months: other (cmd::report::write_month, Publish)",
     ["cmd::report::write_month", "write_month (inlined)", "cmd::report::Publish",
      "cmd::report::compute::Job::render_from"]),
    ("month loop: other (windows, plan, memory)", ["cmd::report::compute::"]),
    ("other main", ["cmd::report::run"]),
    # polars' own pool threads: their stacks do not show the caller (the figures, mostly).
    ("polars pool threads (caller not on the stack)", ["polars_"]),
]

PARSE = [
    ("merged cells: calamine's 2nd XML pass (before 6d1fa00)", ["merge_cells_by_sheet_name"]),
    ("merged cells: raw scan of the sheet part (merges.rs)", ["workbook::merges::"]),
    ("calamine next_cell (the floor's work)", ["XlsxCellReader<RS>::next_cell"]),
    ("calamine Xlsx::new (zip, shared strings, styles)", ["as calamine::Reader<RS>>::new"]),
    ("calamine worksheet_cells_reader setup", ["worksheet_cells_reader"]),
    ("DataRef -> Cell, grid", ["workbook::convert", "from_elem", "stream_xlsx_sheet", "workbook::stream_sheet", "RawVec"]),
    ("detect (header, layout, metadata)", ["ingest::detect::"]),
    ("layouts -> records", ["ingest::layout::"]),
    ("values", ["ingest::values::"]),
    ("drop grid / workbook", ["drop_in_place"]),
    ("fs::read", ["std::fs::read", "read_to_end"]),
]


def samples(path):
    """(tid, time, frames leaf-first) per sample."""
    out, head, frames = [], None, []
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                continue
            m = None if line.startswith("\t") else re.match(r"\s*(\d+)\s+([\d.]+):", line)
            if m:
                if head:
                    out.append((head[0], head[1], frames))
                head, frames = (int(m.group(1)), float(m.group(2))), []
            else:
                parts = line.strip().split(None, 1)
                frames.append(parts[1] if len(parts) > 1 else "?")
    if head:
        out.append((head[0], head[1], frames))
    for _, _, fr in out:
        # `name (inlined)` -> `name (inlined) in HOST`: HOST is the next frame outward that is
        # a real function (frames are leaf first).
        host = None
        for i in range(len(fr) - 1, -1, -1):
            if fr[i].endswith(" (inlined)"):
                if host:
                    fr[i] = f"{fr[i]} in {host}"
            else:
                host = fr[i]
    return out


def classify(frames, table, default):
    for label, keys in table:
        if any(k in x for x in frames for k in keys):
            return label
    return default


def phases(path, rate, markdown=False):
    ss = samples(path)
    if not ss:
        print("no samples")
        return
    t0, t1 = min(s[1] for s in ss), max(s[1] for s in ss)
    cost, span = collections.Counter(), {}
    for _, t, fr in ss:
        label = classify(fr, PHASES, "unattributed (thread start, runtime, unwinding failed)")
        cost[label] += 1
        a, b = span.get(label, (t, t))
        span[label] = (min(a, t), max(b, t))
    rows = sorted(cost.items(), key=lambda kv: span[kv[0]][0])
    if markdown:
        print(f"{len(ss)} samples at {rate:g} Hz = {len(ss) / rate:.2f} CPU s; wall span {t1 - t0:.2f} s")
        print()
        print("| phase | % of CPU | CPU s | from s | to s | wall span s |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for label, n in rows:
            a, b = span[label]
            print(f"| {label} | {100 * n / len(ss):.1f} | {n / rate:.2f} | {a - t0:.2f} | {b - t0:.2f} | {b - a:.2f} |")
        print(f"| **total** | 100.0 | {len(ss) / rate:.2f} | 0.00 | {t1 - t0:.2f} | {t1 - t0:.2f} |")
        return
    print(f"{len(ss)} samples = {len(ss) / rate:.2f} CPU s; wall span {t1 - t0:.2f} s")
    print(f"{'phase':56} {'%':>5} {'CPU s':>7} {'from s':>7} {'to s':>7}")
    for label, n in rows:
        a, b = span[label]
        print(f"{label:56} {100 * n / len(ss):5.1f} {n / rate:7.2f} {a - t0:7.2f} {b - t0:7.2f}")


def parse(path, rate):
    sel = [fr for _, _, fr in samples(path) if any("ingest::read_file" in x for x in fr)]
    c = collections.Counter(classify(fr, PARSE, "other") for fr in sel)
    print(f"parse phase: {len(sel)} samples = {len(sel) / rate:.2f} CPU s")
    for label, n in c.most_common():
        print(f"  {100 * n / len(sel):5.1f}%  {n / rate:6.2f} s  {label}")


def drill(path, key, top=20):
    sel = [fr for _, _, fr in samples(path) if any(key in x for x in fr)]
    total = len(samples(path))
    print(f"{key}: {len(sel)} of {total} samples ({100 * len(sel) / max(total, 1):.1f}%)")
    callee, leaf = collections.Counter(), collections.Counter()
    for fr in sel:
        i = max(i for i, x in enumerate(fr) if key in x)
        callee[fr[i - 1][:120] if i > 0 else "(self)"] += 1
        leaf[fr[0][:120]] += 1
    for title, c in (("direct callees", callee), ("self", leaf)):
        print(f"-- {title}")
        for k, n in c.most_common(top):
            print(f"  {100 * n / len(sel):5.1f}% {k}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    md = "--md" in sys.argv
    argv = [a for a in sys.argv if a != "--md"]
    cmd, path = argv[1], argv[2]
    if cmd == "phases":
        phases(path, float(argv[3]) if len(argv) > 3 else 499.0, md)
    elif cmd == "parse":
        parse(path, float(argv[3]) if len(argv) > 3 else 499.0)
    elif cmd == "drill":
        drill(path, argv[3])
    else:
        print(__doc__)
        sys.exit(2)
