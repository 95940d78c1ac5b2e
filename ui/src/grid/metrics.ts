// The grid's sizes and the pixel arithmetic that turns laid-out items into inline styles.
// Pure: the view writes these strings in one pass and never measures an item back.
import { wallMinutes, type Bar, type Placed } from "./layout";

export const HOUR_PX = 52;
export const PX_PER_MINUTE = HOUR_PX / 60;
/** The shortest an item is drawn: a quarter of an hour, so that back-to-back short blocks stack. */
export const MIN_MINUTES = 15;
/** Shorter than this, title and time share one line. */
export const SHORT_PX = 34;
export const ALLDAY_LANE_PX = 22;

/** A timed segment's box within its day column, and whether it is drawn as a short one. */
export function timedBox(p: Placed): { style: string; short: boolean } {
  const top = p.startMin * PX_PER_MINUTE;
  const height = Math.max(p.endMin - p.startMin, MIN_MINUTES) * PX_PER_MINUTE;
  const left = (p.col / p.cols) * 100;
  const width = (p.span / p.cols) * 100;
  return { style: `top:${top}px;height:${height - 1}px;left:${left}%;width:calc(${width}% - 2px)`, short: height < SHORT_PX };
}

/** An all-day bar's box within the all-day row of `days` days. */
export function barBox(b: Bar, days: number): string {
  const left = (b.first / days) * 100;
  const width = ((b.last - b.first + 1) / days) * 100;
  return `top:${b.lane * ALLDAY_LANE_PX}px;left:calc(${left}% + 2px);width:calc(${width}% - 4px)`;
}

/** Height of the all-day row holding `lanes` lanes (one at least, so the row keeps its place). */
export function allDayHeight(lanes: number): string {
  return `${Math.max(1, lanes) * ALLDAY_LANE_PX + 4}px`;
}

/** A ghost shown at `start` before it is accepted there: the full width of its day column. */
export function previewBox(start: Date, minutes: number): string {
  return `top:${wallMinutes(start) * PX_PER_MINUTE}px;height:${Math.max(minutes, MIN_MINUTES) * PX_PER_MINUTE - 1}px;left:0;width:calc(100% - 2px)`;
}
