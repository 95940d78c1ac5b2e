//! A fake Google Calendar API v3 and Tasks API v1: calendar list, events.list with paging,
//! sync tokens (and their expiry: 410 Gone), masters with exceptions and cancelled instances,
//! inserts with client ids (409 duplicate), PATCH/DELETE with If-Match (412), task lists and
//! tasks with updatedMin, bearer tokens checked against the fake authorization server, and
//! injected faults (429 with Retry-After, 403 rateLimitExceeded, 5xx).

use super::{bearer, decode, lost, take_fault, Fault};
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use miraage_oauth::fake::FakeAuth;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex};

struct Stored {
    value: Value,
    seq: u64,
    gone: bool,
}

#[derive(Default)]
struct State {
    seq: u64,
    /// Sync tokens name the epoch they were issued in; older epochs are expired.
    epoch: u64,
    calendars: Vec<Value>,
    events: BTreeMap<String, BTreeMap<String, Stored>>,
    lists: Vec<Value>,
    tasks: BTreeMap<String, BTreeMap<String, Stored>>,
    faults: VecDeque<Fault>,
    log: Vec<String>,
    /// Requests served with their query parameters: (method, path, query).
    queries: Vec<(String, String, HashMap<String, String>)>,
}

#[derive(Clone)]
pub struct FakeGoogle {
    pub calendar_api: String,
    pub tasks_api: String,
    auth: FakeAuth,
    state: Arc<Mutex<State>>,
}

fn google_error(status: u16, reason: &str, message: &str) -> Response {
    let body = json!({"error": {"code": status, "message": message, "errors": [{"domain": "global", "reason": reason, "message": message}]}});
    (StatusCode::from_u16(status).unwrap(), Json(body)).into_response()
}

