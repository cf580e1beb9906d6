//! Import from the AWS tools' own files: role profiles from the config file and
//! long-lived keys from the credentials file, parsed with aws-config's profile
//! parser and resolved by the SDKs' own chain rules (`profile_chain`). Imported secrets go to the keychain. The AWS files are changed
//! only when asked ([`remove_imported_keys`]: `import --remove-keys`).

mod imported;
mod login_takeover;
mod profile_chain;
mod sso_profile;

use crate::catalog::{self, Change};
use crate::error::{Error, Result};
use crate::keychain::Keychain;
use crate::mfa_code::MfaCommand;
use crate::model::{Role, Source};
use crate::paths::Paths;
use crate::secret::Sensitive;
use crate::signin::SigninSource;
use crate::sso::{SsoSource, SsoTarget};
use aws_config::profile::ProfileSet;
use aws_runtime::env_config::file::{
    EnvConfigFileKind as ProfileFileKind, EnvConfigFiles as ProfileFiles,
};
use aws_types::os_shim_internal::{Env, Fs};
pub use imported::Imported;
pub use login_takeover::{offer_takeovers, take_over};
use profile_chain::{Base, Unresolved};
use std::path::Path;

/// Sources and roles read from the AWS files, not yet stored.
#[derive(Debug, Default)]
pub struct Plan {
    pub sources: Vec<(String, Source, Sensitive<String>)>,
    pub roles: Vec<(String, Role)>,
    /// Identity Center sources (from `[sso-session]` sections or legacy
    /// `sso_start_url` profiles), their imported roles as favourites.
    pub sso: Vec<(String, SsoSource)>,
    /// AWS Sign-In sources (from `login_session` profiles), signed out:
    /// the AWS CLI keeps its own session (one rotating refresh token
    /// cannot serve two programs).
    pub signins: Vec<(String, SigninSource)>,
    /// What each Identity Center profile became (a role of a source).
    pub notes: Vec<Imported>,
    pub skipped: Vec<Imported>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
            && self.roles.is_empty()
            && self.sso.is_empty()
            && self.signins.is_empty()
    }

    /// The Identity Center source for `profile`, added to the plan once
    /// (profiles of one portal share it); `None` when its name is taken by
    /// another portal's.
    fn sso_source(&mut self, profile: &sso_profile::SsoProfile) -> Option<String> {
        let mut name = sso_profile::source_name(profile);
        for n in 2.. {
            match self.sso.iter().find(|(s, _)| *s == name) {
                None => {
                    self.sso.push((name.clone(), profile.source.clone()));
                    return Some(name);
                }
                Some((_, s))
                    if s.start_url == profile.source.start_url
                        && s.region == profile.source.region =>
                {
                    return Some(name);
                }
                Some(_) if n < 10 => name = format!("{}-{n}", sso_profile::source_name(profile)),
                Some(_) => return None,
            }
        }
        None
    }
}

/// Reads both files. A file that does not exist reads as empty.
pub async fn read(config_file: &Path, credentials_file: &Path) -> Result<Plan> {
    let mut files = ProfileFiles::builder()
        .include_default_config_file(false)
        .include_default_credentials_file(false);
    let mut any = false;
    for (kind, path) in [
        (ProfileFileKind::Config, config_file),
        (ProfileFileKind::Credentials, credentials_file),
    ] {
        if path.exists() {
            files = files.with_file(kind, path);
            any = true;
        }
    }
    if !any {
        return Ok(Plan::default());
    }
    let files = files.build();
    let set = aws_config::profile::load(&Fs::real(), &Env::real(), &files, None)
        .await
        .map_err(|e| Error::AwsFileInvalid {
            path: config_file.to_owned(),
            line: None,
            message: e.to_string(),
        })?;
    Ok(plan(&set))
}

impl profile_chain::Profiles for ProfileSet {
    fn has(&self, name: &str) -> bool {
        self.get_profile(name).is_some()
    }
    fn get(&self, name: &str, key: &str) -> Option<&str> {
        self.get_profile(name)?.get(key)
    }
}

