#!/usr/bin/env bash
# bench/run.sh — the benchmark of issue 8 (SPEC §9). Not a test: it measures and prints.
#
# What it does, in one run on one machine:
#   0. takes the source to measure: by default the committed HEAD, exported with `git archive`
#      to $WORK/src/<commit> (others edit the working tree while the benchmark runs; a
#      snapshot keeps the build consistent and names the commit measured), plus this folder
#      and examples/floor.rs from the working tree when the commit lacks them;
#      `--rev worktree` builds the working tree itself, `--rev REV` any commit;
#   1. builds release once:
#        cargo build --release --locked --bin budaya-kerja --example floor --example generate_sample
#      into $CARGO_TARGET_DIR (default $WORK/target, so a ~20-minute polars build never
#      holds the lock of the project's own target/ while others build and test), with
#      CARGO_PROFILE_RELEASE_DEBUG=line-tables-only (line tables for `perf`; the machine
#      code is the same as a plain release build), and copies the three binaries to
#      $WORK/bin/ (what is measured; a concurrent build cannot replace them mid-run);
#   2. generates the inputs with the seeded generator, outside git, once (kept while the
#      arguments are unchanged, recorded in $WORK/<name>.args):
#        city: --scale 11  --months 2026-01..2026-12 --no-problems  (3,498 staff, 1,272 files)
#        prov: --scale 110 --months $PROV_MONTHS     --no-problems  (10× the staff)
#        prov40: --scale 440 --months (the 12 months) --no-problems (40× the city, ~48 M
#              records, ~1.2 GB of xlsx; issue 17, "a province year in 8 GiB"; only with
#              --datasets "… prov40"), the generation timed under /usr/bin/time -v;
#   3. per dataset, after one untimed warm-up read of the input (the page cache is warm for
#      every measured run, floor and product alike), N times each (default 3), interleaved:
#        floor    examples/floor DIR: every cell of every sheet visited with calamine, all cores
#        cold     budaya-kerja report --input DIR --output OUT, OUT deleted first (no cache)
#        warm     the same command again, nothing changed
#        one      one long-layout attendance file of the LAST month rewritten with one status
#                 cell changed (bench/change_status.py, openpyxl), then the same command
#        one-first  (with --worst; city only) the same for a file of the FIRST month: every
#                 later month of the year is rewritten — the worst case of one changed file
#      prov40 (default 1 run): floor, cold and one only — warm (nothing changed) is trivial
#      and skipped, shown as "–" in the table;
#      each under `/usr/bin/time -v` (wall seconds, CPU seconds, max RSS), with the product
#      limited to --mem-limit-gb of address space (--mem-limit-gb-40 for prov40) and watched:
#      a run during which the machine's MemAvailable falls below --min-avail-mb is killed
#      (SIGKILL) before the kernel's OOM killer would pick a process of someone else; a run
#      stopped either way is reported as failed with the resident memory it had reached;
#      the records read (R of the summary line `selesai: … R catatan …`) are kept per run;
#   4. prints the medians, the ratios (cold/floor, warm/cold, one/cold), the bytes per record
#      (max RSS of the cold run / records read; and between two inputs of different sizes the
#      marginal (RSS_big − RSS_small) / (R_big − R_small), without the fixed overhead) and the
#      growth city → prov and city → prov40 (time and memory), as markdown tables, also
#      written to $WORK/results.md; every run is in $WORK/raw.tsv and its logs in $WORK/logs/.
#
# raw.tsv, one line per run, tab-separated: dataset, kind, run, wall s, max RSS KB, CPU s,
# CPU %, exit status, note (the summary line's start, or the floor's line), records read
# (empty for the floor and the nothing-changed run; absent in raw files of before issue 17,
# which --report-only still reads).
#
# Usage: bench/run.sh [options]
#   --runs N            runs of each measurement (default 3)
#   --work DIR          where inputs, outputs, logs and the build go (default /tmp/bk-bench)
#   --datasets LIST     space-separated, from: city prov prov40 (default "city prov")
#   --prov-scale F      staff scale of the province-like input (default 110)
#   --prov-months LIST  its months (default: the 12 months of 2026); fewer keeps it bounded
#   --prov40-scale F    staff scale of the 40× input prov40 (default 440; 12 months)
#   --prov40-runs N     runs of each prov40 measurement (default 1; a cold run takes minutes)
#   --seed N            generator seed (default 2026)
#   --worst             also measure one changed file in the first month (city only)
#   --mem-limit-gb N    address-space limit (ulimit -v) of each product run (default 18): a
#                       run that would need more aborts (exit 134) instead of pushing a shared
#                       machine into the OOM killer; 0 = no limit
#   --mem-limit-gb-40 N the same for prov40 (default 20). It limits address space, not
#                       resident memory: 9fd77e7 reserves up to ~22 GB of address space for
#                       ~15 GB resident on prov40 and aborts under 20 (0 = no limit; the
#                       watchdog still guards the machine)
#   --min-avail-mb N    kill a measured run when MemAvailable drops below N MB (default 1024;
#                       0 = no watchdog)
#   --rev REV           the commit to measure (default HEAD), or `worktree`
#   --no-build          use the binaries already built in $CARGO_TARGET_DIR
#   --report-only       measure nothing: print the table again from $WORK/raw.tsv
#   -h, --help
#
# Needs: cargo, GNU time at /usr/bin/time (Debian: apt-get install time), python3 with
# openpyxl (Debian: apt-get install python3-openpyxl). Exit status 0 when every run succeeded
# (the product exits 0 on this clean input); 1 otherwise.
#
# Reproduce BENCHMARKS.md:  bench/run.sh --runs 3 --worst --rev 791f315   (and --rev 0b0d87f)
# Issue 17 (prov40):        bench/run.sh --datasets "city prov40" --runs 3
#                           (… --mem-limit-gb-40 0 --min-avail-mb 3072 to see the peak
#                           of a product that needs more than 20 GB of address space)
# Per-phase profile:        bench/profile.sh (see its header)

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=3
WORK=/tmp/bk-bench
DATASETS="city prov"
SEED=2026
CITY_SCALE=11
PROV_SCALE=110
YEAR=2026-01,2026-02,2026-03,2026-04,2026-05,2026-06,2026-07,2026-08,2026-09,2026-10,2026-11,2026-12
PROV_MONTHS=$YEAR
PROV40_SCALE=440
PROV40_RUNS=1
MEM_LIMIT_GB_40=20
MIN_AVAIL_MB=1024
BUILD=1
WORST=0
REV=HEAD
MEM_LIMIT_GB=18
REPORT_ONLY=0

