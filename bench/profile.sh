#!/usr/bin/env bash
# bench/profile.sh — where the time of one `budaya-kerja report` run goes, per pipeline phase.
#
#   bench/profile.sh [options] [BIN [INPUT]]
#
# Runs the product once, cold (OUTPUT deleted first: no parse cache, every month written), under
#   perf record -e cpu-clock -F RATE --call-graph dwarf,16384
# then `perf script` and `bench/perf_phases.py phases`, and prints the per-phase table (CPU
# seconds, share, and the wall span from a phase's first to its last sample) as markdown.
# With --one FILE CHANGED_COPY, also the "one changed file" run: after the cold run (which
# fills the cache), FILE is replaced by CHANGED_COPY (a new modification time, as an edit
# would give), the same command runs again under perf, and FILE is put back (cp -p, its old
# modification time) at the end, also when the script is interrupted.
#
# BIN defaults to /tmp/bk-bench/bin/budaya-kerja (bench/run.sh's copy), else
# /tmp/bk-bench/target/release/budaya-kerja; INPUT to /tmp/bk-bench/city. The binary should
# have line tables (bench/run.sh builds with CARGO_PROFILE_RELEASE_DEBUG=line-tables-only) so
# that perf can unwind through inlined code; plain release works, with coarser stacks.
#
# Options:
#   --bin BIN            the binary (or first positional argument)
#   --input DIR          the input folder (or second positional argument)
#   --work DIR           perf data, scripts, logs and the output folder (default /tmp/bk-prof)
#   --rate F             samples per second per thread (default 499: a city cold run, ~6 CPU s,
#                        gives ~3,000 stacks, which `perf script` unwinds in a minute or two)
#   --one FILE COPY      also profile the run after FILE is replaced by COPY
#   --one-only           with --one: run the cold run without perf (it only fills the cache)
#   --keep               keep perf.data (the perf script text is always kept)
#   -h, --help
#
# Output: the tables on stdout (also in WORK/phases.md); per run WORK/NAME.{perf.txt,err,md}
# where NAME is cold or one. perf needs /proc/sys/kernel/perf_event_paranoid ≤ 1 for
# cpu-clock with call graphs of one's own processes; when it is higher and the script runs
# as root it sets -1 (and says so). Needs perf (Debian: linux-perf) and python3.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=""
INPUT=/tmp/bk-bench/city
WORK=/tmp/bk-prof
RATE=499
ONE_FILE=""
ONE_COPY=""
ONE_ONLY=0
KEEP=0
pos=()

usage() { sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --bin) BIN=$2; shift 2 ;;
    --input) INPUT=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --one) ONE_FILE=$2; ONE_COPY=$3; shift 3 ;;
    --one-only) ONE_ONLY=1; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage 0 ;;
    -*) echo "bench/profile.sh: unknown option $1" >&2; usage 2 ;;
    *) pos+=("$1"); shift ;;
  esac
done
if [ "${#pos[@]}" -ge 1 ]; then BIN=${pos[0]}; fi
if [ "${#pos[@]}" -ge 2 ]; then INPUT=${pos[1]}; fi
if [ "${#pos[@]}" -ge 3 ]; then echo "bench/profile.sh: too many arguments" >&2; usage 2; fi
if [ -z "$BIN" ]; then
  BIN=/tmp/bk-bench/bin/budaya-kerja
  [ -x "$BIN" ] || BIN=/tmp/bk-bench/target/release/budaya-kerja
fi

