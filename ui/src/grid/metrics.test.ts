import { describe, expect, it } from "vitest";
import type { Bar, Placed } from "./layout";
import { allDayHeight, ALLDAY_LANE_PX, barBox, HOUR_PX, previewBox, timedBox } from "./metrics";
import { eventItem } from "./test-items";

const item = eventItem(new Date(2026, 10, 24, 9, 0), 60);
const placed = (over: Partial<Placed>): Placed => ({
  item,
  day: 0,
  startMin: 540,
  endMin: 600,
  fromBefore: false,
  toAfter: false,
  col: 0,
  cols: 1,
  span: 1,
  ...over,
});

describe("timedBox", () => {
  it("places an hour at 52 px per hour, a pixel short so neighbours do not touch", () => {
    expect(timedBox(placed({}))).toEqual({ style: `top:${9 * HOUR_PX}px;height:${HOUR_PX - 1}px;left:0%;width:calc(100% - 2px)`, short: false });
  });

  it("puts overlapping items side by side", () => {
    expect(timedBox(placed({ col: 1, cols: 4, span: 2 })).style).toContain("left:25%;width:calc(50% - 2px)");
  });

  it("draws a short item a quarter of an hour tall, on one line", () => {
    const box = timedBox(placed({ endMin: 545 }));
    expect(box.style).toContain(`height:${15 * (HOUR_PX / 60) - 1}px`);
    expect(box.short).toBe(true);
    expect(timedBox(placed({ endMin: 580 })).short).toBe(false);
  });
});

describe("barBox", () => {
  it("spans its days in the all-day row, in its lane", () => {
    const bar: Bar = { item, first: 2, last: 3, lane: 1, fromBefore: false, toAfter: false };
    expect(barBox(bar, 7)).toBe(`top:${ALLDAY_LANE_PX}px;left:calc(${(2 / 7) * 100}% + 2px);width:calc(${(2 / 7) * 100}% - 4px)`);
  });
});

describe("allDayHeight", () => {
  it("keeps one lane when empty", () => {
    expect(allDayHeight(0)).toBe(`${ALLDAY_LANE_PX + 4}px`);
    expect(allDayHeight(3)).toBe(`${3 * ALLDAY_LANE_PX + 4}px`);
  });
});

describe("previewBox", () => {
  it("takes the column's width at the new start, keeping the length", () => {
    expect(previewBox(new Date(2026, 10, 24, 14, 15), 90)).toBe(
      `top:${855 * (HOUR_PX / 60)}px;height:${90 * (HOUR_PX / 60) - 1}px;left:0;width:calc(100% - 2px)`,
    );
  });
});
