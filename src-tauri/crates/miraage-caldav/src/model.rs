//! What the CalDAV client exchanges: collections, items, changes and cursors.

use std::collections::BTreeMap;

/// A calendar collection on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteCalendar {
    /// Path of the collection as the server names it (ends with `/`).
    pub href: String,
    pub name: Option<String>,
    /// The server's colour as given (often `#rrggbbaa`).
    pub color: Option<String>,
    /// Component kinds the calendar accepts (`VEVENT`, `VTODO`, …); empty when the server
    /// does not say, which means any (RFC 4791 §5.2.3).
    pub components: Vec<String>,
    /// CalendarServer `getctag`: changes whenever anything in the calendar changes.
    pub ctag: Option<String>,
    /// RFC 6578 sync token, when the server supports `sync-collection`.
    pub sync_token: Option<String>,
}

impl RemoteCalendar {
    /// The server's colour as the `#rrggbb` Miraage stores: Apple clients write
    /// `#RRGGBBAA`, some servers `#RGB`; anything else is not a colour.
    pub fn css_color(&self) -> Option<String> {
        let hex = self.color.as_deref()?.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let rgb = match hex.len() {
            6 | 8 => hex[..6].to_string(),
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            _ => return None,
        };
        Some(format!("#{}", rgb.to_ascii_lowercase()))
    }

    pub fn supports_events(&self) -> bool {
        self.components.is_empty() || self.components.iter().any(|c| c.eq_ignore_ascii_case("VEVENT"))
    }

    /// Where a new item with this UID goes. The name is derived from the UID alone, so that
    /// a create retried after a lost answer hits the same href (and gets `Conflict`) instead
    /// of making a duplicate. A UID of letters, digits, `-_.~@` is used as it is (`@`
    /// encoded); others (`/`, spaces, non-ASCII, over 200 bytes) become `uid-` and a 64-bit
    /// hash, since servers disagree on such names.
    pub fn item_href(&self, uid: &str) -> String {
        let mut href = crate::href::canonical(&self.href);
        if !href.ends_with('/') {
            href.push('/');
        }
        href.push_str(&crate::href::item_name(uid));
        href.push_str(".ics");
        href
    }
}

/// One calendar object resource: an `.ics` holding one UID (a master and its overrides).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteItem {
    pub href: String,
    pub etag: String,
    pub ics: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Upsert(RemoteItem),
    Deleted(String),
}

/// Where the last sync of a calendar stopped.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cursor {
    /// An RFC 6578 sync token.
    SyncToken(String),
    /// For servers without `sync-collection`: the ctag and every item's etag, compared
    /// with a fresh listing to find what changed.
    Etags { ctag: Option<String>, etags: BTreeMap<String, String> },
}

/// The result of one `changes_since`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeSet {
    pub changes: Vec<Change>,
    /// Pass this to the next `changes_since`.
    pub cursor: Cursor,
    /// The old cursor was refused (expired sync token) and `changes` lists every item: the
    /// caller must drop local items of this calendar that are not in it.
    pub full: bool,
}

/// The condition a write is made under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Precondition {
    /// Create only: fails with `Conflict` if the href already exists (`If-None-Match: *`).
    Create,
    /// Overwrite only the version with this etag (`If-Match`).
    Match(String),
    /// Overwrite whatever is there (when the server gave no etag to match).
    Overwrite,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(href: &str, components: &[&str]) -> RemoteCalendar {
        RemoteCalendar {
            href: href.into(),
            name: None,
            color: None,
            components: components.iter().map(|c| c.to_string()).collect(),
            ctag: None,
            sync_token: None,
        }
    }

    #[test]
    fn item_hrefs_encode_the_uid() {
        assert_eq!(cal("/bob/cal/", &[]).item_href("a1@miraage"), "/bob/cal/a1%40miraage.ics");
        assert_eq!(
            cal("/bob/cal", &[]).item_href("x/y z"),
            format!("/bob/cal/{}.ics", crate::href::item_name("x/y z"))
        );
    }

    #[test]
    fn colours_become_css_hex() {
        let with = |c: &str| RemoteCalendar { color: Some(c.into()), ..cal("/c/", &[]) };
        assert_eq!(with("#3366FFFF").css_color().as_deref(), Some("#3366ff"));
        assert_eq!(with("#3366ff").css_color().as_deref(), Some("#3366ff"));
        assert_eq!(with("#36F").css_color().as_deref(), Some("#3366ff"));
        assert_eq!(with("blue").css_color(), None);
        assert_eq!(with("#12345").css_color(), None);
        assert_eq!(with("#gg0000").css_color(), None);
        assert_eq!(cal("/c/", &[]).css_color(), None);
    }

    #[test]
    fn event_support_follows_the_component_set() {
        assert!(cal("/c/", &[]).supports_events());
        assert!(cal("/c/", &["VTODO", "VEVENT"]).supports_events());
        assert!(!cal("/c/", &["VTODO"]).supports_events());
    }
}
