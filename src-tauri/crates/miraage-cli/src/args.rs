use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Miraage on the command line: the same core and database as the desktop app.
#[derive(Debug, Parser)]
#[command(name = "miraage-cli", version, about, propagate_version = true)]
pub struct Cli {
    /// The database file [default: miraage.db in the platform's data directory, shared with
    /// the app].
    #[arg(long, global = true, env = "MIRAAGE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The time zone that dates are read and shown in [default: the system's].
    #[arg(long, global = true, env = "MIRAAGE_TZ", value_name = "ZONE")]
    pub tz: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lists the occurrences of every calendar in a range, recurrences expanded.
    Events(EventsArgs),
    /// Adds, lists and completes tasks.
    #[command(subcommand)]
    Tasks(TasksCommand),
    /// Fills the demo week (meetings and tasks around the current week) into the local account.
    Demo(DemoArgs),
    /// Lists calendars.
    Calendars(JsonFlag),
    /// Imports an iCalendar file (events and tasks) into a local calendar, in one transaction.
    Import(ImportArgs),
    /// Writes a calendar (and, with --tasks, the local tasks) as iCalendar.
    Export(ExportArgs),
    /// Plans a problem file (the benchmark format, see the planner crate) into a plan file.
    Plan(PlanArgs),
    /// Adds and removes CalDAV accounts and ICS subscriptions.
    #[command(subcommand)]
    Account(AccountCommand),
    /// Lists accounts with their sync status.
    Accounts(JsonFlag),
    /// Syncs every account (or one): fetches the servers' changes, sends local edits.
    Sync(SyncArgs),
    /// Lists conflicts the sync settled, newest first.
    Conflicts(JsonFlag),
    /// Versions, each account's last syncs and errors, edits waiting, the log's last lines:
    /// a report to paste into a bug report (it holds no password, token or title).
    Diagnostics(DiagnosticsArgs),
    /// What happened to planned blocks: record done, partly done, skipped or missed; the
    /// review; the timer; statistics and export.
    #[command(subcommand)]
    History(HistoryCommand),
    /// Plans the store's open tasks into a range (from now on), as the app's Plan button does:
    /// the proposal is kept as the app's ghost blocks and printed.
    Preview(PreviewArgs),
    /// Finds events and tasks by title, location, description or notes (each word a prefix).
    Search(SearchArgs),
    /// Undoes the last edit made through this database (in the app or here): its earlier
    /// state is written as a new edit, sent at the next sync.
    Undo(JsonFlag),
    /// Redoes the last undone edit.
    Redo(JsonFlag),
    /// Locks an accepted block where it is (by its event's id, as `events --json` prints it):
    /// re-plans move it only if an event lands on it, and then ask first.
    Lock(BlockId),
    /// Unlocks a block locked with `lock`.
    Unlock(BlockId),
    /// When a task would be done if planned now ("done by Thu 15:00", "at risk: 2 h short
    /// before its due date"): a quick-add line as a new task, or `--task TITLE`. Writes nothing.
    Forecast(ForecastArgs),
    /// Reads a quick-add line ("Call mom tomorrow 5pm 30m") as the quick-add box does: title,
    /// start, due, duration, priority, recurrence and tags. Touches no database.
    Parse(ParseArgs),
    /// Habits, study goals and focus time: minutes per day or week, planned like tasks.
    #[command(subcommand)]
    Habits(HabitsCommand),
    /// Hour sets of your own ("Deep work: mon-thu 08:00-11:00"); work and personal are the
    /// planning settings.
    #[command(subcommand)]
    Hours(HoursCommand),
    /// Meetings: find a time with others, meeting types, share your free times.
    #[command(subcommand)]
    Meet(MeetCommand),
}

