//! The OS's keychain store (the Secret Service on Linux, the login keychain
//! on macOS, the Credential Manager on Windows), whether the Secret
//! Service's login keyring is locked (which the store cannot tell), and how
//! each store is asked for every item of one service.

use keyring_core::{CredentialStore, Result};
use std::collections::HashMap;
use std::sync::Arc;

/// Characters (UTF-16 code units) one item holds, where that matters:
/// Windows Credential Manager holds at most 2,560 bytes per secret, stored
/// as UTF-16. Longer values are split across items (`keychain::parts`).
#[cfg(windows)]
pub const ITEM_LIMIT: Option<usize> = Some(1_280);
#[cfg(not(windows))]
pub const ITEM_LIMIT: Option<usize> = None;

/// How long a busy keychain gets before a call is tried again.
pub const BUSY_RETRY_AFTER: std::time::Duration = std::time::Duration::from_millis(150);

/// What to ask the store for every item of `service`. The Secret Service
/// and the macOS keychain match the item's `service` attribute; the
/// Credential Manager matches a pattern over target names, which the store
/// makes `USER.SERVICE`.
pub fn search_spec(service: &str) -> HashMap<&'static str, String> {
    #[cfg(windows)]
    return HashMap::from([("pattern", format!(r"^.*\.{}$", escape_regex(service)))]);
    #[cfg(not(windows))]
    return HashMap::from([("service", service.to_owned())]);
}

/// `text` with every character a regular expression gives a meaning to
/// escaped (the set the store's regex crate escapes).
#[cfg_attr(not(windows), allow(dead_code))]
fn escape_regex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(target_os = "linux")]
pub fn platform_store() -> Result<Arc<CredentialStore>> {
    let open =
        || -> Result<Arc<CredentialStore>> { Ok(zbus_secret_service_keyring_store::Store::new()?) };
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
pub fn platform_lock_state() -> Option<bool> {
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
pub fn platform_lock_state() -> Option<bool> {
    None
}

// macOS and Windows: keyring-core's own stores. Windows is built and tested
// under Wine; macOS is type-checked only (see docs/platforms.md).
#[cfg(target_os = "macos")]
pub fn platform_store() -> Result<Arc<CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(windows)]
pub fn platform_store() -> Result<Arc<CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
pub fn platform_store() -> Result<Arc<CredentialStore>> {
    Err(keyring_core::Error::NoDefaultStore)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_metacharacters_are_escaped() {
        assert_eq!(escape_regex("roletray-test.1"), r"roletray\-test\.1");
        assert_eq!(escape_regex("plain"), "plain");
    }
}
