//! Every item RoleTray keeps, removed at once: what an uninstall does when
//! the person asks it to leave nothing behind (`roletray erase-keychain`).

use super::handle::Keychain;
use crate::error::Result;

impl Keychain {
    /// Removes every item of this keychain service (sources' keys, sign-ins,
    /// sessions, kept originals, rotations under way); returns how many.
    /// Items of other services are never touched.
    pub fn erase_all(&self) -> Result<usize> {
        let mut removed = 0;
        for entry in self.search()? {
            let service = entry
                .get_attributes()
                .ok()
                .and_then(|a| a.get("service").cloned())
                .or_else(|| entry.get_specifiers().map(|(service, _)| service));
            if service.as_deref() != Some(self.service.as_str()) {
                continue;
            }
            let gone = self.call(|| match entry.delete_credential() {
                Ok(()) => Ok(true),
                Err(keyring_core::Error::NoEntry) => Ok(false),
                Err(e) => Err(e),
            })?;
            removed += usize::from(gone);
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use crate::keychain::Keychain;
    use crate::keychain::test_store::AttributeStore;

    #[test]
    fn everything_of_the_service_goes_and_nothing_else() {
        let store = AttributeStore::new();
        let ours = Keychain::with_store(store.shared());
        let mut theirs = Keychain::with_store(store.shared());
        theirs.service = "other".into();
        ours.set("source/me", "l", "secret").unwrap();
        ours.set("session/dev", "l", "s").unwrap();
        theirs.set("source/me", "l", "kept").unwrap();
        assert_eq!(ours.erase_all().unwrap(), 2);
        assert!(ours.get("source/me").unwrap().is_none());
        assert_eq!(theirs.get("source/me").unwrap().unwrap().expose(), "kept");
        assert_eq!(ours.erase_all().unwrap(), 0);
    }
}
