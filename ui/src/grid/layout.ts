// Where each item goes in the grid, as pure arithmetic on local wall-clock time: timed items
// cut into one segment per day and laid out side by side where they overlap, all-day items
// packed into lanes. No DOM, no measuring: the view turns these numbers into styles in one
// pass, which is what keeps a busy week fast to draw.
import type { GridItem } from "./item";

export const MINUTES_PER_DAY = 24 * 60;

/** Minutes since local midnight of the day `d` falls on, as the wall clock shows them. */
export function wallMinutes(d: Date): number {
  return d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60;
}

/** Index of the day (local midnights, ascending) holding `t`, or -1 before / `days.length` after. */
export function dayIndex(days: readonly Date[], t: Date): number {
  if (days.length === 0 || t < days[0]!) return -1;
  for (let i = days.length - 1; i >= 0; i--) if (t >= days[i]!) return i;
  return -1;
}

/** The local midnight after `day`, DST-safe. */
export function nextMidnight(day: Date): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
}

/** A timed item's part on one day, in wall-clock minutes of that day. */
export interface Segment {
  item: GridItem;
  day: number;
  startMin: number;
  endMin: number;
  /** It began on an earlier day / goes on into a later one. */
  fromBefore: boolean;
  toAfter: boolean;
}

/** Timed items cut at local midnights into segments on the days shown. */
export function timedSegments(items: readonly GridItem[], days: readonly Date[]): Segment[] {
  const out: Segment[] = [];
  for (const item of items) {
    if (item.allDay) continue;
    if (days.length === 0 || (item.start < days[0]! && item.end <= days[0]!)) continue;
    const first = Math.max(0, dayIndex(days, item.start));
    for (let d = first; d < days.length; d++) {
      const dayStart = days[d]!;
      const dayEnd = nextMidnight(dayStart);
      // After the days shown; or ended on an earlier day (a zero-length item stays on its own).
      if (item.start >= dayEnd) break;
      if (d > first && item.end <= dayStart) break;
      const fromBefore = item.start < dayStart;
      const toAfter = item.end > dayEnd;
      const startMin = fromBefore ? 0 : wallMinutes(item.start);
      const endMin = toAfter || item.end.getTime() === dayEnd.getTime() ? MINUTES_PER_DAY : wallMinutes(item.end);
      out.push({ item, day: d, startMin, endMin: Math.max(startMin, endMin), fromBefore, toAfter });
    }
  }
  return out;
}

/** A segment with its place across the day's width: column `col` of `cols`, `span` wide. */
export interface Placed extends Segment {
  col: number;
  cols: number;
  span: number;
}

/**
 * Side by side where they overlap, as calendar apps do: each cluster of overlapping
 * segments gets as many columns as it needs at most, each segment the first free column,
 * and then widens into the columns to its right that nothing overlapping uses.
 * `minMinutes` is the shortest drawn height, so tiny items do not cover each other.
 */
export function layoutDay(segments: readonly Segment[], minMinutes: number): Placed[] {
  const sorted = [...segments].sort((a, b) => a.startMin - b.startMin || b.endMin - a.endMin || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
  const visualEnd = (s: Segment): number => Math.max(s.endMin, s.startMin + minMinutes);
  const out: Placed[] = [];
  let cluster: Placed[] = [];
  let columnEnds: number[] = [];
  let clusterEnd = -Infinity;

  const close = (): void => {
    const cols = columnEnds.length;
    for (const p of cluster) {
      p.cols = cols;
      let span = 1;
      while (p.col + span < cols && !cluster.some((q) => q.col === p.col + span && q.startMin < visualEnd(p) && p.startMin < visualEnd(q))) span++;
      p.span = span;
    }
    out.push(...cluster);
    cluster = [];
    columnEnds = [];
  };

  for (const s of sorted) {
    if (s.startMin >= clusterEnd && cluster.length > 0) close();
    let col = columnEnds.findIndex((end) => end <= s.startMin);
    if (col < 0) {
      col = columnEnds.length;
      columnEnds.push(0);
    }
    columnEnds[col] = visualEnd(s);
    clusterEnd = cluster.length === 0 ? visualEnd(s) : Math.max(clusterEnd, visualEnd(s));
    cluster.push({ ...s, col, cols: 1, span: 1 });
  }
  if (cluster.length > 0) close();
  return out;
}

/** An all-day item's bar: first and last day shown (inclusive) and its lane from the top. */
export interface Bar {
  item: GridItem;
  first: number;
  last: number;
  lane: number;
  fromBefore: boolean;
  toAfter: boolean;
}

/** All-day items packed into as few lanes as possible, longest first where they start together. */
export function allDayBars(items: readonly GridItem[], days: readonly Date[]): Bar[] {
  if (days.length === 0) return [];
  const rangeEnd = nextMidnight(days[days.length - 1]!);
  const bars: Omit<Bar, "lane">[] = [];
  for (const item of items) {
    if (!item.allDay || item.end <= days[0]! || item.start >= rangeEnd) continue;
    const first = Math.max(0, dayIndex(days, item.start));
    const last = Math.min(days.length - 1, dayIndex(days, new Date(item.end.getTime() - 1)));
    bars.push({ item, first, last, fromBefore: item.start < days[0]!, toAfter: item.end > rangeEnd });
  }
  bars.sort((a, b) => a.first - b.first || b.last - a.last || (a.item.id < b.item.id ? -1 : 1));
  const laneEnds: number[] = [];
  return bars.map((b) => {
    let lane = laneEnds.findIndex((end) => end < b.first);
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = b.last;
    return { ...b, lane };
  });
}
