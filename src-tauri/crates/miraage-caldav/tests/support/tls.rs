//! An https server on localhost for the certificate tests (private_ca.rs, certificate_pin.rs):
//! it shows the given certificate and answers every request with an empty 207 Multi-Status.

use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

/// Starts the server; answers its URL and the count of requests that reached it (after a
/// handshake the client accepted).
pub async fn tls_server(cert: CertificateDer<'static>, key: PrivateKeyDer<'static>) -> (String, Arc<AtomicUsize>) {
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

/// Reads an (empty) calendar from the server at `url` with `client`.
pub async fn read_calendar(client: &miraage_caldav::CalDavClient) -> Result<(), miraage_sync::SyncError> {
    let calendar = miraage_caldav::RemoteCalendar {
        href: "/bob/cal/".into(),
        name: None,
        color: None,
        components: vec![],
        ctag: None,
        sync_token: None,
    };
    let cursor = miraage_caldav::Cursor::Etags { ctag: None, etags: Default::default() };
    client.changes_since(&calendar, Some(&cursor)).await.map(|_| ())
}
