//! What IAM says about a source's access key and the IAM user's other key:
//! when each was made, whether it is active, when and where it was last
//! used. No secret is ever part of it, so it can be cached and listed
//! offline.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// When, by which service and in which region a key was last used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastUse {
    #[serde(with = "time::serde::rfc3339")]
    pub when: OffsetDateTime,
    pub service: Option<String>,
    pub region: Option<String>,
}

/// One access key's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyLife {
    pub access_key_id: String,
    pub active: bool,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created: Option<OffsetDateTime>,
    /// `None`: never used (or IAM could not say).
    #[serde(default)]
    pub last_used: Option<LastUse>,
}

impl KeyLife {
    /// Whole days since the key was made.
    pub fn age_days(&self, now: OffsetDateTime) -> Option<i64> {
        self.created.map(|c| (now - c).whole_days().max(0))
    }

    /// Whole days since the key was last used, or since it was made when
    /// it never was.
    pub fn idle_days(&self, now: OffsetDateTime) -> Option<i64> {
        self.last_used
            .as_ref()
            .map(|u| u.when)
            .or(self.created)
            .map(|t| (now - t).whole_days().max(0))
    }
}

/// The facts about one key-pair source, as last read from IAM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFacts {
    /// When IAM was asked.
    #[serde(with = "time::serde::rfc3339")]
    pub read_at: OffsetDateTime,
    /// The source's key id when the facts were read (facts about an older
    /// key are not shown for a newer one).
    pub access_key_id: String,
    /// The IAM user the key belongs to.
    #[serde(default)]
    pub user: Option<String>,
    /// The source's own key, when IAM could be read.
    #[serde(default)]
    pub key: Option<KeyLife>,
    /// The user's other keys (AWS allows two in all).
    #[serde(default)]
    pub other_keys: Vec<KeyLife>,
    /// The permission the user lacks to read its own keys, when it does.
    #[serde(default)]
    pub not_allowed: Option<String>,
}

impl KeyFacts {
    /// One line a person reads: "key made 412 days ago · last used 2 h
    /// ago by sts in eu-west-1 · this user has a second key, unused for
    /// 300 days".
    pub fn summary(&self, now: OffsetDateTime) -> String {
        let denied = |what: &str| {
            self.not_allowed
                .as_ref()
                .map(|p| format!("{what} unknown: not allowed to read ({p} is missing)"))
        };
        let Some(key) = &self.key else {
            return denied("key facts").unwrap_or_else(|| {
                "key facts unknown: IAM does not list this key for its user".to_owned()
            });
        };
        let mut parts = Vec::new();
        parts.push(match key.age_days(now) {
            Some(d) => format!("key made {}", days_ago(d)),
            None => "key made at an unknown date".to_owned(),
        });
        if !key.active {
            parts.push("inactive".to_owned());
        }
        parts.push(match &key.last_used {
            Some(u) => {
                let mut s = format!("last used {}", ago(now - u.when));
                if let Some(svc) = &u.service {
                    s.push_str(&format!(" by {svc}"));
                }
                if let Some(r) = &u.region {
                    s.push_str(&format!(" in {r}"));
                }
                s
            }
            None => denied("last use").unwrap_or_else(|| "never used".to_owned()),
        });
        for other in &self.other_keys {
            let which = if other.active {
                "a second key"
            } else {
                "a second, inactive key"
            };
            let idle = match (&other.last_used, other.idle_days(now)) {
                (None, _) => "never used".to_owned(),
                (Some(_), Some(d)) => format!("unused for {}", days(d)),
                (Some(_), None) => "last use unknown".to_owned(),
            };
            parts.push(format!("this user has {which}, {idle}"));
        }
        parts.join(" · ")
    }
}

fn days(d: i64) -> String {
    if d == 1 {
        "1 day".to_owned()
    } else {
        format!("{d} days")
    }
}

fn days_ago(d: i64) -> String {
    match d {
        0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        d => format!("{d} days ago"),
    }
}

/// "just now", "5 min ago", "2 h ago", "3 days ago".
pub fn ago(d: time::Duration) -> String {
    let s = d.whole_seconds().max(0);
    match s {
        0..60 => "just now".to_owned(),
        60..3600 => format!("{} min ago", s / 60),
        3600..86_400 => format!("{} h ago", s / 3600),
        _ => days_ago(s / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-02 12:00 UTC);

    fn life(id: &str, active: bool, made_days: i64, used_secs: Option<i64>) -> KeyLife {
        KeyLife {
            access_key_id: id.into(),
            active,
            created: Some(NOW - time::Duration::days(made_days)),
            last_used: used_secs.map(|s| LastUse {
                when: NOW - time::Duration::seconds(s),
                service: Some("sts".into()),
                region: Some("eu-west-1".into()),
            }),
        }
    }

    #[test]
    fn the_summary_reads_as_the_issue_tells_it() {
        let facts = KeyFacts {
            read_at: NOW,
            access_key_id: "AKIAONE".into(),
            user: Some("carol".into()),
            key: Some(life("AKIAONE", true, 412, Some(7_200))),
            other_keys: vec![life("AKIATWO", true, 500, Some(300 * 86_400))],
            not_allowed: None,
        };
        assert_eq!(
            facts.summary(NOW),
            "key made 412 days ago · last used 2 h ago by sts in eu-west-1 · \
             this user has a second key, unused for 300 days"
        );
        let denied = KeyFacts {
            not_allowed: Some("iam:ListAccessKeys".into()),
            key: None,
            other_keys: vec![],
            ..facts.clone()
        };
        assert!(denied.summary(NOW).contains("not allowed to read"));
        assert!(denied.summary(NOW).contains("iam:ListAccessKeys"));
    }

    #[test]
    fn a_new_unused_key_says_so() {
        let facts = KeyFacts {
            read_at: NOW,
            access_key_id: "AKIAONE".into(),
            user: None,
            key: Some(life("AKIAONE", true, 0, None)),
            other_keys: vec![life("AKIAOLD", false, 90, None)],
            not_allowed: None,
        };
        assert_eq!(
            facts.summary(NOW),
            "key made today · never used · this user has a second, inactive key, never used"
        );
    }

    #[test]
    fn ages_and_idle_days() {
        let k = life("A", true, 10, Some(86_400 * 3 + 5));
        assert_eq!(k.age_days(NOW), Some(10));
        assert_eq!(k.idle_days(NOW), Some(3));
        let never = life("B", true, 7, None);
        assert_eq!(never.idle_days(NOW), Some(7));
        assert_eq!(ago(time::Duration::seconds(59)), "just now");
        assert_eq!(ago(time::Duration::minutes(5)), "5 min ago");
        assert_eq!(ago(time::Duration::days(1)), "yesterday");
    }

    #[test]
    fn facts_round_trip_through_json() {
        let facts = KeyFacts {
            read_at: NOW,
            access_key_id: "AKIAONE".into(),
            user: Some("carol".into()),
            key: Some(life("AKIAONE", true, 3, Some(60))),
            other_keys: vec![],
            not_allowed: None,
        };
        let text = serde_json::to_string(&facts).unwrap();
        assert_eq!(serde_json::from_str::<KeyFacts>(&text).unwrap(), facts);
    }
}
