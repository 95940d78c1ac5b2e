// A calendar you can live in (issue 13) in the real window: the month view, and (as they land)
// creating, editing, moving, deleting and undoing events and tasks, and search.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Key } from "webdriverio";
import { clickAt, cli, cliEvents, drag, localDate, screenshots, startApp, waitForWeek, weekOf } from "./lib.mjs";

const PX_PER_MINUTE = 52 / 60; // ui/src/grid/metrics.ts

/**
 * The point on screen of `minute` on `date`; with `scroll`, the grid is first scrolled to
 * put it in the middle (do that once per gesture: scrolling moves every other point).
 */
function slot(browser, date, minute, scroll = true) {
  return browser.execute(
    (d, m, px, sc) => {
      const scroller = document.querySelector(".wg-scroller");
      const col = document.querySelector(`[data-testid="day-column"][data-date="${d}"]`);
      const s = scroller.getBoundingClientRect();
      if (sc) scroller.scrollTop += col.getBoundingClientRect().top + m * px - (s.top + s.height / 2);
      const r = col.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + m * px };
    },
    date,
    minute,
    PX_PER_MINUTE,
    scroll,
  );
}

/** The grid element of the event titled `title` on `date` (its box on screen), or null. */
function eventBox(browser, title, date) {
  return browser.execute(
    (t, d) => {
      const col = document.querySelector(`[data-testid="day-column"][data-date="${d}"]`);
      const el = [...(col?.querySelectorAll('[data-testid="event"]') ?? [])].find((e) => e.querySelector(".ev-title")?.textContent === t);
      if (!el) return null;
      el.scrollIntoView({ block: "center" });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, top: r.top, bottom: r.bottom, editable: el.classList.contains("is-editable") };
    },
    title,
    date,
  );
}

/**
 * Clicks the event titled `title` on `date` once the grid shows it, until its details are
 * open (a redraw under load can move the grid between reading the box and the click; a click
 * that lands on empty time opens a new event's editor, which is cancelled).
 */
async function clickEvent(browser, title, date) {
  for (let attempt = 0; attempt < 3; attempt++) {
    let box = null;
    await browser.waitUntil(async () => (box = await eventBox(browser, title, date)) !== null, {
      timeout: 5_000,
      timeoutMsg: `“${title}” is shown on ${date}`,
    });
    await clickAt(browser, box);
    const opened = await browser
      .waitUntil(async () => (await browser.execute(() => document.querySelector('[data-testid="event-details"] h2')?.textContent ?? null)) === title, {
        timeout: 2_000,
      })
      .then(
        () => true,
        () => false,
      );
    if (opened) return;
    if (await browser.$('[data-testid="event-editor"]').isExisting()) await browser.keys([Key.Escape]);
  }
  throw new Error(`the details of “${title}” on ${date} did not open`);
}

