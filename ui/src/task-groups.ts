// How the task list is grouped: by when a task is due (what needs doing first) or by project
// (what belongs together). Completed tasks, when shown, always come last in their own group.
import type { TaskView } from "./bindings/TaskView";
import { addDays, startOfDay, weekOf } from "./dates";
import { dueDeadline, isOpen, sortTasks } from "./tasks";

export type TaskGrouping = "due" | "project";

export interface TaskGroup {
  /** Stable across redraws, for test ids and collapsed state. */
  key: string;
  label: string;
  tasks: TaskView[];
}

/** The due groups, in the order shown. */
const DUE_GROUPS = [
  ["overdue", "Overdue"],
  ["today", "Today"],
  ["week", "This week"],
  ["later", "Later"],
  ["none", "No date"],
] as const;
type DueKey = (typeof DUE_GROUPS)[number][0];

/**
 * Which due group a task falls in at `now`. A due that has passed is overdue (a date-only due
 * only once its day is over); "this week" is the rest of the Monday-first week after today.
 */
export function dueGroup(t: Pick<TaskView, "due">, now: Date): DueKey {
  const deadline = t.due ? dueDeadline(t.due) : null;
  if (deadline === null) return "none";
  if (deadline <= now.getTime()) return "overdue";
  const endOfToday = addDays(startOfDay(now), 1).getTime();
  if (deadline <= endOfToday) return "today";
  if (deadline <= weekOf(now).end.getTime()) return "week";
  return "later";
}

const NO_PROJECT = "No project";

/**
 * The tasks in groups, each sorted as the list sorts (due, then priority, then title); empty
 * groups are left out. Projects are ordered by name, tasks without one after them.
 */
export function groupTasks(tasks: readonly TaskView[], by: TaskGrouping, now: Date): TaskGroup[] {
  const sorted = sortTasks(tasks);
  const open = sorted.filter(isOpen);
  const closed = sorted.filter((t) => !isOpen(t));
  const groups: TaskGroup[] =
    by === "due" ? DUE_GROUPS.map(([key, label]) => ({ key, label, tasks: open.filter((t) => dueGroup(t, now) === key) })) : projectGroups(open);
  if (closed.length) groups.push({ key: "completed", label: "Completed", tasks: closed });
  return groups.filter((g) => g.tasks.length > 0);
}

function projectGroups(open: readonly TaskView[]): TaskGroup[] {
  const names = [...new Set(open.map((t) => t.project).filter((p): p is string => !!p))].sort((a, b) => a.localeCompare(b));
  const groups = names.map((p) => ({ key: `project:${p}`, label: `#${p}`, tasks: open.filter((t) => t.project === p) }));
  groups.push({ key: "project:", label: NO_PROJECT, tasks: open.filter((t) => !t.project) });
  return groups;
}
