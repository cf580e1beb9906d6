//! Cached sessions in the keychain: a role's (`session/ROLE`) and a
//! source's MFA session (`mfa/SOURCE`), each kept as JSON with the
//! fingerprint of the settings it was made with. (A role session's item
//! also carries what a listing shows: see `session_facts`; listings are in
//! `session_list`.)

use super::handle::Keychain;
use super::session_facts::plain_label;
use crate::credentials::{Credentials, Session};
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// A cached session and the fingerprint of the role settings it was made with.
#[derive(Debug, Clone)]
pub struct Cached {
    pub session: Session,
    pub fingerprint: String,
}

impl Keychain {
    pub fn role_session(&self, role: &str) -> Result<Option<Cached>> {
        self.load_session(&format!("session/{role}"))
    }

    /// Stores a role's session, then what a listing needs of it (see
    /// `session_facts`).
    pub fn store_role_session(&self, cached: &Cached) -> Result<()> {
        let role = &cached.session.role;
        let user = format!("session/{role}");
        self.store_session(&user, &plain_label(role), cached)?;
        self.write_facts(&user, &cached.session, &cached.fingerprint);
        Ok(())
    }

    pub fn delete_role_session(&self, role: &str) -> Result<()> {
        self.delete(&format!("session/{role}"))
    }

    pub fn mfa_session(&self, source: &str) -> Result<Option<Cached>> {
        self.load_session(&format!("mfa/{source}"))
    }

    pub fn store_mfa_session(&self, source: &str, cached: &Cached) -> Result<()> {
        self.store_session(
            &format!("mfa/{source}"),
            &format!("RoleTray MFA session {source}"),
            cached,
        )
    }

    pub fn delete_mfa_session(&self, source: &str) -> Result<()> {
        self.delete(&format!("mfa/{source}"))
    }

    pub(super) fn load_session(&self, user: &str) -> Result<Option<Cached>> {
        let Some(text) = self.get(user)? else {
            return Ok(None);
        };
        Ok(parse_session(&text))
    }

    fn store_session(&self, user: &str, label: &str, cached: &Cached) -> Result<()> {
        self.set(user, label, session_json(cached)?.expose())
    }
}

/// The JSON a session entry keeps.
pub(super) fn session_json(cached: &Cached) -> Result<Sensitive<String>> {
    Ok(Sensitive::new(
        serde_json::to_string(&Stored::from_cached(cached))
            .map_err(|e| Error::Keychain(format!("cannot encode a session: {e}")))?,
    ))
}

/// A session entry's JSON. An entry from another version, or damaged, reads
/// as absent: the next assume overwrites it.
pub(super) fn parse_session(text: &Sensitive<String>) -> Option<Cached> {
    serde_json::from_str::<Stored>(text.expose())
        .ok()
        .and_then(Stored::into_cached)
}

/// The JSON kept in a session entry. Private to this module: the only place a
/// session's secrets are serialized, and zeroed when dropped.
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct Stored {
    v: u8,
    role: String,
    assumed_role_arn: String,
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
    expiration: i64,
    region: Option<String>,
    fingerprint: String,
}

impl Stored {
    fn from_cached(c: &Cached) -> Stored {
        let s = &c.session;
        Stored {
            v: 1,
            role: s.role.clone(),
            assumed_role_arn: s.assumed_role_arn.clone(),
            access_key_id: s.credentials.access_key_id.clone(),
            secret_access_key: s.credentials.secret_access_key.expose().clone(),
            session_token: s
                .credentials
                .session_token
                .as_ref()
                .map(|t| t.expose().clone())
                .unwrap_or_default(),
            expiration: s.expiration.unix_timestamp(),
            region: s.region.clone(),
            fingerprint: c.fingerprint.clone(),
        }
    }

