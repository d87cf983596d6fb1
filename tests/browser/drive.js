// Drives Debian's chromium through a delegate's scoring page, one scenario per run:
//
//   node drive.js SCENARIO ARGS.json
//
// It asks the Rust test for what only the test can do (kill the host, start it
// again, publish the results) with a line {"ask": "..."} on stdout, and waits for
// "ok" on stdin. Its last line is {"done": {...}} with what the test checks in the
// meeting file, or {"error": "..."}.
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const { execSync } = require("child_process");
const path = require("path");
const readline = require("readline");

const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const tell = (message) => process.stdout.write(JSON.stringify(message) + "\n");
async function ask(what) {
  tell({ ask: what });
  const { value } = await lines.next();
  if (value !== "ok") throw new Error(`the test could not ${what}: ${value}`);
}
function check(ok, what) {
  if (!ok) throw new Error(what);
}

const LAUNCH = {
  executablePath: process.env.THIDUA_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
};
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 };
const LAPTOP = { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 };

/* What the pages of one scenario asked for: counts, requests elsewhere, and every
 * address and Authorization header they sent (the test checks no key is among them). */
const requests = () => ({ all: 0, events: 0, elsewhere: [], tokens: new Set(), sent: [] });

/* Every request a page makes, so the test can see that all of them go to the host. */
function watch(page, origin, seen) {
  page.on("request", (r) => {
    const url = r.url();
    seen.all += 1;
    if (!url.startsWith(origin + "/")) seen.elsewhere.push(url);
    if (url.startsWith(origin + "/api/events")) seen.events += 1;
    const authorization = r.headers()["authorization"] || "";
    seen.sent.push(url + " " + authorization);
    if (url.startsWith(origin + "/api/")) seen.tokens.add(authorization);
  });
  page.setDefaultTimeout(20000);
  return page;
}

async function open(context, origin, seen, where) {
  const page = watch(await context.newPage(), origin, seen);
  await page.goto(origin + where);
  return page;
}

const text = (page, key, ...args) =>
  page.evaluate(([key, args]) => t(key, ...args), [key, args]);
const cellsOf = (page) =>
  page.$$eval("input[data-item]", (inputs) =>
    inputs.map((i) => ({ id: i.id, target: i.dataset.target, item: i.dataset.item })));
const states = (page) =>
  page.$$eval(".cell", (rows) =>
    rows.map((r) => ({
      value: r.querySelector("input").value,
      state: r.querySelector(".state").textContent,
      why: r.querySelector(".why").textContent,
      kind: r.className.replace("cell", "").trim(),
    })));
const noticeText = (page) => page.$eval("#notice", (n) => (n.hidden ? "" : n.textContent));
const queued = (page) => page.evaluate(() => queue().length);

/* How a delegate types a value: a comma on every other cell, as Vietnamese write it. */
function typed(value, index) {
  if (value === undefined || value === null) return "";
  const s = String(value);
  return index % 2 ? s.replace(".", ",") : s;
}

/* Types the cells from `from` to `to` (exclusive) starting at the focused one, moving
 * with Tab, or Enter on every third cell. */
async function typeCells(page, cells, values, from, to) {
  for (let i = from; i < to; i++) {
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    check(focused === cells[i].id, `cell ${i} should have focus, ${focused} has it`);
    if (values[i]) await page.keyboard.type(values[i]);
    await page.keyboard.press(i % 3 === 2 ? "Enter" : "Tab");
  }
}

async function allSaved(page, count) {
  await page.waitForFunction(
    (n) => queue().length === 0 && document.querySelectorAll(".cell.saved").length === n,
    count,
    { timeout: 30000 });
}

