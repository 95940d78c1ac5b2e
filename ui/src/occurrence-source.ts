// The week grid's event source: fetches list_occurrences for exactly the visible range and
// keeps the answers of the last few ranges, so toggling a calendar re-filters without
// another round trip and paging to a neighbouring week (fetched ahead) draws at once.
import type { OccurrenceView } from "./bindings/OccurrenceView";
import type { EventItem } from "./grid/item";
import { toGridItems } from "./to-grid";

export interface SourceRange {
  start: Date;
  end: Date;
}

export interface OccurrenceSourceDeps {
  fetch: (from: string, to: string) => Promise<OccurrenceView[]>;
  filter: (occurrences: readonly OccurrenceView[]) => OccurrenceView[];
  onError: (error: unknown) => void;
}

export interface OccurrenceSource {
  /** The grid items of the calendars shown, for `range`. */
  events: (range: SourceRange) => Promise<EventItem[]>;
  /** Fetches `range` into the cache ahead of need; a failure is left to the real request. */
  prefetch: (range: SourceRange) => void;
  /** Forget the cached answers so the next call asks the store again. */
  invalidate: () => void;
}

/** Ranges kept: the one shown, its neighbours both ways, and a few visited. */
const KEEP = 6;

export function createOccurrenceSource(deps: OccurrenceSourceDeps): OccurrenceSource {
  // Insertion order is recency: a hit is moved to the end, the oldest dropped first.
  let cache = new Map<string, Promise<OccurrenceView[]>>();

  const key = ({ start, end }: SourceRange): string => `${start.toISOString()}/${end.toISOString()}`;

  function request(range: SourceRange): Promise<OccurrenceView[]> {
    const k = key(range);
    const hit = cache.get(k);
    if (hit) {
      cache.delete(k);
      cache.set(k, hit);
      return hit;
    }
    performance.mark("occurrences-fetch");
    const answer = deps.fetch(range.start.toISOString(), range.end.toISOString()).then((found) => {
      // The benchmark splits a week's render into the store's answer and the drawing.
      performance.measure("occurrences-fetched", "occurrences-fetch");
      return found;
    });
    const generation = cache;
    // A failed answer is not kept, so the next call asks again.
    answer.catch(() => {
      if (generation.get(k) === answer) generation.delete(k);
    });
    cache.set(k, answer);
    while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
    return answer;
  }

  return {
    async events(range) {
      try {
        return toGridItems(deps.filter(await request(range)));
      } catch (e) {
        deps.onError(e);
        return [];
      }
    },
    prefetch(range) {
      request(range).catch(() => undefined);
    },
    invalidate() {
      cache = new Map();
    },
  };
}
