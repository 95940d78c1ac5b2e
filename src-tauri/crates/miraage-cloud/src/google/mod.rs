//! Google Calendar API v3 and Google Tasks API v1 as a [`Provider`].
//!
//! - Collections: the calendar list (colour, read-only unless owner or writer) and the task
//!   lists.
//! - Events: `events.list` without `singleEvents` (masters and exceptions as Google keeps
//!   them), paged; the cursor holds the `syncToken` (and the `pageToken` mid-listing). A 410
//!   Gone (token expired) starts a full listing.
//! - Creates choose the event id from the UID ([`ids::event_id`]): a retried create gets 409
//!   and reports [`SyncError::Conflict`]. Updates PATCH with `If-Match` (412 → Conflict);
//!   exceptions are written to their instance ids.
//! - Tasks: `tasks.list` with `updatedMin` (Google Tasks has no sync token), completed,
//!   hidden and (incrementally) deleted tasks included. A create carries its UID in a marker
//!   line of the notes ([`tasks::MARKER`]), which [`Provider::find`] looks for.

pub mod events;
pub mod ids;
pub mod tasks;
pub mod wire;

use crate::api::{check, shown, Api, Call};
use chrono_tz::Tz;
use miraage_domain::{CalendarId, EventKind, EventStatus, TaskListId};
use miraage_oauth::Session;
use miraage_sync::{
    Changes, IncomingItem, ItemBody, ItemKind, ItemScope, OutgoingItem, Provider, RemoteChange, RemoteCollection,
    Result, SyncError, Written,
};
use reqwest::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use url::Url;

pub const CALENDAR_API: &str = "https://www.googleapis.com/calendar/v3/";
pub const TASKS_API: &str = "https://tasks.googleapis.com/tasks/v1/";

/// Items per page: Google's maximum for events (2500) keeps an initial sync to few requests.
pub const EVENT_PAGE_SIZE: u32 = 2500;
pub const TASK_PAGE_SIZE: u32 = 100;

pub struct GoogleProvider {
    api: Api,
    calendar_base: Url,
    tasks_base: Url,
    pub event_page_size: u32,
    pub task_page_size: u32,
}

/// Where a paged listing of events stands.
#[derive(Debug, Default, Serialize, Deserialize)]
struct EventCursor {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sync: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page: Option<String>,
    #[serde(default)]
    full: bool,
}

/// Where a listing of tasks stands: `updatedMin` of the next sync (the newest `updated` seen).
#[derive(Debug, Default, Serialize, Deserialize)]
struct TaskCursor {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    updated_min: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    newest: Option<String>,
    #[serde(default)]
    full: bool,
}

fn bad_cursor(collection: &RemoteCollection) -> SyncError {
    SyncError::BadResponse {
        url: collection.remote_id.clone(),
        reason: "the saved sync cursor is not Google's; a full sync is needed".into(),
    }
}

impl GoogleProvider {
    /// The provider for Google Calendar and Google Tasks, signed in with `session`.
    ///
    /// # Errors
    ///
    /// [`SyncError::Setup`] when the HTTP client cannot be set up.
    pub fn new(session: Arc<Session>) -> Result<Self> {
        Self::with_endpoints(session, CALENDAR_API, TASKS_API)
    }

    /// With other API roots (tests point them at a local fake server).
    ///
    /// # Errors
    ///
    /// [`SyncError::InvalidUrl`] when an API root is not a URL; [`SyncError::Setup`] when the HTTP
    /// client cannot be set up.
    pub fn with_endpoints(session: Arc<Session>, calendar_api: &str, tasks_api: &str) -> Result<Self> {
        let parse =
            |s: &str| Url::parse(s).map_err(|e| SyncError::InvalidUrl { url: s.to_string(), reason: e.to_string() });
        Ok(GoogleProvider {
            api: Api::new(session)?,
            calendar_base: parse(calendar_api)?,
            tasks_base: parse(tasks_api)?,
            event_page_size: EVENT_PAGE_SIZE,
            task_page_size: TASK_PAGE_SIZE,
        })
    }

    pub fn api_mut(&mut self) -> &mut Api {
        &mut self.api
    }

    pub(crate) fn api(&self) -> &Api {
        &self.api
    }

    pub(crate) fn calendar_url(&self, segments: &[&str]) -> Url {
        Self::url(&self.calendar_base, segments)
    }

