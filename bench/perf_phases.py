#!/usr/bin/env python3
"""Fold a `perf script` of budaya-kerja into the pipeline's phases (BENCHMARKS.md, "profile").

    perf record -e cpu-clock -F 499 --call-graph dwarf,16384 -o perf.data -- \
        budaya-kerja report --input DIR --output OUT -q
    perf script -i perf.data -F tid,time,ip,sym > perf.txt
    python3 bench/perf_phases.py phases perf.txt 499   # CPU s and wall span per phase
    python3 bench/perf_phases.py parse  perf.txt 499   # the parse phase split by what it does
    python3 bench/perf_phases.py drill  perf.txt KEY   # callees and self time under KEY

A sample belongs to the first phase, in the order listed below, that has a frame on its stack
(so the parse-cache store, called from the report loop, is not counted as "other main"). CPU
seconds are samples / rate; a phase's wall span runs from its first to its last sample.
"""

import collections
import re
import sys

PHASES = [
    # Downstream phases first: their stacks can name ingest types (`ingest::layout::Outcome`).
    ("reconcile", ["reconcile::reconcile"]),
    ("metrics compute (polars)", ["metrics::Figures::compute"]),
    ("month_report", ["metrics::Figures::month_report"]),
    ("render xlsx", ["render::xlsx::render"]),
    ("render pdf", ["render::pdf::render"]),
    ("tidy csv", ["render::csv::"]),
    ("cache store", ["cache::Cache::store"]),
    ("cache load", ["cache::Cache::load"]),
    ("cache prune", ["cache::Cache::prune"]),
    ("writes (write_atomic / write_if_changed)", ["publish::write_if_changed", "publish::write_atomic"]),
    ("manifests", ["report::month_inputs", "report::months_to_write", "publish::Manifest"]),
    ("walk + fingerprints (read + SHA-256 of inputs)", ["cache::Cache::fingerprints", "discover::walk", "sha2::"]),
    ("parse: merged cells (raw scan, or calamine's 2nd pass)", ["merge_cells_by_sheet_name", "workbook::merges::"]),
    ("parse: workbook (calamine cells, convert, grid)", ["ingest::workbook::"]),
    ("parse: detect + layouts", ["ingest::read_sheet", "ingest::read_file", "ingest::detect", "ingest::layout"]),
    ("other main", ["cmd::report::run"]),
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
    return out


def classify(frames, table, default):
    for label, keys in table:
        if any(k in x for x in frames for k in keys):
            return label
    return default


def phases(path, rate):
    ss = samples(path)
    t0, t1 = min(s[1] for s in ss), max(s[1] for s in ss)
    cost, span = collections.Counter(), {}
    for _, t, fr in ss:
        label = classify(fr, PHASES, "unattributed (polars pool, runtime)")
        cost[label] += 1
        a, b = span.get(label, (t, t))
        span[label] = (min(a, t), max(b, t))
    print(f"{len(ss)} samples = {len(ss) / rate:.2f} CPU s; wall span {t1 - t0:.2f} s")
    print(f"{'phase':52} {'%':>5} {'CPU s':>7} {'from s':>7} {'to s':>7}")
    for label, n in sorted(cost.items(), key=lambda kv: span[kv[0]][0]):
        a, b = span[label]
        print(f"{label:52} {100 * n / len(ss):5.1f} {n / rate:7.2f} {a - t0:7.2f} {b - t0:7.2f}")


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
    cmd, path = sys.argv[1], sys.argv[2]
    if cmd == "phases":
        phases(path, float(sys.argv[3]) if len(sys.argv) > 3 else 499.0)
    elif cmd == "parse":
        parse(path, float(sys.argv[3]) if len(sys.argv) > 3 else 499.0)
    elif cmd == "drill":
        drill(path, sys.argv[3])
    else:
        print(__doc__)
        sys.exit(2)
