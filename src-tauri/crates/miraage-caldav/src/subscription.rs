//! Read-only ICS subscriptions (`https://` or `webcal://` links to an iCalendar file),
//! refreshed with conditional GET (ETag, Last-Modified), within a size and time limit.

use crate::transport::{check_status, read_limited, transport_error};
use chrono_tz::Tz;
use miraage_domain::{CalendarId, Event, EventId, TaskListId};
use miraage_ical::{parse_ics, ImportOptions};
use miraage_sync::{
    redact, Changes, IncomingItem, ItemBody, ItemKind, ItemScope, OutgoingItem, Provider, RemoteChange,
    RemoteCollection, Result, SyncError, Written,
};
use reqwest::header::{ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;
use url::Url;

/// Limits of one refresh.
#[derive(Debug, Clone)]
pub struct FeedLimits {
    pub timeout: Duration,
    pub max_bytes: usize,
    pub max_redirects: usize,
}

impl Default for FeedLimits {
    fn default() -> Self {
        FeedLimits { timeout: Duration::from_secs(30), max_bytes: 32 << 20, max_redirects: 5 }
    }
}

/// What the last refresh saw, for a conditional GET.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct FeedCursor {
    etag: Option<String>,
    last_modified: Option<String>,
}

/// Repairs and skips logged per refresh: enough to see what a broken feed does.
const FINDINGS_LOGGED: usize = 20;

impl IcsSubscription {
    /// What the reader repaired or left out is no reason to refuse a feed; it goes to the
    /// log, which the Diagnostics view shows.
    fn log_findings(&self, parsed: &miraage_ical::Parsed) {
        let (repaired, skipped) = (parsed.repaired.len(), parsed.skipped.len());
        tracing::info!(target: "miraage::sync", feed = %self.name, events = parsed.events.len(), repaired, skipped,
            "subscription read");
        let findings =
            parsed.repaired.iter().map(|f| ("repaired", f)).chain(parsed.skipped.iter().map(|f| ("skipped", f)));
        for (what, finding) in findings.take(FINDINGS_LOGGED) {
            tracing::info!(target: "miraage::sync", feed = %self.name, what, finding = %finding, "subscription line");
        }
    }
}

pub struct IcsSubscription {
    url: Url,
    name: String,
    http: reqwest::Client,
    default_zone: Tz,
    max_bytes: usize,
}

/// Reads a subscription URL: `webcal://` means `https://`; only http(s) is fetched, and a
/// URL with a password in it is refused (it would be stored in plain text).
///
/// # Errors
/// [`SyncError::InvalidUrl`] for those, and for text that is no URL.
pub fn feed_url(url: &str) -> Result<Url> {
    let invalid = |reason: &str| SyncError::InvalidUrl { url: redact(url), reason: reason.into() };
    let trimmed = url.trim();
    let fixed = match trimmed.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("webcal") || scheme.eq_ignore_ascii_case("webcals") => {
            format!("https://{rest}")
        }
        _ => trimmed.to_string(),
    };
    let parsed = Url::parse(&fixed).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid("a subscription must be an https, http or webcal link"));
    }
    if parsed.password().is_some() {
        return Err(invalid("links with a password in them are not supported"));
    }
    Ok(parsed)
}

