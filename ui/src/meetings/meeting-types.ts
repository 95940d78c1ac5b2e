// Meeting types in the Meetings panel: the list (edit, delete), the form that adds or edits
// one, and the select find and share take a type from ("none": the minutes given alone).
import type { Api } from "../api";
import type { MeetingTypeView } from "../bindings/MeetingTypeView";
import { h } from "../dom";
import { errorText } from "../task-editor";

export type TypesApi = Pick<Api, "listMeetingTypes" | "saveMeetingType" | "deleteMeetingType" | "listHourSets">;

/** What the form's fields hold, as typed. */
export interface TypeFields {
  name: string;
  minutes: string;
  before: string;
  after: string;
  hourSet: string;
  location: string;
  mayUseFocus: boolean;
}

/** "1:1 · 30 min · buffers 5/10 min · work hours · Room 2 · may use focus time". */
export function typeLine(t: MeetingTypeView): string {
  const parts = [t.name, `${t.duration_min} min`];
  if (t.buffer_before_min + t.buffer_after_min > 0) parts.push(`buffers ${t.buffer_before_min}/${t.buffer_after_min} min`);
  parts.push(`${t.hour_set ?? "work"} hours`);
  if (t.location) parts.push(t.location);
  if (t.may_use_focus) parts.push("may use focus time");
  return parts.join(" · ");
}

/**
 * The draft the fields describe, or a sentence naming the field that is not a number (the
 * core checks the rest: name, limits, hour set). Empty buffers are 0.
 */
export function draftOf(f: TypeFields): MeetingTypeView | string {
  const minutes = (label: string, text: string, empty: number | null): number | string => {
    const t = text.trim();
    if (t === "" && empty !== null) return empty;
    return /^\d{1,4}$/.test(t) ? Number(t) : `${label} must be a whole number of minutes, like 30.`;
  };
  const duration = minutes("The duration", f.minutes, null);
  const before = minutes("The buffer before", f.before, 0);
  const after = minutes("The buffer after", f.after, 0);
  for (const v of [duration, before, after]) if (typeof v === "string") return v;
  return {
    name: f.name.trim(),
    duration_min: duration as number,
    buffer_before_min: before as number,
    buffer_after_min: after as number,
    hour_set: f.hourSet || null,
    location: f.location.trim() || null,
    may_use_focus: f.mayUseFocus,
  };
}

export interface TypesSection {
  /** The list and the form, to mount in the panel. */
  root: HTMLElement;
  /** The select of find and share; its value is a type's name or "" for none. */
  select: HTMLSelectElement;
  /** The type chosen in the select, or null. */
  chosen(): MeetingTypeView | null;
}

function input(testid: string, label: string, attrs: Record<string, string | number> = {}): HTMLInputElement {
  return h("input", { class: "input", "data-testid": testid, autocomplete: "off", "aria-label": label, ...attrs });
}

/** The meeting types section; `picked` runs when the select changes (to fill in the minutes). */
export function meetingTypes(api: TypesApi, picked: (t: MeetingTypeView | null) => void): TypesSection {
  let types: MeetingTypeView[] = [];
  const select = h("select", { class: "input", "data-testid": "meet-type-select", "aria-label": "Meeting type" });
  const list = h("ul", { class: "meet-types-list", "data-testid": "meet-types-list" });
  const error = h("p", { class: "form-error", role: "alert", "data-testid": "meet-type-error", hidden: true });
  const name = input("meet-type-name", "Name of the meeting type", { type: "text", placeholder: "1:1" });
  const minutes = input("meet-type-minutes", "Duration (min)", { type: "text", inputmode: "numeric", size: 4, placeholder: "30" });
  const before = input("meet-type-before", "Buffer before (min)", { type: "text", inputmode: "numeric", size: 3, placeholder: "0" });
  const after = input("meet-type-after", "Buffer after (min)", { type: "text", inputmode: "numeric", size: 3, placeholder: "0" });
  const hourSet = h("select", { class: "input", "data-testid": "meet-type-hours", "aria-label": "Hours it may lie in" });
  const location = input("meet-type-location", "Location or video link", { type: "text", placeholder: "Room 2 or a video link" });
  const focus = h("input", { type: "checkbox", "data-testid": "meet-type-focus" });

  const showError = (e: unknown): void => {
    error.textContent = typeof e === "string" ? e : errorText(e);
    error.hidden = false;
  };
  const chosen = (): MeetingTypeView | null => types.find((t) => t.name === select.value) ?? null;

  const loadHourSets = (keep: string | null): void => {
    api.listHourSets().then((sets) => {
      hourSet.replaceChildren(
        h("option", { value: "" }, "Work hours"),
        ...sets.filter((s) => s.name.toLowerCase() !== "work").map((s) => h("option", { value: s.name }, `${s.name} hours`)),
      );
      hourSet.value = keep ?? "";
    }, showError);
  };

  const fill = (t: MeetingTypeView | null): void => {
    name.value = t?.name ?? "";
    minutes.value = t ? String(t.duration_min) : "";
    before.value = t ? String(t.buffer_before_min) : "";
    after.value = t ? String(t.buffer_after_min) : "";
    location.value = t?.location ?? "";
    focus.checked = t?.may_use_focus ?? false;
    loadHourSets(t?.hour_set ?? null);
  };

  const show = (all: MeetingTypeView[]): void => {
    types = all;
    const was = select.value;
    select.replaceChildren(h("option", { value: "" }, "No type"), ...all.map((t) => h("option", { value: t.name }, t.name)));
    select.value = all.some((t) => t.name === was) ? was : "";
    if (select.value !== was) picked(null);
    list.replaceChildren(
      ...all.map((t) => {
        const edit = h("button", { type: "button", class: "btn btn-small", "data-testid": "meet-type-edit", title: `Edit “${t.name}”` }, "Edit");
        const remove = h("button", { type: "button", class: "btn btn-small", "data-testid": "meet-type-delete", title: `Delete “${t.name}”` }, "Delete");
        edit.addEventListener("click", () => {
          error.hidden = true;
          fill(t);
          name.focus();
        });
        remove.addEventListener("click", () => {
          error.hidden = true;
          api.deleteMeetingType(t.name).then(show, showError);
        });
        return h("li", { class: "meet-type", "data-testid": "meet-type", "data-name": t.name }, h("span", {}, typeLine(t)), edit, remove);
      }),
    );
  };

  const form = h(
    "form",
    { class: "meet-form", "data-testid": "meet-type-form" },
    h("label", {}, "Name", name),
    h("div", { class: "meet-row" }, h("label", {}, "Minutes", minutes), h("label", {}, "Before", before), h("label", {}, "After", after)),
    h("label", {}, "Hours", hourSet),
    h("label", {}, "Location or video link", location),
    h("label", { class: "meet-check" }, focus, "May use focus time"),
    h("button", { type: "submit", class: "btn btn-small", "data-testid": "meet-type-save" }, "Save type"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    error.hidden = true;
    const draft = draftOf({
      name: name.value,
      minutes: minutes.value,
      before: before.value,
      after: after.value,
      hourSet: hourSet.value,
      location: location.value,
      mayUseFocus: focus.checked,
    });
    if (typeof draft === "string") return showError(draft);
    api.saveMeetingType(draft).then((all) => {
      show(all);
      fill(null);
    }, showError);
  });
  select.addEventListener("change", () => picked(chosen()));

  fill(null);
  show([]);
  api.listMeetingTypes().then(show, showError);
  const root = h("section", { class: "meet-types", "data-testid": "meet-types" }, h("h3", { class: "meet-subtitle" }, "Meeting types"), list, form, error);
  return { root, select, chosen };
}
