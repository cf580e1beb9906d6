//! A key rotation under way (`rotation/SOURCE`): written before IAM is asked
//! for a new key, and again, with the new key's secret, the moment IAM
//! answers, so that a rotation cut short at any point is found, and
//! finished or undone, by the next `source rotate` or `source check`.

use super::handle::Keychain;
use crate::error::{Error, Result};
use crate::key_life::{NewPendingKey, Rotation};
use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zeroize::{Zeroize, ZeroizeOnDrop};

impl Keychain {
    pub fn rotation(&self, source: &str) -> Result<Option<Rotation>> {
        let Some(text) = self.get(&format!("rotation/{source}"))? else {
            return Ok(None);
        };
        serde_json::from_str::<Stored>(text.expose())
            .ok()
            .and_then(|s| s.into_rotation())
            .map(Some)
            .ok_or_else(|| {
                Error::Keychain(format!(
                    "the rotation under way for source '{source}' cannot be read"
                ))
            })
    }

    pub fn set_rotation(&self, source: &str, rotation: &Rotation) -> Result<()> {
        let text = Sensitive::new(
            serde_json::to_string(&Stored::from_rotation(rotation))
                .map_err(|e| Error::Keychain(format!("cannot encode a rotation: {e}")))?,
        );
        self.set(
            &format!("rotation/{source}"),
            &format!("RoleTray key rotation {source}"),
            text.expose(),
        )
    }

    pub fn delete_rotation(&self, source: &str) -> Result<()> {
        self.delete(&format!("rotation/{source}"))
    }
}

/// The JSON kept in a rotation entry: the only place a pending key's secret
/// is serialized, zeroed when dropped.
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct Stored {
    v: u8,
    user: String,
    old_key_id: String,
    started: i64,
    keep_old: bool,
    new_key_id: Option<String>,
    new_secret: Option<String>,
}

impl Stored {
    fn from_rotation(r: &Rotation) -> Stored {
        Stored {
            v: 1,
            user: r.user.clone(),
            old_key_id: r.old_key_id.clone(),
            started: r.started.unix_timestamp(),
            keep_old: r.keep_old,
            new_key_id: r.new_key.as_ref().map(|k| k.access_key_id.clone()),
            new_secret: r
                .new_key
                .as_ref()
                .map(|k| k.secret_access_key.expose().clone()),
        }
    }

    fn into_rotation(self) -> Option<Rotation> {
        if self.v != 1 {
            return None;
        }
        let new_key = match (&self.new_key_id, &self.new_secret) {
            (Some(id), Some(secret)) => Some(NewPendingKey {
                access_key_id: id.clone(),
                secret_access_key: Sensitive::new(secret.clone()),
            }),
            _ => None,
        };
        Some(Rotation {
            user: self.user.clone(),
            old_key_id: self.old_key_id.clone(),
            started: OffsetDateTime::from_unix_timestamp(self.started).ok()?,
            keep_old: self.keep_old,
            new_key,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::key_life::{NewPendingKey, Rotation};
    use crate::keychain::test_store::mock_keychain;
    use crate::secret::Sensitive;
    use time::macros::datetime;

    #[test]
    fn a_rotation_round_trips_with_and_without_its_new_key() {
        let k = mock_keychain();
        assert!(k.rotation("me").unwrap().is_none());
        let mut r = Rotation {
            user: "carol".into(),
            old_key_id: "AKIAOLD".into(),
            started: datetime!(2026-12-02 12:00 UTC),
            keep_old: true,
            new_key: None,
        };
        k.set_rotation("me", &r).unwrap();
        let back = k.rotation("me").unwrap().unwrap();
        assert_eq!(back.old_key_id, "AKIAOLD");
        assert!(back.new_key.is_none());
        r.new_key = Some(NewPendingKey {
            access_key_id: "AKIANEW".into(),
            secret_access_key: Sensitive::new("new-secret".into()),
        });
        k.set_rotation("me", &r).unwrap();
        let back = k.rotation("me").unwrap().unwrap();
        let new = back.new_key.unwrap();
        assert_eq!(new.access_key_id, "AKIANEW");
        assert_eq!(new.secret_access_key.expose(), "new-secret");
        assert!(back.keep_old);
        k.delete_rotation("me").unwrap();
        assert!(k.rotation("me").unwrap().is_none());
    }
}
