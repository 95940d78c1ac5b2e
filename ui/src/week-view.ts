// The week grid: FullCalendar's timeGridWeek with our header, event markup and test hooks.
import { Calendar, type EventApi, type EventContentArg, type EventMountArg, type EventSourceFuncArg } from "@fullcalendar/core";
import timeGridPlugin from "@fullcalendar/timegrid";
import { weekdayShort, type WeekRange } from "./dates";
import { h } from "./dom";
import type { WeekAction } from "./keyboard";
import type { OccurrenceSource } from "./occurrence-source";
import type { OccurrenceProps } from "./to-fullcalendar";

export interface WeekViewOptions {
  source: OccurrenceSource;
  onRangeChange: (range: WeekRange) => void;
  onLoading: (loading: boolean) => void;
  onEventOpen: (event: EventApi, anchor: HTMLElement) => void;
}

export interface WeekView {
  run(action: WeekAction): void;
  /** Re-run the event source: it answers from its cache unless that was invalidated. */
  refetch(): void;
}

const TIME_24H = { hour: "2-digit", minute: "2-digit", hour12: false } as const;

export function props(event: EventApi): OccurrenceProps {
  return event.extendedProps as OccurrenceProps;
}

function eventContent(arg: EventContentArg): { domNodes: Node[] } {
  const location = props(arg.event).location;
  const time = arg.event.allDay ? null : h("span", { class: "ev-time" }, arg.timeText);
  return {
    domNodes: [
      h(
        "div",
        { class: "ev-body" },
        h("span", { class: "ev-title fc-event-title" }, arg.event.title),
        time,
        location ? h("span", { class: "ev-location" }, location) : null,
      ),
    ],
  };
}

function decorate(arg: EventMountArg): void {
  const p = props(arg.event);
  const el = arg.el;
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
    plugins: [timeGridPlugin],
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
    slotLabelInterval: "01:00",
    slotLabelFormat: TIME_24H,
    eventTimeFormat: TIME_24H,
    defaultRangeSeparator: " – ",
    eventInteractive: true,
    editable: false,
    dayHeaderContent: (arg) => ({
      domNodes: [
        h("span", { class: "dh-weekday" }, weekdayShort(arg.date)),
        h("span", { class: "dh-day" }, String(arg.date.getDate())),
      ],
    }),
    events: (info: EventSourceFuncArg) => opts.source.events(info),
    eventContent,
    eventDidMount: decorate,
    eventClick: (arg) => {
      arg.jsEvent.preventDefault();
      opts.onEventOpen(arg.event, arg.el);
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
      else calendar.today();
    },
    refetch() {
      calendar.refetchEvents();
    },
  };
}
