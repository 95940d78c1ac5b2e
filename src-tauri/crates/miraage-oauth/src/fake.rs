//! An in-process fake authorization server for tests (feature `fake-server`): the
//! authorization endpoint (answers consent at once with a 302 to the redirect URI), the token
//! endpoint (authorization code with PKCE S256 checked, refresh token grant) and RFC 7009
//! revocation, with switches for the failures tests need. The fake cloud APIs ask it whether
//! a bearer token is valid.

use crate::config::{ProviderConfig, ProviderKind};
use axum::extract::{Form, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use url::Url;

pub const CLIENT_ID: &str = "miraage-test-client";

#[derive(Default)]
struct Inner {
    seq: u64,
    /// code → (S256 challenge, redirect URI)
    codes: HashMap<String, (String, String)>,
    access: HashSet<String>,
    refresh: HashSet<String>,
    access_lifetime: u64,
    rotate_refresh: bool,
    deny: bool,
    tamper_state: bool,
    code_exchanges: usize,
    refreshes: usize,
    revoked: Vec<String>,
}

#[derive(Clone)]
pub struct FakeAuth {
    base: Url,
    inner: Arc<Mutex<Inner>>,
}

impl FakeAuth {
    /// Starts the server on 127.0.0.1 (a free port) in the current tokio runtime.
    pub async fn start() -> FakeAuth {
        let inner = Arc::new(Mutex::new(Inner { access_lifetime: 3600, ..Inner::default() }));
        let app = Router::new()
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .route("/revoke", post(revoke))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.expect("bind fake auth server");
        let base = Url::parse(&format!("http://{}/", listener.local_addr().unwrap())).unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.expect("fake auth server") });
        FakeAuth { base, inner }
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// A configuration of `kind` whose endpoints are this server's.
    pub fn config(&self, kind: ProviderKind) -> ProviderConfig {
        let mut c = match kind {
            ProviderKind::Google => ProviderConfig::google(CLIENT_ID, None),
            ProviderKind::Microsoft => ProviderConfig::microsoft(CLIENT_ID, "common").unwrap(),
        };
        c.auth_url = self.base.join("authorize").unwrap();
        c.token_url = self.base.join("token").unwrap();
        c.revoke_url = (kind == ProviderKind::Google).then(|| self.base.join("revoke").unwrap());
        c
    }

    fn with<T>(&self, f: impl FnOnce(&mut Inner) -> T) -> T {
        f(&mut self.inner.lock().unwrap())
    }

    /// Whether `bearer` is a valid access token (what a resource server checks).
    pub fn accepts(&self, bearer: &str) -> bool {
        self.with(|i| i.access.contains(bearer))
    }
    /// Every access token issued so far stops working (as if they expired early).
    pub fn expire_access_tokens(&self) {
        self.with(|i| i.access.clear())
    }
    /// A refresh token as if the user had signed in (to seed a keyring in tests).
    pub fn issue_refresh_token(&self) -> String {
        self.with(|i| {
            i.seq += 1;
            let t = format!("fake-refresh-{}", i.seq);
            i.refresh.insert(t.clone());
            t
        })
    }
    /// `expires_in` of access tokens issued from now on.
    pub fn set_access_lifetime(&self, seconds: u64) {
        self.with(|i| i.access_lifetime = seconds)
    }
    /// Issue a new refresh token on every refresh and invalidate the old (as Microsoft does).
    pub fn set_rotate_refresh(&self, on: bool) {
        self.with(|i| i.rotate_refresh = on)
    }
    /// The consent page answers `error=access_denied`.
    pub fn set_deny(&self, on: bool) {
        self.with(|i| i.deny = on)
    }
    /// The consent page redirects with another `state` (a forged or stale answer).
    pub fn set_tamper_state(&self, on: bool) {
        self.with(|i| i.tamper_state = on)
    }
    pub fn code_exchanges(&self) -> usize {
        self.with(|i| i.code_exchanges)
    }
    pub fn refreshes(&self) -> usize {
        self.with(|i| i.refreshes)
    }
    pub fn revoked(&self) -> Vec<String> {
        self.with(|i| i.revoked.clone())
    }
    /// The user removed the app's access: every refresh token stops working.
    pub fn revoke_all_refresh_tokens(&self) {
        self.with(|i| i.refresh.clear())
    }
    pub fn refresh_token_valid(&self, token: &str) -> bool {
        self.with(|i| i.refresh.contains(token))
    }
}

