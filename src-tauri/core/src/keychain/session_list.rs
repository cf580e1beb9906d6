//! Every cached role session, found with one search of the keychain rather
//! than one lookup per role: in full (to serve them), or only what a
//! listing shows (no secret read where the item carries its facts; see
//! `session_facts`).

use super::errors::{self, map_err};
use super::handle::Keychain;
use super::parts;
use super::session_facts;
use super::sessions::{Cached, parse_session};
use crate::credentials::SessionSummary;
use crate::error::{Error, Result};
use crate::platform::keychain_store::{BUSY_RETRY_AFTER, platform_lock_state, search_spec};
use crate::secret::Sensitive;
use keyring_core::Entry;
use std::collections::HashMap;

/// How many times a failed search is asked again.
const SEARCH_TRIES: u32 = 3;

/// What a listing shows of one cached role session, and the fingerprint of
/// the settings it was made with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub summary: SessionSummary,
    pub fingerprint: String,
    /// Its secret was read: the item has no facts (an older RoleTray stored
    /// it, or a store of it is under way).
    pub read_in_full: bool,
}

impl Keychain {
    /// Every cached role session with its credentials (1,000 roles, 40
    /// sessions: one search, 40 reads).
    pub fn role_sessions(&self) -> Result<Vec<Cached>> {
        let mut sessions = Vec::new();
        for entry in self.search()? {
            let Some(user) = self.session_user(&entry, None) else {
                continue;
            };
            if let Some(cached) = self.read_found(&entry, &user)? {
                sessions.push(cached);
            }
        }
        Ok(sessions)
    }

    /// What a listing shows of every cached role session: one search, and
    /// no secret read but those of items without facts.
    pub fn role_session_list(&self) -> Result<Vec<Listed>> {
        let mut listed = Vec::new();
        for entry in self.search()? {
            let attributes = match entry.get_attributes() {
                Ok(attributes) => attributes,
                Err(e) => {
                    self.gone(e)?;
                    continue;
                }
            };
            let Some(user) = self.session_user(&entry, Some(&attributes)) else {
                continue;
            };
            let role = &user["session/".len()..];
            if let Some((summary, fingerprint)) = session_facts::read(role, &attributes) {
                listed.push(Listed {
                    summary,
                    fingerprint,
                    read_in_full: false,
                });
            } else if let Some(cached) = self.read_found(&entry, &user)? {
                listed.push(Listed {
                    summary: cached.session.summary(),
                    fingerprint: cached.fingerprint.clone(),
                    read_in_full: true,
                });
            }
        }
        Ok(listed)
    }

    /// Gives `role`'s session item the facts a listing reads, from the item
    /// as it is now (one an older RoleTray stored). The caller holds the
    /// role's lock, so no new session is stored between the read and the
    /// write.
    pub fn add_session_facts(&self, role: &str) -> Result<()> {
        if self.keeps_no_facts() {
            return Ok(());
        }
        let user = format!("session/{role}");
        if let Some(cached) = self.load_session(&user)? {
            self.write_facts(&user, &cached.session, &cached.fingerprint);
        }
        Ok(())
    }

    /// Every item of this service.
    pub(super) fn search(&self) -> Result<Vec<Entry>> {
        if self.known_locked() {
            // A search of a locked keyring would ask to unlock it.
            return Err(errors::locked());
        }
        let spec = search_spec(&self.service);
        let spec: HashMap<&str, &str> = spec.iter().map(|(k, v)| (*k, v.as_str())).collect();
        // A store that enumerates every item (the Credential Manager) can
        // meet one another process is writing at that moment and fail the
        // whole search (Wine's says ERROR_REGISTRY_CORRUPT): a search is
        // read-only, so it is asked again, a few times, before failing.
        let mut tries = 0;
        loop {
            match self.call(|| Entry::search_in_store(&self.store, &spec)) {
                Err(Error::Keychain(detail)) if tries < SEARCH_TRIES => {
                    tries += 1;
                    tracing::debug!(tries, detail, "the keychain search failed: asked again");
                    std::thread::sleep(BUSY_RETRY_AFTER);
                }
                answer => return answer,
            }
        }
    }

