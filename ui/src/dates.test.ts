import { describe, expect, it } from "vitest";
import { addDays, formatWeekRange, formatWhen, isoWeekNumber, parseLocalDate, rangeContains, toLocalDate, weekOf } from "./dates";

// vite.config.ts runs the tests in Europe/Paris, where summer time ends on 2026-10-25.
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe("weekOf", () => {
  it("starts on Monday at local midnight and spans seven days", () => {
    const w = weekOf(local(2026, 11, 25, 15, 40)); // a Wednesday
    expect(toLocalDate(w.start)).toBe("2026-11-23");
    expect(w.start.getHours()).toBe(0);
    expect(toLocalDate(w.end)).toBe("2026-11-30");
  });

  it("puts Sunday at the end of its week, not the start of the next", () => {
    const w = weekOf(local(2026, 11, 29, 23, 59));
    expect(toLocalDate(w.start)).toBe("2026-11-23");
  });

  it("keeps Monday itself as the first day", () => {
    expect(toLocalDate(weekOf(local(2026, 11, 23)).start)).toBe("2026-11-23");
  });

  it("ends at local midnight across the autumn clock change (a 169-hour week)", () => {
    const w = weekOf(local(2026, 10, 21));
    expect(toLocalDate(w.start)).toBe("2026-10-19");
    expect(w.end.getHours()).toBe(0);
    expect(toLocalDate(w.end)).toBe("2026-10-26");
    expect((w.end.getTime() - w.start.getTime()) / 3_600_000).toBe(169);
  });

  it("honours another first day of week", () => {
    expect(toLocalDate(weekOf(local(2026, 11, 25), 0).start)).toBe("2026-11-22");
  });
});

describe("formatWeekRange", () => {
  it("names the month once inside a month", () => {
    expect(formatWeekRange(weekOf(local(2026, 11, 24)))).toBe("Nov 23 – 29, 2026");
  });
  it("names both months across a month end", () => {
    expect(formatWeekRange(weekOf(local(2026, 12, 1)))).toBe("Nov 30 – Dec 6, 2026");
  });
  it("names both years across a year end", () => {
    expect(formatWeekRange(weekOf(local(2026, 12, 30)))).toBe("Dec 28, 2026 – Jan 3, 2027");
  });
});

describe("isoWeekNumber", () => {
  it.each([
    ["2026-11-23", 48],
    ["2026-01-01", 1],
    ["2021-01-03", 53], // Sunday belonging to the previous ISO year
    ["2024-12-30", 1], // Monday belonging to the next ISO year
    ["2020-12-31", 53],
  ])("%s is week %i", (day, week) => {
    expect(isoWeekNumber(parseLocalDate(day)!)).toBe(week);
  });
});

describe("local dates", () => {
  it("parses YYYY-MM-DD as local midnight, not UTC", () => {
    const d = parseLocalDate("2026-11-23")!;
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).toEqual([2026, 10, 23, 0]);
    expect(parseLocalDate("2026-11-23T10:00:00Z")).toBeNull();
  });

  it("steps calendar days, not 24-hour blocks", () => {
    expect(toLocalDate(addDays(local(2026, 10, 25), 1))).toBe("2026-10-26");
    expect(addDays(local(2026, 10, 24, 12), 1).getHours()).toBe(12);
  });

  it("treats a range as half-open", () => {
    const w = weekOf(local(2026, 11, 23));
    expect(rangeContains(w, local(2026, 11, 23))).toBe(true);
    expect(rangeContains(w, local(2026, 11, 29, 23, 59))).toBe(true);
    expect(rangeContains(w, local(2026, 11, 30))).toBe(false);
  });
});

describe("formatWhen", () => {
  it("shows a timed occurrence with its hours", () => {
    expect(formatWhen(local(2026, 11, 23, 9), local(2026, 11, 23, 9, 15), false)).toBe("Mon, Nov 23 · 09:00 – 09:15");
  });
  it("shows the last day of an all-day span, not its exclusive end", () => {
    expect(formatWhen(local(2026, 11, 25), local(2026, 11, 27), true)).toBe("Wed, Nov 25 – Thu, Nov 26");
    expect(formatWhen(local(2026, 11, 25), local(2026, 11, 26), true)).toBe("Wed, Nov 25 · All day");
  });
  it("names both days of a timed occurrence crossing midnight", () => {
    expect(formatWhen(local(2026, 11, 27, 22), local(2026, 11, 28, 1, 30), false)).toBe("Fri, Nov 27 22:00 – Sat, Nov 28 01:30");
  });
});

describe("formatWeekRange of one day (the day view)", () => {
  it("names the weekday and the date", () => {
    expect(formatWeekRange({ start: new Date(2026, 10, 23), end: new Date(2026, 10, 24) })).toBe("Mon, Nov 23, 2026");
  });
});
