//! AWS Sign-In sources behind the service: add, sign in (the browser or
//! `--remote`), list, sign out and remove. Their identities' sessions are
//! the session manager's, as any role's.

use super::state::Service;
use crate::catalog::Change;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::signin::SigninSource;
use crate::signin::access::SigninAccess;
use crate::signin::login::{self, Via};
use crate::signin::state::SignedIn;
use crate::validate;
use time::OffsetDateTime;

/// A sign-in source and how it stands (no token in it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigninStatus {
    pub name: String,
    pub region: String,
    /// The identity signed in as, when signed in.
    pub identity_arn: Option<String>,
    /// When signing in again is needed, when signed in.
    pub sign_in_ends: Option<OffsetDateTime>,
    /// The roles assumed from it.
    pub roles: Vec<String>,
}

impl Service {
    fn signin_access(&self) -> Result<SigninAccess> {
        Ok(SigninAccess::new(
            self.keychain()?,
            self.clock.clone(),
            self.paths.lock_dir.clone(),
        ))
    }

    /// Adds (or with `replace`, changes) a sign-in source. One moved to
    /// another region is signed out.
    pub async fn put_signin(
        &self,
        name: &str,
        source: SigninSource,
        replace: bool,
    ) -> Result<Change> {
        validate::name("signin name", name)?;
        source.validate()?;
        let mut moved = false;
        let change = Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            let previous = c.signin.get(name).cloned();
            if previous.is_some() && !replace {
                return Err(Error::AlreadyExists {
                    kind: "AWS Sign-In source",
                    name: name.to_owned(),
                });
            }
            moved = previous.as_ref().is_some_and(|p| p.region != source.region);
            c.signin.insert(name.to_owned(), source.clone());
            Ok(match previous {
                None => Change::Added,
                Some(p) if p == source => Change::Unchanged,
                Some(_) => Change::Updated,
            })
        })?;
        if moved {
            self.signin_logout(name).await?;
        }
        self.changed();
        Ok(change)
    }

    /// Signs in to `name` and keeps the sign-in (its key and refresh
    /// token) in the keychain; the identity's session is forgotten, so the
    /// next use gets the new sign-in's.
    pub async fn signin_login(&self, name: &str, via: Via<'_>) -> Result<SigninStatus> {
        let source = self.config()?.signin_source(name)?.clone();
        let signed = login::sign_in(&source.region, via).await?;
        self.signin_access()?.store(name, &signed).await?;
        self.forget(name).await.ok();
        tracing::info!(signin = name, identity = %signed.identity_arn, "signed in");
        self.load_signin_state().await?;
        Ok(self.status_of(name, &source, Some(&signed)))
    }

    /// Signs out of `name`: the sign-in leaves the keychain, and the
    /// sessions of its identity and of the roles assumed from it go.
    pub async fn signin_logout(&self, name: &str) -> Result<()> {
        let config = self.config()?;
        config.signin_source(name)?;
        self.signin_access()?.delete(name).await?;
        self.forget(name).await.ok();
        for role in config.roles_using_source(name) {
            self.forget(role).await.ok();
        }
        self.load_signin_state().await
    }

    /// Reads every sign-in source's sign-in (from the keychain) into what
    /// the snapshot shows: who it is signed in as, and until when.
    pub async fn load_signin_state(&self) -> Result<()> {
        let config = self.config()?;
        let access = self.signin_access()?;
        let mut facts = std::collections::BTreeMap::new();
        for (name, source) in &config.signin {
            if let Some(s) = access
                .load(name)
                .await?
                .filter(|s| s.region == source.region)
            {
                facts.insert(
                    name.clone(),
                    crate::views::SigninFacts {
                        identity_arn: s.identity_arn.clone(),
                        ends: s.sign_in_ends(),
                    },
                );
            }
        }
        self.state().signins = facts;
        self.changed();
        Ok(())
    }

    /// Signs out of and removes `name`; refused while roles are assumed from it.
    pub async fn remove_signin(&self, name: &str) -> Result<()> {
        let config = self.config()?;
        config.signin_source(name)?;
        let users = config.roles_using_source(name);
        if !users.is_empty() {
            return Err(Error::InUse(format!(
                "role(s) {} are assumed from '{name}': remove or change them first",
                users.join(", ")
            )));
        }
        self.signin_logout(name).await?;
        Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            c.signin.remove(name);
            Ok(())
        })?;
        self.changed();
        Ok(())
    }

    async fn signin_status(&self, name: &str) -> Result<SigninStatus> {
        let source = self.config()?.signin_source(name)?.clone();
        let kept = self.signin_access()?.load(name).await?;
        Ok(self.status_of(name, &source, kept.as_ref()))
    }

    /// How `name` stands with its kept sign-in `kept`.
    fn status_of(
        &self,
        name: &str,
        source: &SigninSource,
        kept: Option<&SignedIn>,
    ) -> SigninStatus {
        let now = self.clock.now();
        let live = kept.filter(|s| s.region == source.region && s.sign_in_ends() > now);
        let roles = self.config().map(|c| {
            c.roles_using_source(name)
                .into_iter()
                .map(str::to_owned)
                .collect()
        });
        SigninStatus {
            name: name.to_owned(),
            region: source.region.clone(),
            identity_arn: live.map(|s| s.identity_arn.clone()),
            sign_in_ends: live.map(SignedIn::sign_in_ends),
            roles: roles.unwrap_or_default(),
        }
    }

    /// Every sign-in source and whether it is signed in.
    pub async fn signin_sources(&self) -> Result<Vec<SigninStatus>> {
        let names: Vec<String> = self.config()?.signin.keys().cloned().collect();
        let mut out = Vec::new();
        for name in names {
            out.push(self.signin_status(&name).await?);
        }
        Ok(out)
    }
}
