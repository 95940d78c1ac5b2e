//! One sign-in: the consent URL with `state` and a PKCE S256 challenge, the redirect's
//! check, and the exchange of the code (with the verifier) for tokens.

use crate::browser::Browser;
use crate::config::ProviderConfig;
use crate::error::{OAuthError, Result};
use crate::loopback::{Loopback, Verdict};
use miraage_secrets::Secret;
use oauth2::basic::{BasicClient, BasicErrorResponse, BasicTokenResponse};
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope, TokenResponse, TokenUrl,
};
use std::time::{Duration, Instant};
use url::Url;

pub(crate) type Client = BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

/// The oauth2 client for `config`; `redirect` only for the code flow.
pub(crate) fn client(config: &ProviderConfig, redirect: Option<&str>) -> Result<Client> {
    let bad = |what: &str, e: &dyn std::fmt::Display| OAuthError::Config {
        provider: config.kind.label(),
        reason: format!("{what}: {e}"),
    };
    let mut c = BasicClient::new(ClientId::new(config.client_id.clone()))
        .set_auth_uri(AuthUrl::from_url(config.auth_url.clone()))
        .set_token_uri(TokenUrl::from_url(config.token_url.clone()));
    if let Some(secret) = &config.client_secret {
        c = c.set_client_secret(ClientSecret::new(secret.expose().to_string()));
    }
    if let Some(r) = redirect {
        c = c.set_redirect_uri(RedirectUrl::new(r.to_string()).map_err(|e| bad("invalid redirect URI", &e))?);
    }
    Ok(c)
}

/// An HTTP client for the token endpoint: no redirects (RFC 6749 §3.2 answers directly, and
/// a redirect must not carry a code elsewhere).
pub(crate) fn http() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| OAuthError::Config {
            provider: "OAuth",
            reason: format!("cannot set up HTTPS: {}", e.without_url()),
        })
}

/// What a successful sign-in (or refresh) gives.
#[derive(Debug)]
pub struct Grant {
    pub access_token: Secret,
    /// Absent when the provider keeps the old one (Google on a refresh).
    pub refresh_token: Option<Secret>,
    /// When the access token stops working, by the local clock.
    pub expires_at: Instant,
    /// The scopes granted, when the provider says (users may untick some at Google).
    pub scopes: Option<Vec<String>>,
}

/// Access tokens without an `expires_in` are taken to last this long.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);

impl Grant {
    pub(crate) fn from_response(r: &BasicTokenResponse) -> Self {
        Grant {
            access_token: Secret::new(r.access_token().secret().clone()),
            refresh_token: r.refresh_token().map(|t| Secret::new(t.secret().clone())),
            expires_at: Instant::now() + r.expires_in().unwrap_or(DEFAULT_LIFETIME),
            scopes: r.scopes().map(|s| s.iter().map(|s| s.to_string()).collect()),
        }
    }
}

/// Maps a token endpoint failure without repeating what was sent or the raw body.
pub(crate) fn token_error(
    config: &ProviderConfig,
    grant: &'static str,
    e: RequestTokenError<oauth2::HttpClientError<reqwest::Error>, BasicErrorResponse>,
) -> OAuthError {
    let provider = config.kind.label();
    let url = config.token_url.to_string();
    match e {
        RequestTokenError::ServerResponse(r) => OAuthError::TokenRefused {
            provider,
            grant,
            error: r.error().as_ref().to_string(),
            description: r.error_description().cloned(),
        },
        RequestTokenError::Request(oauth2::HttpClientError::Reqwest(e)) => {
            let reason = if e.is_timeout() {
                "timed out"
            } else if e.is_connect() {
                "cannot connect"
            } else {
                "the connection failed"
            };
            OAuthError::Transient { provider, url, reason: reason.into() }
        }
        RequestTokenError::Request(_) => OAuthError::Transient { provider, url, reason: "the request failed".into() },
        // The body is not shown: a half-broken answer could still hold a token.
        RequestTokenError::Parse(_, body) => {
            OAuthError::BadResponse { provider, url, reason: format!("unreadable token answer ({} bytes)", body.len()) }
        }
        RequestTokenError::Other(reason) if reason.contains("status code 5") => {
            OAuthError::Transient { provider, url, reason }
        }
        RequestTokenError::Other(reason) => OAuthError::BadResponse { provider, url, reason },
    }
}

/// One sign-in attempt. Holds the PKCE verifier and the `state` until the redirect comes.
pub struct SignIn {
    config: ProviderConfig,
    redirect_uri: String,
    authorize_url: Url,
    state: CsrfToken,
    verifier: PkceCodeVerifier,
}