/// A fake clock for `updated`: one second per change from a fixed start.
fn updated(seq: u64) -> String {
    let t =
        chrono::DateTime::parse_from_rfc3339("2026-11-21T10:00:00Z").unwrap() + chrono::Duration::seconds(seq as i64);
    t.with_timezone(&chrono::Utc).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

fn etag(seq: u64) -> String {
    format!("\"{}\"", 3_181_161_784_712_000u64 + seq)
}

impl FakeGoogle {
    pub async fn start(auth: FakeAuth) -> FakeGoogle {
        let state = Arc::new(Mutex::new(State::default()));
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let root = format!("http://{}", listener.local_addr().unwrap());
        let fake = FakeGoogle {
            calendar_api: format!("{root}/calendar/v3/"),
            tasks_api: format!("{root}/tasks/v1/"),
            auth,
            state,
        };
        let handler = fake.clone();
        let app = axum::Router::new().fallback(move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let f = handler.clone();
            async move { f.handle(method, uri, headers, body) }
        });
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        fake
    }

    fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self.state.lock().unwrap())
    }

    // ----- what the tests set up and look at -----

    pub fn add_calendar(&self, id: &str, summary: &str, color: &str, role: &str) {
        self.with(|s| {
            s.calendars.push(
                json!({"kind": "calendar#calendarListEntry", "id": id, "summary": summary, "timeZone": "Europe/Berlin",
                "colorId": "14", "backgroundColor": color, "foregroundColor": "#000000", "accessRole": role}),
            );
            s.events.entry(id.into()).or_default();
        })
    }

    /// Another client makes or changes an event (the id is kept).
    pub fn put_event(&self, cal: &str, mut ev: Value) {
        self.with(|s| {
            s.seq += 1;
            let id = ev["id"].as_str().unwrap().to_string();
            ev["kind"] = "calendar#event".into();
            ev["etag"] = etag(s.seq).into();
            ev["updated"] = updated(s.seq).into();
            if ev.get("iCalUID").is_none() {
                let uid = ev.get("recurringEventId").and_then(Value::as_str).unwrap_or(&id).to_string();
                ev["iCalUID"] = format!("{uid}@google.com").into();
            }
            if ev.get("status").is_none() {
                ev["status"] = "confirmed".into();
            }
            let seq = s.seq;
            s.events.entry(cal.into()).or_default().insert(id, Stored { value: ev, seq, gone: false });
        })
    }

    /// Another client deletes an event.
    pub fn remove_event(&self, cal: &str, id: &str) {
        self.with(|s| {
            s.seq += 1;
            let seq = s.seq;
            let e = s.events.get_mut(cal).unwrap().get_mut(id).unwrap();
            e.gone = true;
            e.seq = seq;
        })
    }

    pub fn event(&self, cal: &str, id: &str) -> Option<Value> {
        self.with(|s| s.events.get(cal)?.get(id).filter(|e| !e.gone).map(|e| e.value.clone()))
    }

    pub fn event_count(&self, cal: &str) -> usize {
        self.with(|s| s.events.get(cal).map_or(0, |m| m.values().filter(|e| !e.gone).count()))
    }

    /// Every sync token handed out so far expires (410 Gone on next use).
    pub fn expire_sync_tokens(&self) {
        self.with(|s| s.epoch += 1)
    }

    pub fn push_fault(&self, fault: Fault) {
        self.with(|s| s.faults.push_back(fault))
    }

    /// Requests served, as `METHOD path` (no query).
    pub fn log(&self) -> Vec<String> {
        self.with(|s| s.log.clone())
    }

    /// Requests served as (method, path, query parameters).
    pub fn log_with_queries(&self) -> Vec<(String, String, HashMap<String, String>)> {
        self.with(|s| s.queries.clone())
    }

    pub fn clear_log(&self) {
        self.with(|s| {
            s.log.clear();
            s.queries.clear();
        })
    }

    pub fn add_task_list(&self, id: &str, title: &str) {
        self.with(|s| {
            s.lists.push(json!({"kind": "tasks#taskList", "id": id, "title": title, "updated": updated(0)}));
            s.tasks.entry(id.into()).or_default();
        })
    }

    pub fn put_task(&self, list: &str, mut t: Value) {
        self.with(|s| {
            s.seq += 1;
            let id = t["id"].as_str().unwrap().to_string();
            t["kind"] = "tasks#task".into();
            t["etag"] = etag(s.seq).into();
            t["updated"] = updated(s.seq).into();
            let seq = s.seq;
            s.tasks.entry(list.into()).or_default().insert(id, Stored { value: t, seq, gone: false });
        })
    }

    pub fn task(&self, list: &str, id: &str) -> Option<Value> {
        self.with(|s| s.tasks.get(list)?.get(id).map(|e| e.value.clone()))
    }

    /// The tasks of `list` that are not deleted, in order of creation.
    pub fn tasks(&self, list: &str) -> Vec<Value> {
        self.with(|s| {
            let mut live: Vec<&Stored> = s.tasks.get(list).into_iter().flat_map(|m| m.values()).collect();
            live.retain(|t| t.value.get("deleted") != Some(&Value::Bool(true)));
            live.sort_by_key(|t| t.seq);
            live.iter().map(|t| t.value.clone()).collect()
        })
    }

    /// Another client changes fields of a task.
    pub fn patch_task(&self, list: &str, id: &str, fields: Value) {
        let mut t = self.task(list, id).unwrap();
        for (k, v) in fields.as_object().unwrap() {
            t[k] = v.clone();
        }
        self.put_task(list, t);
    }

    pub fn remove_task(&self, list: &str, id: &str) {
        self.with(|s| {
            s.seq += 1;
            let seq = s.seq;
            let t = s.tasks.get_mut(list).unwrap().get_mut(id).unwrap();
            t.value["deleted"] = true.into();
            t.value["updated"] = updated(seq).into();
            t.seq = seq;
        })
    }

    // ----- the server -----

    fn handle(&self, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
        let path = uri.path().to_string();
        let query: HashMap<String, String> =
            url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()).into_owned().collect();
        self.with(|s| {
            s.log.push(format!("{method} {path}"));
            s.queries.push((method.to_string(), path.clone(), query));
        });
        if !bearer(&headers).is_some_and(|t| self.auth.accepts(&t)) {
            let body = json!({"error": {"code": 401, "message": "Request had invalid authentication credentials.",
                "errors": [{"domain": "global", "reason": "authError", "location": "Authorization", "locationType": "header"}],
                "status": "UNAUTHENTICATED"}});
            return (StatusCode::UNAUTHORIZED, Json(body)).into_response();
        }
        let fault = self.with(|s| take_fault(&mut s.faults, &method));
        if let Some(Fault::LoseAnswer) = fault {
            return lost(self.serve(method, uri, headers, body));
        }
        if let Some(fault) = fault {
            return match fault {
                Fault::TooMany(after) => {
                    let mut r = google_error(429, "rateLimitExceeded", "Rate Limit Exceeded");
                    if let Some(a) = after {
                        r.headers_mut().insert("retry-after", a.to_string().parse().unwrap());
                    }
                    r
                }
                Fault::RateLimit403 => google_error(403, "rateLimitExceeded", "Rate Limit Exceeded"),
                Fault::LoseAnswer => unreachable!("answered above"),
                Fault::Status(code) => google_error(code, "backendError", "Backend Error"),
            };
        }
        self.serve(method, uri, headers, body)
    }

    /// Answers a request that passed the checks and faults.
    fn serve(&self, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
        let path = uri.path().to_string();
        let query: HashMap<String, String> =
            url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()).into_owned().collect();
        let if_match = headers.get("if-match").and_then(|v| v.to_str().ok()).map(str::to_string);
        let body: Value =
            if body.is_empty() { Value::Null } else { serde_json::from_slice(&body).unwrap_or(Value::Null) };
        let segs: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(decode).collect();
        let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
        // events.insert, patch, update and delete take sendUpdates: all, externalOnly or none.
        if let Some(v) = query.get("sendUpdates").filter(|v| !["all", "externalOnly", "none"].contains(&v.as_str())) {
            return google_error(400, "invalid", &format!("Invalid value for sendUpdates: {v}"));
        }
        let mut s = self.state.lock().unwrap();
        match (method.as_str(), segs.as_slice()) {
            ("GET", ["calendar", "v3", "users", "me", "calendarList"]) => {
                Json(json!({"kind": "calendar#calendarList", "etag": "\"p32g\"", "items": s.calendars})).into_response()
            }
            ("POST", ["calendar", "v3", "freeBusy"]) => free_busy(&s, &body),
            ("GET", ["calendar", "v3", "calendars", cal, "events"]) => list_events(&mut s, cal, &query),
            ("POST", ["calendar", "v3", "calendars", cal, "events"]) => insert_event(&mut s, cal, body),
            ("GET", ["calendar", "v3", "calendars", cal, "events", id]) => {
                match s.events.get(*cal).and_then(|m| m.get(*id)) {
                    Some(e) if !e.gone => Json(e.value.clone()).into_response(),
                    _ => google_error(404, "notFound", "Not Found"),
                }
            }
            ("PATCH" | "PUT", ["calendar", "v3", "calendars", cal, "events", id]) => {
                update_event(&mut s, cal, id, body, if_match.as_deref(), method == Method::PATCH)
            }
            ("DELETE", ["calendar", "v3", "calendars", cal, "events", id]) => {
                delete_event(&mut s, cal, id, if_match.as_deref())
            }
            ("GET", ["tasks", "v1", "users", "@me", "lists"]) => {
                Json(json!({"kind": "tasks#taskLists", "items": s.lists})).into_response()
            }
            ("GET", ["tasks", "v1", "lists", list, "tasks"]) => list_tasks(&s, list, &query),
            ("POST", ["tasks", "v1", "lists", list, "tasks"]) => {
                s.seq += 1;
                let seq = s.seq;
                let mut t = body;
                let id = format!("dGFzay{seq:06}");
                t["id"] = id.clone().into();
                t["kind"] = "tasks#task".into();
                t["etag"] = etag(seq).into();
                t["updated"] = updated(seq).into();
                if t.get("status").is_none() {
                    t["status"] = "needsAction".into();
                }
                s.tasks.entry(list.to_string()).or_default().insert(id, Stored { value: t.clone(), seq, gone: false });
                Json(t).into_response()
            }
            ("GET", ["tasks", "v1", "lists", list, "tasks", id]) => match s.tasks.get(*list).and_then(|m| m.get(*id)) {
                Some(t) if t.value.get("deleted") != Some(&Value::Bool(true)) => Json(t.value.clone()).into_response(),
                _ => google_error(404, "notFound", "Not Found"),
            },
            ("PATCH", ["tasks", "v1", "lists", list, "tasks", id]) => {
                s.seq += 1;
                let seq = s.seq;
                let Some(t) = s.tasks.get_mut(*list).and_then(|m| m.get_mut(*id)) else {
                    return google_error(404, "notFound", "Not Found");
                };
                if if_match.as_ref().is_some_and(|m| Some(m.as_str()) != t.value["etag"].as_str()) {
                    return google_error(412, "conditionNotMet", "Precondition Failed");
                }
                for (k, v) in body.as_object().into_iter().flatten() {
                    t.value[k] = v.clone();
                }
                if t.value["status"] == "needsAction" {
                    t.value.as_object_mut().unwrap().remove("completed");
                }
                t.value["etag"] = etag(seq).into();
                t.value["updated"] = updated(seq).into();
                t.seq = seq;
                Json(t.value.clone()).into_response()
            }
            ("DELETE", ["tasks", "v1", "lists", list, "tasks", id]) => {
                s.seq += 1;
                let seq = s.seq;
                match s.tasks.get_mut(*list).and_then(|m| m.get_mut(*id)) {
                    Some(t) => {
                        t.value["deleted"] = true.into();
                        t.value["updated"] = updated(seq).into();
                        t.seq = seq;
                        StatusCode::NO_CONTENT.into_response()
                    }
                    None => google_error(404, "notFound", "Not Found"),
                }
            }
            _ => google_error(404, "notFound", "Not Found"),
        }
    }
}

