//! AWS Sign-In sign-ins (`signin/NAME`): the DPoP key, the newest refresh
//! token and the current credentials of one sign-in, as JSON (written and
//! read by `signin::state`).

use super::handle::Keychain;
use crate::error::Result;
use crate::secret::Sensitive;

impl Keychain {
    pub fn signin(&self, name: &str) -> Result<Option<Sensitive<String>>> {
        self.get(&format!("signin/{name}"))
    }

    pub fn set_signin(&self, name: &str, json: &Sensitive<String>) -> Result<()> {
        self.set(
            &format!("signin/{name}"),
            &format!("RoleTray AWS Sign-In {name}"),
            json.expose(),
        )
    }

    pub fn delete_signin(&self, name: &str) -> Result<()> {
        self.delete(&format!("signin/{name}"))
    }
}
