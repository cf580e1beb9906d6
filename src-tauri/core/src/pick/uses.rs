//! The roles' use history (`$XDG_CACHE_HOME/roletray/role-uses.json`):
//! when each role was last used and how often, for ranking ("frecency")
//! and the tray's recent roles. Role names and times only, no secret; it
//! may be lost. The CLI, the tray, the window and the palette all write it
//! through the service, under a lock, atomically.

use crate::error::Result;
use crate::files;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use time::OffsetDateTime;

/// How many of a role's latest uses are kept to weigh how recent it is.
const KEPT_USES: usize = 10;
/// Roles beyond this many (the least recently used) are forgotten, so the
/// file stays small whatever happens to the configuration.
const KEPT_ROLES: usize = 2_000;

/// Every role's uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UseHistory {
    #[serde(default)]
    pub roles: BTreeMap<String, RoleUses>,
}

/// One role's uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleUses {
    /// Every use ever counted.
    pub count: u32,
    /// The latest uses, oldest first (at most [`KEPT_USES`]).
    #[serde(with = "recent_times")]
    pub recent: Vec<OffsetDateTime>,
}

impl UseHistory {
    /// The history on disk: empty when there is none or it cannot be read
    /// (it is only a cache).
    pub fn load(path: &Path) -> UseHistory {
        files::load_json(path, "role use history")
    }

    /// Counts a use of `role` at `at`.
    pub fn note(&mut self, role: &str, at: OffsetDateTime) {
        let uses = self.roles.entry(role.to_owned()).or_insert(RoleUses {
            count: 0,
            recent: Vec::new(),
        });
        uses.count = uses.count.saturating_add(1);
        uses.recent.push(at);
        if uses.recent.len() > KEPT_USES {
            uses.recent.remove(0);
        }
        if self.roles.len() > KEPT_ROLES
            && let Some(oldest) = self
                .roles
                .iter()
                .min_by_key(|(_, u)| u.last())
                .map(|(name, _)| name.clone())
        {
            self.roles.remove(&oldest);
        }
    }

    /// How much `role` is used: Firefox's "frecency", the number of uses
    /// times the mean weight of the latest ones, a use weighing less as it
    /// ages (100 within 4 days, 70 within two weeks, 50 within a month, 30
    /// within three, then 10). 0 for a role never used.
    pub fn frecency(&self, role: &str, now: OffsetDateTime) -> f64 {
        let Some(uses) = self.roles.get(role) else {
            return 0.0;
        };
        if uses.recent.is_empty() {
            return 0.0;
        }
        let weights: f64 = uses
            .recent
            .iter()
            .map(|at| age_weight((now - *at).whole_days()))
            .sum();
        f64::from(uses.count) * weights / uses.recent.len() as f64
    }

    /// The `n` roles used last, the latest first.
    pub fn recent(&self, n: usize) -> Vec<&str> {
        let mut roles: Vec<(&str, OffsetDateTime)> = self
            .roles
            .iter()
            .filter_map(|(name, u)| Some((name.as_str(), u.last()?)))
            .collect();
        roles.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        roles.into_iter().take(n).map(|(name, _)| name).collect()
    }

    /// Changes the history under its lock and writes it atomically (0600).
    pub fn update<T>(
        path: &Path,
        lock_dir: &Path,
        change: impl FnOnce(&mut UseHistory) -> T,
    ) -> Result<T> {
        let file = (path, lock_dir, "role-uses");
        files::update_json(file, "the role use history", UseHistory::load, change)
    }
}

impl RoleUses {
    fn last(&self) -> Option<OffsetDateTime> {
        self.recent.last().copied()
    }
}

fn age_weight(days: i64) -> f64 {
    match days {
        ..=4 => 100.0,
        5..=14 => 70.0,
        15..=31 => 50.0,
        32..=90 => 30.0,
        _ => 10.0,
    }
}

/// Times as RFC 3339 text, as every other cache file has them.
mod recent_times {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    pub fn serialize<S: Serializer>(times: &[OffsetDateTime], s: S) -> Result<S::Ok, S::Error> {
        let texts: Vec<String> = times
            .iter()
            .map(|t| t.format(&Rfc3339).map_err(serde::ser::Error::custom))
            .collect::<Result<_, _>>()?;
        texts.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<OffsetDateTime>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|t| OffsetDateTime::parse(t, &Rfc3339).map_err(serde::de::Error::custom))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-05 12:00 UTC);

    #[test]
    fn often_and_lately_outweighs_once_or_long_ago() {
        let mut h = UseHistory::default();
        for d in 0..5 {
            h.note("daily", NOW - Duration::days(d));
        }
        h.note("once", NOW);
        for d in 0..5 {
            h.note("last-year", NOW - Duration::days(300 + d));
        }
        let f = |r| h.frecency(r, NOW);
        assert!(f("daily") > f("once"), "{} {}", f("daily"), f("once"));
        assert!(
            f("once") > f("last-year"),
            "{} {}",
            f("once"),
            f("last-year")
        );
        assert_eq!(f("never"), 0.0);
    }

    #[test]
    fn recent_is_latest_first_and_only_the_latest_uses_are_kept() {
        let mut h = UseHistory::default();
        h.note("a", NOW - Duration::hours(3));
        h.note("b", NOW - Duration::hours(1));
        h.note("c", NOW - Duration::hours(2));
        assert_eq!(h.recent(2), ["b", "c"]);
        for i in 0..25 {
            h.note("a", NOW + Duration::minutes(i));
        }
        assert_eq!(h.roles["a"].count, 26);
        assert_eq!(h.roles["a"].recent.len(), KEPT_USES);
        assert_eq!(h.recent(1), ["a"]);
    }

    #[test]
    fn it_survives_a_round_trip_and_a_damaged_file_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache").join("role-uses.json");
        let locks = dir.path().join("locks");
        UseHistory::update(&path, &locks, |h| h.note("dev", NOW)).unwrap();
        UseHistory::update(&path, &locks, |h| h.note("dev", NOW)).unwrap();
        let back = UseHistory::load(&path);
        assert_eq!(back.roles["dev"].count, 2);
        assert_eq!(back.recent(5), ["dev"]);
        std::fs::write(&path, b"{ not json").unwrap();
        assert_eq!(UseHistory::load(&path), UseHistory::default());
    }

    #[test]
    fn the_least_recently_used_role_goes_past_the_limit() {
        let mut h = UseHistory::default();
        for i in 0..=KEPT_ROLES {
            h.note(&format!("r{i}"), NOW + Duration::seconds(i as i64));
        }
        assert_eq!(h.roles.len(), KEPT_ROLES);
        assert!(!h.roles.contains_key("r0"));
    }
}