/// Why RoleTray cannot serve a profile whose credentials start at `base`.
fn unsupported(base: &Base<'_>) -> Option<String> {
    Some(match base {
        Base::Keys {
            temporary: false, ..
        } => return None,
        Base::Keys {
            profile,
            temporary: true,
        } => format!("temporary keys (profile '{profile}' has a session token)"),
        Base::NamedSource(source) => format!(
            "credential_source = {source} is not supported; RoleTray assumes roles with keys it keeps"
        ),
        Base::WebIdentity => "web identity tokens are not supported".into(),
        Base::Sso(_) | Base::LoginSession(_) => return None,
        Base::CredentialProcess => "credential_process profiles are not supported".into(),
    })
}

/// Each profile becomes what the AWS SDKs make of it, or is skipped with
/// the reason: a key pair is a source; a role profile is a role assumed
/// from the keys its chain starts at (a source) or through the role before
/// it (`via`). Profiles that hold settings only are left out.
fn plan(set: &ProfileSet) -> Plan {
    let mut plan = Plan::default();
    let mut names: Vec<&str> = set.profiles().collect();
    names.sort_unstable();
    let mut key_profiles = std::collections::BTreeSet::new();
    for name in names {
        let Some(p) = set.get_profile(name) else {
            continue;
        };
        let kind = if p.get("role_arn").is_some() {
            "role"
        } else {
            "source"
        };
        let skip = |reason: &str| Imported {
            kind,
            name: name.to_owned(),
            outcome: format!("skipped: {reason}"),
            removable: false,
        };
        let chain = match profile_chain::resolve(set, name) {
            Ok(chain) => chain,
            Err(Unresolved::NoCredentials) => continue,
            Err(Unresolved::Invalid(reason)) => {
                plan.skipped.push(skip(&reason));
                continue;
            }
        };
        if let Some(reason) = unsupported(&chain.base) {
            plan.skipped.push(skip(&reason));
            continue;
        }
        // Where the chain's first role comes from: a source of keys, or
        // an Identity Center role.
        let first = match chain.base {
            Base::Keys { profile: keys, .. } => {
                key_profiles.insert(keys);
                (Some(keys.to_owned()), None)
            }
            Base::Sso(sso) => {
                let resolved = match sso_profile::resolve(set, sso) {
                    Ok(p) => p,
                    Err(reason) => {
                        plan.skipped.push(skip(&reason));
                        continue;
                    }
                };
                let Some(source) = plan.sso_source(&resolved) else {
                    plan.skipped
                        .push(skip("too many Identity Center portals share its name"));
                    continue;
                };
                let target = SsoTarget {
                    sso: source.clone(),
                    account_id: resolved.account_id.clone(),
                    role_name: resolved.role_name.clone(),
                };
                if crate::validate::sso_role_name(&target.role_name).is_err() {
                    plan.skipped
                        .push(skip("its sso_role_name is not a permission set's name"));
                    continue;
                }
                if chain.roles.is_empty() {
                    // The profile is the Identity Center role itself: its
                    // name stays a role's name, meaning that role.
                    if let Some((_, s)) = plan.sso.iter_mut().find(|(n, _)| *n == source)
                        && !s.favourites.contains(&target.within_source())
                    {
                        s.favourites.push(target.within_source());
                    }
                    plan.roles.push((
                        name.to_owned(),
                        Role {
                            role_arn: target.role_arn(),
                            identity_center: Some(target.role_key()),
                            region: p.get("region").map(str::to_owned),
                            ..Role::default()
                        },
                    ));
                    continue;
                }
                (None, Some(target.role_key()))
            }
            Base::LoginSession(login) => {
                let region = set
                    .get_profile(login)
                    .and_then(|p| p.get("region"))
                    .unwrap_or("us-east-1")
                    .to_owned();
                if !plan.signins.iter().any(|(n, _)| n == login) {
                    plan.signins
                        .push((login.to_owned(), SigninSource { region }));
                }
                if chain.roles.is_empty() {
                    continue;
                }
                (Some(login.to_owned()), None)
            }
            _ => continue,
        };
        let Some(role) = chain.roles.last() else {
            continue;
        };
        let (source, via) = match chain.roles.len() {
            1 => first,
            n => (None, Some(chain.roles[n - 2].profile.to_owned())),
        };
        let duration_seconds = match p.get("duration_seconds").map(str::parse::<u32>) {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(_)) => {
                plan.skipped.push(skip("duration_seconds is not a number"));
                continue;
            }
        };
        plan.roles.push((
            name.to_owned(),
            Role {
                role_arn: role.role_arn.to_owned(),
                source,
                via,
                external_id: p.get("external_id").map(str::to_owned),
                session_name: p.get("role_session_name").map(str::to_owned),
                duration_seconds,
                mfa_serial: p.get("mfa_serial").map(str::to_owned),
                region: p.get("region").map(str::to_owned),
                // aws-vault's name for an MFA code command.
                mfa_command: p
                    .get("mfa_process")
                    .filter(|_| p.get("mfa_serial").is_some())
                    .and_then(|line| MfaCommand::parse(line).ok()),
                ..Role::default()
            },
        ));
    }
    // Every profile whose keys a chain starts at is a source, under its name.
    for name in key_profiles {
        let Some(p) = set.get_profile(name) else {
            continue;
        };
        let source = Source {
            access_key_id: p.get("aws_access_key_id").unwrap_or_default().to_owned(),
            mfa_serial: None,
            region: p.get("region").map(str::to_owned),
            ..Source::default()
        };
        let secret = Sensitive::new(
            p.get("aws_secret_access_key")
                .unwrap_or_default()
                .to_owned(),
        );
        plan.sources.push((name.to_owned(), source, secret));
    }
    plan
}

