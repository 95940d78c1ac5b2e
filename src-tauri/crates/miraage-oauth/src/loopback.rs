//! The loopback redirect (RFC 8252 §7.3): a listener on 127.0.0.1 on a free port that answers
//! exactly one request on the redirect path, then closes.
//!
//! Deliberately not a web server: the browser sends one GET with the code in the query; the
//! listener reads the request head only, answers with a short page and drops the socket.
//! Requests for other paths (a browser's `/favicon.ico`) get a 404 and the wait goes on, and
//! so do redirects that are not this sign-in's (another `state`): any local process can reach
//! the port, and must not be able to end the sign-in by sending something first.

use crate::error::{OAuthError, Result};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{timeout_at, Instant};
use url::Url;

/// The path of the redirect URI. Any path works for Google and Entra loopback redirects.
pub const CALLBACK_PATH: &str = "/oauth/callback";

/// Largest request head read; the redirect's query is well under it.
const MAX_HEAD: usize = 16 * 1024;

/// Time a connected client gets to send its request head.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

const DONE_PAGE: &str = "<!doctype html><meta charset=utf-8><title>Miraage</title>\
<body style=\"font-family:sans-serif;margin:3em\"><h1>Signed in</h1>\
<p>You can close this tab and return to Miraage.</p></body>";

const FOREIGN_PAGE: &str = "<!doctype html><meta charset=utf-8><title>Miraage</title>\
<body style=\"font-family:sans-serif;margin:3em\"><h1>Not the sign-in Miraage is waiting for</h1>\
<p>This answer belongs to an older or another sign-in. If Miraage is still waiting, sign in from \
the tab it opened; otherwise start the sign-in again in Miraage.</p></body>";

const FAILED_PAGE: &str = "<!doctype html><meta charset=utf-8><title>Miraage</title>\
<body style=\"font-family:sans-serif;margin:3em\"><h1>Sign-in did not complete</h1>\
<p>Return to Miraage to see why and try again.</p></body>";

/// What a request to the redirect path is, as the sign-in judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// This sign-in's redirect with a code: the browser is told it worked.
    Accepted,
    /// This sign-in's redirect, but it failed (consent refused, no code): the wait ends and
    /// the browser is told to return to Miraage.
    Refused,
    /// Not this sign-in's (another `state`): answered with a refusal, and the wait goes on.
    Foreign,
}

/// A bound listener waiting for the one redirect.
pub struct Loopback {
    listener: TcpListener,
    port: u16,
}

impl Loopback {
    /// Binds 127.0.0.1 on a port the system chooses.
    ///
    /// # Errors
    ///
    /// [`OAuthError::Listener`] when no port can be bound.
    pub async fn bind() -> Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|e| OAuthError::Listener { reason: e.kind().to_string() })?;
        let port = listener.local_addr().map_err(|e| OAuthError::Listener { reason: e.kind().to_string() })?.port();
        Ok(Loopback { listener, port })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The redirect URI to register with the sign-in, naming `host` (`127.0.0.1` or
    /// `localhost`; either reaches this listener).
    pub fn redirect_uri(&self, host: &str) -> String {
        format!("http://{host}:{}{CALLBACK_PATH}", self.port)
    }

    /// Waits for the redirect and returns its full URL; gives up after `wait`. `judge` decides
    /// from the URL (state check, code) whether it is this sign-in's and whether it worked, so
    /// the browser never shows success for a redirect that will be refused and a foreign
    /// request never ends the wait.
    ///
    /// # Errors
    ///
    /// [`OAuthError::TimedOut`] when no redirect came within `wait`; [`OAuthError::Listener`] when
    /// accepting a connection fails.
    pub async fn receive(self, wait: Duration, judge: impl Fn(&Url) -> Verdict) -> Result<Url> {
        let deadline = Instant::now() + wait;
        loop {
            let (stream, _) = match timeout_at(deadline, self.listener.accept()).await {
                Err(_) => return Err(OAuthError::TimedOut { seconds: wait.as_secs() }),
                Ok(Err(e)) => return Err(OAuthError::Listener { reason: e.kind().to_string() }),
                Ok(Ok(pair)) => pair,
            };
            if let Some(url) = self.serve(stream, deadline.min(Instant::now() + READ_TIMEOUT), &judge).await {
                return Ok(url);
            }
        }
    }

    /// Answers one connection; `Some` when it was the redirect.
    async fn serve(&self, mut stream: TcpStream, deadline: Instant, judge: &impl Fn(&Url) -> Verdict) -> Option<Url> {
        let head = timeout_at(deadline, read_head(&mut stream)).await.ok().flatten()?;
        let target = request_target(&head);
        let url = target.and_then(|t| Url::parse(&format!("http://127.0.0.1:{}{t}", self.port)).ok());
        match url {
            Some(url) if url.path() == CALLBACK_PATH => match judge(&url) {
                Verdict::Accepted => {
                    respond(&mut stream, (200, "OK", DONE_PAGE)).await;
                    Some(url)
                }
                Verdict::Refused => {
                    respond(&mut stream, (400, "Bad Request", FAILED_PAGE)).await;
                    Some(url)
                }
                Verdict::Foreign => {
                    respond(&mut stream, (400, "Bad Request", FOREIGN_PAGE)).await;
                    None
                }
            },
            _ => {
                respond(&mut stream, (404, "Not Found", "")).await;
                None
            }
        }
    }
}

async fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 2048];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() + n > MAX_HEAD {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    String::from_utf8(buf).ok()
}

/// The target of a `GET <target> HTTP/1.x` request line.
fn request_target(head: &str) -> Option<&str> {
    let mut parts = head.lines().next()?.split(' ');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("GET"), Some(target), Some(v)) if v.starts_with("HTTP/1.") && target.starts_with('/') => Some(target),
        _ => None,
    }
}

async fn respond(stream: &mut TcpStream, (status, reason, body): (u16, &str, &str)) {
    let text = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    // The browser may already be gone; the code was received either way.
    let _ = stream.write_all(text.as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_get_request_lines_have_a_target() {
        assert_eq!(
            request_target("GET /oauth/callback?code=x HTTP/1.1\r\nHost: a\r\n\r\n"),
            Some("/oauth/callback?code=x")
        );
        assert_eq!(request_target("POST /oauth/callback HTTP/1.1\r\n\r\n"), None);
        assert_eq!(request_target("GET http://evil/ HTTP/1.1\r\n\r\n"), None);
        assert_eq!(request_target("garbage"), None);
    }

    #[tokio::test]
    async fn the_wait_ends_cleanly_after_the_timeout() {
        let lb = Loopback::bind().await.unwrap();
        let port = lb.port();
        let err = lb.receive(Duration::from_millis(200), |_| Verdict::Accepted).await.unwrap_err();
        assert!(matches!(err, OAuthError::TimedOut { .. }), "{err}");
        // The port is released: nothing listens any more.
        assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
    }
}
