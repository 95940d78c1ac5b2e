//! When work really gets done: minutes of done blocks by hour of day and day of week (in the
//! user's zone), and a planning preference in words when one part of the day stands out.

use chrono::{Datelike, Timelike};
use chrono_tz::Tz;
use miraage_domain::TimeOfDay;
use miraage_store::{BlockFact, Outcome};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// Done blocks needed before a preference is offered.
const MIN_BLOCKS: usize = 10;
/// The share of done minutes a part of the day needs to be called out.
const SHARE: f64 = 0.5;
/// Each part of the day with the planning preference it becomes (nights: none to plan in).
const PARTS: [(&str, u32, u32, Option<TimeOfDay>); 4] = [
    ("mornings", 5, 12, Some(TimeOfDay::Morning)),
    ("afternoons", 12, 17, Some(TimeOfDay::Afternoon)),
    ("evenings", 17, 22, Some(TimeOfDay::Evening)),
    ("nights", 22, 29, None),
];
const DAYS: [&str; 7] = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];

/// Done minutes by local hour (0–23) and weekday (Monday first), and the preference.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WorkPattern {
    pub by_hour: Vec<u32>,
    pub by_weekday: Vec<u32>,
    /// "You get most done in the mornings (64% of done minutes) and on Tuesdays: prefer mornings for #deep?"
    pub preference: Option<String>,
    /// What *Use it* saves: the preference's tag and part of the day (none for nights or
    /// without a tag).
    pub suggestion: Option<TagPart>,
}

/// A tag's preferred part of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TagPart {
    /// Lower case, without `#`.
    pub tag: String,
    pub part: TimeOfDay,
    /// Already saved in the planning settings.
    pub used: bool,
}

/// Done minutes summed block by block (the analytics' one pass), then put in words.
#[derive(Debug, Clone)]
pub struct PatternSums {
    zone: Tz,
    by_hour: Vec<u32>,
    by_weekday: Vec<u32>,
    blocks: usize,
}

impl PatternSums {
    pub fn new(zone: Tz) -> Self {
        PatternSums { zone, by_hour: vec![0; 24], by_weekday: vec![0; 7], blocks: 0 }
    }

    /// Counts a block when it was done or partly done with minutes spent.
    pub fn add(&mut self, b: &BlockFact<'_>) {
        let (Some(Outcome::Done | Outcome::Partly), Some(m)) = (b.outcome, b.actual_min) else { return };
        if m == 0 {
            return;
        }
        self.blocks += 1;
        let local = b.start.with_timezone(&self.zone);
        self.by_hour[local.hour() as usize] += m;
        self.by_weekday[local.weekday().num_days_from_monday() as usize] += m;
    }

    /// The pattern, with `tag_minutes` the done minutes of each tag over the same blocks and
    /// `preferred` the parts of the day the planning settings prefer by tag.
    pub fn finish(self, tag_minutes: &BTreeMap<String, u32>, preferred: &BTreeMap<String, TimeOfDay>) -> WorkPattern {
        let PatternSums { by_hour, by_weekday, blocks, .. } = self;
        let total: u32 = by_hour.iter().sum();
        let found = (blocks >= MIN_BLOCKS && total > 0)
            .then(|| {
                let (part, share, plan_part) = PARTS
                    .iter()
                    .map(|(name, from, to, plan_part)| {
                        let m: u32 = (*from..*to).map(|h| by_hour[(h % 24) as usize]).sum();
                        (*name, f64::from(m) / f64::from(total), *plan_part)
                    })
                    .max_by(|a, b| a.1.total_cmp(&b.1))?;
                if share < SHARE {
                    return None;
                }
                let day = (0..7).max_by_key(|d| by_weekday[*d]).map(|d| DAYS[d]).unwrap_or("weekdays");
                let tag = tag_minutes.iter().filter(|(_, m)| **m > 0).max_by_key(|(_, m)| **m).map(|(t, _)| t);
                let sentence = format!(
                    "You get most done in the {part} ({:.0}% of done minutes) and on {day}: prefer {part}{}?",
                    share * 100.0,
                    tag.map(|t| format!(" for #{t}")).unwrap_or_default()
                );
                let suggestion = tag.zip(plan_part).map(|(t, part)| TagPart {
                    tag: miraage_scheduling::tag_key(t),
                    part,
                    used: preferred.get(&miraage_scheduling::tag_key(t)) == Some(&part),
                });
                Some((sentence, suggestion))
            })
            .flatten();
        let (preference, suggestion) = found.map_or((None, None), |(p, s)| (Some(p), s));
        WorkPattern { by_hour, by_weekday, preference, suggestion }
    }
}
