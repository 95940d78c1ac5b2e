//! What crosses to the window besides the view types: the names of the events the core
//! pushes (their payloads are view types), and the error codes ([`crate::ErrorCode`]).
//! A test in the shell writes them to `ui/src/bindings/contract.ts` beside the generated
//! types, with the list of commands, so that both sides use one spelling.

/// Progress of a sync run (payload: `SyncEvent`).
pub const SYNC_PROGRESS: &str = "sync://progress";
/// A sync run ended for one account (payload: `SyncEvent`).
pub const SYNC_FINISHED: &str = "sync://finished";
/// A sync made accepted blocks collide: the re-plan's proposed moves (payload: `PlanPreview`).
pub const PLAN_CHANGED: &str = "plan://changed";

/// Every event, by the name the TypeScript side uses for it.
pub const EVENTS: [(&str, &str); 3] =
    [("syncProgress", SYNC_PROGRESS), ("syncFinished", SYNC_FINISHED), ("planChanged", PLAN_CHANGED)];
