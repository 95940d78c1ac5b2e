import { describe, expect, it } from "vitest";
import { task } from "./test-fixtures";
import { dueDeadline, formatDue, formatEstimate, priorityLabel, sortTasks } from "./tasks";

const titles = (list: { title: string }[]) => list.map((t) => t.title);

describe("sortTasks", () => {
  it("puts open work first: in progress, then to do, then done, then cancelled", () => {
    const sorted = sortTasks([
      task({ title: "cancelled", status: "cancelled" }),
      task({ title: "done", status: "completed" }),
      task({ title: "todo", status: "needs_action" }),
      task({ title: "doing", status: "in_progress" }),
    ]);
    expect(titles(sorted)).toEqual(["doing", "todo", "done", "cancelled"]);
  });

  it("orders by earliest due, tasks without a due date last", () => {
    const sorted = sortTasks([task({ title: "none" }), task({ title: "friday", due: "2026-11-27" }), task({ title: "monday", due: "2026-11-23" })]);
    expect(titles(sorted)).toEqual(["monday", "friday", "none"]);
  });

  it("ranks a timed due before a date-only due on the same day", () => {
    const sorted = sortTasks([task({ title: "day", due: "2026-11-23" }), task({ title: "noon", due: "2026-11-23T11:00:00Z" })]);
    expect(titles(sorted)).toEqual(["noon", "day"]);
  });

  it("breaks ties by priority (1 highest, 4 lowest, off-scale last), then title", () => {
    const sorted = sortTasks([
      task({ title: "b-p3", priority: 3 }),
      task({ title: "p4", priority: 4 }),
      task({ title: "off-scale", priority: 0 }),
      task({ title: "a-p3", priority: 3 }),
      task({ title: "p1", priority: 1 }),
      task({ title: "p2", priority: 2 }),
    ]);
    expect(titles(sorted)).toEqual(["p1", "p2", "a-p3", "b-p3", "p4", "off-scale"]);
  });

  it("does not modify its input", () => {
    const input = [task({ title: "b" }), task({ title: "a" })];
    sortTasks(input);
    expect(titles(input)).toEqual(["b", "a"]);
  });
});

describe("task labels", () => {
  it("formats estimates in minutes and hours", () => {
    expect(formatEstimate(25)).toBe("25m");
    expect(formatEstimate(60)).toBe("1h");
    expect(formatEstimate(90)).toBe("1h 30m");
    expect(formatEstimate(0)).toBe("0m");
  });

  it("labels priorities P1 to P4", () => {
    expect([1, 2, 3, 4, 0, 5].map(priorityLabel)).toEqual(["P1", "P2", "P3", "P4", null, null]);
  });

  it("expires a date-only due at the end of that local day", () => {
    expect(dueDeadline("2026-11-23")).toBe(new Date(2026, 10, 24).getTime());
    expect(dueDeadline("2026-11-23T11:00:00Z")).toBe(Date.UTC(2026, 10, 23, 11));
    expect(dueDeadline("soon")).toBeNull();
  });

  it("describes dues relative to now and flags overdue ones", () => {
    const now = new Date(2026, 10, 23, 15, 0); // Monday 15:00
    expect(formatDue("2026-11-23", now)).toEqual({ text: "Today", overdue: false });
    expect(formatDue("2026-11-24", now)).toEqual({ text: "Tomorrow", overdue: false });
    expect(formatDue("2026-11-22", now)).toEqual({ text: "Yesterday", overdue: true });
    expect(formatDue("2026-11-26", now)).toEqual({ text: "Thu", overdue: false });
    expect(formatDue("2026-12-15", now)).toEqual({ text: "Dec 15", overdue: false });
    // 13:00 UTC is 14:00 in Paris, an hour ago.
    expect(formatDue("2026-11-23T13:00:00Z", now)).toEqual({ text: "Today 14:00", overdue: true });
  });
});
