//! Where and how each provider signs in. Client ids are not secrets (a desktop app is a
//! public client) but differ per build, so they come from settings or the environment.

use crate::error::{OAuthError, Result};
use miraage_secrets::Secret;
use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProviderKind {
    Google,
    Microsoft,
}

impl ProviderKind {
    pub fn label(self) -> &'static str {
        match self {
            ProviderKind::Google => "Google",
            ProviderKind::Microsoft => "Microsoft",
        }
    }

    pub fn env_prefix(self) -> &'static str {
        match self {
            ProviderKind::Google => "MIRAAGE_GOOGLE",
            ProviderKind::Microsoft => "MIRAAGE_MICROSOFT",
        }
    }
}

/// Google: events and the calendar list (read), tasks. Narrower than `auth/calendar`, which
/// would also allow deleting whole calendars and changing their sharing.
pub const GOOGLE_SCOPES: &[&str] = &[
    "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
    "https://www.googleapis.com/auth/calendar.events",
    "https://www.googleapis.com/auth/tasks",
];

/// Microsoft Graph: calendars and To Do; `offline_access` for a refresh token.
pub const MICROSOFT_SCOPES: &[&str] = &["Calendars.ReadWrite", "Tasks.ReadWrite", "offline_access"];

#[derive(Debug, Clone)]
pub struct ProviderConfig {
    pub kind: ProviderKind,
    pub client_id: String,
    /// Google issues a "client secret" even to desktop clients and requires it at the token
    /// endpoint; it is not confidential there, but it is still kept out of messages.
    pub client_secret: Option<Secret>,
    pub auth_url: Url,
    pub token_url: Url,
    /// RFC 7009 revocation; Microsoft has none.
    pub revoke_url: Option<Url>,
    pub scopes: Vec<String>,
    /// Extra parameters of the consent URL (Google: `access_type=offline` for a refresh
    /// token, `prompt=consent` so that a second sign-in gets one too).
    pub auth_params: Vec<(String, String)>,
    /// Host named in the loopback redirect URI. The listener always binds 127.0.0.1; Google
    /// accepts `127.0.0.1`, Entra registrations usually say `localhost`.
    pub loopback_host: String,
    /// Microsoft wants the scopes again on a refresh.
    pub scopes_on_refresh: bool,
}

fn url(kind: ProviderKind, s: &str) -> Result<Url> {
    Url::parse(s)
        .map_err(|e| OAuthError::Config { provider: kind.label(), reason: format!("invalid endpoint URL {s:?}: {e}") })
}

impl ProviderConfig {
    pub fn google(client_id: impl Into<String>, client_secret: Option<Secret>) -> Self {
        let kind = ProviderKind::Google;
        ProviderConfig {
            kind,
            client_id: client_id.into(),
            client_secret,
            auth_url: url(kind, "https://accounts.google.com/o/oauth2/v2/auth").expect("constant URL"),
            token_url: url(kind, "https://oauth2.googleapis.com/token").expect("constant URL"),
            revoke_url: Some(url(kind, "https://oauth2.googleapis.com/revoke").expect("constant URL")),
            scopes: GOOGLE_SCOPES.iter().map(|s| s.to_string()).collect(),
            auth_params: vec![("access_type".into(), "offline".into()), ("prompt".into(), "consent".into())],
            loopback_host: "127.0.0.1".into(),
            scopes_on_refresh: false,
        }
    }

    /// `tenant`: `common` (work and personal accounts), `consumers`, `organizations` or a
    /// tenant id.
    ///
    /// # Errors
    ///
    /// [`OAuthError::Config`] when `tenant` makes the endpoint URLs invalid.
    pub fn microsoft(client_id: impl Into<String>, tenant: &str) -> Result<Self> {
        let kind = ProviderKind::Microsoft;
        let base = format!("https://login.microsoftonline.com/{tenant}/oauth2/v2.0");
        Ok(ProviderConfig {
            kind,
            client_id: client_id.into(),
            client_secret: None,
            auth_url: url(kind, &format!("{base}/authorize"))?,
            token_url: url(kind, &format!("{base}/token"))?,
            revoke_url: None,
            scopes: MICROSOFT_SCOPES.iter().map(|s| s.to_string()).collect(),
            auth_params: Vec::new(),
            loopback_host: "localhost".into(),
            scopes_on_refresh: true,
        })
    }