const scenarios = {
  /* A version 2 sheet: headings, a count with the points it gives, a pass/fail choice,
   * the chair's figures shown read only with their points, an item that does not
   * apply; the values reach the host as typed. */
  async "version-two"(browser, a) {
    const seen = requests();
    const phone = await browser.newContext(PHONE);
    const page = await open(phone, a.origin, seen, "/j#" + a.token);
    await page.waitForSelector("input[data-item]");
    const headings = await page.$$eval(".heading", (h) => h.map((x) => x.textContent));
    check(headings.length >= 10, `headings shown: ${headings.length}`);
    // Item 6: 5 points per occurrence, at most 20. Three occurrences for Lệ Thủy.
    const count = "input[data-item='6'][data-target='le-thuy']";
    await page.click(count);
    await page.keyboard.type("3");
    await page.keyboard.press("Tab");
    const given = await text(page, "PointsGiven", "15");
    await page.waitForFunction(
      ([sel, want]) => document.querySelector(sel).closest(".cell").querySelector(".state").textContent.includes(want),
      [count, given]);
    // A fraction of a count is refused in its own cell and never sent.
    await page.click(count);
    await page.fill(count, "2,5");
    await page.keyboard.press("Tab");
    const why = await page.$eval(count, (i) => i.closest(".cell").querySelector(".why").textContent);
    check(why === (await text(page, "NotWhole")), `a fraction of a count: "${why}"`);
    await page.fill(count, "4");
    await page.keyboard.press("Tab");
    // Item 2, pass/fail: chosen, not typed.
    await page.selectOption("select[data-item='2'][data-target='le-thuy']", "1");
    // Plus/minus (item 13): two counts; the minus count shows the points.
    await page.fill("input[data-item='13+'][data-target='le-thuy']", "2");
    await page.keyboard.press("Tab");
    await page.fill("input[data-item='13-'][data-target='le-thuy']", "1");
    await page.keyboard.press("Tab");
    await page.waitForFunction(() => queue().length === 0, null, { timeout: 30000 });
    // The chair's figures: read only, with their points; nothing to type there.
    const facts = await page.$$eval(".cell .fact", (f) => f.map((x) => x.textContent));
    check(facts.some((f) => f !== "—"), "no figure of the chair is shown");
    check((await page.$$("input[data-item='9']")).length === 0, "a figure the chair enters can be typed");
    // Item 47 does not apply to Cam Hồng, Tân Mỹ and Trường Phú.
    check((await page.$$("[data-item='47'][data-target='tan-my']")).length === 0, "an item that does not apply can be entered");
    const off = await page.$$eval(".cell.off .state", (s) => s.map((x) => x.textContent));
    check(off.includes(await text(page, "NotAssigned")), "an item that does not apply is not said so");
    await page.screenshot({ path: path.join(a.shots, "phone-version-two.png"), fullPage: false });
    await phone.close();
    return { requests: seen.all, elsewhere: seen.elsewhere, sent: seen.sent.length };
  },

  /* A whole sheet by keyboard, through a killed host and a browser gone offline. */
  async "whole-sheet"(browser, a) {
    const seen = requests();
    const phone = await browser.newContext(PHONE);
    let page = await open(phone, a.origin, seen, "/j#" + a.token);
    await page.waitForSelector("input[data-item]");
    const cells = await cellsOf(page);
    const values = cells.map((c, i) => typed((a.scores[c.target] || {})[c.item], i));
    const filled = values.filter((v) => v !== "").length;
    const third = Math.floor(cells.length / 3);
    const ready = await page.evaluate(() => performance.getEntriesByName("thidua-ready").length);
    check(ready === 1, "the page did not say it was ready");

    // 1. Online, and the first three answers lost after the host committed: the page
    //    sends those values again and the host must not apply them twice.
    let lostAnswers = 0;
    await page.route("**/api/events", async (route) => {
      if (lostAnswers >= 3) return route.continue();
      lostAnswers += 1;
      await route.fetch();
      await route.abort("connectionreset");
    });
    await typeCells(page, cells, values, 0, third);
    const firstPart = values.slice(0, third).filter((v) => v).length;
    await allSaved(page, firstPart);
    await page.unroute("**/api/events");

    // 2. The host is killed (the chair's laptop crashed): typing goes on.
    await ask("kill");
    await typeCells(page, cells, values, third, 2 * third);
    const secondPart = values.slice(third, 2 * third).filter((v) => v).length;
    const offline = await text(page, "Offline");
    await page.waitForFunction((o) => document.getElementById("notice").textContent === o, offline);
    const pending = await page.$$eval(".cell.pending", (rows) => rows.length);
    check(pending === secondPart, `${pending} cells wait to be sent, ${secondPart} were typed`);
    check((await queued(page)) === secondPart, "the page's queue does not hold every typed value");
    await page.screenshot({ path: path.join(a.shots, "phone-offline.png") });

    // 3. The host is back: everything typed meanwhile is sent once.
    await ask("restart");
    await allSaved(page, firstPart + secondPart);
    check((await noticeText(page)) === "", "the offline notice stays after the host came back");

    // 4. The browser itself goes offline, the delegate types on, closes the page and
    //    opens the link again once the network is back.
    await phone.setOffline(true);
    const gone = 2 * third + Math.floor(third / 2);
    await typeCells(page, cells, values, 2 * third, gone);
    await page.waitForFunction((o) => document.getElementById("notice").textContent === o, offline);
    const thirdPart = values.slice(2 * third, gone).filter((v) => v).length;
    check((await queued(page)) === thirdPart, "values typed offline are not all kept");
    await page.close();
    await phone.setOffline(false);
    page = await open(phone, a.origin, seen, "/j#" + a.token);
    await allSaved(page, firstPart + secondPart + thirdPart);
    // The page puts the cursor in the first empty cell; a delegate taps it otherwise.
    await page.focus("#" + cells[gone].id);
    await typeCells(page, cells, values, gone, cells.length);
    await allSaved(page, filled);

    // 5. Reloading shows the sheet as the host holds it.
    await page.reload();
    await page.waitForSelector("input[data-item]");
    await page.screenshot({ path: path.join(a.shots, "phone.png") });
    const shown = await states(page);
    const number = (s) => (s === "" ? null : Number(s.replace(",", ".")));
    const mismatch = shown.findIndex((s, i) => number(s.value) !== number(values[i]));
    check(mismatch < 0, `after a reload cell ${mismatch} shows ${JSON.stringify(shown[mismatch])}, typed ${values[mismatch]}`);
    check(shown.every((s, i) => (values[i] ? s.state === shown[0].state && s.kind === "saved" : s.kind === "")),
      "after a reload not every typed cell is marked saved");

    // 6. The same sheet on a laptop's screen, then submitted there.
    const laptop = await browser.newContext(LAPTOP);
    const wide = await open(laptop, a.origin, seen, "/j#" + a.token);
    await wide.waitForSelector("input[data-item]");
    await wide.screenshot({ path: path.join(a.shots, "laptop.png") });
    await wide.close();
    page.once("dialog", (d) => d.accept());
    await page.click("#submit");
    // From the press on, the button waits: a second press sends nothing more.
    check(await page.$eval("#submit", (b) => b.disabled), "the submit button can be pressed again while submitting");
    const submitted = await text(page, "Submitted");
    await page.waitForFunction((s) => document.getElementById("notice").textContent === s, submitted);
    const editable = await page.$$eval("input[data-item]", (inputs) => inputs.filter((i) => !i.disabled).length);
    check(editable === 0, `${editable} cells can still be edited after submitting`);
    check(await page.$eval("#submit", (b) => b.disabled), "the submit button is enabled once the submission is committed");
    const device = await page.evaluate(() => device());
    return { device, cells: cells.length, filled, lostAnswers, sent: seen.events, elsewhere: seen.elsewhere };
  },

  /* Both ends killed with SIGKILL: the host while values wait in the page, then the
   * browser itself (a phone that crashes); the browser's profile stays on disk, as
   * on a phone, and the page opened again sends what was waiting, each value once. */
  async "both-killed"(_browser, a) {
    const seen = requests();
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "thidua-profile-"));
    const start = async () => {
      const context = await chromium.launchPersistentContext(profile, Object.assign({}, LAUNCH, PHONE));
      const page = watch(context.pages()[0] || (await context.newPage()), a.origin, seen);
      await page.goto(a.origin + "/j#" + a.token);
      await page.waitForSelector("input[data-item]");
      return page;
    };
    let page = await start();
    const cells = await cellsOf(page);
    const values = cells.map((c, i) => typed((a.scores[c.target] || {})[c.item], i));
    const online = values.slice(0, a.online).filter((v) => v).length;
    await typeCells(page, cells, values, 0, a.online);
    await allSaved(page, online);
    await ask("kill");
    await typeCells(page, cells, values, a.online, a.online + a.offline);
    const waiting = values.slice(a.online, a.online + a.offline).filter((v) => v).length;
    const offlineText = await text(page, "Offline");
    await page.waitForFunction((o) => document.getElementById("notice").textContent === o, offlineText);
    check((await queued(page)) === waiting, "the page's queue does not hold every typed value");
    const device = await page.evaluate(() => device());
    await page.waitForTimeout(a.settleMs);
    // The pattern's bracket keeps pkill from matching its own shell's command line.
    execSync(`pkill -9 -f 'user-data-di[r]=${profile}'`);
    await ask("restart");
    page = await start();
    await allSaved(page, online + waiting);
    const sent = cells
      .slice(0, a.online + a.offline)
      .map((c, i) => ({ target: c.target, item: c.item, value: values[i] }))
      .filter((c) => c.value);
    await page.context().close();
    fs.rmSync(profile, { recursive: true, force: true });
    return { device, sent, elsewhere: seen.elsewhere };
  },

  /* Values the rules refuse: explained on the page, never sent. */
  async refused(browser, a) {
    const seen = requests();
    const context = await browser.newContext(PHONE);
    const page = await open(context, a.origin, seen, "/j#" + a.token);
    await page.waitForSelector("input[data-item]");
    const cells = await cellsOf(page);
    const rule = await page.evaluate(() => cells.map((c) => ({ max: c.item.max, step: c.item.step || 1 })));
    const { max, step } = rule[0];
    const tries = [
      [String(max + step), "OverMax", [String(max).replace(".", ",")]],
      ["chín", "NotNumber", ["chín"]],
      [String(step / 2).replace(".", ","), null, []],
      ["-1", "Negative", []],
      ["1,234", "TooManyDecimals", []],
    ];
    for (const [value] of tries) {
      await page.keyboard.type(value);
      await page.keyboard.press("Tab");
    }
    const shown = await states(page);
    for (let i = 0; i < tries.length; i++) {
      const [value, key, args] = tries[i];
      check(shown[i].kind === "refused", `"${value}" was not refused: ${JSON.stringify(shown[i])}`);
      check(shown[i].state === (await text(page, "CellRefused")), `"${value}" is not marked refused`);
      if (key) check(shown[i].why === (await text(page, key, ...args)), `"${value}": ${shown[i].why}`);
      else check(shown[i].why.length > 0, `"${value}" has no reason`);
      check(shown[i].value === value, `the refused "${value}" is not left to correct`);
    }
    page.once("dialog", (d) => { throw new Error("a sheet with refused cells asked to be submitted: " + d.message()); });
    await page.click("#submit");
    check((await noticeText(page)) === (await text(page, "FixRefused")), "submitting with refused cells is not explained");
    // The English switch: the page, the reasons and the notice change language.
    await page.click("#lang");
    check((await page.evaluate(() => document.documentElement.lang)) === "en", "the page is not in English");
    check((await page.textContent("#submit")) === (await page.evaluate(() => TEXT.en.Submit)), "the button is not in English");
    const english = await states(page);
    const overMax = await page.evaluate((m) => TEXT.en.OverMax.replace("{0}", m), String(max));
    check(english[0].why === overMax, `the reason stays "${english[0].why}"`);
    check(english[0].value === tries[0][0], "switching language lost a refused value");
    check((await noticeText(page)) === (await page.evaluate(() => TEXT.en.FixRefused)), "the notice is not in English");
    await page.click("#lang");
    await page.waitForTimeout(500);
    check(seen.events === 0, `${seen.events} refused values were sent`);
    // The first cell corrected: sent once and saved.
    await page.focus("#" + cells[0].id);
    await page.fill("#" + cells[0].id, "");
    await page.keyboard.type(String(max).replace(".", ","));
    await page.keyboard.press("Tab");
    await allSaved(page, 1);
    return { sent: seen.events, elsewhere: seen.elsewhere };
  },

  /* A submitted sheet is read-only until the chair reopens it, with the reason shown. */
  async reopen(browser, a) {
    const seen = requests();
    const context = await browser.newContext(PHONE);
    const page = await open(context, a.origin, seen, "/j#" + a.token);
    await page.waitForSelector("input[data-item]");
    const submitted = await text(page, "Submitted");
    check((await noticeText(page)) === submitted, "a submitted sheet does not say so");
    const editable = () => page.$$eval("input[data-item]", (inputs) => inputs.filter((i) => !i.disabled).length);
    check((await editable()) === 0, "a submitted sheet can be edited");
    check(await page.$eval("#submit", (b) => b.disabled), "a submitted sheet can be submitted again");

    await ask("reopen");
    const reopened = await text(page, "Reopened", a.reason);
    await page.waitForFunction((r) => document.getElementById("notice").textContent === r, reopened, { timeout: 15000 });
    check((await editable()) > 0, "a reopened sheet cannot be edited");
    await page.screenshot({ path: path.join(a.shots, "phone-reopened.png") });
    const first = (await cellsOf(page))[0];
    await page.focus("#" + first.id);
    await page.fill("#" + first.id, "");
    await page.keyboard.type(a.corrected);
    await page.keyboard.press("Tab");
    await page.waitForFunction(() => queue().length === 0 && !document.querySelector(".cell.pending"));
    page.once("dialog", (d) => d.accept());
    await page.click("#submit");
    await page.waitForFunction((s) => document.getElementById("notice").textContent === s, submitted);
    check((await editable()) === 0, "the sheet submitted again can be edited");
    return { first, elsewhere: seen.elsewhere };
  },

  /* The live meeting's security, through the pages. */
  async security(browser, a) {
    const seen = requests();
    // A made-up link opens nothing.
    const stranger = await browser.newContext(PHONE);
    let page = await open(stranger, a.origin, seen, "/j#" + a.madeUpToken);
    await page.waitForFunction(() => !document.getElementById("notice").hidden);
    check((await page.$$("input")).length === 0, "a made-up link shows a sheet");
    check((await noticeText(page)) === (await text(page, "CodeLost")), "a made-up link is not explained");
    await page.close();

    // The PIN on the slip opens that delegate's own sheet and nobody else's. The PIN
    // page shows no empty buttons (the sheet's footer stays hidden there).
    page = await open(stranger, a.origin, seen, "/");
    await page.waitForSelector("#pin");
    const emptyButtons = await page.$$eval("button", (buttons) =>
      buttons.filter((b) => b.offsetParent !== null && b.textContent.trim() === "").length);
    check(emptyButtons === 0, `the PIN page shows ${emptyButtons} empty buttons`);
    await page.fill("#pin", a.pin);
    await page.keyboard.press("Enter");
    await page.waitForURL(a.origin + "/j#" + a.token);
    await page.waitForSelector("input[data-item]");
    const heading = await page.textContent("#sub");
    check(heading === (await text(page, "SheetOf", a.short)), `the PIN opened "${heading}"`);
    const filledShown = await page.$$eval("input[data-item]", (inputs) => inputs.filter((i) => i.value !== "").length);
    const cellsShown = (await cellsOf(page)).length;

    // The results only while the chair publishes them.
    const tallyStatus = () =>
      page.evaluate(async () => (await fetch("/api/tally", { headers: auth("GET", "/api/tally") })).status);
    check((await tallyStatus()) === 403, "the results are readable before the chair publishes them");
    check(await page.$eval("#showResults", (b) => b.hidden), "the results button shows before publishing");
    await ask("publish");
    await page.waitForFunction(() => !document.getElementById("showResults").hidden, null, { timeout: 15000 });
    await page.click("#showResults");
    await page.waitForSelector("#results table");
    const ranked = await page.$$eval("#results tbody tr", (rows) => rows.length);
    check(ranked === a.members, `the results list ${ranked} members, the cluster has ${a.members}`);
    await page.screenshot({ path: path.join(a.shots, "phone-results.png"), fullPage: false });
    await ask("unpublish");
    check((await tallyStatus()) === 403, "the results stay readable after the chair withdrew them");
    await page.waitForFunction(() => document.getElementById("showResults").hidden, null, { timeout: 15000 });

    // What the page could be made to send from the browser's console: another
    // delegate's score or submission, attendance, a reopening, finalizing. All refused.
    const statuses = await page.evaluate(async (lists) => {
      const out = [];
      for (const events of lists) {
        const body = JSON.stringify({ device: device(), events: events.map((event, i) => ({ seq: 900000 + i, event })) });
        const r = await fetch("/api/events", {
          method: "POST",
          headers: Object.assign({ "Content-Type": "application/json" }, auth("POST", "/api/events", body)),
          body,
        });
        out.push(r.status);
      }
      return out;
    }, a.forbidden);
    check(statuses.every((s) => s === 403), `forbidden events answered ${statuses}`);
    const asked = await page.evaluate(async (other) =>
      (await (await fetch("/api/sheet?scorer=" + other, { headers: auth("GET", "/api/sheet?scorer=" + other) })).json()).scorer, a.other);
    check(asked === a.scorer, `asking for ${a.other}'s sheet gave ${asked}'s`);

    // The chair revokes the code (a borrowed phone): the next value is not taken and
    // the page says why.
    await ask("revoke");
    await page.focus("#" + (await cellsOf(page))[0].id);
    await page.keyboard.type("1");
    await page.keyboard.press("Tab");
    const lostText = await text(page, "CodeLost");
    await page.waitForFunction((l) => document.getElementById("notice").textContent === l, lostText);
    check((await page.$$("input[data-item]")).length === 0, "a revoked code still shows the sheet");

    // Wrong PINs: each refused, then the address waits.
    const guesser = await browser.newContext(PHONE);
    const guess = await open(guesser, a.origin, seen, "/");
    const answers = [];
    for (let i = 0; i < 6; i++) {
      await guess.fill("#pin", a.wrongPin);
      const answered = guess.waitForResponse((r) => r.url().endsWith("/api/join"));
      await guess.click("button");
      answers.push((await answered).status());
      await guess.waitForFunction(() => !document.getElementById("pinMsg").hidden);
    }
    const message = await guess.textContent("#pinMsg");
    check(answers.slice(0, 5).every((s) => s === 401), `wrong PINs answered ${answers}`);
    check(answers[5] === 429, `the sixth wrong PIN answered ${answers[5]}`);
    check(/\d/.test(message), `the wait is not stated: ${message}`);
    check(guess.url() === a.origin + "/", "a wrong PIN left the PIN page");
    return {
      elsewhere: seen.elsewhere,
      tokens: Array.from(seen.tokens),
      sent: seen.sent,
      cellsShown,
      filledShown,
      answers,
      waitMessage: message,
    };
  },
};

(async () => {
  const [scenario, argsFile] = process.argv.slice(2);
  const args = JSON.parse(fs.readFileSync(argsFile, "utf8"));
  const browser = await chromium.launch(LAUNCH);
  try {
    const result = await scenarios[scenario](browser, args);
    tell({ done: result });
  } catch (e) {
    tell({ error: String(e && e.stack ? e.stack : e) });
    process.exitCode = 1;
  } finally {
    await browser.close();
    process.exit();
  }
})();