fn list_events(s: &mut State, cal: &str, q: &HashMap<String, String>) -> Response {
    if q.get("singleEvents").map(String::as_str) == Some("true") {
        return google_error(400, "invalid", "this fake serves masters and exceptions only");
    }
    let Some(events) = s.events.get(cal) else { return google_error(404, "notFound", "Not Found") };
    let max: usize = q.get("maxResults").and_then(|m| m.parse().ok()).unwrap_or(250).min(2500);
    // (since, upto, offset): since = None for a full listing.
    let (since, upto, offset) = if let Some(p) = q.get("pageToken") {
        let parts: Vec<&str> = p.split(':').collect();
        match parts.as_slice() {
            ["pt", since, upto, offset] => (since.parse::<u64>().ok(), upto.parse().unwrap(), offset.parse().unwrap()),
            _ => return google_error(400, "invalid", "Invalid page token"),
        }
    } else if let Some(t) = q.get("syncToken") {
        let parsed = t
            .strip_prefix("st:")
            .and_then(|n| n.split_once(':'))
            .and_then(|(e, n)| Some((e.parse::<u64>().ok()?, n.parse::<u64>().ok()?)));
        let Some((epoch, seq)) = parsed else {
            return google_error(400, "invalid", "Invalid sync token value.");
        };
        if epoch != s.epoch {
            return google_error(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
        }
        (Some(seq), s.seq, 0)
    } else {
        (None, s.seq, 0)
    };
    let uid_filter = q.get("iCalUID");
    let mut picked: Vec<&Stored> = events
        .values()
        .filter(|e| e.seq <= upto)
        .filter(|e| match since {
            None => !e.gone,
            Some(since) => e.seq > since,
        })
        .filter(|e| uid_filter.is_none_or(|u| e.value["iCalUID"].as_str() == Some(u) && !e.gone))
        .collect();
    picked.sort_by_key(|e| (e.seq, e.value["id"].as_str().unwrap_or_default().to_string()));
    let page: Vec<Value> = picked
        .iter()
        .skip(offset)
        .take(max)
        .map(|e| {
            if e.gone {
                // A deleted event, as incremental sync shows it: id and status only.
                let mut v = json!({"kind": "calendar#event", "etag": e.value["etag"], "id": e.value["id"], "status": "cancelled"});
                for k in ["recurringEventId", "originalStartTime"] {
                    if let Some(x) = e.value.get(k) {
                        v[k] = x.clone();
                    }
                }
                v
            } else {
                e.value.clone()
            }
        })
        .collect();
    let mut out = json!({"kind": "calendar#events", "etag": "\"p33c\"", "summary": cal, "updated": updated(s.seq),
        "timeZone": "Europe/Berlin", "accessRole": "owner", "items": page});
    if offset + max < picked.len() {
        let since = since.map_or("full".to_string(), |s| s.to_string());
        out["nextPageToken"] = format!("pt:{since}:{upto}:{}", offset + max).into();
    } else {
        out["nextSyncToken"] = format!("st:{}:{upto}", s.epoch).into();
    }
    Json(out).into_response()
}

fn valid_id(id: &str) -> bool {
    (5..=1024).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'v').contains(&b))
}

