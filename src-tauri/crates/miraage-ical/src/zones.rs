//! Resolving a TZID to an IANA zone.
//!
//! Order (documented in the README, "Time zones"):
//! 1. `X-LIC-LOCATION` of the file's VTIMEZONE with that TZID (Lightning, Evolution);
//! 2. the TZID itself by `miraage_domain::zone::resolve_zone` (IANA names, Windows names via
//!    CLDR, path-like prefixes);
//! 3. the VTIMEZONE's offsets: the first zone of a preference list of major zones, then of
//!    all IANA zones, whose offsets in January and July of the event's year equal the
//!    definition's standard and daylight offsets.
//!
//! A TZID that none of these resolves is read as floating (the file's zone), with a repair
//! naming it.

use crate::content::Component;
use crate::values::parse_utc_offset;
use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;
use std::collections::HashMap;

/// What a VTIMEZONE says about its zone.
#[derive(Debug, Clone, Default)]
pub(crate) struct ZoneDefinition {
    lic_location: Option<String>,
    standard_offset: Option<i32>,
    daylight_offset: Option<i32>,
}

impl ZoneDefinition {
    pub(crate) fn from_component(c: &Component<'_>) -> (String, Self) {
        let tzid = c.prop("TZID").map(|p| p.value.to_string()).unwrap_or_default();
        let mut def = ZoneDefinition {
            lic_location: c.prop("X-LIC-LOCATION").map(|p| p.value.to_string()),
            ..Default::default()
        };
        // Later observances describe the rules in force now; keep the last of each kind.
        for sub in &c.components {
            let offset = sub.prop("TZOFFSETTO").and_then(|p| parse_utc_offset(p.value));
            match sub.name.as_str() {
                "STANDARD" => def.standard_offset = offset.or(def.standard_offset),
                "DAYLIGHT" => def.daylight_offset = offset.or(def.daylight_offset),
                _ => {}
            }
        }
        (tzid, def)
    }
}

/// Major zones tried first when matching by offsets, so that "+01:00/+02:00 with DST"
/// resolves to Europe/Berlin rather than to the alphabetically first match.
const PREFERRED: &[&str] = &[
    "Europe/London",
    "Europe/Berlin",
    "Europe/Helsinki",
    "Europe/Moscow",
    "Europe/Istanbul",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Halifax",
    "America/St_Johns",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "America/Mexico_City",
    "America/Bogota",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Dubai",
    "Asia/Singapore",
    "Asia/Jakarta",
    "Asia/Karachi",
    "Asia/Dhaka",
    "Asia/Tehran",
    "Asia/Jerusalem",
    "Australia/Sydney",
    "Australia/Brisbane",
    "Australia/Adelaide",
    "Australia/Darwin",
    "Australia/Perth",
    "Pacific/Auckland",
    "Africa/Johannesburg",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Cairo",
    "Atlantic/Azores",
    "UTC",
];

/// The zone resolver of one file: its VTIMEZONE definitions and the answers found so far.
pub(crate) struct Zones {
    definitions: HashMap<String, ZoneDefinition>,
    /// By TZID, then year: looked up for every time in the file without copying the TZID.
    cache: HashMap<String, HashMap<i32, Option<Tz>>>,
}

impl Zones {
    pub(crate) fn new(definitions: HashMap<String, ZoneDefinition>) -> Self {
        Zones { definitions, cache: HashMap::new() }
    }

    /// The IANA zone for `tzid`, for an event in `year` (offset matching needs one).
    pub(crate) fn resolve(&mut self, tzid: &str, year: i32) -> Option<Tz> {
        if let Some(found) = self.cache.get(tzid).and_then(|years| years.get(&year)) {
            return *found;
        }
        let def = self.definitions.get(tzid.trim_matches('"'));
        let found = def
            .and_then(|d| d.lic_location.as_deref())
            .and_then(|loc| miraage_domain::zone::resolve_zone(loc).ok())
            .or_else(|| miraage_domain::zone::resolve_zone(tzid).ok())
            .or_else(|| def.and_then(|d| match_offsets(d, year)));
        self.cache.entry(tzid.to_string()).or_default().insert(year, found);
        found
    }
}

impl Zones {
    /// The offset of a VTIMEZONE that never changes and matches no IANA zone.
    pub(crate) fn fixed_offset(&self, tzid: &str) -> Option<i32> {
        let def = self.definitions.get(tzid.trim_matches('"'))?;
        match (def.standard_offset, def.daylight_offset) {
            (Some(s), None) | (None, Some(s)) => Some(s),
            (Some(s), Some(d)) if s == d => Some(s),
            _ => None,
        }
    }
}

fn offsets_in(tz: Tz, year: i32) -> Option<(i32, i32)> {
    let at = |month| {
        let date = NaiveDate::from_ymd_opt(year, month, 15)?.and_hms_opt(12, 0, 0)?;
        Some(tz.offset_from_utc_datetime(&date).fix().local_minus_utc())
    };
    Some((at(1)?, at(7)?))
}

fn match_offsets(def: &ZoneDefinition, year: i32) -> Option<Tz> {
    let standard = def.standard_offset.or(def.daylight_offset)?;
    let daylight = def.daylight_offset.unwrap_or(standard);
    let fits = |tz: &Tz| match offsets_in(*tz, year) {
        Some((jan, jul)) if standard == daylight => jan == standard && jul == standard,
        Some((jan, jul)) => (jan, jul) == (standard, daylight) || (jan, jul) == (daylight, standard),
        None => false,
    };
    PREFERRED
        .iter()
        .filter_map(|name| name.parse::<Tz>().ok())
        .chain(
            chrono_tz::TZ_VARIANTS
                .iter()
                .copied()
                .filter(|tz| tz.name().contains('/') && !tz.name().starts_with("Etc/")),
        )
        .find(fits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(std: i32, dst: Option<i32>) -> ZoneDefinition {
        ZoneDefinition { lic_location: None, standard_offset: Some(std), daylight_offset: dst }
    }

    #[test]
    fn custom_vtimezones_match_by_offsets() {
        let mut defs = HashMap::new();
        defs.insert("(UTC+01:00) Amsterdam, Berlin".to_string(), def(3600, Some(7200)));
        defs.insert("Eastern Time".to_string(), def(-18000, Some(-14400)));
        defs.insert("Sydney time".to_string(), def(36000, Some(39600)));
        defs.insert("India".to_string(), def(19800, None));
        let mut zones = Zones::new(defs);
        assert_eq!(zones.resolve("(UTC+01:00) Amsterdam, Berlin", 2026), Some(Tz::Europe__Berlin));
        assert_eq!(zones.resolve("Eastern Time", 2026), Some(Tz::America__New_York));
        assert_eq!(zones.resolve("Sydney time", 2026), Some(Tz::Australia__Sydney));
        assert_eq!(zones.resolve("India", 2026), Some(Tz::Asia__Kolkata));
        assert_eq!(zones.resolve("Nowhere", 2026), None);
        assert_eq!(zones.resolve("Romance Standard Time", 2026), Some(Tz::Europe__Paris));
    }
}
