// The task list in the sidebar: title, due, estimate and priority, most urgent first.
import type { TaskView } from "./bindings/TaskView";
import { h } from "./dom";
import { formatDue, formatEstimate, isOpen, priorityLabel, sortTasks } from "./tasks";

function taskItem(t: TaskView, now: Date): HTMLLIElement {
  const due = t.due ? formatDue(t.due, now) : null;
  const priority = priorityLabel(t.priority);
  const open = isOpen(t);
  const meta = [
    due ? h("span", { class: `chip chip-due${due.overdue && open ? " is-overdue" : ""}`, title: `Due ${t.due}` }, due.text) : null,
    t.estimate_min !== null ? h("span", { class: "chip chip-estimate", title: "Estimate" }, formatEstimate(t.estimate_min)) : null,
    priority ? h("span", { class: `chip chip-priority is-p${t.priority}`, title: `Priority ${t.priority} of 4 (1 is the highest)` }, priority) : null,
    t.project ? h("span", { class: "chip chip-project" }, t.project) : null,
  ];
  const spoken = [
    t.title,
    due ? `due ${due.text}${due.overdue && open ? " (overdue)" : ""}` : null,
    t.estimate_min !== null ? `estimate ${formatEstimate(t.estimate_min)}` : null,
    priority ? `priority ${t.priority}` : null,
    open ? null : t.status === "completed" ? "completed" : "cancelled",
  ].filter(Boolean);
  return h(
    "li",
    {
      class: `task is-${t.status}`,
      "data-testid": "task",
      "data-task-id": t.id,
      tabindex: 0,
      "aria-label": spoken.join(", "),
    },
    h("span", { class: `task-status${priority ? ` is-p${t.priority}` : ""}`, "aria-hidden": "true" }),
    h("div", { class: "task-body" }, h("div", { class: "task-title", title: t.title }, t.title), h("div", { class: "task-meta" }, ...meta)),
  );
}

export function renderTasks(root: HTMLElement, count: HTMLElement, tasks: readonly TaskView[], now = new Date()): void {
  const sorted = sortTasks(tasks);
  count.textContent = String(sorted.filter(isOpen).length);
  if (sorted.length === 0) {
    root.replaceChildren(h("li", { class: "empty" }, "Nothing to do"));
    return;
  }
  root.replaceChildren(...sorted.map((t) => taskItem(t, now)));
}
