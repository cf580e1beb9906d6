//! `AppService`: what the tray app does, with no window in sight. The Tauri
//! commands, the tray menu and the notifier each call one method here; it
//! keeps the active role, the non-secret facts of live sessions (for menus,
//! countdowns and deadlines) and the activity log shown in the window.

use crate::aws_import::{self, Imported};
use crate::catalog::{self, Change};
use crate::clock::Clock;
use crate::config::Config;
use crate::console::{self, ConsoleLogin, ConsoleOptions};
use crate::credentials_file::{self, WriteOptions, WriteOutcome};
use crate::deadlines::Tracked;
use crate::endpoint::{self, Deps};
use crate::error::{Error, Result};
use crate::export;
use crate::keychain::Keychain;
use crate::model::{Role, Settings, Shell, Source};
use crate::paths::{self, Paths};
use crate::secret::Sensitive;
use crate::sessions::{MfaPrompt, SessionManager, SessionMemory};
use crate::sts::Sts;
use crate::views::{self, ActivityEntry, Level, SessionFacts, SettingsView, Snapshot};
use crate::{Session, validate};
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

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
}

pub struct AppService {
    paths: Paths,
    sts: Sts,
    clock: Arc<dyn Clock>,
    keychain: Mutex<Option<Keychain>>,
    state: Mutex<State>,
    /// Live sessions in memory, shared with the credential endpoint.
    memory: SessionMemory,
}

impl AppService {
    pub fn new(paths: Paths, sts: Sts, clock: Arc<dyn Clock>, keychain: Option<Keychain>) -> Self {
        AppService {
            paths,
            sts,
            clock,
            keychain: Mutex::new(keychain),
            state: Mutex::new(State::default()),
            memory: SessionMemory::default(),
        }
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

    /// Where RoleTray's own files are.
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    pub fn config(&self) -> Result<Config> {
        Config::load(&self.paths.config_file)
    }

    pub fn settings(&self) -> Settings {
        self.config().map(|c| c.settings).unwrap_or_default()
    }

    fn manager(&self) -> Result<SessionManager> {
        Ok(SessionManager::new(
            Arc::new(self.config()?),
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
        Ok(())
    }

    pub fn snapshot(&self, start_at_login: bool) -> Snapshot {
        let config = match self.config() {
            Ok(c) => c,
            Err(e) => {
                self.record(Level::Error, &e.to_string(), e.code());
                Config::default()
            }
        };
        let state = self.state();
        views::snapshot(
            &config,
            &state.sessions,
            state.active_role.as_deref(),
            state.activity.iter().cloned().collect(),
            start_at_login,
            self.clock.now(),
        )
    }

    /// Sessions the notifier watches.
    pub fn tracked(&self) -> Vec<Tracked> {
        self.state()
            .sessions
            .iter()
            .map(|(role, f)| Tracked {
                role: role.clone(),
                expiration: f.expiration,
            })
            .collect()
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
        let got = self.manager()?.session(role, mfa).await;
        self.after_session(role, got.map(|o| o.session)).await
    }

    pub async fn renew(&self, role: &str, mfa: &dyn MfaPrompt) -> Result<Session> {
        let got = self.manager()?.renew(role, mfa).await;
        self.after_session(role, got.map(|o| o.session)).await
    }

    async fn after_session(&self, role: &str, got: Result<Session>) -> Result<Session> {
        let session = got?;
        let known = self
            .state()
            .sessions
            .get(role)
            .filter(|f| f.expiration == session.expiration)
            .and_then(|f| f.verified_arn.clone());
        let verified = match known {
            Some(arn) => Some(arn),
            None => self.verify(role, &session).await,
        };
        let mut state = self.state();
        state
            .sessions
            .insert(role.to_owned(), facts(&session, verified));
        state.active_role = Some(role.to_owned());
        state.failing = false;
        Ok(session)
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

    pub async fn end_session(&self, role: &str) -> Result<()> {
        self.manager()?.forget(role).await?;
        let mut state = self.state();
        state.sessions.remove(role);
        if state.active_role.as_deref() == Some(role) {
            state.active_role = None;
        }
        Ok(())
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
    ) -> Result<WriteOutcome> {
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
        Ok(outcome)
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
    /// wrote to it.
    pub fn restore_credentials(&self) -> Result<crate::originals::Restored> {
        let done = crate::originals::restore_credentials(&self.paths, &self.keychain()?, false)?;
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
    pub async fn console_login(&self, role: &str, mfa: &dyn MfaPrompt) -> Result<ConsoleLogin> {
        console::sign_in(&self.manager()?, role, mfa, &ConsoleOptions::default()).await
    }

    pub fn put_source(
        &self,
        name: &str,
        source: Source,
        secret: &Sensitive<String>,
        replace: bool,
    ) -> Result<Change> {
        catalog::put_source(
            &self.paths,
            &self.keychain()?,
            name,
            source,
            secret,
            replace,
        )
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
        })
    }

    pub fn remove_source(&self, name: &str) -> Result<()> {
        catalog::remove_source(&self.paths, &self.keychain()?, name)
    }

    pub fn put_role(&self, name: &str, role: Role, replace: bool) -> Result<Change> {
        let change = catalog::put_role(&self.paths, &self.keychain()?, name, role, replace)?;
        if change == Change::Updated {
            self.state().sessions.remove(name);
        }
        Ok(change)
    }

    pub fn remove_role(&self, name: &str) -> Result<()> {
        catalog::remove_role(&self.paths, &self.keychain()?, name)?;
        let mut state = self.state();
        state.sessions.remove(name);
        if state.active_role.as_deref() == Some(name) {
            state.active_role = None;
        }
        Ok(())
    }

    pub async fn import_aws(&self) -> Result<Vec<Imported>> {
        let plan =
            aws_import::read(&paths::aws_config_file()?, &paths::aws_credentials_file()?).await?;
        aws_import::apply(plan, &self.paths, &self.keychain()?)
    }

    /// Takes the long-lived keys of the imported sources `names` out of the
    /// AWS credentials file, each once confirmed in the keychain.
    pub fn remove_imported_keys(&self, names: &[String]) -> Result<Vec<Imported>> {
        let report = aws_import::remove_imported_keys(
            names,
            &paths::aws_credentials_file()?,
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

    pub fn save_settings(&self, view: &SettingsView) -> Result<()> {
        Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            view.apply_to(&mut c.settings)
        })
    }

    /// Logs a failed action started from the tray or a notification in the
    /// activity list, and shows the error look on the tray until the next success.
    pub fn report_failure(&self, what: &str, e: &Error) {
        self.record(Level::Error, &format!("{what}: {e}"), e.code());
        self.state().failing = true;
    }

    pub fn record(&self, level: Level, message: &str, code: &str) {
        let mut state = self.state();
        state.activity.push_front(ActivityEntry {
            at: export::rfc3339(self.clock.now()),
            level,
            code: code.to_owned(),
            message: message.to_owned(),
        });
        state.activity.truncate(ACTIVITY_LIMIT);
    }

    pub fn clear_activity(&self) {
        let mut state = self.state();
        state.activity.clear();
        state.failing = false;
    }
}

fn facts(s: &Session, verified_arn: Option<String>) -> SessionFacts {
    SessionFacts {
        assumed_role_arn: s.assumed_role_arn.clone(),
        verified_arn,
        expiration: s.expiration,
    }
}
