//! A problem written back as FORMAT.md JSON. With habits expanded ([`Problem::expanded`]) this
//! is what the shared referee and baseline read: habits are scored as the tasks they become.

use serde_json::{json, Map, Value};

use crate::problem::{PrevBlock, Problem};
use crate::time::format_time;
use crate::time::windows::DAY_KEYS;

impl Problem {
    /// The problem as FORMAT.md JSON (habits are written only as the tasks they expanded into,
    /// so expand first; `pinned` and locked blocks are kept as the extensions they are).
    pub fn to_value(&self) -> Value {
        let t = |e: i64| format_time(self.timezone, e);
        let hm = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
        let hours: Map<String, Value> = self
            .hours
            .iter()
            .map(|(name, w)| {
                let days: Map<String, Value> = DAY_KEYS
                    .iter()
                    .zip(&w.days)
                    .filter(|(_, d)| !d.is_empty())
                    .map(|(k, d)| ((*k).to_string(), json!(d.iter().map(|&(a, b)| [hm(a), hm(b)]).collect::<Vec<_>>())))
                    .collect();
                (name.clone(), Value::Object(days))
            })
            .collect();
        let blocks = |list: &[PrevBlock]| -> Value {
            list.iter()
                .map(|b| json!({"task": b.task, "start": t(b.start), "end": t(b.end), "locked": b.locked}))
                .collect()
        };
        let mut v = json!({
            "version": crate::FORMAT_VERSION,
            "timezone": self.timezone.name(),
            "now": t(self.now),
            "horizon_end": t(self.horizon_end),
            "hours": hours,
            "busy": self.busy.iter().map(|b| json!({"id": b.id, "title": b.title, "start": t(b.start), "end": t(b.end)})).collect::<Vec<_>>(),
            "tasks": self.tasks.iter().map(|k| {
                let mut o = json!({
                    "id": k.id, "title": k.title, "duration_min": k.duration_min, "min_chunk_min": k.min_chunk_min,
                    "max_chunk_min": k.max_chunk_min, "priority": k.priority.get(), "hours": k.hours,
                    "depends_on": k.depends_on, "project": k.project,
                });
                if let Some(d) = k.due {
                    o["due"] = json!(t(d));
                    o["hard_due"] = json!(k.hard_due);
                }
                if let Some(e) = k.earliest_start {
                    o["earliest_start"] = json!(t(e));
                }
                o
            }).collect::<Vec<_>>(),
            "settings": {
                "buffer_min": self.settings.buffer_min,
                "max_task_min_per_day": self.settings.max_task_min_per_day,
                "task_break_min": self.settings.task_break_min,
            },
        });
        if let Some(prev) = &self.previous_plan {
            v["previous_plan"] = blocks(prev);
        }
        if !self.pinned.is_empty() {
            v["pinned"] = blocks(&self.pinned);
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{plan, Options};

    #[test]
    fn an_expanded_problem_written_and_read_again_plans_the_same() {
        let v = json!({
            "version": 1, "timezone": "Europe/Berlin",
            "now": "2026-11-23T08:00:00+01:00", "horizon_end": "2026-11-30T00:00:00+01:00",
            "hours": {"work": {"mon": [["09:00", "12:30"], ["13:30", "17:00"]], "tue": [["09:00", "17:00"]], "sun": [["22:00", "24:00"]]}},
            "busy": [{"id": "e", "title": "Dentist", "start": "2026-11-24T09:00:00+01:00", "end": "2026-11-24T10:00:00+01:00"}],
            "tasks": [{"id": "a", "title": "Write", "duration_min": 120, "min_chunk_min": 30, "max_chunk_min": 60,
                       "due": "2026-11-24T12:00:00+01:00", "hard_due": true, "priority": 2, "project": "p"},
                      {"id": "b", "title": "Read", "duration_min": 45, "depends_on": ["a"],
                       "earliest_start": "2026-11-24T08:00:00+01:00"}],
            "habits": [{"id": "study", "minutes": 120, "per": "week", "min_chunk_min": 30, "max_chunk_min": 60,
                        "window": {"days": ["mon", "tue", "wed"], "start": "18:00", "end": "21:00"}}],
            "settings": {"buffer_min": 10, "max_task_min_per_day": 240, "task_break_min": 15},
            "pinned": [{"task": "a", "start": "2026-11-23T09:00:00+01:00", "end": "2026-11-23T09:30:00+01:00"}]
        });
        let p = Problem::from_value(&v).expect("valid");
        let expanded = p.expanded();
        let again = Problem::from_value(&expanded.to_value()).expect("written back readable");
        assert!(again.habits.is_empty() && again.tasks.len() == expanded.tasks.len());
        assert_eq!(again.hours.len(), expanded.hours.len());
        assert_eq!(plan(&again, &Options::default()).blocks, plan(&p, &Options::default()).blocks);
    }
}
