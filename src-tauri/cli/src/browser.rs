//! Opening a page in the person's browser, through the desktop's opener.

use std::process::{Command, Stdio};

/// Hands `url` to the desktop's opener (`xdg-open`, which follows
/// `$BROWSER`, on Linux). Its output is discarded: openers may echo what
/// they were given. On failure: the opener's name and what went wrong.
pub fn open(url: &str) -> Result<(), (String, String)> {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        // Not `cmd /C start`: cmd would split the link at its `&`s.
        ("rundll32", &["url.dll,FileProtocolHandler"])
    } else {
        ("xdg-open", &[])
    };
    let status = Command::new(program)
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| (program.to_owned(), e.to_string()))?;
    if status.success() {
        Ok(())
    } else {
        Err((program.to_owned(), format!("it exited with {status}")))
    }
}
