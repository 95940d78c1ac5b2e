//! ORGANIZER and ATTENDEE (RFC 5545 §3.8.4.1, §3.8.4.3) ↔ [`People`]: the name (CN), the
//! address (`mailto:`), the role (ROLE, CUTYPE) and the answer (PARTSTAT). Parameter values
//! use RFC 6868's caret escapes, so a name with quotes or line breaks survives a round trip.

use crate::content::{Component, Property};
use miraage_domain::{Attendee, AttendeeRole, Organizer, Participation, People};

/// The address of a CAL-ADDRESS value: without `mailto:`, any other URI as it is.
fn address(value: &str) -> String {
    let v = value.trim();
    match v.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => v[7..].to_string(),
        _ => v.to_string(),
    }
}

/// The CAL-ADDRESS value of an address.
fn cal_address(email: &str) -> String {
    if email.contains(':') {
        email.to_string()
    } else {
        format!("mailto:{email}")
    }
}

fn decode_param(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '^' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some('\'') => out.push('"'),
            Some('^') => out.push('^'),
            Some(other) => out.extend(['^', other]),
            None => out.push('^'),
        }
    }
    out
}

fn encode_param(v: &str) -> String {
    v.replace('^', "^^").replace('"', "^'").replace(['\r', '\n'], "^n")
}

fn name(p: &Property<'_>) -> Option<String> {
    p.param("CN").map(decode_param).map(|n| n.trim().to_string()).filter(|n| !n.is_empty())
}

fn role(p: &Property<'_>) -> AttendeeRole {
    let is = |key: &str, value: &str| p.param(key).is_some_and(|v| v.eq_ignore_ascii_case(value));
    if is("CUTYPE", "RESOURCE") || is("CUTYPE", "ROOM") {
        AttendeeRole::Resource
    } else if is("ROLE", "CHAIR") {
        AttendeeRole::Chair
    } else if is("ROLE", "OPT-PARTICIPANT") {
        AttendeeRole::Optional
    } else if is("ROLE", "NON-PARTICIPANT") {
        AttendeeRole::NonParticipant
    } else {
        AttendeeRole::Required
    }
}

fn participation(p: &Property<'_>) -> Participation {
    match p.param("PARTSTAT").map(str::to_ascii_uppercase).as_deref() {
        Some("ACCEPTED") => Participation::Accepted,
        Some("DECLINED") => Participation::Declined,
        Some("TENTATIVE") => Participation::Tentative,
        Some("DELEGATED") => Participation::Delegated,
        _ => Participation::NeedsAction,
    }
}

/// The organizer and attendees of a VEVENT; attendees without an address are skipped.
pub(crate) fn read_people(c: &Component<'_>) -> People {
    let organizer = c
        .prop("ORGANIZER")
        .map(|p| Organizer { name: name(p), email: address(p.value), is_self: false })
        .filter(|o| !o.email.is_empty());
    let attendees = c
        .props("ATTENDEE")
        .map(|p| Attendee {
            name: name(p),
            email: address(p.value),
            role: role(p),
            status: participation(p),
            is_self: false,
        })
        .filter(|a| !a.email.is_empty())
        .collect();
    People { organizer, attendees, guest_copy: false }
}

/// ORGANIZER and ATTENDEE properties for `people`, in their order.
pub(crate) fn people_properties(people: &People) -> Vec<icalendar::Property> {
    let with_name = |mut p: icalendar::Property, name: &Option<String>| {
        if let Some(n) = name.as_deref().filter(|n| !n.trim().is_empty()) {
            p.add_parameter("CN", &encode_param(n));
        }
        p
    };
    let mut out = Vec::with_capacity(people.attendees.len() + 1);
    if let Some(o) = &people.organizer {
        out.push(with_name(icalendar::Property::new("ORGANIZER", cal_address(&o.email)), &o.name));
    }
    for a in &people.attendees {
        let mut p = with_name(icalendar::Property::new("ATTENDEE", cal_address(&a.email)), &a.name);
        let role = match a.role {
            AttendeeRole::Chair => "CHAIR",
            AttendeeRole::Required | AttendeeRole::Resource => "REQ-PARTICIPANT",
            AttendeeRole::Optional => "OPT-PARTICIPANT",
            AttendeeRole::NonParticipant => "NON-PARTICIPANT",
        };
        p.add_parameter("ROLE", role);
        if a.role == AttendeeRole::Resource {
            p.add_parameter("CUTYPE", "RESOURCE");
        }
        let status = match a.status {
            Participation::NeedsAction => "NEEDS-ACTION",
            Participation::Accepted => "ACCEPTED",
            Participation::Declined => "DECLINED",
            Participation::Tentative => "TENTATIVE",
            Participation::Delegated => "DELEGATED",
        };
        p.add_parameter("PARTSTAT", status);
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_escapes_round_trip_quotes_and_line_breaks() {
        let name = "Ana \"the boss\" ^ Lima\nOps";
        assert_eq!(decode_param(&encode_param(name)), name);
        assert_eq!(decode_param("a^b"), "a^b");
    }

    #[test]
    fn addresses_lose_only_their_mailto() {
        assert_eq!(address("MAILTO:ana@example.com"), "ana@example.com");
        assert_eq!(address("urn:uuid:1234"), "urn:uuid:1234");
        assert_eq!(cal_address("ana@example.com"), "mailto:ana@example.com");
        assert_eq!(cal_address("urn:uuid:1234"), "urn:uuid:1234");
    }
}
