//! The problem (FORMAT.md version 1 plus Miraage's optional extensions), read from JSON and
//! validated with errors that name the offending field (FORMAT.md note 16).
//!
//! Extensions the benchmark scorer ignores:
//! - `previous_plan[i].locked: true` and a top-level `pinned` list of blocks: blocks the user
//!   accepted or placed; they stay exactly where they are unless an event now covers them
//!   (see the crate docs, "Blocks the user placed").
//! - `habits`: recurring flexible goals, expanded into one task per day or week
//!   (see [`crate::habits`]).

use std::collections::{BTreeMap, BTreeSet};

use chrono_tz::Tz;
use serde_json::{Map, Value};

use crate::error::{PlannerError, Result};
use crate::habits::Habit;
use crate::time::parse_time;
use crate::time::windows::{WeeklyHours, DAY_KEYS};

/// The only format version this crate reads.
pub const FORMAT_VERSION: i64 = 1;

/// Longest horizon accepted: the slot model holds one entry per 5 minutes.
const MAX_HORIZON_S: i64 = 3 * 366 * 86_400;

/// Priority 1 (highest) to 4; the constructor refuses anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Priority(u8);

impl Priority {
    pub fn new(p: i64) -> Option<Priority> {
        (1..=4).contains(&p).then_some(Priority(p as u8))
    }
    pub fn get(self) -> u8 {
        self.0
    }
    /// Score weight `w`: 1 → 8, 2 → 4, 3 → 2, 4 → 1.
    pub fn weight(self) -> i64 {
        1 << (4 - self.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub duration_min: u32,
    pub min_chunk_min: u32,
    pub max_chunk_min: u32,
    pub due: Option<i64>,
    /// Only ever true together with a `due` (parsing refuses `hard_due` without one).
    pub hard_due: bool,
    pub earliest_start: Option<i64>,
    pub priority: Priority,
    pub hours: String,
    pub depends_on: Vec<String>,
    pub project: String,
}

impl Task {
    /// Smallest allowed block (rule 4, note 6).
    pub fn eff_min_chunk(&self) -> u32 {
        self.min_chunk_min.min(self.duration_min)
    }
    pub fn weight(&self) -> i64 {
        self.priority.weight()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Busy {
    pub id: String,
    pub start: i64,
    pub end: i64,
    pub title: String,
}

/// A block of an earlier plan (or a pinned block), in epoch seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct PrevBlock {
    pub task: String,
    pub start: i64,
    pub end: i64,
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    pub buffer_min: u32,
    pub max_task_min_per_day: Option<u32>,
    /// Rule 9: minutes between two blocks of the same task, end to start (0: none).
    pub task_break_min: u32,
    /// Frozen horizon (extension): previous-plan blocks that start within this many minutes
    /// of `now` are kept like locked ones, so they move only when an event overlaps them.
    pub frozen_min: u32,
    /// Churn budget of a re-plan (extension): at most this many minutes of still-valid
    /// previous blocks may move to make room for others; `None`: no limit. Blocks an event
    /// or a broken rule displaces move regardless (`PlanStats::moved_min` counts all).
    pub churn_budget_min: Option<u32>,
}

/// A validated problem. Construct with [`Problem::from_json_str`] or [`Problem::from_value`].
#[derive(Debug, Clone)]
pub struct Problem {
    pub timezone: Tz,
    pub now: i64,
    pub horizon_end: i64,
    pub hours: BTreeMap<String, WeeklyHours>,
    /// Sorted by (start, end).
    pub busy: Vec<Busy>,
    pub tasks: Vec<Task>,
    pub settings: Settings,
    pub previous_plan: Option<Vec<PrevBlock>>,
    /// Pinned blocks (extension); they behave like locked previous blocks.
    pub pinned: Vec<PrevBlock>,
    /// Habits (extension), not yet expanded; see [`Problem::expanded`].
    pub habits: Vec<Habit>,
}

impl<'de> serde::Deserialize<'de> for Problem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Problem::from_value(&v).map_err(serde::de::Error::custom)
    }
}

fn err<T>(msg: String) -> Result<T> {
    Err(PlannerError::Invalid(msg))
}

pub(crate) fn obj<'a>(v: &'a Value, field: &str) -> Result<&'a Map<String, Value>> {
    v.as_object().map_or_else(|| err(format!("{field}: expected an object")), Ok)
}

