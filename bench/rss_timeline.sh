#!/usr/bin/env bash
# bench/rss_timeline.sh OUT CMD...: run CMD, write its resident memory (VmRSS, MB) every 0.1 s
# and each of its stderr lines with the seconds since start to OUT:
#   RSS 4.98 427
#   LOG 11.96 budaya-kerja: 1.272 berkas (…)
# The product logs one line per step, so OUT shows which step holds how much memory.
# Peak: grep RSS OUT | sort -k3 -n | tail -1
set -u
out=$1; shift
: > "$out"
start=$(date +%s%N)
since() { awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
"$@" 2> >(while IFS= read -r l; do echo "LOG $(since) $l" >> "$out"; done) &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  r=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status" 2>/dev/null)
  [ -n "$r" ] && echo "RSS $(since) $r" >> "$out"
  sleep 0.1
done
wait "$pid"
