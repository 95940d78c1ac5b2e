// The task list in the sidebar: a quick-add field, then every open task with its due date,
// project and inline controls for done, estimate and priority.
import type { TaskView } from "./bindings/TaskView";
import { h } from "./dom";
import { parseEstimateInput } from "./quick-add";
import { formatDue, formatEstimate, isOpen, sortTasks } from "./tasks";

export interface TaskActions {
  setDone(id: string, done: boolean): void;
  update(id: string, estimateMin: number | null, priority: number): void;
}

/** How the list is drawn besides the tasks themselves. */
export interface TaskListOptions {
  /** The estimate the planner uses for a task without one (shown on such tasks). */
  defaultEstimateMin?: number | null;
}

function taskItem(t: TaskView, now: Date, actions: TaskActions, options: TaskListOptions): HTMLLIElement {
  const due = t.due ? formatDue(t.due, now) : null;
  const open = isOpen(t);
  const done = h("input", { type: "checkbox", class: "task-done", "aria-label": `Mark “${t.title}” done`, "data-testid": "task-done" });
  done.checked = !open;
  done.addEventListener("change", () => actions.setDone(t.id, done.checked));

  const estimate = h("input", {
    type: "text",
    class: "task-estimate",
    "aria-label": `Estimate of “${t.title}” (minutes or 1h30m)`,
    placeholder: "est.",
    size: 5,
    "data-testid": "task-estimate",
  });
  // The default value is the stored one: a field whose value differs is being edited.
  estimate.defaultValue = t.estimate_min !== null ? formatEstimate(t.estimate_min).replace(" ", "") : "";
  const fallback = options.defaultEstimateMin;
  if (t.estimate_min === null && fallback) {
    // Planned all the same, with the default: say so rather than leave the field blank.
    estimate.placeholder = `${formatEstimate(fallback).replace(" ", "")} default`;
    estimate.classList.add("is-default");
    estimate.title = `No estimate: planned as ${formatEstimate(fallback)}, the default in Settings. Type one to change it.`;
  }
  const priority = h(
    "select",
    { class: `task-priority is-p${t.priority}`, "aria-label": `Priority of “${t.title}”`, "data-testid": "task-priority" },
    ...[1, 2, 3, 4].map((p) => h("option", { value: p }, `P${p}`)),
  );
  priority.value = String(t.priority);
  const commit = (): void => {
    const minutes = parseEstimateInput(estimate.value);
    if (Number.isNaN(minutes)) {
      estimate.setCustomValidity("Minutes (90) or hours and minutes (1h30m)");
      estimate.reportValidity();
      return;
    }
    estimate.setCustomValidity("");
    if (minutes === t.estimate_min && Number(priority.value) === t.priority) return;
    actions.update(t.id, minutes, Number(priority.value));
  };
  estimate.addEventListener("change", commit);
  estimate.addEventListener("keydown", (e) => {
    if (e.key === "Enter") commit();
  });
  priority.addEventListener("change", commit);

  const meta = [
    due
      ? h(
          "span",
          { class: `chip chip-due${due.overdue && open ? " is-overdue" : ""}`, title: `Due ${t.due}` },
          due.overdue && open ? `${due.text} (overdue)` : due.text,
        )
      : null,
    t.project ? h("span", { class: "chip chip-project" }, `#${t.project}`) : null,
  ];
  return h(
    "li",
    { class: `task is-${t.status}`, "data-testid": "task", "data-task-id": t.id },
    done,
    h("div", { class: "task-body" }, h("div", { class: "task-title", title: t.title }, t.title), h("div", { class: "task-meta" }, ...meta, estimate, priority)),
  );
}

export function renderTasks(
  root: HTMLElement,
  count: HTMLElement,
  tasks: readonly TaskView[],
  actions: TaskActions,
  options: TaskListOptions = {},
  now = new Date(),
): void {
  const sorted = sortTasks(tasks);
  count.textContent = String(sorted.filter(isOpen).length);
  if (sorted.length === 0) {
    root.replaceChildren(h("li", { class: "empty" }, "Nothing to do"));
    return;
  }
  const editing = editedField(root);
  root.replaceChildren(...sorted.map((t) => taskItem(t, now, actions, options)));
  if (editing) restoreEdit(root, editing);
}

interface Edit {
  taskId: string;
  testid: string;
  value: string;
  stored: string;
  selection: [number | null, number | null];
}

/** A task field the user is typing in (focused, changed, not yet saved), if any. */
function editedField(root: HTMLElement): Edit | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLInputElement) || !root.contains(el) || el.value === el.defaultValue) return null;
  const taskId = el.closest<HTMLElement>("[data-task-id]")?.dataset.taskId;
  const testid = el.dataset.testid;
  return taskId && testid ? { taskId, testid, value: el.value, stored: el.defaultValue, selection: [el.selectionStart, el.selectionEnd] } : null;
}

/**
 * A refresh from elsewhere (a sync, the window regaining focus) must not wipe what the user
 * is typing: the new field gets the typing back, focus and caret included, unless the stored
 * value itself changed meanwhile.
 */
function restoreEdit(root: HTMLElement, edit: Edit): void {
  const row = root.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(edit.taskId)}"]`);
  const input = row?.querySelector<HTMLInputElement>(`input[data-testid="${CSS.escape(edit.testid)}"]`);
  if (!input || input.defaultValue !== edit.stored) return;
  input.value = edit.value;
  input.focus();
  input.setSelectionRange(edit.selection[0], edit.selection[1]);
}
