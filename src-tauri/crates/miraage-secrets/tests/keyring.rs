//! Against the real OS keyring (the Secret Service: GNOME Keyring under a D-Bus session in
//! CI, see `.ci/test.sh`). Each test files its secrets under a service name of its own.

use miraage_secrets::{Keyring, Persistence, Secret, SecretKind};

fn keyring(name: &str) -> Keyring {
    Keyring::with_service(format!("app.miraage.test.{name}.{}", std::process::id()))
}

#[test]
fn a_secret_is_stored_read_replaced_and_deleted() {
    let k = keyring("cycle");
    let account = "0190a1b2-acct";
    assert_eq!(k.persistence().unwrap(), Persistence::Durable, "the Secret Service of the session is used");
    assert_eq!(Persistence::Durable.note(), None);
    assert_eq!(
        k.get(account, SecretKind::Password).expect("keyring reachable (run under .ci/test.sh or a desktop session)"),
        None
    );
    k.set(account, SecretKind::Password, &Secret::new("app-pass-1")).unwrap();
    assert_eq!(k.get(account, SecretKind::Password).unwrap().unwrap().expose(), "app-pass-1");
    // The refresh token of the same account is a different secret.
    assert_eq!(k.get(account, SecretKind::RefreshToken).unwrap(), None);
    k.set(account, SecretKind::Password, &Secret::new("app-pass-2")).unwrap();
    assert_eq!(k.get(account, SecretKind::Password).unwrap().unwrap().expose(), "app-pass-2");
    k.forget(account).unwrap();
    assert_eq!(k.get(account, SecretKind::Password).unwrap(), None);
    k.delete(account, SecretKind::Password).unwrap();
}
