import { describe, expect, it } from "vitest";
import { occurrence } from "./test-fixtures";
import { occurrenceId, toGridItem, toGridItems } from "./to-grid";

describe("toGridItem", () => {
  it("maps a timed occurrence to a timed event at the same instants", () => {
    const e = toGridItem(occurrence({ summary: "Design review", location: "Room 2" }));
    expect(e.kind).toBe("event");
    expect(e.title).toBe("Design review");
    expect(e.allDay).toBe(false);
    expect(e.start.toISOString()).toBe("2026-11-23T08:30:00.000Z");
    expect(e.end.toISOString()).toBe("2026-11-23T09:00:00.000Z");
    const p = e.props;
    expect(p).toMatchObject({ uid: "uid-1@miraage", start: "2026-11-23T08:30:00Z", calendar: "Work", location: "Room 2", calendarId: "cal-work" });
  });

  it("reads an all-day occurrence's dates as local days with an exclusive end", () => {
    const e = toGridItem(occurrence({ all_day: true, start: "2026-11-25", end: "2026-11-27" }));
    expect(e.allDay).toBe(true);
    // Local midnights (TZ is Europe/Paris in the tests), not UTC ones.
    expect(e.start.getTime()).toBe(new Date(2026, 10, 25).getTime());
    expect(e.end.getTime()).toBe(new Date(2026, 10, 27).getTime());
    expect(e.props.start).toBe("2026-11-25");
  });

  it("gives an all-day occurrence without a length its one day", () => {
    const e = toGridItem(occurrence({ all_day: true, start: "2026-11-25", end: "2026-11-25" }));
    expect(e.end.getTime()).toBe(new Date(2026, 10, 26).getTime());
  });

  it("colours the event with its calendar and a readable text colour", () => {
    const dark = toGridItem(occurrence({ color: "#1e3a8a" }));
    expect(dark.color).toBe("#1e3a8a");
    expect(dark.textColor).toBe("#ffffff");
    expect(toGridItem(occurrence({ color: "#fde68a" })).textColor).toBe("#1a1a1a");
  });
});

describe("occurrence ids", () => {
  it("differ between instances of one recurring series", () => {
    const series = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"].map((d) =>
      occurrence({ uid: "standup@miraage", recurrence_id: `${d}T08:00:00Z`, start: `${d}T08:00:00Z`, end: `${d}T08:15:00Z` }),
    );
    const ids = toGridItems(series).map((e) => e.id);
    expect(new Set(ids).size).toBe(5);
  });

  it("are stable for the same occurrence across fetches", () => {
    const o = occurrence({ recurrence_id: "2026-11-23T08:00:00Z" });
    expect(occurrenceId(o)).toBe(occurrenceId({ ...o }));
  });

  it("tell apart an overridden instance from the master's other instances", () => {
    const moved = occurrence({ uid: "s", recurrence_id: "2026-11-24T08:00:00Z", start: "2026-11-24T10:00:00Z" });
    const regular = occurrence({ uid: "s", recurrence_id: "2026-11-25T08:00:00Z", start: "2026-11-25T08:00:00Z" });
    expect(occurrenceId(moved)).not.toBe(occurrenceId(regular));
  });

  it("tell apart the same uid in two calendars", () => {
    const a = occurrence({ calendar_id: "cal-a" });
    const b = occurrence({ calendar_id: "cal-b" });
    expect(occurrenceId(a)).not.toBe(occurrenceId(b));
  });

  it("keep the order the store returned", () => {
    const list = [occurrence({ uid: "a", summary: "A" }), occurrence({ uid: "b", summary: "B" })];
    expect(toGridItems(list).map((e) => e.title)).toEqual(["A", "B"]);
  });
});
