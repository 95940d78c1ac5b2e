import { describe, expect, it } from "vitest";
import type { EventItem, GridItem } from "./item";
import { allDayBars, dayIndex, layoutDay, timedSegments, type Segment } from "./layout";

// The tests run in Europe/Paris (vite.config.ts): local times below are Paris wall clock.
const at = (y: number, mo: number, d: number, h = 0, mi = 0): Date => new Date(y, mo - 1, d, h, mi);
const week = (y: number, mo: number, d: number, n = 7): Date[] => Array.from({ length: n }, (_, i) => at(y, mo, d + i));

function item(id: string, start: Date, end: Date, allDay = false): GridItem {
  const props = {
    uid: id,
    recurrenceId: null,
    eventId: id,
    calendarId: "c",
    calendar: "C",
    start: start.toISOString(),
    location: null,
    color: "#000",
    plan: null,
    readOnly: null,
  };
  const e: EventItem = { kind: "event", id, title: id, start, end, allDay, color: "#000", textColor: "#fff", props };
  return e;
}

function seg(id: string, startMin: number, endMin: number): Segment {
  return { item: item(id, at(2026, 11, 23), at(2026, 11, 23)), day: 0, startMin, endMin, fromBefore: false, toAfter: false };
}

const cols = (placed: ReturnType<typeof layoutDay>): Record<string, [number, number, number]> =>
  Object.fromEntries(placed.map((p) => [p.item.id, [p.col, p.cols, p.span]]));

describe("timedSegments", () => {
  const days = week(2026, 11, 23);

  it("places an event on its day in wall-clock minutes", () => {
    const [s, ...rest] = timedSegments([item("a", at(2026, 11, 25, 9, 30), at(2026, 11, 25, 10, 15))], days);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ day: 2, startMin: 570, endMin: 615, fromBefore: false, toAfter: false });
  });

  it("cuts an overnight event at midnight into one segment per day", () => {
    const segs = timedSegments([item("night", at(2026, 11, 24, 22), at(2026, 11, 25, 6))], days);
    expect(segs.map((s) => [s.day, s.startMin, s.endMin, s.fromBefore, s.toAfter])).toEqual([
      [1, 1320, 1440, false, true],
      [2, 0, 360, true, false],
    ]);
  });

  it("an event ending at midnight stays on its day; one before or after the range is left out", () => {
    const segs = timedSegments(
      [
        item("late", at(2026, 11, 29, 23), at(2026, 11, 30, 0)),
        item("before", at(2026, 11, 22, 9), at(2026, 11, 23, 0)),
        item("after", at(2026, 11, 30, 0), at(2026, 11, 30, 1)),
      ],
      days,
    );
    expect(segs.map((s) => [s.item.id, s.day, s.startMin, s.endMin])).toEqual([["late", 6, 1380, 1440]]);
  });

  it("keeps a zero-length event as a point on its day", () => {
    const segs = timedSegments([item("pt", at(2026, 11, 23, 10), at(2026, 11, 23, 10))], days);
    expect(segs.map((s) => [s.day, s.startMin, s.endMin])).toEqual([[0, 600, 600]]);
  });

  it("uses the wall clock across the spring-forward change (the day has 23 hours)", () => {
    // 29 March 2026: 02:00 becomes 03:00 in Paris. An event 01:00-04:00 lasts two hours.
    const dst = week(2026, 3, 23);
    const e = item("dst", at(2026, 3, 29, 1), at(2026, 3, 29, 4));
    expect(e.end.getTime() - e.start.getTime()).toBe(2 * 3_600_000);
    const [s] = timedSegments([e, item("after", at(2026, 3, 29, 9), at(2026, 3, 29, 10))], dst);
    expect(s).toMatchObject({ day: 6, startMin: 60, endMin: 240 });
    expect(timedSegments([item("after", at(2026, 3, 29, 9), at(2026, 3, 29, 10))], dst)[0]).toMatchObject({ startMin: 540, endMin: 600 });
  });

  it("puts an event after the autumn change on the right day and hour (the day has 25 hours)", () => {
    const dst = week(2026, 10, 19);
    const [s] = timedSegments([item("x", at(2026, 10, 25, 18), at(2026, 10, 25, 19))], dst);
    expect(s).toMatchObject({ day: 6, startMin: 1080, endMin: 1140 });
  });
});

