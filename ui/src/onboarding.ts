// What a new user meets first: a short hint strip above the grid naming the four things to
// try (Plan, dragging ghosts, quick add, ?), kept until dismissed; and the list of keyboard
// shortcuts that ? opens.
import { h } from "./dom";

const DISMISSED_KEY = "miraage.firstRunHintDismissed";

/** Where the dismissal is remembered (the web view's local storage; a stand-in in tests). */
export interface HintStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The hint strip, unless it was dismissed before. It sits in the page's flow: it never covers the grid. */
export function mountFirstRunHint(root: HTMLElement, store: HintStore): void {
  if (store.getItem(DISMISSED_KEY) === "1") {
    root.hidden = true;
    return;
  }
  const dismiss = h("button", { type: "button", class: "btn", "data-testid": "first-run-hint-dismiss" }, "Got it");
  root.className = "first-run";
  root.dataset.testid = "first-run-hint";
  root.setAttribute("role", "note");
  root.setAttribute("aria-label", "Getting started");
  root.replaceChildren(
    h(
      "ul",
      {},
      h("li", {}, "Press ", h("strong", {}, "Plan"), " (", h("kbd", {}, "P"), ") to fit your tasks around your meetings."),
      h("li", {}, "Drag a proposed block to move it there, or click it to accept it."),
      h("li", {}, "Type a task in the quick add (", h("kbd", {}, "N"), "): “Write report 1h30m !1 #work”."),
      h("li", {}, "Press ", h("kbd", {}, "?"), " for every keyboard shortcut."),
    ),
    dismiss,
  );
  root.hidden = false;
  dismiss.addEventListener("click", () => {
    store.setItem(DISMISSED_KEY, "1");
    root.hidden = true;
  });
}

/** Every shortcut, as the ? dialog lists them. */
export const SHORTCUTS: readonly [keys: string, what: string][] = [
  ["P", "Plan your tasks into the coming weeks"],
  ["Enter", "Accept the selected proposed block"],
  ["Escape", "Reject the selected proposed block"],
  ["Shift + arrows", "Move the selected proposed block (15 minutes, a day); Enter accepts it there"],
  ["N", "New task (quick add)"],
  ["C", "New event (at the next half hour, or on the day picked in the month)"],
  ["E", "Edit the event or task that has focus"],
  ["Delete or Backspace", "Delete the event or task that has focus"],
  ["Ctrl + Z, Ctrl + Shift + Z", "Undo, redo the last change"],
  ["/", "Search events and tasks"],
  ["K or ←, J or →", "Previous or next week (day, month)"],
  ["T", "Today"],
  ["D, W, M", "Day view, week view, month view"],
  ["?", "This list"],
];

/** The shortcuts dialog; Escape (or Close) closes it. */
export function createShortcutsDialog(): { open(): void } {
  const close = h("button", { type: "button", class: "btn" }, "Close");
  const dialog = h(
    "dialog",
    { class: "dialog shortcuts", "data-testid": "shortcuts", "aria-labelledby": "shortcuts-title" },
    h("h2", { id: "shortcuts-title" }, "Keyboard shortcuts"),
    h("table", {}, h("tbody", {}, ...SHORTCUTS.map(([keys, what]) => h("tr", {}, h("td", {}, h("kbd", {}, keys)), h("td", {}, what))))),
    h("div", { class: "dialog-actions" }, close),
  );
  close.addEventListener("click", () => dialog.close());
  document.body.append(dialog);
  return { open: () => dialog.showModal() };
}
