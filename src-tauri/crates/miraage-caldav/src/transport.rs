//! HTTP for CalDAV: authenticated requests, same-host redirects, and the mapping of statuses
//! and transport failures to [`SyncError`].

use crate::origin::{may_send_password, require_encryption};
use crate::pin::CertPin;
use crate::xml::{parse_multistatus, Multistatus};
use miraage_sync::{redact, Result, SyncError};
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE, LOCATION};
use reqwest::{Method, StatusCode};
use std::fmt;
use std::time::Duration;
use url::Url;

/// A user name and password for HTTP basic auth. `Debug` never shows the password.
#[derive(Clone)]
pub struct Credentials {
    pub username: String,
    password: String,
}

impl Credentials {
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials { username: username.into(), password: password.into() }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials").field("username", &self.username).field("password", &"<redacted>").finish()
    }
}

/// Network limits of a client.
#[derive(Debug, Clone)]
pub struct Timeouts {
    pub connect: Duration,
    /// The whole request, body included.
    pub request: Duration,
    /// The largest response body accepted, in bytes: a server (or something posing as one)
    /// cannot make Miraage hold an unbounded answer in memory.
    pub max_body: usize,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts { connect: Duration::from_secs(10), request: Duration::from_secs(60), max_body: 64 << 20 }
    }
}

/// Redirects followed per request; discovery through `.well-known` needs one or two.
const MAX_REDIRECTS: usize = 5;

pub struct Transport {
    http: reqwest::Client,
    creds: Credentials,
    max_body: usize,
    /// The account's server: the only one the password goes to (see [`crate::origin`]).
    home: Url,
}

/// A request ready to be sent (and re-sent after a redirect).
pub struct Request<'a> {
    pub method: Method,
    pub url: Url,
    pub depth: Option<&'static str>,
    pub body: Option<(&'static str, String)>,
    pub headers: Vec<(&'static str, String)>,
    /// What an error names instead of the URL (an item's href).
    pub subject: Option<&'a str>,
}

impl<'a> Request<'a> {
    pub fn new(method: &str, url: Url) -> Self {
        let method = Method::from_bytes(method.as_bytes()).expect("method names used here are valid tokens");
        Request { method, url, depth: None, body: None, headers: Vec::new(), subject: None }
    }
    pub fn depth(mut self, depth: &'static str) -> Self {
        self.depth = Some(depth);
        self
    }
    pub fn xml(mut self, body: impl Into<String>) -> Self {
        self.body = Some(("application/xml; charset=utf-8", body.into()));
        self
    }
    pub fn calendar(mut self, body: impl Into<String>) -> Self {
        self.body = Some(("text/calendar; charset=utf-8", body.into()));
        self
    }
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
    pub fn subject(mut self, subject: &'a str) -> Self {
        self.subject = Some(subject);
        self
    }
}

/// A response whose status has not been judged yet.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The URL that answered, after redirects.
    pub url: Url,
    pub body: String,
}

impl Transport {
    /// A transport sending `creds` to the server of `home` only; with `pin`, over TLS only to
    /// the certificate it names.
    ///
    /// # Errors
    /// [`SyncError::Insecure`] for plain http to a server not on this computer;
    /// [`SyncError::Setup`] when no HTTP client can be made.
    pub fn new(creds: Credentials, timeouts: &Timeouts, home: Url, pin: Option<CertPin>) -> Result<Self> {
        require_encryption(&home)?;
        let mut builder = reqwest::Client::builder();
        if let Some(pin) = pin {
            builder = builder.use_preconfigured_tls(crate::pin::tls_config(pin, home.host_str().unwrap_or_default()));
        }
        let http = builder
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.request)
            // Redirects are followed by hand: reqwest turns PROPFIND into GET on a 301/302,
            // and credentials must not follow a redirect to another host.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| SyncError::Setup { reason: e.without_url().to_string() })?;
        Ok(Transport { http, creds, max_body: timeouts.max_body, home })
    }

    /// Sends a request, following same-server redirects; any status is returned as is.
    ///
    /// # Errors
    /// [`SyncError::Insecure`] before anything is sent to a URL (asked for, or redirected to)
    /// on another server than the account's; transport failures as [`transport_failure`].
    pub async fn send(&self, req: &Request<'_>) -> Result<Answer> {
        let mut url = req.url.clone();
        for _ in 0..=MAX_REDIRECTS {
            may_send_password(&self.home, &url)?;
            let mut rb = self
                .http
                .request(req.method.clone(), url.clone())
                .basic_auth(&self.creds.username, Some(&self.creds.password));
            if let Some(depth) = req.depth {
                rb = rb.header("Depth", depth);
            }
            for (name, value) in &req.headers {
                rb = rb.header(*name, value.as_str());
            }
            if let Some((content_type, body)) = &req.body {
                rb = rb.header(CONTENT_TYPE, HeaderValue::from_static(content_type)).body(body.clone());
            }
            let resp = rb.send().await.map_err(|e| transport_error(&e, &url))?;
            let status = resp.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                url = redirect_target(&url, resp.headers())?;
                continue;
            }
            let headers = resp.headers().clone();
            let body = read_limited(resp, self.max_body, &url).await?;
            return Ok(Answer { status, headers, url, body });
        }
        Err(SyncError::BadResponse { url: redact(req.url.as_str()), reason: "too many redirects".into() })
    }

    /// Sends a request and requires a 2xx status.
    pub async fn send_ok(&self, req: &Request<'_>) -> Result<Answer> {
        let answer = self.send(req).await?;
        check_status(answer.status, req.subject.unwrap_or(answer.url.as_str()))?;
        Ok(answer)
    }

    /// Sends a PROPFIND or REPORT and parses its 207 Multi-Status body.
    pub async fn multistatus(&self, req: &Request<'_>) -> Result<(Url, Multistatus)> {
        let answer = self.send_ok(req).await?;
        parse_answer(answer)
    }
}

