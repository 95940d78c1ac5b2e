//! The Google and Microsoft OAuth clients the user registered (Miraage has no server, so each
//! user brings their own; see `miraage-oauth/docs/oauth-setup.md`). A client id and tenant
//! are public and kept in the store's settings; a Google client secret goes to the keyring.
//!
//! Where a value comes from, first found wins: the environment (`MIRAAGE_GOOGLE_CLIENT_ID`,
//! …, for development and tests), the settings the user entered, then a default compiled
//! into this build (the same variables set when building, as a packaged app would carry).

use crate::context::CloudSettings;
use crate::error::{AccountsError, Result};
use miraage_oauth::{ProviderConfig, ProviderKind};
use miraage_secrets::{Keyring, Secret, SecretKind};
use miraage_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const KEY: &str = "accounts.oauth_clients";
/// The keyring "account" the Google client secret is filed under.
const GOOGLE_SECRET_ENTRY: &str = "oauth-client/google";

/// What the user entered for their OAuth clients.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OAuthClients {
    pub google_client_id: Option<String>,
    pub microsoft_client_id: Option<String>,
    /// `common`, `organizations`, `consumers`, a tenant GUID or a domain; null: `common`.
    pub microsoft_tenant: Option<String>,
}

/// Where the client a provider would use now comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ClientSource {
    Environment,
    Settings,
    BuiltIn,
    /// No client id anywhere: the user must enter one.
    Missing,
}

/// A provider's client as the Accounts panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClientStatus {
    pub client_id: Option<String>,
    pub source: ClientSource,
    /// Microsoft only.
    pub tenant: Option<String>,
    /// Google only: a client secret is known (never the secret itself).
    pub has_secret: bool,
}

/// The clients compiled into this build (set `MIRAAGE_GOOGLE_CLIENT_ID` and friends when
/// building a package).
fn built_in(name: &str) -> Option<&'static str> {
    match name {
        "MIRAAGE_GOOGLE_CLIENT_ID" => option_env!("MIRAAGE_GOOGLE_CLIENT_ID"),
        "MIRAAGE_GOOGLE_CLIENT_SECRET" => option_env!("MIRAAGE_GOOGLE_CLIENT_SECRET"),
        "MIRAAGE_MICROSOFT_CLIENT_ID" => option_env!("MIRAAGE_MICROSOFT_CLIENT_ID"),
        "MIRAAGE_MICROSOFT_TENANT" => option_env!("MIRAAGE_MICROSOFT_TENANT"),
        _ => None,
    }
    .filter(|v| !v.trim().is_empty())
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The saved clients (defaults when none were saved).
///
/// # Errors
/// When the store cannot be read.
pub fn load(store: &Store) -> Result<OAuthClients> {
    Ok(store.setting::<OAuthClients>(KEY)?.unwrap_or_default())
}

/// Checks and saves what the user entered for `kind`; `secret` (Google) goes to the keyring,
/// `Some("")` removes it, `None` keeps the one stored.
///
/// # Errors
/// [`AccountsError::Invalid`] naming the field when a client id or tenant cannot be one;
/// store and keyring failures.
pub fn save(
    store: &mut Store,
    keyring: &Keyring,
    kind: ProviderKind,
    client_id: &str,
    tenant: Option<&str>,
    secret: Option<&str>,
) -> Result<()> {
    let id = client_id.trim();
    if id.is_empty() || id.len() > 256 || !id.chars().all(|c| c.is_ascii_graphic()) {
        return Err(AccountsError::Invalid(format!(
            "“{}” is not a {} client ID: paste the ID shown where you registered the app (no spaces)",
            shorten(client_id),
            kind.label()
        )));
    }
    let mut saved = load(store)?;
    match kind {
        ProviderKind::Google => {
            saved.google_client_id = Some(id.to_string());
            match secret.map(str::trim) {
                Some("") => keyring.delete(GOOGLE_SECRET_ENTRY, SecretKind::ClientSecret)?,
                Some(s) => keyring.set(GOOGLE_SECRET_ENTRY, SecretKind::ClientSecret, &Secret::new(s))?,
                None => {}
            }
        }
        ProviderKind::Microsoft => {
            let tenant = tenant.map(str::trim).filter(|t| !t.is_empty());
            if let Some(t) = tenant {
                if t.len() > 128 || !t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.') {
                    return Err(AccountsError::Invalid(format!(
                        "“{}” is not a Microsoft tenant: use common, organizations, consumers, your tenant ID or your domain",
                        shorten(t)
                    )));
                }
            }
            saved.microsoft_client_id = Some(id.to_string());
            saved.microsoft_tenant = tenant.map(str::to_string);
        }
    }
    store.set_setting(KEY, &saved)?;
    Ok(())
}

