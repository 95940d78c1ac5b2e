//! CalDAV as a [`Provider`] of the sync engine: the client's collection-level calls plus the
//! reading and writing of iCalendar objects.

use crate::client::CalDavClient;
use crate::incoming::read_object;
use crate::model::{Change, Cursor, Precondition, RemoteCalendar};
use crate::outgoing::item_ics;
use chrono_tz::Tz;
use miraage_sync::{
    Changes, IncomingItem, ItemBody, ItemKind, ItemScope, OutgoingItem, Provider, RemoteChange, RemoteCollection,
    Result, SyncError, Written,
};
use std::collections::HashMap;
use std::sync::Mutex;

pub struct CalDavProvider {
    client: CalDavClient,
    /// Zone of floating times in objects that name none.
    default_zone: Tz,
    /// The calendars as last listed: ctag and sync support steer `changes`.
    listed: Mutex<HashMap<String, RemoteCalendar>>,
}

impl CalDavProvider {
    pub fn new(client: CalDavClient, default_zone: Tz) -> Self {
        CalDavProvider { client, default_zone, listed: Mutex::new(HashMap::new()) }
    }

    pub fn client(&self) -> &CalDavClient {
        &self.client
    }

    fn calendar(&self, collection: &RemoteCollection) -> RemoteCalendar {
        let listed = self.listed.lock().unwrap_or_else(|p| p.into_inner());
        listed.get(&collection.remote_id).cloned().unwrap_or_else(|| RemoteCalendar {
            href: collection.remote_id.clone(),
            name: Some(collection.name.clone()),
            color: collection.color.clone(),
            components: Vec::new(),
            ctag: None,
            sync_token: None,
        })
    }

    fn incoming(&self, href: String, etag: String, ics: &str) -> RemoteChange {
        match read_object(ics, &href, self.default_zone) {
            Ok((uid, body, _notes)) => RemoteChange::Upsert(IncomingItem {
                remote_id: href,
                etag: Some(etag),
                uid,
                scope: ItemScope::Whole,
                body,
            }),
            Err(e) => RemoteChange::Unreadable { remote_id: href, reason: e.to_string() },
        }
    }
}

impl Provider for CalDavProvider {
    fn label(&self) -> &'static str {
        "CalDAV"
    }

    async fn collections(&self) -> Result<Vec<RemoteCollection>> {
        let calendars = self.client.list_calendars().await?;
        let mut out = Vec::with_capacity(calendars.len());
        let mut listed = HashMap::new();
        for cal in calendars {
            let holds_tasks = cal.components.iter().any(|c| c.eq_ignore_ascii_case("VTODO"));
            out.push(RemoteCollection {
                remote_id: cal.href.clone(),
                name: cal.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| last_segment(&cal.href)),
                color: cal.css_color(),
                holds_events: cal.supports_events(),
                holds_tasks,
                read_only: false,
            });
            listed.insert(cal.href.clone(), cal);
        }
        *self.listed.lock().unwrap_or_else(|p| p.into_inner()) = listed;
        Ok(out)
    }

    async fn changes(&self, collection: &RemoteCollection, cursor: Option<&str>) -> Result<Changes> {
        let cal = self.calendar(collection);
        // A cursor this version cannot read is treated as none: a full resync.
        let cursor: Option<Cursor> = cursor.and_then(|c| serde_json::from_str(c).ok());
        let set = self.client.changes_since(&cal, cursor.as_ref()).await?;
        let changes = set
            .changes
            .into_iter()
            .map(|change| match change {
                Change::Upsert(item) => self.incoming(item.href, item.etag, &item.ics),
                Change::Deleted(href) => RemoteChange::Removed { remote_id: href },
            })
            .collect();
        let cursor = serde_json::to_string(&set.cursor).expect("cursors serialise");
        Ok(Changes { changes, cursor, full: set.full, more: false })
    }

    async fn write(&self, collection: &RemoteCollection, item: OutgoingItem<'_>) -> Result<Written> {
        let cal = self.calendar(collection);
        let href = item.remote_id.map(str::to_string).unwrap_or_else(|| cal.item_href(item.uid));
        let ics = match item.body {
            ItemBody::Events(events) => item_ics(&collection.name, events)?,
            ItemBody::Task(task) => {
                miraage_ical::export_ics(&collection.name, &[], std::slice::from_ref(task.as_ref()))
            }
        };
        let condition = match (item.remote_id, item.etag) {
            (None, _) => Precondition::Create,
            (Some(_), Some(etag)) => Precondition::Match(etag.to_string()),
            (Some(_), None) => Precondition::Overwrite,
        };
        let etag = self.client.put(&href, &ics, &condition).await?;
        Ok(Written { remote_id: href, etag })
    }

    async fn delete(
        &self,
        _collection: &RemoteCollection,
        _kind: ItemKind,
        remote_id: &str,
        etag: Option<&str>,
    ) -> Result<()> {
        self.client.delete(remote_id, etag).await
    }

    async fn find(&self, collection: &RemoteCollection, _kind: ItemKind, uid: &str) -> Result<Option<IncomingItem>> {
        // Miraage creates every object at the href its UID gives, so that is where a create
        // with a lost answer went.
        let cal = self.calendar(collection);
        let href = cal.item_href(uid);
        let found = self.client.multiget(&cal, &[href.as_str()]).await?;
        match found.into_iter().next() {
            Some(Change::Upsert(item)) => match self.incoming(item.href, item.etag, &item.ics) {
                RemoteChange::Upsert(found) => Ok(Some(found)),
                RemoteChange::Unreadable { remote_id, reason } => Err(SyncError::BadItem { href: remote_id, reason }),
                RemoteChange::Removed { .. } => Ok(None),
            },
            _ => Ok(None),
        }
    }
}

fn last_segment(href: &str) -> String {
    let name = href.trim_end_matches('/').rsplit('/').next().unwrap_or(href);
    percent_decode(name)
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_string())
}
