// The settings dialog's hour sets: work and personal (edited above, as before) and the user's
// own, each with its windows per weekday ("mon-thu 08:00-11:00", one a line); add and delete.
// Below them, a project's default hour set: its tasks without one of their own go there.
import type { Api } from "../api";
import type { HourSetView } from "../bindings/HourSetView";
import type { ProjectHoursView } from "../bindings/ProjectHoursView";
import { h } from "../dom";
import { field } from "../form";
import { errorText } from "../task-editor";

type HourSetsApi = Pick<Api, "listHourSets" | "saveHourSet" | "deleteHourSet" | "listProjectHours" | "setProjectHours">;

export function hourSetsFieldset(api: HourSetsApi): HTMLElement {
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

  const projects = h("ul", { class: "hour-sets", "data-testid": "project-hours" });
  const project = h("input", { class: "input", type: "text", "data-testid": "project-hours-project", placeholder: "ops", "aria-label": "Project" });
  const projectSet = h("select", { class: "input", "data-testid": "project-hours-set", "aria-label": "Hours for the project's tasks" });
  const setProject = h("button", { type: "button", class: "btn btn-small", "data-testid": "project-hours-save" }, "Plan the project there");
  const fail = (e: unknown): void => {
    message.textContent = errorText(e);
  };

  const renderProjects = (rows: readonly ProjectHoursView[]): void => {
    projects.replaceChildren(
      ...rows.map((r) => {
        const clear = h("button", { type: "button", class: "link", "aria-label": `Plan ${r.project} in work or personal hours again` }, "Clear");
        clear.addEventListener("click", () => void api.setProjectHours(r.project, null).then(renderProjects, fail));
        return h(
          "li",
          { class: "hour-set", "data-project": r.project },
          h("span", { class: "hour-set-name" }, r.project),
          h("span", { class: "hour-set-windows" }, `${r.hour_set} hours`),
          clear,
        );
      }),
    );
  };

  const render = (sets: readonly HourSetView[]): void => {
    const chosen = projectSet.value;
    projectSet.replaceChildren(...sets.map((s) => h("option", { value: s.name }, s.name)));
    if (sets.some((s) => s.name === chosen)) projectSet.value = chosen;
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
  setProject.addEventListener("click", () => {
    message.textContent = "";
    api.setProjectHours(project.value, projectSet.value || null).then((rows) => {
      project.value = "";
      renderProjects(rows);
    }, fail);
  });
  api.listHourSets().then(render, fail);
  api.listProjectHours().then(renderProjects, fail);
  return h(
    "fieldset",
    { class: "fieldset", "data-testid": "hour-sets-fieldset" },
    h("legend", {}, "Hour sets"),
    h("p", { class: "field-hint" }, "Hours of your own for tasks and habits, with windows per weekday. Work and personal are the hours above."),
    list,
    h("div", { class: "field-row" }, field("Name", name), field("Windows (one a line)", windows, "Like mon-thu 08:00-11:00")),
    add,
    h("p", { class: "field-hint" }, "A project's hours: its tasks without hours of their own are planned there."),
    projects,
    h("div", { class: "field-row" }, field("Project", project), field("Hours", projectSet)),
    setProject,
    message,
  );
}
