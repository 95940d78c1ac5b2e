// The sidebar's Meetings panel: find a time with others (attendees, duration, range → slots
// with who is busy or unknown; Book makes the meeting and shows the re-plan as ghosts), and
// share your free times as text in the recipient's zone (to copy into a message; held on the
// calendar if asked, until one is booked), meeting types (find and share take one), and
// reschedule a day (preview each item's proposal and
// reason, accept all).
import type { Api } from "../api";
import type { DayProposal } from "../bindings/DayProposal";
import type { FindAnswer } from "../bindings/FindAnswer";
import type { PlanPreview } from "../bindings/PlanPreview";
import type { Slot } from "../bindings/Slot";
import { h } from "../dom";
import { errorText } from "../task-editor";
import { attendeeSuggestions, type SuggestApi } from "./attendee-suggestions";
import { heldTimes, type HeldApi } from "./held-times";
import { meetingTypes, type TypesApi } from "./meeting-types";

type MeetingsApi = Pick<Api, "findMeetingSlots" | "bookMeeting" | "rescheduleDay" | "shareAvailability" | "declineMeeting"> & TypesApi & HeldApi & SuggestApi;

export interface MeetingsDeps {
  /** A meeting booked or a day accepted: the grid reloads and the re-plan (if any) is shown. */
  changed(replan: PlanPreview | null): void;
}

function input(testid: string, attrs: Record<string, string | number> = {}): HTMLInputElement {
  return h("input", { class: "input", "data-testid": testid, autocomplete: "off", ...attrs });
}

