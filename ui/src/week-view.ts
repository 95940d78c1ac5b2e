// The week (and day) grid: day headers, the all-day row, the time grid with events and the
// plan's ghost blocks side by side, the current-time line, and dragging ghosts to a new time.
//
// Drawn by hand rather than by a calendar library: FullCalendar took about 300 ms of script
// and layout per busy week in WebKitGTK (it measures the DOM while it renders). Here the
// layout is arithmetic (grid/layout.ts) and each render builds the columns off-document and
// swaps them in at once, so the engine lays out and paints one time (grid/draw.ts, which also
// skips a redraw of exactly what is shown).
//
// This file only puts the parts together and holds what they share: which days are shown
// (grid/navigation.ts), the events and ghosts last fetched, and the one `draw` they all call.
// The parts: grid/skeleton.ts (scaffold and day columns), grid/elements.ts (an item's
// element), grid/loader.ts (fetching the range, prefetching its neighbours), grid/now-line.ts,
// grid/pointer.ts (clicks and ghost dragging), grid/item-keys.ts (the keyboard on items) and
// grid/scroll.ts.
import { startOfDay, type WeekRange } from "./dates";
import { drawItems, RedrawGate } from "./grid/draw";
import type { EventItem, GhostItem } from "./grid/item";
import { bindItemKeys } from "./grid/item-keys";
import { wallMinutes } from "./grid/layout";
import { createLoader } from "./grid/loader";
import { daysOf, navigate, pageDays, rangeOf, type ViewPlace } from "./grid/navigation";
import { placeNowLine, startClock } from "./grid/now-line";
import { bindPointer } from "./grid/pointer";
import { openingMinutes, scrollToMinutes } from "./grid/scroll";
import { ShownItems } from "./grid/shown";
import { mountSkeleton } from "./grid/skeleton";
import type { ViewAction, WeekAction } from "./keyboard";
import type { OccurrenceSource } from "./occurrence-source";
import type { PlanState } from "./plan-state";

export interface WeekViewOptions {
  source: OccurrenceSource;
  plan: PlanState;
  onRangeChange: (range: WeekRange) => void;
  onLoading: (loading: boolean) => void;
  /** The first week's items are in the page (once). */
  onFirstDrawn?: () => void;
  onEventOpen: (event: EventItem, anchor: HTMLElement) => void;
  /** An event dragged or resized to new times; resolves false when nothing changed. */
  onEventChange: (event: EventItem, start: Date, end: Date) => Promise<boolean>;
  /** Empty time dragged or clicked: create an event there; call `done` when its editor closes. */
  onCreate: (start: Date, end: Date, done: () => void) => void;
  /** A ghost clicked (start null: accept where it is) or dropped at a new start. */
  onGhostAccept: (ghostId: string, start: Date | null) => void;
  onGhostFocus: (ghostId: string) => void;
}

export interface WeekView {
  run(action: WeekAction | ViewAction): void;
  gotoDate(day: Date): void;
  /** Shows `day` in day or week view (the month view hands over to the grid this way). */
  showDay(mode: ViewAction, day: Date): void;
  /** The visible range (local midnights, end exclusive). */
  range(): WeekRange;
  /** Re-run the event source: it answers from its cache unless that was invalidated. */
  refetch(): void;
  /** Redraw the ghosts from the plan state (always, also where a drag left one). */
  refetchGhosts(): void;
  focusGhost(ghostId: string): void;
  /** The event an element of the grid shows (the focused one, for the keys e and Delete). */
  eventOf(el: Element | null): EventItem | undefined;
  /** Shows the day (or week) of `t` and scrolls its hours to it. */
  reveal(t: Date): void;
}

