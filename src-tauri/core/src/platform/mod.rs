//! What differs between Linux, macOS and Windows, one concern a file, one
//! function a thing, so that every flow of RoleTray reads the same on each
//! system. Only the files here (and the app's `desktop/platform/`) carry
//! `cfg(unix)`, `cfg(windows)` or `cfg(target_os = ...)`; the shape test
//! (`tests/tests/shape.rs`) keeps it so.
//!
//! - `dirs`: where RoleTray's files and the AWS tools' files live, and how
//!   a path is shown to a person.
//! - `private`: files and folders for the user alone (Unix modes, Windows
//!   ACLs), opening without following a planted link, flushing a rename.
//! - `keychain_store`: the OS keychain store, whether it is locked, and how
//!   its items are searched.
//! - `process`: finding a program as the system does, running a command in
//!   RoleTray's place, starting a process that outlives RoleTray.
//! - `browser`: opening a page in the person's browser.
//! - `signals`: the request to stop a headless process.
//! - `hints`: what a person is told to do, where that differs.
//! - `system_proxy`: the proxy the desktop is set to use.

/// Whether the system's own shell is PowerShell (Windows): export lines are
/// then written for it unless the `default-shell` setting says otherwise.
pub const SHELL_IS_POWERSHELL: bool = cfg!(windows);

/// The quick-switch palette's global shortcut when none was chosen: three
/// modifiers and a letter, which no common desktop takes (GNOME, KDE,
/// Windows and macOS bind none of them), and which AltGr (Ctrl+Alt on
/// Windows) does not type on European layouts.
pub const DEFAULT_PALETTE_SHORTCUT: &str = if cfg!(target_os = "macos") {
    "Cmd+Option+Shift+A"
} else {
    "Ctrl+Alt+Shift+A"
};

/// How a line ends in a new text file a person may open (the credentials
/// file): CRLF on Windows, as Notepad and the AWS CLI there write it. An
/// existing file keeps its own.
pub const LINE_ENDING: &str = if cfg!(windows) { "\r\n" } else { "\n" };

pub mod browser;
pub mod dirs;
pub mod hints;
pub mod keychain_store;
pub mod private;
pub mod process;
pub mod signals;
pub mod system_proxy;
#[cfg(windows)]
mod windows_acl;
