//! What an IAM Identity Center profile of the AWS config file names, by the
//! rules aws-config applies (its profile credentials `repr`): with
//! `sso_session`, the `[sso-session NAME]` section gives the start URL and
//! region, and the profile may not repeat them; without, the profile gives
//! both (the legacy form); `sso_account_id` and `sso_role_name` go
//! together, and without them the profile is a token only, no role.

use crate::sso::SsoSource;
use aws_config::profile::ProfileSet;

/// An Identity Center profile, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoProfile {
    /// The `[sso-session NAME]` it uses, if any (legacy profiles have none).
    pub session: Option<String>,
    pub source: SsoSource,
    pub account_id: String,
    pub role_name: String,
}

/// Read access to the `[sso-session]` sections.
pub trait SsoSessions {
    fn session_value(&self, session: &str, key: &str) -> Option<&str>;
    fn has_session(&self, session: &str) -> bool;
}

impl SsoSessions for ProfileSet {
    fn session_value(&self, session: &str, key: &str) -> Option<&str> {
        self.sso_session(session)?.get(key)
    }
    fn has_session(&self, session: &str) -> bool {
        self.sso_session(session).is_some()
    }
}

/// The Identity Center role of profile `name`, or why there is none.
pub fn resolve(
    profiles: &(impl super::profile_chain::Profiles + SsoSessions),
    name: &str,
) -> Result<SsoProfile, String> {
    let get = |key| profiles.get(name, key);
    let (start_url, region, scopes, session) = match get("sso_session") {
        Some(session) => {
            for key in ["sso_start_url", "sso_region"] {
                if get(key).is_some() {
                    return Err(format!(
                        "profile '{name}' sets {key}, which belongs in its [sso-session {session}] section (the SDKs refuse it)"
                    ));
                }
            }
            if !profiles.has_session(session) {
                return Err(format!(
                    "its [sso-session {session}] section does not exist"
                ));
            }
            let value = |key| profiles.session_value(session, key);
            (
                value("sso_start_url"),
                value("sso_region"),
                value("sso_registration_scopes"),
                Some(session.to_owned()),
            )
        }
        None => (get("sso_start_url"), get("sso_region"), None, None),
    };
    let missing = |key: &str| format!("profile '{name}' has no {key}");
    let start_url = start_url.ok_or_else(|| missing("sso_start_url"))?;
    let region = region.ok_or_else(|| missing("sso_region"))?;
    let (account_id, role_name) = match (get("sso_account_id"), get("sso_role_name")) {
        (Some(a), Some(r)) => (a, r),
        (None, None) => {
            return Err(
                "an Identity Center sign-in without sso_account_id and sso_role_name names no role"
                    .into(),
            );
        }
        (Some(_), None) => return Err(missing("sso_role_name (it has sso_account_id)")),
        (None, Some(_)) => return Err(missing("sso_account_id (it has sso_role_name)")),
    };
    let scopes = scopes
        .map(|s| {
            s.split([',', ' '])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(SsoProfile {
        session,
        source: SsoSource {
            start_url: start_url.to_owned(),
            region: region.to_owned(),
            scopes,
            favourites: Vec::new(),
        },
        account_id: account_id.to_owned(),
        role_name: role_name.to_owned(),
    })
}

/// The name an Identity Center source gets in RoleTray: its session's name,
/// or for a legacy profile the start URL's first host label (`d-1234567890`,
/// `corp`), made a valid name.
pub fn source_name(profile: &SsoProfile) -> String {
    if let Some(s) = &profile.session
        && crate::validate::name("sso", s).is_ok()
    {
        return s.clone();
    }
    let host = url::Url::parse(&profile.source.start_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    let label: String = host
        .split('.')
        .next()
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    if crate::validate::name("sso", &label).is_ok() {
        label
    } else {
        "sso".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Files {
        profiles: HashMap<&'static str, HashMap<&'static str, &'static str>>,
        sessions: HashMap<&'static str, HashMap<&'static str, &'static str>>,
    }

    impl super::super::profile_chain::Profiles for Files {
        fn has(&self, name: &str) -> bool {
            self.profiles.contains_key(name)
        }
        fn get(&self, name: &str, key: &str) -> Option<&str> {
            self.profiles.get(name)?.get(key).copied()
        }
    }

    impl SsoSessions for Files {
        fn session_value(&self, session: &str, key: &str) -> Option<&str> {
            self.sessions.get(session)?.get(key).copied()
        }
        fn has_session(&self, session: &str) -> bool {
            self.sessions.contains_key(session)
        }
    }

    fn files(
        profiles: &[(&'static str, &[(&'static str, &'static str)])],
        sessions: &[(&'static str, &[(&'static str, &'static str)])],
    ) -> Files {
        let map = |items: &[(&'static str, &[(&'static str, &'static str)])]| {
            items
                .iter()
                .map(|(n, kv)| (*n, kv.iter().copied().collect()))
                .collect()
        };
        Files {
            profiles: map(profiles),
            sessions: map(sessions),
        }
    }

    const ROLE: [(&str, &str); 2] = [
        ("sso_account_id", "123456789012"),
        ("sso_role_name", "Admin"),
    ];
    const CORP: (&str, &[(&str, &str)]) = (
        "corp",
        &[
            ("sso_start_url", "https://corp.awsapps.com/start"),
            ("sso_region", "eu-west-1"),
            (
                "sso_registration_scopes",
                "sso:account:access, codecatalyst:read_write",
            ),
        ],
    );

    #[test]
    fn a_session_profile_takes_its_portal_from_the_session() {
        let f = files(
            &[("dev", &[("sso_session", "corp"), ROLE[0], ROLE[1]])],
            &[CORP],
        );
        let p = resolve(&f, "dev").unwrap();
        assert_eq!(p.session.as_deref(), Some("corp"));
        assert_eq!(p.source.start_url, "https://corp.awsapps.com/start");
        assert_eq!(p.source.region, "eu-west-1");
        assert_eq!(
            p.source.scopes,
            ["sso:account:access", "codecatalyst:read_write"]
        );
        assert_eq!(
            (p.account_id.as_str(), p.role_name.as_str()),
            ("123456789012", "Admin")
        );
        assert_eq!(source_name(&p), "corp");
    }

    #[test]
    fn a_legacy_profile_carries_its_own_portal() {
        let f = files(
            &[(
                "old",
                &[
                    ("sso_start_url", "https://d-1234567890.awsapps.com/start"),
                    ("sso_region", "us-east-1"),
                    ROLE[0],
                    ROLE[1],
                ],
            )],
            &[],
        );
        let p = resolve(&f, "old").unwrap();
        assert_eq!(p.session, None);
        assert_eq!(source_name(&p), "d-1234567890");
    }

    #[test]
    fn what_the_sdks_refuse_is_refused_with_its_reason() {
        let f = files(
            &[
                (
                    "both",
                    &[
                        ("sso_session", "corp"),
                        ("sso_region", "eu-west-1"),
                        ROLE[0],
                        ROLE[1],
                    ],
                ),
                ("nosession", &[("sso_session", "gone"), ROLE[0], ROLE[1]]),
                ("half", &[("sso_session", "corp"), ROLE[0]]),
                ("token", &[("sso_session", "corp")]),
                (
                    "noregion",
                    &[
                        ("sso_start_url", "https://x.awsapps.com/start"),
                        ROLE[0],
                        ROLE[1],
                    ],
                ),
            ],
            &[CORP],
        );
        let err = |n| resolve(&f, n).unwrap_err();
        assert!(
            err("both").contains("belongs in its [sso-session corp]"),
            "{}",
            err("both")
        );
        assert!(err("nosession").contains("[sso-session gone] section does not exist"));
        assert!(err("half").contains("sso_role_name"));
        assert!(err("token").contains("names no role"));
        assert!(err("noregion").contains("sso_region"));
    }
}
