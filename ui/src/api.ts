// Typed wrappers over the Rust commands. Types come from ts-rs (src/bindings/, generated).
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { AccountView } from "./bindings/AccountView";
import type { ActionOutcome } from "./bindings/ActionOutcome";
import type { BlockAction } from "./bindings/BlockAction";
import type { CompanionSettings } from "./bindings/CompanionSettings";
import type { CompanionView } from "./bindings/CompanionView";
import type { PlanTodayOutcome } from "./bindings/PlanTodayOutcome";
import type { AppInfo } from "./bindings/AppInfo";
import type { WindowRequest } from "./bindings/WindowRequest";
import type { ClientStatus } from "./bindings/ClientStatus";
import type { DiagnosticsView } from "./bindings/DiagnosticsView";
import { type Command, ERROR_CODES } from "./bindings/contract";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { CalendarView } from "./bindings/CalendarView";
import type { EventDetailsView } from "./bindings/EventDetailsView";
import type { EventDraft } from "./bindings/EventDraft";
import type { EventTarget } from "./bindings/EventTarget";
import type { EventUpdate } from "./bindings/EventUpdate";
import type { OccurrenceView } from "./bindings/OccurrenceView";
import type { TaskView } from "./bindings/TaskView";
import type { NewTask } from "./bindings/NewTask";
import type { PlanPreview } from "./bindings/PlanPreview";
import type { QuickAddKind } from "./bindings/QuickAddKind";
import type { QuickAddView } from "./bindings/QuickAddView";
import type { PlanSettings } from "./bindings/PlanSettings";
import type { SettingsView } from "./bindings/SettingsView";
// Task editing, undo and search (issue 13).
import type { SearchResult } from "./bindings/SearchResult";
import type { TaskChanges } from "./bindings/TaskChanges";
import type { TaskDetails } from "./bindings/TaskDetails";
import type { UndoOutcome } from "./bindings/UndoOutcome";
import type { UndoState } from "./bindings/UndoState";
// What really happened (issue 17).
import type { AnalyticsView } from "./bindings/AnalyticsView";
import type { EstimateHint } from "./bindings/EstimateHint";
import type { TimeOfDay } from "./bindings/TimeOfDay";
import type { EstimateQuery } from "./bindings/EstimateQuery";
import type { ExportDone } from "./bindings/ExportDone";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { HistoryRow } from "./bindings/HistoryRow";
import type { OutcomeInput } from "./bindings/OutcomeInput";
import type { OutcomeResult } from "./bindings/OutcomeResult";
// Meetings (issue 16).
import type { BookAsk } from "./bindings/BookAsk";
import type { BookView } from "./bindings/BookView";
import type { DayProposal } from "./bindings/DayProposal";
import type { DeclineAsk } from "./bindings/DeclineAsk";
import type { DeclineView } from "./bindings/DeclineView";
import type { ExtendAsk } from "./bindings/ExtendAsk";
import type { ExtendView } from "./bindings/ExtendView";
import type { FindAnswer } from "./bindings/FindAnswer";
import type { FindAsk } from "./bindings/FindAsk";
import type { HoldAsk } from "./bindings/HoldAsk";
import type { HoldView } from "./bindings/HoldView";
import type { PersonSuggestion } from "./bindings/PersonSuggestion";
import type { MeetingTypeView } from "./bindings/MeetingTypeView";
import type { ShareView } from "./bindings/ShareView";
import type { Period } from "./bindings/Period";
import type { ReviewView } from "./bindings/ReviewView";
import type { RunningTimer } from "./bindings/RunningTimer";
import type { TimerStop } from "./bindings/TimerStop";
// Habits, focus time and hour sets (issue 15).
import type { HabitDraft } from "./bindings/HabitDraft";
import type { HabitView } from "./bindings/HabitView";
import type { HourSetDraft } from "./bindings/HourSetDraft";
import type { HourSetView } from "./bindings/HourSetView";
import type { ProjectHoursView } from "./bindings/ProjectHoursView";
import type { ForecastView } from "./bindings/ForecastView";
import type { WeekLoadView } from "./bindings/WeekLoadView";

/** The error codes come from the core's closed set (bindings/contract.ts, written by Rust). */
export type { ErrorCode };
/** A failed command, named so the error banner can say what failed. */
export class CommandError extends Error {
  readonly command: string;
  readonly detail: string;
  readonly code: ErrorCode;

  constructor(command: string, cause: unknown) {
    const detail = describeError(cause);
    super(`${command}: ${detail}`, { cause });
    this.name = "CommandError";
    this.command = command;
    this.detail = detail;
    this.code = errorCode(cause);
  }
}

