// The running timer, on a line above the grid: "Timer on “Write report”: 25 min, since 09:12"
// with Stop.
// Start is on a plan block's details (block-outcome.ts) and in the tray; Stop records the
// block done with the minutes counted, or, for a timer left running too long, says what to do.
import type { Api } from "../api";
import type { OutcomeResult } from "../bindings/OutcomeResult";
import type { RunningTimer } from "../bindings/RunningTimer";
import { h } from "../dom";

/** How often the minutes shown are brought up to date. */
const EVERY_MS = 30_000;

export interface TimerHooks {
  /** Stop recorded the block: redraw and show the re-plan, as any outcome. */
  recorded(result: OutcomeResult): void;
  /** A sentence for the status line (started, or why nothing was recorded). */
  said(message: string): void;
  onError(e: unknown): void;
}

export interface TimerControl {
  /** Whether the timer runs on the block whose event has this UID. */
  runsOn(uid: string): boolean;
  start(uid: string): void;
  stop(): void;
  /** Asks the core which timer runs (after the tray or a reminder may have changed it). */
  refresh(): Promise<void>;
}

export function mountTimer(place: (el: HTMLElement) => void, api: Pick<Api, "runningTimer" | "startTimer" | "stopTimer">, hooks: TimerHooks): TimerControl {
  let running: RunningTimer | null = null;
  const text = h("span", { class: "timer-text" });
  const stopBtn = h("button", { type: "button", class: "btn btn-small", "data-testid": "timer-stop" }, "Stop");
  const chip = h("div", { class: "timer-chip", role: "status", "data-testid": "timer" }, text, stopBtn);
  chip.hidden = true;
  place(chip);

  const show = (t: RunningTimer | null): void => {
    running = t;
    chip.hidden = t === null;
    text.textContent = t?.text ?? "";
    if (t) stopBtn.setAttribute("aria-label", `Stop the timer of ${t.title}`);
  };
  const refresh = async (): Promise<void> => {
    try {
      show(await api.runningTimer());
    } catch (e) {
      hooks.onError(e);
    }
  };
  const stop = (): void => {
    api.stopTimer().then((out) => {
      show(null);
      if (out.recorded) hooks.recorded(out.recorded);
      else hooks.said([out.message, out.question].filter(Boolean).join(" "));
    }, hooks.onError);
  };
  stopBtn.addEventListener("click", stop);
  window.setInterval(() => void refresh(), EVERY_MS);
  return {
    runsOn: (uid) => running?.event_uid === uid,
    start: (uid) => {
      api.startTimer(uid).then((message) => {
        hooks.said(message);
        void refresh();
      }, hooks.onError);
    },
    stop,
    refresh,
  };
}
