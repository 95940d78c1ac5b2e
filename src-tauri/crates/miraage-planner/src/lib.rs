//! # miraage-planner: the rescheduler
//!
//! A pure library (no IO except [`plan_file_command`] / [`replan_file_command`], no Tauri, no
//! database) that places tasks into free time so that every hard rule of the benchmark
//! contract (`shared/bench/FORMAT.md`, version 1, rules 1-9) holds and the score is low.
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
//!   `previous_plan` blocks and a `pinned` block list (blocks the user placed, see below),
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
//!   local day (daily cap), per-task placed slots, finish and block count, and each task's
//!   blocks as a list threaded through the flat block vector (rule 9 needs them; a copy of
//!   the state stays two flat vectors).
//! - **Break** (rule 9, `settings.task_break_min`): a block of a task may not start or end
//!   within the break of another block of that task. Free time cannot express this (it is
//!   per task), so every placement path checks it: the decoder searches on a break after
//!   each chunk it places and skips the task's existing blocks widened by the break (built
//!   only when the task already has blocks, e.g. kept ones later in time); ejection repair
//!   ignores runs next to the task's own blocks; keeping a previous block checks it.
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
//!    room are remembered per state (`no_fit`), since free time only shrinks as a state grows
//!    (what the break rules out is per task, so it is never learnt there). With a break the
//!    next chunk starts a break after the last: a chunk is already the largest allowed, so
//!    one long sitting is never cut into touching pieces.
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
//! 6. **Re-plan** ([`replan`], `keep.rs`, `displaced.rs`). After a change the previous plan's
//!    locked blocks are kept (see below), then its other blocks are re-checked against every
//!    rule; those still valid stay exactly where they were. A prerequisite that lost blocks
//!    is placed again at once, and a dependent keeps its blocks only while its prerequisites
//!    are fully placed before it. Each displaced block is then put back *whole*: its minutes
//!    go into the earliest gap that holds all of them as one block, unless no gap does or the
//!    whole block would end later past the due date than parts would (the decoder alone
//!    prefers an earlier short gap plus a piece elsewhere, which finishes sooner but turns one
//!    sitting into two). What is still missing is placed by the same construction, a short
//!    search over what is not kept and ejection repair for *new* tasks (a task the change
//!    displaced takes free time only, unless `replan_displace_lighter`), all within
//!    `replan_time_budget` (6 ms by default). Churn is therefore the displaced minutes plus
//!    those of dependents whose prerequisite could not be placed before them again.
//! 7. **Explanations** (`explain.rs`, `words.rs`). Every sentence names tasks by title (never
//!    by id), gives times on the local clock ("Thu 17:00") and says what the user can do.
//!    Every task with minutes left out gets the most specific reason: block sizes off the
//!    grid, waiting for a prerequisite, no free hours before the due date (move it or add
//!    hours), free hours taken by more urgent or important tasks (raise its priority), daily
//!    limit reached (raise it in Settings), too close to its own blocks (shorten the break),
//!    or left out on purpose because lateness would cost more than it saves. Tasks with a due
//!    date that finish late or are not fully placed are listed in `at_risk` with a reason;
//!    tasks in more blocks than `ceil(duration / max_chunk)`, or in several where the previous
//!    plan had one, in `split` ("no free 90 minutes before its due date Thu 17:00, so it is
//!    split in two"); locked blocks that had to move in `notes` ("“Plan weekend trip” at Sat
//!    10:00 now overlaps “Dentist”; it was moved").
//!
//! ## Blocks the user placed
//!
//! Pinned blocks and locked previous blocks are the user's decisions (the app pins every block
//! they accepted, also one dragged outside the task's hours or closer than the break to
//! another). [`plan`] and [`replan`] keep such a block exactly where it is unless the event
//! itself (not the buffer around it) overlaps it, it overlaps a locked block kept before it
//! (in time order), or it lies before `now` or after the horizon (it is clipped to the grid
//! inside them; what is past is done). Outside its hours set, over the daily cap, after a
//! hard due, closer than the break to another block, before a prerequisite, longer than its
//! largest chunk: kept anyway. It counts toward the task's placed minutes, the day's cap and
//! the free time others see, so nothing is placed on top of it, and the planner's own blocks
//! keep every rule relative to it (the break from it, rule 6 after it). The search and the
//! repair never move it. So a plan may break a hard rule *because of* such a block:
//! [`validate`] reports it (the referee would) but marks the violation
//! [`Violation::user_placed`]; a violation that involves any block the planner placed is not
//! marked.
//!
//! ## Frozen horizon and churn budget
//!
//! `settings.frozen_min` (extension): ordinary previous blocks that start within that many
//! minutes of `now` are kept first and never moved by the search or the repair, in [`plan`]
//! as in [`replan`]; they move only when they no longer obey the rules (an event or its
//! buffer now overlaps them, a prerequisite moved). `settings.churn_budget_min` (extension):
//! a re-plan's ejection repair may take at most that many minutes from previous blocks that
//! were still valid; what an event displaces moves regardless, and `PlanStats::moved_min`
//! reports all the minutes moved. Both are property-tested over random re-plans
//! (`tests/stability.rs`).
//!
//! ## Checking
//!
//! [`validate`] implements rules 1-9 and the notes' readings directly on instants,
//! independently of the slot model, and [`score`] the score table; the tests rely on them
//! (the benchmark script also checks against the shared referee, and
//! `tests/bench/check_cases.py` runs both over the referee's pinned cases).

mod cli;
mod construct;
mod displaced;
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
mod to_json;
mod validate;
mod words;

pub use cli::{plan_file_command, replan_file_command, PlanSummary};
pub use error::{PlannerError, Result};
pub use plan::{AtRisk, Block, Plan, PlanStats, Split, Unscheduled};
pub use planner::{plan, replan, Options};
pub use problem::{Busy, PrevBlock, Priority, Problem, Settings, Task, FORMAT_VERSION};
pub use score::{score, ScoreBreakdown};
pub use validate::{validate, Violation};
