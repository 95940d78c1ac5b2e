// Global shortcuts for moving between weeks.

export type WeekAction = "prev" | "next" | "today";

/** The parts of a KeyboardEvent the mapping looks at (kept structural for unit tests). */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: unknown;
}

const KEYS: Record<string, WeekAction> = {
  ArrowLeft: "prev",
  j: "prev",
  ArrowRight: "next",
  k: "next",
  t: "today",
};

const TYPING_INPUTS = new Set(["text", "search", "email", "url", "tel", "password", "number", "date", "time", "datetime-local"]);

/** True where a key press belongs to the focused control (typing, choosing). */
export function isEditable(target: unknown): boolean {
  if (typeof target !== "object" || target === null) return false;
  const t = target as { tagName?: unknown; type?: unknown; isContentEditable?: unknown };
  if (t.isContentEditable === true) return true;
  const tag = typeof t.tagName === "string" ? t.tagName.toUpperCase() : "";
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return TYPING_INPUTS.has(typeof t.type === "string" ? t.type : "text");
  return false;
}

export function keyToAction(e: KeyInput): WeekAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isEditable(e.target)) return null;
  return KEYS[e.key] ?? null;
}

export function bindWeekKeys(target: Document, run: (action: WeekAction) => void): () => void {
  const onKey = (e: KeyboardEvent): void => {
    if (e.defaultPrevented) return;
    const action = keyToAction(e);
    if (!action) return;
    e.preventDefault();
    run(action);
  };
  target.addEventListener("keydown", onKey);
  return () => target.removeEventListener("keydown", onKey);
}
