//! Cache files read again only when they changed: the key facts (the
//! snapshot shows them after every change, and the file changes about once
//! a day) and the roles' use history (read on every keystroke of a search,
//! written when a role is used).

use super::config_cache::Stamp;
use crate::key_life::FactsCache;
use crate::pick::UseHistory;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A file's parsed contents, kept with the stamp it had when read.
pub(super) struct FileMemo<T> {
    last: Mutex<Option<(Option<Stamp>, Arc<T>)>>,
    load: fn(&Path) -> T,
}

/// The key facts cache file.
pub(super) type FactsMemo = FileMemo<FactsCache>;
/// The roles' use history file.
pub(super) type UsesMemo = FileMemo<UseHistory>;

impl Default for FactsMemo {
    fn default() -> Self {
        FileMemo::new(FactsCache::load)
    }
}

impl Default for UsesMemo {
    fn default() -> Self {
        FileMemo::new(UseHistory::load)
    }
}

impl<T> FileMemo<T> {
    fn new(load: fn(&Path) -> T) -> Self {
        FileMemo {
            last: Mutex::new(None),
            load,
        }
    }

    /// The file's contents, parsed again only when its stamp changed (every
    /// write renames a new file into place).
    pub(super) fn get(&self, path: &Path) -> Arc<T> {
        let stamp = Stamp::of(path).ok().flatten();
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((seen, cache)) = last.as_ref()
            && *seen == stamp
        {
            return cache.clone();
        }
        let cache = Arc::new((self.load)(path));
        *last = Some((stamp, cache.clone()));
        cache
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_is_seen_and_an_unchanged_file_is_not_parsed_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key-facts.json");
        let locks = dir.path().join("locks");
        let memo = FactsMemo::default();
        let empty = memo.get(&path);
        assert!(empty.sources.is_empty());
        FactsCache::update(&path, &locks, |c| {
            c.reminded.insert(
                "me".into(),
                crate::key_life::cache::Reminded {
                    at: time::OffsetDateTime::UNIX_EPOCH,
                },
            );
        })
        .unwrap();
        let first = memo.get(&path);
        assert!(first.reminded.contains_key("me"));
        assert!(Arc::ptr_eq(&first, &memo.get(&path)), "parsed again");
    }
}