/// Missing and `null` both mean "absent" (note 16).
pub(crate) fn opt<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    o.get(key).filter(|v| !v.is_null())
}

pub(crate) fn int(v: &Value, field: &str, min: i64) -> Result<i64> {
    match v.as_i64() {
        Some(n) if n >= min => Ok(n),
        Some(n) => err(format!("{field}: must be at least {min}, got {n}")),
        None => err(format!("{field}: expected a whole number, got {v}")),
    }
}

pub(crate) fn string(v: &Value, field: &str) -> Result<String> {
    v.as_str().map(str::to_owned).map_or_else(|| err(format!("{field}: expected a string, got {v}")), Ok)
}

pub(crate) fn time(o: &Map<String, Value>, key: &str, field: &str) -> Result<i64> {
    match opt(o, key) {
        Some(Value::String(s)) => parse_time(s, field),
        Some(v) => err(format!("{field}: expected an RFC 3339 time string, got {v}")),
        None => err(format!("{field}: missing")),
    }
}

fn opt_time(o: &Map<String, Value>, key: &str, field: &str) -> Result<Option<i64>> {
    opt(o, key).map(|_| time(o, key, field)).transpose()
}

pub(crate) fn hhmm(v: &Value, field: &str, end: bool) -> Result<u32> {
    let s = v.as_str().ok_or_else(|| PlannerError::invalid(format!("{field}: expected \"HH:MM\", got {v}")))?;
    let parsed = s.split_once(':').and_then(|(h, m)| Some((h.parse::<u32>().ok()?, m.parse::<u32>().ok()?)));
    match parsed {
        Some((h, m)) if m < 60 && (h < 24 || (end && h == 24 && m == 0)) => Ok(h * 60 + m),
        _ => err(format!("{field}: {s:?} is not a time of day")),
    }
}

/// One day's list of `["HH:MM", "HH:MM"]` windows.
pub(crate) fn day_windows(v: &Value, field: &str) -> Result<Vec<(u32, u32)>> {
    let list =
        v.as_array().ok_or_else(|| PlannerError::invalid(format!("{field}: expected a list of [start, end] pairs")))?;
    let mut out = Vec::new();
    for (i, w) in list.iter().enumerate() {
        let f = format!("{field}[{i}]");
        let pair = w
            .as_array()
            .filter(|p| p.len() == 2)
            .ok_or_else(|| PlannerError::invalid(format!("{f}: expected [\"HH:MM\", \"HH:MM\"]")))?;
        let a = hhmm(&pair[0], &format!("{f} start"), false)?;
        let b = hhmm(&pair[1], &format!("{f} end"), true)?;
        if b <= a {
            return err(format!("{f}: end is not after start"));
        }
        out.push((a, b));
    }
    Ok(out)
}

fn weekly(v: &Value, field: &str) -> Result<WeeklyHours> {
    let mut h = WeeklyHours::default();
    for (key, list) in obj(v, field)? {
        let Some(k) = DAY_KEYS.iter().position(|d| d == key) else {
            return err(format!("{field}: unknown day {key:?} (use mon..sun)"));
        };
        h.days[k] = day_windows(list, &format!("{field}.{key}"))?;
    }
    Ok(h)
}

fn blocks(v: &Value, field: &str) -> Result<Vec<PrevBlock>> {
    let list = v.as_array().ok_or_else(|| PlannerError::invalid(format!("{field}: expected a list of blocks")))?;
    list.iter()
        .enumerate()
        .map(|(i, b)| {
            let f = format!("{field}[{i}]");
            let o = obj(b, &f)?;
            let task = string(opt(o, "task").unwrap_or(&Value::Null), &format!("{f}.task"))?;
            let locked = match opt(o, "locked") {
                None => false,
                Some(Value::Bool(x)) => *x,
                Some(_) => return err(format!("{f}.locked: expected true or false")),
            };
            Ok(PrevBlock {
                task,
                start: time(o, "start", &format!("{f}.start"))?,
                end: time(o, "end", &format!("{f}.end"))?,
                locked,
            })
        })
        .collect()
}

