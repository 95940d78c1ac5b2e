// The settings dialog's hour sets: work and personal (edited above, as before) and the user's
// own, each with its windows per weekday ("mon-thu 08:00-11:00", one a line); add and delete.
import type { Api } from "../api";
import type { HourSetView } from "../bindings/HourSetView";
import { h } from "../dom";
import { field } from "../form";
import { errorText } from "../task-editor";

export function hourSetsFieldset(api: Pick<Api, "listHourSets" | "saveHourSet" | "deleteHourSet">): HTMLElement {
  const list = h("ul", { class: "hour-sets", "data-testid": "hour-sets" });
  const name = h("input", { class: "input", type: "text", "data-testid": "hour-set-name", placeholder: "Deep work", "aria-label": "Hour set name" });
  const windows = h("textarea", {
    class: "input",
    rows: 2,
    "data-testid": "hour-set-windows",
    placeholder: "mon-thu 08:00-11:00",
    "aria-label": "Hour set windows, one a line",
  });
  const message = h("p", { class: "form-error", role: "alert", "data-testid": "hour-set-error" });
  const add = h("button", { type: "button", class: "btn btn-small", "data-testid": "hour-set-save" }, "Save hour set");

  const render = (sets: readonly HourSetView[]): void => {
    list.replaceChildren(
      ...sets.map((s) => {
        const del = h("button", { type: "button", class: "link", "aria-label": `Delete hour set ${s.name}` }, "Delete");
        del.addEventListener("click", () => {
          api.deleteHourSet(s.name).then(render, (e: unknown) => (message.textContent = errorText(e)));
        });
        return h(
          "li",
          { class: "hour-set", "data-hour-set": s.name },
          h("span", { class: "hour-set-name" }, s.name),
          h("span", { class: "hour-set-windows" }, s.windows.join(", ") || "no hours"),
          s.built_in ? null : del,
        );
      }),
    );
  };
  add.addEventListener("click", () => {
    message.textContent = "";
    const draft = {
      name: name.value,
      windows: windows.value
        .split("\n")
        .map((w) => w.trim())
        .filter((w) => w !== ""),
    };
    api.saveHourSet(draft).then(
      (sets) => {
        name.value = "";
        windows.value = "";
        render(sets);
      },
      (e: unknown) => (message.textContent = errorText(e)),
    );
  });
  api.listHourSets().then(render, (e: unknown) => (message.textContent = errorText(e)));
  return h(
    "fieldset",
    { class: "fieldset", "data-testid": "hour-sets-fieldset" },
    h("legend", {}, "Hour sets"),
    h("p", { class: "field-hint" }, "Hours of your own for tasks and habits, with windows per weekday. Work and personal are the hours above."),
    list,
    h("div", { class: "field-row" }, field("Name", name), field("Windows (one a line)", windows, "Like mon-thu 08:00-11:00")),
    message,
    add,
  );
}
