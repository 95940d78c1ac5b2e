// The toolbar above the week: today / previous / next and the visible date range.
import { formatWeekRange, isoWeekNumber, toLocalDate, type WeekRange } from "./dates";
import { h, icon, ICONS } from "./dom";
import type { WeekAction } from "./keyboard";

export interface Header {
  setRange(range: WeekRange, containsToday: boolean): void;
  setLoading(loading: boolean): void;
}

export function mountHeader(root: HTMLElement, run: (action: WeekAction) => void): Header {
  const today = h("button", { type: "button", class: "btn btn-today", "aria-label": "Go to this week (T)", title: "This week (T)", "data-testid": "today" }, "Today");
  const prev = h("button", { type: "button", class: "btn btn-icon", "aria-label": "Previous week (←)", title: "Previous week (← or J)", "data-testid": "prev" }, icon(ICONS.chevronLeft));
  const next = h("button", { type: "button", class: "btn btn-icon", "aria-label": "Next week (→)", title: "Next week (→ or K)", "data-testid": "next" }, icon(ICONS.chevronRight));
  today.addEventListener("click", () => run("today"));
  prev.addEventListener("click", () => run("prev"));
  next.addEventListener("click", () => run("next"));

  // The machine-readable range (local days, end exclusive) rides on the label for tests.
  const label = h("h1", { class: "range", "data-testid": "week-range", "aria-live": "polite" });
  const week = h("span", { class: "week-badge", "aria-hidden": "true" });
  const progress = h("div", { class: "progress", "aria-hidden": "true" });

  root.append(h("div", { class: "nav", role: "toolbar", "aria-label": "Week navigation" }, today, prev, next), label, week, progress);

  return {
    setRange(range, containsToday) {
      label.textContent = formatWeekRange(range);
      label.dataset.from = toLocalDate(range.start);
      label.dataset.to = toLocalDate(range.end);
      week.textContent = `W${isoWeekNumber(range.start)}`;
      today.classList.toggle("is-current", containsToday);
    },
    setLoading(loading) {
      root.classList.toggle("is-loading", loading);
    },
  };
}
