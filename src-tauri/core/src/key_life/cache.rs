//! The key facts cache: `$XDG_CACHE_HOME/roletray/key-facts.json`, what IAM
//! last said about each source's keys and when each source was last
//! reminded. It holds no secret and may be lost: listing reads it offline,
//! and the app refreshes it about daily.

use super::facts::KeyFacts;
use crate::error::Result;
use crate::files;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use time::OffsetDateTime;

/// Facts older than this are read from IAM again (by the app's keeper).
pub const FACTS_LIVE: time::Duration = time::Duration::days(1);

/// The cache file's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactsCache {
    #[serde(default)]
    pub sources: BTreeMap<String, KeyFacts>,
    /// When each source was last reminded of its keys.
    #[serde(default)]
    pub reminded: BTreeMap<String, Reminded>,
}

/// When a source was last reminded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminded {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

impl FactsCache {
    /// The cache as it is on disk: empty when there is none, or when it
    /// cannot be read (it is only a cache; the next refresh writes it anew).
    pub fn load(path: &Path) -> FactsCache {
        files::load_json(path, "key facts cache")
    }

    /// Facts for `source` while its key is still `access_key_id`.
    pub fn facts_for(&self, source: &str, access_key_id: &str) -> Option<&KeyFacts> {
        self.sources
            .get(source)
            .filter(|f| f.access_key_id == access_key_id)
    }

    /// Changes the cache under its lock and writes it atomically (mode 0600).
    pub fn update<T>(
        path: &Path,
        lock_dir: &Path,
        change: impl FnOnce(&mut FactsCache) -> T,
    ) -> Result<T> {
        let file = (path, lock_dir, "key-facts");
        files::update_json(file, "the key facts cache", FactsCache::load, change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn facts(key: &str) -> KeyFacts {
        KeyFacts {
            read_at: datetime!(2026-12-02 12:00 UTC),
            access_key_id: key.into(),
            user: Some("carol".into()),
            key: None,
            other_keys: vec![],
            not_allowed: Some("iam:ListAccessKeys".into()),
        }
    }

    #[test]
    fn updates_persist_and_old_keys_facts_are_not_shown() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache").join("key-facts.json");
        let locks = dir.path().join("locks");
        assert_eq!(FactsCache::load(&path), FactsCache::default());
        FactsCache::update(&path, &locks, |c| {
            c.sources.insert("me".into(), facts("AKIAOLD"));
        })
        .unwrap();
        let back = FactsCache::load(&path);
        assert!(back.facts_for("me", "AKIAOLD").is_some());
        assert!(back.facts_for("me", "AKIANEW").is_none());
        assert!(back.facts_for("other", "AKIAOLD").is_none());
    }

    #[test]
    fn a_damaged_cache_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key-facts.json");
        std::fs::write(&path, b"{ not json").unwrap();
        assert_eq!(FactsCache::load(&path), FactsCache::default());
    }
}
