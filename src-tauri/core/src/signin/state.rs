//! A sign-in as the keychain keeps it (`signin/NAME`, JSON): the DPoP key,
//! the newest refresh token, the identity, and the current credentials.
//! Nothing of it is ever written to a file.

use super::dpop::DpopKey;
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zeroize::Zeroize;

/// How long a sign-in lasts at most (AWS refreshes it for 12 hours).
pub const SIGN_IN_SECONDS: i64 = 12 * 3600;
/// Credentials this close to their end are refreshed first.
pub const REFRESH_BEFORE_SECONDS: i64 = 300;

#[derive(Clone, Serialize, Deserialize)]
pub struct SignedIn {
    pub v: u32,
    pub region: String,
    pub client_id: String,
    /// The signed-in identity (the ID token's `sub`): an IAM user, the
    /// root user, or an assumed role (a federated identity).
    pub identity_arn: String,
    /// The DPoP key, PKCS#8 in base64url.
    pub dpop_key: String,
    pub refresh_token: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    /// When the credentials end (unix seconds).
    pub expires_at: i64,
    /// When the sign-in ends (unix seconds): signing in again is needed.
    pub ends_at: i64,
}

impl Drop for SignedIn {
    fn drop(&mut self) {
        self.dpop_key.zeroize();
        self.refresh_token.zeroize();
        self.secret_access_key.zeroize();
        self.session_token.zeroize();
    }
}

impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn")
            .field("region", &self.region)
            .field("identity_arn", &self.identity_arn)
            .field("expires_at", &self.expires_at)
            .field("ends_at", &self.ends_at)
            .finish_non_exhaustive()
    }
}

impl SignedIn {
    pub const VERSION: u32 = 1;

    pub fn from_json(text: &Sensitive<String>) -> Result<SignedIn> {
        serde_json::from_str(text.expose())
            .map_err(|e| Error::Keychain(format!("a kept AWS Sign-In cannot be read: {e}")))
    }

    pub fn to_json(&self) -> Result<Sensitive<String>> {
        serde_json::to_string(self)
            .map(Sensitive::new)
            .map_err(|e| Error::Keychain(format!("an AWS Sign-In cannot be kept: {e}")))
    }

    pub fn key(&self) -> Result<DpopKey> {
        let bytes = Sensitive::new(
            crate::sso::sign_in::base64url_decode(&self.dpop_key)
                .ok_or_else(|| Error::Keychain("a kept sign-in's key is damaged".into()))?,
        );
        DpopKey::from_pkcs8(bytes.expose())
    }

    pub fn credentials(&self) -> Credentials {
        Credentials {
            access_key_id: self.access_key_id.clone(),
            secret_access_key: Sensitive::new(self.secret_access_key.clone()),
            session_token: Some(Sensitive::new(self.session_token.clone())),
        }
    }

    pub fn expiration(&self) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(self.expires_at).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    pub fn sign_in_ends(&self) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(self.ends_at).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    /// Whether the credentials serve for a while yet.
    pub fn fresh(&self, now: OffsetDateTime) -> bool {
        self.expires_at - now.unix_timestamp() > REFRESH_BEFORE_SECONDS
    }

    /// Sets one of the secrets to `value`, zeroing the one it replaces.
    pub fn replace_secret(field: &mut String, value: String) {
        field.zeroize();
        *field = value;
    }
}
