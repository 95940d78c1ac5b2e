// The search field in the header ("/" focuses it): events and tasks as the user types,
// a combobox whose list is walked with the arrows; Enter opens the active result (an event's
// day in the grid, a task's editor), Escape closes the list, then leaves the field.
import type { SearchResult } from "./bindings/SearchResult";
import { h } from "./dom";
import { formatResult, resultDate, resultLabel, snippetParts } from "./search-format";

export interface SearchDeps {
  search(text: string): Promise<SearchResult[]>;
  /** Show the day of this instant (or local midnight of an all-day date) in the grid; `uid` is the event's. */
  openDay(at: Date, uid: string): void;
  openTask(id: string): void;
  onError(e: unknown): void;
  /** Wait after the last key before asking, in ms. */
  debounceMs?: number;
}

export interface SearchBox {
  focus(): void;
}

export function mountSearchBox(root: HTMLElement, deps: SearchDeps): SearchBox {
  const debounceMs = deps.debounceMs ?? 120;
  const field = h("input", {
    type: "search",
    class: "input search-input",
    placeholder: "Search (/)",
    "aria-label": "Search events and tasks (/)",
    "aria-keyshortcuts": "/",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": "search-results",
    autocomplete: "off",
    spellcheck: "false",
    "data-testid": "search",
  });
  const list = h("ul", {
    id: "search-results",
    class: "search-results",
    role: "listbox",
    "aria-label": "Search results",
    "data-testid": "search-results",
    hidden: true,
  });
  const status = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  // Before the view switch, so the header reads: where you are, find, how to look.
  const box = h("div", { class: "search" }, field, list, status);
  const views = root.querySelector(".views");
  if (views) views.before(box);
  else root.append(box);

  let results: SearchResult[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Answers can come back out of order: only the one for the latest text is shown.
  let asked = 0;

  const setOpen = (open: boolean): void => {
    list.hidden = !open;
    field.setAttribute("aria-expanded", String(open));
    if (!open) field.removeAttribute("aria-activedescendant");
  };

  const setActive = (i: number): void => {
    active = i;
    list.querySelectorAll('[role="option"]').forEach((el, j) => el.setAttribute("aria-selected", String(j === i)));
    const el = i >= 0 ? list.children[i] : null;
    if (el) {
      field.setAttribute("aria-activedescendant", el.id);
      el.scrollIntoView({ block: "nearest" });
    } else field.removeAttribute("aria-activedescendant");
  };

  const render = (text: string): void => {
    const now = new Date();
    if (results.length === 0) {
      list.replaceChildren(h("li", { class: "search-empty", role: "presentation" }, `Nothing matches “${text}”.`));
      status.textContent = "No results";
    } else {
      list.replaceChildren(
        ...results.map((r, i) => {
          const line = formatResult(r, now);
          const marked = markMatches(r);
          const li = h(
            "li",
            {
              id: `search-result-${i}`,
              class: `search-result is-${r.kind}`,
              role: "option",
              "aria-selected": "false",
              "aria-label": resultLabel(line),
              "data-testid": "search-result",
              "data-kind": r.kind,
              "data-when": r.when ?? "",
            },
            h("span", { class: "search-kind" }, line.kind),
            h("span", { class: "search-title" }, ...marked.title),
            h("span", { class: "search-when" }, line.when),
            h("span", { class: "search-source" }, line.source),
            marked.snippet ? h("span", { class: "search-snippet" }, ...marked.snippet) : null,
          );
          // mousedown, not click: the field keeps the focus so the list does not close first.
          li.addEventListener("mousedown", (e) => {
            e.preventDefault();
            choose(i);
          });
          return li;
        }),
      );
      status.textContent = `${results.length} result${results.length === 1 ? "" : "s"}`;
    }
    setOpen(true);
    setActive(results.length ? 0 : -1);
  };

  const ask = (): void => {
    const text = field.value.trim();
    const n = ++asked;
    if (!text) {
      results = [];
      setOpen(false);
      return;
    }
    deps.search(text).then((found) => {
      if (n !== asked) return;
      results = found;
      render(text);
    }, deps.onError);
  };

  const choose = (i: number): void => {
    const r = results[i];
    if (!r) return;
    setOpen(false);
    field.blur();
    if (r.kind === "task") deps.openTask(r.id);
    else {
      const at = resultDate(r.when);
      if (at) deps.openDay(at, r.id);
    }
  };

  field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, debounceMs);
  });
  field.addEventListener("keydown", (e) => {
    const open = !list.hidden && results.length > 0;
    if (e.key === "ArrowDown" && open) setActive((active + 1) % results.length);
    else if (e.key === "ArrowUp" && open) setActive((active - 1 + results.length) % results.length);
    else if (e.key === "Enter") {
      clearTimeout(timer);
      if (open) choose(Math.max(active, 0));
      else ask();
    } else if (e.key === "Escape") {
      if (!list.hidden) setOpen(false);
      else {
        field.value = "";
        field.blur();
      }
    } else return;
    e.preventDefault();
    e.stopPropagation();
  });
  field.addEventListener("blur", () => setOpen(false));
  field.addEventListener("focus", () => {
    if (field.value.trim() && results.length) render(field.value.trim());
  });

  return {
    focus() {
      field.focus();
      field.select();
    },
  };
}

/**
 * The title with the matched words marked when the match is in it; a match elsewhere (the
 * location, the description, the notes) is shown as its own line under the title.
 */
function markMatches(r: SearchResult): { title: (HTMLElement | string)[]; snippet: (HTMLElement | string)[] | null } {
  const parts = snippetParts(r.snippet);
  const nodes = parts.map((p) => (p.match ? h("mark", {}, p.text) : p.text));
  if (!parts.some((p) => p.match)) return { title: [r.title], snippet: null };
  if (parts.map((p) => p.text).join("") === r.title) return { title: nodes, snippet: null };
  return { title: [r.title], snippet: nodes };
}

/**
 * Focuses the event `uid` starting at `at` once the grid has drawn it (it draws a week after
 * its events arrive), so Enter opens the event found and "e" edits it. The start tells one
 * occurrence of a series from the others. Gives up after `timeoutMs`.
 */
export function focusWhenDrawn(root: HTMLElement, uid: string, at: Date, timeoutMs = 3000): void {
  const tryFocus = (): boolean => {
    const el = [...root.querySelectorAll<HTMLElement>(`[data-uid="${CSS.escape(uid)}"]`)].find(
      (e) => resultDate(e.dataset.start ?? null)?.getTime() === at.getTime(),
    );
    el?.focus();
    return el !== undefined;
  };
  if (tryFocus()) return;
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = setTimeout(() => stop(), timeoutMs);
  const stop = (): void => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(root, { childList: true, subtree: true });
}
