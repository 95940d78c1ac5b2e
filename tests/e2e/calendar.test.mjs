// A calendar you can live in (issue 13) in the real window: the month view, and (as they land)
// creating, editing, moving, deleting and undoing events and tasks, and search.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { cli, localDate, screenshots, startApp, waitForWeek, weekOf } from "./lib.mjs";

const pad2 = (n) => String(n).padStart(2, "0");
/** A local date-time the CLI reads ("YYYY-MM-DDTHH:MM"). */
const localTime = (d, h, m = 0) => `${localDate(d)}T${pad2(h)}:${pad2(m)}`;

/** What the month view shows: its title, the days and the events with their columns. */
function readMonth(browser) {
  return browser.execute(() => {
    const root = document.querySelector('[data-testid="month-view"]');
    if (!root || root.closest("[hidden]")) return null;
    return {
      state: document.getElementById("month").dataset.state,
      title: document.querySelector('[data-testid="week-range"]').textContent,
      days: [...root.querySelectorAll('[data-testid="month-day"]')].map((d) => d.dataset.date),
      events: [...root.querySelectorAll('[data-testid="month-event"]')].map((e) => ({
        title: e.querySelector(".mv-title").textContent,
        column: e.style.gridColumn,
        week: [...root.querySelectorAll(".mv-week")].indexOf(e.closest(".mv-week")),
        bar: e.classList.contains("mv-bar"),
      })),
      more: [...root.querySelectorAll('[data-testid="month-more"]')].map((m) => ({ date: m.dataset.date, text: m.textContent })),
    };
  });
}

async function waitForMonth(browser, firstDay) {
  let last = null;
  await browser.waitUntil(
    async () => {
      last = await readMonth(browser);
      return last?.state === "ready" && last.days[0] === firstDay;
    },
    { timeout: 10_000, timeoutMsg: `the month starting ${firstDay} was not shown; last: ${JSON.stringify(last)?.slice(0, 300)}` },
  );
  return last;
}

/** The Monday on or before the first of `d`'s month: the month grid's first day. */
function monthGridStart(d) {
  const first = new Date(d.getFullYear(), d.getMonth(), 1);
  return new Date(first.getFullYear(), first.getMonth(), 1 - ((first.getDay() + 6) % 7));
}

describe("a calendar you can live in", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;
  const today = new Date();
  // A day in this month's second week row (never in another month's grid rows).
  const busy = new Date(today.getFullYear(), today.getMonth(), 10);

  before(async () => {
    // Five events on one day (more than a month cell holds) and a three-day trip across it.
    for (let i = 0; i < 5; i++)
      await cli("events", "add", `Meeting ${i + 1}`, "--literal", "--start", localTime(busy, 9 + i), "--end", localTime(busy, 9 + i, 30));
    const tripEnd = new Date(busy.getFullYear(), busy.getMonth(), busy.getDate() + 3);
    await cli("events", "add", "Trip to Lisbon", "--literal", "--start", localDate(busy), "--end", localDate(tripEnd));
    browser = await startApp();
    await waitForWeek(browser, weekOf(today).from);
  });

  after(async () => {
    if (browser) await browser.deleteSession();
  });

  test("month_view_shows_six_weeks_with_bars_for_multi_day_events_and_more_for_full_days", async () => {
    await browser.$('[data-testid="week-range"]').click();
    await browser.keys(["m"]);
    const month = await waitForMonth(browser, localDate(monthGridStart(today)));
    assert.equal(month.days.length, 42, "six weeks of seven days");
    assert.match(month.title, new RegExp(String(today.getFullYear())), `the header names the month: ${month.title}`);
    assert.equal(await browser.$('[data-testid="view-month"]').getAttribute("aria-pressed"), "true");
    const trip = month.events.find((e) => e.title === "Trip to Lisbon");
    assert.ok(trip?.bar, `the trip is a bar: ${JSON.stringify(month.events)}`);
    const column = (busy.getDay() + 6) % 7;
    assert.ok(trip.column.startsWith(`${column + 1} / span`), `the bar starts on the trip's first day: ${trip.column}`);
    const more = month.more.find((m) => m.date === localDate(busy));
    assert.ok(more, `the busy day says how many more it holds: ${JSON.stringify(month.more)}`);
    const shownThatDay = month.events.filter((e) => e.title.startsWith("Meeting")).length;
    assert.equal(shownThatDay + Number(/\+(\d+)/.exec(more.text)[1]), 5, "every meeting is shown or counted");
    await screenshots(browser, "month-view");
  });

  test("month_view_pages_by_month_and_a_day_number_opens_that_day", async () => {
    await browser.keys(["j"]);
    const next = new Date(today.getFullYear(), today.getMonth() + 1, 1);
    await waitForMonth(browser, localDate(monthGridStart(next)));
    await browser.keys(["k"]);
    await waitForMonth(browser, localDate(monthGridStart(today)));
    await browser.$(`.mv-number[data-date="${localDate(busy)}"]`).click();
    await browser.waitUntil(async () => (await browser.$("#week").isDisplayed()) && !(await browser.$("#month").isDisplayed()), {
      timeout: 5_000,
      timeoutMsg: "the day opens in the time grid",
    });
    const range = await browser.$('[data-testid="week-range"]');
    await browser.waitUntil(async () => (await range.getAttribute("data-from")) === localDate(busy), { timeout: 5_000 });
    assert.equal(await browser.$('[data-testid="view-day"]').getAttribute("aria-pressed"), "true");
    await browser.keys(["w"]);
    await waitForWeek(browser, weekOf(busy).from);
  });
});