impl Problem {
    /// Reads a problem (FORMAT.md) and checks it as [`Problem::check`] does.
    ///
    /// # Errors
    ///
    /// [`PlannerError::Json`] when `text` is not JSON; [`PlannerError::Invalid`] naming the field
    /// when a field is missing or wrong or the problem breaks an invariant.
    pub fn from_json_str(text: &str) -> Result<Problem> {
        let v: Value = serde_json::from_str(text)?;
        Problem::from_value(&v)
    }

    /// Reads a problem from parsed JSON and checks it as [`Problem::check`] does.
    ///
    /// # Errors
    ///
    /// [`PlannerError::Invalid`] naming the field when a field is missing or wrong or the problem
    /// breaks an invariant.
    pub fn from_value(v: &Value) -> Result<Problem> {
        let o = obj(v, "problem")?;
        if let Some(ver) = opt(o, "version") {
            if ver.as_i64() != Some(FORMAT_VERSION) {
                return err(format!("version: this planner reads version {FORMAT_VERSION}, got {ver}"));
            }
        }
        let tz_name = string(opt(o, "timezone").unwrap_or(&Value::Null), "timezone")?;
        let timezone: Tz =
            tz_name.parse().map_err(|_| PlannerError::invalid(format!("timezone: unknown zone {tz_name:?}")))?;
        let now = time(o, "now", "now")?;
        let horizon_end = time(o, "horizon_end", "horizon_end")?;
        if horizon_end < now {
            return err("horizon_end: is before now".into());
        }
        if horizon_end - now > MAX_HORIZON_S {
            return err("horizon_end: more than 3 years after now; plan a shorter horizon".into());
        }
        let mut hours = BTreeMap::new();
        if let Some(h) = opt(o, "hours") {
            for (name, spec) in obj(h, "hours")? {
                hours.insert(name.clone(), weekly(spec, &format!("hours.{name}"))?);
            }
        }
        let settings = match opt(o, "settings") {
            None => Settings::default(),
            Some(s) => {
                let s = obj(s, "settings")?;
                let buffer = opt(s, "buffer_min").map(|b| int(b, "settings.buffer_min", 0)).transpose()?.unwrap_or(0);
                let cap =
                    opt(s, "max_task_min_per_day").map(|c| int(c, "settings.max_task_min_per_day", 0)).transpose()?;
                let task_break =
                    opt(s, "task_break_min").map(|b| int(b, "settings.task_break_min", 0)).transpose()?.unwrap_or(0);
                let frozen = opt(s, "frozen_min").map(|b| int(b, "settings.frozen_min", 0)).transpose()?.unwrap_or(0);
                let budget = match opt(s, "churn_budget_min") {
                    None | Some(Value::Null) => None,
                    Some(b) => Some(int(b, "settings.churn_budget_min", 0)?),
                };
                Settings {
                    buffer_min: u32::try_from(buffer)
                        .map_err(|_| PlannerError::invalid("settings.buffer_min: too large"))?,
                    max_task_min_per_day: cap.map(|c| u32::try_from(c).unwrap_or(u32::MAX)),
                    task_break_min: u32::try_from(task_break)
                        .map_err(|_| PlannerError::invalid("settings.task_break_min: too large"))?,
                    frozen_min: u32::try_from(frozen)
                        .map_err(|_| PlannerError::invalid("settings.frozen_min: too large"))?,
                    churn_budget_min: budget
                        .map(|b| {
                            u32::try_from(b).map_err(|_| PlannerError::invalid("settings.churn_budget_min: too large"))
                        })
                        .transpose()?,
                }
            }
        };
        let mut busy = Vec::new();
        if let Some(b) = opt(o, "busy") {
            let list = b.as_array().ok_or_else(|| PlannerError::invalid("busy: expected a list"))?;
            for (i, e) in list.iter().enumerate() {
                let f = format!("busy[{i}]");
                let eo = obj(e, &f)?;
                let start = time(eo, "start", &format!("{f}.start"))?;
                let end = time(eo, "end", &format!("{f}.end"))?;
                if end < start {
                    return err(format!("{f}: ends before it starts"));
                }
                let id = opt(eo, "id").and_then(Value::as_str).map_or_else(|| format!("#{i}"), str::to_owned);
                let title = opt(eo, "title").and_then(Value::as_str).unwrap_or("").to_owned();
                busy.push(Busy { id, start, end, title });
            }
        }
        busy.sort_by_key(|b| (b.start, b.end));
        let list =
            opt(o, "tasks").and_then(Value::as_array).ok_or_else(|| PlannerError::invalid("tasks: expected a list"))?;
        let mut tasks = Vec::with_capacity(list.len());
        for (i, t) in list.iter().enumerate() {
            tasks.push(parse_task(t, i)?);
        }
        let previous_plan = opt(o, "previous_plan").map(|p| blocks(p, "previous_plan")).transpose()?;
        let pinned = opt(o, "pinned").map(|p| blocks(p, "pinned")).transpose()?.unwrap_or_default();
        let habits = match opt(o, "habits") {
            None => Vec::new(),
            Some(h) => {
                let list = h.as_array().ok_or_else(|| PlannerError::invalid("habits: expected a list"))?;
                list.iter()
                    .enumerate()
                    .map(|(i, x)| Habit::from_value(x, &format!("habits[{i}]")))
                    .collect::<Result<_>>()?
            }
        };
        let p = Problem { timezone, now, horizon_end, hours, busy, tasks, settings, previous_plan, pinned, habits };
        p.check()?;
        Ok(p)
    }