fn insert_event(s: &mut State, cal: &str, mut ev: Value) -> Response {
    s.seq += 1;
    let seq = s.seq;
    let id = match ev["id"].as_str() {
        Some(id) if !valid_id(id) => return google_error(400, "invalid", "Invalid resource id value."),
        Some(id) => id.to_string(),
        None => format!("gen{seq:08}"),
    };
    let Some(events) = s.events.get_mut(cal) else { return google_error(404, "notFound", "Not Found") };
    if events.contains_key(&id) {
        return google_error(409, "duplicate", "The requested identifier already exists.");
    }
    ev["id"] = id.clone().into();
    ev["kind"] = "calendar#event".into();
    ev["etag"] = etag(seq).into();
    ev["updated"] = updated(seq).into();
    if ev.get("iCalUID").is_none() {
        ev["iCalUID"] = format!("{id}@google.com").into();
    }
    if ev.get("status").is_none() {
        ev["status"] = "confirmed".into();
    }
    events.insert(id, Stored { value: ev.clone(), seq, gone: false });
    Json(ev).into_response()
}

/// An instance id `master_YYYYMMDDTHHMMSSZ` or `master_YYYYMMDD` of an existing series: the
/// exception Google would make for it.
/// `freeBusy`: the busy intervals of opaque, confirmed events, series expanded (RRULE with
/// EXDATEs; an instance with an exception is the exception's, a cancelled one is free),
/// clipped to the asked window; unknown calendars answer `notFound`; more than 50 calendars
/// in one call are refused (`calendarExpansionMax`).
fn free_busy(s: &State, body: &Value) -> Response {
    let time = |v: &Value| {
        v.as_str().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()).map(|t| t.with_timezone(&chrono::Utc))
    };
    let (Some(min), Some(max)) = (time(&body["timeMin"]), time(&body["timeMax"])) else {
        return google_error(400, "badRequest", "timeMin and timeMax are required");
    };
    let fmt = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    if body["items"].as_array().is_some_and(|a| a.len() > 50) {
        return google_error(400, "tooManyCalendarsRequested", "Too many calendars requested: at most 50.");
    }
    let mut calendars = serde_json::Map::new();
    for item in body["items"].as_array().into_iter().flatten() {
        let id = item["id"].as_str().unwrap_or_default();
        let Some(events) = s.events.get(id) else {
            calendars.insert(id.into(), json!({"errors": [{"domain": "global", "reason": "notFound"}], "busy": []}));
            continue;
        };
        let mut busy: Vec<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)> = events
            .values()
            .filter(|e| {
                !e.gone
                    && e.value["status"] != "cancelled"
                    && e.value["transparency"] != "transparent"
                    && e.value["recurrence"].is_null()
            })
            .filter_map(|e| Some((time(&e.value["start"]["dateTime"])?, time(&e.value["end"]["dateTime"])?)))
            .chain(
                events
                    .values()
                    .filter(|e| !e.gone && e.value["status"] != "cancelled")
                    .flat_map(|e| series_busy(events, &e.value, min, max)),
            )
            .filter(|(a, b)| *a < max && *b > min)
            .map(|(a, b)| (a.max(min), b.min(max)))
            .collect();
        busy.sort();
        let busy: Vec<Value> = busy.into_iter().map(|(a, b)| json!({"start": fmt(a), "end": fmt(b)})).collect();
        calendars.insert(id.into(), json!({"busy": busy}));
    }
    Json(json!({"kind": "calendar#freeBusy", "timeMin": fmt(min), "timeMax": fmt(max), "calendars": calendars}))
        .into_response()
}

