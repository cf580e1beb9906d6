//! Starting programs as each system does: finding them (`PATHEXT` on
//! Windows: `aws` is `aws.cmd`, `terraform` is `terraform.exe`), running one
//! in RoleTray's place, and leaving one behind that outlives RoleTray.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

/// A command for `program` as the system's shell would find it. On
/// Windows a bare name is looked up on `PATH` with the extensions of
/// `PATHEXT` (`.exe`, `.cmd`, `.bat`, …), which the standard library does
/// not do for scripts; elsewhere `PATH` is searched as `execvp` does.
pub fn command(program: &OsStr) -> Command {
    #[cfg(windows)]
    if let Ok(found) = which::which(program) {
        return Command::new(found);
    }
    Command::new(program)
}

/// Runs `cmd` in RoleTray's place. On Unix it replaces this process (the
/// signals and the exit code are the command's own) and returns only on
/// failure; on Windows RoleTray waits for it and returns its exit code.
pub fn run_in_place(mut cmd: Command) -> std::io::Result<ExitCode> {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        Err(cmd.exec())
    }
    #[cfg(not(unix))]
    {
        let status = cmd.status()?;
        let code = status.code().unwrap_or(1);
        Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
    }
}

/// Starts `cmd` to carry on after RoleTray: on Unix in RoleTray's place
/// (returns only on failure), elsewhere as a process of its own, then this
/// one ends.
pub fn hand_over(mut cmd: Command) -> std::io::Error {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.exec()
    }
    #[cfg(not(unix))]
    match cmd.spawn() {
        Ok(_) => std::process::exit(0),
        Err(e) => e,
    }
}

/// Whether `path` is a program this system would start: a file with an
/// execute bit on Unix, a file elsewhere.
pub fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    path.is_file()
}

/// Leaves a process behind that deletes `file` after `delay`, outliving
/// RoleTray; `false` when it could not be started.
pub fn delete_later(file: &Path, delay: std::time::Duration) -> bool {
    let secs = delay.as_secs().max(1);
    #[cfg(windows)]
    let cmd = {
        use std::os::windows::process::CommandExt;
        // A Windows path holds no `"`, so quoting it is enough; `timeout`
        // waits without a console of its own (CREATE_NO_WINDOW).
        let mut cmd = Command::new("cmd");
        cmd.raw_arg(format!(
            "/D /C \"timeout /T {secs} /NOBREAK >NUL & del /F /Q \"{}\"\"",
            file.display()
        ))
        .creation_flags(0x0800_0000);
        cmd
    };
    #[cfg(not(windows))]
    let cmd = {
        let mut cmd = Command::new("sh");
        cmd.args([
            "-c",
            &format!("sleep {secs}; rm -f -- \"$1\""),
            "roletray-delete-later",
        ])
        .arg(file);
        cmd
    };
    let mut cmd = cmd;
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .is_ok()
}
