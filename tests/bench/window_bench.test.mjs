// Benchmark of the real app window (prints numbers, asserts nothing about time):
//   1. render time of a week holding 300 events and 100+ ghost blocks: from the key press that
//      opens the week to both drawn on screen (occurrences fetched from the store included);
//   2. dragging an event in that week: time from each pointer move to the frame that shows it;
//   3. time from pressing Plan to the ghosts on screen for the shared medium benchmark problem
//      (150 tasks, its busy events) loaded into the store, planning the visible week.
/* global PointerEvent -- the timed functions run in the page */
// Run: bash tests/bench/window_bench.sh
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cli, refocus, screenshots, showWeekOf, startApp, waitForGhosts, waitForWeek, weekOf } from "../e2e/lib.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const dir = mkdtempSync(join(tmpdir(), "miraage-bench-"));
const week1 = weekOf(new Date(), 1);
const week2 = weekOf(new Date(), 2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const utc = (ms) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const localMidnight = (s) => new Date(`${s}T00:00:00`).getTime();

function calendarFile(name, components) {
  const file = join(dir, name);
  writeFileSync(file, ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Miraage bench//EN", ...components.flat(), "END:VCALENDAR", ""].join("\r\n"));
  return file;
}

function vevent(uid, start, end, summary) {
  return ["BEGIN:VEVENT", `UID:${uid}`, "DTSTAMP:20261101T000000Z", `DTSTART:${utc(start)}`, `DTEND:${utc(end)}`, `SUMMARY:${summary}`, "END:VEVENT"];
}

function vtodo(uid, summary, { estimate, chunks, due, priority, start, project, depends = [] }) {
  return [
    "BEGIN:VTODO",
    `UID:${uid}`,
    "DTSTAMP:20261101T000000Z",
    `SUMMARY:${summary}`,
    `X-MIRAAGE-ESTIMATE:${estimate}`,
    `X-MIRAAGE-CHUNKS:${chunks}`,
    `X-MIRAAGE-PRIORITY:${priority}`,
    ...(due ? [`DUE:${utc(due)}`] : []),
    ...(start ? [`DTSTART:${utc(start)}`] : []),
    ...(project ? [`X-MIRAAGE-PROJECT:${project}`] : []),
    ...depends.map((d) => `RELATED-TO;RELTYPE=DEPENDS-ON:${d}`),
    "STATUS:NEEDS-ACTION",
    "END:VTODO",
  ];
}

/** 300 events in week 1 outside the default work hours (overlapping in threes) and 100 tasks of 15 minutes. */
function renderWeek() {
  const day0 = localMidnight(week1.from);
  const events = [];
  for (let i = 0; i < 300; i++) {
    const day = i % 7;
    const weekend = day >= 5;
    // Weekdays: 18:00-24:00 and 00:00-08:30; weekends: all day long.
    const slots = weekend ? 46 : 28;
    const k = Math.floor(i / 7) % slots;
    const minutes = weekend ? 60 + k * 30 : k < 12 ? 18 * 60 + k * 30 : (k - 12) * 30;
    const start = day0 + day * 86_400_000 + minutes * 60_000;
    events.push(vevent(`bench-event-${i}@miraage.test`, start, start + 45 * 60_000, `Bench event ${i}`));
  }
  const due = day0 + 5 * 86_400_000;
  const tasks = Array.from({ length: 100 }, (_, i) =>
    vtodo(`bench-task-${i}@miraage.test`, `Bench task ${i}`, { estimate: 15, chunks: "15-15", due, priority: 2, start: day0 }),
  );
  return calendarFile("render-week.ics", [...events, ...tasks]);
}

/** The shared generator's medium problem, starting on the Monday of week 2. */
function mediumProblem() {
  const benchDir = process.env.BENCH_DIR ?? "../shared/bench";
  const text = execFileSync("python3", [
    join(benchDir, "gen_problem.py"),
    "--seed",
    "1",
    "--tasks",
    "150",
    "--weeks",
    "4",
    "--busy-per-day",
    "4",
    "--start",
    week2.from,
  ]);
  const p = JSON.parse(text);
  const begin = localMidnight(week2.from);
  const events = p.busy.map((b) => vevent(`medium-${b.id}@miraage.test`, Date.parse(b.start), Date.parse(b.end), b.title || "Busy"));
  const tasks = p.tasks.map((t) =>
    vtodo(`medium-${t.id}@miraage.test`, t.title, {
      estimate: t.duration_min,
      chunks: `${t.min_chunk_min}-${t.max_chunk_min}`,
      due: t.due ? Date.parse(t.due) : null,
      priority: t.priority,
      // Not before its problem starts, so that week 1 is left to the render benchmark.
      start: t.earliest_start ? Math.max(Date.parse(t.earliest_start), begin) : begin,
      project: t.project,
      depends: t.depends_on.map((d) => `medium-${d}@miraage.test`),
    }),
  );
  return { file: calendarFile("medium.ics", [...events, ...tasks]), tasks: p.tasks.length, busy: p.busy.length };
}

/** Presses `key` in the page and resolves when `from` is shown with the counts reached and painted. */
function timeKey(browser, key, from, minEvents, minGhosts) {
  return browser.executeAsync(
    (key, from, minEvents, minGhosts, done) => {
      const t0 = performance.now();
      document.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
      const check = () => {
        const shown = document.querySelector('[data-testid="week-range"]')?.dataset.from;
        const events = document.querySelectorAll('[data-testid="event"]').length;
        const ghosts = document.querySelectorAll('[data-testid="ghost"]').length;
        if (shown === from && document.querySelector(".week")?.dataset.state === "ready" && events >= minEvents && ghosts >= minGhosts) {
          const dom = performance.now() - t0;
          const fetched = performance.getEntriesByName("occurrences-fetched").filter((m) => m.startTime >= t0);
          const fetch = fetched.length ? fetched[fetched.length - 1].duration : 0;
          const drawn = performance.getEntriesByName("grid-drawn").filter((m) => m.startTime >= t0);
          const script = drawn.length ? drawn[drawn.length - 1].duration : 0;
          requestAnimationFrame(() => requestAnimationFrame(() => done({ ms: performance.now() - t0, dom, fetch, script, events, ghosts })));
        } else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
    key,
    from,
    minEvents,
    minGhosts,
  );
}

/**
 * A redraw after a change elsewhere (as when a sync finishes or the window regains focus):
 * the cache is dropped, the store asked again and the week drawn; resolves when painted.
 */
function timeRedraw(browser) {
  return browser.executeAsync((done) => {
    const t0 = performance.now();
    window.dispatchEvent(new Event("focus"));
    const check = () => {
      const drawn = performance.getEntriesByName("grid-drawn").filter((m) => m.startTime >= t0);
      if (drawn.length > 0) {
        const fetched = performance.getEntriesByName("occurrences-fetched").filter((m) => m.startTime >= t0);
        const fetch = fetched.length ? fetched[0].duration : 0;
        requestAnimationFrame(() => requestAnimationFrame(() => done({ ms: performance.now() - t0, fetch })));
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/**
 * Clicks Plan in the page; resolves when the plan's ghosts are painted in the week shown (a
 * plan covers the coming weeks and the view moves to its first ghost, so what is timed is
 * the click to that week's ghosts on screen).
 */
function timePlan(browser) {
  return browser.executeAsync((done) => {
    const plan = document.getElementById("plan");
    const summary = document.querySelector('[data-testid="plan-summary"]');
    const grid = document.querySelector(".week");
    summary.textContent = "";
    const t0 = performance.now();
    document.querySelector('[data-testid="plan"]').click();
    let last = -1;
    const check = () => {
      const ghosts = new Set([...document.querySelectorAll('[data-testid="ghost"]')].map((e) => e.dataset.ghostId)).size;
      const settled = summary.textContent && grid?.dataset.state === "ready" && ghosts > 0 && ghosts === last;
      last = ghosts;
      if (settled) {
        requestAnimationFrame(() => requestAnimationFrame(() => done({ ms: performance.now() - t0, ghosts, plannerMs: Number(plan.dataset.plannerMs) })));
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/**
 * Drags an editable event of the week shown in the page (synthetic pointer events, as the
 * grid's handlers read them). For each move: the script time of the handler (preview placed,
 * styles written) and the time until the frame after it starts (layout and paint of the
 * move happen before it). The drag ends with Escape, so nothing is changed.
 */
function timeDrag(browser) {
  return browser.executeAsync((done) => {
    const el = [...document.querySelectorAll('[data-testid="event"].is-editable')].find((e) => !e.classList.contains("is-allday"));
    if (!el) throw new Error("no editable event to drag");
    el.scrollIntoView({ block: "center" });
    const r = el.getBoundingClientRect();
    const at = (dx, dy) => ({ clientX: r.left + r.width / 2 + dx, clientY: r.top + 6 + dy, bubbles: true, button: 0, pointerId: 1 });
    el.dispatchEvent(new PointerEvent("pointerdown", at(0, 0)));
    const script = [];
    const frames = [];
    let i = 0;
    const step = () => {
      if (i === 40) {
        document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
        done({ script, frames });
        return;
      }
      i++;
      const t0 = performance.now();
      document.dispatchEvent(new PointerEvent("pointermove", at((i % 10) * 6, i * 4)));
      script.push(performance.now() - t0);
      // The next frame's callbacks run after this move's layout and paint.
      requestAnimationFrame(() =>
        requestAnimationFrame((t) => {
          frames.push(t - t0);
          step();
        }),
      );
    };
    step();
  });
}

let browser;
let medium;

before(async () => {
  // Loaded before the first start, so the app seeds no demo week into this database.
  await cli("import", renderWeek(), "--calendar", "Bench");
  medium = mediumProblem();
  browser = await startApp();
  await waitForWeek(browser, weekOf(new Date()).from, 30_000);
});

after(async () => {
  if (browser) await browser.deleteSession();
});

test("render: a week of 300 events and 100+ ghosts", async () => {
  await browser.keys(["j"]);
  const shown = await waitForWeek(browser, week1.from, 30_000);
  const plan = await timePlan(browser);
  // Plan shows its first ghost's week; the measured week is the one the bench filled.
  await showWeekOf(browser, new Date(`${week1.from}T12:00:00`));
  const ghosts = await waitForGhosts(browser, { min: 1 });
  const events = new Set(shown.events.map((e) => `${e.uid}|${e.start}`)).size;
  console.log(`week ${week1.from}: ${events} events, ${ghosts.length} ghosts (Plan took ${Math.round(plan.ms)} ms, planner ${plan.plannerMs} ms)`);
  assert.ok(events >= 300 && ghosts.length >= 100, `the week should hold 300 events and 100 ghosts: ${events}, ${ghosts.length}`);
  await screenshots(browser, "bench-300-events-100-ghosts");
  const times = [];
  const doms = [];
  const fetches = [];
  const scripts = [];
  for (let i = 0; i < RUNS; i++) {
    await timeKey(browser, "t", weekOf(new Date()).from, 0, 0);
    const r = await timeKey(browser, "j", week1.from, 300, ghosts.length);
    times.push(r.ms);
    doms.push(r.dom);
    fetches.push(r.fetch);
    scripts.push(r.script);
  }
  console.log(
    `benchmark: week with ${events} events and ${ghosts.length} ghosts: key press to painted median ${Math.round(median(times))} ms, ` +
      `min ${Math.round(Math.min(...times))}, max ${Math.round(Math.max(...times))} (${RUNS} runs; target < 100 ms); ` +
      `of which in the DOM (fetched and laid out, before paint) median ${Math.round(median(doms))} ms, the store's answer (list_occurrences; neighbouring weeks are fetched ahead) median ${Math.round(median(fetches))} ms, ` +
      `drawing (layout and DOM, script) median ${Math.round(median(scripts))} ms`,
  );
  const redraws = [];
  for (let i = 0; i < RUNS; i++) redraws.push(await timeRedraw(browser));
  console.log(
    `benchmark: the same week redrawn after a change (cache dropped, store asked again): median ${Math.round(median(redraws.map((r) => r.ms)))} ms, ` +
      `min ${Math.round(Math.min(...redraws.map((r) => r.ms)))}, max ${Math.round(Math.max(...redraws.map((r) => r.ms)))}; the store's answer median ${Math.round(median(redraws.map((r) => r.fetch)))} ms`,
  );
  const drag = await timeDrag(browser);
  const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
  console.log(
    `benchmark: dragging an event across that week (${drag.script.length} moves): script per move median ${median(drag.script).toFixed(2)} ms, ` +
      `p95 ${p95(drag.script).toFixed(2)} ms; move to the second frame after it (so painted) median ${median(drag.frames).toFixed(1)} ms, ` +
      `p95 ${p95(drag.frames).toFixed(1)} ms (two frames are 33 ms at 60 Hz: a move shows in the next frame when this stays near it)`,
  );
  // Accept them, so the next measurement plans only the medium problem.
  await browser.$('[data-testid="accept-all"]').click();
  await waitForGhosts(browser, { min: 0, max: 0 });
});

test("Plan: the medium benchmark problem, visible week", async () => {
  // Imported only now: Plan plans every task over a rolling horizon, so had the problem been
  // there when the render test accepted its ghosts, nothing would be left to plan here.
  await cli("import", medium.file, "--calendar", "Medium");
  await refocus(browser);
  await browser.keys(["j"]);
  await waitForWeek(browser, week2.from, 30_000);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await timePlan(browser));
    if (await browser.$('[data-testid="reject-all"]').isDisplayed()) await browser.$('[data-testid="reject-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
  }
  const ms = runs.map((r) => r.ms);
  console.log(
    `benchmark: medium problem (${medium.tasks} tasks, ${medium.busy} busy events over 4 weeks), Plan of week ${week2.from}: ` +
      `click to ${runs[0].ghosts} ghosts painted median ${Math.round(median(ms))} ms, min ${Math.round(Math.min(...ms))}, max ${Math.round(Math.max(...ms))}; ` +
      `planner in the app median ${median(runs.map((r) => r.plannerMs))} ms (${RUNS} runs; target < 200 ms)`,
  );
  await timePlan(browser);
  await screenshots(browser, "bench-medium-plan");
});
