//! The planning settings, stored as one JSON value under the key `planning`.

use crate::error::{Result, SchedulingError};
use miraage_domain::{CalendarId, CalendarView, TimeOfDay};
use miraage_planner::time::windows::WeeklyHours;
use miraage_store::Store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The settings key the planning settings are stored under.
pub const SETTINGS_KEY: &str = "planning";
const KEY: &str = SETTINGS_KEY;

/// One daily window on some weekdays (0 is Monday), as "HH:MM" local times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Hours {
    pub days: Vec<u8>,
    pub start: String,
    pub end: String,
}

impl Hours {
    pub(crate) fn minutes(s: &str) -> Option<u32> {
        let (h, m) = s.split_once(':')?;
        let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
        (m < 60 && (h < 24 || (h == 24 && m == 0)) && h * 60 + m <= 1440).then_some(h * 60 + m)
    }

    fn check(&self, what: &str) -> Result<(u32, u32)> {
        let bad = |why: String| SchedulingError::Settings(format!("{what}: {why}"));
        let start =
            Hours::minutes(&self.start).ok_or_else(|| bad(format!("{:?} is not a time of day (HH:MM)", self.start)))?;
        let end =
            Hours::minutes(&self.end).ok_or_else(|| bad(format!("{:?} is not a time of day (HH:MM)", self.end)))?;
        if end <= start {
            return Err(bad("the end must be after the start".into()));
        }
        if let Some(d) = self.days.iter().find(|d| **d > 6) {
            return Err(bad(format!("day {d} is not a weekday (0 is Monday, 6 Sunday)")));
        }
        Ok((start, end))
    }

    /// The planner's weekly windows.
    ///
    /// # Errors
    ///
    /// [`SchedulingError::Settings`], prefixed with `what`, when a time is not `HH:MM`, the end is
    /// not after the start or a day is not 0 to 6.
    pub fn weekly(&self, what: &str) -> Result<WeeklyHours> {
        let window = self.check(what)?;
        let mut hours = WeeklyHours::default();
        for &d in &self.days {
            hours.days[usize::from(d)] = vec![window];
        }
        Ok(hours)
    }
}

/// A daily window plans keep free (lunch), as "HH:MM" local times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Break {
    pub start: String,
    pub end: String,
}

impl Break {
    /// (start, end) minutes after midnight.
    ///
    /// # Errors
    ///
    /// [`SchedulingError::Settings`] when a time is not `HH:MM` or the end is not after the start.
    pub fn window(&self) -> Result<(u32, u32)> {
        Hours { days: Vec::new(), start: self.start.clone(), end: self.end.clone() }.check("lunch break")
    }
}

