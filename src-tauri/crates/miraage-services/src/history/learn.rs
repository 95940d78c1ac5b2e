//! Estimates that learn, as the user sees them: the hint beside a task's estimate. The
//! learner itself is the planner's ([`miraage_scheduling::learned`]), which also applies it
//! when the setting "use learned estimates when planning" is on.

use crate::error::Result;
pub use miraage_scheduling::learned::{learner_of, round_to_5, Factor, Learner, Sample, MIN_SAMPLES, PRIOR};
use miraage_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A factor this close to 1 is not worth a hint.
const HINT_THRESHOLD: f64 = 0.15;

/// A suggestion beside a task's estimate; the estimate itself is never changed here.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EstimateHint {
    /// "#writing usually takes you 1.4× longer: plan 1 h 25 min?"
    pub text: String,
    pub suggested_min: u32,
    pub factor: Factor,
}

/// The learner over the store's finished tasks.
///
/// # Errors
/// Store failures.
pub fn learner(store: &Store) -> Result<Learner> {
    Ok(miraage_scheduling::learned::learner(store)?)
}

/// The hint for an estimate of `estimate_min` under these tags and project, when the
/// learner knows the key well enough and the difference is worth saying.
pub fn hint(learner: &Learner, tags: &[String], project: Option<&str>, estimate_min: u32) -> Option<EstimateHint> {
    let factor = learner.factor(&Sample::keys_of(tags, project))?;
    if (factor.ratio - 1.0).abs() < HINT_THRESHOLD || estimate_min == 0 {
        return None;
    }
    let suggested = round_to_5(f64::from(estimate_min) * factor.ratio);
    let how = if factor.ratio > 1.0 {
        format!("{:.1}× longer", factor.ratio)
    } else {
        format!("{:.0}% of the time", factor.ratio * 100.0)
    };
    Some(EstimateHint {
        text: format!("{} usually takes you {how}: plan {}?", factor.key, super::minutes_text(suggested)),
        suggested_min: suggested,
        factor,
    })
}

/// What the task editor asks about as the user types: the estimate under these tags and
/// project.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct EstimateQuery {
    pub tags: Vec<String>,
    pub project: Option<String>,
    pub estimate_min: u32,
}

/// The hint for an estimate being typed, if any.
///
/// # Errors
/// Store failures.
pub fn hint_for(store: &Store, query: &EstimateQuery) -> Result<Option<EstimateHint>> {
    let project = query.project.as_deref().map(str::trim).filter(|p| !p.is_empty());
    Ok(hint(&learner(store)?, &query.tags, project, query.estimate_min))
}

/// The hint for one task (by its key, as the task editor names it), if any.
///
/// # Errors
/// [`crate::ServiceError::NotFound`] when no task is named so; store failures.
pub fn hint_for_task(store: &Store, key: &str) -> Result<Option<EstimateHint>> {
    let task = store.find_task(key)?;
    let Some(estimate) = task.estimate_min else { return Ok(None) };
    Ok(hint(&learner(store)?, &task.tags, task.project.as_deref(), estimate))
}
