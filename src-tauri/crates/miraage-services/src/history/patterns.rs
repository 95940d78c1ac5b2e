//! When work really gets done: minutes of done blocks by hour of day and day of week (in the
//! user's zone), and a planning preference in words when one part of the day stands out.

use chrono::{Datelike, Timelike};
use chrono_tz::Tz;
use miraage_store::{HistoryRecord, Outcome};
use serde::Serialize;
use ts_rs::TS;

/// Done blocks needed before a preference is offered.
const MIN_BLOCKS: usize = 10;
/// The share of done minutes a part of the day needs to be called out.
const SHARE: f64 = 0.5;
const PARTS: [(&str, u32, u32); 4] =
    [("mornings", 5, 12), ("afternoons", 12, 17), ("evenings", 17, 22), ("nights", 22, 29)];
const DAYS: [&str; 7] = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];

/// Done minutes by local hour (0–23) and weekday (Monday first), and the preference.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WorkPattern {
    pub by_hour: Vec<u32>,
    pub by_weekday: Vec<u32>,
    /// "You get most done in the mornings (64% of done minutes) and on Tuesdays: prefer mornings for #deep?"
    pub preference: Option<String>,
}

/// The pattern of the done and partly done blocks among `records`.
pub fn pattern(records: &[HistoryRecord], zone: Tz) -> WorkPattern {
    let (mut by_hour, mut by_weekday) = (vec![0u32; 24], vec![0u32; 7]);
    let mut tags: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
    let mut blocks = 0;
    for r in records {
        let (Some(Outcome::Done | Outcome::Partly), Some(m)) = (r.outcome, r.actual_min) else { continue };
        if m == 0 {
            continue;
        }
        blocks += 1;
        let local = r.start.with_timezone(&zone);
        by_hour[local.hour() as usize] += m;
        by_weekday[local.weekday().num_days_from_monday() as usize] += m;
        for t in &r.task.tags {
            *tags.entry(t.as_str()).or_default() += m;
        }
    }
    let total: u32 = by_hour.iter().sum();
    let preference = (blocks >= MIN_BLOCKS && total > 0)
        .then(|| {
            let (part, share) = PARTS
                .iter()
                .map(|(name, from, to)| {
                    let m: u32 = (*from..*to).map(|h| by_hour[(h % 24) as usize]).sum();
                    (*name, f64::from(m) / f64::from(total))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1))?;
            if share < SHARE {
                return None;
            }
            let day = (0..7).max_by_key(|d| by_weekday[*d]).map(|d| DAYS[d]).unwrap_or("weekdays");
            let tag = tags.iter().max_by_key(|(_, m)| **m).map(|(t, _)| format!(" for #{t}")).unwrap_or_default();
            Some(format!(
                "You get most done in the {part} ({:.0}% of done minutes) and on {day}: prefer {part}{tag}?",
                share * 100.0
            ))
        })
        .flatten();
    WorkPattern { by_hour, by_weekday, preference }
}
