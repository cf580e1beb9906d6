//! What a sign-in leaves behind: the client registration, the access token
//! and the refresh token, kept in the keychain only (one entry, `sso/NAME`).
//! The AWS CLI writes the same to `~/.aws/sso/cache` in plaintext; RoleTray
//! never writes them to a file.

use crate::error::{Error, Result};
use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};
use std::fmt;
use time::OffsetDateTime;
use zeroize::Zeroize;

/// An access token is refreshed when less than this is left of it.
pub const REFRESH_BEFORE_SECONDS: i64 = 300;

/// A client registration (RegisterClient), reused until it expires.
#[derive(Clone, Serialize, Deserialize, Zeroize)]
pub struct Registration {
    pub client_id: String,
    pub client_secret: String,
    /// Unix seconds.
    pub expires_at: i64,
    /// What it was registered for: `device` or `pkce`.
    pub grant: String,
    pub scopes: Vec<String>,
}

/// One source's sign-in. No `Debug` of the secrets (see the impl below).
#[derive(Clone, Serialize, Deserialize, Zeroize)]
pub struct SignIn {
    pub v: u8,
    /// What it was signed in to: a source edited to another portal is signed out.
    pub start_url: String,
    pub region: String,
    pub registration: Registration,
    pub access_token: String,
    /// Unix seconds.
    pub access_expires_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// When the refresh token stops working: the registration's end, as the
    /// portal says nothing more precise (unix seconds).
    pub sign_in_ends_at: i64,
}

impl Drop for SignIn {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl fmt::Debug for SignIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignIn")
            .field("start_url", &self.start_url)
            .field("region", &self.region)
            .field("client_id", &"<redacted>")
            .field("access_expires_at", &self.access_expires_at)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "<redacted>"),
            )
            .field("sign_in_ends_at", &self.sign_in_ends_at)
            .finish()
    }
}

impl SignIn {
    pub const VERSION: u8 = 1;

    pub fn from_json(text: &Sensitive<String>) -> Result<SignIn> {
        match serde_json::from_str::<SignIn>(text.expose()) {
            Ok(s) if s.v == Self::VERSION => Ok(s),
            // Never serde's text: it may quote the token.
            _ => Err(Error::Keychain(
                "the kept Identity Center sign-in cannot be read; sign in again".into(),
            )),
        }
    }

    pub fn to_json(&self) -> Result<Sensitive<String>> {
        serde_json::to_string(self)
            .map(Sensitive::new)
            .map_err(|_| Error::Keychain("cannot encode an Identity Center sign-in".into()))
    }

    /// Seconds left on the access token.
    pub fn access_seconds_left(&self, now: OffsetDateTime) -> i64 {
        self.access_expires_at - now.unix_timestamp()
    }

    /// Whether the access token serves as it is.
    pub fn access_fresh(&self, now: OffsetDateTime) -> bool {
        self.access_seconds_left(now) > REFRESH_BEFORE_SECONDS
    }

    /// Whether it can be renewed without the person: a refresh token
    /// within a registration that has not ended.
    pub fn refreshable(&self, now: OffsetDateTime) -> bool {
        self.refresh_token.is_some() && self.registration.expires_at > now.unix_timestamp() + 60
    }

    /// When the person has to sign in again: the refresh's end when it
    /// can be refreshed, else the access token's.
    pub fn ends_at(&self, now: OffsetDateTime) -> i64 {
        if self.refreshable(now) {
            self.sign_in_ends_at
        } else {
            self.access_expires_at
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign_in() -> SignIn {
        SignIn {
            v: 1,
            start_url: "https://d-1.awsapps.com/start".into(),
            region: "eu-west-1".into(),
            registration: Registration {
                client_id: "client-id-secretish".into(),
                client_secret: "client-secret-value".into(),
                expires_at: 10_000,
                grant: "pkce".into(),
                scopes: vec!["sso:account:access".into()],
            },
            access_token: "access-token-value".into(),
            access_expires_at: 1_000,
            refresh_token: Some("refresh-token-value".into()),
            sign_in_ends_at: 10_000,
        }
    }

    #[test]
    fn debug_shows_no_token_and_json_round_trips() {
        let s = sign_in();
        let shown = format!("{s:?}");
        for secret in [
            "client-secret-value",
            "access-token-value",
            "refresh-token-value",
            "client-id-secretish",
        ] {
            assert!(!shown.contains(secret), "{shown}");
        }
        let back = SignIn::from_json(&s.to_json().unwrap()).unwrap();
        assert_eq!(back.access_token, "access-token-value");
        let broken = SignIn::from_json(&Sensitive::from("{\"v\":1,\"access_token\":\"tok\"}"));
        assert!(!broken.unwrap_err().to_string().contains("tok"));
    }

    #[test]
    fn freshness_and_the_end_of_the_sign_in() {
        let s = sign_in();
        let at = |t: i64| OffsetDateTime::from_unix_timestamp(t).unwrap();
        assert!(s.access_fresh(at(600)));
        assert!(!s.access_fresh(at(800)));
        assert!(s.refreshable(at(800)));
        assert_eq!(s.ends_at(at(800)), 10_000);
        let mut no_refresh = sign_in();
        no_refresh.refresh_token = None;
        assert_eq!(no_refresh.ends_at(at(800)), 1_000);
        assert!(!s.refreshable(at(9_990)));
    }
}
