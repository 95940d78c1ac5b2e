// The editor's "Repeat" choices and their RRULE (RFC 5545), both ways: a preset and an end
// make a rule; a rule the presets cannot say is kept as "custom" and shown as typed.

export type RepeatPreset = "none" | "daily" | "weekdays" | "weekly" | "monthly" | "yearly" | "custom";

export type RepeatEnd = { kind: "never" } | { kind: "until"; date: string } | { kind: "count"; count: number };

export interface Repeat {
  preset: RepeatPreset;
  /** Weekly: the days (0 = Monday … 6 = Sunday). */
  days: number[];
  end: RepeatEnd;
  /** Custom: the rule as the user typed it. */
  custom: string;
}

const BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Monday-first weekday of a date (0 = Monday). */
export const mondayIndex = (d: Date): number => (d.getDay() + 6) % 7;

const ordinal = (n: number): string => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${s}`;
};

/** The choices offered for an event starting on `start`, with their labels. */
export function presetLabels(start: Date): [RepeatPreset, string][] {
  return [
    ["none", "Does not repeat"],
    ["daily", "Daily"],
    ["weekdays", "Every weekday (Monday to Friday)"],
    ["weekly", `Weekly on ${DAY_NAMES[mondayIndex(start)]}`],
    ["monthly", `Monthly on the ${ordinal(start.getDate())}`],
    ["yearly", `Yearly on ${start.toLocaleString("en", { month: "long" })} ${start.getDate()}`],
    ["custom", "Custom rule…"],
  ];
}

function endPart(end: RepeatEnd): string {
  if (end.kind === "count") return `;COUNT=${end.count}`;
  // UNTIL as a date: the last day an occurrence may start on (RFC 5545 allows a DATE here
  // when the series' start is a date; the core turns it into an instant for timed events).
  if (end.kind === "until") return `;UNTIL=${end.date.replaceAll("-", "")}`;
  return "";
}

/** The RRULE value of a choice; null for "does not repeat". */
export function toRrule(r: Repeat, start: Date): string | null {
  const end = endPart(r.end);
  switch (r.preset) {
    case "none":
      return null;
    case "daily":
      return `FREQ=DAILY${end}`;
    case "weekdays":
      return `FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR${end}`;
    case "weekly": {
      const days = r.days.length ? [...r.days].sort((a, b) => a - b) : [mondayIndex(start)];
      return `FREQ=WEEKLY;BYDAY=${days.map((d) => BYDAY[d]).join(",")}${end}`;
    }
    case "monthly":
      return `FREQ=MONTHLY;BYMONTHDAY=${start.getDate()}${end}`;
    case "yearly":
      return `FREQ=YEARLY${end}`;
    case "custom": {
      const rule = r.custom.trim().replace(/^RRULE:/i, "");
      return rule === "" ? null : rule;
    }
  }
}

/** Reads a stored rule into the editor's choice (custom when no preset says it exactly). */
export function fromRrule(rule: string | null, start: Date): Repeat {
  const none: Repeat = { preset: "none", days: [mondayIndex(start)], end: { kind: "never" }, custom: "" };
  if (!rule) return none;
  const parts = new Map<string, string>();
  for (const p of rule.replace(/^RRULE:/i, "").split(";")) {
    const [k, v] = p.split("=");
    if (k && v !== undefined) parts.set(k.toUpperCase(), v.toUpperCase());
  }
  const custom: Repeat = { ...none, preset: "custom", custom: rule };
  let end: RepeatEnd = { kind: "never" };
  const until = parts.get("UNTIL");
  const count = parts.get("COUNT");
  if (until) {
    const m = /^(\d{4})(\d{2})(\d{2})/.exec(until);
    if (!m) return custom;
    end = { kind: "until", date: `${m[1]}-${m[2]}-${m[3]}` };
  } else if (count) {
    end = { kind: "count", count: Number(count) };
  }
  parts.delete("UNTIL");
  parts.delete("COUNT");
  if (parts.has("INTERVAL") && parts.get("INTERVAL") !== "1") return custom;
  parts.delete("INTERVAL");
  parts.delete("WKST");
  const freq = parts.get("FREQ");
  const byday = parts.get("BYDAY");
  const keys = [...parts.keys()].sort().join(",");
  const r = (preset: RepeatPreset, days = none.days): Repeat => ({ preset, days, end, custom: "" });
  if (freq === "DAILY" && keys === "FREQ") return r("daily");
  if (freq === "WEEKLY" && byday === "MO,TU,WE,TH,FR" && keys === "BYDAY,FREQ") return r("weekdays");
  if (freq === "WEEKLY" && keys === "FREQ") return r("weekly");
  if (freq === "WEEKLY" && keys === "BYDAY,FREQ" && byday) {
    const days = byday.split(",").map((d) => BYDAY.indexOf(d));
    if (days.every((d) => d >= 0)) return r("weekly", days);
  }
  if (freq === "MONTHLY" && (keys === "FREQ" || (keys === "BYMONTHDAY,FREQ" && Number(parts.get("BYMONTHDAY")) === start.getDate()))) return r("monthly");
  if (freq === "YEARLY" && keys === "FREQ") return r("yearly");
  return custom;
}