usage() { sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --datasets) DATASETS=$2; shift 2 ;;
    --prov-scale) PROV_SCALE=$2; shift 2 ;;
    --prov-months) PROV_MONTHS=$2; shift 2 ;;
    --prov40-scale) PROV40_SCALE=$2; shift 2 ;;
    --prov40-runs) PROV40_RUNS=$2; shift 2 ;;
    --mem-limit-gb-40) MEM_LIMIT_GB_40=$2; shift 2 ;;
    --min-avail-mb) MIN_AVAIL_MB=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --worst) WORST=1; shift ;;
    --mem-limit-gb) MEM_LIMIT_GB=$2; shift 2 ;;
    --rev) REV=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --report-only) REPORT_ONLY=1; BUILD=0; shift ;;
    -h|--help) usage 0 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; usage 2 ;;
  esac
done

[ -x /usr/bin/time ] || { echo "bench/run.sh: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
python3 -c 'import openpyxl' 2>/dev/null \
  || { echo "bench/run.sh: python3 openpyxl missing (apt-get install python3-openpyxl)" >&2; exit 1; }

mkdir -p "$WORK/logs"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$WORK/target}
export CARGO_PROFILE_RELEASE_DEBUG=${CARGO_PROFILE_RELEASE_DEBUG:-line-tables-only}
REL=$CARGO_TARGET_DIR/release
BIN=$REL/budaya-kerja
FLOOR=$REL/examples/floor
GEN=$REL/examples/generate_sample
RAW=$WORK/raw.tsv
RESULTS=$WORK/results.md

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Load and the busiest other processes, for the record.
machine_load() {
  printf 'load %s; busiest: %s' "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$(ps -eo pcpu=,comm= --sort=-pcpu | head -4 | awk '{printf "%s %s%%, ", $2, $1}' | sed 's/, $//')"
}

