//! The only module that touches the OS keychain. It holds sources' secret
//! keys and the session cache shared by every RoleTray process.
//!
//! Entries live under the service `roletray` (or `$ROLETRAY_KEYCHAIN_SERVICE`,
//! which keeps a throwaway profile such as the demo apart) with the user names
//! `source/NAME` (a secret access key), `session/ROLE` (a role session),
//! `mfa/SOURCE` (an MFA session from GetSessionToken), `sso/NAME` (an
//! Identity Center sign-in), `proxy/password` (the Network settings' proxy
//! password) and `original/HASH` (a credentials file's bytes
//! from before RoleTray's first change to it, HASH naming its path).
//!
//! - `handle`: the [`Keychain`] handle, and one value read, written or
//!   removed (split into `parts` where the platform's items are small);
//! - `errors`: a store's errors as ones a person can act on;
//! - the item kinds: `source_keys`, `sessions` (role and MFA sessions),
//!   `sso_sign_ins`, `originals`;
//! - `session_list`: every role session from one search, in full or as a
//!   listing shows it (from the facts of `session_facts`, no secret read).

mod erase;
mod errors;
mod handle;
mod originals;
mod parts;
mod proxy_password;
mod rotations;
mod session_facts;
mod session_list;
mod sessions;
mod signins;
mod source_keys;
mod sso_sign_ins;
#[cfg(test)]
pub(crate) mod test_store;

pub use handle::Keychain;

/// Runs keychain work `f` off the async runtime's threads (the platform
/// stores block), for the flows that keep a keychain handle of their own.
pub(crate) async fn off_thread<T: Send + 'static>(
    f: impl FnOnce() -> crate::error::Result<T> + Send + 'static,
) -> crate::error::Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| crate::error::Error::Keychain(format!("keychain task failed: {e}")))?
}
pub use session_list::Listed;
pub use sessions::Cached;
