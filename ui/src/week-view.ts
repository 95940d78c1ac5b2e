// The week (and day) grid: day headers, the all-day row, the time grid with events and the
// plan's ghost blocks side by side, the current-time line, and dragging ghosts to a new time.
//
// Drawn by hand rather than by a calendar library: FullCalendar took about 300 ms of script
// and layout per busy week in WebKitGTK (it measures the DOM while it renders). Here the
// layout is arithmetic (grid/layout.ts) and each render builds the columns off-document and
// swaps them in at once, so the engine lays out and paints one time.
import { addDays, startOfDay, toLocalDate, weekdayShort, weekOf, type WeekRange } from "./dates";
import { h } from "./dom";
import { bindGhostDrag, SNAP_MINUTES, type Geometry } from "./grid/drag";
import type { EventItem, GhostItem, GridItem } from "./grid/item";
import { allDayBars, dayIndex, layoutDay, nextMidnight, timedSegments, wallMinutes, type Bar, type Placed } from "./grid/layout";
import type { ViewAction, WeekAction } from "./keyboard";
import type { OccurrenceSource } from "./occurrence-source";
import type { PlanState } from "./plan-state";

export interface WeekViewOptions {
  source: OccurrenceSource;
  plan: PlanState;
  onRangeChange: (range: WeekRange) => void;
  onLoading: (loading: boolean) => void;
  onEventOpen: (event: EventItem, anchor: HTMLElement) => void;
  /** A ghost clicked (start null: accept where it is) or dropped at a new start. */
  onGhostAccept: (ghostId: string, start: Date | null) => void;
  onGhostFocus: (ghostId: string) => void;
}

export interface WeekView {
  run(action: WeekAction | ViewAction): void;
  gotoDate(day: Date): void;
  /** The visible range (local midnights, end exclusive). */
  range(): WeekRange;
  /** Re-run the event source: it answers from its cache unless that was invalidated. */
  refetch(): void;
  /** Redraw the ghosts from the plan state (always, also where a drag left one). */
  refetchGhosts(): void;
  focusGhost(ghostId: string): void;
  /** Shows the day (or week) of `t` and scrolls its hours to it. */
  reveal(t: Date): void;
}

