//! Credentials of a sign-in that serve now: read from the keychain and
//! refreshed about five minutes before they end, under a lock across
//! processes, so the rotating refresh token is spent once (two processes
//! refreshing with the same token would break the sign-in).

use super::source::SigninSource;
use super::state::SignedIn;
use super::token_api::{self, Grant};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::files::FileLock;
use crate::keychain::{Keychain, off_thread as blocking};
use crate::secret::Sensitive;
use std::path::PathBuf;
use std::sync::Arc;

/// The hint every "sign in again" error ends with.
pub fn sign_in_hint(name: &str) -> String {
    format!("sign in with `roletray signin login {name}` or from RoleTray's window")
}

pub struct SigninAccess {
    keychain: Keychain,
    clock: Arc<dyn Clock>,
    lock_dir: PathBuf,
}

impl SigninAccess {
    pub fn new(keychain: Keychain, clock: Arc<dyn Clock>, lock_dir: PathBuf) -> SigninAccess {
        SigninAccess {
            keychain,
            clock,
            lock_dir,
        }
    }

    pub async fn load(&self, name: &str) -> Result<Option<SignedIn>> {
        let (k, n) = (self.keychain.clone(), name.to_owned());
        let text = blocking(move || k.signin(&n)).await?;
        text.map(|t| SignedIn::from_json(&t)).transpose()
    }

    pub async fn store(&self, name: &str, signed: &SignedIn) -> Result<()> {
        let json = signed.to_json()?;
        let (k, n) = (self.keychain.clone(), name.to_owned());
        blocking(move || k.set_signin(&n, &json)).await
    }

    pub async fn delete(&self, name: &str) -> Result<()> {
        let (k, n) = (self.keychain.clone(), name.to_owned());
        blocking(move || k.delete_signin(&n)).await
    }

    /// The sign-in `name` with credentials that serve now.
    pub async fn signed_in(&self, name: &str, source: &SigninSource) -> Result<SignedIn> {
        let _lock = FileLock::acquire_async(&self.lock_dir, &format!("signin-{name}")).await?;
        let ended = |why: &str| Error::SignInEnded(format!("{why}; {}", sign_in_hint(name)));
        let current = self
            .load(name)
            .await?
            .filter(|s| s.region == source.region)
            .ok_or_else(|| ended(&format!("'{name}' is not signed in")))?;
        let now = self.clock.now();
        if current.fresh(now) {
            return Ok(current);
        }
        if now >= current.sign_in_ends() {
            return Err(ended(&format!(
                "the sign-in to '{name}' has ended (12 hours)"
            )));
        }
        tracing::debug!(signin = name, "refreshing the sign-in's credentials");
        let key = current.key()?;
        let refresh = Sensitive::new(current.refresh_token.clone());
        let base = token_api::base_url(&source.region);
        let tokens = match token_api::create_token(
            &base,
            &current.client_id,
            &key,
            Grant::Refresh(&refresh),
        )
        .await
        {
            Ok(t) => t,
            Err(Error::SignInEnded(why)) => return Err(ended(&format!("'{name}': {why}"))),
            Err(e) => return Err(e),
        };
        let mut next = current.clone();
        let secret = SignedIn::replace_secret;
        secret(
            &mut next.refresh_token,
            tokens.refresh_token.expose().clone(),
        );
        secret(
            &mut next.secret_access_key,
            tokens.secret_access_key.expose().clone(),
        );
        secret(
            &mut next.session_token,
            tokens.session_token.expose().clone(),
        );
        next.access_key_id = tokens.access_key_id;
        next.expires_at = now.unix_timestamp() + tokens.expires_in;
        // The old refresh token is spent: only the newest is kept.
        self.store(name, &next).await?;
        Ok(next)
    }
}
