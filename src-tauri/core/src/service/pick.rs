//! The quick switch's search (the palette, `roletray pick`) and the roles'
//! use history it ranks by: every person-chosen use of a role (assume,
//! renew, copy, console, profile, export, exec) is noted, by whichever
//! face it came from, so they all rank the same.

use super::state::Service;
use crate::pick::{Candidate, PickHit, UseHistory, rank};
use std::sync::Arc;

/// How many recent roles the tray lists.
pub const RECENT_ROLES: usize = 5;

impl Service {
    /// The best `limit` roles for `query`, best first (an empty query: by use).
    pub fn pick(&self, query: &str, limit: usize) -> Vec<PickHit> {
        let candidates = self.candidates();
        let uses = self.uses.get(&self.paths.uses_file());
        rank(&candidates, query, &uses, self.now(), limit)
    }

    /// Every role as the quick switch searches it, made again only after a
    /// change (a session, the configuration, a sign-in's list).
    fn candidates(&self) -> Arc<Vec<Candidate>> {
        let revision = *self.changes.borrow();
        let config = self.config().ok();
        let config_id = config.as_ref().map_or(0, |c| Arc::as_ptr(c) as usize);
        self.candidates.get_or_make(revision, config_id, || {
            let snap = self.snapshot(false);
            let active = snap.active_role.as_deref();
            snap.roles
                .iter()
                .map(|r| Candidate::of(r, active))
                .collect()
        })
    }

    /// Notes that the person used `role` now. A history that cannot be
    /// written only costs the ranking: it is logged, never an error.
    pub fn note_use(&self, role: &str) {
        let now = self.now();
        match UseHistory::update(&self.paths.uses_file(), &self.paths.lock_dir, |h| {
            h.note(role, now)
        }) {
            Ok(()) => self.changed(),
            Err(e) => tracing::warn!("cannot note the use of {role}: {e}"),
        }
    }

    /// The roles used last that still exist, the latest first.
    pub fn recent_roles(&self, n: usize) -> Vec<String> {
        let uses = self.uses.get(&self.paths.uses_file());
        let Ok(config) = self.config() else {
            return Vec::new();
        };
        uses.recent(usize::MAX)
            .into_iter()
            .filter(|name| config.role(name).is_ok())
            .take(n)
            .map(str::to_owned)
            .collect()
    }
}