    /// `base` + path segments, each percent-encoded (calendar ids hold `@` and `#`).
    fn url(base: &Url, segments: &[&str]) -> Url {
        let mut url = base.clone();
        url.path_segments_mut().expect("http URL").pop_if_empty().extend(segments);
        url
    }

    fn events_url(&self, calendar: &str, rest: &[&str]) -> Url {
        let mut segs = vec!["calendars", calendar, "events"];
        segs.extend_from_slice(rest);
        Self::url(&self.calendar_base, &segs)
    }

    fn tasks_url(&self, list: &str, rest: &[&str]) -> Url {
        let mut segs = vec!["lists", list, "tasks"];
        segs.extend_from_slice(rest);
        Self::url(&self.tasks_base, &segs)
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: Url) -> Result<T> {
        let answer = self.api.send_ok(&Call::get(url.clone())).await?;
        answer.json(&url)
    }

    async fn calendars(&self) -> Result<Vec<RemoteCollection>> {
        let mut out = Vec::new();
        let mut page: Option<String> = None;
        loop {
            let mut url = Self::url(&self.calendar_base, &["users", "me", "calendarList"]);
            if let Some(p) = &page {
                url.query_pairs_mut().append_pair("pageToken", p);
            }
            let list: wire::Page<wire::CalendarListEntry> = self.get_json(url).await?;
            out.extend(list.items.into_iter().filter(|c| !c.deleted).map(|c| RemoteCollection {
                name: c.summary_override.filter(|s| !s.is_empty()).unwrap_or(c.summary),
                color: c.background_color.map(|c| c.to_ascii_lowercase()),
                holds_events: true,
                holds_tasks: false,
                read_only: !matches!(c.access_role.as_str(), "owner" | "writer"),
                remote_id: c.id,
            }));
            match list.next_page_token {
                Some(p) => page = Some(p),
                None => return Ok(out),
            }
        }
    }

    async fn task_lists(&self) -> Result<Vec<RemoteCollection>> {
        let mut out = Vec::new();
        let mut page: Option<String> = None;
        loop {
            let mut url = Self::url(&self.tasks_base, &["users", "@me", "lists"]);
            if let Some(p) = &page {
                url.query_pairs_mut().append_pair("pageToken", p);
            }
            let list: wire::Page<wire::TaskList> = self.get_json(url).await?;
            out.extend(list.items.into_iter().map(|l| RemoteCollection {
                remote_id: l.id,
                name: l.title,
                color: None,
                holds_events: false,
                holds_tasks: true,
                read_only: false,
            }));
            match list.next_page_token {
                Some(p) => page = Some(p),
                None => return Ok(out),
            }
        }
    }

