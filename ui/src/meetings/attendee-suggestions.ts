// Attendee suggestions under the Meetings panel's Attendees input: the part being typed (after
// the last comma) is looked up among past meetings' people, and a suggestion chosen replaces it.
import type { Api } from "../api";
import type { PersonSuggestion } from "../bindings/PersonSuggestion";
import { h } from "../dom";

export type SuggestApi = Pick<Api, "suggestAttendees">;

const SEPARATOR = /[,;]/;
const DEBOUNCE_MS = 150;
const SHOWN = 6;

/** The part of the attendees text being typed: what follows the last comma or semicolon. */
export function lastPart(value: string): string {
  const parts = value.split(SEPARATOR);
  return (parts[parts.length - 1] ?? "").trim();
}

/** The attendees text with its last part replaced by `email`, ready for the next one. */
export function withChosen(value: string, email: string): string {
  const cut = Math.max(value.lastIndexOf(","), value.lastIndexOf(";"));
  const head = cut < 0 ? "" : `${value.slice(0, cut + 1).trimEnd()} `;
  return `${head}${email}, `;
}

/** Every word of the attendees text, lower case: the addresses listed (the one being typed too, once complete). */
export function listed(value: string): Set<string> {
  return new Set(
    value
      .split(/[\s,;]+/)
      .map((a) => a.toLowerCase())
      .filter(Boolean),
  );
}

/** "Ana Lima · ana@example.com · 4 meetings". */
export function suggestionText(p: PersonSuggestion): string {
  const count = `${p.meetings} meeting${p.meetings === 1 ? "" : "s"}`;
  return [p.name, p.email, count].filter(Boolean).join(" · ");
}

/**
 * Suggestions for `input` (a list to place under it): looked up as the user types, chosen by
 * click or Enter; ArrowDown from the input reaches the first, Escape closes the list.
 */
export function attendeeSuggestions(input: HTMLInputElement, api: SuggestApi): HTMLElement {
  const list = h("div", { class: "meet-suggestions", role: "group", "aria-label": "Suggested attendees", "data-testid": "meet-suggestions" });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  const close = (): void => list.replaceChildren();

  const choose = (email: string): void => {
    input.value = withChosen(input.value, email);
    close();
    input.focus();
  };
  const show = (people: PersonSuggestion[]): void => {
    const taken = listed(input.value);
    list.replaceChildren(
      ...people
        .filter((p) => !taken.has(p.email.toLowerCase()))
        .slice(0, SHOWN)
        .map((p) => {
          const b = h(
            "button",
            { type: "button", class: "btn btn-small meet-suggestion", "data-testid": "meet-suggestion", "data-email": p.email },
            suggestionText(p),
          );
          // Keep the input focused on a pointer press, so its focus-out does not close the list first.
          b.addEventListener("mousedown", (e) => e.preventDefault());
          b.addEventListener("click", () => choose(p.email));
          return b;
        }),
    );
  };
  const ask = (): void => {
    const mine = ++asked;
    api.suggestAttendees(lastPart(input.value)).then((people) => {
      if (mine === asked) show(people);
    }, close);
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (e) => {
    const first = list.querySelector<HTMLButtonElement>("button");
    if (e.key === "ArrowDown" && first) {
      e.preventDefault();
      first.focus();
    } else if (e.key === "Escape") {
      close();
    }
  });
  list.addEventListener("keydown", (e) => {
    const buttons = [...list.querySelectorAll<HTMLButtonElement>("button")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = at + (e.key === "ArrowDown" ? 1 : -1);
      (next < 0 ? input : (buttons[Math.min(next, buttons.length - 1)] ?? input)).focus();
    } else if (e.key === "Escape") {
      close();
      input.focus();
    }
  });
  // Leaving both the input and the list closes it; an answer still on its way is dropped.
  const leaving = (e: FocusEvent): void => {
    const to = e.relatedTarget as Node | null;
    if (to !== input && !list.contains(to)) {
      asked++;
      close();
    }
  };
  input.addEventListener("focusout", leaving);
  list.addEventListener("focusout", leaving);
  return list;
}
