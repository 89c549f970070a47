#!/bin/sh
# Streams 10^5 .. 10^6 synthetic articles (built from DUC 2004 texts) through dedup + story
# clustering, each run under /usr/bin/time -v: wall time, peak memory (maximum resident set size),
# and the per-segment throughput curve printed by the benchmark.
# Usage: bench/stream_scale.sh [BUILD_DIR=build/release] [SIZES="100000 1000000"]
set -eu
build=${1:-build/release}
sizes=${2:-"100000 1000000"}
bench="$build/bench/cluster_stream_bench"
[ -x "$bench" ] || { echo "stream_scale.sh: build $bench first (cmake --build $build --target cluster_stream_bench)" >&2; exit 1; }
echo "machine: $(nproc) cores; $(uname -m)"
for n in $sizes; do
  echo "== $n articles"
  /usr/bin/time -v "$bench" "$n" 3000 1 2> "/tmp/stream_scale_$n.time"
  grep -E "Elapsed|Maximum resident" "/tmp/stream_scale_$n.time"
done
