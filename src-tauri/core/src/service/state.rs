//! The `Service` type: what it holds (paths, STS, the clock, the keychain,
//! the configuration), what it shows (the active role, live sessions'
//! facts, the activity, Identity Center sign-ins) and the change counter
//! the faces subscribe to. Its flows are in the files beside this one.

use super::config_cache::ConfigCache;
use super::file_memo::{FactsMemo, UsesMemo};
use super::pick_memo::CandidatesMemo;
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::error::Result;
use crate::iam::{Iam, SharedIam};
use crate::keychain::Keychain;
use crate::model::Settings;
use crate::paths::Paths;
use crate::sessions::{SessionManager, SessionMemory};
use crate::sts::{SharedSts, Sts};
use crate::views::{self, ActivityEntry, SessionFacts};
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::watch;

/// What the service shows, kept between calls.
#[derive(Default)]
pub(super) struct State {
    pub(super) active_role: Option<String>,
    pub(super) sessions: BTreeMap<String, SessionFacts>,
    pub(super) activity: VecDeque<ActivityEntry>,
    /// The number of the last activity entry recorded.
    pub(super) activity_seq: u64,
    /// The last action started from the tray or a notification failed.
    pub(super) failing: bool,
    /// Identity Center sources' sign-ins and lists.
    pub(super) sso: BTreeMap<String, views::SsoFacts>,
    /// AWS Sign-In sources' sign-ins.
    pub(super) signins: BTreeMap<String, views::SigninFacts>,
}

/// The proxy password as last read from the keychain, and when.
pub(super) type KnownPassword = (std::time::Instant, Option<crate::secret::Sensitive<String>>);

pub struct Service {
    pub(super) paths: Paths,
    pub(super) sts: SharedSts,
    pub(super) iam: SharedIam,
    pub(super) clock: Arc<dyn Clock>,
    keychain: Mutex<Option<Keychain>>,
    state: Mutex<State>,
    /// Live sessions in memory, shared with the credential endpoint.
    pub(super) memory: SessionMemory,
    config: ConfigCache,
    /// The key facts cache file, parsed again only when it changed.
    pub(super) facts: FactsMemo,
    /// The roles' use history file, parsed again only when it changed.
    pub(super) uses: UsesMemo,
    /// The quick switch's candidates, made again after a change.
    pub(super) candidates: CandidatesMemo,
    /// A generation number, bumped after every change.
    pub(super) changes: watch::Sender<u64>,
    /// Whether a new session is checked with GetCallerIdentity (the app
    /// shows who it is; a one-shot CLI command does not pay for the call).
    pub(super) verify: bool,
    /// The Network settings' proxy password as last read from the
    /// keychain, and when.
    pub(super) proxy_password: Mutex<Option<KnownPassword>>,
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
            iam: Iam::shared(),
            clock,
            keychain: Mutex::new(keychain),
            state: Mutex::new(State::default()),
            memory: SessionMemory::default(),
            config: ConfigCache::default(),
            facts: FactsMemo::default(),
            uses: UsesMemo::default(),
            candidates: CandidatesMemo::default(),
            changes: watch::channel(0).0,
            verify: true,
            proxy_password: Mutex::new(None),
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

    pub(super) fn changed(&self) {
        self.changes.send_modify(|g| *g = g.wrapping_add(1));
    }

    pub(super) fn state(&self) -> MutexGuard<'_, State> {
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
        let config = self
            .config
            .get(&self.paths.config_file, &self.paths.sso_cache_dir)?;
        self.apply_network(&config.settings);
        Ok(config)
    }

    pub fn settings(&self) -> Settings {
        self.config()
            .map(|c| c.settings.clone())
            .unwrap_or_default()
    }

    pub(super) fn manager(&self) -> Result<SessionManager> {
        Ok(SessionManager::new(
            self.config()?,
            self.keychain()?,
            self.sts.clone(),
            self.clock.clone(),
            self.paths.lock_dir.clone(),
        )
        .with_memory(self.memory.clone()))
    }
}