/** `YYYY-MM-DD` of a local day `days` from today. */
function localDay(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The instant a local `YYYY-MM-DD` day begins, as RFC 3339. */
function dayStart(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

function slotText(s: Slot): string {
  const start = new Date(s.start);
  const end = new Date(s.end);
  const day = start.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
  const hm = (d: Date): string => d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", hour12: false });
  const busy = s.busy.filter((p) => p.state === "busy").map((p) => p.email);
  const off = s.busy.filter((p) => p.state === "off_hours").map((p) => p.email);
  const unknown = s.busy.filter((p) => p.state === "unknown").map((p) => p.email);
  const who = [
    busy.length ? `busy: ${busy.join(", ")}` : "",
    off.length ? `outside working hours: ${off.join(", ")}` : "",
    unknown.length ? `unknown: ${unknown.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
  return `${day} ${hm(start)}–${hm(end)} · ${who || "everyone free"}`;
}

export function mountMeetingsPanel(root: HTMLElement, api: MeetingsApi, deps: MeetingsDeps): void {
  const attendees = input("meet-attendees", { type: "text", placeholder: "ana@example.com, bo@example.com", "aria-label": "Attendees' e-mail addresses" });
  const duration = input("meet-duration", { type: "text", inputmode: "numeric", size: 4, value: "30", "aria-label": "Duration (min)" });
  const from = input("meet-from", { type: "date", value: localDay(0), "aria-label": "From" });
  const to = input("meet-to", { type: "date", value: localDay(7), "aria-label": "To (the day after the last)" });
  const title = input("meet-title", { type: "text", value: "Meeting", "aria-label": "Title of the meeting to book" });
  const error = h("p", { class: "form-error", role: "alert", "data-testid": "meet-error", hidden: true });
  const notes = h("p", { class: "meet-notes", "data-testid": "meet-notes" });
  const slots = h("ol", { class: "meet-slots", "data-testid": "meet-slots" });
  const showError = (e: unknown): void => {
    error.textContent = errorText(e);
    error.hidden = false;
  };
  const people = (): string[] => attendees.value.split(/[\s,;]+/).filter((a) => a.length > 0);
  // A type chosen fills in its minutes (still editable); find, book and share send its name.
  const types = meetingTypes(api, (t) => {
    if (t) duration.value = String(t.duration_min);
  });
  const typeName = (): string | null => types.select.value || null;

  // Books the meeting the form describes at `start` (a slot found, or a time held).
  const bookAt = (start: string): Promise<void> => {
    error.hidden = true;
    const ask = { title: title.value, start, duration_min: Number(duration.value), attendees: people(), meeting_type: typeName(), calendar: null };
    return api.bookMeeting(ask).then((view) => {
      slots.replaceChildren();
      const released = view.holds_released > 0 ? `; the ${view.holds_released} time(s) held with it are released` : "";
      notes.textContent = `Booked “${view.event.title}”${released}.`;
      deps.changed(view.replan);
    });
  };
  const held = heldTimes(api, bookAt, showError);

  const showSlots = (answer: FindAnswer): void => {
    notes.textContent = answer.notes.join(" ");
    slots.replaceChildren(
      ...answer.slots.map((s, i) => {
        const book = h("button", { type: "button", class: "btn btn-small", "data-testid": "meet-book" }, "Book");
        book.addEventListener("click", () => {
          bookAt(s.start).then(held.refresh, showError);
        });
        return h(
          "li",
          { class: "meet-slot", "data-testid": "meet-slot", "data-index": i, "data-start": s.start, "data-end": s.end },
          h("span", {}, slotText(s)),
          book,
        );
      }),
    );
    if (answer.slots.length === 0) notes.textContent = `${notes.textContent ?? ""} No time fits: try a longer range or a shorter meeting.`.trim();
  };

  const find = h(
    "form",
    { class: "meet-form", "data-testid": "meet-find" },
    h("label", {}, "Attendees", attendees),
    attendeeSuggestions(attendees, api),
    h("div", { class: "meet-row" }, h("label", {}, "Minutes", duration), h("label", {}, "From", from), h("label", {}, "To", to)),
    h("label", {}, "Type", types.select),
    h("label", {}, "Title", title),
    h("button", { type: "submit", class: "btn btn-small", "data-testid": "meet-find-button" }, "Find a time"),
  );
  // What find and share ask: the form's minutes, range and meeting type.
  const askOf = (attendees: string[], limit: number | null) => ({
    duration_min: Number(duration.value),
    from: dayStart(from.value),
    to: dayStart(to.value),
    attendees,
    meeting_type: typeName(),
    limit,
  });
  find.addEventListener("submit", (e) => {
    e.preventDefault();
    error.hidden = true;
    api.findMeetingSlots(askOf(people(), 8)).then(showSlots, showError);
  });

  // Share: the user's own free times for the same minutes and range, in the recipient's zone.
  const zone = input("meet-share-zone", { type: "text", placeholder: "Recipient's zone, e.g. America/New_York", "aria-label": "Recipient's time zone" });
  const shared = h("pre", { class: "meet-shared", "data-testid": "meet-shared", hidden: true });
  const hold = h("input", { type: "checkbox", "data-testid": "meet-share-hold" });
  const share = h(
    "form",
    { class: "meet-form", "data-testid": "meet-share" },
    zone,
    h("label", { class: "meet-check", title: "Keep these times busy on your calendar (tentative) until a meeting is booked in one" }, hold, "Hold these times"),
    h("button", { type: "submit", class: "btn btn-small", "data-testid": "meet-share-button" }, "Share free times"),
  );
  share.addEventListener("submit", (e) => {
    e.preventDefault();
    error.hidden = true;
    const ask = askOf([], null);
    const holding = hold.checked ? { title: title.value.trim() || null, calendar: null } : null;
    api.shareAvailability(ask, zone.value.trim() || null, holding).then((view) => {
      const first = view.held[0];
      const kept = first ? `\nHeld ${view.held.length} time(s) on “${first.calendar}” until one is booked.` : "";
      shared.textContent = (view.text || "No free time of that length in that range.") + kept;
      shared.hidden = false;
      held.refresh();
    }, showError);
  });

  // Reschedule a day: preview, then accept all.
  const day = input("meet-day", { type: "date", value: localDay(1), "aria-label": "Day to clear" });
  const items = h("ul", { class: "meet-day-items", "data-testid": "meet-day-items" });
  const accept = h("button", { type: "button", class: "btn btn-small", "data-testid": "meet-day-accept", hidden: true }, "Accept all");
  const showDay = (p: DayProposal): void => {
    items.replaceChildren(
      ...p.items.map((i) => {
        const li = h("li", { "data-testid": "meet-day-item", "data-action": i.action }, h("strong", {}, i.title), ` · ${i.reason}`);
        if (i.action === "decline_or_ask") {
          // Someone else's meeting: declining it is the user's explicit choice, sent at the next sync.
          const decline = h("button", { type: "button", class: "btn btn-small", "data-testid": "meet-day-decline" }, "Decline");
          decline.addEventListener("click", () => {
            error.hidden = true;
            api.declineMeeting({ uid: i.uid, occurrence: i.occurrence, calendar_id: null }).then((view) => {
              li.replaceChildren(h("strong", {}, i.title), ` · ${view.message}`);
              deps.changed(null);
            }, showError);
          });
          li.append(" ", decline);
        }
        return li;
      }),
    );
  };
  const preview = h(
    "form",
    { class: "meet-form", "data-testid": "meet-reschedule" },
    h("label", {}, "Reschedule a day", day),
    h("button", { type: "submit", class: "btn btn-small", "data-testid": "meet-day-preview" }, "Preview"),
  );
  preview.addEventListener("submit", (e) => {
    e.preventDefault();
    error.hidden = true;
    api.rescheduleDay(day.value, null, false).then((p) => {
      showDay(p);
      accept.hidden = false;
    }, showError);
  });
  accept.addEventListener("click", () => {
    api.rescheduleDay(day.value, null, true).then((p) => {
      accept.hidden = true;
      items.replaceChildren(
        h(
          "li",
          { "data-testid": "meet-day-done" },
          `Done: ${p.items.filter((i) => i.action === "move").length} meeting(s) moved; the day's blocks are planned again.`,
        ),
      );
      deps.changed(p.replan);
    }, showError);
  });

  root.replaceChildren(h("h2", { class: "panel-title" }, "Meetings"), find, error, notes, slots, share, shared, held.root, types.root, preview, items, accept);
}
