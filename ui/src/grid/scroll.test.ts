import { describe, expect, it } from "vitest";
import { PX_PER_MINUTE } from "./metrics";
import { EDGE_PX, EDGE_STEP_PX, edgeScroll, LEAD_MINUTES, openingMinutes, scrollTopFor, SCROLL_TO_MINUTES } from "./scroll";

describe("scrollTopFor", () => {
  it("puts the minute a lead below the top", () => {
    expect(scrollTopFor(10 * 60)).toBeCloseTo((10 * 60 - LEAD_MINUTES) * PX_PER_MINUTE);
  });

  it("does not scroll above midnight", () => {
    expect(scrollTopFor(30)).toBe(0);
    expect(scrollTopFor(LEAD_MINUTES)).toBe(0);
  });
});

describe("openingMinutes", () => {
  const range = { start: new Date(2026, 10, 23), end: new Date(2026, 10, 30) };

  it("opens at now when the range holds it", () => {
    expect(openingMinutes(new Date(2026, 10, 25, 14, 30), range)).toBe(14 * 60 + 30);
  });

  it("opens with early morning at the top otherwise", () => {
    const minutes = openingMinutes(new Date(2026, 10, 30, 14, 30), range);
    expect(minutes).toBe(SCROLL_TO_MINUTES + LEAD_MINUTES);
    expect(scrollTopFor(minutes)).toBeCloseTo(7.5 * 60 * PX_PER_MINUTE);
  });
});

describe("edgeScroll", () => {
  const top = 100;
  const bottom = 800;

  it("scrolls up near the top and down near the bottom", () => {
    expect(edgeScroll(top + EDGE_PX - 1, top, bottom)).toBe(-EDGE_STEP_PX);
    expect(edgeScroll(bottom - EDGE_PX + 1, top, bottom)).toBe(EDGE_STEP_PX);
  });

  it("stays put in between", () => {
    expect(edgeScroll(top + EDGE_PX, top, bottom)).toBe(0);
    expect(edgeScroll(400, top, bottom)).toBe(0);
    expect(edgeScroll(bottom - EDGE_PX, top, bottom)).toBe(0);
  });
});
