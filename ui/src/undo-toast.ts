// Undo and redo for the window: after an edit a toast says what was done ("Deleted “Write
// report”") with an Undo button, for a few seconds; Ctrl+Z / Ctrl+Shift+Z call undo() and
// redo(). Both are edits in the core (sent to the servers like any other), so afterwards the
// window re-reads what may have changed.
import type { UndoOutcome } from "./bindings/UndoOutcome";
import type { UndoState } from "./bindings/UndoState";
import { CommandError } from "./api";
import { h, icon, ICONS } from "./dom";

export interface UndoApi {
  undo(): Promise<UndoOutcome>;
  redo(): Promise<UndoOutcome>;
  undoState(): Promise<UndoState>;
}

export interface UndoDeps {
  api: UndoApi;
  /** Re-read events, tasks and the plan after an undo or redo changed the store. */
  refresh(): void;
  /** Failures that are not the core saying why (a broken connection to it). */
  onError(e: unknown): void;
  /** How long the toast stays, in ms (tests and people who need longer may raise it). */
  visibleMs?: number;
}

export interface Undo {
  /** An edit was made: show it with Undo. Without a message, the core's label of the edit is shown. */
  done(message?: string): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/** "Undo: deleted “Write report”" → "Deleted “Write report”". */
export function labelOfUndo(state: UndoState): string | null {
  const text = state.undo?.replace(/^Undo:\s*/, "");
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : null;
}

export function createUndo(deps: UndoDeps): Undo {
  const visibleMs = deps.visibleMs ?? 6000;
  const message = h("span", { class: "toast-message", "data-testid": "toast-message" });
  const action = h("button", { type: "button", class: "btn btn-small toast-action", "data-testid": "toast-undo" }, "Undo");
  const close = h("button", { type: "button", class: "btn btn-icon toast-close", "aria-label": "Dismiss" }, icon(ICONS.close));
  // role=status: screen readers announce the message without moving the focus.
  const toast = h("div", { class: "toast", role: "status", "aria-live": "polite", "data-testid": "toast", hidden: true }, message, action, close);
  document.body.append(toast);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let next: (() => Promise<void>) | null = null;
  // Kept while the pointer or focus is on the toast: it never vanishes under the user.
  let held = false;

  const hide = (): void => {
    clearTimeout(timer);
    toast.hidden = true;
  };
  const arm = (): void => {
    clearTimeout(timer);
    if (!held) timer = setTimeout(hide, visibleMs);
  };
  const show = (text: string, kind: "undo" | "redo" | null, isError = false): void => {
    message.textContent = text;
    toast.classList.toggle("is-error", isError);
    next = kind === "undo" ? undo : kind === "redo" ? redo : null;
    action.hidden = kind === null;
    action.textContent = kind === "redo" ? "Redo" : "Undo";
    toast.hidden = false;
    arm();
  };

  action.addEventListener("click", () => void next?.());
  close.addEventListener("click", hide);
  for (const [on, off] of [
    ["pointerenter", "pointerleave"],
    ["focusin", "focusout"],
  ] as const) {
    toast.addEventListener(on, () => {
      held = true;
      clearTimeout(timer);
    });
    toast.addEventListener(off, () => {
      held = false;
      if (!toast.hidden) arm();
    });
  }

  /** Runs an undo or a redo; what the core answers (done or why not) is what the toast says. */
  async function step(run: () => Promise<UndoOutcome>, then: "undo" | "redo"): Promise<void> {
    let outcome: UndoOutcome;
    try {
      outcome = await run();
    } catch (e) {
      if (e instanceof CommandError && e.code !== "failed") show(e.detail, null, true);
      else deps.onError(e);
      return;
    }
    // After an undo the toast offers to redo it, after a redo to undo it again.
    show(outcome.message, then === "undo" ? (outcome.state.redo ? "redo" : null) : outcome.state.undo ? "undo" : null);
    deps.refresh();
  }

  async function undo(): Promise<void> {
    await step(deps.api.undo, "undo");
  }
  async function redo(): Promise<void> {
    await step(deps.api.redo, "redo");
  }

  return {
    done(text) {
      if (text) {
        show(text, "undo");
        return;
      }
      deps.api.undoState().then((state) => {
        const label = labelOfUndo(state);
        if (label) show(label, "undo");
      }, deps.onError);
    },
    undo,
    redo,
  };
}
