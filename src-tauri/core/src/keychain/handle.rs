//! The [`Keychain`] handle: which store and service name it uses, and one
//! value read, written or removed at a user name. A value too long for the
//! platform's items is split across several (see `parts`); a busy keyring
//! that answers as if locked is asked again (see `call`). The item kinds
//! (sources' keys, sessions, sign-ins, originals) are in their own files.

use super::errors::{self, map_err};
use super::parts;
use crate::error::{Error, Result};
use crate::platform::keychain_store::{
    BUSY_RETRY_AFTER, ITEM_LIMIT, platform_lock_state, platform_store,
};
use crate::secret::Sensitive;
use keyring_core::{CredentialStore, Entry};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use zeroize::Zeroize;

pub(super) const DEFAULT_SERVICE: &str = "roletray";

/// A handle on the keychain. Cheap to clone; every call blocks on the store,
/// so async callers go through `tokio::task::spawn_blocking`.
#[derive(Clone)]
pub struct Keychain {
    pub(super) store: Arc<CredentialStore>,
    pub(super) service: String,
    /// The OS keychain (not a test store): its lock state can be asked.
    pub(super) platform: bool,
    /// The most characters one item holds (`None`: no limit that matters);
    /// longer values are split across items (see `parts`).
    limit: Option<usize>,
    /// The store keeps no attributes of RoleTray's own (see `session_facts`):
    /// learnt from its first refusal, shared by clones.
    no_facts: Arc<AtomicBool>,
}

/// The keychain service name: `$ROLETRAY_KEYCHAIN_SERVICE` when it is a
/// plain name, else `roletray`.
fn service_name() -> String {
    std::env::var("ROLETRAY_KEYCHAIN_SERVICE")
        .ok()
        .filter(|s| crate::validate::name("keychain service", s).is_ok())
        .unwrap_or_else(|| DEFAULT_SERVICE.to_owned())
}

impl std::fmt::Debug for Keychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keychain")
    }
}

impl Keychain {
    /// The platform's keychain: the Secret Service on Linux, the login
    /// keychain on macOS, the Credential Manager on Windows.
    pub fn platform() -> Result<Keychain> {
        let started = std::time::Instant::now();
        let store = platform_store().map_err(|e| match map_err(e) {
            Error::Keychain(m) => Error::KeychainUnavailable(m),
            other => other,
        })?;
        tracing::debug!(
            ms = started.elapsed().as_secs_f64() * 1e3,
            "opened the keychain"
        );
        Ok(Keychain {
            store,
            service: service_name(),
            platform: true,
            limit: ITEM_LIMIT,
            no_facts: Arc::default(),
        })
    }

    /// A keychain over any keyring-core store (the mock store in unit tests).
    pub fn with_store(store: Arc<CredentialStore>) -> Keychain {
        Keychain::with_store_and_limit(store, None)
    }

    /// The same, holding at most `limit` characters per item, as a platform
    /// with small items does (tests use the smallest limit there is).
    pub fn with_store_and_limit(store: Arc<CredentialStore>, limit: Option<usize>) -> Keychain {
        Keychain {
            store,
            service: DEFAULT_SERVICE.to_owned(),
            platform: false,
            limit,
            no_facts: Arc::default(),
        }
    }

    pub(super) fn entry(&self, user: &str) -> Result<Entry> {
        Entry::new_in_store(&self.store, &self.service, user).map_err(map_err)
    }

    /// Whether the store has refused RoleTray's own attributes.
    pub(super) fn keeps_no_facts(&self) -> bool {
        self.no_facts.load(Ordering::Relaxed)
    }

    /// Remembers that the store refuses RoleTray's own attributes.
    pub(super) fn refuses_facts(&self) {
        self.no_facts.store(true, Ordering::Relaxed);
    }

    /// Whether the OS keyring is known to be locked (never, for a test store).
    pub(super) fn known_locked(&self) -> bool {
        self.platform && platform_lock_state() == Some(true)
    }

