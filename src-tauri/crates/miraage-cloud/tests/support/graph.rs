//! A fake Microsoft Graph v1.0 (calendars, events, To Do): `calendarView/delta` and
//! `tasks/delta` with `@odata.nextLink` / `@odata.deltaLink` (and 410 `SyncStateNotFound`
//! once tokens expire), `@removed` entries, series masters with occurrences and exceptions
//! (instances computed for daily and weekly patterns), `cancelledOccurrences`, times in UTC
//! with Windows `originalStartTimeZone`s, `transactionId` creates, If-Match (412), single-value
//! extended properties, and injected faults (429 with Retry-After, 503).

use super::{bearer, decode, lost, take_fault, Fault};
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Duration, NaiveDate, NaiveDateTime, Utc};
use miraage_domain::zone::resolve_zone;
use miraage_oauth::fake::FakeAuth;
use serde_json::{json, Value};
use std::borrow::Cow;
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
    epoch: u64,
    calendars: Vec<Value>,
    /// People whose schedule `getSchedule` answers: e-mail address → their calendar's id.
    people: BTreeMap<String, String>,
    /// calendar id → event id → event (masters, singles, exceptions, removed occurrences)
    events: BTreeMap<String, BTreeMap<String, Stored>>,
    transactions: HashMap<String, String>,
    lists: Vec<Value>,
    tasks: BTreeMap<String, BTreeMap<String, Stored>>,
    /// (list, task id) → the task's open extensions, served only under `$expand=extensions`.
    extensions: HashMap<(String, String), Vec<Value>>,
    faults: VecDeque<Fault>,
    log: Vec<String>,
    /// Answers to invitations: (event id, accept | tentativelyAccept | decline, sendResponse).
    responses: Vec<(String, String, bool)>,
}

#[derive(Clone)]
pub struct FakeGraph {
    pub root: String,
    pub api: String,
    auth: FakeAuth,
    state: Arc<Mutex<State>>,
}

fn graph_error(status: u16, code: &str, message: &str) -> Response {
    (StatusCode::from_u16(status).unwrap(), Json(json!({"error": {"code": code, "message": message}}))).into_response()
}

fn etag(seq: u64) -> String {
    format!("W/\"DwAAABYAAAAD{seq:08}\"")
}

const UTC_FMT: &str = "%Y-%m-%dT%H:%M:%S.0000000";

/// A `dateTimeTimeZone` in any zone (IANA or Windows) as UTC, the way Graph answers under
/// `Prefer: outlook.timezone="UTC"`.
fn to_utc(v: &Value) -> Value {
    let Some(text) = v["dateTime"].as_str() else { return v.clone() };
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").expect("dateTime");
    let zone = v["timeZone"].as_str().and_then(|z| resolve_zone(z).ok()).unwrap_or(chrono_tz::UTC);
    let utc = miraage_domain::time::local_to_utc(naive, zone);
    json!({"dateTime": utc.format(UTC_FMT).to_string(), "timeZone": "UTC"})
}

fn utc_of(v: &Value) -> chrono::DateTime<Utc> {
    NaiveDateTime::parse_from_str(v["dateTime"].as_str().unwrap(), "%Y-%m-%dT%H:%M:%S%.f").unwrap().and_utc()
}