    fn into_cached(self) -> Option<Cached> {
        // (Called by value from `parse_session`; the fields are cloned out so
        // that `self` is zeroed when dropped.)
        if self.v != 1 {
            return None;
        }
        let expiration = OffsetDateTime::from_unix_timestamp(self.expiration).ok()?;
        Some(Cached {
            session: Session {
                role: self.role.clone(),
                assumed_role_arn: self.assumed_role_arn.clone(),
                credentials: Credentials {
                    access_key_id: self.access_key_id.clone(),
                    secret_access_key: Sensitive::new(self.secret_access_key.clone()),
                    session_token: Some(Sensitive::new(self.session_token.clone())),
                },
                expiration,
                region: self.region.clone(),
            },
            fingerprint: self.fingerprint.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keychain::handle::DEFAULT_SERVICE;
    use crate::keychain::test_store::{mock_keychain as keychain, sample_session as session};
    use keyring_core::{CredentialStore, Entry};
    use std::path::Path;
    use std::sync::Arc;

    #[test]
    fn sessions_round_trip_and_missing_entries_are_none() {
        let k = keychain();
        assert!(k.role_session("dev").unwrap().is_none());
        let cached = Cached {
            session: session(),
            fingerprint: "f1".into(),
        };
        k.store_role_session(&cached).unwrap();
        let back = k.role_session("dev").unwrap().unwrap();
        assert_eq!(back.session, session());
        assert_eq!(back.fingerprint, "f1");
        k.delete_role_session("dev").unwrap();
        k.delete_role_session("dev").unwrap();
        assert!(k.role_session("dev").unwrap().is_none());
    }

    /// A session as STS hands them out: its token alone is over 1,000
    /// characters.
    fn long_session() -> Session {
        let mut s = session();
        s.credentials.session_token = Some(Sensitive::new("IQoJb3JpZ2luX2Vj".repeat(70)));
        s
    }

    /// The raw text of one item, as the store holds it.
    fn raw(store: &Arc<CredentialStore>, user: &str) -> Option<String> {
        Entry::new_in_store(store, DEFAULT_SERVICE, user)
            .unwrap()
            .get_password()
            .ok()
    }

    // Windows holds 1,280 characters per item: a real session spans two,
    // each within the limit, and reads back whole, alone or in a search.
    #[test]
    fn sessions_fit_the_smallest_platform_limit() {
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        let k = Keychain::with_store_and_limit(store.clone(), Some(1_280));
        let cached = Cached {
            session: long_session(),
            fingerprint: "f".into(),
        };
        k.store_role_session(&cached).unwrap();
        let first = raw(&store, "session/dev").unwrap();
        let second = raw(&store, "session/dev#2").unwrap();
        assert!(first.starts_with("rtparts1:2:"));
        for item in [&first, &second] {
            assert!(item.encode_utf16().count() <= 1_280, "{}", item.len());
        }
        assert_eq!(raw(&store, "session/dev#3"), None);
        assert_eq!(
            k.role_session("dev").unwrap().unwrap().session,
            long_session()
        );
        let found = k.role_sessions().unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].session, long_session());

        // A shorter value takes the pieces of the longer one away; so does delete.
        k.store_role_session(&Cached {
            session: session(),
            fingerprint: "f".into(),
        })
        .unwrap();
        assert_eq!(raw(&store, "session/dev#2"), None);
        assert_eq!(k.role_session("dev").unwrap().unwrap().session, session());
        k.store_role_session(&cached).unwrap();
        k.delete_role_session("dev").unwrap();
        assert_eq!(raw(&store, "session/dev"), None);
        assert_eq!(raw(&store, "session/dev#2"), None);
    }

    // With tiny items a credentials file spans many; a lost piece makes the
    // whole value absent, never a shorter one.
    #[test]
    fn many_pieces_round_trip_and_a_lost_piece_is_damage() {
        use crate::credentials_file::Original;
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        let k = Keychain::with_store_and_limit(store.clone(), Some(64));
        let file = "[default]\n# café ☕ 𝄞\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n".repeat(10);
        let target = Path::new("/home/me/.aws/credentials");
        assert!(k.keep(target, file.as_bytes(), false).unwrap());
        assert_eq!(k.original_file(target).unwrap().unwrap().expose(), &file);

        k.store_role_session(&Cached {
            session: long_session(),
            fingerprint: "f".into(),
        })
        .unwrap();
        Entry::new_in_store(&store, DEFAULT_SERVICE, "session/dev#5")
            .unwrap()
            .delete_credential()
            .unwrap();
        assert!(k.role_session("dev").unwrap().is_none());
        assert!(k.role_sessions().unwrap().is_empty());
        // Stored again, it is whole again.
        k.store_role_session(&Cached {
            session: long_session(),
            fingerprint: "f".into(),
        })
        .unwrap();
        assert!(k.role_session("dev").unwrap().is_some());
    }

    // Where items have no limit worth knowing, nothing is ever split.
    #[test]
    fn unlimited_stores_keep_one_item() {
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        let k = Keychain::with_store(store.clone());
        k.store_role_session(&Cached {
            session: long_session(),
            fingerprint: "f".into(),
        })
        .unwrap();
        assert!(raw(&store, "session/dev").unwrap().starts_with('{'));
        assert_eq!(raw(&store, "session/dev#2"), None);
    }
}
