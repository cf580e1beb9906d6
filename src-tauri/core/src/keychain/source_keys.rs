//! Sources' secret access keys (`source/NAME`): the one long-lived secret
//! RoleTray keeps for each key-pair source.

use super::handle::Keychain;
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::model::Source;
use crate::secret::Sensitive;

impl Keychain {
    pub fn source_secret(&self, source: &str) -> Result<Option<Sensitive<String>>> {
        self.get(&format!("source/{source}"))
    }

    pub fn set_source_secret(&self, source: &str, secret: &Sensitive<String>) -> Result<()> {
        self.set(
            &format!("source/{source}"),
            &format!("RoleTray source {source}"),
            secret.expose(),
        )
    }

    pub fn delete_source_secret(&self, source: &str) -> Result<()> {
        self.delete(&format!("source/{source}"))
    }
}

impl Keychain {
    /// The secret of `source`'s key `access_key_id`: the new key of a
    /// rotation under way once the configuration names it (a rotation cut
    /// short between the two writes must not leave the source unusable),
    /// else the source's own.
    pub fn source_secret_for(
        &self,
        source: &str,
        access_key_id: &str,
    ) -> Result<Option<Sensitive<String>>> {
        if let Some(rotation) = self.rotation(source)?
            && let Some(new) = rotation.new_key
            && new.access_key_id == access_key_id
        {
            return Ok(Some(Sensitive::new(new.secret_access_key.expose().clone())));
        }
        self.source_secret(source)
    }

    /// Source `name`'s key as credentials: its configured key id with the
    /// secret `source_secret_for` finds.
    pub fn source_keys(&self, name: &str, source: &Source) -> Result<Credentials> {
        let secret = self
            .source_secret_for(name, &source.access_key_id)?
            .ok_or_else(|| Error::SecretMissing(name.to_owned()))?;
        Ok(Credentials {
            access_key_id: source.access_key_id.clone(),
            secret_access_key: secret,
            session_token: None,
        })
    }
}
