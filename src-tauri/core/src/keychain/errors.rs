//! A keyring store's errors as RoleTray's: locked, unavailable (no Secret
//! Service, no store), or another keychain failure, each with what to do.

use crate::error::Error;

/// What a locked keyring asks of the person.
pub(super) const UNLOCK_HINT: &str =
    "unlock your login keyring (for example by logging in to the desktop) and try again";

/// The error of a keyring that is locked (its items hidden).
pub(super) fn locked() -> Error {
    Error::KeychainLocked(UNLOCK_HINT.into())
}

/// Turns a keyring error into one a person can act on.
pub(super) fn map_err(e: keyring_core::Error) -> Error {
    use keyring_core::Error as K;
    let detail = e.to_string();
    match e {
        K::NoStorageAccess(_) => Error::KeychainLocked(format!("{UNLOCK_HINT} ({detail})")),
        K::NoDefaultStore => Error::KeychainUnavailable("no keychain store is set up".into()),
        K::PlatformFailure(_) if is_missing_service(&detail) => {
            Error::KeychainUnavailable(format!(
                "no Secret Service is running on the session bus; start gnome-keyring or another Secret Service provider ({detail})"
            ))
        }
        K::PlatformFailure(_) if is_locked(&detail) => Error::KeychainLocked(format!(
            "unlock your login keyring and try again ({detail})"
        )),
        _ => Error::Keychain(detail),
    }
}

fn is_missing_service(detail: &str) -> bool {
    [
        "ServiceUnknown",
        "was not provided by any .service files",
        "DBUS_SESSION_BUS_ADDRESS",
        "Connection refused",
        "No such file or directory",
        "org.freedesktop.DBus.Error.Spawn",
    ]
    .iter()
    .any(|m| detail.contains(m))
}

fn is_locked(detail: &str) -> bool {
    ["locked", "Locked", "prompt", "Prompt", "dismissed"]
        .iter()
        .any(|m| detail.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_codes_a_person_can_act_on() {
        let locked = map_err(keyring_core::Error::NoStorageAccess("x".into()));
        assert_eq!(locked.code(), "keychain_locked");
        let absent = map_err(keyring_core::Error::PlatformFailure(
            "org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable".into(),
        ));
        assert_eq!(absent.code(), "keychain_unavailable");
    }
}
