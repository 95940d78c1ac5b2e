//! Per-account certificate pins (see [`miraage_caldav::CertPin`]), kept in the settings: a
//! fingerprint is public, not a secret.

use miraage_caldav::CertPin;
use miraage_domain::AccountId;
use miraage_store::Store;
use std::collections::BTreeMap;

/// The setting that maps account ids to pinned SHA-256 fingerprints.
pub const SETTING: &str = "certificate_pins";

/// The pins of every account that has one.
#[derive(Debug, Clone, Default)]
pub struct CertificatePins(BTreeMap<String, CertPin>);

impl CertificatePins {
    /// The saved pins; one that no longer reads is left out (the account then uses the
    /// trusted roots, and a server they do not trust is refused as before).
    pub fn load(store: &Store) -> Self {
        let saved: BTreeMap<String, String> = store.setting(SETTING).ok().flatten().unwrap_or_default();
        CertificatePins(saved.into_iter().filter_map(|(id, pin)| Some((id, CertPin::parse(&pin).ok()?))).collect())
    }

    pub fn get(&self, account: &AccountId) -> Option<CertPin> {
        self.0.get(account.as_str()).copied()
    }

    /// Saves `pin` for `account` (`None` removes it).
    ///
    /// # Errors
    /// The store's error when the setting cannot be written.
    pub fn save(store: &mut Store, account: &AccountId, pin: Option<CertPin>) -> Result<(), miraage_store::StoreError> {
        let mut saved: BTreeMap<String, String> = store.setting(SETTING)?.unwrap_or_default();
        match pin {
            Some(pin) => saved.insert(account.to_string(), pin.to_string()),
            None => saved.remove(account.as_str()),
        };
        store.set_setting(SETTING, &saved)
    }
}
