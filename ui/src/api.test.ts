import { beforeEach, describe, expect, it, vi } from "vitest";

// A plain stand-in for Tauri's IPC: records calls, answers with `reply`.
const calls: unknown[][] = [];
let reply: () => Promise<unknown> = async () => [];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (command: string, args?: unknown) => {
    calls.push([command, args]);
    return reply();
  },
}));

const { api, CommandError, describeError, isStalePlan } = await import("./api");
const { errorMessage } = await import("./error-banner");

beforeEach(() => {
  calls.length = 0;
  reply = async () => [];
});

describe("api", () => {
  it("calls each command by its Rust name with the contract's arguments", async () => {
    await api.listCalendars();
    await api.listOccurrences("2026-11-22T23:00:00.000Z", "2026-11-29T23:00:00.000Z");
    await api.listTasks();
    await api.appInfo();
    expect(calls).toEqual([
      ["list_calendars", undefined],
      ["list_occurrences", { from: "2026-11-22T23:00:00.000Z", to: "2026-11-29T23:00:00.000Z" }],
      ["list_tasks", undefined],
      ["app_info", undefined],
    ]);
  });

  it("returns what the command returned", async () => {
    reply = async () => ({ version: "0.1.0", db_path: "/tmp/x.sqlite3", time_zone: "Europe/Paris" });
    await expect(api.appInfo()).resolves.toMatchObject({ time_zone: "Europe/Paris" });
  });

  it("names the failed command in the error", async () => {
    reply = () => Promise.reject(new Error("no such table: events"));
    const err = await api.listOccurrences("a", "b").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as InstanceType<typeof CommandError>).command).toBe("list_occurrences");
    expect(errorMessage(err)).toBe("Could not load events: no such table: events");
  });

  it("reads a Rust error sent as a plain string", async () => {
    reply = () => Promise.reject("calendar not found");
    const err = await api.listCalendars().catch((e: unknown) => e);
    expect(errorMessage(err)).toBe("Could not load calendars: calendar not found");
  });
});

describe("error codes", () => {
  it("keeps the core's code so the window can branch on it, not on the text", async () => {
    reply = () => Promise.reject({ code: "stale_plan", message: "this proposed block is no longer part of the plan" });
    const err = await api.rejectGhost("g1").catch((e: unknown) => e);
    expect((err as InstanceType<typeof CommandError>).code).toBe("stale_plan");
    expect(isStalePlan(err)).toBe(true);
    expect(describeError({ code: "stale_plan", message: "gone" })).toBe("gone");
  });

  it("reads anything else as failed", async () => {
    reply = () => Promise.reject({ code: "no-such-code", message: "x" });
    expect(((await api.rejectGhost("g1").catch((e: unknown) => e)) as InstanceType<typeof CommandError>).code).toBe("failed");
    reply = () => Promise.reject("a plain string");
    const err = await api.rejectGhost("g1").catch((e: unknown) => e);
    expect(isStalePlan(err)).toBe(false);
  });
});

describe("errorMessage", () => {
  it("says what to do for the codes where the user can act, without command names", async () => {
    reply = () => Promise.reject({ code: "unauthorized", message: "Work: the server refused the user name or password" });
    const err = await api.syncNow(null).catch((e: unknown) => e);
    expect(errorMessage(err)).toBe("Work: the server refused the user name or password Sign in again in the Accounts panel.");
    expect(errorMessage(err)).not.toMatch(/sync_now/);
  });
});

describe("the contract with the core", () => {
  it("has a wrapper for every command the core lists, each calling it by its name", async () => {
    const { COMMANDS } = await import("./bindings/contract");
    const called = new Set<string>();
    for (const wrapper of Object.values(api) as ((...args: unknown[]) => Promise<unknown>)[]) {
      calls.length = 0;
      await wrapper("a", "b", "c", "d", "e").catch(() => undefined);
      for (const [command] of calls) called.add(String(command));
    }
    expect([...called].sort()).toEqual([...COMMANDS].sort());
  });
});

describe("describeError", () => {
  it("reads strings, Errors and serialised Rust errors", () => {
    expect(describeError("plain")).toBe("plain");
    expect(describeError(new Error("boom"))).toBe("boom");
    expect(describeError({ kind: "store", message: "locked" })).toBe("locked");
    expect(describeError({ kind: "store" })).toBe('{"kind":"store"}');
    expect(describeError(42)).toBe("42");
  });
});
