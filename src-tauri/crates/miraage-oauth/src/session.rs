//! A signed-in account: the refresh token lives in the OS keyring (filed under the account
//! id), the access token only in memory.

use crate::config::ProviderConfig;
use crate::error::{OAuthError, Result};
use crate::sign_in::{client, http, token_error, Grant};
use miraage_secrets::{Keyring, Secret, SecretKind};
use oauth2::{RefreshToken, Scope};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// An access token is renewed when less than this is left, so that a request never leaves
/// with a token that expires on the way.
const REFRESH_MARGIN: Duration = Duration::from_secs(120);

struct Access {
    token: Secret,
    expires_at: Instant,
}

pub struct Session {
    config: ProviderConfig,
    keyring: Keyring,
    account: String,
    http: reqwest::Client,
    /// Also serialises refreshes: callers waiting on it get the token the first one fetched.
    access: Mutex<Option<Access>>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("provider", &self.config.kind)
            .field("account", &self.account)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// The session of an account signed in earlier (its refresh token is in `keyring`).
    ///
    /// # Errors
    ///
    /// [`OAuthError::Config`] when the HTTP client cannot be set up (no usable TLS).
    pub fn resume(config: ProviderConfig, keyring: Keyring, account: impl Into<String>) -> Result<Self> {
        Ok(Session { config, keyring, account: account.into(), http: http()?, access: Mutex::new(None) })
    }

