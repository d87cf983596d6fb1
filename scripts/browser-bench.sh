#!/usr/bin/env bash
# Page weight and time to interactive of the scoring page at a phone's size (360×740)
# in Debian's headless chromium, against a release `thidua host` on loopback with the
# 12-ward sample (264 cells on a sheet). Not run by CI; figures in BENCHMARKS.md.
#
#   scripts/browser-bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
(cd tests/browser && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent)
cargo build --release --quiet
work=$(mktemp -d)
trap 'kill $host 2>/dev/null || true; rm -rf "$work"' EXIT
target/release/thidua new sample-data/cum-phuong-2025/cluster.json -o "$work/m.thidua" >/dev/null
target/release/thidua host "$work/m.thidua" --port 0 --codes "$work/codes.json" >/dev/null 2>&1 &
host=$!
for _ in $(seq 100); do [ -s "$work/codes.json" ] && break; sleep 0.1; done
link=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('http://127.0.0.1:%d/j/%s' % (d['port'], d['codes']['ba-dinh']['link'].split('/j/')[1]))" "$work/codes.json")
node tests/browser/bench.js "$link" "$runs"
