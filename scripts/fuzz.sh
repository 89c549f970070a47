#!/bin/sh
# Runs every reader's libFuzzer target (clang, ASan + UBSan: the settings of cmake preset "fuzz")
# for a bounded time each. Usage:
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default 60 s; all six readers)
# Build directory: $PRECIS_FUZZ_BUILD (default build/fuzz); tests and benchmarks are not built there.
# Crashes land in $build/crashes/<target>/; copy each into fuzz/corpus/<name>/ as a regression case
# (the fuzz_replay_* ctests replay that corpus in every build) and fix the reader.
# At the end, one line per target: executions, executions/s and coverage, from libFuzzer's log.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"fuzz_reader_html fuzz_reader_feed fuzz_reader_warc fuzz_reader_jsonl fuzz_reader_sgml fuzz_reader_text"}
build=${PRECIS_FUZZ_BUILD:-build/fuzz}
jobs=${PRECIS_FUZZ_BUILD_JOBS:-2}
# -fsanitize=fuzzer-no-link on every library: without it only the small target file carries
# coverage counters and libFuzzer mutates blind (a few dozen edges instead of thousands).
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link \
  -DPRECIS_SANITIZE=ON -DPRECIS_BUILD_FUZZ=ON -DPRECIS_BUILD_BENCH=OFF -DPRECIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target $targets
status=0
summary=""
for t in $targets; do
  name=${t#fuzz_}
  mkdir -p "$build/crashes/$t" "$build/work/$t"
  echo "== $t for ${seconds}s"
  # A scratch corpus (seeded from the repository's) so that fuzzing never writes into the tree.
  cp -n fuzz/corpus/"$name"/* "$build/work/$t/" 2>/dev/null || true
  log="$build/crashes/$t.log"
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      "$build/fuzz/$t" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/crashes/$t/" "$build/work/$t" >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "!! $t found a crash: see $build/crashes/$t/ and $log"
    status=1
  fi
  runs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log")
  speed=$(awk '/stat::average_exec_per_sec/ { print $2 }' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  summary="$summary$(printf '%-20s %10s runs  %7s exec/s  cov %s' "$t" "${runs:-?}" "${speed:-?}" "${cov:-?}")
"
done
echo "== summary (${seconds}s per target)"
printf '%s' "$summary"
exit $status