/// The instances of an opaque series master `m` overlapping `[min, max)`, less its EXDATEs and
/// the instances an exception (moved or cancelled) stands for.
fn series_busy(
    events: &BTreeMap<String, Stored>,
    m: &Value,
    min: chrono::DateTime<chrono::Utc>,
    max: chrono::DateTime<chrono::Utc>,
) -> Vec<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)> {
    use miraage_domain::zone::resolve_zone;
    use miraage_domain::{EventTime, Recurrence, TimeRange};
    let Some(lines) = m["recurrence"].as_array() else { return Vec::new() };
    if m["transparency"] == "transparent" {
        return Vec::new();
    }
    let at = |v: &Value| chrono::DateTime::parse_from_rfc3339(v["dateTime"].as_str()?).ok().map(|t| t.to_utc());
    let (Some(start), Some(end)) = (at(&m["start"]), at(&m["end"])) else { return Vec::new() };
    let zone = resolve_zone(m["start"]["timeZone"].as_str().unwrap_or("UTC")).unwrap_or(chrono_tz::UTC);
    let rules = lines.iter().filter_map(|l| l.as_str()?.strip_prefix("RRULE:")).map(str::to_string).collect();
    let exdates: Vec<chrono::DateTime<chrono::Utc>> = lines
        .iter()
        .filter_map(|l| {
            let (head, value) = l.as_str()?.strip_prefix("EXDATE")?.split_once(':')?;
            let z = head.strip_prefix(";TZID=").and_then(|z| resolve_zone(z).ok()).unwrap_or(chrono_tz::UTC);
            let local = chrono::NaiveDateTime::parse_from_str(value.trim_end_matches('Z'), "%Y%m%dT%H%M%S").ok()?;
            Some(miraage_domain::time::local_to_utc(local, z))
        })
        .collect();
    let id = m["id"].as_str().unwrap_or_default();
    let excepted: Vec<chrono::DateTime<chrono::Utc>> = events
        .values()
        .filter(|e| !e.gone && e.value["recurringEventId"] == id)
        .filter_map(|e| at(&e.value["originalStartTime"]))
        .collect();
    let recurrence = Recurrence { rules, ..Recurrence::default() };
    let Ok(time) = EventTime::timed(start, end, zone) else { return Vec::new() };
    let Ok(range) = TimeRange::new(min, max) else { return Vec::new() };
    recurrence
        .expand(&time, &range, zone)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| match i.time {
            EventTime::Timed { start, end, .. } => Some((start, end)),
            EventTime::AllDay { .. } => None,
        })
        .filter(|(a, _)| !exdates.contains(a) && !excepted.contains(a))
        .collect()
}