    /// The configuration from the environment: `MIRAAGE_<P>_CLIENT_ID` (required),
    /// `MIRAAGE_GOOGLE_CLIENT_SECRET`, `MIRAAGE_MICROSOFT_TENANT` (default `common`), and the
    /// endpoint overrides `MIRAAGE_<P>_AUTH_URL`, `_TOKEN_URL`, `_REVOKE_URL` (tests point
    /// them at a local fake server).
    ///
    /// # Errors
    ///
    /// [`OAuthError::Config`] when the client id is not set or an endpoint override is not a URL.
    pub fn from_env(kind: ProviderKind) -> Result<Self> {
        Self::from_lookup(kind, |name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// As [`from_env`](Self::from_env), reading variables through `get` (settings, tests).
    ///
    /// # Errors
    ///
    /// [`OAuthError::Config`] when the client id is not set or an endpoint override is not a URL.
    pub fn from_lookup(kind: ProviderKind, get: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let p = kind.env_prefix();
        let client_id = get(&format!("{p}_CLIENT_ID")).ok_or_else(|| OAuthError::Config {
            provider: kind.label(),
            reason: format!("no client id: set {p}_CLIENT_ID (see docs/oauth-setup.md in miraage-oauth)"),
        })?;
        let mut config = match kind {
            ProviderKind::Google => Self::google(client_id, get(&format!("{p}_CLIENT_SECRET")).map(Secret::new)),
            ProviderKind::Microsoft => {
                Self::microsoft(client_id, &get(&format!("{p}_TENANT")).unwrap_or_else(|| "common".into()))?
            }
        };
        if let Some(v) = get(&format!("{p}_AUTH_URL")) {
            config.auth_url = url(kind, &v)?;
        }
        if let Some(v) = get(&format!("{p}_TOKEN_URL")) {
            config.token_url = url(kind, &v)?;
        }
        if let Some(v) = get(&format!("{p}_REVOKE_URL")) {
            config.revoke_url = Some(url(kind, &v)?);
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn a_missing_client_id_names_the_variable() {
        let err = ProviderConfig::from_lookup(ProviderKind::Google, lookup(&[])).unwrap_err();
        assert!(err.to_string().contains("MIRAAGE_GOOGLE_CLIENT_ID"), "{err}");
    }

    #[test]
    fn endpoints_can_be_overridden_and_scopes_are_the_least_needed() {
        let c = ProviderConfig::from_lookup(
            ProviderKind::Microsoft,
            lookup(&[
                ("MIRAAGE_MICROSOFT_CLIENT_ID", "abc"),
                ("MIRAAGE_MICROSOFT_TOKEN_URL", "http://127.0.0.1:9/token"),
            ]),
        )
        .unwrap();
        assert_eq!(c.token_url.as_str(), "http://127.0.0.1:9/token");
        assert_eq!(c.auth_url.as_str(), "https://login.microsoftonline.com/common/oauth2/v2.0/authorize");
        assert!(c.revoke_url.is_none());
        assert_eq!(c.scopes, ["Calendars.ReadWrite", "Tasks.ReadWrite", "offline_access"]);
        let g =
            ProviderConfig::from_lookup(ProviderKind::Google, lookup(&[("MIRAAGE_GOOGLE_CLIENT_ID", "g")])).unwrap();
        assert!(!g.scopes.iter().any(|s| s.ends_with("/auth/calendar")), "the full calendar scope is not needed");
        assert!(g.revoke_url.is_some());
        let bad = ProviderConfig::from_lookup(
            ProviderKind::Google,
            lookup(&[("MIRAAGE_GOOGLE_CLIENT_ID", "g"), ("MIRAAGE_GOOGLE_AUTH_URL", "not a url")]),
        );
        assert!(matches!(bad, Err(OAuthError::Config { .. })));
    }
}