    /// The invariants the planner relies on: horizon after now, sane task numbers, unique
    /// ids, known hours sets and prerequisites, no cycles. Parsing runs it; call it on a
    /// problem built in code ([`crate::plan`] refuses to plan one that fails it).
    ///
    /// # Errors
    ///
    /// [`PlannerError::Invalid`] naming the first field that breaks an invariant.
    pub fn check(&self) -> Result<()> {
        if self.horizon_end < self.now {
            return err("horizon_end: is before now".into());
        }
        if self.horizon_end - self.now > MAX_HORIZON_S {
            return err("horizon_end: more than 3 years after now; plan a shorter horizon".into());
        }
        for (name, h) in &self.hours {
            if h.days.iter().flatten().any(|&(a, b)| b <= a || b > 24 * 60) {
                return err(format!("hours.{name}: a window must end after it starts, by 24:00"));
            }
        }
        for t in &self.tasks {
            if t.duration_min < 1 || t.min_chunk_min < 1 || t.max_chunk_min < t.eff_min_chunk() {
                return err(format!("task {:?}: duration_min and chunk sizes must allow a block", t.id));
            }
            if t.hard_due && t.due.is_none() {
                return err(format!("task {:?}.hard_due: is true but the task has no due", t.id));
            }
        }
        let mut ids = BTreeMap::new();
        for (i, t) in self.tasks.iter().enumerate() {
            if ids.insert(t.id.as_str(), i).is_some() {
                return err(format!("task {:?}: duplicate id", t.id));
            }
            if !self.hours.contains_key(&t.hours) {
                return err(format!("task {:?}.hours: no hours set named {:?} in the problem", t.id, t.hours));
            }
        }
        for t in &self.tasks {
            for d in &t.depends_on {
                if !ids.contains_key(d.as_str()) {
                    return err(format!("task {:?}.depends_on: unknown task {d:?}", t.id));
                }
            }
        }
        // Cycle check: iterative DFS with colours (1 on stack, 2 done).
        let mut state = vec![0u8; self.tasks.len()];
        for root in 0..self.tasks.len() {
            if state[root] != 0 {
                continue;
            }
            let mut stack = vec![(root, 0usize)];
            state[root] = 1;
            while let Some(&mut (t, ref mut k)) = stack.last_mut() {
                if let Some(d) = self.tasks[t].depends_on.get(*k) {
                    *k += 1;
                    let di = ids[d.as_str()];
                    match state[di] {
                        1 => {
                            return err(format!(
                                "task {:?}.depends_on: dependency cycle through {d:?}",
                                self.tasks[t].id
                            ))
                        }
                        0 => {
                            state[di] = 1;
                            stack.push((di, 0));
                        }
                        _ => {}
                    }
                } else {
                    state[t] = 2;
                    stack.pop();
                }
            }
        }
        let habit_ids: BTreeSet<&str> = self.habits.iter().map(|h| h.id.as_str()).collect();
        if habit_ids.len() != self.habits.len() {
            return err("habits: duplicate habit id".into());
        }
        for h in &self.habits {
            if let crate::habits::HabitHours::Named(n) = &h.hours {
                if !self.hours.contains_key(n) {
                    return err(format!("habit {:?}.hours: no hours set named {n:?}", h.id));
                }
            }
        }
        Ok(())
    }

