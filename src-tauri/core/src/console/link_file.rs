//! Opening a sign-in link without putting it on a command line. The link is
//! worth a console session to whoever holds it, and any user of the machine
//! can read every process's argv in `/proc`. So the browser is handed a
//! `file://` page instead, mode 0600 in the private runtime directory, that
//! forwards it to the link; the page is deleted [`LIFETIME`] later (by the
//! app's timer, by a detached `sh -c 'sleep; rm'` the CLI leaves behind, and
//! in any case by the next console sign-in).

use crate::error::{Error, Result};
use crate::files::{private_runtime_dir, write_new};
use crate::secret::Sensitive;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How long the page stays: enough for a browser that is still starting.
pub const LIFETIME: Duration = Duration::from_secs(20);

const PREFIX: &str = "console-";
const SUFFIX: &str = ".html";

/// Writes the forwarding page for `url` into `runtime_dir` (removing pages
/// older than [`LIFETIME`] first) and returns its path.
pub fn write(runtime_dir: &Path, url: &Sensitive<String>) -> Result<PathBuf> {
    private_runtime_dir(runtime_dir)?;
    sweep(runtime_dir, LIFETIME);
    let page = Sensitive::new(page(url.expose()));
    for _ in 0..8 {
        let path = runtime_dir.join(format!("{PREFIX}{}{SUFFIX}", random_name()?));
        if write_new(&path, page.expose().as_bytes(), 0o600)? {
            return Ok(path);
        }
    }
    Err(Error::io(
        "cannot write the console sign-in page",
        std::io::Error::other("no free file name"),
    ))
}

/// The `file://` URL a browser opens for `path`.
pub fn file_url(path: &Path) -> Result<String> {
    url::Url::from_file_path(path)
        .map(String::from)
        .map_err(|()| Error::invalid("path", format!("{} is not absolute", path.display())))
}

/// Removes sign-in pages older than `age` (best effort: only clutter is at
/// stake when one cannot be removed, and it expires with the link anyway).
pub fn sweep(runtime_dir: &Path, age: Duration) {
    let Ok(entries) = std::fs::read_dir(runtime_dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(PREFIX) && name.ends_with(SUFFIX)) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).unwrap_or_default() >= age);
        if old {
            std::fs::remove_file(entry.path()).ok();
        }
    }
}

fn random_name() -> Result<String> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| {
        Error::io(
            "cannot draw a file name",
            std::io::Error::other(e.to_string()),
        )
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A page that forwards at once, sends no Referer, and offers a link in case
/// the browser blocks the refresh.
fn page(url: &str) -> String {
    let url = escape(url);
    format!(
        "<!doctype html>\n<meta charset=\"utf-8\">\n<meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta http-equiv=\"refresh\" content=\"0;url={url}\">\n<title>AWS console: signing in</title>\n\
         <p>Signing in to the AWS console… <a href=\"{url}\" rel=\"noreferrer\">Continue</a></p>\n"
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_forwards_to_the_link_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let run = dir.path().join("run");
        let url = Sensitive::new(
            "https://signin.aws.amazon.com/federation?Action=login&SigninToken=T\"<x>".to_owned(),
        );
        let path = write(&run, &url).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("content=\"0;url=https://signin.aws.amazon.com/federation?Action=login&amp;SigninToken=T&quot;&lt;x&gt;\""), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let link = file_url(&path).unwrap();
        assert!(
            link.starts_with("file:///") && !link.contains("SigninToken"),
            "{link}"
        );
        // Old pages go at the next sweep; fresh ones stay.
        sweep(&run, Duration::from_secs(3600));
        assert!(path.exists());
        sweep(&run, Duration::ZERO);
        assert!(!path.exists());
    }
}
