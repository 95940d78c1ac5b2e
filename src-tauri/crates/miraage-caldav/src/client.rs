//! A CalDAV client (RFC 4791) with collection sync (RFC 6578).
//!
//! - Discovery: `/.well-known/caldav` (RFC 6764), falling back to the URL given, then
//!   `current-user-principal` and `calendar-home-set`; the home is remembered per client.
//! - Listing: PROPFIND Depth 1 on the home; only collections whose `resourcetype` says
//!   `calendar` are returned.
//! - Changes: `sync-collection` when the calendar advertises a sync token, otherwise an etag
//!   listing compared with the previous one (short-cut when the ctag is unchanged). Data is
//!   then read with `calendar-multiget`.
//! - Writes: PUT with `If-None-Match: *` or `If-Match`, DELETE with `If-Match`.

use crate::bodies;
use crate::href::{canonical, same_collection};
use crate::model::{Change, ChangeSet, Cursor, Precondition, RemoteCalendar, RemoteItem};
use crate::pin::CertPin;
use crate::transport::{check_status, parse_answer, Credentials, Request, Timeouts, Transport};
use crate::xml::{Multistatus, Ns};
use miraage_sync::{redact, Result, SyncError};
use reqwest::header::ETAG;
use reqwest::StatusCode;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use url::Url;

/// Members read per `calendar-multiget`: large enough to be few requests, small enough that
/// one response stays a few megabytes.
const MULTIGET_BATCH: usize = 100;

/// Rounds of a truncated `sync-collection` (HTTP 507 on the collection) followed in one call.
const MAX_SYNC_ROUNDS: usize = 50;

pub struct CalDavClient {
    transport: Transport,
    base: Url,
    home: OnceLock<Url>,
}

impl CalDavClient {
    /// A client for the server at `base_url` (the server root or any URL on it).
    ///
    /// # Errors
    /// As [`CalDavClient::with_timeouts`].
    pub fn new(base_url: &str, creds: Credentials) -> Result<Self> {
        Self::with_timeouts(base_url, creds, &Timeouts::default())
    }

    /// A client with its own timeouts and body limit.
    ///
    /// # Errors
    /// [`SyncError::InvalidUrl`] for a URL that is not http(s) or holds credentials;
    /// [`SyncError::Insecure`] for plain http to a server that is not on this computer;
    /// [`SyncError::Setup`] when no HTTP client can be made.
    pub fn with_timeouts(base_url: &str, creds: Credentials, timeouts: &Timeouts) -> Result<Self> {
        Self::with_options(base_url, creds, timeouts, None)
    }

