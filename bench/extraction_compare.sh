#!/bin/sh
# Main-text extraction, quality and speed side by side on the 181 pages of the article extraction
# benchmark: precis, readability-lxml (Debian python3-readability) and Readability.js
# (@mozilla/readability + jsdom). Usage:
#   bench/extraction_compare.sh [--install] [PRECIS_BINARY]
# --install installs the two comparison tools (apt-get python3-readability; npm in build/bench-js).
# Throughput is pages/s and MB/s of extraction only (parsing included, file reading excluded), one
# thread each. Scores use the benchmark's protocol (4-token shingles, mean P and R; EVAL.md §3).
set -eu
cd "$(dirname "$0")/.."
install=0
[ "${1:-}" = "--install" ] && { install=1; shift; }
precis=${1:-build/release/apps/precis/precis}
data=${PRECIS_SHARED_DATA:-../shared/data}/article_extraction_benchmark
work=build/bench-extraction
mkdir -p "$work"
if [ $install = 1 ]; then
  sudo apt-get install -y python3-readability nodejs npm
  mkdir -p build/bench-js && (cd build/bench-js && npm init -y >/dev/null && npm install @mozilla/readability jsdom)
fi
echo "== precis"
"$precis" eval extraction --data "$data" --no-systems --write-output "$work/precis.json"
if python3 -c "import readability" 2>/dev/null; then
  echo "== readability-lxml"
  python3 - "$data" "$work/readability_lxml.json" <<'PY'
import gzip, json, sys, time, pathlib, lxml.html
from readability import Document
data, out = pathlib.Path(sys.argv[1]), sys.argv[2]
pages = {p.name[:-8]: gzip.open(p).read().decode('utf8') for p in sorted((data / 'html').glob('*.html.gz'))}
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
PY
else
  echo "readability-lxml not installed (run with --install)"
fi
if [ -d build/bench-js/node_modules/jsdom ]; then
  echo "== Readability.js"
  cat > "$work/run.js" <<'JS'
const fs = require('fs'), zlib = require('zlib'), path = require('path');
const { JSDOM } = require(process.cwd() + '/build/bench-js/node_modules/jsdom');
const { Readability } = require(process.cwd() + '/build/bench-js/node_modules/@mozilla/readability');
const dir = path.join(process.argv[2], 'html'), res = {};
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
fs.writeFileSync(process.argv[3], JSON.stringify(res));
console.log(`Readability.js: ${(n / t).toFixed(1)} pages/s, ${(size / 1e6 / t).toFixed(2)} MB/s (${t.toFixed(1)} s)`);
JS
  node "$work/run.js" "$data" "$work/readability_js.json"
else
  echo "Readability.js not installed (run with --install)"
fi
echo "== quality (same scorer protocol for all)"
python3 - "$data" "$work" <<'PY'
import json, re, sys, pathlib
from collections import Counter
data, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
truth = json.load(open(data / 'ground-truth.json'))
W = re.compile(r'\w+')
def sh(t):
    k = W.findall(t or ''); return Counter(tuple(k[i:i+4]) for i in range(max(1, len(k)-3)) if k[i:i+4])
def match(a, b):
    A, B = sh(a), sh(b); tp = sum((A & B).values()); fp = sum((B - A).values()); fn = sum((A - B).values())
    s = tp + fp + fn; return (tp/s, fp/s, fn/s) if s else (0, 0, 0)
for f in sorted(work.glob('*.json')):
    pred = json.load(open(f)); ms = [match(truth[k]['articleBody'], pred.get(k, {}).get('articleBody', '')) for k in truth]
    P = [1. if fp == fn == 0 else 0. if tp == fp == 0 else tp/(tp+fp) for tp, fp, fn in ms if tp+fp > 0]
    R = [1. if fp == fn == 0 else 0. if tp == fn == 0 else tp/(tp+fn) for tp, fp, fn in ms if tp+fn > 0]
    p, r = sum(P)/len(P), sum(R)/len(R)
    print(f'{f.stem:<18} F1 {2*p*r/(p+r):.3f}  P {p:.3f}  R {r:.3f}')
PY
