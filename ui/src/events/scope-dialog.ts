// "This event / This and following events / All events": asked before an edit or delete
// of one occurrence of a recurring series changes anything.
import type { Scope } from "../bindings/Scope";
import { h } from "../dom";

const CHOICES: [Scope, string][] = [
  ["this", "This event"],
  ["following", "This and following events"],
  ["all", "All events"],
];

/** Resolves with the scope chosen, or null when the user cancels (nothing is changed). */
export function askScope(verb: "Edit" | "Delete" | "Move"): Promise<Scope | null> {
  return new Promise((resolve) => {
    const radios = CHOICES.map(([value, label], i) => {
      const input = h("input", { type: "radio", name: "scope", value, "data-testid": `scope-${value}` });
      input.checked = i === 0;
      return h("label", { class: "scope-choice" }, input, label);
    });
    const ok = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "scope-ok" }, "OK");
    const cancel = h("button", { type: "button", class: "btn" }, "Cancel");
    const form = h(
      "form",
      { method: "dialog" },
      h("h2", { id: "scope-title", class: "dialog-title" }, `${verb} recurring event`),
      h("div", { class: "scope-choices", role: "radiogroup", "aria-labelledby": "scope-title" }, ...radios),
      h("div", { class: "dialog-actions" }, cancel, ok),
    );
    const dialog = h("dialog", { class: "dialog dialog-small", "aria-labelledby": "scope-title", "data-testid": "scope-dialog" }, form);
    let answer: Scope | null = null;
    form.addEventListener("submit", () => {
      answer = (form.querySelector<HTMLInputElement>("input[name=scope]:checked")?.value as Scope | undefined) ?? null;
    });
    cancel.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    radios[0]?.querySelector("input")?.focus();
  });
}
