// The month view (M): six Monday-first weeks, each event a chip or a bar across its days,
// "+N more" where a day has more than fits. Clicking a day's number or "+N more" opens that
// day; clicking an event opens its details; double-clicking empty space creates an event.
import { formatTime, sameDay, toLocalDate, type WeekRange } from "../dates";
import { h } from "../dom";
import type { EventItem } from "../grid/item";
import type { WeekAction } from "../keyboard";
import { monthGrid, monthTitle } from "../mini-month";
import type { OccurrenceSource } from "../occurrence-source";
import { addMonths, layoutMonthRow, monthOf, type MonthBar } from "./layout";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/** Height of one event lane and of a day's number line, in CSS pixels (see .mv-* in styles). */
const LANE_PX = 22;
const DAY_NUMBER_PX = 28;

export interface MonthViewOptions {
  source: Pick<OccurrenceSource, "events">;
  onRangeChange(range: WeekRange, title: string): void;
  onLoading(loading: boolean): void;
  onEventOpen(event: EventItem, anchor: HTMLElement): void;
  /** A day's number or its "+N more" clicked: show that day. */
  onDayOpen(day: Date): void;
  /** Empty space in a day double-clicked: create an event that day. */
  onCreate(day: Date): void;
}

export interface MonthView {
  /** Shows the month holding `day`. */
  show(day: Date): void;
  hide(): void;
  isShown(): boolean;
  run(action: WeekAction): void;
  /** The first of the month shown. */
  month(): Date;
  range(): WeekRange;
  refetch(): void;
  /** The event an element of the month shows (the focused one, for the keys e and Delete). */
  eventOf(el: Element | null): EventItem | undefined;
}

