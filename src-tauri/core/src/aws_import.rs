//! Import from the AWS tools' own files: role profiles from the config file and
//! long-lived keys from the credentials file, parsed with aws-config's profile
//! parser. Imported secrets go to the keychain. The AWS files are changed
//! only when asked ([`remove_imported_keys`]: `import --remove-keys`).

use crate::catalog::{self, Change};
use crate::error::{Error, Result};
use crate::keychain::Keychain;
use crate::model::{Role, Source};
use crate::paths::Paths;
use crate::secret::Sensitive;
use aws_config::profile::ProfileSet;
use aws_runtime::env_config::file::{
    EnvConfigFileKind as ProfileFileKind, EnvConfigFiles as ProfileFiles,
};
use aws_types::os_shim_internal::{Env, Fs};
use std::path::Path;

/// What one profile became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub kind: &'static str,
    pub name: String,
    /// `added`, `updated`, `unchanged`, or `skipped: REASON`.
    pub outcome: String,
}

/// Sources and roles read from the AWS files, not yet stored.
#[derive(Debug, Default)]
pub struct Plan {
    pub sources: Vec<(String, Source, Sensitive<String>)>,
    pub roles: Vec<(String, Role)>,
    pub skipped: Vec<Imported>,
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

fn has_keys(set: &ProfileSet, name: &str) -> bool {
    set.get_profile(name).is_some_and(|p| {
        p.get("aws_access_key_id").is_some() && p.get("aws_secret_access_key").is_some()
    })
}

fn plan(set: &ProfileSet) -> Plan {
    let mut plan = Plan::default();
    let mut names: Vec<&str> = set.profiles().collect();
    names.sort_unstable();
    for name in names {
        let Some(p) = set.get_profile(name) else {
            continue;
        };
        let skip = |kind, reason: &str| Imported {
            kind,
            name: name.to_owned(),
            outcome: format!("skipped: {reason}"),
        };
        if has_keys(set, name) {
            if p.get("aws_session_token").is_some() {
                plan.skipped
                    .push(skip("source", "temporary keys (it has a session token)"));
            } else {
                let source = Source {
                    access_key_id: p.get("aws_access_key_id").unwrap_or_default().to_owned(),
                    mfa_serial: None,
                    region: p.get("region").map(str::to_owned),
                };
                let secret = Sensitive::new(
                    p.get("aws_secret_access_key")
                        .unwrap_or_default()
                        .to_owned(),
                );
                plan.sources.push((name.to_owned(), source, secret));
            }
        }
        let Some(role_arn) = p.get("role_arn") else {
            continue;
        };
        let (source, via) = match (p.get("source_profile"), p.get("credential_source")) {
            (Some(sp), _)
                if sp != name
                    && set
                        .get_profile(sp)
                        .and_then(|x| x.get("role_arn"))
                        .is_some() =>
            {
                (None, Some(sp.to_owned()))
            }
            (Some(sp), _) if has_keys(set, sp) => (Some(sp.to_owned()), None),
            (Some(sp), _) => {
                plan.skipped.push(skip(
                    "role",
                    &format!("its source_profile '{sp}' has no long-lived keys"),
                ));
                continue;
            }
            (None, Some(cs)) => {
                plan.skipped.push(skip(
                    "role",
                    &format!("credential_source = {cs} is not supported; RoleTray assumes roles with keys it keeps"),
                ));
                continue;
            }
            (None, None) => {
                plan.skipped.push(skip("role", "it has no source_profile"));
                continue;
            }
        };
        let duration_seconds = match p.get("duration_seconds").map(str::parse::<u32>) {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(_)) => {
                plan.skipped
                    .push(skip("role", "duration_seconds is not a number"));
                continue;
            }
        };
        plan.roles.push((
            name.to_owned(),
            Role {
                role_arn: role_arn.to_owned(),
                source,
                via,
                external_id: p.get("external_id").map(str::to_owned),
                session_name: p.get("role_session_name").map(str::to_owned),
                duration_seconds,
                mfa_serial: p.get("mfa_serial").map(str::to_owned),
                region: p.get("region").map(str::to_owned),
                favourite: false,
            },
        ));
    }
    plan
}

/// Stores what `read` found: sources first (secrets into the keychain), then
/// roles in chain order, each checked like `source add` and `role add`. An
/// item that fails is reported as skipped; the others are still imported.
/// A keychain that cannot be written stops the import: every source would fail.
pub fn apply(plan: Plan, paths: &Paths, keychain: &Keychain) -> Result<Vec<Imported>> {
    let mut report = plan.skipped;
    let mut outcome = |kind, name: &str, r: Result<Change>| {
        report.push(Imported {
            kind,
            name: name.to_owned(),
            outcome: match r {
                Ok(c) => c.as_str().to_owned(),
                Err(e) => format!("skipped: {e}"),
            },
        });
    };
    for (name, source, secret) in plan.sources {
        match catalog::put_source(paths, keychain, &name, source, &secret, true) {
            Err(e @ (Error::KeychainLocked(_) | Error::KeychainUnavailable(_))) => return Err(e),
            r => outcome("source", &name, r),
        }
    }
    // One write of the configuration for every role (chained roles after
    // their parents).
    for (name, r) in catalog::put_roles(paths, keychain, plan.roles)? {
        outcome("role", &name, r);
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

    async fn plan_of(config: &str, credentials: &str) -> Plan {
        let dir = tempfile::tempdir().unwrap();
        let (c, k) = (dir.path().join("config"), dir.path().join("credentials"));
        std::fs::write(&c, config).unwrap();
        std::fs::write(&k, credentials).unwrap();
        read(&c, &k).await.unwrap()
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

    #[tokio::test]
    async fn missing_files_read_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let plan = read(&dir.path().join("nope"), &dir.path().join("nope2"))
            .await
            .unwrap();
        assert!(plan.sources.is_empty() && plan.roles.is_empty());
    }
}
