#!/bin/sh
# The server under a stream of posts: a store of the 500 DUC 2004 documents is served on loopback,
# and N documents of DUC 2003 are posted one at a time (curl --data-binary, as a feed poller
# would), first as the server takes them (stored at once, digested in the background), then with
# ?wait=true (each post waits for a digest that holds it). Each line: the posts' mean and largest
# answer time, the wall time until the digest holds every post, the digests made. Checks its
# answers: every post stored (202, or 201 when waiting), the digest current at the end.
#   bench/serve_bench.sh [build-dir] [posts]      (defaults: build/release, 20)
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-build/release}/apps/precis/precis
POSTS=${2:-20}
DATA=${PRECIS_SHARED_DATA:-../shared/data}
if [ ! -d "$DATA/duc2004_task2/docs" ] || [ ! -d "$DATA/duc2003_task2/docs" ]; then
  echo "serve bench: skipped: $DATA/duc2004_task2 or duc2003_task2 not found" >&2
  exit 0
fi
command -v curl >/dev/null || { echo "serve bench: skipped: curl not installed" >&2; exit 0; }
DIR=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DIR"' EXIT
"$BIN" add -q --db "$DIR/base.db" "$DATA"/duc2004_task2/docs
find "$DATA"/duc2003_task2/docs -type f | sort | head -n "$POSTS" >"$DIR/files"
now() { date +%s.%N; }
round() {
  label=$1
  query=$2
  expect=$3
  cp "$DIR/base.db" "$DIR/run.db"
  "$BIN" serve --db "$DIR/run.db" --port 0 2>"$DIR/serve.err" &
  PID=$!
  port=
  while [ -z "$port" ]; do
    sleep 0.1
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "$DIR/serve.err" | head -1 | sed 's/.*://')
  done
  start=$(now)
  while read -r f; do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --data-binary @"$f" "http://127.0.0.1:$port/api/articles?$query"
  done <"$DIR/files" >"$DIR/answers"
  while ! curl -s "http://127.0.0.1:$port/api/health" | grep -q '"state": "current"'; do sleep 0.1; done
  end=$(now)
  kill "$PID"
  wait "$PID" || true
  PID=
  digests=$(grep -c 'digested' "$DIR/serve.err" || true)
  awk -v label="$label" -v s="$start" -v e="$end" -v d="$digests" -v want="$expect" '
    { n++; t += $2; if ($2 > m) m = $2; if ($1 != want) bad++ }
    END { printf "%-34s %3d posts: answer %7.3f s mean, %7.3f s max; digest current after %6.2f s; %d digests\n",
                 label, n, t / n, m, e - s, d
          if (bad) { printf "serve bench: FAILED: %d answers were not %s\n", bad, want > "/dev/stderr"; exit 1 } }' "$DIR/answers"
}
round "posts, background digest" "" 202
round "posts with ?wait=true" "wait=true" 201
