//! The WebDAV/CalDAV XML reader never panics: mutated real-shaped multistatus bodies (what
//! servers answer to PROPFIND, REPORT and sync-collection) and arbitrary text go through
//! [`parse_multistatus`], which returns a multistatus or an error, nothing else.
//! `PROPTEST_CASES` sets the number of bodies (256 by default; `tests/fuzz/run.sh` runs more).

use crate::xml::parse_multistatus;
use proptest::prelude::*;

const SEEDS: &[&str] = &[
    r#"<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:a="http://apple.com/ns/ical/">
  <d:response><d:href>/bob/cal/</d:href>
    <d:propstat><d:prop><d:resourcetype><d:collection/><c:calendar/></d:resourcetype>
      <d:displayname>Work &amp; more</d:displayname><a:calendar-color>#FF0000FF</a:calendar-color>
      <cs:getctag>"ctag-1"</cs:getctag><d:sync-token>http://x/sync/7</d:sync-token>
      <c:supported-calendar-component-set><c:comp name="VEVENT"/><c:comp name="VTODO"/></c:supported-calendar-component-set>
    </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
    <d:propstat><d:prop><d:current-user-privilege-set/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
  </d:response>
</d:multistatus>"#,
    r#"<multistatus xmlns="DAV:"><response><href>/bob/cal/a.ics</href><propstat><prop><getetag>"e1"</getetag><C:calendar-data xmlns:C="urn:ietf:params:xml:ns:caldav"><![CDATA[BEGIN:VCALENDAR
END:VCALENDAR
]]></C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>
<response><href>/bob/cal/gone.ics</href><status>HTTP/1.1 404 Not Found</status></response><sync-token>tok-2</sync-token></multistatus>"#,
    r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/dav/</d:href><d:propstat><d:prop><d:current-user-principal><d:href>/dav/principals/bob/</d:href></d:current-user-principal></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#,
];

/// Fragments a mutation may insert: the shapes that break XML readers.
const TOKENS: &[&str] = &[
    "<d:response>",
    "</d:response>",
    "<d:href>",
    "</d:href>",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&undefined;",
    "<!DOCTYPE x [<!ENTITY a \"&a;&a;\">]>",
    "<?xml version=\"1.0\" encoding=\"latin1\"?>",
    "xmlns:d=\"\"",
    "<x:y xmlns:x=\"urn:unknown\">",
    "<d:status>HTTP/1.1 999999999999999999999 X</d:status>",
    "<d:status></d:status>",
    "<!-- -->",
    "\u{0}",
    "\u{feff}",
    "\"",
    "<",
    ">",
    "/",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, usize),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Mutation::Insert(at, t)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), 1usize..200).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// The nearest char boundary at or before `at % (len + 1)`.
fn boundary(s: &str, at: usize) -> usize {
    let mut i = at % (s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(mut body: String, m: &Mutation) -> String {
    match *m {
        Mutation::Insert(at, t) => body.insert_str(boundary(&body, at), TOKENS[t]),
        Mutation::Delete(at, n) => {
            let from = boundary(&body, at);
            let to = boundary(&body, from + n);
            body.replace_range(from..to.max(from), "");
        }
        Mutation::Duplicate(at, n) => {
            let from = boundary(&body, at);
            let to = boundary(&body, from.saturating_add(n).min(body.len()));
            let piece = body[from..to.max(from)].to_string();
            body.insert_str(to.max(from), &piece);
        }
        Mutation::Truncate(at) => body.truncate(boundary(&body, at)),
    }
    body
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_multistatus_bodies_never_panic(seed in 0..SEEDS.len(), edits in proptest::collection::vec(mutation(), 1..12)) {
        let body = edits.iter().fold(SEEDS[seed].to_string(), apply);
        let _ = parse_multistatus(&body);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = parse_multistatus(&text);
    }

    #[test]
    fn deep_nesting_is_read_or_refused(depth in 1usize..20_000) {
        let body = format!("<d:multistatus xmlns:d=\"DAV:\">{}{}</d:multistatus>", "<d:response>".repeat(depth), "</d:response>".repeat(depth));
        let _ = parse_multistatus(&body);
    }
}