fn virtual_instance(events: &BTreeMap<String, Stored>, id: &str) -> Option<Value> {
    let (master_id, suffix) = id.rsplit_once('_')?;
    let master = events.get(master_id).filter(|m| !m.gone && m.value.get("recurrence").is_some())?;
    let original = if suffix.len() == 8 {
        json!({"date": format!("{}-{}-{}", &suffix[..4], &suffix[4..6], &suffix[6..8])})
    } else {
        let t = chrono::NaiveDateTime::parse_from_str(suffix, "%Y%m%dT%H%M%SZ").ok()?;
        json!({"dateTime": t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true), "timeZone": master.value["start"]["timeZone"]})
    };
    let mut v = master.value.clone();
    let obj = v.as_object_mut()?;
    obj.remove("recurrence");
    obj.insert("id".into(), id.into());
    obj.insert("recurringEventId".into(), master_id.into());
    obj.insert("originalStartTime".into(), original);
    Some(v)
}

fn update_event(s: &mut State, cal: &str, id: &str, body: Value, if_match: Option<&str>, patch: bool) -> Response {
    s.seq += 1;
    let seq = s.seq;
    let Some(events) = s.events.get_mut(cal) else { return google_error(404, "notFound", "Not Found") };
    if events.get(id).is_none_or(|e| e.gone) {
        match virtual_instance(events, id) {
            Some(v) => {
                events.insert(id.to_string(), Stored { value: v, seq, gone: false });
            }
            None => return google_error(404, "notFound", "Not Found"),
        }
    }
    let e = events.get_mut(id).unwrap();
    if if_match.is_some_and(|m| Some(m) != e.value["etag"].as_str()) {
        return google_error(412, "conditionNotMet", "Precondition Failed");
    }
    // A guest who may not modify the event changes their own answer only.
    let guest = e.value["organizer"].is_object() && e.value["organizer"]["self"] != true;
    if guest && e.value["guestsCanModify"] != true {
        let only_attendees = body.as_object().is_some_and(|o| o.keys().all(|k| k == "attendees"));
        let others_kept = body["attendees"].as_array().into_iter().flatten().all(|a| {
            let stored = e.value["attendees"].as_array().into_iter().flatten().find(|s| s["email"] == a["email"]);
            stored.is_some_and(|s| s["self"] == true || s["responseStatus"] == a["responseStatus"])
        });
        if !only_attendees || !others_kept {
            return google_error(
                403,
                "forbiddenForNonOrganizer",
                "Shared properties can only be changed by the organizer of the event.",
            );
        }
    }
    // `self` is the server's to say, whatever the body claims.
    let own: Vec<Value> = e.value["attendees"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["self"] == true)
        .map(|a| a["email"].clone())
        .collect();
    let mut body = body;
    for a in body.get_mut("attendees").and_then(Value::as_array_mut).into_iter().flatten() {
        if own.contains(&a["email"]) {
            a["self"] = true.into();
        }
    }
    let keep: Vec<(String, Value)> = ["id", "iCalUID", "recurringEventId", "originalStartTime"]
        .iter()
        .filter_map(|k| e.value.get(*k).map(|v| (k.to_string(), v.clone())))
        .collect();
    if !patch {
        e.value = json!({});
    }
    for (k, v) in body.as_object().into_iter().flatten() {
        e.value[k] = v.clone();
    }
    for (k, v) in keep {
        e.value[k] = v;
    }
    e.value["kind"] = "calendar#event".into();
    e.value["etag"] = etag(seq).into();
    e.value["updated"] = updated(seq).into();
    e.seq = seq;
    Json(e.value.clone()).into_response()
}

