//! HTTP for the cloud APIs: bearer tokens from the OAuth session (one retry with a fresh
//! token after a 401), throttling retried after `Retry-After`, and the mapping of statuses
//! and transport failures to [`SyncError`]. Messages name the URL without its query (page
//! and sync tokens are not for logs) and never a token.

use miraage_oauth::{OAuthError, Session};
use miraage_sync::{Result, SyncError};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// How throttled requests (429, Google's 403 `rateLimitExceeded`, 503) are retried.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Retries after the first attempt; then the request fails as `Transient`.
    pub max_retries: u32,
    /// Wait when the server gives no `Retry-After`; doubled per retry.
    pub default_wait: Duration,
    /// A longer `Retry-After` is not waited out here: the request fails as `Transient` and
    /// the engine's backoff takes over.
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 3, default_wait: Duration::from_secs(1), max_wait: Duration::from_secs(30) }
    }
}

/// A signed-in client of one API.
pub struct Api {
    http: reqwest::Client,
    session: Arc<Session>,
    pub retry: RetryPolicy,
}

/// A 2xx (or an expected non-2xx) answer.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    /// Reads the body as JSON into `T`.
    ///
    /// # Errors
    ///
    /// [`SyncError::BadResponse`] naming `url` when the body is not that JSON.
    pub fn json<T: serde::de::DeserializeOwned>(&self, url: &Url) -> Result<T> {
        serde_json::from_slice(&self.body)
            .map_err(|e| SyncError::BadResponse { url: shown(url), reason: format!("unreadable JSON: {e}") })
    }
}

/// A request to send (and to send again after a refresh or a throttle).
pub struct Call<'a> {
    pub method: Method,
    pub url: Url,
    pub body: Option<&'a serde_json::Value>,
    pub headers: Vec<(HeaderName, String)>,
}

impl<'a> Call<'a> {
    pub fn new(method: Method, url: Url) -> Self {
        Call { method, url, body: None, headers: Vec::new() }
    }
    pub fn get(url: Url) -> Self {
        Self::new(Method::GET, url)
    }
    pub fn json(mut self, body: &'a serde_json::Value) -> Self {
        self.body = Some(body);
        self
    }
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((HeaderName::from_static(name), value.into()));
        self
    }
}

/// The URL as errors show it: no query, no fragment.
pub fn shown(url: &Url) -> String {
    let mut u = url.clone();
    u.set_query(None);
    u.set_fragment(None);
    miraage_sync::redact(u.as_str())
}

impl Api {
    /// An API client that signs requests with `session`'s access token.
    ///
    /// # Errors
    ///
    /// [`SyncError::Setup`] when the HTTP client cannot be set up (no usable TLS).
    pub fn new(session: Arc<Session>) -> Result<Self> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            // Bearer tokens must not follow a redirect to another host; these APIs do not redirect.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| SyncError::Setup { reason: e.without_url().to_string() })?;
        Ok(Api { http, session, retry: RetryPolicy::default() })
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Sends `call`: refreshes the token once on a 401, waits out throttling. Returns every
    /// answer that is not a 401 or a throttle as is, for the caller to judge.
    ///
    /// # Errors
    ///
    /// [`SyncError::Transient`] when the server cannot be reached, the token endpoint fails for
    /// now, or throttling lasts longer than the retry policy waits; [`SyncError::Tls`] when the
    /// secure connection fails; [`SyncError::Unauthorized`] when the account must sign in again;
    /// [`SyncError::BadResponse`] when the sign-in service answers something else.
    pub async fn send(&self, call: &Call<'_>) -> Result<Answer> {
        let mut token = self.session.access_token().await.map_err(|e| oauth_error(e, &call.url))?;
        let mut refreshed = false;
        let mut throttled = 0u32;
        loop {
            let mut rb = self.http.request(call.method.clone(), call.url.clone());
            let bearer =
                HeaderValue::from_str(&format!("Bearer {}", token.expose())).map_err(|_| SyncError::BadResponse {
                    url: shown(&call.url),
                    reason: "the access token cannot be sent in a header".into(),
                })?;
            rb = rb.header(AUTHORIZATION, bearer);
            for (name, value) in &call.headers {
                rb = rb.header(name.clone(), value.as_str());
            }
            if let Some(body) = call.body {
                rb = rb.json(body);
            }
            let resp = rb.send().await.map_err(|e| transport_error(&e, &call.url))?;
            let status = resp.status();
            let headers = resp.headers().clone();
            let body = resp.bytes().await.map_err(|e| transport_error(&e, &call.url))?.to_vec();
            if status == StatusCode::UNAUTHORIZED && !refreshed {
                refreshed = true;
                token = self.session.token_rejected(&token).await.map_err(|e| oauth_error(e, &call.url))?;
                continue;
            }
            if is_throttle(status, &body) {
                let wait = retry_after(&headers).unwrap_or(self.retry.default_wait * 2u32.saturating_pow(throttled));
                if throttled >= self.retry.max_retries || wait > self.retry.max_wait {
                    return Err(SyncError::Transient {
                        url: shown(&call.url),
                        reason: format!(
                            "rate limited (HTTP {}); retry after {} s",
                            status.as_u16(),
                            wait.as_secs().max(1)
                        ),
                    });
                }
                throttled += 1;
                tokio::time::sleep(wait).await;
                continue;
            }
            return Ok(Answer { status, headers, body });
        }
    }

