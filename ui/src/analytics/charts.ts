// The analytics charts, drawn by Chart.js (only the bar and line parts are registered, so the
// rest is left out of the bundle). Colours come from the theme's CSS variables and follow a
// switch between light and dark.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

export interface Theme {
  text: string;
  muted: string;
  grid: string;
  /** One colour per series, in order. */
  series: string[];
}

/** The theme as the stylesheet sets it now (light or dark). */
export function readTheme(el: Element): Theme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v("--text", "#1d1e24"),
    muted: v("--muted", "#6b6e7b"),
    grid: v("--border", "rgba(128, 128, 128, 0.25)"),
    series: [v("--chart-1", "#2f6fed"), v("--chart-2", "#2aa876"), v("--chart-3", "#e0a030"), v("--chart-4", "#d9534f")],
  };
}

export interface BarData {
  labels: string[];
  series: { label: string; values: (number | null)[] }[];
}

/** A chart on `canvas`; `stacked` piles the series, `horizontal` lays bars across. */
export function barChart(canvas: HTMLCanvasElement, data: BarData, theme: Theme, opts: { stacked?: boolean; horizontal?: boolean; unit: string }): Chart {
  const config: ChartConfiguration<"bar"> = {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.series.map((s, i) => ({
        label: s.label,
        data: s.values,
        backgroundColor: theme.series[i % theme.series.length],
        borderWidth: 0,
      })),
    },
    options: {
      indexAxis: opts.horizontal ? "y" : "x",
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { labels: { color: theme.text } }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${String(c.raw)} ${opts.unit}` } } },
      scales: {
        x: { stacked: opts.stacked, ticks: { color: theme.muted }, grid: { color: theme.grid } },
        y: { stacked: opts.stacked, ticks: { color: theme.muted }, grid: { color: theme.grid }, beginAtZero: true },
      },
    },
  };
  return new Chart(canvas, config);
}

/** A line over periods (gaps where a value is null). */
export function lineChart(canvas: HTMLCanvasElement, labels: string[], label: string, values: (number | null)[], theme: Theme): Chart {
  return new Chart(canvas, {
    type: "line",
    data: { labels, datasets: [{ label, data: values, borderColor: theme.series[0], backgroundColor: theme.series[0], spanGaps: false }] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { labels: { color: theme.text } } },
      scales: {
        x: { ticks: { color: theme.muted }, grid: { color: theme.grid } },
        y: { ticks: { color: theme.muted }, grid: { color: theme.grid }, suggestedMin: 1 },
      },
    },
  });
}
