// The mouse on events and empty time: drag an event to move it, drag its bottom edge to
// resize it, drag (or click) on empty time to draft a new event. The arithmetic is pure
// (tested); the pointer handling previews in place and reports the result on release.
import { movedStart, pointAt, SNAP_MINUTES, type Geometry, type GridPoint } from "./drag";
import { trackGesture } from "./gesture";
import type { EventItem } from "./item";
import { MIN_MINUTES } from "./metrics";

/** Minutes a click on empty time drafts (Google Calendar's default length). */
export const CLICK_DRAFT_MINUTES = 60;

const floorSnap = (m: number): number => Math.floor(m / SNAP_MINUTES) * SNAP_MINUTES;
const ceilSnap = (m: number): number => Math.ceil(m / SNAP_MINUTES) * SNAP_MINUTES;

/** The wall-clock instant of `minute` on `day` (a local midnight). */
function at(day: Date, minute: number): Date {
  const d = new Date(day.getTime());
  d.setHours(0, minute, 0, 0);
  return d;
}

/**
 * The end a resize gives: moved by the snapped minutes between press and release, never
 * less than a quarter of an hour after the start.
 */
export function resizedEnd(item: { start: Date; end: Date }, press: GridPoint, release: GridPoint): Date {
  const end = movedStart(item.end, press, {
    day: press.day,
    minute: press.minute + floorSnap(release.minute) - floorSnap(press.minute) + (release.day - press.day) * 1440,
  });
  const min = item.start.getTime() + MIN_MINUTES * 60_000;
  return end.getTime() < min ? new Date(min) : end;
}

/**
 * The times a press and release on empty time draft: from the earlier to the later point,
 * snapped outward to quarter hours, on the day pressed; a click (no length) an hour.
 */
export function draftRange(days: readonly Date[], press: GridPoint, release: GridPoint): { start: Date; end: Date } {
  const day = days[press.day]!;
  const a = Math.min(press.minute, release.minute);
  const b = Math.max(press.minute, release.minute);
  const from = floorSnap(a);
  let to = ceilSnap(b);
  if (to - from < SNAP_MINUTES * 2 && Math.abs(release.minute - press.minute) < SNAP_MINUTES / 2) to = from + CLICK_DRAFT_MINUTES;
  to = Math.max(to, from + SNAP_MINUTES);
  return { start: at(day, from), end: at(day, Math.min(to, 1440)) };
}

export interface EventDragDeps {
  geometry(): Geometry;
  days(): readonly Date[];
  event(el: HTMLElement): EventItem | undefined;
  /** Shows the event at these times while dragging. */
  preview(el: HTMLElement, item: EventItem, start: Date, end: Date): void;
  /** Shows the drafted times of a new event (null: remove the draft). */
  draft(range: { start: Date; end: Date } | null): void;
  /** Released: the event moved or resized (false puts it back). */
  change(item: EventItem, start: Date, end: Date): void;
  /** Released on empty time: create an event there. */
  create(start: Date, end: Date): void;
  /** Released where it was pressed: the item is put back as drawn. */
  putBack(): void;
  edge(y: number): void;
}

const CLICK_SLOP = 4;

type Active =
  | { mode: "move" | "resize"; el: HTMLElement; item: EventItem; x: number; y: number; press: GridPoint; start: Date; end: Date; moved: boolean }
  | { mode: "create"; x: number; y: number; press: GridPoint; range: { start: Date; end: Date }; moved: boolean };

/** Binds event dragging and drafting in the time grid `cols`; answers whether a click just ended a drag. */
export function bindEventDrag(root: HTMLElement, cols: () => HTMLElement, deps: EventDragDeps): { endedDrag(): boolean } {
  let active: Active | null = null;
  let suppressClick = false;

  let untrack = (): void => undefined;
  const stop = (): void => {
    untrack();
    if (active && active.mode !== "create") active.el.classList.remove("is-dragging");
    root.classList.remove("is-dragging");
    active = null;
  };
  const onMove = (e: PointerEvent): void => {
    if (!active) return;
    if (!active.moved && Math.hypot(e.clientX - active.x, e.clientY - active.y) < CLICK_SLOP) return;
    if (!active.moved) {
      active.moved = true;
      root.classList.add("is-dragging");
      if (active.mode !== "create") active.el.classList.add("is-dragging");
    }
    deps.edge(e.clientY);
    const point = pointAt(deps.geometry(), e.clientX, e.clientY);
    if (active.mode === "create") {
      active.range = draftRange(deps.days(), active.press, { day: active.press.day, minute: point.minute });
      deps.draft(active.range);
      return;
    }
    const { item } = active;
    const length = item.end.getTime() - item.start.getTime();
    const start = active.mode === "move" ? movedStart(item.start, active.press, point) : item.start;
    const end = active.mode === "move" ? new Date(start.getTime() + length) : resizedEnd(item, active.press, point);
    if (start.getTime() !== active.start.getTime() || end.getTime() !== active.end.getTime()) {
      active.start = start;
      active.end = end;
      deps.preview(active.el, item, start, end);
    }
  };
  const onUp = (): void => {
    const a = active;
    if (!a) return;
    stop();
    if (a.mode === "create") {
      suppressClick = true;
      deps.draft(a.range);
      deps.create(a.range.start, a.range.end);
      return;
    }
    if (!a.moved) return; // a click: the click handler opens the event
    suppressClick = true;
    if (a.start.getTime() === a.item.start.getTime() && a.end.getTime() === a.item.end.getTime()) deps.putBack();
    else deps.change(a.item, a.start, a.end);
  };
  const onCancel = (): void => {
    const a = active;
    if (!a) return;
    stop();
    if (a.mode === "create") deps.draft(null);
    else if (a.moved) deps.putBack();
    suppressClick = a.moved;
  };

  root.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    suppressClick = false;
    if (active) onCancel();
    const target = e.target as Element;
    if (target.closest('[data-testid="ghost"]')) return; // ghosts have their own drag (drag.ts)
    const press = (): GridPoint => pointAt(deps.geometry(), e.clientX, e.clientY);
    const el = target.closest<HTMLElement>('[data-testid="event"].is-editable');
    if (el) {
      const item = deps.event(el);
      if (!item || item.allDay) return;
      const mode = target.closest(".ev-resize") ? "resize" : "move";
      active = { mode, el, item, x: e.clientX, y: e.clientY, press: press(), start: item.start, end: item.end, moved: false };
    } else if (!target.closest("[data-item]") && cols().contains(target)) {
      const p = press();
      active = { mode: "create", x: e.clientX, y: e.clientY, press: p, range: draftRange(deps.days(), p, p), moved: false };
      e.preventDefault(); // no text selection while drafting
    } else {
      return;
    }
    untrack = trackGesture({ move: onMove, up: onUp, cancel: onCancel, escapes: () => true });
  });

  return { endedDrag: () => suppressClick };
}
