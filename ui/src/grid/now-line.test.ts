import { describe, expect, it } from "vitest";
import { PX_PER_MINUTE } from "./metrics";
import { daysOf } from "./navigation";
import { nowLineStyle } from "./now-line";

const week = daysOf({ start: new Date(2026, 10, 23), end: new Date(2026, 10, 30) });

describe("nowLineStyle", () => {
  it("crosses the column of today at the current minute", () => {
    const style = nowLineStyle(week, new Date(2026, 10, 25, 10, 30));
    expect(style).toBe(`top:${630 * PX_PER_MINUTE}px;left:${(2 / 7) * 100}%;width:${100 / 7}%`);
  });

  it("spans the whole width in day view", () => {
    expect(nowLineStyle([new Date(2026, 10, 25)], new Date(2026, 10, 25, 0, 0))).toBe("top:0px;left:0%;width:100%");
  });

  it("is hidden when now is not on a day shown", () => {
    expect(nowLineStyle(week, new Date(2026, 10, 30, 0, 0))).toBeNull();
    expect(nowLineStyle(week, new Date(2026, 10, 22, 23, 59))).toBeNull();
    expect(nowLineStyle([], new Date(2026, 10, 25))).toBeNull();
  });
});
