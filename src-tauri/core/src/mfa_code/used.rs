//! The codes just sent to AWS, per MFA device: AWS refuses a TOTP code it
//! has already accepted, so a device that hands out the same code again
//! (within its 30-second step) is asked again at the next step instead.
//! Kept in a small file per device beside the locks, so every RoleTray
//! process knows; it holds a digest of the code, never the code.

use crate::files;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;
use time::OffsetDateTime;

/// A TOTP step, as AWS's MFA devices use it.
pub const STEP_SECONDS: i64 = 30;
/// How long a sent code counts as just used (AWS accepts a code for a step
/// or so either side of its own).
const REMEMBERED_SECONDS: i64 = 3 * STEP_SECONDS;

/// The codes just used, in `dir`.
#[derive(Debug, Clone)]
pub struct UsedCodes {
    dir: PathBuf,
}

impl UsedCodes {
    pub fn new(dir: &Path) -> UsedCodes {
        UsedCodes {
            dir: dir.to_owned(),
        }
    }

    fn file(&self, serial: &str) -> PathBuf {
        self.dir
            .join(format!("mfa-used-{}", &digest(&[serial])[..16]))
    }

    /// Whether `code` for `serial` was sent in the last few steps.
    pub fn just_used(&self, serial: &str, code: &str, now: OffsetDateTime) -> bool {
        let Ok(text) = std::fs::read_to_string(self.file(serial)) else {
            return false;
        };
        let mut words = text.split_whitespace();
        let (Some(at), Some(seen)) = (
            words.next().and_then(|w| w.parse::<i64>().ok()),
            words.next(),
        ) else {
            return false;
        };
        let age = now.unix_timestamp() - at;
        (0..REMEMBERED_SECONDS).contains(&age) && seen == digest(&[serial, code])
    }

    /// Remembers that `code` was sent for `serial`. A failure only costs
    /// the check, so it is logged, not returned.
    pub fn record(&self, serial: &str, code: &str, now: OffsetDateTime) {
        let line = format!("{} {}\n", now.unix_timestamp(), digest(&[serial, code]));
        let written = files::create_private_dir(&self.dir)
            .and_then(|()| files::write_atomically(&self.file(serial), line.as_bytes(), 0o600));
        if let Err(e) = written {
            tracing::warn!("cannot remember the MFA code just used: {e}");
        }
    }
}

/// How long until the next TOTP step has begun (a second into it, so a
/// device whose clock is a little behind has moved on too).
pub fn until_next_step(now: OffsetDateTime) -> Duration {
    let into = now.unix_timestamp().rem_euclid(STEP_SECONDS);
    Duration::from_secs((STEP_SECONDS - into + 1).unsigned_abs())
}

fn digest(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_code_sent_is_just_used_for_a_few_steps_and_only_on_its_device() {
        let dir = tempfile::tempdir().unwrap();
        let used = UsedCodes::new(&dir.path().join("locks"));
        let me = "arn:aws:iam::123456789012:mfa/me";
        let t = datetime!(2026-12-02 12:00:05 UTC);
        assert!(!used.just_used(me, "123456", t));
        used.record(me, "123456", t);
        assert!(used.just_used(me, "123456", t + time::Duration::seconds(20)));
        assert!(!used.just_used(me, "654321", t));
        assert!(!used.just_used("arn:aws:iam::123456789012:mfa/you", "123456", t));
        assert!(!used.just_used(me, "123456", t + time::Duration::seconds(90)));
        let text = std::fs::read_to_string(used.file(me)).unwrap();
        assert!(!text.contains("123456"), "{text}");
    }

    #[test]
    fn the_next_step_starts_on_the_half_minute() {
        let at = |s| datetime!(2026-12-02 12:00:00 UTC) + time::Duration::seconds(s);
        assert_eq!(until_next_step(at(0)), Duration::from_secs(31));
        assert_eq!(until_next_step(at(29)), Duration::from_secs(2));
        assert_eq!(until_next_step(at(45)), Duration::from_secs(16));
    }
}
