//! Test support for RoleTray's integration tests: a private [`World`] per test
//! with a real moto STS/IAM server, a private D-Bus session bus, optionally a
//! real gnome-keyring Secret Service, and a fresh HOME/XDG/AWS file layout.
//!
//! A [`NetworkLab`] adds a private CA, a TLS front and real proxies (a
//! CONNECT proxy, a TLS-inspecting one) on loopback, and GNOME's proxy
//! settings in the world's own dconf.
//!
//! A [`Desktop`] adds an Xvfb display, dunst and a tray host to a world, and
//! an [`AppWindow`] runs the app under WebDriver (tauri-driver).
//!
//! Everything a world starts is killed when it is dropped, even when the test
//! panics; services also get a parent-death signal so a killed test binary
//! does not leave them behind.

// Test support: panicking on a broken environment is the right failure mode.
#![allow(clippy::unwrap_used, clippy::expect_used)]

/// RoleTray's benchmarks (`scripts/bench.sh`, binary `bench`).
pub mod bench;
mod desktop;
mod http;
mod keychain;
pub mod module_graph;
mod moto;
mod network;
mod process;
mod services;
mod setup;
pub mod signin;
mod sso;
mod wait;
mod webdriver;
mod world;

pub use desktop::{AppProcess, Desktop, DesktopOptions, DesktopProcess, MenuEntry, Notification};
pub use http::{form_value, percent_decode, percent_encode};
pub use moto::{CLIENT_EXTERNAL_ID, Keys, MotoWorld};
pub use network::{FrontConnection, LAB_DOMAIN, LabOptions, NetworkLab, Via, lab_host};
pub use process::{Output, run_command, run_command_for};
pub use setup::IamKey;
pub use sso::{START_URL as SSO_START_URL, SsoStandIn, browser_log, install_browser, set_browser};
pub use wait::poll;
pub use webdriver::{AppWindow, UI_TIMEOUT, WebDriverError};
pub use world::{KEYRING_PASSWORD, KeyringState, World, WorldOptions, native_path};

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

/// mitmproxy's virtualenv (the network lab's TLS-inspecting proxy):
/// `$ROLETRAY_MITM_VENV`, else `<workspace>/.venv-mitm`.
pub fn mitm_venv_dir() -> PathBuf {
    match std::env::var_os("ROLETRAY_MITM_VENV") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => workspace_root().join(".venv-mitm"),
    }
}

/// The roletray binary: `$ROLETRAY_BIN`, else `<workspace>/target/debug/roletray`.
pub fn roletray_bin() -> PathBuf {
    match std::env::var_os("ROLETRAY_BIN") {
        Some(bin) if !bin.is_empty() => PathBuf::from(bin),
        _ => workspace_root().join("target/debug/roletray"),
    }
}

/// The program that runs [`roletray_bin`]: `$ROLETRAY_RUNNER` (`wine`, for
/// a Windows build: `scripts/test-windows.sh`), else none (it runs itself).
pub fn runner() -> Option<PathBuf> {
    std::env::var_os("ROLETRAY_RUNNER")
        .filter(|r| !r.is_empty())
        .map(PathBuf::from)
}

/// Whether the binary under test is a Windows build run under Wine: its
/// keychain is Wine's Credential Manager, its files are found through
/// `%APPDATA%` and `%LOCALAPPDATA%`, and what needs a Linux desktop or the
/// Secret Service is not its to test.
pub fn under_wine() -> bool {
    runner().is_some()
}

/// Skips the rest of a test when the binary under test runs under Wine,
/// saying why on stderr (the test's output): for what only a Linux build
/// has (the Secret Service's lock states, Unix file modes, a Linux desktop).
#[macro_export]
macro_rules! linux_only {
    ($why:expr) => {
        if $crate::under_wine() {
            eprintln!("skipped under Wine: {}", $why);
            return;
        }
    };
}

/// How another program (the AWS CLI's `credential_process`, a shell) starts
/// roletray: the binary's path, after its runner when it has one.
pub fn roletray_command_line() -> String {
    let bin = roletray_bin().display().to_string();
    match runner() {
        Some(runner) => format!("{} {bin}", runner.display()),
        None => bin,
    }
}

/// The tray app's binary: `$ROLETRAY_APP_BIN`, else `roletray-app` beside
/// [`roletray_bin`] (where `cargo build` puts both).
pub fn roletray_app_bin() -> PathBuf {
    match std::env::var_os("ROLETRAY_APP_BIN") {
        Some(bin) if !bin.is_empty() => PathBuf::from(bin),
        _ => roletray_bin().with_file_name("roletray-app"),
    }
}

/// tauri-driver: `$ROLETRAY_TAURI_DRIVER`, else the first on `PATH`, else
/// cargo's bin dir (`$CARGO_HOME/bin`, `~/.cargo/bin`).
pub fn tauri_driver_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("ROLETRAY_TAURI_DRIVER").filter(|b| !b.is_empty()) {
        return PathBuf::from(bin);
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    on_path
        .into_iter()
        .chain(cargo_home.map(|c| c.join("bin")))
        .map(|dir| dir.join("tauri-driver"))
        .find(|bin| bin.is_file())
        .unwrap_or_else(|| {
            panic!(
                "tauri-driver not found on PATH nor in ~/.cargo/bin: run scripts/setup-test-deps.sh \
                 (it runs `cargo install tauri-driver --version =2.1.0 --locked`) or set ROLETRAY_TAURI_DRIVER"
            )
        })
}
