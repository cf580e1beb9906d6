//! Identity Center sign-ins (`sso/NAME`): the client registration, the
//! access token and the refresh token of one source, as JSON (written and
//! read by `sso::tokens`).

use super::handle::Keychain;
use crate::error::Result;
use crate::secret::Sensitive;

impl Keychain {
    /// An Identity Center source's sign-in (registration and tokens, JSON).
    pub fn sso_sign_in(&self, sso: &str) -> Result<Option<Sensitive<String>>> {
        self.get(&format!("sso/{sso}"))
    }

    pub fn set_sso_sign_in(&self, sso: &str, json: &Sensitive<String>) -> Result<()> {
        self.set(
            &format!("sso/{sso}"),
            &format!("RoleTray Identity Center sign-in {sso}"),
            json.expose(),
        )
    }

    pub fn delete_sso_sign_in(&self, sso: &str) -> Result<()> {
        self.delete(&format!("sso/{sso}"))
    }
}
