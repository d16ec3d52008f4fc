#!/usr/bin/env python3
"""Write a copy of a long-layout attendance workbook with one status cell changed.

    python3 bench/change_status.py IN.xlsx OUT.xlsx

Finds the header row (a cell reading `Status`) in the first 30 rows of the first sheet, then
the first data row below it whose status is `H`, and writes it as `S` (sakit). Everything else
is kept (openpyxl rewrites the file, so its bytes differ throughout, but the records read from
it differ in that one cell). Prints the changed cell. Used by bench/run.sh for the
"one changed file" run; needs openpyxl (Debian: apt-get install python3-openpyxl).
"""

import sys

import openpyxl


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst = sys.argv[1], sys.argv[2]
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    status_col = header_row = None
    for row in ws.iter_rows(min_row=1, max_row=30):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip().lower() == "status":
                status_col, header_row = cell.column, cell.row
                break
        if status_col:
            break
    if not status_col:
        print(f"{src}: no `Status` header in the first 30 rows", file=sys.stderr)
        return 1
    for r in range(header_row + 1, ws.max_row + 1):
        cell = ws.cell(row=r, column=status_col)
        if cell.value == "H":
            cell.value = "S"
            wb.save(dst)
            print(f"{src}: {ws.title}!{cell.coordinate} H -> S")
            return 0
    print(f"{src}: no status `H` below the header", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
