import { describe, expect, test } from "vitest";
import { fromRrule, toRrule, type Repeat } from "./recurrence";

// Tuesday 8 December 2026.
const start = new Date(2026, 11, 8, 9, 30);
const never = { kind: "never" } as const;
const repeat = (over: Partial<Repeat>): Repeat => ({ preset: "none", days: [1], end: never, custom: "", ...over });

describe("the Repeat choices make RRULEs", () => {
  test("each preset", () => {
    expect(toRrule(repeat({ preset: "none" }), start)).toBeNull();
    expect(toRrule(repeat({ preset: "daily" }), start)).toBe("FREQ=DAILY");
    expect(toRrule(repeat({ preset: "weekdays" }), start)).toBe("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    expect(toRrule(repeat({ preset: "weekly", days: [3, 1] }), start)).toBe("FREQ=WEEKLY;BYDAY=TU,TH");
    expect(toRrule(repeat({ preset: "weekly", days: [] }), start)).toBe("FREQ=WEEKLY;BYDAY=TU");
    expect(toRrule(repeat({ preset: "monthly" }), start)).toBe("FREQ=MONTHLY;BYMONTHDAY=8");
    expect(toRrule(repeat({ preset: "yearly" }), start)).toBe("FREQ=YEARLY");
    expect(toRrule(repeat({ preset: "custom", custom: "RRULE:FREQ=WEEKLY;INTERVAL=2" }), start)).toBe("FREQ=WEEKLY;INTERVAL=2");
  });

  test("with an end on a date or after a number of times", () => {
    expect(toRrule(repeat({ preset: "daily", end: { kind: "until", date: "2027-01-31" } }), start)).toBe("FREQ=DAILY;UNTIL=20270131");
    expect(toRrule(repeat({ preset: "weekdays", end: { kind: "count", count: 10 } }), start)).toBe("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=10");
  });
});

describe("stored RRULEs read back into the choices", () => {
  test("what a preset made reads back as that preset", () => {
    for (const preset of ["daily", "weekdays", "monthly", "yearly"] as const) {
      const rule = toRrule(repeat({ preset, end: { kind: "count", count: 5 } }), start)!;
      expect(fromRrule(rule, start)).toMatchObject({ preset, end: { kind: "count", count: 5 } });
    }
    expect(fromRrule("FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270131T225959Z", start)).toMatchObject({
      preset: "weekly",
      days: [0, 2],
      end: { kind: "until", date: "2027-01-31" },
    });
  });

  test("what no preset says stays custom, as typed", () => {
    for (const rule of ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=HOURLY"]) {
      expect(fromRrule(rule, start)).toMatchObject({ preset: "custom", custom: rule });
    }
    expect(fromRrule(null, start).preset).toBe("none");
  });
});
