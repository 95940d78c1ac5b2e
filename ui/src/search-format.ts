// What a search result says in the list (kind, title, when, calendar or list, the matched
// words) and where choosing it goes: an event's day, or a task's editor.
import type { SearchResult } from "./bindings/SearchResult";
import { formatTime, isDateOnly, monthShort, parseLocalDate, sameDay, startOfDay, addDays, weekdayShort } from "./dates";

export interface ResultLine {
  kind: string;
  title: string;
  when: string;
  source: string;
}

/** The local day (or instant) a result's `when` names; null when it has none. */
export function resultDate(when: string | null): Date | null {
  if (!when) return null;
  if (isDateOnly(when)) return parseLocalDate(when);
  const d = new Date(when);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "Today", "Tomorrow", "Yesterday", else "Tue 24 Nov" (with the year when not this year). */
export function dayLabel(d: Date, now: Date): string {
  const today = startOfDay(now);
  if (sameDay(d, today)) return "Today";
  if (sameDay(d, addDays(today, 1))) return "Tomorrow";
  if (sameDay(d, addDays(today, -1))) return "Yesterday";
  const year = d.getFullYear() === now.getFullYear() ? "" : ` ${d.getFullYear()}`;
  return `${weekdayShort(d)} ${d.getDate()} ${monthShort(d)}${year}`;
}

/** A result's line in the list. */
export function formatResult(r: SearchResult, now: Date): ResultLine {
  const d = resultDate(r.when);
  let when: string;
  if (r.kind === "task") when = d ? `Due ${dayLabel(d, now)}${r.when && !isDateOnly(r.when) ? ` ${formatTime(d)}` : ""}` : "No due date";
  else if (!d) when = "";
  else when = r.all_day || (r.when && isDateOnly(r.when)) ? `${dayLabel(d, now)}, all day` : `${dayLabel(d, now)} ${formatTime(d)}`;
  return { kind: r.kind === "task" ? "Task" : "Event", title: r.title, when, source: r.source };
}

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** The core marks each match between « and »: split the snippet into plain and matched runs. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const re = /«([^»]*)»/g;
  let at = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > at) parts.push({ text: snippet.slice(at, m.index), match: false });
    if (m[1]) parts.push({ text: m[1], match: true });
    at = m.index + m[0].length;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), match: false });
  return parts;
}

/** The whole result in words, for screen readers ("Event: Standup, Tue 24 Nov 09:30, Work"). */
export function resultLabel(line: ResultLine): string {
  return [`${line.kind}: ${line.title}`, line.when, line.source].filter(Boolean).join(", ");
}
