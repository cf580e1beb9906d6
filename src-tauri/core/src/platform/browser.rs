//! Opening a page in the person's browser, through the desktop's opener.

use std::process::{Command, Stdio};

/// The desktop's opener and the arguments before the page.
fn opener() -> (&'static str, &'static [&'static str]) {
    #[cfg(target_os = "macos")]
    return ("open", &[]);
    // Not `cmd /C start`: cmd would split the link at its `&`s.
    #[cfg(windows)]
    return ("rundll32", &["url.dll,FileProtocolHandler"]);
    // `xdg-open` follows `$BROWSER` and the desktop's choice.
    #[cfg(not(any(target_os = "macos", windows)))]
    return ("xdg-open", &[]);
}

/// Hands `url` to the desktop's opener. Its output is discarded: openers
/// may echo what they were given. On failure: the opener's name and what
/// went wrong.
pub fn open(url: &str) -> Result<(), (String, String)> {
    let (program, args) = opener();
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
