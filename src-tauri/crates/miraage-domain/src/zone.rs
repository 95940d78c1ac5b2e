//! Resolving time zone names found in the wild to IANA zones.
//!
//! Calendars name zones in many ways: IANA names (`Europe/Berlin`), Windows names from Outlook
//! and Exchange (`W. Europe Standard Time`), old Lightning prefixes
//! (`/mozilla.org/20050126_1/Europe/Berlin`), or quoted values. The mapping is documented in
//! the README ("Time zones") and applied in this order:
//! 1. the name as an IANA zone (case-sensitive first, then case-insensitive);
//! 2. the name as a Windows zone, mapped by Unicode CLDR's `windowsZones` table (territory
//!    `001`, the zone's primary location);
//! 3. the longest trailing `Area/Location` part of a path-like name that is an IANA zone.
//!
//! Anything else is an error naming the value; callers that read a VTIMEZONE can still match
//! it by offsets before giving up.

use crate::error::DomainError;
use chrono_tz::Tz;
use std::str::FromStr;

/// The IANA zone `name` stands for, tried in the order above (surrounding quotes and blanks
/// ignored).
///
/// # Errors
///
/// [`DomainError::UnknownZone`] naming the value when no rule matches.
pub fn resolve_zone(name: &str) -> Result<Tz, DomainError> {
    let trimmed = name.trim().trim_matches('"').trim();
    if let Ok(tz) = Tz::from_str(trimmed) {
        return Ok(tz);
    }
    if let Ok(tz) = Tz::from_str_insensitive(trimmed) {
        return Ok(tz);
    }
    if let Ok(win) = windows_timezones::WindowsTimezone::from_str(trimmed) {
        return Ok(Tz::from(win));
    }
    // Path-like names: try ever shorter suffixes, longest first ("America/Argentina/Cordoba"
    // must win over "Argentina/Cordoba").
    let parts: Vec<&str> = trimmed.split('/').filter(|p| !p.is_empty()).collect();
    for start in 0..parts.len() {
        let candidate = parts[start..].join("/");
        if candidate.contains('/') || start + 1 == parts.len() && candidate == "UTC" {
            if let Ok(tz) = Tz::from_str(&candidate) {
                return Ok(tz);
            }
        }
    }
    Err(DomainError::UnknownZone(name.to_string()))
}

/// The user's own zone: `MIRAAGE_TZ` or `TZ` if set to a known zone, else the system's zone,
/// else UTC.
pub fn local_zone() -> Tz {
    for var in ["MIRAAGE_TZ", "TZ"] {
        if let Ok(value) = std::env::var(var) {
            if let Ok(tz) = resolve_zone(value.trim_start_matches(':')) {
                return tz;
            }
        }
    }
    if let Ok(link) = std::fs::read_link("/etc/localtime") {
        let path = link.to_string_lossy();
        if let Some(idx) = path.find("zoneinfo/") {
            if let Ok(tz) = Tz::from_str(&path[idx + "zoneinfo/".len()..]) {
                return tz;
            }
        }
    }
    if let Ok(text) = std::fs::read_to_string("/etc/timezone") {
        if let Ok(tz) = Tz::from_str(text.trim()) {
            return tz;
        }
    }
    Tz::UTC
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_iana_windows_and_prefixed_names() {
        assert_eq!(resolve_zone("Europe/Berlin").unwrap(), Tz::Europe__Berlin);
        assert_eq!(resolve_zone("europe/berlin").unwrap(), Tz::Europe__Berlin);
        assert_eq!(resolve_zone("\"America/New_York\"").unwrap(), Tz::America__New_York);
        assert_eq!(resolve_zone("W. Europe Standard Time").unwrap(), Tz::Europe__Berlin);
        assert_eq!(resolve_zone("Pacific Standard Time").unwrap(), Tz::America__Los_Angeles);
        assert_eq!(resolve_zone("Eastern Standard Time").unwrap(), Tz::America__New_York);
        assert_eq!(resolve_zone("/mozilla.org/20050126_1/Europe/Paris").unwrap(), Tz::Europe__Paris);
        assert_eq!(
            resolve_zone("/citadel.org/20190914_1/America/Argentina/Cordoba").unwrap(),
            Tz::America__Argentina__Cordoba
        );
    }

    #[test]
    fn unknown_names_are_errors_that_name_the_value() {
        let err = resolve_zone("Mars/Olympus_Mons").unwrap_err();
        assert_eq!(err, DomainError::UnknownZone("Mars/Olympus_Mons".into()));
        assert!(err.to_string().contains("Mars/Olympus_Mons"));
    }
}
