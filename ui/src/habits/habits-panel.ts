// The sidebar's Habits panel: every habit with its progress this period, pause / resume,
// edit and delete, and a form to add one (own windows or an hour set). What the core refuses
// (more minutes than the window holds, a session range upside down) is shown in the form.
import type { Api } from "../api";
import type { HabitView } from "../bindings/HabitView";
import type { HourSetView } from "../bindings/HourSetView";
import { h } from "../dom";
import { field } from "../form";
import { errorText } from "../task-editor";
import { draftFromFields, EMPTY_HABIT, fieldsFromView, type HabitFields } from "./habit-form";

export interface HabitsPanel {
  refresh(): Promise<void>;
}

type HabitsApi = Pick<Api, "listHabits" | "addHabit" | "editHabit" | "setHabitPaused" | "deleteHabit" | "listHourSets">;

function input(testid: string, attrs: Record<string, string | number> = {}): HTMLInputElement {
  return h("input", { class: "input", "data-testid": testid, autocomplete: "off", ...attrs });
}

function select(testid: string, options: [string, string][], value: string): HTMLSelectElement {
  const s = h("select", { class: "input", "data-testid": testid }, ...options.map(([v, label]) => h("option", { value: v }, label)));
  s.value = value;
  return s;
}

/** The add / edit form; `done` gets the habits as they now are. */
function habitForm(
  api: HabitsApi,
  sets: readonly HourSetView[],
  editing: HabitView | null,
  done: (list: HabitView[]) => void,
  cancel: () => void,
): HTMLFormElement {
  const f: HabitFields = editing ? fieldsFromView(editing) : EMPTY_HABIT;
  const title = input("habit-title", { type: "text", placeholder: "Study Spanish", "aria-label": "Habit title" });
  title.value = f.title;
  const minutes = input("habit-minutes", { type: "text", inputmode: "numeric", size: 5, "aria-label": "Minutes" });
  minutes.value = f.minutes;
  const per = select(
    "habit-per",
    [
      ["week", "a week"],
      ["day", "a day"],
    ],
    f.per,
  );
  const sessionMin = input("habit-session-min", { type: "text", inputmode: "numeric", size: 4, placeholder: "60", "aria-label": "Shortest session (min)" });
  sessionMin.value = f.sessionMin;
  const sessionMax = input("habit-session-max", { type: "text", inputmode: "numeric", size: 4, placeholder: "90", "aria-label": "Longest session (min)" });
  sessionMax.value = f.sessionMax;
  const place = select("habit-place", [["window", "Its own window"], ...sets.map((s): [string, string] => [s.name, `${s.name} hours`])], f.place);
  const windows = h("textarea", {
    class: "input",
    rows: 2,
    "data-testid": "habit-windows",
    placeholder: "mon-fri 18:00-22:00",
    "aria-label": "Windows, one a line",
  });
  windows.value = f.windows;
  const windowsField = field("Windows (one a line)", windows, "Days and times, like mon-fri 18:00-22:00");
  const showWindows = (): void => {
    windowsField.hidden = place.value !== "window";
  };
  place.addEventListener("change", showWindows);
  showWindows();
  const preferred = select(
    "habit-preferred",
    [
      ["", "Any time"],
      ["morning", "Morning"],
      ["afternoon", "Afternoon"],
      ["evening", "Evening"],
    ],
    f.preferred,
  );
  const priority = select(
    "habit-priority",
    [
      ["1", "P1 highest"],
      ["2", "P2"],
      ["3", "P3"],
      ["4", "P4 lowest"],
    ],
    f.priority,
  );
  const focus = h("input", { type: "checkbox", "data-testid": "habit-focus" });
  focus.checked = f.focus;
  const message = h("p", { class: "form-error", role: "alert", "data-testid": "habit-error" });
  const save = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "habit-save" }, editing ? "Save" : "Add habit");
  const close = h("button", { type: "button", class: "btn" }, "Cancel");
  close.addEventListener("click", cancel);
  const form = h(
    "form",
    { class: "habit-form", "data-testid": "habit-form" },
    field("Title", title),
    h("div", { class: "field-row" }, field("Minutes", minutes), field("Per", per)),
    h("div", { class: "field-row" }, field("Shortest session", sessionMin), field("Longest session", sessionMax)),
    field("When", place),
    windowsField,
    h("div", { class: "field-row" }, field("Preferably", preferred), field("Priority", priority)),
    h("label", { class: "check" }, focus, "Focus time (yields first; busy in your calendar)"),
    message,
    h("div", { class: "dialog-actions" }, close, save),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const draft = draftFromFields({
      title: title.value,
      focus: focus.checked,
      minutes: minutes.value,
      per: per.value === "day" ? "day" : "week",
      sessionMin: sessionMin.value,
      sessionMax: sessionMax.value,
      place: place.value,
      windows: windows.value,
      preferred: preferred.value as HabitFields["preferred"],
      priority: priority.value,
      project: f.project,
    });
    if ("error" in draft) {
      message.textContent = draft.error;
      return;
    }
    save.disabled = true;
    const sent = editing ? api.editHabit(editing.id, draft) : api.addHabit(draft);
    sent.then(done, (err: unknown) => {
      message.textContent = errorText(err);
      save.disabled = false;
    });
  });
  return form;
}

