// Pure helpers of the quick-add box: the estimate typed in a task's field, and cutting a
// line into the parts the core recognised, for highlighting. The line itself is read by the
// core (miraage-quickadd), the same for the window, the tray and the CLI.
import type { QuickAddSpan } from "./bindings/QuickAddSpan";

const ESTIMATE = /^(?:(\d+)h)?(?:(\d+)m(?:in)?)?$/i;

function estimateMinutes(word: string): number | null {
  const m = ESTIMATE.exec(word);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const minutes = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  return minutes > 0 ? minutes : null;
}

/** "90" or "1h30m" or "45m" typed into an estimate field; null when empty, NaN when unreadable. */
export function parseEstimateInput(value: string): number | null {
  const v = value.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return Number(v) > 0 ? Number(v) : NaN;
  return estimateMinutes(v) ?? NaN;
}

/** A run of the line: plain text (kind null) or a part the core recognised. */
export interface Segment {
  text: string;
  kind: string | null;
}

/**
 * The line cut at the recognised spans (UTF-16 offsets, as JavaScript strings count), in
 * order; spans out of range or overlapping an earlier one are ignored.
 */
export function segments(text: string, spans: readonly QuickAddSpan[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at || s.end > text.length || s.end <= s.start) continue;
    if (s.start > at) out.push({ text: text.slice(at, s.start), kind: null });
    out.push({ text: text.slice(s.start, s.end), kind: s.kind });
    at = s.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), kind: null });
  return out;
}
