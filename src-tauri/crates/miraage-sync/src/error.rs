//! The one error type of the crate.
//!
//! Messages name the URL or item concerned so that a user can tell which calendar failed, but
//! never credentials: URLs pass through [`redact`] (which drops any `user:password@`) and
//! transport errors are described by kind only, because their own text may echo the request.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum SyncError {
    /// The server refused the credentials (HTTP 401).
    #[error("{url}: the server refused the user name or password")]
    Unauthorized { url: String },
    /// The item changed on the server since it was read, or already exists (HTTP 412 on an
    /// `If-Match` / `If-None-Match: *` write). The caller must re-read before writing again.
    #[error("{href}: the item was changed or created elsewhere (precondition failed)")]
    Conflict { href: String },
    /// The server is unreachable, timed out or failed on its side (5xx); worth retrying later.
    #[error("{url}: temporary failure: {reason}")]
    Transient { url: String, reason: String },
    /// The server answered with something that is not the expected WebDAV/CalDAV response.
    #[error("{url}: unexpected response: {reason}")]
    BadResponse { url: String, reason: String },
    /// A calendar object on the server cannot be read into events; the rest of the sync
    /// goes on without it.
    #[error("{href}: {reason}")]
    BadItem { href: String, reason: String },
    /// Local events that cannot make one CalDAV item (none, several UIDs or masters).
    #[error("event {uid:?} cannot be written as one CalDAV item: {reason}")]
    NotWritable { uid: String, reason: String },
    /// The secure connection could not be made (untrusted or mismatched certificate, no TLS
    /// on that port). Not retried: it will not pass by itself.
    #[error("{url}: secure connection failed: {reason}")]
    Tls { url: String, reason: String },
    /// Any other refusal (403, 404 on a collection, 405, …).
    #[error("{url}: the server answered HTTP {status}")]
    Http { url: String, status: u16 },
    /// This system cannot make HTTPS requests (no usable TLS backend).
    #[error("cannot set up the HTTP client: {reason}")]
    Setup { reason: String },
    /// Miraage refused to send the account's password: to a server other than the account's
    /// (a redirect or an href naming another host), or unencrypted to a server that is not on
    /// this computer. `reason` is a whole sentence naming the host and what to do.
    #[error("{url}: {reason}")]
    Insecure { url: String, reason: String },
    /// A URL given by the user or the server cannot be used.
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl { url: String, reason: String },
    /// The calendar or subscription cannot be written to.
    #[error("{what} is read-only")]
    ReadOnly { what: String },
    /// The account's password or token is not in the keyring (removed by the user, or the
    /// keyring was reset).
    #[error("account {account:?} has no {what} in the system keyring; sign in again")]
    MissingSecret { account: String, what: &'static str },
    #[error("local database: {0}")]
    Store(#[from] miraage_store::StoreError),
}

impl SyncError {
    /// Whether retrying the same request later may succeed without anything else changing.
    pub fn is_retryable(&self) -> bool {
        matches!(self, SyncError::Transient { .. })
    }
}

pub type Result<T, E = SyncError> = std::result::Result<T, E>;

/// A URL as it may appear in messages: any user name and password are removed.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.has_host() => {
            if !u.username().is_empty() || u.password().is_some() {
                // Both setters only fail for URLs that cannot have credentials at all.
                let _ = u.set_username("");
                let _ = u.set_password(None);
            }
            u.to_string()
        }
        // An href path, or `user:pass@host/…` without a scheme (which parses as a URL of
        // scheme `user`): cut everything before an `@` that precedes the first `/`.
        _ => match (url.find('@'), url.find('/')) {
            (Some(at), slash) if slash.is_none_or(|s| at < s) => url[at + 1..].to_string(),
            _ => url.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_drops_credentials() {
        assert_eq!(redact("https://bob:s3cret@dav.example.com/cal/"), "https://dav.example.com/cal/");
        assert_eq!(redact("bob:s3cret@dav.example.com/cal/"), "dav.example.com/cal/");
        assert_eq!(redact("/bob/cal/a@b.ics"), "/bob/cal/a@b.ics");
        assert_eq!(redact("https://dav.example.com/x"), "https://dav.example.com/x");
    }

    #[test]
    fn only_transient_errors_are_retryable() {
        let t = SyncError::Transient { url: "u".into(), reason: "timeout".into() };
        let c = SyncError::Conflict { href: "h".into() };
        assert!(t.is_retryable());
        assert!(!c.is_retryable());
    }
}
