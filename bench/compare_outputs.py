#!/usr/bin/env python3
"""Compare two report output folders as a reader would: every XLSX cell value (openpyxl),
the PDF text (pdftotext -layout) and the tidy CSVs byte for byte. Lines holding the run's
timestamp ("Dibuat", "dibuat pada") are ignored. Exit 1 and list the differences if any.

Usage: bench/compare_outputs.py OUT_A OUT_B   (needs openpyxl and poppler-utils)
"""
import pathlib, re, subprocess, sys

import openpyxl

STAMP = re.compile(r"(?i)dibuat|\d{4},? \d{1,2}[.:]\d{2}")


def cells(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and not (isinstance(c.value, str) and STAMP.search(c.value)):
                    out[(ws.title, c.coordinate)] = c.value
    return out


def pdf_text(path):
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    return [l for l in text.splitlines() if not STAMP.search(l)]


def main(a, b):
    a, b = pathlib.Path(a), pathlib.Path(b)
    diffs = []
    names = sorted({p.relative_to(a) for p in a.rglob("*") if p.is_file()} |
                   {p.relative_to(b) for p in b.rglob("*") if p.is_file()})
    for rel in names:
        pa, pb = a / rel, b / rel
        if rel.name == "manifest.json" or rel.parts[0].startswith("."):
            continue
        if not pa.exists() or not pb.exists():
            diffs.append(f"{rel}: only in {'B' if not pa.exists() else 'A'}")
        elif rel.suffix == ".xlsx":
            ca, cb = cells(pa), cells(pb)
            for k in sorted(set(ca) | set(cb)):
                if ca.get(k) != cb.get(k):
                    diffs.append(f"{rel} {k[0]}!{k[1]}: {ca.get(k)!r} != {cb.get(k)!r}")
            print(f"{rel}: {len(ca)} cells compared")
        elif rel.suffix == ".pdf":
            ta, tb = pdf_text(pa), pdf_text(pb)
            if ta != tb:
                diffs.append(f"{rel}: PDF text differs ({len(ta)} vs {len(tb)} lines)")
            print(f"{rel}: {len(ta)} text lines compared")
        elif pa.read_bytes() != pb.read_bytes():
            diffs.append(f"{rel}: bytes differ")
    for d in diffs[:50]:
        print("DIFF", d)
    print(f"{len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
