// Accounts and sync in the real window: an ICS subscription added in the Accounts panel is
// fetched by the core and shows in the week; a feed that breaks shows its error with a retry
// and keeps its events; a synced event that lands on an accepted plan block makes the core
// push a re-plan preview, which the window shows without asking.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { cli, findGhost, localDate, readWeek, screenshots, showWeekOf, startApp, upcoming, waitForGhosts, waitForWeek, weekOf } from "./lib.mjs";

const compact = (d) => localDate(d).replaceAll("-", "");
const utc = (iso) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

function feed(today, extra = null) {
  const next = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Miraage e2e//EN",
    "BEGIN:VEVENT",
    "UID:founders-day@feed.test",
    "DTSTAMP:20260101T000000Z",
    `DTSTART;VALUE=DATE:${compact(today)}`,
    `DTEND;VALUE=DATE:${compact(next)}`,
    "SUMMARY:Founders Day",
    "END:VEVENT",
    ...(extra
      ? [
          "BEGIN:VEVENT",
          "UID:offsite@feed.test",
          "DTSTAMP:20260101T000000Z",
          `DTSTART:${utc(extra.start)}`,
          `DTEND:${utc(extra.end)}`,
          "SUMMARY:Company offsite",
          "END:VEVENT",
        ]
      : []),
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

describe("accounts and sync in the real window", () => {
  /** @type {WebdriverIO.Browser} */
  let browser;
  let server;
  let url;
  let broken = false;
  let extra = null;
  const today = new Date();

  before(async () => {
    server = createServer((req, res) => {
      if (req.url !== "/holidays.ics") return res.writeHead(404).end();
      if (broken) return res.writeHead(200, { "Content-Type": "text/html" }).end("<html>Please sign in</html>");
      res.writeHead(200, { "Content-Type": "text/calendar" }).end(feed(today, extra));
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${server.address().port}/holidays.ics`;
    browser = await startApp();
    await waitForWeek(browser, weekOf(today).from);
  });

  after(async () => {
    if (browser) await browser.deleteSession();
    server?.close();
  });

  const status = (name) =>
    browser.execute((n) => {
      const li = document.querySelector(`#accounts [data-account="${n}"]`);
      return li
        ? {
            status: li.querySelector(".account-status")?.textContent ?? "",
            errors: [...li.querySelectorAll(".account-error")].map((e) => e.textContent),
            retry: [...li.querySelectorAll("button")].some((b) => b.textContent === "Retry"),
          }
        : null;
    }, name);

  test("an ICS subscription added in the Accounts panel syncs into the week", async () => {
    await browser.$("#accounts summary").click();
    await browser.$('#accounts select[name="kind"]').selectByAttribute("value", "ics");
    await browser.$('#accounts input[name="name"]').setValue("Holidays");
    await browser.$('#accounts input[name="url"]').setValue(url);
    await browser.$('#accounts button[type="submit"]').click();
    await browser.waitUntil(async () => /^Synced/.test((await status("Holidays"))?.status ?? ""), {
      timeout: 20_000,
      timeoutMsg: "the subscription did not sync",
    });
    await browser.waitUntil(async () => (await readWeek(browser)).events.some((e) => /Founders Day/.test(e.title)), {
      timeout: 10_000,
      timeoutMsg: "the feed's event is not in the week",
    });
    const accounts = JSON.parse(await cli("accounts", "--json"));
    assert.deepEqual(
      accounts.map((a) => [a.name, a.provider, a.collections, a.errors.length]),
      [["Holidays", "ics", 1, 0]],
    );
    const names = await browser.execute(() => [...document.querySelectorAll("#calendars li")].map((li) => li.textContent));
    assert.ok(
      names.some((n) => n.includes("Holidays")),
      `calendars: ${names}`,
    );
    await screenshots(browser, "accounts-synced");
  });

  test("a feed that breaks shows its error with a retry and keeps its events", async () => {
    broken = true;
    await browser.$("#accounts .sync-now").click();
    await browser.waitUntil(async () => ((await status("Holidays"))?.errors ?? []).some((e) => /iCalendar/.test(e)), {
      timeout: 20_000,
      timeoutMsg: "no error shown for the broken feed",
    });
    const shown = await status("Holidays");
    assert.ok(shown.retry, "a retry button is offered");
    assert.ok(
      (await readWeek(browser)).events.some((e) => /Founders Day/.test(e.title)),
      "the events stay",
    );
    await screenshots(browser, "accounts-error");

    broken = false;
    await browser.$('#accounts button[aria-label="Sync Holidays again"]').click();
    await browser.waitUntil(async () => ((await status("Holidays"))?.errors ?? ["x"]).length === 0, {
      timeout: 20_000,
      timeoutMsg: "the error did not clear after the retry",
    });
  });
  test("a synced event over an accepted block: the core pushes the re-plan, nothing moves", async () => {
    await browser.$('[data-testid="week-range"]').click();
    await browser.keys(["p"]);
    // The plan covers the coming weeks; the view shows the first ghost's week.
    const [ghost] = await waitForGhosts(browser, { min: 1 });
    await browser.$(`[data-testid="ghost"][data-ghost-id="${ghost.id}"]`).click();
    const accepted = async () =>
      (await upcoming()).find((e) => e.summary === ghost.title && new Date(e.start).toISOString() === new Date(ghost.start).toISOString());
    await browser.waitUntil(accepted, { timeout: 15_000, timeoutMsg: `"${ghost.title}" was not accepted` });
    await browser.$('[data-testid="reject-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
    const block = await accepted();

    // The feed now has an event over the block; the user presses Sync now, nothing else.
    extra = { start: block.start, end: block.end };
    await browser.$("#accounts .sync-now").click();
    await browser.waitUntil(async () => /^Re-plan/.test(String(await browser.$('[data-testid="plan-summary"]').getProperty("textContent"))), {
      timeout: 20_000,
      timeoutMsg: "no re-plan preview after the sync",
    });
    await showWeekOf(browser, new Date(block.start));
    const move = await findGhost(browser, ghost.title);
    assert.ok(move?.move, `the colliding block is proposed elsewhere: ${JSON.stringify(move)}`);
    const moves = await waitForGhosts(browser, { min: 1 });
    assert.ok(
      moves.every((g) => g.move),
      `only proposed moves: ${JSON.stringify(moves)}`,
    );
    assert.ok(await accepted(), "the block stays where it was until the user accepts");
    await screenshots(browser, "accounts-replan-pushed");
    // Accepting the move takes the block off the offsite (and leaves no collision behind for
    // the tests that share this database).
    await browser.$('[data-testid="accept-all"]').click();
    await waitForGhosts(browser, { min: 0, max: 0 });
    await browser.waitUntil(
      async () => (await upcoming()).some((e) => e.summary === ghost.title && new Date(e.start).toISOString() === new Date(move.start).toISOString()),
      { timeout: 15_000, timeoutMsg: `"${ghost.title}" was not moved to ${move.start}` },
    );
    assert.equal(await accepted(), undefined, "the block left the offsite's time");
  });
});
