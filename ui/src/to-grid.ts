// Maps store occurrences to grid items. The original strings travel along in `props` so the
// DOM can expose exactly what the Rust side sent (tests compare them).
import type { OccurrenceView } from "./bindings/OccurrenceView";
import { projectColor, readableTextColor } from "./colors";
import { parseLocalDate } from "./dates";
import type { EventItem } from "./grid/item";

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
  /** A block Miraage planned for a task: its task's project, if any, and whether the user
   * locked it where it is. */
  plan: { project: string | null; locked: boolean } | null;
  /** Null when it may be moved, resized and deleted; else why not (by calendar title). */
  readOnly: string | null;
}

/**
 * One id per occurrence: a recurring series shares its uid, so the recurrence id tells the
 * instances apart; an occurrence without one (single event) is unique by uid and start.
 */
export function occurrenceId(o: OccurrenceView): string {
  return `${o.calendar_id}/${o.uid}/${o.recurrence_id ?? o.start}`;
}

/** All-day dates are local calendar days ("YYYY-MM-DD", end exclusive); timed ones instants. */
function when(value: string, allDay: boolean): Date {
  return (allDay ? parseLocalDate(value) : null) ?? new Date(value);
}

export function toGridItem(o: OccurrenceView): EventItem {
  const start = when(o.start, o.all_day);
  const end = when(o.end, o.all_day);
  // A plan block takes its project's colour, not its calendar's: it should not pass for a
  // personal event.
  const color = o.plan ? projectColor(o.plan.project) : o.color;
  return {
    kind: "event",
    id: occurrenceId(o),
    title: o.summary,
    start,
    // An all-day event ending where it starts still takes its day.
    end: o.all_day && end <= start ? new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1) : end,
    allDay: o.all_day,
    color,
    textColor: readableTextColor(color),
    props: {
      uid: o.uid,
      recurrenceId: o.recurrence_id,
      eventId: o.event_id,
      calendarId: o.calendar_id,
      calendar: o.calendar,
      start: o.start,
      location: o.location,
      color: o.color,
      plan: o.plan ? { project: o.plan.project, locked: o.plan.locked } : null,
      readOnly: o.read_only,
    },
  };
}

export function toGridItems(occurrences: readonly OccurrenceView[]): EventItem[] {
  return occurrences.map(toGridItem);
}
