//! `config.toml`: sources, roles and settings (never a secret). Read whole,
//! changed under a lock, written atomically; a file that cannot be parsed is
//! reported with its line and never overwritten.

use crate::error::{Error, Result};
use crate::files::{FileLock, remove_stale_temps, write_atomically};
use crate::model::{Parent, Role, Settings, Source};
use crate::signin::SigninSource;
use crate::sso::{SsoSource, SsoTarget};
use crate::validate;
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub settings: Settings,
    pub sources: BTreeMap<String, Source>,
    /// Identity Center sources (`[sso.NAME]`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub sso: BTreeMap<String, SsoSource>,
    /// AWS Sign-In sources (`[signin.NAME]`): each name is also its
    /// signed-in identity's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub signin: BTreeMap<String, SigninSource>,
    /// The roles of the file, and (in the service's reading) the roles the
    /// Identity Center sources listed, which are never written back.
    #[serde(serialize_with = "file_roles")]
    pub roles: BTreeMap<String, Role>,
}

/// Where a chain of roles starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// A source's long-lived keys assume the first role.
    Source(String),
    /// The first role is an Identity Center role (the chain's first name).
    Sso(SsoTarget),
    /// The chain's first name is the identity signed in to this AWS
    /// Sign-In source.
    Signin(String),
}

/// Writes the file's own roles only.
fn file_roles<S: Serializer>(roles: &BTreeMap<String, Role>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(roles.iter().filter(|(_, r)| r.sso.is_none()))
}

