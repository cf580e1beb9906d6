//! `endpoint.json`, the file that announces a running endpoint to other
//! RoleTray processes: its URL, its secret and the serving process's id,
//! in the runtime directory (mode 0600, in a 0700 directory). Written when
//! the endpoint is published, rewritten when its secret is rotated, read to
//! find it. Who may trust it, and when it goes, is `publish`'s business.

use crate::error::{Error, Result};
use crate::files::write_atomically;
use crate::paths::Paths;
use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use zeroize::Zeroize;

const FILE: &str = "endpoint.json";

#[derive(Serialize)]
struct Written<'a> {
    url: &'a str,
    secret: &'a str,
    pid: u32,
}

#[derive(Deserialize)]
struct Read {
    url: String,
    secret: String,
}

/// What the file says: where the endpoint is, and its secret.
pub(super) struct Announced {
    pub(super) url: String,
    pub(super) secret: Sensitive<String>,
}

/// The file that tells other processes where the endpoint is and its secret.
pub fn file(paths: &Paths) -> PathBuf {
    paths.runtime_dir.join(FILE)
}

/// Writes `file` for the endpoint at `url` with `secret`, served by this process.
pub(super) fn write(file: &Path, url: &str, secret: &Sensitive<String>) -> Result<()> {
    let mut text = serde_json::to_string(&Written {
        url,
        secret: secret.expose(),
        pid: std::process::id(),
    })
    .map_err(|e| Error::invalid("endpoint", e.to_string()))?;
    let written = write_atomically(file, text.as_bytes(), 0o600);
    text.zeroize();
    written
}

/// Rewrites the endpoint file of this process's endpoint with a new secret
/// (after `POST /rotate`), if the file is there and names `url`.
pub(super) fn rewrite(paths: &Paths, url: &str, secret: &Sensitive<String>) -> Result<()> {
    match read(paths) {
        Ok(announced) if announced.url == url => {}
        _ => return Ok(()),
    }
    write(&file(paths), url, secret)
}

/// What the file says now (`endpoint_not_running` when there is none).
pub(super) fn read(paths: &Paths) -> Result<Announced> {
    let file = file(paths);
    let mut text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::EndpointNotRunning);
        }
        Err(e) => return Err(Error::io(format!("cannot read {}", file.display()), e)),
    };
    let parsed: std::result::Result<Read, _> = serde_json::from_str(&text);
    text.zeroize();
    let mut read = parsed.map_err(|e| Error::ConfigInvalid {
        path: file.clone(),
        line: None,
        message: e.to_string(),
    })?;
    let secret = Sensitive::new(std::mem::take(&mut read.secret));
    Ok(Announced {
        url: read.url,
        secret,
    })
}
