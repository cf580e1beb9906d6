//! The password of the proxy given in the Network settings
//! (`proxy/password`): the settings keep the proxy's URL and user name, the
//! keychain its password.

use super::handle::Keychain;
use crate::error::Result;
use crate::secret::Sensitive;

const USER: &str = "proxy/password";

impl Keychain {
    pub fn proxy_password(&self) -> Result<Option<Sensitive<String>>> {
        self.get(USER)
    }

    pub fn set_proxy_password(&self, password: &Sensitive<String>) -> Result<()> {
        self.set(USER, "RoleTray proxy password", password.expose())
    }

    pub fn delete_proxy_password(&self) -> Result<()> {
        self.delete(USER)
    }
}