/** Polls the store (through miraage-cli) until `check(events of [from, to))` holds. */
async function waitForStore(from, to, check, what) {
  let last = [];
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    last = await cliEvents(from, to);
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}; the store holds: ${JSON.stringify(last.map((e) => [e.summary, e.start, e.end, e.location]))}`);
}

/** The undo toast's message once it is up (read from the DOM: it fades in). */
async function toastText(browser) {
  let text = "";
  await browser.waitUntil(
    async () => {
      text = await browser.execute(() => {
        const t = document.querySelector('[data-testid="toast"]');
        return t && !t.hidden ? t.querySelector('[data-testid="toast-message"]').textContent : "";
      });
      return text !== "";
    },
    { timeout: 5_000, timeoutMsg: "the undo toast says what was done" },
  );
  return text;
}

const hm = (iso) => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
};

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
    if (!browser) return;
    await screenshots(browser, "calendar-final").catch(() => undefined);
    await browser.deleteSession();
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
    // Every event of that day (the store's answer: other files' events share the database) is
    // drawn across its column or counted in "+N more".
    const index = month.days.indexOf(localDate(busy));
    const covers = (e) => {
      const [first, span] = e.column.split(" / span ").map(Number);
      return e.week === Math.floor(index / 7) && first <= (index % 7) + 1 && (index % 7) + 1 < first + span;
    };
    const nextDay = new Date(busy.getFullYear(), busy.getMonth(), busy.getDate() + 1);
    const inStore = (await cliEvents(localDate(busy), localDate(nextDay))).length;
    assert.ok(inStore >= 6, `the five meetings and the trip are stored: ${inStore}`);
    assert.equal(month.events.filter(covers).length + Number(/\+(\d+)/.exec(more.text)[1]), inStore, "every event of the day is shown or counted");
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

  // The week of today; Wednesday and the days around it take the edits below.
  const monday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7));
  const day = (i) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i);
  const wed = localDate(day(2));
  const weekEnd = localDate(day(7));

  test("creating_an_event_by_dragging_on_empty_time_and_naming_it_in_the_editor", async () => {
    await waitForWeek(browser, weekOf(today).from);
    const from = await slot(browser, wed, 10 * 60 + 5);
    const to = await slot(browser, wed, 11 * 60 + 25, false);
    await drag(browser, from, to);
    const editor = await browser.$('[data-testid="event-editor"]');
    await editor.waitForDisplayed({ timeout: 5_000, timeoutMsg: "dragging on empty time opens the editor" });
    assert.equal(await browser.$('[data-testid="editor-start-time"]').getValue(), "10:00");
    assert.equal(await browser.$('[data-testid="editor-end-time"]').getValue(), "11:30");
    await browser.$('[data-testid="editor-title"]').setValue("Design review");
    await browser.$('[data-testid="editor-location"]').setValue("Room 4");
    await screenshots(browser, "event-editor");
    await browser.$('[data-testid="editor-save"]').click();
    await editor.waitForDisplayed({ reverse: true, timeout: 5_000 });
    const [created] = (await waitForStore(wed, weekEnd, (l) => l.some((e) => e.summary === "Design review"), "the new event is stored")).filter(
      (e) => e.summary === "Design review",
    );
    assert.deepEqual([hm(created.start), hm(created.end), created.location], ["10:00", "11:30", "Room 4"]);
    await browser.waitUntil(async () => (await eventBox(browser, "Design review", wed)) !== null, { timeout: 5_000, timeoutMsg: "the grid shows it" });
    assert.match(await toastText(browser), /Created “Design review”/);
  });

  test("moving_and_resizing_an_event_by_dragging_it_and_its_bottom_edge", async () => {
    let box = await eventBox(browser, "Design review", wed);
    assert.ok(box?.editable, "an event of a writable calendar can be dragged");
    await drag(browser, { x: box.x, y: box.top + 10 }, { x: box.x, y: box.top + 10 + 60 * PX_PER_MINUTE });
    await waitForStore(
      wed,
      weekEnd,
      (l) => l.some((e) => e.summary === "Design review" && hm(e.start) === "11:00" && hm(e.end) === "12:30"),
      "moved an hour later, same length",
    );
    await browser.waitUntil(
      async () => (box = await eventBox(browser, "Design review", wed)) !== null && Math.abs(box.top - (await slot(browser, wed, 11 * 60, false)).y) < 3,
      {
        timeout: 5_000,
        timeoutMsg: "the grid shows it at 11:00",
      },
    );
    box = await eventBox(browser, "Design review", wed);
    await drag(browser, { x: box.x, y: box.bottom - 3 }, { x: box.x, y: box.bottom - 3 + 30 * PX_PER_MINUTE });
    await waitForStore(
      wed,
      weekEnd,
      (l) => l.some((e) => e.summary === "Design review" && hm(e.start) === "11:00" && hm(e.end) === "13:00"),
      "resized to end at 13:00",
    );
  });

  test("editing_an_event_in_the_editor_from_its_details", async () => {
    await clickEvent(browser, "Design review", wed);
    await browser.$('[data-testid="event-edit"]').click();
    await browser.$('[data-testid="event-editor"]').waitForDisplayed({ timeout: 5_000 });
    assert.equal(await browser.$('[data-testid="editor-title"]').getValue(), "Design review");
    await browser.$('[data-testid="editor-title"]').setValue("Design review (final)");
    await browser.$('[data-testid="editor-start-time"]').setValue("14:00");
    await browser.$('[data-testid="editor-end-time"]').setValue("15:00");
    await browser.$('[data-testid="editor-description"]').setValue("Bring the mock-ups");
    await browser.$('[data-testid="editor-save"]').click();
    await browser.$('[data-testid="event-editor"]').waitForDisplayed({ reverse: true, timeout: 5_000 });
    await waitForStore(
      wed,
      weekEnd,
      (l) => l.some((e) => e.summary === "Design review (final)" && hm(e.start) === "14:00" && hm(e.end) === "15:00" && e.location === "Room 4"),
      "title and time changed, location kept",
    );
  });

  test("an_end_before_the_start_is_refused_in_the_editor_and_nothing_changes", async () => {
    await clickEvent(browser, "Design review (final)", wed);
    await browser.keys(["e"]);
    await browser.$('[data-testid="event-editor"]').waitForDisplayed({ timeout: 5_000 });
    await browser.$('[data-testid="editor-end-time"]').setValue("13:00");
    await browser.$('[data-testid="editor-save"]').click();
    const error = await browser.$('[data-testid="editor-error"]');
    await browser.waitUntil(async () => (await error.getText()) !== "", { timeout: 5_000, timeoutMsg: "the core's refusal is shown in the editor" });
    assert.match(await error.getText(), /end|before|after/i);
    assert.ok(await browser.$('[data-testid="event-editor"]').isDisplayed(), "the editor stays open with what was typed");
    await browser.keys([Key.Escape]);
    const stored = await cliEvents(wed, weekEnd);
    assert.ok(
      stored.some((e) => e.summary === "Design review (final)" && hm(e.end) === "15:00"),
      "the store is unchanged",
    );
  });

  test("deleting_an_event_with_the_key_and_bringing_it_back_with_undo", async () => {
    await browser.waitUntil(async () => (await eventBox(browser, "Design review (final)", wed)) !== null, { timeout: 5_000 });
    await browser.execute((d) => {
      const col = document.querySelector(`[data-testid="day-column"][data-date="${d}"]`);
      [...col.querySelectorAll('[data-testid="event"]')].find((e) => e.textContent.includes("Design review (final)")).focus();
    }, wed);
    await browser.keys([Key.Delete]);
    await waitForStore(wed, weekEnd, (l) => !l.some((e) => e.summary === "Design review (final)"), "deleted");
    assert.match(await toastText(browser), /Deleted “Design review \(final\)”/);
    await browser.$('[data-testid="toast-undo"]').click();
    await waitForStore(wed, weekEnd, (l) => l.some((e) => e.summary === "Design review (final)" && hm(e.start) === "14:00"), "undo brings it back");
  });

  describe("one occurrence of a recurring series", () => {
    const seriesFrom = localDate(day(0));
    const titles = async () =>
      (await cliEvents(seriesFrom, weekEnd))
        .filter((e) => e.summary.startsWith("Standup"))
        .map((e) => `${e.start.slice(0, 10)} ${hm(e.start)} ${e.summary}${e.location ? ` @${e.location}` : ""}`)
        .sort();

    before(async () => {
      await cli("events", "add", "Standup", "--literal", "--start", localTime(day(0), 16), "--end", localTime(day(0), 16, 30), "--rrule", "FREQ=DAILY;COUNT=5");
      await browser.execute(() => window.dispatchEvent(new Event("focus")));
      await browser.waitUntil(async () => (await eventBox(browser, "Standup", localDate(day(4)))) !== null, {
        timeout: 10_000,
        timeoutMsg: "the series is shown",
      });
    });

    async function chooseScope(scope) {
      const dialog = await browser.$('[data-testid="scope-dialog"]');
      await dialog.waitForDisplayed({ timeout: 5_000, timeoutMsg: "a change to one occurrence asks which events it is for" });
      await browser.$(`[data-testid="scope-${scope}"]`).click();
      await browser.$('[data-testid="scope-ok"]').click();
      await dialog.waitForExist({ reverse: true, timeout: 5_000 });
    }

    test("this_event_moves_only_the_occurrence_dragged", async () => {
      const tue = localDate(day(1));
      const box = await eventBox(browser, "Standup", tue);
      await drag(browser, { x: box.x, y: box.top + 5 }, { x: box.x, y: box.top + 5 + 60 * PX_PER_MINUTE });
      await screenshots(browser, "recurring-choice");
      await chooseScope("this");
      await browser.waitUntil(async () => (await titles()).includes(`${tue} 17:00 Standup`), {
        timeout: 10_000,
        timeoutMsg: `Tuesday moved: ${await titles()}`,
      });
      const all = await titles();
      assert.equal(all.filter((t) => t.includes(" 16:00 ")).length, 4, `the other four stay at 16:00: ${all}`);
    });

    test("this_and_following_renames_from_the_occurrence_on", async () => {
      const thu = localDate(day(3));
      await clickEvent(browser, "Standup", thu);
      await browser.$('[data-testid="event-edit"]').click();
      await browser.$('[data-testid="editor-title"]').setValue("Standup v2");
      await browser.$('[data-testid="editor-save"]').click();
      await chooseScope("following");
      await browser.waitUntil(async () => (await titles()).filter((t) => t.endsWith("Standup v2")).length === 2, {
        timeout: 10_000,
        timeoutMsg: `Thursday and Friday renamed: ${await titles()}`,
      });
      assert.equal((await titles()).filter((t) => t.endsWith(" Standup")).length, 3, "Monday to Wednesday keep their title");
    });

    test("all_events_changes_the_whole_series_and_keeps_the_moved_occurrence", async () => {
      const mon = localDate(day(0));
      await clickEvent(browser, "Standup", mon);
      await browser.$('[data-testid="event-edit"]').click();
      await browser.$('[data-testid="editor-location"]').setValue("Kitchen");
      await browser.$('[data-testid="editor-save"]').click();
      await chooseScope("all");
      await browser.waitUntil(async () => (await titles()).filter((t) => t.endsWith("@Kitchen")).length >= 2, {
        timeout: 10_000,
        timeoutMsg: `the series has the location: ${await titles()}`,
      });
      assert.ok(
        (await titles()).includes(`${localDate(day(1))} 17:00 Standup @Kitchen`) || (await titles()).some((t) => t.startsWith(`${localDate(day(1))} 17:00`)),
        "the moved Tuesday stays at 17:00",
      );
    });

    test("deleting_one_occurrence_leaves_the_others", async () => {
      const wedDate = localDate(day(2));
      const before = (await titles()).length;
      await clickEvent(browser, "Standup", wedDate);
      await browser.$('[data-testid="event-delete"]').click();
      await chooseScope("this");
      await browser.waitUntil(async () => (await titles()).length === before - 1, { timeout: 10_000, timeoutMsg: `one fewer: ${await titles()}` });
      assert.ok(!(await titles()).some((t) => t.startsWith(wedDate)), "Wednesday's is gone");
    });
  });
});
