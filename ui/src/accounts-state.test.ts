import { describe, expect, it } from "vitest";
import type { AccountView } from "./bindings/AccountView";
import { AccountsState, ago } from "./accounts-state";

const now = new Date("2026-11-21T12:00:00Z");

function account(over: Partial<AccountView>): AccountView {
  return {
    id: "a1",
    name: "Work",
    provider: "caldav",
    url: "https://dav.example.com/",
    username: "bob",
    collections: 2,
    last_sync_at: null,
    pending: 0,
    errors: [],
    keyring_note: null,
    ...over,
  };
}

describe("accounts state", () => {
  it("says when each account last synced, and what failed", () => {
    const s = new AccountsState();
    s.setAccounts([
      account({ name: "Work", last_sync_at: "2026-11-21T11:55:00Z", pending: 2 }),
      account({ name: "Feed", errors: ["Holidays: not an iCalendar file"] }),
      account({ name: "New" }),
      account({ name: "Flaky", last_sync_at: "2026-11-21T11:00:00Z", errors: ["Work: HTTP 503"] }),
    ]);
    expect(s.lines(now)).toEqual([
      { name: "Work", status: "Synced 5 min ago", busy: false, pending: 2, errors: [], keyringNote: null },
      {
        name: "Feed",
        status: "Not synced",
        busy: false,
        pending: 0,
        errors: ["Holidays: not an iCalendar file"],
        keyringNote: null,
      },
      { name: "New", status: "Never synced", busy: false, pending: 0, errors: [], keyringNote: null },
      {
        name: "Flaky",
        status: "Last synced 1 h ago",
        busy: false,
        pending: 0,
        errors: ["Work: HTTP 503"],
        keyringNote: null,
      },
    ]);
  });

  it("passes on the note of a password kept only until logout", () => {
    const s = new AccountsState();
    const note = "No keyring service (Secret Service) is running, so Miraage keeps this password only until you log out.";
    s.setAccounts([account({ name: "Work", keyring_note: note })]);
    expect(s.lines(now)[0]?.keyringNote).toBe(note);
  });

  it("shows progress while a run is under way and clears it when it ends", () => {
    const s = new AccountsState();
    s.setAccounts([account({ name: "Work", last_sync_at: "2026-11-21T10:00:00Z" })]);
    const progress = { account: "Work", message: "Work: sending 1 of 3", finished: false, error: null, changed: false, replan_needed: false };
    expect(s.onEvent(progress)).toBe(false);
    expect(s.syncing).toBe(true);
    expect(s.lines(now)[0]).toMatchObject({ status: "Syncing… Work: sending 1 of 3", busy: true });
    expect(s.onEvent({ ...progress, finished: true, message: "up to date" })).toBe(true);
    expect(s.syncing).toBe(false);
    expect(s.lines(now)[0]?.status).toBe("Synced 2 h ago");
  });

  it("formats ages", () => {
    expect(ago("2026-11-21T11:59:40Z", now)).toBe("just now");
    expect(ago("2026-11-21T11:00:00Z", now)).toBe("1 h ago");
    expect(ago("2026-11-21T11:01:00Z", now)).toBe("59 min ago");
  });
});

describe("a subscription's name from its link", () => {
  it("names the host and the file", async () => {
    const { subscriptionName } = await import("./accounts-panel");
    expect(subscriptionName("https://calendar.example.org/feeds/holidays.ics")).toBe("calendar.example.org › holidays");
    expect(subscriptionName("https://example.org/")).toBe("example.org");
    expect(subscriptionName("not a url")).toBe("Subscription");
  });
});
