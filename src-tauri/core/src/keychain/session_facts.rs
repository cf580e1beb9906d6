//! What a listing shows of a cached role session, kept beside its secret as
//! attributes of its keychain item, so that listing sessions is one search
//! with no secret fetched. Attributes are not encrypted as secrets are (a
//! keychain may show them to any client, even while it is locked), so none
//! of these is secret:
//!
//! - `roletray.expires`: when the session ends (Unix seconds). A listing
//!   shows it and leaves out sessions that have ended.
//! - `roletray.fingerprint`: the digest of the role settings the session
//!   was made with (names, key ID, MFA serial, regions, role ARNs, external
//!   ID, session name, duration: what `config.toml` holds in plain text;
//!   never a key, a token or a code). A listing leaves out the sessions of
//!   roles changed or removed since.
//! - `roletray.arn` and `roletray.region`: the assumed-role ARN as STS
//!   reported it and the region exported with the session (empty for
//!   none). The listing shows both; they name things and open nothing.
//!
//! The role's name is the item's user name (`session/ROLE`), plain already.
//! The session's keys and token stay in the secret alone.
//!
//! The facts count only while the item's `label` attribute names their
//! expiry. Every RoleTray resets that label before it replaces a secret,
//! and an older one (a tray app still running after an upgrade) writes no
//! facts: so facts the secret has outgrown are never shown, and such an
//! item is read in full, as items stored before the facts existed are.

use super::handle::Keychain;
use crate::credentials::{Session, SessionSummary};
use crate::export::rfc3339;
use keyring_core::Error as K;
use std::collections::HashMap;
use time::OffsetDateTime;

const EXPIRES: &str = "roletray.expires";
const FINGERPRINT: &str = "roletray.fingerprint";
const ARN: &str = "roletray.arn";
const REGION: &str = "roletray.region";
/// The attribute every RoleTray sets before it writes a secret (see `handle`).
const LABEL: &str = "label";

/// The label a role session's item gets before its secret is written.
pub(super) fn plain_label(role: &str) -> String {
    format!("RoleTray session {role}")
}

/// The label that vouches for the facts: it names their expiry.
fn facts_label(role: &str, expires: i64) -> Option<String> {
    let at = OffsetDateTime::from_unix_timestamp(expires).ok()?;
    Some(format!("{}, until {}", plain_label(role), rfc3339(at)))
}

/// The attributes that describe `session`, made with the settings of `fingerprint`.
fn attributes(session: &Session, fingerprint: &str) -> Option<Vec<(&'static str, String)>> {
    let expires = session.expiration.unix_timestamp();
    Some(vec![
        (EXPIRES, expires.to_string()),
        (FINGERPRINT, fingerprint.to_owned()),
        (ARN, session.assumed_role_arn.clone()),
        (REGION, session.region.clone().unwrap_or_default()),
        (LABEL, facts_label(&session.role, expires)?),
    ])
}

/// The listing's view of `role`'s session and its fingerprint, from the
/// item's attributes; `None` when they are missing, damaged or outgrown.
pub(super) fn read(
    role: &str,
    attributes: &HashMap<String, String>,
) -> Option<(SessionSummary, String)> {
    let expires: i64 = attributes.get(EXPIRES)?.parse().ok()?;
    if attributes.get(LABEL)? != &facts_label(role, expires)? {
        return None;
    }
    let region = attributes.get(REGION)?;
    let summary = SessionSummary {
        role: role.to_owned(),
        assumed_role_arn: attributes.get(ARN)?.clone(),
        expiration: OffsetDateTime::from_unix_timestamp(expires).ok()?,
        region: (!region.is_empty()).then(|| region.clone()),
    };
    Some((summary, attributes.get(FINGERPRINT)?.clone()))
}

impl Keychain {
    /// Writes the facts of `session`, whose secret was just stored at
    /// `user`. Best effort: without them a listing reads the item in full.
    /// A store that keeps no such attributes is not asked again.
    pub(super) fn write_facts(&self, user: &str, session: &Session, fingerprint: &str) {
        if self.keeps_no_facts() {
            return;
        }
        let Some(owned) = attributes(session, fingerprint) else {
            return;
        };
        let wanted: HashMap<&str, &str> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let written = self
            .entry(user)
            .map_err(|e| e.to_string())
            .and_then(|entry| {
                entry.update_attributes(&wanted).map_err(|e| match e {
                    K::NotSupportedByStore(_) | K::Invalid(..) => {
                        self.refuses_facts();
                        format!("the store keeps no attributes: {e}")
                    }
                    other => other.to_string(),
                })
            });
        if let Err(why) = written {
            tracing::debug!(user, "a session's facts were not written: {why}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Credentials;
    use crate::secret::Sensitive;

    fn session() -> Session {
        Session {
            role: "dev".into(),
            assumed_role_arn: "arn:aws:sts::123456789012:assumed-role/dev/s".into(),
            credentials: Credentials {
                access_key_id: "ASIAEXAMPLEEXAMPLE".into(),
                secret_access_key: Sensitive::from("the secret key"),
                session_token: Some(Sensitive::from("the session token")),
            },
            expiration: OffsetDateTime::from_unix_timestamp(2_000_000_000).unwrap(),
            region: Some("eu-west-1".into()),
        }
    }

    fn as_stored(attrs: Vec<(&'static str, String)>) -> HashMap<String, String> {
        attrs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    // Attributes are plain text: what they hold of a session is what the
    // listing shows, and nothing of its keys.
    #[test]
    fn facts_hold_what_a_listing_shows_and_no_secret() {
        let s = session();
        let attrs = as_stored(attributes(&s, "f1").unwrap());
        for value in attrs.values() {
            for secret in ["the secret key", "the session token", "ASIAEXAMPLEEXAMPLE"] {
                assert!(!value.contains(secret), "{value}");
            }
        }
        assert_eq!(read("dev", &attrs), Some((s.summary(), "f1".to_owned())));

        let mut none = s.clone();
        none.region = None;
        let attrs = as_stored(attributes(&none, "f1").unwrap());
        assert_eq!(read("dev", &attrs).unwrap().0.region, None);
    }

    // An older RoleTray resets the label and replaces the secret, never the
    // facts: facts whose label does not name their expiry do not count.
    #[test]
    fn facts_count_only_under_their_own_label() {
        let mut attrs = as_stored(attributes(&session(), "f1").unwrap());
        assert!(read("ops", &attrs).is_none());
        attrs.insert(LABEL.into(), plain_label("dev"));
        assert!(read("dev", &attrs).is_none());
        let mut attrs = as_stored(attributes(&session(), "f1").unwrap());
        attrs.insert(EXPIRES.into(), "2000000001".into());
        assert!(read("dev", &attrs).is_none());
        assert!(read("dev", &HashMap::new()).is_none());
    }
}
