//! # miraage-planner: the rescheduler
//!
//! A pure library (no IO except [`plan_file_command`] / [`replan_file_command`], no Tauri, no
//! database) that places tasks into free time so that every hard rule of the benchmark
//! contract (`shared/bench/FORMAT.md`, version 1) holds and the score is low.
//!
//! ```no_run
//! use miraage_planner::{plan, validate, score, Options, Problem};
//! let problem = Problem::from_json_str(&std::fs::read_to_string("problem.json")?)?;
//! let result = plan(&problem, &Options::default());
//! assert!(validate(&problem, &result).is_empty());
//! println!("{}", score(&problem, &result).total);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## The model
//!
//! - **Problem** ([`Problem`], `problem.rs`): read from JSON with an error naming the bad
//!   field; times become epoch seconds. Extensions the scorer ignores: `locked: true` on
//!   `previous_plan` blocks and a `pinned` block list (kept unless they now break a rule),
//!   and `habits` ([`habits`]) which expand into one ordinary task per day or ISO week with
//!   their own window, `earliest_start` at the period start and a hard due at its end.
//! - **Time** ([`time`]): hours sets are weekly wall-clock windows; `windows.rs` turns them
//!   into instant intervals per local day with chrono-tz, resolving DST like FORMAT.md note
//!   3 (a wall time in a spring-forward gap is the instant the gap ends; an ambiguous one is
//!   its first pass) and merging windows that touch, also across midnight (note 5).
//! - **Slots** (`model.rs`): time from `now` (rounded up to the grid) to `horizon_end` is cut
//!   into 5-minute slots. Per hours set the *free* slots are its windows minus busy time
//!   widened by `buffer_min`. A task becomes slot arithmetic: smallest/largest block, earliest
//!   start slot, latest end slot (hard due or horizon), prerequisites. Because a block is
//!   always a run of free slots of its own set, rules 1-3 hold by construction.
//! - **State** (`construct.rs`): free intervals per hours set minus placed blocks, minutes per
//!   local day (daily cap), per-task placed slots, finish and block count.
//!
//! ## The algorithm
//!
//! The score is dominated by unscheduled minutes (`w × 100` per minute, `w` = 8/4/2/1 by
//! priority), and generated problems are overloaded, so *which* minutes stay out matters
//! most; then lateness (`w` per minute), completion time, fragments, context switches, churn.
//!
//! 1. **Decoder.** A plan is represented by a task order (plus a placement mode per task).
//!    The decoder takes tasks in that order and places each one first-fit from its ready
//!    time (earliest start, prerequisites' finish) in the largest chunk that fits and leaves a
//!    remainder still splittable into allowed blocks (135 min in 45-60 min blocks becomes
//!    3 × 45, not 60 + an unplaceable 75), respecting the daily cap and the hard due; only if
//!    no gap allows that does it take a chunk that leaves a short rest unscheduled. A chunk
//!    is placed only if it lowers the score, counting as gain the unscheduled cost of the
//!    dependents it unlocks: a chunk that would finish so late that its lateness costs more
//!    than the minutes it saves is left out (a hopelessly overdue low-priority task does not
//!    take time from others). Prerequisites always precede dependents in an order; a task
//!    whose prerequisite is not fully placed places nothing (rule 6). Searches that found no
//!    room are remembered per state (`no_fit`), since free time only shrinks as a state grows.
//! 2. **Construction.** Several greedy orders are decoded, each with plain and with compact
//!    placement, and the best kept: value first (weight, then due), earliest due first,
//!    weighted shortest first, and two two-phase orders that *select* tasks with the
//!    value-first order and then *sequence* the selected ones by due date or by weighted
//!    slack (heavy tasks with distant dues should not push urgent ones late). A prerequisite
//!    inherits the largest weight and earliest due of what depends on it. With a previous
//!    plan, the same orders are also decoded on top of its still-valid blocks (low churn)
//!    and the better start wins.
//! 3. **Search** (`search.rs`). Local search over the order: promote a valuable task that
//!    still misses minutes (or the prerequisite that blocks it), often to just before a
//!    lighter task, move a random task, swap near neighbours. Every move keeps prerequisites
//!    first, is decoded and scored in full (`eval.rs`, the same formula as [`score`]) and
//!    kept when the score does not get worse, so the result is never worse than the
//!    construction (anytime). Snapshots of the decoder state every `n/24` positions let a
//!    move re-decode only from the snapshot before its first changed position.
//!    A second move flips a task between plain first fit and *compact* placement, which
//!    skips gaps that would only add a fragment beyond `ceil(duration / max_chunk)` blocks.
//!    A move whose re-decoded state matches the old one at a snapshot (same set of blocks,
//!    by an order-independent hash) stops there: the rest would decode the same.
//! 4. **Ejection repair** (`repair.rs`). Then each task that still misses minutes, most
//!    valuable first, may take the cheapest run of a full chunk from lighter, unlocked
//!    blocks; the ejected tasks (and dependents whose prerequisite lost minutes) are placed
//!    again. A repair is kept only if the whole score improves.
//! 5. **Limits.** The search stops after `iterations_per_task × tasks` moves (at least
//!    `min_iterations`) or at 85% of the wall-clock budget, the smaller of `time_budget`
//!    (400 ms) and `time_per_task × tasks` (300 µs each, at least 20 ms); the repair runs
//!    `repair_passes` rounds or until the budget. Moves draw from a seeded SplitMix64 and all
//!    collections are ordered, so when the iteration limit binds (small and medium problems
//!    on an ordinary machine) the plan depends only on the problem and the [`Options`];
//!    large problems are time-bound (about 300 ms for 1,000 tasks).
//! 6. **Re-plan** ([`replan`], `keep.rs`). After a change the previous plan's blocks are
//!    re-checked against every rule (locked ones first); those still valid stay exactly where
//!    they were. A prerequisite that lost blocks is placed again at once, and a dependent
//!    keeps its blocks only while its prerequisites are fully placed before it. Only the
//!    missing minutes are placed, by the same construction, a short search over what is not
//!    kept and ejection repair for *new* tasks (a task the change displaced takes free time
//!    only, unless `replan_displace_lighter`), all within `replan_time_budget` (6 ms by
//!    default). Churn is therefore the displaced minutes plus those of dependents whose
//!    prerequisite could not be placed before them again.
//! 7. **Explanations** (`explain.rs`). Every task with minutes left out gets the most specific
//!    reason: chunk sizes off the grid, prerequisite not fully placed, no free hours before
//!    the (hard) due date or horizon, horizon full (taken by more valuable tasks), daily cap
//!    reached, or left out on purpose because lateness would cost more than it saves. Tasks
//!    with a due date that finish late or are not fully placed are listed in `at_risk`.
//!
//! ## Checking
//!
//! [`validate`] implements rules 1-8 and the notes' readings directly on instants,
//! independently of the slot model, and [`score`] the score table; the tests rely on them
//! (the benchmark script also checks against the shared referee).

mod cli;
mod construct;
mod error;
mod eval;
mod explain;
pub mod habits;
mod keep;
mod model;
mod plan;
mod planner;
mod problem;
mod repair;
mod rng;
mod score;
mod search;
pub mod time;
mod validate;

pub use cli::{plan_file_command, replan_file_command, PlanSummary};
pub use error::{PlannerError, Result};
pub use plan::{AtRisk, Block, Plan, PlanStats, Unscheduled};
pub use planner::{plan, replan, Options};
pub use problem::{Busy, PrevBlock, Priority, Problem, Settings, Task, FORMAT_VERSION};
pub use score::{score, ScoreBreakdown};
pub use validate::{validate, Violation};
