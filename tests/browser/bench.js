// Page weight and time to interactive of the scoring page at the phone's size, in
// Debian's headless chromium: `scripts/browser-bench.sh` runs it against a release
// host. "Interactive" is the page's own `thidua-ready` mark: the sheet drawn from
// the host's answer and the first empty cell focused, ready for the first key.
//
//   node bench.js URL RUNS
"use strict";
const { chromium } = require("playwright-core");

(async () => {
  const [url, runs = "20"] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.THIDUA_CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const ready = [], loaded = [];
  let bytes = 0, requests = 0, cells = 0;
  for (let i = 0; i < Number(runs); i++) {
    // A fresh browser profile each time: nothing cached, nothing stored.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    // One device, as one phone reloading: a code admits only a few devices.
    await context.addInitScript(() => localStorage.setItem("thidua-device", "0123456789abcdef0123456789abcdef"));
    const page = await context.newPage();
    let count = 0;
    page.on("request", () => count++);
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName("thidua-ready").length === 1);
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      return {
        ready: performance.getEntriesByName("thidua-ready")[0].startTime,
        dom: nav.domContentLoadedEventEnd,
        bytes: nav.decodedBodySize,
        cells: document.querySelectorAll("input[data-item]").length,
      };
    });
    if (i > 0) { ready.push(m.ready); loaded.push(m.dom); } // the first run warms the host
    bytes = m.bytes; cells = m.cells; requests = count;
    await context.close();
  }
  await browser.close();
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const max = (xs) => Math.max(...xs);
  console.log(`page: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KB), ${requests} requests (the page, then its sheet), ${cells} cells`);
  console.log(`HTML parsed (DOMContentLoaded): median ${median(loaded).toFixed(0)} ms, max ${max(loaded).toFixed(0)} ms`);
  console.log(`interactive (sheet drawn, first cell focused): median ${median(ready).toFixed(0)} ms, max ${max(ready).toFixed(0)} ms, over ${ready.length} loads`);
})();
