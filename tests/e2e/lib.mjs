// Helpers for the end-to-end tests: the WebDriver session on the real app window, reading
// the week grid, and asking miraage-cli what the store holds.
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { remote } from "webdriverio";

const run = promisify(execFile);

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with "npm run e2e" (tests/e2e/run.sh)`);
  return value;
}

export const env = {
  get app() {
    return required("MIRAAGE_APP");
  },
  get cli() {
    return required("MIRAAGE_CLI");
  },
  get db() {
    return required("MIRAAGE_DB");
  },
  port: Number(process.env.TAURI_DRIVER_PORT ?? 4444),
  artifacts: process.env.E2E_ARTIFACTS ?? "tests/artifacts",
};

/** Starts the app through tauri-driver; resolves once the WebDriver session exists. */
export function startApp() {
  return remote({
    hostname: "127.0.0.1",
    port: env.port,
    logLevel: "warn",
    connectionRetryTimeout: 120_000,
    connectionRetryCount: 0,
    capabilities: {
      "tauri:options": { application: env.app },
      // WebKitWebDriver speaks classic WebDriver only.
      "wdio:enforceWebDriverClassic": true,
    },
  });
}

const pad2 = (n) => String(n).padStart(2, "0");
export const localDate = (d) => `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;

/** Local days [from, to) of the Monday-first week holding `d`, as the app should show it. */
export function weekOf(d, offsetWeeks = 0) {
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7) + 7 * offsetWeeks);
  const next = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7);
  return { from: localDate(monday), to: localDate(next) };
}

/** Everything the week grid shows right now, read in one round trip. */
export function readWeek(browser) {
  return browser.execute(() => {
    const range = document.querySelector('[data-testid="week-range"]');
    const grid = document.querySelector(".week");
    const error = document.querySelector('[data-testid="error"]');
    return {
      from: range?.dataset.from ?? null,
      to: range?.dataset.to ?? null,
      label: range?.textContent ?? null,
      state: grid?.dataset.state ?? null,
      error: error?.textContent ?? null,
      events: [...document.querySelectorAll('[data-testid="event"]')].map((el) => ({
        uid: el.dataset.uid,
        start: el.dataset.start,
        calendarId: el.dataset.calendarId,
        title: el.querySelector(".ev-title")?.textContent ?? el.textContent,
      })),
    };
  });
}

/**
 * Waits until the grid shows the week starting on `from` with its events loaded and the
 * rendering settled (the same events on two reads in a row).
 */
export async function waitForWeek(browser, from, timeout = 15_000) {
  let last = null;
  let previous = "";
  await browser.waitUntil(
    async () => {
      last = await readWeek(browser);
      if (last.error) throw new Error(`the app shows an error: ${last.error}`);
      if (last.from !== from || last.state !== "ready") return false;
      const signature = JSON.stringify(last.events);
      const settled = signature === previous;
      previous = signature;
      return settled;
    },
    { timeout, interval: 150, timeoutMsg: `week of ${from} not shown; last read: ${JSON.stringify(last)?.slice(0, 400)}` },
  );
  return last;
}

/** One entry per occurrence: an event crossing midnight is drawn as several segments. */
export function distinct(events) {
  return [...new Map(events.map((e) => [`${e.uid}|${e.start}`, e])).values()];
}

export const isDateOnly = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** "summary @ instant" keys, sorted: a multiset that ignores how an instant is spelled. */
export function keys(list, { allDay }) {
  return list
    .filter((o) => isDateOnly(o.start) === allDay)
    .map((o) => `${o.summary} @ ${allDay ? o.start : new Date(o.start).toISOString()}`)
    .sort();
}

/** The store's occurrences for local days [from, to), as miraage-cli reports them. */
export async function cliEvents(from, to) {
  const { stdout } = await run(env.cli, ["--db", env.db, "events", "--from", from, "--to", to, "--json"]);
  return JSON.parse(stdout);
}

