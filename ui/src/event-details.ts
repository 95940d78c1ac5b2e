// A small popover with an occurrence's details, opened from the week grid.
import { formatWhen } from "./dates";
import { h, icon, ICONS } from "./dom";
import type { EventDetailsView } from "./bindings/EventDetailsView";
import { guestsSection } from "./events/people";
import type { EventItem } from "./grid/item";

export interface EventDetails {
  open(event: EventItem, anchor: HTMLElement): void;
  close(): void;
}

/** What the popover's buttons do. */
export interface EventDetailsActions {
  edit(event: EventItem): void;
  remove(event: EventItem): void;
  /** The event's full details (organizer and guests), fetched once the popover is open. */
  load?(event: EventItem): Promise<EventDetailsView>;
  /** A plan block's Lock / Unlock button (null for other events), given a way to close the popover. */
  lock?(event: EventItem, close: () => void): HTMLElement | null;
  /** A plan block's outcome buttons (Done / Partly / Skip), given a way to close the popover. */
  outcome?(event: EventItem, close: () => void): HTMLElement;
  /** A meeting's Extend +15 / +30 (null for plan blocks and read-only events). */
  extend?(event: EventItem, close: () => void): HTMLElement | null;
}

let popoverCount = 0;

export function createEventDetails(actions: EventDetailsActions): EventDetails {
  let close: (() => void) | null = null;

  const open = (event: EventItem, anchor: HTMLElement): void => {
    close?.();
    const p = event.props;
    const start = event.start;
    const closeBtn = h("button", { type: "button", class: "btn btn-icon popover-close", "aria-label": "Close details" }, icon(ICONS.close));
    const titleId = `event-details-title-${++popoverCount}`;
    // Filled in when the details arrive; an event without guests leaves it empty.
    const guests = h("div", { class: "popover-guests" });
    const pop = h(
      "div",
      { class: "popover", role: "dialog", "aria-labelledby": titleId, "data-testid": "event-details", tabindex: -1 },
      closeBtn,
      h("div", { class: "popover-title" }, h("span", { class: "dot", "aria-hidden": "true" }), h("h2", { id: titleId }, event.title)),
      h("p", { class: "popover-when" }, formatWhen(start, event.end, event.allDay)),
      p.location ? h("p", { class: "popover-row" }, p.location) : null,
      h("p", { class: "popover-row popover-calendar" }, p.calendar),
      actions.lock?.(event, () => close?.()) ?? null,
      guests,
      p.plan && actions.outcome ? actions.outcome(event, () => close?.()) : null,
      actions.extend?.(event, () => close?.()) ?? null,
      // A read-only event says why instead of offering what would be refused.
      p.readOnly
        ? h("p", { class: "popover-row popover-read-only", "data-testid": "event-read-only" }, p.readOnly)
        : h(
            "div",
            { class: "popover-actions" },
            h("button", { type: "button", class: "btn btn-small", "data-action": "edit", "data-testid": "event-edit", "aria-keyshortcuts": "E" }, "Edit"),
            h(
              "button",
              { type: "button", class: "btn btn-small btn-danger", "data-action": "delete", "data-testid": "event-delete", "aria-keyshortcuts": "Delete" },
              "Delete",
            ),
          ),
    );
    pop.addEventListener("click", (e) => {
      const action = (e.target as Element).closest<HTMLElement>("[data-action]")?.dataset.action;
      if (!action) return;
      close?.();
      if (action === "edit") actions.edit(event);
      else actions.remove(event);
    });
    pop.style.setProperty("--event-color", p.color);
    document.body.append(pop);

    // Beside the event, flipped or clamped to stay inside the window.
    const a = anchor.getBoundingClientRect();
    const w = pop.offsetWidth;
    const ht = pop.offsetHeight;
    const margin = 8;
    let left = a.right + margin;
    if (left + w > window.innerWidth - margin) left = Math.max(margin, a.left - w - margin);
    const top = Math.min(Math.max(margin, a.top), window.innerHeight - ht - margin);
    pop.style.left = `${left}px`;
    pop.style.top = `${Math.max(margin, top)}px`;

    const onKey = (e: KeyboardEvent): void => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        close?.();
      } else if (!p.readOnly && (e.key === "e" || e.key === "Delete" || e.key === "Backspace") && !e.ctrlKey && !e.metaKey && !e.altKey) {
        // The keys of the grid work on the event whose details are open.
        e.preventDefault();
        e.stopPropagation();
        close?.();
        if (e.key === "e") actions.edit(event);
        else actions.remove(event);
      }
    };
    const onPointer = (e: PointerEvent): void => {
      if (!pop.contains(e.target as Node) && !anchor.contains(e.target as Node)) close?.();
    };
    close = () => {
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("pointerdown", onPointer, true);
      pop.remove();
      close = null;
      if (anchor.isConnected) anchor.focus();
    };
    closeBtn.addEventListener("click", () => close?.());
    actions.load?.(event).then(
      (d) => {
        const section = guestsSection(d, "popover-row");
        if (!section || !pop.isConnected) return;
        guests.replaceChildren(section);
        // Taller now: kept inside the window.
        const bottom = window.innerHeight - margin;
        if (pop.getBoundingClientRect().bottom > bottom) pop.style.top = `${Math.max(margin, bottom - pop.offsetHeight)}px`;
      },
      // The popover still shows what the grid knows; the guest list is extra.
      () => undefined,
    );
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("pointerdown", onPointer, true);
    pop.focus();
  };

  return { open, close: () => close?.() };
}
