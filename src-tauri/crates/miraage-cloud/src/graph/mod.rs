//! Microsoft Graph v1.0 as a [`Provider`]: Outlook calendars and Microsoft To Do.
//!
//! - Collections: `/me/calendars` (colour from `hexColor`, else the named colour; read-only
//!   unless `canEdit`) and `/me/todo/lists`.
//! - Events: `calendarView/delta` over a window (`window_past_days` … `window_future_days`),
//!   following `@odata.nextLink` pages to an `@odata.deltaLink` (the cursor holds the link).
//!   An expired delta token (410 Gone, `SyncStateNotFound`) starts a full listing. The view
//!   lists instances: a series is read from its master (fetched once per page, its cancelled
//!   occurrences as EXDATEs), exceptions become overrides; plain occurrences are left to the
//!   master's expansion. Times come in UTC (`Prefer: outlook.timezone="UTC"`), zones from
//!   `originalStartTimeZone` (Windows names resolved to IANA).
//! - Creates carry a `transactionId` derived from the UID, so a retried create returns the
//!   event the first try made. Updates PATCH with `If-Match` (412 → Conflict).
//! - To Do: `tasks/delta` with the same link cursor. A create carries its UID in an open
//!   extension ([`tasks::EXTENSION`]), which [`Provider::find`] looks for.

pub mod events;
pub mod recurrence;
pub mod tasks;

use crate::api::{check, shown, Api, Call};
use chrono::{Duration, Utc};
use futures_util::stream::{self, StreamExt, TryStreamExt};
use miraage_domain::{CalendarId, EventKind, EventOrigin, EventStatus, RecurrenceId, TaskListId};
use miraage_oauth::Session;
use miraage_sync::{
    Changes, IncomingItem, ItemBody, ItemKind, ItemScope, OutgoingItem, Provider, RemoteChange, RemoteCollection,
    Result, SyncError, Written,
};
use reqwest::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use url::Url;

pub const GRAPH_API: &str = "https://graph.microsoft.com/v1.0/";

/// Series masters fetched at once for one page: Graph allows a few concurrent requests per
/// mailbox before it throttles.
const MASTER_FETCHES: usize = 4;

/// Outlook's named calendar colours (`calendarColor`), as Outlook on the web draws them.
const NAMED_COLORS: [(&str, &str); 9] = [
    ("lightBlue", "#a6d1f5"),
    ("lightGreen", "#87d28e"),
    ("lightOrange", "#fcab73"),
    ("lightGray", "#c0bfc1"),
    ("lightYellow", "#f4d07a"),
    ("lightTeal", "#6fd3d5"),
    ("lightPink", "#f88aa3"),
    ("lightBrown", "#cba48f"),
    ("lightRed", "#f1919d"),
];

pub struct GraphProvider {
    api: Api,
    base: Url,
    /// Events per delta page (`Prefer: odata.maxpagesize`).
    pub page_size: u32,
    pub window_past_days: i64,
    pub window_future_days: i64,
}

#[derive(Debug, Serialize, Deserialize)]
struct LinkCursor {
    /// The `@odata.nextLink` to continue a listing or the `@odata.deltaLink` of the next sync.
    link: String,
    #[serde(default)]
    full: bool,
    /// Series masters returned so far. The view reports a deleted series only as removed
    /// occurrences, so a page with removals checks which of these are gone.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    masters: BTreeSet<String>,
}

fn is_sync_state_gone(status: StatusCode, body: &[u8]) -> bool {
    if status == StatusCode::GONE {
        return true;
    }
    let v: Value = serde_json::from_slice(body).unwrap_or_default();
    matches!(v["error"]["code"].as_str(), Some(c) if c.eq_ignore_ascii_case("SyncStateNotFound") || c.eq_ignore_ascii_case("resyncRequired") || c.eq_ignore_ascii_case("SyncStateInvalid"))
}

/// A `transactionId` for a create: stable per UID, so the server can recognise a retry.
fn transaction_id(uid: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut h2: u64 = 0x8422_2325_cbf2_9ce4;
    for &b in uid.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        h2 = (h2 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3 ^ 0x1f);
    }
    format!("miraage-{h:016x}{h2:016x}")
}

