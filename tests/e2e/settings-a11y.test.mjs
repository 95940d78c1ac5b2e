// Settings persist through the store, and the window's controls are labelled and reachable
// with the keyboard.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Key } from "webdriverio";
import { cli, screenshots, startApp, waitForGhosts, waitForWeek, weekOf } from "./lib.mjs";

describe("settings and accessibility of the real window", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;

  before(async () => {
    browser = await startApp();
    await waitForWeek(browser, weekOf(new Date()).from);
  });

  after(async () => {
    if (browser) await browser.deleteSession();
  });

  test("settings are saved to the store and read back", async () => {
    await browser.$('[data-testid="open-settings"]').click();
    const dialog = await browser.$('[data-testid="settings"]');
    await dialog.waitForDisplayed({ timeout: 5_000 });
    await browser.$('input[name="buffer"]').setValue("20");
    await browser.execute(() => {
      const start = document.querySelector('input[name="work-start"]');
      start.value = "08:00";
      start.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await screenshots(browser, "settings");
    await browser.$('[data-testid="settings-save"]').click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 5_000, timeoutMsg: "the dialog stays open (refused?)" });

    await browser.$('[data-testid="open-settings"]').click();
    await dialog.waitForDisplayed({ timeout: 5_000 });
    assert.equal(await browser.$('input[name="buffer"]').getValue(), "20");
    assert.equal(await browser.$('input[name="work-start"]').getValue(), "08:00");

    // A window that ends before it starts is refused with the reason, and nothing is saved.
    await browser.execute(() => {
      const end = document.querySelector('input[name="work-end"]');
      end.value = "07:00";
    });
    await browser.$('[data-testid="settings-save"]').click();
    // The dialog's own message: the habits panel and the hour sets have theirs too.
    const error = () => browser.$('[data-testid="settings-error"]').getProperty("textContent");
    await browser.waitUntil(async () => /work hours/.test(String(await error())), {
      timeout: 5_000,
      timeoutMsg: "no error shown for work hours ending before they start",
    });
    await browser.keys([Key.Escape]);
    await dialog.waitForDisplayed({ reverse: true, timeout: 5_000 });
  });

  test("a task's estimate and priority are edited in place, and marking it done removes it", async () => {
    const tasks = () => cli("tasks", "list", "--json").then((out) => JSON.parse(out));
    const target = (await tasks()).find((t) => t.estimate_min !== 95);
    assert.ok(target, "a task to edit");
    const row = `[data-testid="task"][data-task-id="${target.id}"]`;
    const estimate = await browser.$(`${row} [data-testid="task-estimate"]`);
    await estimate.setValue("1h35m");
    // A change from elsewhere (a task added by the CLI, seen when the window regains focus)
    // redraws the list while the user types: the new field keeps the typing and the focus.
    const field = `${row} [data-testid="task-estimate"]`;
    await cli("tasks", "add", "E2E task added meanwhile");
    await browser.execute((sel) => {
      document.querySelector(sel).dataset.before = "1";
      window.dispatchEvent(new Event("focus"));
    }, field);
    await browser.waitUntil(async () => await browser.execute((sel) => !document.querySelector(sel)?.dataset.before, field), {
      timeout: 5_000,
      timeoutMsg: "the task list was not redrawn",
    });
    const kept = await browser.execute((sel) => {
      const el = document.querySelector(sel);
      return [el.value, document.activeElement === el];
    }, field);
    assert.deepEqual(kept, ["1h35m", true], "the typing survives the redraw");
    await browser.keys([Key.Enter]);
    await browser.waitUntil(async () => (await tasks()).find((t) => t.id === target.id)?.estimate_min === 95, {
      timeout: 5_000,
      timeoutMsg: "the estimate was not saved",
    });
    await browser.$(`${row} [data-testid="task-priority"]`).selectByAttribute("value", "4");
    await browser.waitUntil(async () => (await tasks()).find((t) => t.id === target.id)?.priority === 4, {
      timeout: 5_000,
      timeoutMsg: "the priority was not saved",
    });
    await browser.$(`${row} [data-testid="task-done"]`).click();
    await browser.$(row).waitForExist({ reverse: true, timeout: 5_000, timeoutMsg: "the done task is still listed" });
    assert.equal(
      (await tasks()).some((t) => t.id === target.id),
      false,
      "the task is no longer open",
    );
  });

  test("d shows one day, w the week again; the mini month opens the week of the day picked", async () => {
    const current = weekOf(new Date());
    await browser.$('[data-testid="week-range"]').click();
    await browser.keys(["d"]);
    await browser.waitUntil(
      async () => {
        const r = await browser.execute(() => document.querySelector('[data-testid="week-range"]')?.dataset ?? {});
        return r.from && r.to && Date.parse(`${r.to}T00:00:00`) - Date.parse(`${r.from}T00:00:00`) <= 25 * 3_600_000;
      },
      { timeout: 5_000, timeoutMsg: "the day view does not show one day" },
    );
    assert.equal(await browser.$('[data-testid="view-day"]').getAttribute("aria-pressed"), "true");
    await screenshots(browser, "day-view");
    await browser.keys(["w"]);
    await waitForWeek(browser, current.from);
    const next = weekOf(new Date(), 1);
    const day = `[data-testid="mini-month"] button[data-date="${next.from}"]`;
    // Next week's Monday may lie beyond the six weeks the mini month shows.
    if (!(await browser.$(day).isExisting())) await browser.$('button[aria-label="Next month"]').click();
    await browser.$(day).click();
    await waitForWeek(browser, next.from);
    await browser.keys(["t"]);
    await waitForWeek(browser, current.from);
  });

  test("every control has a name for screen readers", async () => {
    await browser.keys(["j"]);
    await waitForWeek(browser, weekOf(new Date(), 1).from);
    await browser.$('[data-testid="plan"]').click();
    await waitForGhosts(browser);
    const unnamed = await browser.execute(() => {
      const name = (el) =>
        el.getAttribute("aria-label") ||
        (el.getAttribute("aria-labelledby") && document.getElementById(el.getAttribute("aria-labelledby"))?.textContent) ||
        el.closest("label")?.textContent ||
        (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) ||
        (["BUTTON", "A", "SUMMARY"].includes(el.tagName) ? el.textContent : "");
      const controls = document.querySelectorAll('button, input, select, textarea, a[href], [tabindex="0"], [role="button"]');
      return [...controls].filter((el) => el.offsetParent !== null && !String(name(el) ?? "").trim()).map((el) => el.outerHTML.slice(0, 120));
    });
    assert.deepEqual(unnamed, [], "controls without an accessible name");
  });

  test("Tab reaches the plan, the ghosts, the quick-add field, tasks' controls, calendars and settings", async () => {
    await browser.execute(() => document.activeElement?.blur());
    const seen = new Set();
    for (let i = 0; i < 400 && seen.size < 7; i++) {
      await browser.keys([Key.Tab]);
      const id = await browser.execute(() => {
        const el = document.activeElement;
        return el?.dataset.testid ?? (el?.classList.contains("calendar-check") ? "calendar" : (el?.tagName ?? ""));
      });
      if (["plan", "ghost", "quick-add", "task-estimate", "task-priority", "calendar", "open-settings"].includes(id)) seen.add(id);
    }
    assert.deepEqual([...seen].sort(), ["calendar", "ghost", "open-settings", "plan", "quick-add", "task-estimate", "task-priority"]);
  });
});