fn shorten(s: &str) -> String {
    let t: String = s.chars().take(60).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// The value of one `MIRAAGE_*` variable, resolved as the module docs say.
fn lookup(saved: &OAuthClients, keyring: &Keyring, name: &str) -> (Option<String>, ClientSource) {
    if let Some(v) = env(name) {
        return (Some(v), ClientSource::Environment);
    }
    let from_settings = match name {
        "MIRAAGE_GOOGLE_CLIENT_ID" => saved.google_client_id.clone(),
        "MIRAAGE_MICROSOFT_CLIENT_ID" => saved.microsoft_client_id.clone(),
        "MIRAAGE_MICROSOFT_TENANT" => saved.microsoft_tenant.clone(),
        "MIRAAGE_GOOGLE_CLIENT_SECRET" if saved.google_client_id.is_some() => {
            keyring.get(GOOGLE_SECRET_ENTRY, SecretKind::ClientSecret).ok().flatten().map(|s| s.expose().to_string())
        }
        _ => None,
    };
    if let Some(v) = from_settings {
        return (Some(v), ClientSource::Settings);
    }
    match built_in(name) {
        Some(v) => (Some(v.to_string()), ClientSource::BuiltIn),
        None => (None, ClientSource::Missing),
    }
}

/// Where each provider's client comes from now, for the Accounts panel.
///
/// # Errors
/// When the store cannot be read.
pub fn status(store: &Store, keyring: &Keyring, kind: ProviderKind) -> Result<ClientStatus> {
    let saved = load(store)?;
    let p = kind.env_prefix();
    let (client_id, source) = lookup(&saved, keyring, &format!("{p}_CLIENT_ID"));
    Ok(match kind {
        ProviderKind::Google => ClientStatus {
            client_id,
            source,
            tenant: None,
            has_secret: lookup(&saved, keyring, "MIRAAGE_GOOGLE_CLIENT_SECRET").0.is_some(),
        },
        ProviderKind::Microsoft => ClientStatus {
            client_id,
            source,
            tenant: lookup(&saved, keyring, "MIRAAGE_MICROSOFT_TENANT").0,
            has_secret: false,
        },
    })
}

impl CloudSettings {
    /// The clients from the environment, the saved settings and this build's defaults, in
    /// that order; API roots from the environment (tests only).
    ///
    /// # Errors
    /// When the store cannot be read.
    pub fn resolve(store: &Store, keyring: &Keyring) -> Result<Self> {
        let saved = load(store)?;
        let config =
            |kind: ProviderKind| ProviderConfig::from_lookup(kind, |name| lookup(&saved, keyring, name).0).ok();
        Ok(CloudSettings {
            google: config(ProviderKind::Google),
            microsoft: config(ProviderKind::Microsoft),
            google_calendar_api: env("MIRAAGE_GOOGLE_CALENDAR_API"),
            google_tasks_api: env("MIRAAGE_GOOGLE_TASKS_API"),
            graph_api: env("MIRAAGE_GRAPH_API"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_id_entered_in_the_app_is_used_and_bad_ones_are_refused_by_name() {
        let mut store = Store::open_in_memory().unwrap();
        let keyring = Keyring::with_service("miraage-test-oauth-clients-unused");
        let e = save(&mut store, &keyring, ProviderKind::Microsoft, "has spaces in it", None, None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("Microsoft") && e.contains("client ID"), "{e}");
        let e = save(&mut store, &keyring, ProviderKind::Microsoft, "abc-123", Some("bad tenant!"), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("tenant"), "{e}");
        save(&mut store, &keyring, ProviderKind::Microsoft, " abc-123 ", Some("contoso.onmicrosoft.com"), None)
            .unwrap();
        let saved = load(&store).unwrap();
        assert_eq!(saved.microsoft_client_id.as_deref(), Some("abc-123"));
        if env("MIRAAGE_MICROSOFT_CLIENT_ID").is_none() {
            let s = status(&store, &keyring, ProviderKind::Microsoft).unwrap();
            assert_eq!((s.client_id.as_deref(), s.source), (Some("abc-123"), ClientSource::Settings));
            let cloud = CloudSettings::resolve(&store, &keyring).unwrap();
            let ms = cloud.microsoft.expect("configured from the settings");
            assert_eq!(ms.client_id, "abc-123");
            assert!(ms.auth_url.as_str().contains("contoso.onmicrosoft.com"), "{}", ms.auth_url);
        }
    }
}
