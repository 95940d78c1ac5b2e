// What the analytics view shows, as plain data: chart series and table rows from the core's
// AnalyticsView (pure, unit-tested; charts.ts and view.ts draw it).
import type { AnalyticsView } from "../bindings/AnalyticsView";
import type { PeriodRow } from "../bindings/PeriodRow";

/** Minutes as hours with one decimal ("2.5"). */
export const hours = (minutes: number): number => Math.round(minutes / 6) / 10;

/** "1 h 25 min", "40 min". */
export function minutesText(m: number): string {
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} min`;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

/** A short axis label: "23 Nov" for a week, "Nov 2026" for a month. */
export function shortLabel(row: PeriodRow): string {
  return row.label.startsWith("Week of ") ? row.label.slice(8).replace(/ \d{4}$/, "") : row.label;
}

export interface Series {
  label: string;
  values: number[];
}

type MinuteField = "planned_min" | "done_min" | "skipped_min" | "missed_min" | "meeting_min" | "free_min";

/** One series in hours per `[label, field]`, over the view's periods. */
function perPeriod(view: AnalyticsView, fields: [string, MinuteField][]): { labels: string[]; series: Series[] } {
  return {
    labels: view.rows.map(shortLabel),
    series: fields.map(([label, field]) => ({ label, values: view.rows.map((r) => hours(r[field])) })),
  };
}

/** Planned against done (and what was skipped or missed) per period, in hours. */
export const plannedDone = (view: AnalyticsView): { labels: string[]; series: Series[] } =>
  perPeriod(view, [
    ["Planned", "planned_min"],
    ["Done", "done_min"],
    ["Skipped", "skipped_min"],
    ["Missed", "missed_min"],
  ]);

/** Meeting, focus (done) and free hours per period. */
export const timeUse = (view: AnalyticsView): { labels: string[]; series: Series[] } =>
  perPeriod(view, [
    ["Meetings", "meeting_min"],
    ["Focus", "done_min"],
    ["Free", "free_min"],
  ]);

/** How far estimates were off per period, as a factor (1 is right; null: none finished). */
export function accuracy(view: AnalyticsView): { labels: string[]; values: (number | null)[] } {
  return {
    labels: view.rows.map(shortLabel),
    values: view.rows.map((r) => (r.estimate_error === null ? null : Math.round(Math.exp(r.estimate_error) * 100) / 100)),
  };
}

/** Planned against done by project and tag over the whole view, most planned first. */
export function byKey(view: AnalyticsView): { key: string; planned: number; done: number }[] {
  const sums = new Map<string, { planned: number; done: number }>();
  for (const k of view.by_key) {
    const s = sums.get(k.key) ?? { planned: 0, done: 0 };
    s.planned += k.planned_min;
    s.done += k.done_min;
    sums.set(k.key, s);
  }
  return [...sums.entries()]
    .map(([key, s]) => ({ key, planned: hours(s.planned), done: hours(s.done) }))
    .sort((a, b) => b.planned - a.planned || a.key.localeCompare(b.key));
}

/** The numbers of every chart as one table: a header and a row per period. */
export function periodTable(view: AnalyticsView): { head: string[]; rows: string[][] } {
  return {
    head: ["Period", "Planned h", "Done h", "Skipped h", "Missed h", "Not recorded h", "Meetings h", "Free h", "Estimates off by", "Tasks finished"],
    rows: view.rows.map((r) => [
      r.label,
      String(hours(r.planned_min)),
      String(hours(r.done_min)),
      String(hours(r.skipped_min)),
      String(hours(r.missed_min)),
      String(hours(r.open_min)),
      String(hours(r.meeting_min)),
      String(hours(r.free_min)),
      r.estimate_error === null ? "–" : `×${Math.exp(r.estimate_error).toFixed(2)}`,
      String(r.tasks_finished),
    ]),
  };
}

/** Each habit's hours done per period against its target over the period (chart series). */
export function habitSeries(view: AnalyticsView): { labels: string[]; series: Series[] } {
  return {
    labels: view.rows.map(shortLabel),
    series: view.habits.flatMap((h) => [
      { label: `${h.title}: done`, values: h.periods.map(hours) },
      { label: `${h.title}: target`, values: h.targets.map(hours) },
    ]),
  };
}

/** One row per habit: its target, this day's or week's progress and its streak. */
export function habitTable(view: AnalyticsView): { head: string[]; rows: string[][] } {
  const per = (p: string): string => (p === "day" ? "day" : "week");
  return {
    head: ["Habit or goal", "Target", "Done so far", "Streak", ...view.rows.map(shortLabel)],
    rows: view.habits.map((h) => [
      h.title,
      `${minutesText(h.target)} a ${per(h.per)}`,
      `${minutesText(h.done)} this ${per(h.per)}`,
      `${h.streak} ${per(h.per)}${h.streak === 1 ? "" : "s"} in a row`,
      ...h.periods.map((m, i) => `${hours(m)} of ${hours(h.targets[i] ?? 0)} h`),
    ]),
  };
}
