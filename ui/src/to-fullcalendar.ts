// Maps store occurrences to FullCalendar event inputs. The original strings travel along in
// extendedProps so the DOM can expose exactly what the Rust side sent (tests compare them).
import type { EventInput } from "@fullcalendar/core";
import type { OccurrenceView } from "./bindings/OccurrenceView";
import { readableTextColor } from "./colors";

export interface OccurrenceProps {
  uid: string;
  recurrenceId: string | null;
  eventId: string;
  calendarId: string;
  calendar: string;
  /** The start exactly as list_occurrences returned it. */
  start: string;
  location: string | null;
  color: string;
}

/**
 * One id per occurrence: a recurring series shares its uid, so the recurrence id tells the
 * instances apart; an occurrence without one (single event) is unique by uid and start.
 */
export function occurrenceId(o: OccurrenceView): string {
  return `${o.calendar_id}/${o.uid}/${o.recurrence_id ?? o.start}`;
}

export function toEventInput(o: OccurrenceView): EventInput {
  const extendedProps: OccurrenceProps = {
    uid: o.uid,
    recurrenceId: o.recurrence_id,
    eventId: o.event_id,
    calendarId: o.calendar_id,
    calendar: o.calendar,
    start: o.start,
    location: o.location,
    color: o.color,
  };
  return {
    id: occurrenceId(o),
    title: o.summary,
    // Timed: RFC 3339 instants, placed in the local zone by FullCalendar.
    // All-day: plain dates with an exclusive end, FullCalendar's own convention.
    start: o.start,
    end: o.end,
    allDay: o.all_day,
    backgroundColor: o.color,
    borderColor: o.color,
    textColor: readableTextColor(o.color),
    editable: false,
    extendedProps,
  };
}

export function toEventInputs(occurrences: readonly OccurrenceView[]): EventInput[] {
  return occurrences.map(toEventInput);
}
