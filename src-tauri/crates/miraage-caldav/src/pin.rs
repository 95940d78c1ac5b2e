//! A per-account certificate pin: the SHA-256 fingerprint of the server's certificate, as
//! `openssl x509 -noout -fingerprint -sha256` prints it. With a pin, the server must show
//! exactly that certificate (a self-signed one on a home server works then), and any other
//! is refused before a byte of the request is sent, with a sentence naming the host. The
//! handshake's signatures are still verified against the pinned certificate's key.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, OtherError, SignatureScheme};
use std::fmt;
use std::sync::Arc;

/// A SHA-256 certificate fingerprint.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CertPin([u8; 32]);

impl CertPin {
    /// Reads 64 hex digits, with or without colons or spaces, in either case.
    ///
    /// # Errors
    /// A sentence saying what a fingerprint looks like.
    pub fn parse(text: &str) -> Result<Self, String> {
        let hex: String = text.chars().filter(|c| !matches!(c, ':' | ' ')).collect();
        let hex = hex.strip_prefix("sha256/").unwrap_or(&hex).to_string();
        let bad = || {
            format!(
                "{text:?} is not a SHA-256 certificate fingerprint: give its 64 hexadecimal digits, \
                 as `openssl x509 -noout -fingerprint -sha256` prints them"
            )
        };
        if hex.len() != 64 || !hex.is_ascii() {
            return Err(bad());
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
        }
        Ok(CertPin(out))
    }

    /// The fingerprint of a certificate (DER).
    pub fn of(cert: &[u8]) -> Self {
        let digest = ring::digest::digest(&ring::digest::SHA256, cert);
        let mut out = [0u8; 32];
        out.copy_from_slice(digest.as_ref());
        CertPin(out)
    }
}

impl fmt::Display for CertPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|b| format!("{b:02X}")).collect();
        f.write_str(&parts.join(":"))
    }
}

impl fmt::Debug for CertPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CertPin({self})")
    }
}

/// Accepts the pinned certificate only.
#[derive(Debug)]
struct PinVerifier {
    pin: CertPin,
    host: String,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for PinVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let shown = CertPin::of(end_entity);
        if shown == self.pin {
            return Ok(ServerCertVerified::assertion());
        }
        let why = format!(
            "the certificate of {} does not match the one pinned for this account (it shows SHA-256 {shown}); \
             if the server's certificate was renewed, pin the new one",
            self.host
        );
        Err(rustls::Error::InvalidCertificate(CertificateError::Other(OtherError(Arc::new(PinMismatch(why))))))
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

#[derive(Debug)]
struct PinMismatch(String);

impl fmt::Display for PinMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PinMismatch {}

/// The TLS configuration that accepts `host`'s pinned certificate only.
pub(crate) fn tls_config(pin: CertPin, host: &str) -> rustls::ClientConfig {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(PinVerifier { pin, host: host.to_string(), provider }))
        .with_no_client_auth()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_read_with_or_without_colons_and_print_as_openssl_does() {
        let text = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
        let pin = CertPin::parse(text).unwrap();
        assert_eq!(pin.to_string(), text);
        assert_eq!(CertPin::parse(&text.replace(':', "").to_ascii_lowercase()).unwrap(), pin);
        let err = CertPin::parse("AB:CD").unwrap_err();
        assert!(err.contains("64 hexadecimal digits"), "{err}");
        assert!(CertPin::parse(&"zz".repeat(32)).is_err());
    }
}