if [ "$REPORT_ONLY" = 0 ]; then
  if [ "$REV" = worktree ]; then
    SRC=$ROOT
    COMMIT="working tree of $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  else
    sha=$(git -C "$ROOT" rev-parse --verify "$REV^{commit}")
    SRC=$WORK/src/$sha
    COMMIT="commit ${sha:0:12}"
    if [ ! -f "$SRC/Cargo.toml" ]; then
      mkdir -p "$SRC"
      git -C "$ROOT" archive "$sha" | tar -x -C "$SRC"
    fi
    # The benchmark's own files, when the commit does not have them yet.
    mkdir -p "$SRC/bench"
    for f in bench/run.sh bench/change_status.py examples/floor.rs; do
      if ! git -C "$ROOT" cat-file -e "$sha:$f" 2>/dev/null; then cp "$ROOT/$f" "$SRC/$f"; fi
    done
  fi
  if [ "$BUILD" = 1 ]; then
    say "building $COMMIT ($SRC) release into $CARGO_TARGET_DIR (the first build of polars takes ~20 minutes)"
    (cd "$SRC" && cargo build --release --locked --bin budaya-kerja --example floor --example generate_sample)
  fi
  for b in "$BIN" "$FLOOR" "$GEN"; do [ -x "$b" ] || { echo "bench/run.sh: $b missing" >&2; exit 1; }; done
  # Private copies: another build into the same target directory must not swap the binaries
  # in the middle of the measurements.
  mkdir -p "$WORK/bin"
  cp "$BIN" "$FLOOR" "$GEN" "$WORK/bin/"
  BIN=$WORK/bin/budaya-kerja
  FLOOR=$WORK/bin/floor
  GEN=$WORK/bin/generate_sample
fi

# mem_limit DATASET: the address-space limit (GB) of its runs.
mem_limit() { if [ "$1" = prov40 ]; then echo "$MEM_LIMIT_GB_40"; else echo "$MEM_LIMIT_GB"; fi; }

# generate NAME SCALE MONTHS: the input folder $WORK/NAME, regenerated only when the arguments
# (or the generator binary) changed; how long it took is kept in $WORK/NAME.generated.
generate() {
  local name=$1 scale=$2 months=$3 dir=$WORK/$1
  local args="--seed $SEED --months $months --scale $scale --no-problems"
  local stamp
  stamp="$args $(sha256sum "$GEN" | cut -c1-16)"
  if [ -d "$dir" ] && [ "$(cat "$WORK/$name.args" 2>/dev/null)" = "$stamp" ]; then
    say "$name: input already generated ($args)"
    return
  fi
  say "$name: generating into $dir ($args)"
  rm -rf "$dir" "$WORK/$name.args" "$WORK/$name.generated" "$WORK/$name"-*.orig.xlsx "$WORK/$name"-*.changed.xlsx
  local limit t=$WORK/logs/$name-generate.time
  limit=$(mem_limit "$name")
  # shellcheck disable=SC2086 # $args is a list of options
  (
    if [ "$limit" != 0 ]; then ulimit -v $((limit * 1024 * 1024)); fi
    exec /usr/bin/time -v -o "$t" "$GEN" --out "$dir" $args > "$WORK/logs/$name-generate.log"
  )
  echo "$stamp" > "$WORK/$name.args"
  printf 'generated in %s s wall, %s s CPU, max RSS %s MB\n' \
    "$(awk -F': ' '/Elapsed \(wall clock\)/ { print $NF }' "$t" | to_seconds)" \
    "$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $NF } END { printf "%.2f", s }' "$t")" \
    "$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$t")" > "$WORK/$name.generated"
  say "$name: $(cat "$WORK/$name.generated")"
}

# seconds from GNU time's "h:mm:ss" or "m:ss.ss"
to_seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'; }

# watchdog PID BASE: while PID (GNU time) runs, kill its children (the measured command) when
# the machine's available memory falls below $MIN_AVAIL_MB, and say so in BASE.watchdog.
watchdog() {
  local pid=$1 base=$2 avail c
  while kill -0 "$pid" 2>/dev/null; do
    avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
    if [ "$avail" -lt "$MIN_AVAIL_MB" ]; then
      # shellcheck disable=SC2013 # the children file is one line of space-separated ids
      for c in $(cat "/proc/$pid/task/"*/children 2>/dev/null); do kill -KILL "$c" 2>/dev/null || true; done
      echo "killed by the watchdog: MemAvailable ${avail} MB < ${MIN_AVAIL_MB} MB" > "$base.watchdog"
      return 0
    fi
    sleep 0.5
  done
}

