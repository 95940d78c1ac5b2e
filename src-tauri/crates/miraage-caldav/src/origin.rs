//! Which servers may receive the account's password.
//!
//! Basic auth sends the password with every request, so the client decides before each one
//! (the first, every redirect, every href a server names) whether the URL belongs to the
//! account's own server:
//! - the same host and port, or `http` → `https` on the default ports;
//! - another host only over https and under the same registrable domain (iCloud names a
//!   principal on `caldav.icloud.com` and a calendar home on `p42-caldav.icloud.com`);
//!   never another IP address, never a downgrade to http.
//!
//! And plain http is only for a server on this computer: anywhere else the password would
//! cross the network readable by anyone on the way.

use miraage_sync::{redact, Result, SyncError};
use std::net::IpAddr;
use url::{Host, Url};

/// Refuses a plain-http URL whose host is not this computer.
///
/// # Errors
/// [`SyncError::Insecure`] naming the host and telling the user to use https.
pub(crate) fn require_encryption(url: &Url) -> Result<()> {
    if url.scheme() != "http" || is_loopback(url) {
        return Ok(());
    }
    Err(SyncError::Insecure {
        url: redact(url.as_str()),
        reason: format!(
            "http:// would send your password unencrypted to {}; use the server's https:// address \
             (plain http is only accepted for a server on this computer)",
            url.host_str().unwrap_or("the server")
        ),
    })
}

/// Whether a request to `to` may carry the password of the account whose server is `home`.
///
/// # Errors
/// [`SyncError::Insecure`] naming the other host when it may not.
pub(crate) fn may_send_password(home: &Url, to: &Url) -> Result<()> {
    let same_host = to.host_str() == home.host_str();
    let same_port = to.port_or_known_default() == home.port_or_known_default();
    let downgrade = home.scheme() == "https" && to.scheme() != "https";
    let upgrade = home.scheme() == "http" && to.scheme() == "https" && home.port().is_none() && to.port().is_none();
    let allowed = !downgrade
        && ((same_host && (same_port || upgrade))
            || (to.scheme() == "https" && to.port().is_none() && same_registrable_domain(home, to)));
    if allowed {
        return Ok(());
    }
    let other = match (to.host_str(), to.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_string(),
        _ => "another server".to_string(),
    };
    Err(SyncError::Insecure {
        url: redact(home.as_str()),
        reason: if same_host && downgrade {
            format!("the server sent Miraage from https to plain http on {other}; refused, so that your password is not sent unencrypted")
        } else {
            format!(
                "the server sent Miraage to another server ({other}); refused, so that your password stays with {}. \
                 If your calendars really live there, add an account with that server's address",
                home.host_str().unwrap_or("the account's server")
            )
        },
    })
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost") || d.to_ascii_lowercase().ends_with(".localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Both hosts are domain names under one registrable domain of the Public Suffix List
/// (`a.example.co.uk` and `b.example.co.uk`; not `a.co.uk` and `b.co.uk`).
fn same_registrable_domain(a: &Url, b: &Url) -> bool {
    let (Some(Host::Domain(a)), Some(Host::Domain(b))) = (a.host(), b.host()) else { return false };
    let registrable = |h: &str| psl::domain_str(&h.to_ascii_lowercase()).map(str::to_string);
    matches!((registrable(a), registrable(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(home: &str, to: &str) -> bool {
        may_send_password(&Url::parse(home).unwrap(), &Url::parse(to).unwrap()).is_ok()
    }

    #[test]
    fn the_password_goes_to_the_accounts_own_server_only() {
        assert!(ok("https://dav.example.com/", "https://dav.example.com/cal/"));
        assert!(ok("http://127.0.0.1:5232/", "http://127.0.0.1:5232/bob/"));
        assert!(ok("http://dav.example.com/", "https://dav.example.com/dav/"), "an upgrade to https");
        assert!(ok("https://caldav.icloud.com/", "https://p42-caldav.icloud.com/123/calendars/"), "iCloud's hosts");
        assert!(!ok("http://127.0.0.1:5232/", "http://127.0.0.2:5232/"), "another address");
        assert!(!ok("http://127.0.0.1:5232/", "http://127.0.0.1:9999/"), "another port");
        assert!(!ok("https://dav.example.com/", "http://dav.example.com/"), "a downgrade");
        assert!(!ok("https://dav.example.com/", "https://evil.example.org/"), "another domain");
        assert!(!ok("https://a.example.co.uk/", "https://b.co.uk/"), "a public suffix is not a domain");
        assert!(!ok("https://dav.example.com/", "https://x.example.com:8443/"), "another host and port");
        assert!(!ok("http://dav.example.com/", "http://x.example.com/"), "another host over http");
    }

    #[test]
    fn refusals_name_the_other_host() {
        let home = Url::parse("https://dav.example.com/").unwrap();
        let err = may_send_password(&home, &Url::parse("https://evil.example.org:444/x").unwrap()).unwrap_err();
        assert!(err.to_string().contains("evil.example.org:444"), "{err}");
        assert!(err.to_string().contains("dav.example.com"), "{err}");
    }
}
