#!/bin/sh
# Runs every reader's libFuzzer target (clang, ASan + UBSan, cmake preset "fuzz") for a bounded
# time each. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 60 s; all readers)
# Crashes land in build/fuzz/crashes/<target>/; copy each into fuzz/corpus/<name>/ as a regression
# case (the fuzz_replay_* ctests replay that corpus in every build).
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"fuzz_reader_html fuzz_reader_feed fuzz_reader_warc fuzz_reader_jsonl fuzz_reader_sgml fuzz_reader_text"}
cmake --preset fuzz >/dev/null
cmake --build build/fuzz -j2 --target $targets
status=0
for t in $targets; do
  name=${t#fuzz_}
  mkdir -p "build/fuzz/crashes/$t" "build/fuzz/work/$t"
  echo "== $t for ${seconds}s"
  # A scratch corpus (seeded from the repository's) so that fuzzing never writes into the tree.
  cp -n fuzz/corpus/"$name"/* "build/fuzz/work/$t/" 2>/dev/null || true
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      "build/fuzz/fuzz/$t" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
      -artifact_prefix="build/fuzz/crashes/$t/" "build/fuzz/work/$t"; then
    echo "!! $t found a crash: see build/fuzz/crashes/$t/"
    status=1
  fi
done
exit $status
