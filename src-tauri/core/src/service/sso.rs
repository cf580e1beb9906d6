//! Identity Center sources behind the service: add and remove them, sign
//! in and out, list their accounts and roles, and favourite their roles.
//! Their roles are roles like any other once listed (see `config_cache`).

use super::state::Service;
use crate::catalog::Change;
use crate::config::Config;
use crate::deadlines::Tracked;
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use crate::sso::access::SsoAccess;
use crate::sso::listing::{self, Listing};
use crate::sso::portal::{ListProgress, Portal};
use crate::sso::{SignInMethod, SignInPrompt, SsoSource, SsoTarget, sign_in};
use crate::validate;
use crate::views::{self, Level, SsoFacts, SsoPending, SsoSourceView};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

/// A list older than this is made again in the background.
pub const LIST_MAX_AGE: Duration = Duration::from_secs(12 * 3600);
/// How the expiry watcher's sign-ins are named (`sso:NAME`; no role's name
/// has a colon).
pub const SIGN_IN_PREFIX: &str = "sso:";
/// What the notifier tracks an AWS Sign-In source's sign-in as
/// (`signin:NAME`).
pub const SIGNIN_PREFIX: &str = "signin:";

/// What a listing found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoListed {
    pub accounts: usize,
    pub roles: usize,
    /// Roles listed before that are gone now (accounts closed, permission
    /// sets taken away).
    pub dropped: usize,
    /// When the person has to sign in again (unix seconds).
    pub sign_in_ends_at: i64,
}

impl Service {
    fn sso_access(&self) -> Result<SsoAccess> {
        Ok(SsoAccess::new(
            self.keychain()?,
            self.clock.clone(),
            self.paths.lock_dir.clone(),
        ))
    }

