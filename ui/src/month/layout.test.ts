import { describe, expect, test } from "vitest";
import { toLocalDate } from "../dates";
import type { EventItem } from "../grid/item";
import { occurrence } from "../test-fixtures";
import { toGridItem } from "../to-grid";
import { monthGrid } from "../mini-month";
import { addMonths, layoutMonthRow, monthOf } from "./layout";

/** An event as the window builds it from the store's answer. */
function ev(title: string, start: Date, end: Date, allDay = false): EventItem {
  const when = (d: Date): string => (allDay ? toLocalDate(d) : d.toISOString());
  return { ...toGridItem(occurrence({ uid: title, summary: title, all_day: allDay, start: when(start), end: when(end) })), id: title };
}

// The week of Mon 2026-12-07 .. Sun 2026-12-13.
const week = monthGrid(new Date(2026, 11, 1))[1]!;
const at = (d: number, h = 0, m = 0): Date => new Date(2026, 11, d, h, m);

describe("layoutMonthRow", () => {
  test("a multi-day all-day event spans its days and comes before timed events", () => {
    const row = layoutMonthRow(week, [ev("Standup", at(8, 9), at(8, 9, 15)), ev("Trip", at(8), at(11), true)], 3);
    const trip = row.bars.find((b) => b.item.title === "Trip")!;
    expect([trip.col, trip.span, trip.lane]).toEqual([1, 3, 0]);
    expect(row.bars.find((b) => b.item.title === "Standup")!.lane).toBe(1);
  });

  test("an event from the week before is cut at the row's start and marked as continuing", () => {
    const row = layoutMonthRow(week, [ev("Conference", at(5), at(9), true)], 3);
    expect(row.bars[0]).toMatchObject({ col: 0, span: 2, continuesBefore: true, continuesAfter: false });
  });

  test("a timed event ending at midnight takes only its own day", () => {
    const row = layoutMonthRow(week, [ev("Late", at(9, 22), at(10, 0))], 3);
    expect([row.bars[0]!.col, row.bars[0]!.span]).toEqual([2, 1]);
  });

  test("what does not fit is counted on each day it covers", () => {
    const items = [1, 2, 3, 4].map((i) => ev(`E${i}`, at(7, 8 + i), at(7, 9 + i)));
    const row = layoutMonthRow(week, [...items, ev("Week", at(7), at(14), true)], 3);
    expect(row.bars).toHaveLength(3);
    expect(row.bars[0]!.item.title).toBe("Week");
    expect(row.hidden).toEqual([2, 0, 0, 0, 0, 0, 0]);
    const wide = layoutMonthRow(week, [ev("A", at(7), at(10), true), ev("B", at(8), at(12), true)], 1);
    expect(wide.hidden).toEqual([0, 1, 1, 1, 1, 0, 0]);
  });

  test("events outside the row are left out", () => {
    expect(layoutMonthRow(week, [ev("Before", at(1, 9), at(1, 10)), ev("After", at(14, 9), at(14, 10))], 3).bars).toEqual([]);
  });
});

test("months step across the year", () => {
  expect(addMonths(monthOf(new Date(2026, 11, 31)), 1)).toEqual(new Date(2027, 0, 1));
  expect(addMonths(new Date(2026, 0, 1), -1)).toEqual(new Date(2025, 11, 1));
});
