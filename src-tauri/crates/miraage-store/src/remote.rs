//! Remote accounts and their collections: what the sync engine keeps about each server
//! (never credentials: those live in the OS keyring under the account id).

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::rows::now_epoch;
use miraage_domain::{Account, AccountId, CalendarId, Provider, TaskListId};
use rusqlite::{params, OptionalExtension, Row};

/// What kind of object a synced item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    Event,
    Task,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Event => "event",
            ItemKind::Task => "task",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "event" => Some(ItemKind::Event),
            "task" => Some(ItemKind::Task),
            _ => None,
        }
    }
}

/// The store's key of a remote collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CollectionId(pub i64);

/// A remote collection as the store knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    pub id: CollectionId,
    pub account_id: AccountId,
    pub remote_id: String,
    pub name: String,
    /// The local calendar its events go to (`None`: it holds no events).
    pub calendar_id: Option<CalendarId>,
    /// The local task list its tasks go to (`None`: it holds no tasks).
    pub task_list_id: Option<TaskListId>,
    pub read_only: bool,
    pub cursor: Option<String>,
    pub last_sync_at: Option<i64>,
    pub last_error: Option<String>,
}

/// What the server says a collection is (a CalDAV calendar, a Google calendar or task list,
/// a Graph calendar or To Do list, an ICS URL); the sync engine's providers list these as
/// `RemoteCollection`, and [`Store::attach_collection`] records them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionInfo {
    /// The provider's id for it (CalDAV href, Google calendar id, Graph id, ICS URL); stable
    /// across syncs.
    pub remote_id: String,
    pub name: String,
    /// `#rrggbb`, when the server has a colour for it; `None` picks a palette colour.
    pub color: Option<String>,
    pub holds_events: bool,
    pub holds_tasks: bool,
    /// Miraage must not write to it (a subscription, a shared calendar without write access).
    pub read_only: bool,
}

/// An account with its sync status, for listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountStatus {
    pub account: Account,
    pub collections: usize,
    /// The oldest `last_sync_at` of its collections (`None`: some never synced).
    pub last_sync_at: Option<i64>,
    /// Errors of its collections, as "collection: error".
    pub errors: Vec<String>,
    /// Local edits waiting to be sent.
    pub pending: usize,
}

const COLLECTION_COLUMNS: &str =
    "co.id, co.account_id, co.remote_id, coalesce(c.name, l.name, co.remote_id), co.calendar_id, \
     co.task_list_id, coalesce(c.read_only, 0), co.cursor, co.last_sync_at, co.last_error";
const COLLECTION_FROM: &str =
    "collections co LEFT JOIN calendars c ON c.id = co.calendar_id LEFT JOIN task_lists l ON l.id = co.task_list_id";

fn read_collection(r: &Row<'_>) -> rusqlite::Result<Collection> {
    Ok(Collection {
        id: CollectionId(r.get(0)?),
        account_id: AccountId::from_string(r.get::<_, String>(1)?),
        remote_id: r.get(2)?,
        name: r.get(3)?,
        calendar_id: r.get::<_, Option<String>>(4)?.map(CalendarId::from_string),
        task_list_id: r.get::<_, Option<String>>(5)?.map(TaskListId::from_string),
        read_only: r.get(6)?,
        cursor: r.get(7)?,
        last_sync_at: r.get(8)?,
        last_error: r.get(9)?,
    })
}

fn read_account(r: &Row<'_>) -> rusqlite::Result<Account> {
    let provider: String = r.get(2)?;
    Ok(Account {
        id: AccountId::from_string(r.get::<_, String>(0)?),
        name: r.get(1)?,
        provider: Provider::parse(&provider).unwrap_or(Provider::Local),
        url: r.get(3)?,
        username: r.get(4)?,
    })
}

