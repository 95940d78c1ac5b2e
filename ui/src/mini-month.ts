// The mini month in the sidebar: pick a day to show its week (or day).
import { addDays, sameDay, startOfDay, toLocalDate, weekOf, type WeekRange } from "./dates";
import { h, icon, ICONS } from "./dom";

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const HEAD = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
// One formatter for every day label: toLocaleDateString builds a new one per call, which is
// slow in WebKit and the mini month redraws on every week change.
const SPOKEN = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });

/** Six Monday-first weeks covering the month of `month`. */
export function monthGrid(month: Date): Date[][] {
  const first = new Date(month.getFullYear(), month.getMonth(), 1);
  let day = weekOf(first, 1).start;
  const weeks: Date[][] = [];
  for (let w = 0; w < 6; w++) {
    const week: Date[] = [];
    for (let d = 0; d < 7; d++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

export function monthTitle(month: Date): string {
  return `${MONTH_NAMES[month.getMonth()] ?? ""} ${month.getFullYear()}`;
}

export interface MiniMonth {
  /** Shows the month holding the range's start and marks the range. */
  setRange(range: WeekRange): void;
}

export function mountMiniMonth(root: HTMLElement, onPick: (day: Date) => void): MiniMonth {
  let month = startOfDay(new Date());
  let range: WeekRange | null = null;
  const title = h("h2", { class: "mini-title", id: "mini-month-title", "aria-live": "polite" });
  const prev = h("button", { type: "button", class: "btn btn-icon btn-small", "aria-label": "Previous month" }, icon(ICONS.chevronLeft));
  const next = h("button", { type: "button", class: "btn btn-icon btn-small", "aria-label": "Next month" }, icon(ICONS.chevronRight));
  const grid = h("table", { class: "mini-grid", "aria-labelledby": "mini-month-title", "data-testid": "mini-month" });
  root.replaceChildren(h("div", { class: "mini-head" }, title, h("div", { class: "mini-nav" }, prev, next)), grid);

  const render = (): void => {
    title.textContent = monthTitle(month);
    const today = new Date();
    const head = h("tr", {}, ...HEAD.map((d) => h("th", { scope: "col", "aria-hidden": "true" }, d)));
    const rows = monthGrid(month).map((week) =>
      h(
        "tr",
        {},
        ...week.map((day) => {
          const inRange = range !== null && day >= range.start && day < range.end;
          const btn = h(
            "button",
            {
              type: "button",
              class: `mini-day${day.getMonth() !== month.getMonth() ? " is-other" : ""}${inRange ? " is-in-range" : ""}${sameDay(day, today) ? " is-today" : ""}`,
              "aria-label": SPOKEN.format(day),
              "aria-current": sameDay(day, today) ? "date" : null,
              "data-date": toLocalDate(day),
            },
            String(day.getDate()),
          );
          btn.addEventListener("click", () => onPick(day));
          return h("td", {}, btn);
        }),
      ),
    );
    grid.replaceChildren(h("thead", {}, head), h("tbody", {}, ...rows));
  };
  prev.addEventListener("click", () => {
    month = new Date(month.getFullYear(), month.getMonth() - 1, 1);
    render();
  });
  next.addEventListener("click", () => {
    month = new Date(month.getFullYear(), month.getMonth() + 1, 1);
    render();
  });
  render();

  return {
    setRange(r) {
      range = r;
      month = new Date(r.start.getFullYear(), r.start.getMonth(), 1);
      render();
    },
  };
}
