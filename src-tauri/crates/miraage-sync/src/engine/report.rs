//! What a sync run reports while it runs and when it ends.

/// A step of a sync run, for progress displays (the CLI's progress line, the app's events).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// The account's collections were listed.
    Listed { account: String, collections: usize },
    /// A collection's changes were fetched and saved.
    Pulled { collection: String, changes: usize },
    /// `done` of `total` pending edits of a collection were sent.
    Pushed { collection: String, done: usize, total: usize },
    /// A collection finished, with its error if it failed.
    Finished { collection: String, error: Option<String> },
}

/// The outcome of syncing one collection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CollectionReport {
    pub name: String,
    /// Items created or changed locally from the server.
    pub pulled: usize,
    /// Items removed locally because the server removed them.
    pub removed: usize,
    /// Local edits the server confirmed.
    pub pushed: usize,
    /// Local edits still waiting (failed this time; retried later).
    pub pending: usize,
    pub conflicts: usize,
    /// Server objects that could not be read, with why (the rest synced).
    pub unreadable: Vec<String>,
    /// Why the collection failed, if it did (other collections went on).
    pub error: Option<String>,
}

/// The outcome of syncing one account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub account: String,
    pub collections: Vec<CollectionReport>,
    /// A plan block changed on the server: the plan needs another look.
    pub replan_needed: bool,
}

impl SyncReport {
    pub fn errors(&self) -> impl Iterator<Item = (&str, &str)> {
        self.collections.iter().filter_map(|c| c.error.as_deref().map(|e| (c.name.as_str(), e)))
    }

    pub fn is_clean(&self) -> bool {
        self.collections.iter().all(|c| c.error.is_none() && c.pending == 0)
    }
}
