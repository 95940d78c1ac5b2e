// Entry point: wires the store commands to the header, sidebar, plan bar and week grid.
import "./styles.css";
import { listen } from "@tauri-apps/api/event";
import { mountAccountsPanel } from "./accounts-panel";
import { outcomeRow } from "./analytics/block-outcome";
import { mountTimer } from "./analytics/timer";
import { mountReview } from "./analytics/review";
import type { mountAnalytics } from "./analytics/view";
import { api, isStalePlan } from "./api";
import { extendButtons } from "./meetings/extend-buttons";
import { mountMeetingsPanel } from "./meetings/meetings-panel";
import { EVENTS } from "./bindings/contract";
import type { SyncEvent } from "./bindings/SyncEvent";
import type { PlanPreview } from "./bindings/PlanPreview";
import type { TaskView } from "./bindings/TaskView";
import { addDays, parseLocalDate, rangeContains } from "./dates";
import { createEventActions } from "./events/actions";
import type { EventItem } from "./grid/item";
import { createErrorBanner } from "./error-banner";
import { createEventDetails } from "./event-details";
import { mountHeader } from "./header";
import { bindWeekKeys, type AppAction, type ViewMode, type WeekAction } from "./keyboard";
import { mountMiniMonth } from "./mini-month";
import { mountMonthView, type MonthView } from "./month/view";
import { createShortcutsDialog, mountFirstRunHint } from "./onboarding";
import { createOccurrenceSource } from "./occurrence-source";
import { mountPlanPanel } from "./plan-panel";
import { PlanState } from "./plan-state";
import { createSettingsDialog } from "./settings-dialog";
import { renderCalendars } from "./sidebar";
import { mountQuickAddBox } from "./quick-add-box";
import { renderTasks, type TaskActions } from "./tasks-panel";
import { focusedTaskRow, mountTaskListControls, neighbourTask } from "./tasks-panel";
import { createTaskEditor } from "./task-editor";
import { mountHabitsPanel, type HabitsPanel } from "./habits/habits-panel";
import { hourSetsFieldset } from "./habits/hour-sets";
import { lockButton } from "./block-lock";
import { createUndo } from "./undo-toast";
import { focusWhenDrawn, mountSearchBox } from "./search-box";
import { Visibility } from "./visibility";
import { mountWeekView, type WeekView } from "./week-view";
import { firstWeekDrawn, markStartup } from "./startup";

markStartup("script");

// What can wait until the first week is on screen (the task list, the habits, the review):
// run then, or after 3 s if the week could not be drawn.
let painted = false;
const waiting: (() => void)[] = [];
function afterFirstPaint(run: () => void): void {
  if (painted) run();
  else waiting.push(run);
}
function firstPaintDone(): void {
  if (painted) return;
  painted = true;
  for (const run of waiting.splice(0)) run();
}
setTimeout(firstPaintDone, 3000);

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el as T;
}

const showError = createErrorBanner(byId("errors"));
const shortcuts = createShortcutsDialog();
mountFirstRunHint(byId("first-run"), window.localStorage);
const visibility = new Visibility();
const details = createEventDetails({
  edit: (item) => void eventActions.edit(item),
  remove: (item) => void eventActions.remove(item),
  load: (item) => api.eventDetails(item.props.uid, item.props.recurrenceId),
  lock: (item, close) => lockButton(item, { setBlockLocked: api.setBlockLocked, done: afterLock, onError: showError }, close),
  outcome: (item, close) =>
    outcomeRow(api, item.props.uid, item.title, { recorded: (r) => afterOutcome(r.message, r.replan), onError: showError, timer }, close),
  extend: (item, close) => extendButtons(item, { extendMeeting: api.extendMeeting, done: (v) => afterMeeting(v.message, v.replan) }, close),
});
const plan = new PlanState();
let week: WeekView | null = null;
let month: MonthView | null = null;
/** The view shown: the time grid's day or week, or the month. */
let mode: ViewMode = "week";
/** The Habits panel, once mounted (below). */
let habitsPanel: HabitsPanel | null = null;

const settings = createSettingsDialog({
  load: api.getSettings,
  save: api.saveSettings,
  hourSets: () => hourSetsFieldset(api),
  onError: showError,
  onSaved: () => {
    loadDefaults().catch(showError);
    if (plan.preview) runPlan();
  },
});

