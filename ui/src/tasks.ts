// Ordering and labels for the task list.
import type { TaskStatus } from "./bindings/TaskStatus";
import type { TaskView } from "./bindings/TaskView";
import { addDays, formatTime, isDateOnly, monthShort, parseLocalDate, sameDay, startOfDay, weekdayShort } from "./dates";

const STATUS_RANK: Record<TaskStatus, number> = {
  in_progress: 0,
  needs_action: 1,
  completed: 2,
  cancelled: 3,
};

export function isOpen(t: Pick<TaskView, "status">): boolean {
  return t.status === "needs_action" || t.status === "in_progress";
}

/**
 * The moment a due value expires. A date-only due lasts until the end of that local day, so
 * it sorts after a timed due on the same day.
 */
export function dueDeadline(due: string): number | null {
  if (isDateOnly(due)) {
    const d = parseLocalDate(due);
    return d ? addDays(d, 1).getTime() : null;
  }
  const t = Date.parse(due);
  return Number.isNaN(t) ? null : t;
}

/** Miraage's priority scale: 1 is the highest, 4 the lowest (default 3). */
const PRIORITIES = [1, 2, 3, 4];

/** Out-of-scale values rank after the lowest priority rather than breaking the order. */
function priorityRank(p: number): number {
  return PRIORITIES.includes(p) ? p : PRIORITIES.length + 1;
}

/** Open tasks first (in progress, then to do); then earliest due, higher priority, title. */
export function compareTasks(a: TaskView, b: TaskView): number {
  const byStatus = STATUS_RANK[a.status] - STATUS_RANK[b.status];
  if (byStatus) return byStatus;
  const da = a.due ? dueDeadline(a.due) : null;
  const db = b.due ? dueDeadline(b.due) : null;
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    return da - db;
  }
  const byPriority = priorityRank(a.priority) - priorityRank(b.priority);
  if (byPriority) return byPriority;
  return a.title.localeCompare(b.title);
}

export function sortTasks(tasks: readonly TaskView[]): TaskView[] {
  return [...tasks].sort(compareTasks);
}

/** "P1" (highest) to "P4" (lowest); null outside the scale. */
export function priorityLabel(p: number): string | null {
  return PRIORITIES.includes(p) ? `P${p}` : null;
}

export function formatEstimate(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h}h ${rest}m` : `${h}h`;
}

export interface DueLabel {
  text: string;
  overdue: boolean;
}

/** "Today", "Tomorrow", a weekday within the next week, else "Nov 26"; timed dues add "14:00". */
export function formatDue(due: string, now: Date): DueLabel | null {
  const deadline = dueDeadline(due);
  if (deadline === null) return null;
  const dateOnly = isDateOnly(due);
  const day = dateOnly ? parseLocalDate(due) : new Date(deadline);
  if (!day) return null;
  const today = startOfDay(now);
  let text: string;
  if (sameDay(day, today)) text = "Today";
  else if (sameDay(day, addDays(today, 1))) text = "Tomorrow";
  else if (sameDay(day, addDays(today, -1))) text = "Yesterday";
  else if (day > today && day < addDays(today, 7)) text = weekdayShort(day);
  else text = `${monthShort(day)} ${day.getDate()}`;
  if (!dateOnly) text += ` ${formatTime(day)}`;
  return { text, overdue: deadline <= now.getTime() };
}
