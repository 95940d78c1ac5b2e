//! Estimates that learn: how long work under a tag or project really takes against its
//! estimate, from finished tasks. The planner uses it when the setting "use learned
//! estimates when planning" is on; the services show it as a hint.
//!
//! Method: each finished task gives one sample, `ln(actual / estimate)` (clamped to ±ln 8 so
//! one forgotten timer does not swamp the rest), filed under each of its tags (`#writing`) and
//! its project (`+book`). A key's factor is `exp(sum / (n + PRIOR))`: the mean log-ratio
//! shrunk toward 0 (a factor of 1, "the estimate is right") as if `PRIOR` samples had said
//! so, and none at all below `MIN_SAMPLES`. A task takes the factor of its key with the most
//! samples. Log-ratios make 2× too long and 2× too short equally far from right; shrinkage
//! keeps a few samples from moving the estimate much.

use crate::error::Result;
use miraage_store::{EstimateSample, Store};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// Samples a key needs before its factor is used at all.
pub const MIN_SAMPLES: u32 = 3;
/// How many "the estimate was right" samples the mean is shrunk with.
pub const PRIOR: f64 = 4.0;
const MAX_LOG_RATIO: f64 = 2.079_441_541_679_835_8; // ln 8

/// One finished task: its keys (`#tag`, `+project`), estimate and minutes really spent.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub keys: Vec<String>,
    pub estimate_min: u32,
    pub actual_min: u32,
}

impl Sample {
    /// The keys of a task: each tag as `#tag`, the project as `+project`.
    pub fn keys_of(tags: &[String], project: Option<&str>) -> Vec<String> {
        let mut keys: Vec<String> = tags.iter().map(|t| format!("#{}", t.to_lowercase())).collect();
        keys.extend(project.map(|p| format!("+{}", p.to_lowercase())));
        keys
    }

    fn from_store(s: &EstimateSample) -> Option<Self> {
        Some(Sample {
            keys: Self::keys_of(&s.task.tags, s.task.project.as_deref()),
            estimate_min: s.task.estimate_min?,
            actual_min: s.actual_min,
        })
    }
}

/// What the learner says about one key.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Factor {
    /// `#writing` or `+book`.
    pub key: String,
    /// Actual over estimate, shrunk: 1.4 means 40% longer than estimated.
    pub ratio: f64,
    pub samples: u32,
}

/// The learned factors by key.
#[derive(Debug, Clone, Default)]
pub struct Learner {
    sums: HashMap<String, (u32, f64)>,
}

impl Learner {
    pub fn fit(samples: &[Sample]) -> Self {
        let mut l = Learner::default();
        for s in samples {
            l.add(s);
        }
        l
    }

    pub fn add(&mut self, s: &Sample) {
        if s.estimate_min == 0 || s.actual_min == 0 {
            return;
        }
        let r = (f64::from(s.actual_min) / f64::from(s.estimate_min)).ln().clamp(-MAX_LOG_RATIO, MAX_LOG_RATIO);
        for k in &s.keys {
            let e = self.sums.entry(k.clone()).or_default();
            e.0 += 1;
            e.1 += r;
        }
    }

    /// The factor of one key (`None` below [`MIN_SAMPLES`]).
    pub fn factor_of(&self, key: &str) -> Option<Factor> {
        let &(n, sum) = self.sums.get(key)?;
        (n >= MIN_SAMPLES).then(|| Factor {
            key: key.to_string(),
            ratio: (sum / (f64::from(n) + PRIOR)).exp(),
            samples: n,
        })
    }

    /// The factor for a task with these keys: its best-known key's.
    pub fn factor(&self, keys: &[String]) -> Option<Factor> {
        keys.iter().filter_map(|k| self.factor_of(k)).max_by_key(|f| f.samples)
    }

    /// The estimate the learner would plan with (the user's own when it knows nothing).
    pub fn predict(&self, keys: &[String], estimate_min: u32) -> f64 {
        f64::from(estimate_min) * self.factor(keys).map_or(1.0, |f| f.ratio)
    }

    /// The minutes to plan for an estimate of `estimate_min` under these tags and project:
    /// the learned factor applied, to the nearest 5 minutes (the estimate itself when the
    /// learner knows none of its keys).
    pub fn planned_minutes(&self, tags: &[String], project: Option<&str>, estimate_min: u32) -> u32 {
        match self.factor(&Sample::keys_of(tags, project)) {
            Some(f) => round_to_5(f64::from(estimate_min) * f.ratio),
            None => estimate_min,
        }
    }

    /// Every key's factor, most samples first.
    pub fn factors(&self) -> Vec<Factor> {
        let mut all: Vec<Factor> = self.sums.keys().filter_map(|k| self.factor_of(k)).collect();
        all.sort_by(|a, b| b.samples.cmp(&a.samples).then_with(|| a.key.cmp(&b.key)));
        all
    }
}

/// To the nearest 5 minutes, within what an estimate may be (5 minutes to 100 hours).
pub fn round_to_5(m: f64) -> u32 {
    let m = (m / 5.0).round() * 5.0;
    m.clamp(5.0, 6000.0) as u32
}

/// The learner over the store's finished tasks.
///
/// # Errors
/// [`crate::SchedulingError::Store`] when the database cannot be read.
pub fn learner(store: &Store) -> Result<Learner> {
    Ok(learner_of(&store.estimate_samples()?))
}

/// The learner over finished tasks already read from the store.
pub fn learner_of(finished: &[EstimateSample]) -> Learner {
    let samples: Vec<Sample> = finished.iter().filter_map(Sample::from_store).collect();
    Learner::fit(&samples)
}