    async fn event_changes(&self, collection: &RemoteCollection, cursor: Option<&str>) -> Result<Changes> {
        let cursor: EventCursor = match cursor {
            Some(c) => serde_json::from_str(c).map_err(|_| bad_cursor(collection))?,
            None => EventCursor { full: true, ..Default::default() },
        };
        let mut url = self.events_url(&collection.remote_id, &[]);
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("maxResults", &self.event_page_size.to_string());
            // Masters and exceptions as stored, not expanded instances.
            q.append_pair("singleEvents", "false");
            if let Some(s) = &cursor.sync {
                q.append_pair("syncToken", s);
            }
            if let Some(p) = &cursor.page {
                q.append_pair("pageToken", p);
            }
        }
        let answer = self.api.send(&Call::get(url.clone())).await?;
        if answer.status == StatusCode::GONE {
            if cursor.sync.is_none() && cursor.page.is_none() {
                return Err(SyncError::BadResponse {
                    url: shown(&url),
                    reason: "410 Gone on a fresh full listing".into(),
                });
            }
            // The sync (or page) token expired: list everything again, as Google documents.
            return Box::pin(self.event_changes(collection, None)).await;
        }
        check(&answer, &url)?;
        let list: wire::EventList = answer.json(&url)?;
        let zone =
            list.time_zone.as_deref().and_then(|z| miraage_domain::zone::resolve_zone(z).ok()).unwrap_or(Tz::UTC);
        let calendar = CalendarId::from_string(collection.remote_id.clone());
        let changes = list.items.iter().map(|g| event_change(g, &calendar, zone)).collect();
        let (next, more) = match (list.next_page_token, list.next_sync_token) {
            (Some(page), _) => (EventCursor { sync: cursor.sync, page: Some(page), full: cursor.full }, true),
            (None, Some(sync)) => (EventCursor { sync: Some(sync), page: None, full: false }, false),
            (None, None) => {
                return Err(SyncError::BadResponse {
                    url: shown(&url),
                    reason: "neither nextPageToken nor nextSyncToken".into(),
                })
            }
        };
        Ok(Changes {
            changes,
            cursor: serde_json::to_string(&next).expect("cursor serialises"),
            full: cursor.full,
            more,
        })
    }

    async fn task_changes(&self, collection: &RemoteCollection, cursor: Option<&str>) -> Result<Changes> {
        let cursor: TaskCursor = match cursor {
            Some(c) => serde_json::from_str(c).map_err(|_| bad_cursor(collection))?,
            None => TaskCursor { full: true, ..Default::default() },
        };
        let mut url = self.tasks_url(&collection.remote_id, &[]);
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("maxResults", &self.task_page_size.to_string());
            q.append_pair("showCompleted", "true");
            q.append_pair("showHidden", "true");
            if let Some(min) = &cursor.updated_min {
                q.append_pair("updatedMin", min);
                q.append_pair("showDeleted", "true");
            }
            if let Some(p) = &cursor.page {
                q.append_pair("pageToken", p);
            }
        }
        let page: wire::Page<wire::Task> = self.get_json(url).await?;
        let list = TaskListId::from_string(collection.remote_id.clone());
        let mut newest = cursor.newest.clone();
        let mut changes = Vec::with_capacity(page.items.len());
        for g in &page.items {
            // RFC 3339 UTC timestamps from one server compare as strings.
            if g.updated.as_ref().is_some_and(|u| newest.as_ref().is_none_or(|n| u > n)) {
                newest = g.updated.clone();
            }
            changes.push(task_change(g, &list));
        }
        let more = page.next_page_token.is_some();
        let next = if more {
            TaskCursor { updated_min: cursor.updated_min, page: page.next_page_token, newest, full: cursor.full }
        } else {
            // updatedMin is inclusive: the newest task is read again next time, harmlessly.
            TaskCursor { updated_min: newest.clone().or(cursor.updated_min), page: None, newest: None, full: false }
        };
        Ok(Changes {
            changes,
            cursor: serde_json::to_string(&next).expect("cursor serialises"),
            full: cursor.full,
            more,
        })
    }

    async fn write_events(
        &self,
        collection: &RemoteCollection,
        item: OutgoingItem<'_>,
        events: &[miraage_domain::Event],
    ) -> Result<Written> {
        let not_writable = |reason: &str| SyncError::NotWritable { uid: item.uid.to_string(), reason: reason.into() };
        let (master, overrides) = match events.split_first() {
            Some((m, rest)) if !matches!(m.kind, EventKind::Override { .. }) => (m, rest),
            _ => return Err(not_writable("no master or one-off event first")),
        };
        if overrides.iter().any(|o| !matches!(o.kind, EventKind::Override { .. }))
            || events.iter().any(|e| e.uid != item.uid)
        {
            return Err(not_writable("only one master or one-off event of this UID, then its overrides"));
        }
        let body = serde_json::to_value(events::write(master)).expect("event serialises");
        // A meeting's guests hear of its creation, changes and cancelled occurrences.
        let guests = !master.people.attendees.is_empty();
        let answer = match item.remote_id {
            None => {
                let id = ids::event_id(item.uid);
                let mut body = body;
                body["id"] = id.clone().into();
                body["iCalUID"] = item.uid.into();
                // Guests go with a new event (one moved here, a series split at "this and
                // following"); a PATCH leaves the stored ones and their answers alone.
                if !master.people.attendees.is_empty() {
                    body["attendees"] = serde_json::to_value(events::write_attendees(master)).expect("serialises");
                }
                let url = send_updates(self.events_url(&collection.remote_id, &[]), guests);
                let answer = self.api.send(&Call::new(Method::POST, url.clone()).json(&body)).await?;
                if answer.status == StatusCode::CONFLICT {
                    // The id is taken: an earlier try of this create got through.
                    return Err(SyncError::Conflict { href: shown(&self.events_url(&collection.remote_id, &[&id])) });
                }
                check(&answer, &url)?;
                answer
            }
            Some(id) => {
                let url = send_updates(self.events_url(&collection.remote_id, &[id]), guests);
                // A guest who may not change the meeting changes their answer alone: the
                // attendees, theirs among them (others' answers as last read; If-Match
                // refuses the write if any changed since).
                let body = if master.people.guest_copy { own_answer(master) } else { body };
                let mut call = Call::new(Method::PATCH, url.clone()).json(&body);
                if let Some(etag) = item.etag {
                    call = call.header("if-match", etag);
                }
                self.api.send_ok(&call).await?
            }
        };
        let url = self.events_url(&collection.remote_id, &[]);
        let written: wire::Event = answer.json(&url)?;
        for o in overrides {
            let rid = o.recurrence_id().expect("checked above");
            let instance =
                send_updates(self.events_url(&collection.remote_id, &[&ids::instance_id(&written.id, &rid)]), guests);
            if o.status == EventStatus::Cancelled {
                let answer = self.api.send(&Call::new(Method::DELETE, instance.clone())).await?;
                if !matches!(answer.status.as_u16(), 404 | 410) {
                    check(&answer, &instance)?;
                }
            } else {
                let body = if o.people.guest_copy {
                    own_answer(o)
                } else {
                    serde_json::to_value(events::write(o)).expect("event serialises")
                };
                self.api.send_ok(&Call::new(Method::PATCH, instance).json(&body)).await?;
            }
        }
        Ok(Written { remote_id: written.id, etag: written.etag })
    }

    async fn write_task(
        &self,
        collection: &RemoteCollection,
        item: OutgoingItem<'_>,
        task: &miraage_domain::Task,
    ) -> Result<Written> {
        let mut body = serde_json::to_value(tasks::write(task)).expect("task serialises");
        let (call, url) = match item.remote_id {
            // Google Tasks has no client-chosen ids: the create carries its UID in a marker
            // line of the notes, which `find` looks for before the engine sends it again.
            None => {
                body["notes"] = tasks::with_marker(task.notes.as_deref().unwrap_or_default(), item.uid).into();
                let url = self.tasks_url(&collection.remote_id, &[]);
                (Call::new(Method::POST, url.clone()).json(&body), url)
            }
            Some(id) => {
                let url = self.tasks_url(&collection.remote_id, &[id]);
                let mut call = Call::new(Method::PATCH, url.clone()).json(&body);
                if let Some(etag) = item.etag {
                    call = call.header("if-match", etag);
                }
                (call, url)
            }
        };
        let answer = self.api.send_ok(&call).await?;
        let written: wire::Task = answer.json(&url)?;
        Ok(Written { remote_id: written.id, etag: written.etag })
    }
}