    /// Sends `call` and requires a 2xx.
    ///
    /// # Errors
    ///
    /// As [`Api::send`], and the error [`check`] makes of an answer that is not 2xx.
    pub async fn send_ok(&self, call: &Call<'_>) -> Result<Answer> {
        let answer = self.send(call).await?;
        check(&answer, &call.url)?;
        Ok(answer)
    }
}

/// Throttling: 429 everywhere, 503 with `Retry-After` (Graph), and Google's 403 whose reason
/// is a rate limit (a plain 403 is a refusal and is not retried).
fn is_throttle(status: StatusCode, body: &[u8]) -> bool {
    match status.as_u16() {
        429 => true,
        403 => {
            let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
            v["error"]["errors"].as_array().is_some_and(|errs| {
                errs.iter().any(|e| matches!(e["reason"].as_str(), Some("rateLimitExceeded" | "userRateLimitExceeded")))
            })
        }
        _ => false,
    }
}

/// `Retry-After` as seconds or as an HTTP date (RFC 9110 §10.2.3); a date in the past is 0.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(std::time::SystemTime::now()).unwrap_or_default())
}

/// Maps a non-2xx answer to an error naming `url`.
///
/// # Errors
///
/// [`SyncError::Unauthorized`] for 401, [`SyncError::Conflict`] for 412, [`SyncError::Transient`]
/// for 408, 429 and 5xx, [`SyncError::Http`] for any other status that is not 2xx.
pub fn check(answer: &Answer, url: &Url) -> Result<()> {
    if answer.status.is_success() {
        return Ok(());
    }
    let url = shown(url);
    Err(match answer.status.as_u16() {
        401 => SyncError::Unauthorized { url },
        412 => SyncError::Conflict { href: url },
        408 | 429 | 500..=599 => SyncError::Transient { url, reason: format!("HTTP {}", answer.status.as_u16()) },
        code => SyncError::Http { url, status: code },
    })
}

fn oauth_error(e: OAuthError, url: &Url) -> SyncError {
    let url = shown(url);
    match e {
        // OAuthError messages hold no tokens; they say what the user must do.
        e if e.is_retryable() => SyncError::Transient { url, reason: e.to_string() },
        OAuthError::SignInRequired { .. } | OAuthError::TokenRefused { .. } => SyncError::Unauthorized { url },
        e => SyncError::BadResponse { url, reason: e.to_string() },
    }
}

fn transport_error(e: &reqwest::Error, url: &Url) -> SyncError {
    miraage_caldav::transport_failure(e, shown(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_rate_limit_403s_are_throttles() {
        let limited = br#"{"error":{"errors":[{"domain":"usageLimits","reason":"rateLimitExceeded"}],"code":403}}"#;
        let forbidden = br#"{"error":{"errors":[{"domain":"global","reason":"forbidden"}],"code":403}}"#;
        assert!(is_throttle(StatusCode::FORBIDDEN, limited));
        assert!(!is_throttle(StatusCode::FORBIDDEN, forbidden));
        assert!(is_throttle(StatusCode::TOO_MANY_REQUESTS, b""));
        assert!(!is_throttle(StatusCode::SERVICE_UNAVAILABLE, b""));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(RETRY_AFTER, HeaderValue::from_str(v).unwrap());
            retry_after(&h)
        };
        assert_eq!(with("7"), Some(Duration::from_secs(7)));
        assert_eq!(with("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        let soon = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(120));
        assert!(with(&soon).is_some_and(|d| d > Duration::from_secs(100) && d <= Duration::from_secs(120)));
        assert_eq!(with("soon"), None);
    }

    #[test]
    fn shown_urls_drop_queries() {
        let u = Url::parse("https://www.googleapis.com/calendar/v3/calendars/a/events?syncToken=SECRET&pageToken=X")
            .unwrap();
        assert_eq!(shown(&u), "https://www.googleapis.com/calendar/v3/calendars/a/events");
    }
}
