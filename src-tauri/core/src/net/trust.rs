//! The certificate authorities RoleTray trusts: the system's own store
//! (read on each system by the TLS stack), plus the PEM files named by
//! `AWS_CA_BUNDLE`, by `ca_bundle` in the AWS config profile in force, and
//! by the `ca-bundle` setting, each added to the system's roots, never in
//! their place.

use crate::error::{Error, Result};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::path::PathBuf;

/// A CA file and where it was named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaFile {
    pub path: PathBuf,
    /// `AWS_CA_BUNDLE`, `ca_bundle of profile 'x' in ~/.aws/config`...
    pub from: String,
}

impl CaFile {
    /// The file's certificates as PEM, each checked to be one a TLS client
    /// can trust. A file that cannot be read or holds none is an error
    /// naming it and where it was named.
    pub fn load(&self) -> Result<Vec<u8>> {
        let unusable = |reason: String| Error::CaFileUnusable {
            path: self.path.clone(),
            from: self.from.clone(),
            reason,
        };
        let bytes = std::fs::read(&self.path).map_err(|e| unusable(e.to_string()))?;
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&bytes)
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| unusable(format!("it is not PEM text: {e:?}")))?;
        if certs.is_empty() {
            return Err(unusable(
                "it holds no certificate (a PEM file with -----BEGIN CERTIFICATE----- blocks is needed)"
                    .into(),
            ));
        }
        let mut roots = rustls::RootCertStore::empty();
        for cert in certs {
            roots
                .add(cert)
                .map_err(|e| unusable(format!("a certificate in it cannot be used: {e}")))?;
        }
        Ok(bytes)
    }
}

/// Every CA file in force, in the order given: `AWS_CA_BUNDLE`, the
/// profile's `ca_bundle`, the setting.
pub fn ca_files(
    env: &dyn Fn(&str) -> Option<String>,
    profile_bundle: Option<(PathBuf, String)>,
    setting: Option<&str>,
) -> Vec<CaFile> {
    let mut files = Vec::new();
    if let Some(p) = env("AWS_CA_BUNDLE").filter(|p| !p.trim().is_empty()) {
        files.push(CaFile {
            path: PathBuf::from(p.trim()),
            from: "AWS_CA_BUNDLE".into(),
        });
    }
    if let Some((path, from)) = profile_bundle {
        files.push(CaFile { path, from });
    }
    if let Some(p) = setting.filter(|p| !p.trim().is_empty()) {
        files.push(CaFile {
            path: PathBuf::from(p.trim()),
            from: "Settings → Network".into(),
        });
    }
    files.dedup_by(|a, b| a.path == b.path);
    files
}

/// `ca_bundle` of the profile in force (`AWS_PROFILE`, else `default`) in
/// the AWS config file, and a phrase saying so.
pub fn profile_bundle(env: &dyn Fn(&str) -> Option<String>) -> Option<(PathBuf, String)> {
    let file = crate::paths::aws_config_file().ok()?;
    let text = std::fs::read_to_string(&file).ok()?;
    let profile = env("AWS_PROFILE")
        .or_else(|| env("AWS_DEFAULT_PROFILE"))
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "default".into());
    let value = ini_value(&text, &profile, "ca_bundle")?;
    let path = match value
        .strip_prefix("~/")
        .or_else(|| value.strip_prefix("~\\"))
    {
        Some(rest) => crate::platform::dirs::home_dir()?.join(rest),
        None => PathBuf::from(&value),
    };
    Some((
        path,
        format!(
            "ca_bundle of profile '{profile}' in {}",
            crate::platform::dirs::shown(&file).display()
        ),
    ))
}

/// `key` of `profile` in an AWS config file's text (`[default]` or
/// `[profile NAME]`).
fn ini_value(text: &str, profile: &str, key: &str) -> Option<String> {
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let name = section.trim();
            let name = name.strip_prefix("profile ").map(str::trim).unwrap_or(name);
            inside = name == profile;
            continue;
        }
        if !inside || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some((k, v)) = line.split_once('=')
            && k.trim() == key
        {
            return Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_profiles_ca_bundle() {
        let text = "[default]\nregion = eu-west-1\nca_bundle = /etc/corp/ca.pem\n[profile work]\n  ca_bundle=~/work-ca.pem\n[sso-session x]\nca_bundle = nope\n";
        assert_eq!(
            ini_value(text, "default", "ca_bundle").as_deref(),
            Some("/etc/corp/ca.pem")
        );
        assert_eq!(
            ini_value(text, "work", "ca_bundle").as_deref(),
            Some("~/work-ca.pem")
        );
        assert_eq!(ini_value(text, "other", "ca_bundle"), None);
    }

    #[test]
    fn files_in_order_once_each() {
        let env = |k: &str| (k == "AWS_CA_BUNDLE").then(|| "/a.pem".to_owned());
        let files = ca_files(
            &env,
            Some(("/a.pem".into(), "profile".into())),
            Some("/b.pem"),
        );
        let shown: Vec<_> = files
            .iter()
            .map(|f| (f.path.display().to_string(), f.from.clone()))
            .collect();
        assert_eq!(
            shown,
            [
                ("/a.pem".to_owned(), "AWS_CA_BUNDLE".to_owned()),
                ("/b.pem".to_owned(), "Settings → Network".to_owned())
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_a_ca_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ca.pem");
        std::fs::write(&path, "not a certificate").unwrap();
        let f = CaFile {
            path: path.clone(),
            from: "AWS_CA_BUNDLE".into(),
        };
        let e = f.load().unwrap_err();
        assert_eq!(e.code(), "ca_file_unusable");
        assert!(e.to_string().contains("AWS_CA_BUNDLE"), "{e}");
        let missing = CaFile {
            path: dir.path().join("missing.pem"),
            from: "Settings → Network".into(),
        };
        assert_eq!(missing.load().unwrap_err().code(), "ca_file_unusable");
    }
}