    /// A client that accepts only the certificate `pin` names when one is given (see
    /// [`crate::CertPin`]), instead of the trusted roots.
    ///
    /// # Errors
    /// As [`CalDavClient::with_timeouts`].
    pub fn with_options(base_url: &str, creds: Credentials, timeouts: &Timeouts, pin: Option<CertPin>) -> Result<Self> {
        let invalid = |reason: &str| SyncError::InvalidUrl { url: redact(base_url), reason: reason.into() };
        let base = Url::parse(base_url).map_err(|e| invalid(&e.to_string()))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(invalid("only http and https are supported"));
        }
        if !base.username().is_empty() || base.password().is_some() {
            return Err(invalid("give the user name and password separately, not in the URL"));
        }
        Ok(CalDavClient { transport: Transport::new(creds, timeouts, base.clone(), pin)?, base, home: OnceLock::new() })
    }

    /// The calendar home of the signed-in user, discovered on first use.
    ///
    /// # Errors
    /// [`SyncError::Unauthorized`], transport and HTTP errors of the discovery requests;
    /// [`SyncError::BadResponse`] when the server names no principal or calendar home.
    pub async fn calendar_home(&self) -> Result<Url> {
        if let Some(home) = self.home.get() {
            return Ok(home.clone());
        }
        let home = self.discover().await?;
        Ok(self.home.get_or_init(|| home).clone())
    }

    async fn discover(&self) -> Result<Url> {
        let well_known = self.base.join("/.well-known/caldav").map_err(|e| self.invalid(&e.to_string()))?;
        let principal = match self.principal(&well_known).await {
            Ok(p) => p,
            // Wrong password or a dead server will not get better with another URL.
            Err(e @ (SyncError::Unauthorized { .. } | SyncError::Transient { .. })) => return Err(e),
            Err(_) => self.principal(&self.base).await?,
        };
        let req = Request::new("PROPFIND", principal.clone()).depth("0").xml(bodies::HOME_SET);
        let (answered, ms) = self.transport.multistatus(&req).await?;
        let href = first_href(&ms, Ns::CalDav, "calendar-home-set").ok_or_else(|| SyncError::BadResponse {
            url: redact(principal.as_str()),
            reason: "the principal has no calendar-home-set (not a CalDAV account?)".into(),
        })?;
        answered.join(&href).map_err(|e| self.invalid(&e.to_string()))
    }

    async fn principal(&self, url: &Url) -> Result<Url> {
        let req = Request::new("PROPFIND", url.clone()).depth("0").xml(bodies::PRINCIPAL);
        let (answered, ms) = self.transport.multistatus(&req).await?;
        let href = first_href(&ms, Ns::Dav, "current-user-principal").ok_or_else(|| SyncError::BadResponse {
            url: redact(url.as_str()),
            reason: "no current-user-principal".into(),
        })?;
        answered.join(&href).map_err(|e| self.invalid(&e.to_string()))
    }

    fn invalid(&self, reason: &str) -> SyncError {
        SyncError::InvalidUrl { url: redact(self.base.as_str()), reason: reason.into() }
    }

    /// An href (a path, or a full URL on this server) as a URL to request.
    fn url(&self, href: &str) -> Result<Url> {
        self.base.join(href).map_err(|e| SyncError::InvalidUrl { url: redact(href), reason: e.to_string() })
    }

    async fn sync_collection(&self, cal: &RemoteCalendar, token: Option<&str>) -> Result<ChangeSet> {
        let url = self.url(&cal.href)?;
        let mut token = token.map(str::to_string);
        let full = token.is_none();
        // href → deleted?; later rounds override earlier ones.
        let mut seen: BTreeMap<String, bool> = BTreeMap::new();
        for _ in 0..MAX_SYNC_ROUNDS {
            let req = Request::new("REPORT", url.clone()).depth("0").xml(bodies::sync_collection(token.as_deref()));
            let answer = self.transport.send(&req).await?;
            let status = answer.status.as_u16();
            if status != 207 {
                let invalid_token = matches!(status, 403 | 409) && answer.body.contains("valid-sync-token");
                if invalid_token && token.is_some() && !full {
                    // The token expired: start over and tell the caller it is a full listing.
                    return Box::pin(self.sync_collection(cal, None)).await;
                }
                if matches!(status, 400 | 403 | 405 | 415 | 501) && !invalid_token {
                    // The server does not do sync-collection after all.
                    let mut set = self.etag_changes(cal, None).await?;
                    set.full = true;
                    return Ok(set);
                }
                check_status(answer.status, answer.url.as_str())?;
            }
            let (_, ms) = parse_answer(answer)?;
            let mut truncated = false;
            for r in &ms.responses {
                let href = canonical(&r.href);
                if same_collection(&href, &cal.href) {
                    truncated |= r.status == Some(507);
                    continue;
                }
                if r.status == Some(404) {
                    seen.insert(href, true);
                } else if r.is_ok() {
                    seen.insert(href, false);
                }
            }
            token = Some(ms.sync_token.ok_or_else(|| SyncError::BadResponse {
                url: redact(url.as_str()),
                reason: "sync-collection answer without a sync-token".into(),
            })?);
            if !truncated {
                break;
            }
        }
        let mut changes: Vec<Change> =
            seen.iter().filter(|(_, gone)| **gone).map(|(h, _)| Change::Deleted(h.clone())).collect();
        let changed: Vec<&str> = seen.iter().filter(|(_, gone)| !**gone).map(|(h, _)| h.as_str()).collect();
        changes.extend(self.multiget(cal, &changed).await?);
        let token = token.expect("a round completed or returned early");
        Ok(ChangeSet { changes, cursor: Cursor::SyncToken(token), full })
    }

    /// Changes found by comparing every member's etag with `previous` (none: all are new).
    async fn etag_changes(
        &self,
        cal: &RemoteCalendar,
        previous: Option<(&Option<String>, &BTreeMap<String, String>)>,
    ) -> Result<ChangeSet> {
        if let Some((Some(old_ctag), _)) = previous {
            if cal.ctag.as_ref() == Some(old_ctag) {
                let (ctag, etags) = previous.expect("matched above");
                return Ok(ChangeSet {
                    changes: Vec::new(),
                    cursor: Cursor::Etags { ctag: ctag.clone(), etags: etags.clone() },
                    full: false,
                });
            }
        }
        let url = self.url(&cal.href)?;
        let req = Request::new("REPORT", url).depth("1").xml(bodies::ETAG_QUERY);
        let (_, ms) = self.transport.multistatus(&req).await?;
        let mut now: BTreeMap<String, String> = BTreeMap::new();
        for r in &ms.responses {
            let href = canonical(&r.href);
            if let Some(etag) = r.text(Ns::Dav, "getetag").filter(|_| !same_collection(&href, &cal.href)) {
                now.insert(href, etag);
            }
        }
        let empty = BTreeMap::new();
        let old = previous.map_or(&empty, |(_, etags)| etags);
        let mut changes: Vec<Change> =
            old.keys().filter(|h| !now.contains_key(*h)).map(|h| Change::Deleted(h.clone())).collect();
        let changed: Vec<&str> = now.iter().filter(|(h, e)| old.get(*h) != Some(*e)).map(|(h, _)| h.as_str()).collect();
        let fetched = self.multiget(cal, &changed).await?;
        // The new cursor holds what was actually read: unchanged items as before, changed
        // ones with the etag of the data fetched (it may be newer than the listing's).
        let mut etags: BTreeMap<String, String> = now.into_iter().filter(|(h, e)| old.get(h) == Some(e)).collect();
        for change in &fetched {
            if let Change::Upsert(item) = change {
                etags.insert(item.href.clone(), item.etag.clone());
            }
        }
        changes.extend(fetched);
        Ok(ChangeSet { changes, cursor: Cursor::Etags { ctag: cal.ctag.clone(), etags }, full: previous.is_none() })
    }

    pub(crate) async fn multiget(&self, cal: &RemoteCalendar, hrefs: &[&str]) -> Result<Vec<Change>> {
        let url = self.url(&cal.href)?;
        let mut out = Vec::with_capacity(hrefs.len());
        for batch in hrefs.chunks(MULTIGET_BATCH) {
            let req = Request::new("REPORT", url.clone()).depth("1").xml(bodies::multiget(batch.iter().copied()));
            let (_, ms) = self.transport.multistatus(&req).await?;
            // Every member asked for must be answered (RFC 4791 §7.9); one left out would be
            // skipped for good once the cursor moves past it.
            let answered: std::collections::BTreeSet<String> =
                ms.responses.iter().map(|r| canonical(&r.href)).collect();
            if let Some(missing) = batch.iter().find(|h| !answered.contains(&canonical(h))) {
                return Err(SyncError::BadResponse {
                    url: redact(url.as_str()),
                    reason: format!("calendar-multiget did not answer for {missing}"),
                });
            }
            for r in &ms.responses {
                let href = canonical(&r.href);
                let etag = r.text(Ns::Dav, "getetag");
                let data = r.prop(Ns::CalDav, "calendar-data").map(|p| p.text.clone()).filter(|t| !t.trim().is_empty());
                match (etag, data) {
                    (Some(etag), Some(ics)) => out.push(Change::Upsert(RemoteItem { href, etag, ics })),
                    // Gone since it was listed: a 404 for the member, or for all it holds.
                    _ if r.status == Some(404)
                        || r.status.is_none()
                            && !r.propstats.is_empty()
                            && r.propstats.iter().all(|ps| ps.status == 404) =>
                    {
                        out.push(Change::Deleted(href))
                    }
                    _ => {
                        return Err(SyncError::BadResponse {
                            url: redact(url.as_str()),
                            reason: format!("no etag or calendar data for {href}"),
                        })
                    }
                }
            }
        }
        Ok(out)
    }
}