/** The core's error code, or "failed" for anything else (a thrown string, a JS error). */
export function errorCode(e: unknown): ErrorCode {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return ERROR_CODES.find((c) => c === code) ?? "failed";
}

/** Whether `e` says the plan on screen was replaced elsewhere (show the current one). */
export function isStalePlan(e: unknown): boolean {
  return e instanceof CommandError && e.code === "stale_plan";
}

/** Rust errors arrive as strings or serialised structs; make either readable. */
export function describeError(e: unknown): string {
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  if (typeof e === "object" && e !== null) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string") return message;
    try {
      return JSON.stringify(e);
    } catch {
      return String(e);
    }
  }
  return String(e);
}

/** Only the commands the Rust side lists can be called (bindings/contract.ts). */
async function call<T>(command: Command, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw new CommandError(command, e);
  }
}

/** A stage of the page's start-up, as a wall-clock instant (ms since the Unix epoch). */
export interface StartupMark {
  stage: string;
  epoch_ms: number;
}

export const api = {
  listCalendars: (): Promise<CalendarView[]> => call("list_calendars"),
  /** Shows or hides a calendar, kept in the store across restarts. */
  setCalendarVisible: (id: string, visible: boolean): Promise<void> => call("set_calendar_visible", { id, visible }),
  /** Occurrences overlapping [from, to), both RFC 3339 instants; sorted by start. */
  listOccurrences: (from: string, to: string): Promise<OccurrenceView[]> => call("list_occurrences", { from, to }),
  /** Creates an event on a writable calendar (sent at the next sync); answers its details. */
  createEvent: (draft: EventDraft): Promise<EventDetailsView> => call("create_event", { draft }),
  /** Edits an event, an occurrence, or a part of its series (the target's scope). */
  updateEvent: (edit: EventUpdate): Promise<EventDetailsView> => call("update_event", { edit }),
  deleteEvent: (target: EventTarget): Promise<void> => call("delete_event", { target }),
  /** What the editor shows of an event (of one occurrence of a series). */
  eventDetails: (uid: string, occurrence: string | null): Promise<EventDetailsView> => call("event_details", { uid, occurrence }),
  listTasks: (): Promise<TaskView[]> => call("list_tasks"),
  appInfo: (): Promise<AppInfo> => call("app_info"),
  /** The page listens: what was asked of the window while it was closed or loading. */
  windowReady: (): Promise<WindowRequest[]> => call("window_ready"),
  /** Start-up timings, logged by the shell for the first-paint benchmark. */
  startupMarks: (marks: StartupMark[]): Promise<void> => call("startup_marks", { marks }),
  /** Each task change answers with the open tasks as they now are. */
  addTask: (task: NewTask): Promise<TaskView[]> => call("add_task", { task }),
  updateTask: (id: string, estimateMin: number | null, priority: number): Promise<TaskView[]> => call("update_task", { id, estimateMin, priority }),
  setTaskDone: (id: string, done: boolean): Promise<TaskView[]> => call("set_task_done", { id, done }),
  /** What a quick-add line says (recognised parts, preview), as the user types it. */
  readQuickAdd: (text: string, preferEvent: boolean): Promise<QuickAddView> => call("read_quick_add", { text, preferEvent }),
  /** Creates what the line describes: a task, or an event (recurring if the line says so). */
  quickAdd: (text: string, preferEvent: boolean): Promise<QuickAddKind> => call("quick_add", { text, preferEvent }),
  /** Plans the rolling horizon from now on (whatever the view shows); ghosts come back. */
  planNow: (): Promise<PlanPreview> => call("plan_now"),
  /** What a re-plan would move after a change; null when everything still fits. */
  checkPlan: (): Promise<PlanPreview | null> => call("check_plan"),
  /** The proposal the store holds now (another face may have replaced ours); null if none. */
  currentPlan: (): Promise<PlanPreview | null> => call("current_plan"),
  /** Accepts a ghost (at `start` if dropped elsewhere) and re-plans around it. */
  acceptGhost: (id: string, start: string | null): Promise<PlanPreview> => call("accept_ghost", { id, start }),
  acceptAllGhosts: (): Promise<number> => call("accept_all_ghosts"),
  rejectGhost: (id: string): Promise<void> => call("reject_ghost", { id }),
  rejectAllGhosts: (): Promise<void> => call("reject_all_ghosts"),
  /** Locks (or unlocks) an accepted block by its id or its event's id; answers the sentence to show. */
  setBlockLocked: (id: string, locked: boolean): Promise<string> => call("set_block_locked", { id, locked }),
  /** When the open task `task` (id or title), or the quick-add line `text` as a new task, would be done. */
  forecast: (text: string | null, task: string | null): Promise<ForecastView> => call("forecast", { text, task }),
  /** "31 h planned of 38 h free this week", for the plan bar. */
  weekLoad: (): Promise<WeekLoadView> => call("week_load"),
  getSettings: (): Promise<SettingsView> => call("get_settings"),
  saveSettings: (settings: PlanSettings): Promise<SettingsView> => call("save_settings", { settings }),
  listAccounts: (): Promise<AccountView[]> => call("list_accounts"),
  /** Starts a sync (of every account, or one) and returns at once; events report on it. */
  syncNow: (account: string | null): Promise<void> => call("sync_now", { account }),
  addCaldavAccount: (name: string, url: string, user: string, password: string): Promise<AccountView> =>
    call("add_caldav_account", { name, url, user, password }),
  addIcsAccount: (name: string, url: string): Promise<AccountView> => call("add_ics_account", { name, url }),
  /** Signs in with Google or Microsoft in the system browser, then adds the account. */
  addOauthAccount: (provider: "google" | "microsoft", name: string): Promise<AccountView> => call("add_oauth_account", { provider, name }),
  removeAccount: (name: string): Promise<void> => call("remove_account", { name }),
  /** The OAuth client Google or Microsoft sign-in would use, and where it comes from. */
  oauthClient: (provider: "google" | "microsoft"): Promise<ClientStatus> => call("oauth_client", { provider }),
  /** Saves the client the user registered (a Google secret goes to the keyring; "" removes it). */
  saveOauthClient: (provider: "google" | "microsoft", clientId: string, tenant: string | null, secret: string | null): Promise<ClientStatus> =>
    call("save_oauth_client", { provider, clientId, tenant, secret }),
  /** How to register an OAuth client with Google or Microsoft (Markdown). */
  oauthSetupGuide: (): Promise<string> => call("oauth_setup_guide"),
  /** Versions, each account's last syncs, edits waiting, the log's last lines and the report to copy. */
  diagnostics: (): Promise<DiagnosticsView> => call("diagnostics"),

  // --- the companion: tray view, block actions, plan today, its settings (issue 14) ---
  /** What the tray shows: Now / Next, the block the actions act on, the last sync. */
  companionView: (): Promise<CompanionView> => call("companion_view"),
  /** Start, Done, Snooze 15 min or Skip of a plan block (by id). */
  blockAction: (action: BlockAction, block: string): Promise<ActionOutcome> => call("block_action", { action, block }),
  /** Plans the rest of today: accepted at once or left as ghosts, per the settings. */
  planToday: (): Promise<PlanTodayOutcome> => call("plan_today"),
  getCompanionSettings: (): Promise<CompanionSettings> => call("get_companion_settings"),
  saveCompanionSettings: (settings: CompanionSettings): Promise<CompanionSettings> => call("save_companion_settings", { settings }),

  // --- task editing, undo and search (issue 13) ---
  /** Tasks of every list: the open ones, or with `all` the completed ones too. */
  listAllTasks: (all: boolean): Promise<TaskView[]> => call("list_all_tasks", { all }),
  /** Everything the task editor shows of a task (by id). */
  taskDetails: (key: string): Promise<TaskDetails> => call("task_details", { key }),
  /** Changes the fields given (left out: kept; null: cleared); answers the task as it now is. */
  editTask: (key: string, changes: TaskChanges): Promise<TaskDetails> => call("edit_task", { key, changes }),
  /** Deletes a task (undo brings it back); answers the open tasks. */
  deleteTask: (key: string): Promise<TaskView[]> => call("delete_task", { key }),
  /** Undoes the last edit made through this store, as a new edit sent at the next sync. */
  undo: (): Promise<UndoOutcome> => call("undo"),
  redo: (): Promise<UndoOutcome> => call("redo"),
  /** What the next undo and redo would do. */
  undoState: (): Promise<UndoState> => call("undo_state"),
  /** Events and tasks matching the text as typed, best first. */
  search: (text: string, limit: number | null): Promise<SearchResult[]> => call("search", { text, limit }),

  // --- habits, focus time and hour sets (issue 15) ---
  /** Every habit with its progress this period ("3 h of 5 h this week"). */
  listHabits: (): Promise<HabitView[]> => call("list_habits"),
  /** Adds a habit, checked against its window or hour set; answers every habit. */
  addHabit: (draft: HabitDraft): Promise<HabitView[]> => call("add_habit", { draft }),
  /** Replaces every field of the habit (by id or title); answers every habit. */
  editHabit: (key: string, draft: HabitDraft): Promise<HabitView[]> => call("edit_habit", { key, draft }),
  setHabitPaused: (key: string, paused: boolean): Promise<HabitView[]> => call("set_habit_paused", { key, paused }),
  deleteHabit: (key: string): Promise<HabitView[]> => call("delete_habit", { key }),
  /** Every hour set, work and personal first. */
  listHourSets: (): Promise<HourSetView[]> => call("list_hour_sets"),
  saveHourSet: (draft: HourSetDraft): Promise<HourSetView[]> => call("save_hour_set", { draft }),
  deleteHourSet: (name: string): Promise<HourSetView[]> => call("delete_hour_set", { name }),
  listProjectHours: (): Promise<ProjectHoursView[]> => call("list_project_hours"),
  setProjectHours: (project: string, hourSet: string | null): Promise<ProjectHoursView[]> => call("set_project_hours", { project, hourSet }),

  // --- what really happened: outcomes, review, timer, analytics, export (issue 17) ---
  /** Records a block (its id or its event's uid) done, partly done, skipped or missed. */
  recordBlockOutcome: (block: string, outcome: OutcomeInput): Promise<OutcomeResult> => call("record_block_outcome", { block, outcome }),
  /** "Did you do these?": blocks whose time passed with no outcome, each listed once. */
  historyReview: (): Promise<ReviewView> => call("history_review"),
  /** Closes the review: what it listed without an answer counts as missed. */
  dismissReview: (): Promise<ReviewView> => call("dismiss_review"),
  startTimer: (block: string): Promise<string> => call("start_timer", { block }),
  stopTimer: (): Promise<TimerStop> => call("stop_timer"),
  /** The timer that runs, if any, with its minutes so far. */
  runningTimer: (): Promise<RunningTimer | null> => call("running_timer"),
  historyAnalytics: (period: Period, count: number): Promise<AnalyticsView> => call("history_analytics", { period, count }),
  historyRows: (): Promise<HistoryRow[]> => call("history_rows"),
  /** Writes the history to `path` (null: the downloads folder), whole or not at all. */
  exportHistory: (format: ExportFormat, path: string | null): Promise<ExportDone> => call("export_history", { format, path }),
  /** The estimate learner's hint for an estimate under some tags and project, when it knows enough. */
  estimateHint: (query: EstimateQuery): Promise<EstimateHint | null> => call("estimate_hint", { query }),
  /** Plans a tag's tasks in one part of the day (null: anywhere again); the sentence saying so. */
  setTagPreference: (tag: string, part: TimeOfDay | null): Promise<string> => call("set_tag_preference", { tag, part }),

  // --- meetings (issue 16) ---
  /** Ranked slots for a meeting, each with the attendees busy or unknown then. */
  findMeetingSlots: (ask: FindAsk): Promise<FindAnswer> => call("find_meeting_slots", { ask }),
  /** Books a slot with its attendees; answers the event and the re-plan it caused. */
  bookMeeting: (ask: BookAsk): Promise<BookView> => call("book_meeting", { ask }),
  /** Extends a meeting, or fails (invalid) naming who is busy and the nearest extension. */
  extendMeeting: (ask: ExtendAsk): Promise<ExtendView> => call("extend_meeting", { ask }),
  /** The proposal for clearing a day (YYYY-MM-DD); with `accept`, applied. */
  rescheduleDay: (day: string, within: number | null, accept: boolean): Promise<DayProposal> => call("reschedule_day", { day, within, accept }),
  /** The user's free times as text in the recipient's zone; with `hold`, held on the calendar until one is booked. */
  shareAvailability: (ask: FindAsk, recipientZone: string | null, hold: HoldAsk | null = null): Promise<ShareView> =>
    call("share_availability", { ask, recipientZone, hold }),
  listMeetingHolds: (): Promise<HoldView[]> => call("list_meeting_holds"),
  /** Releases every held time; answers how many. */
  releaseMeetingHolds: (): Promise<number> => call("release_meeting_holds"),
  /** Declines someone else's meeting: the user's answer, sent at the next sync. */
  declineMeeting: (ask: DeclineAsk): Promise<DeclineView> => call("decline_meeting", { ask }),
  /** Up to 6 people of past meetings whose address or a name word starts with `typed`, most met first. */
  suggestAttendees: (typed: string): Promise<PersonSuggestion[]> => call("suggest_attendees", { typed }),
  listMeetingTypes: (): Promise<MeetingTypeView[]> => call("list_meeting_types"),
  saveMeetingType: (draft: MeetingTypeView): Promise<MeetingTypeView[]> => call("save_meeting_type", { draft }),
  deleteMeetingType: (name: string): Promise<MeetingTypeView[]> => call("delete_meeting_type", { name }),
};

export type Api = typeof api;