#[derive(Debug, Subcommand)]
pub enum MeetCommand {
    /// Finds times for a meeting: your calendars, hours, focus time and plan, and what is known
    /// of each attendee's; best first, each with the attendees busy or unknown then.
    Find(MeetFindArgs),
    /// Your free times for a meeting, as text in the recipient's zone (or an ICS file), held on
    /// your calendar with --hold until a meeting is booked in one.
    Share(MeetShareArgs),
    /// Times held by `meet share --hold`: list them, or release them all.
    #[command(subcommand)]
    Holds(MeetHoldsCommand),
    /// Meeting types: named presets of duration, buffers, hours and location.
    #[command(subcommand)]
    Types(MeetTypesCommand),
    /// Makes a meeting longer: refused, naming who is busy and the nearest extension that
    /// fits, when anything is in the added time; blocks of your plan there are planned again.
    Extend(MeetExtendArgs),
    /// Books a slot (a `start` as `meet find` prints it): the event with its attendees on your
    /// calendar, sent at the next sync so the provider invites them; the plan around it re-planned.
    Book(MeetBookArgs),
    /// Clears a day (a sick day, a trip): your meetings get new times in the next working days,
    /// others' meetings "decline / ask to move", plan blocks and habits are planned again.
    /// Prints the proposal; --accept applies it (the blocks' re-plan is then shown as ghosts).
    RescheduleDay(MeetRescheduleArgs),
    /// Declines someone else's meeting (one occurrence with --occurrence): your answer is set
    /// to declined and sent at the next sync, so the organiser is told; nothing else changes.
    Decline(MeetDeclineArgs),
    /// The people of your past meetings whose address or a word of whose name starts with TEXT
    /// (case and accents ignored; none: everyone), most met first; one line each.
    People(MeetPeopleArgs),
}

