import { describe, expect, it } from "vitest";
import { keyStep, steppedStart, type StepKey } from "./item-keys";

const key = (k: string, mods: Partial<StepKey> = {}): StepKey => ({ key: k, shiftKey: true, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe("keyStep", () => {
  it("moves by 15 minutes with Shift+Up/Down and by a day with Shift+Left/Right", () => {
    expect(keyStep(key("ArrowUp"))).toEqual([0, -15]);
    expect(keyStep(key("ArrowDown"))).toEqual([0, 15]);
    expect(keyStep(key("ArrowLeft"))).toEqual([-1, 0]);
    expect(keyStep(key("ArrowRight"))).toEqual([1, 0]);
  });

  it("ignores arrows without Shift or with another modifier, and other keys", () => {
    expect(keyStep(key("ArrowUp", { shiftKey: false }))).toBeUndefined();
    expect(keyStep(key("ArrowUp", { ctrlKey: true }))).toBeUndefined();
    expect(keyStep(key("ArrowUp", { metaKey: true }))).toBeUndefined();
    expect(keyStep(key("ArrowUp", { altKey: true }))).toBeUndefined();
    expect(keyStep(key("Enter"))).toBeUndefined();
  });
});

describe("steppedStart", () => {
  it("moves by whole steps on the wall clock", () => {
    const start = new Date(2026, 10, 24, 9, 10);
    expect(steppedStart(start, [0, -15])).toEqual(new Date(2026, 10, 24, 8, 55));
    expect(steppedStart(start, [1, 0])).toEqual(new Date(2026, 10, 25, 9, 10));
  });

  it("crosses midnight", () => {
    expect(steppedStart(new Date(2026, 10, 24, 23, 50), [0, 15])).toEqual(new Date(2026, 10, 25, 0, 5));
  });

  it("keeps the clock time a day later across a DST change", () => {
    // Saturday 28 March 2026 10:00 to Sunday 29 (23 hours long in Paris): 10:00 again.
    const start = new Date(2026, 2, 28, 10, 0);
    const moved = steppedStart(start, [1, 0]);
    expect(moved).toEqual(new Date(2026, 2, 29, 10, 0));
    expect(moved.getTime() - start.getTime()).toBe(23 * 3_600_000);
  });

  it("does not change the start it is given", () => {
    const start = new Date(2026, 10, 24, 9, 0);
    steppedStart(start, [1, 15]);
    expect(start).toEqual(new Date(2026, 10, 24, 9, 0));
  });
});
