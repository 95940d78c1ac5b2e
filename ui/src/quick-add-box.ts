// The quick-add box: as the user types, the core reads the line; the parts it recognised are
// highlighted behind the text and a one-line preview says what Enter will create ("Call mom
// · Fri 7 Mar 17:00 · 30 min · new task", "Read · 20 min a day · … · new habit"). Tab
// switches between a task (or a habit) and an event when the line names a time; Enter
// creates; Escape clears. Under it, for a task, the forecast of a
// real plan with it added ("done by Thu 15:00", "at risk: 2 h short before its due date"),
// asked once typing pauses.
import type { ForecastView } from "./bindings/ForecastView";
import type { QuickAddKind } from "./bindings/QuickAddKind";
import type { QuickAddView } from "./bindings/QuickAddView";
import { h } from "./dom";
import { segments } from "./quick-add";

export interface QuickAddDeps {
  read(text: string, preferEvent: boolean): Promise<QuickAddView>;
  create(text: string, preferEvent: boolean): Promise<QuickAddKind>;
  /** After something was created: reload what shows it. */
  created(kind: QuickAddKind): void;
  onError(e: unknown): void;
  /** When the line, as a new task, would be done if planned now. */
  forecast?(text: string): Promise<ForecastView>;
}

const KIND_LABEL: Record<QuickAddKind, string> = { task: "Task", event: "Event", habit: "Habit" };
const KIND_ARTICLE: Record<QuickAddKind, string> = { task: "a", event: "an", habit: "a" };

/** How long typing pauses before the forecast (a whole plan) is asked for. */
const FORECAST_DELAY_MS = 350;

/** Wires the box around `input` (already in the page); returns nothing to drive. */
export function mountQuickAddBox(input: HTMLInputElement, deps: QuickAddDeps): void {
  const backdrop = h("div", { class: "qa-backdrop", "aria-hidden": "true" });
  const preview = h("div", { class: "qa-preview", "data-testid": "quick-add-preview", role: "status", "aria-live": "polite" });
  const mode = h(
    "button",
    { type: "button", class: "qa-mode", "data-testid": "quick-add-mode", title: "Tab: make an event of a line that names a time, or a task (a habit)" },
    "Task",
  );
  const field = h("div", { class: "qa-field" }, backdrop);
  input.replaceWith(field);
  field.append(input, mode);
  const forecast = h("div", { class: "qa-forecast", "data-testid": "quick-add-forecast", role: "status", "aria-live": "polite" });
  field.after(preview);
  preview.after(forecast);
  let forecastTimer: ReturnType<typeof setTimeout> | undefined;

  let preferEvent = false;
  let last: QuickAddView | null = null;
  let token = 0;

  const paint = (view: QuickAddView | null): void => {
    last = view;
    const text = input.value;
    const parts = view ? segments(text, view.spans) : [{ text, kind: null }];
    backdrop.replaceChildren(
      ...parts.map((s) => (s.kind ? h("mark", { class: `qa-${s.kind}`, "data-kind": s.kind }, s.text) : document.createTextNode(s.text))),
    );
    backdrop.scrollLeft = input.scrollLeft;
    preview.textContent = view && text.trim() ? view.preview : "";
    askForecast(view);
    const canBeEvent = view?.can_be_event ?? false;
    mode.hidden = !text.trim();
    const kind = view?.creates ?? "task";
    mode.textContent = KIND_LABEL[kind];
    mode.disabled = !canBeEvent;
    mode.setAttribute("aria-label", `Creates ${KIND_ARTICLE[kind]} ${kind}${canBeEvent ? "; Tab or click switches" : ""}`);
  };

  /** The forecast of the line as a task, once typing pauses; cleared for an event or nothing. */
  const askForecast = (view: QuickAddView | null): void => {
    clearTimeout(forecastTimer);
    const text = input.value;
    if (!deps.forecast || !view || view.creates !== "task" || !view.title.trim()) {
      forecast.textContent = "";
      forecast.classList.remove("is-at-risk");
      return;
    }
    const mine = token;
    forecastTimer = setTimeout(() => {
      deps.forecast?.(text).then(
        (f) => {
          if (mine !== token) return;
          forecast.textContent = f.message;
          forecast.classList.toggle("is-at-risk", f.at_risk);
        },
        // The preview still says what Enter creates; the forecast is extra.
        () => (forecast.textContent = ""),
      );
    }, FORECAST_DELAY_MS);
  };

  const refresh = (): void => {
    const text = input.value;
    const mine = ++token;
    if (!text.trim()) {
      paint(null);
      return;
    }
    // The core answers in about a millisecond; a stale answer (typing went on) is dropped.
    deps.read(text, preferEvent).then((view) => {
      if (mine === token) paint(view);
    }, deps.onError);
  };

  const toggle = (): void => {
    if (!last?.can_be_event) return;
    preferEvent = !preferEvent;
    refresh();
  };

  input.addEventListener("input", refresh);
  input.addEventListener("scroll", () => (backdrop.scrollLeft = input.scrollLeft));
  mode.addEventListener("click", () => {
    toggle();
    input.focus();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      // Escape clears a line; on an empty box it leaves it.
      if (input.value) {
        input.value = "";
        refresh();
      } else input.blur();
      e.preventDefault();
      return;
    }
    if (e.key === "Tab" && !e.shiftKey && last?.can_be_event && input.value.trim()) {
      e.preventDefault();
      toggle();
      return;
    }
    if (e.key !== "Enter") return;
    e.preventDefault();
    const text = input.value;
    if (!text.trim()) {
      deps.onError(
        new Error("Type a task, an event or a habit first, e.g. “Call mom tomorrow 5pm 30m”, “Write report by Friday 3h !1 #work” or “Read 20 minutes daily”."),
      );
      return;
    }
    deps.create(text, preferEvent).then((kind) => {
      input.value = "";
      preferEvent = false;
      refresh();
      deps.created(kind);
    }, deps.onError);
  });
  paint(null);
}
