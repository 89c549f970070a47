#!/bin/sh
# WARC end to end: the 181 pages of the article extraction benchmark written as a web archive (one
# gzip member per record, as Common Crawl's CC-NEWS; written under /tmp, never into the tree),
# repeated REPEAT times, then read back by `precis extract ARCHIVE --format json` (decompression,
# record parsing, charset, main-content extraction, metadata, JSON Lines out to /dev/null).
# Whole-process wall time, CPU time (user + sys, which a loaded machine does not inflate) and
# peak memory from /usr/bin/time; the run checks its answer: the
# number of articles must equal 181 x REPEAT. Usage:
#   bench/warc_speed.sh [PRECIS_BINARY] [REPEAT]        (default build/release/apps/precis/precis, 10)
set -eu
cd "$(dirname "$0")/.."
precis=${1:-build/release/apps/precis/precis}
repeat=${2:-10}
data=${PRECIS_SHARED_DATA:-../shared/data}/article_extraction_benchmark
dir=${TMPDIR:-/tmp}/precis-warc-bench
mkdir -p "$dir"
/usr/bin/python3 - "$data" "$dir" "$repeat" <<'PY'
import gzip, json, pathlib, sys, uuid
data, out, repeat = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
truth = json.load(open(data / 'ground-truth.json'))
html_bytes = 0
with open(out / 'pages.warc.gz', 'wb') as gz_out, open(out / 'pages.warc', 'wb') as raw_out:
    for r in range(repeat):
        for p in sorted((data / 'html').glob('*.html.gz')):
            key = p.name[:-8]
            html = gzip.open(p).read()
            html_bytes += len(html)
            http = (b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n' % len(html)) + html
            url = truth.get(key, {}).get('url') or f'https://example.invalid/{key}'
            head = (f'WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n'
                    f'WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Target-URI: {url}?copy={r}\r\n'
                    f'Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n').encode()
            record = head + http + b'\r\n\r\n'
            raw_out.write(record)
            gz_out.write(gzip.compress(record))
(out / 'html_bytes').write_text(str(html_bytes))
PY
pages=$((181 * repeat))
html_mb=$(awk '{ printf "%.1f", $1 / 1e6 }' "$dir/html_bytes")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
for archive in pages.warc pages.warc.gz; do
  size_mb=$(du -b "$dir/$archive" | awk '{ printf "%.1f", $1 / 1e6 }')
  /usr/bin/time -v "$precis" extract --format json "$dir/$archive" >/dev/null 2>"$dir/log"
  got=$(grep -o '[0-9]* articles from' "$dir/log" | cut -d' ' -f1)
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$dir/log")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$dir/log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$dir/log")
  if [ "$got" != "$pages" ]; then
    echo "FAIL $archive: $got articles, expected $pages" >&2
    exit 1
  fi
  awk -v a="$archive" -v n="$got" -v w="$wall" -v h="$html_mb" -v z="$size_mb" -v r="$rss" -v c="$cpu" 'BEGIN {
    printf "%-14s %d pages in %.2f s (whole process): %.0f pages/s, %.1f MB/s of HTML (%.1f MB), %.1f MB/s of archive (%.1f MB); peak RSS %d MiB\n",
      a, n, w, n / w, h / w, h, z / w, z, r
    printf "%-14s CPU time %.2f s (user + sys): %.0f pages/s, %.1f MB/s of HTML per CPU second\n", "", c, n / c, h / c }'
done
