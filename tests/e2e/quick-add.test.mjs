// The quick-add box in the real window: the core reads the line as it is typed, the parts it
// recognised are highlighted and previewed (with the forecast for a task), and Enter creates a
// task, an event (Tab), a recurring event or a habit. The database is shared with the other
// files: the habit is deleted at the end, so their plans do not get its sessions.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Key } from "webdriverio";
import { cli, cliEvents, localDate, screenshots, startApp, waitForWeek, weekOf } from "./lib.mjs";

function boxState(browser) {
  return browser.execute(() => ({
    value: document.querySelector('[data-testid="quick-add"]').value,
    marks: [...document.querySelectorAll(".qa-backdrop mark")].map((m) => ({ kind: m.dataset.kind, text: m.textContent })),
    preview: document.querySelector('[data-testid="quick-add-preview"]')?.textContent ?? "",
    mode: document.querySelector('[data-testid="quick-add-mode"]')?.textContent ?? "",
    forecast: document.querySelector('[data-testid="quick-add-forecast"]')?.textContent ?? "",
  }));
}

async function typeLine(browser, text) {
  const input = await browser.$('[data-testid="quick-add"]');
  await input.click();
  await input.setValue(text);
  await browser.waitUntil(async () => (await boxState(browser)).preview.startsWith(text.split(" ")[0]), {
    timeout: 5_000,
    timeoutMsg: `no preview for "${text}"`,
  });
  return boxState(browser);
}

const HABIT = "E2E zither";

const tomorrow = () => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
};

describe("quick add in the real window", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;

  before(async () => {
    browser = await startApp();
    await waitForWeek(browser, weekOf(new Date()).from);
  });

  after(async () => {
    await cli("habits", "delete", HABIT).catch(() => {});
    if (browser) await browser.deleteSession();
  });

  test("the recognised parts are highlighted and previewed, and Enter creates a task", async () => {
    const state = await typeLine(browser, "E2E call mom tomorrow 5pm 30m !2 #family");
    const kinds = state.marks.map((m) => m.kind);
    for (const k of ["start", "duration", "priority", "tag"]) assert.ok(kinds.includes(k), `${k} is highlighted: ${JSON.stringify(state.marks)}`);
    assert.ok(
      state.marks.some((m) => m.kind === "start" && /tomorrow/.test(m.text)),
      JSON.stringify(state.marks),
    );
    assert.match(state.preview, /^E2E call mom · .* 17:00 · 30 min · P2 · #family · new task$/);
    assert.equal(state.mode, "Task");
    // The forecast of a real plan with the task added, asked once typing pauses.
    let forecast = "";
    await browser.waitUntil(async () => (forecast = (await boxState(browser)).forecast) !== "", {
      timeout: 10_000,
      timeoutMsg: "no forecast under the preview",
    });
    assert.match(forecast, /done by|planned by|at risk|no free time/);
    await screenshots(browser, "quick-add-preview");
    await browser.keys([Key.Enter]);
    await browser.waitUntil(async () => (await boxState(browser)).value === "", { timeout: 10_000, timeoutMsg: "the box is not cleared" });
    const task = JSON.parse(await cli("tasks", "list", "--json")).find((t) => t.title === "E2E call mom");
    assert.ok(task, "the task is stored with its title alone");
    assert.deepEqual([task.estimate_min, task.priority, task.project], [30, 2, "family"]);
  });

  test("Tab makes an event of a line that names a time", async () => {
    let state = await typeLine(browser, "E2E dentist tomorrow 3pm 45m");
    assert.equal(state.mode, "Task");
    await browser.keys([Key.Tab]);
    await browser.waitUntil(async () => (state = await boxState(browser)).mode === "Event", { timeout: 5_000, timeoutMsg: "Tab did not switch to an event" });
    assert.match(state.preview, /new event$/);
    assert.equal(await browser.execute(() => document.activeElement?.dataset.testid), "quick-add", "Tab kept the focus in the box");
    await browser.keys([Key.Enter]);
    const day = tomorrow();
    const next = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
    let found;
    await browser.waitUntil(async () => (found = (await cliEvents(localDate(day), localDate(next))).find((e) => e.summary === "E2E dentist")) !== undefined, {
      timeout: 10_000,
      timeoutMsg: "the event is not in the store",
    });
    const start = new Date(found.start);
    assert.equal(start.getHours(), 15);
    assert.equal((Date.parse(found.end) - Date.parse(found.start)) / 60_000, 45);
  });

  test("a line with a recurrence creates a recurring event", async () => {
    const state = await typeLine(browser, "E2E yoga every Monday 7am 1h");
    assert.ok(
      state.marks.some((m) => m.kind === "recurrence"),
      JSON.stringify(state.marks),
    );
    assert.match(state.preview, /every Mon.*new event$/);
    await browser.keys([Key.Enter]);
    const from = new Date();
    const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + 22);
    let yoga = [];
    await browser.waitUntil(async () => (yoga = (await cliEvents(localDate(from), localDate(to))).filter((e) => e.summary === "E2E yoga")).length >= 3, {
      timeout: 10_000,
      timeoutMsg: `three weekly occurrences expected, found ${yoga.length}`,
    });
    for (const o of yoga) {
      const t = new Date(o.start);
      assert.deepEqual([t.getDay(), t.getHours()], [1, 7], o.start);
    }
  });

  test("a duration per period creates a habit that the Habits panel lists", async () => {
    let state = await typeLine(browser, `${HABIT} 20 minutes a day`);
    assert.deepEqual(
      state.marks.map((m) => [m.kind, m.text]),
      [
        ["duration", "20 minutes"],
        ["recurrence", "a day"],
      ],
    );
    assert.equal(state.preview, `${HABIT} · 20 min a day · in personal hours · new habit`);
    assert.equal(state.mode, "Habit");
    assert.equal(state.forecast, "", "no task forecast for a habit");
    await screenshots(browser, "quick-add-habit");
    await browser.keys([Key.Enter]);
    await browser.waitUntil(async () => (state = await boxState(browser)).value === "", { timeout: 10_000, timeoutMsg: "the box is not cleared" });
    await browser.waitUntil(async () => (await browser.$('[data-testid="habits"]').getText()).includes(HABIT), {
      timeout: 10_000,
      timeoutMsg: "the habit is not in the Habits panel",
    });
    const habit = JSON.parse(await cli("habits", "list", "--json")).find((h) => h.title === HABIT);
    assert.deepEqual([habit?.minutes, habit?.per, habit?.hour_set], [20, "day", "personal"]);
    const tasks = JSON.parse(await cli("tasks", "list", "--json"));
    assert.ok(!tasks.some((t) => t.title.startsWith(HABIT)), "no task was made of it");
  });

  test("Escape clears the line", async () => {
    await typeLine(browser, "E2E something to forget");
    await browser.keys([Key.Escape]);
    const state = await boxState(browser);
    assert.deepEqual([state.value, state.preview, state.marks.length], ["", "", 0]);
  });
});
