//! `Service`: the one way into the core, with no window in sight. The
//! tray app's intents, the page's commands, the CLI's subcommands and the
//! credential endpoint each call one method here. It keeps the active role,
//! the non-secret facts of live sessions (for menus, countdowns and
//! deadlines) and the activity log shown in the window, and it publishes a
//! change after anything changes: whoever shows something subscribes.

use crate::aws_import;
use crate::catalog;
use crate::clock::Clock;
use crate::clock::SystemClock;
use crate::config::Config;
use crate::console::{self, ConsoleLogin, ConsoleOptions};
use crate::credentials_file::{self, WriteOptions, WriteOutcome};
use crate::deadlines::Tracked;
use crate::endpoint::{self, Deps};
use crate::error::{Error, Result};
use crate::export;
use crate::keychain::Keychain;
use crate::model::{DEFAULT_DURATION, Role, Settings, Shell, Source};
use crate::paths::{self, Paths};
use crate::secret::Sensitive;
use crate::sessions::{SessionManager, SessionMemory};
use crate::sts::{SharedSts, Sts};
use crate::views::{self, ActivityEntry, Level, SessionFacts, SettingsView, Snapshot};
use crate::{Session, validate};
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::watch;

mod config_cache;
mod sso;

// What the faces need of the modules behind the service.
pub use crate::aws_import::Imported;
pub use crate::catalog::Change;
pub use crate::originals::Restored;
pub use crate::sessions::{BoxFuture, MfaPrompt, NoPrompt, Obtained};
pub use crate::sts::StsApi;
use config_cache::ConfigCache;
pub use sso::{LIST_MAX_AGE, SIGN_IN_PREFIX, SsoListed};

/// How many activity entries the window keeps.
const ACTIVITY_LIMIT: usize = 200;

/// The tray icon's four looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayState {
    Idle,
    Active,
    Expiring,
    Error,
}

#[derive(Default)]
struct State {
    active_role: Option<String>,
    sessions: BTreeMap<String, SessionFacts>,
    activity: VecDeque<ActivityEntry>,
    /// The last action started from the tray or a notification failed.
    failing: bool,
    /// Identity Center sources' sign-ins and lists.
    sso: BTreeMap<String, views::SsoFacts>,
}

pub struct Service {
    paths: Paths,
    sts: SharedSts,
    clock: Arc<dyn Clock>,
    keychain: Mutex<Option<Keychain>>,
    state: Mutex<State>,
    /// Live sessions in memory, shared with the credential endpoint.
    memory: SessionMemory,
    config: ConfigCache,
    /// A generation number, bumped after every change.
    changes: watch::Sender<u64>,
    /// Whether a new session is checked with GetCallerIdentity (the app
    /// shows who it is; a one-shot CLI command does not pay for the call).
    verify: bool,
}

impl Service {
    pub fn new(
        paths: Paths,
        sts: SharedSts,
        clock: Arc<dyn Clock>,
        keychain: Option<Keychain>,
    ) -> Self {
        Service {
            paths,
            sts,
            clock,
            keychain: Mutex::new(keychain),
            state: Mutex::new(State::default()),
            memory: SessionMemory::default(),
            config: ConfigCache::default(),
            changes: watch::channel(0).0,
            verify: true,
        }
    }

    /// The service as the tray app uses it: the real STS and clock, and the
    /// keychain given (or opened on first use, when there was none yet).
    pub fn for_app(paths: Paths, keychain: Option<Keychain>) -> Self {
        Service::new(paths, Sts::shared(), Arc::new(SystemClock), keychain)
    }

    /// The service as a one-shot command uses it: the real STS and clock,
    /// the keychain opened on first use, no GetCallerIdentity check.
    pub fn for_command(paths: Paths) -> Self {
        let mut service = Service::new(paths, Sts::shared(), Arc::new(SystemClock), None);
        service.verify = false;
        service
    }

