#!/bin/sh
# Main-text extraction, quality and speed side by side on the 181 pages of the article extraction
# benchmark (EVAL.md §3): precis, readability-lxml (Debian python3-readability) and Readability.js
# (@mozilla/readability + jsdom). Usage:
#   bench/extraction_compare.sh [--install] [PRECIS_BINARY]
# --install installs the two comparison tools: apt-get python3-readability (Debian's python3, so the
# script runs /usr/bin/python3, not a pyenv or venv one), and npm @mozilla/readability + jsdom into
# $PRECIS_BENCH_JS (default build/bench-js, git-ignored: nothing lands in the tracked tree).
#
# Timing, the same for all three: in-process wall time of the extraction loop, one thread, summed
# per page from the page's decoded HTML string to its plain text (parsing included; reading and
# gunzipping the files excluded). MB/s counts the uncompressed HTML bytes.
# Quality: all three outputs are scored by precis's own scorer (`precis eval extraction`, which
# reproduces the published figures of the shipped outputs), from a scratch copy of the benchmark
# whose output/ holds only this run's outputs.
set -eu
cd "$(dirname "$0")/.."
install=0
[ "${1:-}" = "--install" ] && { install=1; shift; }
precis=${1:-build/release/apps/precis/precis}
data=$(cd "${PRECIS_SHARED_DATA:-../shared/data}/article_extraction_benchmark" && pwd)
js=${PRECIS_BENCH_JS:-build/bench-js}
work=build/bench-extraction
py=/usr/bin/python3
mkdir -p "$work"
if [ $install = 1 ]; then
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get install -y python3-readability nodejs npm
  mkdir -p "$js" && (cd "$js" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install @mozilla/readability jsdom)
fi
# A scratch benchmark: the data by symlink, output/ with this run's outputs only.
scratch="$work/data"
rm -rf "$scratch" && mkdir -p "$scratch/output"
ln -s "$data/ground-truth.json" "$scratch/ground-truth.json"
ln -s "$data/html" "$scratch/html"
speeds="$work/speeds.tsv"
: > "$speeds"

echo "== precis ($precis)"
"$precis" eval extraction --data "$data" --no-systems --bootstrap 1 > "$work/precis.txt"
cat "$work/precis.txt"
awk '/pages\/s/ { gsub(",", ""); printf "precis\t%s\t%s\n", $1, $3 }' "$work/precis.txt" >> "$speeds"

if $py -c "import readability" 2>/dev/null; then
  echo "== readability-lxml"
  $py - "$data" "$scratch/output/readability_lxml_run.json" "$speeds" <<'PY'
import gzip, json, sys, time, pathlib, lxml.html
from readability import Document
import readability
data, out, speeds = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
pages = {p.name[:-8]: gzip.open(p).read().decode('utf8', 'replace') for p in sorted((data / 'html').glob('*.html.gz'))}
res, t, size = {}, 0.0, 0
for k, html in pages.items():
    size += len(html.encode())
    s = time.perf_counter()
    try:
        summary = Document(html).summary(html_partial=True)
        text = lxml.html.fromstring(summary).text_content() if summary.strip() else ''
    except Exception:
        text = ''
    t += time.perf_counter() - s
    res[k] = {'articleBody': text}
json.dump(res, open(out, 'w'))
print(f'readability-lxml: {len(pages)/t:.1f} pages/s, {size/1e6/t:.2f} MB/s ({t:.1f} s)')
open(speeds, 'a').write(f'readability_lxml_run\t{len(pages)/t:.2f}\t{size/1e6/t:.3f}\n')
PY
else
  echo "readability-lxml not installed (run with --install)"
fi

if [ -d "$js/node_modules/jsdom" ]; then
  echo "== Readability.js"
  jsdir=$(cd "$js" && pwd)
  cat > "$work/run.js" <<'JS'
const fs = require('fs'), zlib = require('zlib'), path = require('path');
const [dataDir, outFile, speeds, jsDir] = process.argv.slice(2);
const { JSDOM } = require(path.join(jsDir, 'node_modules/jsdom'));
const { Readability } = require(path.join(jsDir, 'node_modules/@mozilla/readability'));
const dir = path.join(dataDir, 'html'), res = {};
let t = 0, size = 0, n = 0;
for (const f of fs.readdirSync(dir).sort()) {
  const html = zlib.gunzipSync(fs.readFileSync(path.join(dir, f))).toString('utf8');
  size += Buffer.byteLength(html); n++;
  const s = process.hrtime.bigint();
  let text = '';
  try { const a = new Readability(new JSDOM(html).window.document).parse(); text = a ? a.textContent : ''; } catch (e) {}
  t += Number(process.hrtime.bigint() - s) / 1e9;
  res[f.replace('.html.gz', '')] = { articleBody: text };
}
fs.writeFileSync(outFile, JSON.stringify(res));
console.log(`Readability.js: ${(n / t).toFixed(1)} pages/s, ${(size / 1e6 / t).toFixed(2)} MB/s (${t.toFixed(1)} s)`);
fs.appendFileSync(speeds, `readability_js_run\t${(n / t).toFixed(2)}\t${(size / 1e6 / t).toFixed(3)}\n`);
JS
  node "$work/run.js" "$data" "$scratch/output/readability_js_run.json" "$speeds" "$jsdir"
else
  echo "Readability.js not installed (run with --install)"
fi

echo "== quality: every output scored by precis eval extraction"
"$precis" eval extraction --data "$scratch" --bootstrap 200 > "$work/scores.txt"
cat "$work/scores.txt"
echo
echo "== table (machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"
awk -F'\t' 'NR == FNR { pps[$1] = $2; mbs[$1] = $3; next }
  $1 in pps && / F1 / {
    split($0, w, " +");
    f1 = w[3]; p = w[7]; r = w[11];
    rows[++n] = $1; F[$1] = f1; P[$1] = p; R[$1] = r
  }
  END {
    printf "| extractor | F1 | P | R | pages/s | MB/s | precis speed-up |\n|---|---|---|---|---|---|---|\n"
    for (i = 1; i <= n; i++) {
      k = rows[i]; name = k; sub(/_run$/, "", name)
      printf "| %s | %s | %s | %s | %.1f | %.2f | %.1fx |\n", name, F[k], P[k], R[k], pps[k], mbs[k], pps["precis"] / pps[k]
    }
  }' "$speeds" FS=' ' "$work/scores.txt"
