import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WeekRange } from "../dates";
import type { EventItem } from "./item";
import { createLoader, neighbours, SWAP_WAIT_MS, type LoaderDeps } from "./loader";
import { eventItem } from "./test-items";

const week: WeekRange = { start: new Date(2026, 10, 23), end: new Date(2026, 10, 30) };

describe("neighbours", () => {
  it("is the page after, then the page before", () => {
    expect(neighbours(week, 7)).toEqual([
      { start: new Date(2026, 10, 30), end: new Date(2026, 11, 7) },
      { start: new Date(2026, 10, 16), end: new Date(2026, 10, 23) },
    ]);
  });

  it("steps local midnights across a DST change", () => {
    const [next] = neighbours({ start: new Date(2026, 9, 19), end: new Date(2026, 9, 26) }, 7);
    expect(next).toEqual({ start: new Date(2026, 9, 26), end: new Date(2026, 10, 2) });
  });
});

/** A source whose answers the test releases one by one, and a log of what the loader did. */
function harness() {
  const pending: Array<(found: EventItem[]) => void> = [];
  const log: string[] = [];
  let range = week;
  const deps: LoaderDeps = {
    source: {
      events: () => new Promise((resolve) => pending.push(resolve)),
      prefetch: (r) => log.push(`prefetch ${r.start.getDate()}`),
    },
    range: () => range,
    pageDays: () => 7,
    setLoading: (loading) => log.push(loading ? "loading" : "ready"),
    show: (found) => log.push(`show ${found.length}`),
  };
  return { load: createLoader(deps), pending, log, goTo: (r: WeekRange) => (range = r) };
}

const answer = [eventItem(new Date(2026, 10, 24, 9, 0), 30)];

describe("createLoader", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("puts up the days and the events together when the answer is quick", async () => {
    const { load, pending, log } = harness();
    load(() => log.push("swap"));
    pending[0]!(answer);
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(["swap", "loading", "show 1", "ready", "prefetch 30", "prefetch 16"]);
    await vi.advanceTimersByTimeAsync(SWAP_WAIT_MS);
    expect(log.filter((l) => l === "swap")).toHaveLength(1);
  });

  it("puts up the empty days first when the answer is slow", async () => {
    const { load, pending, log } = harness();
    load(() => log.push("swap"));
    await vi.advanceTimersByTimeAsync(SWAP_WAIT_MS);
    expect(log).toEqual(["swap", "loading"]);
    pending[0]!(answer);
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(["swap", "loading", "show 1", "ready", "prefetch 30", "prefetch 16"]);
  });

  it("draws only the latest request: an answer for a range since left is dropped", async () => {
    const { load, pending, log, goTo } = harness();
    load(() => log.push("swap A"));
    goTo({ start: new Date(2026, 10, 30), end: new Date(2026, 11, 7) });
    load(() => log.push("swap B"));
    pending[1]!(answer);
    pending[0]!([]);
    await vi.advanceTimersByTimeAsync(SWAP_WAIT_MS);
    expect(log).toEqual(["swap B", "loading", "show 1", "ready", "prefetch 7", "prefetch 23"]);
  });

  it("a refetch before a new range's days went up puts them up itself", async () => {
    // At start-up a sync's "calendar changed" refetched the week before its first answer came:
    // the first load's answer was dropped and, with it, the only call that put up the days.
    const { load, pending, log } = harness();
    load(() => log.push("swap"));
    load();
    pending[0]!([]);
    pending[1]!(answer);
    await vi.advanceTimersByTimeAsync(0);
    expect(log.filter((l) => l === "swap")).toHaveLength(1);
    expect(log.indexOf("swap")).toBeLessThan(log.indexOf("show 1"));
    await vi.advanceTimersByTimeAsync(SWAP_WAIT_MS);
    expect(log.filter((l) => l === "swap")).toHaveLength(1);
  });

  it("a refetch after the days went up does not put them up again", async () => {
    const { load, pending, log } = harness();
    load(() => log.push("swap"));
    pending[0]!(answer);
    await vi.advanceTimersByTimeAsync(0);
    load();
    pending[1]!(answer);
    await vi.advanceTimersByTimeAsync(SWAP_WAIT_MS);
    expect(log.filter((l) => l === "swap")).toHaveLength(1);
  });

  it("a refetch (no new days) says loading at once", async () => {
    const { load, pending, log } = harness();
    load();
    expect(log).toEqual(["loading"]);
    pending[0]!(answer);
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(["loading", "show 1", "ready", "prefetch 30", "prefetch 16"]);
  });
});