impl Config {
    /// Reads the configuration; a missing file is an empty configuration.
    pub fn load(path: &Path) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
        };
        Config::parse(&text, path)
    }

    /// Parses TOML text; errors name the line. References and rules are checked too.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| Error::ConfigInvalid {
            path: path.to_owned(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().trim().to_owned(),
        })?;
        config.validate().map_err(|e| Error::ConfigInvalid {
            path: path.to_owned(),
            line: None,
            message: e.to_string(),
        })?;
        Ok(config)
    }

    /// Runs `change` on the current file's contents under a lock and saves the
    /// result atomically, so two processes changing the configuration at once
    /// both keep their change. Nothing is written when `change` fails.
    pub fn update<T>(
        path: &Path,
        lock_dir: &Path,
        change: impl FnOnce(&mut Config) -> Result<T>,
    ) -> Result<T> {
        let _lock = FileLock::acquire(lock_dir, "config")?;
        let mut config = Config::load(path)?;
        let out = change(&mut config)?;
        config.validate()?;
        let text = toml::to_string_pretty(&config)
            .map_err(|e| Error::invalid("config", format!("cannot be written: {e}")))?;
        remove_stale_temps(path);
        write_atomically(path, text.as_bytes(), 0o600)?;
        Ok(out)
    }

    /// Checks every source and role, their references, and that no chain loops.
    pub fn validate(&self) -> Result<()> {
        for (name, source) in &self.sources {
            validate::name("source name", name)?;
            source.validate().map_err(|e| in_item("source", name, e))?;
        }
        for (name, sso) in &self.sso {
            validate::name("sso name", name)?;
            sso.validate().map_err(|e| in_item("sso", name, e))?;
            if self.sources.contains_key(name) {
                return Err(Error::invalid(
                    format!("sso '{name}'"),
                    "a source of keys has the same name: give one of them another",
                ));
            }
        }
        for (name, signin) in &self.signin {
            validate::name("signin name", name)?;
            signin.validate().map_err(|e| in_item("signin", name, e))?;
            if self.sources.contains_key(name)
                || self.sso.contains_key(name)
                || self.roles.contains_key(name)
            {
                return Err(Error::invalid(
                    format!("signin '{name}'"),
                    "a source or role has the same name (a sign-in's name is its identity's): give one of them another",
                ));
            }
        }
        for (name, role) in &self.roles {
            if role.sso.is_none() {
                self.check_role(name, role)?;
            }
        }
        Ok(())
    }

    /// The AWS Sign-In source `name`.
    pub fn signin_source(&self, name: &str) -> Result<&SigninSource> {
        self.signin.get(name).ok_or_else(|| Error::NotFound {
            kind: "AWS Sign-In source",
            name: name.to_owned(),
        })
    }

    /// Where `role` takes its credentials from, in this configuration: a
    /// role whose source is a sign-in is assumed with the signed-in
    /// identity's credentials (as if chained through it).
    pub fn parent_of(&self, role: &Role) -> Result<Parent> {
        match role.parent()? {
            Parent::Source(s) if self.signin.contains_key(&s) => Ok(Parent::Role(s)),
            other => Ok(other),
        }
    }

    /// The Identity Center source `name`.
    pub fn sso_source(&self, name: &str) -> Result<&SsoSource> {
        self.sso.get(name).ok_or_else(|| Error::NotFound {
            kind: "Identity Center source",
            name: name.to_owned(),
        })
    }

    /// The Identity Center role a name of the `SSO/ACCOUNT/ROLE` form names,
    /// when its source is configured.
    pub fn sso_target(&self, name: &str) -> Option<SsoTarget> {
        SsoTarget::parse(name).filter(|t| self.sso.contains_key(&t.sso))
    }

    /// The role `name`: one of the file, one an Identity Center source
    /// listed, or an Identity Center role named by its parts (not listed
    /// yet: its source was not signed in to, or not lately).
    pub fn resolve(&self, name: &str) -> Result<Cow<'_, Role>> {
        if let Some(r) = self.roles.get(name) {
            return Ok(Cow::Borrowed(r));
        }
        if self.signin.contains_key(name) {
            return Ok(Cow::Owned(Role::from_signin(name)));
        }
        match self.sso_target(name) {
            Some(t) => Ok(Cow::Owned(Role::from_sso(t, "", false))),
            None => self.role(name).map(Cow::Borrowed),
        }
    }

    /// Adds the roles an Identity Center source listed.
    pub fn add_sso_roles(&mut self, roles: Vec<(String, Role)>) {
        for (name, role) in roles {
            self.roles.entry(name).or_insert(role);
        }
    }

    /// Checks one role of this configuration: its fields, what it is
    /// assumed from, and that its chain does not loop.
    fn check_role(&self, name: &str, role: &Role) -> Result<()> {
        validate::name("role name", name)?;
        role.validate().map_err(|e| in_item("role", name, e))?;
        match self.parent_of(role)? {
            Parent::Source(s) if !self.sources.contains_key(&s) => {
                return Err(Error::invalid(
                    format!("role '{name}' source"),
                    format!("there is no source named '{s}'"),
                ));
            }
            Parent::Role(r)
                if !self.roles.contains_key(&r)
                    && self.sso_target(&r).is_none()
                    && !self.signin.contains_key(&r) =>
            {
                return Err(Error::invalid(
                    format!("role '{name}' via"),
                    format!("there is no role named '{r}'"),
                ));
            }
            Parent::Sso(t) if !self.sso.contains_key(&t.sso) => {
                return Err(Error::invalid(
                    format!("role '{name}'"),
                    format!("there is no Identity Center source named '{}'", t.sso),
                ));
            }
            _ => {}
        }
        self.chain(name)?;
        Ok(())
    }

    /// Adds or replaces one role after checking it against the rest (a loop
    /// through it included); on an error the configuration is as it was.
    /// Checks only this role, so many can be added in one update.
    pub fn put_role(&mut self, name: &str, role: Role) -> Result<Option<Role>> {
        validate::name("role name", name)?;
        role.validate()?;
        let previous = self.roles.insert(name.to_owned(), role.clone());
        if let Err(e) = self.check_role(name, &role) {
            match &previous {
                Some(p) => self.roles.insert(name.to_owned(), p.clone()),
                None => self.roles.remove(name),
            };
            return Err(e);
        }
        Ok(previous)
    }

    pub fn role(&self, name: &str) -> Result<&Role> {
        self.roles.get(name).ok_or_else(|| Error::NotFound {
            kind: "role",
            name: name.to_owned(),
        })
    }

    pub fn source(&self, name: &str) -> Result<&Source> {
        self.sources.get(name).ok_or_else(|| Error::NotFound {
            kind: "source",
            name: name.to_owned(),
        })
    }

    /// The roles from the first one (assumed with a source's keys, or an
    /// Identity Center role) down to `role`, and where the chain starts.
    /// A loop is an error.
    pub fn chain(&self, role: &str) -> Result<(Start, Vec<String>)> {
        let mut chain = vec![role.to_owned()];
        let mut current = role.to_owned();
        loop {
            let role = self.resolve(&current)?;
            match self.parent_of(&role)? {
                Parent::Signin(name) => {
                    chain.reverse();
                    return Ok((Start::Signin(name), chain));
                }
                Parent::Source(source) => {
                    chain.reverse();
                    return Ok((Start::Source(source), chain));
                }
                Parent::Sso(target) => {
                    chain.reverse();
                    return Ok((Start::Sso(target), chain));
                }
                Parent::Role(parent) => {
                    if chain.contains(&parent) {
                        chain.push(parent);
                        return Err(Error::invalid(
                            "via",
                            format!("role chain loops: {}", chain.join(" -> ")),
                        ));
                    }
                    chain.push(parent.clone());
                    current = parent;
                }
            }
        }
    }

    /// The region a session of `role` is exported with: the role's own, else
    /// the nearest one up its chain, else its source's (what
    /// `SessionManager` gives the session, without assuming anything).
    pub fn region_of(&self, role: &str) -> Result<Option<String>> {
        let (start, chain) = self.chain(role)?;
        for name in chain.iter().rev() {
            if let Some(r) = &self.resolve(name)?.region {
                return Ok(Some(r.clone()));
            }
        }
        match start {
            Start::Source(source) => Ok(self.source(&source)?.region.clone()),
            // Identity Center's own region says nothing of the workloads'.
            Start::Sso(_) => Ok(None),
            // A sign-in's is the one the person signed in to.
            Start::Signin(name) => Ok(Some(self.signin_source(&name)?.region.clone())),
        }
    }

    /// The environment label of `role` (its own: a role chained through a
    /// production role is labelled by what it is, not what it came through).
    pub fn environment_of(&self, role: &str) -> Option<String> {
        self.resolve(role).ok().and_then(|r| r.environment.clone())
    }

    /// What `role` is, for binding endpoint tokens to it: its ARN and where
    /// its credentials come from (the source and its key, the roles up its
    /// chain). A role removed and added again with another ARN, source or
    /// parent is another identity, and earlier tokens no longer open it.
    pub fn identity(&self, role: &str) -> Result<String> {
        let (start, chain) = self.chain(role)?;
        let mut out = match start {
            Start::Source(source) => {
                format!("source {source} {}", self.source(&source)?.access_key_id)
            }
            Start::Sso(t) => format!("sso {} {}", t.sso, self.sso_source(&t.sso)?.start_url),
            Start::Signin(name) => {
                format!("signin {name} {}", self.signin_source(&name)?.region)
            }
        };
        for name in &chain {
            out.push_str(&format!("\nrole {name} {}", self.resolve(name)?.role_arn));
        }
        Ok(out)
    }

    /// Whether a session of `role` may need a code from an MFA device: MFA
    /// applies where its chain starts (the source, or the first role).
    pub fn needs_mfa(&self, role: &str) -> Result<bool> {
        let (start, chain) = self.chain(role)?;
        let Start::Source(source) = start else {
            // Identity Center asks for MFA at sign-in, in the browser.
            return Ok(false);
        };
        let first = chain.first().map(|r| self.resolve(r)).transpose()?;
        Ok(self.source(&source)?.mfa_serial.is_some()
            || first.is_some_and(|r| r.mfa_serial.is_some()))
    }

    /// The roles that take their credentials from `source`.
    pub fn roles_using_source(&self, source: &str) -> Vec<&str> {
        self.roles
            .iter()
            .filter(|(_, r)| r.source.as_deref() == Some(source))
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// The roles that chain through `role`.
    pub fn roles_via(&self, role: &str) -> Vec<&str> {
        self.roles
            .iter()
            .filter(|(_, r)| r.via.as_deref() == Some(role))
            .map(|(n, _)| n.as_str())
            .collect()
    }
}