describe("layoutDay", () => {
  it("gives events that do not overlap the full width", () => {
    expect(cols(layoutDay([seg("a", 540, 600), seg("b", 600, 660)], 15))).toEqual({ a: [0, 1, 1], b: [0, 1, 1] });
  });

  it("puts overlapping events side by side, three in three columns", () => {
    expect(cols(layoutDay([seg("a", 540, 600), seg("b", 550, 610), seg("c", 560, 620)], 15))).toEqual({
      a: [0, 3, 1],
      b: [1, 3, 1],
      c: [2, 3, 1],
    });
  });

  it("reuses a column that has come free and widens into free columns to the right", () => {
    // a 9-12 long; b 9-10 and c 10-11 share column 1; d 11:30-12 overlaps a only.
    const placed = cols(layoutDay([seg("a", 540, 720), seg("b", 540, 600), seg("c", 600, 660), seg("d", 690, 720)], 15));
    expect(placed).toEqual({ a: [0, 2, 1], b: [1, 2, 1], c: [1, 2, 1], d: [1, 2, 1] });
    // x overlaps y only at the start; z (later) overlaps y but not x's column neighbour.
    const wide = cols(layoutDay([seg("x", 540, 570), seg("y", 540, 660), seg("w", 545, 560), seg("z", 600, 630)], 15));
    expect(wide).toEqual({ y: [0, 3, 1], x: [1, 3, 1], w: [2, 3, 1], z: [1, 3, 2] });
  });

  it("counts a short event as tall as it is drawn, so it is not covered", () => {
    // A 5-minute event drawn 15 minutes tall overlaps one starting 10 minutes after it.
    expect(cols(layoutDay([seg("a", 540, 545), seg("b", 550, 600)], 15))).toEqual({ a: [0, 2, 1], b: [1, 2, 1] });
    expect(cols(layoutDay([seg("a", 540, 545), seg("b", 560, 600)], 15))).toEqual({ a: [0, 1, 1], b: [0, 1, 1] });
  });

  it("orders by start, then the longer first, then by id, whatever the input order", () => {
    const a = layoutDay([seg("b", 540, 600), seg("a", 540, 600), seg("long", 540, 700)], 15);
    expect(a.map((p) => p.item.id)).toEqual(["long", "a", "b"]);
    expect(cols(a)).toEqual(cols(layoutDay([seg("long", 540, 700), seg("a", 540, 600), seg("b", 540, 600)], 15)));
  });
});

describe("allDayBars", () => {
  const days = week(2026, 11, 23);

  it("spans the days of a multi-day event and clips it to the range", () => {
    const bars = allDayBars([item("trip", at(2026, 11, 21), at(2026, 11, 25), true), item("holiday", at(2026, 11, 26), at(2026, 11, 27), true)], days);
    expect(bars.map((b) => [b.item.id, b.first, b.last, b.lane, b.fromBefore, b.toAfter])).toEqual([
      ["trip", 0, 1, 0, true, false],
      ["holiday", 3, 3, 0, false, false],
    ]);
  });

  it("stacks overlapping bars in lanes and fills gaps, longest first", () => {
    const bars = allDayBars(
      [
        item("one", at(2026, 11, 23), at(2026, 11, 24), true),
        item("week", at(2026, 11, 23), at(2026, 11, 30), true),
        item("wed", at(2026, 11, 25), at(2026, 11, 26), true),
        item("mon2", at(2026, 11, 23), at(2026, 11, 24), true),
        item("tue", at(2026, 11, 24), at(2026, 11, 25), true),
      ],
      days,
    );
    expect(Object.fromEntries(bars.map((b) => [b.item.id, b.lane]))).toEqual({ week: 0, mon2: 1, one: 2, tue: 1, wed: 1 });
  });

  it("leaves out timed events and all-day events outside the range", () => {
    const bars = allDayBars([item("timed", at(2026, 11, 23, 9), at(2026, 11, 23, 10)), item("old", at(2026, 11, 20), at(2026, 11, 23), true)], days);
    expect(bars).toEqual([]);
  });
});

describe("dayIndex", () => {
  it("finds the day holding an instant, -1 before the first", () => {
    const days = week(2026, 11, 23);
    expect(dayIndex(days, at(2026, 11, 23))).toBe(0);
    expect(dayIndex(days, at(2026, 11, 29, 23, 59))).toBe(6);
    expect(dayIndex(days, at(2026, 11, 22, 23, 59))).toBe(-1);
  });
});
