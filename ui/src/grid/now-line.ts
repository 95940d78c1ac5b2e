// The current-time line across today's column, and the clock that moves it (and, past
// midnight, moves the highlighted day on).
import { toLocalDate } from "../dates";
import { wallMinutes } from "./layout";
import { PX_PER_MINUTE } from "./metrics";
import { shownDayOf } from "./navigation";

/** How often the line moves: often enough to look right, rarely enough to cost nothing. */
const TICK_MS = 30_000;

/** The line's style for `t` among `days`, or null when `t` is not on a day shown. */
export function nowLineStyle(days: readonly Date[], t: Date): string | null {
  const d = shownDayOf(days, t);
  if (d < 0) return null;
  return `top:${wallMinutes(t) * PX_PER_MINUTE}px;left:${(d / days.length) * 100}%;width:${100 / days.length}%`;
}

export function placeNowLine(line: HTMLElement, days: readonly Date[]): void {
  const style = nowLineStyle(days, new Date());
  line.hidden = style === null;
  if (style !== null) line.style.cssText = style;
}

/** Calls `tick` every half minute, or `newDay` instead when the local date has changed. */
export function startClock(tick: () => void, newDay: () => void): void {
  let today = toLocalDate(new Date());
  setInterval(() => {
    const date = toLocalDate(new Date());
    if (date === today) return tick();
    today = date;
    newDay();
  }, TICK_MS);
}
