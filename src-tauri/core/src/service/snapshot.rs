//! What the faces show, read from the service: the page's and the tray's
//! snapshot, the tray icon's look, the active role, and the deadlines the
//! expiry watcher keeps.

use super::state::Service;
use crate::config::Config;
use crate::deadlines::Tracked;
use crate::export;
use crate::views::{self, ActivityEntry, Level, Snapshot};
use std::sync::Arc;

/// The tray icon's four looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayState {
    Idle,
    Active,
    Expiring,
    Error,
}

impl Service {
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
                    seq: 0,
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
        let cache = self.key_facts_cache();
        let max_age = config.settings.key_max_age_days;
        for source in &mut snap.sources {
            if let Some(s) = config.sources.get(&source.name) {
                source.key = cache
                    .facts_for(&source.name, &s.access_key_id)
                    .map(|f| crate::key_views::KeyFactsView::new(f, max_age, now));
            }
        }
        signins_into(&mut snap, &config, &state, now);
        drop(state);
        snap.recent_roles = self.recent_roles(super::pick::RECENT_ROLES);
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
}

/// The AWS Sign-In sources, and each signed-in identity as a role (by its
/// source's name), into `snap`.
fn signins_into(
    snap: &mut Snapshot,
    config: &Config,
    state: &super::state::State,
    now: time::OffsetDateTime,
) {
    for (name, source) in &config.signin {
        let facts = state.signins.get(name).filter(|f| f.ends > now);
        snap.signin_sources.push(views::SigninSourceView {
            name: name.clone(),
            region: source.region.clone(),
            signed_in: facts.is_some(),
            identity_arn: facts.map(|f| f.identity_arn.clone()),
            sign_in_ends: facts.map(|f| export::rfc3339(f.ends)),
        });
        let Some(facts) = facts else {
            continue;
        };
        snap.roles.push(views::RoleView {
            name: name.clone(),
            role_arn: facts.identity_arn.clone(),
            source: None,
            via: None,
            external_id: None,
            session_name: None,
            duration_seconds: 900,
            mfa_serial: None,
            region: Some(source.region.clone()),
            favourite: false,
            mfa_command: None,
            environment: None,
            colour: None,
            asks_first: false,
            session: state
                .sessions
                .get(name)
                .filter(|f| f.expiration > now)
                .map(|f| views::SessionView {
                    assumed_role_arn: f.assumed_role_arn.clone(),
                    verified_arn: f.verified_arn.clone(),
                    expiration: export::rfc3339(f.expiration),
                    seconds_left: (f.expiration - now).whole_seconds(),
                }),
            sso: None,
            signin: Some(name.clone()),
            identity_center: None,
        });
        if state.active_role.as_deref() == Some(name) {
            snap.active_role = Some(name.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::fake_sts::FakeSts;
    use crate::paths::Paths;
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
            key_facts_file: dir.join("key-facts.json"),
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
        service.clear_activity(None);
        assert!(service.snapshot(false).revision > after.revision);
    }
}
