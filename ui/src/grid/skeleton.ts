// The grid's scaffold, built once: day headers, the all-day row, the hour axis, the day
// columns and the current-time line inside one scroller. Changing the range rebuilds only
// the headers and the (empty) columns; drawing fills the columns.
import { startOfDay, toLocalDate, weekdayShort } from "../dates";
import { h } from "../dom";
import { HOUR_PX } from "./metrics";
import { pad2 } from "./text";

export interface Skeleton {
  readonly scroller: HTMLElement;
  /** Day headers and the all-day row, sticky above the hours. */
  readonly head: HTMLElement;
  /** Holds the day columns side by side (and the current-time line). */
  readonly cols: HTMLElement;
  readonly allDayLanes: HTMLElement;
  readonly nowLine: HTMLElement;
  /** The days shown (local midnights) and their columns, index for index. */
  readonly days: readonly Date[];
  readonly columns: readonly HTMLElement[];
  /** Puts up the headers and empty columns of `days`. */
  showDays(days: readonly Date[]): void;
}

/** The state class of a day's header and column: today, past or neither. */
export function dayState(day: Date, today: Date): string {
  const t = today.getTime();
  return day.getTime() === t ? " is-today" : day.getTime() < t ? " is-past" : "";
}

export function mountSkeleton(root: HTMLElement): Skeleton {
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
  const nowLine = h("div", { class: "wg-now", "aria-hidden": "true" });
  const body = h("div", { class: "wg-body" }, axis, cols);
  body.style.height = `${24 * HOUR_PX}px`;
  const scroller = h("div", { class: "wg-scroller" }, head, body);
  root.classList.add("wg");
  root.replaceChildren(scroller);

  let days: readonly Date[] = [];
  let columns: HTMLElement[] = [];
  return {
    scroller,
    head,
    cols,
    allDayLanes,
    nowLine,
    get days() {
      return days;
    },
    get columns() {
      return columns;
    },
    showDays(shown) {
      days = shown;
      root.style.setProperty("--days", String(days.length));
      const today = startOfDay(new Date());
      const heads: HTMLElement[] = [h("div", { class: "wg-corner" })];
      columns = [];
      for (const day of days) {
        const state = dayState(day, today);
        const date = toLocalDate(day);
        const label = day.toLocaleDateString(undefined, { weekday: "long", month: "long", day: "numeric" });
        heads.push(
          h(
            "div",
            { class: `wg-dayhead${state}`, "data-date": date, "aria-label": label },
            h("span", { class: "dh-weekday" }, weekdayShort(day)),
            h("span", { class: "dh-day" }, String(day.getDate())),
          ),
        );
        columns.push(h("div", { class: `wg-col${state}`, "data-testid": "day-column", "data-date": date }));
      }
      headDays.replaceChildren(...heads);
      cols.replaceChildren(...columns, nowLine);
    },
  };
}
