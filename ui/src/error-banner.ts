// Failed commands surface here, one line per failure, until dismissed.
import { CommandError } from "./api";
import { h, icon, ICONS } from "./dom";

const WHAT: Record<string, string> = {
  list_calendars: "Could not load calendars",
  list_occurrences: "Could not load events",
  list_tasks: "Could not load tasks",
  app_info: "Could not read app info",
};

export function errorMessage(e: unknown): string {
  if (e instanceof CommandError) {
    return `${WHAT[e.command] ?? "A command failed"} (${e.command}): ${e.detail}`;
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
