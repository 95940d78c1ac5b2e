// One press-drag-release gesture on the grid: while it lasts the document's pointer events
// go to it; a pointer cancel, leaving the window (a release outside is never seen) and
// Escape end it as a cancel. Shared by ghost dragging (drag.ts) and event editing
// (event-drag.ts).

export interface GestureHandlers {
  move(e: PointerEvent): void;
  up(): void;
  cancel(): void;
  /** Whether Escape cancels now (else it is left to the window: it rejects a ghost). */
  escapes(): boolean;
}

/** Starts following the pointer; returns the function that stops it. */
export function trackGesture(h: GestureHandlers): () => void {
  const onUp = (): void => h.up();
  const onCancel = (): void => h.cancel();
  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== "Escape" || !h.escapes()) return;
    // Escape cancels the gesture and nothing else.
    e.preventDefault();
    e.stopPropagation();
    h.cancel();
  };
  document.addEventListener("pointermove", h.move);
  document.addEventListener("pointerup", onUp);
  document.addEventListener("pointercancel", onCancel);
  document.addEventListener("keydown", onKey, true);
  window.addEventListener("blur", onCancel);
  return () => {
    document.removeEventListener("pointermove", h.move);
    document.removeEventListener("pointerup", onUp);
    document.removeEventListener("pointercancel", onCancel);
    document.removeEventListener("keydown", onKey, true);
    window.removeEventListener("blur", onCancel);
  };
}
