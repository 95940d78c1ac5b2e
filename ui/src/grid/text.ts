// What the grid says in words: clock times, an item's third line and its screen-reader label.
// Pure, so the wording the end-to-end tests and screen readers rely on is unit-tested.
import type { GhostItem, GridItem } from "./item";

export const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "HH:MM" on the local wall clock. */
export const clock = (d: Date): string => `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;

/** "HH:MM – HH:MM". */
export const timeSpan = (start: Date, end: Date): string => `${clock(start)} – ${clock(end)}`;

/** Under the title: an event's location, or what a ghost is (its reason first). */
export function extraLine(item: GridItem): string | null {
  if (item.kind === "event") return item.props.location;
  return item.props.reason ?? (item.props.move ? "Re-plan: move here" : "Proposed");
}

/** The aria-label of an event or ghost where it is drawn. */
export function itemLabel(item: GridItem): string {
  const when = item.allDay ? "all day" : timeSpan(item.start, item.end);
  if (item.kind === "event") {
    const p = item.props;
    return `${p.plan ? (p.plan.locked ? "Locked planned block: " : "Planned block: ") : ""}${item.title}, ${when}, ${p.calendar}`;
  }
  const g = item.props;
  return (
    `${g.move ? "Re-plan would move" : "Proposed block"}: ${item.title}, ${when}.${g.reason ? ` ${g.reason}.` : ""}` +
    " Enter or click accepts it here, Escape rejects it, drag to accept it at another time."
  );
}

/** The aria-label of a ghost moved with the keyboard and not yet accepted. */
export function movedLabel(item: GhostItem, start: Date): string {
  const at = start.toLocaleString(undefined, { weekday: "long", hour: "2-digit", minute: "2-digit" });
  return `Proposed block: ${item.title}, moved to ${at}. Enter accepts it there, Escape puts it back.`;
}
