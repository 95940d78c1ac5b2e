// Which days the grid shows: a view mode and an anchor day, and how the navigation keys move
// them. Pure calendar arithmetic (days stepped on the local calendar, so DST-safe).
import { addDays, weekOf, type WeekRange } from "../dates";
import type { ViewAction, WeekAction } from "../keyboard";
import { dayIndex, nextMidnight } from "./layout";

export interface ViewPlace {
  mode: ViewAction;
  /** Local midnight of a day in the range shown (the day itself in day view). */
  anchor: Date;
}

/** The range shown (local midnights, end exclusive): the anchor's week, or the anchor's day. */
export function rangeOf(p: ViewPlace): WeekRange {
  return p.mode === "week" ? weekOf(p.anchor) : { start: p.anchor, end: addDays(p.anchor, 1) };
}

/** Days one page moves: a week, or a day. */
export const pageDays = (mode: ViewAction): number => (mode === "week" ? 7 : 1);

/** The local midnights of the days in `r`. */
export function daysOf(r: WeekRange): Date[] {
  const days: Date[] = [];
  for (let d = r.start; d < r.end; d = addDays(d, 1)) days.push(d);
  return days;
}

/**
 * Where an action leads from `p` on `today` (a local midnight), or null when it changes
 * nothing to show (switching to the mode already shown).
 */
export function navigate(p: ViewPlace, action: WeekAction | ViewAction, today: Date): ViewPlace | null {
  switch (action) {
    case "day": {
      if (p.mode === "day") return null;
      // Day view opens on today when today is in the week shown, else on the anchor (the day
      // picked in the mini month, or today's weekday in a week paged to).
      const week = weekOf(p.anchor);
      return { mode: "day", anchor: today >= week.start && today < week.end ? today : p.anchor };
    }
    case "week":
      return p.mode === "week" ? null : { mode: "week", anchor: p.anchor };
    case "today":
      return { mode: p.mode, anchor: today };
    case "next":
    case "prev":
      return { mode: p.mode, anchor: addDays(p.anchor, (action === "next" ? 1 : -1) * pageDays(p.mode)) };
  }
}

/** Index of the day among `days` that holds `t`, or -1 when `t` is on no day shown. */
export function shownDayOf(days: readonly Date[], t: Date): number {
  const d = dayIndex(days, t);
  return d >= 0 && d < days.length && t < nextMidnight(days[d]!) ? d : -1;
}
