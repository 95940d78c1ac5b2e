import { describe, expect, test } from "vitest";
import { parseEstimateInput, parseQuickAdd } from "./quick-add";

const today = new Date(2026, 10, 23);

describe("parseQuickAdd", () => {
  test("takes estimate, priority, project and due out of the title", () => {
    expect(parseQuickAdd("Write report 1h30m !1 #ops due:2026-11-27", today)).toEqual({
      title: "Write report",
      estimate_min: 90,
      due: "2026-11-27",
      priority: 1,
      project: "ops",
    });
  });

  test("a plain title is just a title", () => {
    expect(parseQuickAdd("  Call mum  ", today)).toEqual({ title: "Call mum", estimate_min: null, due: null, priority: null, project: null });
  });

  test("relative due dates and minute spellings", () => {
    expect(parseQuickAdd("Pay rent 15min due:tomorrow", today)).toMatchObject({ title: "Pay rent", estimate_min: 15, due: "2026-11-24" });
    expect(parseQuickAdd("Stretch 2h due:today", today)).toMatchObject({ estimate_min: 120, due: "2026-11-23" });
  });

  test("words that only look like options stay in the title", () => {
    expect(parseQuickAdd("Fix !5 bug in h2 due:someday", today)).toMatchObject({ title: "Fix !5 bug in h2 due:someday", priority: null, due: null });
    // Only the first estimate counts; the second is part of the title.
    expect(parseQuickAdd("Run 5k 30m 45m", today)).toMatchObject({ title: "Run 5k 45m", estimate_min: 30 });
  });

  test("no title left means nothing to add", () => {
    expect(parseQuickAdd("30m !2", today)).toBeNull();
    expect(parseQuickAdd("   ", today)).toBeNull();
  });
});

describe("parseEstimateInput", () => {
  test("minutes or h/m spellings; empty clears; junk is NaN", () => {
    expect(parseEstimateInput("90")).toBe(90);
    expect(parseEstimateInput("1h30m")).toBe(90);
    expect(parseEstimateInput("")).toBeNull();
    expect(parseEstimateInput("0")).toBeNaN();
    expect(parseEstimateInput("soon")).toBeNaN();
  });
});
