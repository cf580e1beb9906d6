//! Where files live on each system, and how a path is shown to a person.
//!
//! | what | Linux | macOS | Windows |
//! | --- | --- | --- | --- |
//! | configuration | `$XDG_CONFIG_HOME` | `~/Library/Application Support` | `%APPDATA%` |
//! | caches | `$XDG_CACHE_HOME` | `~/Library/Caches` | `%LOCALAPPDATA%` |
//! | runtime files (locks, the endpoint) | `$XDG_RUNTIME_DIR`, else the cache dir | the cache dir | the cache dir |
//! | the tray app's log | `$XDG_STATE_HOME` | `~/Library/Application Support/…/logs` | `%LOCALAPPDATA%\…\logs` |
//! | home (the AWS files' `~`) | `$HOME` | `$HOME` | `%HOME%`, else `%USERPROFILE%`, as the AWS SDKs read it |
//!
//! On Windows the variables are read first (a person or a test may point
//! them elsewhere, as Windows programs honour them), then the known folders.

use std::path::{Path, PathBuf};

/// The tray app's file name, which `roletray` starts.
pub const APP_BINARY: &str = if cfg!(windows) {
    "roletray-app.exe"
} else {
    "roletray-app"
};

/// The user's configuration directory.
pub fn config_dir() -> Option<PathBuf> {
    windows_var("APPDATA").or_else(dirs::config_dir)
}

/// The user's cache directory (on Windows the local, not roaming, data).
pub fn cache_dir() -> Option<PathBuf> {
    windows_var("LOCALAPPDATA").or_else(dirs::cache_dir)
}

/// The directory for files that live only while a process runs, where the
/// system has one (`$XDG_RUNTIME_DIR` on Linux).
pub fn runtime_dir() -> Option<PathBuf> {
    dirs::runtime_dir()
}

/// Where a log belongs: the state directory where the system has one,
/// else the local data directory's `logs`.
pub fn log_dir(app: &str) -> Option<PathBuf> {
    dirs::state_dir().map(|d| d.join(app)).or_else(|| {
        windows_var("LOCALAPPDATA")
            .or_else(dirs::data_local_dir)
            .map(|d| d.join(app).join("logs"))
    })
}

/// The home directory, as the AWS SDKs find it for `~/.aws`.
pub fn home_dir() -> Option<PathBuf> {
    windows_var("HOME")
        .or_else(|| windows_var("USERPROFILE"))
        .or_else(dirs::home_dir)
}

/// On Windows, the variable `name` when it holds an absolute path.
#[cfg(windows)]
fn windows_var(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute() || p.has_root())
}

#[cfg(not(windows))]
fn windows_var(_name: &str) -> Option<PathBuf> {
    None
}

/// `path` as a person reads it: on Windows without the `\\?\` prefix that
/// canonical paths carry (when the path is valid without it); elsewhere
/// unchanged.
pub fn shown(path: &Path) -> &Path {
    dunce::simplified(path)
}

/// A canonical path (symlinks resolved) as a person reads it: on Windows,
/// `C:\Users\…`, not `\\?\C:\Users\…`.
pub fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    dunce::canonicalize(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_without_the_verbatim_prefix() {
        assert_eq!(
            shown(Path::new("/home/me/.aws")),
            Path::new("/home/me/.aws")
        );
        let dir = tempfile::tempdir().unwrap();
        let canon = canonical(dir.path()).unwrap();
        assert!(
            !canon.to_string_lossy().starts_with(r"\\?\"),
            "{}",
            canon.display()
        );
        assert!(canon.is_absolute());
    }
}
