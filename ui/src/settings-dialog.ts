// The settings dialog: working and personal hours, buffers, daily cap, block sizes, the
// calendar accepted blocks go to, automatic re-plans, preferred times by tag; and the place
// for accounts.
import type { Hours } from "./bindings/Hours";
import type { PlanSettings } from "./bindings/PlanSettings";
import type { SettingsView } from "./bindings/SettingsView";
import { h } from "./dom";
import { field } from "./form";
import { preferredPartsFields } from "./preferred-parts";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export interface SettingsDeps {
  load(): Promise<SettingsView>;
  save(settings: PlanSettings): Promise<SettingsView>;
  onError(e: unknown): void;
  onSaved(): void;
  /** The hour sets of the user's own (habits/hour-sets.ts), shown under the planning fields. */
  hourSets?: () => HTMLElement;
}

function numberInput(name: string, value: number | null, min: number, max: number, step = 5): HTMLInputElement {
  const input = h("input", { type: "number", name, min, max, step, class: "input input-number" });
  input.value = value === null ? "" : String(value);
  return input;
}

/** Fields for one Hours value; `read` gives it back. */
function hoursFields(legend: string, key: string, hours: Hours): { el: HTMLElement; read: () => Hours } {
  const start = h("input", { type: "time", name: `${key}-start`, class: "input", "aria-label": `${legend}: from` });
  const end = h("input", { type: "time", name: `${key}-end`, class: "input", "aria-label": `${legend}: until` });
  start.value = hours.start;
  end.value = hours.end === "24:00" ? "23:59" : hours.end;
  const boxes = DAYS.map((d, i) => {
    const box = h("input", { type: "checkbox", name: `${key}-${i}` });
    box.checked = hours.days.includes(i);
    return { box, el: h("label", { class: "day-check" }, box, d) };
  });
  const el = h(
    "fieldset",
    { class: "fieldset" },
    h("legend", {}, legend),
    h("div", { class: "day-checks" }, ...boxes.map((b) => b.el)),
    h("div", { class: "field-row" }, field("From", start), field("Until", end)),
  );
  return {
    el,
    read: () => ({ days: boxes.flatMap((b, i) => (b.box.checked ? [i] : [])), start: start.value, end: end.value }),
  };
}

