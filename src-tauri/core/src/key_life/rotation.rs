//! A key rotation's record and the decisions that need no AWS: which key a
//! rotation cut short left behind, and how long to wait for IAM to accept
//! a new key. The flow itself is `Service::rotate_source` (in
//! `service/key_rotation.rs`).

use crate::iam::KeyMetadata;
use crate::secret::Sensitive;
use std::time::Duration;
use time::OffsetDateTime;

/// A rotation under way, as kept in the keychain (`rotation/SOURCE`).
#[derive(Debug)]
pub struct Rotation {
    /// The IAM user whose key is being replaced.
    pub user: String,
    /// The key being replaced.
    pub old_key_id: String,
    /// When the rotation began (a key made after it, and not kept here, was
    /// made by this rotation).
    pub started: OffsetDateTime,
    /// Stop at making the old key inactive.
    pub keep_old: bool,
    /// The new key, from the moment IAM made it.
    pub new_key: Option<NewPendingKey>,
}

/// A new key whose secret RoleTray holds but has not yet made the source's.
pub struct NewPendingKey {
    pub access_key_id: String,
    pub secret_access_key: Sensitive<String>,
}

impl std::fmt::Debug for NewPendingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewPendingKey")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .finish()
    }
}

/// How far clocks may disagree when judging whether IAM made a key after a
/// rotation began.
const CLOCK_SLACK: time::Duration = time::Duration::minutes(5);

/// The keys a rotation cut short before its new key's secret was kept made:
/// keys other than the old one, made after the rotation began. Nobody holds
/// their secrets, so deleting them loses nothing.
pub fn orphans<'a>(
    keys: &'a [KeyMetadata],
    old_key_id: &str,
    started: OffsetDateTime,
) -> Vec<&'a KeyMetadata> {
    keys.iter()
        .filter(|k| k.access_key_id != old_key_id)
        .filter(|k| k.created.is_some_and(|c| c >= started - CLOCK_SLACK))
        .collect()
}

/// The waits between tries while IAM makes a new key usable everywhere
/// (AWS gives no bound; usually seconds): 1, 2, 4, 8, 8… seconds, about a
/// minute in all.
pub fn verify_waits() -> impl Iterator<Item = Duration> {
    [1, 2, 4, 8, 8, 8, 8, 8, 8]
        .into_iter()
        .map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn key(id: &str, created: OffsetDateTime) -> KeyMetadata {
        KeyMetadata {
            access_key_id: id.into(),
            active: true,
            created: Some(created),
        }
    }

    #[test]
    fn only_keys_made_after_the_start_are_orphans() {
        let start = datetime!(2026-12-02 12:00 UTC);
        let keys = [
            key("OLD", datetime!(2025-01-01 0:00 UTC)),
            key("NEW", datetime!(2026-12-02 12:00:03 UTC)),
        ];
        let found: Vec<_> = orphans(&keys, "OLD", start)
            .into_iter()
            .map(|k| k.access_key_id.as_str())
            .collect();
        assert_eq!(found, ["NEW"]);
        let long_before = [key("OTHER", datetime!(2026-11-01 0:00 UTC))];
        assert!(orphans(&long_before, "OLD", start).is_empty());
        // A server clock a little behind ours still counts.
        let skewed = [key("NEW", datetime!(2026-12-02 11:58 UTC))];
        assert_eq!(orphans(&skewed, "OLD", start).len(), 1);
    }

    #[test]
    fn waits_add_up_to_about_a_minute() {
        let total: u64 = verify_waits().map(|d| d.as_secs()).sum();
        assert!((50..=75).contains(&total), "{total}");
    }

    #[test]
    fn a_pending_key_never_shows_its_secret() {
        let k = NewPendingKey {
            access_key_id: "AKIANEW".into(),
            secret_access_key: Sensitive::new("s3cr3t-value".into()),
        };
        let shown = format!("{k:?}");
        assert!(
            shown.contains("AKIANEW") && !shown.contains("s3cr3t"),
            "{shown}"
        );
    }
}
