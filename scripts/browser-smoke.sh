#!/usr/bin/env bash
# Opens a delegate's scoring page in Debian's headless Chromium (driven by
# Playwright), types three values (one over the maximum) and shows what the page and
# the meeting file say. A first look, not run by CI; the browser tests come next.
#
#   scripts/browser-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
cargo build --quiet
work=$(mktemp -d)
trap 'kill $host 2>/dev/null || true; rm -rf "$work"' EXIT
target/debug/thidua new sample-data/ha-noi-cum-1-2024/cluster.json -o "$work/m.thidua" >/dev/null
target/debug/thidua host "$work/m.thidua" --port 0 --codes "$work/codes.json" >/dev/null 2>&1 &
host=$!
for _ in $(seq 100); do [ -s "$work/codes.json" ] && break; sleep 0.1; done
port=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['port'])" "$work/codes.json")
token=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['codes']['ba-dinh']['link'].split('/j/')[1])" "$work/codes.json")
(cd "$work" && npm install --silent playwright-core@1 >/dev/null)
cat > "$work/smoke.js" <<JS
const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  const elsewhere = [];
  page.on('request', r => { if (!r.url().startsWith('http://127.0.0.1:$port/')) elsewhere.push(r.url()); });
  await page.goto('http://127.0.0.1:$port/j/$token');
  await page.waitForSelector('input');
  for (const v of ['4,5', '9', '3.5']) { await page.keyboard.type(v); await page.keyboard.press('Tab'); }
  await page.waitForTimeout(1500);
  const cells = await page.\$\$eval('.cell', cs => cs.slice(0, 3).map(c =>
    c.querySelector('input').value + ' | ' + c.querySelector('.state').textContent + ' | ' + c.querySelector('.why').textContent));
  console.log(cells.join('\n'));
  console.log(await page.textContent('#status'));
  console.log('requests to other hosts:', elsewhere.length);
  await browser.close();
})();
JS
(cd "$work" && node smoke.js)
echo "in the meeting file:"
python3 -c "import sqlite3,sys; [print(r) for r in sqlite3.connect(sys.argv[1]).execute('select seq, by, event from events')]" "$work/m.thidua"
