//! Damaged input never panics: random edits of a valid problem either parse (and then plan
//! validly, apart from what the user's locked block breaks) or give an error that names a
//! field.

mod common;

use miraage_planner::{plan, Options, Problem};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Values of every JSON kind, including awkward ones.
fn junk(k: u64) -> Value {
    match k % 12 {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!(0),
        4 => json!(1e300),
        5 => json!("24:00"),
        6 => json!("2026-11-23T09:00:00"),
        7 => json!("2026-11-23T09:00:00.5+01:00"),
        8 => json!([]),
        9 => json!({}),
        10 => json!(["t1", "t1"]),
        _ => json!(u64::MAX),
    }
}

/// Replaces the `pick`-th value (in a depth-first walk) of `v` by `with`.
fn replace_nth(v: &mut Value, pick: &mut u64, with: &Value) -> bool {
    if *pick == 0 {
        *v = with.clone();
        return true;
    }
    *pick -= 1;
    match v {
        Value::Array(a) => a.iter_mut().any(|x| replace_nth(x, pick, with)),
        Value::Object(o) => o.values_mut().any(|x| replace_nth(x, pick, with)),
        _ => false,
    }
}

fn count(v: &Value) -> u64 {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// `PROPTEST_CASES` when set (`tests/fuzz/run.sh` runs many more), else 256.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn damaged_problems_are_refused_or_planned_validly(edits in proptest::collection::vec((any::<u64>(), any::<u64>()), 1..4)) {
        let mut v = common::base();
        v["tasks"][1]["depends_on"] = json!(["t1"]);
        v["previous_plan"] = json!([{"task": "t1", "start": "2026-11-23T09:00:00+01:00", "end": "2026-11-23T10:00:00+01:00", "locked": true}]);
        for (at, kind) in edits {
            let mut pick = at % count(&v);
            replace_nth(&mut v, &mut pick, &junk(kind));
        }
        match Problem::from_value(&v) {
            Ok(p) => {
                let options = Options { min_iterations: 30, iterations_per_task: 2, ..Options::default() };
                let result = plan(&p, &options);
                let violations = common::planner_faults(&p, &result);
                prop_assert!(violations.is_empty(), "{:?}", violations);
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
