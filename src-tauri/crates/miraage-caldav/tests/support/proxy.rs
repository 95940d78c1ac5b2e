//! A fault-injecting HTTP proxy in front of a real server: it forwards every request, except
//! that it can answer writes with 503 (a server in trouble) or forward a write and then drop
//! the connection without an answer (the answer was lost: the server has the write, the
//! client does not know).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Default)]
pub struct Faults {
    /// Answer this many PUT/DELETE requests with 503 without forwarding them.
    pub fail_writes: AtomicUsize,
    /// Forward this many PUT/DELETE requests, then close the connection without answering.
    pub lose_answers: AtomicUsize,
    /// Writes forwarded so far.
    pub writes_forwarded: AtomicUsize,
}

pub struct Proxy {
    pub url: String,
    pub faults: Arc<Faults>,
}

impl Proxy {
    /// Starts the proxy on the current tokio runtime, forwarding to `upstream` (a base URL).
    pub async fn start(upstream: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let faults = Arc::new(Faults::default());
        let upstream = upstream.trim_end_matches('/').to_string();
        let f = faults.clone();
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            loop {
                let Ok((sock, _)) = listener.accept().await else {
                    return;
                };
                tokio::spawn(serve(sock, client.clone(), upstream.clone(), f.clone()));
            }
        });
        Proxy { url, faults }
    }
}

fn take(counter: &AtomicUsize) -> bool {
    counter.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok()
}

async fn serve(mut sock: TcpStream, client: reqwest::Client, upstream: String, faults: Arc<Faults>) {
    let mut buf = Vec::new();
    loop {
        // Read one request: the head, then Content-Length bytes of body.
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let mut chunk = [0u8; 8192];
            match sock.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
        let mut lines = head.split("\r\n");
        let mut first = lines.next().unwrap_or_default().split(' ');
        let (method, path) =
            (first.next().unwrap_or_default().to_string(), first.next().unwrap_or_default().to_string());
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
            .collect();
        let length: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        while buf.len() < head_end + length {
            let mut chunk = [0u8; 8192];
            match sock.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let body = buf[head_end..head_end + length].to_vec();
        buf.drain(..head_end + length);

        let write = method == "PUT" || method == "DELETE";
        if write && take(&faults.fail_writes) {
            let msg = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\n\r\n";
            if sock.write_all(msg.as_bytes()).await.is_err() {
                return;
            }
            continue;
        }
        let mut rb = client
            .request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), format!("{upstream}{path}"))
            .body(body);
        for (k, v) in &headers {
            if !matches!(
                k.to_ascii_lowercase().as_str(),
                "host" | "content-length" | "connection" | "transfer-encoding"
            ) {
                rb = rb.header(k.as_str(), v.as_str());
            }
        }
        let Ok(resp) = rb.send().await else { return };
        if write {
            faults.writes_forwarded.fetch_add(1, Ordering::SeqCst);
            if take(&faults.lose_answers) {
                // The server did the write; the client never hears of it.
                return;
            }
        }
        let status = resp.status();
        let mut out = format!("HTTP/1.1 {} {}\r\n", status.as_u16(), status.canonical_reason().unwrap_or(""));
        for (k, v) in resp.headers() {
            if !matches!(k.as_str(), "content-length" | "connection" | "transfer-encoding") {
                out.push_str(&format!("{}: {}\r\n", k, v.to_str().unwrap_or("")));
            }
        }
        let bytes = resp.bytes().await.unwrap_or_default();
        out.push_str(&format!("Content-Length: {}\r\n\r\n", bytes.len()));
        if sock.write_all(out.as_bytes()).await.is_err() || sock.write_all(&bytes).await.is_err() {
            return;
        }
    }
}