# measure DATASET KIND RUN CMD...: one run under /usr/bin/time -v, appended to $RAW.
measure() {
  local ds=$1 kind=$2 run=$3; shift 3
  local base=$WORK/logs/$ds-$kind-$run rc=0 limit pid wd=""
  limit=$(mem_limit "$ds")
  rm -f "$base.watchdog"
  (
    if [ "$limit" != 0 ]; then ulimit -v $((limit * 1024 * 1024)); fi
    exec /usr/bin/time -v -o "$base.time" "$@" > "$base.out" 2> "$base.err"
  ) &
  pid=$!
  if [ "$MIN_AVAIL_MB" != 0 ]; then watchdog "$pid" "$base" & wd=$!; fi
  wait "$pid" || rc=$?
  if [ -n "$wd" ]; then kill "$wd" 2>/dev/null || true; wait "$wd" 2>/dev/null || true; fi
  local wall rss cpu cpus
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $NF }' "$base.time" | to_seconds)
  rss=$(awk -F': ' '/Maximum resident set size/ { print $NF }' "$base.time")
  cpu=$(awk -F': ' '/Percent of CPU this job got/ { print $NF }' "$base.time")
  cpus=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $NF } END { printf "%.2f", s }' "$base.time")
  # The product's summary line: "selesai: N bulan ditulis, F berkas (P diurai), ..." or the
  # nothing-changed line; the floor's own line.
  local note
  note=$(grep -hoE 'selesai: [0-9]+ bulan ditulis, [0-9]+ berkas \([0-9]+ diurai\)|tidak ada perubahan|floor: .*' \
    "$base.out" "$base.err" | tail -1 || true)
  if [ -f "$base.watchdog" ]; then note="$(cat "$base.watchdog")${note:+; $note}"; fi
  # R of "selesai: N bulan ditulis, F berkas (P diurai), R catatan, …": the records read.
  local records
  records=$(grep -hoE 'selesai: [0-9]+ bulan ditulis, [0-9]+ berkas \([0-9]+ diurai\), [0-9]+ catatan' \
    "$base.out" "$base.err" | tail -1 | sed -E 's/.* ([0-9]+) catatan$/\1/' || true)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ds" "$kind" "$run" "$wall" "$rss" "$cpus" "$cpu" "$rc" "$note" "$records" >> "$RAW"
  say "$ds $kind #$run: ${wall} s, $((rss / 1024)) MB, CPU ${cpus} s ($cpu), exit $rc${records:+, $records records} — $note"
  if [ "$rc" != 0 ]; then
    say "  exit $rc: see $base.err"
  fi
}

# The long-layout attendance file of a month (first in path order) and its changed copy.
pick_file() {
  local dir=$1 month=$2
  find "$dir/$month" -maxdepth 1 -name 'Kehadiran_*.xlsx' | sort | head -1
}
prepare_change() {
  local ds=$1 file=$2 tag=$3
  # The pristine copy is kept from the generation on: a run stopped halfway leaves the
  # changed file in place, and the next run puts the original back first.
  if [ -f "$WORK/$ds-$tag.orig.xlsx" ]; then
    cp -p "$WORK/$ds-$tag.orig.xlsx" "$file"
  else
    cp -p "$file" "$WORK/$ds-$tag.orig.xlsx"
  fi
  python3 "$ROOT/bench/change_status.py" "$file" "$WORK/$ds-$tag.changed.xlsx" >&2
}

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# med DATASET KIND COLUMN: the median over the runs that succeeded (exit 0).
med() { awk -F'\t' -v d="$1" -v k="$2" -v c="$3" '$1 == d && $2 == k && $8 == 0 { print $c }' "$RAW" | median; }
# failures DATASET KIND: "n of m runs failed (exit X), max RSS reached Y MB", or nothing.
failures() {
  awk -F'\t' -v d="$1" -v k="$2" '$1 == d && $2 == k { n++; if ($8 != 0) { f++; rc = $8; if ($5 > rss) rss = $5 } }
    END { if (f) printf "%d of %d runs failed (exit %s; up to %.0f MB resident when it stopped)", f, n, rc, rss / 1024 }' "$RAW"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "–"; else printf "%.3g", a / b }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "–"; else printf "%.1f%%", 100 * a / b }'; }
mb() { awk -v k="$1" 'BEGIN { if (k == "") print "–"; else printf "%.0f", k / 1024 }'; }
has() { awk -F'\t' -v d="$1" -v k="$2" '$1 == d && $2 == k { f = 1 } END { exit !f }' "$RAW"; }