impl IcsSubscription {
    /// A feed at `url` (see [`feed_url`]), shown as `name`; floating times are read in
    /// `default_zone`.
    ///
    /// # Errors
    /// Those of [`feed_url`]; [`SyncError::Setup`] when no HTTP client can be made.
    pub fn new(url: &str, name: &str, default_zone: Tz, limits: &FeedLimits) -> Result<Self> {
        let url = feed_url(url)?;
        let http = reqwest::Client::builder()
            .timeout(limits.timeout)
            .redirect(reqwest::redirect::Policy::limited(limits.max_redirects))
            .user_agent(concat!("Miraage/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SyncError::Setup { reason: e.without_url().to_string() })?;
        Ok(IcsSubscription { url, name: name.to_string(), http, default_zone, max_bytes: limits.max_bytes })
    }

    fn bad(&self, reason: String) -> SyncError {
        SyncError::BadResponse { url: redact(self.url.as_str()), reason }
    }
}

impl Provider for IcsSubscription {
    fn label(&self) -> &'static str {
        "ICS subscription"
    }

    async fn collections(&self) -> Result<Vec<RemoteCollection>> {
        Ok(vec![RemoteCollection {
            remote_id: self.url.to_string(),
            name: self.name.clone(),
            color: None,
            holds_events: true,
            holds_tasks: false,
            read_only: true,
        }])
    }

    async fn changes(&self, _collection: &RemoteCollection, cursor: Option<&str>) -> Result<Changes> {
        let previous: FeedCursor = cursor.and_then(|c| serde_json::from_str(c).ok()).unwrap_or_default();
        let mut req = self.http.get(self.url.clone()).header("Accept", "text/calendar, */*;q=0.5");
        if let Some(etag) = &previous.etag {
            req = req.header(IF_NONE_MATCH, etag);
        }
        if let Some(lm) = &previous.last_modified {
            req = req.header(IF_MODIFIED_SINCE, lm);
        }
        let resp = req.send().await.map_err(|e| {
            if e.is_redirect() {
                self.bad("too many redirects (a redirect loop?)".into())
            } else {
                transport_error(&e, &self.url)
            }
        })?;
        let status = resp.status();
        if status == StatusCode::NOT_MODIFIED && cursor.is_some() {
            return Ok(Changes {
                changes: Vec::new(),
                cursor: cursor.unwrap_or_default().to_string(),
                full: false,
                more: false,
            });
        }
        check_status(status, self.url.as_str())?;
        let header = |name| {
            resp.headers().get(name).and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok()).map(str::to_string)
        };
        let next = FeedCursor { etag: header(ETAG), last_modified: header(LAST_MODIFIED) };
        let final_url = resp.url().clone();
        let text = read_limited(resp, self.max_bytes, &final_url).await?;
        if !text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .get(..15)
            .is_some_and(|h| h.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
        {
            return Err(self.bad("not an iCalendar file (it does not start with BEGIN:VCALENDAR)".into()));
        }
        let opts = ImportOptions {
            calendar_id: CalendarId::new(),
            task_list_id: TaskListId::new(),
            default_zone: self.default_zone,
        };
        let parsed = parse_ics(&text, &redact(self.url.as_str()), &opts)
            .map_err(|e| self.bad(format!("not a readable iCalendar file: {e}")))?;
        self.log_findings(&parsed);
        let mut by_uid: BTreeMap<String, Vec<Event>> = BTreeMap::new();
        for e in parsed.events {
            by_uid.entry(e.uid.clone()).or_default().push(e);
        }
        let changes = by_uid
            .into_iter()
            .map(|(uid, mut events)| {
                events.sort_by_key(|e| e.recurrence_id().is_some());
                RemoteChange::Upsert(IncomingItem {
                    remote_id: uid.clone(),
                    // A feed has no per-event versions: a hash of the content stands in, so
                    // unchanged events are not rewritten on every refresh.
                    etag: Some(content_hash(&events)),
                    uid,
                    scope: ItemScope::Whole,
                    body: ItemBody::Events(events),
                })
            })
            .collect();
        let cursor = serde_json::to_string(&next).expect("cursor serialises");
        Ok(Changes { changes, cursor, full: true, more: false })
    }

    async fn write(&self, _collection: &RemoteCollection, _item: OutgoingItem<'_>) -> Result<Written> {
        Err(SyncError::ReadOnly { what: format!("the subscription {}", redact(self.url.as_str())) })
    }

    async fn delete(&self, _c: &RemoteCollection, _k: ItemKind, _r: &str, _e: Option<&str>) -> Result<()> {
        Err(SyncError::ReadOnly { what: format!("the subscription {}", redact(self.url.as_str())) })
    }

    async fn find(&self, _c: &RemoteCollection, _k: ItemKind, _uid: &str) -> Result<Option<IncomingItem>> {
        Ok(None)
    }
}

fn content_hash(events: &[Event]) -> String {
    let blank: Vec<Event> = events
        .iter()
        .map(|e| Event {
            id: EventId::from_string(String::new()),
            calendar_id: CalendarId::from_string(String::new()),
            ..e.clone()
        })
        .collect();
    format!("h{:016x}", crate::href::fnv1a(&serde_json::to_vec(&blank).expect("events serialise")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webcal_links_become_https_and_passwords_are_refused() {
        assert_eq!(feed_url("webcal://example.com/a.ics").unwrap().as_str(), "https://example.com/a.ics");
        assert_eq!(feed_url(" https://example.com/a.ics ").unwrap().as_str(), "https://example.com/a.ics");
        assert!(feed_url("ftp://example.com/a.ics").is_err());
        let err = feed_url("https://bob:hunter2@example.com/a.ics").unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }
}
