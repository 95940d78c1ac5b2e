// Done / Partly / Skip on a plan block's details: what happened to it, recorded in the
// history; the minutes not spent go back into the plan (the re-plan comes back to show).
import type { Api } from "../api";
import type { OutcomeKind } from "../bindings/OutcomeKind";
import type { OutcomeResult } from "../bindings/OutcomeResult";
import { h } from "../dom";
import type { TimerControl } from "./timer";

export interface OutcomeHooks {
  recorded(result: OutcomeResult): void;
  onError(e: unknown): void;
  /** Start / Stop of the block's timer, beside its outcome buttons. */
  timer?: TimerControl;
}

/** The row of outcome buttons for the plan block whose event has `uid`; `close` closes the popover. */
export function outcomeRow(api: Pick<Api, "recordBlockOutcome">, uid: string, title: string, hooks: OutcomeHooks, close: () => void): HTMLElement {
  const minutes = h("input", {
    class: "input outcome-minutes",
    type: "number",
    min: 1,
    placeholder: "min",
    "aria-label": `Minutes spent on ${title}`,
    "data-testid": "outcome-minutes",
  });
  const btn = (label: string, kind: OutcomeKind): HTMLButtonElement => {
    const b = h("button", { type: "button", class: "btn btn-small", "data-testid": `outcome-${kind}` }, label);
    b.addEventListener("click", (e) => {
      e.stopPropagation();
      const m = minutes.value.trim() === "" ? null : Number(minutes.value);
      if (kind === "partly" && (m === null || !Number.isInteger(m) || m < 1)) {
        minutes.focus();
        return;
      }
      api.recordBlockOutcome(uid, { kind, minutes: kind === "done" || kind === "partly" ? m : null }).then((r) => {
        close();
        hooks.recorded(r);
      }, hooks.onError);
    });
    return b;
  };
  const timer = hooks.timer;
  let timerBtn: HTMLButtonElement | null = null;
  if (timer) {
    const on = timer.runsOn(uid);
    timerBtn = h(
      "button",
      { type: "button", class: "btn btn-small", "data-testid": on ? "timer-stop-block" : "timer-start" },
      on ? "Stop timer" : "Start timer",
    );
    timerBtn.addEventListener("click", (e) => {
      e.stopPropagation();
      close();
      if (on) timer.stop();
      else timer.start(uid);
    });
  }
  return h(
    "div",
    { class: "popover-actions popover-outcome", role: "group", "aria-label": "What happened to this block" },
    btn("Done", "done"),
    minutes,
    btn("Partly", "partly"),
    btn("Skip", "skipped"),
    timerBtn,
  );
}
