// The settings dialog's list of preferred parts of the day by tag (saved from Analytics'
// *Use it* or `miraage-cli history prefer`): each shown with Remove; removals are saved with
// the rest of the settings.
import type { TimeOfDay } from "./bindings/TimeOfDay";
import { partsWord } from "./analytics/use-preference";
import { h } from "./dom";

type Parts = { [key in string]: TimeOfDay };

/** The fieldset for `parts` (null when there are none) and what to save. */
export function preferredPartsFields(parts: Parts): { el: HTMLElement | null; read: () => Parts } {
  const kept: Parts = { ...parts };
  const tags = Object.keys(parts).sort();
  if (tags.length === 0) return { el: null, read: () => kept };
  const rows = tags.map((tag) => {
    const part = parts[tag] as TimeOfDay;
    const remove = h("button", { type: "button", class: "btn", "aria-label": `Remove the preference for #${tag}` }, "Remove");
    const row = h("li", { "data-testid": "settings-preferred-part", "data-tag": tag }, h("span", {}, `#${tag}: in the ${partsWord(part)}`), remove);
    remove.addEventListener("click", () => {
      delete kept[tag];
      row.remove();
    });
    return row;
  });
  const el = h(
    "fieldset",
    { class: "fieldset" },
    h("legend", {}, "Preferred times by tag"),
    h("ul", { class: "preferred-parts" }, ...rows),
    h(
      "p",
      { class: "field-hint" },
      "Tasks of these tags are planned in that part of their hours when it holds them before their due date (Analytics' Use it). Removed ones are planned anywhere again once you save.",
    ),
  );
  return { el, read: () => kept };
}
