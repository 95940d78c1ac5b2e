//! What can go wrong with one call, and the little machinery that makes it happen.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A fault scheduled for one provider call ([`super::FakeServer::fail_at`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The server answers 503 and does nothing.
    Unavailable,
    /// The server applies the call, then the connection drops: the client sees a transient
    /// error and does not know the outcome.
    LoseAnswer,
    /// The client times out (a transient error) while the request is still under way: the
    /// server applies it just before call number `this + calls`, if its precondition
    /// (etag, create-only) still holds then.
    Delayed { calls: u64 },
    /// The process dies while the request is being sent: the server never gets it, and
    /// the call never answers.
    CrashBefore,
    /// The process dies after the server applied the call, before the answer came.
    CrashAfter,
    /// A `changes` call answered from a lagging replica: an incremental listing leaves out
    /// the last `ticks` changes of the server (its cursor stops before them, so they come
    /// next time). Full listings do not lag. Other calls ignore it.
    Lagging { ticks: u64 },
    /// The call waits before the server takes it, so that the test can act meanwhile
    /// (another client's edit, the user's edit); [`super::FakeServer::drive`] calls the
    /// test back.
    Pause,
}

/// The provider methods, for faults aimed at the n-th call of one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Collections,
    Changes,
    Write,
    Delete,
    Find,
}

/// A call as it starts: its number, what is scheduled for it, and the item it writes or
/// deletes (collection and UID), if any.
pub(super) struct Call {
    pub number: u64,
    pub method: Method,
    /// Which call of its method it is (from 1).
    pub nth: u64,
    pub fault: Option<Fault>,
    pub item: Option<(String, String)>,
}

/// A call waiting at a [`Fault::Pause`], as [`super::FakeServer::drive`] tells the test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paused {
    pub call: u64,
    pub method: Method,
    pub nth: u64,
    /// The item the call writes or deletes (collection, UID); `None` for reads.
    pub item: Option<(String, String)>,
}

/// Pending once (after asking to be polled again), then ready: a yield to the driver.
#[derive(Default)]
pub(super) struct PauseOnce(bool);

impl Future for PauseOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
