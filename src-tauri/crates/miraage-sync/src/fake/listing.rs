//! `changes`: incremental listings by sync token, full listings by href, both in pages.
//!
//! Cursors: `t<epoch>:<clock>` is a sync token (everything up to that clock was listed);
//! `f<epoch>:<clock>:<href>` continues a full listing begun at that clock after that href.
//! A cursor of an older epoch (tokens expired since), an unreadable one or none starts a
//! full listing. A full listing ends with the token of the clock it began at, so what
//! changed while it was paged is listed again next time, never skipped.

use super::state::{Collection, Inner};
use crate::error::Result;
use crate::provider::{Changes, RemoteChange};

enum Cursor<'a> {
    Since(u64),
    Full { began: u64, after: &'a str },
}

/// The cursor if it is of the collection's current epoch.
fn parse(cursor: &str, epoch: u64) -> Option<Cursor<'_>> {
    let (full, rest) = match cursor.split_at_checked(1)? {
        ("t", rest) => (false, rest),
        ("f", rest) => (true, rest),
        _ => return None,
    };
    let (e, rest) = rest.split_once(':')?;
    if e.parse::<u64>().ok()? != epoch {
        return None;
    }
    if !full {
        return rest.parse().ok().map(Cursor::Since);
    }
    let (began, after) = rest.split_once(':')?;
    Some(Cursor::Full { began: began.parse().ok()?, after })
}

impl Inner {
    /// `lag`: an incremental listing leaves out the server's last `lag` changes.
    pub fn changes(&mut self, collection: &str, cursor: Option<&str>, lag: u64) -> Result<Changes> {
        let c = self.collection(collection)?;
        let changes = match cursor.and_then(|cur| parse(cur, c.epoch)) {
            Some(Cursor::Since(clock)) => {
                incremental(c, clock, self.clock.saturating_sub(lag).max(clock), self.page_size)
            }
            Some(Cursor::Full { began, after }) => full(c, began, Some(after), self.page_size),
            None => full(c, self.clock, None, self.page_size),
        };
        if changes.full {
            self.stats.full_listings += 1;
        } else {
            self.stats.incremental_listings += 1;
        }
        Ok(changes)
    }
}

/// Every href changed after `since` and up to `now`, in the order of their last change.
fn incremental(c: &Collection, since: u64, now: u64, page: usize) -> Changes {
    let mut changed: Vec<_> = c.entries.iter().filter(|(_, e)| e.changed > since && e.changed <= now).collect();
    changed.sort_by_key(|(_, e)| e.changed);
    let more = changed.len() > page;
    changed.truncate(page);
    let upto = match (more, changed.last()) {
        (true, Some((_, last))) => last.changed,
        _ => now,
    };
    let changes = changed
        .into_iter()
        .map(|(href, e)| match &e.item {
            Some(item) => RemoteChange::Upsert(item.incoming()),
            None => RemoteChange::Removed { remote_id: href.clone() },
        })
        .collect();
    Changes { changes, cursor: format!("t{}:{upto}", c.epoch), full: false, more }
}

/// Every live item after `after`, by href.
fn full(c: &Collection, began: u64, after: Option<&str>, page: usize) -> Changes {
    let mut items: Vec<_> = c.live().filter(|i| after.is_none_or(|a| i.href.as_str() > a)).collect();
    let more = items.len() > page;
    items.truncate(page);
    let cursor = match (more, items.last()) {
        (true, Some(last)) => format!("f{}:{began}:{}", c.epoch, last.href),
        _ => format!("t{}:{began}", c.epoch),
    };
    Changes {
        changes: items.into_iter().map(|i| RemoteChange::Upsert(i.incoming())).collect(),
        cursor,
        full: true,
        more,
    }
}
