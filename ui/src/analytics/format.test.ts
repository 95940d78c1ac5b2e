import { describe, expect, it } from "vitest";
import type { AnalyticsView } from "../bindings/AnalyticsView";
import type { PeriodRow } from "../bindings/PeriodRow";
import { accuracy, byKey, habitSeries, habitTable, hours, minutesText, periodTable, plannedDone, shortLabel } from "./format";

const row = (label: string, planned: number, done: number, error: number | null): PeriodRow => ({
  label,
  from: "2026-11-23",
  to: "2026-11-30",
  planned_min: planned,
  done_min: done,
  skipped_min: 30,
  missed_min: 0,
  open_min: 0,
  meeting_min: 120,
  free_min: 600,
  estimate_error: error,
  tasks_finished: error === null ? 0 : 2,
});

const first = row("Week of 16 Nov 2026", 300, 240, null);
const view: AnalyticsView = {
  period: "week",
  rows: [first, row("Week of 23 Nov 2026", 90, 45, Math.log(1.4))],
  by_key: [
    { period: "Week of 16 Nov 2026", key: "#writing", planned_min: 120, done_min: 60 },
    { period: "Week of 23 Nov 2026", key: "#writing", planned_min: 60, done_min: 45 },
    { period: "Week of 23 Nov 2026", key: "+ops", planned_min: 240, done_min: 0 },
  ],
  habits: [],
  factors: [],
  pattern: { by_hour: [], by_weekday: [], preference: null, suggestion: null },
};

describe("analytics format", () => {
  it("says minutes as hours and words", () => {
    expect(hours(90)).toBe(1.5);
    expect(minutesText(85)).toBe("1 h 25 min");
    expect(minutesText(40)).toBe("40 min");
    expect(minutesText(120)).toBe("2 h");
  });

  it("labels weeks by their first day and months by name", () => {
    expect(shortLabel(first)).toBe("16 Nov");
    expect(shortLabel({ ...first, label: "Nov 2026" })).toBe("Nov 2026");
  });

  it("puts planned against done per period", () => {
    const p = plannedDone(view);
    expect(p.labels).toEqual(["16 Nov", "23 Nov"]);
    expect(p.series.map((s) => [s.label, s.values])).toEqual([
      ["Planned", [5, 1.5]],
      ["Done", [4, 0.8]],
      ["Skipped", [0.5, 0.5]],
      ["Missed", [0, 0]],
    ]);
  });

  it("sums projects and tags over the view, most planned first", () => {
    expect(byKey(view)).toEqual([
      { key: "+ops", planned: 4, done: 0 },
      { key: "#writing", planned: 3, done: 1.8 },
    ]);
  });

  it("shows estimate accuracy as a factor and a gap where nothing finished", () => {
    expect(accuracy(view).values).toEqual([null, 1.4]);
    expect(periodTable(view).rows[1]?.slice(-2)).toEqual(["×1.40", "2"]);
    expect(periodTable(view).rows[0]?.[8]).toBe("–");
  });

  it("shows each habit's hours against its target per period, with its streak", () => {
    const withHabit: AnalyticsView = {
      ...view,
      habits: [{ title: "Study Spanish", per: "week", target: 120, done: 30, streak: 3, periods: [150, 30], targets: [120, 120] }],
    };
    expect(habitSeries(withHabit).series).toEqual([
      { label: "Study Spanish: done", values: [2.5, 0.5] },
      { label: "Study Spanish: target", values: [2, 2] },
    ]);
    expect(habitTable(withHabit).rows[0]).toEqual(["Study Spanish", "2 h a week", "30 min this week", "3 weeks in a row", "2.5 of 2 h", "0.5 of 2 h"]);
    expect(habitTable(withHabit).head.slice(-2)).toEqual(["16 Nov", "23 Nov"]);
  });
});