export function mountWeekView(root: HTMLElement, opts: WeekViewOptions): WeekView {
  let place: ViewPlace = { mode: "week", anchor: startOfDay(new Date()) };
  let events: EventItem[] = [];
  let ghosts: GhostItem[] = [];
  const range = (): WeekRange => rangeOf(place);

  const sk = mountSkeleton(root);
  const shown = new ShownItems(root);
  const gate = new RedrawGate();
  const putBack = (): void => draw(true);

  bindPointer(root, {
    sk,
    shown,
    accept: opts.onGhostAccept,
    openEvent: opts.onEventOpen,
    changeEvent: opts.onEventChange,
    createEvent: opts.onCreate,
    putBack,
  });
  const keyMove = bindItemKeys(root, { sk, shown, accept: opts.onGhostAccept, openEvent: opts.onEventOpen, putBack });
  root.addEventListener("focusin", (e) => {
    const item = shown.at(e.target)?.[1];
    if (item?.kind === "ghost") opts.onGhostFocus(item.props.ghostId);
  });

  /** Draws the events and ghosts unless exactly they are shown; `force` redraws anyway. */
  function draw(force = false): void {
    const all = [...events, ...ghosts];
    if (!gate.admit(all, force)) return;
    // A redraw from elsewhere (sync, window focus, a new preview) replaces every element:
    // the focused item gets the focus back, and a ghost being moved by keyboard stays moved.
    const focused = shown.focusedId();
    shown.set(all);
    drawItems(sk, all);
    keyMove.reapply();
    if (focused) shown.element(focused)?.focus({ preventScroll: true });
  }

  /** Called once, after the first week is drawn (see the opening scroll below). */
  let firstDrawn: (() => void) | null = null;
  const load = createLoader({
    source: opts.source,
    range,
    pageDays: () => pageDays(place.mode),
    setLoading(loading) {
      // Also tells the end-to-end tests when a fetch has settled.
      root.dataset.state = loading ? "loading" : "ready";
      opts.onLoading(loading);
    },
    show(found) {
      events = found;
      ghosts = opts.plan.toGridItems();
      draw();
      firstDrawn?.();
    },
  });

  /** Loads the current range, putting up its days first (see createLoader). */
  function showRange(): void {
    load(() => {
      sk.showDays(daysOf(range()));
      gate.reset();
      placeNowLine(sk.nowLine, sk.days);
      opts.onRangeChange(range());
    });
  }

  startClock(() => placeNowLine(sk.nowLine, sk.days), showRange);
  showRange();
  // Open at now (the current-time line in view) when today is shown; else early morning.
  // Until the first week is drawn the layout still changes (the window's first layout, the
  // all-day lanes growing the sticky header): apply the opening again then, unless the user
  // has scrolled meanwhile.
  const opening = openingMinutes(new Date(), range());
  let openingTop: number | null = null;
  const applyOpening = (): void => {
    if (openingTop !== null && sk.scroller.scrollTop !== openingTop && sk.scroller.scrollTop !== 0) {
      openingTop = null; // the user scrolled: leave it
      return;
    }
    scrollToMinutes(sk.scroller, opening);
    openingTop = sk.scroller.scrollTop;
  };
  applyOpening();
  requestAnimationFrame(() => requestAnimationFrame(applyOpening));
  window.addEventListener("load", applyOpening, { once: true });
  firstDrawn = () => {
    firstDrawn = null;
    requestAnimationFrame(applyOpening);
    opts.onFirstDrawn?.();
  };

  return {
    run(action) {
      const next = navigate(place, action, startOfDay(new Date()));
      if (!next) return;
      place = next;
      showRange();
    },
    gotoDate(day) {
      place = { ...place, anchor: startOfDay(day) };
      showRange();
    },
    showDay(mode, day) {
      place = { mode, anchor: startOfDay(day) };
      showRange();
    },
    range,
    refetch: () => load(),
    refetchGhosts() {
      ghosts = opts.plan.toGridItems();
      // Forced: a ghost whose accept failed is put back from where it was dropped.
      draw(true);
    },
    eventOf(el) {
      const item = el ? shown.at(el)?.[1] : undefined;
      return item?.kind === "event" ? item : undefined;
    },
    focusGhost(ghostId) {
      root.querySelector<HTMLElement>(`[data-ghost-id="${CSS.escape(ghostId)}"]`)?.focus();
    },
    reveal(t) {
      const r = range();
      if (t < r.start || t >= r.end) {
        place = { ...place, anchor: startOfDay(t) };
        showRange();
      }
      scrollToMinutes(sk.scroller, wallMinutes(t));
    },
  };
}
