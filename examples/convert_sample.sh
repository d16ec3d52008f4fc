#!/usr/bin/env bash
# Turns a few files of the generated sample into the old formats that units still send:
# long-layout attendance files into Excel 97 `.xls` (BIFF8) and evaluation files into `.ods`,
# renamed the way operators name them (unit code or alias and the month kept in the name, so
# the tool finds both there as well as in the sheet's `Unit Kerja :` / `Bulan :` rows).
#
#   cargo run --example generate_sample -- --out input
#   bash examples/convert_sample.sh input
#
# Needs LibreOffice (`soffice`; apt-get install -y libreoffice-calc). Each file is copied under
# its new name into a temporary folder, converted there by LibreOffice headless (with its own
# throw-away profile), moved into place, and only then is the `.xlsx` it replaces deleted.
# Idempotent: a file already converted (its `.xlsx` gone, the new file there) is reported and
# skipped. The list fits the generator's default seed and months (long-layout units without a
# deliberate problem that send that file); a source that is missing and not yet converted is an
# error. The `.xls` bytes from LibreOffice 7.4 repeat between runs. The `.ods` zip entries carry
# the conversion time; where python3 is there they are rewritten with a fixed time (08:00 on
# the first day of the next month, the workbooks' creation time), so those repeat too (with
# LibreOffice 7.4; another version may write other, equivalent bytes).
set -euo pipefail

if [[ $# -ne 1 || ! -d $1 ]]; then
    echo "usage: $0 OUT_DIR   (the folder given to generate_sample --out)" >&2
    exit 2
fi
out=${1%/}

# month folder | generated file | format | new name
conversions=(
    "2026-11|Kehadiran_DLH_2026-11.xlsx|xls|absen dlh nop 2026.xls"
    "2026-11|Kehadiran_KEL-JAGALAN_2026-11.xlsx|xls|absen kel jagalan nop 2026.xls"
    "2026-10|Kehadiran_PKM-WATES_2026-10.xlsx|xls|absen pkm wates okt 2026.xls"
    "2026-11|Penilaian_KEC-PRAJURITKULON_2026-11.xlsx|ods|PENILAIAN KINERJA KEC PRAJURITKULON NOVEMBER 2026.ods"
    "2026-10|Penilaian_DINKESPPKB_2026-10.xlsx|ods|PENILAIAN KINERJA DINKES OKTOBER 2026.ods"
)

soffice=$(command -v soffice || command -v libreoffice || true)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Rewrites an ODF zip with every entry dated 08:00 on the first of the month after $2 (YYYY-MM),
# `mimetype` first and stored, as ODF wants.
fix_zip_times() {
    python3 - "$1" "$2" <<'PY'
import sys, zipfile
path, month = sys.argv[1], sys.argv[2]
year, mon = (int(x) for x in month.split("-"))
year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
with zipfile.ZipFile(path) as z:
    items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
items.sort(key=lambda item: item[0] != "mimetype")
with zipfile.ZipFile(path, "w") as z:
    for name, data in items:
        info = zipfile.ZipInfo(name, (year, mon, 1, 8, 0, 0))
        info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        z.writestr(info, data)
PY
}

declare -A filter=([xls]='xls:MS Excel 97' [ods]='ods:calc8')
pending=()
missing=0
for entry in "${conversions[@]}"; do
    IFS='|' read -r month from fmt to <<<"$entry"
    src="$out/$month/$from"
    dst="$out/$month/$to"
    if [[ -f $src ]]; then
        mkdir -p "$tmp/in-$fmt"
        cp "$src" "$tmp/in-$fmt/${to%.*}.xlsx"
        pending+=("$entry")
    elif [[ -f $dst ]]; then
        echo "already converted: $month/$to"
    else
        echo "error: neither $src nor $dst exists (generated with another seed or months?)" >&2
        missing=$((missing + 1))
    fi
done

if [[ ${#pending[@]} -gt 0 ]]; then
    if [[ -z $soffice ]]; then
        echo "error: LibreOffice (soffice) not found: apt-get install -y libreoffice-calc" >&2
        exit 1
    fi
    for fmt in xls ods; do
        [[ -d $tmp/in-$fmt ]] || continue
        "$soffice" "-env:UserInstallation=file://$tmp/profile" --headless \
            --convert-to "${filter[$fmt]}" --outdir "$tmp/out-$fmt" "$tmp/in-$fmt"/*.xlsx \
            >"$tmp/soffice-$fmt.log" 2>&1 || {
            cat "$tmp/soffice-$fmt.log" >&2
            echo "error: LibreOffice failed converting to .$fmt" >&2
            exit 1
        }
    done
    for entry in "${pending[@]}"; do
        IFS='|' read -r month from fmt to <<<"$entry"
        converted="$tmp/out-$fmt/$to"
        if [[ ! -s $converted ]]; then
            cat "$tmp/soffice-$fmt.log" >&2
            echo "error: LibreOffice wrote no $to" >&2
            exit 1
        fi
        if [[ $fmt == ods ]] && command -v python3 >/dev/null; then
            fix_zip_times "$converted" "$month"
        fi
        mv -f "$converted" "$out/$month/$to"
        rm -f "$out/$month/$from"
        echo "converted: $month/$from -> $month/$to"
    done
fi

if [[ $missing -gt 0 ]]; then
    exit 1
fi
