// What really happened (issue 17) in the real window: a block marked done from its details,
// one missed and reviewed under the test clock (MIRAAGE_NOW_FILE), one timed with Start and
// Stop, the analytics view with its charts, an export read back, and a preferred time by tag
// removed in the settings. The database is shared with the other files and the
// demo week: the tasks have names found nowhere else.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { cli, env, findGhost, pressPlan, refocus, screenshots, showWeekOf, startApp, waitForGhosts, waitForWeek, weekOf } from "./lib.mjs";

const DONE = "Zephyr essay";
const MISSED = "Quokka notes";
const TIMED = "Wombat timer draft";
const nowFile = process.env.MIRAAGE_NOW_FILE;

/** The store's history as the CLI exports it. */
async function history() {
  return JSON.parse(await cli("history", "export", "--format", "json"));
}

const blockOf = (rows, title) => rows.find((r) => r.title === title);

describe("what really happened", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;

  before(async () => {
    assert.ok(nowFile, "run.sh sets MIRAAGE_NOW_FILE (the test clock)");
    browser = await startApp();
    await waitForWeek(browser, weekOf(new Date()).from);
  });

  after(async () => {
    if (nowFile) rmSync(nowFile, { force: true });
    if (!browser) return;
    await screenshots(browser, "history-final").catch((e) => console.log(`final screenshot failed: ${e.message}`));
    await browser.deleteSession();
  });

  test("blocks_accepted_in_the_window_are_in_the_history_without_an_outcome", async () => {
    await cli("tasks", "add", DONE, "--literal", "--estimate", "30m", "--priority", "1", "--tag", "writing");
    await cli("tasks", "add", MISSED, "--literal", "--estimate", "30m", "--priority", "1", "--project", "study");
    await refocus(browser);
    await pressPlan(browser);
    for (const title of [DONE, MISSED]) {
      const ghost = await findGhost(browser, title);
      assert.ok(ghost, `${title} is planned`);
      await browser.$(`[data-testid="ghost"][data-ghost-id="${ghost.id}"]`).click();
      await browser.waitUntil(async () => blockOf(await history(), title) !== undefined, { timeout: 10_000, timeoutMsg: `${title} accepted` });
    }
    if (await browser.$('[data-testid="reject-all"]').isDisplayed()) await browser.$('[data-testid="reject-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
    const rows = await history();
    for (const title of [DONE, MISSED]) assert.equal(blockOf(rows, title).outcome, null, `${title} has no outcome yet`);
  });

  test("a_block_marked_done_from_its_details_is_recorded_done", async () => {
    const rows = await history();
    const done = blockOf(rows, DONE);
    const missed = blockOf(rows, MISSED);
    // The test clock: both blocks are over.
    const end = Math.max(Date.parse(done.planned_end), Date.parse(missed.planned_end));
    writeFileSync(nowFile, new Date(end + 5 * 60_000).toISOString());
    await showWeekOf(browser, new Date(done.planned_start));
    // The block's event: its title at its start (a meeting may start at the same time).
    const uid = await browser.execute(
      (start, title) =>
        [...document.querySelectorAll('[data-testid="event"]')].find((el) => el.dataset.start === start && el.querySelector(".ev-title")?.textContent === title)
          ?.dataset.uid ?? null,
      done.planned_start,
      DONE,
    );
    assert.ok(uid, `the block of ${DONE} is drawn at ${done.planned_start}`);
    await browser.$(`[data-testid="event"][data-uid="${uid}"]`).click();
    await browser.$('[data-testid="outcome-done"]').click();
    await browser.waitUntil(async () => (await browser.$('[data-testid="review-status"]').getText()).includes(`Recorded “${DONE}”`), {
      timeout: 10_000,
      timeoutMsg: "the window says it was recorded",
    });
    await screenshots(browser, "history-done-from-window");
    const after = blockOf(await history(), DONE);
    assert.equal(after.outcome, "done");
    assert.equal(after.actual_min, 30);
  });

  test("a_block_left_unanswered_in_the_review_is_recorded_missed", async () => {
    await refocus(browser);
    await browser.waitUntil(async () => (await browser.$$('[data-testid="review-item"]').length) > 0, { timeout: 10_000, timeoutMsg: "the review asks" });
    const items = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="review-item"]')].map((el) => ({
        block: el.dataset.block,
        title: el.querySelector(".review-title")?.textContent,
      })),
    );
    assert.ok(
      items.some((i) => i.title === MISSED),
      `the review lists ${MISSED}: ${JSON.stringify(items)}`,
    );
    assert.ok(!items.some((i) => i.title === DONE), "a block already recorded is not asked about");
    await screenshots(browser, "history-review");
    // The demo week's blocks are answered Done, so that only ours is left to be missed.
    for (const item of items.filter((i) => i.title !== MISSED)) {
      await browser.$(`[data-testid="review-item"][data-block="${item.block}"] [data-testid="review-done"]`).click();
      await browser.waitUntil(async () => !(await browser.$(`[data-testid="review-item"][data-block="${item.block}"]`).isExisting()), { timeout: 10_000 });
    }
    await browser.$('[data-testid="review-close"]').click();
    await browser.waitUntil(async () => !(await browser.$('[data-testid="review"]').isDisplayed()), { timeout: 10_000, timeoutMsg: "the review closes" });
    assert.equal(blockOf(await history(), MISSED).outcome, "missed");
    // Never asked twice.
    await refocus(browser);
    await browser.pause(500);
    const again = await browser.execute(() => [...document.querySelectorAll('[data-testid="review-item"] .review-title')].map((e) => e.textContent));
    assert.ok(!again.includes(MISSED), `asked once: ${JSON.stringify(again)}`);
  });

  test("a_timer_started_on_a_block_shows_above_the_grid_and_stop_records_the_minutes", async () => {
    await cli("tasks", "add", TIMED, "--literal", "--estimate", "45m", "--priority", "1", "--tag", "writing");
    await refocus(browser);
    await pressPlan(browser);
    const ghost = await findGhost(browser, TIMED);
    assert.ok(ghost, `${TIMED} is planned`);
    await browser.$(`[data-testid="ghost"][data-ghost-id="${ghost.id}"]`).click();
    await browser.waitUntil(async () => blockOf(await history(), TIMED) !== undefined, { timeout: 10_000, timeoutMsg: `${TIMED} accepted` });
    if (await browser.$('[data-testid="reject-all"]').isDisplayed()) await browser.$('[data-testid="reject-all"]').click();
    const block = blockOf(await history(), TIMED);
    const start = Date.parse(block.planned_start);
    writeFileSync(nowFile, new Date(start + 5 * 60_000).toISOString());
    await showWeekOf(browser, new Date(start));
    const uid = await browser.execute(
      (at, title) =>
        [...document.querySelectorAll('[data-testid="event"]')].find((el) => el.dataset.start === at && el.querySelector(".ev-title")?.textContent === title)
          ?.dataset.uid ?? null,
      block.planned_start,
      TIMED,
    );
    assert.ok(uid, `the block of ${TIMED} is drawn at ${block.planned_start}`);
    await browser.$(`[data-testid="event"][data-uid="${uid}"]`).click();
    await browser.$('[data-testid="timer-start"]').click();
    await browser.waitUntil(
      async () => (await browser.$('[data-testid="timer"]').isDisplayed()) && (await browser.$('[data-testid="timer"]').getText()).includes(`“${TIMED}”`),
      {
        timeout: 10_000,
        timeoutMsg: "the running timer is shown",
      },
    );
    // Twenty minutes later by the test clock: the timer line counts them, Stop records them.
    writeFileSync(nowFile, new Date(start + 25 * 60_000).toISOString());
    await refocus(browser);
    await browser.waitUntil(async () => (await browser.$('[data-testid="timer"]').getText()).includes("20 min"), {
      timeout: 10_000,
      timeoutMsg: "20 min counted",
    });
    await screenshots(browser, "history-timer-running");
    await browser.$('[data-testid="timer-stop"]').click();
    await browser.waitUntil(async () => !(await browser.$('[data-testid="timer"]').isDisplayed()), { timeout: 10_000, timeoutMsg: "the timer stops" });
    const after = blockOf(await history(), TIMED);
    assert.equal(after.outcome, "done");
    assert.equal(after.actual_min, 20);
  });

  test("the_analytics_view_draws_its_charts_with_the_numbers_in_a_table", async () => {
    await browser.$('[data-testid="open-analytics"]').click();
    await browser.waitUntil(async () => (await browser.$('[data-testid="analytics"]').getAttribute("data-drawn")) !== null, {
      timeout: 10_000,
      timeoutMsg: "the analytics view is drawn",
    });
    const drawn = await browser.execute(() => ({
      charts: [...document.querySelectorAll('[data-testid^="chart-"]')].map((c) => ({ id: c.dataset.testid, w: c.width, h: c.height })),
      rows: document.querySelectorAll('[data-testid="analytics-table"] tbody tr').length,
      keys: [...document.querySelectorAll('[data-testid="analytics-keys"] tbody th')].map((th) => th.textContent),
    }));
    for (const id of ["chart-planned-done", "chart-by-key", "chart-time-use", "chart-accuracy"]) {
      assert.ok(
        drawn.charts.some((c) => c.id === id),
        `${id}: ${JSON.stringify(drawn)}`,
      );
    }
    assert.ok(
      drawn.charts.every((c) => c.w > 0 && c.h > 0),
      JSON.stringify(drawn),
    );
    assert.equal(drawn.rows, 12, "twelve weeks in the table");
    assert.ok(drawn.keys.includes("#writing") && drawn.keys.includes("+study"), JSON.stringify(drawn.keys));
    await screenshots(browser, "history-analytics-weeks");
    await browser.$('[data-testid="analytics-months"]').click();
    await browser.waitUntil(
      async () => (await browser.$('[data-testid="analytics-table"] tbody tr:first-child th').getText()).match(/^[A-Z][a-z]{2} \d{4}$/) !== null,
      {
        timeout: 10_000,
      },
    );
    await screenshots(browser, "history-analytics-months");
  });

  test("an_export_from_the_window_reads_back", async () => {
    for (const [format, button] of [
      ["csv", "analytics-export-csv"],
      ["json", "analytics-export-json"],
    ]) {
      const file = join(env.artifacts, `history-export.${format}`);
      rmSync(file, { force: true });
      await browser.execute((p) => {
        const input = document.querySelector('[data-testid="analytics-export-path"]');
        input.value = p;
      }, file);
      await browser.$(`[data-testid="${button}"]`).click();
      await browser.waitUntil(async () => (await browser.$('[data-testid="analytics-status"]').getText()).includes(file), { timeout: 10_000 });
      const text = readFileSync(file, "utf8");
      if (format === "json") {
        const rows = JSON.parse(text);
        assert.equal(blockOf(rows, DONE).outcome, "done");
        assert.equal(blockOf(rows, MISSED).outcome, "missed");
      } else {
        const lines = text.trim().split("\n");
        assert.match(lines[0], /^block,task_uid,title,/);
        assert.ok(
          lines.some((l) => l.includes(`,${DONE},`) && l.includes(",done,30,")),
          "the done block",
        );
        assert.ok(
          lines.some((l) => l.includes(`,${MISSED},study,`) && l.includes(",missed,0,")),
          "the missed block",
        );
      }
    }
    // A path that cannot be written: a clear message, nothing written.
    await browser.execute(() => {
      document.querySelector('[data-testid="analytics-export-path"]').value = "/nonexistent-folder/history.csv";
    });
    await browser.$('[data-testid="analytics-export-csv"]').click();
    await browser.waitUntil(
      async () =>
        (await browser.$('[data-testid="error"]').isExisting()) && (await browser.$('[data-testid="error"]').getText()).includes("Cannot write the history"),
      {
        timeout: 10_000,
      },
    );
    await browser.$('[data-testid="open-analytics"]').click();
  });

  test("a_preferred_time_by_tag_is_listed_in_the_settings_and_removed_there", async () => {
    // Saved as Analytics' Use it saves it (ten done blocks are needed before it is offered).
    const said = await cli("history", "prefer", "#zephyrdeep", "morning");
    assert.match(said, /Tasks tagged #zephyrdeep are planned in the mornings/);
    await browser.$('[data-testid="open-settings"]').click();
    const dialog = await browser.$('[data-testid="settings"]');
    await dialog.waitForDisplayed({ timeout: 5_000 });
    const row = await browser.$('[data-testid="settings-preferred-part"][data-tag="zephyrdeep"]');
    await row.waitForDisplayed({ timeout: 5_000, timeoutMsg: "the preference is listed" });
    assert.match(await row.getText(), /#zephyrdeep: in the mornings/);
    await row.scrollIntoView({ block: "center" });
    await screenshots(browser, "history-preferred-times");
    await row.$("button").click();
    await row.waitForExist({ reverse: true, timeout: 5_000 });
    await browser.$('[data-testid="settings-save"]').click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 5_000, timeoutMsg: "the settings were saved" });
    await assert.rejects(cli("history", "prefer", "zephyrdeep", "none"), /No part of the day is preferred for #zephyrdeep/);
  });
});
