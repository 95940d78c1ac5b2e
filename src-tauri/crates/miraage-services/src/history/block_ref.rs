//! How a block is named: by its id (as `preview` prints ghosts and the review lists blocks),
//! by its calendar event's UID (the window's plan blocks), as `TITLE@TIME` (the task's title
//! and the block's local start, `2026-11-24T09:00` or RFC 3339), or by the title alone when
//! one block of it waits for an outcome.

use crate::error::{Result, ServiceError};
use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::time::local_to_utc;
use miraage_domain::{BlockState, PlanBlock, PlanBlockId};
use miraage_store::{Store, StoreError};

/// The accepted (or pinned) block named `name`, with its task's title.
///
/// # Errors
/// [`ServiceError::NotFound`] when no accepted block is named so; [`ServiceError::Refused`]
/// when a title names several blocks (the sentence lists how to name each) or the time does
/// not read.
pub fn find_block(store: &Store, zone: Tz, name: &str) -> Result<(PlanBlock, String)> {
    let name = name.trim();
    match store.plan_block(&PlanBlockId::from_string(name.to_string())) {
        Ok(b) if b.state != BlockState::Proposed => {
            let title = store.task(&b.task_id)?.title;
            return Ok((b, title));
        }
        Ok(_) | Err(StoreError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    // The calendar event of a block (the window's plan blocks are events).
    if let Some(id) = store.block_of_event_uid(name)? {
        let b = store.plan_block(&PlanBlockId::from_string(id))?;
        let title = store.task(&b.task_id)?.title;
        return Ok((b, title));
    }
    let (title, at) = match name.rsplit_once('@') {
        Some((t, time)) => (t.trim(), Some(parse_time(time.trim(), zone)?)),
        None => (name, None),
    };
    let mut found = Vec::new();
    for state in [BlockState::Accepted, BlockState::Locked] {
        for b in store.blocks_in_state(state)? {
            let t = store.task(&b.task_id)?.title;
            if t.eq_ignore_ascii_case(title) && at.is_none_or(|at| b.start == at) {
                found.push((b, t));
            }
        }
    }
    if at.is_none() && found.len() > 1 {
        // A title alone: the blocks still waiting for an outcome.
        let mut waiting = Vec::new();
        for (b, t) in found {
            if store.block_outcome(b.id.as_str())?.is_none_or(|(o, _)| o.is_none()) {
                waiting.push((b, t));
            }
        }
        found = waiting;
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(ServiceError::NotFound(format!(
            "No accepted block is named {name:?}: name it by its id (as `preview` and `history review` print it) or as TITLE@{}.",
            "2026-11-24T09:00"
        ))),
        _ => {
            let names: Vec<String> = found
                .iter()
                .map(|(b, t)| format!("{t}@{}", b.start.with_timezone(&zone).format("%Y-%m-%dT%H:%M")))
                .collect();
            Err(ServiceError::Refused(format!("“{title}” has {} blocks; name one: {}.", names.len(), names.join(", "))))
        }
    }
}

fn parse_time(text: &str, zone: Tz) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(local_to_utc(local, zone));
        }
    }
    Err(ServiceError::Invalid { what: "block time", value: text.into(), expected: "2026-11-24T09:00 or RFC 3339" })
}
