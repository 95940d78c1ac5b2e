import { describe, expect, it } from "vitest";
import { movedStart, pointAt, type Geometry } from "./drag";

// Seven columns of 100 px from x = 56; minute 0 at y = -300 (scrolled); 52 px per hour.
const g: Geometry = { left: 56, top: -300, width: 700, days: 7, pxPerMinute: 52 / 60 };
const yOf = (minute: number): number => g.top + minute * g.pxPerMinute;

describe("pointAt", () => {
  it("reads the day column and minute under the pointer", () => {
    const p = pointAt(g, 56 + 250, yOf(600));
    expect(p.day).toBe(2);
    expect(p.minute).toBeCloseTo(600);
  });

  it("clamps to the grid outside it", () => {
    expect(pointAt(g, 0, yOf(-30))).toEqual({ day: 0, minute: 0 });
    expect(pointAt(g, 2000, yOf(2000))).toEqual({ day: 6, minute: 1439 });
  });
});

describe("movedStart", () => {
  it("moves by the days and the 15-minute snaps between press and release", () => {
    const start = new Date(2026, 10, 24, 9, 10);
    // Pressed at 9:20 (snap 9:15) on Tuesday, released at 10:40 (snap 10:30) on Wednesday.
    const moved = movedStart(start, { day: 1, minute: 560 }, { day: 2, minute: 640 });
    expect(moved).toEqual(new Date(2026, 10, 25, 10, 25));
  });

  it("gives the same start when released within the pressed snap", () => {
    const start = new Date(2026, 10, 24, 9, 0);
    expect(movedStart(start, { day: 1, minute: 541 }, { day: 1, minute: 554 })).toEqual(start);
  });

  it("keeps the clock time when dragged across a DST change", () => {
    // Saturday 28 March 2026 10:00 dragged to Sunday 29 (23 hours long in Paris): 10:00 again.
    const start = new Date(2026, 2, 28, 10, 0);
    const moved = movedStart(start, { day: 5, minute: 600 }, { day: 6, minute: 600 });
    expect(moved).toEqual(new Date(2026, 2, 29, 10, 0));
    expect(moved.getTime() - start.getTime()).toBe(23 * 3_600_000);
  });
});