fn delete_event(s: &mut State, cal: &str, id: &str, if_match: Option<&str>) -> Response {
    s.seq += 1;
    let seq = s.seq;
    let Some(events) = s.events.get_mut(cal) else { return google_error(404, "notFound", "Not Found") };
    if !events.contains_key(id) {
        // Deleting an instance of a series cancels it.
        return match virtual_instance(events, id) {
            Some(mut v) => {
                v["status"] = "cancelled".into();
                v["etag"] = etag(seq).into();
                events.insert(id.to_string(), Stored { value: v, seq, gone: false });
                StatusCode::NO_CONTENT.into_response()
            }
            None => google_error(404, "notFound", "Not Found"),
        };
    }
    let e = events.get_mut(id).unwrap();
    if e.gone {
        return google_error(410, "deleted", "Resource has been deleted");
    }
    if if_match.is_some_and(|m| Some(m) != e.value["etag"].as_str()) {
        return google_error(412, "conditionNotMet", "Precondition Failed");
    }
    if e.value.get("recurringEventId").is_some() {
        e.value["status"] = "cancelled".into();
        e.value["etag"] = etag(seq).into();
    } else {
        e.gone = true;
    }
    e.seq = seq;
    StatusCode::NO_CONTENT.into_response()
}

fn list_tasks(s: &State, list: &str, q: &HashMap<String, String>) -> Response {
    let Some(tasks) = s.tasks.get(list) else { return google_error(404, "notFound", "Not Found") };
    let flag = |k: &str, default: bool| q.get(k).map_or(default, |v| v == "true");
    let (deleted, hidden, completed) =
        (flag("showDeleted", false), flag("showHidden", false), flag("showCompleted", true));
    let max: usize = q.get("maxResults").and_then(|m| m.parse().ok()).unwrap_or(20).min(100);
    let offset: usize =
        q.get("pageToken").and_then(|p| p.strip_prefix("tp:")).and_then(|o| o.parse().ok()).unwrap_or(0);
    let mut picked: Vec<&Stored> = tasks
        .values()
        .filter(|t| deleted || t.value.get("deleted") != Some(&Value::Bool(true)))
        .filter(|t| hidden || t.value.get("hidden") != Some(&Value::Bool(true)))
        .filter(|t| completed || t.value["status"] != "completed")
        .filter(|t| {
            q.get("updatedMin").is_none_or(|min| t.value["updated"].as_str().unwrap_or_default() >= min.as_str())
        })
        .collect();
    picked.sort_by_key(|t| t.seq);
    let items: Vec<Value> = picked.iter().skip(offset).take(max).map(|t| t.value.clone()).collect();
    let mut out = json!({"kind": "tasks#tasks", "etag": "\"t1\"", "items": items});
    if offset + max < picked.len() {
        out["nextPageToken"] = format!("tp:{}", offset + max).into();
    }
    Json(out).into_response()
}