/// The collection-level operations the sync engine's CalDAV provider is built from.
impl CalDavClient {
    /// The calendars in the user's calendar home (collections whose resource type says
    /// `calendar`), with name, colour, component set, ctag and sync token.
    ///
    /// # Errors
    /// Those of [`CalDavClient::calendar_home`] and of the PROPFIND (bad XML included).
    pub async fn list_calendars(&self) -> Result<Vec<RemoteCalendar>> {
        let home = self.calendar_home().await?;
        let req = Request::new("PROPFIND", home).depth("1").xml(bodies::CALENDARS);
        let (_, ms) = self.transport.multistatus(&req).await?;
        let calendars = ms
            .responses
            .iter()
            .filter(|r| {
                r.prop(Ns::Dav, "resourcetype").is_some_and(|p| p.children.iter().any(|n| n.is(Ns::CalDav, "calendar")))
            })
            .map(|r| RemoteCalendar {
                href: canonical(&r.href),
                name: r.text(Ns::Dav, "displayname"),
                color: r.text(Ns::Apple, "calendar-color"),
                components: r
                    .prop(Ns::CalDav, "supported-calendar-component-set")
                    .map(|p| p.comps.clone())
                    .unwrap_or_default(),
                ctag: r.text(Ns::CalendarServer, "getctag"),
                sync_token: r.text(Ns::Dav, "sync-token"),
            })
            .collect();
        Ok(calendars)
    }

