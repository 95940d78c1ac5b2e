import { describe, expect, it } from "vitest";
import type { HabitView } from "../bindings/HabitView";
import { draftFromFields, EMPTY_HABIT, fieldsFromView } from "./habit-form";

describe("habit form", () => {
  it("makes a study goal's draft with its windows, one a line", () => {
    const d = draftFromFields({
      ...EMPTY_HABIT,
      title: " Study Spanish ",
      minutes: "300",
      sessionMin: "60",
      sessionMax: "90",
      windows: "mon-fri 18:00-22:00\n\nsat 10:00-12:00",
    });
    expect(d).toEqual({
      title: "Study Spanish",
      kind: "habit",
      minutes: 300,
      per: "week",
      session: [60, 90],
      windows: ["mon-fri 18:00-22:00", "sat 10:00-12:00"],
      hour_set: null,
      preferred: null,
      priority: 2,
      project: null,
    });
  });

  it("uses an hour set instead of windows, and one session of the minutes when none is given", () => {
    const d = draftFromFields({ ...EMPTY_HABIT, title: "Focus", focus: true, minutes: "600", place: "Deep work", windows: "ignored 1" });
    expect(d).toMatchObject({ kind: "focus", session: [600, 600], windows: [], hour_set: "Deep work" });
  });

  it("names what is not a number", () => {
    expect(draftFromFields({ ...EMPTY_HABIT, minutes: "lots" })).toEqual({ error: expect.stringContaining("Minutes") });
    expect(draftFromFields({ ...EMPTY_HABIT, minutes: "60", sessionMin: "1h" })).toEqual({ error: expect.stringContaining("Session") });
  });

  it("reads a habit back into the form", () => {
    const v: HabitView = {
      id: "h1",
      title: "Lunch",
      kind: "habit",
      minutes: 45,
      per: "day",
      session_min: 45,
      session_max: 45,
      windows: ["mon-fri 12:00-14:00"],
      hour_set: null,
      preferred: null,
      priority: 1,
      project: null,
      paused: false,
      created: "2026-11-20T09:00:00+00:00",
      period: "2026-11-23",
      done_min: 0,
      accepted_ahead_min: 45,
      progress: "0 min of 45 min today",
    };
    expect(draftFromFields(fieldsFromView(v))).toMatchObject({ title: "Lunch", per: "day", windows: ["mon-fri 12:00-14:00"], priority: 1 });
  });
});