/// Reads a body of at most `limit` bytes (lossy UTF-8, as servers mislabel charsets).
pub async fn read_limited(mut resp: reqwest::Response, limit: usize, url: &Url) -> Result<String> {
    let too_big = || SyncError::BadResponse {
        url: redact(url.as_str()),
        reason: format!("the response is larger than the {} MB limit", limit >> 20),
    };
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(too_big());
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| transport_error(&e, url))? {
        if body.len() + chunk.len() > limit {
            return Err(too_big());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(match String::from_utf8(body) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

pub fn parse_answer(answer: Answer) -> Result<(Url, Multistatus)> {
    let url = redact(answer.url.as_str());
    if answer.status != StatusCode::MULTI_STATUS {
        return Err(SyncError::BadResponse {
            url,
            reason: format!("expected 207 Multi-Status, got {}", answer.status.as_u16()),
        });
    }
    let ms = parse_multistatus(&answer.body).map_err(|reason| SyncError::BadResponse { url, reason })?;
    Ok((answer.url, ms))
}

/// Maps a non-2xx status to an error naming `subject` (a URL or an item href).
pub fn check_status(status: StatusCode, subject: &str) -> Result<()> {
    if status.is_success() {
        return Ok(());
    }
    let url = redact(subject);
    Err(match status.as_u16() {
        401 => SyncError::Unauthorized { url },
        412 => SyncError::Conflict { href: url },
        // Timeouts and rate limits on the server side pass like 5xx.
        408 | 429 | 500..=599 => SyncError::Transient { url, reason: format!("HTTP {}", status.as_u16()) },
        code => SyncError::Http { url, status: code },
    })
}

fn redirect_target(from: &Url, headers: &HeaderMap) -> Result<Url> {
    let bad = |reason: &str| SyncError::BadResponse { url: redact(from.as_str()), reason: reason.into() };
    let location =
        headers.get(LOCATION).and_then(|v| v.to_str().ok()).ok_or_else(|| bad("redirect without a Location"))?;
    // Whether the target may have the password is decided by `send` before it goes there.
    from.join(location).map_err(|_| bad("redirect to an invalid URL"))
}

/// Describes a transport failure by kind only: reqwest's own message may repeat the URL.
pub(crate) fn transport_error(e: &reqwest::Error, url: &Url) -> SyncError {
    transport_failure(e, redact(url.as_str()))
}

/// The error for a request that failed below HTTP (connection, timeout, TLS, cut-off body),
/// naming `shown` (a URL already stripped of what must not be shown). Every provider's HTTP
/// client maps its failures through this one place.
pub fn transport_failure(e: &reqwest::Error, shown: String) -> SyncError {
    if e.is_builder() {
        // Not a network failure, and retrying cannot help: a value to send (an etag the
        // server gave) is not a valid header.
        return SyncError::BadResponse {
            url: shown,
            reason: "a value from the server cannot be sent back in a header".into(),
        };
    }
    if let Some(tls) = tls_failure(e) {
        return SyncError::Tls { url: shown, reason: tls };
    }
    let reason = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "cannot connect"
    } else if e.is_body() || e.is_decode() {
        "the response was cut off or unreadable"
    } else {
        "the connection failed"
    };
    SyncError::Transient { url: shown, reason: reason.into() }
}

/// The TLS failure behind a connection error, if that is what it was: a certificate that
/// is not trusted or does not match, or a server that does not speak TLS on that port.
/// Described from rustls' error, which names the problem, never the request.
fn tls_failure(e: &reqwest::Error) -> Option<String> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        let lower = text.to_ascii_lowercase();
        if lower.contains("certificate")
            || lower.contains("invalidcontenttype")
            || lower.contains("tls")
            || lower.contains("handshake")
        {
            return Some(if lower.contains("invalidcontenttype") || lower.contains("corrupt message") {
                "the server does not speak TLS on this port (try http:// or another port)".to_string()
            } else {
                text
            });
        }
        source = s.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(to: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(LOCATION, HeaderValue::from_str(to).unwrap());
        h
    }

    #[test]
    fn statuses_map_to_errors() {
        assert!(check_status(StatusCode::MULTI_STATUS, "u").is_ok());
        assert!(matches!(check_status(StatusCode::UNAUTHORIZED, "u"), Err(SyncError::Unauthorized { .. })));
        assert!(
            matches!(check_status(StatusCode::PRECONDITION_FAILED, "/c/a.ics"), Err(SyncError::Conflict { href }) if href == "/c/a.ics")
        );
        assert!(check_status(StatusCode::SERVICE_UNAVAILABLE, "u").unwrap_err().is_retryable());
        assert!(matches!(check_status(StatusCode::FORBIDDEN, "u"), Err(SyncError::Http { status: 403, .. })));
    }

    #[test]
    fn redirects_resolve_against_the_url_that_answered() {
        let from = Url::parse("http://127.0.0.1:5232/.well-known/caldav").unwrap();
        assert_eq!(redirect_target(&from, &location("/")).unwrap().as_str(), "http://127.0.0.1:5232/");
        assert_eq!(
            redirect_target(&from, &location("dav/")).unwrap().as_str(),
            "http://127.0.0.1:5232/.well-known/dav/"
        );
        assert!(redirect_target(&from, &HeaderMap::new()).is_err(), "no Location");
    }

    #[test]
    fn credentials_debug_hides_the_password() {
        let text = format!("{:?}", Credentials::new("bob", "hunter2"));
        assert!(text.contains("bob") && !text.contains("hunter2"));
    }
}
