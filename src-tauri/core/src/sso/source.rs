//! What `config.toml` keeps of an Identity Center source (`[sso.NAME]`),
//! and the checks it passes before it is kept.

use crate::error::{Error, Result};
use crate::validate;
use serde::{Deserialize, Serialize};

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
        validate::start_url(&self.start_url)?;
        validate::region(&self.region)?;
        for s in &self.scopes {
            validate::sso_scope(s)?;
        }
        for f in &self.favourites {
            let Some((account, role)) = f.split_once('/') else {
                return Err(Error::invalid(
                    "favourites",
                    format!("'{f}' is not ACCOUNT_ID/ROLE_NAME"),
                ));
            };
            validate::account_id("favourites", account)?;
            validate::sso_role_name(role)?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
