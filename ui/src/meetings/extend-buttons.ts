// Extend +15 / +30 on a meeting's details: the core refuses when anyone or anything is in the
// added time, naming them and the nearest extension that fits; the sentence is shown in place.
import type { Api } from "../api";
import type { ExtendView } from "../bindings/ExtendView";
import { h } from "../dom";
import type { EventItem } from "../grid/item";
import { errorText } from "../task-editor";

export interface ExtendDeps {
  extendMeeting: Api["extendMeeting"];
  /** After an extension: its sentence and the re-plan of blocks it now overlaps. */
  done(view: ExtendView): void;
}

/** The buttons for `event`, or null for plan blocks, all-day and read-only events. */
export function extendButtons(event: EventItem, deps: ExtendDeps, close: () => void): HTMLElement | null {
  const p = event.props;
  if (p.plan || p.readOnly || event.allDay) return null;
  const said = h("p", { class: "popover-row form-error", "data-testid": "extend-error", role: "alert", hidden: true });
  const button = (minutes: number): HTMLButtonElement => {
    const b = h(
      "button",
      { type: "button", class: "btn btn-small", "data-testid": `extend-${minutes}`, title: `Make it ${minutes} minutes longer` },
      `+${minutes} min`,
    );
    b.addEventListener("click", () => {
      said.hidden = true;
      deps.extendMeeting({ uid: p.uid, occurrence: p.recurrenceId, minutes }).then(
        (view) => {
          close();
          deps.done(view);
        },
        (e: unknown) => {
          said.textContent = errorText(e);
          said.hidden = false;
        },
      );
    });
    return b;
  };
  return h(
    "div",
    { class: "popover-extend" },
    h("div", { class: "popover-actions" }, h("span", { class: "popover-label" }, "Extend"), button(15), button(30)),
    said,
  );
}
