// Tasks edited in the real window (issue 13): the task editor with every field, checked
// against what miraage-cli reads from the same database; a dependency cycle refused with
// the core's message and nothing lost; delete with Undo from the toast, Ctrl+Z and
// Ctrl+Shift+Z; the list's grouping and completed tasks; search that jumps to an event's day
// and opens a task's editor.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Key } from "webdriverio";
import { cli, localDate, readWeek, screenshots, startApp, waitForWeek, weekOf } from "./lib.mjs";

const EDITED = "Write report";
const NUMBERS = "Collect numbers";
const REVIEW = "Review draft";
const MILK = "Buy milk";
// Names no other e2e file or the demo week uses: every file shares one database.
const DENTIST = "Orthodontist appointment";

const day = (offset) => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + offset);
};

async function storeTasks(all = true) {
  return JSON.parse(await cli("tasks", "list", ...(all ? ["--all"] : []), "--json"));
}

async function storeTask(title) {
  return (await storeTasks()).find((t) => t.title === title) ?? null;
}

/** The task's full details as the core reads them (an edit that changes nothing prints them). */
async function storeDetails(id) {
  const t = (await storeTasks()).find((x) => x.id === id);
  return JSON.parse(await cli("tasks", "edit", id, "--priority", String(t.priority), "--json"));
}

function listedTitles(browser) {
  return browser.execute(() => [...document.querySelectorAll('#tasks [data-testid="task"] .task-title')].map((e) => e.textContent));
}

function toastText(browser) {
  return browser.execute(() => {
    const t = document.querySelector('[data-testid="toast"]');
    return t && !t.hidden ? t.querySelector('[data-testid="toast-message"]').textContent : null;
  });
}

async function waitForToast(browser, pattern) {
  let last = null;
  await browser.waitUntil(
    async () => {
      last = await toastText(browser);
      return last !== null && pattern.test(last);
    },
    { timeout: 8_000, timeoutMsg: `no toast matching ${pattern}; last: ${last}` },
  );
  return last;
}

async function waitForListed(browser, title, listed = true) {
  await browser.waitUntil(async () => (await listedTitles(browser)).includes(title) === listed, {
    timeout: 8_000,
    timeoutMsg: `“${title}” ${listed ? "not" : "still"} listed`,
  });
}

/** Focuses a task row's title (the row's focus for "e" and Delete). */
async function focusRow(browser, title) {
  const ok = await browser.execute((t) => {
    const el = [...document.querySelectorAll('#tasks [data-testid="task"] .task-title')].find((e) => e.textContent === t);
    el?.focus();
    return document.activeElement === el;
  }, title);
  assert.ok(ok, `the row of “${title}” takes the focus`);
}

/** Sets a field's value as a date or time picker would (typing into them depends on the locale). */
function setField(browser, testid, value) {
  return browser.execute(
    (id, v) => {
      const el = document.querySelector(`[data-testid="task-editor"] [data-testid="${id}"]`);
      el.value = v;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
      return el.value;
    },
    testid,
    value,
  );
}

async function editorOpen(browser) {
  const dialog = await browser.$('[data-testid="task-editor"]');
  await dialog.waitForDisplayed({ timeout: 8_000, timeoutMsg: "the task editor did not open" });
  return dialog;
}

/** Clicks a task's title in the list: its editor opens. */
async function openByTitle(browser, id) {
  await browser.$(`[data-task-id="${id}"] [data-testid="task-title"]`).click();
  return editorOpen(browser);
}

