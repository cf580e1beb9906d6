//! `config.toml`, parsed once and again only when the file changed: the
//! tray, the page and the expiry watcher read it on every change, and a
//! thousand roles are not worth parsing each time. The roles Identity
//! Center sources listed (their cached account lists) are added to it, and
//! read again when one of those lists changed.

use crate::config::Config;
use crate::error::{Error, Result};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// What identifies one version of the file. Every write RoleTray makes
/// renames a new file into place (a new inode); an editor that writes in
/// place changes the length or the modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// Which file it is, where the system says (device and inode on Unix).
    identity: Option<(u64, u64)>,
}

impl Stamp {
    /// `None` when there is no file (the empty configuration).
    pub(super) fn of(path: &Path) -> Result<Option<Stamp>> {
        match std::fs::metadata(path) {
            Ok(m) => Ok(Some(Stamp {
                len: m.len(),
                modified: m.modified().ok(),
                identity: crate::platform::private::file_identity(&m),
            })),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(format!("cannot read {}", path.display()), e)),
        }
    }
}

/// The configuration file's stamp and its account lists' stamps.
type Stamps = (Option<Stamp>, Vec<(String, Option<Stamp>)>);

#[derive(Default)]
pub(super) struct ConfigCache {
    last: Mutex<Option<(Stamps, Arc<Config>)>>,
}

/// The stamps of the account lists in `sso_dir` (a handful of files).
fn listing_stamps(sso_dir: &Path) -> Vec<(String, Option<Stamp>)> {
    let Ok(entries) = std::fs::read_dir(sso_dir) else {
        return Vec::new();
    };
    let mut stamps: Vec<(String, Option<Stamp>)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (p.display().to_string(), Stamp::of(&p).ok().flatten()))
        .collect();
    stamps.sort_by(|a, b| a.0.cmp(&b.0));
    stamps
}

impl ConfigCache {
    /// The configuration at `path`; a file that fails to parse is an error
    /// each time it is asked for, until it is fixed.
    pub(super) fn get(&self, path: &Path, sso_dir: &Path) -> Result<Arc<Config>> {
        let stamp = (Stamp::of(path)?, listing_stamps(sso_dir));
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((seen, config)) = last.as_ref()
            && *seen == stamp
        {
            return Ok(config.clone());
        }
        let mut config = Config::load(path)?;
        let sources: Vec<_> = config.sso.clone().into_iter().collect();
        for (name, source) in sources {
            if let Some((listing, _)) = crate::sso::listing::load(sso_dir, &name, &source) {
                config.add_sso_roles(listing.roles(&name, &source));
            }
        }
        let config = Arc::new(config);
        tracing::debug!(
            path = %path.display(),
            sources = config.sources.len(),
            roles = config.roles.len(),
            "read the configuration"
        );
        // Stamped before reading: a write in between is read again next time.
        *last = Some((stamp, config.clone()));
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "[sources.me]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n";

    #[test]
    fn parses_once_and_again_after_each_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let cache = ConfigCache::default();
        let empty = cache.get(&path, dir.path()).unwrap();
        assert!(empty.sources.is_empty());
        assert!(Arc::ptr_eq(&empty, &cache.get(&path, dir.path()).unwrap()));

        // Written as RoleTray writes: a new file renamed into place.
        let tmp = dir.path().join("config.toml.new");
        std::fs::write(&tmp, ONE).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        let one = cache.get(&path, dir.path()).unwrap();
        assert_eq!(one.sources.len(), 1);
        assert!(Arc::ptr_eq(&one, &cache.get(&path, dir.path()).unwrap()));

        // Edited in place (another length), then broken, then removed.
        std::fs::write(
            &path,
            format!("{ONE}[sources.you]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n"),
        )
        .unwrap();
        assert_eq!(cache.get(&path, dir.path()).unwrap().sources.len(), 2);
        std::fs::write(&path, "[sources.me\n").unwrap();
        assert_eq!(
            cache.get(&path, dir.path()).unwrap_err().code(),
            "config_invalid"
        );
        assert_eq!(
            cache.get(&path, dir.path()).unwrap_err().code(),
            "config_invalid"
        );
        std::fs::remove_file(&path).unwrap();
        assert!(cache.get(&path, dir.path()).unwrap().sources.is_empty());
    }
}
