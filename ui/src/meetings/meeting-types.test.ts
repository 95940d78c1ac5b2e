import { describe, expect, it } from "vitest";
import { draftOf, typeLine, type TypeFields } from "./meeting-types";

const fields = (over: Partial<TypeFields> = {}): TypeFields => ({
  name: " 1:1 ",
  minutes: "30",
  before: "",
  after: "10",
  hourSet: "",
  location: " ",
  mayUseFocus: false,
  ...over,
});

describe("draftOf", () => {
  it("reads the fields into a draft: empty buffers are 0, no hour set is work hours, blank location is none", () => {
    expect(draftOf(fields())).toEqual({
      name: "1:1",
      duration_min: 30,
      buffer_before_min: 0,
      buffer_after_min: 10,
      hour_set: null,
      location: null,
      may_use_focus: false,
    });
  });

  it("names the field that is not a whole number of minutes", () => {
    expect(draftOf(fields({ minutes: "" }))).toBe("The duration must be a whole number of minutes, like 30.");
    expect(draftOf(fields({ before: "1.5" }))).toBe("The buffer before must be a whole number of minutes, like 30.");
    expect(draftOf(fields({ after: "ten" }))).toBe("The buffer after must be a whole number of minutes, like 30.");
  });
});

describe("typeLine", () => {
  it("says the duration, buffers, hours, location and focus use", () => {
    const t = { name: "Review", duration_min: 50, buffer_before_min: 10, buffer_after_min: 0, hour_set: "Focus", location: "Room 5", may_use_focus: true };
    expect(typeLine(t)).toBe("Review · 50 min · buffers 10/0 min · Focus hours · Room 5 · may use focus time");
    expect(typeLine({ ...t, buffer_before_min: 0, hour_set: null, location: null, may_use_focus: false })).toBe("Review · 50 min · work hours");
  });
});
