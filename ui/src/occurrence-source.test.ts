import { describe, expect, it, vi } from "vitest";
import type { OccurrenceView } from "./bindings/OccurrenceView";
import { occurrence } from "./test-fixtures";
import { createOccurrenceSource } from "./occurrence-source";
import { Visibility } from "./visibility";

const week = { start: new Date("2026-11-22T23:00:00Z"), end: new Date("2026-11-29T23:00:00Z") };
const store = [occurrence({ uid: "a", calendar_id: "work" }), occurrence({ uid: "b", calendar_id: "home" })];

function setup(fetch: (from: string, to: string) => Promise<OccurrenceView[]>) {
  const visibility = new Visibility();
  const onError = vi.fn();
  const spy = vi.fn(fetch);
  const source = createOccurrenceSource({ fetch: spy, filter: (o) => visibility.filter(o), onError });
  return { source, visibility, onError, fetch: spy };
}

describe("createOccurrenceSource", () => {
  it("asks for exactly the visible range as RFC 3339 instants", async () => {
    const { source, fetch } = setup(async () => store);
    const events = await source.events(week);
    expect(fetch).toHaveBeenCalledExactlyOnceWith("2026-11-22T23:00:00.000Z", "2026-11-29T23:00:00.000Z");
    expect(events.map((e) => e.title)).toEqual(["Planning", "Planning"]);
  });

  it("re-filters the cached answer without asking the store again", async () => {
    const { source, fetch, visibility } = setup(async () => store);
    await source.events(week);
    visibility.set("home", false);
    const events = await source.events(week);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(events.map((e) => e.props.uid)).toEqual(["a"]);
  });

  it("keeps recent ranges: going back asks nothing, invalidate asks again", async () => {
    const { source, fetch } = setup(async () => store);
    await source.events(week);
    await source.events({ start: week.end, end: new Date("2026-12-06T23:00:00Z") });
    expect(fetch).toHaveBeenCalledTimes(2);
    await source.events(week);
    expect(fetch).toHaveBeenCalledTimes(2);
    source.invalidate();
    await source.events(week);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("a prefetched range is fetched once, also when asked for while the fetch is under way", async () => {
    let release: (v: OccurrenceView[]) => void = () => undefined;
    const { source, fetch } = setup(() => new Promise((r) => (release = r)));
    source.prefetch(week);
    const shown = source.events(week);
    release(store);
    expect(await shown).toHaveLength(2);
    expect(fetch).toHaveBeenCalledOnce();
  });

  it("forgets the oldest range beyond the few it keeps", async () => {
    const { source, fetch } = setup(async () => store);
    const weekN = (n: number) => ({ start: new Date(Date.UTC(2026, 10, 22 + 7 * n)), end: new Date(Date.UTC(2026, 10, 29 + 7 * n)) });
    for (let n = 0; n < 7; n++) await source.events(weekN(n));
    expect(fetch).toHaveBeenCalledTimes(7);
    await source.events(weekN(6));
    await source.events(weekN(1));
    expect(fetch).toHaveBeenCalledTimes(7);
    await source.events(weekN(0));
    expect(fetch).toHaveBeenCalledTimes(8);
  });

  it("a failed prefetch is reported by the request that needs it, which asks again", async () => {
    let fail = true;
    const { source, fetch, onError } = setup(async () => {
      if (fail) throw new Error("database is locked");
      return store;
    });
    source.prefetch(week);
    await new Promise((r) => setTimeout(r, 0));
    expect(onError).not.toHaveBeenCalled();
    fail = false;
    expect(await source.events(week)).toHaveLength(2);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("reports a failure, shows nothing, and retries on the next call", async () => {
    let fail = true;
    const { source, fetch, onError } = setup(async () => {
      if (fail) throw new Error("database is locked");
      return store;
    });
    expect(await source.events(week)).toEqual([]);
    expect(onError).toHaveBeenCalledOnce();
    expect(String(onError.mock.calls[0]?.[0])).toContain("database is locked");
    fail = false;
    expect(await source.events(week)).toHaveLength(2);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