export function mountMonthView(root: HTMLElement, opts: MonthViewOptions): MonthView {
  let month = monthOf(new Date());
  let items: EventItem[] = [];
  let request = 0;
  const byId = new Map<string, EventItem>();
  root.hidden = true;

  const weeks = (): Date[][] => monthGrid(month);
  const range = (): WeekRange => {
    const w = weeks();
    const last = w[w.length - 1]![6]!;
    return { start: w[0]![0]!, end: new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1) };
  };

  /** Lanes that fit in a week row of the current window height (at least one). */
  const lanes = (): number => {
    const rowPx = (root.clientHeight - 32) / 6;
    return Math.max(1, Math.floor((rowPx - DAY_NUMBER_PX - LANE_PX) / LANE_PX));
  };

  function bar(b: MonthBar): HTMLElement {
    const it = b.item;
    const chip = !it.allDay && b.span === 1;
    const el = h(
      "div",
      {
        class: `mv-event ${chip ? "mv-chip" : "mv-bar"}${b.continuesBefore ? " is-cont-before" : ""}${b.continuesAfter ? " is-cont-after" : ""}`,
        role: "button",
        tabindex: 0,
        "data-testid": "month-event",
        "data-item": it.id,
        "data-start": it.props.start,
        title: it.title,
      },
      chip ? h("span", { class: "mv-dot", "aria-hidden": "true" }) : null,
      chip ? h("span", { class: "mv-time" }, formatTime(it.start)) : null,
      h("span", { class: "mv-title" }, it.title),
    );
    el.style.gridColumn = `${b.col + 1} / span ${b.span}`;
    el.style.gridRow = String(b.lane + 2);
    el.style.setProperty("--event-color", it.color);
    el.style.setProperty("--event-text", it.textColor);
    el.setAttribute("aria-label", `${it.title}, ${it.allDay ? "all day" : formatTime(it.start)}, ${it.props.calendar}`);
    return el;
  }

  function draw(): void {
    const today = new Date();
    const n = lanes();
    byId.clear();
    for (const it of items) byId.set(it.id, it);
    const head = h("div", { class: "mv-head", role: "row" }, ...WEEKDAYS.map((d) => h("div", { class: "mv-weekday", role: "columnheader" }, d)));
    const rows = weeks().map((days) => {
      const row = layoutMonthRow(days, items, n);
      const cells = days.map((d, i) =>
        h(
          "div",
          {
            class: `mv-day${d.getMonth() !== month.getMonth() ? " is-other-month" : ""}${sameDay(d, today) ? " is-today" : ""}`,
            role: "gridcell",
            "data-date": toLocalDate(d),
            "data-testid": "month-day",
          },
          h(
            "button",
            { type: "button", class: "mv-number", "data-date": toLocalDate(d), "aria-label": `Open ${d.toDateString()}` },
            d.getDate() === 1 ? `${d.toLocaleString(undefined, { month: "short" })} 1` : String(d.getDate()),
          ),
          row.hidden[i]
            ? h("button", { type: "button", class: "mv-more", "data-date": toLocalDate(d), "data-testid": "month-more" }, `+${row.hidden[i]} more`)
            : null,
        ),
      );
      const layer = h("div", { class: "mv-events" }, ...row.bars.map(bar));
      layer.style.gridTemplateRows = `${DAY_NUMBER_PX}px repeat(${n}, ${LANE_PX}px)`;
      return h("div", { class: "mv-week", role: "row" }, h("div", { class: "mv-cells" }, ...cells), layer);
    });
    root.replaceChildren(h("div", { class: "mv", role: "grid", "aria-label": monthTitle(month), "data-testid": "month-view" }, head, ...rows));
  }

  async function load(): Promise<void> {
    const mine = ++request;
    root.dataset.state = "loading";
    opts.onLoading(true);
    opts.onRangeChange(range(), monthTitle(month));
    const found = await opts.source.events(range());
    if (mine !== request) return;
    items = found;
    draw();
    root.dataset.state = "ready";
    opts.onLoading(false);
  }

  const dayOf = (el: Element | null): Date | null => {
    const iso = el?.closest<HTMLElement>("[data-date]")?.dataset.date;
    if (!iso) return null;
    const [y, m, d] = iso.split("-").map(Number);
    return new Date(y!, m! - 1, d!);
  };
  /** The day column under a point of a week row (events lie over the cells). */
  const dayAt = (e: MouseEvent): Date | null => {
    const week = (e.target as Element).closest(".mv-week");
    const cells = week?.querySelectorAll<HTMLElement>(".mv-day");
    if (!week || !cells) return null;
    for (const c of cells) {
      const r = c.getBoundingClientRect();
      if (e.clientX >= r.left && e.clientX < r.right) return dayOf(c);
    }
    return null;
  };

  root.addEventListener("click", (e) => {
    const t = e.target as Element;
    const ev = t.closest<HTMLElement>('[data-testid="month-event"]');
    if (ev) {
      const item = byId.get(ev.dataset.item ?? "");
      if (item) opts.onEventOpen(item, ev);
      return;
    }
    if (t.closest(".mv-number, .mv-more")) {
      const d = dayOf(t);
      if (d) opts.onDayOpen(d);
    }
  });
  root.addEventListener("dblclick", (e) => {
    if ((e.target as Element).closest('[data-testid="month-event"], button')) return;
    const d = dayAt(e);
    if (d) opts.onCreate(d);
  });
  root.addEventListener("keydown", (e) => {
    const ev = (e.target as Element).closest<HTMLElement>('[data-testid="month-event"]');
    if (!ev || (e.key !== "Enter" && e.key !== " ")) return;
    e.preventDefault();
    const item = byId.get(ev.dataset.item ?? "");
    if (item) opts.onEventOpen(item, ev);
  });
  // The number of lanes follows the window's height.
  let lastLanes = 0;
  new ResizeObserver(() => {
    if (root.hidden || lanes() === lastLanes) return;
    lastLanes = lanes();
    draw();
  }).observe(root);

  return {
    show(day) {
      month = monthOf(day);
      root.hidden = false;
      void load();
    },
    hide() {
      root.hidden = true;
      request++;
    },
    isShown: () => !root.hidden,
    run(action) {
      month = action === "today" ? monthOf(new Date()) : addMonths(month, action === "next" ? 1 : -1);
      void load();
    },
    month: () => month,
    eventOf: (el) => byId.get(el?.closest<HTMLElement>('[data-testid="month-event"]')?.dataset.item ?? ""),
    range,
    refetch() {
      if (!root.hidden) void load();
    },
  };
}
