//! When to warn about a session: the expiry warning (or auto-renewal) and the
//! "expired" notice, as wall-clock instants. Pure logic: the app's notifier
//! sleeps until [`Deadlines::next`] and then asks [`Deadlines::due`].
//!
//! Because deadlines are compared with the wall clock each time, a machine
//! that slept through a deadline gets the warning (or the expiry notice) as
//! soon as it wakes and the notifier runs.

use std::collections::HashMap;
use time::{Duration, OffsetDateTime};

/// What the notifier knows of a live session (nothing secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    pub role: String,
    pub expiration: OffsetDateTime,
}

/// Something to do now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// Tell the user the session ends soon, offering Renew.
    Warn {
        role: String,
        expiration: OffsetDateTime,
    },
    /// Renew without asking (auto-renew is on).
    Renew {
        role: String,
        expiration: OffsetDateTime,
    },
    /// Tell the user the session has expired and was not renewed.
    Expired {
        role: String,
        expiration: OffsetDateTime,
    },
}

/// Remembers what was already said about each session (keyed by its expiry,
/// so a renewed session gets its own warnings).
#[derive(Debug, Default)]
pub struct Deadlines {
    warned: HashMap<String, OffsetDateTime>,
    expired: HashMap<String, OffsetDateTime>,
}

impl Deadlines {
    /// What is due at `now`, each at most once per session.
    pub fn due(
        &mut self,
        sessions: &[Tracked],
        lead: Duration,
        auto_renew: bool,
        now: OffsetDateTime,
    ) -> Vec<Due> {
        let mut due = Vec::new();
        for s in sessions {
            let (role, expiration) = (s.role.clone(), s.expiration);
            if now >= expiration {
                if self.expired.get(&role) != Some(&expiration) {
                    self.expired.insert(role.clone(), expiration);
                    self.warned.insert(role.clone(), expiration);
                    due.push(Due::Expired { role, expiration });
                }
            } else if now >= expiration - lead && self.warned.get(&role) != Some(&expiration) {
                self.warned.insert(role.clone(), expiration);
                due.push(if auto_renew {
                    Due::Renew { role, expiration }
                } else {
                    Due::Warn { role, expiration }
                });
            }
        }
        // Forget roles that no longer have a session.
        self.warned
            .retain(|r, _| sessions.iter().any(|s| &s.role == r));
        self.expired
            .retain(|r, _| sessions.iter().any(|s| &s.role == r));
        due
    }

    /// The next instant something becomes due, if any.
    pub fn next(&self, sessions: &[Tracked], lead: Duration) -> Option<OffsetDateTime> {
        sessions
            .iter()
            .filter_map(|s| {
                let warn_at = s.expiration - lead;
                if self.warned.get(&s.role) != Some(&s.expiration) {
                    Some(warn_at)
                } else if self.expired.get(&s.role) != Some(&s.expiration) {
                    Some(s.expiration)
                } else {
                    None
                }
            })
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const T0: OffsetDateTime = datetime!(2026-11-25 08:00:00 UTC);

    fn dev(expires_in_secs: i64) -> Tracked {
        Tracked {
            role: "dev".into(),
            expiration: T0 + Duration::seconds(expires_in_secs),
        }
    }

    #[test]
    fn warns_once_at_the_lead_then_says_expired_once() {
        let mut d = Deadlines::default();
        let s = [dev(900)];
        let lead = Duration::seconds(600);
        assert!(d.due(&s, lead, false, T0).is_empty());
        assert_eq!(d.next(&s, lead), Some(T0 + Duration::seconds(300)));
        let at = T0 + Duration::seconds(300);
        assert!(matches!(d.due(&s, lead, false, at)[..], [Due::Warn { .. }]));
        assert!(d.due(&s, lead, false, at).is_empty(), "only once");
        assert_eq!(d.next(&s, lead), Some(T0 + Duration::seconds(900)));
        let end = T0 + Duration::seconds(900);
        assert!(matches!(
            d.due(&s, lead, false, end)[..],
            [Due::Expired { .. }]
        ));
        assert!(d.due(&s, lead, false, end).is_empty());
        assert_eq!(d.next(&s, lead), None);
    }

    #[test]
    fn a_clock_jump_past_the_expiry_still_tells_the_user() {
        // Suspended before the warning, woken after the expiry.
        let mut d = Deadlines::default();
        let s = [dev(900)];
        let woke = T0 + Duration::hours(3);
        let due = d.due(&s, Duration::seconds(600), false, woke);
        assert!(matches!(due[..], [Due::Expired { .. }]), "{due:?}");
    }

    #[test]
    fn auto_renew_renews_instead_of_warning_and_a_renewed_session_is_new() {
        let mut d = Deadlines::default();
        let lead = Duration::seconds(600);
        let at = T0 + Duration::seconds(400);
        assert!(matches!(
            d.due(&[dev(900)], lead, true, at)[..],
            [Due::Renew { .. }]
        ));
        // After renewal the session has a new expiry: it gets its own warning later.
        let renewed = [dev(4_000)];
        assert!(d.due(&renewed, lead, true, at).is_empty());
        assert_eq!(d.next(&renewed, lead), Some(T0 + Duration::seconds(3_400)));
    }
}
