import { describe, expect, it } from "vitest";
import { occurrence } from "./test-fixtures";
import { occurrenceId, toEventInput, toEventInputs, type OccurrenceProps } from "./to-fullcalendar";

describe("toEventInput", () => {
  it("maps a timed occurrence to a timed event at the same instants", () => {
    const e = toEventInput(occurrence({ summary: "Design review", location: "Room 2" }));
    expect(e.title).toBe("Design review");
    expect(e.allDay).toBe(false);
    expect(e.start).toBe("2026-11-23T08:30:00Z");
    expect(e.end).toBe("2026-11-23T09:00:00Z");
    expect(e.editable).toBe(false);
    const p = e.extendedProps as OccurrenceProps;
    expect(p).toMatchObject({ uid: "uid-1@miraage", start: "2026-11-23T08:30:00Z", calendar: "Work", location: "Room 2", calendarId: "cal-work" });
  });

  it("keeps an all-day occurrence's dates and exclusive end", () => {
    const e = toEventInput(occurrence({ all_day: true, start: "2026-11-25", end: "2026-11-27" }));
    expect(e.allDay).toBe(true);
    expect(e.start).toBe("2026-11-25");
    expect(e.end).toBe("2026-11-27");
    expect((e.extendedProps as OccurrenceProps).start).toBe("2026-11-25");
  });

  it("colours the event with its calendar and a readable text colour", () => {
    const dark = toEventInput(occurrence({ color: "#1e3a8a" }));
    expect(dark.backgroundColor).toBe("#1e3a8a");
    expect(dark.borderColor).toBe("#1e3a8a");
    expect(dark.textColor).toBe("#ffffff");
    expect(toEventInput(occurrence({ color: "#fde68a" })).textColor).toBe("#1a1a1a");
  });
});

describe("occurrence ids", () => {
  it("differ between instances of one recurring series", () => {
    const series = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"].map((d) =>
      occurrence({ uid: "standup@miraage", recurrence_id: `${d}T08:00:00Z`, start: `${d}T08:00:00Z`, end: `${d}T08:15:00Z` }),
    );
    const ids = toEventInputs(series).map((e) => e.id);
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
    expect(toEventInputs(list).map((e) => e.title)).toEqual(["A", "B"]);
  });
});
