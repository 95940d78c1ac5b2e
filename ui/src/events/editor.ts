// The event editor: title, time (all-day, zone), calendar, location, description, Repeat
// (presets, weekly days, custom RRULE; ends never / on a date / after N times), and the
// organizer and guests, read-only. One dialog for a new event and for an existing one; it
// reports what the user asked for and shows the core's refusal in place (nothing is lost:
// the dialog stays open with what was typed).
import type { CalendarView } from "../bindings/CalendarView";
import type { EventChanges } from "../bindings/EventChanges";
import type { EventDetailsView } from "../bindings/EventDetailsView";
import type { EventDraft } from "../bindings/EventDraft";
import { addDays, toLocalDate } from "../dates";
import { h } from "../dom";
import { field } from "../form";
import { guestsSection } from "./people";
import { fromRrule, presetLabels, toRrule, type RepeatPreset } from "./recurrence";
import { knownZones, localZone, wallIn } from "./zoned";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** What the editor is opened on: an event's details, or the times of a new one. */
export type EditorSubject = { kind: "existing"; details: EventDetailsView } | { kind: "new"; start: Date; end: Date; allDay: boolean };

export interface EditorResult {
  /** For a new event. */
  draft?: EventDraft;
  /** For an existing one: only what changed (null fields keep their value). */
  changes?: EventChanges;
  /** The user pressed Delete. */
  remove?: boolean;
}

export interface EditorDeps {
  calendars: CalendarView[];
  /** The calendar new events go to by default (the settings' calendar for new items). */
  defaultCalendarId: string | null;
  /**
   * Saves; a rejected promise keeps the dialog open with the error shown under the form.
   * Resolves when it is done (the dialog closes).
   */
  submit(result: EditorResult): Promise<void>;
  /** Called when the dialog closes, saved or not. */
  onClose?: (() => void) | undefined;
}

/** Changes that change nothing: each field left as it is. */
export const noChanges = (): EventChanges => ({
  title: null,
  start: null,
  end: null,
  all_day: null,
  time_zone: null,
  calendar: null,
  location: null,
  description: null,
  rrule: null,
});

function input(attrs: Record<string, string | number | boolean>, value: string): HTMLInputElement {
  const el = h("input", { class: "input", ...attrs });
  el.value = value;
  return el;
}