const header = mountHeader(
  byId("header"),
  (action) => showView(action),
  () => void settings.open(),
);

/**
 * Moves or switches the view. The month view and the time grid are two elements; switching
 * keeps the place: the month of the day shown, or from the month its first day (today when
 * today is in that month).
 */
function showView(action: WeekAction | ViewMode): void {
  if (!week || !month) return;
  leaveAnalytics();
  const today = new Date();
  if (action === "month") {
    if (mode === "month") return;
    const r = week.range();
    mode = "month";
    byId("week").hidden = true;
    details.close();
    month.show(rangeContains(r, today) ? today : r.start);
  } else if (mode === "month" && (action === "day" || action === "week")) {
    const m = month.month();
    openDay(action, today.getMonth() === m.getMonth() && today.getFullYear() === m.getFullYear() ? today : m);
    return;
  } else if (mode === "month") {
    if (action !== "day" && action !== "week") month.run(action);
    return;
  } else {
    week.run(action);
    if (action !== "day" && action !== "week") return;
    mode = action;
  }
  header.setView(mode);
}

/** Shows `day` in the time grid (from the month view's day numbers, or switching views). */
function openDay(view: "day" | "week", day: Date): void {
  month?.hide();
  byId("week").hidden = false;
  details.close();
  mode = view;
  week?.showDay(view, day);
  header.setView(view);
}

/** Events changed in the store: every view asks again. */
function refreshEvents(): void {
  source.invalidate();
  week?.refetch();
  month?.refetch();
}
// The first week's query is a start-up stage of its own (asked, answered).
let firstQuery = true;
const source = createOccurrenceSource({
  fetch: (start, end) => {
    if (!firstQuery) return api.listOccurrences(start, end);
    firstQuery = false;
    markStartup("week asked");
    return api.listOccurrences(start, end).finally(() => markStartup("week answered"));
  },
  filter: (occurrences) => visibility.filter(occurrences),
  onError: showError,
});
const mini = mountMiniMonth(byId("mini-month"), (day) => (mode === "month" ? month?.show(day) : week?.gotoDate(day)));

// --- the plan -----------------------------------------------------------------------------

const panel = mountPlanPanel(byId("plan"), {
  plan: () => runPlan(),
  acceptAll: () => void acceptAll(),
  rejectAll: () => void rejectAll(),
});

/**
 * Another face (the CLI, a sync) replaced the proposal the window shows: show the current
 * one instead of an error. Other failures go on to the error banner.
 */
async function recoverStalePlan(e: unknown): Promise<void> {
  if (!isStalePlan(e)) throw e;
  showPlan(await api.currentPlan(), false);
}

/** The ghosts' ids, in order: tells whether the store's proposal is the one shown. */
const ghostIds = (p: PlanPreview | null): string =>
  (p?.ghosts ?? [])
    .map((g) => g.id)
    .sort()
    .join(",");

/** The view moves to the first ghost (a plan covers the coming weeks, not just the days shown). */
function revealFirstGhost(p: PlanPreview): void {
  const first = p.ghosts.map((g) => Date.parse(g.start)).sort((a, b) => a - b)[0];
  if (first !== undefined) week?.reveal(new Date(first));
}

/** Shows a preview (or none) and redraws ghosts and, when events changed, the grid. */
function showPlan(p: PlanPreview | null, eventsChanged: boolean): void {
  plan.set(p);
  panel.show(p);
  refreshLoad();
  // The planner's own time (store read, search, ghosts written), for the benchmark.
  byId("plan").dataset.plannerMs = p ? String(p.planning_ms) : "";
  if (eventsChanged) {
    refreshEvents();
    // An accepted habit session counts in its progress.
    void habitsPanel?.refresh();
  } else {
    week?.refetchGhosts();
  }
}

/**
 * Planner requests run one after another, in the order asked: an accept pressed while a
 * check is under way waits for it instead of being lost. The button shows busy meanwhile.
 */
let queue: Promise<void> = Promise.resolve();
let pending = 0;
let planQueued = false;
function withPlanner(work: () => Promise<void>): Promise<void> {
  pending++;
  panel.setBusy(true);
  queue = queue
    .then(work)
    .catch(showError)
    .finally(() => {
      if (--pending === 0) panel.setBusy(false);
    });
  return queue;
}

