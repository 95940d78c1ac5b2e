//! A server whose certificate comes from a private CA (a company's, a home server's): usable
//! once that CA is in the system's trust store, as the platform's other programs use it.
//!
//! Its own test binary: the system store is pointed at a test CA through `SSL_CERT_FILE`
//! (what OpenSSL-based programs read too), which is process-wide.

#[path = "support/tls.rs"]
mod tls;

use miraage_caldav::{CalDavClient, Credentials};
use miraage_sync::SyncError;
use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::sync::OnceLock;

/// A certificate for `localhost` and its key.
struct Leaf {
    cert: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
}

/// A private CA written to the file `SSL_CERT_FILE` names, a leaf it signed, and a second,
/// self-signed leaf nobody trusts. Made once per test binary.
fn certificates() -> &'static (Leaf, Leaf, tempfile::TempDir) {
    static CERTS: OnceLock<(Leaf, Leaf, tempfile::TempDir)> = OnceLock::new();
    CERTS.get_or_init(|| {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.distinguished_name.push(rcgen::DnType::CommonName, "Miraage test private CA");
        let ca = ca_params.self_signed(&ca_key).unwrap();
        let issuer = rcgen::Issuer::new(ca_params, ca_key);

        let leaf_key = KeyPair::generate().unwrap();
        let leaf =
            CertificateParams::new(vec!["localhost".to_string()]).unwrap().signed_by(&leaf_key, &issuer).unwrap();
        let stranger_key = KeyPair::generate().unwrap();
        let stranger =
            CertificateParams::new(vec!["localhost".to_string()]).unwrap().self_signed(&stranger_key).unwrap();

        let dir = tempfile::tempdir().unwrap();
        let bundle = dir.path().join("ca.pem");
        std::fs::write(&bundle, ca.pem()).unwrap();
        // Set once, before any client of this process reads the trust store.
        std::env::set_var("SSL_CERT_FILE", &bundle);
        std::env::remove_var("SSL_CERT_DIR");
        let leaf_of = |cert: rcgen::Certificate, key: KeyPair| Leaf {
            cert: cert.der().clone(),
            key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        };
        (leaf_of(leaf, leaf_key), leaf_of(stranger, stranger_key), dir)
    })
}

async fn read_calendar(url: &str) -> Result<(), SyncError> {
    tls::read_calendar(&CalDavClient::new(url, Credentials::new("bob", "pw")).unwrap()).await
}

#[tokio::test]
async fn a_server_signed_by_a_ca_in_the_system_store_is_trusted() {
    let (trusted, _, _) = certificates();
    let (url, _) = tls::tls_server(trusted.cert.clone(), trusted.key.clone_key()).await;
    read_calendar(&url).await.expect("the private CA from the system store is trusted");
}

#[tokio::test]
async fn a_certificate_nobody_trusts_is_a_tls_error_saying_so() {
    let (_, untrusted, _) = certificates();
    let (url, _) = tls::tls_server(untrusted.cert.clone(), untrusted.key.clone_key()).await;
    let err = read_calendar(&url).await.unwrap_err();
    let SyncError::Tls { reason, .. } = &err else { panic!("{err:?}") };
    assert!(reason.to_ascii_lowercase().contains("certificate"), "{reason}");
}
