// The week (and day) grid: FullCalendar's time grid with our header, event markup, ghost
// blocks of the plan that can be dragged to a new time, and test hooks.
import { Calendar, type EventApi, type EventContentArg, type EventMountArg, type EventSourceFuncArg } from "@fullcalendar/core";
import interactionPlugin from "@fullcalendar/interaction";
import timeGridPlugin from "@fullcalendar/timegrid";
import { weekdayShort, type WeekRange } from "./dates";
import { h } from "./dom";
import type { ViewAction, WeekAction } from "./keyboard";
import type { OccurrenceSource } from "./occurrence-source";
import { isGhostProps, type GhostProps, type PlanState } from "./plan-state";
import type { OccurrenceProps } from "./to-fullcalendar";

export interface WeekViewOptions {
  source: OccurrenceSource;
  plan: PlanState;
  onRangeChange: (range: WeekRange) => void;
  onLoading: (loading: boolean) => void;
  onEventOpen: (event: EventApi, anchor: HTMLElement) => void;
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
  /** Redraw the ghosts from the plan state. */
  refetchGhosts(): void;
  focusGhost(ghostId: string): void;
}

const TIME_24H = { hour: "2-digit", minute: "2-digit", hour12: false } as const;
const GHOSTS = "ghosts";

export function props(event: EventApi): OccurrenceProps {
  return event.extendedProps as OccurrenceProps;
}

function ghostProps(event: EventApi): GhostProps | null {
  return isGhostProps(event.extendedProps) ? event.extendedProps : null;
}

function eventContent(arg: EventContentArg): { domNodes: Node[] } {
  const ghost = ghostProps(arg.event);
  const location = ghost ? null : props(arg.event).location;
  const time = arg.event.allDay ? null : h("span", { class: "ev-time" }, arg.timeText);
  return {
    domNodes: [
      h(
        "div",
        { class: "ev-body" },
        h("span", { class: "ev-title fc-event-title" }, arg.event.title),
        time,
        location ? h("span", { class: "ev-location" }, location) : null,
        ghost ? h("span", { class: "ev-location" }, ghost.move ? "Re-plan: move here" : "Proposed") : null,
      ),
    ],
  };
}

function decorate(arg: EventMountArg, opts: WeekViewOptions): void {
  const el = arg.el;
  const ghost = ghostProps(arg.event);
  if (ghost) {
    el.dataset.testid = "ghost";
    el.dataset.ghostId = ghost.ghostId;
    el.dataset.taskId = ghost.taskId;
    el.dataset.start = ghost.start;
    el.tabIndex = 0;
    el.setAttribute("role", "button");
    el.setAttribute(
      "aria-label",
      `${ghost.move ? "Re-plan would move" : "Proposed block"}: ${arg.event.title}, ${arg.timeText}. Enter or click accepts it here, Escape rejects it, drag to accept it at another time.`,
    );
    el.addEventListener("focus", () => opts.onGhostFocus(ghost.ghostId));
    return;
  }
  const p = props(arg.event);
  el.dataset.testid = "event";
  el.dataset.uid = p.uid;
  el.dataset.start = p.start;
  el.dataset.calendarId = p.calendarId;
  el.style.setProperty("--event-color", p.color);
  const when = arg.event.allDay ? "all day" : arg.timeText;
  el.setAttribute("aria-label", `${arg.event.title}, ${when}, ${p.calendar}`);
}

export function mountWeekView(root: HTMLElement, opts: WeekViewOptions): WeekView {
  const calendar = new Calendar(root, {
    plugins: [timeGridPlugin, interactionPlugin],
    initialView: "timeGridWeek",
    headerToolbar: false,
    firstDay: 1,
    timeZone: "local",
    height: "100%",
    nowIndicator: true,
    // The all-day row (allDaySlot) is on by default.
    allDayText: "All day",
    scrollTime: "07:30:00",
    eventMinHeight: 15,
    // Keep the scroll position when paging weeks, as calendar apps do.
    scrollTimeReset: false,
    slotDuration: "00:30:00",
    snapDuration: "00:15:00",
    slotLabelInterval: "01:00",
    slotLabelFormat: TIME_24H,
    eventTimeFormat: TIME_24H,
    defaultRangeSeparator: " – ",
    eventInteractive: true,
    // Only ghosts are draggable (per event); real events are not edited here.
    editable: false,
    // Overlapping events sit side by side rather than on top of each other.
    slotEventOverlap: false,
    eventAllow: (span) => !span.allDay,
    dayHeaderContent: (arg) => ({
      domNodes: [
        h("span", { class: "dh-weekday" }, weekdayShort(arg.date)),
        h("span", { class: "dh-day" }, String(arg.date.getDate())),
      ],
    }),
    eventSources: [
      { events: (info: EventSourceFuncArg) => opts.source.events(info) },
      { id: GHOSTS, events: (_info, success) => success(opts.plan.toEventInputs()) },
    ],
    eventContent,
    eventDidMount: (arg) => decorate(arg, opts),
    eventClick: (arg) => {
      arg.jsEvent.preventDefault();
      const ghost = ghostProps(arg.event);
      if (ghost) opts.onGhostAccept(ghost.ghostId, null);
      else opts.onEventOpen(arg.event, arg.el);
    },
    eventDrop: (arg) => {
      const ghost = ghostProps(arg.event);
      if (!ghost || !arg.event.start) {
        arg.revert();
        return;
      }
      opts.onGhostAccept(ghost.ghostId, arg.event.start);
    },
    datesSet: (arg) => opts.onRangeChange({ start: arg.view.currentStart, end: arg.view.currentEnd }),
    loading: (loading) => {
      // Also tells the end-to-end tests when a fetch has settled.
      root.dataset.state = loading ? "loading" : "ready";
      opts.onLoading(loading);
    },
  });
  calendar.render();

  return {
    run(action) {
      if (action === "prev") calendar.prev();
      else if (action === "next") calendar.next();
      else if (action === "today") calendar.today();
      else calendar.changeView(action === "day" ? "timeGridDay" : "timeGridWeek");
    },
    gotoDate(day) {
      calendar.gotoDate(day);
    },
    range() {
      return { start: calendar.view.currentStart, end: calendar.view.currentEnd };
    },
    refetch() {
      calendar.refetchEvents();
    },
    refetchGhosts() {
      calendar.getEventSourceById(GHOSTS)?.refetch();
    },
    focusGhost(ghostId) {
      root.querySelector<HTMLElement>(`[data-ghost-id="${CSS.escape(ghostId)}"]`)?.focus();
    },
  };
}
