// The keyboard on grid items. Enter or Space opens an event's details. On a focused ghost,
// the keyboard's way to drag: Shift+Up/Down moves it by 15 minutes, Shift+Left/Right by a
// day (on the wall clock, within the days shown); Enter accepts it there, Escape puts it back.
import { SNAP_MINUTES } from "./drag";
import type { EventItem, GhostItem } from "./item";
import { shownDayOf } from "./navigation";
import { previewAt } from "./preview";
import type { ShownItems } from "./shown";
import type { Skeleton } from "./skeleton";
import { movedLabel } from "./text";

export type KeyStep = readonly [days: number, minutes: number];

const KEY_STEPS: Record<string, KeyStep> = {
  ArrowUp: [0, -SNAP_MINUTES],
  ArrowDown: [0, SNAP_MINUTES],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

/** The parts of a KeyboardEvent the step looks at (structural, for unit tests). */
export type StepKey = Pick<KeyboardEvent, "key" | "shiftKey" | "ctrlKey" | "metaKey" | "altKey">;

/** The move a key asks for: Shift with an arrow and no other modifier. */
export function keyStep(e: StepKey): KeyStep | undefined {
  return e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey ? KEY_STEPS[e.key] : undefined;
}

/** `start` moved by `step` on the wall clock (a day later is the same clock time across DST). */
export function steppedStart(start: Date, [days, minutes]: KeyStep): Date {
  const r = new Date(start.getTime());
  r.setDate(r.getDate() + days);
  r.setMinutes(r.getMinutes() + minutes);
  return r;
}

export interface ItemKeysDeps {
  sk: Skeleton;
  shown: ShownItems;
  accept(ghostId: string, start: Date): void;
  openEvent(item: EventItem, el: HTMLElement): void;
  /** Redraws the items as they are (a moved ghost back where the plan has it). */
  putBack(): void;
}

export interface KeyMove {
  /** After a redraw: the ghost moved and not yet accepted is shown moved again (or forgotten if gone). */
  reapply(): void;
}

export function bindItemKeys(root: HTMLElement, deps: ItemKeysDeps): KeyMove {
  /** A ghost moved with the keyboard and not yet accepted. */
  let move: { id: string; start: Date } | null = null;

  const stepGhost = (el: HTMLElement, item: GhostItem, step: KeyStep): void => {
    const start = steppedStart(move?.id === item.id ? move.start : item.start, step);
    // Within the days shown; the planner's own checks apply when it is accepted.
    if (shownDayOf(deps.sk.days, start) < 0) return;
    move = { id: item.id, start };
    previewAt(deps.sk, el, item, start);
    el.setAttribute("aria-label", movedLabel(item, start));
  };

  root.addEventListener("keydown", (e) => {
    const hit = deps.shown.at(e.target);
    if (!hit) return;
    const [el, item] = hit;
    if (item.kind === "event") {
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
      deps.openEvent(item, el);
      return;
    }
    const moved = move?.id === item.id ? move : null;
    const step = keyStep(e);
    if (step) {
      // Also at the edge of the days shown: Shift+arrows never reach the page's shortcuts.
      e.preventDefault();
      e.stopPropagation();
      stepGhost(el, item, step);
    } else if (moved && e.key === "Enter") {
      e.preventDefault();
      move = null;
      deps.accept(item.props.ghostId, moved.start);
    } else if (moved && e.key === "Escape") {
      e.preventDefault();
      move = null;
      deps.putBack();
    }
  });

  return {
    reapply() {
      if (!move) return;
      const item = deps.shown.get(move.id);
      const el = item?.kind === "ghost" ? deps.shown.element(move.id) : null;
      if (item?.kind === "ghost" && el) previewAt(deps.sk, el, item, move.start);
      else move = null;
    },
  };
}
