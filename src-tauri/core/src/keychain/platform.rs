//! The OS's keychain store (the Secret Service on Linux, the login keychain
//! on macOS, the Credential Manager on Windows), and whether the Secret
//! Service's login keyring is locked, which the store cannot tell.

use super::errors::map_err;
use crate::error::{Error, Result};
use keyring_core::CredentialStore;
use std::sync::Arc;

/// How long a busy keychain gets before a call is tried again.
pub(super) const BUSY_RETRY_AFTER: std::time::Duration = std::time::Duration::from_millis(150);

#[cfg(target_os = "linux")]
pub(super) fn platform_store() -> Result<Arc<CredentialStore>> {
    let open = || -> Result<Arc<CredentialStore>> {
        let store =
            zbus_secret_service_keyring_store::Store::new().map_err(|e| match map_err(e) {
                Error::Keychain(m) => Error::KeychainUnavailable(m),
                other => other,
            })?;
        Ok(store)
    };
    // Connecting (bus, then the encrypted session) can fail on a machine
    // too busy to answer in time: once more before calling it unavailable.
    open().or_else(|_| {
        std::thread::sleep(BUSY_RETRY_AFTER);
        open()
    })
}

/// Whether the default (login) collection of the Secret Service is locked;
/// `None` when that cannot be told. Asked on a connection of its own (the
/// store does not share its), opened once per process rather than once per
/// question: every new client is one more `OpenSession` for the daemon,
/// and gnome-keyring can abort on a new client's first request when it is
/// busy (see docs/platforms.md).
#[cfg(target_os = "linux")]
pub(super) fn platform_lock_state() -> Option<bool> {
    use secret_service::EncryptionType;
    use secret_service::blocking::SecretService;
    use std::sync::Mutex;
    static ASKER: Mutex<Option<SecretService<'static>>> = Mutex::new(None);
    let mut asker = ASKER.lock().unwrap_or_else(|p| p.into_inner());
    // A kept connection that fails may be to a daemon that has gone (and
    // come back, perhaps locked): asked once more on a new connection.
    for _ in 0..2 {
        if asker.is_none() {
            *asker = SecretService::connect(EncryptionType::Plain).ok();
        }
        let answer = asker
            .as_ref()?
            .get_default_collection()
            .and_then(|c| c.is_locked());
        match answer {
            Ok(locked) => return Some(locked),
            Err(_) => *asker = None,
        }
    }
    None
}

#[cfg(not(target_os = "linux"))]
pub(super) fn platform_lock_state() -> Option<bool> {
    None
}

// macOS and Windows: keyring-core's own stores. Not built nor tested here
// (see docs/platforms.md); kept to these few lines on purpose.
#[cfg(target_os = "macos")]
pub(super) fn platform_store() -> Result<Arc<CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new().map_err(map_err)?)
}

#[cfg(windows)]
pub(super) fn platform_store() -> Result<Arc<CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new().map_err(map_err)?)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
pub(super) fn platform_store() -> Result<Arc<CredentialStore>> {
    Err(Error::KeychainUnavailable(
        "this build of RoleTray knows no keychain on this platform".into(),
    ))
}
