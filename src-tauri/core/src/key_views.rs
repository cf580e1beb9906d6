//! How key facts are shown: the CLI's stable JSON fields (`source list`,
//! `source check`) and the page's view, with key ids masked for the page.

use crate::export::rfc3339;
use crate::key_life::key_id::mask_key_id;
use crate::key_life::reminders::{self, Reminder};
use crate::key_life::{KeyFacts, KeyLife, LastUse};
use serde::Serialize;
use serde_json::{Value, json};
use time::OffsetDateTime;

fn last_use_json(u: &Option<LastUse>) -> Value {
    match u {
        Some(u) => json!({
            "when": rfc3339(u.when),
            "service": u.service,
            "region": u.region,
        }),
        None => Value::Null,
    }
}

fn other_json(k: &KeyLife, now: OffsetDateTime) -> Value {
    json!({
        "access_key_id": k.access_key_id,
        "active": k.active,
        "created": k.created.map(rfc3339),
        "age_days": k.age_days(now),
        "last_used": last_use_json(&k.last_used),
    })
}

/// The key fields of a source in `--json` output; all null when IAM was
/// never read for its current key.
pub fn key_fields(facts: Option<&KeyFacts>, max_age_days: u32, now: OffsetDateTime) -> Value {
    let Some(f) = facts else {
        return json!({
            "key_created": null, "key_active": null, "key_last_used": null,
            "key_age_days": null, "other_keys": [], "iam_user": null,
            "facts_read_at": null, "not_allowed": null, "reminders": [],
        });
    };
    let key = f.key.as_ref();
    json!({
        "key_created": key.and_then(|k| k.created).map(rfc3339),
        "key_active": key.map(|k| k.active),
        "key_last_used": key.map_or(Value::Null, |k| last_use_json(&k.last_used)),
        "key_age_days": key.and_then(|k| k.age_days(now)),
        "other_keys": f.other_keys.iter().map(|k| other_json(k, now)).collect::<Vec<_>>(),
        "iam_user": f.user,
        "facts_read_at": rfc3339(f.read_at),
        "not_allowed": f.not_allowed,
        "reminders": reminders::due(f, max_age_days, now).iter().map(Reminder::text).collect::<Vec<_>>(),
    })
}

/// What the page shows of a source's key: text only, key ids masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct KeyFactsView {
    /// "key made 412 days ago · last used 2 h ago by sts in eu-west-1".
    pub summary: String,
    /// What needs the person ("its key is 412 days old (rotate after 90)").
    pub reminders: Vec<String>,
    /// Rotate key answers every reminder (else the second key needs the
    /// person first).
    pub rotate_answers: bool,
    /// When IAM was asked (RFC 3339).
    pub read_at: String,
}

impl KeyFactsView {
    pub fn new(facts: &KeyFacts, max_age_days: u32, now: OffsetDateTime) -> KeyFactsView {
        let due = reminders::due(facts, max_age_days, now);
        KeyFactsView {
            summary: masked(&facts.summary(now), facts),
            reminders: due.iter().map(Reminder::text).collect(),
            rotate_answers: reminders::rotation_answers(&due),
            read_at: rfc3339(facts.read_at),
        }
    }
}

/// `text` with every key id of `facts` masked.
fn masked(text: &str, facts: &KeyFacts) -> String {
    let mut out = text.to_owned();
    for id in std::iter::once(&facts.access_key_id)
        .chain(facts.other_keys.iter().map(|k| &k.access_key_id))
    {
        out = out.replace(id.as_str(), &mask_key_id(id));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-02 12:00 UTC);

    fn facts() -> KeyFacts {
        KeyFacts {
            read_at: NOW,
            access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            user: Some("carol".into()),
            key: Some(KeyLife {
                access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
                active: true,
                created: Some(NOW - time::Duration::days(412)),
                last_used: None,
            }),
            other_keys: vec![KeyLife {
                access_key_id: "AKIAI44QH8DHBEXAMPLE".into(),
                active: false,
                created: Some(NOW - time::Duration::days(500)),
                last_used: None,
            }],
            not_allowed: None,
        }
    }

    #[test]
    fn json_fields_name_age_and_other_keys() {
        let v = key_fields(Some(&facts()), 90, NOW);
        assert_eq!(v["key_age_days"], 412);
        assert_eq!(v["key_active"], true);
        assert_eq!(v["other_keys"][0]["active"], false);
        assert_eq!(v["iam_user"], "carol");
        assert_eq!(v["reminders"].as_array().unwrap().len(), 2);
        let none = key_fields(None, 90, NOW);
        assert!(none["key_created"].is_null());
        assert_eq!(none["other_keys"], json!([]));
    }

    #[test]
    fn the_page_view_masks_every_key_id() {
        let view = KeyFactsView::new(&facts(), 90, NOW);
        let shown = serde_json::to_string(&view).unwrap();
        assert!(!shown.contains("AKIAIOSFODNN7EXAMPLE"), "{shown}");
        assert!(!shown.contains("AKIAI44QH8DHBEXAMPLE"), "{shown}");
        assert!(view.summary.contains("412 days"));
    }
}
