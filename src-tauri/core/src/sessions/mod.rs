//! `SessionManager`: the one place that turns "a session for role R" into
//! credentials. It resolves chains, reuses the keychain cache while enough time
//! remains, shares one MFA session per source, and makes a single STS call for
//! concurrent callers, in this process or any other (a lock file per role).

use crate::clock::Clock;
use crate::config::{Config, Start};
use crate::credentials::{Credentials, Session, SessionSummary};
use crate::error::{Error, Result};
use crate::files::FileLock;
use crate::keychain::{Cached, Keychain};
use crate::mfa_code::{self, MfaCommand, UsedCodes};
use crate::model::{Parent, Role, Source};
use crate::secret::Sensitive;
use crate::signin::access::SigninAccess;
use crate::sso::SsoTarget;
use crate::sso::access::SsoAccess;
use crate::sts::{AssumeRequest, SharedSts};
use crate::validate;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub use crate::sts::BoxFuture;

pub use crate::mfa_code::{MfaAsk, MfaPrompt, NoPrompt};

/// A session and whether STS was called to get it.
#[derive(Debug, Clone)]
pub struct Obtained {
    pub session: Session,
    /// True when this call assumed the role; false when the cache served it.
    pub fresh: bool,
}

/// Role sessions a long-running process (the tray app, `roletray serve`)
/// keeps in memory in front of the keychain, so serving a cached session
/// costs no keychain round trip. Cheap to clone; clones share the sessions.
#[derive(Clone, Default)]
pub struct SessionMemory {
    sessions: Arc<Mutex<HashMap<String, Cached>>>,
}

impl SessionMemory {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Cached>> {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn get(
        &self,
        role: &str,
        fingerprint: &str,
        now: time::OffsetDateTime,
        min_ttl: i64,
    ) -> Option<Session> {
        self.lock()
            .get(role)
            .filter(|c| c.fingerprint == fingerprint && c.session.seconds_left(now) > min_ttl)
            .map(|c| c.session.clone())
    }

    fn put(&self, cached: &Cached) {
        self.lock()
            .insert(cached.session.role.clone(), cached.clone());
    }

    fn forget(&self, role: &str) {
        self.lock().remove(role);
    }
}

/// Hands out sessions. Cheap to clone.
#[derive(Clone)]
pub struct SessionManager {
    config: Arc<Config>,
    keychain: Keychain,
    sts: SharedSts,
    clock: Arc<dyn Clock>,
    lock_dir: PathBuf,
    /// Sessions held in this process, checked before the keychain.
    memory: SessionMemory,
}

impl SessionManager {
    pub fn new(
        config: Arc<Config>,
        keychain: Keychain,
        sts: SharedSts,
        clock: Arc<dyn Clock>,
        lock_dir: PathBuf,
    ) -> SessionManager {
        SessionManager {
            config,
            keychain,
            sts,
            clock,
            lock_dir,
            memory: SessionMemory::default(),
        }
    }