function runPlan(): void {
  // Pressing Plan again while a plan is on its way asks for nothing more.
  if (planQueued) return;
  planQueued = true;
  void withPlanner(async () => {
    planQueued = false;
    const t0 = performance.now();
    const p = await api.planNow();
    showPlan(p, false);
    revealFirstGhost(p);
    // Tests and the benchmark read how long Plan took, from the click to the ghosts drawn.
    requestAnimationFrame(() => {
      byId("plan").dataset.planMs = String(Math.round(performance.now() - t0));
    });
  });
}

function acceptGhost(id: string, start: Date | null): void {
  void withPlanner(async () => {
    try {
      showPlan(await api.acceptGhost(id, start ? start.toISOString() : null), true);
    } catch (e) {
      // The ghost goes back where the planner put it.
      week?.refetchGhosts();
      await recoverStalePlan(e);
    }
  });
}

function rejectGhost(id: string): void {
  void withPlanner(async () => {
    try {
      await api.rejectGhost(id);
    } catch (e) {
      await recoverStalePlan(e);
      return;
    }
    plan.remove(id);
    panel.show(plan.preview);
    week?.refetchGhosts();
    const next = plan.selected;
    if (next) requestAnimationFrame(() => week?.focusGhost(next.id));
  });
}

function acceptAll(): Promise<void> {
  return withPlanner(async () => {
    await api.acceptAllGhosts();
    showPlan(null, true);
  });
}

function rejectAll(): Promise<void> {
  return withPlanner(async () => {
    await api.rejectAllGhosts();
    showPlan(null, false);
  });
}

/** After a change from outside (the CLI, later sync): does the plan still fit? */
function checkPlan(): void {
  void withPlanner(async () => {
    // Another face may have planned, accepted or rejected meanwhile.
    const current = await api.currentPlan();
    if (ghostIds(current) !== ghostIds(plan.preview)) showPlan(current, false);
    const p = await api.checkPlan();
    if (p) showPlan(p, p.ghosts.length === 0);
  });
}

// --- the grid -------------------------------------------------------------------------------

week = mountWeekView(byId("week"), {
  source,
  plan,
  onRangeChange: (range) => {
    details.close();
    header.setRange(range, rangeContains(range, new Date()));
    mini.setRange(range);
  },
  onLoading: (loading) => header.setLoading(loading),
  onFirstDrawn: () => firstWeekDrawn(api.startupMarks, firstPaintDone),
  onEventOpen: (event, anchor) => details.open(event, anchor),
  onEventChange: (event, start, end) => eventActions.move(event, start, end),
  onCreate: (start, end, done) => void eventActions.create(start, end, false, done),
  onGhostAccept: acceptGhost,
  onGhostFocus: (id) => plan.select(id),
});

month = mountMonthView(byId("month"), {
  source,
  onRangeChange: (range, title) => {
    details.close();
    header.setRange(range, rangeContains(range, new Date()), title);
    // The mini month shows the month itself, not the week of the grid's first (earlier) day.
    const first = month?.month() ?? range.start;
    mini.setRange({ start: first, end: new Date(first.getFullYear(), first.getMonth() + 1, 1) });
  },
  onLoading: (loading) => header.setLoading(loading),
  onEventOpen: (event, anchor) => details.open(event, anchor),
  onDayOpen: (day) => openDay("day", day),
  onCreate: (day) => void eventActions.create(day, addDays(day, 1), true),
});

// --- editing events (issue 13) ---------------------------------------------------------------

const eventActions = createEventActions({
  api,
  refresh: () => {
    refreshEvents();
    // A moved or deleted event may free or take time the plan used.
    if (plan.preview) checkPlan();
  },
  done: (message) => undo.done(message),
  onError: showError,
});

/** The event the focus is on, in the grid or the month. */
const focusedEvent = (): EventItem | undefined => (mode === "month" ? month?.eventOf(document.activeElement) : week?.eventOf(document.activeElement));

/** "c": a new event at the next half hour today (or 09:00 on the first day shown). */
function newEventNow(): void {
  const now = new Date();
  const r = mode === "month" ? month!.range() : week!.range();
  let start: Date;
  if (rangeContains(r, now)) {
    start = new Date(now.getTime());
    start.setMinutes(now.getMinutes() < 30 ? 30 : 60, 0, 0);
  } else {
    start = new Date(r.start.getTime());
    if (mode === "month") start = month!.month();
    start.setHours(9, 0, 0, 0);
  }
  void eventActions.create(start, new Date(start.getTime() + 3_600_000), false);
}