/// Stores what `read` found: sources first (secrets into the keychain), then
/// roles in chain order, each checked like `source add` and `role add`. An
/// item that fails is reported as skipped; the others are still imported.
/// A keychain that cannot be written stops the import: every source would fail.
pub fn apply(plan: Plan, paths: &Paths, keychain: &Keychain) -> Result<Vec<Imported>> {
    let mut report = plan.skipped;
    report.extend(plan.notes);
    // Sign-in sources before the roles assumed from them.
    for (name, r) in catalog::put_signin_sources(paths, plan.signins)? {
        report.push(Imported {
            kind: "signin",
            name,
            outcome: match r {
                Ok(c) => format!(
                    "{} (signed out: sign in with `roletray signin login`)",
                    c.as_str()
                ),
                Err(e) => format!("skipped: {e}"),
            },
            removable: false,
        });
    }
    // Identity Center sources before the roles that chain through theirs.
    for (name, r) in catalog::put_sso_sources(paths, plan.sso)? {
        report.push(Imported {
            kind: "sso",
            name,
            outcome: match r {
                Ok(c) => c.as_str().to_owned(),
                Err(e) => format!("skipped: {e}"),
            },
            removable: false,
        });
    }
    let line = |kind, name: &str, r: Result<Change>| Imported {
        kind,
        name: name.to_owned(),
        removable: kind == "source" && r.is_ok(),
        outcome: match r {
            Ok(c) => c.as_str().to_owned(),
            Err(e) => format!("skipped: {e}"),
        },
    };
    for (name, source, secret) in plan.sources {
        match catalog::put_source(paths, keychain, &name, source, &secret, true) {
            Err(e @ (Error::KeychainLocked(_) | Error::KeychainUnavailable(_))) => return Err(e),
            r => report.push(line("source", &name, r)),
        }
    }
    // What each Identity Center profile's name means, for the report.
    let means: std::collections::BTreeMap<String, String> = plan
        .roles
        .iter()
        .filter_map(|(n, r)| r.identity_center.clone().map(|k| (n.clone(), k)))
        .collect();
    // One write of the configuration for every role (chained roles after
    // their parents).
    for (name, r) in catalog::put_roles(paths, keychain, plan.roles)? {
        let mut item = line("role", &name, r);
        if let Some(key) = means
            .get(&name)
            .filter(|_| !item.outcome.starts_with("skipped"))
        {
            let sso = key.split('/').next().unwrap_or_default();
            item.outcome = format!(
                "{} as {key} (sign in with `roletray sso login {sso}`)",
                item.outcome
            );
        }
        report.push(item);
    }
    report.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
    Ok(report)
}

