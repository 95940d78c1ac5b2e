//! Request bodies of the CalDAV methods used here.

use crate::xml::escape;

/// PROPFIND Depth 0 on a context path or principal.
pub const PRINCIPAL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>"#;

pub const HOME_SET: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-home-set/></d:prop></d:propfind>"#;

/// PROPFIND Depth 1 on the calendar home.
pub const CALENDARS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:a="http://apple.com/ns/ical/" xmlns:cs="http://calendarserver.org/ns/">
<d:prop><d:resourcetype/><d:displayname/><a:calendar-color/><c:supported-calendar-component-set/><cs:getctag/><d:sync-token/></d:prop>
</d:propfind>"#;

/// REPORT Depth 1: every member's etag, for servers without `sync-collection`.
pub const ETAG_QUERY: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
<d:prop><d:getetag/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter>
</c:calendar-query>"#;

/// REPORT `sync-collection` (RFC 6578 §3.2); an empty token asks for every member.
pub fn sync_collection(token: Option<&str>) -> String {
    let token = match token {
        Some(t) => format!("<d:sync-token>{}</d:sync-token>", escape(t)),
        None => "<d:sync-token/>".to_string(),
    };
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<d:sync-collection xmlns:d="DAV:">{token}<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"#
    )
}

/// REPORT `calendar-multiget` (RFC 4791 §7.9) for the data of the given members.
pub fn multiget<'a>(hrefs: impl IntoIterator<Item = &'a str>) -> String {
    let hrefs: String = hrefs.into_iter().map(|h| format!("<d:href>{}</d:href>", escape(h))).collect();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>{hrefs}</c:calendar-multiget>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse_multistatus;

    #[test]
    fn tokens_and_hrefs_are_escaped() {
        assert!(sync_collection(Some("a<&b")).contains("<d:sync-token>a&lt;&amp;b</d:sync-token>"));
        assert!(sync_collection(None).contains("<d:sync-token/>"));
        assert!(multiget(["/c/a&b.ics"]).contains("<d:href>/c/a&amp;b.ics</d:href>"));
    }

    #[test]
    fn bodies_are_well_formed_xml() {
        // Not multistatus, so the parser must get past well-formedness and refuse the root.
        for body in [PRINCIPAL, HOME_SET, CALENDARS, ETAG_QUERY, &sync_collection(None), &multiget(["/a"])] {
            let err = parse_multistatus(body).unwrap_err();
            assert!(err.contains("not DAV:multistatus"), "{err}");
        }
    }
}
