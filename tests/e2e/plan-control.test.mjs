// A plan the user controls, in the real app window (issue 15): a block locked from its
// details stays when a meeting lands next to it and moves only when one lands on it, and
// every ghost of that re-plan says why.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  cli,
  findGhost,
  localDate,
  pressPlan,
  readGhosts,
  refocus,
  screenshots,
  showWeekOf,
  startApp,
  upcoming,
  waitForGhosts,
  waitForWeek,
  weekOf,
} from "./lib.mjs";
import { blockBox, openBlockDetails } from "./blocks.mjs";

const TITLE = "E2E locked essay";

/** Imports one event `summary` from `start` to `end` (Dates) through the CLI. */
async function importEvent(uid, summary, start, end) {
  const utc = (d) =>
    d
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
  const file = join(mkdtempSync(join(tmpdir(), "miraage-e2e-")), `${uid}.ics`);
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Miraage e2e//EN", "BEGIN:VEVENT", `UID:${uid}@miraage.test`, "DTSTAMP:20261101T000000Z"];
  lines.push(`DTSTART:${utc(start)}`, `DTEND:${utc(end)}`, `SUMMARY:${summary}`, "END:VEVENT", "END:VCALENDAR", "");
  writeFileSync(file, lines.join("\r\n"));
  await cli("import", file, "--calendar", "E2E plan control");
}

/** The plan bar's list of why blocks move, one text per move. */
function moveReasons(browser) {
  return browser.execute(() => [...document.querySelectorAll('[data-testid="move-reason"]')].map((li) => li.textContent ?? ""));
}

describe("a plan the user controls", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;
  /** The accepted block: its start and end. */
  let block = null;

  before(async () => {
    browser = await startApp();
    await waitForWeek(browser, weekOf(new Date()).from);
  });

  after(async () => {
    if (!browser) return;
    await screenshots(browser, "plan-control-final").catch((e) => console.log(`final screenshot failed: ${e.message}`));
    await browser.deleteSession();
  });

  test("a_block_locked_from_its_details_shows_the_lock_mark", async () => {
    await cli("tasks", "add", TITLE, "--estimate", "1h", "--priority", "1", "--literal");
    await refocus(browser);
    await pressPlan(browser);
    const ghost = await findGhost(browser, TITLE);
    assert.ok(ghost, "the task is planned");
    await browser.$(`[data-testid="ghost"][data-ghost-id="${ghost.id}"]`).click();
    await browser.waitUntil(async () => (await upcoming()).some((e) => e.summary === TITLE), { timeout: 15_000, timeoutMsg: "the block is accepted" });
    const ev = (await upcoming()).find((e) => e.summary === TITLE);
    block = { start: new Date(ev.start), end: new Date(ev.end) };
    await showWeekOf(browser, block.start);

    const lock = await openBlockDetails(browser, TITLE);
    assert.equal(await lock.getText(), "Lock");
    await lock.click();
    await browser.waitUntil(async () => (await blockBox(browser, TITLE))?.locked === true, { timeout: 10_000, timeoutMsg: "the block shows its lock" });
    await screenshots(browser, "plan-control-locked");
  });

  test("a_locked_block_stays_when_a_meeting_lands_next_to_it_and_moves_only_on_collision", async () => {
    assert.ok(block, "a block was locked");
    // Right after it, inside the buffer: the block stays and nothing is proposed for it.
    await importEvent("e2e-next-door", "E2E next door", block.end, new Date(block.end.getTime() + 30 * 60_000));
    await refocus(browser);
    await browser.waitUntil(async () => (await blockBox(browser, TITLE)) !== null, { timeout: 10_000 });
    const ghosts = await waitForGhosts(browser, { min: 0 });
    assert.ok(!ghosts.some((g) => g.move && g.title === TITLE), `no move proposed: ${JSON.stringify(ghosts)}`);
    const still = (await upcoming()).find((e) => e.summary === TITLE);
    assert.equal(new Date(still.start).toISOString(), block.start.toISOString(), "the locked block did not move");

    // On it: the move is proposed (never applied without asking) and says why.
    await importEvent("e2e-collision", "E2E collision", new Date(block.start.getTime() + 15 * 60_000), new Date(block.start.getTime() + 45 * 60_000));
    await refocus(browser);
    // Read from the plan bar, which lists every move: late in the day the first free time can
    // be in the next week, whose ghosts the week shown does not hold.
    await browser.waitUntil(async () => (await moveReasons(browser)).some((t) => t.startsWith(`${TITLE}:`)), {
      timeout: 20_000,
      timeoutMsg: "the collision proposes a move",
    });
    const move = (await moveReasons(browser)).find((t) => t.startsWith(`${TITLE}:`));
    assert.match(move, /“E2E collision” at .* now overlaps this locked block/, move);
    await screenshots(browser, "plan-control-collision");
  });

  test("every_ghost_of_a_replan_shows_its_reason", async () => {
    // The ghosts in the week shown (the move itself may be in the next week, see above).
    for (const g of (await readGhosts(browser)).filter((g) => g.move)) {
      assert.ok((g.reason ?? "").length > 0, `${g.title} at ${g.start} moves without a reason`);
    }
    const listed = await moveReasons(browser);
    assert.ok(listed.length > 0, "a re-plan is shown");
    assert.ok(
      listed.some((t) => t.includes(TITLE) && t.includes("E2E collision")),
      `the plan bar lists the reason: ${JSON.stringify(listed)}`,
    );
    assert.doesNotMatch(listed.join(" "), /[0-9a-f]{8}-[0-9a-f]{4}/, "no internal ids");
    const load = String(await browser.$('[data-testid="week-load"]').getProperty("textContent"));
    assert.match(load, /^\d+(\.\d)? h planned of \d+(\.\d)? h free this week$/, load);
    await browser.$('[data-testid="reject-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
    assert.ok(localDate(block.start), "done");
  });
});