/// Removes from the credentials file the long-lived keys of the profiles
/// imported as the sources `names`, each only once it is confirmed in
/// RoleTray: the source has the file's key id and the keychain holds the
/// file's secret. Every other byte of the file stays; its original is kept
/// in the keychain first (`restore-credentials` brings the keys back).
pub fn remove_imported_keys(
    names: &[String],
    credentials_file: &Path,
    paths: &Paths,
    keychain: &Keychain,
) -> Result<Vec<Imported>> {
    let config = crate::config::Config::load(&paths.config_file)?;
    let mut report = Vec::new();
    let edited = crate::credentials_file::edit(
        credentials_file,
        &paths.lock_dir,
        keychain,
        |text, path| {
            let mut new_text = text.to_owned();
            for name in names {
                let key_id =
                    crate::credentials_file::value_of(text, name, "aws_access_key_id", path)?;
                if key_id.is_none() {
                    // Its keys are not in this file (the config file had them).
                    continue;
                }
                let secret =
                    crate::credentials_file::value_of(text, name, "aws_secret_access_key", path)?
                        .map(Sensitive::new);
                let in_config = config.sources.get(name).map(|s| s.access_key_id.clone());
                let kept = keychain.source_secret(name)?;
                let confirmed = key_id.is_some()
                    && key_id == in_config
                    && secret.is_some()
                    && kept.as_ref() == secret.as_ref();
                let outcome = if confirmed {
                    new_text = crate::credentials_file::without_keys(&new_text, name, path)?;
                    format!("keys removed from {}", path.display())
                } else {
                    "keys left in the credentials file: not confirmed in RoleTray's keychain"
                        .to_owned()
                };
                report.push(Imported {
                    kind: "source",
                    name: name.clone(),
                    outcome,
                    removable: false,
                });
            }
            Ok((new_text != text).then_some(new_text))
        },
    )?;
    if edited.is_none() {
        for item in &mut report {
            if item.outcome.starts_with("keys removed") {
                item.outcome = "keys left: the credentials file did not change".into();
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Parent;

    async fn plan_of(config: &str, credentials: &str) -> Plan {
        let dir = tempfile::tempdir().unwrap();
        let (c, k) = (dir.path().join("config"), dir.path().join("credentials"));
        std::fs::write(&c, config).unwrap();
        std::fs::write(&k, credentials).unwrap();
        read(&c, &k).await.unwrap()
    }

    // `aws login` profiles: a signed-out sign-in source of the same name and
    // region (the AWS CLI keeps its own session), and a role on top of one
    // assumed from it; aws-vault's `mfa_process` is a code command.
    #[tokio::test]
    async fn login_sessions_become_sign_in_sources() {
        let plan = plan_of(
            "[profile console]\nlogin_session = arn:aws:iam::123456789012:user/me\nregion = eu-west-2\n\
             [profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = console\n\
             [profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = me\n\
             mfa_serial = arn:aws:iam::123456789012:mfa/me\nmfa_process = ykman oath accounts code --single 'aws me'\n",
            "[me]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        )
        .await;
        assert_eq!(
            plan.signins,
            [(
                "console".to_owned(),
                SigninSource {
                    region: "eu-west-2".into()
                }
            )]
        );
        let admin = &plan.roles.iter().find(|(n, _)| n == "admin").unwrap().1;
        assert_eq!(admin.source.as_deref(), Some("console"));
        let mfa = &plan.roles.iter().find(|(n, _)| n == "mfa").unwrap().1;
        assert_eq!(
            mfa.mfa_command
                .as_ref()
                .unwrap()
                .args()
                .last()
                .map(String::as_str),
            Some("aws me")
        );
        assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
    }

    #[tokio::test]
    async fn reads_roles_chains_and_keys() {
        let plan = plan_of(
            "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = me\n\
             external_id = ext-1\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n\
             duration_seconds = 1800\nrole_session_name = sess\nregion = eu-west-1\n\
             [profile prod]\nrole_arn = arn:aws:iam::123456789012:role/prod\nsource_profile = dev\n\
             [profile ec2]\nrole_arn = arn:aws:iam::123456789012:role/x\ncredential_source = Ec2InstanceMetadata\n",
            "[me]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\
             [temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\naws_session_token = t\n",
        )
        .await;
        assert_eq!(plan.sources.len(), 1);
        assert_eq!(plan.sources[0].0, "me");
        let dev = &plan.roles.iter().find(|(n, _)| n == "dev").unwrap().1;
        assert_eq!(dev.source.as_deref(), Some("me"));
        assert_eq!(dev.external_id.as_deref(), Some("ext-1"));
        assert_eq!(dev.duration_seconds, Some(1800));
        assert_eq!(dev.session_name.as_deref(), Some("sess"));
        assert_eq!(dev.region.as_deref(), Some("eu-west-1"));
        let prod = &plan.roles.iter().find(|(n, _)| n == "prod").unwrap().1;
        assert_eq!(prod.via.as_deref(), Some("dev"));
        let skipped: Vec<_> = plan.skipped.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(skipped, ["ec2", "temp"]);
    }

    // The identity RoleTray serves for a profile is the one the SDKs give:
    // a source profile with keys and its own role_arn lends its keys.
    #[tokio::test]
    async fn profiles_resolve_as_the_sdks_resolve_them() {
        let keys = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n";
        let plan = plan_of(
            &format!(
                "[profile app]\nrole_arn = arn:aws:iam::123456789012:role/app\nsource_profile = ops\n\
                 [profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = me\n{keys}\
                 [profile both]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = me\n\
                 credential_source = Environment\n\
                 [profile loop1]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = loop2\n\
                 [profile loop2]\nrole_arn = arn:aws:iam::123456789012:role/y\nsource_profile = loop1\n\
                 [profile half]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = halfkeys\n\
                 [profile halfkeys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n\
                 [profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n\
                 [sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n\
                 [profile web]\nrole_arn = arn:aws:iam::123456789012:role/x\nweb_identity_token_file = /t\n\
                 [profile settings]\nregion = eu-west-1\n"
            ),
            &format!("[me]\n{keys}"),
        )
        .await;
        let role = |n: &str| &plan.roles.iter().find(|(r, _)| r == n).unwrap().1;
        // app: assumed with ops's keys, as `aws --profile app` does.
        assert_eq!(role("app").source.as_deref(), Some("ops"));
        assert_eq!(role("app").via, None);
        // ops itself, selected, is its role, from me.
        assert_eq!(role("ops").source.as_deref(), Some("me"));
        let mut sources: Vec<&str> = plan.sources.iter().map(|(n, _, _)| n.as_str()).collect();
        sources.sort_unstable();
        assert_eq!(sources, ["me", "ops"]);
        let reason = |n: &str| {
            plan.skipped
                .iter()
                .find(|s| s.name == n)
                .map(|s| s.outcome.clone())
                .unwrap_or_else(|| panic!("{n} not skipped: {:?}", plan.skipped))
        };
        assert!(reason("both").contains("both source_profile and credential_source"));
        assert!(reason("loop1").contains("loop"));
        assert!(reason("half").contains("aws_secret_access_key"));
        assert!(reason("halfkeys").contains("aws_secret_access_key"));
        // An Identity Center profile is its source's role (a favourite),
        // and its name stays a role's name meaning that role.
        assert_eq!(plan.sso.len(), 1);
        assert_eq!(plan.sso[0].0, "corp");
        assert_eq!(plan.sso[0].1.favourites, ["123456789012/Admin"]);
        assert_eq!(
            role("sso").identity_center.as_deref(),
            Some("corp/123456789012/Admin")
        );
        assert_eq!(
            role("sso").parent().unwrap(),
            Parent::Sso(SsoTarget::parse("corp/123456789012/Admin").unwrap())
        );
        assert!(reason("web").contains("web identity"));
        // Settings alone are neither imported nor reported.
        assert!(plan.skipped.iter().all(|s| s.name != "settings"));
        assert!(plan.roles.iter().all(|(n, _)| n != "settings"));
    }

    // A role chained from an Identity Center profile goes via its role.
    #[tokio::test]
    async fn a_role_on_an_identity_center_profile_chains_through_its_role() {
        let plan = plan_of(
            "[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n\
             [profile base]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n\
             [profile app]\nrole_arn = arn:aws:iam::210987654321:role/app\nsource_profile = base\n\
             [profile legacy]\nsso_start_url = https://d-9999999999.awsapps.com/start\nsso_region = us-east-1\n\
             sso_account_id = 111111111111\nsso_role_name = ReadOnly\n\
             [profile broken]\nsso_session = nope\nsso_account_id = 123456789012\nsso_role_name = Admin\n",
            "",
        )
        .await;
        let app = &plan.roles.iter().find(|(n, _)| n == "app").unwrap().1;
        assert_eq!(app.via.as_deref(), Some("corp/123456789012/Admin"));
        assert_eq!(app.source, None);
        let names: Vec<&str> = plan.sso.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["corp", "d-9999999999"]);
        let broken = plan.skipped.iter().find(|s| s.name == "broken").unwrap();
        assert!(broken.outcome.contains("[sso-session nope]"), "{broken:?}");
    }

    #[tokio::test]
    async fn missing_files_read_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let plan = read(&dir.path().join("nope"), &dir.path().join("nope2"))
            .await
            .unwrap();
        assert!(plan.sources.is_empty() && plan.roles.is_empty());
    }
}
