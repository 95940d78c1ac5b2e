// The plan bar above the grid: the Plan button, the summary of the proposal ("12 blocks,
// 2 tasks at risk"), accept all / reject all, and what is at risk or left out, with reasons.
import type { PlanPreview } from "./bindings/PlanPreview";
import { h } from "./dom";
import { planSummary } from "./plan-state";
import { formatEstimate } from "./tasks";

export interface PlanPanelActions {
  plan(): void;
  acceptAll(): void;
  rejectAll(): void;
}

export interface PlanPanel {
  show(p: PlanPreview | null): void;
  /** The week's load against its free time ("31 h planned of 38 h free this week"). */
  showLoad(text: string): void;
  setBusy(busy: boolean): void;
}

export function mountPlanPanel(root: HTMLElement, actions: PlanPanelActions): PlanPanel {
  const planBtn = h(
    "button",
    { type: "button", class: "btn btn-primary", "data-testid": "plan", "aria-keyshortcuts": "P", title: "Plan the visible days (P)" },
    "Plan",
  );
  const summary = h("span", { class: "plan-summary", "data-testid": "plan-summary", role: "status", "aria-live": "polite" });
  const load = h("span", { class: "plan-load", "data-testid": "week-load" });
  const acceptAll = h("button", { type: "button", class: "btn", "data-testid": "accept-all" }, "Accept all");
  const rejectAll = h("button", { type: "button", class: "btn", "data-testid": "reject-all" }, "Reject all");
  const details = h("div", { class: "plan-details", "data-testid": "plan-details" });
  planBtn.addEventListener("click", actions.plan);
  acceptAll.addEventListener("click", actions.acceptAll);
  rejectAll.addEventListener("click", actions.rejectAll);
  root.replaceChildren(h("div", { class: "plan-bar", role: "toolbar", "aria-label": "Plan" }, planBtn, summary, acceptAll, rejectAll, load), details);

  const show = (p: PlanPreview | null): void => {
    const hasGhosts = (p?.ghosts.length ?? 0) > 0;
    acceptAll.hidden = !hasGhosts;
    rejectAll.hidden = !hasGhosts;
    summary.textContent = p ? planSummary(p) : "";
    summary.dataset.ghosts = String(p?.ghosts.length ?? 0);
    root.classList.toggle("is-replan", (p?.moved ?? 0) > 0);
    const moves = p?.ghosts.filter((g) => g.kind === "move" && g.reason).length ?? 0;
    if (!p || (p.at_risk.length === 0 && p.unscheduled.length === 0 && p.notes.length === 0 && moves === 0)) {
      details.replaceChildren();
      return;
    }
    const items = [
      ...p.at_risk.map((r) =>
        h(
          "li",
          { class: "risk", "data-testid": "at-risk" },
          h("strong", {}, r.title),
          r.reason
            ? `: ${r.reason}`
            : r.fully_placed
              ? ` finishes ${formatEstimate(r.late_min)} after its due date`
              : " is not fully planned before its due date",
        ),
      ),
      ...p.unscheduled.map((u) =>
        h("li", { class: "unscheduled", "data-testid": "unscheduled" }, h("strong", {}, u.title), `: ${formatEstimate(u.minutes)} not planned. ${u.reason}`),
      ),
      // Every block that moves says why.
      ...p.ghosts
        .filter((g) => g.kind === "move" && g.reason)
        .map((g) => h("li", { class: "move", "data-testid": "move-reason" }, h("strong", {}, g.title), `: ${g.reason}`)),
      ...p.notes.map((n) => h("li", { class: "note" }, n)),
    ];
    // A re-plan opens its reasons at once; a plan's risks stay one click away.
    const box = h("details", {}, h("summary", {}, moves > 0 ? "Why blocks move, at risk and left out" : "At risk and left out"), h("ul", {}, ...items));
    box.open = moves > 0;
    details.replaceChildren(box);
  };
  show(null);

  return {
    show,
    showLoad(text) {
      load.textContent = text;
    },
    setBusy(busy) {
      planBtn.disabled = busy;
      planBtn.setAttribute("aria-busy", String(busy));
      root.classList.toggle("is-busy", busy);
    },
  };
}