    /// Keeps sessions in `memory` too, and serves from it first.
    pub fn with_memory(mut self, memory: SessionMemory) -> SessionManager {
        self.memory = memory;
        self
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The time by the manager's clock (the one expiry is judged by).
    pub fn now(&self) -> time::OffsetDateTime {
        self.clock.now()
    }

    /// A valid session for `role`: from the cache while more than the minimum
    /// time to live remains, else assumed now.
    pub async fn session(&self, role: &str, mfa: &dyn MfaPrompt) -> Result<Obtained> {
        self.config.chain(role)?;
        self.obtain(role, mfa, false).await
    }

    /// A new session for `role`, whatever the cache holds (its parents in a
    /// chain still come from the cache when valid).
    pub async fn renew(&self, role: &str, mfa: &dyn MfaPrompt) -> Result<Obtained> {
        self.config.chain(role)?;
        self.obtain(role, mfa, true).await
    }

    /// The cached session of `role`, if any is still valid (no STS call).
    pub async fn cached(&self, role: &str) -> Result<Option<Session>> {
        let role_cfg = self.config.resolve(role)?;
        let fingerprint = self.fingerprint(role, &role_cfg)?;
        let now = self.clock.now();
        if let Some(session) = self.memory.get(role, &fingerprint, now, 0) {
            return Ok(Some(session));
        }
        let name = role.to_owned();
        let cached = self.blocking(move |k| k.role_session(&name)).await?;
        Ok(cached
            .filter(|c| c.fingerprint == fingerprint && c.session.seconds_left(now) > 0)
            .map(|c| c.session))
    }

    /// Every role's valid cached session, in role-name order, with one search
    /// of the keychain. Sessions of removed or changed roles are left out.
    pub async fn cached_all(&self) -> Result<Vec<Session>> {
        let now = self.clock.now();
        let found = self.blocking(|k| k.role_sessions()).await?;
        let mut sessions: Vec<Session> = found
            .into_iter()
            .filter(|c| {
                let role = &c.session.role;
                let current = self
                    .config
                    .resolve(role)
                    .and_then(|cfg| self.fingerprint(role, &cfg));
                current.is_ok_and(|f| f == c.fingerprint) && c.session.seconds_left(now) > 0
            })
            .map(|c| {
                self.memory.put(&c);
                c.session
            })
            .collect();
        sessions.sort_by(|a, b| a.role.cmp(&b.role));
        Ok(sessions)
    }

    /// What a listing shows of every role's valid cached session, in
    /// role-name order: the same sessions as [`cached_all`](Self::cached_all),
    /// from one search of the keychain that reads no secret. A session an
    /// older RoleTray stored is read (once), and given the facts a listing
    /// reads.
    pub async fn listed(&self) -> Result<Vec<SessionSummary>> {
        let now = self.clock.now();
        let found = self.blocking(|k| k.role_session_list()).await?;
        let mut without_facts = Vec::new();
        let mut sessions = Vec::new();
        for listed in found {
            let role = &listed.summary.role;
            if listed.read_in_full {
                without_facts.push(role.clone());
            }
            let current = self
                .config
                .resolve(role)
                .and_then(|cfg| self.fingerprint(role, &cfg));
            if current.is_ok_and(|f| f == listed.fingerprint)
                && listed.summary.seconds_left(now) > 0
            {
                sessions.push(listed.summary);
            }
        }
        sessions.sort_by(|a, b| a.role.cmp(&b.role));
        if !without_facts.is_empty() {
            self.add_facts(without_facts).await;
        }
        Ok(sessions)
    }

    /// Gives these roles' session items their facts, each under the role's
    /// lock (a role being assumed now is left to that assume, which writes
    /// them). Best effort: the listing stands either way.
    async fn add_facts(&self, roles: Vec<String>) {
        let lock_dir = self.lock_dir.clone();
        let added = self
            .blocking(move |k| {
                for role in roles {
                    if let Some(_held) = FileLock::try_acquire(&lock_dir, &format!("role-{role}"))?
                    {
                        k.add_session_facts(&role)?;
                    }
                }
                Ok(())
            })
            .await;
        if let Err(e) = added {
            tracing::debug!(code = e.code(), "sessions' facts were not added: {e}");
        }
    }

    /// Removes the cached session of a role, or the MFA session of a source.
    pub async fn forget(&self, name: &str) -> Result<()> {
        let name_owned = name.to_owned();
        if self.config.roles.contains_key(name)
            || self.config.sso_target(name).is_some()
            || self.config.signin.contains_key(name)
        {
            self.memory.forget(name);
            self.blocking(move |k| k.delete_role_session(&name_owned))
                .await
        } else if self.config.sources.contains_key(name) {
            self.blocking(move |k| k.delete_mfa_session(&name_owned))
                .await
        } else {
            Err(Error::NotFound {
                kind: "role or source",
                name: name.to_owned(),
            })
        }
    }

    fn obtain<'a>(
        &'a self,
        role: &'a str,
        mfa: &'a dyn MfaPrompt,
        force: bool,
    ) -> BoxFuture<'a, Result<Obtained>> {
        Box::pin(async move {
            let role_cfg = self.config.resolve(role)?;
            let role_cfg = role_cfg.as_ref();
            let fingerprint = self.fingerprint(role, role_cfg)?;
            // A session this process holds needs neither the lock nor the keychain.
            if !force
                && let Some(session) =
                    self.memory
                        .get(role, &fingerprint, self.clock.now(), self.min_ttl())
            {
                tracing::debug!(role, "session served from memory");
                return Ok(Obtained {
                    session,
                    fresh: false,
                });
            }
            let _lock = FileLock::acquire_async(&self.lock_dir, &format!("role-{role}")).await?;
            if !force && let Some(session) = self.reusable(role, &fingerprint).await? {
                tracing::debug!(role, "session served from the keychain cache");
                return Ok(Obtained {
                    session,
                    fresh: false,
                });
            }
            let session = match self.config.parent_of(role_cfg)? {
                Parent::Signin(name) => self.signed_in_identity(role, &name).await?,
                Parent::Source(source) => {
                    self.assume_from_source(role, role_cfg, &source, mfa)
                        .await?
                }
                Parent::Sso(target) => self.assume_with_portal(role, role_cfg, &target).await?,
                Parent::Role(parent_name) => {
                    let parent = self.obtain(&parent_name, mfa, false).await?.session;
                    let region = role_cfg.region.clone().or(parent.region.clone());
                    // A signed-in identity that is itself a role is a chain's
                    // first hop: AWS caps what it assumes at an hour.
                    let capped;
                    let role_cfg = if self.config.signin.contains_key(&parent_name)
                        && parent.assumed_role_arn.contains(":assumed-role/")
                        && role_cfg.effective_duration() > validate::CHAINED_MAX_DURATION
                    {
                        capped = Role {
                            duration_seconds: Some(validate::CHAINED_MAX_DURATION),
                            ..role_cfg.clone()
                        };
                        &capped
                    } else {
                        role_cfg
                    };
                    self.assume(role, role_cfg, &parent.credentials, region, None)
                        .await?
                }
            };
            let cached = Cached {
                session,
                fingerprint,
            };
            let to_store = cached.clone();
            self.blocking(move |k| k.store_role_session(&to_store))
                .await?;
            self.memory.put(&cached);
            tracing::info!(
                role,
                expires = %crate::export::rfc3339(cached.session.expiration),
                "assumed"
            );
            Ok(Obtained {
                session: cached.session,
                fresh: true,
            })
        })
    }

