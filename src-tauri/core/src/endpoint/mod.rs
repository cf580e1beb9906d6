//! The local credential endpoint: an HTTP server on 127.0.0.1 that speaks
//! the container credentials protocol (`AWS_CONTAINER_CREDENTIALS_FULL_URI`
//! plus `AWS_CONTAINER_AUTHORIZATION_TOKEN`), so the AWS SDKs and CLIs fetch
//! a role's credentials again whenever theirs near expiry and long jobs never
//! run on stale keys.
//!
//! `GET /roles/NAME` answers `{"AccessKeyId","SecretAccessKey","Token",
//! "Expiration"}` from the shared session cache, renewed through
//! [`SessionManager`](crate::sessions::SessionManager) once less than the `min-ttl` setting remains. The
//! configuration is read on every request, so roles added while it runs are
//! served. Every request is checked first (see `guard`): loopback `Host`,
//! no browser `Origin`, the token of the role asked for (each role has its
//! own, derived from a secret drawn for the run).

mod client;
mod guard;
mod publish;
mod response;
mod server;
mod signals;

pub use client::{rotate_running, session_from_running};
pub use guard::Grant;
pub use publish::{LiveEndpoint, Publication, discover, file, publish};
pub use server::Endpoint;
pub use signals::termination;

use crate::clock::Clock;
use crate::keychain::Keychain;
use crate::paths::Paths;
use crate::sessions::SessionMemory;
use crate::sts::SharedSts;
use std::sync::Arc;

/// The path of `role` on the endpoint: `/roles/NAME`, with every byte
/// outside `[A-Za-z0-9._-]` percent-encoded (an Identity Center role's
/// `acme/123456789012/Admin` is one path segment).
pub fn role_path(role: &str) -> String {
    format!("/roles/{}", crate::files::encode_name(role))
}

/// What serving needs, shared by every request.
#[derive(Clone)]
pub struct Deps {
    /// Where the configuration (read per request) and the lock files are.
    pub paths: Paths,
    pub keychain: Keychain,
    pub sts: SharedSts,
    pub clock: Arc<dyn Clock>,
    /// Sessions this process holds: a request they serve never reaches the keychain.
    pub memory: SessionMemory,
}

/// One request as logged: never a header, a query string or a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    pub method: String,
    pub path: String,
    pub status: u16,
    /// The role asked for, once the request passed the checks.
    pub role: Option<String>,
}

impl std::fmt::Display for RequestRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {} role={}",
            self.method,
            self.path,
            self.status,
            self.role.as_deref().unwrap_or("-")
        )
    }
}

/// Receives one [`RequestRecord`] per request.
pub type RequestLog = Arc<dyn Fn(&RequestRecord) + Send + Sync>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_records_hold_no_header() {
        let r = RequestRecord {
            method: "GET".into(),
            path: "/roles/dev".into(),
            status: 200,
            role: Some("dev".into()),
        };
        assert_eq!(r.to_string(), "GET /roles/dev 200 role=dev");
    }
}
