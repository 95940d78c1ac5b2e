// The task editor: a modal dialog with every field of a task. Save sends only what changed
// (task-changes.ts); what the core refuses (a dependency cycle, a title too long) is shown
// in the dialog by the core's message, and the form keeps what the user typed.
import type { EstimateHint } from "./bindings/EstimateHint";
import type { EstimateQuery } from "./bindings/EstimateQuery";
import type { HourSetView } from "./bindings/HourSetView";
import type { TaskChanges } from "./bindings/TaskChanges";
import type { ForecastView } from "./bindings/ForecastView";
import type { TaskDetails } from "./bindings/TaskDetails";
import type { TaskRef } from "./bindings/TaskRef";
import type { TaskView } from "./bindings/TaskView";
import { CommandError } from "./api";
import { h } from "./dom";
import { field } from "./form";
import { parseEstimateInput } from "./quick-add";
import { formFromDetails, isEmptyChange, parseTags, taskChanges, type TaskForm } from "./task-changes";

export interface TaskEditorDeps {
  details(key: string): Promise<TaskDetails>;
  edit(key: string, changes: TaskChanges): Promise<TaskDetails>;
  remove(key: string): Promise<TaskView[]>;
  /** The open tasks, of which the dependencies are picked. */
  openTasks(): Promise<TaskView[]>;
  /** The hour sets a task may be planned in (work, personal, the user's own). */
  hourSets(): Promise<HourSetView[]>;
  onSaved(task: TaskDetails): void;
  onDeleted(title: string): void;
  onError(e: unknown): void;
  /** When the task would be done if planned now ("done by Thu 15:00"), shown under the title. */
  forecast?(taskId: string): Promise<ForecastView>;
  /** What the estimate learner says of an estimate under these tags and project, if anything. */
  estimateHint?(query: EstimateQuery): Promise<EstimateHint | null>;
}

export interface TaskEditor {
  open(taskId: string): Promise<void>;
}

/** What the user reads of a failure: the core's own message, without the command's name. */
export function errorText(e: unknown): string {
  if (e instanceof CommandError) return e.detail;
  return e instanceof Error ? e.message : String(e);
}

function input(testid: string, attrs: Record<string, string | number> = {}): HTMLInputElement {
  return h("input", { class: "input", "data-testid": testid, autocomplete: "off", ...attrs });
}

function select(testid: string, options: [string, string][]): HTMLSelectElement {
  return h("select", { class: "input", "data-testid": testid }, ...options.map(([value, label]) => h("option", { value }, label)));
}

/** The checklist of tasks to wait for, with a filter; checked ones stay listed whatever the filter. */
function dependencyPicker(candidates: readonly TaskRef[], chosen: readonly string[]): { el: HTMLElement; read: () => string[] } {
  const filter = input("te-dep-filter", { type: "search", placeholder: "Filter tasks", "aria-label": "Filter the tasks to wait for" });
  const boxes = candidates.map((c) => {
    const box = h("input", { type: "checkbox", "data-testid": "te-dep", "data-task-id": c.id });
    box.checked = chosen.includes(c.id);
    return { ref: c, box, row: h("label", { class: "check dep-row", title: c.title }, box, h("span", { class: "dep-title" }, c.title)) };
  });
  const count = h("span", { class: "field-hint", "aria-live": "polite" });
  const list = h("div", { class: "dep-list", role: "group", "aria-label": "Tasks this one waits for" }, ...boxes.map((b) => b.row));
  const empty = h("p", { class: "field-hint" }, "No other open task.");
  const update = (): void => {
    const q = filter.value.trim().toLocaleLowerCase();
    for (const b of boxes) b.row.hidden = !b.box.checked && q !== "" && !b.ref.title.toLocaleLowerCase().includes(q);
    const n = boxes.filter((b) => b.box.checked).length;
    count.textContent = n ? `Waits for ${n} task${n === 1 ? "" : "s"}` : "Waits for nothing";
  };
  filter.addEventListener("input", update);
  list.addEventListener("change", update);
  update();
  return {
    el: h("fieldset", { class: "fieldset" }, h("legend", {}, "Waits for"), h("div", { class: "field-row" }, filter, count), boxes.length ? list : empty),
    read: () => boxes.filter((b) => b.box.checked).map((b) => b.ref.id),
  };
}