type Shared = State<Arc<Mutex<Inner>>>;

async fn authorize(State(inner): Shared, Query(q): Query<HashMap<String, String>>) -> Response {
    let need = |k: &str| q.get(k).cloned().unwrap_or_default();
    if need("client_id") != CLIENT_ID || need("response_type") != "code" {
        return (StatusCode::BAD_REQUEST, "unknown client or response type").into_response();
    }
    // Public clients must use PKCE with S256.
    if need("code_challenge_method") != "S256" || need("code_challenge").len() != 43 {
        return (StatusCode::BAD_REQUEST, "PKCE S256 required").into_response();
    }
    let Ok(mut redirect) = Url::parse(&need("redirect_uri")) else {
        return (StatusCode::BAD_REQUEST, "bad redirect_uri").into_response();
    };
    let mut i = inner.lock().unwrap();
    let state = if i.tamper_state { "not-the-state-you-sent".to_string() } else { need("state") };
    if i.deny {
        redirect.query_pairs_mut().append_pair("error", "access_denied").append_pair("state", &state);
    } else {
        i.seq += 1;
        let code = format!("fake-code-{}", i.seq);
        i.codes.insert(code.clone(), (need("code_challenge"), need("redirect_uri")));
        redirect.query_pairs_mut().append_pair("code", &code).append_pair("state", &state);
    }
    (StatusCode::FOUND, [(header::LOCATION, redirect.to_string())]).into_response()
}

fn oauth_error(error: &str, description: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(serde_json::json!({ "error": error, "error_description": description })))
        .into_response()
}

fn issue(i: &mut Inner, refresh: Option<String>) -> Response {
    i.seq += 1;
    let access = format!("fake-access-{}", i.seq);
    i.access.insert(access.clone());
    let mut body =
        serde_json::json!({ "access_token": access, "token_type": "Bearer", "expires_in": i.access_lifetime });
    if let Some(r) = refresh {
        body["refresh_token"] = r.into();
    }
    (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

async fn token(State(inner): Shared, Form(f): Form<HashMap<String, String>>) -> Response {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    if get("client_id") != CLIENT_ID {
        return oauth_error("invalid_client", "unknown client");
    }
    let mut i = inner.lock().unwrap();
    match get("grant_type").as_str() {
        "authorization_code" => {
            let Some((challenge, redirect)) = i.codes.remove(&get("code")) else {
                return oauth_error("invalid_grant", "unknown or used code");
            };
            let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(Sha256::digest(get("code_verifier").as_bytes()));
            if computed != challenge {
                return oauth_error("invalid_grant", "PKCE verification failed");
            }
            if redirect != get("redirect_uri") {
                return oauth_error("invalid_grant", "redirect_uri differs from the authorization request");
            }
            i.code_exchanges += 1;
            i.seq += 1;
            let refresh = format!("fake-refresh-{}", i.seq);
            i.refresh.insert(refresh.clone());
            issue(&mut i, Some(refresh))
        }
        "refresh_token" => {
            let old = get("refresh_token");
            if !i.refresh.contains(&old) {
                return oauth_error("invalid_grant", "token revoked or expired");
            }
            i.refreshes += 1;
            let rotated = i.rotate_refresh.then(|| {
                i.refresh.remove(&old);
                i.seq += 1;
                let new = format!("fake-refresh-{}", i.seq);
                i.refresh.insert(new.clone());
                new
            });
            issue(&mut i, rotated)
        }
        _ => oauth_error("unsupported_grant_type", "unsupported grant"),
    }
}

async fn revoke(State(inner): Shared, Form(f): Form<HashMap<String, String>>) -> Response {
    let token = f.get("token").cloned().unwrap_or_default();
    let mut i = inner.lock().unwrap();
    i.refresh.remove(&token);
    i.access.remove(&token);
    i.revoked.push(token);
    StatusCode::OK.into_response()
}
