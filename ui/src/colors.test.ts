import { describe, expect, it } from "vitest";
import { contrastRatio, luminance, parseHex, projectColor, readableTextColor } from "./colors";

describe("parseHex", () => {
  it("reads short, long and alpha forms", () => {
    expect(parseHex("#fff")).toEqual([255, 255, 255]);
    expect(parseHex("#4F6BED")).toEqual([79, 107, 237]);
    expect(parseHex("#4f6bed80")).toEqual([79, 107, 237]);
  });
  it("rejects anything else", () => {
    expect(parseHex("blue")).toBeNull();
    expect(parseHex("#12345")).toBeNull();
    expect(parseHex("rgb(0,0,0)")).toBeNull();
  });
});

describe("readableTextColor", () => {
  it("puts white on saturated calendar colours", () => {
    for (const c of ["#4f6bed", "#16a34a", "#e5484d", "#8b5cf6", "#000000"]) expect(readableTextColor(c)).toBe("#ffffff");
  });
  it("puts dark text on light colours", () => {
    for (const c of ["#f59e0b", "#fde68a", "#ffffff", "#a3e635"]) expect(readableTextColor(c)).toBe("#1a1a1a");
  });
  it("falls back to white for colours it cannot parse", () => {
    expect(readableTextColor("tomato")).toBe("#ffffff");
  });
  it("uses WCAG luminance and contrast", () => {
    expect(luminance([255, 255, 255])).toBeCloseTo(1);
    expect(luminance([0, 0, 0])).toBe(0);
    expect(contrastRatio(1, 0)).toBeCloseTo(21);
  });
});

describe("projectColor", () => {
  it("gives one project one colour, whatever its case, and the plan violet without one", () => {
    expect(projectColor("Work")).toBe(projectColor("work"));
    expect(projectColor(null)).toBe("#7c5cff");
    expect(projectColor("work")).not.toBe("#7c5cff");
    expect(new Set(["work", "personal", "study", "ops", "admin", "home"].map(projectColor)).size).toBeGreaterThan(2);
  });
});