// --- tasks ----------------------------------------------------------------------------------

/** The estimate planned for tasks without one (from the settings), shown on those tasks. */
let defaultEstimateMin: number | null = null;
/** The list as last drawn (and the day, for "today"/"overdue" labels): the same is not redrawn. */
let shownTasks = "";
let lastTasks: TaskView[] = [];
const showTasks = (tasks: TaskView[]): void => {
  lastTasks = tasks;
  const sig = `${new Date().toDateString()}|${defaultEstimateMin}|${taskListView.grouping}|${JSON.stringify(tasks)}`;
  if (sig === shownTasks) return;
  shownTasks = sig;
  renderTasks(byId("tasks"), byId("tasks-count"), tasks, taskActions, { defaultEstimateMin, grouping: taskListView.grouping });
};
const taskActions: TaskActions = {
  setDone: (id, done) =>
    void api.setTaskDone(id, done).then((tasks) => {
      showTaskAnswer(tasks);
      // A finished task's future blocks left the calendar: redraw the events too.
      refreshEvents();
      undo.done();
    }, showError),
  update: (id, estimate, priority) =>
    void api.updateTask(id, estimate, priority).then((tasks) => {
      showTaskAnswer(tasks);
      undo.done();
    }, showError),
  open: (id) => void taskEditor.open(id),
};
const quickAdd = byId<HTMLInputElement>("quick-add");
mountQuickAddBox(quickAdd, {
  read: api.readQuickAdd,
  create: api.quickAdd,
  forecast: (text) => api.forecast(text, null),
  created: (kind) => {
    if (kind === "task") loadTasks().catch(showError);
    else if (kind === "habit") {
      void habitsPanel?.refresh();
      if (plan.preview) runPlan();
    } else refreshEvents();
  },
  onError: showError,
});

// --- task editor, task list view, undo and search (issue 13) -------------------------------

/** Group by due or project, and whether completed tasks are listed (kept across restarts). */
const taskListView = mountTaskListControls(byId("tasks"), window.localStorage, (view) => {
  Object.assign(taskListView, view);
  loadTasks().catch(showError);
});
/** Task commands answer with the open tasks; with completed ones shown the list is read again. */
function showTaskAnswer(tasks: TaskView[]): void {
  if (taskListView.showCompleted) loadTasks().catch(showError);
  else showTasks(tasks);
}
/** After an edit, an undo or a redo: whatever it touched is read again. */
/** The plan bar's "31 h planned of 38 h free this week"; extra, so a failure only blanks it. */
function refreshLoad(): void {
  api.weekLoad().then(
    (l) => panel.showLoad(l.message),
    () => panel.showLoad(""),
  );
}

/** A block locked or unlocked: the grid shows its mark, the toast says so (with Undo). */
function afterLock(message: string): void {
  refreshEvents();
  refreshLoad();
  undo.done(message);
}

function refreshAfterEdit(): void {
  refreshEvents();
  loadTasks().catch(showError);
  void habitsPanel?.refresh();
  checkPlan();
}
const undo = createUndo({ api, refresh: refreshAfterEdit, onError: showError });
const taskEditor = createTaskEditor({
  details: api.taskDetails,
  edit: api.editTask,
  remove: api.deleteTask,
  openTasks: () => api.listAllTasks(false),
  forecast: (taskId) => api.forecast(null, taskId),
  estimateHint: api.estimateHint,
  hourSets: api.listHourSets,
  onSaved: () => {
    refreshAfterEdit();
    undo.done();
  },
  onDeleted: () => {
    refreshAfterEdit();
    undo.done();
  },
  onError: showError,
});
const searchBox = mountSearchBox(byId("header"), {
  search: (text) => api.search(text, 20),
  openDay: (at, uid) => {
    openDay(mode === "day" ? "day" : "week", at);
    focusWhenDrawn(byId("week"), uid, at);
  },
  openTask: (id) => void taskEditor.open(id),
  onError: showError,
});

/** Deletes the task of a focused row; the focus moves to the next row, the toast offers Undo. */
function deleteTaskRow(id: string): void {
  const next = neighbourTask(byId("tasks"), id);
  api.deleteTask(id).then((tasks) => {
    showTaskAnswer(tasks);
    refreshEvents();
    checkPlan();
    undo.done();
    const title = next ? byId("tasks").querySelector<HTMLElement>(`[data-task-id="${CSS.escape(next)}"] .task-title`) : null;
    title?.focus();
  }, showError);
}

