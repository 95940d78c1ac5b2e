// The toolbar above the grid: today / previous / next, the visible date range, day or week,
// and the settings.
import { formatWeekRange, isoWeekNumber, toLocalDate, type WeekRange } from "./dates";
import { h, icon, ICONS } from "./dom";
import type { ViewMode, WeekAction } from "./keyboard";

export interface Header {
  /** The range shown; `title` replaces the range's dates (the month view's "December 2026"). */
  setRange(range: WeekRange, containsToday: boolean, title?: string): void;
  setLoading(loading: boolean): void;
  setView(view: ViewMode): void;
}

export function mountHeader(root: HTMLElement, run: (action: WeekAction | ViewMode) => void, openSettings: () => void): Header {
  const today = h("button", { type: "button", class: "btn btn-today", "aria-label": "Go to today (T)", title: "Today (T)", "data-testid": "today" }, "Today");
  const prev = h(
    "button",
    { type: "button", class: "btn btn-icon", "aria-label": "Previous week (←)", title: "Previous (← or K)", "data-testid": "prev" },
    icon(ICONS.chevronLeft),
  );
  const next = h(
    "button",
    { type: "button", class: "btn btn-icon", "aria-label": "Next week (→)", title: "Next (→ or J)", "data-testid": "next" },
    icon(ICONS.chevronRight),
  );
  today.addEventListener("click", () => run("today"));
  prev.addEventListener("click", () => run("prev"));
  next.addEventListener("click", () => run("next"));

  // The machine-readable range (local days, end exclusive) rides on the label for tests.
  const label = h("h1", { class: "range", "data-testid": "week-range", "aria-live": "polite" });
  const week = h("span", { class: "week-badge", "aria-hidden": "true" });
  const progress = h("div", { class: "progress", "aria-hidden": "true" });

  const dayBtn = h(
    "button",
    { type: "button", class: "btn", "aria-pressed": "false", "aria-keyshortcuts": "D", title: "Day view (D)", "data-testid": "view-day" },
    "Day",
  );
  const weekBtn = h(
    "button",
    { type: "button", class: "btn", "aria-pressed": "true", "aria-keyshortcuts": "W", title: "Week view (W)", "data-testid": "view-week" },
    "Week",
  );
  const monthBtn = h(
    "button",
    { type: "button", class: "btn", "aria-pressed": "false", "aria-keyshortcuts": "M", title: "Month view (M)", "data-testid": "view-month" },
    "Month",
  );
  dayBtn.addEventListener("click", () => run("day"));
  weekBtn.addEventListener("click", () => run("week"));
  monthBtn.addEventListener("click", () => run("month"));
  const settings = h("button", { type: "button", class: "btn", "data-testid": "open-settings" }, "Settings");
  settings.addEventListener("click", openSettings);
  const views = h("div", { class: "views", role: "group", "aria-label": "View" }, dayBtn, weekBtn, monthBtn);

  root.append(h("div", { class: "nav", role: "toolbar", "aria-label": "Week navigation" }, today, prev, next), label, week, views, settings, progress);

  return {
    setRange(range, containsToday, title) {
      label.textContent = title ?? formatWeekRange(range);
      label.dataset.from = toLocalDate(range.start);
      label.dataset.to = toLocalDate(range.end);
      week.hidden = title !== undefined;
      week.textContent = `W${isoWeekNumber(range.start)}`;
      today.classList.toggle("is-current", containsToday);
    },
    setView(view) {
      dayBtn.setAttribute("aria-pressed", String(view === "day"));
      weekBtn.setAttribute("aria-pressed", String(view === "week"));
      monthBtn.setAttribute("aria-pressed", String(view === "month"));
    },
    setLoading(loading) {
      root.classList.toggle("is-loading", loading);
    },
  };
}
