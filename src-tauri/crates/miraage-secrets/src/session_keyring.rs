//! The kernel's session keyring (keyutils(7)): where secrets go on Linux when no Secret
//! Service answers. Keys there live as long as the login session's keyring, so until the user
//! logs out, and only processes of that session and user can read them. Never written to disk.
//!
//! Each key is also linked into the user's persistent keyring where the kernel allows it (so
//! that a new session of the same user within a few days finds it); some sandboxes refuse that
//! link, and the key then lives in the session only.

use linux_keyutils::{KeyError, KeyRing, KeyRingIdentifier};

pub(crate) struct SessionKeyring(KeyRing);

fn describe(step: &str) -> impl Fn(KeyError) -> String + '_ {
    move |e| format!("kernel keyring ({step}): {e:?}")
}

impl SessionKeyring {
    /// The calling process's session keyring, if it keeps a probe key and gives it back (a
    /// process outside any login session may hold one it cannot read from).
    pub(crate) fn open() -> Result<Self, String> {
        let ring = KeyRing::from_special_id(KeyRingIdentifier::Session, false).map_err(describe("open"))?;
        let ring = SessionKeyring(ring);
        ring.probe()?;
        Ok(ring)
    }

    fn probe(&self) -> Result<(), String> {
        const PROBE: &str = "app.miraage.keyring-probe";
        self.set(PROBE, "probe")?;
        let back = self.get(PROBE);
        self.delete(PROBE)?;
        match back? {
            Some(v) if v == "probe" => Ok(()),
            _ => Err("kernel keyring: a stored key could not be read back".into()),
        }
    }

    pub(crate) fn set(&self, description: &str, secret: &str) -> Result<(), String> {
        let key = self.0.add_key(description, secret.as_bytes()).map_err(describe("add"))?;
        if let Ok(persistent) = KeyRing::get_persistent(KeyRingIdentifier::Session) {
            // Optional: the session keyring already holds the key.
            let _ = persistent.link_key(key);
        }
        Ok(())
    }

    pub(crate) fn get(&self, description: &str) -> Result<Option<String>, String> {
        match self.0.search(description) {
            Ok(key) => {
                let bytes = key.read_to_vec().map_err(describe("read"))?;
                String::from_utf8(bytes).map(Some).map_err(|_| "kernel keyring: the stored value is not text".into())
            }
            Err(KeyError::KeyDoesNotExist | KeyError::KeyExpired | KeyError::KeyRevoked) => Ok(None),
            Err(e) => Err(describe("search")(e)),
        }
    }

    pub(crate) fn delete(&self, description: &str) -> Result<(), String> {
        match self.0.search(description) {
            Ok(key) => {
                // Unlinked first, so that this process's next search cannot find it while the
                // kernel's caches still hold the invalidated key.
                let _ = self.0.unlink_key(key);
                key.invalidate().map_err(describe("invalidate"))
            }
            Err(KeyError::KeyDoesNotExist | KeyError::KeyExpired | KeyError::KeyRevoked) => Ok(()),
            Err(e) => Err(describe("search")(e)),
        }
    }
}