#[derive(Debug, Args)]
pub struct MeetPeopleArgs {
    pub text: Option<String>,
    /// How many to list at most.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MeetDeclineArgs {
    /// The meeting's uid, as `events --json` or `meet reschedule-day --json` print it.
    pub uid: String,
    /// The occurrence's recurrence_id, for one meeting of a series.
    #[arg(long, value_name = "RID")]
    pub occurrence: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MeetRescheduleArgs {
    /// The day, YYYY-MM-DD.
    pub date: String,
    /// Look this many working days ahead [default: 3].
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub within: u32,
    /// Apply the proposal: an "Away" event over the day, your meetings moved, the plan re-planned.
    #[arg(long)]
    pub accept: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MeetExtendArgs {
    /// The meeting's uid, as `events --json` prints it.
    pub uid: String,
    /// The occurrence's recurrence_id, for one meeting of a series.
    #[arg(long, value_name = "RID")]
    pub occurrence: Option<String>,
    /// Minutes to add.
    #[arg(long, value_name = "N")]
    pub minutes: u32,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MeetBookArgs {
    /// The start: an RFC 3339 instant or a local YYYY-MM-DDTHH:MM.
    #[arg(long, value_name = "T")]
    pub start: String,
    #[arg(long, value_name = "T", allow_hyphen_values = true)]
    pub title: String,
    /// Minutes [default: the meeting type's].
    #[arg(long, value_name = "MIN")]
    pub duration: Option<u32>,
    #[arg(long = "type", value_name = "NAME")]
    pub meeting_type: Option<String>,
    #[arg(long, value_name = "EMAIL")]
    pub attendee: Vec<String>,
    /// A calendar by name [default: the calendar for new items].
    #[arg(long, value_name = "NAME")]
    pub calendar: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MeetRange {
    /// Minutes [default: the meeting type's].
    #[arg(long, value_name = "MIN")]
    pub duration: Option<u32>,
    /// First local day (YYYY-MM-DD), local time (YYYY-MM-DDTHH:MM) or RFC 3339 instant.
    #[arg(long, value_name = "D")]
    pub from: String,
    /// The local day after the last one, or an instant.
    #[arg(long, value_name = "D")]
    pub to: String,
    /// A meeting type by name (see `meet types list`).
    #[arg(long = "type", value_name = "NAME")]
    pub meeting_type: Option<String>,
}

#[derive(Debug, Args)]
pub struct MeetFindArgs {
    #[command(flatten)]
    pub range: MeetRange,
    /// An attendee's e-mail address; repeat for several.
    #[arg(long, value_name = "EMAIL")]
    pub attendee: Vec<String>,
    /// At most this many slots [default: 10].
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
    /// Print the slots as JSON: a list of {start, end, busy: [{email, state}], displaces_min}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MeetShareArgs {
    #[command(flatten)]
    pub range: MeetRange,
    /// Write an iCalendar VFREEBUSY of the free times to this file too.
    #[arg(long, value_name = "FILE")]
    pub ics: Option<PathBuf>,
    /// With --ics: write the times as tentative events (STATUS:TENTATIVE) instead.
    #[arg(long, requires = "ics")]
    pub holds: bool,
    /// Hold the times on your calendar as tentative busy events ("Held: TITLE"), synced like
    /// any event, until a meeting is booked in one of them (`meet book`) or they are released.
    #[arg(long)]
    pub hold: bool,
    /// The meeting's title for --hold and --holds [default: the meeting type's name].
    #[arg(long, value_name = "T", allow_hyphen_values = true)]
    pub title: Option<String>,
    /// The calendar to hold the times on [default: the calendar for new items].
    #[arg(long, value_name = "NAME")]
    pub calendar: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum MeetHoldsCommand {
    /// Lists the held times.
    List(JsonFlag),
    /// Releases every held time (their events are deleted, and at the next sync on the server).
    Release,
}

#[derive(Debug, Subcommand)]
pub enum MeetTypesCommand {
    /// Adds a meeting type (or replaces the one of that name).
    Add {
        name: String,
        /// Minutes.
        #[arg(long, value_name = "MIN")]
        duration: u32,
        /// Minutes kept free before it.
        #[arg(long, value_name = "MIN", default_value_t = 0)]
        buffer_before: u32,
        /// Minutes kept free after it.
        #[arg(long, value_name = "MIN", default_value_t = 0)]
        buffer_after: u32,
        /// An hour set (work, personal or one of yours) [default: work].
        #[arg(long, value_name = "SET")]
        hours: Option<String>,
        /// A room or a video link.
        #[arg(long, value_name = "TEXT")]
        location: Option<String>,
        /// Slots may lie on focus time.
        #[arg(long)]
        may_use_focus: bool,
        #[arg(long)]
        json: bool,
    },
    /// Lists meeting types.
    List(JsonFlag),
    /// Deletes a meeting type.
    Delete { name: String },
}

#[derive(Debug, Subcommand)]
pub enum HabitsCommand {
    /// Adds a habit (or, with --focus, weekly focus time), checked against its window.
    Add(HabitAddArgs),
    /// Lists habits with their progress this period.
    List(JsonFlag),
    /// Stops planning a habit (its accepted sessions stay).
    Pause(HabitKey),
    /// Plans a paused habit again.
    Resume(HabitKey),
    /// Deletes a habit with its sessions that have not started.
    Delete(HabitKey),
}

#[derive(Debug, Args)]
pub struct HabitKey {
    /// The habit: its id or its title.
    #[arg(value_name = "TITLE_OR_ID")]
    pub habit: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct HabitAddArgs {
    /// Its title; without --minutes and --per, a quick-add line that says them ("Read 20
    /// minutes daily", "Study Spanish 5h a week on weekday evenings").
    #[arg(allow_hyphen_values = true)]
    pub title: String,
    /// Minutes asked per day or week.
    #[arg(long, value_name = "N", requires = "per")]
    pub minutes: Option<u32>,
    /// day or week.
    #[arg(long, value_name = "day|week", requires = "minutes")]
    pub per: Option<String>,
    /// Session length range in minutes, e.g. 60-90 (default: one session of --minutes).
    #[arg(long, value_name = "MIN-MAX")]
    pub session: Option<String>,
    /// Its own window, e.g. "mon-fri 18:00-22:00"; repeat for several.
    #[arg(long, value_name = "DAYS HH:MM-HH:MM")]
    pub window: Vec<String>,
    /// An hour set (work, personal or one of yours) instead of a window.
    #[arg(long, value_name = "SET")]
    pub hours: Option<String>,
    /// 1 (highest) to 4 [default: 2].
    #[arg(long, value_name = "P")]
    pub priority: Option<u8>,
    /// morning, afternoon or evening: planned there when that part of the window holds it.
    #[arg(long, value_name = "TIME_OF_DAY")]
    pub prefer: Option<String>,
    #[arg(long)]
    pub project: Option<String>,
    /// Focus time: yields first when meetings crowd the week, written to the calendar as busy.
    #[arg(long)]
    pub focus: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum HoursCommand {
    /// Adds an hour set (or replaces the windows of the one with that name).
    Add {
        name: String,
        /// A window, e.g. "mon-thu 08:00-11:00"; repeat for several.
        #[arg(long, value_name = "DAYS HH:MM-HH:MM", required = true)]
        window: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Lists hour sets, work and personal first.
    List(JsonFlag),
    /// Deletes one of your hour sets (refused while a habit, task or project uses it).
    Delete { name: String },
    /// A project's default hour set: its tasks without one of their own are planned in it.
    /// `hours project ops "Deep work"` sets it, `hours project ops none` clears it, and
    /// `hours project` lists every project's.
    Project {
        project: Option<String>,
        /// work, personal, one of your sets, or none.
        #[arg(requires = "project")]
        set: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for, as typed ("standup", "caf" finds "Café").
    #[arg(allow_hyphen_values = true)]
    pub text: String,
    /// At most this many results.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The line, as typed.
    #[arg(allow_hyphen_values = true)]
    pub text: String,
    /// The instant the line is read at (RFC 3339) [default: now].
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Print the seven fields of the quick-add contract as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Pins a CalDAV account's server certificate to its SHA-256 fingerprint (as `openssl x509
    /// -noout -fingerprint -sha256` prints it): only that certificate is accepted from then on.
    Pin {
        /// The account's name.
        name: String,
        /// The fingerprint; leave it out with --clear to go back to the trusted roots.
        #[arg(required_unless_present = "clear")]
        fingerprint: Option<String>,
        #[arg(long, conflicts_with = "fingerprint")]
        clear: bool,
    },
    /// Adds an account after checking that it answers; then syncs it.
    #[command(subcommand)]
    Add(AccountAdd),
    /// Removes an account with its calendars, events and tasks (on this computer only) and
    /// its password or token from the keyring (a Google token is revoked).
    Remove {
        /// The account's name.
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AccountAdd {
    /// A CalDAV server (Fastmail, iCloud, Nextcloud, Radicale, mailbox.org, …). The password
    /// (an app password where the service has them) is asked for on a terminal, or read from
    /// the first line of standard input; it is kept in the system keyring.
    Caldav {
        /// The server's URL (its /.well-known/caldav is tried first).
        url: String,
        #[arg(long, short = 'u', value_name = "NAME")]
        user: String,
        /// What to call the account [default: the server's host name].
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Accept only the certificate with this SHA-256 fingerprint (a self-signed home server).
        #[arg(long, value_name = "SHA256")]
        pin: Option<String>,
    },
    /// A Google account (Calendar and Tasks): signs in in the system browser. Needs your own
    /// OAuth client: MIRAAGE_GOOGLE_CLIENT_ID (and MIRAAGE_GOOGLE_CLIENT_SECRET if Google
    /// gave one); see the README.
    Google {
        /// What to call the account.
        #[arg(long, value_name = "NAME", default_value = "Google")]
        name: String,
    },
    /// A Microsoft 365 or Outlook.com account (calendars and To Do): signs in in the system
    /// browser. Needs MIRAAGE_MICROSOFT_CLIENT_ID (and MIRAAGE_MICROSOFT_TENANT, default
    /// "common"); see the README.
    Microsoft {
        /// What to call the account.
        #[arg(long, value_name = "NAME", default_value = "Microsoft")]
        name: String,
    },
    /// A read-only iCalendar subscription (https:// or webcal:// link).
    Ics {
        url: String,
        /// What to call the calendar [default: the link's host and file name].
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only this account.
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
    /// Leave local edits whose retry time has not come yet (for scheduled runs); by default
    /// every pending edit is sent now.
    #[arg(long)]
    pub scheduled: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// First local day (YYYY-MM-DD) or an RFC 3339 instant.
    #[arg(long)]
    pub from: String,
    /// The local day after the last one, or an RFC 3339 instant.
    #[arg(long)]
    pub to: String,
    /// Only report what a re-plan would move because accepted blocks no longer fit (prints
    /// null and keeps the ghosts when everything still fits).
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The planning problem (JSON).
    pub problem: PathBuf,
    /// Write the plan here instead of standard output.
    #[arg(long, short = 'o', value_name = "PLAN.json")]
    pub out: Option<PathBuf>,
    /// Search for this long (default: the planner's own budget).
    #[arg(long, value_name = "N")]
    pub time_budget_ms: Option<u64>,
    /// Re-plan from this earlier plan, moving as little as the change requires.
    #[arg(long, value_name = "PREVIOUS.json")]
    pub replan: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The .ics file.
    pub file: PathBuf,
    /// The local calendar to import into, created if missing [default: the file's own
    /// calendar name (X-WR-CALNAME), else "Personal"].
    #[arg(long, value_name = "NAME")]
    pub calendar: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The calendar to export.
    #[arg(long, value_name = "NAME", required_unless_present = "tasks")]
    pub calendar: Option<String>,
    /// Also export the local task list (as VTODOs).
    #[arg(long)]
    pub tasks: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// The task as quick add reads it: "Write report 3h by Friday !1".
    #[arg(required_unless_present = "task")]
    pub text: Option<String>,
    /// An open task instead, by title or id.
    #[arg(long, conflicts_with = "text")]
    pub task: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BlockId {
    /// The block's event id (or its plan block id).
    pub id: String,
}

#[derive(Debug, Args)]
pub struct DiagnosticsArgs {
    /// Print JSON instead of the report.
    #[arg(long)]
    pub json: bool,
    /// Log at this level from now on: error, warn, info, debug or trace (MIRAAGE_LOG wins).
    #[arg(long, value_name = "LEVEL")]
    pub log_level: Option<String>,
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct EventsArgs {
    #[command(subcommand)]
    pub command: Option<EventsCommand>,
    /// First day (YYYY-MM-DD, local) or instant (RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Day after the last (exclusive; YYYY-MM-DD) or instant (RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Print one JSON array sorted by start.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum EventsCommand {
    /// Adds an event: TITLE may say when, as quick add reads it ("Gym every Monday 7am 1h");
    /// --start/--end/--rrule say it exactly.
    Add(EventAddArgs),
    /// Changes an event, one occurrence of a series (--occurrence), this and the following
    /// ones, or the whole series (--scope); sent at the next `sync`.
    Edit(EventEditArgs),
    /// Deletes an event, one occurrence of a series, this and the following ones, or the
    /// whole series; sent at the next `sync`.
    Delete(EventTargetArgs),
}

/// Which event, occurrence and part of its series.
#[derive(Debug, Args)]
pub struct EventTargetArgs {
    /// The event's uid (`events --json`, `events add --json`).
    pub uid: String,
    /// The occurrence of a series: its `recurrence_id` as `events --json` prints it.
    #[arg(long, value_name = "RECURRENCE_ID")]
    pub occurrence: Option<String>,
    /// this: the occurrence only; following: it and the later ones; all: the whole series.
    /// Default: this with --occurrence, else all.
    #[arg(long, value_enum)]
    pub scope: Option<ScopeArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScopeArg {
    This,
    Following,
    All,
}

#[derive(Debug, Args)]
pub struct EventEditArgs {
    #[command(flatten)]
    pub target: EventTargetArgs,
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// New start of the occurrence: an RFC 3339 instant, a local YYYY-MM-DDTHH:MM in the
    /// event's zone, or a date (all day). The length is kept unless --end is given.
    #[arg(long, value_name = "T")]
    pub start: Option<String>,
    /// New end, in the same forms.
    #[arg(long, value_name = "T")]
    pub end: Option<String>,
    /// Another calendar, by name: the event (series) moves there.
    #[arg(long, value_name = "NAME")]
    pub calendar: Option<String>,
    /// "" clears it.
    #[arg(long, value_name = "TEXT")]
    pub location: Option<String>,
    /// "" clears it.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// A new recurrence rule (FREQ=WEEKLY;BYDAY=MO); "" makes it a one-off event.
    #[arg(long, value_name = "RULE")]
    pub rrule: Option<String>,
    /// Print the occurrence as it is now (with its uid: a new one after --scope following).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EventAddArgs {
    pub title: String,
    /// Start: an RFC 3339 instant, a local YYYY-MM-DDTHH:MM, or a date (all day).
    #[arg(long, value_name = "T")]
    pub start: Option<String>,
    /// End (exclusive), in the same forms; default: the line's duration, else one hour (a day).
    #[arg(long, value_name = "T")]
    pub end: Option<String>,
    /// The calendar, by name (default: the calendar for new items).
    #[arg(long, value_name = "NAME")]
    pub calendar: Option<String>,
    /// An RFC 5545 recurrence rule, e.g. FREQ=WEEKLY;BYDAY=MO.
    #[arg(long, value_name = "RULE")]
    pub rrule: Option<String>,
    /// Keep TITLE as it is typed (do not read dates or durations out of it).
    #[arg(long)]
    pub literal: bool,
    /// Print the created event (with its uid) as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum TasksCommand {
    /// Adds a task to the local task list.
    Add(TaskAddArgs),
    /// Lists open tasks (with --all also completed ones), optionally grouped.
    List {
        /// Completed and cancelled tasks too.
        #[arg(long)]
        all: bool,
        /// Group the list by due week or by project.
        #[arg(long, value_enum)]
        group: Option<TaskGrouping>,
        #[arg(long)]
        json: bool,
    },
    /// Marks a task done, by id, id prefix, or exact title.
    Done {
        #[arg(value_name = "TASK")]
        task: String,
    },
    /// Changes a task (by id, id prefix or exact title): only the fields given; `none`
    /// clears a field that may be empty (--due none).
    Edit(TaskEditArgs),
    /// Deletes a task (by id, id prefix or exact title); `miraage-cli undo` brings it back.
    Delete {
        #[arg(value_name = "TITLE_OR_ID")]
        task: String,
    },
}

/// How `tasks list` groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TaskGrouping {
    /// Overdue, today, this week, later, no due date.
    Due,
    Project,
}

#[derive(Debug, Args)]
pub struct TaskEditArgs {
    /// The task: its id, a unique prefix of the id, or its exact title.
    #[arg(value_name = "TITLE_OR_ID")]
    pub task: String,
    #[arg(long)]
    pub title: Option<String>,
    /// Due date (YYYY-MM-DD) or instant (RFC 3339, or local YYYY-MM-DDTHH:MM); none clears it.
    #[arg(long, short = 'd', value_name = "DATE")]
    pub due: Option<String>,
    /// The due date must not be missed.
    #[arg(long, conflicts_with = "soft")]
    pub hard: bool,
    /// The due date may be missed if it must.
    #[arg(long)]
    pub soft: bool,
    /// How long it will take: 90, 90m, 1h, 1h30m; none: the default estimate.
    #[arg(long, short = 'e', value_name = "DURATION")]
    pub estimate: Option<String>,
    /// 1 (highest) to 4 (lowest).
    #[arg(long, short = 'p', value_parser = clap::value_parser!(u8).range(1..=4))]
    pub priority: Option<u8>,
    /// none clears the notes.
    #[arg(long)]
    pub notes: Option<String>,
    /// none files it under no project.
    #[arg(long)]
    pub project: Option<String>,
    /// The task's tags (replacing the old ones); repeat for several.
    #[arg(long = "tag", value_name = "TAG", conflicts_with = "no_tags")]
    pub tags: Vec<String>,
    /// Removes every tag.
    #[arg(long)]
    pub no_tags: bool,
    /// Tasks that must be finished first (replacing the old list); repeat for several; none
    /// removes them all.
    #[arg(long = "after", value_name = "TASK")]
    pub depends_on: Vec<String>,
    /// Plan no block before this day (YYYY-MM-DD) or instant; none: any time.
    #[arg(long, value_name = "DATE")]
    pub not_before: Option<String>,
    /// Plan it in work or personal hours, or in one of your hour sets.
    #[arg(long, value_name = "work|personal")]
    pub hours: Option<String>,
    /// Smallest and largest block, e.g. 30-90 (minutes); none: the settings' defaults.
    #[arg(long, value_name = "MIN-MAX")]
    pub chunks: Option<String>,
    /// Print the task as JSON afterwards.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TaskAddArgs {
    /// The task; dates, durations, priorities and tags in it are read as quick add reads them
    /// ("Report by Friday 3h !1 #work"); the options below win over what the text says.
    pub title: String,
    /// Keep TITLE as it is typed (do not read dates or durations out of it).
    #[arg(long)]
    pub literal: bool,
    /// How long it will take: 90, 90m, 1h, 1h30m.
    #[arg(long, short = 'e', value_name = "DURATION")]
    pub estimate: Option<String>,
    /// Due date (YYYY-MM-DD) or instant (RFC 3339, or local YYYY-MM-DDTHH:MM).
    #[arg(long, short = 'd', value_name = "DATE")]
    pub due: Option<String>,
    /// The due date must not be missed.
    #[arg(long, requires = "due")]
    pub hard: bool,
    /// 1 (highest) to 4 (lowest); default: what the text says, else 3.
    #[arg(long, short = 'p', value_parser = clap::value_parser!(u8).range(1..=4))]
    pub priority: Option<u8>,
    #[arg(long)]
    pub project: Option<String>,
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// Smallest and largest block, e.g. 30-90 (minutes).
    #[arg(long, value_name = "MIN-MAX")]
    pub chunks: Option<String>,
    /// Ids or titles of tasks that must be finished first.
    #[arg(long = "after", value_name = "TASK")]
    pub depends_on: Vec<String>,
    /// Plan no block before this day (YYYY-MM-DD) or instant.
    #[arg(long, value_name = "DATE")]
    pub not_before: Option<String>,
    /// Plan it in work or personal hours, or in one of your hour sets (`hours list`).
    #[arg(long, value_name = "SET")]
    pub hours: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Place the demo around this day instead of today (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Writes every planned block with what happened to it, as CSV or JSON (whole or not at
    /// all).
    Export(HistoryExportArgs),
    /// Planned against done per week (or month), meetings and free hours, estimate accuracy,
    /// what the estimate learner knows and when you get work done.
    Stats(HistoryStatsArgs),
    /// Records a block as done (with --minutes: the minutes really spent).
    Done(OutcomeArgs),
    /// Records a block as partly done: --minutes spent; the rest goes back into the plan.
    Partly(OutcomeArgs),
    /// Records a block as skipped: its time goes back into the plan.
    Skip(OutcomeArgs),
    /// Records a block whose time passed as missed: its time goes back into the plan.
    Missed(OutcomeArgs),
    /// Lists the blocks whose time passed with no outcome ("Did you do these?"), once.
    Review(JsonFlag),
    /// Starts the timer on a block.
    Start(OutcomeArgs),
    /// Stops the running timer and records its block done with the minutes counted.
    Stop(JsonFlag),
    /// Plans the tasks of a tag in one part of the day (as `history stats` suggests: "prefer
    /// mornings for #deep") when that part holds them before their due date; none: anywhere.
    Prefer(HistoryPreferArgs),
}

#[derive(Debug, Args)]
pub struct HistoryPreferArgs {
    /// The tag, with or without `#`.
    #[arg(allow_hyphen_values = true)]
    pub tag: String,
    /// morning, afternoon, evening, or none to remove the preference.
    pub part: String,
}

#[derive(Debug, Args)]
pub struct OutcomeArgs {
    /// The block: its id (as `preview` and `history review` print it), TITLE@2026-11-24T09:00
    /// (its task's title and local start), or the title alone when one block of it waits.
    #[arg(allow_hyphen_values = true)]
    pub block: String,
    /// Minutes really spent.
    #[arg(long, value_name = "N")]
    pub minutes: Option<u32>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct HistoryExportArgs {
    #[arg(long, value_parser = ["csv", "json"])]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct HistoryStatsArgs {
    /// week or month.
    #[arg(long, value_parser = ["week", "month"], default_value = "week")]
    pub period: String,
    /// How many periods back, this one included (at most two years).
    #[arg(long, default_value_t = 4)]
    pub count: u32,
    #[arg(long)]
    pub json: bool,
}
