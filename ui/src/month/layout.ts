// The month grid's arithmetic: which lane each event takes in a week row, and how many are
// left over per day. Pure (tested); month/view.ts draws what it returns.
import { addDays, startOfDay } from "../dates";
import type { EventItem } from "../grid/item";

/** One event as a bar across the days it covers in one week row. */
export interface MonthBar {
  item: EventItem;
  /** The first day column it covers (0 = the row's first day). */
  col: number;
  /** How many day columns it covers (1 to 7). */
  span: number;
  lane: number;
  /** It began before this row / goes on after it (drawn with an open edge). */
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export interface MonthRow {
  bars: MonthBar[];
  /** Per day column: events that did not fit in the lanes shown. */
  hidden: number[];
}

/** The day columns [first, last] `item` covers among the 7 `days` (local midnights), or null. */
function coverage(item: EventItem, days: readonly Date[]): [number, number] | null {
  const rowStart = days[0]!;
  const rowEnd = addDays(days[days.length - 1]!, 1);
  // A timed event ending exactly at midnight does not take the next day.
  const lastInstant = item.allDay || item.end.getTime() <= item.start.getTime() ? item.end : new Date(item.end.getTime() - 1);
  const endDay = item.allDay ? addDays(startOfDay(item.end), -1) : startOfDay(lastInstant);
  const startDay = startOfDay(item.start);
  if (endDay < rowStart || startDay >= rowEnd) return null;
  const index = (d: Date): number => days.findIndex((x) => x.getTime() === d.getTime());
  const first = startDay < rowStart ? 0 : index(startDay);
  const last = endDay >= rowEnd ? days.length - 1 : index(endDay);
  if (first < 0 || last < 0) return null;
  return [first, Math.max(first, last)];
}

/**
 * Lays out one week row: longer and all-day events first (as Google Calendar does), then by
 * start; each takes the first lane free on all its days. At most `lanes` lanes are shown;
 * what does not fit is counted per day ("+2 more").
 */
export function layoutMonthRow(days: readonly Date[], items: readonly EventItem[], lanes: number): MonthRow {
  const placed: Array<{ item: EventItem; first: number; last: number }> = [];
  for (const item of items) {
    const c = coverage(item, days);
    if (c) placed.push({ item, first: c[0], last: c[1] });
  }
  placed.sort(
    (a, b) =>
      a.first - b.first ||
      b.last - b.first - (a.last - a.first) ||
      Number(b.item.allDay) - Number(a.item.allDay) ||
      a.item.start.getTime() - b.item.start.getTime() ||
      a.item.title.localeCompare(b.item.title),
  );
  const taken: boolean[][] = [];
  const bars: MonthBar[] = [];
  const hidden = days.map(() => 0);
  for (const p of placed) {
    let lane = 0;
    while (taken[lane]?.slice(p.first, p.last + 1).some(Boolean)) lane++;
    if (lane >= lanes) {
      for (let d = p.first; d <= p.last; d++) hidden[d]!++;
      continue;
    }
    const row = (taken[lane] ??= days.map(() => false));
    for (let d = p.first; d <= p.last; d++) row[d] = true;
    bars.push({
      item: p.item,
      col: p.first,
      span: p.last - p.first + 1,
      lane,
      continuesBefore: startOfDay(p.item.start) < days[0]!,
      continuesAfter: (coverage(p.item, days)?.[1] ?? 0) === days.length - 1 && endsAfter(p.item, days),
    });
  }
  return { bars, hidden };
}

function endsAfter(item: EventItem, days: readonly Date[]): boolean {
  const rowEnd = addDays(days[days.length - 1]!, 1);
  return item.allDay ? item.end > rowEnd : item.end.getTime() > rowEnd.getTime();
}

/** The month shown for a day: the first of its month. */
export const monthOf = (d: Date): Date => new Date(d.getFullYear(), d.getMonth(), 1);

/** The first of the month `by` months from `month`'s. */
export const addMonths = (month: Date, by: number): Date => new Date(month.getFullYear(), month.getMonth() + by, 1);
