// The real app window shows the store's week, and navigates by buttons and keyboard.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Key } from "webdriverio";
import { cli, cliEvents, distinct, keys, painted, readWeek, screenshots, startApp, waitForWeek, weekOf } from "./lib.mjs";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

describe("week view of the real app", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;
  const now = new Date();
  const current = weekOf(now);
  const next = weekOf(now, 1);
  const previous = weekOf(now, -1);

  before(async () => {
    const t0 = performance.now();
    browser = await startApp();
    const tSession = performance.now();
    await browser.waitUntil(async () => (await browser.$$('[data-testid="event"]').length) > 0, {
      timeout: 30_000,
      interval: 50,
      timeoutMsg: "no event rendered within 30 s of starting the app",
    });
    const tEvent = performance.now();
    await painted(browser);
    const tPainted = performance.now();
    const ms = (t) => `${Math.round(t - t0)} ms`;
    console.log(`benchmark: app start to first event in the DOM ${ms(tEvent)}, on screen ${ms(tPainted)} ` + `(WebDriver session ready after ${ms(tSession)})`);
  });

  after(async () => {
    if (!browser) return;
    await screenshots(browser, "week-final").catch((e) => console.log(`final screenshot failed: ${e.message}`));
    await browser.deleteSession();
  });

  test("opens on the current week, Monday first, with calendars and tasks listed", async () => {
    const week = await waitForWeek(browser, current.from);
    assert.equal(week.to, current.to);
    assert.match(week.label ?? "", /\d{4}/);
    await browser.waitUntil(async () => (await browser.$$('[data-testid="calendar"]').length) > 0, { timeout: 10_000, timeoutMsg: "no calendar listed" });
    await browser.waitUntil(async () => (await browser.$$('[data-testid="task"]').length) > 0, { timeout: 10_000, timeoutMsg: "no task listed" });
    const files = await screenshots(browser, "week-current");
    console.log(`screenshots: ${files.join(", ")}`);
  });

  test("shows exactly the store's occurrences for the visible week", async () => {
    const week = await waitForWeek(browser, current.from);
    const shown = distinct(week.events).map((e) => ({ summary: e.title, start: e.start }));
    const stored = await cliEvents(week.from, week.to);
    assert.ok(stored.length > 0, "the demo week should hold events");
    assert.deepEqual(keys(shown, { allDay: false }), keys(stored, { allDay: false }), "timed events differ from miraage-cli");
    assert.deepEqual(keys(shown, { allDay: true }), keys(stored, { allDay: true }), "all-day events differ from miraage-cli");
    console.log(`week ${week.from}..${week.to}: ${shown.length} occurrences shown, ${stored.length} in the store`);
  });

  test('"Team standup" is on every weekday', async () => {
    const week = await waitForWeek(browser, current.from);
    const days = new Set(
      distinct(week.events)
        .filter((e) => e.title === "Team standup")
        .map((e) => new Date(e.start).getDay()),
    );
    const missing = [1, 2, 3, 4, 5].filter((d) => !days.has(d)).map((d) => WEEKDAYS[d]);
    assert.deepEqual(missing, [], `no standup on ${missing.join(", ")}`);
  });

  test("the event element shows its title to the user", async () => {
    const first = await browser.$('[data-testid="event"]');
    assert.ok(await first.isDisplayed());
    // The rendered text, as the engine lays it out (innerText), not the DOM's textContent.
    const title = String(await first.$(".ev-title").getProperty("innerText")).trim();
    assert.ok(title.length > 0);
    assert.equal(await first.getAttribute("aria-label").then((l) => l?.startsWith(title)), true);
    assert.equal(await first.getAttribute("data-start"), (await readWeek(browser)).events[0]?.start);
  });

  test("Enter on a focused event opens its details, Escape closes them", async () => {
    const week = await waitForWeek(browser, current.from);
    const target = distinct(week.events).find((e) => e.title === "Team standup");
    assert.ok(target, "a standup to open");
    const el = await browser.$(`[data-testid="event"][data-start="${target.start}"]`);
    await browser.execute((node) => node.focus(), el);
    await browser.keys([Key.Enter]);
    const details = await browser.$('[data-testid="event-details"]');
    await details.waitForExist({ timeout: 5_000, timeoutMsg: "no details popover" });
    const text = String(await details.getProperty("textContent"));
    assert.ok(text.includes("Team standup"), `details show the title: ${text}`);
    await screenshots(browser, "event-details");
    await browser.keys([Key.Escape]);
    await details.waitForExist({ reverse: true, timeout: 5_000, timeoutMsg: "details still open after Escape" });
  });

  test("next and previous buttons page by week and load that week's events", async () => {
    await browser.$('[data-testid="next"]').click();
    const shownNext = await waitForWeek(browser, next.from);
    assert.equal(shownNext.to, next.to);
    const storedNext = await cliEvents(next.from, next.to);
    const listed = distinct(shownNext.events).map((e) => ({ summary: e.title, start: e.start }));
    assert.deepEqual(keys(listed, { allDay: false }), keys(storedNext, { allDay: false }), "next week's timed events differ from miraage-cli");
    await screenshots(browser, "week-next");

    await browser.$('[data-testid="prev"]').click();
    await waitForWeek(browser, current.from);
    await browser.$('[data-testid="prev"]').click();
    await waitForWeek(browser, previous.from);
    await browser.$('[data-testid="today"]').click();
    await waitForWeek(browser, current.from);
  });

  test("keyboard: arrows, j/k (Google Calendar's: j next, k previous) and t move between weeks", async () => {
    await browser.$('[data-testid="week-range"]').click(); // focus out of the toolbar buttons
    await browser.keys([Key.ArrowRight]);
    await waitForWeek(browser, next.from);
    await browser.keys([Key.ArrowLeft]);
    await waitForWeek(browser, current.from);
    await browser.keys(["k"]);
    await waitForWeek(browser, previous.from);
    await browser.keys(["j"]);
    await browser.keys(["j"]);
    await waitForWeek(browser, next.from);
    await browser.keys(["t"]);
    await waitForWeek(browser, current.from);
  });

  test("unticking a calendar hides its events, ticking shows them again", async () => {
    const before = await waitForWeek(browser, current.from);
    const calendarId = before.events[0]?.calendarId;
    assert.ok(calendarId, "an event should name its calendar");
    const box = await browser.$(`input[data-calendar-id="${calendarId}"]`);
    const count = (week) => week.events.filter((e) => e.calendarId === calendarId).length;

    await box.click();
    await browser.waitUntil(async () => count(await readWeek(browser)) === 0, { timeout: 5_000, timeoutMsg: "events of the hidden calendar still shown" });
    const hidden = await readWeek(browser);
    assert.equal(hidden.events.length, before.events.length - count(before), "other calendars' events must stay");
    // The choice is kept in the store (so it survives a restart).
    const stored = async () => JSON.parse(await cli("calendars", "--json")).find((c) => c.id === calendarId)?.visible;
    await browser.waitUntil(async () => (await stored()) === false, { timeout: 5_000, timeoutMsg: "hiding was not saved" });

    await box.click();
    await browser.waitUntil(async () => count(await readWeek(browser)) === count(before), { timeout: 5_000, timeoutMsg: "events did not come back" });
    await browser.waitUntil(async () => (await stored()) === true, { timeout: 5_000, timeoutMsg: "showing again was not saved" });
  });
});
