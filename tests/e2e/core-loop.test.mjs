// The core loop (plan → look → adjust → accept → live with it) in the real app window: the
// regressions of issue 11, each named after what it guards.
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
  pressPlan,
  readGhosts,
  readWeek,
  rectOf,
  refocus,
  screenshots,
  shownRange,
  startApp,
  upcoming,
  waitForGhosts,
  waitForWeek,
  weekOf,
} from "./lib.mjs";

const DAY = 86_400_000;

async function errorText(browser) {
  return browser.execute(() => document.querySelector('[data-testid="error"]')?.textContent ?? null);
}

function taskRow(browser, title) {
  return browser.execute((t) => {
    const row = [...document.querySelectorAll('[data-testid="task"]')].find((r) => r.querySelector(".task-title")?.textContent === t);
    if (!row) return null;
    return { id: row.dataset.taskId, text: row.textContent, estimate: row.querySelector('[data-testid="task-estimate"]')?.getAttribute("placeholder") ?? null };
  }, title);
}

describe("the core loop respects the user", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;
  /** The block the user dragged to Saturday: its title and start. */
  let dragged = null;

  before(async () => {
    browser = await startApp();
    await waitForWeek(browser, weekOf(new Date()).from);
  });

  after(async () => {
    if (!browser) return;
    await screenshots(browser, "core-loop-final").catch((e) => console.log(`final screenshot failed: ${e.message}`));
    await browser.deleteSession();
  });

  test("first_start_opens_at_now_with_a_hint_of_plan_drag_quick_add_and_shortcuts", async () => {
    const view = await browser.execute(() => {
      const scroller = document.querySelector(".wg-scroller").getBoundingClientRect();
      const head = document.querySelector(".wg-head").getBoundingClientRect();
      const now = document.querySelector(".wg-now");
      const r = now.getBoundingClientRect();
      return { hidden: now.hidden, y: r.top, top: head.bottom, bottom: scroller.bottom };
    });
    assert.ok(!view.hidden, "today is shown with the current-time line");
    assert.ok(view.y >= view.top && view.y <= view.bottom, `the current-time line is on screen: ${JSON.stringify(view)}`);
    const hint = await browser.$('[data-testid="first-run-hint"]');
    assert.ok(await hint.isDisplayed(), "a first-run hint is shown");
    const text = await hint.getText();
    for (const part of [/Plan/, /[Dd]rag/, /[Qq]uick add/, /\?/]) assert.match(text, part, `the hint names ${part}: ${text}`);
    await screenshots(browser, "first-start");

    await browser.$('[data-testid="week-range"]').click();
    await browser.keys(["?"]);
    const help = await browser.$('[data-testid="shortcuts"]');
    await help.waitForDisplayed({ timeout: 5_000, timeoutMsg: "? shows the keyboard shortcuts" });
    assert.match(await help.getText(), /Plan/);
    await browser.keys([Key.Escape]);
    await help.waitForDisplayed({ reverse: true, timeout: 5_000 });

    await browser.$('[data-testid="first-run-hint-dismiss"]').click();
    await hint.waitForDisplayed({ reverse: true, timeout: 5_000 });
  });

  test("plan_uses_a_rolling_horizon_whatever_the_view_shows_and_jumps_to_the_first_ghost", async () => {
    // Two weeks back: a range wholly in the past.
    await browser.$('[data-testid="prev"]').click();
    await browser.$('[data-testid="prev"]').click();
    const past = new Date(Date.now() - 14 * DAY);
    await waitForWeek(browser, weekOf(past).from);
    await pressPlan(browser);
    const ghosts = await waitForGhosts(browser, { min: 1 });
    const summary = String(await browser.$('[data-testid="plan-summary"]').getProperty("textContent"));
    assert.doesNotMatch(summary, /^0 blocks/, summary);
    const shown = await shownRange(browser);
    const first = Math.min(...ghosts.map((g) => Date.parse(g.start)));
    assert.ok(first >= Date.now() - 60_000, "ghosts start from now on");
    assert.equal(shown.from, weekOf(new Date(first)).from, "the view shows the week of the first ghost");
    await browser.$('[data-testid="reject-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
  });

  test("personal_tag_plans_a_task_in_personal_hours", async () => {
    const title = "E2E call the plumber";
    await browser.$('[data-testid="quick-add"]').setValue(`${title} 30m #personal`);
    await browser.keys([Key.Enter]);
    await browser.waitUntil(async () => (await taskRow(browser, title)) !== null, { timeout: 10_000, timeoutMsg: "the task is listed" });
    await pressPlan(browser);
    const ghost = await findGhost(browser, title);
    assert.ok(ghost, "the #personal task is planned");
    const { start, end } = await browser.execute((id) => {
      const el = document.querySelector(`[data-testid="ghost"][data-ghost-id="${id}"]`);
      return { start: el.dataset.start, end: el.dataset.end };
    }, ghost.id);
    const s = new Date(start);
    const e = new Date(end);
    // Default personal hours: every day 18:00-21:00.
    assert.ok(s.getHours() >= 18 && (e.getHours() < 21 || (e.getHours() === 21 && e.getMinutes() === 0)), `planned in personal hours: ${s} - ${e}`);
    await browser.$('[data-testid="reject-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
  });

  test("task_without_estimate_gets_the_default_estimate_and_is_never_silently_left_out", async () => {
    const title = "E2E buy milk";
    await cli("tasks", "add", title);
    await refocus(browser);
    await browser.waitUntil(async () => (await taskRow(browser, title)) !== null, { timeout: 10_000, timeoutMsg: "the task is listed" });
    const row = await taskRow(browser, title);
    assert.match(`${row.estimate} ${row.text}`, /default/i, `the task says it uses the default estimate: ${JSON.stringify(row)}`);
    await pressPlan(browser);
    const ghost = await findGhost(browser, title);
    if (ghost) {
      const len = await browser.execute((id) => {
        const el = document.querySelector(`[data-testid="ghost"][data-ghost-id="${id}"]`);
        return (Date.parse(el.dataset.end) - Date.parse(el.dataset.start)) / 60_000;
      }, ghost.id);
      assert.equal(len, 30, "planned for the default 30 minutes");
    } else {
      const listed = await browser.execute((t) => [...document.querySelectorAll('[data-testid="unscheduled"]')].some((e) => e.textContent.includes(t)), title);
      assert.ok(listed, "a task that is not planned is listed with its reason");
    }
    await browser.$('[data-testid="reject-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
  });

  test("a_block_dragged_outside_its_hours_stays_where_the_user_put_it", async () => {
    const title = "E2E dragged block";
    // One block of an hour (not split around the day's meetings), so the one drag moves it all.
    await cli("tasks", "add", title, "--estimate", "1h", "--chunks", "60-60", "--priority", "1");
    await refocus(browser);
    await pressPlan(browser);
    const ghost = await findGhost(browser, title);
    assert.ok(ghost, "the task is planned");
    const start = new Date(ghost.start);
    const monday = new Date(start.getFullYear(), start.getMonth(), start.getDate() - ((start.getDay() + 6) % 7));
    const saturday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 5);
    assert.ok(saturday.getTime() > Date.now(), "Saturday of the ghost's week is ahead");
    const ghostSel = `[data-testid="ghost"][data-ghost-id="${ghost.id}"]`;
    await rectOf(browser, ghostSel);
    await centerHours(browser, start.getHours() * 60 + start.getMinutes(), 600);
    const ghostRect = await rectOf(browser, ghostSel, { scroll: false });
    const grab = grabInFirstSnap(ghostRect, start, new Date(ghost.end));
    const target = await browser.execute(
      (date, half) => {
        const col = document.querySelector(`[data-testid="day-column"][data-date="${date}"]`)?.getBoundingClientRect();
        if (!col) return null;
        const y = col.y + (600 / 1440) * col.height;
        return { x: col.x + col.width / 2, y: y + half, inView: y > 0 && y < window.innerHeight - 10 };
      },
      localDate(saturday),
      grab.half,
    );
    assert.ok(ghostRect && target?.inView, `ghost and Saturday 10:00 are on screen: ${JSON.stringify(target)}`);
    const want = new Date(saturday.getFullYear(), saturday.getMonth(), saturday.getDate(), 10, 0).getTime() + grab.offsetMs;
    await drag(browser, grab.point, target);
    const at = new Date(want).toISOString();
    await browser.waitUntil(async () => (await upcoming()).some((e) => e.summary === title && new Date(e.start).toISOString() === at), {
      timeout: 15_000,
      timeoutMsg: `no "${title}" event at ${at}`,
    });
    dragged = { title, start: at };
    // An accepted block is drawn as a plan block (its project's colour, a marker), not as a meeting.
    await browser.waitUntil(
      async () =>
        browser.execute(
          (t) =>
            [...document.querySelectorAll('[data-testid="event"]')].some(
              (e) => e.querySelector(".ev-title")?.textContent === t && e.classList.contains("is-plan") && "plan" in e.dataset,
            ),
          title,
        ),
      { timeout: 10_000, timeoutMsg: "the accepted block is not drawn as a plan block" },
    );
    // Accepting re-plans around it: nothing proposes to move it back.
    const afterAccept = await waitForGhosts(browser, { min: 0 });
    assert.ok(!afterAccept.some((g) => g.title === title), `no ghost of the dragged task: ${JSON.stringify(afterAccept.filter((g) => g.title === title))}`);
    // Other files share this database: a re-plan of their blocks (an event they moved onto one)
    // may be pending, but nothing moves because of this block, nor does this block move.
    const byThis = (ghosts) => ghosts.filter((g) => g.move && (g.title === title || String(g.reason).includes(title)));
    assert.deepEqual(byThis(afterAccept), [], "accepting it moves nothing because of it");

    await pressPlan(browser);
    const again = await waitForGhosts(browser, { min: 0 });
    assert.ok(!again.some((g) => g.title === title), "Plan does not propose the dragged block again");
    assert.deepEqual(byThis(again), [], "Plan proposes no moves because of it");
    await browser.$('[data-testid="accept-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
    const events = (await upcoming()).filter((e) => e.summary === title);
    assert.deepEqual(
      events.map((e) => new Date(e.start).toISOString()),
      [at],
      "after Accept all it is still on Saturday 10:00, once",
    );
  });

  test("a_replan_says_why_each_block_moves_in_the_users_words", async () => {
    assert.ok(dragged, "a block was dragged");
    const ev = (await upcoming()).find((e) => e.summary === dragged.title);
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
        "UID:e2e-core-clash@miraage.test",
        "DTSTAMP:20261101T000000Z",
        `DTSTART:${utc(ev.start)}`,
        `DTEND:${utc(ev.end)}`,
        "SUMMARY:E2E brunch",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
    await cli("import", file, "--calendar", "E2E core loop");
    await refocus(browser);
    await browser.waitUntil(
      async () => (await readGhosts(browser)).some((g) => g.move && g.title === dragged.title) || (await findGhost(browser, dragged.title)) !== null,
      {
        timeout: 20_000,
        timeoutMsg: "the displaced block is proposed elsewhere",
      },
    );
    const reasons = await browser.execute(() => [...document.querySelectorAll('[data-testid="ghost"].ghost-move')].map((el) => el.dataset.reason ?? ""));
    assert.ok(reasons.length > 0 && reasons.every((r) => r.length > 0), `every move says why: ${JSON.stringify(reasons)}`);
    assert.ok(
      reasons.some((r) => r.includes("E2E brunch")),
      `the reason names the event: ${JSON.stringify(reasons)}`,
    );
    const summary = String(await browser.$('[data-testid="plan-summary"]').getProperty("textContent"));
    assert.match(summary, /to move/, summary);
    const details = await browser.execute(() => document.querySelector('[data-testid="plan-details"]')?.textContent ?? "");
    assert.doesNotMatch(details, /demo-|[0-9a-f]{8}-[0-9a-f]{4}/, "no internal ids in the explanations");
    await screenshots(browser, "replan-reasons");
    await browser.$('[data-testid="accept-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
  });

  test("finishing_a_task_removes_its_future_blocks_and_frees_their_time", async () => {
    const title = "E2E finish early";
    await cli("tasks", "add", title, "--estimate", "2h", "--priority", "1");
    await refocus(browser);
    await pressPlan(browser);
    assert.ok(await findGhost(browser, title), "the task is planned");
    await browser.$('[data-testid="accept-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
    await browser.waitUntil(async () => (await upcoming()).some((e) => e.summary === title), { timeout: 15_000, timeoutMsg: "its blocks are on the calendar" });

    const row = await taskRow(browser, title);
    const done = await browser.$(`[data-task-id="${row.id}"] [data-testid="task-done"]`);
    await done.scrollIntoView({ block: "center" });
    await done.click();
    await browser.waitUntil(async () => !(await upcoming()).some((e) => e.summary === title && Date.parse(e.start) > Date.now()), {
      timeout: 15_000,
      timeoutMsg: "the finished task's future blocks are still on the calendar",
    });
    await browser.waitUntil(async () => !(await readWeek(browser)).events.some((e) => e.title === title), {
      timeout: 10_000,
      timeoutMsg: "the grid still shows its blocks",
    });

    // Plan again: nothing lands on another event or block.
    await pressPlan(browser);
    const events = await upcoming();
    for (let i = 0; i < 4; i++) {
      for (const g of await readGhosts(browser)) {
        const el = await browser.execute((id) => {
          const e = document.querySelector(`[data-testid="ghost"][data-ghost-id="${id}"]`);
          return { start: Date.parse(e.dataset.start), end: Date.parse(e.dataset.end) };
        }, g.id);
        const clash = events.find((e) => Date.parse(e.start) < el.end && Date.parse(e.end) > el.start);
        assert.ok(!clash, `ghost ${g.title} at ${g.start} overlaps ${clash?.summary}`);
      }
      await browser.$('[data-testid="next"]').click();
      await browser.waitUntil(async () => (await readWeek(browser)).state === "ready");
    }
    // Everything may be accepted by now: then there is nothing to reject.
    if (await browser.$('[data-testid="reject-all"]').isDisplayed()) await browser.$('[data-testid="reject-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
  });

  test("a_ghost_replaced_elsewhere_redraws_the_new_proposal_instead_of_failing", async () => {
    await cli("tasks", "add", "E2E stale check", "--estimate", "45m", "--priority", "1");
    await refocus(browser);
    await browser.$('[data-testid="today"]').click();
    await pressPlan(browser);
    const old = await waitForGhosts(browser, { min: 1 });
    const { from, to } = await shownRange(browser);
    // The CLI plans the same days again: the window's ghosts are no longer the proposal.
    const fresh = JSON.parse(await cli("preview", "--from", from, "--to", to));
    const freshIds = new Set(fresh.ghosts.map((g) => g.id));
    assert.ok(!freshIds.has(old[0].id));
    await browser.execute((id) => document.querySelector(`[data-testid="ghost"][data-ghost-id="${id}"]`).focus(), old[0].id);
    await browser.keys([Key.Escape]);
    await browser.waitUntil(
      async () => {
        const shown = await readGhosts(browser);
        return shown.length > 0 && shown.every((g) => freshIds.has(g.id));
      },
      { timeout: 10_000, timeoutMsg: "the window does not show the current proposal" },
    );
    assert.equal(await errorText(browser), null, "no raw error is shown");
    await browser.$('[data-testid="reject-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
  });
});
