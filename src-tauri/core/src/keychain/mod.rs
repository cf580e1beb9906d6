//! The only module that touches the OS keychain. It holds sources' secret
//! keys and the session cache shared by every RoleTray process.
//!
//! Entries live under the service `roletray` (or `$ROLETRAY_KEYCHAIN_SERVICE`,
//! which keeps a throwaway profile such as the demo apart) with the user names
//! `source/NAME` (a secret access key), `session/ROLE` (a role session),
//! `mfa/SOURCE` (an MFA session from GetSessionToken) and
//! `original/HASH` (a credentials file's bytes from before RoleTray's first
//! change to it, HASH naming its path).

use crate::credentials::{Credentials, Session};
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use keyring_core::{CredentialStore, Entry};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use time::OffsetDateTime;
use zeroize::{Zeroize, ZeroizeOnDrop};

mod parts;

const DEFAULT_SERVICE: &str = "roletray";

/// A handle on the keychain. Cheap to clone; every call blocks on the store,
/// so async callers go through `tokio::task::spawn_blocking`.
#[derive(Clone)]
pub struct Keychain {
    store: Arc<CredentialStore>,
    service: String,
    /// The OS keychain (not a test store): its lock state can be asked.
    platform: bool,
    /// The most characters one item holds (`None`: no limit that matters);
    /// longer values are split across items (see `parts`).
    limit: Option<usize>,
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

/// A cached session and the fingerprint of the role settings it was made with.
#[derive(Debug, Clone)]
pub struct Cached {
    pub session: Session,
    pub fingerprint: String,
}

impl Keychain {
    /// The platform's keychain: the Secret Service on Linux, the login
    /// keychain on macOS, the Credential Manager on Windows.
    pub fn platform() -> Result<Keychain> {
        let started = std::time::Instant::now();
        let store = platform_store()?;
        tracing::debug!(
            ms = started.elapsed().as_secs_f64() * 1e3,
            "opened the keychain"
        );
        Ok(Keychain {
            store,
            service: service_name(),
            platform: true,
            limit: parts::PLATFORM_LIMIT,
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
        }
    }

    fn entry(&self, user: &str) -> Result<Entry> {
        Entry::new_in_store(&self.store, &self.service, user).map_err(map_err)
    }

    /// Runs one keychain call. The Secret Service store reports some
    /// failures of a busy keychain as "no storage access" (an item replaced
    /// or removed by another process between its search and its read comes
    /// back as "result not returned"), which reads as "locked". So an answer
    /// that reads as locked is checked against the keyring's own state: when
    /// the keyring is unlocked, the call is tried once more, and a second
    /// such answer is `keychain_busy`, never a false `keychain_locked`.
    fn call<T>(&self, op: impl Fn() -> keyring_core::Result<T>) -> Result<T> {
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
    fn get(&self, user: &str) -> Result<Option<Sensitive<String>>> {
        let Some(first) = self.get_item(user)? else {
            return Ok(None);
        };
        self.assemble(user, first)
    }

    fn assemble(&self, user: &str, first: Sensitive<String>) -> Result<Option<Sensitive<String>>> {
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
            None if self.platform && platform_lock_state() == Some(true) => {
                Err(Error::KeychainLocked(
                    "unlock your login keyring (for example by logging in to the desktop) and try again".into(),
                ))
            }
            None => Ok(None),
        }
    }

    /// Stores `value` at `user`, split into pieces where the platform's
    /// items are too small: the pieces first, the first item last, then
    /// pieces a longer earlier value left behind are removed.
    fn set(&self, user: &str, label: &str, value: &str) -> Result<()> {
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

    fn delete(&self, user: &str) -> Result<()> {
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

    pub fn source_secret(&self, source: &str) -> Result<Option<Sensitive<String>>> {
        self.get(&format!("source/{source}"))
    }

    pub fn set_source_secret(&self, source: &str, secret: &Sensitive<String>) -> Result<()> {
        self.set(
            &format!("source/{source}"),
            &format!("RoleTray source {source}"),
            secret.expose(),
        )
    }

    pub fn delete_source_secret(&self, source: &str) -> Result<()> {
        self.delete(&format!("source/{source}"))
    }

    pub fn role_session(&self, role: &str) -> Result<Option<Cached>> {
        self.load_session(&format!("session/{role}"))
    }

    pub fn store_role_session(&self, cached: &Cached) -> Result<()> {
        let role = &cached.session.role;
        self.store_session(
            &format!("session/{role}"),
            &format!("RoleTray session {role}"),
            cached,
        )
    }

    pub fn delete_role_session(&self, role: &str) -> Result<()> {
        self.delete(&format!("session/{role}"))
    }

    /// Every cached role session, found with one search of the keychain
    /// rather than one lookup per role (1,000 roles, 40 sessions: 40 reads).
    pub fn role_sessions(&self) -> Result<Vec<Cached>> {
        if self.platform && platform_lock_state() == Some(true) {
            // A search of a locked keyring would ask to unlock it.
            return Err(Error::KeychainLocked(
                "unlock your login keyring (for example by logging in to the desktop) and try again".into(),
            ));
        }
        let spec = HashMap::from([("service", self.service.as_str())]);
        let entries = self.call(|| Entry::search_in_store(&self.store, &spec))?;
        let mut sessions = Vec::new();
        for entry in entries {
            // Only `session/ROLE` entries of this very service (a search may
            // match more loosely in some stores); sources' secrets are never read.
            let user = match entry.get_specifiers() {
                Some((service, user))
                    if service == self.service
                        && user.starts_with("session/")
                        && !parts::is_part(&user) =>
                {
                    user
                }
                _ => continue,
            };
            let text = match entry.get_password() {
                Ok(text) => Sensitive::new(text),
                // Removed or replaced by another process since the search
                // (the store can say so as "no storage access"): skip it.
                Err(keyring_core::Error::NoEntry | keyring_core::Error::NoStorageAccess(_))
                    if platform_lock_state() != Some(true) =>
                {
                    continue;
                }
                Err(e) => return Err(map_err(e)),
            };
            let Some(text) = self.assemble(&user, text)? else {
                continue;
            };
            if let Some(cached) = parse_session(&text) {
                sessions.push(cached);
            }
        }
        Ok(sessions)
    }

    pub fn mfa_session(&self, source: &str) -> Result<Option<Cached>> {
        self.load_session(&format!("mfa/{source}"))
    }

    pub fn store_mfa_session(&self, source: &str, cached: &Cached) -> Result<()> {
        self.store_session(
            &format!("mfa/{source}"),
            &format!("RoleTray MFA session {source}"),
            cached,
        )
    }

    pub fn delete_mfa_session(&self, source: &str) -> Result<()> {
        self.delete(&format!("mfa/{source}"))
    }

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

    /// The bytes a credentials file had before RoleTray first changed it.
    pub fn original_file(&self, target: &Path) -> Result<Option<Sensitive<String>>> {
        let Some(text) = self.get(&original_user(target))? else {
            return Ok(None);
        };
        let kept: std::result::Result<KeptFile, _> = serde_json::from_str(text.expose());
        match kept {
            Ok(mut kept) if kept.v == 1 => Ok(Some(Sensitive::new(std::mem::take(&mut kept.text)))),
            _ => Err(Error::Keychain(format!(
                "the kept original of {} cannot be read",
                target.display()
            ))),
        }
    }

    pub fn delete_original_file(&self, target: &Path) -> Result<()> {
        self.delete(&original_user(target))
    }

    fn load_session(&self, user: &str) -> Result<Option<Cached>> {
        let Some(text) = self.get(user)? else {
            return Ok(None);
        };
        Ok(parse_session(&text))
    }

    fn store_session(&self, user: &str, label: &str, cached: &Cached) -> Result<()> {
        let text = Sensitive::new(
            serde_json::to_string(&Stored::from_cached(cached))
                .map_err(|e| Error::Keychain(format!("cannot encode a session: {e}")))?,
        );
        self.set(user, label, text.expose())
    }
}

impl crate::credentials_file::Original for Keychain {
    fn keep(&self, target: &Path, bytes: &[u8], replace: bool) -> Result<bool> {
        let user = original_user(target);
        if !replace && self.get(&user)?.is_some() {
            return Ok(false);
        }
        let text = std::str::from_utf8(bytes).map_err(|_| {
            Error::invalid("credentials file", "is not UTF-8 text and cannot be kept")
        })?;
        let kept = KeptFile {
            v: 1,
            path: target.display().to_string(),
            text: text.to_owned(),
        };
        let json = Sensitive::new(
            serde_json::to_string(&kept)
                .map_err(|e| Error::Keychain(format!("cannot encode a file: {e}")))?,
        );
        self.set(
            &user,
            &format!("RoleTray: the original of {}", target.display()),
            json.expose(),
        )?;
        Ok(true)
    }
}

/// `original/HASH`, HASH the first 16 hex digits of SHA-256 of the path.
fn original_user(target: &Path) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(target.as_os_str().as_encoded_bytes());
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("original/{hash}")
}

/// What an `original/HASH` entry holds; zeroed when dropped.
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct KeptFile {
    v: u8,
    path: String,
    text: String,
}

/// A session entry's JSON. An entry from another version, or damaged, reads
/// as absent: the next assume overwrites it.
fn parse_session(text: &Sensitive<String>) -> Option<Cached> {
    serde_json::from_str::<Stored>(text.expose())
        .ok()
        .and_then(Stored::into_cached)
}

/// The JSON kept in a session entry. Private to this module: the only place a
/// session's secrets are serialized, and zeroed when dropped.
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct Stored {
    v: u8,
    role: String,
    assumed_role_arn: String,
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
    expiration: i64,
    region: Option<String>,
    fingerprint: String,
}

impl Stored {
    fn from_cached(c: &Cached) -> Stored {
        let s = &c.session;
        Stored {
            v: 1,
            role: s.role.clone(),
            assumed_role_arn: s.assumed_role_arn.clone(),
            access_key_id: s.credentials.access_key_id.clone(),
            secret_access_key: s.credentials.secret_access_key.expose().clone(),
            session_token: s
                .credentials
                .session_token
                .as_ref()
                .map(|t| t.expose().clone())
                .unwrap_or_default(),
            expiration: s.expiration.unix_timestamp(),
            region: s.region.clone(),
            fingerprint: c.fingerprint.clone(),
        }
    }

    fn into_cached(self) -> Option<Cached> {
        // (Called by value from `parse_session`; the fields are cloned out so
        // that `self` is zeroed when dropped.)
        if self.v != 1 {
            return None;
        }
        let expiration = OffsetDateTime::from_unix_timestamp(self.expiration).ok()?;
        Some(Cached {
            session: Session {
                role: self.role.clone(),
                assumed_role_arn: self.assumed_role_arn.clone(),
                credentials: Credentials {
                    access_key_id: self.access_key_id.clone(),
                    secret_access_key: Sensitive::new(self.secret_access_key.clone()),
                    session_token: Some(Sensitive::new(self.session_token.clone())),
                },
                expiration,
                region: self.region.clone(),
            },
            fingerprint: self.fingerprint.clone(),
        })
    }
}

#[cfg(target_os = "linux")]
fn platform_store() -> Result<Arc<CredentialStore>> {
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

/// How long a busy keychain gets before a call is tried again.
const BUSY_RETRY_AFTER: std::time::Duration = std::time::Duration::from_millis(150);

/// Whether the default (login) collection of the Secret Service is locked;
/// `None` when that cannot be told. Asked on a connection of its own (the
/// store does not share its), opened once per process rather than once per
/// question: every new client is one more `OpenSession` for the daemon,
/// and gnome-keyring can abort on a new client's first request when it is
/// busy (see the README's "Platforms").
#[cfg(target_os = "linux")]
fn platform_lock_state() -> Option<bool> {
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
fn platform_lock_state() -> Option<bool> {
    None
}

// macOS and Windows: keyring-core's own stores. Not built nor tested here
// (see the README's platform notes); kept to these few lines on purpose.
#[cfg(target_os = "macos")]
fn platform_store() -> Result<Arc<CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new().map_err(map_err)?)
}

#[cfg(windows)]
fn platform_store() -> Result<Arc<CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new().map_err(map_err)?)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
fn platform_store() -> Result<Arc<CredentialStore>> {
    Err(Error::KeychainUnavailable(
        "this build of RoleTray knows no keychain on this platform".into(),
    ))
}

/// Turns a keyring error into one a person can act on.
fn map_err(e: keyring_core::Error) -> Error {
    use keyring_core::Error as K;
    let detail = e.to_string();
    match e {
        K::NoStorageAccess(_) => Error::KeychainLocked(format!(
            "unlock your login keyring (for example by logging in to the desktop) and try again ({detail})"
        )),
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

    fn keychain() -> Keychain {
        Keychain::with_store(keyring_core::mock::Store::new().unwrap())
    }

    fn session() -> Session {
        Session {
            role: "dev".into(),
            assumed_role_arn: "arn:aws:sts::123456789012:assumed-role/dev/s".into(),
            credentials: Credentials {
                access_key_id: "ASIAEXAMPLEEXAMPLE".into(),
                secret_access_key: Sensitive::from("secret"),
                session_token: Some(Sensitive::from("token")),
            },
            expiration: OffsetDateTime::from_unix_timestamp(2_000_000_000).unwrap(),
            region: Some("eu-west-1".into()),
        }
    }

    #[test]
    fn sessions_round_trip_and_missing_entries_are_none() {
        let k = keychain();
        assert!(k.role_session("dev").unwrap().is_none());
        let cached = Cached {
            session: session(),
            fingerprint: "f1".into(),
        };
        k.store_role_session(&cached).unwrap();
        let back = k.role_session("dev").unwrap().unwrap();
        assert_eq!(back.session, session());
        assert_eq!(back.fingerprint, "f1");
        k.delete_role_session("dev").unwrap();
        k.delete_role_session("dev").unwrap();
        assert!(k.role_session("dev").unwrap().is_none());
    }

    #[test]
    fn all_role_sessions_come_from_one_search_and_skip_other_entries() {
        let k = keychain();
        let mut other = session();
        other.role = "ops".into();
        for s in [session(), other] {
            k.store_role_session(&Cached {
                session: s,
                fingerprint: "f".into(),
            })
            .unwrap();
        }
        k.set_source_secret("me", &Sensitive::from("not a session"))
            .unwrap();
        k.store_mfa_session(
            "me",
            &Cached {
                session: session(),
                fingerprint: "m".into(),
            },
        )
        .unwrap();
        let mut roles: Vec<String> = k
            .role_sessions()
            .unwrap()
            .into_iter()
            .map(|c| c.session.role.clone())
            .collect();
        roles.sort();
        assert_eq!(roles, ["dev", "ops"]);
    }

    #[test]
    fn a_files_original_is_kept_once_unless_replaced() {
        use crate::credentials_file::Original;
        let k = keychain();
        let path = Path::new("/home/u/.aws/credentials");
        assert!(k.original_file(path).unwrap().is_none());
        assert!(k.keep(path, b"[a]\nk = 1\n", false).unwrap());
        assert!(!k.keep(path, b"[b]\n", false).unwrap());
        assert_eq!(
            k.original_file(path).unwrap().unwrap().expose(),
            "[a]\nk = 1\n"
        );
        assert!(k.keep(path, b"[older]\n", true).unwrap());
        assert_eq!(
            k.original_file(path).unwrap().unwrap().expose(),
            "[older]\n"
        );
        assert!(k.original_file(Path::new("/other")).unwrap().is_none());
        k.delete_original_file(path).unwrap();
        assert!(k.original_file(path).unwrap().is_none());
    }

    #[test]
    fn errors_map_to_codes_a_person_can_act_on() {
        let locked = map_err(keyring_core::Error::NoStorageAccess("x".into()));
        assert_eq!(locked.code(), "keychain_locked");
        let absent = map_err(keyring_core::Error::PlatformFailure(
            "org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable".into(),
        ));
        assert_eq!(absent.code(), "keychain_unavailable");
    }

    /// A session as STS hands them out: its token alone is over 1,000
    /// characters.
    fn long_session() -> Session {
        let mut s = session();
        s.credentials.session_token = Some(Sensitive::new("IQoJb3JpZ2luX2Vj".repeat(70)));
        s
    }

    /// The raw text of one item, as the store holds it.
    fn raw(store: &Arc<CredentialStore>, user: &str) -> Option<String> {
        Entry::new_in_store(store, DEFAULT_SERVICE, user)
            .unwrap()
            .get_password()
            .ok()
    }

    // Windows holds 1,280 characters per item: a real session spans two,
    // each within the limit, and reads back whole, alone or in a search.
    #[test]
    fn sessions_fit_the_smallest_platform_limit() {
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        let k = Keychain::with_store_and_limit(store.clone(), Some(1_280));
        let cached = Cached {
            session: long_session(),
            fingerprint: "f".into(),
        };
        k.store_role_session(&cached).unwrap();
        let first = raw(&store, "session/dev").unwrap();
        let second = raw(&store, "session/dev#2").unwrap();
        assert!(first.starts_with("rtparts1:2:"));
        for item in [&first, &second] {
            assert!(item.encode_utf16().count() <= 1_280, "{}", item.len());
        }
        assert_eq!(raw(&store, "session/dev#3"), None);
        assert_eq!(
            k.role_session("dev").unwrap().unwrap().session,
            long_session()
        );
        let found = k.role_sessions().unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].session, long_session());

        // A shorter value takes the pieces of the longer one away; so does delete.
        k.store_role_session(&Cached {
            session: session(),
            fingerprint: "f".into(),
        })
        .unwrap();
        assert_eq!(raw(&store, "session/dev#2"), None);
        assert_eq!(k.role_session("dev").unwrap().unwrap().session, session());
        k.store_role_session(&cached).unwrap();
        k.delete_role_session("dev").unwrap();
        assert_eq!(raw(&store, "session/dev"), None);
        assert_eq!(raw(&store, "session/dev#2"), None);
    }

