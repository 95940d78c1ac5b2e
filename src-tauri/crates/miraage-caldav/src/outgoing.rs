//! Writing the events of one UID as the iCalendar body of a CalDAV PUT.

use miraage_domain::Event;
use miraage_ical::export_ics;
use miraage_sync::{Result, SyncError};

/// The body for the item holding `events`: one UID, a master or one-off event with its
/// overrides, and the VTIMEZONEs they use. `calendar_name` only fills X-WR-CALNAME.
///
/// # Errors
/// [`SyncError::NotWritable`] for no events, several UIDs, or several masters.
pub fn item_ics(calendar_name: &str, events: &[Event]) -> Result<String> {
    let Some(first) = events.first() else {
        return Err(SyncError::NotWritable { uid: String::new(), reason: "no event to write".into() });
    };
    let bad = |reason: String| SyncError::NotWritable { uid: first.uid.clone(), reason };
    if let Some(other) = events.iter().find(|e| e.uid != first.uid) {
        return Err(bad(format!("it also holds UID {:?}; an item holds one", other.uid)));
    }
    if events.iter().filter(|e| e.recurrence_id().is_none()).count() > 1 {
        return Err(bad("more than one master or one-off event".into()));
    }
    Ok(export_ics(calendar_name, events, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use miraage_domain::{CalendarId, EventTime};

    fn event(uid: &str) -> Event {
        let start = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let time = EventTime::timed(start, start + chrono::Duration::hours(1), chrono_tz::UTC).unwrap();
        Event { uid: uid.into(), ..Event::single(CalendarId::new(), "S", time) }
    }

    #[test]
    fn one_uid_per_item() {
        let ics = item_ics("Work", &[event("a")]).unwrap();
        assert!(ics.contains("UID:a"));
        assert!(item_ics("Work", &[]).is_err());
        let err = item_ics("Work", &[event("a"), event("b")]).unwrap_err();
        assert!(matches!(&err, SyncError::NotWritable { uid, .. } if uid == "a"), "{err:?}");
        assert!(err.to_string().contains("also holds UID \"b\""), "{err}");
        let err = item_ics("Work", &[event("a"), event("a")]).unwrap_err();
        assert!(err.to_string().contains("more than one master"), "{err}");
    }
}
