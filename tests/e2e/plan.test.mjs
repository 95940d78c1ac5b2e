// The plan in the real app window: quick-add a task, Plan shows ghost blocks, dragging a ghost
// accepts it at the dropped time (and it is still there after a restart), reject all leaves the
// calendar untouched, and an event moved onto an accepted block produces a re-plan preview.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Key } from "webdriverio";
import {
  centerHours,
  cli,
  drag,
  findGhost,
  grabInFirstSnap,
  localDate,
  readWeek,
  rectOf,
  screenshots,
  showWeekOf,
  shownRange,
  startApp,
  upcoming,
  waitForGhosts,
  waitForWeek,
  weekOf,
} from "./lib.mjs";

const TASK = "E2E write the release notes";

describe("planning in the real app window", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;
  const next = weekOf(new Date(), 1);
  /** The block accepted by dragging: its title and the instant it was dropped at. */
  let accepted = null;

  async function openNextWeek() {
    await waitForWeek(browser, weekOf(new Date()).from);
    await browser.$('[data-testid="next"]').click();
    return waitForWeek(browser, next.from);
  }

  before(async () => {
    // Other test files accept what they plan: give this one work of its own to plan.
    for (const [title, estimate] of [
      ["E2E plan filler: inbox zero", "2h"],
      ["E2E plan filler: budget", "3h"],
      ["E2E plan filler: hiring plan", "4h"],
    ]) {
      await cli("tasks", "add", title, "--estimate", estimate, "--priority", "2");
    }
    browser = await startApp();
    await openNextWeek();
  });

  after(async () => {
    if (!browser) return;
    await screenshots(browser, "plan-final").catch((e) => console.log(`final screenshot failed: ${e.message}`));
    await browser.deleteSession();
  });

  test("n focuses quick add; a typed task is added with its estimate, priority and project", async () => {
    await browser.$('[data-testid="week-range"]').click();
    await browser.keys(["n"]);
    const input = await browser.$('[data-testid="quick-add"]');
    assert.equal(await browser.execute(() => document.activeElement?.dataset.testid), "quick-add");
    await input.setValue(`${TASK} 1h !1 #release`);
    await browser.keys([Key.Enter]);
    await browser.waitUntil(
      async () =>
        (await browser.execute((t) => [...document.querySelectorAll('[data-testid="task"] .task-title')].some((e) => e.textContent === t), TASK)) === true,
      { timeout: 10_000, timeoutMsg: "the new task is not listed" },
    );
    assert.equal(await input.getValue(), "", "the field is cleared");
    const stored = JSON.parse(await cli("tasks", "list", "--json")).find((t) => t.title === TASK);
    assert.ok(stored, "the store has the task");
    assert.equal(stored.estimate_min, 60);
    assert.equal(stored.priority, 1);
    assert.equal(stored.project, "release");
    await screenshots(browser, "task-added");
  });

  test("Plan shows ghost blocks with a summary, beside the events", async () => {
    const before = await upcoming();
    await browser.$('[data-testid="plan"]').click();
    const ghosts = await waitForGhosts(browser);
    const summary = String(await browser.$('[data-testid="plan-summary"]').getProperty("textContent"));
    // The plan covers the coming weeks; the grid shows the week of the first ghost. Blocks
    // accepted by other files in the shared database make it a re-plan ("1 block to move,
    // 10 new blocks"): every number of blocks counts.
    const total = [...summary.matchAll(/(\d+) (?:new )?blocks?\b/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    assert.ok(total >= ghosts.length, `summary: ${summary}`);
    const shown = await shownRange(browser);
    for (const g of ghosts) {
      const t = Date.parse(g.start);
      assert.ok(t >= Date.parse(`${shown.from}T00:00:00`) && t < Date.parse(`${shown.to}T00:00:00`), `ghost ${g.title} at ${g.start} is in the week shown`);
    }
    assert.ok(await findGhost(browser, TASK), "the new P1 task is planned");
    assert.deepEqual(await upcoming(), before, "the events stay as they were");
    const dashed = await browser.execute(() => getComputedStyle(document.querySelector('[data-testid="ghost"]')).borderTopStyle);
    assert.equal(dashed, "dashed");
    const planMs = await browser.execute(() => document.getElementById("plan")?.dataset.planMs);
    console.log(`benchmark: Plan click to ghosts drawn ${planMs} ms (${ghosts.length} ghosts)`);
    await screenshots(browser, "plan-ghosts");
  });

  test("dragging a ghost accepts it at the dropped time", async () => {
    const ghost = (await findGhost(browser, TASK)) ?? (await waitForGhosts(browser))[0];
    const start = new Date(ghost.start);
    // One day later (or earlier on Sunday), one hour later in the day.
    const day = new Date(start.getFullYear(), start.getMonth(), start.getDate() + (start.getDay() === 0 ? -1 : 1));
    const slotStart = new Date(Math.floor(start.getTime() / (30 * 60_000)) * 30 * 60_000 + 60 * 60_000);
    const slotMinutes = slotStart.getHours() * 60 + slotStart.getMinutes();
    // Bring the ghost and the drop target on screen together, away from the edges; then
    // measure both without scrolling again.
    const ghostSel = `[data-testid="ghost"][data-ghost-id="${ghost.id}"]`;
    await rectOf(browser, ghostSel);
    await centerHours(browser, start.getHours() * 60 + start.getMinutes(), slotMinutes);
    const ghostRect = await rectOf(browser, ghostSel, { scroll: false });
    const grab = grabInFirstSnap(ghostRect, start, new Date(ghost.end));
    const target = await browser.execute(
      (date, minutes, half) => {
        const col = document.querySelector(`[data-testid="day-column"][data-date="${date}"]`)?.getBoundingClientRect();
        if (!col) return null;
        // The column is the day's 24 hours top to bottom.
        const y = col.y + (minutes / 1440) * col.height;
        return { x: col.x + col.width / 2, y: y + half, inView: y > 0 && y < window.innerHeight - 10 };
      },
      localDate(day),
      slotMinutes,
      grab.half,
    );
    assert.ok(ghostRect && target?.inView, `ghost and drop target are on screen: ${JSON.stringify(target)}`);
    const drop = { x: target.x, y: target.y };
    const dropSnap = new Date(day.getFullYear(), day.getMonth(), day.getDate(), slotStart.getHours(), slotStart.getMinutes());
    const expected = new Date(dropSnap.getTime() + grab.offsetMs);
    await drag(browser, grab.point, drop);

    const want = expected.toISOString();
    await browser.waitUntil(async () => (await upcoming()).some((e) => e.summary === ghost.title && new Date(e.start).toISOString() === want), {
      timeout: 15_000,
      timeoutMsg: `no "${ghost.title}" event at ${want} in the store (dragged from ${ghost.start})`,
    });
    await browser.waitUntil(async () => (await readWeek(browser)).events.some((e) => e.title === ghost.title && new Date(e.start).toISOString() === want), {
      timeout: 10_000,
      timeoutMsg: "the accepted block is not drawn as an event",
    });
    const left = await waitForGhosts(browser, { min: 0 });
    assert.ok(!left.some((g) => g.id === ghost.id), "the accepted ghost is gone");
    accepted = { title: ghost.title, start: want };
    await screenshots(browser, "plan-accepted-by-drag");
  });

  test("the accepted block is still there after the app restarts", async () => {
    assert.ok(accepted, "a block was accepted");
    await browser.deleteSession();
    browser = await startApp();
    await waitForWeek(browser, weekOf(new Date()).from);
    const week = await showWeekOf(browser, new Date(accepted.start));
    assert.ok(
      week.events.some((e) => e.title === accepted.title && new Date(e.start).toISOString() === accepted.start),
      `after the restart the week shows ${accepted.title} at ${accepted.start}`,
    );
    await screenshots(browser, "plan-after-restart");
  });

  test("dragging a ghost to the bottom edge scrolls the hours; Escape cancels and accepts nothing", async () => {
    await browser.$('[data-testid="week-range"]').click();
    await browser.keys(["p"]);
    const [ghost] = await waitForGhosts(browser);
    const before = await upcoming();
    const rect = await rectOf(browser, `[data-testid="ghost"][data-ghost-id="${ghost.id}"]`);
    const edge = await browser.execute(() => {
      const s = document.querySelector(".wg-scroller");
      return { bottom: s.getBoundingClientRect().bottom, scrollTop: s.scrollTop };
    });
    const x = Math.round(rect.x + rect.width / 2);
    const action = browser.action("pointer", { parameters: { pointerType: "mouse" } });
    action
      .move({ x, y: Math.round(rect.y + 3), origin: "viewport" })
      .down({ button: 0 })
      .pause(100);
    for (let i = 0; i < 12; i++) action.move({ x, y: Math.round(edge.bottom - 10 - (i % 2) * 4), origin: "viewport", duration: 20 });
    await action.perform(true); // the button stays down
    const scrolled = await browser.execute(() => document.querySelector(".wg-scroller").scrollTop);
    assert.ok(scrolled > edge.scrollTop, `the hours scrolled while the ghost was held at the edge: ${edge.scrollTop} -> ${scrolled}`);
    await browser.keys([Key.Escape]);
    await browser.releaseActions();
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(await upcoming(), before, "nothing was accepted");
    assert.ok(
      (await waitForGhosts(browser)).some((g) => g.id === ghost.id),
      "the ghost is still proposed",
    );
  });

  test("Shift+arrows move a focused ghost and Enter accepts it there (dragging without a mouse)", async () => {
    await browser.$('[data-testid="week-range"]').click();
    await browser.keys(["p"]);
    const [ghost] = await waitForGhosts(browser);
    const start = new Date(ghost.start);
    const back = start.getDay() === 0; // Sunday: move to Saturday instead
    const want = new Date(start.getTime());
    want.setDate(want.getDate() + (back ? -1 : 1));
    want.setMinutes(want.getMinutes() + 60);
    await browser.execute((id) => document.querySelector(`[data-testid="ghost"][data-ghost-id="${id}"]`).focus(), ghost.id);
    // One chord per call: sent as one sequence, only the first of the repeated arrows arrived.
    for (const key of [Key.ArrowDown, Key.ArrowDown, Key.ArrowDown, Key.ArrowDown, back ? Key.ArrowLeft : Key.ArrowRight])
      await browser.keys([Key.Shift, key, Key.Shift]);
    const shown = await browser.execute((id) => {
      const el = document.querySelector(`[data-testid="ghost"][data-ghost-id="${id}"]`);
      return { column: el?.closest('[data-testid="day-column"]')?.dataset.date, focused: document.activeElement === el, label: el?.getAttribute("aria-label") };
    }, ghost.id);
    assert.equal(shown.column, localDate(want), `the ghost is shown on its new day: ${JSON.stringify(shown)}`);
    assert.ok(shown.focused && /moved to/.test(shown.label), `it keeps the focus and says where it is: ${JSON.stringify(shown)}`);
    await browser.keys([Key.Enter]);
    let found = [];
    await browser.waitUntil(
      async () => {
        found = (await upcoming()).filter((e) => e.summary === ghost.title).map((e) => e.start);
        return found.some((s) => new Date(s).toISOString() === want.toISOString());
      },
      { timeout: 15_000, timeoutMsg: `no "${ghost.title}" event at ${want.toISOString()} (moved from ${ghost.start}); found ${found}` },
    );
    assert.ok(
      !(await upcoming()).some((e) => e.summary === ghost.title && new Date(e.start).toISOString() === start.toISOString()),
      "nothing was accepted where the ghost was",
    );
    await browser.$('[data-testid="reject-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
  });

  test("p plans, and reject all removes the ghosts and leaves the calendar untouched", async () => {
    const before = await upcoming();
    await browser.$('[data-testid="week-range"]').click();
    await browser.keys(["p"]);
    await waitForGhosts(browser);
    const shownBefore = (await readWeek(browser)).events.length;
    await browser.$('[data-testid="reject-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
    assert.equal(await browser.$('[data-testid="reject-all"]').isDisplayed(), false, "nothing left to reject");
    assert.deepEqual(await upcoming(), before, "the store's events are unchanged");
    assert.equal((await readWeek(browser)).events.length, shownBefore, "the grid shows the same events");
    await screenshots(browser, "plan-rejected");
  });

  test("an event moved onto an accepted block shows the re-plan as ghosts and moves nothing", async () => {
    assert.ok(accepted, "a block was accepted");
    const block = (await upcoming()).find((e) => e.summary === accepted.title && new Date(e.start).toISOString() === accepted.start);
    assert.ok(block, "the accepted block is in the store");
    const utc = (iso) =>
      new Date(iso)
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "");
    const dir = mkdtempSync(join(tmpdir(), "miraage-e2e-"));
    const file = join(dir, "clash.ics");
    writeFileSync(
      file,
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Miraage e2e//EN",
        "BEGIN:VEVENT",
        "UID:e2e-clash@miraage.test",
        "DTSTAMP:20261101T000000Z",
        `DTSTART:${utc(block.start)}`,
        `DTEND:${utc(block.end)}`,
        "SUMMARY:E2E surprise meeting",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
    await showWeekOf(browser, new Date(accepted.start));
    await cli("import", file, "--calendar", "E2E changes");
    // The app re-reads the store when its window gets the focus back.
    await browser.execute(() => window.dispatchEvent(new Event("focus")));
    await browser.waitUntil(async () => /^Re-plan/.test(String(await browser.$('[data-testid="plan-summary"]').getProperty("textContent"))), {
      timeout: 20_000,
      timeoutMsg: "no re-plan is proposed",
    });
    const summary = String(await browser.$('[data-testid="plan-summary"]').getProperty("textContent"));
    // One move per displaced block (other tests' blocks may sit under the meeting too).
    assert.match(summary, /^Re-plan: \d+ blocks? to move$/, summary);
    const mover = await findGhost(browser, accepted.title);
    assert.ok(mover?.move, "the displaced task is proposed elsewhere, as a move");
    const ghosts = await waitForGhosts(browser);
    assert.ok(
      ghosts.every((g) => g.move),
      "only moves are proposed",
    );
    const still = (await upcoming()).filter((e) => e.summary === accepted.title);
    assert.ok(
      still.some((e) => new Date(e.start).toISOString() === accepted.start),
      "nothing moved before the user accepts",
    );
    await screenshots(browser, "replan-preview");

    // Enter accepts the selected (focused) move: the block leaves the meeting.
    await browser.execute((id) => document.querySelector(`[data-testid="ghost"][data-ghost-id="${id}"]`).focus(), mover.id);
    await browser.keys([Key.Enter]);
    await browser.waitUntil(
      async () => {
        const events = (await upcoming()).filter((e) => e.summary === accepted.title);
        return events.length === 1 && new Date(events[0].start).toISOString() === new Date(mover.start).toISOString();
      },
      { timeout: 15_000, timeoutMsg: "the moved block did not replace the old one" },
    );
    await screenshots(browser, "replan-accepted");
  });
});
