//! The quick switch's order: the match first, then how much the role is
//! used (frecency), then favourites, live sessions and the name.

use super::candidates::{Candidate, PickRole};
use super::matching::Query;
use super::uses::UseHistory;
use crate::views::natural_cmp;
use nucleo_matcher::{Config, Matcher};
use serde::Serialize;
use std::cmp::Ordering;
use time::OffsetDateTime;

/// Below this many matches, words are tried again with a typo forgiven.
const FEW_MATCHES: usize = 10;

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct PickHit {
    pub role: PickRole,
    /// The characters of the name the query matched (for highlighting).
    pub name_matches: Vec<u32>,
}

/// The best `limit` candidates for `query`, best first. An empty query
/// lists the roles by use.
pub fn rank(
    candidates: &[Candidate],
    query: &str,
    uses: &UseHistory,
    now: OffsetDateTime,
    limit: usize,
) -> Vec<PickHit> {
    let query = Query::parse(query);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let frecency = |c: &Candidate| uses.frecency(&c.role.name, now);
    let mut scored: Vec<(f64, &Candidate)> = if query.is_empty() {
        candidates.iter().map(|c| (frecency(c), c)).collect()
    } else {
        let mut found = matches(candidates, &query, &mut matcher, false, &frecency);
        if found.len() < FEW_MATCHES {
            found = matches(candidates, &query, &mut matcher, true, &frecency);
        }
        found
    };
    let order = |a: &(f64, &Candidate), b: &(f64, &Candidate)| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(Ordering::Equal)
            .then_with(|| b.1.role.favourite.cmp(&a.1.role.favourite))
            .then_with(|| b.1.role.live.cmp(&a.1.role.live))
            .then_with(|| natural_cmp(&a.1.role.name, &b.1.role.name))
    };
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit, order);
        scored.truncate(limit);
    }
    scored.sort_by(order);
    scored
        .into_iter()
        .map(|(_, c)| PickHit {
            role: c.role.clone(),
            name_matches: query.name_matches(c, &mut matcher),
        })
        .collect()
}

/// The candidates every word matches, scored: the match, raised by up to
/// half for a role used often and lately.
fn matches<'c>(
    candidates: &'c [Candidate],
    query: &Query,
    matcher: &mut Matcher,
    typos: bool,
    frecency: &dyn Fn(&Candidate) -> f64,
) -> Vec<(f64, &'c Candidate)> {
    candidates
        .iter()
        .filter_map(|c| {
            let score = f64::from(query.score(c, matcher, typos)?);
            let f = frecency(c);
            Some((score * (1.0 + 0.5 * f / (f + 200.0)), c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::{RoleView, SsoRoleView};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-05 12:00 UTC);

    fn role(name: &str, account: &str, env: Option<&str>) -> RoleView {
        RoleView {
            name: name.into(),
            role_arn: format!("arn:aws:iam::{account}:role/{name}"),
            source: Some("alice".into()),
            via: None,
            external_id: None,
            session_name: None,
            duration_seconds: 3600,
            mfa_serial: None,
            region: None,
            favourite: false,
            mfa_command: None,
            environment: env.map(str::to_owned),
            colour: None,
            asks_first: false,
            session: None,
            sso: None,
            signin: None,
            identity_center: None,
        }
    }

    fn candidates() -> Vec<Candidate> {
        let mut roles = vec![
            role("dev-admin", "111122223333", Some("dev")),
            role("prod-admin", "444455556666", Some("production")),
            role("prod-readonly", "444455556666", Some("production")),
            role("audit", "777788889999", None),
            role("padmin", "121212121212", None),
        ];
        let mut sso = role("corp/999900001111/Developer", "999900001111", None);
        sso.sso = Some(SsoRoleView {
            source: "corp".into(),
            account_id: "999900001111".into(),
            account_name: "Payments Staging".into(),
            role_name: "Developer".into(),
        });
        roles.push(sso);
        roles
            .iter()
            .map(|r| Candidate::of(r, Some("audit")))
            .collect()
    }

    fn names(hits: &[PickHit]) -> Vec<&str> {
        hits.iter().map(|h| h.role.name.as_str()).collect()
    }

    #[test]
    fn several_words_narrow_and_the_closest_match_comes_first() {
        let c = candidates();
        let hits = rank(&c, "prd adm", &UseHistory::default(), NOW, 10);
        assert_eq!(names(&hits)[0], "prod-admin", "{:?}", names(&hits));
        assert!(!names(&hits).contains(&"audit"));
        assert!(!names(&hits).contains(&"prod-readonly"));
    }

    #[test]
    fn account_ids_match_with_or_without_dashes_and_names_by_account_name() {
        let c = candidates();
        for q in ["4444-5555-6666", "444455556666", "4444 5555 6666"] {
            let hits = rank(&c, q, &UseHistory::default(), NOW, 10);
            assert_eq!(
                names(&hits)[..2],
                ["prod-admin", "prod-readonly"],
                "{q}: {:?}",
                names(&hits)
            );
        }
        let hits = rank(&c, "payments", &UseHistory::default(), NOW, 10);
        assert_eq!(names(&hits), ["corp/999900001111/Developer"]);
        let hits = rank(&c, "production", &UseHistory::default(), NOW, 10);
        assert_eq!(names(&hits)[..2], ["prod-admin", "prod-readonly"]);
        let hits = rank(&c, "alice", &UseHistory::default(), NOW, 10);
        assert_eq!(hits.len(), 5, "the source matches: {:?}", names(&hits));
    }

    #[test]
    fn a_letter_wrong_or_swapped_is_forgiven() {
        let c = candidates();
        for q in ["audti", "adit", "auxdit", "paymnets"] {
            let hits = rank(&c, q, &UseHistory::default(), NOW, 10);
            assert!(!hits.is_empty(), "{q} found nothing");
        }
        let hits = rank(&c, "zzzz", &UseHistory::default(), NOW, 10);
        assert!(hits.is_empty(), "{:?}", names(&hits));
    }

    #[test]
    fn use_lifts_a_role_among_equal_matches_and_orders_the_empty_query() {
        let c = candidates();
        let mut uses = UseHistory::default();
        let before = rank(&c, "prod", &uses, NOW, 10);
        assert_eq!(names(&before)[..2], ["prod-admin", "prod-readonly"]);
        for _ in 0..3 {
            uses.note("prod-readonly", NOW);
        }
        uses.note("audit", NOW - time::Duration::hours(1));
        let after = rank(&c, "prod", &uses, NOW, 10);
        assert_eq!(names(&after)[..2], ["prod-readonly", "prod-admin"]);
        let all = rank(&c, "", &uses, NOW, 3);
        assert_eq!(names(&all)[..2], ["prod-readonly", "audit"]);
        assert_eq!(all.len(), 3);
    }

    #[test]
    fn hits_say_what_matched_and_how_the_role_stands() {
        let c = candidates();
        let hits = rank(&c, "audit", &UseHistory::default(), NOW, 10);
        assert_eq!(hits[0].name_matches, [0, 1, 2, 3, 4]);
        assert!(hits[0].role.active);
        assert_eq!(hits[0].role.account_id.as_deref(), Some("777788889999"));
    }
}
