// Failed commands surface here, one line per failure, until dismissed.
import { CommandError, type ErrorCode } from "./api";
import type { Command } from "./bindings/contract";
import { h, icon, ICONS } from "./dom";

/** What the user was doing, where it helps to say ("Could not load events: …"). */
const WHAT: Partial<Record<Command, string>> = {
  list_calendars: "Could not load calendars",
  list_occurrences: "Could not load events",
  list_tasks: "Could not load tasks",
  app_info: "Could not read the app's details",
};

/**
 * What to do about each kind of failure, by the core's error code. Exhaustive: a code added
 * on the Rust side (bindings/ErrorCode.ts) fails the type check until it is handled here.
 */
const ADVICE: Record<ErrorCode, string> = {
  stale_plan: "",
  not_found: "",
  read_only: "Choose a calendar you can edit.",
  invalid: "",
  unavailable: "",
  unauthorized: "Sign in again in the Accounts panel.",
  offline: "Miraage will try again on its own.",
  failed: "",
};

/** One sentence for the user: what failed, the core's message, and what to do. */
export function errorMessage(e: unknown): string {
  if (e instanceof CommandError) {
    const what = WHAT[e.command as Command];
    const text = what ? `${what}: ${e.detail}` : e.detail;
    const advice = ADVICE[e.code];
    return advice ? `${text} ${advice}` : text;
  }
  return e instanceof Error ? e.message : String(e);
}

export function createErrorBanner(container: HTMLElement): (e: unknown) => void {
  let banner: HTMLElement | null = null;
  let list: HTMLUListElement | null = null;

  return (e: unknown) => {
    console.error(e);
    if (!banner || !list) {
      list = h("ul", { class: "error-list" });
      const close = h("button", { type: "button", class: "btn btn-icon", "aria-label": "Dismiss error" }, icon(ICONS.close));
      banner = h("div", { class: "error-banner", role: "alert", "data-testid": "error" }, list, close);
      close.addEventListener("click", () => {
        banner?.remove();
        banner = null;
        list = null;
      });
      container.append(banner);
    }
    const text = errorMessage(e);
    // The same failure repeating (e.g. every week navigated to) is said once.
    if (![...list.children].some((li) => li.textContent === text)) list.append(h("li", {}, text));
  };
}
