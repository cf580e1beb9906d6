//! Leaving nothing behind: every secret RoleTray keeps, removed from the
//! keychain (an uninstall that the person asked to clean up). The
//! configuration file, which holds no secret, is left to the person.

use super::Service;
use crate::error::Result;
use crate::keychain::off_thread;

impl Service {
    /// Removes every keychain item of RoleTray's (sources' keys, sign-ins,
    /// sessions, kept originals of the AWS files); returns how many.
    pub async fn erase_keychain(&self) -> Result<usize> {
        let keychain = self.keychain()?;
        let removed = off_thread(move || keychain.erase_all()).await?;
        {
            let mut state = self.state();
            state.sessions.clear();
            state.active_role = None;
        }
        self.changed();
        tracing::info!(removed, "erased every keychain item");
        Ok(removed)
    }
}