export function createSettingsDialog(deps: SettingsDeps): { open(): Promise<void> } {
  const dialog = h("dialog", { class: "dialog", "aria-labelledby": "settings-title", "data-testid": "settings" });
  document.body.append(dialog);

  const open = async (): Promise<void> => {
    let view: SettingsView;
    try {
      view = await deps.load();
    } catch (e) {
      deps.onError(e);
      return;
    }
    const s = view.settings;
    const work = hoursFields("Work hours", "work", s.work_hours);
    const personal = hoursFields("Personal hours (tasks tagged or filed under #personal)", "personal", s.personal_hours);
    const buffer = numberInput("buffer", s.buffer_min, 0, 240);
    const cap = numberInput("cap", s.daily_cap_min, 15, 1440, 15);
    const chunkMin = numberInput("chunk-min", s.chunk_min_min, 5, 480);
    const chunkMax = numberInput("chunk-max", s.chunk_max_min, 5, 480);
    const calendar = h(
      "select",
      { name: "plan-calendar", class: "input" },
      ...view.writable_calendars.map((c) => h("option", { value: c.id }, `${c.name} (${c.account_name})`)),
    );
    calendar.value = view.plan_calendar_id;
    const taskBreak = numberInput("task-break", s.task_break_min, 0, 240);
    const defaultEstimate = numberInput("default-estimate", s.default_estimate_min, 5, 600);
    const horizon = numberInput("horizon", s.horizon_days, 1, 90, 1);
    const frozen = numberInput("frozen-horizon", s.frozen_horizon_min, 0, 1440);
    const churn = numberInput("churn-budget", s.churn_budget_min, 0, 10080);
    const lunchOn = h("input", { type: "checkbox", name: "lunch-on" });
    lunchOn.checked = s.lunch !== null;
    const lunchStart = h("input", { type: "time", name: "lunch-start", class: "input", "aria-label": "Lunch break: from" });
    const lunchEnd = h("input", { type: "time", name: "lunch-end", class: "input", "aria-label": "Lunch break: until" });
    lunchStart.value = s.lunch?.start ?? "12:00";
    lunchEnd.value = s.lunch?.end ?? "13:00";
    // A calendar per project: blocks of #work tasks can go to the work calendar.
    const projectCalendars = view.projects.map((project) => {
      const select = h(
        "select",
        { name: `project-calendar-${project}`, class: "input", "aria-label": `Calendar for #${project}` },
        h("option", { value: "" }, "The calendar above"),
        ...view.writable_calendars.map((c) => h("option", { value: c.id }, `${c.name} (${c.account_name})`)),
      );
      select.value = s.project_calendars[project] ?? "";
      return { project, select };
    });
    const auto = h("input", { type: "checkbox", name: "auto-apply" });
    auto.checked = s.apply_replans_automatically;
    const learned = h("input", { type: "checkbox", name: "learned-estimates", "data-testid": "settings-learned-estimates" });
    learned.checked = s.use_learned_estimates;
    const preferred = preferredPartsFields(s.preferred_parts);
    const message = h("p", { class: "form-error", role: "alert", "data-testid": "settings-error" });
    const save = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "settings-save" }, "Save");
    const cancel = h("button", { type: "button", class: "btn" }, "Cancel");
    const form = h(
      "form",
      { method: "dialog", class: "settings-form" },
      h("h2", { id: "settings-title" }, "Settings"),
      work.el,
      personal.el,
      h(
        "fieldset",
        { class: "fieldset" },
        h("legend", {}, "Planning"),
        h("div", { class: "field-row" }, field("Buffer around events (min)", buffer), field("Daily cap of task time (min)", cap, "Empty: no cap")),
        h("div", { class: "field-row" }, field("Smallest block (min)", chunkMin), field("Largest block (min)", chunkMax)),
        h(
          "div",
          { class: "field-row" },
          field("Break between blocks of one task (min)", taskBreak),
          field("Estimate of a task without one (min)", defaultEstimate),
        ),
        field("Plan this many days ahead (further when a due date is)", horizon),
        h(
          "div",
          { class: "field-row" },
          h("label", { class: "check" }, lunchOn, "Keep a lunch break free"),
          field("From", lunchStart),
          field("Until", lunchEnd),
        ),
        field("Calendar for accepted blocks", calendar),
        ...projectCalendars.map((p) => field(`Blocks of #${p.project} go to`, p.select)),
        h("label", { class: "check" }, auto, "Apply re-plans after event changes without asking"),
        h(
          "label",
          {
            class: "check",
            title: "Each task is planned for its estimate times how long its tag or project really took; your estimates stay as you wrote them",
          },
          learned,
          "Use learned estimates when planning",
        ),
        h(
          "div",
          { class: "field-row" },
          field("Keep blocks starting in the next … min where they are", frozen, "Unless an event lands on them"),
          field("Move at most … min of accepted blocks without asking", churn, "Empty: no limit; more is shown for review"),
        ),
      ),
      preferred.el,
      deps.hourSets ? deps.hourSets() : null,
      // Accounts: the sync engine adds connect / disconnect, sync status and last error here.
      h(
        "fieldset",
        { class: "fieldset", "data-slot": "accounts" },
        h("legend", {}, "Accounts"),
        h("p", { class: "field-hint" }, "Accounts are added, synced and removed in the sidebar's Accounts panel."),
      ),
      message,
      h("div", { class: "dialog-actions" }, cancel, save),
    );
    cancel.addEventListener("click", () => dialog.close());
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const capValue = cap.value.trim();
      const settings: PlanSettings = {
        work_hours: work.read(),
        personal_hours: personal.read(),
        buffer_min: Number(buffer.value || 0),
        daily_cap_min: capValue ? Number(capValue) : null,
        chunk_min_min: Number(chunkMin.value),
        chunk_max_min: Number(chunkMax.value),
        plan_calendar_id: calendar.value || null,
        apply_replans_automatically: auto.checked,
        use_learned_estimates: learned.checked,
        task_break_min: Number(taskBreak.value || 0),
        lunch: lunchOn.checked ? { start: lunchStart.value, end: lunchEnd.value } : null,
        default_estimate_min: Number(defaultEstimate.value),
        horizon_days: Number(horizon.value),
        frozen_horizon_min: Number(frozen.value || 0),
        churn_budget_min: churn.value.trim() ? Number(churn.value) : null,
        preferred_parts: preferred.read(),
        project_calendars: Object.fromEntries(projectCalendars.filter((p) => p.select.value).map((p) => [p.project, p.select.value])),
      };
      deps.save(settings).then(
        () => {
          dialog.close();
          deps.onSaved();
        },
        (err: unknown) => {
          message.textContent = err instanceof Error ? err.message : String(err);
        },
      );
    });
    dialog.replaceChildren(form);
    dialog.showModal();
  };
  return { open };
}
