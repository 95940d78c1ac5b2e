import { describe, expect, test } from "vitest";
import { toLocalDate } from "./dates";
import { monthGrid, monthTitle } from "./mini-month";

describe("monthGrid", () => {
  test("six Monday-first weeks that cover the whole month", () => {
    const weeks = monthGrid(new Date(2026, 10, 15)); // November 2026 starts on a Sunday
    expect(weeks).toHaveLength(6);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(toLocalDate(weeks[0]![0]!)).toBe("2026-10-26");
    expect(weeks.every((w) => w[0]!.getDay() === 1)).toBe(true);
    const days = weeks.flat().map(toLocalDate);
    expect(days).toContain("2026-11-01");
    expect(days).toContain("2026-11-30");
    expect(new Set(days).size).toBe(42);
  });

  test("a month starting on Monday starts the grid on its first day, across DST", () => {
    const weeks = monthGrid(new Date(2027, 2, 3)); // March 2027 starts on a Monday
    expect(toLocalDate(weeks[0]![0]!)).toBe("2027-03-01");
    expect(weeks.flat().every((d) => d.getHours() === 0)).toBe(true);
    expect(monthTitle(new Date(2027, 2, 3))).toBe("March 2027");
  });
});