if [ "$REPORT_ONLY" = 0 ]; then
  : > "$RAW"
  : > "$WORK/loads.txt"
  {
    echo "# bench/run.sh — $(date -Iseconds)"
    echo "# measured: $COMMIT"
    echo "# $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(rustc --version)"
    echo "# runs=$RUNS seed=$SEED city: --scale $CITY_SCALE --months $YEAR; prov: --scale $PROV_SCALE --months $PROV_MONTHS"
    case " $DATASETS " in
      *" prov40 "*) echo "# prov40: --scale $PROV40_SCALE --months $YEAR, $PROV40_RUNS run(s), warm skipped" ;;
    esac
    echo "# product runs limited to ${MEM_LIMIT_GB} GB of address space (prov40: ${MEM_LIMIT_GB_40} GB; 0 = unlimited); watchdog at MemAvailable < ${MIN_AVAIL_MB} MB (0 = none)"
  } > "$WORK/machine.txt"

  for ds in $DATASETS; do
    case "$ds" in
      city) generate city "$CITY_SCALE" "$YEAR"; months=$YEAR ;;
      prov) generate prov "$PROV_SCALE" "$PROV_MONTHS"; months=$PROV_MONTHS ;;
      prov40) generate prov40 "$PROV40_SCALE" "$YEAR"; months=$YEAR ;;
      *) echo "bench/run.sh: unknown dataset $ds" >&2; exit 2 ;;
    esac
    dir=$WORK/$ds
    out=$WORK/$ds-out
    first=${months%%,*}
    last=${months##*,}
    last_file=$(pick_file "$dir" "$last")
    prepare_change "$ds" "$last_file" last
    worst=0
    if [ "$WORST" = 1 ] && [ "$ds" = city ]; then worst=1; fi
    if [ "$worst" = 1 ]; then
      first_file=$(pick_file "$dir" "$first")
      prepare_change "$ds" "$first_file" first
    fi
    files=$(find -L "$dir" -type f | wc -l)
    bytes=$(du -sbL "$dir" | cut -f1)
    say "$ds: $files files, $((bytes / 1048576)) MB; warm-up read"
    "$FLOOR" "$dir" > "$WORK/logs/$ds-floor-warmup.out"
    echo "$ds before: $(machine_load)" >> "$WORK/loads.txt"
    runs=$RUNS
    if [ "$ds" = prov40 ]; then runs=$PROV40_RUNS; fi
    for run in $(seq 1 "$runs"); do
      measure "$ds" floor "$run" "$FLOOR" "$dir"
      rm -rf "$out"
      measure "$ds" cold "$run" "$BIN" report --input "$dir" --output "$out"
      # prov40: nothing-changed is trivial (no file is read), not worth its minutes.
      if [ "$ds" != prov40 ]; then
        measure "$ds" warm "$run" "$BIN" report --input "$dir" --output "$out"
      fi
      cp "$WORK/$ds-last.changed.xlsx" "$last_file"
      measure "$ds" one "$run" "$BIN" report --input "$dir" --output "$out"
      if [ "$worst" = 1 ]; then
        cp "$WORK/$ds-first.changed.xlsx" "$first_file"
        measure "$ds" one-first "$run" "$BIN" report --input "$dir" --output "$out"
        cp -p "$WORK/$ds-first.orig.xlsx" "$first_file"
      fi
      cp -p "$WORK/$ds-last.orig.xlsx" "$last_file"
      echo "$ds after run $run: $(machine_load)" >> "$WORK/loads.txt"
    done
    echo "# $ds: $files files, $bytes bytes, $(grep -o 'cells=[0-9]*' "$WORK/logs/$ds-floor-warmup.out")$(
      [ -f "$WORK/$ds.generated" ] && echo "; input $(cat "$WORK/$ds.generated")")" >> "$WORK/machine.txt"
    if [ "$ds" = prov40 ]; then rm -rf "$out"; fi  # its output and parse cache are gigabytes
  done
fi