    // With tiny items a credentials file spans many; a lost piece makes the
    // whole value absent, never a shorter one.
    #[test]
    fn many_pieces_round_trip_and_a_lost_piece_is_damage() {
        use crate::credentials_file::Original;
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        let k = Keychain::with_store_and_limit(store.clone(), Some(64));
        let file = "[default]\n# café ☕ 𝄞\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n".repeat(10);
        let target = Path::new("/home/me/.aws/credentials");
        assert!(k.keep(target, file.as_bytes(), false).unwrap());
        assert_eq!(k.original_file(target).unwrap().unwrap().expose(), &file);

        k.store_role_session(&Cached {
            session: long_session(),
            fingerprint: "f".into(),
        })
        .unwrap();
        Entry::new_in_store(&store, DEFAULT_SERVICE, "session/dev#5")
            .unwrap()
            .delete_credential()
            .unwrap();
        assert!(k.role_session("dev").unwrap().is_none());
        assert!(k.role_sessions().unwrap().is_empty());
        // Stored again, it is whole again.
        k.store_role_session(&Cached {
            session: long_session(),
            fingerprint: "f".into(),
        })
        .unwrap();
        assert!(k.role_session("dev").unwrap().is_some());
    }

    // Where items have no limit worth knowing, nothing is ever split.
    #[test]
    fn unlimited_stores_keep_one_item() {
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        let k = Keychain::with_store(store.clone());
        k.store_role_session(&Cached {
            session: long_session(),
            fingerprint: "f".into(),
        })
        .unwrap();
        assert!(raw(&store, "session/dev").unwrap().starts_with('{'));
        assert_eq!(raw(&store, "session/dev#2"), None);
    }
}