fn in_item(kind: &str, name: &str, e: Error) -> Error {
    match e {
        Error::InvalidInput { field, message } => {
            Error::invalid(format!("{kind} '{name}' {field}"), message)
        }
        other => other,
    }
}

/// 1-based line number of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[settings]
min_ttl_seconds = 120

[sources.me]
access_key_id = "AKIAIOSFODNN7EXAMPLE"

[roles.dev]
role_arn = "arn:aws:iam::123456789012:role/dev"
source = "me"

[roles.prod]
role_arn = "arn:aws:iam::123456789012:role/prod"
via = "dev"
"#;

    #[test]
    fn parses_and_resolves_chains() {
        let c = Config::parse(SAMPLE, Path::new("c.toml")).unwrap();
        assert_eq!(c.settings.min_ttl_seconds, 120);
        assert_eq!(c.settings.notify_before_seconds, 600);
        let (start, chain) = c.chain("prod").unwrap();
        assert_eq!(start, Start::Source("me".into()));
        assert_eq!(chain, ["dev", "prod"]);
    }

    #[test]
    fn region_comes_from_the_nearest_link_of_the_chain() {
        let mut c = Config::parse(SAMPLE, Path::new("c.toml")).unwrap();
        assert_eq!(c.region_of("prod").unwrap(), None);
        c.sources.get_mut("me").unwrap().region = Some("eu-west-1".into());
        assert_eq!(c.region_of("prod").unwrap().as_deref(), Some("eu-west-1"));
        c.roles.get_mut("dev").unwrap().region = Some("us-west-2".into());
        assert_eq!(c.region_of("prod").unwrap().as_deref(), Some("us-west-2"));
        assert_eq!(c.region_of("nobody").unwrap_err().code(), "not_found");
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let text = "[settings]\nmin_ttl_seconds = 1\n\n[roles.x\n";
        match Config::parse(text, Path::new("c.toml")) {
            Err(Error::ConfigInvalid { line, .. }) => assert_eq!(line, Some(4)),
            other => panic!("{other:?}"),
        }
        let text = "[settings]\nno_such_setting = 1\n";
        match Config::parse(text, Path::new("c.toml")) {
            Err(Error::ConfigInvalid { line, message, .. }) => {
                assert_eq!(line, Some(2));
                assert!(message.contains("no_such_setting"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn loops_and_dangling_references_are_rejected() {
        let looped = SAMPLE.replace("source = \"me\"", "via = \"prod\"");
        let err = Config::parse(&looped, Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("loops"), "{err}");
        let dangling = SAMPLE.replace("source = \"me\"", "source = \"nobody\"");
        let err = Config::parse(&dangling, Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("nobody"), "{err}");
    }

    #[test]
    fn update_keeps_an_unparseable_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "this is = = not toml").unwrap();
        let r = Config::update(&path, &dir.path().join("locks"), |c| {
            c.settings.auto_renew = true;
            Ok(())
        });
        assert_eq!(r.unwrap_err().code(), "config_invalid");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "this is = = not toml"
        );
    }

    #[test]
    fn update_writes_and_reloads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        Config::update(&path, &dir.path().join("locks"), |c| {
            c.settings.min_ttl_seconds = 60;
            Ok(())
        })
        .unwrap();
        assert_eq!(Config::load(&path).unwrap().settings.min_ttl_seconds, 60);
    }
}