impl GraphProvider {
    /// The provider for Outlook calendars and Microsoft To Do, through Microsoft Graph.
    ///
    /// # Errors
    ///
    /// [`SyncError::Setup`] when the HTTP client cannot be set up.
    pub fn new(session: Arc<Session>) -> Result<Self> {
        Self::with_endpoint(session, GRAPH_API)
    }

    /// With another Graph root (tests point it at a local fake server).
    ///
    /// # Errors
    ///
    /// [`SyncError::InvalidUrl`] when `graph_api` is not a URL; [`SyncError::Setup`] when the HTTP
    /// client cannot be set up.
    pub fn with_endpoint(session: Arc<Session>, graph_api: &str) -> Result<Self> {
        let base = Url::parse(graph_api)
            .map_err(|e| SyncError::InvalidUrl { url: graph_api.into(), reason: e.to_string() })?;
        Ok(GraphProvider {
            api: Api::new(session)?,
            base,
            page_size: 100,
            window_past_days: 365,
            window_future_days: 730,
        })
    }

    pub fn api_mut(&mut self) -> &mut Api {
        &mut self.api
    }

    pub(crate) fn api(&self) -> &Api {
        &self.api
    }

    pub(crate) fn graph_url(&self, segments: &[&str]) -> Url {
        self.url(segments)
    }

    fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        url.path_segments_mut().expect("http URL").pop_if_empty().extend(segments);
        url
    }

    /// A link the server gave must point at the same API: the bearer token goes with it.
    fn server_link(&self, link: &str) -> Result<Url> {
        let url = Url::parse(link)
            .map_err(|e| SyncError::BadResponse { url: shown(&self.base), reason: format!("invalid link: {e}") })?;
        if url.origin() != self.base.origin() {
            return Err(SyncError::BadResponse {
                url: shown(&url),
                reason: "a paging link to another server was refused".into(),
            });
        }
        Ok(url)
    }

    fn prefer<'a>(&self, call: Call<'a>) -> Call<'a> {
        call.header(
            "prefer",
            format!(
                "outlook.timezone=\"UTC\", outlook.body-content-type=\"text\", odata.maxpagesize={}",
                self.page_size
            ),
        )
    }

    async fn list_all(&self, url: Url) -> Result<Vec<Value>> {
        let mut out = Vec::new();
        let mut next = Some(url);
        while let Some(url) = next {
            let answer = self.api.send_ok(&Call::get(url.clone())).await?;
            let page: Value = answer.json(&url)?;
            out.extend(page["value"].as_array().cloned().unwrap_or_default());
            next = page["@odata.nextLink"].as_str().map(|l| self.server_link(l)).transpose()?;
        }
        Ok(out)
    }

    /// One page of a delta listing: the page, whether the listing is full, the URL asked,
    /// and the masters known before it.
    async fn delta_page(
        &self,
        first: Url,
        cursor: Option<&str>,
        collection: &RemoteCollection,
    ) -> Result<(Value, bool, Url, BTreeSet<String>)> {
        let (url, full, masters) = match cursor {
            None => (first, true, BTreeSet::new()),
            Some(c) => {
                let c: LinkCursor = serde_json::from_str(c).map_err(|_| SyncError::BadResponse {
                    url: collection.remote_id.clone(),
                    reason: "the saved sync cursor is not Graph's; a full sync is needed".into(),
                })?;
                (self.server_link(&c.link)?, c.full, c.masters)
            }
        };
        let answer = self.api.send(&self.prefer(Call::get(url.clone()))).await?;
        if cursor.is_some() && is_sync_state_gone(answer.status, &answer.body) {
            return Box::pin(self.delta_page(url_for_restart(self, collection), None, collection)).await;
        }
        check(&answer, &url)?;
        Ok((answer.json(&url)?, full, url, masters))
    }

    fn next_cursor(&self, page: &Value, full: bool, url: &Url, masters: BTreeSet<String>) -> Result<(String, bool)> {
        let (link, more) = match (page["@odata.nextLink"].as_str(), page["@odata.deltaLink"].as_str()) {
            (Some(next), _) => (next, true),
            (None, Some(delta)) => (delta, false),
            _ => {
                return Err(SyncError::BadResponse {
                    url: shown(url),
                    reason: "neither @odata.nextLink nor @odata.deltaLink".into(),
                })
            }
        };
        self.server_link(link)?;
        let full = full && more;
        Ok((
            serde_json::to_string(&LinkCursor { link: link.to_string(), full, masters }).expect("cursor serialises"),
            more,
        ))
    }

    fn events_delta_url(&self, calendar: &str) -> Url {
        let mut url = self.url(&["me", "calendars", calendar, "calendarView", "delta"]);
        let now = Utc::now();
        let fmt = |t: chrono::DateTime<Utc>| t.format("%Y-%m-%dT00:00:00Z").to_string();
        url.query_pairs_mut()
            .append_pair("startDateTime", &fmt(now - Duration::days(self.window_past_days)))
            .append_pair("endDateTime", &fmt(now + Duration::days(self.window_future_days)));
        url
    }

    async fn master(&self, id: String) -> Result<(String, Option<Value>)> {
        let found = self.get_event(&id).await?;
        Ok((id, found))
    }

    /// One event with its origin property.
    async fn get_event(&self, id: &str) -> Result<Option<Value>> {
        let mut url = self.url(&["me", "events", id]);
        url.query_pairs_mut().append_pair("$expand", &events::expand_properties());
        let answer = self.api.send(&self.prefer(Call::get(url.clone()))).await?;
        if answer.status == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        check(&answer, &url)?;
        Ok(Some(answer.json(&url)?))
    }

    async fn event_changes(&self, collection: &RemoteCollection, cursor: Option<&str>) -> Result<Changes> {
        let first = self.events_delta_url(&collection.remote_id);
        let (page, full, url, mut known) = self.delta_page(first, cursor, collection).await?;
        let calendar = CalendarId::from_string(collection.remote_id.clone());
        let items = page["value"].as_array().cloned().unwrap_or_default();
        // Masters of the series this page touches, fetched once each (with their origin), a
        // few at a time.
        let wanted: BTreeSet<String> = items
            .iter()
            .filter(|g| g.get("@removed").is_none())
            .filter_map(|g| g["seriesMasterId"].as_str().map(str::to_string))
            .collect();
        let fetched: Vec<(String, Option<Value>)> = stream::iter(wanted)
            .map(|id: String| self.master(id))
            .buffer_unordered(MASTER_FETCHES)
            .try_collect()
            .await?;
        let masters: BTreeMap<String, Option<Value>> = fetched.into_iter().collect();
        // Origins of the page's own events: the delta does not carry extended properties.
        let singles: Vec<&str> = items
            .iter()
            .filter(|g| g["type"] == "singleInstance" && g.get("@removed").is_none())
            .filter_map(|g| g["id"].as_str())
            .collect();
        let marks = self.marks(collection, &singles).await?;
        let mut changes = Vec::new();
        for (id, master) in &masters {
            match master {
                Some(m) => {
                    known.insert(id.clone());
                    changes.push(self.event_change(m, None, &calendar, events::origin(m)));
                }
                // The series is gone (deleted while the page was read).
                None => {
                    known.remove(id);
                    changes.push(RemoteChange::Removed { remote_id: id.clone() })
                }
            }
        }
        if !full && items.iter().any(|g| g.get("@removed").is_some()) && !known.is_empty() {
            // Removed occurrences may be a whole series: compare with the masters there now.
            let mut url = self.url(&["me", "calendars", &collection.remote_id, "events"]);
            url.query_pairs_mut().append_pair("$filter", "type eq 'seriesMaster'").append_pair("$select", "id");
            let now: BTreeSet<String> =
                self.list_all(url).await?.iter().filter_map(|g| g["id"].as_str().map(str::to_string)).collect();
            let gone: Vec<String> = known.difference(&now).cloned().collect();
            for id in gone {
                known.remove(&id);
                changes.push(RemoteChange::Removed { remote_id: id });
            }
        }
        for g in &items {
            let id = g["id"].as_str().unwrap_or_default().to_string();
            if g.get("@removed").is_some() {
                changes.push(RemoteChange::Removed { remote_id: id });
                continue;
            }
            match g["type"].as_str() {
                Some("occurrence") => {}
                Some("exception") => {
                    let master = g["seriesMasterId"].as_str().and_then(|m| masters.get(m)).and_then(Option::as_ref);
                    match master {
                        Some(m) => changes.push(self.event_change(g, Some(m), &calendar, events::origin(m))),
                        None => changes.push(RemoteChange::Unreadable {
                            remote_id: id,
                            reason: "an exception whose series is gone".into(),
                        }),
                    }
                }
                Some("seriesMaster") if masters.contains_key(&id) => {}
                _ => match marks.get(&id) {
                    Some(mark) => {
                        // The listed event with Miraage's properties added.
                        let mut g = g.clone();
                        g["singleValueExtendedProperties"] = mark["singleValueExtendedProperties"].clone();
                        changes.push(self.event_change(&g, None, &calendar, events::origin(mark)));
                    }
                    None => changes.push(self.event_change(g, None, &calendar, EventOrigin::External)),
                },
            }
        }
        let (cursor, more) = self.next_cursor(&page, full, &url, known)?;
        Ok(Changes { changes, cursor, full, more })
    }

    /// The Miraage properties (origin, UID) of the page's events: the delta does not carry
    /// extended properties, so one listing asks for every event of the calendar that Miraage
    /// wrote (they all carry the UID property), with both properties.
    async fn marks(&self, collection: &RemoteCollection, ids: &[&str]) -> Result<HashMap<String, Value>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let mut url = self.url(&["me", "calendars", &collection.remote_id, "events"]);
        url.query_pairs_mut()
            .append_pair(
                "$filter",
                &format!(
                    "singleValueExtendedProperties/Any(ep: ep/id eq '{}' and ep/value ne null)",
                    events::UID_PROPERTY
                ),
            )
            .append_pair("$select", "id")
            .append_pair("$expand", &events::expand_properties());
        let marked = self.list_all(url).await?;
        Ok(marked.into_iter().filter_map(|g| Some((g["id"].as_str()?.to_string(), g))).collect())
    }

    fn event_change(
        &self,
        g: &Value,
        master: Option<&Value>,
        calendar: &CalendarId,
        origin: EventOrigin,
    ) -> RemoteChange {
        let id = g["id"].as_str().unwrap_or_default().to_string();
        let uid_source = master.unwrap_or(g);
        let uid = events::miraage_uid(uid_source)
            .or(uid_source["iCalUId"].as_str())
            .unwrap_or(uid_source["id"].as_str().unwrap_or_default())
            .to_string();
        match events::read(g, &uid, calendar, origin) {
            Ok(event) => {
                let scope = match &event.kind {
                    EventKind::Single => ItemScope::Whole,
                    EventKind::Master { .. } => ItemScope::Master,
                    EventKind::Override { recurrence_id } => ItemScope::Instance(*recurrence_id),
                };
                RemoteChange::Upsert(IncomingItem {
                    remote_id: id,
                    etag: g["@odata.etag"].as_str().map(str::to_string),
                    uid,
                    scope,
                    body: ItemBody::Events(vec![event]),
                })
            }
            Err(reason) => RemoteChange::Unreadable { remote_id: id, reason },
        }
    }

    async fn task_changes(&self, collection: &RemoteCollection, cursor: Option<&str>) -> Result<Changes> {
        let first = self.url(&["me", "todo", "lists", &collection.remote_id, "tasks", "delta"]);
        let (page, full, url, _) = self.delta_page(first, cursor, collection).await?;
        let list = TaskListId::from_string(collection.remote_id.clone());
        let changes = page["value"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|g| {
                let id = g["id"].as_str().unwrap_or_default().to_string();
                if g.get("@removed").is_some() {
                    return RemoteChange::Removed { remote_id: id };
                }
                match tasks::read(g, &list) {
                    Ok(task) => RemoteChange::Upsert(IncomingItem {
                        remote_id: id,
                        etag: g["@odata.etag"].as_str().map(str::to_string),
                        uid: task.uid.clone(),
                        scope: ItemScope::Whole,
                        body: ItemBody::Task(Box::new(task)),
                    }),
                    Err(reason) => RemoteChange::Unreadable { remote_id: id, reason },
                }
            })
            .collect();
        let (cursor, more) = self.next_cursor(&page, full, &url, BTreeSet::new())?;
        Ok(Changes { changes, cursor, full, more })
    }

    async fn write_events(
        &self,
        collection: &RemoteCollection,
        item: OutgoingItem<'_>,
        list: &[miraage_domain::Event],
    ) -> Result<Written> {
        let not_writable = |reason: String| SyncError::NotWritable { uid: item.uid.to_string(), reason };
        let (master, overrides) = match list.split_first() {
            Some((m, rest)) if !matches!(m.kind, EventKind::Override { .. }) => (m, rest),
            _ => return Err(not_writable("no master or one-off event first".into())),
        };
        if master.people.guest_copy {
            return self.answer(&item, master, overrides).await;
        }
        let body = events::write(master).map_err(not_writable)?;
        let answer = match item.remote_id {
            None => {
                let mut body = body;
                body["transactionId"] = transaction_id(item.uid).into();
                // Guests go with a new event; a PATCH leaves the stored ones alone.
                if !master.people.attendees.is_empty() {
                    body["attendees"] = events::write_attendees(master);
                }
                let url = self.url(&["me", "calendars", &collection.remote_id, "events"]);
                self.api.send_ok(&Call::new(Method::POST, url).json(&body)).await?
            }
            Some(id) => {
                let mut call = Call::new(Method::PATCH, self.url(&["me", "events", id])).json(&body);
                if let Some(etag) = item.etag {
                    call = call.header("if-match", etag);
                }
                self.api.send_ok(&call).await?
            }
        };
        let written: Value = answer.json(&self.base)?;
        let id = written["id"]
            .as_str()
            .ok_or_else(|| SyncError::BadResponse {
                url: shown(&self.base),
                reason: "a written event without id".into(),
            })?
            .to_string();
        let exdates = master.recurrence().map(|r| r.exdates.as_slice()).unwrap_or_default();
        if !overrides.is_empty() || !exdates.is_empty() {
            self.write_overrides(&id, master, overrides, exdates).await?;
        }
        Ok(Written { remote_id: id, etag: written["@odata.etag"].as_str().map(str::to_string) })
    }

    /// The master's instances around the recurrence ids `rids` (a day either side).
    async fn instances_of(
        &self,
        master_id: &str,
        master: &miraage_domain::Event,
        rids: &[RecurrenceId],
    ) -> Result<Vec<Value>> {
        let (first, _) = master.time.instants_in(chrono_tz::UTC);
        let mut url = self.url(&["me", "events", master_id, "instances"]);
        let last = rids.iter().map(|r| match *r {
            RecurrenceId::Instant(t) => t,
            RecurrenceId::Date(d) => d.and_hms_opt(0, 0, 0).expect("valid").and_utc(),
        });
        let until = last.max().unwrap_or(first) + Duration::days(2);
        url.query_pairs_mut()
            .append_pair("startDateTime", &(first - Duration::days(1)).format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .append_pair("endDateTime", &until.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        self.list_all(url).await
    }

    /// Outlook lets a guest answer a meeting, not change it: the user's answer (their own
    /// attendee's) goes as the event's `accept`, `tentativelyAccept` or `decline` action with
    /// `sendResponse`, so the organiser is told; an occurrence's answer goes to its instance.
    /// A declined meeting leaves the calendar there (the next sync removes it here).
    async fn answer(
        &self,
        item: &OutgoingItem<'_>,
        master: &miraage_domain::Event,
        overrides: &[miraage_domain::Event],
    ) -> Result<Written> {
        let not_writable = |reason: &str| SyncError::NotWritable { uid: item.uid.to_string(), reason: reason.into() };
        let Some(id) = item.remote_id else {
            return Err(not_writable("someone else's meeting cannot be created in this calendar"));
        };
        let mut sent = false;
        if let Some(action) = answer_action(master) {
            self.respond(id, action).await?;
            sent = true;
        }
        let answered: Vec<(RecurrenceId, &str)> =
            overrides.iter().filter_map(|o| Some((o.recurrence_id()?, answer_action(o)?))).collect();
        if !answered.is_empty() {
            let rids: Vec<RecurrenceId> = answered.iter().map(|(r, _)| *r).collect();
            let instances = self.instances_of(id, master, &rids).await?;
            for (rid, action) in answered {
                let Some(instance) = instance_at(&instances, rid).and_then(|i| i["id"].as_str()) else {
                    return Err(not_writable(&format!("the series has no instance at {rid}")));
                };
                self.respond(instance, action).await?;
                sent = true;
            }
        }
        if !sent {
            return Err(not_writable("only the organiser changes this meeting in Outlook; a guest sends an answer"));
        }
        Ok(Written { remote_id: id.to_string(), etag: None })
    }

    /// POST the answer `action` to event `id`, the organiser told.
    async fn respond(&self, id: &str, action: &str) -> Result<()> {
        let body = json!({ "sendResponse": true });
        self.api.send_ok(&Call::new(Method::POST, self.url(&["me", "events", id, action])).json(&body)).await?;
        Ok(())
    }

    /// Exceptions are written to the instance of the series they replace, found by its
    /// original start among the master's instances. Graph has no EXDATE: an instance the
    /// master excludes is deleted (Graph then lists it in `cancelledOccurrences`); one no
    /// longer among the instances is gone already.
    async fn write_overrides(
        &self,
        master_id: &str,
        master: &miraage_domain::Event,
        overrides: &[miraage_domain::Event],
        exdates: &[RecurrenceId],
    ) -> Result<()> {
        let rids: Vec<RecurrenceId> =
            overrides.iter().filter_map(|o| o.recurrence_id()).chain(exdates.iter().copied()).collect();
        let instances = self.instances_of(master_id, master, &rids).await?;
        let instance_at = |rid: RecurrenceId| instance_at(&instances, rid);
        for rid in exdates {
            if let Some(id) = instance_at(*rid).and_then(|i| i["id"].as_str()) {
                let url = self.url(&["me", "events", id]);
                let answer = self.api.send(&Call::new(Method::DELETE, url.clone())).await?;
                if answer.status != StatusCode::NOT_FOUND {
                    check(&answer, &url)?;
                }
            }
        }
        for o in overrides {
            let rid = o.recurrence_id().expect("overrides only");
            let found = instance_at(rid);
            let Some(instance_id) = found.and_then(|i| i["id"].as_str()) else {
                return Err(SyncError::NotWritable {
                    uid: o.uid.clone(),
                    reason: format!("the series has no instance at {rid}"),
                });
            };
            let url = self.url(&["me", "events", instance_id]);
            if o.status == EventStatus::Cancelled {
                let answer = self.api.send(&Call::new(Method::DELETE, url.clone())).await?;
                if answer.status != StatusCode::NOT_FOUND {
                    check(&answer, &url)?;
                }
            } else {
                let mut body =
                    events::write(o).map_err(|reason| SyncError::NotWritable { uid: o.uid.clone(), reason })?;
                body.as_object_mut().expect("object").remove("recurrence");
                self.api.send_ok(&Call::new(Method::PATCH, url).json(&body)).await?;
            }
        }
        Ok(())
    }
}

/// The instance of `instances` whose original start is `rid`.
fn instance_at(instances: &[Value], rid: RecurrenceId) -> Option<&Value> {
    instances.iter().find(|i| {
        let Some(orig) = i["originalStart"].as_str().and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok()) else {
            return false;
        };
        match rid {
            RecurrenceId::Instant(t) => orig.with_timezone(&Utc) == t,
            RecurrenceId::Date(d) => orig.with_timezone(&Utc).date_naive() == d,
        }
    })
}

