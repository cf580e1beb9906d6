//! What the quick switch searches: one candidate a role, with the texts a
//! person may type to find it, prepared once for the matcher.

use crate::environment::Colour;
use crate::views::RoleView;
use nucleo_matcher::Utf32String;
use serde::Serialize;

/// A role as the palette and `roletray pick` show it: no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct PickRole {
    pub name: String,
    /// The 12-digit account the role is in.
    pub account_id: Option<String>,
    /// The account's name, for Identity Center roles.
    pub account_name: Option<String>,
    pub environment: Option<String>,
    pub colour: Option<Colour>,
    /// Where its credentials come from: a source, an Identity Center or
    /// an AWS Sign-In source.
    pub source: Option<String>,
    pub favourite: bool,
    /// Whether it has a session that has not expired.
    pub live: bool,
    pub active: bool,
    /// Whether assuming it asks first (production).
    pub asks_first: bool,
}

/// The fields a word may match, with how much a match there counts (in
/// quarters: a match in the name counts in full).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Name,
    RoleName,
    Account,
    AccountName,
    Environment,
    Source,
}

impl Field {
    pub(super) fn weight(self) -> u32 {
        match self {
            Field::Name => 4,
            Field::RoleName | Field::AccountName | Field::Environment | Field::Account => 3,
            Field::Source => 2,
        }
    }
}

/// One role, ready to be matched.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub role: PickRole,
    pub(super) fields: Vec<(Field, Utf32String)>,
}

impl Candidate {
    /// The candidate for `role` as the snapshot shows it; `active` names
    /// the active role.
    pub fn of(role: &RoleView, active: Option<&str>) -> Candidate {
        let account_id = role
            .sso
            .as_ref()
            .map(|s| s.account_id.clone())
            .or_else(|| account_of(&role.role_arn).map(str::to_owned));
        let source = role
            .sso
            .as_ref()
            .map(|s| s.source.clone())
            .or_else(|| role.signin.clone())
            .or_else(|| role.source.clone())
            .or_else(|| role.via.clone());
        let picked = PickRole {
            name: role.name.clone(),
            account_id,
            account_name: role.sso.as_ref().map(|s| s.account_name.clone()),
            environment: role.environment.clone(),
            colour: role.colour,
            source,
            favourite: role.favourite,
            live: role.session.as_ref().is_some_and(|s| s.seconds_left > 0),
            active: active == Some(role.name.as_str()),
            asks_first: role.asks_first,
        };
        let mut fields = vec![(Field::Name, Utf32String::from(role.name.as_str()))];
        let mut add = |field, text: Option<&str>| {
            if let Some(t) = text.filter(|t| !t.is_empty()) {
                fields.push((field, Utf32String::from(t)));
            }
        };
        add(Field::RoleName, role_name_of(&role.role_arn));
        add(Field::Account, picked.account_id.as_deref());
        add(Field::AccountName, picked.account_name.as_deref());
        add(Field::Environment, picked.environment.as_deref());
        add(Field::Source, picked.source.as_deref());
        Candidate {
            role: picked,
            fields,
        }
    }
}

/// The account of `arn:aws:iam::ACCOUNT:role/...`.
fn account_of(arn: &str) -> Option<&str> {
    let account = arn.split(':').nth(4)?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then_some(account)
}

/// The role's own name, the ARN's last path segment (`Admin` of
/// `arn:aws:iam::1:role/team/Admin`).
fn role_name_of(arn: &str) -> Option<&str> {
    let (_, path) = arn.split_once(":role/")?;
    path.rsplit('/').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arn_gives_the_account_and_the_role_name() {
        assert_eq!(
            account_of("arn:aws:iam::444455556666:role/team/Admin"),
            Some("444455556666")
        );
        assert_eq!(account_of("arn:aws:iam::4444:role/x"), None);
        assert_eq!(
            role_name_of("arn:aws:iam::444455556666:role/team/Admin"),
            Some("Admin")
        );
        assert_eq!(role_name_of("arn:aws:sts::1:assumed-role/x/y"), None);
    }
}
