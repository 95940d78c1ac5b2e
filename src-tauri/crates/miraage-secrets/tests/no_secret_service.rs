//! Without a Secret Service (no session bus, or no keyring daemon on it, as on a minimal
//! window manager or a server), secrets go to the kernel's session keyring (keyutils) and the
//! caller is told they last until logout; never to a file.
//!
//! Its own test binary: the session bus address is process-wide, and the store is chosen
//! once per process.

use miraage_secrets::{Keyring, Persistence, Secret, SecretKind};

#[test]
fn without_a_secret_service_secrets_live_in_the_session_keyring() {
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/miraage-test-bus");
    let k = Keyring::with_service(format!("app.miraage.test.nosecretservice.{}", std::process::id()));
    let account = "0190a1b2-no-ss";
    assert_eq!(k.persistence().unwrap(), Persistence::UntilLogout);
    let note = Persistence::UntilLogout.note().unwrap();
    assert!(note.contains("log out") && note.contains("GNOME Keyring"), "says how long and what to do: {note}");
    k.set(account, SecretKind::Password, &Secret::new("app-pass-1")).expect("stored in the session keyring");
    assert_eq!(k.get(account, SecretKind::Password).unwrap().unwrap().expose(), "app-pass-1");
    k.forget(account).unwrap();
    assert_eq!(k.get(account, SecretKind::Password).unwrap(), None);
}
