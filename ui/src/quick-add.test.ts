import { describe, expect, test } from "vitest";
import { parseEstimateInput, segments } from "./quick-add";

describe("parseEstimateInput", () => {
  test("minutes or h/m spellings; empty clears; junk is NaN", () => {
    expect(parseEstimateInput("90")).toBe(90);
    expect(parseEstimateInput("1h30m")).toBe(90);
    expect(parseEstimateInput("")).toBeNull();
    expect(parseEstimateInput("0")).toBeNaN();
    expect(parseEstimateInput("soon")).toBeNaN();
  });
});

describe("segments", () => {
  test("cuts the line at the recognised parts, in order, keeping the rest as text", () => {
    const text = "Call mom tomorrow 5pm 30m";
    const spans = [
      { kind: "duration", start: 22, end: 25 },
      { kind: "start", start: 9, end: 21 },
    ];
    expect(segments(text, spans)).toEqual([
      { text: "Call mom ", kind: null },
      { text: "tomorrow 5pm", kind: "start" },
      { text: " ", kind: null },
      { text: "30m", kind: "duration" },
    ]);
  });

  test("counts in UTF-16 like the core's offsets, and ignores spans it cannot place", () => {
    const text = "🎉 Party friday";
    expect(segments(text, [{ kind: "start", start: 9, end: 15 }])).toEqual([
      { text: "🎉 Party ", kind: null },
      { text: "friday", kind: "start" },
    ]);
    expect(
      segments("abc", [
        { kind: "tag", start: 2, end: 9 },
        { kind: "tag", start: 1, end: 1 },
      ]),
    ).toEqual([{ text: "abc", kind: null }]);
  });
});