/** Search, undo and redo anywhere; edit and delete when a task row has the focus (else the grid's). */
function runTaskKey(action: AppAction): boolean {
  if (document.activeElement?.closest("dialog")) return false;
  const row = action === "edit" || action === "delete" ? focusedTaskRow(byId("tasks")) : null;
  switch (action) {
    case "search":
      searchBox.focus();
      return true;
    case "undo":
      void undo.undo();
      return true;
    case "redo":
      void undo.redo();
      return true;
    case "edit":
      if (row) void taskEditor.open(row.id);
      return row !== null;
    case "delete":
      if (row) deleteTaskRow(row.id);
      return row !== null;
    default:
      return false;
  }
}

bindWeekKeys(document, (action: AppAction) => {
  if (runTaskKey(action)) return true;
  switch (action) {
    case "new-task":
      quickAdd.focus();
      return true;
    case "plan":
      runPlan();
      return true;
    case "help":
      shortcuts.open();
      return true;
    case "accept": {
      const g = plan.selected;
      if (!g || document.activeElement?.closest("dialog, .popover")) return false;
      acceptGhost(g.id, null);
      return true;
    }
    case "reject": {
      const g = plan.selected;
      if (!g || document.activeElement?.closest("dialog, .popover")) return false;
      rejectGhost(g.id);
      return true;
    }
    case "new-event":
      newEventNow();
      return true;
    case "edit":
    case "delete": {
      const item = focusedEvent();
      if (!item) return false;
      void (action === "edit" ? eventActions.edit(item) : eventActions.remove(item));
      return true;
    }
    case "search":
    case "undo":
    case "redo":
      return false;
    default:
      showView(action);
      return true;
  }
});

async function loadCalendars(): Promise<void> {
  const calendars = await api.listCalendars();
  visibility.reset(calendars);
  renderCalendars(byId("calendars"), calendars, visibility, (id, visible) => {
    visibility.set(id, visible);
    week?.refetch();
    api.setCalendarVisible(id, visible).catch(showError);
  });
  // Calendars the store marks hidden were shown while this list was loading.
  if (calendars.some((c) => !c.visible)) week?.refetch();
}

async function loadTasks(): Promise<void> {
  showTasks(await api.listAllTasks(taskListView.showCompleted));
}

async function loadDefaults(): Promise<void> {
  defaultEstimateMin = (await api.getSettings()).settings.default_estimate_min;
  showTasks(lastTasks);
}

async function loadInfo(): Promise<void> {
  const info = await api.appInfo();
  const footer = byId("app-info");
  footer.textContent = `Miraage ${info.version} · ${info.time_zone}`;
  footer.title = info.db_path;
}

// The calendars now (they decide which events the first week shows); the rest once the week
// is on screen, so that their queries do not queue before the week's.
loadCalendars().catch(showError);
afterFirstPaint(() => {
  for (const load of [loadTasks, loadInfo, loadDefaults]) load().catch(showError);
});

// The CLI (and later sync) write to the same database: re-read it when the window comes back,
// and see whether accepted blocks still fit.
window.addEventListener("focus", () => {
  refreshEvents();
  loadTasks().catch(showError);
  checkPlan();
});

// --- habits, study goals and focus time (issue 15) -----------------------------------------

// A habit added, edited, paused or deleted changes what a plan shown would propose; the toast
// offers to undo it.
afterFirstPaint(() => {
  habitsPanel = mountHabitsPanel(byId("habits"), api, showError, () => {
    if (plan.preview) runPlan();
    undo.done();
  });
});
window.addEventListener("focus", () => void habitsPanel?.refresh());

// --- accounts and sync --------------------------------------------------------------------

const accounts = mountAccountsPanel(byId("accounts"), api, showError, () => {
  // A sync brought changes: redraw, reload calendars and tasks. Whether accepted blocks
  // still fit the core checks itself and pushes (plan://changed); a plan still on screen
  // is checked here, for the range shown.
  refreshEvents();
  loadCalendars().catch(showError);
  loadTasks().catch(showError);
  if (plan.preview) checkPlan();
});
// Pushed by the core after a sync made accepted blocks collide: the moves it proposes.
void listen<PlanPreview>(EVENTS.planChanged, (e) => showPlan(e.payload, e.payload.ghosts.length === 0));

