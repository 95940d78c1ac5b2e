// Calendar arithmetic in the user's local zone. Days are stepped with setDate rather than by
// adding 24 h so that weeks crossing a DST change still start at local midnight.

export interface WeekRange {
  /** Local midnight of the first day shown. */
  start: Date;
  /** Local midnight of the day after the last day shown (exclusive end). */
  end: Date;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

export function addDays(d: Date, days: number): Date {
  const r = new Date(d.getTime());
  r.setDate(r.getDate() + days);
  return r;
}

/** The week containing `d`; `firstDay` follows Date#getDay (1 = Monday). */
export function weekOf(d: Date, firstDay = 1): WeekRange {
  const day = startOfDay(d);
  const back = (day.getDay() - firstDay + 7) % 7;
  const start = addDays(day, -back);
  return { start, end: addDays(start, 7) };
}

export function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** "YYYY-MM-DD" of the local calendar day. */
export function toLocalDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** Parses "YYYY-MM-DD" as local midnight (Date.parse would read it as UTC). */
export function parseLocalDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function isDateOnly(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s);
}

export function formatTime(d: Date): string {
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

export function weekdayShort(d: Date): string {
  return WEEKDAYS[d.getDay()] ?? "";
}

export function monthShort(d: Date): string {
  return MONTHS[d.getMonth()] ?? "";
}

/** "Nov 23 – 29, 2026", "Nov 30 – Dec 6, 2026", "Dec 28, 2026 – Jan 3, 2027"; one day: "Mon, Nov 23, 2026". */
export function formatWeekRange(range: WeekRange): string {
  const first = range.start;
  const last = addDays(range.end, -1);
  const y1 = first.getFullYear();
  const y2 = last.getFullYear();
  if (sameDay(first, last)) return `${weekdayShort(first)}, ${monthShort(first)} ${first.getDate()}, ${y1}`;
  if (y1 !== y2) {
    return `${monthShort(first)} ${first.getDate()}, ${y1} – ${monthShort(last)} ${last.getDate()}, ${y2}`;
  }
  if (first.getMonth() !== last.getMonth()) {
    return `${monthShort(first)} ${first.getDate()} – ${monthShort(last)} ${last.getDate()}, ${y2}`;
  }
  return `${monthShort(first)} ${first.getDate()} – ${last.getDate()}, ${y2}`;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekNumber(d: Date): number {
  // Work in UTC on the local calendar date so DST never shifts the day count.
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const dayNum = (t.getUTCDay() + 6) % 7; // Monday = 0
  t.setUTCDate(t.getUTCDate() - dayNum + 3); // Thursday of this week decides the year
  const firstThursday = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
  const diffDays = (t.getTime() - firstThursday.getTime()) / 86_400_000;
  return 1 + Math.round((diffDays - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
}

export function rangeContains(range: WeekRange, d: Date): boolean {
  return d.getTime() >= range.start.getTime() && d.getTime() < range.end.getTime();
}

function dayLabel(d: Date): string {
  return `${weekdayShort(d)}, ${monthShort(d)} ${d.getDate()}`;
}

/** "Mon, Nov 23 · 09:00 – 09:15"; all-day spans name their last day, not the exclusive end. */
export function formatWhen(start: Date, end: Date | null, allDay: boolean): string {
  if (allDay) {
    const last = end ? addDays(end, -1) : start;
    return sameDay(start, last) ? `${dayLabel(start)} · All day` : `${dayLabel(start)} – ${dayLabel(last)}`;
  }
  if (!end) return `${dayLabel(start)} · ${formatTime(start)}`;
  if (sameDay(start, end)) return `${dayLabel(start)} · ${formatTime(start)} – ${formatTime(end)}`;
  return `${dayLabel(start)} ${formatTime(start)} – ${dayLabel(end)} ${formatTime(end)}`;
}
