// Layout to DOM: every item of the range placed (layout.ts) and built into fragments off the
// document, then swapped into the day columns and the all-day row in one pass, so the engine
// lays out and paints once. A redraw of exactly what is shown is skipped: no work, no flicker.
import type { GridItem } from "./item";
import { allDayBars, layoutDay, timedSegments, type Segment } from "./layout";
import { barElement, timedElement } from "./elements";
import { allDayHeight, MIN_MINUTES } from "./metrics";
import type { Skeleton } from "./skeleton";

/** What a drawing of `all` looks like: equal strings draw the same elements. */
export function redrawSignature(all: readonly GridItem[]): string {
  return JSON.stringify(
    all.map((i) => [
      i.id,
      i.start.getTime(),
      i.end.getTime(),
      i.title,
      i.allDay,
      // Everything an element shows: a changed reason or plan mark alone must redraw too.
      i.kind === "ghost"
        ? [i.selected, i.props.move, i.props.start, i.props.reason]
        : [i.color, i.props.calendar, i.props.location, i.props.start, i.props.plan?.project ?? null, i.props.plan !== null, i.props.plan?.locked ?? false],
    ]),
  );
}

/** Remembers what the columns show and says whether a new set of items needs drawing. */
export class RedrawGate {
  private drawn = "";

  /** True (and taken as drawn) when `all` differs from what is shown, or when forced. */
  admit(all: readonly GridItem[], force: boolean): boolean {
    const sig = redrawSignature(all);
    if (!force && sig === this.drawn) return false;
    this.drawn = sig;
    return true;
  }

  /** The columns were emptied (new days): the next drawing happens whatever it holds. */
  reset(): void {
    this.drawn = "";
  }
}

/** Replaces the items in `sk`'s columns and all-day row with `all`. */
export function drawItems(sk: Skeleton, all: readonly GridItem[]): void {
  const { days, columns } = sk;
  const byDay = days.map((): Segment[] => []);
  for (const s of timedSegments(all, days)) byDay[s.day]!.push(s);
  columns.forEach((col, d) => {
    const frag = document.createDocumentFragment();
    for (const p of layoutDay(byDay[d]!, MIN_MINUTES)) frag.append(timedElement(p));
    col.replaceChildren(frag);
  });
  const bars = allDayBars(all, days);
  const lanes = bars.reduce((n, b) => Math.max(n, b.lane + 1), 0);
  const frag = document.createDocumentFragment();
  for (const b of bars) frag.append(barElement(b, days.length));
  sk.allDayLanes.replaceChildren(frag);
  sk.allDayLanes.style.height = allDayHeight(lanes);
}