export function openEventEditor(subject: EditorSubject, deps: EditorDeps): void {
  const d = subject.kind === "existing" ? subject.details : null;
  const zone = d?.time_zone ?? localZone();
  const allDay0 = d ? d.all_day : subject.kind === "new" && subject.allDay;
  const start0 = d ? new Date(d.all_day ? `${d.start}T00:00` : d.start) : (subject as { start: Date }).start;
  const end0 = d ? new Date(d.all_day ? `${d.end}T00:00` : d.end) : (subject as { end: Date }).end;
  // Times are shown on the event's own clock; all-day ends are shown inclusive.
  const startWall = allDay0 ? { date: toLocalDate(start0), time: "09:00" } : wallIn(start0, zone);
  const endWall = allDay0 ? { date: toLocalDate(addDays(end0, -1)), time: "10:00" } : wallIn(end0, zone);

  const title = input(
    { type: "text", name: "title", placeholder: "Add title", maxlength: 1000, "data-testid": "editor-title", "aria-label": "Title" },
    d?.title ?? "",
  );
  const allDay = h("input", { type: "checkbox", name: "all-day", "data-testid": "editor-all-day" });
  allDay.checked = allDay0;
  const startDate = input({ type: "date", name: "start-date", "aria-label": "Start date", "data-testid": "editor-start-date" }, startWall.date);
  const startTime = input({ type: "time", name: "start-time", "aria-label": "Start time", "data-testid": "editor-start-time" }, startWall.time);
  const endDate = input({ type: "date", name: "end-date", "aria-label": "End date", "data-testid": "editor-end-date" }, endWall.date);
  const endTime = input({ type: "time", name: "end-time", "aria-label": "End time", "data-testid": "editor-end-time" }, endWall.time);
  const zones = h("datalist", { id: "editor-zones" }, ...knownZones().map((z) => h("option", { value: z })));
  const timeZone = input({ type: "text", name: "time-zone", list: "editor-zones", "aria-label": "Time zone", "data-testid": "editor-zone" }, zone);
  const writable = deps.calendars.filter((c) => !c.read_only || c.id === d?.calendar_id);
  const calendar = h(
    "select",
    { class: "input", name: "calendar", "aria-label": "Calendar", "data-testid": "editor-calendar" },
    ...writable.map((c) => h("option", { value: c.id }, `${c.name} (${c.account_name})`)),
  );
  calendar.value = d?.calendar_id ?? deps.defaultCalendarId ?? writable[0]?.id ?? "";
  const location = input(
    { type: "text", name: "location", placeholder: "Add location", "aria-label": "Location", "data-testid": "editor-location" },
    d?.location ?? "",
  );
  const description = h("textarea", {
    class: "input",
    name: "description",
    rows: 3,
    placeholder: "Add description",
    "aria-label": "Description",
    "data-testid": "editor-description",
  });
  description.value = d?.description ?? "";

  // Repeat.
  const repeat0 = fromRrule(d?.rrule ?? null, start0);
  const preset = h("select", { class: "input", name: "repeat", "aria-label": "Repeat", "data-testid": "editor-repeat" });
  const fillPresets = (): void => {
    const chosen = preset.value || repeat0.preset;
    const at = new Date(`${startDate.value}T00:00`);
    preset.replaceChildren(...presetLabels(Number.isNaN(at.getTime()) ? start0 : at).map(([v, label]) => h("option", { value: v }, label)));
    preset.value = chosen;
  };
  fillPresets();
  const dayBoxes = DAYS.map((name, i) => {
    const box = h("input", { type: "checkbox", name: `repeat-day-${i}` });
    box.checked = repeat0.days.includes(i);
    return { box, el: h("label", { class: "day-check" }, box, name) };
  });
  const weekDays = h("div", { class: "day-checks", role: "group", "aria-label": "Repeat on" }, ...dayBoxes.map((b) => b.el));
  const custom = input(
    { type: "text", name: "rrule", placeholder: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "aria-label": "Recurrence rule (RRULE)", "data-testid": "editor-rrule" },
    repeat0.custom,
  );
  const endKind = h(
    "select",
    { class: "input", name: "repeat-end", "aria-label": "Ends", "data-testid": "editor-repeat-end" },
    h("option", { value: "never" }, "Never"),
    h("option", { value: "until" }, "On date"),
    h("option", { value: "count" }, "After"),
  );
  endKind.value = repeat0.end.kind;
  const untilDate = input(
    { type: "date", name: "repeat-until", "aria-label": "Ends on" },
    repeat0.end.kind === "until" ? repeat0.end.date : toLocalDate(addDays(start0, 90)),
  );
  const count = input(
    { type: "number", name: "repeat-count", min: 1, max: 1000, "aria-label": "Number of times" },
    repeat0.end.kind === "count" ? String(repeat0.end.count) : "10",
  );
  const repeatRule = (): string | null =>
    toRrule(
      {
        preset: preset.value as RepeatPreset,
        days: dayBoxes.flatMap((b, i) => (b.box.checked ? [i] : [])),
        end:
          endKind.value === "until"
            ? { kind: "until", date: untilDate.value }
            : endKind.value === "count"
              ? { kind: "count", count: Number(count.value) }
              : { kind: "never" },
        custom: custom.value,
      },
      new Date(`${startDate.value}T00:00`),
    );
  const repeatExtras = h("div", { class: "field-row repeat-end" }, field("Ends", endKind), untilDate, count);
  const sync = (): void => {
    for (const t of [startTime, endTime, timeZone]) t.hidden = allDay.checked;
    timeZone.closest(".field")?.toggleAttribute("hidden", allDay.checked);
    weekDays.hidden = preset.value !== "weekly";
    custom.closest(".field")?.toggleAttribute("hidden", preset.value !== "custom");
    repeatExtras.hidden = preset.value === "none" || preset.value === "custom";
    untilDate.hidden = endKind.value !== "until";
    count.hidden = endKind.value !== "count";
  };

  const message = h("p", { class: "form-error", role: "alert", "data-testid": "editor-error" });
  const save = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "editor-save" }, "Save");
  const cancel = h("button", { type: "button", class: "btn" }, "Cancel");
  const remove = d ? h("button", { type: "button", class: "btn btn-danger", "data-testid": "editor-delete" }, "Delete") : null;
  const heading = d ? "Edit event" : "New event";
  const form = h(
    "form",
    { method: "dialog", class: "event-form" },
    h("h2", { id: "event-editor-title", class: "dialog-title" }, heading),
    title,
    h(
      "div",
      { class: "field-row" },
      field("Starts", h("div", { class: "when" }, startDate, startTime)),
      field("Ends", h("div", { class: "when" }, endDate, endTime)),
    ),
    h("div", { class: "field-row" }, h("label", { class: "check" }, allDay, "All day"), field("Time zone", timeZone)),
    zones,
    field("Repeat", preset),
    weekDays,
    field("Rule", custom, "An RFC 5545 RRULE, as other calendars write it"),
    repeatExtras,
    field("Calendar", calendar),
    field("Location", location),
    field("Description", description),
    d ? guestsSection(d, "editor-guests") : null,
    message,
    h("div", { class: "dialog-actions" }, remove, h("span", { class: "spacer" }), cancel, save),
  );
  const dialog = h("dialog", { class: "dialog event-editor", "aria-labelledby": "event-editor-title", "data-testid": "event-editor" }, form);

  for (const el of [allDay, preset, endKind]) el.addEventListener("change", sync);
  startDate.addEventListener("change", () => {
    // Moving the start moves the end with it, as calendars do.
    const shift = Date.parse(`${startDate.value}T00:00`) - Date.parse(`${startWall.date}T00:00`);
    if (!Number.isNaN(shift) && endDate.value) {
      endDate.value = toLocalDate(new Date(Date.parse(`${endWall.date}T00:00`) + shift + 3_600_000 * 2));
    }
    fillPresets();
  });
  cancel.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    dialog.remove();
    deps.onClose?.();
  });

  const startValue = (): string => (allDay.checked ? startDate.value : `${startDate.value}T${startTime.value}`);
  /** All-day ends are exclusive in the store: the day after the last day shown. */
  const endValue = (): string => (allDay.checked ? toLocalDate(addDays(new Date(`${endDate.value}T00:00`), 1)) : `${endDate.value}T${endTime.value}`);

  const run = (result: EditorResult): void => {
    message.textContent = "";
    save.disabled = true;
    deps.submit(result).then(
      () => dialog.close(),
      (e: unknown) => {
        message.textContent = e instanceof Error && "detail" in e ? String((e as { detail: unknown }).detail) : String(e);
        save.disabled = false;
      },
    );
  };
  remove?.addEventListener("click", () => run({ remove: true }));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!title.value.trim()) {
      message.textContent = "Give the event a title.";
      title.focus();
      return;
    }
    const rrule = repeatRule();
    if (!d) {
      run({
        draft: {
          title: title.value,
          start: startValue(),
          end: endValue(),
          all_day: allDay.checked,
          time_zone: allDay.checked ? null : timeZone.value.trim() || null,
          calendar: calendar.value || null,
          location: location.value.trim() || null,
          description: description.value.trim() || null,
          rrule,
        },
      });
      return;
    }
    // Only what changed goes to the core: an edit of one field never rewrites the others.
    const c = noChanges();
    if (title.value !== d.title) c.title = title.value;
    const timesChanged =
      allDay.checked !== allDay0 ||
      startDate.value !== startWall.date ||
      endDate.value !== endWall.date ||
      (!allDay.checked && (startTime.value !== startWall.time || endTime.value !== endWall.time));
    if (timesChanged) {
      c.start = startValue();
      c.end = endValue();
      c.all_day = allDay.checked;
    }
    if (!allDay.checked && timeZone.value.trim() && timeZone.value.trim() !== zone) {
      c.time_zone = timeZone.value.trim();
      c.start = startValue();
      c.end = endValue();
    }
    if (calendar.value !== d.calendar_id) c.calendar = calendar.value;
    if (location.value.trim() !== (d.location ?? "")) c.location = location.value.trim();
    if (description.value.trim() !== (d.description ?? "")) c.description = description.value.trim();
    if ((rrule ?? "") !== (d.rrule ?? "") && !(preset.value === repeat0.preset && preset.value !== "custom" && sameRule(rrule, d.rrule))) c.rrule = rrule ?? "";
    if (Object.values(c).every((v) => v === null)) {
      dialog.close();
      return;
    }
    run({ changes: c });
  });

  document.body.append(dialog);
  sync();
  dialog.showModal();
  title.focus();
  title.select();
}

/** Two rules that say the same (the core may write UNTIL as an instant where we wrote a date). */
function sameRule(a: string | null, b: string | null): boolean {
  const norm = (r: string | null): string => (r ?? "").toUpperCase().replace(/UNTIL=(\d{8})[^;]*/, "UNTIL=$1");
  return norm(a) === norm(b);
}