/// How the planner places tasks. Tasks tagged or filed under `personal` go into personal
/// hours, the others into work hours. Settings saved by an older Miraage lack the newer
/// fields; they take their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PlanSettings {
    pub work_hours: Hours,
    pub personal_hours: Hours,
    /// Free minutes kept before and after every busy event.
    pub buffer_min: u32,
    /// Most task minutes planned on one day; null: no cap.
    pub daily_cap_min: Option<u32>,
    /// Block sizes for tasks that do not set their own.
    pub chunk_min_min: u32,
    pub chunk_max_min: u32,
    /// Where accepted blocks are written; null: the local "Personal" calendar.
    pub plan_calendar_id: Option<String>,
    /// Apply a re-plan after an event change without asking (otherwise it is shown as ghosts).
    pub apply_replans_automatically: bool,
    /// Free minutes between two blocks of one task, so that chunks are separate sittings.
    pub task_break_min: u32,
    /// A window kept free every day (null: none).
    pub lunch: Option<Break>,
    /// The estimate planned for a task that has none.
    pub default_estimate_min: u32,
    /// Plan at least this many days ahead (further when a due date is further).
    pub horizon_days: u32,
    /// The calendar accepted blocks of a project go to, by project name (others go to the
    /// plan calendar).
    pub project_calendars: BTreeMap<String, String>,
    /// Frozen horizon: a re-plan moves nothing that starts within this many minutes from now
    /// unless it no longer fits there (an event, or the buffer around one, now overlaps it).
    pub frozen_horizon_min: u32,
    /// Churn budget: minutes of accepted blocks an automatic re-plan may move without asking;
    /// a re-plan that moves more is left as ghosts to review. Null: no limit.
    pub churn_budget_min: Option<u32>,
    /// Plan each task for the minutes the estimate learner expects (its estimate times the
    /// learned factor of its tag or project) instead of its estimate; the estimate itself is
    /// never changed. Off unless the user turns it on.
    pub use_learned_estimates: bool,
    /// A preferred part of the day by tag (lower case, without `#`): the tasks of that tag are
    /// planned in that part of their hours when it holds their minutes before their due date
    /// (the work pattern's "prefer mornings for #deep", once the user chose to use it).
    pub preferred_parts: BTreeMap<String, TimeOfDay>,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings {
            work_hours: Hours { days: vec![0, 1, 2, 3, 4], start: "09:00".into(), end: "17:30".into() },
            personal_hours: Hours { days: vec![0, 1, 2, 3, 4, 5, 6], start: "18:00".into(), end: "21:00".into() },
            buffer_min: 10,
            daily_cap_min: Some(360),
            chunk_min_min: 30,
            chunk_max_min: 90,
            plan_calendar_id: None,
            apply_replans_automatically: false,
            task_break_min: 15,
            lunch: Some(Break { start: "12:00".into(), end: "13:00".into() }),
            default_estimate_min: 30,
            horizon_days: 14,
            project_calendars: BTreeMap::new(),
            frozen_horizon_min: 120,
            churn_budget_min: Some(60),
            use_learned_estimates: false,
            preferred_parts: BTreeMap::new(),
        }
    }
}

impl PlanSettings {
    /// Checks every field against the ranges the settings form offers.
    ///
    /// # Errors
    ///
    /// [`SchedulingError::Settings`] naming the first field out of range (hours, block sizes,
    /// buffer, daily cap, break between blocks, lunch, default estimate, horizon).
    pub fn check(&self) -> Result<()> {
        self.work_hours.check("work hours")?;
        self.personal_hours.check("personal hours")?;
        let (min, max) = (self.chunk_min_min, self.chunk_max_min);
        if min < 5 || min > max || min % 5 != 0 || max % 5 != 0 {
            return Err(SchedulingError::Settings(format!(
                "block sizes {min}-{max} min: the smallest must be at least 5, not above the largest, both multiples of 5"
            )));
        }
        if self.buffer_min > 240 {
            return Err(SchedulingError::Settings(format!(
                "a buffer of {} min is longer than 4 hours",
                self.buffer_min
            )));
        }
        if self.daily_cap_min.is_some_and(|c| c == 0 || c > 1440) {
            return Err(SchedulingError::Settings("the daily cap must be between 1 and 1440 minutes".into()));
        }
        if self.task_break_min > 240 || !self.task_break_min.is_multiple_of(5) {
            return Err(SchedulingError::Settings(format!(
                "a break of {} min between blocks of one task: use a multiple of 5 up to 240",
                self.task_break_min
            )));
        }
        if let Some(lunch) = &self.lunch {
            lunch.window()?;
        }
        if !(5..=600).contains(&self.default_estimate_min) || !self.default_estimate_min.is_multiple_of(5) {
            return Err(SchedulingError::Settings(format!(
                "a default estimate of {} min: use a multiple of 5 from 5 to 600",
                self.default_estimate_min
            )));
        }
        if self.frozen_horizon_min > 1440 || !self.frozen_horizon_min.is_multiple_of(5) {
            return Err(SchedulingError::Settings(format!(
                "a frozen horizon of {} min: use a multiple of 5 up to 1440 (24 hours)",
                self.frozen_horizon_min
            )));
        }
        if self.churn_budget_min.is_some_and(|b| b > 10_080 || !b.is_multiple_of(5)) {
            return Err(SchedulingError::Settings(
                "the churn budget must be a multiple of 5 minutes up to a week (10080)".into(),
            ));
        }
        if let Some(tag) = self
            .preferred_parts
            .keys()
            .find(|t| t.is_empty() || t.chars().count() > 100 || **t != crate::preferred::tag_key(t))
        {
            return Err(SchedulingError::Settings(format!(
                "a preferred part of the day for the tag {tag:?}: name a tag of 1 to 100 characters, in lower case, without #"
            )));
        }
        if !(1..=90).contains(&self.horizon_days) {
            return Err(SchedulingError::Settings(format!(
                "plan {} days ahead: choose 1 to 90 days",
                self.horizon_days
            )));
        }
        Ok(())
    }
}

