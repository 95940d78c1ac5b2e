// Form building blocks shared by the dialogs.
import { h } from "./dom";

/** A labelled control, with an optional hint under it. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, label), control, hint ? h("span", { class: "field-hint" }, hint) : null);
}
