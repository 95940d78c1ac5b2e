//! What the CLI's end-to-end tests share: the binary on a database in a fresh folder.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// `miraage-cli --db DB --tz Europe/Berlin`, with no database from the environment.
pub fn cli(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("miraage-cli").unwrap();
    cmd.env_remove("MIRAAGE_DB").arg("--db").arg(db).args(["--tz", "Europe/Berlin"]);
    cmd
}

/// A database path in a new folder (removed when the folder is dropped).
pub fn db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    (dir, path)
}

/// Runs the CLI on `db` and returns its standard output, failing the test if it fails.
#[allow(dead_code)] // each test file is its own crate; not all of them use every helper
pub fn ok(args: &[&str], db: &Path) -> String {
    let out = cli(db).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Runs the CLI on `db` and returns its standard error, failing the test if it succeeds.
#[allow(dead_code)]
pub fn fails(args: &[&str], db: &Path) -> String {
    let out = cli(db).args(args).output().unwrap();
    assert!(!out.status.success(), "{args:?} succeeded");
    String::from_utf8(out.stderr).unwrap()
}