impl GoogleProvider {
    /// The task of the list whose notes carry the create marker of `uid`, if any: every
    /// page of the list is read (a retry of an unconfirmed create is rare).
    async fn task_with_marker(&self, collection: &RemoteCollection, uid: &str) -> Result<Option<wire::Task>> {
        let mut page_token: Option<String> = None;
        loop {
            let mut url = self.tasks_url(&collection.remote_id, &[]);
            {
                let mut q = url.query_pairs_mut();
                q.append_pair("maxResults", &self.task_page_size.to_string());
                q.append_pair("showCompleted", "true");
                q.append_pair("showHidden", "true");
                if let Some(p) = &page_token {
                    q.append_pair("pageToken", p);
                }
            }
            let page: wire::Page<wire::Task> = self.get_json(url).await?;
            let mut items = page.items.into_iter();
            if let Some(found) = items.find(|g| g.notes.as_deref().and_then(|n| tasks::split_marker(n).1) == Some(uid))
            {
                return Ok(Some(found));
            }
            match page.next_page_token {
                Some(next) => page_token = Some(next),
                None => return Ok(None),
            }
        }
    }
}

/// What a guest who may not change an event writes: the attendees, with their own answer.
fn own_answer(e: &miraage_domain::Event) -> serde_json::Value {
    serde_json::json!({ "attendees": events::write_attendees(e) })
}

/// `url` with `sendUpdates=all` when `guests`: Google then e-mails the guests the invitation,
/// the change or the cancellation (events.insert, patch and delete; its default sends nothing).
fn send_updates(mut url: Url, guests: bool) -> Url {
    if guests {
        url.query_pairs_mut().append_pair("sendUpdates", "all");
    }
    url
}

fn event_change(g: &wire::Event, calendar: &CalendarId, zone: Tz) -> RemoteChange {
    // A deleted event (not an instance: a cancelled instance is an override to keep).
    if g.status.as_deref() == Some("cancelled") && g.recurring_event_id.is_none() {
        return RemoteChange::Removed { remote_id: g.id.clone() };
    }
    match events::read(g, calendar, zone) {
        Ok(event) => {
            let scope = match &event.kind {
                EventKind::Single => ItemScope::Whole,
                EventKind::Master { .. } => ItemScope::Master,
                EventKind::Override { recurrence_id } => ItemScope::Instance(*recurrence_id),
            };
            RemoteChange::Upsert(IncomingItem {
                remote_id: g.id.clone(),
                etag: g.etag.clone(),
                uid: event.uid.clone(),
                scope,
                body: ItemBody::Events(vec![event]),
            })
        }
        Err(reason) => RemoteChange::Unreadable { remote_id: g.id.clone(), reason },
    }
}