    /// Adds (or with `replace`, changes) an Identity Center source. A source
    /// moved to another portal or region is signed out.
    pub async fn put_sso(&self, name: &str, source: SsoSource, replace: bool) -> Result<Change> {
        validate::name("sso name", name)?;
        source.validate()?;
        let mut moved = false;
        let change = Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            let previous = c.sso.get(name).cloned();
            if previous.is_some() && !replace {
                return Err(Error::AlreadyExists {
                    kind: "Identity Center source",
                    name: name.to_owned(),
                });
            }
            let mut source = source.clone();
            if let Some(p) = &previous
                && source.favourites.is_empty()
            {
                source.favourites = p.favourites.clone();
            }
            moved = previous
                .as_ref()
                .is_some_and(|p| p.start_url != source.start_url || p.region != source.region);
            c.sso.insert(name.to_owned(), source.clone());
            Ok(match previous {
                None => Change::Added,
                Some(p) if p == source => Change::Unchanged,
                Some(_) => Change::Updated,
            })
        })?;
        if moved {
            self.sso_access()?.delete(name).await?;
            listing::remove(&self.paths.sso_cache_dir, name);
        }
        self.load_sso_state().await?;
        Ok(change)
    }

    /// Removes an Identity Center source: signs it out and forgets its
    /// roles' sessions. Refused while a role of the file chains through one
    /// of its roles.
    pub async fn remove_sso(&self, name: &str) -> Result<()> {
        let config = self.config()?;
        config.sso_source(name)?;
        let users: Vec<&str> = config
            .roles
            .iter()
            .filter(|(_, r)| r.sso.is_none())
            .filter(|(_, r)| {
                r.via
                    .as_deref()
                    .and_then(SsoTarget::parse)
                    .is_some_and(|t| t.sso == name)
            })
            .map(|(n, _)| n.as_str())
            .collect();
        if !users.is_empty() {
            return Err(Error::InUse(format!(
                "role(s) {} chain through roles of '{name}': remove or change them first",
                users.join(", ")
            )));
        }
        self.sso_logout(name).await?;
        Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            c.sso.remove(name);
            Ok(())
        })?;
        listing::remove(&self.paths.sso_cache_dir, name);
        self.load_sso_state().await
    }

    /// Signs in to `name` (the browser, or the device code), keeps the
    /// sign-in in the keychain, then lists its accounts and roles.
    pub async fn sso_login(
        &self,
        name: &str,
        method: SignInMethod,
        prompt: &dyn SignInPrompt,
        progress: &dyn ListProgress,
    ) -> Result<SsoListed> {
        let config = self.config()?;
        let source = config.sso_source(name)?.clone();
        let access = self.sso_access()?;
        let previous = access.load(name).await.ok().flatten();
        let signed = sign_in::sign_in(name, &source, method, prompt, previous.as_ref()).await?;
        access.store(name, &signed).await?;
        self.record(
            Level::Info,
            &format!("Signed in to Identity Center source {name}"),
            "sso_signed_in",
        );
        self.sso_list(name, &source, &signed.access_token, progress)
            .await
    }

    /// Lists `name`'s accounts and roles again with its sign-in.
    pub async fn sso_refresh(&self, name: &str, progress: &dyn ListProgress) -> Result<SsoListed> {
        let config = self.config()?;
        let source = config.sso_source(name)?.clone();
        let signed = self.sso_access()?.signed_in(name, &source, false).await?;
        self.sso_list(name, &source, &signed.access_token, progress)
            .await
    }

    async fn sso_list(
        &self,
        name: &str,
        source: &SsoSource,
        token: &str,
        progress: &dyn ListProgress,
    ) -> Result<SsoListed> {
        let portal = Arc::new(Portal::new(&source.region).await?);
        let token = Sensitive::new(token.to_owned());
        let listing = portal.list(&token, progress).await?;
        let dir = &self.paths.sso_cache_dir;
        let before: BTreeSet<String> = listing::load(dir, name, source)
            .map(|(l, _)| role_keys(&l, name, source))
            .unwrap_or_default();
        let after = role_keys(&listing, name, source);
        let dropped: Vec<&String> = before.difference(&after).collect();
        let now = self.clock.now();
        listing::save(dir, name, source, &listing, now.unix_timestamp())?;
        for gone in &dropped {
            // Its cached session may still work, but it is not the person's anymore.
            let _ = self.forget(gone).await;
        }
        if !dropped.is_empty() {
            self.record(
                Level::Info,
                &format!(
                    "{} role(s) of {name} are no longer assigned to you and were dropped",
                    dropped.len()
                ),
                "sso_roles_dropped",
            );
        }
        self.load_sso_state().await?;
        let ends_at = self.state().sso.get(name).and_then(|f| f.ends_at);
        Ok(SsoListed {
            accounts: listing.accounts.len(),
            roles: listing.role_count(),
            dropped: dropped.len(),
            sign_in_ends_at: ends_at.unwrap_or(0),
        })
    }

    /// Signs out of `name`: ends the sign-in at the portal (when it
    /// answers), removes it from the keychain, and forgets the cached
    /// sessions of its roles. The account list stays, to sign in again.
    pub async fn sso_logout(&self, name: &str) -> Result<()> {
        let config = self.config()?;
        let source = config.sso_source(name)?;
        let access = self.sso_access()?;
        if let Some(signed) = access.load(name).await.ok().flatten() {
            let token = Sensitive::new(signed.access_token.clone());
            let ended = match Portal::new(&source.region).await {
                Ok(portal) => portal.logout(&token).await,
                Err(e) => Err(e),
            };
            if let Err(e) = ended {
                tracing::info!(
                    sso = name,
                    code = e.code(),
                    "the portal did not take the sign-out: {e}"
                );
            }
        }
        access.delete(name).await?;
        let roles: Vec<String> = config
            .roles
            .iter()
            .filter(|(_, r)| r.sso.as_ref().is_some_and(|s| s.target.sso == name))
            .map(|(n, _)| n.clone())
            .collect();
        for role in roles {
            self.forget(&role).await?;
        }
        self.load_sso_state().await
    }

    /// Reads every Identity Center source's sign-in (from the keychain)
    /// and list age into what the snapshot shows.
    pub async fn load_sso_state(&self) -> Result<()> {
        let config = self.config()?;
        let access = self.sso_access()?;
        let now = self.clock.now();
        let mut facts = BTreeMap::new();
        for (name, source) in &config.sso {
            let signed = access
                .load(name)
                .await?
                .filter(|s| s.start_url == source.start_url && s.region == source.region);
            let listed_at = listing::load(&self.paths.sso_cache_dir, name, source).map(|(_, t)| t);
            let (pending, progress) = self
                .state()
                .sso
                .get(name)
                .map(|f| (f.pending.clone(), f.progress.clone()))
                .unwrap_or_default();
            facts.insert(
                name.clone(),
                SsoFacts {
                    ends_at: signed.map(|s| s.ends_at(now)),
                    listed_at,
                    pending,
                    progress,
                },
            );
        }
        let mut state = self.state();
        if state.sso != facts {
            state.sso = facts;
            drop(state);
            self.changed();
        }
        Ok(())
    }

    /// The sources the app keeps fresh: signed in, no sign-in waiting.
    pub fn sso_to_keep(&self) -> Vec<String> {
        let now = self.clock.now();
        self.state()
            .sso
            .iter()
            .filter(|(_, f)| f.pending.is_none() && f.signed_in(now))
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// Every Identity Center source with its sign-in state and list size.
    pub async fn sso_sources(&self) -> Result<Vec<SsoSourceView>> {
        self.load_sso_state().await?;
        let config = self.config()?;
        Ok(views::sso_sources(
            &config,
            &self.state().sso,
            self.clock.now(),
        ))
    }

    /// Shows (or with `None`, clears) a sign-in waiting for the person.
    pub fn set_sso_pending(&self, name: &str, pending: Option<SsoPending>) {
        self.state().sso.entry(name.to_owned()).or_default().pending = pending;
        self.changed();
    }

    /// Shows (or with `None`, clears) how far a listing has got.
    pub fn set_sso_progress(&self, name: &str, progress: Option<String>) {
        self.state()
            .sso
            .entry(name.to_owned())
            .or_default()
            .progress = progress;
        self.changed();
    }

    /// Sign-ins the expiry watcher warns about, as `sso:NAME`.
    pub(super) fn tracked_sign_ins(&self) -> Vec<Tracked> {
        let state = self.state();
        let sso = state.sso.iter().filter_map(|(name, f)| {
            let end = time::OffsetDateTime::from_unix_timestamp(f.ends_at?).ok()?;
            Some(Tracked {
                role: format!("{SIGN_IN_PREFIX}{name}"),
                expiration: end,
            })
        });
        let signin = state.signins.iter().map(|(name, f)| Tracked {
            role: format!("{SIGNIN_PREFIX}{name}"),
            expiration: f.ends,
        });
        sso.chain(signin).collect()
    }

    /// Keeps `name`'s access token fresh (refreshed before it runs out) and
    /// its list no older than [`LIST_MAX_AGE`]. A sign-in that ended is
    /// `sso_sign_in_required`, and shown as signed out.
    pub async fn sso_keep_fresh(&self, name: &str) -> Result<()> {
        let config = self.config()?;
        let source = config.sso_source(name)?.clone();
        match self.sso_access()?.signed_in(name, &source, false).await {
            Ok(_) => {}
            Err(e @ Error::SsoSignInRequired(_)) => {
                self.load_sso_state().await?;
                return Err(e);
            }
            Err(e) => return Err(e),
        }
        let listed_at = self.state().sso.get(name).and_then(|f| f.listed_at);
        let now = self.clock.now().unix_timestamp();
        if listed_at.is_none_or(|t| now - t > LIST_MAX_AGE.as_secs() as i64) {
            self.sso_refresh(name, &crate::sso::Quiet).await?;
        }
        self.load_sso_state().await
    }

    /// Marks an Identity Center role a favourite, or not.
    pub fn sso_favourite(&self, role: &str, favourite: bool) -> Result<()> {
        let target = SsoTarget::parse(role).ok_or_else(|| {
            Error::invalid(
                "role",
                format!("'{role}' is not an Identity Center role (SSO/ACCOUNT_ID/ROLE_NAME)"),
            )
        })?;
        Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            let source = c.sso.get_mut(&target.sso).ok_or_else(|| Error::NotFound {
                kind: "Identity Center source",
                name: target.sso.clone(),
            })?;
            let key = target.within_source();
            source.favourites.retain(|f| *f != key);
            if favourite {
                source.favourites.push(key);
                source.favourites.sort();
            }
            Ok(())
        })?;
        self.changed();
        Ok(())
    }
}

fn role_keys(listing: &Listing, name: &str, source: &SsoSource) -> BTreeSet<String> {
    listing
        .roles(name, source)
        .into_iter()
        .map(|(n, _)| n)
        .collect()
}
