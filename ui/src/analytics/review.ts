// The gentle review above the grid: "Did you do these?" with Done / Partly / Skipped per block
// whose time passed with no outcome. Each block is listed once; closing the review counts
// the unanswered ones as missed (their time goes back into the plan).
import type { Api } from "../api";
import type { OutcomeKind } from "../bindings/OutcomeKind";
import type { PlanPreview } from "../bindings/PlanPreview";
import type { ReviewItem } from "../bindings/ReviewItem";
import type { ReviewView } from "../bindings/ReviewView";
import { h } from "../dom";

export interface Review {
  /** Asks the core what to review now (at start and when the window regains focus). */
  check(): Promise<void>;
}

export interface ReviewHooks {
  /** Outcomes changed blocks (cut, removed): redraw. A re-plan came with them: show it. */
  changed(replan: PlanPreview | null): void;
  onError(e: unknown): void;
}

export function mountReview(root: HTMLElement, api: Pick<Api, "historyReview" | "dismissReview" | "recordBlockOutcome">, hooks: ReviewHooks): Review {
  root.hidden = true;
  const list = h("ul", { class: "review-items" });
  const note = h("p", { class: "review-note", role: "status", "data-testid": "review-note" });
  const close = h("button", { type: "button", class: "btn btn-small", "data-testid": "review-close" }, "Close: I did not do the rest");
  root.append(h("h2", { class: "review-question", id: "review-question" }, "Did you do these?"), list, h("div", { class: "review-actions" }, close, note));
  root.setAttribute("aria-labelledby", "review-question");

  const settle = (view: ReviewView): void => {
    if (view.notes.length) note.textContent = view.notes.join(" ");
    if (view.notes.length || view.replan) hooks.changed(view.replan);
  };

  const answer = async (item: ReviewItem, row: HTMLElement, kind: OutcomeKind, minutes: number | null): Promise<void> => {
    try {
      const out = await api.recordBlockOutcome(item.block, { kind, minutes });
      note.textContent = out.message;
      row.remove();
      if (!list.children.length) root.hidden = true;
      hooks.changed(out.replan);
    } catch (e) {
      hooks.onError(e);
    }
  };

  const itemRow = (item: ReviewItem): HTMLElement => {
    const minutes = h("input", {
      class: "input review-minutes",
      type: "number",
      min: 1,
      max: item.minutes - 1,
      placeholder: "min",
      "aria-label": `Minutes spent on ${item.title}`,
      "data-testid": "review-minutes",
    });
    const btn = (label: string, testid: string): HTMLButtonElement => h("button", { type: "button", class: "btn btn-small", "data-testid": testid }, label);
    const done = btn("Done", "review-done");
    const partly = btn("Partly", "review-partly");
    const skipped = btn("Skipped", "review-skipped");
    const row = h(
      "li",
      { class: "review-item", "data-block": item.block, "data-testid": "review-item" },
      h("span", { class: "review-title" }, item.title),
      h("span", { class: "review-when" }, item.when),
      done,
      minutes,
      partly,
      skipped,
    );
    done.addEventListener("click", () => void answer(item, row, "done", null));
    skipped.addEventListener("click", () => void answer(item, row, "skipped", null));
    partly.addEventListener("click", () => {
      const m = Number(minutes.value);
      if (!Number.isInteger(m) || m < 1) {
        minutes.focus();
        note.textContent = `Type the minutes you spent on “${item.title}”, then Partly.`;
        return;
      }
      void answer(item, row, "partly", m);
    });
    return row;
  };

  close.addEventListener("click", () => {
    api.dismissReview().then((view) => {
      list.replaceChildren();
      root.hidden = true;
      settle(view);
    }, hooks.onError);
  });

  return {
    async check() {
      try {
        const view = await api.historyReview();
        settle(view);
        const shown = new Set([...list.querySelectorAll<HTMLElement>("[data-block]")].map((r) => r.dataset.block));
        const fresh = view.items.filter((i) => !shown.has(i.block));
        list.append(...fresh.map(itemRow));
        root.hidden = list.children.length === 0;
      } catch (e) {
        hooks.onError(e);
      }
    },
  };
}