impl SignIn {
    /// Starts a sign-in whose redirect comes back to `redirect_uri` (a loopback URI, or
    /// `miraage://auth` for a deep link).
    ///
    /// # Errors
    ///
    /// [`OAuthError::Config`] when `redirect_uri` is not a valid URL.
    pub fn start(config: &ProviderConfig, redirect_uri: &str) -> Result<Self> {
        let client = client(config, Some(redirect_uri))?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut req = client
            .authorize_url(CsrfToken::new_random)
            .add_scopes(config.scopes.iter().cloned().map(Scope::new))
            .set_pkce_challenge(challenge);
        for (k, v) in &config.auth_params {
            req = req.add_extra_param(k.clone(), v.clone());
        }
        let (authorize_url, state) = req.url();
        Ok(SignIn { config: config.clone(), redirect_uri: redirect_uri.to_string(), authorize_url, state, verifier })
    }

    /// The consent page to show in the browser.
    pub fn authorize_url(&self) -> &Url {
        &self.authorize_url
    }

    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Whether a redirected URL carries this sign-in's `state`.
    pub fn state_matches(&self, redirected: &Url) -> bool {
        redirected.query_pairs().any(|(k, v)| k == "state" && v == self.state.secret().as_str())
    }

    /// Reads the code out of the redirected URL after checking `state` and errors.
    ///
    /// # Errors
    ///
    /// [`OAuthError::StateMismatch`] when the URL does not carry this sign-in's `state`;
    /// [`OAuthError::Denied`] when the provider sent an error (consent refused);
    /// [`OAuthError::BadRedirect`] when it holds no code.
    pub fn code_from(&self, redirected: &Url) -> Result<AuthorizationCode> {
        let get = |name: &str| redirected.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
        if !self.state_matches(redirected) {
            return Err(OAuthError::StateMismatch);
        }
        if let Some(error) = get("error") {
            return Err(OAuthError::Denied {
                provider: self.config.kind.label(),
                error,
                description: get("error_description"),
            });
        }
        get("code")
            .filter(|c| !c.is_empty())
            .map(AuthorizationCode::new)
            .ok_or_else(|| OAuthError::BadRedirect { reason: "no code in it".into() })
    }

    /// Finishes with the URL the provider redirected to (from the loopback listener, or a
    /// `miraage://auth?code=…&state=…` deep link fed by the shell).
    ///
    /// # Errors
    ///
    /// [`OAuthError::BadRedirect`] when `redirected_url` is not a URL, does not go to the redirect
    /// URI or holds no code; the errors of [`SignIn::code_from`]; for the exchange,
    /// [`OAuthError::TokenRefused`] when the token endpoint refuses the code,
    /// [`OAuthError::Transient`] when it cannot be reached or fails on its side,
    /// [`OAuthError::BadResponse`] when its answer is unreadable.
    pub async fn finish(self, redirected_url: &str) -> Result<Grant> {
        let url =
            Url::parse(redirected_url).map_err(|e| OAuthError::BadRedirect { reason: format!("not a URL: {e}") })?;
        let expected = Url::parse(&self.redirect_uri).map_err(|e| OAuthError::BadRedirect { reason: e.to_string() })?;
        // Same place as the redirect URI sent (the port of a loopback URI may differ).
        if url.scheme() != expected.scheme() || url.host_str() != expected.host_str() || url.path() != expected.path() {
            return Err(OAuthError::BadRedirect { reason: format!("it does not go to {}", expected.as_str()) });
        }
        let code = self.code_from(&url)?;
        self.exchange(code).await
    }

    async fn exchange(self, code: AuthorizationCode) -> Result<Grant> {
        let client = client(&self.config, Some(&self.redirect_uri))?;
        let http = http()?;
        let answer = client
            .exchange_code(code)
            .set_pkce_verifier(self.verifier)
            .request_async(&http)
            .await
            .map_err(|e| token_error(&self.config, "authorization code", e))?;
        Ok(Grant::from_response(&answer))
    }
}

/// The whole desktop sign-in: listens on a loopback port, opens the consent page with
/// `browser`, waits up to `wait` for the redirect, checks it and exchanges the code.
///
/// # Errors
///
/// [`OAuthError::Listener`] when no loopback port can be bound or a connection fails;
/// [`OAuthError::Config`] for an unusable configuration; [`OAuthError::Browser`] when the browser
/// cannot be opened; [`OAuthError::TimedOut`] when no redirect of this sign-in came within
/// `wait` (requests with another `state` are answered and ignored); the errors of
/// [`SignIn::code_from`] for the redirect that came (refused consent, no code); and the
/// exchange's errors as in [`SignIn::finish`].
pub async fn sign_in_with_loopback(config: &ProviderConfig, browser: &dyn Browser, wait: Duration) -> Result<Grant> {
    let loopback = Loopback::bind().await?;
    let sign_in = SignIn::start(config, &loopback.redirect_uri(&config.loopback_host))?;
    browser.open(sign_in.authorize_url()).map_err(|reason| OAuthError::Browser { reason })?;
    let redirected = loopback
        .receive(wait, |url| match sign_in.code_from(url) {
            Ok(_) => Verdict::Accepted,
            Err(OAuthError::StateMismatch) => Verdict::Foreign,
            Err(_) => Verdict::Refused,
        })
        .await?;
    let code = sign_in.code_from(&redirected)?;
    sign_in.exchange(code).await
}
