// The analytics view (in place of the grid): per week or month, planned against done, by
// project and tag, meeting / focus / free hours and estimate accuracy as charts, each with
// its numbers in a table below; what the estimate learner knows and when work gets done
// (with Use it for planning); export to CSV or JSON.
import type { Chart } from "chart.js";
import type { Api } from "../api";
import type { AnalyticsView } from "../bindings/AnalyticsView";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { Period } from "../bindings/Period";
import { h } from "../dom";
import { barChart, lineChart, readTheme } from "./charts";
import { accuracy, byKey, habitSeries, habitTable, periodTable, plannedDone, timeUse } from "./format";
import { preferenceLine } from "./use-preference";

export interface AnalyticsPanel {
  show(): Promise<void>;
  hide(): void;
  readonly shown: boolean;
}

const COUNTS: Record<Period, number> = { week: 12, month: 12 };

/** A table of numbers with a header row; each row's first cell heads it. */
function table(t: { head: string[]; rows: string[][] }, testid: string): HTMLElement {
  return h(
    "table",
    { class: "analytics-table", "data-testid": testid },
    h("thead", {}, h("tr", {}, ...t.head.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, ...t.rows.map((r) => h("tr", {}, ...r.map((c, i) => (i === 0 ? h("th", { scope: "row" }, c) : h("td", {}, c)))))),
  );
}

export function mountAnalytics(
  root: HTMLElement,
  api: Pick<Api, "historyAnalytics" | "exportHistory" | "setTagPreference">,
  onError: (e: unknown) => void,
): AnalyticsPanel {
  let period: Period = "week";
  let charts: Chart[] = [];
  let last: AnalyticsView | null = null;

  const weekBtn = h("button", { type: "button", class: "btn", "aria-pressed": "true", "data-testid": "analytics-weeks" }, "Weeks");
  const monthBtn = h("button", { type: "button", class: "btn", "aria-pressed": "false", "data-testid": "analytics-months" }, "Months");
  const path = h("input", {
    class: "input analytics-path",
    type: "text",
    "aria-label": "Export to file (empty: the downloads folder)",
    placeholder: "File to export to (empty: Downloads)",
    "data-testid": "analytics-export-path",
  });
  const csvBtn = h("button", { type: "button", class: "btn", "data-testid": "analytics-export-csv" }, "Export CSV");
  const jsonBtn = h("button", { type: "button", class: "btn", "data-testid": "analytics-export-json" }, "Export JSON");
  const status = h("p", { class: "analytics-status", role: "status", "data-testid": "analytics-status" });
  const body = h("div", { class: "analytics-body" });
  root.append(
    h(
      "div",
      { class: "analytics-bar" },
      h("h2", { class: "analytics-title" }, "What really happened"),
      h("div", { class: "views", role: "group", "aria-label": "Period" }, weekBtn, monthBtn),
      path,
      csvBtn,
      jsonBtn,
    ),
    status,
    body,
  );

  const setPeriod = (p: Period): void => {
    period = p;
    weekBtn.setAttribute("aria-pressed", String(p === "week"));
    monthBtn.setAttribute("aria-pressed", String(p === "month"));
    void load();
  };
  weekBtn.addEventListener("click", () => setPeriod("week"));
  monthBtn.addEventListener("click", () => setPeriod("month"));
  const exportAs = (format: ExportFormat): void => {
    const target = path.value.trim();
    api.exportHistory(format, target === "" ? null : target).then(
      (done) => {
        status.textContent = done.message;
        status.dataset.path = done.path;
      },
      (e: unknown) => {
        status.textContent = "";
        onError(e);
      },
    );
  };
  csvBtn.addEventListener("click", () => exportAs("csv"));
  jsonBtn.addEventListener("click", () => exportAs("json"));

  const draw = (view: AnalyticsView): void => {
    charts.forEach((c) => c.destroy());
    charts = [];
    const theme = readTheme(root);
    const section = (title: string, id: string): { box: HTMLElement; canvas: HTMLCanvasElement } => {
      const canvas = h("canvas", { role: "img", "aria-label": title, "data-testid": `chart-${id}` });
      const box = h("section", { class: "analytics-chart", "aria-label": title }, h("h3", {}, title), h("div", { class: "analytics-canvas" }, canvas));
      return { box, canvas };
    };
    const pd = section("Planned against done (hours)", "planned-done");
    const keys = section("By project and tag (hours)", "by-key");
    const use = section("Meetings, focus and free time (hours)", "time-use");
    const acc = section("Estimates off by (×, 1 is right)", "accuracy");
    const habitsBox = section("Habits and goals: done against target (hours)", "habits");
    const keyRows = byKey(view).slice(0, 12);
    const periods = periodTable(view);
    const learned = view.factors.length
      ? h(
          "ul",
          { class: "analytics-factors", "data-testid": "analytics-factors" },
          ...view.factors.map((f) => h("li", {}, `${f.key} takes ×${f.ratio.toFixed(2)} its estimate (${f.samples} tasks)`)),
        )
      : h("p", { class: "analytics-note" }, "The estimate learner needs three finished tasks of a tag or project before it says anything.");
    body.replaceChildren(
      h("div", { class: "analytics-grid" }, pd.box, keys.box, use.box, acc.box),
      h(
        "section",
        { class: "analytics-text", "aria-label": "Estimates and patterns" },
        h("h3", {}, "Estimates and patterns"),
        learned,
        preferenceLine(view.pattern, { setTagPreference: api.setTagPreference, onError }),
      ),
      ...(view.habits.length
        ? [habitsBox.box, table(habitTable(view), "analytics-habits")]
        : [
            h(
              "section",
              { class: "analytics-text", "aria-label": "Habits" },
              h("h3", {}, "Habits and goals"),
              h("p", { class: "analytics-note" }, "Habits with their targets and streaks show here once you add habits."),
            ),
          ]),
      table(periods, "analytics-table"),
      table({ head: ["Project or tag", "Planned h", "Done h"], rows: keyRows.map((k) => [k.key, String(k.planned), String(k.done)]) }, "analytics-keys"),
    );
    charts.push(barChart(pd.canvas, plannedDone(view), theme, { unit: "h" }));
    charts.push(
      barChart(
        keys.canvas,
        {
          labels: keyRows.map((k) => k.key),
          series: [
            { label: "Planned", values: keyRows.map((k) => k.planned) },
            { label: "Done", values: keyRows.map((k) => k.done) },
          ],
        },
        theme,
        { horizontal: true, unit: "h" },
      ),
    );
    charts.push(barChart(use.canvas, timeUse(view), theme, { stacked: true, unit: "h" }));
    const a = accuracy(view);
    charts.push(lineChart(acc.canvas, a.labels, "Estimates off by", a.values, theme));
    if (view.habits.length) charts.push(barChart(habitsBox.canvas, habitSeries(view), theme, { unit: "h" }));
    root.dataset.drawn = String(view.rows.length);
  };

  async function load(): Promise<void> {
    try {
      last = await api.historyAnalytics(period, COUNTS[period]);
      draw(last);
    } catch (e) {
      onError(e);
    }
  }

  // A switch of the system's theme redraws the charts in its colours.
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    if (!root.hidden && last) draw(last);
  });

  return {
    async show() {
      root.hidden = false;
      await load();
    },
    hide() {
      root.hidden = true;
      charts.forEach((c) => c.destroy());
      charts = [];
    },
    get shown() {
      return !root.hidden;
    },
  };
}
