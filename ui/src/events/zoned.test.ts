import { expect, test } from "vitest";
import { wallIn } from "./zoned";

test("an instant reads as the wall clock of the zone, across DST", () => {
  expect(wallIn(new Date("2026-03-29T00:30:00Z"), "Europe/Berlin")).toEqual({ date: "2026-03-29", time: "01:30" });
  expect(wallIn(new Date("2026-03-29T01:30:00Z"), "Europe/Berlin")).toEqual({ date: "2026-03-29", time: "03:30" });
  expect(wallIn(new Date("2026-12-07T23:30:00Z"), "America/New_York")).toEqual({ date: "2026-12-07", time: "18:30" });
  expect(wallIn(new Date("2026-12-07T23:30:00Z"), "Pacific/Kiritimati")).toEqual({ date: "2026-12-08", time: "13:30" });
});
