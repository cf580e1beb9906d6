//! Sources' secret access keys (`source/NAME`): the one long-lived secret
//! RoleTray keeps for each key-pair source.

use super::handle::Keychain;
use crate::error::Result;
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
