//! Attendee suggestions: the people of past meetings, found as the user types an address or
//! a name, most met first.

use crate::error::Result;
use chrono::{DateTime, Utc};
use miraage_store::{PersonSeen, Store};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// Someone the user has been in meetings with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PersonSuggestion {
    /// The address, lower case.
    pub email: String,
    /// The display name of their latest meeting that gives one.
    pub name: Option<String>,
    /// How many stored events they are in (a series counts once).
    pub meetings: u32,
    /// The start of the latest of those events.
    #[ts(type = "string")]
    pub last: DateTime<Utc>,
}

/// Up to `limit` people of stored events whose address, or a word of whose name, starts with
/// `typed` (case and accents ignored; empty: everyone), ranked by how many meetings they were
/// in, then by how recent the last one is. The user's own addresses (the accounts' user
/// names, attendees marked as the user) are never suggested.
///
/// # Errors
///
/// A database failure.
pub fn suggest(store: &Store, typed: &str, limit: usize) -> Result<Vec<PersonSuggestion>> {
    let own: Vec<String> = crate::accounts::own_addresses(store)?.iter().map(|u| u.trim().to_lowercase()).collect();
    let typed = fold(typed.trim());
    let mut people = merge(store.people_seen()?);
    people.retain(|p| !own.contains(&p.email) && matches(p, &typed));
    people.sort_by(|a, b| b.meetings.cmp(&a.meetings).then(b.last.cmp(&a.last)).then(a.email.cmp(&b.email)));
    people.truncate(limit);
    Ok(people)
}

/// One suggestion per address: counts added up, the latest name kept; addresses ever marked
/// as the user's left out.
fn merge(seen: Vec<PersonSeen>) -> Vec<PersonSuggestion> {
    let mut by_email: HashMap<String, (PersonSuggestion, i64, bool)> = HashMap::new();
    for s in seen {
        let entry = by_email.entry(s.email.clone()).or_insert_with(|| {
            (
                PersonSuggestion { email: s.email.clone(), name: None, meetings: 0, last: epoch(s.last_start) },
                i64::MIN,
                false,
            )
        });
        let (person, named_at, is_self) = entry;
        person.meetings += s.events;
        person.last = person.last.max(epoch(s.last_start));
        *is_self |= s.is_self;
        if s.name.is_some() && s.last_start > *named_at {
            person.name = s.name;
            *named_at = s.last_start;
        }
    }
    by_email.into_values().filter(|(_, _, is_self)| !is_self).map(|(p, _, _)| p).collect()
}

fn epoch(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// Whether `typed` (folded) starts the address, the name or one of the name's words.
fn matches(p: &PersonSuggestion, typed: &str) -> bool {
    if typed.is_empty() || fold(&p.email).starts_with(typed) {
        return true;
    }
    let Some(name) = p.name.as_deref().map(fold) else { return false };
    name.starts_with(typed) || name.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(typed))
}

/// Lower case and transliterated to ASCII (the `deunicode` crate), so "jose" finds "José" and
/// "Łukasz" is found by "lukasz"; what is typed is folded the same way.
fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn fold_drops_case_and_accents() {
        assert_eq!(fold("José Łukasz ÇAĞRI Ørsted"), "jose lukasz cagri orsted");
    }
}