    /// Wakes whenever something the tray, the page or the expiry watcher
    /// shows has changed (several changes may arrive as one).
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changes.subscribe()
    }

    fn changed(&self) {
        self.changes.send_modify(|g| *g = g.wrapping_add(1));
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The keychain, opened on first use (and retried after a failure, so a
    /// keyring that appears later is picked up).
    pub fn keychain(&self) -> Result<Keychain> {
        let mut slot = self.keychain.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(k) = slot.as_ref() {
            return Ok(k.clone());
        }
        let k = Keychain::platform()?;
        *slot = Some(k.clone());
        Ok(k)
    }

    /// The time by the service's clock (the one every deadline is judged by).
    pub fn now(&self) -> time::OffsetDateTime {
        self.clock.now()
    }

    /// Where RoleTray's own files are.
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// The configuration, read again only when its file changed.
    pub fn config(&self) -> Result<Arc<Config>> {
        self.config
            .get(&self.paths.config_file, &self.paths.sso_cache_dir)
    }

    pub fn settings(&self) -> Settings {
        self.config()
            .map(|c| c.settings.clone())
            .unwrap_or_default()
    }

    fn manager(&self) -> Result<SessionManager> {
        Ok(SessionManager::new(
            self.config()?,
            self.keychain()?,
            self.sts.clone(),
            self.clock.clone(),
            self.paths.lock_dir.clone(),
        )
        .with_memory(self.memory.clone()))
    }

    /// Reads the sessions cached by earlier runs (and by the CLI) into memory,
    /// verifying each with GetCallerIdentity.
    pub async fn load_cached_sessions(&self) -> Result<()> {
        for s in self.manager()?.cached_all().await? {
            let verified = self.verify(&s.role, &s).await;
            self.state()
                .sessions
                .insert(s.role.clone(), facts(&s, verified));
        }
        self.changed();
        Ok(())
    }

    /// What the page and the tray show. A configuration that cannot be read
    /// shows as an error at the top of the activity for as long as it lasts;
    /// it is not recorded, since recording is a change and every change asks
    /// for a new snapshot.
    pub fn snapshot(&self, start_at_login: bool) -> Snapshot {
        // Read first: a change made while this snapshot is built shows in
        // it, and its own event (with a higher count) follows anyway.
        let revision = *self.changes.borrow();
        let now = self.clock.now();
        let (config, problem) = match self.config() {
            Ok(c) => (c, None),
            Err(e) => {
                let entry = ActivityEntry {
                    at: export::rfc3339(now),
                    level: Level::Error,
                    code: e.code().to_owned(),
                    message: e.to_string(),
                };
                (Arc::new(Config::default()), Some(entry))
            }
        };
        let state = self.state();
        let activity = problem
            .into_iter()
            .chain(state.activity.iter().cloned())
            .collect();
        let mut snap = views::snapshot(
            &config,
            &state.sessions,
            &state.sso,
            state.active_role.as_deref(),
            activity,
            start_at_login,
            now,
        );
        snap.revision = revision;
        snap
    }

    /// Sessions (and Identity Center sign-ins, as `sso:NAME`) the notifier watches.
    pub fn tracked(&self) -> Vec<Tracked> {
        let mut tracked: Vec<Tracked> = self
            .state()
            .sessions
            .iter()
            .map(|(role, f)| Tracked {
                role: role.clone(),
                expiration: f.expiration,
            })
            .collect();
        tracked.extend(self.tracked_sign_ins());
        tracked
    }

    pub fn active_role(&self) -> Option<String> {
        self.state().active_role.clone()
    }

    pub fn tray_state(&self) -> TrayState {
        let lead = time::Duration::seconds(i64::from(self.settings().notify_before_seconds));
        let now = self.clock.now();
        let state = self.state();
        if state.failing {
            return TrayState::Error;
        }
        let active = state
            .active_role
            .as_ref()
            .and_then(|r| state.sessions.get(r))
            .filter(|f| f.expiration > now);
        match active {
            Some(f) if f.expiration - lead <= now => TrayState::Expiring,
            Some(_) => TrayState::Active,
            None => TrayState::Idle,
        }
    }

    /// Assumes `role` (or reuses its cached session), verifies who the
    /// credentials belong to, and makes it the active role.
    pub async fn assume(&self, role: &str, mfa: &dyn MfaPrompt) -> Result<Session> {
        Ok(self.session(role, mfa, false).await?.session)
    }

    pub async fn renew(&self, role: &str, mfa: &dyn MfaPrompt) -> Result<Session> {
        Ok(self.session(role, mfa, true).await?.session)
    }

    /// A session for `role` as the session manager gives it (cached while
    /// enough time remains, or new with `renew`), and whether it is new; it
    /// becomes the active role.
    pub async fn session(&self, role: &str, mfa: &dyn MfaPrompt, renew: bool) -> Result<Obtained> {
        let manager = self.manager()?;
        let got = if renew {
            manager.renew(role, mfa).await?
        } else {
            manager.session(role, mfa).await?
        };
        self.after_session(role, &got.session).await;
        Ok(got)
    }

    /// A session for a tool (`credential-process`, `export`, `exec`): from
    /// the running app or `roletray serve` when one answers (it holds the
    /// session in memory and can ask for an MFA code in a window), else
    /// from the keychain. With `ask_app` false (a code given for this very
    /// call), the keychain path answers.
    pub async fn session_for_tool(
        &self,
        role: &str,
        mfa: &dyn MfaPrompt,
        ask_app: bool,
    ) -> Result<Session> {
        if ask_app {
            let config = self.config()?;
            let wait = if config.needs_mfa(role)? {
                APP_ANSWER_WITH_MFA
            } else {
                APP_ANSWER
            };
            if let Some(s) =
                endpoint::session_from_running(&self.paths, &config, role, wait).await?
            {
                return Ok(s);
            }
        }
        Ok(self.manager()?.session(role, mfa).await?.session)
    }

    /// Every live cached session, in role-name order (one keychain search).
    pub async fn cached_sessions(&self) -> Result<Vec<Session>> {
        self.manager()?.cached_all().await
    }

    /// Forgets the cached session of a role, or the MFA session of a source.
    pub async fn forget(&self, name: &str) -> Result<()> {
        self.manager()?.forget(name).await?;
        self.drop_session_facts(name);
        Ok(())
    }

    /// Forgets what this service showed of `name`'s session.
    fn drop_session_facts(&self, name: &str) {
        let mut state = self.state();
        state.sessions.remove(name);
        if state.active_role.as_deref() == Some(name) {
            state.active_role = None;
        }
        drop(state);
        self.changed();
    }

    /// Makes `role` active with `session`, verified once per session.
    async fn after_session(&self, role: &str, session: &Session) {
        let known = self
            .state()
            .sessions
            .get(role)
            .filter(|f| f.expiration == session.expiration)
            .and_then(|f| f.verified_arn.clone());
        let verified = match known {
            Some(arn) => Some(arn),
            None if self.verify => self.verify(role, session).await,
            None => None,
        };
        let mut state = self.state();
        state
            .sessions
            .insert(role.to_owned(), facts(session, verified));
        state.active_role = Some(role.to_owned());
        state.failing = false;
        drop(state);
        self.changed();
    }

    /// The ARN as AWS sees these credentials; a failure is shown, not fatal.
    async fn verify(&self, role: &str, session: &Session) -> Option<String> {
        let region = session.region.clone().unwrap_or_else(|| "us-east-1".into());
        match self
            .sts
            .caller_identity(&session.credentials, &region)
            .await
        {
            Ok(arn) => Some(arn),
            Err(e) => {
                self.record(
                    Level::Warning,
                    &format!("could not verify {role}: {e}"),
                    e.code(),
                );
                None
            }
        }
    }

    /// Ends `role`'s session: RoleTray forgets it (AWS has no call to end one).
    /// Drops `source`'s MFA session: the next role assumed with it asks
    /// for a code again.
    pub async fn forget_mfa_session(&self, source: &str) -> Result<()> {
        self.config()?.source(source)?;
        self.manager()?.forget(source).await
    }

    pub async fn end_session(&self, role: &str) -> Result<()> {
        self.config()?.role(role)?;
        self.forget(role).await
    }

    /// Export lines for `role` in `shell` (the default shell when `None`).
    pub async fn export_lines(
        &self,
        role: &str,
        shell: Option<Shell>,
        mfa: &dyn MfaPrompt,
    ) -> Result<(Shell, Sensitive<String>)> {
        let shell = shell.unwrap_or(self.settings().default_shell);
        let session = self.assume(role, mfa).await?;
        Ok((shell, export::export_lines(&session, shell)?))
    }

    /// Writes `role`'s session as `profile` (the role's name by default).
    /// A profile holding long-lived keys is refused unless `options.force`.
    pub async fn write_profile(
        &self,
        role: &str,
        profile: Option<&str>,
        options: WriteOptions,
        mfa: &dyn MfaPrompt,
    ) -> Result<ProfileWritten> {
        let profile = profile.unwrap_or(role).to_owned();
        validate::profile_name(&profile)?;
        let path = paths::aws_credentials_file()?;
        credentials_file::check_writable(&path, &profile, options)?;
        let session = self.assume(role, mfa).await?;
        let outcome = credentials_file::write_profile(
            &path,
            &profile,
            &session.credentials,
            &self.paths.lock_dir,
            options,
            &self.keychain()?,
        )?;
        self.record(
            Level::Info,
            &format!("wrote profile [{profile}] to {}", outcome.path.display()),
            "profile_written",
        );
        Ok(ProfileWritten {
            outcome,
            profile,
            expiration: session.expiration,
        })
    }

    /// What the local credential endpoint needs to serve sessions.
    pub fn endpoint_deps(&self) -> Result<Deps> {
        Ok(Deps {
            paths: self.paths.clone(),
            keychain: self.keychain()?,
            sts: self.sts.clone(),
            clock: self.clock.clone(),
            memory: self.memory.clone(),
        })
    }

    /// Live export lines: the running credential endpoint's URL and this
    /// role's token, so tools fetch fresh credentials themselves.
    pub fn live_export_lines(
        &self,
        role: &str,
        shell: Option<Shell>,
    ) -> Result<(Shell, Sensitive<String>)> {
        let config = self.config()?;
        let shell = shell.unwrap_or(config.settings.default_shell);
        let region = config.region_of(role)?;
        let live = endpoint::discover(&self.paths)?;
        let token = live.role_token(&config, role, self.clock.now())?;
        let lines =
            export::live_export_lines(&live.role_url(role), &token, region.as_deref(), shell)?;
        Ok((shell, lines))
    }

    /// Voids every token the running credential endpoint handed out.
    pub async fn reset_endpoint_tokens(&self) -> Result<()> {
        endpoint::rotate_running(&self.paths).await?;
        self.record(
            Level::Info,
            "every endpoint token was reset: copy live export lines again where you need them",
            "endpoint_tokens_reset",
        );
        Ok(())
    }

    /// Puts the AWS credentials file back as it was before RoleTray first
    /// wrote to it (with `dry_run`, only says what it would do).
    pub fn restore_credentials(&self, dry_run: bool) -> Result<Restored> {
        let done = crate::originals::restore_credentials(&self.paths, &self.keychain()?, dry_run)?;
        if dry_run {
            return Ok(done);
        }
        self.record(
            Level::Info,
            &format!(
                "restored {} to its original ({} bytes)",
                done.path.display(),
                done.bytes
            ),
            "credentials_restored",
        );
        Ok(done)
    }

    /// A sign-in link to the AWS console as `role`.
    pub async fn console_login(
        &self,
        role: &str,
        mfa: &dyn MfaPrompt,
        options: &ConsoleOptions,
    ) -> Result<ConsoleLogin> {
        let login = console::sign_in(&self.manager()?, role, mfa, options).await?;
        if let Some(notice) = &login.notice {
            self.record(Level::Info, notice, "console");
        }
        Ok(login)
    }

    pub fn put_source(
        &self,
        name: &str,
        source: Source,
        secret: &Sensitive<String>,
        replace: bool,
    ) -> Result<Change> {
        let change = catalog::put_source(
            &self.paths,
            &self.keychain()?,
            name,
            source,
            secret,
            replace,
        )?;
        self.changed();
        Ok(change)
    }

    /// Replaces a source's key pair, keeping its other settings.
    pub fn rotate_source_key(
        &self,
        name: &str,
        access_key_id: &str,
        secret: &Sensitive<String>,
    ) -> Result<Change> {
        let mut source = self.config()?.source(name)?.clone();
        source.access_key_id = access_key_id.to_owned();
        self.put_source(name, source, secret, true)
    }

    /// Changes a source's MFA serial and region, keeping its key.
    pub fn update_source(
        &self,
        name: &str,
        mfa_serial: Option<String>,
        region: Option<String>,
    ) -> Result<()> {
        let source = Source {
            access_key_id: self.config()?.source(name)?.access_key_id.clone(),
            mfa_serial,
            region,
        };
        source.validate()?;
        Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            c.source(name)?;
            c.sources.insert(name.to_owned(), source);
            Ok(())
        })?;
        self.changed();
        Ok(())
    }

    pub fn remove_source(&self, name: &str) -> Result<()> {
        catalog::remove_source(&self.paths, &self.keychain()?, name)?;
        self.changed();
        Ok(())
    }

    /// Adds or replaces a role. A role chained through another one that asks
    /// for more than an hour gets a note (AWS caps chained sessions), in the
    /// result and in the activity list.
    pub fn put_role(&self, name: &str, role: Role, replace: bool) -> Result<RoleSaved> {
        role.validate()?;
        let capped = role.duration_seconds.unwrap_or(DEFAULT_DURATION) != role.effective_duration();
        let change = catalog::put_role(&self.paths, &self.keychain()?, name, role, replace)?;
        if change == Change::Updated {
            self.state().sessions.remove(name);
        }
        let note = capped.then(|| {
            format!(
                "'{name}' is chained through another role, and AWS caps chained sessions at {max} seconds: it will get {max} seconds.",
                max = validate::CHAINED_MAX_DURATION
            )
        });
        if let Some(n) = &note {
            self.record(Level::Info, n, "duration_capped");
        }
        self.changed();
        Ok(RoleSaved { change, note })
    }

    pub fn remove_role(&self, name: &str) -> Result<()> {
        catalog::remove_role(&self.paths, &self.keychain()?, name)?;
        self.drop_session_facts(name);
        Ok(())
    }

    /// What `import_aws` would bring in, counted without storing anything
    /// (the keychain is not opened; the secrets read are dropped).
    pub async fn import_preview(&self) -> Result<views::ImportPreview> {
        let config_file = paths::aws_config_file()?;
        let credentials_file = paths::aws_credentials_file()?;
        let plan = aws_import::read(&config_file, &credentials_file).await?;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(views::ImportPreview {
            config_file: config_file.display().to_string(),
            credentials_file: credentials_file.display().to_string(),
            role_profiles: count(plan.roles.len()),
            key_pairs: count(plan.sources.len()),
            sso_sources: count(plan.sso.len()),
            skipped: count(plan.skipped.len()),
        })
    }

    /// Imports the AWS CLI's profiles from its default files.
    pub async fn import_aws(&self) -> Result<Vec<Imported>> {
        self.import_from(
            &paths::aws_config_file()?,
            &paths::aws_credentials_file()?,
            false,
        )
        .await
    }

    /// Imports the role profiles and key pairs of these AWS files; the
    /// keychain is opened only when there is something to keep. With
    /// `remove_keys`, the imported key pairs then leave the credentials file.
    pub async fn import_from(
        &self,
        config_file: &std::path::Path,
        credentials_file: &std::path::Path,
        remove_keys: bool,
    ) -> Result<Vec<Imported>> {
        let plan = aws_import::read(config_file, credentials_file).await?;
        if plan.is_empty() {
            return Ok(plan.skipped);
        }
        let sources: Vec<String> = plan.sources.iter().map(|(n, _, _)| n.clone()).collect();
        let applied = aws_import::apply(plan, &self.paths, &self.keychain()?);
        self.changed();
        let mut report = applied?;
        if remove_keys && !sources.is_empty() {
            report.extend(self.remove_imported_keys_from(&sources, credentials_file)?);
        }
        Ok(report)
    }

    /// Takes the long-lived keys of the imported sources `names` out of the
    /// AWS credentials file, each once confirmed in the keychain.
    pub fn remove_imported_keys(&self, names: &[String]) -> Result<Vec<Imported>> {
        self.remove_imported_keys_from(names, &paths::aws_credentials_file()?)
    }

    /// The same, from a credentials file given by path.
    pub fn remove_imported_keys_from(
        &self,
        names: &[String],
        credentials_file: &std::path::Path,
    ) -> Result<Vec<Imported>> {
        let report = aws_import::remove_imported_keys(
            names,
            credentials_file,
            &self.paths,
            &self.keychain()?,
        )?;
        for item in &report {
            self.record(
                Level::Info,
                &format!("source {}: {}", item.name, item.outcome),
                "keys_removed",
            );
        }
        Ok(report)
    }

    /// Sets one setting by its CLI name (`min-ttl`, `default-shell`...).
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            c.settings.set(key, value)
        })?;
        self.changed();
        Ok(())
    }

    pub fn save_settings(&self, view: &SettingsView) -> Result<()> {
        Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            view.apply_to(&mut c.settings)
        })?;
        self.changed();
        Ok(())
    }

    /// Logs a failed action started from the tray or a notification in the
    /// activity list, and shows the error look on the tray until the next success.
    pub fn report_failure(&self, what: &str, e: &Error) {
        self.state().failing = true;
        self.record(Level::Error, &format!("{what}: {e}"), e.code());
    }

    pub fn record(&self, level: Level, message: &str, code: &str) {
        match level {
            Level::Error => tracing::error!(code, "{message}"),
            Level::Warning => tracing::warn!(code, "{message}"),
            Level::Info => tracing::info!(code, "{message}"),
        }
        let mut state = self.state();
        state.activity.push_front(ActivityEntry {
            at: export::rfc3339(self.clock.now()),
            level,
            code: code.to_owned(),
            message: message.to_owned(),
        });
        state.activity.truncate(ACTIVITY_LIMIT);
        drop(state);
        self.changed();
    }

    pub fn clear_activity(&self) {
        let mut state = self.state();
        state.activity.clear();
        state.failing = false;
        drop(state);
        self.changed();
    }
}

