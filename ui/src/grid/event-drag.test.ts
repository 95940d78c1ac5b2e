import { describe, expect, test } from "vitest";
import { draftRange, resizedEnd } from "./event-drag";

const days = [new Date(2026, 11, 7), new Date(2026, 11, 8)];
const t = (d: number, h: number, m = 0): Date => new Date(2026, 11, d, h, m);

describe("drafting a new event on empty time", () => {
  test("a drag drafts from the earlier to the later point, snapped outward to quarter hours", () => {
    expect(draftRange(days, { day: 1, minute: 9 * 60 + 10 }, { day: 1, minute: 10 * 60 + 20 })).toEqual({ start: t(8, 9), end: t(8, 10, 30) });
    expect(draftRange(days, { day: 0, minute: 14 * 60 + 50 }, { day: 0, minute: 13 * 60 + 5 })).toEqual({ start: t(7, 13), end: t(7, 15) });
  });

  test("a click drafts an hour from the quarter hour clicked", () => {
    expect(draftRange(days, { day: 0, minute: 9 * 60 + 40 }, { day: 0, minute: 9 * 60 + 40 })).toEqual({ start: t(7, 9, 30), end: t(7, 10, 30) });
  });

  test("a draft never runs past midnight", () => {
    expect(draftRange(days, { day: 0, minute: 23 * 60 + 30 }, { day: 0, minute: 23 * 60 + 30 }).end).toEqual(t(8, 0));
  });
});

describe("resizing an event by its bottom edge", () => {
  const item = { start: t(7, 9), end: t(7, 10) };
  test("moves the end by whole quarter hours", () => {
    expect(resizedEnd(item, { day: 0, minute: 600 }, { day: 0, minute: 600 + 50 })).toEqual(t(7, 10, 45));
    expect(resizedEnd(item, { day: 0, minute: 600 }, { day: 0, minute: 600 - 20 })).toEqual(t(7, 9, 30));
  });
  test("never to less than a quarter hour", () => {
    expect(resizedEnd(item, { day: 0, minute: 600 }, { day: 0, minute: 300 })).toEqual(t(7, 9, 15));
  });
});
