// Meetings in the real app window (issue 16): find a time for two attendees in the Meetings
// panel and book a slot (the event is in the store); its attendees then suggested as one
// types; share free times in another zone; Extend on a meeting's details refused, naming the
// attendee busy in the meeting after it; a day rescheduled, previewed and accepted.
//
// With no account connected nothing is known of other people's calendars: the slots say so
// ("unknown"), and an attendee is known busy only where the user's own calendars show them in
// a meeting (here: invited to the meeting right after the one extended). No test hook.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { clickAt, cli, localDate, screenshots, showWeekOf, startApp, upcoming, waitForWeek, weekOf } from "./lib.mjs";

const BOOKED = "E2E meet booked";
const SYNC = "E2E meet sync";
const NEXT = "E2E meet next";
const MOVED = "E2E meet moved";
const TYPE = "E2E meet type";
const HELD = "E2E meet held";

/** The next working day after `d` (Monday to Friday), at local midnight. */
function nextWorkingDay(d, after = 1) {
  const day = new Date(d.getFullYear(), d.getMonth(), d.getDate() + after);
  while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
  return day;
}

const at = (day, h, m = 0) => `${localDate(day)}T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;

/** Clicks the grid box of the event titled `title` (in the week shown) and waits for its details. */
async function openDetails(browser, title) {
  for (let attempt = 0; attempt < 3 && !(await browser.$('[data-testid="event-details"]').isExisting()); attempt++) {
    const box = await browser.execute((t) => {
      const el = [...document.querySelectorAll('[data-testid="event"]')].find((e) => e.querySelector(".ev-title")?.textContent === t);
      if (!el) return null;
      el.scrollIntoView({ block: "center" });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + Math.min(12, r.height / 2) };
    }, title);
    if (!box) {
      await browser.pause(300);
      continue;
    }
    await clickAt(browser, box);
    await browser.waitUntil(() => browser.$('[data-testid="event-details"]').isExisting(), { timeout: 3_000 }).catch(() => undefined);
  }
  assert.ok(await browser.$('[data-testid="event-details"]').isExisting(), `the details of ${title} open`);
}

describe("meetings", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;
  const day = nextWorkingDay(new Date(), 2);

  before(async () => {
    browser = await startApp();
    await waitForWeek(browser, weekOf(new Date()).from);
  });

  after(async () => {
    if (!browser) return;
    await screenshots(browser, "meetings-final").catch((e) => console.log(`final screenshot failed: ${e.message}`));
    await browser.deleteSession();
  });

  test("find_a_time_for_two_attendees_and_book_a_slot", async () => {
    const panel = await browser.$('[data-testid="meet-find"]');
    await panel.scrollIntoView();
    await browser.$('[data-testid="meet-attendees"]').setValue("ana@example.com, bo@example.com");
    await browser.$('[data-testid="meet-duration"]').setValue("45");
    await browser.$('[data-testid="meet-title"]').setValue(BOOKED);
    await browser.$('[data-testid="meet-find-button"]').click();
    await browser.waitUntil(async () => (await browser.$$('[data-testid="meet-slot"]')).length > 0, { timeout: 15_000, timeoutMsg: "slots are listed" });
    const first = await browser.$('[data-testid="meet-slot"]');
    const text = await first.getText();
    assert.match(text, /unknown: ana@example\.com, bo@example\.com/, text);
    const notes = await browser.$('[data-testid="meet-notes"]').getText();
    assert.match(notes, /Nothing is known of ana@example\.com's calendar/, notes);
    const start = await first.getAttribute("data-start");
    await screenshots(browser, "meetings-slots");
    await first.$('[data-testid="meet-book"]').click();
    await browser.waitUntil(async () => (await upcoming()).some((e) => e.summary === BOOKED), { timeout: 15_000, timeoutMsg: "the meeting is in the store" });
    const booked = (await upcoming()).find((e) => e.summary === BOOKED);
    assert.equal(new Date(booked.start).toISOString(), new Date(start).toISOString());
    assert.equal(new Date(booked.end).getTime() - new Date(booked.start).getTime(), 45 * 60_000);
    await browser.waitUntil(async () => (await browser.$('[data-testid="meet-notes"]').getText()).includes(`Booked “${BOOKED}”`), { timeout: 5_000 });
  });

  test("attendees_are_suggested_from_past_meetings_and_chosen_by_keyboard", async () => {
    // The meeting just booked had Ana and Bo: with Ana listed, Bo is suggested and she is not.
    const attendees = await browser.$('[data-testid="meet-attendees"]');
    const emails = () => browser.execute(() => [...document.querySelectorAll('[data-testid="meet-suggestion"]')].map((b) => b.dataset.email));
    await attendees.setValue("ana@example.com, ");
    await browser.waitUntil(async () => (await emails()).includes("bo@example.com"), { timeout: 5_000, timeoutMsg: "Bo is suggested" });
    assert.ok(!(await emails()).includes("ana@example.com"), "an address already listed is not suggested");
    await attendees.addValue("Bo@");
    await browser.waitUntil(async () => (await emails()).join() === "bo@example.com", {
      timeout: 5_000,
      timeoutMsg: "Bo alone is found by the start of his address",
    });
    const text = await browser.execute(() => document.querySelector('[data-testid="meet-suggestion"]')?.textContent);
    assert.match(text, /^bo@example\.com · \d+ meetings?$/);
    await screenshots(browser, "meetings-suggestions");
    await attendees.click();
    await browser.keys(["ArrowDown"]);
    await browser.keys(["Enter"]);
    await browser.waitUntil(async () => (await attendees.getValue()) === "ana@example.com, bo@example.com, ", {
      timeout: 5_000,
      timeoutMsg: "the suggestion replaces the part typed",
    });
    assert.equal((await emails()).length, 0, "the list closes once one is chosen");
  });

  test("share_free_times_in_the_recipients_zone", async () => {
    await browser.$('[data-testid="meet-share-zone"]').setValue("America/New_York");
    await browser.$('[data-testid="meet-share-button"]').click();
    const shared = await browser.$('[data-testid="meet-shared"]');
    await shared.waitForDisplayed({ timeout: 10_000 });
    const text = await shared.getText();
    assert.match(text, /^\w{3} \d{1,2} \w{3}: \d{2}:\d{2}–\d{2}:\d{2}.* \(America\/New_York\)$/m, text);
  });

  test("a_meeting_type_made_in_the_panel_gives_slots_of_its_duration", async () => {
    await browser.$('[data-testid="meet-types"]').scrollIntoView();
    // A type without a name is refused with a sentence, and nothing is stored.
    await browser.$('[data-testid="meet-type-minutes"]').setValue("50");
    await browser.$('[data-testid="meet-type-save"]').click();
    const said = await browser.$('[data-testid="meet-type-error"]');
    await said.waitForDisplayed({ timeout: 5_000 });
    assert.match(await said.getText(), /needs a name/);
    await browser.$('[data-testid="meet-type-name"]').setValue(TYPE);
    await browser.$('[data-testid="meet-type-before"]').setValue("10");
    await browser.$('[data-testid="meet-type-location"]').setValue("Room 5");
    await browser.$('[data-testid="meet-type-save"]').click();
    const item = () => browser.$(`[data-testid="meet-type"][data-name="${TYPE}"]`);
    await browser.waitUntil(() => item().isExisting(), { timeout: 5_000, timeoutMsg: "the type is listed" });
    const listed = await item().getText();
    assert.match(listed, new RegExp(`${TYPE} · 50 min · buffers 10/0 min · work hours · Room 5`), listed);
    const stored = JSON.parse(await cli("meet", "types", "list", "--json")).find((t) => t.name === TYPE);
    assert.equal(stored?.duration_min, 50, "the type is stored");
    assert.equal(stored.location, "Room 5");

    // Find with it: its minutes fill the form, and every slot lasts them.
    await browser.$('[data-testid="meet-type-select"]').selectByAttribute("value", TYPE);
    assert.equal(await browser.$('[data-testid="meet-duration"]').getValue(), "50");
    await browser.$('[data-testid="meet-find-button"]').click();
    await browser.waitUntil(
      async () => {
        const lengths = await browser.execute(() =>
          [...document.querySelectorAll('[data-testid="meet-slot"]')].map((li) => new Date(li.dataset.end).getTime() - new Date(li.dataset.start).getTime()),
        );
        return lengths.length > 0 && lengths.every((ms) => ms === 50 * 60_000);
      },
      { timeout: 15_000, timeoutMsg: "slots of 50 minutes are listed" },
    );
    await screenshots(browser, "meetings-type");

    // Edited (40 min), then deleted: the list and the select follow.
    await item().$('[data-testid="meet-type-edit"]').click();
    assert.equal(await browser.$('[data-testid="meet-type-name"]').getValue(), TYPE);
    await browser.$('[data-testid="meet-type-minutes"]').setValue("40");
    await browser.$('[data-testid="meet-type-save"]').click();
    await browser.waitUntil(async () => (await item().getText()).includes("40 min"), { timeout: 5_000, timeoutMsg: "the edit is listed" });
    await item().$('[data-testid="meet-type-delete"]').click();
    await browser.waitUntil(async () => !(await item().isExisting()), { timeout: 5_000, timeoutMsg: "the type is gone" });
    assert.equal(await browser.$('[data-testid="meet-type-select"]').getValue(), "", "the select is back on none");
    assert.ok(!JSON.parse(await cli("meet", "types", "list", "--json")).some((t) => t.name === TYPE), "deleted from the store");
  });

  test("shared_times_held_until_one_is_booked", async () => {
    // Four weeks ahead, past the plan's horizon and the day rescheduled below.
    const far = nextWorkingDay(new Date(), 28);
    await browser.execute(
      (from, to) => {
        for (const [id, value] of [
          ["meet-from", from],
          ["meet-to", to],
        ]) {
          const input = document.querySelector(`[data-testid="${id}"]`);
          input.value = value;
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }
      },
      localDate(far),
      localDate(nextWorkingDay(far)),
    );
    await browser.$('[data-testid="meet-duration"]').setValue("60");
    await browser.$('[data-testid="meet-title"]').setValue(HELD);
    await browser.$('[data-testid="meet-share-hold"]').click();
    await browser.$('[data-testid="meet-share-button"]').click();
    await browser.waitUntil(async () => (await browser.$$('[data-testid="meet-held"]')).length > 0, {
      timeout: 10_000,
      timeoutMsg: "the held times are listed",
    });
    const shown = (await browser.$$('[data-testid="meet-held"]')).length;
    const held = JSON.parse(await cli("meet", "holds", "list", "--json"));
    assert.equal(held.length, shown, JSON.stringify(held));
    assert.ok(
      held.every((h) => h.title === `Held: ${HELD}` && localDate(new Date(h.start)) === localDate(far)),
      JSON.stringify(held),
    );
    await screenshots(browser, "meetings-held");

    // The recipient took the second time: booked there, every hold of the share goes.
    const second = (await browser.$$('[data-testid="meet-held"]'))[Math.min(1, shown - 1)];
    const start = await second.getAttribute("data-start");
    await second.$('[data-testid="meet-held-book"]').click();
    await browser.waitUntil(async () => (await browser.$$('[data-testid="meet-held"]')).length === 0, {
      timeout: 10_000,
      timeoutMsg: "the holds are released",
    });
    assert.deepEqual(JSON.parse(await cli("meet", "holds", "list", "--json")), []);
    const booked = (await upcoming(35)).filter((e) => e.summary === HELD);
    assert.equal(booked.length, 1, JSON.stringify(booked));
    assert.equal(new Date(booked[0].start).toISOString(), new Date(start).toISOString());
    assert.ok(!(await upcoming(35)).some((e) => e.summary.startsWith("Held: ")), "no hold is left");
    const notes = await browser.$('[data-testid="meet-notes"]').getText();
    assert.match(notes, new RegExp(`Booked “${HELD}”; the ${shown} time\\(s\\) held with it are released`), notes);
    await browser.$('[data-testid="meet-share-hold"]').click();
  });

  test("extend_refused_naming_the_busy_attendee", async () => {
    // A meeting with Ana, and another with her right after it (before the demo week's first
    // meeting of the day).
    await cli("meet", "book", "--start", at(day, 7), "--title", SYNC, "--duration", "30", "--attendee", "ana@example.com");
    await cli("meet", "book", "--start", at(day, 7, 40), "--title", NEXT, "--duration", "30", "--attendee", "ana@example.com");
    await browser.execute(() => window.dispatchEvent(new Event("focus")));
    await showWeekOf(browser, day);
    await openDetails(browser, SYNC);
    await browser.$('[data-testid="extend-30"]').click();
    const said = await browser.$('[data-testid="extend-error"]');
    await said.waitForDisplayed({ timeout: 10_000 });
    const text = await said.getText();
    assert.match(text, /cannot be extended by 30 min/, text);
    assert.match(text, new RegExp(`“${NEXT}” on your calendar from 07:40, with ana@example\\.com busy in it`), text);
    assert.match(text, /The nearest extension that fits: 10 min \(to 07:40\)/, text);
    await screenshots(browser, "meetings-extend-refused");
    const sync = (await upcoming()).find((e) => e.summary === SYNC);
    assert.equal(new Date(sync.end).getTime() - new Date(sync.start).getTime(), 30 * 60_000, "nothing written");
    await browser.keys("Escape");
  });

  test("a_day_rescheduled_previewed_and_accepted", async () => {
    // Three weeks ahead, past the plan's horizon: only the demo's recurring meetings are there.
    const away = nextWorkingDay(new Date(), 21);
    await cli("meet", "book", "--start", at(away, 10), "--title", MOVED, "--duration", "30");
    await browser.$('[data-testid="meet-reschedule"]').scrollIntoView();
    await browser.execute((d) => {
      const input = document.querySelector('[data-testid="meet-day"]');
      input.value = d;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }, localDate(away));
    await browser.$('[data-testid="meet-day-preview"]').click();
    await browser.waitUntil(async () => (await browser.$$('[data-testid="meet-day-item"]')).length > 0, {
      timeout: 15_000,
      timeoutMsg: "the proposal is shown",
    });
    const items = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="meet-day-item"]')].map((li) => ({ text: li.textContent ?? "", action: li.dataset.action })),
    );
    const mine = items.find((i) => i.text.includes(MOVED));
    assert.ok(mine, JSON.stringify(items));
    assert.equal(mine.action, "move");
    assert.match(mine.text, /You are away on/, mine.text);
    await screenshots(browser, "meetings-reschedule-preview");
    await browser.$('[data-testid="meet-day-accept"]').click();
    await browser.waitUntil(() => browser.$('[data-testid="meet-day-done"]').isExisting(), { timeout: 15_000, timeoutMsg: "accepted" });
    const moved = (await upcoming()).find((e) => e.summary === MOVED);
    assert.notEqual(localDate(new Date(moved.start)), localDate(away), "the meeting left the day");
    assert.ok(
      (await upcoming()).some((e) => e.summary === "Away" && localDate(new Date(e.start)) === localDate(away)),
      "the day is marked away",
    );
  });
});
