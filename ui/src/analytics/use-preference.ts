// The work pattern's sentence ("You get most done in the mornings…: prefer mornings for
// #deep?") with *Use it*: saves the tag's part of the day for planning (shown and removed in
// the settings dialog). Once saved, the line says it is in use instead of offering it again.
import type { WorkPattern } from "../bindings/WorkPattern";
import type { TimeOfDay } from "../bindings/TimeOfDay";
import { h } from "../dom";

export interface PreferenceDeps {
  setTagPreference(tag: string, part: TimeOfDay | null): Promise<string>;
  onError(e: unknown): void;
}

/** "mornings", "afternoons", "evenings". */
export function partsWord(part: TimeOfDay): string {
  return `${part}s`;
}

/** The sentence and its action, or null when the pattern says nothing yet. */
export function preferenceLine(pattern: WorkPattern, deps: PreferenceDeps): HTMLElement | null {
  if (!pattern.preference) return null;
  const line = h("p", { class: "analytics-preference" }, h("span", { "data-testid": "analytics-preference" }, pattern.preference));
  const s = pattern.suggestion;
  if (!s) return line;
  const inUse = (): HTMLElement =>
    h(
      "span",
      { class: "analytics-note", "data-testid": "analytics-preference-used" },
      ` Planning prefers ${partsWord(s.part)} for #${s.tag} (remove it in Settings).`,
    );
  if (s.used) {
    line.append(inUse());
    return line;
  }
  const use = h(
    "button",
    {
      type: "button",
      class: "btn",
      "data-testid": "analytics-use-preference",
      title: `Plan tasks tagged #${s.tag} in the ${partsWord(s.part)} when the ${partsWord(s.part)} before their due date hold them`,
    },
    "Use it",
  );
  use.addEventListener("click", () => {
    use.disabled = true;
    deps.setTagPreference(s.tag, s.part).then(
      () => use.replaceWith(inUse()),
      (e: unknown) => {
        use.disabled = false;
        deps.onError(e);
      },
    );
  });
  line.append(" ", use);
  return line;
}
