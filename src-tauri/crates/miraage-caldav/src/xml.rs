//! Reading WebDAV `multistatus` bodies (RFC 4918 §14.16) with namespaces resolved.
//!
//! The parser is generic: every property of every `propstat` is kept with its text, the
//! `href`s inside it (`current-user-principal`, `calendar-home-set`), the names of its child
//! elements (`resourcetype`) and the `name` attributes of `comp` children
//! (`supported-calendar-component-set`). Callers pick what they asked for.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::reader::NsReader;
use quick_xml::XmlVersion;

/// The namespaces CalDAV servers use for the properties read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    Dav,
    CalDav,
    Apple,
    CalendarServer,
    Other,
}

impl Ns {
    fn from_uri(uri: &str) -> Ns {
        match uri {
            "DAV:" => Ns::Dav,
            "urn:ietf:params:xml:ns:caldav" => Ns::CalDav,
            "http://apple.com/ns/ical/" => Ns::Apple,
            "http://calendarserver.org/ns/" => Ns::CalendarServer,
            _ => Ns::Other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub ns: Ns,
    pub local: String,
}

impl Name {
    pub fn is(&self, ns: Ns, local: &str) -> bool {
        self.ns == ns && self.local == local
    }
}

#[derive(Debug, Clone, Default)]
pub struct Multistatus {
    pub responses: Vec<Response>,
    /// The top-level `sync-token` of a `sync-collection` report.
    pub sync_token: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Response {
    pub href: String,
    /// A status for the whole response (a deleted member in `sync-collection`).
    pub status: Option<u16>,
    pub propstats: Vec<PropStat>,
}

#[derive(Debug, Clone)]
pub struct PropStat {
    pub status: u16,
    pub props: Vec<Prop>,
}

#[derive(Debug, Clone)]
pub struct Prop {
    pub name: Name,
    /// Text directly inside the property, unescaped, untrimmed.
    pub text: String,
    pub hrefs: Vec<String>,
    pub children: Vec<Name>,
    /// `name` attributes of `comp` children.
    pub comps: Vec<String>,
}

impl Response {
    /// A property the server returned with a 2xx status.
    pub fn prop(&self, ns: Ns, local: &str) -> Option<&Prop> {
        self.propstats
            .iter()
            .filter(|ps| (200..300).contains(&ps.status))
            .flat_map(|ps| ps.props.iter())
            .find(|p| p.name.is(ns, local))
    }

    /// The trimmed, non-empty text of a 2xx property.
    pub fn text(&self, ns: Ns, local: &str) -> Option<String> {
        self.prop(ns, local).map(|p| p.text.trim().to_string()).filter(|s| !s.is_empty())
    }

    /// Whether the response is a success: a 2xx status of its own, or no status and at least
    /// one 2xx propstat.
    pub fn is_ok(&self) -> bool {
        match self.status {
            Some(s) => (200..300).contains(&s),
            None => self.propstats.iter().any(|ps| (200..300).contains(&ps.status)),
        }
    }
}

/// `HTTP/1.1 404 Not Found` → 404.
fn parse_status(line: &str) -> Option<u16> {
    line.split_whitespace().nth(1)?.parse().ok()
}

fn name_of(resolved: &ResolveResult, local: &str) -> Name {
    let ns = match resolved {
        ResolveResult::Bound(Namespace(uri)) => Ns::from_uri(uri),
        _ => Ns::Other,
    };
    Name { ns, local: local.to_string() }
}

/// Parses a multistatus body; the error says what is wrong (the caller adds the URL).
pub fn parse_multistatus(body: &str) -> Result<Multistatus, String> {
    let mut reader = NsReader::from_str(body);
    reader.config_mut().expand_empty_elements = true;
    let mut out = Multistatus::default();
    let mut stack: Vec<Name> = Vec::new();
    // Text since the last start or end tag: the whole content of a leaf element at its end.
    let mut text = String::new();
    let mut seen_root = false;
    loop {
        let (resolved, event) = reader.read_resolved_event().map_err(|e| format!("malformed XML: {e}"))?;
        match event {
            Event::Start(e) => {
                let name = name_of(&resolved, e.local_name().as_ref());
                text.clear();
                let depth = stack.len() + 1;
                match depth {
                    1 if !name.is(Ns::Dav, "multistatus") => {
                        return Err(format!("root element is {:?}, not DAV:multistatus", name.local));
                    }
                    1 => seen_root = true,
                    2 if name.is(Ns::Dav, "response") => out.responses.push(Response::default()),
                    3 if stack[1].is(Ns::Dav, "response") && name.is(Ns::Dav, "propstat") => {
                        if let Some(r) = out.responses.last_mut() {
                            // Status 0 until its status line is read: a propstat without one
                            // is never taken for a success.
                            r.propstats.push(PropStat { status: 0, props: Vec::new() });
                        }
                    }
                    5 if stack[3].is(Ns::Dav, "prop") => {
                        if let Some(ps) = out.responses.last_mut().and_then(|r| r.propstats.last_mut()) {
                            ps.props.push(Prop {
                                name: name.clone(),
                                text: String::new(),
                                hrefs: Vec::new(),
                                children: Vec::new(),
                                comps: Vec::new(),
                            });
                        }
                    }
                    6 if stack[3].is(Ns::Dav, "prop") => {
                        if let Some(p) = current_prop(&mut out) {
                            if name.local == "comp" {
                                let attr = e.try_get_attribute("name").map_err(|e| format!("bad attribute: {e}"))?;
                                if let Some(a) = attr {
                                    let v = a
                                        .normalized_value(XmlVersion::Implicit1_0)
                                        .map_err(|e| format!("bad attribute: {e}"))?;
                                    p.comps.push(v.into_owned());
                                }
                            }
                            p.children.push(name.clone());
                        }
                    }
                    _ => {}
                }
                stack.push(name);
            }
            Event::End(_) => {
                let depth = stack.len();
                let Some(name) = stack.pop() else {
                    return Err("unbalanced end tag".into());
                };
                let in_response = stack.get(1).is_some_and(|n| n.is(Ns::Dav, "response"));
                match depth {
                    2 if name.is(Ns::Dav, "sync-token") => {
                        out.sync_token = Some(text.trim().to_string()).filter(|s| !s.is_empty());
                    }
                    3 if in_response && name.is(Ns::Dav, "href") => {
                        if let Some(r) = out.responses.last_mut() {
                            r.href = text.trim().to_string();
                        }
                    }
                    3 if in_response && name.is(Ns::Dav, "status") => {
                        if let Some(r) = out.responses.last_mut() {
                            r.status = parse_status(&text);
                        }
                    }
                    4 if stack[2].is(Ns::Dav, "propstat") && name.is(Ns::Dav, "status") => {
                        if let Some(ps) = out.responses.last_mut().and_then(|r| r.propstats.last_mut()) {
                            ps.status =
                                parse_status(&text).ok_or_else(|| format!("bad status line {:?}", text.trim()))?;
                        }
                    }
                    5 if stack[3].is(Ns::Dav, "prop") => {
                        if let Some(p) = current_prop(&mut out) {
                            if p.children.is_empty() {
                                p.text = std::mem::take(&mut text);
                            }
                        }
                    }
                    6 if stack[3].is(Ns::Dav, "prop") && name.is(Ns::Dav, "href") => {
                        if let Some(p) = current_prop(&mut out) {
                            p.hrefs.push(text.trim().to_string());
                        }
                    }
                    _ => {}
                }
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(c) => text.push_str(&c.xml10_content()),
            // `&amp;`, `&#13;`: the reader hands references over apart from the text around.
            Event::GeneralRef(r) => match r.resolve_char_ref().map_err(|e| format!("bad character reference: {e}"))? {
                Some(c) => text.push(c),
                None => {
                    let name = r.xml10_content();
                    let value = resolve_predefined_entity(&name).ok_or_else(|| format!("unknown entity &{name};"))?;
                    text.push_str(value);
                }
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err("empty body, expected DAV:multistatus".into());
    }
    if !stack.is_empty() {
        return Err("truncated XML".into());
    }
    Ok(out)
}

fn current_prop(out: &mut Multistatus) -> Option<&mut Prop> {
    out.responses.last_mut()?.propstats.last_mut()?.props.last_mut()
}

/// Escapes text for an XML body (hrefs, tokens).
pub fn escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CALENDARS: &str = r#"<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:a="http://apple.com/ns/ical/">
  <d:response>
    <d:href>/bob/cal/</d:href>
    <d:propstat>
      <d:prop>
        <d:resourcetype><d:collection/><c:calendar/></d:resourcetype>
        <d:displayname>Work &amp; more</d:displayname>
        <a:calendar-color>#ff0000ff</a:calendar-color>
        <c:supported-calendar-component-set><c:comp name="VEVENT"/><c:comp name="VTODO"/></c:supported-calendar-component-set>
        <d:current-user-principal><d:href>/bob/</d:href></d:current-user-principal>
      </d:prop>
      <d:status>HTTP/1.1 200 OK</d:status>
    </d:propstat>
    <d:propstat>
      <d:prop><x:getctag xmlns:x="http://calendarserver.org/ns/"/></d:prop>
      <d:status>HTTP/1.1 404 Not Found</d:status>
    </d:propstat>
  </d:response>
</d:multistatus>"#;

    #[test]
    fn reads_properties_with_namespaces() {
        let ms = parse_multistatus(CALENDARS).unwrap();
        assert_eq!(ms.responses.len(), 1);
        let r = &ms.responses[0];
        assert_eq!(r.href, "/bob/cal/");
        assert_eq!(r.text(Ns::Dav, "displayname").as_deref(), Some("Work & more"));
        assert_eq!(r.text(Ns::Apple, "calendar-color").as_deref(), Some("#ff0000ff"));
        // Same local name in another namespace must not match.
        assert_eq!(r.text(Ns::Dav, "calendar-color"), None);
        let rt = r.prop(Ns::Dav, "resourcetype").unwrap();
        assert!(rt.children.iter().any(|n| n.is(Ns::CalDav, "calendar")));
        let comps = &r.prop(Ns::CalDav, "supported-calendar-component-set").unwrap().comps;
        assert_eq!(comps, &["VEVENT", "VTODO"]);
        assert_eq!(r.prop(Ns::Dav, "current-user-principal").unwrap().hrefs, vec!["/bob/"]);
        // A 404 propstat is not a value.
        assert!(r.prop(Ns::CalendarServer, "getctag").is_none());
        assert!(r.is_ok());
    }

    #[test]
    fn reads_sync_report_with_deleted_members_and_cdata() {
        let body = r#"<multistatus xmlns="DAV:"><response><href>/c/gone.ics</href><status>HTTP/1.1 404 Not Found</status></response>
<response><href>/c/a.ics</href><propstat><prop><getetag>"e1"</getetag><C:calendar-data xmlns:C="urn:ietf:params:xml:ns:caldav"><![CDATA[BEGIN:VCALENDAR
END:VCALENDAR]]></C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>
<sync-token>http://x/sync/7</sync-token></multistatus>"#;
        let ms = parse_multistatus(body).unwrap();
        assert_eq!(ms.sync_token.as_deref(), Some("http://x/sync/7"));
        assert_eq!(ms.responses[0].status, Some(404));
        assert!(!ms.responses[0].is_ok());
        assert_eq!(ms.responses[1].text(Ns::Dav, "getetag").as_deref(), Some("\"e1\""));
        assert_eq!(ms.responses[1].prop(Ns::CalDav, "calendar-data").unwrap().text, "BEGIN:VCALENDAR\nEND:VCALENDAR");
    }

    #[test]
    fn references_are_resolved_inside_text() {
        let body = r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/c/a&amp;b.ics</d:href><d:propstat><d:prop><d:displayname>&lt;&#x41;&#66;&quot;&apos;&gt;</d:displayname></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;
        let ms = parse_multistatus(body).unwrap();
        assert_eq!(ms.responses[0].href, "/c/a&b.ics");
        assert_eq!(ms.responses[0].text(Ns::Dav, "displayname").as_deref(), Some("<AB\"'>"));
        let unknown = body.replace("&lt;", "&nbsp;");
        assert!(parse_multistatus(&unknown).unwrap_err().contains("unknown entity"));
    }

    #[test]
    fn refuses_what_is_not_a_multistatus() {
        assert!(parse_multistatus("<html><body>Login</body></html>").unwrap_err().contains("not DAV:multistatus"));
        assert!(parse_multistatus("").is_err());
        assert!(parse_multistatus(r#"<d:multistatus xmlns:d="DAV:"><d:response>"#).is_err());
    }
}
