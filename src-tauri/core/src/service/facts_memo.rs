//! The key facts cache file, read again only when it changed: the
//! snapshot shows the facts after every change, and the file changes about
//! once a day.

use super::config_cache::Stamp;
use crate::key_life::FactsCache;
use std::path::Path;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub(super) struct FactsMemo {
    last: Mutex<Option<(Option<Stamp>, Arc<FactsCache>)>>,
}

impl FactsMemo {
    /// The file's contents, parsed again only when its stamp changed (every
    /// write renames a new file into place).
    pub(super) fn get(&self, path: &Path) -> Arc<FactsCache> {
        let stamp = Stamp::of(path).ok().flatten();
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((seen, cache)) = last.as_ref()
            && *seen == stamp
        {
            return cache.clone();
        }
        let cache = Arc::new(FactsCache::load(path));
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
