//! A per-account certificate pin: a home server with a self-signed certificate nobody
//! trusts is usable once its fingerprint is pinned, and a server showing another certificate
//! than the pinned one is refused with a sentence naming the host, before the request (and
//! its password) is sent.

#[path = "support/tls.rs"]
mod tls;

use miraage_caldav::{CalDavClient, CertPin, Credentials, Timeouts};
use miraage_sync::SyncError;
use rcgen::{CertificateParams, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::sync::atomic::Ordering;
use tls::tls_server;

/// A self-signed certificate for `localhost`.
fn self_signed() -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["localhost".to_string()]).unwrap().self_signed(&key).unwrap();
    (cert.der().clone(), PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())))
}

async fn read_calendar(url: &str, pin: Option<CertPin>) -> Result<(), SyncError> {
    let client = CalDavClient::with_options(url, Credentials::new("bob", "pw"), &Timeouts::default(), pin).unwrap();
    tls::read_calendar(&client).await
}

#[tokio::test]
async fn a_pinned_self_signed_certificate_is_accepted_and_another_refused_naming_the_host() {
    let (cert, key) = self_signed();
    let pin = CertPin::of(&cert);
    let (url, requests) = tls_server(cert, key).await;

    // Unpinned, a self-signed certificate is refused as untrusted.
    let err = read_calendar(&url, None).await.unwrap_err();
    assert!(matches!(err, SyncError::Tls { .. }), "{err:?}");
    // Pinned, it is accepted.
    read_calendar(&url, Some(pin)).await.expect("the pinned certificate is accepted");
    assert_eq!(requests.load(Ordering::SeqCst), 1);

    // A pin of another certificate: refused before the request is sent, naming the host.
    let (other, _) = self_signed();
    let err = read_calendar(&url, Some(CertPin::of(&other))).await.unwrap_err();
    let SyncError::Tls { reason, .. } = &err else { panic!("{err:?}") };
    assert!(reason.contains("the certificate of localhost does not match the one pinned"), "{reason}");
    assert!(reason.contains(&pin.to_string()), "it says which certificate the server shows: {reason}");
    assert_eq!(requests.load(Ordering::SeqCst), 1, "nothing was sent to the server");
}