    /// The user name of a `session/ROLE` entry of this very service (a
    /// search may match more loosely in some stores), else `None`: sources'
    /// secrets are never read. The Secret Service keeps the names among an
    /// item's attributes; other stores are asked.
    fn session_user(
        &self,
        entry: &Entry,
        attributes: Option<&HashMap<String, String>>,
    ) -> Option<String> {
        let named = attributes.and_then(|a| Some((a.get("service")?, a.get("username")?)));
        let (service, user) = match named {
            Some((service, user)) => (service.clone(), user.clone()),
            None => entry.get_specifiers()?,
        };
        (service == self.service && user.starts_with("session/") && !parts::is_part(&user))
            .then_some(user)
    }

    /// The session a search found at `user`, read in full (`None` when it is
    /// gone since, damaged, or from another version).
    fn read_found(&self, entry: &Entry, user: &str) -> Result<Option<Cached>> {
        let text = match entry.get_password() {
            Ok(text) => Sensitive::new(text),
            Err(e) => {
                self.gone(e)?;
                return Ok(None);
            }
        };
        let Some(text) = self.assemble(user, text)? else {
            return Ok(None);
        };
        Ok(parse_session(&text))
    }

    /// `Ok` for an item removed or replaced by another process since the
    /// search (the store can say so as "no storage access"): it is skipped.
    /// Any other failure is the listing's.
    fn gone(&self, e: keyring_core::Error) -> Result<()> {
        match e {
            keyring_core::Error::NoEntry | keyring_core::Error::NoStorageAccess(_)
                if platform_lock_state() != Some(true) =>
            {
                Ok(())
            }
            e => Err(map_err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials_file::Original;
    use crate::keychain::handle::DEFAULT_SERVICE;
    use crate::keychain::session_facts::plain_label;
    use crate::keychain::sessions::session_json;
    use crate::keychain::test_store::{
        AttributeStore, mock_keychain as keychain, sample_session as session,
    };
    use std::path::Path;
    use std::sync::Arc;
    use time::OffsetDateTime;

    fn session_of(role: &str, expires: i64, region: Option<&str>) -> Cached {
        let mut s = session();
        s.role = role.to_owned();
        s.assumed_role_arn = format!("arn:aws:sts::123456789012:assumed-role/{role}/s");
        s.expiration = OffsetDateTime::from_unix_timestamp(expires).unwrap();
        s.region = region.map(str::to_owned);
        Cached {
            session: s,
            fingerprint: format!("fingerprint of {role}"),
        }
    }

    /// A keychain over a store that keeps attributes, and that store.
    fn keeping() -> (Keychain, Arc<AttributeStore>) {
        let store = AttributeStore::new();
        (Keychain::with_store(store.shared()), store)
    }

    /// Stores `cached` as a RoleTray without session facts did: the label
    /// first, then the secret.
    fn store_as_before(k: &Keychain, cached: &Cached) {
        let role = &cached.session.role;
        let json = session_json(cached).unwrap();
        k.set(
            &format!("session/{role}"),
            &plain_label(role),
            json.expose(),
        )
        .unwrap();
    }

    fn sorted(mut listed: Vec<Listed>) -> Vec<Listed> {
        listed.sort_by(|a, b| a.summary.role.cmp(&b.summary.role));
        listed
    }

    #[test]
    fn all_role_sessions_come_from_one_search_and_skip_other_entries() {
        let k = keychain();
        let mut other = session();
        other.role = "ops".into();
        for s in [session(), other] {
            k.store_role_session(&Cached {
                session: s,
                fingerprint: "f".into(),
            })
            .unwrap();
        }
        k.set_source_secret("me", &Sensitive::from("not a session"))
            .unwrap();
        k.store_mfa_session(
            "me",
            &Cached {
                session: session(),
                fingerprint: "m".into(),
            },
        )
        .unwrap();
        let mut roles: Vec<String> = k
            .role_sessions()
            .unwrap()
            .into_iter()
            .map(|c| c.session.role.clone())
            .collect();
        roles.sort();
        assert_eq!(roles, ["dev", "ops"]);
    }

    // `roletray sessions` with 1,000 roles and 40 sessions fetched all 40
    // secrets to show names and expiry: the facts on each item are enough.
    #[test]
    fn a_listing_reads_no_secret() {
        let (k, store) = keeping();
        let stored = [
            session_of("dev", 2_000_000_000, Some("eu-west-1")),
            session_of("ops", 2_000_003_600, None),
            session_of("acme/123456789012/Admin", 1_999_999_000, Some("us-east-1")),
        ];
        for c in &stored {
            k.store_role_session(c).unwrap();
        }
        k.set_source_secret("me", &Sensitive::from("a source key"))
            .unwrap();
        k.store_mfa_session("me", &session_of("mfa:me", 2_000_000_000, None))
            .unwrap();
        k.keep(Path::new("/home/me/.aws/credentials"), b"[a]\n", false)
            .unwrap();

        let reads = store.secret_reads();
        let listed = sorted(k.role_session_list().unwrap());
        assert_eq!(store.secret_reads(), reads, "a listing read a secret");
        let want: Vec<Listed> = sorted(
            stored
                .iter()
                .map(|c| Listed {
                    summary: c.session.summary(),
                    fingerprint: c.fingerprint.clone(),
                    read_in_full: false,
                })
                .collect(),
        );
        assert_eq!(listed, want);
        // And it shows what a listing in full shows.
        let mut full: Vec<SessionSummary> = k
            .role_sessions()
            .unwrap()
            .iter()
            .map(|c| c.session.summary())
            .collect();
        full.sort_by(|a, b| a.role.cmp(&b.role));
        let shown: Vec<SessionSummary> = listed.into_iter().map(|l| l.summary).collect();
        assert_eq!(shown, full);

        // The facts are plain text: no key, token or secret among them.
        let attributes = store.attributes(DEFAULT_SERVICE, "session/dev");
        for value in attributes.values() {
            for secret in ["secret", "token", "ASIAEXAMPLEEXAMPLE"] {
                assert!(!value.contains(secret), "{value}");
            }
        }
    }

    // A session stored by a RoleTray from before the facts is listed all the
    // same (its item read once), and once given its facts is listed without.
    #[test]
    fn an_item_stored_before_the_facts_is_listed_then_given_them() {
        let (k, store) = keeping();
        let old = session_of("old", 2_000_000_000, Some("eu-west-1"));
        store_as_before(&k, &old);
        k.store_role_session(&session_of("new", 2_000_000_000, None))
            .unwrap();

        let reads = store.secret_reads();
        let listed = sorted(k.role_session_list().unwrap());
        assert_eq!(store.secret_reads(), reads + 1);
        assert_eq!(
            listed[0].summary,
            session_of("new", 2_000_000_000, None).session.summary()
        );
        assert!(!listed[0].read_in_full);
        assert_eq!(
            listed[1],
            Listed {
                summary: old.session.summary(),
                fingerprint: old.fingerprint.clone(),
                read_in_full: true,
            }
        );

        k.add_session_facts("old").unwrap();
        let reads = store.secret_reads();
        let again = sorted(k.role_session_list().unwrap());
        assert_eq!(store.secret_reads(), reads);
        assert!(again.iter().all(|l| !l.read_in_full));
        assert_eq!(again[1].summary, old.session.summary());
    }

    // A tray app from before the facts, still running after an upgrade,
    // replaces a session's secret and leaves the facts as they were: the
    // listing shows the session it stored, not the facts it outgrew.
    #[test]
    fn facts_an_older_writer_outgrew_are_not_shown() {
        let (k, _store) = keeping();
        k.store_role_session(&session_of("dev", 2_000_000_000, Some("eu-west-1")))
            .unwrap();
        let renewed = session_of("dev", 2_000_003_600, Some("eu-west-1"));
        store_as_before(&k, &renewed);
        let listed = k.role_session_list().unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].summary, renewed.session.summary());
        assert!(listed[0].read_in_full);

        // And a new session stored over facts replaces them.
        let again = session_of("dev", 2_000_007_200, None);
        k.store_role_session(&again).unwrap();
        let listed = k.role_session_list().unwrap();
        assert_eq!(listed[0].summary, again.session.summary());
        assert!(!listed[0].read_in_full);
    }

    // Where the store keeps no attributes of RoleTray's (keyring-core's mock,
    // perhaps other platforms' stores), sessions are stored and listed as
    // before, by reading them.
    #[test]
    fn a_store_without_attributes_lists_by_reading() {
        let k = keychain();
        let dev = session_of("dev", 2_000_000_000, Some("eu-west-1"));
        k.store_role_session(&dev).unwrap();
        k.add_session_facts("dev").unwrap();
        let listed = k.role_session_list().unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].summary, dev.session.summary());
        assert!(listed[0].read_in_full);
    }
}
