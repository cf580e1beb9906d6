//! Which credentials a profile of the AWS files stands for, resolved by the
//! rules the AWS SDKs share (as aws-config implements them in its profile
//! credentials provider): importing a profile must give the identity that
//! `aws --profile NAME` gives, or nothing.
//!
//! The rules, in order, starting at the selected profile:
//! - a profile met twice is a loop (an error);
//! - after the first profile, a profile with static keys ends the chain on
//!   those keys, even if it also has a `role_arn`;
//! - a profile with a `role_arn` (and no `web_identity_token_file`) is a
//!   role to assume, from its `source_profile` or its `credential_source`,
//!   never both, and one of them is required; a `source_profile` naming the
//!   profile itself means "this profile's own credentials";
//! - any other profile is a base: `credential_source`, then web identity,
//!   then IAM Identity Center (`sso_*`), then `login_session`, then
//!   `credential_process`, then static keys (both key id and secret, or an
//!   error naming the missing one).

/// Read access to the profiles of the AWS files.
pub trait Profiles {
    /// Whether profile `name` exists.
    fn has(&self, name: &str) -> bool;
    /// The value of `key` in profile `name`.
    fn get(&self, name: &str, key: &str) -> Option<&str>;
}

/// Where the chain's first credentials come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base<'a> {
    /// The static keys of `profile`.
    Keys {
        profile: &'a str,
        /// The keys come with a session token (temporary keys).
        temporary: bool,
    },
    /// `credential_source` (the environment, EC2 or ECS metadata).
    NamedSource(&'a str),
    WebIdentity,
    /// IAM Identity Center (`sso_*` settings) of this profile.
    Sso(&'a str),
    /// An AWS console sign-in (`login_session`, from `aws login`) of this profile.
    LoginSession(&'a str),
    CredentialProcess,
}

/// A role the chain assumes: the profile that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assume<'a> {
    pub profile: &'a str,
    pub role_arn: &'a str,
}

/// A profile's credentials: the base, then the roles assumed from it in
/// order (the selected profile's own role last).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain<'a> {
    pub base: Base<'a>,
    pub roles: Vec<Assume<'a>>,
}

/// Why a profile stands for no credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// The profile holds settings only (a region, an output format).
    NoCredentials,
    /// What the SDKs refuse, in words.
    Invalid(String),
}

const SSO_KEYS: [&str; 5] = [
    "sso_account_id",
    "sso_region",
    "sso_role_name",
    "sso_start_url",
    "sso_session",
];

/// The credentials the SDKs would use for profile `selected`.
pub fn resolve<'a>(
    profiles: &'a impl Profiles,
    selected: &'a str,
) -> Result<Chain<'a>, Unresolved> {
    let mut name = selected;
    let mut visited: Vec<&'a str> = Vec::new();
    let mut roles = Vec::new();
    let base = loop {
        if !profiles.has(name) {
            let from = visited.last().copied().unwrap_or("the root profile");
            return Err(Unresolved::Invalid(format!(
                "its source_profile '{name}' (from '{from}') does not exist"
            )));
        }
        if visited.contains(&name) {
            return Err(Unresolved::Invalid(format!(
                "its source profiles form a loop: {} → {name}",
                visited.join(" → ")
            )));
        }
        visited.push(name);
        // Past the first profile, static keys win over a role.
        if visited.len() > 1
            && let Ok(keys) = static_keys(profiles, name)
        {
            break keys;
        }
        let Some(role_arn) = role_arn(profiles, name) else {
            break base(profiles, name).map_err(|e| match e {
                Unresolved::NoCredentials if visited.len() > 1 => {
                    Unresolved::Invalid(format!("its source profile '{name}' has no credentials"))
                }
                e => e,
            })?;
        };
        roles.push(Assume {
            profile: name,
            role_arn,
        });
        match (
            profiles.get(name, "source_profile"),
            profiles.get(name, "credential_source"),
        ) {
            (Some(_), Some(_)) => {
                return Err(Unresolved::Invalid(format!(
                    "profile '{name}' has both source_profile and credential_source (the SDKs refuse it)"
                )));
            }
            (None, None) => {
                return Err(Unresolved::Invalid(format!(
                    "profile '{name}' has a role_arn but no source_profile nor credential_source"
                )));
            }
            (Some(source), None) if source != name => name = source,
            // Its own credentials (source_profile = itself), or its credential_source.
            _ => break base(profiles, name)?,
        }
    };
    roles.reverse();
    Ok(Chain { base, roles })
}

/// A role to assume, unless a web identity token file makes it a base.
fn role_arn<'a>(profiles: &'a impl Profiles, name: &str) -> Option<&'a str> {
    if profiles.get(name, "web_identity_token_file").is_some() {
        return None;
    }
    profiles.get(name, "role_arn")
}

/// Where a profile's own credentials come from.
fn base<'a>(profiles: &'a impl Profiles, name: &'a str) -> Result<Base<'a>, Unresolved> {
    let has = |key| profiles.get(name, key).is_some();
    if let Some(source) = profiles.get(name, "credential_source") {
        return Ok(Base::NamedSource(source));
    }
    match (has("role_arn"), has("web_identity_token_file")) {
        (true, true) => return Ok(Base::WebIdentity),
        (false, true) => {
            return Err(Unresolved::Invalid(format!(
                "profile '{name}' has a web_identity_token_file but no role_arn"
            )));
        }
        _ => {}
    }
    if SSO_KEYS.iter().any(|k| has(k)) {
        return Ok(Base::Sso(name));
    }
    if has("login_session") {
        return Ok(Base::LoginSession(name));
    }
    if has("credential_process") {
        return Ok(Base::CredentialProcess);
    }
    static_keys(profiles, name)
}

fn static_keys<'a>(profiles: &'a impl Profiles, name: &'a str) -> Result<Base<'a>, Unresolved> {
    let get = |key| profiles.get(name, key);
    match (
        get("aws_access_key_id"),
        get("aws_secret_access_key"),
        get("aws_session_token"),
    ) {
        (None, None, None) => Err(Unresolved::NoCredentials),
        (None, _, _) => Err(Unresolved::Invalid(format!(
            "profile '{name}' has no aws_access_key_id to go with its other keys"
        ))),
        (_, None, _) => Err(Unresolved::Invalid(format!(
            "profile '{name}' has no aws_secret_access_key to go with its key id"
        ))),
        (Some(_), Some(_), token) => Ok(Base::Keys {
            profile: name,
            temporary: token.is_some(),
        }),
    }
}

#[cfg(test)]
mod tests;
