//! A per-account certificate pin: a home server with a self-signed certificate nobody
//! trusts is usable once its fingerprint is pinned, and a server showing another certificate
//! than the pinned one is refused with a sentence naming the host, before the request (and
//! its password) is sent.

use miraage_caldav::{CalDavClient, CertPin, Credentials, Cursor, RemoteCalendar, Timeouts};
use miraage_sync::SyncError;
use rcgen::{CertificateParams, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

/// A self-signed certificate for `localhost`.
fn self_signed() -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["localhost".to_string()]).unwrap().self_signed(&key).unwrap();
    (cert.der().clone(), PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())))
}

/// An https server on localhost showing `cert`, answering every request with an empty 207;
/// counts the requests that reached it.
async fn tls_server(cert: CertificateDer<'static>, key: PrivateKeyDer<'static>) -> (String, Arc<AtomicUsize>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://localhost:{}/", listener.local_addr().unwrap().port());
    let requests = Arc::new(AtomicUsize::new(0));
    let seen = requests.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let seen = seen.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else { return };
                let mut buf = vec![0u8; 16 * 1024];
                if tls.read(&mut buf).await.unwrap_or(0) > 0 {
                    seen.fetch_add(1, Ordering::SeqCst);
                }
                let body = r#"<d:multistatus xmlns:d="DAV:"></d:multistatus>"#;
                let reply = format!(
                    "HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(reply.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (url, requests)
}

async fn read_calendar(url: &str, pin: Option<CertPin>) -> Result<(), SyncError> {
    let client = CalDavClient::with_options(url, Credentials::new("bob", "pw"), &Timeouts::default(), pin).unwrap();
    let calendar = RemoteCalendar {
        href: "/bob/cal/".into(),
        name: None,
        color: None,
        components: vec![],
        ctag: None,
        sync_token: None,
    };
    let cursor = Cursor::Etags { ctag: None, etags: Default::default() };
    client.changes_since(&calendar, Some(&cursor)).await.map(|_| ())
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
