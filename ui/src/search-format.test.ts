import { describe, expect, it } from "vitest";
import type { SearchResult } from "./bindings/SearchResult";
import { formatResult, resultDate, resultLabel, snippetParts } from "./search-format";

const now = new Date(2026, 10, 25, 15, 0); // Wednesday 25 November 2026, Paris

function result(over: Partial<SearchResult> = {}): SearchResult {
  return {
    kind: "event",
    id: "uid-1",
    title: "Standup",
    when: "2026-11-26T08:30:00Z",
    all_day: false,
    recurrence_id: null,
    source: "Work",
    snippet: "«Stand»up",
    ...over,
  };
}

describe("formatResult", () => {
  it("says kind, title, local day and time, and calendar of an event", () => {
    expect(formatResult(result(), now)).toEqual({ kind: "Event", title: "Standup", when: "Tomorrow 09:30", source: "Work" });
    expect(formatResult(result({ when: "2026-12-02T08:30:00Z" }), now).when).toBe("Wed 2 Dec 09:30");
    expect(formatResult(result({ when: "2027-01-04T08:30:00Z" }), now).when).toBe("Mon 4 Jan 2027 09:30");
  });

  it("says all day for all-day events and the due date of tasks", () => {
    expect(formatResult(result({ when: "2026-11-25", all_day: true }), now).when).toBe("Today, all day");
    expect(formatResult(result({ kind: "task", when: "2026-11-24", source: "Tasks" }), now)).toEqual({
      kind: "Task",
      title: "Standup",
      when: "Due Yesterday",
      source: "Tasks",
    });
    expect(formatResult(result({ kind: "task", when: "2026-11-27T16:00:00Z" }), now).when).toBe("Due Fri 27 Nov 17:00");
    expect(formatResult(result({ kind: "task", when: null }), now).when).toBe("No due date");
  });

  it("reads as one sentence for screen readers", () => {
    expect(resultLabel(formatResult(result(), now))).toBe("Event: Standup, Tomorrow 09:30, Work");
  });
});

describe("resultDate", () => {
  it("reads a date as local midnight and an instant as itself", () => {
    expect(resultDate("2026-11-25")).toEqual(new Date(2026, 10, 25));
    expect(resultDate("2026-11-26T08:30:00Z")?.getTime()).toBe(Date.UTC(2026, 10, 26, 8, 30));
    expect(resultDate(null)).toBeNull();
    expect(resultDate("later")).toBeNull();
  });
});

describe("snippetParts", () => {
  it("splits the core's « » marks into matched and plain runs", () => {
    expect(snippetParts("Weekly «stand»up in «Café» Nord")).toEqual([
      { text: "Weekly ", match: false },
      { text: "stand", match: true },
      { text: "up in ", match: false },
      { text: "Café", match: true },
      { text: " Nord", match: false },
    ]);
    expect(snippetParts("no match")).toEqual([{ text: "no match", match: false }]);
    expect(snippetParts("")).toEqual([]);
  });
});