/**
 * Resolves once the page has rendered two more frames, i.e. what the DOM holds now is on
 * screen (at start-up the first frames lag the DOM by a moment).
 */
export function painted(browser) {
  return browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}

/** A WebDriver screenshot of the window and an X11 one of the whole (virtual) screen. */
export async function screenshots(browser, name) {
  mkdirSync(env.artifacts, { recursive: true });
  await painted(browser);
  // Under Xvfb WebKit's compositor can hand the driver a frame from just before the last DOM
  // change (stale ghosts after "reject all"); a short pause lets the screen catch up.
  await browser.pause(300);
  const files = [join(env.artifacts, `${name}.png`)];
  await browser.saveScreenshot(files[0]);
  if (process.env.DISPLAY) {
    const screen = join(env.artifacts, `${name}-screen.png`);
    await run("import", ["-display", process.env.DISPLAY, "-window", "root", screen]);
    files.push(screen);
  }
  return files;
}

/** The ghost blocks of the plan as the grid shows them. */
export function readGhosts(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="ghost"]')].map((el) => ({
      id: el.dataset.ghostId,
      taskId: el.dataset.taskId,
      start: el.dataset.start,
      end: el.dataset.end,
      reason: el.dataset.reason ?? null,
      move: el.classList.contains("ghost-move"),
      title: el.querySelector(".ev-title")?.textContent ?? "",
    })),
  );
}

/** Distinct ghosts (one per block) once their number has settled and is at least `min`. */
export async function waitForGhosts(browser, { min = 1, max = Infinity, timeout = 20_000 } = {}) {
  let last = [];
  let previous = "";
  await browser.waitUntil(
    async () => {
      const error = await browser.execute(() => document.querySelector('[data-testid="error"]')?.textContent ?? null);
      if (error) throw new Error(`the app shows an error: ${error}`);
      last = [...new Map((await readGhosts(browser)).map((g) => [g.id, g])).values()];
      const signature = JSON.stringify(last);
      const settled = signature === previous && last.length >= min && last.length <= max;
      previous = signature;
      return settled;
    },
    { timeout, interval: 150, timeoutMsg: `expected ${min}..${max} ghosts; last read ${last.length}` },
  );
  return last;
}

/** Runs miraage-cli with the test database. */
export async function cli(...args) {
  const { stdout } = await run(env.cli, ["--db", env.db, ...args]);
  return stdout;
}

/** Viewport rectangle of the first element matching `selector`, after centring it unless `scroll` is false. */
export function rectOf(browser, selector, { scroll = true } = {}) {
  return browser.execute(
    (sel, scroll) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      if (scroll) el.scrollIntoView({ block: "center", inline: "nearest" });
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    },
    selector,
    scroll,
  );
}

/**
 * Where to grab a block of [start, end) drawn at `rect` for a drag. A drag moves a block by the
 * distance between the 15-minute snaps under the pointer at press and at release, so the grab
 * is half-way into the first whole snap inside the block: a few pixels under its top edge lie
 * on a snap boundary for a block starting at :10 or :25. Drop `half` pixels below a snap's
 * line; the block then starts at that snap plus `offsetMs` (zero or negative).
 */
export function grabInFirstSnap(rect, start, end) {
  const ms15 = 15 * 60_000;
  const pxPerMinute = rect.height / ((end.getTime() - start.getTime()) / 60_000);
  const snap = Math.ceil(start.getTime() / ms15) * ms15;
  const minutesIn = (snap - start.getTime()) / 60_000 + 7.5;
  const y = rect.y + minutesIn * pxPerMinute;
  if (y >= rect.y + rect.height - 1) throw new Error(`the block is too short to grab inside a whole 15-minute snap: ${JSON.stringify(rect)}`);
  return { point: { x: rect.x + rect.width / 2, y }, half: 7.5 * pxPerMinute, offsetMs: start.getTime() - snap };
}

