#!/bin/sh
# Whole-run timings of the store (precis add) on the 500 DUC 2004 documents, in a temporary
# folder: the first add (read, store, digest everything), a repeat (every article already stored:
# no digest), and digests of the last 7 and 30 days (--window-days). Each line: wall time, CPU
# time, peak RSS (/usr/bin/time -v), and the articles the digest covered. Checks its answers:
# 500 articles stored once, none added by the repeat.
#   bench/store_bench.sh [build-dir]      (default build/release)
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-build/release}/apps/precis/precis
DATA=${PRECIS_SHARED_DATA:-../shared/data}
if [ ! -d "$DATA/duc2004_task2/docs" ]; then
  echo "store bench: skipped: $DATA/duc2004_task2 not found" >&2
  exit 0
fi
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
run() {
  label=$1
  shift
  /usr/bin/time -v "$BIN" "$@" 2>"$DIR/log" >/dev/null
  awk -F': ' -v label="$label" '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 }
    END { printf "%-44s %6.2f s wall %6.2f s CPU %7.1f MiB peak", label, wall, cpu, rss / 1024 }' "$DIR/log"
  echo "  ($(sqlite3 "$DIR/news.db" 'SELECT articles_digested FROM digest_info') articles digested)"
}
run "add 500 DUC 2004 documents" add --db "$DIR/news.db" "$DATA"/duc2004_task2/docs
STORED=$(sqlite3 "$DIR/news.db" 'SELECT count(*) FROM articles')
run "add them again (all already stored)" add --db "$DIR/news.db" "$DATA"/duc2004_task2/docs
AGAIN=$(sqlite3 "$DIR/news.db" 'SELECT count(*) FROM articles')
run "digest again, --window-days 30" add --db "$DIR/news.db" --window-days 30
run "digest again, --window-days 7" add --db "$DIR/news.db" --window-days 7
echo "store file: $(du -k "$DIR/news.db" | cut -f1) KiB for $STORED articles"
if [ "$STORED" != 500 ] || [ "$AGAIN" != 500 ]; then
  echo "store bench: FAILED: expected 500 articles stored once, got $STORED then $AGAIN" >&2
  exit 1
fi