    pub fn task_index(&self) -> BTreeMap<&str, usize> {
        self.tasks.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect()
    }

    /// The problem with habits turned into ordinary tasks (and their own hours sets); a
    /// problem without habits is returned unchanged. Validation and scoring of a plan for a
    /// problem with habits use this expanded form.
    pub fn expanded(&self) -> Problem {
        if self.habits.is_empty() {
            return self.clone();
        }
        let mut p = self.clone();
        crate::habits::expand_into(&mut p);
        p
    }
}

fn parse_task(v: &Value, i: usize) -> Result<Task> {
    let o = obj(v, &format!("tasks[{i}]"))?;
    let id = string(opt(o, "id").unwrap_or(&Value::Null), &format!("tasks[{i}].id"))?;
    let w = format!("task {id:?}");
    let dur = int(opt(o, "duration_min").unwrap_or(&Value::Null), &format!("{w}.duration_min"), 1)?;
    let mn = opt(o, "min_chunk_min").map(|x| int(x, &format!("{w}.min_chunk_min"), 1)).transpose()?.unwrap_or(dur);
    let mx = opt(o, "max_chunk_min").map(|x| int(x, &format!("{w}.max_chunk_min"), 1)).transpose()?.unwrap_or(dur);
    if mx < mn.min(dur) {
        return err(format!(
            "{w}.max_chunk_min: {mx} is below the smallest allowed block {}, so no block could be placed",
            mn.min(dur)
        ));
    }
    let small = |x: i64, f: &str| u32::try_from(x).map_err(|_| PlannerError::invalid(format!("{w}.{f}: too large")));
    let due = opt_time(o, "due", &format!("{w}.due"))?;
    let hard_due = match opt(o, "hard_due") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return err(format!("{w}.hard_due: expected true or false")),
    };
    if hard_due && due.is_none() {
        return err(format!("{w}.hard_due: is true but the task has no due"));
    }
    let earliest_start = opt_time(o, "earliest_start", &format!("{w}.earliest_start"))?;
    let prio = opt(o, "priority").map(|x| int(x, &format!("{w}.priority"), i64::MIN)).transpose()?.unwrap_or(3);
    let priority =
        Priority::new(prio).ok_or_else(|| PlannerError::invalid(format!("{w}.priority: must be 1..4, got {prio}")))?;
    let hours = opt(o, "hours").map(|x| string(x, &format!("{w}.hours"))).transpose()?.unwrap_or_else(|| "work".into());
    let mut depends_on: Vec<String> = Vec::new();
    if let Some(d) = opt(o, "depends_on") {
        let list = d
            .as_array()
            .ok_or_else(|| PlannerError::invalid(format!("{w}.depends_on: expected a list of task ids")))?;
        for x in list {
            let s = string(x, &format!("{w}.depends_on"))?;
            if !depends_on.contains(&s) {
                depends_on.push(s);
            }
        }
    }
    let project = opt(o, "project").map(|x| string(x, &format!("{w}.project"))).transpose()?.unwrap_or_default();
    let title = opt(o, "title").and_then(Value::as_str).unwrap_or("").to_owned();
    Ok(Task {
        id,
        title,
        duration_min: small(dur, "duration_min")?,
        min_chunk_min: small(mn, "min_chunk_min")?,
        max_chunk_min: small(mx, "max_chunk_min")?,
        due,
        hard_due,
        earliest_start,
        priority,
        hours,
        depends_on,
        project,
    })
}
