//! The provider of any kind of account, by enum dispatch ([`Provider`]'s futures make it
//! unsuitable for `dyn`).

use miraage_caldav::subscription::IcsSubscription;
use miraage_caldav::CalDavProvider;
use miraage_cloud::google::GoogleProvider;
use miraage_cloud::graph::GraphProvider;
use miraage_sync::{Changes, IncomingItem, ItemKind, OutgoingItem, Provider, RemoteCollection, Result, Written};

pub enum AccountProvider {
    CalDav(CalDavProvider),
    Ics(IcsSubscription),
    Google(GoogleProvider),
    Microsoft(GraphProvider),
}

macro_rules! each {
    ($self:ident, $p:ident => $e:expr) => {
        match $self {
            AccountProvider::CalDav($p) => $e,
            AccountProvider::Ics($p) => $e,
            AccountProvider::Google($p) => $e,
            AccountProvider::Microsoft($p) => $e,
        }
    };
}

impl Provider for AccountProvider {
    fn label(&self) -> &'static str {
        each!(self, p => p.label())
    }

    async fn collections(&self) -> Result<Vec<RemoteCollection>> {
        each!(self, p => p.collections().await)
    }

    async fn changes(&self, collection: &RemoteCollection, cursor: Option<&str>) -> Result<Changes> {
        each!(self, p => p.changes(collection, cursor).await)
    }

    async fn write(&self, collection: &RemoteCollection, item: OutgoingItem<'_>) -> Result<Written> {
        each!(self, p => p.write(collection, item).await)
    }

    async fn delete(
        &self,
        collection: &RemoteCollection,
        kind: ItemKind,
        remote_id: &str,
        etag: Option<&str>,
    ) -> Result<()> {
        each!(self, p => p.delete(collection, kind, remote_id, etag).await)
    }

    async fn find(&self, collection: &RemoteCollection, kind: ItemKind, uid: &str) -> Result<Option<IncomingItem>> {
        each!(self, p => p.find(collection, kind, uid).await)
    }
}