    async fn reusable(&self, role: &str, fingerprint: &str) -> Result<Option<Session>> {
        let role_owned = role.to_owned();
        let cached = self.blocking(move |k| k.role_session(&role_owned)).await?;
        let now = self.clock.now();
        let min_ttl = self.min_ttl();
        let usable = cached
            .filter(|c| c.fingerprint == fingerprint && c.session.seconds_left(now) > min_ttl);
        if let Some(c) = &usable {
            self.memory.put(c);
        }
        Ok(usable.map(|c| c.session))
    }

    fn min_ttl(&self) -> i64 {
        i64::from(self.config.settings.min_ttl_seconds)
    }

    async fn assume_from_source(
        &self,
        role: &str,
        role_cfg: &Role,
        source_name: &str,
        mfa: &dyn MfaPrompt,
    ) -> Result<Session> {
        let source = self.config.source(source_name)?;
        let keys = self.source_keys(source_name, source).await?;
        let region = role_cfg.region.clone().or(source.region.clone());
        let serial = role_cfg.mfa_serial.as_ref().or(source.mfa_serial.as_ref());
        let command = code_command(role_cfg, source);
        match serial {
            None => self.assume(role, role_cfg, &keys, region, None).await,
            Some(serial) if role_cfg.effective_duration() <= validate::CHAINED_MAX_DURATION => {
                let device = Device { serial, command };
                let mfa_keys = self
                    .mfa_session(role, source_name, source, &keys, device, mfa)
                    .await?;
                match self
                    .assume(role, role_cfg, &mfa_keys, region.clone(), None)
                    .await
                {
                    // AWS no longer honours the cached MFA session (its key
                    // was rotated away, or it was revoked): a new one.
                    Err(Error::InvalidClientToken(_) | Error::ExpiredToken(_)) => {
                        tracing::info!(
                            source = source_name,
                            "the cached MFA session was refused: a new one"
                        );
                        let name = source_name.to_owned();
                        self.blocking(move |k| k.delete_mfa_session(&name)).await?;
                        let mfa_keys = self
                            .mfa_session(role, source_name, source, &keys, device, mfa)
                            .await?;
                        self.assume(role, role_cfg, &mfa_keys, region, None).await
                    }
                    other => other,
                }
            }
            Some(serial) => {
                // Sessions over an hour cannot come from an MFA session
                // (AWS caps those at one hour): AssumeRole carries the code.
                let code = self.ask(mfa, role, serial, command).await?;
                self.assume(role, role_cfg, &keys, region, Some((serial, &code)))
                    .await
            }
        }
    }

