//! The desktop sign-in end to end: a fake authorization server on 127.0.0.1, the test playing
//! the browser over real HTTP, the loopback listener, PKCE checked by the server, and the
//! refresh token in the real OS keyring (run under `.ci/keyring-session.sh`).

use miraage_oauth::fake::FakeAuth;
use miraage_oauth::{sign_in_with_loopback, Browser, Keyring, OAuthError, ProviderKind, Session, SignIn};
use miraage_secrets::SecretKind;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use url::Url;

const WAIT: Duration = Duration::from_secs(10);

fn keyring(test: &str) -> Keyring {
    Keyring::with_service(format!("app.miraage.test.oauth.{test}.{}", std::process::id()))
}

/// Plays the user's browser: fetches the consent URL and follows its redirect to the
/// loopback listener, recording the page the listener answered with.
#[derive(Default, Clone)]
struct PlayBrowser {
    opened: Arc<Mutex<Option<Url>>>,
    page: Arc<Mutex<Option<(u16, String)>>>,
}

impl Browser for PlayBrowser {
    fn open(&self, url: &Url) -> Result<(), String> {
        *self.opened.lock().unwrap() = Some(url.clone());
        let (url, page) = (url.clone(), self.page.clone());
        tokio::spawn(async move {
            let resp = reqwest::get(url).await.expect("the redirect reaches the loopback listener");
            let status = resp.status().as_u16();
            *page.lock().unwrap() = Some((status, resp.text().await.unwrap_or_default()));
        });
        Ok(())
    }
}

/// A browser the user closed: nothing ever comes back.
struct ClosedBrowser;
impl Browser for ClosedBrowser {
    fn open(&self, _: &Url) -> Result<(), String> {
        Ok(())
    }
}

