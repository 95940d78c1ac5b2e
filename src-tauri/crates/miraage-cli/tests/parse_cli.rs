//! `miraage-cli parse`: the quick-add contract's examples through the binary.

use assert_cmd::Command;
use serde_json::{json, Value};

/// The contract's reference instant: Thursday 2025-03-06 09:15 in New York.
const NOW: &str = "2025-03-06T09:15:00-05:00";
const KEYS: [&str; 7] = ["title", "start", "due", "duration_min", "priority", "rrule", "tags"];

fn parse_json(text: &str) -> (Value, String) {
    let out = Command::cargo_bin("miraage-cli")
        .unwrap()
        .env_remove("MIRAAGE_DB")
        .args(["parse", text, "--now", NOW, "--tz", "America/New_York", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    // One JSON object and nothing else.
    let value: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    (value, stdout)
}

fn fields(overrides: Value) -> Value {
    let mut v = json!({"title": "", "start": null, "due": null, "duration_min": null, "priority": null, "rrule": null, "tags": []});
    for (k, x) in overrides.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

#[test]
fn the_contract_examples() {
    let cases = [
        ("Buy milk", fields(json!({"title": "Buy milk"}))),
        (
            "Call mom tomorrow 5pm 30m",
            fields(json!({"title": "Call mom", "start": "2025-03-07T17:00:00-05:00", "duration_min": 30})),
        ),
        (
            "Write report by Friday 3h !1 #work",
            fields(
                json!({"title": "Write report", "due": "2025-03-07", "duration_min": 180, "priority": 1, "tags": ["work"]}),
            ),
        ),
        (
            "Standup every weekday 9:30 15m",
            fields(json!({
                "title": "Standup",
                "start": "2025-03-06T09:30:00-05:00",
                "duration_min": 15,
                "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
            })),
        ),
        ("Pay rent due in 3 days", fields(json!({"title": "Pay rent", "due": "2025-03-09"}))),
    ];
    for (text, expected) in cases {
        let (value, stdout) = parse_json(text);
        assert_eq!(value, expected, "{text:?}");
        // Exactly the seven fields, in the contract's order.
        let keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        let mut sorted_keys = KEYS.to_vec();
        sorted_keys.sort_unstable();
        assert_eq!(keys, sorted_keys, "{text:?}");
        let positions: Vec<usize> = KEYS.iter().map(|k| stdout.find(&format!("\"{k}\"")).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "field order in {stdout}");
    }
}

#[test]
fn bad_input_is_kept_as_the_title() {
    for text in ["", "!!!!!!", "every 0 days", "at 25:00", "Feb 30", "🎉 שלום"] {
        let (value, _) = parse_json(text);
        assert_eq!(value["title"], text.trim(), "{text:?}");
        assert_eq!(value["start"], Value::Null);
    }
}

#[test]
fn the_zone_comes_from_the_global_option_or_the_environment() {
    let out = Command::cargo_bin("miraage-cli")
        .unwrap()
        .env("MIRAAGE_TZ", "Europe/Berlin")
        .args(["parse", "Call 5pm", "--now", "2025-03-06T09:15:00Z", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["start"], "2025-03-06T17:00:00+01:00");
}

#[test]
fn a_bad_now_is_a_usage_error() {
    let out = Command::cargo_bin("miraage-cli")
        .unwrap()
        .args(["parse", "Call mom", "--now", "yesterday", "--json"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("RFC 3339"));
    assert!(out.stdout.is_empty());
}

#[test]
fn without_json_it_prints_a_summary() {
    let out = Command::cargo_bin("miraage-cli")
        .unwrap()
        .args(["parse", "Gym every Monday 7am 1h #health", "--now", NOW, "--tz", "America/New_York"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("title     Gym"), "{text}");
    assert!(text.contains("start     2025-03-10T07:00:00-04:00"), "{text}");
    assert!(text.contains("rrule     FREQ=WEEKLY;BYDAY=MO"), "{text}");
    assert!(text.contains("duration  60 min"), "{text}");
    assert!(text.contains("tags      health"), "{text}");
}
