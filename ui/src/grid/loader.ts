// Asking the event source for the range shown and drawing its answer. Only the latest
// request draws (an answer to a range since left is dropped), and once the range is drawn
// its neighbours are fetched ahead so paging draws from the cache.
import { addDays, type WeekRange } from "../dates";
import type { OccurrenceSource } from "../occurrence-source";
import type { EventItem } from "./item";

/**
 * How long a new range's days wait for its events: an answer within this (the cache, a fast
 * store) puts days and events up in one frame; a slower one gets an empty grid meanwhile.
 */
export const SWAP_WAIT_MS = 80;

export interface LoaderDeps {
  source: Pick<OccurrenceSource, "events" | "prefetch">;
  range(): WeekRange;
  /** Days one page moves (7 in week view, 1 in day view). */
  pageDays(): number;
  setLoading(loading: boolean): void;
  /** Draws the range's events (and the plan's ghosts with them). */
  show(events: EventItem[]): void;
}

/** The ranges one page after and one page before `r`, in the order they are fetched. */
export function neighbours(r: WeekRange, step: number): [WeekRange, WeekRange] {
  return [
    { start: addDays(r.start, step), end: addDays(r.end, step) },
    { start: addDays(r.start, -step), end: addDays(r.end, -step) },
  ];
}

/**
 * Returns `load(swap?)`: shows the source's items for the current range. `swap` first puts up
 * the range's days: at once with a quick answer, or after SWAP_WAIT_MS as an empty grid.
 */
export function createLoader(deps: LoaderDeps): (swap?: () => void) => void {
  let latest = 0;
  // A new range's days not yet put up. A later load (a refetch after a sync, say) drops the
  // earlier answer, and with it the call that would have put them up: it takes them over.
  let unswapped: (() => void) | undefined;

  const prefetchAround = (): void => {
    for (const r of neighbours(deps.range(), deps.pageDays())) deps.source.prefetch(r);
  };

  return (newDays) => {
    const token = ++latest;
    const swap = newDays ?? unswapped;
    unswapped = swap;
    let swapped = !swap;
    const swapNow = (): void => {
      if (swapped || token !== latest) return;
      swapped = true;
      unswapped = undefined;
      swap?.();
      deps.setLoading(true);
    };
    if (swap) setTimeout(swapNow, SWAP_WAIT_MS);
    else deps.setLoading(true);
    void deps.source.events(deps.range()).then((found) => {
      if (token !== latest) return;
      swapNow();
      // The benchmark reports the script's part of a render (layout and DOM built).
      performance.mark("grid-draw");
      deps.show(found);
      performance.measure("grid-drawn", "grid-draw");
      deps.setLoading(false);
      setTimeout(prefetchAround, 0);
    });
  };
}
