//! The interface every calendar provider implements for the sync engine.

use crate::error::Result;
use crate::model::{ChangeSet, Cursor, Precondition, RemoteCalendar};
use std::future::Future;

/// A remote calendar account. Methods return `Send` futures so that the engine can run them
/// on a multi-threaded runtime.
pub trait CalendarProvider {
    fn list_calendars(&self) -> impl Future<Output = Result<Vec<RemoteCalendar>>> + Send;

    /// Changes of `calendar` since `cursor`; `None` fetches every item.
    fn changes_since(
        &self,
        calendar: &RemoteCalendar,
        cursor: Option<&Cursor>,
    ) -> impl Future<Output = Result<ChangeSet>> + Send;

    /// Writes one item; returns its new etag when the server gives one (otherwise the next
    /// sync reports it).
    fn put(&self, href: &str, ics: &str, condition: &Precondition) -> impl Future<Output = Result<Option<String>>> + Send;

    /// Deletes one item if it still has `etag`. An item already gone counts as deleted.
    fn delete(&self, href: &str, etag: &str) -> impl Future<Output = Result<()>> + Send;
}
