import { describe, expect, it } from "vitest";
import { eventItem, ghostItem } from "./test-items";
import { clock, extraLine, itemLabel, movedLabel, timeSpan } from "./text";

const nine = new Date(2026, 10, 24, 9, 5);

describe("clock texts", () => {
  it("writes the local wall clock with two digits", () => {
    expect(clock(nine)).toBe("09:05");
    expect(timeSpan(nine, new Date(2026, 10, 24, 10, 50))).toBe("09:05 – 10:50");
  });
});

describe("extraLine", () => {
  it("is an event's location", () => {
    expect(extraLine(eventItem(nine, 30, { location: "Room 2" }))).toBe("Room 2");
    expect(extraLine(eventItem(nine, 30))).toBeNull();
  });

  it("is a ghost's reason, else what it is", () => {
    expect(extraLine(ghostItem(nine, 30, { reason: "Split: no free hour" }))).toBe("Split: no free hour");
    expect(extraLine(ghostItem(nine, 30))).toBe("Proposed");
    expect(extraLine(ghostItem(nine, 30, { kind: "move" }))).toBe("Re-plan: move here");
  });
});

describe("itemLabel", () => {
  it("names an event, its time and calendar, and says when it is a plan block", () => {
    expect(itemLabel(eventItem(nine, 30, { summary: "Standup", calendar: "Work" }))).toBe("Standup, 09:05 – 09:35, Work");
    expect(itemLabel(eventItem(nine, 30, { summary: "Report", plan: { task_uid: "t", kind: "task", project: null, locked: false } }))).toBe(
      "Planned block: Report, 09:05 – 09:35, Work",
    );
    expect(itemLabel(eventItem(nine, 30, { summary: "Report", plan: { task_uid: "t", kind: "task", project: null, locked: true } }))).toBe(
      "Locked planned block: Report, 09:05 – 09:35, Work",
    );
  });

  it("says all day for an all-day event", () => {
    const e = eventItem(nine, 0, { summary: "Trip", all_day: true, start: "2026-11-24", end: "2026-11-25" });
    expect(itemLabel(e)).toBe("Trip, all day, Work");
  });

  it("tells what a ghost is, why, and what Enter, Escape and dragging do", () => {
    expect(itemLabel(ghostItem(nine, 30))).toBe(
      "Proposed block: Write report, 09:05 – 09:35. Enter or click accepts it here, Escape rejects it, drag to accept it at another time.",
    );
    expect(itemLabel(ghostItem(nine, 30, { kind: "move", reason: "“Standup” now overlaps its time" }))).toBe(
      "Re-plan would move: Write report, 09:05 – 09:35. “Standup” now overlaps its time. Enter or click accepts it here, Escape rejects it, drag to accept it at another time.",
    );
  });

  it("says where a keyboard-moved ghost now is", () => {
    expect(movedLabel(ghostItem(nine, 30), new Date(2026, 10, 25, 10, 0))).toMatch(
      /^Proposed block: Write report, moved to .+\. Enter accepts it there, Escape puts it back\.$/,
    );
  });
});