    /// With a `SyncToken` cursor, or none on a calendar that advertises sync: `sync-collection`.
    /// With an `Etags` cursor, or none otherwise: an etag listing. For the ctag short-cut,
    /// pass the calendar as returned by a fresh `list_calendars`.
    ///
    /// # Errors
    /// Transport, HTTP and XML errors of the reports; [`SyncError::BadResponse`] when a
    /// member asked for is not answered or an answer lacks its sync token.
    pub async fn changes_since(&self, calendar: &RemoteCalendar, cursor: Option<&Cursor>) -> Result<ChangeSet> {
        match cursor {
            Some(Cursor::SyncToken(token)) => self.sync_collection(calendar, Some(token)).await,
            Some(Cursor::Etags { ctag, etags }) => self.etag_changes(calendar, Some((ctag, etags))).await,
            None if calendar.sync_token.is_some() => self.sync_collection(calendar, None).await,
            None => self.etag_changes(calendar, None).await,
        }
    }

    /// Writes one item under `condition`; returns its new etag if the server gave one.
    ///
    /// # Errors
    /// [`SyncError::Conflict`] when the condition fails (412), other HTTP and transport
    /// errors.
    pub async fn put(&self, href: &str, ics: &str, condition: &Precondition) -> Result<Option<String>> {
        let req = Request::new("PUT", self.url(href)?).calendar(ics).subject(href);
        let req = match condition {
            Precondition::Create => req.header("If-None-Match", "*"),
            Precondition::Match(etag) => req.header("If-Match", etag.clone()),
            Precondition::Overwrite => req,
        };
        let answer = self.transport.send_ok(&req).await?;
        Ok(answer.headers.get(ETAG).and_then(|v| v.to_str().ok()).map(str::to_string))
    }

    /// Deletes one item if it still has `etag` (`None`: any version); an item already
    /// gone counts as deleted.
    ///
    /// # Errors
    /// [`SyncError::Conflict`] for another version (412), other HTTP and transport errors.
    pub async fn delete(&self, href: &str, etag: Option<&str>) -> Result<()> {
        let mut req = Request::new("DELETE", self.url(href)?).subject(href);
        if let Some(etag) = etag {
            req = req.header("If-Match", etag);
        }
        let answer = self.transport.send(&req).await?;
        if answer.status == StatusCode::NOT_FOUND {
            return Ok(());
        }
        check_status(answer.status, href)
    }
}

fn first_href(ms: &Multistatus, ns: Ns, local: &str) -> Option<String> {
    ms.responses.iter().find_map(|r| r.prop(ns, local).and_then(|p| p.hrefs.first().cloned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<CalDavClient>();
    }

    #[test]
    fn credentials_in_the_url_are_refused_without_echoing_them() {
        let err = CalDavClient::new("https://bob:hunter2@dav.example.com/", Credentials::new("bob", "hunter2"))
            .err()
            .unwrap();
        assert!(matches!(err, SyncError::InvalidUrl { .. }));
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }
}
