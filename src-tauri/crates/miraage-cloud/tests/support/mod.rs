//! Shared test support: fake cloud APIs on 127.0.0.1 that follow the documented wire formats
//! (written for these tests, shaped after the official documentation's examples), and
//! sessions signed in against the fake authorization server with the real keyring.
#![allow(dead_code)]

pub mod google;
pub mod graph;

use miraage_oauth::fake::FakeAuth;
use miraage_oauth::{Keyring, ProviderKind, Secret, Session};
use miraage_secrets::SecretKind;
use std::sync::Arc;

/// A session for `kind` whose refresh token (issued by `auth`) is in the real keyring under
/// a service name of this test's own.
pub fn session(auth: &FakeAuth, kind: ProviderKind, test: &str) -> Arc<Session> {
    let ring = Keyring::with_service(format!("app.miraage.test.cloud.{test}.{}", std::process::id()));
    ring.set("acct", SecretKind::RefreshToken, &Secret::new(auth.issue_refresh_token()))
        .expect("keyring reachable (run under .ci/keyring-session.sh)");
    Arc::new(Session::resume(auth.config(kind), ring, "acct").unwrap())
}

/// A fake Google started against `auth`, and a provider signed in to it.
pub async fn google_provider(
    auth: &FakeAuth,
    test: &str,
) -> (google::FakeGoogle, miraage_cloud::google::GoogleProvider) {
    let fake = google::FakeGoogle::start(auth.clone()).await;
    let session = session(auth, ProviderKind::Google, test);
    let p =
        miraage_cloud::google::GoogleProvider::with_endpoints(session, &fake.calendar_api, &fake.tasks_api).unwrap();
    (fake, p)
}

/// A fake Graph started against `auth`, and a provider signed in to it.
pub async fn graph_provider(auth: &FakeAuth, test: &str) -> (graph::FakeGraph, miraage_cloud::graph::GraphProvider) {
    let fake = graph::FakeGraph::start(auth.clone()).await;
    let session = session(auth, ProviderKind::Microsoft, test);
    (fake.clone(), miraage_cloud::graph::GraphProvider::with_endpoint(session, &fake.api).unwrap())
}

/// A fault to answer the next API request with.
#[derive(Debug, Clone)]
pub enum Fault {
    /// 429 Too Many Requests, with `Retry-After` seconds if given.
    TooMany(Option<u64>),
    /// Google's 403 with reason `rateLimitExceeded`.
    RateLimit403,
    /// Any status with an error body.
    Status(u16),
    /// The next write (POST, PATCH, DELETE) is applied, then its answer is lost: the
    /// connection breaks after the status line, as when a network drops mid-answer. Reads
    /// before it pass.
    LoseAnswer,
}

/// The fault for a request of `method`, taken from the queue: a [`Fault::LoseAnswer`] waits
/// for a write.
pub fn take_fault(faults: &mut std::collections::VecDeque<Fault>, method: &axum::http::Method) -> Option<Fault> {
    let write = matches!(method.as_str(), "POST" | "PATCH" | "PUT" | "DELETE");
    match faults.front()? {
        Fault::LoseAnswer if !write => None,
        _ => faults.pop_front(),
    }
}

/// `answer` with its body cut off: the client gets the status, then a broken connection.
pub fn lost(answer: axum::response::Response) -> axum::response::Response {
    let (parts, _) = answer.into_parts();
    let broken = futures_util::stream::once(async {
        Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other("connection lost"))
    });
    axum::response::Response::from_parts(parts, axum::body::Body::from_stream(broken))
}

/// Decodes `%XX` escapes of a path segment.
pub fn decode(seg: &str) -> String {
    let bytes = seg.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&seg[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The bearer token of a request, if any.
pub fn bearer(headers: &axum::http::HeaderMap) -> Option<String> {
    headers.get("authorization")?.to_str().ok()?.strip_prefix("Bearer ").map(str::to_string)
}

/// Asserts that no token, code or secret of the fakes appears in `text`.
pub fn assert_no_secret(text: &str) {
    for needle in ["fake-access-", "fake-refresh-", "fake-code-", "Bearer"] {
        assert!(!text.contains(needle), "a secret leaked into {text:?}");
    }
}

/// Writes `event` as an update of the stored `item` with its title changed to `title` (a
/// PATCH), then a copy of it under the UID `copy_uid` (a create, as for a series split or a
/// move); answers the copy's remote id. The attendee tests check what each reached.
pub async fn rename_then_copy(
    p: &impl miraage_sync::Provider,
    c: &miraage_sync::RemoteCollection,
    item: &miraage_sync::IncomingItem,
    event: &miraage_domain::Event,
    title: &str,
    copy_uid: &str,
) -> String {
    use miraage_sync::{ItemBody, OutgoingItem};
    let mut renamed = event.clone();
    renamed.summary = title.into();
    let body = ItemBody::Events(vec![renamed]);
    let update =
        OutgoingItem { uid: &event.uid, body: &body, remote_id: Some(&item.remote_id), etag: item.etag.as_deref() };
    p.write(c, update).await.unwrap();
    let mut copy = event.clone();
    copy.uid = copy_uid.into();
    let body = ItemBody::Events(vec![copy]);
    p.write(c, OutgoingItem { uid: copy_uid, body: &body, remote_id: None, etag: None }).await.unwrap().remote_id
}
