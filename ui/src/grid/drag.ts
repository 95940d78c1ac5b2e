// Dragging a ghost block to a new time. The arithmetic is pure (tested); the pointer
// handling moves the block itself as a preview and reports the drop.
import { trackGesture } from "./gesture";
import type { GhostItem } from "./item";
import { MINUTES_PER_DAY } from "./layout";

export const SNAP_MINUTES = 15;

/** Where the day columns are on screen: minute 0 of the first day at (left, top). */
export interface Geometry {
  left: number;
  top: number;
  width: number;
  days: number;
  pxPerMinute: number;
}

export interface GridPoint {
  day: number;
  minute: number;
}

/** The day column and minute under a pointer, clamped to the grid. */
export function pointAt(g: Geometry, x: number, y: number): GridPoint {
  const day = Math.min(g.days - 1, Math.max(0, Math.floor(((x - g.left) / g.width) * g.days)));
  const minute = Math.min(MINUTES_PER_DAY - 1, Math.max(0, (y - g.top) / g.pxPerMinute));
  return { day, minute };
}

const snap = (minute: number): number => Math.floor(minute / SNAP_MINUTES) * SNAP_MINUTES;

/**
 * The start a drag gives: moved by the days and by the snapped minutes between the points
 * under the pointer at press and at release, on the wall clock (so across a DST change the
 * block keeps its clock time, as a user dragging it expects).
 */
export function movedStart(start: Date, press: GridPoint, release: GridPoint): Date {
  const r = new Date(start.getTime());
  r.setDate(r.getDate() + release.day - press.day);
  r.setMinutes(r.getMinutes() + snap(release.minute) - snap(press.minute));
  return r;
}

export interface DragDeps {
  geometry(): Geometry;
  ghost(el: HTMLElement): GhostItem | undefined;
  /** Shows the dragged block at `start` (its preview). */
  preview(el: HTMLElement, item: GhostItem, start: Date): void;
  /** Dropped at a new start, or put back (start null). */
  drop(item: GhostItem, start: Date | null): void;
  /** The pointer is at `y` while dragging: scroll if it is near the visible hours' edge. */
  edge(y: number): void;
}

/** Pixels a press may move and still be a click. */
const CLICK_SLOP = 4;

/** Binds ghost dragging in `root`; answers whether a click just ended a drag (to ignore it). */
export function bindGhostDrag(root: HTMLElement, deps: DragDeps): { endedDrag(): boolean } {
  let active: { el: HTMLElement; item: GhostItem; x: number; y: number; press: GridPoint; start: Date; moved: boolean } | null = null;
  // The click that follows the release of a drag (dropped or cancelled) is not an accept.
  let suppressClick = false;

  let untrack = (): void => undefined;
  const stop = (): void => {
    untrack();
    active?.el.classList.remove("is-dragging");
    root.classList.remove("is-dragging");
    active = null;
  };
  const onMove = (e: PointerEvent): void => {
    if (!active) return;
    if (!active.moved && Math.hypot(e.clientX - active.x, e.clientY - active.y) < CLICK_SLOP) return;
    if (!active.moved) {
      active.moved = true;
      active.el.classList.add("is-dragging");
      root.classList.add("is-dragging");
    }
    deps.edge(e.clientY);
    const start = movedStart(active.item.start, active.press, pointAt(deps.geometry(), e.clientX, e.clientY));
    if (start.getTime() !== active.start.getTime()) {
      active.start = start;
      deps.preview(active.el, active.item, start);
    }
  };
  const onUp = (): void => {
    if (!active) return;
    const { item, start, moved } = active;
    stop();
    if (!moved) return; // a click: the click handler accepts it where it is
    suppressClick = true;
    deps.drop(item, start.getTime() === item.start.getTime() ? null : start);
  };
  const onCancel = (): void => {
    if (!active) return;
    const { item, moved } = active;
    stop();
    if (!moved) return;
    suppressClick = true;
    deps.drop(item, null);
  };

  root.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    suppressClick = false;
    if (active) onCancel();
    const el = (e.target as Element).closest<HTMLElement>('[data-testid="ghost"]');
    const item = el ? deps.ghost(el) : undefined;
    if (!el || !item) return;
    active = { el, item, x: e.clientX, y: e.clientY, press: pointAt(deps.geometry(), e.clientX, e.clientY), start: item.start, moved: false };
    // Escape during a drag cancels it; it must not also reject the ghost.
    untrack = trackGesture({ move: onMove, up: onUp, cancel: onCancel, escapes: () => active?.moved === true });
  });

  return { endedDrag: () => suppressClick };
}
