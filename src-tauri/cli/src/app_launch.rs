//! `roletray` with no subcommand (or `--open-window`, or `roletray palette`)
//! starts the tray app.
//! The app is its own binary, `roletray-app`, so this one never loads GTK or
//! WebKit: it is looked for beside this executable first (an install puts
//! both in one directory; so does `cargo build`), then on `PATH`, and
//! replaces this process. A running app is handed the request by the app's
//! own single-instance check.

use roletray_core::Error;
use roletray_core::platform::process::{self, is_executable};
use std::path::{Path, PathBuf};

/// The app binary's file name.
pub const APP_BINARY: &str = roletray_core::platform::dirs::APP_BINARY;

/// What the started app shows first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// Only the tray icon.
    Tray,
    /// The main window (`--open-window`).
    Window,
    /// The quick-switch palette (`--open-palette`).
    Palette,
}

/// Starts the app in place of this process; returns only on failure.
pub fn start_app(open: Open) -> Error {
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf));
    let path_dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    let Some(app) = find_app(beside.as_deref(), &path_dirs) else {
        let mut looked: Vec<String> = beside
            .iter()
            .map(|d| d.join(APP_BINARY).display().to_string())
            .collect();
        looked.push(format!("{APP_BINARY} on PATH"));
        return Error::AppMissing(looked.join(", then "));
    };
    let mut cmd = std::process::Command::new(&app);
    match open {
        Open::Tray => {}
        Open::Window => {
            cmd.arg("--open-window");
        }
        Open::Palette => {
            cmd.arg("--open-palette");
        }
    }
    replace_self(cmd, &app)
}

/// The first executable `roletray-app` in `beside`, then in `path_dirs`.
fn find_app(beside: Option<&Path>, path_dirs: &[PathBuf]) -> Option<PathBuf> {
    beside
        .into_iter()
        .chain(path_dirs.iter().map(PathBuf::as_path))
        .map(|dir| dir.join(APP_BINARY))
        .find(|candidate| is_executable(candidate))
}

/// Starts the app in this process's place; returns only on failure.
fn replace_self(cmd: std::process::Command, app: &Path) -> Error {
    let e = process::hand_over(cmd);
    Error::CommandFailed {
        program: app.display().to_string(),
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn executable(dir: &Path) -> PathBuf {
        let path = dir.join(APP_BINARY);
        std::fs::write(&path, "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        path
    }

    #[test]
    fn the_app_beside_the_cli_wins_over_path() {
        let (beside, on_path) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let near = executable(beside.path());
        executable(on_path.path());
        let found = find_app(Some(beside.path()), &[on_path.path().to_owned()]);
        assert_eq!(found, Some(near));
    }

    #[test]
    fn path_is_searched_in_order_and_non_executables_are_skipped() {
        let (empty, plain, good) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        std::fs::write(plain.path().join(APP_BINARY), "not executable").unwrap();
        let want = executable(good.path());
        let dirs = [
            plain.path().to_owned(),
            empty.path().to_owned(),
            good.path().to_owned(),
        ];
        // Elsewhere every file is executable: the plain one would win.
        #[cfg(unix)]
        assert_eq!(find_app(Some(empty.path()), &dirs), Some(want));
        #[cfg(not(unix))]
        let _ = (dirs, want);
        assert_eq!(find_app(Some(empty.path()), &[]), None);
    }
}