/// The Graph action for the answer of the user's own attendee (marked as theirs), if any.
fn answer_action(e: &miraage_domain::Event) -> Option<&'static str> {
    match e.people.attendees.iter().find(|a| a.is_self)?.status {
        miraage_domain::Participation::Accepted => Some("accept"),
        miraage_domain::Participation::Tentative => Some("tentativelyAccept"),
        miraage_domain::Participation::Declined => Some("decline"),
        miraage_domain::Participation::NeedsAction | miraage_domain::Participation::Delegated => None,
    }
}

fn url_for_restart(p: &GraphProvider, collection: &RemoteCollection) -> Url {
    if collection.holds_tasks {
        p.url(&["me", "todo", "lists", &collection.remote_id, "tasks", "delta"])
    } else {
        p.events_delta_url(&collection.remote_id)
    }
}

fn color(g: &Value) -> Option<String> {
    if let Some(hex) = g["hexColor"].as_str().filter(|h| h.len() == 7 && h.starts_with('#')) {
        return Some(hex.to_ascii_lowercase());
    }
    let name = g["color"].as_str()?;
    NAMED_COLORS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, hex)| hex.to_string())
}

impl Provider for GraphProvider {
    fn label(&self) -> &'static str {
        "Microsoft"
    }

    /// Events take a `transactionId`; To Do tasks carry an open extension instead.
    fn creates_are_idempotent(&self, kind: ItemKind) -> bool {
        kind == ItemKind::Event
    }

    async fn collections(&self) -> Result<Vec<RemoteCollection>> {
        let calendars = self.list_all(self.url(&["me", "calendars"])).await?;
        let mut out: Vec<RemoteCollection> = calendars
            .iter()
            .map(|c| RemoteCollection {
                remote_id: c["id"].as_str().unwrap_or_default().to_string(),
                name: c["name"].as_str().unwrap_or_default().to_string(),
                color: color(c),
                holds_events: true,
                holds_tasks: false,
                read_only: c["canEdit"].as_bool() != Some(true),
            })
            .collect();
        let lists = self.list_all(self.url(&["me", "todo", "lists"])).await?;
        out.extend(lists.iter().map(|l| RemoteCollection {
            remote_id: l["id"].as_str().unwrap_or_default().to_string(),
            name: l["displayName"].as_str().unwrap_or_default().to_string(),
            color: None,
            holds_events: false,
            holds_tasks: true,
            read_only: false,
        }));
        Ok(out)
    }

    async fn changes(&self, collection: &RemoteCollection, cursor: Option<&str>) -> Result<Changes> {
        if collection.holds_tasks {
            self.task_changes(collection, cursor).await
        } else {
            self.event_changes(collection, cursor).await
        }
    }

    async fn write(&self, collection: &RemoteCollection, item: OutgoingItem<'_>) -> Result<Written> {
        if collection.read_only {
            return Err(SyncError::NotWritable {
                uid: item.uid.to_string(),
                reason: format!("{} is read-only", collection.name),
            });
        }
        match item.body {
            ItemBody::Events(list) if collection.holds_events => self.write_events(collection, item, list).await,
            ItemBody::Task(task) if collection.holds_tasks => {
                let mut body = tasks::write(task);
                let call = match item.remote_id {
                    // To Do has no transactionId: the create carries its UID in an open
                    // extension, which `find` looks for before the engine sends it again.
                    None => {
                        body["extensions"] = json!([tasks::marker(item.uid)]);
                        Call::new(Method::POST, self.url(&["me", "todo", "lists", &collection.remote_id, "tasks"]))
                            .json(&body)
                    }
                    Some(id) => {
                        let mut call = Call::new(
                            Method::PATCH,
                            self.url(&["me", "todo", "lists", &collection.remote_id, "tasks", id]),
                        )
                        .json(&body);
                        if let Some(etag) = item.etag {
                            call = call.header("if-match", etag);
                        }
                        call
                    }
                };
                let answer = self.api.send_ok(&call).await?;
                let written: Value = answer.json(&call.url)?;
                Ok(Written {
                    remote_id: written["id"].as_str().unwrap_or_default().to_string(),
                    etag: written["@odata.etag"].as_str().map(str::to_string),
                })
            }
            _ => Err(SyncError::NotWritable {
                uid: item.uid.to_string(),
                reason: format!("{} does not hold this kind of item", collection.name),
            }),
        }
    }

    async fn delete(
        &self,
        collection: &RemoteCollection,
        kind: ItemKind,
        remote_id: &str,
        etag: Option<&str>,
    ) -> Result<()> {
        let url = match kind {
            ItemKind::Event => self.url(&["me", "events", remote_id]),
            ItemKind::Task => self.url(&["me", "todo", "lists", &collection.remote_id, "tasks", remote_id]),
        };
        let mut call = Call::new(Method::DELETE, url.clone());
        if let Some(etag) = etag {
            call = call.header("if-match", etag);
        }
        let answer = self.api.send(&call).await?;
        if answer.status == StatusCode::NOT_FOUND {
            return Ok(());
        }
        check(&answer, &url)
    }

    async fn find(&self, collection: &RemoteCollection, kind: ItemKind, uid: &str) -> Result<Option<IncomingItem>> {
        match kind {
            ItemKind::Event => {
                // Events Miraage wrote carry their UID in a property; others are matched by
                // iCalUId.
                let quoted = uid.replace('\'', "''");
                let filters = [
                    format!(
                        "singleValueExtendedProperties/Any(ep: ep/id eq '{}' and ep/value eq '{quoted}')",
                        events::UID_PROPERTY
                    ),
                    format!("iCalUId eq '{quoted}'"),
                ];
                let calendar = CalendarId::from_string(collection.remote_id.clone());
                for filter in filters {
                    let mut url = self.url(&["me", "calendars", &collection.remote_id, "events"]);
                    url.query_pairs_mut()
                        .append_pair("$filter", &filter)
                        .append_pair("$expand", &events::expand_properties());
                    let found = self.list_all(url).await?;
                    if let Some(g) = found.first() {
                        return Ok(match self.event_change(g, None, &calendar, events::origin(g)) {
                            RemoteChange::Upsert(item) => Some(item),
                            _ => None,
                        });
                    }
                }
                Ok(None)
            }
            ItemKind::Task => {
                // Tasks read from To Do have its ids as UIDs; tasks made here carry theirs
                // in an open extension.
                let url = self.url(&["me", "todo", "lists", &collection.remote_id, "tasks", uid]);
                let answer = self.api.send(&Call::get(url.clone())).await?;
                let g: Value = if matches!(answer.status.as_u16(), 400 | 404) {
                    let mut all = self.url(&["me", "todo", "lists", &collection.remote_id, "tasks"]);
                    all.query_pairs_mut().append_pair("$expand", "extensions");
                    let listed = self.list_all(all).await?;
                    match listed.into_iter().find(|g| tasks::marker_uid(g) == Some(uid)) {
                        Some(g) => g,
                        None => return Ok(None),
                    }
                } else {
                    check(&answer, &url)?;
                    answer.json(&url)?
                };
                let list = TaskListId::from_string(collection.remote_id.clone());
                Ok(tasks::read(&g, &list).ok().map(|mut task| {
                    task.uid = uid.to_string();
                    IncomingItem {
                        remote_id: g["id"].as_str().unwrap_or(uid).to_string(),
                        etag: g["@odata.etag"].as_str().map(str::to_string),
                        uid: uid.to_string(),
                        scope: ItemScope::Whole,
                        body: ItemBody::Task(Box::new(task)),
                    }
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_come_from_hex_or_the_named_palette() {
        assert_eq!(
            color(&serde_json::json!({"color": "lightBlue", "hexColor": "#E3008C"})).as_deref(),
            Some("#e3008c")
        );
        assert_eq!(color(&serde_json::json!({"color": "lightGreen", "hexColor": ""})).as_deref(), Some("#87d28e"));
        assert_eq!(color(&serde_json::json!({"color": "auto", "hexColor": ""})), None);
    }

    #[test]
    fn transaction_ids_are_stable_per_uid() {
        assert_eq!(transaction_id("a@miraage"), transaction_id("a@miraage"));
        assert_ne!(transaction_id("a@miraage"), transaction_id("b@miraage"));
    }

    #[test]
    fn expired_delta_tokens_are_recognised() {
        assert!(is_sync_state_gone(StatusCode::GONE, b""));
        assert!(is_sync_state_gone(
            StatusCode::BAD_REQUEST,
            br#"{"error":{"code":"SyncStateNotFound","message":"x"}}"#
        ));
        assert!(!is_sync_state_gone(StatusCode::BAD_REQUEST, br#"{"error":{"code":"BadRequest"}}"#));
    }
}
