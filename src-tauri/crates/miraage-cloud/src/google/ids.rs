//! Event ids Miraage chooses for its creates, so that a create retried after a lost answer
//! hits the same id (409) instead of making a second event.
//!
//! Google allows ids of 5–1024 characters from the base32hex alphabet (`0-9a-v`, RFC 4648
//! §7). The UID's bytes in base32hex (lowercase, no padding) fit that for UIDs up to 640
//! bytes; longer ones use a prefix and an FNV-1a hash of the rest.

use miraage_domain::RecurrenceId;

const ALPHABET: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";

fn base32hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut buf, mut bits) = (0u64, 0u32);
    for &b in bytes {
        buf = (buf << 8) | u64::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buf >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buf << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The Google event id for a UID created in Miraage.
pub fn event_id(uid: &str) -> String {
    const MAX_RAW: usize = 640;
    let bytes = uid.as_bytes();
    let mut id = if bytes.len() <= MAX_RAW {
        base32hex(bytes)
    } else {
        let mut prefix = base32hex(&bytes[..600]);
        prefix.push_str(&base32hex(&fnv1a(&bytes[600..]).to_be_bytes()));
        prefix
    };
    // Short UIDs still need five characters.
    while id.len() < 5 {
        id.push('0');
    }
    id
}

/// The id of one instance of a recurring event: the master's id and the instance's original
/// start (UTC basic format, or the date for all-day series), as Google names instances.
pub fn instance_id(master_id: &str, recurrence_id: &RecurrenceId) -> String {
    match recurrence_id {
        RecurrenceId::Instant(t) => format!("{master_id}_{}", t.format("%Y%m%dT%H%M%SZ")),
        RecurrenceId::Date(d) => format!("{master_id}_{}", d.format("%Y%m%d")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_use_base32hex_and_are_stable() {
        for uid in ["a", "0190a1b2-c3d4@miraage", "with space/and/slashes", "ünïcødé", &"x".repeat(2000)] {
            let id = event_id(uid);
            assert!((5..=1024).contains(&id.len()), "{uid}: {}", id.len());
            assert!(id.bytes().all(|b| ALPHABET.contains(&b)), "{id}");
            assert_eq!(id, event_id(uid));
        }
        assert_ne!(event_id("a@miraage"), event_id("b@miraage"));
        // RFC 4648 §10 test vector, lowercase and unpadded.
        assert_eq!(base32hex(b"foobar"), "cpnmuoj1e8");
    }

    #[test]
    fn instance_ids_follow_googles_naming() {
        let t = RecurrenceId::Instant("2026-11-24T08:00:00Z".parse().unwrap());
        assert_eq!(instance_id("abcde", &t), "abcde_20261124T080000Z");
        let d = RecurrenceId::Date("2026-12-24".parse().unwrap());
        assert_eq!(instance_id("abcde", &d), "abcde_20261224");
    }
}
