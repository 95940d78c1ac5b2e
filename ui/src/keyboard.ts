// Global shortcuts: moving between weeks, switching views, tasks and the plan.

export type WeekAction = "prev" | "next" | "today";
export type ViewAction = "day" | "week";
/** The views the window switches between: the time grid's two, and the month. */
export type ViewMode = ViewAction | "month";
export type AppAction =
  WeekAction | ViewMode | "new-task" | "new-event" | "edit" | "delete" | "search" | "undo" | "redo" | "plan" | "accept" | "reject" | "help";

/** The parts of a KeyboardEvent the mapping looks at (kept structural for unit tests). */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  target: unknown;
}

// Google Calendar's keys where they exist (j next, k previous, c create, e edit, / search,
// m month), so people who know them feel at home.
const KEYS: Record<string, AppAction> = {
  ArrowLeft: "prev",
  k: "prev",
  ArrowRight: "next",
  j: "next",
  t: "today",
  d: "day",
  w: "week",
  m: "month",
  c: "new-event",
  e: "edit",
  Delete: "delete",
  Backspace: "delete",
  "/": "search",
  n: "new-task",
  p: "plan",
  Enter: "accept",
  Escape: "reject",
  "?": "help",
};

/** Controls that Enter activates themselves. */
const ACTIVATED = new Set(["BUTTON", "A", "INPUT", "SELECT", "TEXTAREA", "SUMMARY"]);

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

export function keyToAction(e: KeyInput): AppAction | null {
  if (isEditable(e.target)) return null; // text fields keep their own undo and keys
  if ((e.ctrlKey || e.metaKey) && !e.altKey) {
    const k = e.key.toLowerCase();
    if (k === "z") return e.shiftKey ? "redo" : "undo";
    if (k === "y" && !e.shiftKey) return "redo";
    return null;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === "Enter") {
    const t = e.target as { tagName?: unknown } | null;
    if (typeof t?.tagName === "string" && ACTIVATED.has(t.tagName.toUpperCase())) return null;
  }
  return KEYS[e.key] ?? null;
}

/** `run` answers whether it used the key (Enter and Escape only act on a selected ghost). */
export function bindWeekKeys(target: Document, run: (action: AppAction) => boolean | void): () => void {
  const onKey = (e: KeyboardEvent): void => {
    if (e.defaultPrevented) return;
    const action = keyToAction(e);
    if (!action) return;
    if (run(action) === false) return;
    e.preventDefault();
  };
  target.addEventListener("keydown", onKey);
  return () => target.removeEventListener("keydown", onKey);
}
