//! When a key needs the person: older than `key-max-age`, or a second key
//! of the same user lying unused. Decided from the cached facts alone, and
//! notified at most once a day per source.

use super::facts::KeyFacts;
use crate::key_life::key_id::mask_key_id;
use time::OffsetDateTime;

/// A second key unused for this many days is pointed out.
pub const UNUSED_OTHER_KEY_DAYS: i64 = 30;

/// Reminders for one source are notified at most this often.
pub const REMIND_EVERY: time::Duration = time::Duration::days(1);

/// Something about a source's keys the person should act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reminder {
    /// The source's key is older than `key-max-age`.
    Old { age_days: i64, max_age_days: u32 },
    /// The user has another key nobody has used for a while.
    UnusedOther { masked: String, idle_days: i64 },
}

impl Reminder {
    pub fn text(&self) -> String {
        match self {
            Reminder::Old {
                age_days,
                max_age_days,
            } => format!("its key is {age_days} days old (rotate after {max_age_days})"),
            Reminder::UnusedOther { masked, idle_days } => {
                format!("the user's second key {masked} has not been used for {idle_days} days")
            }
        }
    }
}

/// What `facts` call for, with keys older than `max_age_days` due (0: age
/// is never due).
pub fn due(facts: &KeyFacts, max_age_days: u32, now: OffsetDateTime) -> Vec<Reminder> {
    let mut out = Vec::new();
    if let Some(age) = facts.key.as_ref().and_then(|k| k.age_days(now))
        && max_age_days > 0
        && age > i64::from(max_age_days)
    {
        out.push(Reminder::Old {
            age_days: age,
            max_age_days,
        });
    }
    for other in &facts.other_keys {
        if let Some(idle) = other.idle_days(now)
            && idle >= UNUSED_OTHER_KEY_DAYS
        {
            out.push(Reminder::UnusedOther {
                masked: mask_key_id(&other.access_key_id),
                idle_days: idle,
            });
        }
    }
    out
}

/// Whether rotating answers every reminder in `due`: a key too old, and no
/// second key (a rotation would meet AWS's two-keys limit; what to do with
/// the other key is the person's decision).
pub fn rotation_answers(due: &[Reminder]) -> bool {
    !due.is_empty() && due.iter().all(|r| matches!(r, Reminder::Old { .. }))
}

/// Whether a source last reminded at `last` may be reminded again.
pub fn may_remind(last: Option<OffsetDateTime>, now: OffsetDateTime) -> bool {
    last.is_none_or(|l| now - l >= REMIND_EVERY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key_life::facts::{KeyLife, LastUse};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-02 12:00 UTC);

    fn facts(age: i64, other_idle: Option<i64>) -> KeyFacts {
        KeyFacts {
            read_at: NOW,
            access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            user: Some("carol".into()),
            key: Some(KeyLife {
                access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
                active: true,
                created: Some(NOW - time::Duration::days(age)),
                last_used: None,
            }),
            other_keys: other_idle
                .map(|d| KeyLife {
                    access_key_id: "AKIAI44QH8DHBEXAMPLE".into(),
                    active: true,
                    created: Some(NOW - time::Duration::days(400)),
                    last_used: Some(LastUse {
                        when: NOW - time::Duration::days(d),
                        service: None,
                        region: None,
                    }),
                })
                .into_iter()
                .collect(),
            not_allowed: None,
        }
    }

    #[test]
    fn an_old_key_is_due_and_zero_turns_it_off() {
        assert_eq!(
            due(&facts(91, None), 90, NOW),
            [Reminder::Old {
                age_days: 91,
                max_age_days: 90
            }]
        );
        assert!(due(&facts(90, None), 90, NOW).is_empty());
        assert!(due(&facts(900, None), 0, NOW).is_empty());
    }

    #[test]
    fn an_unused_second_key_is_pointed_out() {
        let r = due(&facts(10, Some(31)), 90, NOW);
        assert_eq!(r.len(), 1);
        assert!(r[0].text().contains("AKIA…MPLE"), "{}", r[0].text());
        assert!(due(&facts(10, Some(2)), 90, NOW).is_empty());
    }

    #[test]
    fn rotating_answers_an_old_key_but_not_a_second_one() {
        assert!(rotation_answers(&due(&facts(91, None), 90, NOW)));
        assert!(!rotation_answers(&due(&facts(91, Some(40)), 90, NOW)));
        assert!(!rotation_answers(&due(&facts(10, Some(40)), 90, NOW)));
        assert!(!rotation_answers(&[]));
    }

    #[test]
    fn reminders_come_at_most_daily() {
        assert!(may_remind(None, NOW));
        assert!(!may_remind(Some(NOW - time::Duration::hours(23)), NOW));
        assert!(may_remind(Some(NOW - time::Duration::hours(24)), NOW));
    }
}
