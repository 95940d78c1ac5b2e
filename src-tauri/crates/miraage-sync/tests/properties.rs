//! Property tests of the engine against the in-memory fake: random sequences of the user's
//! edits (through the store), another client's edits (on the fake), token expiry, page
//! sizes, and syncs that meet faults (503s, lost answers, late requests, crashes with the
//! store reopened, pauses in which either side edits); then a sync without faults, after
//! which both sides must hold the same items, nothing twice, and no version lost but by
//! the conflict policy (see `world/oracle.rs`); and a second sync must change nothing.
//!
//! 256 cases by default; `PROPTEST_CASES=5000 cargo test -p miraage-sync --test
//! properties --release` for a longer run.

mod world;

use miraage_store::ItemKind;
use miraage_sync::fake::Fault;
use proptest::prelude::*;
use world::ops::{Edit, Origin};
use world::{CallFault, World};

#[derive(Debug, Clone)]
enum Step {
    Edit(Edit),
    /// A sync; faults by call, counted from the sync's first call (1).
    Sync { forced: bool, faults: Vec<(u64, CallFault)> },
    ExpireTokens,
    PageSize(usize),
}

fn kind() -> impl Strategy<Value = ItemKind> {
    prop_oneof![Just(ItemKind::Event), Just(ItemKind::Task)]
}

fn origin() -> impl Strategy<Value = Origin> {
    prop_oneof![Just(Origin::External), Just(Origin::Miraage), Just(Origin::Plan)]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (kind(), origin()).prop_map(|(kind, origin)| Edit::LocalCreate { kind, origin }),
        4 => (kind(), any::<usize>(), any::<bool>()).prop_map(|(kind, pick, done)| Edit::LocalUpdate { kind, pick, done }),
        2 => (kind(), any::<usize>()).prop_map(|(kind, pick)| Edit::LocalDelete { kind, pick }),
        2 => (kind(), origin()).prop_map(|(kind, origin)| Edit::RemoteCreate { kind, origin }),
        3 => (kind(), any::<usize>()).prop_map(|(kind, pick)| Edit::RemoteUpdate { kind, pick }),
        1 => (kind(), any::<usize>()).prop_map(|(kind, pick)| Edit::RemoteDelete { kind, pick }),
    ]
}

fn fault() -> impl Strategy<Value = CallFault> {
    prop_oneof![
        2 => Just(CallFault::Fail(Fault::Unavailable)),
        3 => Just(CallFault::Fail(Fault::LoseAnswer)),
        2 => (1u64..6).prop_map(|calls| CallFault::Fail(Fault::Delayed { calls })),
        1 => Just(CallFault::Fail(Fault::CrashBefore)),
        2 => Just(CallFault::Fail(Fault::CrashAfter)),
        4 => edit().prop_map(CallFault::PauseFor),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        10 => edit().prop_map(Step::Edit),
        5 => (any::<bool>(), prop::collection::vec((1u64..10, fault()), 0..3)).prop_map(|(forced, faults)| Step::Sync { forced, faults }),
        1 => Just(Step::ExpireTokens),
        1 => (1usize..4).prop_map(Step::PageSize),
    ]
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let mut w = World::new();
    for step in steps {
        match step {
            Step::Edit(edit) => w.edit(edit),
            Step::Sync { forced, faults } => match w.sync_with(*forced, faults) {
                None | Some(Ok(_)) => {}
                Some(Err(e)) => prop_assert!(e.is_retryable(), "a sync failed for good: {e}"),
            },
            Step::ExpireTokens => w.fake.expire_tokens(),
            Step::PageSize(n) => w.fake.set_page_size(*n),
        }
    }
    // Requests the client gave up on land before the last sync, as a slow server's do.
    w.fake.settle_delayed();
    let report = w.sync(&[]).expect("no fault, no crash").map_err(|e| TestCaseError::fail(format!("the final sync failed: {e}")))?;
    prop_assert!(report.is_clean(), "the final sync left work: {report:?}");
    prop_assert_eq!(w.store().outbox_len().unwrap(), 0);
    world::oracle::check(&w).map_err(TestCaseError::fail)?;

    let before = w.fake.history().len();
    let again = w.sync(&[]).expect("no crash").map_err(|e| TestCaseError::fail(e.to_string()))?;
    let changed: usize = again.collections.iter().map(|c| c.pulled + c.removed + c.pushed + c.conflicts).sum();
    prop_assert_eq!(changed, 0, "a second sync still changed things: {:?}", again);
    prop_assert_eq!(w.fake.history().len(), before, "a second sync wrote to the server");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        // The project keeps no regression files; a failure prints its minimal case.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn both_sides_converge_with_nothing_lost_or_doubled(steps in prop::collection::vec(step(), 1..40)) {
        run(&steps)?;
    }
}
