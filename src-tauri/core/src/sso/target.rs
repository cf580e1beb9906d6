//! One Identity Center role by RoleTray's name for it,
//! `SSO/ACCOUNT_ID/ROLE_NAME`, and what a listed one carries.

use crate::validate;

/// One Identity Center role: which source signs in for it, and the account
/// and role (the permission set's name) to get credentials for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SsoTarget {
    pub sso: String,
    pub account_id: String,
    pub role_name: String,
}

impl SsoTarget {
    /// RoleTray's name for the role: `SSO/ACCOUNT_ID/ROLE_NAME`.
    pub fn role_key(&self) -> String {
        format!("{}/{}/{}", self.sso, self.account_id, self.role_name)
    }

    /// Reads a role name of the `SSO/ACCOUNT_ID/ROLE_NAME` form (`None`
    /// for any other name; the parts are checked).
    pub fn parse(name: &str) -> Option<SsoTarget> {
        let mut parts = name.splitn(3, '/');
        let (sso, account, role) = (parts.next()?, parts.next()?, parts.next()?);
        let ok = validate::name("sso", sso).is_ok()
            && validate::account_id("account_id", account).is_ok()
            && validate::sso_role_name(role).is_ok();
        ok.then(|| SsoTarget {
            sso: sso.to_owned(),
            account_id: account.to_owned(),
            role_name: role.to_owned(),
        })
    }

    /// `ACCOUNT_ID/ROLE_NAME`, as favourites are kept.
    pub fn within_source(&self) -> String {
        format!("{}/{}", self.account_id, self.role_name)
    }

    /// A label for the role's ARN. Identity Center's real role is named
    /// `AWSReservedSSO_ROLE_NAME_…`; GetCallerIdentity shows it once assumed.
    pub fn role_arn(&self) -> String {
        format!("arn:aws:iam::{}:role/{}", self.account_id, self.role_name)
    }
}

/// What a role listed by an Identity Center source carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoRole {
    pub target: SsoTarget,
    /// The account's name, as the portal lists it (for grouping in menus).
    pub account_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip_and_other_names_are_not_sso() {
        let t = SsoTarget::parse("acme/123456789012/AdministratorAccess").unwrap();
        assert_eq!(t.sso, "acme");
        assert_eq!(t.within_source(), "123456789012/AdministratorAccess");
        assert_eq!(t.role_key(), "acme/123456789012/AdministratorAccess");
        assert_eq!(
            t.role_arn(),
            "arn:aws:iam::123456789012:role/AdministratorAccess"
        );
        for other in [
            "dev",
            "acme/12345/Admin",
            "acme/123456789012/",
            "acme/123456789012/a/b",
            "/123456789012/Admin",
            "acme/123456789012/Admin space",
        ] {
            assert_eq!(SsoTarget::parse(other), None, "{other}");
        }
    }
}