export function mountHabitsPanel(root: HTMLElement, api: HabitsApi, onError: (e: unknown) => void, onChanged: () => void): HabitsPanel {
  const list = h("ul", { class: "habits", "data-testid": "habits", "aria-live": "polite" });
  const slot = h("div", { class: "habit-form-slot" });
  const add = h("button", { type: "button", class: "btn btn-small", "data-testid": "habit-add" }, "Add");
  root.replaceChildren(h("div", { class: "panel-head" }, h("h2", { class: "panel-title" }, "Habits"), add), list, slot);

  async function openForm(editing: HabitView | null): Promise<void> {
    let sets: HourSetView[];
    try {
      sets = await api.listHourSets();
    } catch (e) {
      onError(e);
      return;
    }
    slot.replaceChildren(
      habitForm(
        api,
        sets,
        editing,
        (habits) => {
          slot.replaceChildren();
          render(habits);
          onChanged();
        },
        () => slot.replaceChildren(),
      ),
    );
    slot.querySelector<HTMLInputElement>("[data-testid=habit-title]")?.focus();
  }
  add.addEventListener("click", () => void openForm(null));

  function render(habits: readonly HabitView[]): void {
    list.replaceChildren(
      ...habits.map((v) => {
        const act = (label: string, testid: string, run: () => Promise<HabitView[]>): HTMLButtonElement => {
          const b = h("button", { type: "button", class: "link", "data-testid": testid, "aria-label": `${label} ${v.title}` }, label);
          b.addEventListener("click", () => {
            run().then((after) => {
              render(after);
              onChanged();
            }, onError);
          });
          return b;
        };
        const edit = h("button", { type: "button", class: "link", "data-testid": "habit-edit", "aria-label": `Edit ${v.title}` }, "Edit");
        edit.addEventListener("click", () => void openForm(v));
        return h(
          "li",
          { class: "habit", "data-habit": v.title, "data-kind": v.kind, "data-paused": v.paused },
          h("span", { class: "habit-title" }, v.title),
          h("span", { class: "habit-progress", "data-testid": "habit-progress" }, v.paused ? `Paused · ${v.progress}` : v.progress),
          h(
            "span",
            { class: "habit-actions" },
            v.paused ? act("Resume", "habit-resume", () => api.setHabitPaused(v.id, false)) : act("Pause", "habit-pause", () => api.setHabitPaused(v.id, true)),
            edit,
            act("Delete", "habit-delete", () => (confirm(`Delete “${v.title}” and its sessions still to come?`) ? api.deleteHabit(v.id) : api.listHabits())),
          ),
        );
      }),
    );
  }

  async function refresh(): Promise<void> {
    try {
      render(await api.listHabits());
    } catch (e) {
      onError(e);
    }
  }
  void refresh();
  return { refresh };
}