fn assert_no_secret(text: &str) {
    for needle in ["fake-access-", "fake-refresh-", "fake-code-"] {
        assert!(!text.contains(needle), "a token or code leaked into {text:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn loopback_sign_in_stores_the_refresh_token_and_refreshes() {
    let fake = FakeAuth::start().await;
    let config = fake.config(ProviderKind::Google);
    let browser = PlayBrowser::default();
    let grant = sign_in_with_loopback(&config, &browser, WAIT).await.unwrap();
    assert_eq!(fake.code_exchanges(), 1);

    // The consent URL asked for PKCE S256, the least scopes and offline access.
    let opened = browser.opened.lock().unwrap().clone().unwrap();
    let q: std::collections::HashMap<_, _> = opened.query_pairs().into_owned().collect();
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["access_type"], "offline");
    assert!(q["scope"].contains("https://www.googleapis.com/auth/tasks"));
    assert!(q["redirect_uri"].starts_with("http://127.0.0.1:") && q["redirect_uri"].ends_with("/oauth/callback"));
    // The listener told the user to go back to the app.
    let (status, page) = answered_page(&browser).await.expect("the browser got the listener's page");
    assert_eq!(status, 200);
    assert!(page.contains("return to Miraage"), "{page}");

    let ring = keyring("loopback");
    let first_access = grant.access_token.clone();
    let session = Session::connect(config, ring.clone(), "acct-1", grant).unwrap();
    let stored = ring.get("acct-1", SecretKind::RefreshToken).unwrap().expect("refresh token in the keyring");
    assert!(fake.refresh_token_valid(stored.expose()));

    // A valid access token is reused, not refreshed.
    assert_eq!(session.access_token().await.unwrap(), first_access);
    assert_eq!(fake.refreshes(), 0);
    // The API refused it (401): a new one is fetched with the stored refresh token.
    fake.expire_access_tokens();
    let second = session.token_rejected(&first_access).await.unwrap();
    assert_ne!(second, first_access);
    assert!(fake.accepts(second.expose()));
    assert_eq!(fake.refreshes(), 1);
    // A second caller that saw the same rejection gets the new token without a refresh.
    assert_eq!(session.token_rejected(&first_access).await.unwrap(), second);
    assert_eq!(fake.refreshes(), 1);

    // A resumed session (the app restarted) reads the refresh token from the keyring.
    let resumed = Session::resume(fake.config(ProviderKind::Google), ring.clone(), "acct-1").unwrap();
    let resumed_token = resumed.access_token().await.unwrap();
    assert!(fake.accepts(resumed_token.expose()));
    assert_eq!(fake.refreshes(), 2);

    // Disconnect revokes at Google and forgets the token.
    session.disconnect().await.unwrap();
    assert_eq!(fake.revoked(), vec![stored.expose().to_string()]);
    assert!(ring.get("acct-1", SecretKind::RefreshToken).unwrap().is_none());
    let err = resumed.token_rejected(&resumed_token).await.unwrap_err();
    assert!(matches!(err, OAuthError::SignInRequired { .. }), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn tokens_about_to_expire_are_refreshed_before_use() {
    let fake = FakeAuth::start().await;
    fake.set_access_lifetime(60); // inside the refresh margin: never worth sending
    let ring = keyring("expiry");
    ring.set("acct", SecretKind::RefreshToken, &miraage_oauth::Secret::new(fake.issue_refresh_token())).unwrap();
    let session = Session::resume(fake.config(ProviderKind::Google), ring.clone(), "acct").unwrap();
    session.access_token().await.unwrap();
    session.access_token().await.unwrap();
    assert_eq!(fake.refreshes(), 2);
    fake.set_access_lifetime(3600);
    session.access_token().await.unwrap();
    session.access_token().await.unwrap();
    assert_eq!(fake.refreshes(), 3);
    ring.forget("acct").unwrap();
}

/// Waits until the browser task recorded the page the listener answered with (the sign-in can
/// end before that task has read the page's body).
async fn answered_page(browser: &PlayBrowser) -> Option<(u16, String)> {
    for _ in 0..250 {
        if let Some(page) = browser.page.lock().unwrap().clone() {
            return Some(page);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

async fn page_status(browser: &PlayBrowser) -> Option<u16> {
    answered_page(browser).await.map(|(status, _)| status)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redirect_with_another_state_is_refused_and_exchanges_nothing() {
    let fake = FakeAuth::start().await;
    fake.set_tamper_state(true);
    let browser = PlayBrowser::default();
    let err = sign_in_with_loopback(&fake.config(ProviderKind::Google), &browser, Duration::from_millis(1500))
        .await
        .unwrap_err();
    // Not this sign-in's answer: ignored, so the wait runs out.
    assert!(matches!(err, OAuthError::TimedOut { .. }), "{err}");
    assert_eq!(fake.code_exchanges(), 0);
    assert_eq!(page_status(&browser).await, Some(400));
}

/// A local process that knows the listener's port sends a forged redirect first; then the
/// real browser comes back from the consent page.
struct ForgerThenBrowser(PlayBrowser);

impl Browser for ForgerThenBrowser {
    fn open(&self, url: &Url) -> Result<(), String> {
        let redirect_uri = url.query_pairs().find(|(k, _)| k == "redirect_uri").unwrap().1.into_owned();
        let (real, url) = (self.0.clone(), url.clone());
        tokio::spawn(async move {
            let forged = reqwest::get(format!("{redirect_uri}?code=forged&state=forged")).await.unwrap();
            assert_eq!(forged.status().as_u16(), 400, "the forged redirect is refused");
            real.open(&url).unwrap();
        });
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_foreign_request_does_not_end_the_sign_in() {
    let fake = FakeAuth::start().await;
    let browser = PlayBrowser::default();
    let grant = sign_in_with_loopback(&fake.config(ProviderKind::Google), &ForgerThenBrowser(browser.clone()), WAIT)
        .await
        .expect("the real redirect after the forged one signs in");
    assert!(grant.refresh_token.is_some());
    assert_eq!(fake.code_exchanges(), 1);
    assert_eq!(page_status(&browser).await, Some(200));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_consent_is_reported() {
    let fake = FakeAuth::start().await;
    fake.set_deny(true);
    let err =
        sign_in_with_loopback(&fake.config(ProviderKind::Microsoft), &PlayBrowser::default(), WAIT).await.unwrap_err();
    assert!(matches!(&err, OAuthError::Denied { error, .. } if error == "access_denied"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn no_redirect_times_out_cleanly() {
    let fake = FakeAuth::start().await;
    let started = std::time::Instant::now();
    let err = sign_in_with_loopback(&fake.config(ProviderKind::Google), &ClosedBrowser, Duration::from_millis(300))
        .await
        .unwrap_err();
    assert!(matches!(err, OAuthError::TimedOut { .. }), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// Follows the consent page without following its redirect: the deep link the OS would
/// hand to the app.
async fn consent_redirect(sign_in: &SignIn) -> String {
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let resp = http.get(sign_in.authorize_url().clone()).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 302);
    resp.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deep_link_redirect_finishes_the_sign_in() {
    let fake = FakeAuth::start().await;
    fake.set_rotate_refresh(true);
    let config = fake.config(ProviderKind::Microsoft);
    let sign_in = SignIn::start(&config, "miraage://auth").unwrap();
    let link = consent_redirect(&sign_in).await;
    assert!(link.starts_with("miraage://auth?code="), "{link}");
    let grant = sign_in.finish(&link).await.unwrap();

    let ring = keyring("deeplink");
    let session = Session::connect(config.clone(), ring.clone(), "ms", grant).unwrap();
    let first_refresh = ring.get("ms", SecretKind::RefreshToken).unwrap().unwrap();
    // Microsoft rotates refresh tokens: the keyring gets the new one.
    fake.expire_access_tokens();
    session.access_token().await.unwrap(); // still cached locally
    let rejected = session.access_token().await.unwrap();
    session.token_rejected(&rejected).await.unwrap();
    let second_refresh = ring.get("ms", SecretKind::RefreshToken).unwrap().unwrap();
    assert_ne!(first_refresh, second_refresh);
    assert!(!fake.refresh_token_valid(first_refresh.expose()) && fake.refresh_token_valid(second_refresh.expose()));
    // No revocation endpoint at Microsoft: disconnect only forgets.
    session.disconnect().await.unwrap();
    assert!(fake.revoked().is_empty());
    assert!(ring.get("ms", SecretKind::RefreshToken).unwrap().is_none());

    // A link with another state, or to another place, is refused.
    let sign_in = SignIn::start(&config, "miraage://auth").unwrap();
    let err = sign_in.finish("miraage://auth?code=abc&state=forged").await.unwrap_err();
    assert!(matches!(err, OAuthError::StateMismatch), "{err}");
    let sign_in = SignIn::start(&config, "miraage://auth").unwrap();
    let err = sign_in.finish("https://evil.example/auth?code=abc").await.unwrap_err();
    assert!(matches!(err, OAuthError::BadRedirect { .. }), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn refused_tokens_and_codes_never_appear_in_errors() {
    let fake = FakeAuth::start().await;
    let config = fake.config(ProviderKind::Google);
    // A code replayed after its exchange is refused by the server.
    let sign_in = SignIn::start(&config, "miraage://auth").unwrap();
    let link = consent_redirect(&sign_in).await;
    sign_in.finish(&link).await.unwrap();
    let replay = SignIn::start(&config, "miraage://auth").unwrap();
    let state = Url::parse(replay.authorize_url().as_str())
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    let code = Url::parse(&link).unwrap().query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned();
    let err = replay.finish(&format!("miraage://auth?code={code}&state={state}")).await.unwrap_err();
    assert!(matches!(&err, OAuthError::TokenRefused { error, .. } if error == "invalid_grant"), "{err}");

    // A refresh token the provider no longer accepts: sign in again.
    let ring = keyring("leak");
    ring.set("acct", SecretKind::RefreshToken, &miraage_oauth::Secret::new("fake-refresh-unknown")).unwrap();
    let session = Session::resume(config, ring.clone(), "acct").unwrap();
    let refused = session.access_token().await.unwrap_err();
    assert!(matches!(refused, OAuthError::SignInRequired { .. }), "{refused}");
    for e in [&err, &refused] {
        assert_no_secret(&e.to_string());
        assert_no_secret(&format!("{e:?}"));
    }
    assert_no_secret(&format!("{session:?}"));
    ring.forget("acct").unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_rejections_make_one_refresh() {
    let fake = FakeAuth::start().await;
    let ring = keyring("concurrent");
    ring.set("acct", SecretKind::RefreshToken, &miraage_oauth::Secret::new(fake.issue_refresh_token())).unwrap();
    let session = Arc::new(Session::resume(fake.config(ProviderKind::Google), ring.clone(), "acct").unwrap());
    let first = session.access_token().await.unwrap();
    assert_eq!(fake.refreshes(), 1);
    fake.expire_access_tokens();
    // Eight requests got a 401 with the same token at once: one refresh serves them all.
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (s, t) = (session.clone(), first.clone());
            tokio::spawn(async move { s.token_rejected(&t).await.unwrap() })
        })
        .collect();
    let mut tokens = Vec::new();
    for t in tasks {
        tokens.push(t.await.unwrap());
    }
    assert_eq!(fake.refreshes(), 2);
    assert!(tokens.iter().all(|t| *t == tokens[0] && fake.accepts(t.expose())));
    ring.forget("acct").unwrap();
}