    /// Files a fresh sign-in's refresh token under `account` and keeps its access token.
    ///
    /// # Errors
    ///
    /// [`OAuthError::SignInRequired`] when the grant holds no refresh token (offline access was not
    /// granted); [`OAuthError::Keyring`] when the keyring cannot store it; [`OAuthError::Config`]
    /// when the HTTP client cannot be set up.
    pub fn connect(config: ProviderConfig, keyring: Keyring, account: impl Into<String>, grant: Grant) -> Result<Self> {
        let session = Self::resume(config, keyring, account)?;
        let refresh = grant.refresh_token.ok_or_else(|| OAuthError::SignInRequired {
            provider: session.config.kind.label(),
            account: session.account.clone(),
            reason: "the provider gave no refresh token (offline access not granted)".into(),
        })?;
        session.keyring.set(&session.account, SecretKind::RefreshToken, &refresh)?;
        *session.access.try_lock().expect("new session") =
            Some(Access { token: grant.access_token, expires_at: grant.expires_at });
        Ok(session)
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    pub fn config(&self) -> &ProviderConfig {
        &self.config
    }

    /// A usable access token: the cached one, or a fresh one when it is about to expire.
    ///
    /// # Errors
    ///
    /// When a refresh is needed: [`OAuthError::SignInRequired`] when no refresh token is stored or
    /// the provider no longer accepts it; [`OAuthError::Transient`] when the token endpoint cannot
    /// be reached or fails on its side; [`OAuthError::TokenRefused`] or [`OAuthError::BadResponse`]
    /// for other refusals and unreadable answers; [`OAuthError::Keyring`] when the keyring cannot
    /// be read or written.
    pub async fn access_token(&self) -> Result<Secret> {
        let mut access = self.access.lock().await;
        match access.as_ref() {
            Some(a) if a.expires_at > Instant::now() + REFRESH_MARGIN => Ok(a.token.clone()),
            _ => self.refresh(&mut access).await,
        }
    }

    /// After the API refused `rejected` (HTTP 401): a new token, unless another request
    /// already replaced it, then that one.
    ///
    /// # Errors
    ///
    /// As [`Session::access_token`] when a refresh is needed.
    pub async fn token_rejected(&self, rejected: &Secret) -> Result<Secret> {
        let mut access = self.access.lock().await;
        match access.as_ref() {
            Some(a) if a.token != *rejected && a.expires_at > Instant::now() + REFRESH_MARGIN => Ok(a.token.clone()),
            _ => self.refresh(&mut access).await,
        }
    }

    async fn refresh(&self, access: &mut Option<Access>) -> Result<Secret> {
        let provider = self.config.kind.label();
        let stored =
            self.keyring.get(&self.account, SecretKind::RefreshToken)?.ok_or_else(|| OAuthError::SignInRequired {
                provider,
                account: self.account.clone(),
                reason: "no refresh token stored".into(),
            })?;
        let client = client(&self.config, None)?;
        let refresh_token = RefreshToken::new(stored.expose().to_string());
        let mut req = client.exchange_refresh_token(&refresh_token);
        if self.config.scopes_on_refresh {
            req = req.add_scopes(self.config.scopes.iter().cloned().map(Scope::new));
        }
        let grant = match req.request_async(&self.http).await {
            Ok(answer) => Grant::from_response(&answer),
            Err(e) => {
                *access = None;
                return Err(match token_error(&self.config, "refresh token", e) {
                    // RFC 6749 §5.2: the refresh token is revoked, expired or not this client's.
                    OAuthError::TokenRefused { error, .. } if error == "invalid_grant" => OAuthError::SignInRequired {
                        provider,
                        account: self.account.clone(),
                        reason: "the provider no longer accepts its refresh token".into(),
                    },
                    other => other,
                });
            }
        };
        // Microsoft rotates refresh tokens; the new one replaces the old.
        if let Some(new) = &grant.refresh_token {
            if new != &stored {
                self.keyring.set(&self.account, SecretKind::RefreshToken, new)?;
            }
        }
        let token = grant.access_token.clone();
        *access = Some(Access { token: grant.access_token, expires_at: grant.expires_at });
        Ok(token)
    }

    /// RFC 7009 revocation of a refresh token. By hand rather than through `oauth2`, which
    /// insists on HTTPS even for a local test server; here HTTPS is required except on the
    /// loopback interface.
    async fn revoke(&self, url: &url::Url, token: &Secret) -> Result<()> {
        let provider = self.config.kind.label();
        let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
        if url.scheme() != "https" && !loopback {
            return Err(OAuthError::Config { provider, reason: "the revocation endpoint must use HTTPS".into() });
        }
        let mut form = vec![
            ("token", token.expose()),
            ("token_type_hint", "refresh_token"),
            ("client_id", self.config.client_id.as_str()),
        ];
        if let Some(secret) = &self.config.client_secret {
            form.push(("client_secret", secret.expose()));
        }
        let shown = {
            let mut u = url.clone();
            u.set_query(None);
            u.to_string()
        };
        let resp = self.http.post(url.clone()).form(&form).send().await.map_err(|e| OAuthError::Transient {
            provider,
            url: shown.clone(),
            reason: if e.is_timeout() { "timed out".into() } else { "the connection failed".into() },
        })?;
        let status = resp.status();
        if status.is_success() {
            return Ok(());
        }
        let body: serde_json::Value =
            serde_json::from_slice(&resp.bytes().await.unwrap_or_default()).unwrap_or_default();
        // An already invalid token is as good as revoked.
        if body["error"] == "invalid_token" {
            return Ok(());
        }
        if status.is_server_error() {
            return Err(OAuthError::Transient { provider, url: shown, reason: format!("HTTP {}", status.as_u16()) });
        }
        Err(OAuthError::TokenRefused {
            provider,
            grant: "revocation",
            error: body["error"].as_str().unwrap_or("unknown").to_string(),
            description: body["error_description"].as_str().map(str::to_string),
        })
    }

    /// Signs the account out: revokes the refresh token where the provider can (Google;
    /// Microsoft has no revocation endpoint, the user removes the app's access in their
    /// account settings) and removes it from the keyring. The keyring entry is removed
    /// even when revocation fails, and that failure is returned.
    ///
    /// # Errors
    ///
    /// [`OAuthError::Keyring`] when the keyring cannot be read or the token removed;
    /// [`OAuthError::Transient`], [`OAuthError::TokenRefused`] or [`OAuthError::Config`] (a
    /// revocation endpoint without HTTPS) when revocation fails, after the token was removed.
    pub async fn disconnect(self) -> Result<()> {
        *self.access.lock().await = None;
        let stored = self.keyring.get(&self.account, SecretKind::RefreshToken)?;
        let outcome = match (stored, &self.config.revoke_url) {
            (Some(token), Some(url)) => self.revoke(url, &token).await,
            _ => Ok(()),
        };
        self.keyring.delete(&self.account, SecretKind::RefreshToken)?;
        outcome
    }
}