fn task_change(g: &wire::Task, list: &TaskListId) -> RemoteChange {
    if g.deleted {
        return RemoteChange::Removed { remote_id: g.id.clone() };
    }
    match tasks::read(g, list) {
        Ok(task) => RemoteChange::Upsert(IncomingItem {
            remote_id: g.id.clone(),
            etag: g.etag.clone(),
            uid: task.uid.clone(),
            scope: ItemScope::Whole,
            body: ItemBody::Task(Box::new(task)),
        }),
        Err(reason) => RemoteChange::Unreadable { remote_id: g.id.clone(), reason },
    }
}

impl Provider for GoogleProvider {
    fn label(&self) -> &'static str {
        "Google"
    }

    /// Events take a client-chosen id; tasks carry a marker in their notes instead.
    fn creates_are_idempotent(&self, kind: ItemKind) -> bool {
        kind == ItemKind::Event
    }

    async fn collections(&self) -> Result<Vec<RemoteCollection>> {
        let mut all = self.calendars().await?;
        all.extend(self.task_lists().await?);
        Ok(all)
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
            ItemBody::Events(events) if collection.holds_events => self.write_events(collection, item, events).await,
            ItemBody::Task(task) if collection.holds_tasks => self.write_task(collection, item, task).await,
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
            // Who the guests are is the server's to know: it tells them (nobody, without guests).
            ItemKind::Event => send_updates(self.events_url(&collection.remote_id, &[remote_id]), true),
            ItemKind::Task => self.tasks_url(&collection.remote_id, &[remote_id]),
        };
        let mut call = Call::new(Method::DELETE, url.clone());
        if let Some(etag) = etag {
            call = call.header("if-match", etag);
        }
        let answer = self.api.send(&call).await?;
        // Already gone counts as deleted.
        if matches!(answer.status.as_u16(), 404 | 410) {
            return Ok(());
        }
        check(&answer, &url)
    }

    async fn find(&self, collection: &RemoteCollection, kind: ItemKind, uid: &str) -> Result<Option<IncomingItem>> {
        match kind {
            ItemKind::Event => {
                let mut url = self.events_url(&collection.remote_id, &[]);
                url.query_pairs_mut()
                    .append_pair("iCalUID", uid)
                    .append_pair("singleEvents", "false")
                    .append_pair("showDeleted", "false");
                let list: wire::EventList = self.get_json(url).await?;
                let zone = list
                    .time_zone
                    .as_deref()
                    .and_then(|z| miraage_domain::zone::resolve_zone(z).ok())
                    .unwrap_or(Tz::UTC);
                let calendar = CalendarId::from_string(collection.remote_id.clone());
                // The master or one-off event: what a create would have made.
                let found = list
                    .items
                    .iter()
                    .find(|g| g.recurring_event_id.is_none() && g.status.as_deref() != Some("cancelled"));
                Ok(found.and_then(|g| match event_change(g, &calendar, zone) {
                    RemoteChange::Upsert(item) => Some(item),
                    _ => None,
                }))
            }
            ItemKind::Task => {
                let list = TaskListId::from_string(collection.remote_id.clone());
                // Tasks read from Google have its ids as UIDs; tasks made here carry theirs
                // in the marker line of the notes.
                let url = self.tasks_url(&collection.remote_id, &[uid]);
                let answer = self.api.send(&Call::get(url.clone())).await?;
                if !matches!(answer.status.as_u16(), 400 | 404) {
                    check(&answer, &url)?;
                    let g: wire::Task = answer.json(&url)?;
                    if let RemoteChange::Upsert(item) = task_change(&g, &list) {
                        return Ok(Some(item));
                    }
                }
                let Some(g) = self.task_with_marker(collection, uid).await? else { return Ok(None) };
                Ok(match task_change(&g, &list) {
                    RemoteChange::Upsert(mut item) => {
                        item.uid = uid.to_string();
                        if let ItemBody::Task(t) = &mut item.body {
                            t.uid = uid.to_string();
                        }
                        Some(item)
                    }
                    _ => None,
                })
            }
        }
    }
}
