// The calendar list: one checkbox per calendar, grouped by account.
import type { CalendarView } from "./bindings/CalendarView";
import { h } from "./dom";
import { groupByAccount, type Visibility } from "./visibility";

export function renderCalendars(
  root: HTMLElement,
  calendars: readonly CalendarView[],
  visibility: Visibility,
  onToggle: (calendarId: string, visible: boolean) => void,
): void {
  if (calendars.length === 0) {
    root.replaceChildren(h("p", { class: "empty" }, "No calendars yet"));
    return;
  }
  const groups = groupByAccount(calendars).map((g) => {
    const items = g.calendars.map((c) => {
      const box = h("input", {
        type: "checkbox",
        class: "calendar-check",
        "aria-label": `Show ${c.name}`,
        "data-calendar-id": c.id,
      });
      box.checked = visibility.isVisible(c.id);
      // The native checkbox, tinted with the calendar colour, doubles as its chip.
      box.style.setProperty("--calendar-color", c.color);
      box.addEventListener("change", () => onToggle(c.id, box.checked));
      return h(
        "li",
        {},
        h(
          "label",
          { class: "calendar", "data-testid": "calendar", title: c.read_only ? `${c.name} (read-only)` : c.name },
          box,
          h("span", { class: "calendar-name" }, c.name),
          c.read_only ? h("span", { class: "tag" }, "read-only") : null,
        ),
      );
    });
    return h(
      "div",
      { class: "account" },
      h("h3", { class: "account-name", title: g.provider }, g.accountName),
      h("ul", { class: "calendar-list", "aria-label": g.accountName }, ...items),
    );
  });
  root.replaceChildren(...groups);
}