    /// The signed-in identity of AWS Sign-In source `name` (its 15-minute
    /// credentials, refreshed under the sign-in's lock when they near
    /// their end).
    async fn signed_in_identity(&self, role: &str, name: &str) -> Result<Session> {
        let source = self.config.signin_source(name)?;
        let access = SigninAccess::new(
            self.keychain.clone(),
            self.clock.clone(),
            self.lock_dir.clone(),
        );
        let signed = access.signed_in(name, source).await?;
        Ok(Session {
            role: role.to_owned(),
            assumed_role_arn: signed.identity_arn.clone(),
            credentials: signed.credentials(),
            expiration: signed.expiration(),
            region: Some(source.region.clone()),
        })
    }

    /// An Identity Center role's credentials, from the portal.
    async fn assume_with_portal(
        &self,
        role: &str,
        role_cfg: &Role,
        target: &SsoTarget,
    ) -> Result<Session> {
        let source = self.config.sso_source(&target.sso)?;
        let access = SsoAccess::new(
            self.keychain.clone(),
            self.clock.clone(),
            self.lock_dir.clone(),
        );
        let got = access.role_credentials(&target.sso, source, target).await?;
        Ok(Session {
            role: role.to_owned(),
            assumed_role_arn: String::new(),
            credentials: got.credentials,
            expiration: got.expiration,
            region: role_cfg.region.clone(),
        })
    }

    async fn source_keys(&self, name: &str, source: &Source) -> Result<Credentials> {
        let (name, source) = (name.to_owned(), source.clone());
        self.blocking(move |k| k.source_keys(&name, &source)).await
    }

    /// The MFA session of source `name` (asking `mfa` for a code when none
    /// is cached): what IAM calls are signed with when the user's policy
    /// asks for MFA.
    pub async fn source_mfa_credentials(
        &self,
        name: &str,
        mfa: &dyn MfaPrompt,
    ) -> Result<Credentials> {
        let source = self.config.source(name)?;
        let serial = source.mfa_serial.as_ref().ok_or_else(|| {
            Error::invalid("mfa_serial", format!("source '{name}' has no MFA device"))
        })?;
        let keys = self.source_keys(name, source).await?;
        let device = Device {
            serial,
            command: source.mfa_command.as_ref(),
        };
        self.mfa_session(name, name, source, &keys, device, mfa)
            .await
    }

    /// The source's MFA session: one GetSessionToken serves every role of
    /// the source until it nears expiry.
    async fn mfa_session(
        &self,
        role: &str,
        source_name: &str,
        source: &Source,
        keys: &Credentials,
        device: Device<'_>,
        mfa: &dyn MfaPrompt,
    ) -> Result<Credentials> {
        let serial = device.serial;
        let fingerprint = digest(&[source.key_line(), serial]);
        let _lock = FileLock::acquire_async(&self.lock_dir, &format!("mfa-{source_name}")).await?;
        let name = source_name.to_owned();
        let cached = self.blocking(move |k| k.mfa_session(&name)).await?;
        let now = self.clock.now();
        let min_ttl = i64::from(self.config.settings.min_ttl_seconds);
        if let Some(c) =
            cached.filter(|c| c.fingerprint == fingerprint && c.session.seconds_left(now) > min_ttl)
        {
            return Ok(c.session.credentials);
        }
        let code = self.ask(mfa, role, serial, device.command).await?;
        tracing::debug!(source = source_name, serial, "new MFA session");
        let t = self
            .sts
            .get_session_token(
                keys,
                &self.sts_region(role, source.region.as_deref())?,
                serial,
                &code,
                self.config.settings.mfa_session_seconds,
            )
            .await?;
        let cached = Cached {
            session: Session {
                role: format!("mfa:{source_name}"),
                assumed_role_arn: String::new(),
                credentials: t.credentials,
                expiration: t.expiration,
                region: None,
            },
            fingerprint,
        };
        let (name, to_store) = (source_name.to_owned(), cached.clone());
        self.blocking(move |k| k.store_mfa_session(&name, &to_store))
            .await?;
        Ok(cached.session.credentials)
    }

