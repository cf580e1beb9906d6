//! Key pairs and the sessions STS hands out.

use crate::secret::Sensitive;
use time::OffsetDateTime;

/// An access key pair, long-lived (a source's) or temporary (a session's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: Sensitive<String>,
    /// Present for temporary credentials only.
    pub session_token: Option<Sensitive<String>>,
}

/// Temporary credentials for one role, as STS returned them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// RoleTray's name for the role.
    pub role: String,
    /// `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`, as STS reported it.
    pub assumed_role_arn: String,
    pub credentials: Credentials,
    pub expiration: OffsetDateTime,
    /// The region to export with the session, when the role or its source has one.
    pub region: Option<String>,
}

impl Session {
    /// Whole seconds left before the session expires (negative once expired).
    pub fn seconds_left(&self, now: OffsetDateTime) -> i64 {
        (self.expiration - now).whole_seconds()
    }

    /// What a listing shows of this session (no credentials).
    pub fn summary(&self) -> SessionSummary {
        SessionSummary {
            role: self.role.clone(),
            assumed_role_arn: self.assumed_role_arn.clone(),
            expiration: self.expiration,
            region: self.region.clone(),
        }
    }
}

/// What a listing of sessions shows of one: whose it is and until when,
/// never its credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSummary {
    /// RoleTray's name for the role.
    pub role: String,
    /// `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`, as STS reported it.
    pub assumed_role_arn: String,
    pub expiration: OffsetDateTime,
    /// The region exported with the session, when it has one.
    pub region: Option<String>,
}

impl SessionSummary {
    /// Whole seconds left before the session expires (negative once expired).
    pub fn seconds_left(&self, now: OffsetDateTime) -> i64 {
        (self.expiration - now).whole_seconds()
    }
}