describe("tasks edited in the window", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;
  const ids = {};
  const dentistDay = day(23);

  before(async () => {
    // Tasks and an event three weeks ahead, written by the CLI before the window opens.
    await cli("tasks", "add", EDITED, "--literal", "--estimate", "1h", "--priority", "3", "--due", localDate(day(5)));
    await cli("tasks", "add", REVIEW, "--literal", "--estimate", "30m");
    await cli("tasks", "add", MILK, "--literal", "--project", "home");
    await cli("tasks", "add", NUMBERS, "--literal", "--after", EDITED);
    await cli("events", "add", DENTIST, "--start", `${localDate(dentistDay)}T10:00`, "--end", `${localDate(dentistDay)}T11:00`);
    for (const t of await storeTasks()) ids[t.title] = t.id;
    browser = await startApp();
    await waitForWeek(browser, weekOf(new Date()).from);
    await waitForListed(browser, EDITED);
  });

  after(async () => {
    if (!browser) return;
    await screenshots(browser, "tasks-edit-final").catch((e) => console.log(`final screenshot failed: ${e.message}`));
    await browser.deleteSession();
  });

  test("task_edited_in_every_field_is_stored_as_typed", async () => {
    const dialog = await openByTitle(browser, ids[EDITED]);
    assert.equal(await dialog.$('[data-testid="te-title"]').getValue(), EDITED);

    await dialog.$('[data-testid="te-title"]').setValue("Write the yearly report");
    await dialog.$('[data-testid="te-notes"]').setValue("Numbers first, then the charts");
    await dialog.$('[data-testid="te-estimate"]').setValue("1h45m");
    await dialog.$('[data-testid="te-priority"]').selectByAttribute("value", "1");
    await dialog.$('[data-testid="te-hours"]').selectByAttribute("value", "personal");
    const due = day(14);
    const start = day(3);
    await setField(browser, "te-due-date", localDate(due));
    await setField(browser, "te-due-time", "16:00");
    await dialog.$('[data-testid="te-hard"]').click();
    await setField(browser, "te-start-date", localDate(start));
    await dialog.$('[data-testid="te-chunk-min"]').setValue("30");
    await dialog.$('[data-testid="te-chunk-max"]').setValue("60");
    await dialog.$('[data-testid="te-dep-filter"]').setValue("Review");
    const hiddenOthers = await browser.execute(
      (milk) => document.querySelector(`[data-testid="te-dep"][data-task-id="${milk}"]`).closest("label").hidden,
      ids[MILK],
    );
    assert.ok(hiddenOthers, "the filter hides tasks that do not match");
    await dialog.$(`[data-testid="te-dep"][data-task-id="${ids[REVIEW]}"]`).click();
    await dialog.$('[data-testid="te-project"]').setValue("home");
    await dialog.$('[data-testid="te-tags"]').setValue("errands, quick");
    await screenshots(browser, "task-editor");
    await dialog.$('[data-testid="te-save"]').click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 8_000, timeoutMsg: "the editor stays open after Save" });
    await waitForToast(browser, /^Edited “Write the yearly report”/);
    await waitForListed(browser, "Write the yearly report");

    const d = await storeDetails(ids[EDITED]);
    assert.equal(d.task.title, "Write the yearly report");
    assert.equal(d.task.notes, "Numbers first, then the charts");
    assert.equal(d.task.estimate_min, 105);
    assert.equal(d.task.priority, 1);
    assert.equal(d.hours, "personal");
    assert.equal(Date.parse(d.task.due), new Date(due.getFullYear(), due.getMonth(), due.getDate(), 16, 0).getTime(), `due ${d.task.due}`);
    assert.equal(d.hard_due, true);
    assert.equal(Date.parse(d.earliest_start), start.getTime(), `not before ${d.earliest_start}`);
    assert.deepEqual(d.chunks, [30, 60]);
    assert.deepEqual(
      d.depends_on.map((r) => r.title),
      [REVIEW],
    );
    assert.equal(d.task.project, "home");
    // Personal hours are the tag "personal" in the store.
    assert.deepEqual([...d.task.tags].sort(), ["errands", "personal", "quick"]);
  });

  test("e_on_a_focused_task_row_opens_its_editor_and_an_unchanged_save_writes_nothing", async () => {
    const before = await storeDetails(ids[EDITED]);
    await focusRow(browser, "Write the yearly report");
    await browser.keys(["e"]);
    const dialog = await editorOpen(browser);
    assert.equal(await dialog.$('[data-testid="te-title"]').getValue(), "Write the yearly report");
    assert.equal(await dialog.$('[data-testid="te-due-time"]').getValue(), "16:00", "the due time is shown as stored");
    await dialog.$('[data-testid="te-save"]').click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 8_000 });
    assert.deepEqual(await storeDetails(ids[EDITED]), before);
  });

  test("undo_in_the_toast_after_a_save_puts_every_field_back_and_redo_in_it_again", async () => {
    const before = await storeDetails(ids[EDITED]);
    const dialog = await openByTitle(browser, ids[EDITED]);
    await dialog.$('[data-testid="te-notes"]').setValue("Changed, then undone");
    await dialog.$('[data-testid="te-priority"]').selectByAttribute("value", "4");
    await dialog.$('[data-testid="te-due-clear"]').click();
    await dialog.$('[data-testid="te-save"]').click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 8_000 });
    await waitForToast(browser, /^Edited “Write the yearly report”/);
    const edited = await storeDetails(ids[EDITED]);
    assert.deepEqual([edited.task.notes, edited.task.priority, edited.task.due, edited.hard_due], ["Changed, then undone", 4, null, false]);

    await browser.$('[data-testid="toast-undo"]').click();
    await waitForToast(browser, /^Undone: edited “Write the yearly report”/);
    assert.deepEqual(await storeDetails(ids[EDITED]), before, "every field is as before the save");
    assert.equal(await browser.$('[data-testid="toast-undo"]').getText(), "Redo", "the toast offers to redo it");
    await browser.$('[data-testid="toast-undo"]').click();
    await waitForToast(browser, /^Redone: edited “Write the yearly report”/);
    assert.equal((await storeDetails(ids[EDITED])).task.priority, 4);
    await browser.$('[data-testid="toast-undo"]').click();
    await waitForToast(browser, /^Undone: edited/);
    assert.deepEqual(await storeDetails(ids[EDITED]), before);
  });

  test("dependency_cycle_is_refused_in_the_editor_naming_the_tasks_and_nothing_changes", async () => {
    const before = await storeDetails(ids[EDITED]);
    const dialog = await openByTitle(browser, ids[EDITED]);
    await dialog.$('[data-testid="te-notes"]').setValue("Kept after the refusal");
    await dialog.$(`[data-testid="te-dep"][data-task-id="${ids[NUMBERS]}"]`).click();
    await dialog.$('[data-testid="te-save"]').click();
    const error = await dialog.$('[data-testid="te-error"]');
    await browser.waitUntil(async () => (await error.getText()) !== "", { timeout: 8_000, timeoutMsg: "no error shown in the editor" });
    const message = await error.getText();
    assert.match(message, /Write the yearly report/, `the message names the edited task: ${message}`);
    assert.match(message, /Collect numbers/, `the message names the other task: ${message}`);
    assert.doesNotMatch(message, /edit_task|[0-9a-f]{8}-[0-9a-f]{4}/, `no command names or ids: ${message}`);
    assert.ok(await dialog.isDisplayed(), "the editor stays open");
    assert.equal(await dialog.$('[data-testid="te-notes"]').getValue(), "Kept after the refusal", "what was typed is kept");
    await screenshots(browser, "task-editor-cycle");
    await dialog.$('[data-testid="te-cancel"]').click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 5_000 });
    assert.deepEqual(await storeDetails(ids[EDITED]), before, "the store is as it was");
  });

  test("delete_key_on_a_task_row_deletes_it_and_the_toast_undo_brings_it_back", async () => {
    await focusRow(browser, MILK);
    await browser.keys(["Delete"]);
    await waitForListed(browser, MILK, false);
    assert.match(await waitForToast(browser, /Buy milk/), /^Deleted “Buy milk”/);
    assert.equal(await storeTask(MILK), null, "the store no longer has it");
    await screenshots(browser, "task-deleted-toast");
    await browser.$('[data-testid="toast-undo"]').click();
    await waitForListed(browser, MILK);
    await waitForToast(browser, /^Undone: deleted “Buy milk”/);
    assert.ok(await storeTask(MILK), "the store has it again");
  });

  test("ctrl_z_and_ctrl_shift_z_undo_and_redo_the_last_edit", async () => {
    await focusRow(browser, MILK);
    await browser.keys(["Backspace"]);
    await waitForListed(browser, MILK, false);
    await focusRow(browser, REVIEW);
    await browser.keys([Key.Ctrl, "z"]);
    await waitForListed(browser, MILK);
    assert.ok(await storeTask(MILK), "Ctrl+Z brought it back");
    await browser.keys([Key.Ctrl, Key.Shift, "z"]);
    await waitForListed(browser, MILK, false);
    await waitForToast(browser, /^Redone: deleted “Buy milk”/);
    assert.equal(await storeTask(MILK), null, "Ctrl+Shift+Z deleted it again");
    await browser.keys([Key.Ctrl, "z"]);
    await waitForListed(browser, MILK);
  });

  test("task_list_groups_by_due_or_project_and_shows_completed_tasks_on_request", async () => {
    const groups = () =>
      browser.execute(() =>
        [...document.querySelectorAll('#tasks [data-testid="task-group"]')].map((g) => g.querySelector(".task-group-title").firstChild.textContent),
      );
    /** The group a task is listed in (other files' and the demo's tasks share the list). */
    const groupOf = (title) =>
      browser.execute((t) => {
        for (const g of document.querySelectorAll('#tasks [data-testid="task-group"]')) {
          if ([...g.querySelectorAll(".task-title")].some((e) => e.textContent === t)) return g.querySelector(".task-group-title").firstChild.textContent;
        }
        return null;
      }, title);
    // The edited task is due in two weeks; the others have no due date.
    assert.equal(await groupOf("Write the yearly report"), "Later");
    assert.equal(await groupOf(MILK), "No date");
    assert.ok((await groups()).indexOf("Later") < (await groups()).indexOf("No date"), "groups in order of due");
    await browser.$('[data-testid="tasks-by-project"]').click();
    await browser.waitUntil(async () => (await groups()).includes("#home"), { timeout: 5_000, timeoutMsg: "no #home group" });
    assert.equal(await groupOf(MILK), "#home");
    assert.equal(await groupOf(REVIEW), "No project");
    await cli("tasks", "done", REVIEW);
    await browser.$('[data-testid="tasks-show-completed"]').click();
    await browser.waitUntil(async () => (await groups()).includes("Completed"), { timeout: 5_000, timeoutMsg: "no Completed group" });
    await browser.$('[data-testid="tasks-show-completed"]').click();
    await browser.$('[data-testid="tasks-by-due"]').click();
    await browser.waitUntil(async () => !(await groups()).includes("Completed") && !(await groups()).includes("#home"), { timeout: 5_000 });
  });

  test("search_finds_an_event_and_enter_jumps_to_its_day", async () => {
    await browser.$('[data-testid="week-range"]').click();
    await browser.keys(["/"]);
    const focused = await browser.execute(() => document.activeElement?.dataset.testid ?? null);
    assert.equal(focused, "search", "/ focuses the search field");
    await browser.keys([..."orthodontist"]);
    await browser.waitUntil(async () => (await browser.$$('[data-testid="search-result"]').length) > 0, { timeout: 8_000, timeoutMsg: "no search result" });
    const results = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="search-result"]')].map((r) => ({
        kind: r.dataset.kind,
        label: r.getAttribute("aria-label"),
        selected: r.getAttribute("aria-selected"),
      })),
    );
    assert.equal(results[0].kind, "event");
    assert.match(results[0].label, /^Event: Orthodontist appointment, .*10:00/);
    assert.equal(results[0].selected, "true", "the first result is active");
    await screenshots(browser, "search-results");
    await browser.keys(["Enter"]);
    const week = await waitForWeek(browser, weekOf(dentistDay).from);
    assert.ok(
      week.events.some((e) => e.title === DENTIST),
      `the week shown holds the event: ${JSON.stringify(week.events.map((e) => e.title))}`,
    );
    await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.querySelector(".ev-title")?.textContent ?? null)) === DENTIST, {
      timeout: 5_000,
      timeoutMsg: "the event found does not have the focus",
    });
  });

  test("search_finds_a_task_and_opens_its_editor_escape_leaves_the_field", async () => {
    await browser.keys(["/"]);
    // A word with no letter twice in a row: WebKitWebDriver drops the second of two equal keys.
    await browser.keys([..."yearly"]);
    // Other files' items share the database: the task is chosen among the results by its name.
    let found = [];
    await browser.waitUntil(
      async () => {
        found = await browser.execute(() =>
          [...document.querySelectorAll('[data-testid="search-result"]')].map((r) => `${r.dataset.kind}: ${r.getAttribute("aria-label")}`),
        );
        return found.some((r) => r.startsWith("task: ") && r.includes("Write the yearly report"));
      },
      { timeout: 8_000, timeoutMsg: `the task is not found: ${JSON.stringify(found)}` },
    );
    const index = found.findIndex((r) => r.startsWith("task: ") && r.includes("Write the yearly report"));
    for (let i = 0; i < index; i++) await browser.keys(["ArrowDown"]);
    await browser.keys(["Enter"]);
    const dialog = await editorOpen(browser);
    assert.equal(await dialog.$('[data-testid="te-title"]').getValue(), "Write the yearly report");
    await browser.keys(["Escape"]);
    await dialog.waitForDisplayed({ reverse: true, timeout: 5_000 });

    await browser.keys(["/"]);
    await browser.keys([..."qxjv"]); // no letter twice in a row (see above), and no word starts so
    await browser.waitUntil(async () => /Nothing matches/.test(await browser.$('[data-testid="search-results"]').getText()), { timeout: 8_000 });
    await browser.keys(["Escape"]);
    assert.equal(await browser.$('[data-testid="search-results"]').isDisplayed(), false, "Escape closes the list");
    await browser.keys(["Escape"]);
    assert.notEqual(await browser.execute(() => document.activeElement?.dataset.testid ?? null), "search", "a second Escape leaves the field");
    assert.equal((await readWeek(browser)).error, null);
  });
});