    async fn assume(
        &self,
        role: &str,
        role_cfg: &Role,
        creds: &Credentials,
        region: Option<String>,
        mfa: Option<(&str, &Sensitive<String>)>,
    ) -> Result<Session> {
        let session_name = role_cfg.session_name.clone().unwrap_or_else(|| {
            validate::default_session_name(std::env::var("USER").ok().as_deref())
        });
        let req = AssumeRequest {
            role_arn: &role_cfg.role_arn,
            session_name: &session_name,
            duration_seconds: role_cfg.effective_duration(),
            external_id: role_cfg.external_id.as_deref(),
            mfa,
        };
        let sts_region = self.sts_region(role, region.as_deref())?;
        let t = self.sts.assume_role(creds, &sts_region, &req).await?;
        Ok(Session {
            role: role.to_owned(),
            assumed_role_arn: t.arn.unwrap_or_default(),
            credentials: t.credentials,
            expiration: t.expiration,
            region,
        })
    }

    /// The region STS is called in: the role's or source's, else the
    /// partition's home region (so aws-cn and aws-us-gov roles work).
    fn sts_region(&self, role: &str, region: Option<&str>) -> Result<String> {
        if let Some(r) = region {
            return Ok(r.to_owned());
        }
        let arn = &self
            .config
            .resolve(role)
            .map(|r| r.role_arn.clone())
            .unwrap_or_default();
        Ok(match validate::partition_of(arn) {
            "aws-cn" => "cn-north-1",
            "aws-us-gov" => "us-gov-west-1",
            _ => "us-east-1",
        }
        .to_owned())
    }

    /// Identifies the settings a cached session was made with, so editing a
    /// role (or anything up its chain) never serves a stale session. Only
    /// what shapes the credentials counts: marking a role a favourite keeps
    /// its session.
    fn fingerprint(&self, role: &str, role_cfg: &Role) -> Result<String> {
        let (start, chain) = self.config.chain(role)?;
        let mut parts = match start {
            Start::Source(source) => {
                let source_cfg = self.config.source(&source)?;
                vec![
                    "v2".to_owned(),
                    source.clone(),
                    source_cfg.key_line().to_owned(),
                    source_cfg.mfa_serial.clone().unwrap_or_default(),
                    source_cfg.region.clone().unwrap_or_default(),
                ]
            }
            Start::Sso(t) => {
                let sso = self.config.sso_source(&t.sso)?;
                vec![
                    "sso1".to_owned(),
                    t.sso.clone(),
                    sso.start_url.clone(),
                    sso.region.clone(),
                ]
            }
            Start::Signin(name) => {
                let signin = self.config.signin_source(&name)?;
                vec!["signin1".to_owned(), name.clone(), signin.region.clone()]
            }
        };
        for name in &chain {
            let r = self.config.resolve(name)?;
            parts.extend([
                name.clone(),
                r.role_arn.clone(),
                r.external_id.clone().unwrap_or_default(),
                r.session_name.clone().unwrap_or_default(),
                r.effective_duration().to_string(),
                r.mfa_serial.clone().unwrap_or_default(),
                r.region.clone().unwrap_or_default(),
            ]);
        }
        parts.push(role_cfg.effective_duration().to_string());
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        Ok(digest(&refs))
    }

    /// A code from `serial` for `role`: from the device's code command
    /// when it has one, else from the person `mfa` asks.
    async fn ask(
        &self,
        mfa: &dyn MfaPrompt,
        role: &str,
        serial: &str,
        command: Option<&MfaCommand>,
    ) -> Result<Sensitive<String>> {
        let used = UsedCodes::new(&self.lock_dir);
        let ask = MfaAsk::new(role, serial);
        let code = mfa_code::obtain(mfa, &ask, command, &used, &*self.clock).await?;
        validate::mfa_code(code.expose())?;
        Ok(code)
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Keychain) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let keychain = self.keychain.clone();
        tokio::task::spawn_blocking(move || f(&keychain))
            .await
            .map_err(|e| Error::Keychain(format!("keychain task failed: {e}")))?
    }
}

/// An MFA device: its serial and, when it has one, its code command.
#[derive(Clone, Copy)]
struct Device<'a> {
    serial: &'a str,
    command: Option<&'a MfaCommand>,
}

/// The code command of the device a role is assumed with: the role's own
/// when it names its own device, else its source's.
fn code_command<'a>(role: &'a Role, source: &'a Source) -> Option<&'a MfaCommand> {
    match &role.mfa_serial {
        Some(serial) if Some(serial) != source.mfa_serial.as_ref() => role.mfa_command.as_ref(),
        _ => role.mfa_command.as_ref().or(source.mfa_command.as_ref()),
    }
}

fn digest(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests;
