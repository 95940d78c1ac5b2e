//! One spelling per href. Servers answer with full URLs or paths, and percent-encode as they
//! like (`%40` or `@`, `%7e` or `~`); items are keyed by href in cursors, so every href is
//! brought to one form: the path, with every byte except unreserved ones and `/` encoded
//! (as Python's `urllib.parse.quote`, which Radicale uses).

/// The canonical form of an href or URL.
pub fn canonical(href: &str) -> String {
    let path = if href.starts_with("http://") || href.starts_with("https://") {
        match url::Url::parse(href) {
            Ok(u) => u.path().to_string(),
            Err(_) => href.to_string(),
        }
    } else {
        href.to_string()
    };
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let escaped = if b == b'%' && i + 2 < bytes.len() {
            std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok())
        } else {
            None
        };
        match escaped {
            // An encoded `/` is part of a name, not a separator: it stays encoded.
            Some(b'/') => {
                out.push_str("%2F");
                i += 3;
            }
            Some(decoded) => {
                push_byte(&mut out, decoded);
                i += 3;
            }
            None if b == b'/' => {
                out.push('/');
                i += 1;
            }
            None => {
                push_byte(&mut out, b);
                i += 1;
            }
        }
    }
    out
}

/// The file name (without `.ics`) of an item with this UID. A UID of letters, digits, `-`,
/// `_`, `.`, `~` and `@` (most are, `…@host`) is used as it is, with `@` encoded. Others
/// (`/`, spaces, non-ASCII: servers disagree on those, Radicale refuses an encoded `/`) and
/// overlong ones get `uid-` and a 64-bit FNV-1a hash of the UID: a collision of two UIDs
/// would make the second create fail with `Conflict`, never overwrite the first.
pub fn item_name(uid: &str) -> String {
    let plain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'@');
    if !uid.is_empty() && uid.len() <= 200 && !uid.starts_with('.') && uid.bytes().all(plain) {
        let mut out = String::with_capacity(uid.len() + 8);
        for b in uid.bytes() {
            push_byte(&mut out, b);
        }
        return out;
    }
    format!("uid-{:016x}", fnv1a(uid.as_bytes()))
}

/// 64-bit FNV-1a: a stable hash (unlike std's, it never changes between Rust versions), for
/// names and version tags that are stored.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn push_byte(out: &mut String, b: u8) {
    if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
        out.push(b as char);
    } else {
        out.push_str(&format!("%{b:02X}"));
    }
}

/// Whether two hrefs name the same collection (with or without the trailing `/`).
pub fn same_collection(a: &str, b: &str) -> bool {
    canonical(a).trim_end_matches('/') == canonical(b).trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_href_agree() {
        assert_eq!(canonical("http://h:1/bob/cal/a.ics"), "/bob/cal/a.ics");
        assert_eq!(canonical("/bob/cal/a@b.ics"), "/bob/cal/a%40b.ics");
        assert_eq!(canonical("/bob/cal/a%40b.ics"), "/bob/cal/a%40b.ics");
        assert_eq!(canonical("/bob/cal/%7e%41x y.ics"), "/bob/cal/~Ax%20y.ics");
        assert_eq!(canonical("/bob/cal/a%2fb.ics"), "/bob/cal/a%2Fb.ics");
        assert_eq!(canonical("/bob/caf%C3%A9/"), "/bob/caf%C3%A9/");
        assert_eq!(canonical("/bob/café/"), "/bob/caf%C3%A9/");
        // A stray `%` is data, not an escape.
        assert_eq!(canonical("/a%zz/b%"), "/a%25zz/b%25");
    }

    #[test]
    fn item_names_are_plain_and_stable() {
        assert_eq!(item_name("a1-b2@miraage"), "a1-b2%40miraage");
        assert_eq!(canonical(&item_name("a1-b2@miraage")), item_name("a1-b2@miraage"));
        let odd = item_name("team sync/2026@example.com");
        assert!(odd.starts_with("uid-") && odd.len() == 20, "{odd}");
        assert_eq!(odd, item_name("team sync/2026@example.com"));
        assert_ne!(odd, item_name("team sync/2027@example.com"));
        assert!(item_name("").starts_with("uid-"));
        assert!(item_name("..").starts_with("uid-"));
        assert!(item_name(&"a".repeat(201)).starts_with("uid-"));
    }

    #[test]
    fn collections_match_with_or_without_slash() {
        assert!(same_collection("/bob/cal", "/bob/cal/"));
        assert!(same_collection("http://h/bob/cal/", "/bob/cal"));
        assert!(!same_collection("/bob/cal/a.ics", "/bob/cal/"));
    }
}
