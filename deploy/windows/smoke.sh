#!/usr/bin/env bash
# Smoke test of the Windows build under Wine, on the sample input (copied to a folder whose
# path has spaces), against a Linux build of the same source:
#   report (same exit status as Linux; XLSX cells, PDF text and CSVs equal to Linux's),
#   report again (nothing changed: exit 0, "tidak ada perubahan"), check, template,
#   a second run while the first holds the lock (75), a stale lock and a lock whose process
#   id was reused (taken over), a lock of a live process (75), a report open "in Excel"
#   (exit 1, the previous report kept, the message names it), Ctrl+C (130, lock and
#   temporary files removed), UTF-8 log text.
#
#   deploy/windows/smoke.sh        # builds what is missing (build.sh --no-zip, cargo build)
# EXE=path/to/budaya-kerja.exe and LINUX_BIN=path/to/budaya-kerja override the builds.
# The Wine-only stand-in bcryptprimitives.dll (wine/) is placed beside the .exe in the
# temporary folder only; it is never part of the zip.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=env.sh
source "$here/env.sh"
win_install wine || exit 1
command -v pdftotext >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }
python3 -c 'import openpyxl' 2>/dev/null || pip install -q openpyxl

EXE=${EXE:-$CARGO_TARGET_DIR/$WIN_TARGET/release/budaya-kerja.exe}
[ -f "$EXE" ] || "$here/build.sh" --no-zip || exit 1
if [ -z "${LINUX_BIN:-}" ]; then
  (cd "$repo" && linux_cargo build --quiet --bin budaya-kerja) || exit 1
  LINUX_BIN="$repo/target/debug/budaya-kerja"
fi

export WINEPREFIX=${WINEPREFIX:-$HOME/.wine-budaya-kerja} WINEDEBUG=-all
work=$(mktemp -d /tmp/bk-smoke.XXXXXX)
trap 'wineserver -k >/dev/null 2>&1; rm -rf "$work"' EXIT
dir="$work/kantor budaya kerja"        # the unzip folder, with a space in its path
mkdir -p "$dir/bin dll"
cp -r "$repo/input" "$dir/input"
cp "$EXE" "$dir/budaya-kerja.exe"
x86_64-w64-mingw32-gcc -O2 -shared -o "$dir/bcryptprimitives.dll" "$here/wine/bcryptprimitives.c" -ladvapi32
x86_64-w64-mingw32-gcc -O2 -municode -o "$work/holdopen.exe" "$here/wine/holdopen.c"
wineboot -i >/dev/null 2>&1
cd "$dir"

failures=0
pass() { echo "LULUS  $*"; }
fail() { echo "GAGAL  $*"; failures=$((failures + 1)); }
# Runs the .exe in the unzip folder, as the .bat does; sets rc and out (stdout+stderr).
win() { out=$(wine ./budaya-kerja.exe "$@" 2>&1); rc=$?; }
expect_rc() { if [ "$rc" = "$1" ]; then pass "$2 (status $rc)"; else fail "$2: status $rc, diharapkan $1"; echo "$out" | tail -n 15; fi; }
expect_written() { if [ "$rc" = 0 ] || [ "$rc" = 3 ]; then pass "$1 (status $rc)"; else fail "$1: status $rc, diharapkan 0 atau 3"; echo "$out" | tail -n 15; fi; }
expect_out() { if grep -qF -- "$1" <<<"$out"; then pass "$2"; else fail "$2: tidak ada \"$1\""; echo "$out" | tail -n 15; fi; }
lock="$dir/output/.budaya-kerja.lock"
xlsx="$dir/output/2026-11/laporan-budaya-kerja-2026-11.xlsx"
winpath() { winepath -w "$1" 2>/dev/null; }

echo "== Windows: $EXE ($(stat -c %s "$EXE") byte); Linux: $LINUX_BIN; folder: $dir"

# 1. Linux reference, same input.
"$LINUX_BIN" report --input "$dir/input" --output "$work/linux-out" >"$work/linux.log" 2>&1; linux_rc=$?
echo "Linux report: status $linux_rc"

# 2. The first report on Windows.
t0=$(date +%s.%N)
win report; expect_rc "$linux_rc" "report (sama dengan Linux)"
echo "   $(echo "$out" | tail -n 1)   [$(printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc)") s]"
python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' <<<"$out" \
  && pass "catatan berupa UTF-8 yang sah" || fail "catatan bukan UTF-8"
if python3 "$repo/bench/compare_outputs.py" "$work/linux-out" "$dir/output" >"$work/cmp.txt" 2>&1; then
  pass "XLSX, PDF dan CSV sama dengan hasil Linux ($(find "$dir/output" -name '*.xlsx' -o -name '*.pdf' | wc -l) berkas)"
else fail "hasil berbeda dari Linux"; head -n 30 "$work/cmp.txt"; fi

# 3. Nothing changed.
win report; expect_rc 0 "report lagi tanpa perubahan"; expect_out "tidak ada perubahan" "report lagi: \"tidak ada perubahan\""

