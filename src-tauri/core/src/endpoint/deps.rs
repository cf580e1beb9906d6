//! What the server is handed: the files, keychain, STS, clock and session
//! memory every request uses, and where the record of each request goes.

use crate::clock::Clock;
use crate::keychain::Keychain;
use crate::paths::Paths;
use crate::sessions::SessionMemory;
use crate::sts::SharedSts;
use std::sync::Arc;

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
