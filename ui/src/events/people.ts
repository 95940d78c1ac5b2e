// A meeting's organizer and guests, shown read-only in the details popover and the editor.
import type { Attendee } from "../bindings/Attendee";
import type { EventDetailsView } from "../bindings/EventDetailsView";
import type { Organizer } from "../bindings/Organizer";
import type { Participation } from "../bindings/Participation";
import { h } from "../dom";

type Person = { name: string | null; email: string; is_self: boolean };

/** How a person is named: "you", else the display name, else the address. */
export function personName(p: Person): string {
  if (p.is_self) return "you";
  return p.name?.trim() || p.email;
}

const ANSWERS: Record<Participation, string> = {
  needs_action: "not answered",
  accepted: "going",
  declined: "not going",
  tentative: "maybe",
  delegated: "delegated",
};

/** One guest and their answer: "Bruno Lima (optional): maybe". */
export function attendeeLine(a: Attendee): string {
  const role = a.role === "optional" ? " (optional)" : a.role === "resource" ? " (room)" : a.role === "chair" ? " (chair)" : "";
  return `${personName(a)}${role}: ${ANSWERS[a.status]}`;
}

/** "Organised by Ana Lima" or "Organised by you". */
export function organizerLine(o: Organizer): string {
  return `Organised by ${personName(o)}`;
}

/** How many guests gave which answer: "3 guests: 2 going, 1 maybe". */
export function guestsSummary(attendees: readonly Attendee[]): string {
  const counts = new Map<string, number>();
  for (const a of attendees) counts.set(ANSWERS[a.status], (counts.get(ANSWERS[a.status]) ?? 0) + 1);
  const parts = Object.values(ANSWERS)
    .filter((w) => counts.has(w))
    .map((w) => `${counts.get(w)} ${w}`);
  const n = attendees.length;
  return `${n} ${n === 1 ? "guest" : "guests"}: ${parts.join(", ")}`;
}

/** The organizer and guest list, or null for an event without guests. */
export function guestsSection(d: Pick<EventDetailsView, "organizer" | "attendees">, className: string): HTMLElement | null {
  if (!d.organizer && d.attendees.length === 0) return null;
  return h(
    "div",
    { class: `guests ${className}`, "data-testid": "event-guests" },
    d.organizer ? h("p", { class: "guests-organizer" }, organizerLine(d.organizer)) : null,
    d.attendees.length ? h("p", { class: "guests-summary" }, guestsSummary(d.attendees)) : null,
    d.attendees.length
      ? h("ul", { class: "guests-list", "aria-label": "Guests" }, ...d.attendees.map((a) => h("li", { "data-status": a.status }, attendeeLine(a))))
      : null,
  );
}
