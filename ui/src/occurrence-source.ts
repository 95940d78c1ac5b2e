// The FullCalendar event source: fetches list_occurrences for exactly the visible range and
// keeps that answer, so toggling a calendar re-filters without another round trip.
import type { EventInput } from "@fullcalendar/core";
import type { OccurrenceView } from "./bindings/OccurrenceView";
import { toEventInputs } from "./to-fullcalendar";

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
  /** Pass as FullCalendar's `events` function. */
  events: (range: SourceRange) => Promise<EventInput[]>;
  /** Forget the cached answer so the next call asks the store again. */
  invalidate: () => void;
}

export function createOccurrenceSource(deps: OccurrenceSourceDeps): OccurrenceSource {
  let cached: { key: string; occurrences: OccurrenceView[] } | null = null;

  return {
    async events({ start, end }) {
      const from = start.toISOString();
      const to = end.toISOString();
      const key = `${from}/${to}`;
      if (cached?.key !== key) {
        try {
          performance.mark("occurrences-fetch");
          cached = { key, occurrences: await deps.fetch(from, to) };
          // The benchmark splits a week's render into the store's answer and the drawing.
          performance.measure("occurrences-fetched", "occurrences-fetch");
        } catch (e) {
          cached = null;
          deps.onError(e);
          return [];
        }
      }
      return toEventInputs(deps.filter(cached.occurrences));
    },
    invalidate() {
      cached = null;
    },
  };
}
