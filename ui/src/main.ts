// Entry point: wires the store commands to the header, sidebar and week grid.
import "./styles.css";
import { api } from "./api";
import { rangeContains } from "./dates";
import { createErrorBanner } from "./error-banner";
import { createEventDetails } from "./event-details";
import { mountHeader } from "./header";
import { bindWeekKeys } from "./keyboard";
import { createOccurrenceSource } from "./occurrence-source";
import { renderCalendars } from "./sidebar";
import { renderTasks } from "./tasks-panel";
import { Visibility } from "./visibility";
import { mountWeekView, type WeekView } from "./week-view";

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el;
}

const showError = createErrorBanner(byId("errors"));
const visibility = new Visibility();
const details = createEventDetails();
let week: WeekView | null = null;

const header = mountHeader(byId("header"), (action) => week?.run(action));
const source = createOccurrenceSource({
  fetch: api.listOccurrences,
  filter: (occurrences) => visibility.filter(occurrences),
  onError: showError,
});
week = mountWeekView(byId("week"), {
  source,
  onRangeChange: (range) => {
    details.close();
    header.setRange(range, rangeContains(range, new Date()));
  },
  onLoading: (loading) => header.setLoading(loading),
  onEventOpen: (event, anchor) => details.open(event, anchor),
});
bindWeekKeys(document, (action) => week?.run(action));

async function loadCalendars(): Promise<void> {
  const calendars = await api.listCalendars();
  visibility.reset(calendars);
  renderCalendars(byId("calendars"), calendars, visibility, (id, visible) => {
    visibility.set(id, visible);
    week?.refetch();
  });
  // Calendars the store marks hidden were shown while this list was loading.
  if (calendars.some((c) => !c.visible)) week?.refetch();
}

async function loadTasks(): Promise<void> {
  renderTasks(byId("tasks"), byId("tasks-count"), await api.listTasks());
}

async function loadInfo(): Promise<void> {
  const info = await api.appInfo();
  const footer = byId("app-info");
  footer.textContent = `Miraage ${info.version} · ${info.time_zone}`;
  footer.title = info.db_path;
}

for (const load of [loadCalendars, loadTasks, loadInfo]) load().catch(showError);

// The CLI (and later sync) write to the same database: re-read it when the window comes back.
window.addEventListener("focus", () => {
  source.invalidate();
  week?.refetch();
  loadTasks().catch(showError);
});
