// Where the hours are scrolled: opening at the current time (or early in a working day), a
// revealed item a little below the top, and the grid scrolling while a drag nears its edge.
import type { WeekRange } from "../dates";
import { wallMinutes } from "./layout";
import { PX_PER_MINUTE } from "./metrics";

/** Where the hours open when today is not shown: early in a working day. */
export const SCROLL_TO_MINUTES = 7.5 * 60;
/** How far above the current time (or a revealed item) the hours open, in minutes. */
export const LEAD_MINUTES = 90;
/** Within this many pixels of the hours' top or bottom, a drag scrolls the grid ... */
export const EDGE_PX = 32;
/** ... by this many pixels per pointer move. */
export const EDGE_STEP_PX = 16;

/** The scrollTop that puts `minutes` after midnight a little below the top. */
export function scrollTopFor(minutes: number): number {
  return Math.max(0, (minutes - LEAD_MINUTES) * PX_PER_MINUTE);
}

/** Minutes after midnight to open at: now when `range` holds it, else early morning. */
export function openingMinutes(now: Date, range: WeekRange): number {
  return now >= range.start && now < range.end ? wallMinutes(now) : SCROLL_TO_MINUTES + LEAD_MINUTES;
}

/** How far to scroll with the pointer at `y`, between the hours' visible `top` and `bottom`. */
export function edgeScroll(y: number, top: number, bottom: number): number {
  if (y < top + EDGE_PX) return -EDGE_STEP_PX;
  if (y > bottom - EDGE_PX) return EDGE_STEP_PX;
  return 0;
}

export function scrollToMinutes(scroller: HTMLElement, minutes: number): void {
  scroller.scrollTop = scrollTopFor(minutes);
}