/// The settings with what the settings form offers to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SettingsView {
    pub settings: PlanSettings,
    /// Projects of open tasks, for choosing a calendar per project.
    pub projects: Vec<String>,
    /// Calendars accepted blocks can be written to (not read-only).
    pub writable_calendars: Vec<CalendarView>,
    /// The calendar accepted blocks go to now (the chosen one, else the local default).
    pub plan_calendar_id: String,
}

/// The stored plan settings, or the defaults when none were saved.
///
/// # Errors
///
/// [`SchedulingError::Store`] when the database cannot be read or the stored settings no longer
/// read.
pub fn load_settings(store: &Store) -> Result<PlanSettings> {
    Ok(store.setting::<PlanSettings>(KEY)?.unwrap_or_default())
}

/// Validates and stores the settings; the plan calendar and every project's calendar must
/// exist and be writable.
///
/// # Errors
///
/// [`SchedulingError::Settings`] when a field is out of range or a chosen calendar is gone or
/// read-only; [`SchedulingError::Store`] when the database cannot be written. Nothing is saved
/// then.
pub fn save_settings(store: &mut Store, settings: &PlanSettings) -> Result<()> {
    settings.check()?;
    let chosen = settings
        .plan_calendar_id
        .iter()
        .map(|id| (None, id))
        .chain(settings.project_calendars.iter().map(|(p, id)| (Some(p), id)));
    for (project, id) in chosen {
        let cal = store.calendar(&CalendarId::from_string(id.clone())).map_err(|_| {
            let whose = project.map_or("plan blocks".to_string(), |p| format!("project {p:?}"));
            SchedulingError::Settings(format!("the calendar chosen for {whose} no longer exists: choose another"))
        })?;
        if cal.read_only {
            return Err(SchedulingError::Settings(format!(
                "calendar {:?} is read-only: choose another for plan blocks",
                cal.name
            )));
        }
    }
    store.set_setting(KEY, settings)?;
    Ok(())
}

/// The calendar accepted blocks of a task in `project` are written to: the project's own
/// calendar, else the chosen plan calendar, while they exist and are writable; else the
/// local "Personal" calendar.
///
/// # Errors
///
/// [`SchedulingError::Store`] when the database cannot be written (the local defaults are made sure
/// of).
pub fn plan_calendar(store: &mut Store, settings: &PlanSettings, project: Option<&str>) -> Result<CalendarId> {
    let own = project.and_then(|p| settings.project_calendars.get(p));
    for id in own.into_iter().chain(&settings.plan_calendar_id) {
        let id = CalendarId::from_string(id.clone());
        if store.calendar(&id).is_ok_and(|c| !c.read_only) {
            return Ok(id);
        }
    }
    Ok(store.local_defaults()?.calendar)
}

