//! Who is invited to an event and who organises it, as the calendars report them
//! (iCalendar ATTENDEE/ORGANIZER, Google and Graph attendees). Miraage shows them and writes
//! them back unchanged; it does not invite or answer yet.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An attendee's part in the meeting (iCalendar ROLE; Google `optional`; Graph `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AttendeeRole {
    Chair,
    #[default]
    Required,
    Optional,
    /// Copied for information only (iCalendar NON-PARTICIPANT).
    NonParticipant,
    /// A room or equipment (iCalendar CUTYPE=RESOURCE or ROOM; Google `resource`; Graph `resource`).
    Resource,
}

/// An attendee's answer (iCalendar PARTSTAT; Google `responseStatus`; Graph `status.response`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Participation {
    #[default]
    NeedsAction,
    Accepted,
    Declined,
    Tentative,
    Delegated,
}

/// One person (or room) invited to an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attendee {
    /// The display name (iCalendar CN), when the calendar gives one.
    pub name: Option<String>,
    /// The e-mail address, without `mailto:`.
    pub email: String,
    pub role: AttendeeRole,
    pub status: Participation,
    /// This attendee is the calendar's own user (Google `self`).
    #[serde(default)]
    pub is_self: bool,
}

impl Attendee {
    /// An attendee by address, required, who has not answered.
    pub fn new(email: impl Into<String>) -> Self {
        Attendee {
            name: None,
            email: email.into(),
            role: AttendeeRole::Required,
            status: Participation::NeedsAction,
            is_self: false,
        }
    }
}

/// Who organises an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Organizer {
    pub name: Option<String>,
    pub email: String,
    /// The calendar this copy is in is the organizer's (Google `organizer.self`, Graph
    /// `isOrganizer`).
    #[serde(default)]
    pub is_self: bool,
}

impl Organizer {
    /// The name people know them by: the display name, else the address.
    pub fn shown_name(&self) -> &str {
        self.name.as_deref().filter(|n| !n.trim().is_empty()).unwrap_or(&self.email)
    }
}

/// `email` is one of `addresses`, compared without case or surrounding spaces.
fn is_among(email: &str, addresses: &[String]) -> bool {
    addresses.iter().any(|own| own.trim().eq_ignore_ascii_case(email.trim()))
}

/// The organizer and attendees of an event; empty for an event without guests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct People {
    #[serde(default)]
    pub organizer: Option<Organizer>,
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    /// The provider forbids this user's edits: someone else organises the meeting and does
    /// not let guests change it (Google: not `organizer.self` and `guestsCanModify` false;
    /// Graph: `isOrganizer` false).
    #[serde(default)]
    pub guest_copy: bool,
}

impl People {
    pub fn is_empty(&self) -> bool {
        self.organizer.is_none() && self.attendees.is_empty() && !self.guest_copy
    }

    /// The position of the attendee who is the user: the one the calendar marks as its own
    /// (Google `self`), else the first whose address is among `own_addresses` (the accounts'
    /// user names: CalDAV does not say which attendee is the calendar's user).
    pub fn user_attendee(&self, own_addresses: &[String]) -> Option<usize> {
        self.attendees
            .iter()
            .position(|a| a.is_self)
            .or_else(|| self.attendees.iter().position(|a| is_among(&a.email, own_addresses)))
    }

    /// Whether the user organises it: the calendar says so, or the organizer's address is
    /// among `own_addresses`.
    pub fn organized_by_user(&self, own_addresses: &[String]) -> bool {
        self.organizer.as_ref().is_some_and(|o| o.is_self || is_among(&o.email, own_addresses))
    }

    /// Whether the user said no: the attendee who is the user answered Declined.
    pub fn declined_by_user(&self, own_addresses: &[String]) -> bool {
        self.attendees
            .iter()
            .any(|a| a.status == Participation::Declined && (a.is_self || is_among(&a.email, own_addresses)))
    }

    /// Null when the provider lets this user edit the event; else the sentence that says
    /// whose meeting it is and what to do.
    pub fn read_only_reason(&self) -> Option<String> {
        if !self.guest_copy {
            return None;
        }
        let who = self.organizer.as_ref().map_or("someone else", Organizer::shown_name);
        Some(format!("Organised by {who}: ask them to change it, or copy it to your calendar."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_declined_when_their_own_attendee_said_no_marked_or_by_address() {
        let declined =
            |email: &str, is_self: bool| Attendee { status: Participation::Declined, is_self, ..Attendee::new(email) };
        let own = vec!["Me@Example.com".to_string()];
        let by_mark = People { attendees: vec![declined("me@work.example", true)], ..People::default() };
        assert!(by_mark.declined_by_user(&[]));
        let by_address = People { attendees: vec![declined("me@example.com", false)], ..People::default() };
        assert!(by_address.declined_by_user(&own));
        assert!(!by_address.declined_by_user(&[]), "someone else declined");
        let accepted = People {
            attendees: vec![Attendee { status: Participation::Accepted, ..Attendee::new("me@example.com") }],
            ..People::default()
        };
        assert!(!accepted.declined_by_user(&own));
    }

    #[test]
    fn a_guest_copy_names_its_organizer_by_name_else_address() {
        let mut p = People::default();
        assert_eq!(p.read_only_reason(), None);
        p.guest_copy = true;
        assert_eq!(
            p.read_only_reason().unwrap(),
            "Organised by someone else: ask them to change it, or copy it to your calendar."
        );
        p.organizer =
            Some(Organizer { name: Some("Ana Lima".into()), email: "ana@example.com".into(), is_self: false });
        assert_eq!(
            p.read_only_reason().unwrap(),
            "Organised by Ana Lima: ask them to change it, or copy it to your calendar."
        );
        p.organizer.as_mut().unwrap().name = Some("  ".into());
        assert!(p.read_only_reason().unwrap().starts_with("Organised by ana@example.com:"));
    }

    #[test]
    fn people_without_guests_are_empty_and_serialise_back() {
        assert!(People::default().is_empty());
        let p = People {
            organizer: Some(Organizer { name: None, email: "o@example.com".into(), is_self: true }),
            attendees: vec![Attendee { status: Participation::Accepted, ..Attendee::new("a@example.com") }],
            guest_copy: false,
        };
        let back: People = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }
}