// --- meetings (issue 16) -------------------------------------------------------------------

// A meeting booked, extended or a day cleared: the grid reloads and the re-plan of the blocks
// it displaced is shown as ghosts.
function afterMeeting(message: string | null, replan: PlanPreview | null): void {
  if (message) undo.done(message);
  if (replan) showPlan(replan, true);
  else refreshEvents();
}
mountMeetingsPanel(byId("meetings"), api, { changed: (replan) => afterMeeting(null, replan) });
void listen<SyncEvent>(EVENTS.syncProgress, (e) => accounts.onSyncEvent(e.payload));
void listen<SyncEvent>(EVENTS.syncFinished, (e) => accounts.onSyncEvent(e.payload));
// Links handed over by the system (a webcal:// link clicked in a browser, miraage://open?date=)
// and by a second launch: the core reads them and says what to show.
// What came while this window was closed or loading (a link that started Miraage, a day
// chosen in the tray) is asked for once these listen, and handled the same way.
const requests: Record<string, (payload: string) => void> = {
  [EVENTS.subscribe]: (url) => accounts.subscribe(url),
  [EVENTS.openDate]: (date) => {
    const day = parseLocalDate(date);
    if (day) openDay("day", day);
  },
  [EVENTS.linkRefused]: (message) => showError(new Error(message)),
  // The tray's Quick add…: the line is typed here (a menu cannot take text).
  [EVENTS.quickAdd]: (text) => {
    if (text) {
      quickAdd.value = text;
      quickAdd.dispatchEvent(new Event("input"));
    }
    quickAdd.focus();
  },
};
void Promise.all(Object.entries(requests).map(([name, handle]) => listen<string>(name, (e) => handle(e.payload)))).then(async () => {
  for (const r of await api.windowReady()) requests[r.event]?.(r.payload);
}, showError);
// The tray or a notification changed blocks (Start, Done, Snooze, Skip, Plan today).
void listen(EVENTS.calendarChanged, () => {
  refreshEvents();
  loadTasks().catch(showError);
  checkPlan();
});

// --- what really happened: outcomes, the review, analytics (issue 17) -------------------------

const review = mountReview(byId("review"), api, {
  changed: (replan) => afterOutcome(null, replan),
  onError: showError,
});

/** A block's outcome was recorded: redraw, and show the re-plan of the minutes given back. */
function afterOutcome(message: string | null, replan: PlanPreview | null): void {
  if (message) byId("review-status").textContent = message;
  if (replan) showPlan(replan, true);
  else refreshEvents();
}

// The analytics view and its charting library load when first opened: most sessions never
// open it, and the first week paints sooner without them.
let analytics: ReturnType<typeof mountAnalytics> | null = null;
const analyticsBtn = document.createElement("button");
analyticsBtn.type = "button";
analyticsBtn.className = "btn";
analyticsBtn.textContent = "Analytics";
analyticsBtn.dataset.testid = "open-analytics";
analyticsBtn.setAttribute("aria-pressed", "false");
byId("header").querySelector('[data-testid="open-settings"]')?.before(analyticsBtn);
analyticsBtn.addEventListener("click", async () => {
  if (analytics?.shown) {
    leaveAnalytics();
    return;
  }
  details.close();
  byId("week").hidden = true;
  byId("month").hidden = true;
  analyticsBtn.setAttribute("aria-pressed", "true");
  try {
    analytics ??= (await import("./analytics/view")).mountAnalytics(byId("analytics"), api, showError);
    await analytics.show();
  } catch (e) {
    showError(e);
  }
});

/** Back from the analytics view to the grid or month it replaced. */
function leaveAnalytics(): void {
  if (!analytics?.shown) return;
  analytics.hide();
  analyticsBtn.setAttribute("aria-pressed", "false");
  byId(mode === "month" ? "month" : "week").hidden = false;
}

// The running timer, on a line of its own above the review (the header is full at common
// widths); Start is on a block's details and in the tray.
const timer = mountTimer((chip) => byId("review").before(chip), api, {
  recorded: (r) => afterOutcome(r.message, r.replan),
  said: (message) => (byId("review-status").textContent = message),
  onError: showError,
});

afterFirstPaint(() => void review.check());
afterFirstPaint(() => void timer.refresh());
window.addEventListener("focus", () => void review.check());
window.addEventListener("focus", () => void timer.refresh());