/// A profile written to the AWS credentials file.
#[derive(Debug)]
pub struct ProfileWritten {
    pub outcome: WriteOutcome,
    pub profile: String,
    /// When the credentials written expire.
    pub expiration: time::OffsetDateTime,
}

/// A role added or replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleSaved {
    pub change: Change,
    /// Something the person should know (the chained one-hour cap).
    pub note: Option<String>,
}

/// How long a running app may take to answer for a role that needs no MFA
/// code. Past it, the keychain path answers (it waits for the app's STS
/// call through the role's lock, then reuses what the app cached).
const APP_ANSWER: std::time::Duration = std::time::Duration::from_secs(2);
/// For a role that may need a code: the app's MFA window stays up this long.
const APP_ANSWER_WITH_MFA: std::time::Duration = std::time::Duration::from_secs(310);

fn facts(s: &Session, verified_arn: Option<String>) -> SessionFacts {
    SessionFacts {
        assumed_role_arn: s.assumed_role_arn.clone(),
        verified_arn,
        expiration: s.expiration,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::fake_sts::FakeSts;
    use time::macros::datetime;

    // A configuration that cannot be read shows in the snapshot, and reading
    // the snapshot is no change: the tray and the page, which take a new
    // snapshot after each change, would otherwise never stop.
    #[test]
    fn a_broken_configuration_shows_without_being_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let paths = paths_in(dir.path());
        std::fs::write(&paths.config_file, "[sources.me\n").unwrap();
        let clock = Arc::new(ManualClock::new(datetime!(2026-11-30 10:00 UTC)));
        let service = Service::new(paths, FakeSts::new(clock.clone()), clock, None);
        let changes = service.subscribe();
        for _ in 0..2 {
            let snap = service.snapshot(false);
            assert_eq!(snap.activity.len(), 1);
            assert_eq!(snap.activity[0].code, "config_invalid");
        }
        assert!(!changes.has_changed().unwrap());
    }

    /// Every file of a test's service under `dir`.
    fn paths_in(dir: &std::path::Path) -> Paths {
        Paths {
            config_file: dir.join("config.toml"),
            lock_dir: dir.join("locks"),
            runtime_dir: dir.to_owned(),
            sso_cache_dir: dir.join("sso"),
        }
    }

    // The page keeps the snapshot with the highest revision: a snapshot
    // made before a change must carry a lower one than any made after it.
    #[test]
    fn every_change_raises_the_snapshot_revision() {
        let dir = tempfile::tempdir().unwrap();
        let paths = paths_in(dir.path());
        let clock = Arc::new(ManualClock::new(datetime!(2026-11-30 10:00 UTC)));
        let service = Service::new(paths, FakeSts::new(clock.clone()), clock, None);
        let before = service.snapshot(false);
        assert_eq!(service.snapshot(false).revision, before.revision);
        service.record(Level::Info, "something happened", "test");
        let after = service.snapshot(false);
        assert!(after.revision > before.revision);
        service.clear_activity();
        assert!(service.snapshot(false).revision > after.revision);
    }
}
