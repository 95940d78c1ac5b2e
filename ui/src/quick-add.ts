// Parses the quick-add field: "Write report 1h30m !1 #ops due:2026-11-27".
import type { NewTask } from "./bindings/NewTask";

const ESTIMATE = /^(?:(\d+)h)?(?:(\d+)m(?:in)?)?$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function estimateMinutes(word: string): number | null {
  const m = ESTIMATE.exec(word);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const minutes = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  return minutes > 0 ? minutes : null;
}

function localDate(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function dueDate(value: string, today: Date): string | null {
  const v = value.toLowerCase();
  if (DATE.test(v)) return v;
  if (v === "today") return localDate(today);
  if (v === "tomorrow") return localDate(new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1));
  return null;
}

/**
 * Words the parser understands are taken out of the title: an estimate (`45m`, `2h`, `1h30m`),
 * a priority (`!1` to `!4`), a project (`#name`) and a due date (`due:YYYY-MM-DD`,
 * `due:today`, `due:tomorrow`). Everything else, in order, is the title. Null when no title
 * is left.
 */
export function parseQuickAdd(text: string, today = new Date()): NewTask | null {
  const task: NewTask = { title: "", estimate_min: null, due: null, priority: null, project: null };
  const title: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const estimate = estimateMinutes(word);
    const priority = /^!([1-4])$/.exec(word);
    const due = /^due:(.+)$/i.exec(word);
    if (estimate !== null && task.estimate_min === null) task.estimate_min = estimate;
    else if (priority && task.priority === null) task.priority = Number(priority[1]);
    else if (/^#\S+$/.test(word) && task.project === null) task.project = word.slice(1);
    else if (due && task.due === null && dueDate(due[1] ?? "", today)) task.due = dueDate(due[1] ?? "", today);
    else title.push(word);
  }
  task.title = title.join(" ");
  return task.title ? task : null;
}

/** "90" or "1h30m" or "45m" typed into an estimate field; null when empty, NaN when unreadable. */
export function parseEstimateInput(value: string): number | null {
  const v = value.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return Number(v) > 0 ? Number(v) : NaN;
  return estimateMinutes(v) ?? NaN;
}
