// The Lock / Unlock button of an accepted plan block's popover: a locked block stays where it
// is when meetings land next to it, and moves only when one lands on it (asking first).
import { h } from "./dom";
import type { EventItem } from "./grid/item";

export interface LockDeps {
  setBlockLocked(id: string, locked: boolean): Promise<string>;
  /** The sentence the core answered, after the grid was told to reload. */
  done(message: string): void;
  onError(e: unknown): void;
}

/** The button for `event`, or null when it is not a plan block. */
export function lockButton(event: EventItem, deps: LockDeps, close: () => void): HTMLElement | null {
  const mark = event.props.plan;
  if (!mark) return null;
  const locked = mark.locked;
  const button = h(
    "button",
    {
      type: "button",
      class: "btn btn-small",
      "data-testid": "block-lock",
      "aria-pressed": String(locked),
      title: locked ? "Let re-plans move this block again" : "Keep this block here: re-plans move it only if an event lands on it",
    },
    locked ? "Unlock" : "Lock",
  );
  button.addEventListener("click", () => {
    close();
    deps.setBlockLocked(event.props.eventId, !locked).then(deps.done, deps.onError);
  });
  return h("div", { class: "popover-actions popover-lock" }, button);
}
