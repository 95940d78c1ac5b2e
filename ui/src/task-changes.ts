// The task editor's form as plain values, read from a task's details and compared back to
// them: Save sends only the fields the user changed (TaskChanges), so an edit never writes
// over a field changed elsewhere meanwhile that the user did not touch.
import type { TaskChanges } from "./bindings/TaskChanges";
import type { TaskDetails } from "./bindings/TaskDetails";
import { formatTime, isDateOnly, parseLocalDate, toLocalDate } from "./dates";
import { parseEstimateInput } from "./quick-add";
import { formatEstimate } from "./tasks";

/** The editor's fields as typed (strings where the user types, "" for empty). */
export interface TaskForm {
  title: string;
  notes: string;
  /** "90", "45m", "1h30m"; "": the default estimate. */
  estimate: string;
  /** "YYYY-MM-DD"; "": no due date. */
  dueDate: string;
  /** "HH:MM"; "": due at the end of the day. */
  dueTime: string;
  hardDue: boolean;
  /** "YYYY-MM-DD"; "": any time. */
  startDate: string;
  /** "HH:MM"; "": from the start of that day. */
  startTime: string;
  priority: number;
  /** "work" or "personal". */
  hours: string;
  /** Minutes; both "": the settings' defaults. */
  chunkMin: string;
  chunkMax: string;
  /** Ids of the tasks this one waits for. */
  dependsOn: string[];
  project: string;
  /** Separated by commas or spaces; a leading # is dropped. */
  tags: string;
}

/** The local date and time of an instant, or of a date-only value (no time). */
function splitWhen(value: string | null): [date: string, time: string] {
  if (!value) return ["", ""];
  if (isDateOnly(value)) return [value, ""];
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return ["", ""];
  return [toLocalDate(d), formatTime(d)];
}

export function formFromDetails(d: TaskDetails): TaskForm {
  const t = d.task;
  const [dueDate, dueTime] = splitWhen(t.due);
  const [startDate, startTime] = splitWhen(d.earliest_start);
  return {
    title: t.title,
    notes: t.notes ?? "",
    estimate: t.estimate_min === null ? "" : formatEstimate(t.estimate_min).replace(" ", ""),
    dueDate,
    dueTime,
    hardDue: d.hard_due,
    startDate,
    // Midnight is what a date alone means: show the date only.
    startTime: startTime === "00:00" ? "" : startTime,
    priority: t.priority,
    hours: d.hours,
    chunkMin: d.chunks ? String(d.chunks[0]) : "",
    chunkMax: d.chunks ? String(d.chunks[1]) : "",
    dependsOn: d.depends_on.map((r) => r.id),
    project: t.project ?? "",
    tags: withoutHoursTag(t.tags).join(", "),
  };
}

/**
 * The core keeps "personal hours" as the tag `personal`; the form shows it as the hours
 * choice alone, so the tag is left out of the tags field and added back from that choice.
 */
const PERSONAL_TAG = "personal";
const withoutHoursTag = (tags: readonly string[]): string[] => tags.filter((t) => t !== PERSONAL_TAG);

/** Tags as typed ("#work, deep  focus") as a list without duplicates. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[\s,]+/)
    .map((s) => s.replace(/^#+/, ""))
    .filter(Boolean);
  return [...new Set(tags)];
}

/** A local date and optional time as the value the core reads; null when no date. */
function localWhen(date: string, time: string, dateOnlyWithoutTime: boolean): string | null | undefined {
  if (!date) return null;
  const day = parseLocalDate(date);
  if (!day) return undefined;
  if (!time) return dateOnlyWithoutTime ? date : day.toISOString();
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m) return undefined;
  day.setHours(Number(m[1]), Number(m[2]));
  return day.toISOString();
}

/** Two due or start values mean the same (an instant may be spelled in several ways). */
function sameWhen(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  if (isDateOnly(a) || isDateOnly(b)) return a === b;
  return Date.parse(a) === Date.parse(b);
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

export type ChangesResult = { changes: TaskChanges } | { error: string };

/**
 * What Save sends: the fields whose value differs from `before`. A field the form cannot read
 * is an error naming it and what to type; nothing is sent then.
 */
export function taskChanges(before: TaskDetails, form: TaskForm): ChangesResult {
  const t = before.task;
  const c: TaskChanges = {};
  const title = form.title.trim();
  if (title !== t.title) c.title = title;
  const notes = form.notes.trim() ? form.notes : null;
  if (notes !== t.notes) c.notes = notes;

  const estimate = parseEstimateInput(form.estimate);
  if (Number.isNaN(estimate)) return { error: "Estimate: type minutes (90) or hours and minutes (1h30m), or leave it empty." };
  if (estimate !== t.estimate_min) c.estimate_min = estimate;

  const due = localWhen(form.dueDate, form.dueTime, true);
  if (due === undefined) return { error: "Due: pick a date (and a time, if it is due at a time)." };
  if (!sameWhen(due, t.due)) c.due = due;
  // Without a due date there is nothing that must not be missed (the core clears it too).
  const hard = due !== null && form.hardDue;
  if (hard !== before.hard_due) c.hard_due = hard;

  const start = localWhen(form.startDate, form.startTime, false);
  if (start === undefined) return { error: "Not before: pick a date (and a time, if you want one)." };
  if (!sameWhen(start, before.earliest_start)) c.earliest_start = start;

  if (form.priority !== t.priority) c.priority = form.priority;
  if (form.hours !== before.hours) c.hours = form.hours;

  const chunks = readChunks(form.chunkMin, form.chunkMax);
  if (typeof chunks === "string") return { error: chunks };
  const oldChunks = before.chunks;
  if (chunks === null ? oldChunks !== null : oldChunks === null || chunks[0] !== oldChunks[0] || chunks[1] !== oldChunks[1]) c.chunks = chunks;

  if (
    !sameSet(
      form.dependsOn,
      before.depends_on.map((r) => r.id),
    )
  )
    c.depends_on = [...form.dependsOn];

  const project = form.project.trim().replace(/^[#+]+/, "") || null;
  if (project !== t.project) c.project = project;
  const tags = withoutHoursTag(parseTags(form.tags));
  if (!sameSet(tags, withoutHoursTag(t.tags))) c.tags = form.hours === "personal" ? [...tags, PERSONAL_TAG] : tags;
  return { changes: c };
}

/** Smallest and largest block from the two fields: both empty, or two whole minutes. */
function readChunks(min: string, max: string): [number, number] | null | string {
  const a = min.trim();
  const b = max.trim();
  if (!a && !b) return null;
  if (!a || !b) return "Block sizes: give both the smallest and the largest block, or leave both empty for the defaults in Settings.";
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return "Block sizes: type whole minutes, e.g. 30 and 90.";
  return [Number(a), Number(b)];
}

/** Whether Save has anything to send. */
export function isEmptyChange(c: TaskChanges): boolean {
  return Object.keys(c).length === 0;
}
