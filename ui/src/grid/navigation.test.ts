import { describe, expect, it } from "vitest";
import { daysOf, navigate, pageDays, rangeOf, shownDayOf, type ViewPlace } from "./navigation";

// Monday 23 to Sunday 29 November 2026; a Wednesday anchor.
const wed = new Date(2026, 10, 25);
const week: ViewPlace = { mode: "week", anchor: wed };
const today = new Date(2026, 10, 26);

describe("rangeOf", () => {
  it("is the anchor's week from Monday, or the anchor's day", () => {
    expect(rangeOf(week)).toEqual({ start: new Date(2026, 10, 23), end: new Date(2026, 10, 30) });
    expect(rangeOf({ mode: "day", anchor: wed })).toEqual({ start: wed, end: new Date(2026, 10, 26) });
  });
});

describe("daysOf", () => {
  it("gives seven local midnights for a week across the end of summer time", () => {
    // 25 October 2026 is 25 hours long in Paris.
    const days = daysOf(rangeOf({ mode: "week", anchor: new Date(2026, 9, 21) }));
    expect(days).toHaveLength(7);
    expect(days.every((d) => d.getHours() === 0 && d.getMinutes() === 0)).toBe(true);
    expect(days[6]).toEqual(new Date(2026, 9, 25));
  });
});

describe("navigate", () => {
  it("pages by a week in week view and by a day in day view", () => {
    expect(navigate(week, "next", today)).toEqual({ mode: "week", anchor: new Date(2026, 11, 2) });
    expect(navigate(week, "prev", today)).toEqual({ mode: "week", anchor: new Date(2026, 10, 18) });
    expect(navigate({ mode: "day", anchor: wed }, "next", today)).toEqual({ mode: "day", anchor: today });
    expect(pageDays("week")).toBe(7);
    expect(pageDays("day")).toBe(1);
  });

  it("goes to today in the mode shown", () => {
    expect(navigate({ mode: "day", anchor: new Date(2026, 0, 5) }, "today", today)).toEqual({ mode: "day", anchor: today });
  });

  it("opens day view on today when the week shown holds it, else on the anchor", () => {
    expect(navigate(week, "day", today)).toEqual({ mode: "day", anchor: today });
    const later = { mode: "week" as const, anchor: new Date(2026, 11, 3) };
    expect(navigate(later, "day", today)).toEqual({ mode: "day", anchor: later.anchor });
  });

  it("keeps the day when going back to week view", () => {
    expect(navigate({ mode: "day", anchor: wed }, "week", today)).toEqual({ mode: "week", anchor: wed });
  });

  it("does nothing when the mode asked for is shown", () => {
    expect(navigate(week, "week", today)).toBeNull();
    expect(navigate({ mode: "day", anchor: wed }, "day", today)).toBeNull();
  });
});

describe("shownDayOf", () => {
  const days = daysOf(rangeOf(week));

  it("finds the day holding an instant", () => {
    expect(shownDayOf(days, new Date(2026, 10, 23, 0, 0))).toBe(0);
    expect(shownDayOf(days, new Date(2026, 10, 25, 13, 30))).toBe(2);
    expect(shownDayOf(days, new Date(2026, 10, 29, 23, 59))).toBe(6);
  });

  it("is -1 before and after the days shown", () => {
    expect(shownDayOf(days, new Date(2026, 10, 22, 23, 59))).toBe(-1);
    expect(shownDayOf(days, new Date(2026, 10, 30, 0, 0))).toBe(-1);
    expect(shownDayOf([], wed)).toBe(-1);
  });
});
