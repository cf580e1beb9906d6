//! The accounts and roles an Identity Center source may use, cached in a
//! file (`$XDG_CACHE_HOME/roletray/sso/NAME.json`; no secret in it) so the
//! tray shows them at once and a fresh shell's `credential-process` needs
//! no portal call to know them. Written atomically; a file that cannot be
//! read is an empty listing (it is written again by the next refresh).

use super::source::SsoSource;
use super::target::SsoTarget;
use crate::error::Result;
use crate::files::write_atomically;
use crate::model::Role;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One account and the roles in it the person may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub roles: Vec<String>,
}

/// Every account of one source, as last listed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub accounts: Vec<Account>,
}

/// What the cache file holds: the listing, what it was listed from, and when.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    v: u8,
    start_url: String,
    /// Unix seconds.
    listed_at: i64,
    accounts: Vec<Account>,
}

/// The cache file of source `name` in `dir`.
pub fn path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.json"))
}

/// The cached listing of `name` and when it was made, if it was made for
/// the source's current start URL.
pub fn load(dir: &Path, name: &str, source: &SsoSource) -> Option<(Listing, i64)> {
    let text = std::fs::read_to_string(path(dir, name)).ok()?;
    let stored: Stored = serde_json::from_str(&text)
        .inspect_err(|e| tracing::warn!(sso = name, "the cached account list cannot be read: {e}"))
        .ok()?;
    (stored.v == 1 && stored.start_url == source.start_url).then_some((
        Listing {
            accounts: stored.accounts,
        },
        stored.listed_at,
    ))
}

/// Writes the listing of `name` (mode 0600: account names are not secret,
/// but they are nobody else's business).
pub fn save(dir: &Path, name: &str, source: &SsoSource, listing: &Listing, now: i64) -> Result<()> {
    let stored = Stored {
        v: 1,
        start_url: source.start_url.clone(),
        listed_at: now,
        accounts: listing.accounts.clone(),
    };
    let text = serde_json::to_vec_pretty(&stored).map_err(|e| {
        crate::Error::invalid("sso", format!("cannot encode the account list: {e}"))
    })?;
    crate::files::create_private_dir(dir)?;
    write_atomically(&path(dir, name), &text, 0o600)
}

/// Removes the cache of `name` (signed out or removed).
pub fn remove(dir: &Path, name: &str) {
    let _ = std::fs::remove_file(path(dir, name));
}

impl Listing {
    /// The roles of this listing as RoleTray roles (`SSO/ACCOUNT/ROLE`),
    /// favourites marked.
    pub fn roles(&self, sso: &str, source: &SsoSource) -> Vec<(String, Role)> {
        let mut out = Vec::new();
        for account in &self.accounts {
            for role_name in &account.roles {
                let target = SsoTarget {
                    sso: sso.to_owned(),
                    account_id: account.id.clone(),
                    role_name: role_name.clone(),
                };
                if crate::validate::sso_role_name(role_name).is_err() {
                    continue;
                }
                let favourite = source.favourites.contains(&target.within_source());
                out.push((
                    target.role_key(),
                    Role::from_sso(target, &account.name, favourite),
                ));
            }
        }
        out
    }

    pub fn role_count(&self) -> usize {
        self.accounts.iter().map(|a| a.roles.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> SsoSource {
        SsoSource {
            start_url: "https://d-1.awsapps.com/start".into(),
            region: "eu-west-1".into(),
            scopes: vec![],
            favourites: vec!["111111111111/Admin".into()],
        }
    }

    #[test]
    fn saved_listings_load_for_the_same_portal_only() {
        let dir = tempfile::tempdir().unwrap();
        let listing = Listing {
            accounts: vec![Account {
                id: "111111111111".into(),
                name: "dev".into(),
                email: None,
                roles: vec!["Admin".into(), "ReadOnly".into()],
            }],
        };
        save(dir.path(), "acme", &source(), &listing, 42).unwrap();
        assert_eq!(
            load(dir.path(), "acme", &source()),
            Some((listing.clone(), 42))
        );
        let mut moved = source();
        moved.start_url = "https://d-2.awsapps.com/start".into();
        assert_eq!(load(dir.path(), "acme", &moved), None);

        let roles = listing.roles("acme", &source());
        let names: Vec<&str> = roles.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["acme/111111111111/Admin", "acme/111111111111/ReadOnly"]
        );
        assert!(roles[0].1.favourite && !roles[1].1.favourite);
        assert_eq!(listing.role_count(), 2);
        remove(dir.path(), "acme");
        assert_eq!(load(dir.path(), "acme", &source()), None);
    }
}
