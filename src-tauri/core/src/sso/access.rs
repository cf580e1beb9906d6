//! A usable access token for an Identity Center source, and its roles'
//! credentials with it. The sign-in is read from the keychain and renewed
//! with its refresh token before the access token runs out, under a lock
//! per source, so concurrent callers (in any process) refresh it once.

use super::portal::{Portal, RoleCredentials};
use super::sign_in;
use super::source::SsoSource;
use super::target::SsoTarget;
use super::tokens::SignIn;
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::files::FileLock;
use crate::keychain::{Keychain, off_thread as blocking};
use crate::secret::Sensitive;
use std::path::PathBuf;
use std::sync::Arc;

pub struct SsoAccess {
    keychain: Keychain,
    clock: Arc<dyn Clock>,
    lock_dir: PathBuf,
}

/// The hint every "not signed in" error ends with.
pub fn sign_in_hint(name: &str) -> String {
    format!("sign in with `roletray sso login {name}` or from RoleTray's window")
}

impl SsoAccess {
    pub fn new(keychain: Keychain, clock: Arc<dyn Clock>, lock_dir: PathBuf) -> SsoAccess {
        SsoAccess {
            keychain,
            clock,
            lock_dir,
        }
    }

    /// The kept sign-in of `name`, if any.
    pub async fn load(&self, name: &str) -> Result<Option<SignIn>> {
        let (keychain, name) = (self.keychain.clone(), name.to_owned());
        let text = blocking(move || keychain.sso_sign_in(&name)).await?;
        text.map(|t| SignIn::from_json(&t)).transpose()
    }

    pub async fn store(&self, name: &str, sign_in: &SignIn) -> Result<()> {
        let json = sign_in.to_json()?;
        let (keychain, name) = (self.keychain.clone(), name.to_owned());
        blocking(move || keychain.set_sso_sign_in(&name, &json)).await
    }

    pub async fn delete(&self, name: &str) -> Result<()> {
        let (keychain, name) = (self.keychain.clone(), name.to_owned());
        blocking(move || keychain.delete_sso_sign_in(&name)).await
    }

    /// A sign-in of `name` to `source` whose access token serves now,
    /// refreshed first if it nears its end (or if `force`).
    pub async fn signed_in(&self, name: &str, source: &SsoSource, force: bool) -> Result<SignIn> {
        let _lock = FileLock::acquire_async(&self.lock_dir, &format!("sso-{name}")).await?;
        let now = self.clock.now();
        let current = self
            .load(name)
            .await?
            .filter(|s| s.start_url == source.start_url && s.region == source.region)
            .ok_or_else(|| {
                Error::SsoSignInRequired(format!(
                    "'{name}' is not signed in; {}",
                    sign_in_hint(name)
                ))
            })?;
        if !force && current.access_fresh(now) {
            return Ok(current);
        }
        if !current.refreshable(now) {
            return Err(Error::SsoSignInRequired(format!(
                "the sign-in to '{name}' has ended; {}",
                sign_in_hint(name)
            )));
        }
        tracing::debug!(sso = name, "refreshing the access token");
        let next = sign_in::refresh(&current).await.map_err(|e| match e {
            Error::SsoSignInRequired(why) => {
                Error::SsoSignInRequired(format!("{why}; {}", sign_in_hint(name)))
            }
            other => other,
        })?;
        self.store(name, &next).await?;
        Ok(next)
    }

    /// `target`'s credentials (GetRoleCredentials). A token the portal
    /// refuses is refreshed once and the call tried again.
    pub async fn role_credentials(
        &self,
        name: &str,
        source: &SsoSource,
        target: &SsoTarget,
    ) -> Result<RoleCredentials> {
        let portal = Portal::new(&source.region).await?;
        let signed = self.signed_in(name, source, false).await?;
        let token = Sensitive::new(signed.access_token.clone());
        match portal
            .role_credentials(&token, &target.account_id, &target.role_name)
            .await
        {
            Err(Error::SsoSignInRequired(_)) if signed.refreshable(self.clock.now()) => {
                let signed = self.signed_in(name, source, true).await?;
                let token = Sensitive::new(signed.access_token.clone());
                portal
                    .role_credentials(&token, &target.account_id, &target.role_name)
                    .await
            }
            other => other,
        }
    }
}