# 4. check, with the input given as an absolute Windows path with spaces.
"$LINUX_BIN" check --input "$dir/input" >/dev/null 2>&1; linux_check=$?
win check --input "$(winpath "$dir/input")"; expect_rc "$linux_check" "check (sama dengan Linux)"
expect_out 'Lembar "' "check menyebut lembar dengan tanda kutip UTF-8 utuh"

# 5. template, compared with Linux's.
win template --month 2026-11 --out templat; expect_rc 0 "template"
"$LINUX_BIN" template --month 2026-11 --out "$work/linux-templat" >/dev/null 2>&1
if python3 "$repo/bench/compare_outputs.py" "$work/linux-templat" "$dir/templat" >"$work/cmp-t.txt" 2>&1; then
  pass "templat sama dengan Linux ($(ls "$dir/templat" | wc -l) berkas)"
else fail "templat berbeda dari Linux"; head -n 20 "$work/cmp-t.txt"; fi

# 6. Two runs at once: the first pauses before each report's rename while holding the lock.
BUDAYA_KERJA_FAULT=pause-before-rename:laporan wine ./budaya-kerja.exe report --month 2026-11 >"$work/first.log" 2>&1 &
first=$!
for _ in $(seq 100); do [ -f "$lock" ] && break; sleep 0.2; done
win report; expect_rc 75 "run kedua selagi run pertama memegang kunci"; expect_out "sedang berjalan" "pesan kunci"
wait "$first"; rc=$?; out=$(cat "$work/first.log"); expect_written "run pertama selesai"
[ -f "$lock" ] && fail "kunci tertinggal" || pass "kunci dilepas"

# 7. Stale locks: a process id that is gone, and one reused by a process started later.
host=$(wine cmd /c 'echo %COMPUTERNAME%' 2>/dev/null | tr -d '\r')
printf 'pid=999999\nhost=%s\nstart=2026-01-01T00:00:00\n' "$host" >"$lock"
win report --month 2026-11; expect_out "diambil alih" "kunci proses yang sudah berhenti diambil alih"
echo x >"$work/bebas.txt"
wine "$work/holdopen.exe" "$(winpath "$work/bebas.txt")" 60 >"$work/holder.pid" 2>/dev/null &
holder=$!
for _ in $(seq 50); do [ -s "$work/holder.pid" ] && break; sleep 0.2; done
hpid=$(tr -d '\r\n' <"$work/holder.pid")
printf 'pid=%s\nhost=%s\nstart=2020-01-01T00:00:00\n' "$hpid" "$host" >"$lock"
win report --month 2026-11; expect_out "diambil alih" "kunci dengan nomor proses yang dipakai ulang diambil alih"
printf 'pid=%s\nhost=%s\nstart=%s\n' "$hpid" "$host" "$(date -d '+1 hour' +%Y-%m-%dT%H:%M:%S)" >"$lock"
win report; expect_rc 75 "kunci milik proses yang masih berjalan dihormati"
rm -f "$lock"; kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null

# 8. The report open in Excel: it cannot be replaced; it is kept and the message names it.
before=$(sha256sum "$xlsx" | cut -d' ' -f1)
wine "$work/holdopen.exe" "$(winpath "$xlsx")" 30 >/dev/null 2>&1 &
holder=$!
sleep 2
win report --month 2026-11; expect_rc 1 "laporan yang sedang dibuka di Excel"
expect_out "laporan-budaya-kerja-2026-11.xlsx sedang dibuka (misalnya di Excel); tutup berkasnya lalu jalankan lagi" "pesan menyebut berkasnya"
echo "   $(grep -F 'sedang dibuka' <<<"$out")"
[ "$(sha256sum "$xlsx" | cut -d' ' -f1)" = "$before" ] && pass "laporan sebelumnya utuh" || fail "laporan sebelumnya berubah"
ls -a "$dir/output/2026-11" | grep -q '\.tmp-' && fail "berkas sementara tertinggal" || pass "tidak ada berkas sementara tertinggal"
[ -f "$lock" ] && fail "kunci tertinggal" || pass "kunci dilepas"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
win report --month 2026-11; expect_written "setelah berkas ditutup, laporan ditulis"

# 9. Ctrl+C during a write: 130, temporary files and the lock removed.
BUDAYA_KERJA_FAULT=pause-before-rename:laporan wine ./budaya-kerja.exe report --month 2026-11 >"$work/int.log" 2>&1 &
run=$!
for _ in $(seq 100); do ls -a "$dir/output/2026-11" | grep -q '\.tmp-' && break; sleep 0.2; done
kill -INT "$run"
wait "$run"; rc=$?; out=$(cat "$work/int.log")
expect_rc 130 "Ctrl+C"; expect_out "dihentikan" "Ctrl+C: pembersihan budaya-kerja sendiri yang berjalan"
ls -a "$dir/output/2026-11" | grep -q '\.tmp-' && fail "berkas sementara tertinggal setelah Ctrl+C" || pass "berkas sementara dibersihkan setelah Ctrl+C"
[ -f "$lock" ] && fail "kunci tertinggal setelah Ctrl+C" || pass "kunci dilepas setelah Ctrl+C"

echo
if [ "$failures" = 0 ]; then echo "smoke Windows: LULUS"; else echo "smoke Windows: $failures GAGAL"; exit 1; fi