/** Empties a date and its time (a date field has no way of its own to be emptied in WebKitGTK). */
function clearButton(testid: string, label: string, ...fields: HTMLInputElement[]): HTMLButtonElement {
  const b = h("button", { type: "button", class: "btn btn-small field-clear", "data-testid": testid, "aria-label": label, title: label }, "Clear");
  b.addEventListener("click", () => {
    for (const f of fields) {
      f.value = "";
      f.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
  return b;
}

export function createTaskEditor(deps: TaskEditorDeps): TaskEditor {
  const dialog = h("dialog", { class: "dialog task-editor", "aria-labelledby": "task-editor-title", "data-testid": "task-editor" });
  document.body.append(dialog);
  let opener: Element | null = null;
  dialog.addEventListener("close", () => {
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  });

  async function open(taskId: string): Promise<void> {
    let details: TaskDetails;
    let open: TaskView[];
    let sets: HourSetView[];
    try {
      [details, open, sets] = await Promise.all([deps.details(taskId), deps.openTasks(), deps.hourSets()]);
    } catch (e) {
      deps.onError(e);
      return;
    }
    opener = document.activeElement;
    render(details, open, sets);
    dialog.showModal();
  }

  /** "Done by Thu 15:00" (or at risk) under the title, once the core has planned it. */
  function forecastLine(taskId: string): HTMLElement {
    const line = h("p", { class: "te-forecast", "data-testid": "task-forecast", role: "status" });
    deps.forecast?.(taskId).then(
      (f) => {
        line.textContent = f.message;
        line.classList.toggle("is-at-risk", f.at_risk);
      },
      // The editor works without it.
      () => undefined,
    );
    return line;
  }

  /** "#writing usually takes you 1.4× longer: plan 1 h 25 min?" under the estimate, with a
   *  button that sets the estimate to that; nothing changes unless it is clicked. */
  function estimateHint(estimate: HTMLInputElement, tags: HTMLInputElement, project: HTMLInputElement): HTMLElement {
    const text = h("span", { class: "te-hint-text" });
    const apply = h("button", { type: "button", class: "btn btn-small", "data-testid": "te-estimate-hint-apply" }, "Use it");
    const line = h("p", { class: "field-hint te-hint", "data-testid": "te-estimate-hint", "aria-live": "polite" }, text, apply);
    line.hidden = true;
    let suggested = 0;
    let asked = 0;
    const ask = (): void => {
      const minutes = parseEstimateInput(estimate.value);
      const mine = ++asked;
      if (!deps.estimateHint || minutes === null || !Number.isInteger(minutes) || minutes <= 0) {
        line.hidden = true;
        return;
      }
      deps.estimateHint({ tags: parseTags(tags.value), project: project.value.trim() || null, estimate_min: minutes }).then(
        (hint) => {
          if (mine !== asked) return; // a newer question was asked meanwhile
          line.hidden = hint === null;
          text.textContent = hint ? `${hint.text} ` : "";
          suggested = hint?.suggested_min ?? 0;
        },
        // The editor works without it.
        () => undefined,
      );
    };
    apply.addEventListener("click", () => {
      estimate.value = String(suggested);
      line.hidden = true;
    });
    for (const f of [estimate, tags, project]) f.addEventListener("change", ask);
    ask();
    return line;
  }

  function render(details: TaskDetails, openTasks: readonly TaskView[], sets: readonly HourSetView[]): void {
    const f = formFromDetails(details);
    const title = input("te-title", { type: "text", required: "", "aria-label": "Title" });
    title.value = f.title;
    const notes = h("textarea", { class: "input input-notes", rows: 3, "data-testid": "te-notes" });
    notes.value = f.notes;
    const estimate = input("te-estimate", { type: "text", placeholder: "Default", size: 7 });
    estimate.value = f.estimate;
    const priority = select("te-priority", [
      ["1", "P1 highest"],
      ["2", "P2"],
      ["3", "P3"],
      ["4", "P4 lowest"],
    ]);
    priority.value = String(f.priority);
    const hours = select("te-hours", [
      ["work", "Work hours"],
      ["personal", "Personal hours"],
      ...sets.filter((s) => !s.built_in).map((s): [string, string] => [s.name, `${s.name} hours`]),
    ]);
    hours.value = f.hours;
    const dueDate = input("te-due-date", { type: "date", placeholder: "YYYY-MM-DD" });
    dueDate.value = f.dueDate;
    const dueTime = input("te-due-time", { type: "time", placeholder: "HH:MM" });
    dueTime.value = f.dueTime;
    const hard = h("input", { type: "checkbox", "data-testid": "te-hard" });
    hard.checked = f.hardDue;
    // Only a due date can be one that must not be missed.
    const hardNeedsDue = (): void => {
      hard.disabled = dueDate.value === "";
    };
    dueDate.addEventListener("input", hardNeedsDue);
    dueDate.addEventListener("change", hardNeedsDue);
    hardNeedsDue();
    const startDate = input("te-start-date", { type: "date", placeholder: "YYYY-MM-DD" });
    startDate.value = f.startDate;
    const startTime = input("te-start-time", { type: "time", placeholder: "HH:MM" });
    startTime.value = f.startTime;
    const chunkMin = input("te-chunk-min", { type: "number", min: 5, max: 1440, step: 5, placeholder: "Default" });
    chunkMin.value = f.chunkMin;
    const chunkMax = input("te-chunk-max", { type: "number", min: 5, max: 1440, step: 5, placeholder: "Default" });
    chunkMax.value = f.chunkMax;
    const project = input("te-project", { type: "text", placeholder: "none" });
    project.value = f.project;
    const tags = input("te-tags", { type: "text", placeholder: "deep, errands" });
    tags.value = f.tags;
    // Any other task may be waited for: the open ones, and those already chosen (even if done).
    const candidates: TaskRef[] = [
      ...details.depends_on,
      ...openTasks.filter((t) => t.id !== details.task.id && !details.depends_on.some((d) => d.id === t.id)).map((t) => ({ id: t.id, title: t.title })),
    ];
    const deps_ = dependencyPicker(candidates, f.dependsOn);

    const message = h("p", { class: "form-error", role: "alert", "data-testid": "te-error" });
    const save = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "te-save" }, "Save");
    const cancel = h("button", { type: "button", class: "btn", "data-testid": "te-cancel" }, "Cancel");
    const remove = h("button", { type: "button", class: "btn btn-danger", "data-testid": "te-delete" }, "Delete");
    const form = h(
      "form",
      // The core checks every value and says what is wrong; WebKit's own check of a date field
      // emptied by script refused the form without saying why.
      { method: "dialog", class: "task-form", novalidate: true },
      h("h2", { id: "task-editor-title" }, "Edit task"),
      forecastLine(details.task.id),
      field("Title", title),
      field("Notes", notes),
      h("div", { class: "field-row" }, field("Estimate", estimate, "90, 45m or 1h30m"), field("Priority", priority), field("Plan it in", hours)),
      h(
        "fieldset",
        { class: "fieldset" },
        h("legend", {}, "Dates"),
        h(
          "div",
          { class: "field-row" },
          field("Due", dueDate),
          field("at (optional)", dueTime),
          clearButton("te-due-clear", "Clear the due date", dueDate, dueTime),
        ),
        h("label", { class: "check" }, hard, "The due date must not be missed"),
        h(
          "div",
          { class: "field-row" },
          field("Not before", startDate),
          field("at (optional)", startTime),
          clearButton("te-start-clear", "Clear the not-before date", startDate, startTime),
        ),
      ),
      h(
        "div",
        { class: "field-row" },
        field("Smallest block (min)", chunkMin, "Empty: as in Settings"),
        field("Largest block (min)", chunkMax, "Empty: as in Settings"),
      ),
      h("div", { class: "field-row" }, field("Project", project), field("Tags", tags, "Separated by commas")),
      estimateHint(estimate, tags, project),
      deps_.el,
      message,
      h("div", { class: "dialog-actions" }, remove, h("span", { class: "spacer" }), cancel, save),
    );

    const read = (): TaskForm => ({
      title: title.value,
      notes: notes.value,
      estimate: estimate.value,
      dueDate: dueDate.value,
      dueTime: dueTime.value,
      hardDue: hard.checked,
      startDate: startDate.value,
      startTime: startTime.value,
      priority: Number(priority.value),
      hours: hours.value,
      chunkMin: chunkMin.value,
      chunkMax: chunkMax.value,
      dependsOn: deps_.read(),
      project: project.value,
      tags: tags.value,
    });
    const busy = (on: boolean): void => {
      save.disabled = on;
      remove.disabled = on;
    };

    cancel.addEventListener("click", () => dialog.close());
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const result = taskChanges(details, read());
      if ("error" in result) {
        message.textContent = result.error;
        return;
      }
      if (isEmptyChange(result.changes)) {
        dialog.close();
        return;
      }
      message.textContent = "";
      busy(true);
      deps.edit(details.task.id, result.changes).then(
        (saved) => {
          busy(false);
          dialog.close();
          deps.onSaved(saved);
        },
        (err: unknown) => {
          busy(false);
          message.textContent = errorText(err);
        },
      );
    });
    remove.addEventListener("click", () => {
      busy(true);
      deps.remove(details.task.id).then(
        () => {
          busy(false);
          dialog.close();
          deps.onDeleted(details.task.title);
        },
        (err: unknown) => {
          busy(false);
          message.textContent = errorText(err);
        },
      );
    });
    dialog.replaceChildren(form);
  }

  return { open };
}
