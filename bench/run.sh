#!/bin/sh
# Whole-run timings and the Google Benchmark suites, on ../shared/data when present.
#   bench/run.sh            (after `make build`; `make bench` does both)
# Reports articles per second and peak memory (/usr/bin/time -v) for digesting all 500 DUC 2004
# documents in one run, then the summarization benchmarks.
set -eu
cd "$(dirname "$0")/.."
BIN=build/release/apps/precis/precis
DATA=${PRECIS_SHARED_DATA:-../shared/data}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
if [ ! -d "$DATA/duc2004_task2/docs" ]; then
  echo "bench: skipped: $DATA/duc2004_task2 not found" >&2
  exit 0
fi
LOG=$(mktemp)
/usr/bin/time -v "$BIN" digest --format json "$DATA"/duc2004_task2/docs >/dev/null 2>"$LOG"
ARTICLES=$(grep -o 'read [0-9]* articles' "$LOG" | grep -o '[0-9]*')
SECONDS_WALL=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$LOG" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
USER_S=$(awk -F': ' '/User time/{print $2}' "$LOG")
SYS_S=$(awk -F': ' '/System time/{print $2}' "$LOG")
RSS=$(awk -F': ' '/Maximum resident set size/{print $2}' "$LOG")
awk -v n="$ARTICLES" -v w="$SECONDS_WALL" -v u="$USER_S" -v s="$SYS_S" -v r="$RSS" 'BEGIN {
  printf "digest all DUC 2004 (one run, one story): %d articles in %.2f s wall, %.2f s CPU: %.0f articles/s/core; peak RSS %.1f MiB\n", n, w, u+s, n/(u+s), r/1024 }'
rm -f "$LOG"
bench/store_bench.sh build/release
bench/serve_bench.sh build/release
for b in build/release/bench/*_bench; do
  [ -x "$b" ] && "$b" --benchmark_counters_tabular=true
done
