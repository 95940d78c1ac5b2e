// The task list in the sidebar: a quick-add field, then the tasks in groups (by due date or
// by project, completed ones on request), each with its due date, project and inline controls
// for done, estimate and priority; its title opens the task editor.
import type { TaskView } from "./bindings/TaskView";
import { h } from "./dom";
import { parseEstimateInput } from "./quick-add";
import { groupTasks, type TaskGrouping } from "./task-groups";
import { formatDue, formatEstimate, isOpen } from "./tasks";

export interface TaskActions {
  setDone(id: string, done: boolean): void;
  update(id: string, estimateMin: number | null, priority: number): void;
  /** Opens the task editor (a click on the title, or "e" on the row). */
  open?(id: string): void;
}

/** How the list is drawn besides the tasks themselves. */
export interface TaskListOptions {
  /** The estimate the planner uses for a task without one (shown on such tasks). */
  defaultEstimateMin?: number | null;
  /** Groups by due date unless told otherwise. */
  grouping?: TaskGrouping;
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

  const title = titleButton(t, actions);
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
    h("div", { class: "task-body" }, title, h("div", { class: "task-meta" }, ...meta, estimate, priority)),
  );
}

/** The title is a button that opens the editor: reachable with Tab, and the row's focus. */
function titleButton(t: TaskView, actions: TaskActions): HTMLButtonElement {
  const title = h(
    "button",
    { type: "button", class: "task-title", title: `${t.title} — edit (E); Delete removes it`, "data-testid": "task-title", "aria-keyshortcuts": "E Delete" },
    t.title,
  );
  title.addEventListener("click", () => actions.open?.(t.id));
  return title;
}

export function renderTasks(
  root: HTMLElement,
  count: HTMLElement,
  tasks: readonly TaskView[],
  actions: TaskActions,
  options: TaskListOptions = {},
  now = new Date(),
): void {
  count.textContent = String(tasks.filter(isOpen).length);
  if (tasks.length === 0) {
    root.replaceChildren(h("li", { class: "empty" }, "Nothing to do"));
    return;
  }
  const editing = editedField(root);
  const focused = focusedTitle(root);
  const groups = groupTasks(tasks, options.grouping ?? "due", now);
  root.replaceChildren(
    ...groups.map((g) =>
      h(
        "li",
        { class: "task-group", "data-testid": "task-group", "data-group": g.key },
        h("h3", { class: "task-group-title", id: `task-group-${g.key}` }, g.label, h("span", { class: "count" }, String(g.tasks.length))),
        h("ul", { class: "task-group-list", "aria-labelledby": `task-group-${g.key}` }, ...g.tasks.map((t) => taskItem(t, now, actions, options))),
      ),
    ),
  );
  if (editing) restoreEdit(root, editing);
  else if (focused) root.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(focused)}"] .task-title`)?.focus();
}

/** The task whose title has the focus: a redraw gives it back the focus. */
function focusedTitle(root: HTMLElement): string | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement) || !root.contains(el) || !el.classList.contains("task-title")) return null;
  return el.closest<HTMLElement>("[data-task-id]")?.dataset.taskId ?? null;
}

/** The task row holding the focus (its title, its done box), for "e" and Delete. */
export function focusedTaskRow(root: HTMLElement): { id: string; title: string } | null {
  const row = document.activeElement?.closest<HTMLElement>("[data-task-id]");
  if (!row || !root.contains(row)) return null;
  return { id: row.dataset.taskId ?? "", title: row.querySelector(".task-title")?.textContent ?? "" };
}

/** The id of the row after (or else before) `id`, for the focus to land on once it is deleted. */
export function neighbourTask(root: HTMLElement, id: string): string | null {
  const ids = [...root.querySelectorAll<HTMLElement>("[data-task-id]")].map((r) => r.dataset.taskId ?? "");
  const i = ids.indexOf(id);
  return i < 0 ? null : (ids[i + 1] ?? ids[i - 1] ?? null);
}

export interface TaskListView {
  grouping: TaskGrouping;
  showCompleted: boolean;
}

/**
 * The list's two switches above it: group by due date or by project, and show completed
 * tasks. The choice is kept across restarts.
 */
export function mountTaskListControls(before: HTMLElement, store: Pick<Storage, "getItem" | "setItem">, onChange: (view: TaskListView) => void): TaskListView {
  const KEY = "miraage.taskList";
  let view: TaskListView = { grouping: "due", showCompleted: false };
  try {
    const saved = JSON.parse(store.getItem(KEY) ?? "{}") as Partial<TaskListView>;
    view = { grouping: saved.grouping === "project" ? "project" : "due", showCompleted: saved.showCompleted === true };
  } catch {
    // A damaged entry: the defaults.
  }
  const byDue = h("button", { type: "button", class: "seg", "data-testid": "tasks-by-due" }, "Due");
  const byProject = h("button", { type: "button", class: "seg", "data-testid": "tasks-by-project" }, "Project");
  const completed = h("input", { type: "checkbox", "data-testid": "tasks-show-completed" });
  completed.checked = view.showCompleted;
  const sync = (): void => {
    byDue.setAttribute("aria-pressed", String(view.grouping === "due"));
    byProject.setAttribute("aria-pressed", String(view.grouping === "project"));
  };
  const change = (next: Partial<TaskListView>): void => {
    view = { ...view, ...next };
    store.setItem(KEY, JSON.stringify(view));
    sync();
    onChange(view);
  };
  byDue.addEventListener("click", () => change({ grouping: "due" }));
  byProject.addEventListener("click", () => change({ grouping: "project" }));
  completed.addEventListener("change", () => change({ showCompleted: completed.checked }));
  sync();
  before.before(
    h(
      "div",
      { class: "task-controls" },
      h("div", { class: "segmented", role: "group", "aria-label": "Group tasks by" }, byDue, byProject),
      h("label", { class: "check" }, completed, "Show completed"),
    ),
  );
  return view;
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
