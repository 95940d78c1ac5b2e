//! A batch of events or tasks being written (an import, a sync page, the demo week).
//!
//! Writing a batch asks questions about the rest of the batch: which rows a UID has, which
//! master's origin speaks for a series, which task of the batch a dependency names. They
//! are answered from indexes built in one pass, never by searching the batch per item: one
//! such search made a 50,000-event import take 6 s, three quarters of it comparing UIDs
//! (issue 20). The batch hands its items out only through [`Batch::iter`] and
//! [`Batch::get`], which count the items they hand out in tests, so a test can check that
//! writing N items visits O(N) of them.

use miraage_domain::{CalendarId, Event, Task, TaskId};
use std::collections::HashMap;

pub(crate) struct Batch<'a, T> {
    items: &'a [T],
}

impl<'a, T> Batch<'a, T> {
    pub(crate) fn new(items: &'a [T]) -> Self {
        Batch { items }
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a T> + 'a {
        self.items.iter().inspect(|_| visited())
    }

    pub(crate) fn get(&self, index: usize) -> &'a T {
        visited();
        &self.items[index]
    }
}

/// The events of one item (calendar and UID) of a batch.
pub(crate) struct Item<'a> {
    pub calendar: &'a CalendarId,
    pub uid: &'a str,
    /// Positions in the batch, in batch order.
    pub rows: Vec<usize>,
    /// The first master or one-off event: its origin speaks for the whole item.
    pub main: Option<usize>,
}

impl<'a> Batch<'a, Event> {
    /// The batch's items in the order their first row comes.
    pub(crate) fn items(&self) -> Vec<Item<'a>> {
        let mut items: Vec<Item<'a>> = Vec::new();
        let mut index: HashMap<(&str, &str), usize> = HashMap::with_capacity(self.len());
        for (i, e) in self.iter().enumerate() {
            let at = *index.entry((e.calendar_id.as_str(), e.uid.as_str())).or_insert_with(|| {
                items.push(Item { calendar: &e.calendar_id, uid: &e.uid, rows: Vec::new(), main: None });
                items.len() - 1
            });
            let item = &mut items[at];
            item.rows.push(i);
            if item.main.is_none() && e.recurrence_id().is_none() {
                item.main = Some(i);
            }
        }
        items
    }
}

impl<'a> Batch<'a, Task> {
    /// Position of each task by the id it came with (the first, should two share one).
    pub(crate) fn positions(&self) -> HashMap<&'a TaskId, usize> {
        let mut positions = HashMap::with_capacity(self.len());
        for (i, t) in self.iter().enumerate() {
            positions.entry(&t.id).or_insert(i);
        }
        positions
    }
}

#[cfg(test)]
thread_local! {
    static VISITS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[inline]
fn visited() {
    #[cfg(test)]
    VISITS.with(|v| v.set(v.get() + 1));
}

/// Items handed out by batches on this thread so far.
#[cfg(test)]
pub(crate) fn visits() -> u64 {
    VISITS.with(|v| v.get())
}
