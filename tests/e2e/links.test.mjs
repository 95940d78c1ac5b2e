// Links handed to Miraage (issue 14): a second launch with a link, as the desktop does when a
// webcal:// or miraage:// link is clicked, hands it to the running window and quits.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { env, localDate, screenshots, startApp, waitForWeek, weekOf } from "./lib.mjs";

const run = promisify(execFile);

/** Launches the app a second time with `link`; it hands the link over and exits. */
async function secondLaunch(link) {
  await run(env.app, [link], { env: process.env, timeout: 20_000 });
}

describe("links opened by a second launch", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;

  before(async () => {
    browser = await startApp();
    await waitForWeek(browser, weekOf(new Date()).from);
  });

  after(async () => {
    if (browser) await browser.deleteSession();
  });

  test("a_webcal_link_opens_the_subscribe_form_filled_in_the_running_window", async () => {
    await secondLaunch("webcal://calendar.example.org/feeds/holidays.ics");
    await browser.waitUntil(
      async () =>
        browser.execute(() => {
          const box = document.querySelector('[data-testid="account-add"]');
          return box?.open === true && box.querySelector('input[name="url"]').value === "webcal://calendar.example.org/feeds/holidays.ics";
        }),
      { timeout: 10_000, timeoutMsg: "the subscribe form opens with the link" },
    );
    const form = await browser.execute(() => ({
      kind: document.querySelector('[data-testid="account-add"] select[name="kind"]').value,
      name: document.querySelector('[data-testid="account-add"] input[name="name"]').value,
    }));
    assert.deepEqual(form, { kind: "ics", name: "calendar.example.org › holidays" });
    await screenshots(browser, "webcal-link-subscribe");
  });

  test("a_miraage_open_link_shows_that_day", async () => {
    const day = new Date();
    day.setDate(day.getDate() + 40);
    await secondLaunch(`miraage://open?date=${localDate(day)}`);
    const range = await browser.$('[data-testid="week-range"]');
    await browser.waitUntil(async () => (await range.getAttribute("data-from")) === localDate(day), {
      timeout: 10_000,
      timeoutMsg: "the day of the link is shown",
    });
  });

  test("a_malformed_link_is_refused_with_a_message_and_changes_nothing", async () => {
    const before = await browser.$('[data-testid="week-range"]').getAttribute("data-from");
    await secondLaunch("miraage://delete-everything");
    const error = await browser.$('[data-testid="error"]');
    await error.waitForDisplayed({ timeout: 10_000, timeoutMsg: "the refusal is shown" });
    assert.match(await error.getText(), /miraage/i);
    assert.equal(await browser.$('[data-testid="week-range"]').getAttribute("data-from"), before);
  });
});