/**
 * Scrolls the hours so that the local minutes of the day `a` and `b` (a drag's press and
 * release) are both on screen with their middle at the centre: a drag held near the visible
 * hours' top or bottom edge scrolls the grid, which moves the time under the pointer.
 */
export function centerHours(browser, a, b) {
  return browser.execute(
    (mid) => {
      const scroller = document.querySelector(".wg-scroller");
      const head = document.querySelector(".wg-head").getBoundingClientRect();
      const col = document.querySelector('[data-testid="day-column"]').getBoundingClientRect();
      const y = col.y + (mid / 1440) * col.height;
      scroller.scrollTop += y - (head.bottom + scroller.getBoundingClientRect().bottom) / 2;
    },
    (a + b) / 2,
  );
}

/** A pointer click at the viewport point `at` (a block's or an event's box, found by script). */
export function clickAt(browser, at) {
  return browser
    .action("pointer")
    .move({ x: Math.round(at.x), y: Math.round(at.y) })
    .down()
    .up()
    .perform();
}

/** Presses the pointer at `from` and releases it at `to`, moving in steps as a hand would. */
export async function drag(browser, from, to) {
  const steps = 8;
  const action = browser.action("pointer", { parameters: { pointerType: "mouse" } });
  action
    .move({ x: Math.round(from.x), y: Math.round(from.y), origin: "viewport" })
    .down({ button: 0 })
    .pause(100);
  for (let i = 1; i <= steps; i++) {
    const x = from.x + ((to.x - from.x) * i) / steps;
    const y = from.y + ((to.y - from.y) * i) / steps;
    action.move({ x: Math.round(x), y: Math.round(y), origin: "viewport", duration: 30 });
  }
  action.pause(150).up({ button: 0 });
  await action.perform();
}

/** The days the grid shows now ({from, to} local dates). */
export function shownRange(browser) {
  return browser.execute(() => {
    const r = document.querySelector('[data-testid="week-range"]');
    return { from: r?.dataset.from ?? null, to: r?.dataset.to ?? null };
  });
}

/** The window re-reads the store when it gets the focus back (the CLI wrote to it). */
export function refocus(browser) {
  return browser.execute(() => window.dispatchEvent(new Event("focus")));
}

export async function pressPlan(browser) {
  await browser.$('[data-testid="plan"]').click();
  // The button is busy while the planner runs.
  await browser.waitUntil(async () => (await browser.$('[data-testid="plan"]').getAttribute("aria-busy")) !== "true", { timeout: 20_000 });
}

/** A ghost of `title`: looked for in the week shown, then in up to three weeks after it. */
export async function findGhost(browser, title) {
  for (let i = 0; i < 4; i++) {
    const ghosts = await waitForGhosts(browser, { min: 0 });
    const found = ghosts.find((g) => g.title === title);
    if (found) return found;
    const { from } = await shownRange(browser);
    await browser.$('[data-testid="next"]').click();
    const next = new Date(`${from}T12:00:00`);
    next.setDate(next.getDate() + 7);
    await waitForWeek(browser, weekOf(next).from);
  }
  return null;
}

/** Every timed event of the next `days` days, as the store reports them. */
export async function upcoming(days = 28) {
  const today = new Date();
  const end = new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
  return (await cliEvents(localDate(today), localDate(end))).filter((e) => !e.all_day);
}

/** Pages the grid (next/previous) until it shows the week of `date`. */
export async function showWeekOf(browser, date) {
  const want = weekOf(date).from;
  for (let i = 0; i < 12; i++) {
    const { from } = await shownRange(browser);
    if (from === want) return waitForWeek(browser, want);
    await browser.$(`[data-testid="${from < want ? "next" : "prev"}"]`).click();
    await browser.waitUntil(async () => (await shownRange(browser)).from !== from, { timeout: 5_000 });
  }
  throw new Error(`the week of ${want} could not be shown`);
}
