//! How other RoleTray processes find the running endpoint. While it serves,
//! `endpoint.json` (see `announcement`) holds its URL and secret, and the
//! serving process holds the lock `endpoint`. The file goes when the
//! publication is withdrawn or dropped; a file whose lock nobody holds was
//! left by a process that died, and is ignored.

use super::announcement::{self, file};
use super::guard::{self, Grant};
use super::routes::role_path;
use super::server::Endpoint;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::files::{FileLock, check_private_file};
use crate::paths::Paths;
use crate::secret::Sensitive;
use std::path::{Path, PathBuf};
use std::time::Duration;

const LOCK: &str = "endpoint";

/// Proof that this process announced its endpoint; withdrawing (or dropping)
/// it removes the file and releases the lock.
#[derive(Debug)]
pub struct Publication {
    file: PathBuf,
    lock: Option<FileLock>,
}

impl Publication {
    /// The file holding the URL and the secret.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Removes the file, reporting a failure.
    pub fn withdraw(mut self) -> Result<()> {
        let removed = remove(&self.file);
        self.lock = None;
        removed
    }
}

impl Drop for Publication {
    fn drop(&mut self) {
        if self.lock.is_some() {
            // Nothing to tell the user on this path (an error already is on
            // its way); a file left behind is ignored once the lock is free.
            remove(&self.file).ok();
        }
    }
}

fn remove(file: &Path) -> Result<()> {
    match std::fs::remove_file(file) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(format!("cannot remove {}", file.display()), e)),
    }
}

/// Announces `endpoint` to other RoleTray processes (`export --live`). Only
/// one endpoint is announced at a time: while another process serves, this
/// is an `in_use` error naming it.
pub fn publish(paths: &Paths, endpoint: &Endpoint) -> Result<Publication> {
    // A reader checking for a live endpoint holds the lock for an instant:
    // try a few times before deciding someone else serves.
    let mut lock = None;
    for _ in 0..10 {
        lock = FileLock::try_acquire(&paths.lock_dir, LOCK)?;
        if lock.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    let Some(lock) = lock else {
        let at = announcement::read(paths)
            .map(|announced| format!(" at {}", announced.url))
            .unwrap_or_default();
        return Err(Error::InUse(format!(
            "another RoleTray credential endpoint is already running{at}"
        )));
    };
    let file = file(paths);
    announcement::write(&file, &endpoint.url(), endpoint.secret())?;
    Ok(Publication {
        file,
        lock: Some(lock),
    })
}

/// Where a running endpoint is, and how to make its tokens.
#[derive(Debug, Clone)]
pub struct LiveEndpoint {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    secret: Sensitive<String>,
}

impl LiveEndpoint {
    /// The address a client uses for `role`.
    pub fn role_url(&self, role: &str) -> String {
        format!("{}{}", self.url, role_path(role))
    }

    /// The token that asks this endpoint for a new secret.
    pub fn rotation_token(&self) -> Result<Sensitive<String>> {
        guard::rotation_token(&self.secret)
    }

    /// The token that opens `role` (and only it, while it is the same role)
    /// for the configured lifetime from `now`.
    pub fn role_token(
        &self,
        config: &Config,
        role: &str,
        now: time::OffsetDateTime,
    ) -> Result<Sensitive<String>> {
        let lifetime = i64::from(config.settings.endpoint_token_seconds);
        self.role_token_until(config, role, now.unix_timestamp() + lifetime)
    }

    /// The token that opens `role` until `expires` (Unix seconds).
    pub fn role_token_until(
        &self,
        config: &Config,
        role: &str,
        expires: i64,
    ) -> Result<Sensitive<String>> {
        let identity = config.identity(role)?;
        guard::issue(
            &self.secret,
            Grant {
                role,
                identity: &identity,
                expires,
            },
        )
    }
}

/// The endpoint another process announced, or `endpoint_not_running` when
/// none is serving now.
///
/// The file is trusted only when it and its directory are the user's alone
/// (see [`check_private_file`]): otherwise an `unsafe_path` error says why.
pub fn discover(paths: &Paths) -> Result<LiveEndpoint> {
    if !file(paths).exists() {
        return Err(Error::EndpointNotRunning);
    }
    if FileLock::try_acquire(&paths.lock_dir, LOCK)?.is_some() {
        // Nobody holds the lock: the file was left by a process that died.
        return Err(Error::EndpointNotRunning);
    }
    // (Taking the lock checked the runtime directory.)
    check_private_file(&file(paths))?;
    let announced = announcement::read(paths)?;
    Ok(LiveEndpoint {
        url: announced.url,
        secret: announced.secret,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(dir: &Path) -> Paths {
        Paths::under(dir)
    }

    #[test]
    fn one_endpoint_is_announced_at_a_time_and_withdrawn() {
        let dir = tempfile::tempdir().unwrap();
        let paths = paths(dir.path());
        assert_eq!(discover(&paths).unwrap_err().code(), "endpoint_not_running");

        let endpoint = Endpoint::bind(None).unwrap();
        let publication = publish(&paths, &endpoint).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(publication.file()).unwrap().permissions();
            assert_eq!(mode.mode() & 0o777, 0o600);
        }
        let live = discover(&paths).unwrap();
        assert_eq!(live.url, endpoint.url());
        let config = Config::parse(
            "[sources.me]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n\n[roles.dev]\nrole_arn = \"arn:aws:iam::123456789012:role/dev\"\nsource = \"me\"\n",
            Path::new("/config.toml"),
        )
        .unwrap();
        let now = time::OffsetDateTime::from_unix_timestamp(1_000).unwrap();
        let identity = config.identity("dev").unwrap();
        let grant = Grant {
            role: "dev",
            identity: &identity,
            expires: 1_000 + 43_200,
        };
        assert_eq!(
            live.role_token(&config, "dev", now).unwrap(),
            endpoint.role_token(grant).unwrap()
        );
        assert_eq!(live.role_url("dev"), endpoint.role_url("dev"));

        let other = Endpoint::bind(None).unwrap();
        let err = publish(&paths, &other).unwrap_err();
        assert_eq!(err.code(), "in_use");
        assert!(err.to_string().contains(&endpoint.url()), "{err}");

        let file = publication.file().to_owned();
        publication.withdraw().unwrap();
        assert!(!file.exists());
        assert_eq!(discover(&paths).unwrap_err().code(), "endpoint_not_running");
    }

    #[cfg(unix)]
    #[test]
    fn an_endpoint_file_others_can_read_is_not_trusted() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let paths = paths(dir.path());
        let endpoint = Endpoint::bind(None).unwrap();
        let publication = publish(&paths, &endpoint).unwrap();
        discover(&paths).unwrap();
        let perms = std::fs::Permissions::from_mode(0o644);
        std::fs::set_permissions(publication.file(), perms).unwrap();
        let err = discover(&paths).unwrap_err();
        assert_eq!(err.code(), "unsafe_path", "{err}");
        assert!(err.to_string().contains("other users"), "{err}");
    }

    #[test]
    fn a_file_left_by_a_dead_process_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let paths = paths(dir.path());
        std::fs::create_dir_all(&paths.runtime_dir).unwrap();
        std::fs::write(
            file(&paths),
            r#"{"url":"http://127.0.0.1:1","secret":"x","pid":1}"#,
        )
        .unwrap();
        assert_eq!(discover(&paths).unwrap_err().code(), "endpoint_not_running");
        // And a new endpoint takes its place.
        let endpoint = Endpoint::bind(None).unwrap();
        let _p = publish(&paths, &endpoint).unwrap();
        assert_eq!(discover(&paths).unwrap().url, endpoint.url());
    }
}
