//! IAM Identity Center (SSO) as a source: a person signs in once in the
//! browser, and every account and role they may use becomes a role like any
//! other (assumed with the portal's GetRoleCredentials, chainable, exported,
//! served, warned about).
//!
//! - [`SsoSource`] is what `config.toml` keeps of one (`[sso.NAME]`): the
//!   start URL, the Identity Center region and the registration scopes, as
//!   the AWS CLI's `[sso-session NAME]` section.
//! - `sign_in` runs the OAuth flows (authorization code with PKCE and a
//!   loopback redirect, or the device code) through `oidc`.
//! - `tokens` keeps the client registration, the access token and the
//!   refresh token in the keychain only, and refreshes the access token.
//! - `portal` lists accounts and roles (bounded concurrency, backoff) and
//!   gets a role's credentials; `listing` caches the list (no secret in it).
//!
//! An Identity Center role is named `SSO/ACCOUNT_ID/ROLE_NAME`, for example
//! `acme/123456789012/AdministratorAccess`: the slash is not allowed in the
//! names people give roles, so the two never collide.

pub(crate) mod access;
pub mod listing;
pub(crate) mod oidc;
pub(crate) mod pacer;
pub mod portal;
pub(crate) mod sign_in;
pub(crate) mod tokens;

use crate::error::{Error, Result};
use crate::validate;
use serde::{Deserialize, Serialize};

pub use portal::{ListProgress, Quiet};
pub use sign_in::{SignInMethod, SignInPrompt};

/// The scope the AWS CLI registers for when none is given.
pub const DEFAULT_SCOPE: &str = "sso:account:access";

/// An Identity Center source, as `config.toml` keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SsoSource {
    /// The AWS access portal URL, `https://d-…awsapps.com/start` or a custom one.
    pub start_url: String,
    /// The region Identity Center runs in.
    pub region: String,
    /// The registration scopes (`sso_registration_scopes`); empty means
    /// [`DEFAULT_SCOPE`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// The roles to show first, as `ACCOUNT_ID/ROLE_NAME`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub favourites: Vec<String>,
}

impl SsoSource {
    pub fn validate(&self) -> Result<()> {
        start_url(&self.start_url)?;
        validate::region(&self.region)?;
        for s in &self.scopes {
            scope(s)?;
        }
        for f in &self.favourites {
            let Some((account, role)) = f.split_once('/') else {
                return Err(Error::invalid(
                    "favourites",
                    format!("'{f}' is not ACCOUNT_ID/ROLE_NAME"),
                ));
            };
            validate::account_id("favourites", account)?;
            role_name(role)?;
        }
        Ok(())
    }

    /// The scopes to register for.
    pub fn scopes_or_default(&self) -> Vec<String> {
        if self.scopes.is_empty() {
            vec![DEFAULT_SCOPE.to_owned()]
        } else {
            self.scopes.clone()
        }
    }
}

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
            && role_name(role).is_ok();
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

/// A start URL: https, with a host.
pub fn start_url(value: &str) -> Result<()> {
    const FIELD: &str = "start_url";
    let url = url::Url::parse(value)
        .map_err(|e| Error::invalid(FIELD, format!("'{value}' is not a URL: {e}")))?;
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    if url.scheme() != "https" && !(url.scheme() == "http" && loopback) {
        return Err(Error::invalid(
            FIELD,
            "must be an https URL, such as https://d-1234567890.awsapps.com/start",
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::invalid(FIELD, "has no host"));
    }
    if value.len() > 2048 {
        return Err(Error::invalid(FIELD, "is longer than 2048 characters"));
    }
    Ok(())
}

/// A registration scope, such as `sso:account:access`.
pub fn scope(value: &str) -> Result<()> {
    if value.is_empty()
        || value.len() > 256
        || !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ":._-/".contains(c))
    {
        return Err(Error::invalid(
            "scopes",
            format!("'{value}' is not a scope such as sso:account:access"),
        ));
    }
    Ok(())
}

/// A role name as Identity Center names them (its permission sets):
/// 1-32 of letters, digits and `+=,.@-_`.
pub fn role_name(value: &str) -> Result<()> {
    if value.is_empty()
        || value.chars().count() > 32
        || !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@-_".contains(c))
    {
        return Err(Error::invalid(
            "role_name",
            format!(
                "'{value}' is not a permission set's name (1-32 of letters, digits and +=,.@-_)"
            ),
        ));
    }
    Ok(())
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

    #[test]
    fn sources_are_checked_field_by_field() {
        let good = SsoSource {
            start_url: "https://d-1234567890.awsapps.com/start".into(),
            region: "eu-west-1".into(),
            scopes: vec![],
            favourites: vec!["123456789012/ReadOnly".into()],
        };
        good.validate().unwrap();
        assert_eq!(good.scopes_or_default(), vec![DEFAULT_SCOPE.to_owned()]);
        let field = |s: SsoSource| match s.validate().unwrap_err() {
            Error::InvalidInput { field, .. } => field,
            other => panic!("{other:?}"),
        };
        let with = |f: &dyn Fn(&mut SsoSource)| {
            let mut s = good.clone();
            f(&mut s);
            s
        };
        assert_eq!(
            field(with(&|s| s.start_url = "http://example.com/start".into())),
            "start_url"
        );
        assert_eq!(
            field(with(&|s| s.start_url = "not a url".into())),
            "start_url"
        );
        assert_eq!(field(with(&|s| s.region = "EU".into())), "region");
        assert_eq!(field(with(&|s| s.scopes = vec!["a b".into()])), "scopes");
        assert_eq!(
            field(with(&|s| s.favourites = vec!["Admin".into()])),
            "favourites"
        );
        // A local portal (the tests' stand-in, a private deployment's proxy).
        with(&|s| s.start_url = "http://127.0.0.1:8080/start".into())
            .validate()
            .unwrap();
    }
}