const HOUR_PX = 52;
const PX_PER_MINUTE = HOUR_PX / 60;
/** The shortest an item is drawn: a quarter of an hour, so that back-to-back short blocks stack. */
const MIN_MINUTES = 15;
/** Shorter than this, title and time share one line. */
const SHORT_PX = 34;
const ALLDAY_LANE_PX = 22;
/** Where the hours open when today is not shown: early in a working day. */
const SCROLL_TO_MINUTES = 7.5 * 60;
/** How far above the current time (or a revealed item) the hours open, in minutes. */
const LEAD_MINUTES = 90;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const clock = (d: Date): string => `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;

const span = (start: Date, end: Date): string => `${clock(start)} – ${clock(end)}`;

/** Title, time and (events) location or (ghosts) what the block is. */
function body(item: GridItem, withTime: boolean): HTMLElement {
  const el = document.createElement("div");
  el.className = "ev-body";
  const title = document.createElement("span");
  title.className = "ev-title";
  title.textContent = item.title;
  el.append(title);
  if (withTime) {
    const time = document.createElement("span");
    time.className = "ev-time";
    time.textContent = span(item.start, item.end);
    el.append(time);
  }
  const extra = item.kind === "ghost" ? (item.props.reason ?? (item.props.move ? "Re-plan: move here" : "Proposed")) : item.props.location;
  if (extra) {
    const span = document.createElement("span");
    span.className = "ev-location";
    span.textContent = extra;
    el.append(span);
  }
  return el;
}

/** The element of an event or ghost, with its test hooks and screen-reader label. */
function itemElement(item: GridItem, style: string, extraClass: string, withTime: boolean): HTMLElement {
  const el = document.createElement("div");
  el.tabIndex = 0;
  el.setAttribute("role", "button");
  el.dataset.item = item.id;
  el.style.cssText = style;
  const when = item.allDay ? "all day" : span(item.start, item.end);
  if (item.kind === "ghost") {
    const g = item.props;
    el.className = `wg-item ghost${g.move ? " ghost-move" : ""}${item.selected ? " is-selected" : ""}${extraClass}`;
    el.dataset.testid = "ghost";
    el.dataset.ghostId = g.ghostId;
    el.dataset.taskId = g.taskId;
    el.dataset.start = g.start;
    el.dataset.end = item.end.toISOString();
    if (g.reason) {
      el.dataset.reason = g.reason;
      el.title = g.reason;
    }
    el.setAttribute(
      "aria-label",
      `${g.move ? "Re-plan would move" : "Proposed block"}: ${item.title}, ${when}.${g.reason ? ` ${g.reason}.` : ""} Enter or click accepts it here, Escape rejects it, drag to accept it at another time.`,
    );
  } else {
    const p = item.props;
    el.className = `wg-item${p.plan ? " is-plan" : ""}${extraClass}`;
    el.dataset.testid = "event";
    if (p.plan) el.dataset.plan = p.plan.project ?? "";
    el.dataset.uid = p.uid;
    el.dataset.start = p.start;
    el.dataset.calendarId = p.calendarId;
    el.style.setProperty("--event-color", item.color);
    el.style.setProperty("--event-text", item.textColor);
    el.setAttribute("aria-label", `${p.plan ? "Planned block: " : ""}${item.title}, ${when}, ${p.calendar}`);
  }
  el.append(body(item, withTime));
  return el;
}

function timedElement(p: Placed): HTMLElement {
  const top = p.startMin * PX_PER_MINUTE;
  const height = Math.max(p.endMin - p.startMin, MIN_MINUTES) * PX_PER_MINUTE;
  const left = (p.col / p.cols) * 100;
  const width = (p.span / p.cols) * 100;
  const short = height < SHORT_PX;
  const classes = `${short ? " is-short" : ""}${p.fromBefore ? " from-before" : ""}${p.toAfter ? " to-after" : ""}`;
  return itemElement(p.item, `top:${top}px;height:${height - 1}px;left:${left}%;width:calc(${width}% - 2px)`, classes, true);
}

function barElement(b: Bar, days: number): HTMLElement {
  const left = (b.first / days) * 100;
  const width = ((b.last - b.first + 1) / days) * 100;
  const classes = ` is-allday${b.fromBefore ? " from-before" : ""}${b.toAfter ? " to-after" : ""}`;
  return itemElement(b.item, `top:${b.lane * ALLDAY_LANE_PX}px;left:calc(${left}% + 2px);width:calc(${width}% - 4px)`, classes, false);
}

export function mountWeekView(root: HTMLElement, opts: WeekViewOptions): WeekView {
  let mode: ViewAction = "week";
  let anchor = startOfDay(new Date());
  let days: Date[] = [];
  let events: EventItem[] = [];
  let ghosts: GhostItem[] = [];
  const items = new Map<string, GridItem>();
  let fetchToken = 0;
  /** A ghost moved with the keyboard and not yet accepted (see the keydown handler). */
  let keyMove: { id: string; start: Date } | null = null;
  /** What the columns show now; a redraw of the same is skipped (no work, no flicker). */
  let drawn = "";

  // The skeleton: built once; a render only swaps the contents of the day parts.
  const headDays = h("div", { class: "wg-row wg-dayheads" });
  const allDayLanes = h("div", { class: "wg-allday-lanes" });
  const allDay = h("div", { class: "wg-row wg-allday" }, h("div", { class: "wg-corner wg-allday-label" }, "All day"), allDayLanes);
  const head = h("div", { class: "wg-head" }, headDays, allDay);
  const axis = h("div", { class: "wg-axis", "aria-hidden": "true" });
  for (let hour = 1; hour < 24; hour++) {
    const label = h("span", { class: "wg-hour" }, `${pad2(hour)}:00`);
    label.style.top = `${hour * HOUR_PX}px`;
    axis.append(label);
  }
  const cols = h("div", { class: "wg-cols" });
  const now = h("div", { class: "wg-now", "aria-hidden": "true" });
  const bodyEl = h("div", { class: "wg-body" }, axis, cols);
  bodyEl.style.height = `${24 * HOUR_PX}px`;
  const scroller = h("div", { class: "wg-scroller" }, head, bodyEl);
  root.classList.add("wg");
  root.replaceChildren(scroller);
  let columns: HTMLElement[] = [];

  const range = (): WeekRange => (mode === "week" ? weekOf(anchor) : { start: anchor, end: addDays(anchor, 1) });

  /** Day headers and empty columns for the days of the current range. */
  function buildDays(): void {
    const r = range();
    days = [];
    for (let d = r.start; d < r.end; d = addDays(d, 1)) days.push(d);
    root.style.setProperty("--days", String(days.length));
    const today = startOfDay(new Date()).getTime();
    const heads: HTMLElement[] = [h("div", { class: "wg-corner" })];
    columns = [];
    for (const day of days) {
      const state = day.getTime() === today ? " is-today" : day.getTime() < today ? " is-past" : "";
      const date = toLocalDate(day);
      heads.push(
        h(
          "div",
          { class: `wg-dayhead${state}`, "data-date": date, "aria-label": day.toLocaleDateString(undefined, { weekday: "long", month: "long", day: "numeric" }) },
          h("span", { class: "dh-weekday" }, weekdayShort(day)),
          h("span", { class: "dh-day" }, String(day.getDate())),
        ),
      );
      columns.push(h("div", { class: `wg-col${state}`, "data-testid": "day-column", "data-date": date }));
    }
    headDays.replaceChildren(...heads);
    cols.replaceChildren(...columns, now);
    drawn = "";
    placeNow();
  }

  const signature = (all: readonly GridItem[]): string =>
    JSON.stringify(
      all.map((i) => [
        i.id,
        i.start.getTime(),
        i.end.getTime(),
        i.title,
        i.allDay,
        i.kind === "ghost" ? [i.selected, i.props.move, i.props.start] : [i.color, i.props.calendar, i.props.location, i.props.start],
      ]),
    );

  /**
   * Every item of the range, laid out and swapped in at once; `force` redraws even when
   * nothing changed (a dragged ghost put back).
   */
  function draw(force = false): void {
    const all: GridItem[] = [...events, ...ghosts];
    const sig = signature(all);
    if (!force && sig === drawn) return;
    drawn = sig;
    // A redraw from elsewhere (sync, window focus, a new preview) replaces every element:
    // the focused item gets the focus back, and a ghost being moved by keyboard stays moved.
    const active = document.activeElement;
    const focusedId = active instanceof HTMLElement && root.contains(active) ? active.dataset.item : undefined;
    items.clear();
    for (const item of all) items.set(item.id, item);
    const perDay: Placed[][] = days.map(() => []);
    const segments = timedSegments(all, days);
    const byDay = days.map(() => [] as typeof segments);
    for (const s of segments) byDay[s.day]!.push(s);
    byDay.forEach((segs, d) => (perDay[d] = layoutDay(segs, MIN_MINUTES)));
    columns.forEach((col, d) => {
      const frag = document.createDocumentFragment();
      for (const p of perDay[d]!) frag.append(timedElement(p));
      col.replaceChildren(frag);
    });
    const bars = allDayBars(all, days);
    const lanes = bars.reduce((n, b) => Math.max(n, b.lane + 1), 0);
    const frag = document.createDocumentFragment();
    for (const b of bars) frag.append(barElement(b, days.length));
    allDayLanes.replaceChildren(frag);
    allDayLanes.style.height = `${Math.max(1, lanes) * ALLDAY_LANE_PX + 4}px`;

    const elementOf = (id: string): HTMLElement | null => root.querySelector<HTMLElement>(`[data-item="${CSS.escape(id)}"]`);
    const moved = keyMove ? items.get(keyMove.id) : undefined;
    const movedEl = keyMove && moved?.kind === "ghost" ? elementOf(keyMove.id) : null;
    if (keyMove && moved?.kind === "ghost" && movedEl) previewAt(movedEl, moved, keyMove.start);
    else keyMove = null;
    if (focusedId) elementOf(focusedId)?.focus({ preventScroll: true });
  }

  function setLoading(loading: boolean): void {
    // Also tells the end-to-end tests when a fetch has settled.
    root.dataset.state = loading ? "loading" : "ready";
    opts.onLoading(loading);
  }

  /** The ranges before and after the one shown, fetched while the user looks at this one. */
  function prefetchAround(): void {
    const r = range();
    const step = mode === "week" ? 7 : 1;
    opts.source.prefetch({ start: addDays(r.start, step), end: addDays(r.end, step) });
    opts.source.prefetch({ start: addDays(r.start, -step), end: addDays(r.end, -step) });
  }

  /**
   * Shows the source's items for the current range. `swap` first puts up the range's days:
   * at once when the answer comes quickly (from the cache, or a fast store), so that days
   * and items appear in one frame; as an empty grid if the store takes longer.
   */
  function load(swap?: () => void): void {
    const token = ++fetchToken;
    let swapped = !swap;
    const swapNow = (): void => {
      if (swapped || token !== fetchToken) return;
      swapped = true;
      swap?.();
      setLoading(true);
    };
    if (swap) setTimeout(swapNow, 80);
    else setLoading(true);
    void opts.source.events(range()).then((found) => {
      if (token !== fetchToken) return;
      swapNow();
      // The benchmark reports the script's part of a render (layout and DOM built).
      performance.mark("grid-draw");
      events = found;
      readGhosts();
      draw();
      performance.measure("grid-drawn", "grid-draw");
      setLoading(false);
      setTimeout(prefetchAround, 0);
    });
  }

  function readGhosts(): void {
    ghosts = opts.plan.toGridItems();
  }

  function show(): void {
    load(() => {
      buildDays();
      opts.onRangeChange(range());
    });
  }

  /** The current-time line across today's column, if today is shown. */
  function placeNow(): void {
    const t = new Date();
    const d = dayIndex(days, t);
    const shown = d >= 0 && d < days.length && t < nextMidnight(days[d]!);
    now.hidden = !shown;
    if (!shown) return;
    now.style.cssText = `top:${wallMinutes(t) * PX_PER_MINUTE}px;left:${(d / days.length) * 100}%;width:${100 / days.length}%`;
  }
  let today = toLocalDate(new Date());
  setInterval(() => {
    // Past midnight the highlighted day moves on.
    if (toLocalDate(new Date()) !== today) {
      today = toLocalDate(new Date());
      show();
    } else placeNow();
  }, 30_000);

  /** Shows a ghost at `start` (dragged or moved with the keyboard) before it is accepted there. */
  function previewAt(el: HTMLElement, item: GhostItem, start: Date): void {
    const col = columns[dayIndex(days, start)];
    if (!col) return;
    const minutes = (item.end.getTime() - item.start.getTime()) / 60_000;
    el.style.cssText = `top:${wallMinutes(start) * PX_PER_MINUTE}px;height:${Math.max(minutes, MIN_MINUTES) * PX_PER_MINUTE - 1}px;left:0;width:calc(100% - 2px)`;
    const time = el.querySelector(".ev-time");
    if (time) time.textContent = span(start, new Date(start.getTime() + minutes * 60_000));
    if (el.parentElement !== col) {
      const focused = document.activeElement === el;
      col.append(el);
      if (focused) el.focus();
    }
  }

  const drag = bindGhostDrag(root, {
    geometry(): Geometry {
      const r = cols.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, days: days.length, pxPerMinute: PX_PER_MINUTE };
    },
    ghost: (el) => {
      const item = items.get(el.dataset.item ?? "");
      return item?.kind === "ghost" ? item : undefined;
    },
    preview: previewAt,
    edge(y) {
      // Within 32 px of the hours' top or bottom, the grid scrolls that way.
      const top = head.getBoundingClientRect().bottom;
      const bottom = scroller.getBoundingClientRect().bottom;
      if (y < top + 32) scroller.scrollTop -= 16;
      else if (y > bottom - 32) scroller.scrollTop += 16;
    },
    drop(item, start) {
      if (start) opts.onGhostAccept(item.props.ghostId, start);
      else draw(true);
    },
  });

  const itemOf = (target: EventTarget | null): [HTMLElement, GridItem] | null => {
    const el = (target as Element | null)?.closest?.<HTMLElement>("[data-item]");
    const item = el ? items.get(el.dataset.item ?? "") : undefined;
    return el && item ? [el, item] : null;
  };
  root.addEventListener("click", (e) => {
    const hit = itemOf(e.target);
    if (!hit || drag.endedDrag()) return;
    e.preventDefault();
    const [el, item] = hit;
    if (item.kind === "ghost") opts.onGhostAccept(item.props.ghostId, null);
    else opts.onEventOpen(item, el);
  });
  // The keyboard's way to drag: Shift+Up/Down moves a focused ghost by 15 minutes,
  // Shift+Left/Right by a day; Enter accepts it there, Escape puts it back.
  const KEY_STEPS: Record<string, [days: number, minutes: number]> = {
    ArrowUp: [0, -SNAP_MINUTES],
    ArrowDown: [0, SNAP_MINUTES],
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
  };
  root.addEventListener("keydown", (e) => {
    const hit = itemOf(e.target);
    if (!hit) return;
    const [el, item] = hit;
    if (item.kind === "event") {
      // Enter or Space opens an event's details.
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
      opts.onEventOpen(item, el);
      return;
    }
    const moved = keyMove?.id === item.id ? keyMove : null;
    const step = e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey ? KEY_STEPS[e.key] : undefined;
    if (step) {
      const start = new Date((moved?.start ?? item.start).getTime());
      start.setDate(start.getDate() + step[0]);
      start.setMinutes(start.getMinutes() + step[1]);
      e.preventDefault();
      e.stopPropagation();
      // Within the days shown; the planner's own checks apply when it is accepted.
      const d = dayIndex(days, start);
      if (d < 0 || d >= days.length || start >= nextMidnight(days[d]!)) return;
      keyMove = { id: item.id, start };
      previewAt(el, item, start);
      el.setAttribute("aria-label", `Proposed block: ${item.title}, moved to ${start.toLocaleString(undefined, { weekday: "long", hour: "2-digit", minute: "2-digit" })}. Enter accepts it there, Escape puts it back.`);
    } else if (moved && e.key === "Enter") {
      e.preventDefault();
      keyMove = null;
      opts.onGhostAccept(item.props.ghostId, moved.start);
    } else if (moved && e.key === "Escape") {
      e.preventDefault();
      keyMove = null;
      draw(true);
    }
  });
  root.addEventListener("focusin", (e) => {
    const hit = itemOf(e.target);
    if (hit && hit[1].kind === "ghost") opts.onGhostFocus(hit[1].props.ghostId);
  });

  /** Scrolls the hours so that `minutes` after midnight sits a little below the top. */
  function scrollToMinutes(minutes: number): void {
    scroller.scrollTop = Math.max(0, (minutes - LEAD_MINUTES) * PX_PER_MINUTE);
  }

  show();
  // Open at now (the current-time line in view) when today is shown; else early morning.
  const opened = new Date();
  const first = range();
  scrollToMinutes(opened >= first.start && opened < first.end ? wallMinutes(opened) : SCROLL_TO_MINUTES + LEAD_MINUTES);

  return {
    run(action) {
      if (action === "day" || action === "week") {
        if (mode === action) return;
        mode = action;
        // Day view opens on today when today is in the week shown, else on its first day.
        if (action === "day") {
          const r = range();
          const t = startOfDay(new Date());
          anchor = t >= weekOf(anchor).start && t < weekOf(anchor).end ? t : r.start;
        }
      } else if (action === "today") anchor = startOfDay(new Date());
      else anchor = addDays(anchor, (action === "next" ? 1 : -1) * (mode === "week" ? 7 : 1));
      show();
    },
    gotoDate(day) {
      anchor = startOfDay(day);
      show();
    },
    range,
    refetch: () => load(),
    refetchGhosts() {
      readGhosts();
      // Forced: a ghost whose accept failed is put back from where it was dropped.
      draw(true);
    },
    focusGhost(ghostId) {
      root.querySelector<HTMLElement>(`[data-ghost-id="${CSS.escape(ghostId)}"]`)?.focus();
    },
    reveal(t) {
      const r = range();
      if (t < r.start || t >= r.end) {
        anchor = startOfDay(t);
        show();
      }
      scrollToMinutes(wallMinutes(t));
    },
  };
}