PERF=$(command -v perf || true)
[ -n "$PERF" ] || { echo "bench/profile.sh: perf missing (Debian: apt-get install linux-perf)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "bench/profile.sh: $BIN is not an executable" >&2; exit 1; }
[ -d "$INPUT" ] || { echo "bench/profile.sh: $INPUT is not a folder" >&2; exit 1; }
if [ -n "$ONE_FILE" ]; then
  if [ ! -f "$ONE_FILE" ] || [ ! -f "$ONE_COPY" ]; then
    echo "bench/profile.sh: --one needs two existing files" >&2; exit 1
  fi
fi
if [ "$ONE_ONLY" = 1 ] && [ -z "$ONE_FILE" ]; then echo "bench/profile.sh: --one-only needs --one" >&2; exit 2; fi

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

paranoid=$(cat /proc/sys/kernel/perf_event_paranoid)
if [ "$paranoid" -gt 1 ]; then
  if [ -w /proc/sys/kernel/perf_event_paranoid ]; then
    say "perf_event_paranoid was $paranoid; setting -1"
    echo -1 > /proc/sys/kernel/perf_event_paranoid
  else
    say "perf_event_paranoid is $paranoid and cannot be changed here; perf record may refuse"
  fi
fi

mkdir -p "$WORK"
OUT=$WORK/output
MD=$WORK/phases.md
: > "$MD"

# The changed file goes back in any case.
BACKUP=$WORK/one.orig
restore() {
  if [ -n "$ONE_FILE" ] && [ -f "$BACKUP" ]; then cp -p "$BACKUP" "$ONE_FILE" && rm -f "$BACKUP"; fi
}
trap restore EXIT
trap 'exit 130' INT TERM
if [ -n "$ONE_FILE" ]; then
  # A backup left by an interrupted run is the original: put it back first.
  if [ -f "$BACKUP" ]; then cp -p "$BACKUP" "$ONE_FILE"; else cp -p "$ONE_FILE" "$BACKUP"; fi
fi

# run NAME PROFILE: one report run into $OUT, under perf when PROFILE is 1; its table to $MD.
run() {
  local name=$1 profile=$2 data=$WORK/$1.perf.data rc=0 before start wall summary
  before=$(load)
  start=$(date +%s.%N)
  if [ "$profile" = 1 ]; then
    "$PERF" record -q -e cpu-clock -F "$RATE" --call-graph dwarf,16384 -o "$data" -- \
      "$BIN" report --input "$INPUT" --output "$OUT" 2> "$WORK/$name.err" > "$WORK/$name.out" || rc=$?
  else
    "$BIN" report --input "$INPUT" --output "$OUT" 2> "$WORK/$name.err" > "$WORK/$name.out" || rc=$?
  fi
  wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  summary=$(grep -hE 'selesai:|tidak ada perubahan' "$WORK/$name.err" | tail -1 || true)
  say "$name: exit $rc, ${wall} s wall$([ "$profile" = 1 ] && echo " under perf"), load before $before, after $(load)"
  say "  $summary"
  # Exit 3 is a report with input problems (a finished run); anything else failed.
  if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
    echo "bench/profile.sh: the $name run failed (exit $rc); see $WORK/$name.err" >&2
    exit 1
  fi
  [ "$profile" = 1 ] || return 0
  say "$name: perf script (unwinding the dwarf stacks takes a while)"
  local t0=$SECONDS
  "$PERF" script -i "$data" -F tid,time,ip,sym > "$WORK/$name.perf.txt" 2> "$WORK/$name.perf-script.err"
  say "$name: perf script took $((SECONDS - t0)) s"
  [ "$KEEP" = 1 ] || rm -f "$data"
  {
    echo "### $name: \`$(basename "$BIN") report --input $INPUT\`"
    echo
    echo "Binary $BIN ($(stat -c %y "$BIN" | cut -d. -f1)); run ${wall} s wall under perf (-F $RATE, dwarf);"
    echo "load average $before before, $(load) after; the product's summary: \`$summary\`"
    echo
    python3 "$ROOT/bench/perf_phases.py" phases "$WORK/$name.perf.txt" "$RATE" --md
    echo
  } | tee "$WORK/$name.md" >> "$MD"
}

rm -rf "$OUT"
if [ "$ONE_ONLY" = 1 ]; then run cold 0; else run cold 1; fi
if [ -n "$ONE_FILE" ]; then
  cp "$ONE_COPY" "$ONE_FILE"
  run one 1
  restore
fi
cat "$MD"