impl FakeGraph {
    pub async fn start(auth: FakeAuth) -> FakeGraph {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let root = format!("http://{}", listener.local_addr().unwrap());
        let fake =
            FakeGraph { api: format!("{root}/v1.0/"), root, auth, state: Arc::new(Mutex::new(State::default())) };
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

    /// Makes `getSchedule` answer for `email` from the calendar `cal`.
    pub fn add_person(&self, email: &str, cal: &str) {
        self.state.lock().unwrap().people.insert(email.to_string(), cal.to_string());
    }

    pub fn add_calendar(&self, id: &str, name: &str, color: &str, hex: &str, can_edit: bool) {
        self.with(|s| {
            s.calendars.push(json!({"id": id, "name": name, "color": color, "hexColor": hex, "canEdit": can_edit,
                "isDefaultCalendar": false, "changeKey": "nfZyf7VcrEKLNoU37KWlkQAAA0x0+w=="}));
            s.events.entry(id.into()).or_default();
        })
    }

    /// Another client makes or changes an event; times are normalised to UTC as Graph
    /// answers them, `originalStartTimeZone` keeps the zone it was made in.
    pub fn put_event(&self, cal: &str, ev: Value) {
        self.with(|s| store_event(s, cal, ev));
    }

    /// Another client deletes an event or an occurrence.
    pub fn remove_event(&self, cal: &str, id: &str) {
        self.with(|s| {
            s.seq += 1;
            let seq = s.seq;
            let e = s.events.get_mut(cal).unwrap().entry(id.to_string()).or_insert(Stored {
                value: json!({"id": id}),
                seq,
                gone: true,
            });
            e.gone = true;
            e.seq = seq;
        })
    }

    pub fn event(&self, cal: &str, id: &str) -> Option<Value> {
        self.with(|s| s.events.get(cal)?.get(id).filter(|e| !e.gone).map(|e| e.value.clone()))
    }

    pub fn events_where(&self, cal: &str, pred: impl Fn(&Value) -> bool) -> Vec<Value> {
        self.with(|s| {
            s.events
                .get(cal)
                .into_iter()
                .flat_map(|m| m.values())
                .filter(|e| !e.gone && pred(&e.value))
                .map(|e| e.value.clone())
                .collect()
        })
    }

    pub fn expire_delta_tokens(&self) {
        self.with(|s| s.epoch += 1)
    }

    pub fn push_fault(&self, fault: Fault) {
        self.with(|s| s.faults.push_back(fault))
    }

    pub fn log(&self) -> Vec<String> {
        self.with(|s| s.log.clone())
    }

    pub fn clear_log(&self) {
        self.with(|s| s.log.clear())
    }

    /// The invitations answered, as (event id, action, sendResponse).
    pub fn responses(&self) -> Vec<(String, String, bool)> {
        self.with(|s| s.responses.clone())
    }

    pub fn add_list(&self, id: &str, name: &str) {
        self.with(|s| {
            s.lists.push(json!({"id": id, "displayName": name, "isOwner": true, "wellknownListName": "none"}));
            s.tasks.entry(id.into()).or_default();
        })
    }

    pub fn put_task(&self, list: &str, mut t: Value) {
        self.with(|s| {
            s.seq += 1;
            let id = t["id"].as_str().unwrap().to_string();
            t["@odata.etag"] = etag(s.seq).into();
            t["lastModifiedDateTime"] = "2026-11-21T10:00:00Z".into();
            let seq = s.seq;
            s.tasks.entry(list.into()).or_default().insert(id, Stored { value: t, seq, gone: false });
        })
    }

    /// The tasks of `list` that are not deleted, in order of creation.
    pub fn tasks(&self, list: &str) -> Vec<Value> {
        self.with(|s| {
            let mut live: Vec<&Stored> = s.tasks.get(list).into_iter().flat_map(|m| m.values()).collect();
            live.retain(|t| !t.gone);
            live.sort_by_key(|t| t.seq);
            live.iter().map(|t| t.value.clone()).collect()
        })
    }

    /// The open extensions of a task.
    pub fn extensions(&self, list: &str, id: &str) -> Vec<Value> {
        self.with(|s| s.extensions.get(&(list.to_string(), id.to_string())).cloned().unwrap_or_default())
    }

    /// Another client changes fields of a task.
    pub fn patch_task(&self, list: &str, id: &str, fields: Value) {
        let mut t = self.task(list, id).unwrap();
        for (k, v) in fields.as_object().unwrap() {
            t[k] = v.clone();
        }
        self.put_task(list, t);
    }

    pub fn task(&self, list: &str, id: &str) -> Option<Value> {
        self.with(|s| s.tasks.get(list)?.get(id).filter(|t| !t.gone).map(|t| t.value.clone()))
    }

    pub fn remove_task(&self, list: &str, id: &str) {
        self.with(|s| {
            s.seq += 1;
            let seq = s.seq;
            let t = s.tasks.get_mut(list).unwrap().get_mut(id).unwrap();
            t.gone = true;
            t.seq = seq;
        })
    }

    fn handle(&self, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
        let path = uri.path().to_string();
        self.with(|s| s.log.push(format!("{method} {path}")));
        if !bearer(&headers).is_some_and(|t| self.auth.accepts(&t)) {
            return graph_error(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
        }
        let fault = self.with(|s| take_fault(&mut s.faults, &method));
        if let Some(Fault::LoseAnswer) = fault {
            return lost(self.serve(method, uri, headers, body));
        }
        if let Some(fault) = fault {
            return match fault {
                Fault::TooMany(after) => {
                    let mut r = graph_error(429, "TooManyRequests", "Please retry again later.");
                    if let Some(a) = after {
                        r.headers_mut().insert("retry-after", a.to_string().parse().unwrap());
                    }
                    r
                }
                Fault::RateLimit403 => graph_error(403, "ErrorAccessDenied", "Access is denied."),
                Fault::LoseAnswer => unreachable!("answered above"),
                Fault::Status(code) => graph_error(code, "ServiceUnavailable", "Service unavailable"),
            };
        }
        self.serve(method, uri, headers, body)
    }

    /// Answers a request that passed the checks and faults.
    fn serve(&self, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
        let path = uri.path().to_string();
        let prefer = headers.get_all("prefer").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",");
        let page_size: usize = prefer
            .split(',')
            .find_map(|p| p.trim().strip_prefix("odata.maxpagesize="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(50);
        let query: HashMap<String, String> =
            url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()).into_owned().collect();
        let if_match = headers.get("if-match").and_then(|v| v.to_str().ok()).map(str::to_string);
        let body: Value =
            if body.is_empty() { Value::Null } else { serde_json::from_slice(&body).unwrap_or(Value::Null) };
        let segs: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(decode).collect();
        let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
        let mut s = self.state.lock().unwrap();
        match (method.as_str(), segs.as_slice()) {
            ("GET", ["v1.0", "me", "calendars"]) => Json(json!({"value": s.calendars})).into_response(),
            ("POST", ["v1.0", "me", "calendar", "getSchedule"]) => get_schedule(&s, &body),
            ("GET", ["v1.0", "me", "todo", "lists"]) => Json(json!({"value": s.lists})).into_response(),
            ("GET", ["v1.0", "me", "calendars", cal, "calendarView", "delta"]) => {
                if !prefer.contains("outlook.timezone=\"UTC\"") {
                    return graph_error(400, "BadRequest", "this fake answers in UTC only");
                }
                let base = format!("{}{}", self.root, path);
                delta(&s, Source::Events(cal.to_string()), &query, page_size, &base)
            }
            ("GET", ["v1.0", "me", "todo", "lists", list, "tasks", "delta"]) => {
                let base = format!("{}{}", self.root, path);
                delta(&s, Source::Tasks(list.to_string()), &query, page_size, &base)
            }
            ("GET", ["v1.0", "me", "calendars", cal, "events"]) => {
                let filter = query.get("$filter").cloned().unwrap_or_default();
                let picked: Vec<Value> = s
                    .events
                    .get(*cal)
                    .into_iter()
                    .flat_map(|m| m.values())
                    .filter(|e| !e.gone)
                    .map(|e| &e.value)
                    .filter(|e| matches!(e["type"].as_str(), Some("singleInstance" | "seriesMaster")))
                    .filter(|e| {
                        if filter == "type eq 'seriesMaster'" {
                            e["type"] == "seriesMaster"
                        } else if let Some(rest) =
                            filter.strip_prefix("singleValueExtendedProperties/Any(ep: ep/id eq '")
                        {
                            // `… and ep/value ne null)` or `… and ep/value eq 'V')`
                            let (prop, cond) = rest.split_once("' and ep/value ").unwrap();
                            let value = e["singleValueExtendedProperties"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .find(|p| p["id"] == prop)
                                .map(|p| &p["value"]);
                            match cond.strip_prefix("eq '") {
                                Some(v) => value.and_then(Value::as_str) == Some(&v[..v.len() - 2].replace("''", "'")),
                                None => value.is_some(),
                            }
                        } else if let Some(rest) = filter.strip_prefix("iCalUId eq '") {
                            e["iCalUId"] == rest.trim_end_matches('\'').replace("''", "'")
                        } else {
                            true
                        }
                    })
                    .cloned()
                    .collect();
                Json(json!({"value": picked})).into_response()
            }
            ("POST", ["v1.0", "me", "calendars", cal, "events"]) => {
                if let Some(id) = body["transactionId"].as_str().and_then(|t| s.transactions.get(t)).cloned() {
                    // A retried create: the event the first try made.
                    let existing = s.events.get(*cal).and_then(|m| m.get(&id)).map(|e| e.value.clone()).unwrap();
                    return (StatusCode::CREATED, Json(existing)).into_response();
                }
                let mut ev = body;
                let id = format!("AAMkAGI2TG93AAA{:06}=", s.seq + 1);
                ev["id"] = id.clone().into();
                ev["type"] = if ev.get("recurrence").is_some() { "seriesMaster" } else { "singleInstance" }.into();
                if let Some(t) = ev["transactionId"].as_str() {
                    s.transactions.insert(t.to_string(), id.clone());
                }
                store_event(&mut s, cal, ev);
                let stored = s.events[*cal][&id].value.clone();
                (StatusCode::CREATED, Json(stored)).into_response()
            }
            ("GET", ["v1.0", "me", "events", id, "instances"]) => {
                let Some((cal, master)) = find(&s, id) else {
                    return graph_error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
                };
                Json(json!({"value": instances(&s, &cal, &master)})).into_response()
            }
            ("GET", ["v1.0", "me", "events", id]) => match find(&s, id) {
                Some((_, e)) => Json(e).into_response(),
                None => graph_error(404, "ErrorItemNotFound", "The specified object was not found in the store."),
            },
            ("PATCH", ["v1.0", "me", "events", id]) => patch_event(&mut s, id, body, if_match.as_deref()),
            ("POST", ["v1.0", "me", "events", id, action @ ("accept" | "tentativelyAccept" | "decline")]) => {
                respond(&mut s, id, action, &body)
            }
            ("DELETE", ["v1.0", "me", "events", id]) => delete_event(&mut s, id, if_match.as_deref()),
            ("POST", ["v1.0", "me", "todo", "lists", list, "tasks"]) => {
                s.seq += 1;
                let seq = s.seq;
                let mut t = body;
                let id = format!("AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A{seq:06}");
                t["id"] = id.clone().into();
                t["@odata.etag"] = etag(seq).into();
                // Open extensions made with the task are kept beside it (`id` is the name).
                if let Some(Value::Array(mut exts)) = t.as_object_mut().unwrap().remove("extensions") {
                    for e in &mut exts {
                        e["id"] = e["extensionName"].clone();
                    }
                    s.extensions.insert((list.to_string(), id.clone()), exts);
                }
                s.tasks.entry(list.to_string()).or_default().insert(id, Stored { value: t.clone(), seq, gone: false });
                (StatusCode::CREATED, Json(t)).into_response()
            }
            ("GET", ["v1.0", "me", "todo", "lists", list, "tasks"]) => {
                // Paged by `$skip`; open extensions under `$expand=extensions`.
                let expand = query.get("$expand").is_some_and(|e| e.starts_with("extensions"));
                let skip: usize = query.get("$skip").and_then(|n| n.parse().ok()).unwrap_or(0);
                let mut live: Vec<(&String, &Stored)> =
                    s.tasks.get(*list).into_iter().flat_map(|m| m.iter()).filter(|(_, t)| !t.gone).collect();
                live.sort_by_key(|(_, t)| t.seq);
                let page: Vec<Value> = live
                    .iter()
                    .skip(skip)
                    .take(page_size)
                    .map(|(id, t)| {
                        let mut v = t.value.clone();
                        if expand {
                            let key = (list.to_string(), id.to_string());
                            v["extensions"] = s.extensions.get(&key).cloned().unwrap_or_default().into();
                        }
                        v
                    })
                    .collect();
                let mut out = json!({"value": page});
                if skip + page_size < live.len() {
                    let mut next = url::Url::parse(&format!("{}{}", self.root, path)).unwrap();
                    next.query_pairs_mut().extend_pairs(query.iter().filter(|(k, _)| *k != "$skip"));
                    next.query_pairs_mut().append_pair("$skip", &(skip + page_size).to_string());
                    out["@odata.nextLink"] = next.to_string().into();
                }
                Json(out).into_response()
            }
            ("GET", ["v1.0", "me", "todo", "lists", list, "tasks", id]) => {
                match s.tasks.get(*list).and_then(|m| m.get(*id)).filter(|t| !t.gone) {
                    Some(t) => Json(t.value.clone()).into_response(),
                    None => graph_error(404, "ErrorItemNotFound", "The specified object was not found in the store."),
                }
            }
            ("PATCH", ["v1.0", "me", "todo", "lists", list, "tasks", id]) => {
                s.seq += 1;
                let seq = s.seq;
                let Some(t) = s.tasks.get_mut(*list).and_then(|m| m.get_mut(*id)).filter(|t| !t.gone) else {
                    return graph_error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
                };
                if if_match.as_ref().is_some_and(|m| Some(m.as_str()) != t.value["@odata.etag"].as_str()) {
                    return graph_error(412, "PreconditionFailed", "The etag does not match the current version.");
                }
                for (k, v) in body.as_object().into_iter().flatten() {
                    t.value[k] = v.clone();
                }
                t.value["@odata.etag"] = etag(seq).into();
                t.seq = seq;
                Json(t.value.clone()).into_response()
            }
            ("DELETE", ["v1.0", "me", "todo", "lists", list, "tasks", id]) => {
                s.seq += 1;
                let seq = s.seq;
                match s.tasks.get_mut(*list).and_then(|m| m.get_mut(*id)).filter(|t| !t.gone) {
                    Some(t) => {
                        t.gone = true;
                        t.seq = seq;
                        StatusCode::NO_CONTENT.into_response()
                    }
                    None => graph_error(404, "ErrorItemNotFound", "The specified object was not found in the store."),
                }
            }
            _ => graph_error(404, "ResourceNotFound", "Resource not found for the segment."),
        }
    }
}

fn store_event(s: &mut State, cal: &str, mut ev: Value) {
    s.seq += 1;
    let seq = s.seq;
    let id = ev["id"].as_str().unwrap().to_string();
    if ev.get("originalStartTimeZone").is_none() {
        ev["originalStartTimeZone"] = ev["start"]["timeZone"].clone();
        ev["originalEndTimeZone"] = ev["end"]["timeZone"].clone();
    }
    if ev["isAllDay"].as_bool() != Some(true) {
        ev["start"] = to_utc(&ev["start"]);
        ev["end"] = to_utc(&ev["end"]);
    } else {
        for k in ["start", "end"] {
            let d = ev[k]["dateTime"].as_str().unwrap()[..10].to_string();
            ev[k] = json!({"dateTime": format!("{d}T00:00:00.0000000"), "timeZone": "UTC"});
        }
    }
    if ev.get("type").is_none() {
        ev["type"] = if ev.get("recurrence").is_some() { "seriesMaster" } else { "singleInstance" }.into();
    }
    if ev.get("iCalUId").is_none() {
        ev["iCalUId"] = format!("040000008200E00074C5B7101A82E0080000000{seq:08}").into();
    }
    ev["@odata.etag"] = etag(seq).into();
    ev["changeKey"] = format!("DwAAABYAAAAD{seq:08}").into();
    if ev.get("isCancelled").is_none() {
        ev["isCancelled"] = false.into();
    }
    s.events.entry(cal.into()).or_default().insert(id, Stored { value: ev, seq, gone: false });
}

fn find(s: &State, id: &str) -> Option<(String, Value)> {
    s.events.iter().find_map(|(cal, m)| m.get(id).filter(|e| !e.gone).map(|e| (cal.clone(), e.value.clone())))
}

/// The instances of a daily or weekly series: computed occurrences (`<master>_occ_<date>`),
/// replaced by stored exceptions and left out when cancelled.
fn instances(s: &State, cal: &str, master: &Value) -> Vec<Value> {
    let id = master["id"].as_str().unwrap();
    let start = utc_of(&master["start"]);
    let length = utc_of(&master["end"]) - start;
    let p = &master["recurrence"]["pattern"];
    let interval = p["interval"].as_i64().unwrap_or(1);
    let step = match p["type"].as_str() {
        Some("weekly") => Duration::weeks(interval),
        _ => Duration::days(interval),
    };
    let count = master["recurrence"]["range"]["numberOfOccurrences"].as_i64().unwrap_or(30);
    let cancelled: Vec<String> = master["cancelledOccurrences"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let events = &s.events[cal];
    (0..count)
        .filter_map(|i| {
            let at = start + step * i as i32;
            let date = at.date_naive();
            if cancelled.contains(&format!("OID.{id}.{date}")) {
                return None;
            }
            let occ_id = format!("{id}_occ_{}", date.format("%Y%m%d"));
            if let Some(e) = events.get(&occ_id) {
                return (!e.gone).then(|| e.value.clone());
            }
            Some(json!({"id": occ_id, "type": "occurrence", "seriesMasterId": id, "subject": master["subject"],
                "originalStart": at.format("%Y-%m-%dT%H:%M:%SZ").to_string(), "isAllDay": master["isAllDay"],
                "start": {"dateTime": at.format(UTC_FMT).to_string(), "timeZone": "UTC"},
                "end": {"dateTime": (at + length).format(UTC_FMT).to_string(), "timeZone": "UTC"},
                "originalStartTimeZone": master["originalStartTimeZone"], "iCalUId": format!("{}-{}", master["iCalUId"].as_str().unwrap_or_default(), date)}))
        })
        .collect()
}

/// An attendee's answer (event: accept, tentativelyAccept, decline): `comment` a string and
/// `sendResponse` a boolean if given; the organiser cannot answer their own meeting. A declined
/// meeting leaves the attendee's calendar, as Outlook does.
fn respond(s: &mut State, id: &str, action: &str, body: &Value) -> Response {
    let bad = |m: &str| graph_error(400, "ErrorInvalidRequest", m);
    if !body["comment"].is_null() && !body["comment"].is_string() {
        return bad("comment must be a string");
    }
    if !body["sendResponse"].is_null() && !body["sendResponse"].is_boolean() {
        return bad("sendResponse must be a boolean");
    }
    let Some((cal, mut ev)) = find(s, id) else {
        return graph_error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    };
    if ev["isOrganizer"] != false {
        return bad("Your request can't be completed. You can't respond to a meeting you organized.");
    }
    s.responses.push((id.to_string(), action.to_string(), body["sendResponse"].as_bool().unwrap_or(true)));
    if action == "decline" {
        s.seq += 1;
        let seq = s.seq;
        let e = s.events.get_mut(&cal).unwrap().get_mut(id).unwrap();
        e.gone = true;
        e.seq = seq;
    } else {
        ev["responseStatus"] = json!({"response": if action == "accept" { "accepted" } else { "tentativelyAccepted" }});
        store_event(s, &cal, ev);
    }
    StatusCode::ACCEPTED.into_response()
}

fn patch_event(s: &mut State, id: &str, body: Value, if_match: Option<&str>) -> Response {
    let found = find(s, id).or_else(|| {
        // An occurrence not yet changed: it becomes an exception.
        let (master_id, _) = id.split_once("_occ_")?;
        let (cal, master) = find(s, master_id)?;
        instances(s, &cal, &master).into_iter().find(|i| i["id"] == id).map(|i| (cal, i))
    });
    let Some((cal, mut ev)) = found else {
        return graph_error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    };
    // Only the organiser changes a meeting; an attendee answers (accept, decline).
    if ev["isOrganizer"] == false {
        return graph_error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    }
    if if_match.is_some_and(|m| Some(m) != ev["@odata.etag"].as_str()) {
        return graph_error(
            412,
            "ErrorIrresolvableConflict",
            "The change key passed in the request does not match the current change key for the item.",
        );
    }
    let new_zone = body["start"]["timeZone"].clone();
    for (k, v) in body.as_object().into_iter().flatten() {
        ev[k] = v.clone();
    }
    if ev["type"] == "occurrence" {
        ev["type"] = "exception".into();
    }
    if !new_zone.is_null() {
        ev["originalStartTimeZone"] = new_zone;
    }
    store_event(s, &cal, ev);
    Json(s.events[&cal][id].value.clone()).into_response()
}

fn delete_event(s: &mut State, id: &str, if_match: Option<&str>) -> Response {
    if let Some((cal, ev)) = find(s, id) {
        if if_match.is_some_and(|m| Some(m) != ev["@odata.etag"].as_str()) {
            return graph_error(
                412,
                "ErrorIrresolvableConflict",
                "The change key passed in the request does not match the current change key for the item.",
            );
        }
        s.seq += 1;
        let seq = s.seq;
        let e = s.events.get_mut(&cal).unwrap().get_mut(id).unwrap();
        e.gone = true;
        e.seq = seq;
        return StatusCode::NO_CONTENT.into_response();
    }
    // Deleting an occurrence cancels it on the master.
    let Some((master_id, date)) = id.split_once("_occ_") else {
        return graph_error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    };
    let Some((cal, mut master)) = find(s, master_id) else {
        return graph_error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    };
    let date = NaiveDate::parse_from_str(date, "%Y%m%d").unwrap();
    let mut cancelled = master["cancelledOccurrences"].as_array().cloned().unwrap_or_default();
    cancelled.push(format!("OID.{master_id}.{date}").into());
    master["cancelledOccurrences"] = cancelled.into();
    for k in ["start", "end"] {
        master[k]["timeZone"] = "UTC".into();
    }
    store_event(s, &cal, master);
    s.seq += 1;
    let seq = s.seq;
    s.events.get_mut(&cal).unwrap().insert(id.to_string(), Stored { value: json!({"id": id}), seq, gone: true });
    StatusCode::NO_CONTENT.into_response()
}

enum Source {
    Events(String),
    Tasks(String),
}

/// One page of a delta listing. Links: `$skiptoken=s.<since|full>.<upto>.<offset>.<epoch>`,
/// `$deltatoken=d.<epoch>.<seq>`.
fn delta(s: &State, source: Source, q: &HashMap<String, String>, page_size: usize, base: &str) -> Response {
    let (since, upto, offset, epoch) = if let Some(t) = q.get("$skiptoken") {
        let p: Vec<&str> = t.split('.').collect();
        (
            p[1].parse::<u64>().ok(),
            p[2].parse::<u64>().unwrap(),
            p[3].parse::<usize>().unwrap(),
            p[4].parse::<u64>().unwrap(),
        )
    } else if let Some(t) = q.get("$deltatoken") {
        let p: Vec<&str> = t.split('.').collect();
        (p[2].parse::<u64>().ok(), s.seq, 0, p[1].parse::<u64>().unwrap())
    } else {
        if matches!(source, Source::Events(_)) && !(q.contains_key("startDateTime") && q.contains_key("endDateTime")) {
            return graph_error(400, "ErrorInvalidParameter", "startDateTime and endDateTime are required");
        }
        (None, s.seq, 0, s.epoch)
    };
    if epoch != s.epoch {
        return graph_error(
            410,
            "SyncStateNotFound",
            "The sync state generation is not found. Please restart the sync.",
        );
    }
    // Borrowed where stored, so that a page costs one pass over the calendar, not a copy of it.
    let mut entries: Vec<(u64, Cow<Value>)> = match &source {
        Source::Events(cal) => {
            let Some(events) = s.events.get(cal) else { return graph_error(404, "ErrorItemNotFound", "not found") };
            let mut out = Vec::new();
            for e in events.values().filter(|e| e.seq <= upto) {
                let changed = since.is_none_or(|since| e.seq > since);
                if e.gone {
                    if since.is_some() && changed {
                        let removed = |id: &Value| {
                            Cow::Owned(
                                json!({"@odata.type": "#microsoft.graph.event", "id": id, "@removed": {"reason": "deleted"}}),
                            )
                        };
                        if e.value["type"] == "seriesMaster" {
                            // The view never listed the master: its instances go.
                            for i in instances(s, cal, &e.value) {
                                out.push((e.seq, removed(&i["id"])));
                            }
                        } else {
                            out.push((e.seq, removed(&e.value["id"])));
                        }
                    }
                    continue;
                }
                match e.value["type"].as_str() {
                    // The view lists instances: a master shows as its occurrences.
                    Some("seriesMaster") if changed => {
                        for i in instances(s, cal, &e.value) {
                            if i["type"] == "occurrence" {
                                out.push((e.seq, Cow::Owned(i)));
                            }
                        }
                    }
                    Some("seriesMaster") => {}
                    _ if changed => out.push((e.seq, Cow::Borrowed(&e.value))),
                    _ => {}
                }
            }
            out
        }
        Source::Tasks(list) => {
            let Some(tasks) = s.tasks.get(list) else { return graph_error(404, "ErrorItemNotFound", "not found") };
            tasks
                .values()
                .filter(|t| t.seq <= upto && since.is_none_or(|since| t.seq > since))
                .filter(|t| !(t.gone && since.is_none()))
                .map(|t| {
                    if t.gone {
                        (t.seq, Cow::Owned(json!({"id": t.value["id"], "@removed": {"reason": "deleted"}})))
                    } else {
                        (t.seq, Cow::Borrowed(&t.value))
                    }
                })
                .collect()
        }
    };
    entries.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1["id"].as_str().cmp(&b.1["id"].as_str())));
    let total = entries.len();
    let page: Vec<Value> = entries.into_iter().skip(offset).take(page_size).map(|(_, v)| v.into_owned()).collect();
    let mut out =
        json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(event)", "value": page});
    if offset + page_size < total {
        let since = since.map_or("full".to_string(), |s| s.to_string());
        out["@odata.nextLink"] =
            format!("{base}?$skiptoken=s.{since}.{upto}.{}.{}", offset + page_size, s.epoch).into();
    } else {
        out["@odata.deltaLink"] = format!("{base}?$deltatoken=d.{}.{upto}", s.epoch).into();
    }
    Json(out).into_response()
}

/// `getSchedule` (times asked and answered in UTC) as Graph documents it; unknown people get
/// an error entry: at most 20 schedules and 62 days per call (else 400),
/// busy items from singles and from series expanded (exceptions and cancellations applied),
/// and the same working hours for everyone: Monday to Friday 08:00-17:00 W. Europe time.
fn get_schedule(s: &State, body: &Value) -> Response {
    let utc = |v: &Value| -> Option<NaiveDateTime> {
        let text = v["dateTime"].as_str()?;
        let local = NaiveDateTime::parse_from_str(text.split('.').next()?, "%Y-%m-%dT%H:%M:%S").ok()?;
        let zone = resolve_zone(v["timeZone"].as_str().unwrap_or("UTC")).ok()?;
        use chrono::TimeZone;
        Some(zone.from_local_datetime(&local).earliest()?.naive_utc())
    };
    let (Some(start), Some(end)) = (utc(&body["startTime"]), utc(&body["endTime"])) else {
        return graph_error(400, "ErrorInvalidRequest", "startTime and endTime are required");
    };
    let schedules = body["schedules"].as_array().cloned().unwrap_or_default();
    if schedules.len() > 20 {
        return graph_error(400, "ErrorInvalidRequest", "Too many schedules: at most 20 per request.");
    }
    if end - start > Duration::days(62) {
        return graph_error(400, "ErrorInvalidRequest", "The time span is longer than 62 days.");
    }
    let fmt = |t: NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S.0000000").to_string();
    let mut value = Vec::new();
    for who in schedules.iter().filter_map(Value::as_str) {
        let Some((cal, events)) = s.people.get(who).and_then(|cal| Some((cal, s.events.get(cal)?))) else {
            value.push(json!({"scheduleId": who, "error": {"message": "The specified object was not found in the store.", "responseCode": "ErrorItemNotFound"}}));
            continue;
        };
        let live =
            events.values().filter(|e| !e.gone && e.value["type"] != "exception" && e.value["type"] != "occurrence");
        let expanded: Vec<Value> = live
            .flat_map(
                |e| if e.value["recurrence"].is_null() { vec![e.value.clone()] } else { instances(s, cal, &e.value) },
            )
            .filter(|e| e["isCancelled"] != true)
            .collect();
        let mut items: Vec<(NaiveDateTime, NaiveDateTime, String)> = expanded
            .iter()
            .filter_map(|e| {
                Some((utc(&e["start"])?, utc(&e["end"])?, e["showAs"].as_str().unwrap_or("busy").to_string()))
            })
            .filter(|(a, b, _)| *a < end && *b > start)
            .collect();
        items.sort();
        let items: Vec<Value> = items
            .into_iter()
            .map(|(a, b, status)| json!({"status": status, "start": {"dateTime": fmt(a), "timeZone": "UTC"}, "end": {"dateTime": fmt(b), "timeZone": "UTC"}}))
            .collect();
        let working = json!({"daysOfWeek": ["monday", "tuesday", "wednesday", "thursday", "friday"],
            "startTime": "08:00:00.0000000", "endTime": "17:00:00.0000000",
            "timeZone": {"name": "W. Europe Standard Time"}});
        value.push(json!({"scheduleId": who, "availabilityView": "", "scheduleItems": items, "workingHours": working}));
    }
    Json(json!({"value": value})).into_response()
}