    /// Runs one keychain call. The Secret Service store reports some
    /// failures of a busy keychain as "no storage access" (an item replaced
    /// or removed by another process between its search and its read comes
    /// back as "result not returned"), which reads as "locked". So an answer
    /// that reads as locked is checked against the keyring's own state: when
    /// the keyring is unlocked, the call is tried once more, and a second
    /// such answer is `keychain_busy`, never a false `keychain_locked`.
    pub(super) fn call<T>(&self, op: impl Fn() -> keyring_core::Result<T>) -> Result<T> {
        let first = match op() {
            Ok(v) => return Ok(v),
            Err(e) => map_err(e),
        };
        if !(self.platform && matches!(first, Error::KeychainLocked(_))) {
            return Err(first);
        }
        if platform_lock_state() != Some(false) {
            return Err(first);
        }
        std::thread::sleep(BUSY_RETRY_AFTER);
        op().map_err(|e| match map_err(e) {
            Error::KeychainLocked(detail) => Error::KeychainBusy(detail),
            other => other,
        })
    }

    /// The value at `user`, joined from its pieces when it was split; a
    /// value with a piece missing reads as absent (it is written again).
    pub(super) fn get(&self, user: &str) -> Result<Option<Sensitive<String>>> {
        let Some(first) = self.get_item(user)? else {
            return Ok(None);
        };
        self.assemble(user, first)
    }

    /// The value at `user` whose first item is `first`.
    pub(super) fn assemble(
        &self,
        user: &str,
        first: Sensitive<String>,
    ) -> Result<Option<Sensitive<String>>> {
        let n = parts::count(first.expose()).unwrap_or(0);
        if n == 1 && !parts::is_split(first.expose()) {
            return Ok(Some(first));
        }
        let mut rest = Vec::with_capacity(n.saturating_sub(1));
        for k in 2..=n {
            match self.get_item(&parts::part_name(user, k))? {
                Some(piece) => rest.push(piece),
                None => break,
            }
        }
        let texts: Vec<String> = rest.iter().map(|p| p.expose().clone()).collect();
        let joined = parts::join(first.expose(), &texts).map(Sensitive::new);
        for mut t in texts {
            t.zeroize();
        }
        if joined.is_none() {
            tracing::warn!(user, "a keychain item split into parts is incomplete");
        }
        Ok(joined)
    }

    /// One item, as the store has it.
    fn get_item(&self, user: &str) -> Result<Option<Sensitive<String>>> {
        let entry = self.entry(user)?;
        let found = self.call(|| match entry.get_password() {
            Ok(v) => Ok(Some(v)),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        })?;
        match found {
            Some(v) => Ok(Some(Sensitive::new(v))),
            // A locked keyring hides its items: "not found" may mean "locked".
            None if self.known_locked() => Err(errors::locked()),
            None => Ok(None),
        }
    }

    /// Stores `value` at `user`, split into pieces where the platform's
    /// items are too small: the pieces first, the first item last, then
    /// pieces a longer earlier value left behind are removed.
    pub(super) fn set(&self, user: &str, label: &str, value: &str) -> Result<()> {
        let items: Vec<Sensitive<String>> = parts::split(value, self.limit)?
            .into_iter()
            .map(Sensitive::new)
            .collect();
        let before = self.item_count(user)?;
        let n = items.len();
        for (i, item) in items.iter().enumerate().skip(1) {
            let k = i + 1;
            let piece_label = format!("{label} (part {k} of {n})");
            self.set_item(&parts::part_name(user, k), &piece_label, item.expose())?;
        }
        self.set_item(user, label, items[0].expose())?;
        for k in n.max(1) + 1..=before {
            self.delete_item(&parts::part_name(user, k))?;
        }
        Ok(())
    }

    /// How many items the value at `user` spans now (read only where values
    /// may be split).
    fn item_count(&self, user: &str) -> Result<usize> {
        if self.limit.is_none() {
            return Ok(1);
        }
        Ok(self
            .get_item(user)?
            .and_then(|first| parts::count(first.expose()))
            .unwrap_or(1))
    }

    fn set_item(&self, user: &str, label: &str, value: &str) -> Result<()> {
        let entry = self.entry(user)?;
        // The label is what keychain browsers (Seahorse, KWallet) show.
        entry
            .update_attributes(&HashMap::from([("label", label)]))
            .ok();
        self.call(|| entry.set_password(value))
    }

    pub(super) fn delete(&self, user: &str) -> Result<()> {
        for k in 2..=self.item_count(user)? {
            self.delete_item(&parts::part_name(user, k))?;
        }
        self.delete_item(user)
    }

    fn delete_item(&self, user: &str) -> Result<()> {
        let entry = self.entry(user)?;
        self.call(|| match entry.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(e),
        })
    }
}
