//! A CalDAV account's certificate pin is saved in the settings and taken by the sync context
//! that connects the account; a fingerprint that does not read, or an account that is not
//! CalDAV, is refused with a sentence naming what is wrong, and nothing changes. (The TLS
//! side, a pinned self-signed server accepted and another certificate refused naming the
//! host, is miraage-caldav's tests/certificate_pin.rs.)

use miraage_accounts::{CertPin, CertificatePins, SyncContext};
use miraage_domain::Provider;
use miraage_services::{accounts, ErrorCode};
use miraage_store::Store;

const PIN: &str = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

#[test]
fn a_pin_is_saved_for_a_caldav_account_and_bad_ones_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    let home = store.add_account("Home", Provider::CalDav, Some("https://nas.local/dav/"), Some("anna")).unwrap();
    store.add_account("Holidays", Provider::IcsSubscription, Some("https://example.com/h.ics"), None).unwrap();

    accounts::pin_certificate(&mut store, "Home", Some(&PIN.replace(':', "").to_lowercase())).unwrap();
    let pinned = CertPin::parse(PIN).unwrap();
    assert_eq!(CertificatePins::load(&store).get(&home.id), Some(pinned));
    assert_eq!(SyncContext::for_store(chrono_tz::UTC, &store).pins.get(&home.id), Some(pinned), "connect uses it");

    let err = accounts::pin_certificate(&mut store, "Home", Some("AB:CD")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    assert!(err.to_string().contains("certificate fingerprint") && err.to_string().contains("64 hexadecimal"), "{err}");
    let err = accounts::pin_certificate(&mut store, "Holidays", Some(PIN)).unwrap_err();
    assert!(err.to_string().contains("a CalDAV account"), "{err}");
    assert_eq!(CertificatePins::load(&store).get(&home.id), Some(pinned), "unchanged");

    accounts::pin_certificate(&mut store, "Home", None).unwrap();
    assert_eq!(CertificatePins::load(&store).get(&home.id), None);
}