# The table, from $RAW (every run) and $WORK/machine.txt.
# line DATASET KIND LABEL RATIO-TEXT TARGET
line() {
  local ds=$1 kind=$2 label=$3 rtext=$4 target=$5 fail
  has "$ds" "$kind" || return 0
  fail=$(failures "$ds" "$kind")
  if [ -n "$fail" ] && [ -z "$(med "$ds" "$kind" 4)" ]; then
    echo "| $ds | $label | – | – | – | $fail | $target |"
    return
  fi
  echo "| $ds | $label | $(med "$ds" "$kind" 4) | $(med "$ds" "$kind" 6) | $(mb "$(med "$ds" "$kind" 5)") | $rtext${fail:+; $fail} | $target |"
}
sets=$(cut -f1 "$RAW" | awk '!seen[$0]++')
{
  cat "$WORK/machine.txt"
  echo
  echo "Medians of the successful runs; wall seconds, CPU seconds (user + system) and max RSS"
  echo "from \`/usr/bin/time -v\`; the ratios are of the wall medians (and of CPU medians where marked)."
  echo
  echo "| input | run | wall s | CPU s | max RSS MB | ratio | target |"
  echo "| --- | --- | ---: | ---: | ---: | --- | --- |"
  for ds in $sets; do
    f=$(med "$ds" floor 4); c=$(med "$ds" cold 4)
    line "$ds" floor "floor (calamine, every cell)" "" ""
    line "$ds" cold "cold, all months" "cold/floor $(ratio "$c" "$f") (CPU $(ratio "$(med "$ds" cold 6)" "$(med "$ds" floor 6)"))" "≤ 2"
    if [ "$ds" = prov40 ] && ! has "$ds" warm; then
      echo "| $ds | warm, nothing changed | – | – | – | not measured for prov40 (no file is read) | ≤ 1% |"
    fi
    line "$ds" warm "warm, nothing changed" "warm/cold $(pct "$(med "$ds" warm 4)" "$c")" "≤ 1%"
    line "$ds" one "one file changed (last month)" "one/cold $(pct "$(med "$ds" one 4)" "$c")" "≤ 5%"
    line "$ds" one-first "one file changed (first month)" "one/cold $(pct "$(med "$ds" one-first 4)" "$c")" "(worst case)"
  done
  # Bytes per record: max RSS of the cold run over the records it read (column 10; raw files
  # of before issue 17 lack it: "–").
  echo
  echo "| input | records read (cold) | max RSS MB (cold) | bytes per record |"
  echo "| --- | ---: | ---: | ---: |"
  for ds in $sets; do
    has "$ds" cold || continue
    r=$(med "$ds" cold 10); k=$(med "$ds" cold 5)
    echo "| $ds | $(awk -v r="$r" 'BEGIN { if (r == "") print "–"; else printf "%.0f", r }') | $(mb "$k") | $(ratio "$(awk -v k="$k" 'BEGIN { if (k != "") print k * 1024 }')" "$r") |"
  done
  # The marginal figure between two inputs of different sizes: the fixed overhead cancels.
  for a in $sets; do
    for b in $sets; do
      ra=$(med "$a" cold 10); rb=$(med "$b" cold 10); ka=$(med "$a" cold 5); kb=$(med "$b" cold 5)
      if [ -n "$ra" ] && [ -n "$rb" ] && [ -n "$ka" ] && [ -n "$kb" ] \
        && awk -v a="$ra" -v b="$rb" 'BEGIN { exit !(b > a) }'; then
        awk -v a="$a" -v b="$b" -v ra="$ra" -v rb="$rb" -v ka="$ka" -v kb="$kb" 'BEGIN {
          printf "| marginal %s → %s | +%d | +%.0f | %.3g |\n", a, b, rb - ra, (kb - ka) / 1024, (kb - ka) * 1024 / (rb - ra) }'
      fi
    done
  done
  # growth BIG TIME-TARGET RSS-TARGET-MB: the ratios BIG / city.
  growth() {
    local big=$1 tt=$2 rt=$3 k r
    has city cold && has "$big" cold || return 0
    echo
    echo "| growth city → $big | floor | cold | warm | one file |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    for c in "4 wall time (target ≤ ${tt}×)" "6 CPU time" "5 max RSS (target: $big ≤ $((rt / 1024)) GiB; cold: $(mb "$(med "$big" cold 5)") MB)"; do
      printf '| %s |' "${c#* }"
      for k in floor cold warm one; do
        r=$(ratio "$(med "$big" "$k" "${c%% *}")" "$(med city "$k" "${c%% *}")"); [ "$r" = – ] || r="$r×"; printf ' %s |' "$r"
      done
      echo
    done
  }
  growth prov 11 4096
  growth prov40 44 8192
  echo
  echo "Load during the runs (1/5/15-minute load average; the busiest processes by average CPU):"
  echo
  sed 's/^/    /' "$WORK/loads.txt"
} | tee "$RESULTS"

say "results: $RESULTS; every run: $RAW; logs: $WORK/logs/"
if [ "$REPORT_ONLY" = 0 ] && awk -F'\t' '$8 != 0 { f = 1 } END { exit !f }' "$RAW"; then exit 1; fi
exit 0