/// The stored settings with the writable calendars, the projects of open tasks and the calendar
/// blocks go to now, for the settings form.
///
/// # Errors
///
/// [`SchedulingError::Store`] when the database cannot be read or written.
pub fn settings_view(store: &mut Store) -> Result<SettingsView> {
    let settings = load_settings(store)?;
    let plan_calendar_id = plan_calendar(store, &settings, None)?.to_string();
    let writable_calendars = store.calendars()?.into_iter().filter(|c| !c.read_only).collect();
    let projects: std::collections::BTreeSet<String> =
        store.tasks(miraage_store::TaskFilter::Open)?.into_iter().filter_map(|t| t.project).collect();
    Ok(SettingsView { settings, projects: projects.into_iter().collect(), writable_calendars, plan_calendar_id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_settings_are_refused_with_the_field_named() {
        let mut s = PlanSettings::default();
        assert!(s.check().is_ok());
        s.work_hours.end = "08:00".into();
        assert!(s.check().unwrap_err().to_string().contains("work hours"));
        let mut s = PlanSettings { chunk_min_min: 60, chunk_max_min: 30, ..PlanSettings::default() };
        assert!(s.check().unwrap_err().to_string().contains("block sizes"));
        s.chunk_max_min = 90;
        s.personal_hours.days.push(7);
        assert!(s.check().unwrap_err().to_string().contains("personal hours"));
    }

    #[test]
    fn settings_round_trip_through_the_store_and_default_to_the_local_calendar() {
        let mut store = Store::open_in_memory().unwrap();
        let local = store.local_defaults().unwrap();
        assert_eq!(load_settings(&store).unwrap(), PlanSettings::default());
        let s = PlanSettings { buffer_min: 15, daily_cap_min: None, ..PlanSettings::default() };
        save_settings(&mut store, &s).unwrap();
        assert_eq!(load_settings(&store).unwrap(), s);
        assert_eq!(plan_calendar(&mut store, &s, None).unwrap(), local.calendar);
        let bad = PlanSettings { plan_calendar_id: Some("nope".into()), ..s.clone() };
        assert!(save_settings(&mut store, &bad).is_err());
    }

    #[test]
    fn settings_saved_by_an_older_version_load_with_the_new_fields_defaulted() {
        let mut store = Store::open_in_memory().unwrap();
        let old = serde_json::json!({
            "work_hours": {"days": [0, 1, 2, 3, 4], "start": "08:00", "end": "16:00"},
            "personal_hours": {"days": [5, 6], "start": "10:00", "end": "12:00"},
            "buffer_min": 5, "daily_cap_min": null, "chunk_min_min": 30, "chunk_max_min": 90,
            "plan_calendar_id": null, "apply_replans_automatically": false
        });
        store.set_setting(KEY, &old).unwrap();
        let s = load_settings(&store).unwrap();
        assert_eq!(s.work_hours.start, "08:00");
        assert_eq!((s.task_break_min, s.default_estimate_min, s.horizon_days), (15, 30, 14));
        assert_eq!(s.lunch, PlanSettings::default().lunch);
    }

    #[test]
    fn a_project_calendar_wins_over_the_plan_calendar_and_falls_back_when_gone() {
        let mut store = Store::open_in_memory().unwrap();
        let local = store.local_defaults().unwrap();
        let mut s = PlanSettings::default();
        s.project_calendars.insert("work".into(), "gone".into());
        assert!(save_settings(&mut store, &s).unwrap_err().to_string().contains("project \"work\""));
        assert_eq!(plan_calendar(&mut store, &s, Some("work")).unwrap(), local.calendar);
        s.project_calendars.insert("work".into(), local.calendar.to_string());
        save_settings(&mut store, &s).unwrap();
        assert_eq!(plan_calendar(&mut store, &s, Some("work")).unwrap(), local.calendar);
    }

    #[test]
    fn bad_break_lunch_default_estimate_and_horizon_are_refused_by_name() {
        let bad = [
            (PlanSettings { task_break_min: 7, ..PlanSettings::default() }, "break"),
            (
                PlanSettings {
                    lunch: Some(Break { start: "13:00".into(), end: "12:00".into() }),
                    ..PlanSettings::default()
                },
                "lunch",
            ),
            (PlanSettings { default_estimate_min: 0, ..PlanSettings::default() }, "default estimate"),
            (PlanSettings { horizon_days: 0, ..PlanSettings::default() }, "days ahead"),
        ];
        for (s, named) in bad {
            let e = s.check().unwrap_err().to_string();
            assert!(e.contains(named), "{e}");
        }
    }
}