impl Store {
    /// Adds a remote account. The name is what the user calls it (unique, case-insensitive).
    ///
    /// # Errors
    ///
    /// [`StoreError::Invalid`] when the name is blank or taken, or `provider` is
    /// [`Provider::Local`]; [`StoreError::Sqlite`] when the database cannot be written.
    pub fn add_account(
        &mut self,
        name: &str,
        provider: Provider,
        url: Option<&str>,
        username: Option<&str>,
    ) -> Result<Account> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("an account name cannot be empty".into()));
        }
        if provider == Provider::Local {
            return Err(StoreError::Invalid(
                "the local account exists already; add a CalDAV, ICS, Google or Microsoft account".into(),
            ));
        }
        if self.account_by_name(name)?.is_some() {
            return Err(StoreError::Invalid(format!("an account named {name:?} exists already; choose another name")));
        }
        let id = AccountId::new();
        self.conn.execute(
            "INSERT INTO accounts (id, name, provider, created_at, url, username) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id.as_str(), name, provider.as_str(), now_epoch(), url, username],
        )?;
        Ok(Account {
            id,
            name: name.to_string(),
            provider,
            url: url.map(str::to_string),
            username: username.map(str::to_string),
        })
    }

    /// The account (local or remote) with this id.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no account has this id; [`StoreError::Sqlite`] when the
    /// database cannot be read.
    pub fn account(&self, id: &AccountId) -> Result<Account> {
        self.conn
            .query_row(
                "SELECT id, name, provider, url, username FROM accounts WHERE id = ?1",
                [id.as_str()],
                read_account,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound { what: "account", id: id.to_string() })
    }

    /// The account called `name` (case-insensitive, surrounding blanks ignored), if any.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn account_by_name(&self, name: &str) -> Result<Option<Account>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name, provider, url, username FROM accounts WHERE name = ?1 COLLATE NOCASE",
                [name.trim()],
                read_account,
            )
            .optional()?)
    }

    /// Every remote account (not the local one), by name.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn remote_accounts(&self) -> Result<Vec<Account>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, provider, url, username FROM accounts WHERE provider <> 'local' ORDER BY name COLLATE NOCASE")?;
        let rows = stmt.query_map([], read_account)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Remote accounts with what the user wants to know about their sync.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn account_statuses(&self) -> Result<Vec<AccountStatus>> {
        let mut out = Vec::new();
        for account in self.remote_accounts()? {
            let collections = self.collections(&account.id)?;
            let pending: i64 = self.conn.query_row(
                "SELECT count(*) FROM outbox o JOIN collections co ON co.id = o.collection_id WHERE co.account_id = ?1",
                [account.id.as_str()],
                |r| r.get(0),
            )?;
            let last_sync_at = if collections.iter().all(|c| c.last_sync_at.is_some()) {
                collections.iter().filter_map(|c| c.last_sync_at).min()
            } else {
                None
            };
            let errors =
                collections.iter().filter_map(|c| c.last_error.as_ref().map(|e| format!("{}: {e}", c.name))).collect();
            out.push(AccountStatus {
                account,
                collections: collections.len(),
                last_sync_at,
                errors,
                pending: pending as usize,
            });
        }
        Ok(out)
    }

    /// Removes an account with its calendars, task lists, events, tasks and sync state.
    ///
    /// # Errors
    ///
    /// [`StoreError::Invalid`] for the local account; [`StoreError::NotFound`] when no account has
    /// this id; [`StoreError::Sqlite`] when the database cannot be written.
    pub fn remove_account(&mut self, id: &AccountId) -> Result<()> {
        if id.as_str() == "local" {
            return Err(StoreError::Invalid("the local account cannot be removed".into()));
        }
        let n = self.conn.execute("DELETE FROM accounts WHERE id = ?1", [id.as_str()])?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "account", id: id.to_string() });
        }
        Ok(())
    }

    /// The collections of `account`, in the order they were first recorded.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn collections(&self, account: &AccountId) -> Result<Vec<Collection>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLLECTION_COLUMNS} FROM {COLLECTION_FROM} WHERE co.account_id = ?1 ORDER BY co.id"
        ))?;
        let rows = stmt.query_map([account.as_str()], read_collection)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The collection with this id.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no collection has this id; [`StoreError::Sqlite`] when the
    /// database cannot be read.
    pub fn collection(&self, id: CollectionId) -> Result<Collection> {
        self.conn
            .query_row(
                &format!("SELECT {COLLECTION_COLUMNS} FROM {COLLECTION_FROM} WHERE co.id = ?1"),
                [id.0],
                read_collection,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound { what: "collection", id: id.0.to_string() })
    }

    /// Records a collection the server lists, with a local calendar and/or task list for it
    /// (created on first sight; renamed and recoloured when the server's name or colour
    /// changes; a name taken in the account gets a suffix).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written (also when `account` does not
    /// exist); nothing is changed then.
    pub fn attach_collection(&mut self, account: &AccountId, info: &CollectionInfo) -> Result<Collection> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO collections (account_id, remote_id) VALUES (?1, ?2) ON CONFLICT (account_id, remote_id) DO NOTHING",
            params![account.as_str(), info.remote_id],
        )?;
        let (id, calendar, list): (i64, Option<String>, Option<String>) = tx.query_row(
            "SELECT id, calendar_id, task_list_id FROM collections WHERE account_id = ?1 AND remote_id = ?2",
            params![account.as_str(), info.remote_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let count: i64 = tx.query_row("SELECT count(*) FROM calendars", [], |r| r.get(0))?;
        let color = info.color.clone().unwrap_or_else(|| crate::accounts::palette(count as usize).to_string());
        if info.holds_events {
            let name = free_name(&tx, "calendars", account, &info.name, calendar.as_deref())?;
            match calendar {
                Some(c) => {
                    tx.execute(
                        "UPDATE calendars SET name = ?2, color = ?3, read_only = ?4 WHERE id = ?1",
                        params![c, name, color, info.read_only],
                    )?;
                }
                None => {
                    let c = CalendarId::new();
                    tx.execute(
                        "INSERT INTO calendars (id, account_id, name, color, read_only) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![c.as_str(), account.as_str(), name, color, info.read_only],
                    )?;
                    tx.execute("UPDATE collections SET calendar_id = ?2 WHERE id = ?1", params![id, c.as_str()])?;
                }
            }
        }
        if info.holds_tasks {
            let name = free_name(&tx, "task_lists", account, &info.name, list.as_deref())?;
            match list {
                Some(l) => {
                    tx.execute("UPDATE task_lists SET name = ?2, color = ?3 WHERE id = ?1", params![l, name, color])?;
                }
                None => {
                    let l = TaskListId::new();
                    tx.execute(
                        "INSERT INTO task_lists (id, account_id, name, color) VALUES (?1, ?2, ?3, ?4)",
                        params![l.as_str(), account.as_str(), name, color],
                    )?;
                    tx.execute("UPDATE collections SET task_list_id = ?2 WHERE id = ?1", params![id, l.as_str()])?;
                }
            }
        }
        tx.commit()?;
        self.collection(CollectionId(id))
    }

    /// Forgets the collections of `account` that the server no longer lists, with their
    /// calendars, task lists and everything in them. Returns how many went.
    ///
    /// A collection that still has local edits waiting to be sent is kept, with an error
    /// saying so: a listing that misses it (a server hiccup, a calendar unshared by mistake)
    /// must not silently throw the user's unsent work away.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written; nothing is removed then.
    pub fn detach_collections_except(&mut self, account: &AccountId, keep: &[&str]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let missing: Vec<(i64, Option<String>, Option<String>, i64)> = {
            let mut stmt = tx.prepare(
                "SELECT co.id, co.remote_id, co.calendar_id, co.task_list_id, (SELECT count(*) FROM outbox o WHERE o.collection_id = co.id)
                 FROM collections co WHERE co.account_id = ?1",
            )?;
            let rows = stmt.query_map([account.as_str()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
            rows.collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .filter(|(_, remote, _, _, _)| !keep.contains(&remote.as_str()))
                .map(|(id, _, c, l, pending)| (id, c, l, pending))
                .collect()
        };
        let mut gone = 0;
        for (id, calendar, list, pending) in &missing {
            if *pending > 0 {
                tx.execute(
                    "UPDATE collections SET last_error = ?2 WHERE id = ?1",
                    params![
                        id,
                        format!("the server no longer lists this calendar; {pending} local edit(s) not sent are kept")
                    ],
                )?;
                continue;
            }
            tx.execute("DELETE FROM collections WHERE id = ?1", [id])?;
            if let Some(c) = calendar {
                tx.execute("DELETE FROM calendars WHERE id = ?1", [c])?;
            }
            if let Some(l) = list {
                tx.execute("DELETE FROM task_lists WHERE id = ?1", [l])?;
            }
            gone += 1;
        }
        tx.commit()?;
        Ok(gone)
    }

    /// Records the end of a collection's sync: when, and the error if it failed (`None`
    /// clears the last one).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn set_collection_result(&mut self, id: CollectionId, error: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE collections SET last_sync_at = CASE WHEN ?2 IS NULL THEN ?3 ELSE last_sync_at END, last_error = ?2 WHERE id = ?1",
            params![id.0, error, now_epoch()],
        )?;
        Ok(())
    }

    /// The collection that feeds `calendar`, if it syncs.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn collection_of_calendar(&self, calendar: &CalendarId) -> Result<Option<CollectionId>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM collections WHERE calendar_id = ?1", [calendar.as_str()], |r| r.get(0))
            .optional()?
            .map(CollectionId))
    }
}

/// `wanted`, or `wanted (2)`, `wanted (3)`… so as not to clash with another calendar (or task
/// list) of the account; `own` is the row being renamed, which may keep its name.
fn free_name(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    account: &AccountId,
    wanted: &str,
    own: Option<&str>,
) -> Result<String> {
    let wanted = if wanted.trim().is_empty() { "Calendar" } else { wanted.trim() };
    let sql = format!("SELECT count(*) FROM {table} WHERE account_id = ?1 AND name = ?2 AND id IS NOT ?3");
    for n in 1.. {
        let name = if n == 1 { wanted.to_string() } else { format!("{wanted} ({n})") };
        let taken: i64 = tx.query_row(&sql, params![account.as_str(), name, own], |r| r.get(0))?;
        if taken == 0 {
            return Ok(name);
        }
    }
    unreachable!("some suffix is free")
}
