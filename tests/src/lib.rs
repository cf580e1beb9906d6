//! Test support for RoleTray's integration tests: a private [`World`] per test
//! with a real moto STS/IAM server, a private D-Bus session bus, optionally a
//! real gnome-keyring Secret Service, and a fresh HOME/XDG/AWS file layout.
//!
//! Everything a world starts is killed when it is dropped, even when the test
//! panics; services also get a parent-death signal so a killed test binary
//! does not leave them behind.

// Test support: panicking on a broken environment is the right failure mode.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;
mod moto;
mod process;
mod services;
mod setup;
mod world;

pub use http::{form_value, percent_decode};
pub use moto::{CLIENT_EXTERNAL_ID, Keys, MotoWorld};
pub use process::{Output, run_command};
pub use world::{KEYRING_PASSWORD, KeyringState, World, WorldOptions};

use std::path::PathBuf;

/// The Cargo workspace root (parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests crate has a parent directory")
        .to_path_buf()
}

/// `tests/fixtures/` of this crate.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The test virtualenv: `$ROLETRAY_TEST_VENV`, else `<workspace>/.venv-test`.
pub fn venv_dir() -> PathBuf {
    match std::env::var_os("ROLETRAY_TEST_VENV") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => workspace_root().join(".venv-test"),
    }
}

/// The roletray binary: `$ROLETRAY_BIN`, else `<workspace>/target/debug/roletray`.
pub fn roletray_bin() -> PathBuf {
    match std::env::var_os("ROLETRAY_BIN") {
        Some(bin) if !bin.is_empty() => PathBuf::from(bin),
        _ => workspace_root().join("target/debug/roletray"),
    }
}
