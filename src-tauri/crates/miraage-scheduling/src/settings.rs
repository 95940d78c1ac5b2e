//! The planning settings, stored as one JSON value under the key `planning`.

use crate::error::{Result, SchedulingError};
use miraage_domain::{CalendarId, CalendarView};
use miraage_planner::time::windows::WeeklyHours;
use miraage_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const KEY: &str = "planning";

/// One daily window on some weekdays (0 is Monday), as "HH:MM" local times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Hours {
    pub days: Vec<u8>,
    pub start: String,
    pub end: String,
}

impl Hours {
    fn minutes(s: &str) -> Option<u32> {
        let (h, m) = s.split_once(':')?;
        let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
        (m < 60 && (h < 24 || (h == 24 && m == 0)) && h * 60 + m <= 1440).then_some(h * 60 + m)
    }

    fn check(&self, what: &str) -> Result<(u32, u32)> {
        let bad = |why: String| SchedulingError::Settings(format!("{what}: {why}"));
        let start = Hours::minutes(&self.start).ok_or_else(|| bad(format!("{:?} is not a time of day (HH:MM)", self.start)))?;
        let end = Hours::minutes(&self.end).ok_or_else(|| bad(format!("{:?} is not a time of day (HH:MM)", self.end)))?;
        if end <= start {
            return Err(bad("the end must be after the start".into()));
        }
        if let Some(d) = self.days.iter().find(|d| **d > 6) {
            return Err(bad(format!("day {d} is not a weekday (0 is Monday, 6 Sunday)")));
        }
        Ok((start, end))
    }

    /// The planner's weekly windows.
    pub fn weekly(&self, what: &str) -> Result<WeeklyHours> {
        let window = self.check(what)?;
        let mut hours = WeeklyHours::default();
        for &d in &self.days {
            hours.days[usize::from(d)] = vec![window];
        }
        Ok(hours)
    }
}

/// How the planner places tasks. Tasks tagged `personal` go into personal hours, the others
/// into work hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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
        }
    }
}

impl PlanSettings {
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
            return Err(SchedulingError::Settings(format!("a buffer of {} min is longer than 4 hours", self.buffer_min)));
        }
        if self.daily_cap_min.is_some_and(|c| c == 0 || c > 1440) {
            return Err(SchedulingError::Settings("the daily cap must be between 1 and 1440 minutes".into()));
        }
        Ok(())
    }
}

/// The settings with what the settings form offers to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SettingsView {
    pub settings: PlanSettings,
    /// Calendars accepted blocks can be written to (not read-only).
    pub writable_calendars: Vec<CalendarView>,
    /// The calendar accepted blocks go to now (the chosen one, else the local default).
    pub plan_calendar_id: String,
}

pub fn load_settings(store: &Store) -> Result<PlanSettings> {
    Ok(store.setting::<PlanSettings>(KEY)?.unwrap_or_default())
}

/// Validates and stores the settings; the plan calendar must exist and be writable.
pub fn save_settings(store: &mut Store, settings: &PlanSettings) -> Result<()> {
    settings.check()?;
    if let Some(id) = &settings.plan_calendar_id {
        let cal = store.calendar(&CalendarId::from_string(id.clone()))?;
        if cal.read_only {
            return Err(SchedulingError::Settings(format!("calendar {:?} is read-only", cal.name)));
        }
    }
    store.set_setting(KEY, settings)?;
    Ok(())
}

/// The calendar accepted blocks are written to: the chosen one while it exists and is
/// writable, else the local "Personal" calendar.
pub fn plan_calendar(store: &mut Store, settings: &PlanSettings) -> Result<CalendarId> {
    if let Some(id) = &settings.plan_calendar_id {
        let id = CalendarId::from_string(id.clone());
        if store.calendar(&id).is_ok_and(|c| !c.read_only) {
            return Ok(id);
        }
    }
    Ok(store.local_defaults()?.calendar)
}

pub fn settings_view(store: &mut Store) -> Result<SettingsView> {
    let settings = load_settings(store)?;
    let plan_calendar_id = plan_calendar(store, &settings)?.to_string();
    let writable_calendars = store.calendars()?.into_iter().filter(|c| !c.read_only).collect();
    Ok(SettingsView { settings, writable_calendars, plan_calendar_id })
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
        assert_eq!(plan_calendar(&mut store, &s).unwrap(), local.calendar);
        let bad = PlanSettings { plan_calendar_id: Some("nope".into()), ..s };
        assert!(save_settings(&mut store, &bad).is_err());
    }
}
