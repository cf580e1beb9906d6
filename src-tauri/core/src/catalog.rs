//! Adding, changing and removing sources and roles: the configuration and the
//! keychain change together, so a source never exists without its secret and
//! no secret or session outlives its source or role.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::keychain::Keychain;
use crate::model::{Role, Source};
use crate::paths::Paths;
use crate::secret::Sensitive;
use crate::signin::SigninSource;
use crate::sso::SsoSource;
use crate::validate;

/// Whether an add replaced something that was there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Updated,
    Unchanged,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Updated => "updated",
            Change::Unchanged => "unchanged",
        }
    }
}

/// Stores a source: its secret in the keychain first, then the rest in the
/// configuration. `replace` allows overwriting a source of the same name.
pub fn put_source(
    paths: &Paths,
    keychain: &Keychain,
    name: &str,
    source: Source,
    secret: &Sensitive<String>,
    replace: bool,
) -> Result<Change> {
    validate::name("source name", name)?;
    source.validate()?;
    validate::secret_access_key(secret.expose())?;
    let existing = Config::load(&paths.config_file)?.sources.get(name).cloned();
    if existing.is_some() && !replace {
        return Err(Error::AlreadyExists {
            kind: "source",
            name: name.to_owned(),
        });
    }
    let old_secret = keychain.source_secret(name)?;
    keychain.set_source_secret(name, secret)?;
    let change = Config::update(&paths.config_file, &paths.lock_dir, |c| {
        let previous = c.sources.insert(name.to_owned(), source.clone());
        Ok(match previous {
            None => Change::Added,
            Some(p) if p == source && old_secret.as_ref() == Some(secret) => Change::Unchanged,
            Some(_) => Change::Updated,
        })
    })?;
    if change != Change::Unchanged {
        // New keys: an MFA session made with the old ones is not theirs.
        keychain.delete_mfa_session(name)?;
    }
    Ok(change)
}

/// Removes a source that no role uses, with its secret and MFA session.
pub fn remove_source(paths: &Paths, keychain: &Keychain, name: &str) -> Result<()> {
    Config::update(&paths.config_file, &paths.lock_dir, |c| {
        c.source(name)?;
        let users = c.roles_using_source(name);
        if !users.is_empty() {
            return Err(Error::InUse(format!(
                "source '{name}' is used by role(s) {}: remove or change them first",
                users.join(", ")
            )));
        }
        c.sources.remove(name);
        Ok(())
    })?;
    keychain.delete_mfa_session(name)?;
    keychain.delete_source_secret(name)
}

/// Stores Identity Center sources found by an import, with one write: a
/// new one is added; one already there for the same portal gets the
/// favourites; a name taken by another portal is refused for that source.
/// Adds sign-in sources (an existing one of the same region is unchanged;
/// a name a source or role has already is refused).
pub fn put_signin_sources(
    paths: &Paths,
    sources: Vec<(String, SigninSource)>,
) -> Result<Vec<(String, Result<Change>)>> {
    if sources.is_empty() {
        return Ok(Vec::new());
    }
    Config::update(&paths.config_file, &paths.lock_dir, |c| {
        let mut out = Vec::new();
        for (name, source) in sources {
            let checked = validate::name("signin name", &name).and_then(|()| source.validate());
            let r = checked.and_then(|()| match c.signin.get(&name) {
                None if c.sources.contains_key(&name) || c.roles.contains_key(&name) => {
                    Err(Error::AlreadyExists {
                        kind: "source or role",
                        name: name.clone(),
                    })
                }
                None => {
                    c.signin.insert(name.clone(), source);
                    Ok(Change::Added)
                }
                Some(e) if *e == source => Ok(Change::Unchanged),
                Some(_) => Err(Error::AlreadyExists {
                    kind: "sign-in source (in another region)",
                    name: name.clone(),
                }),
            });
            out.push((name, r));
        }
        Ok(out)
    })
}

pub fn put_sso_sources(
    paths: &Paths,
    sources: Vec<(String, SsoSource)>,
) -> Result<Vec<(String, Result<Change>)>> {
    if sources.is_empty() {
        return Ok(Vec::new());
    }
    Config::update(&paths.config_file, &paths.lock_dir, |c| {
        let mut out = Vec::new();
        for (name, source) in sources {
            let checked = validate::name("sso name", &name).and_then(|()| source.validate());
            let r = checked.and_then(|()| match c.sso.get_mut(&name) {
                None if c.sources.contains_key(&name) => Err(Error::AlreadyExists {
                    kind: "source of keys",
                    name: name.clone(),
                }),
                None => {
                    c.sso.insert(name.clone(), source);
                    Ok(Change::Added)
                }
                Some(e) if e.start_url == source.start_url && e.region == source.region => {
                    let before = e.favourites.len();
                    for f in source.favourites {
                        if !e.favourites.contains(&f) {
                            e.favourites.push(f);
                        }
                    }
                    Ok(if e.favourites.len() == before {
                        Change::Unchanged
                    } else {
                        Change::Updated
                    })
                }
                Some(_) => Err(Error::invalid(
                    format!("sso '{name}'"),
                    "an Identity Center source of that name has another start URL or region",
                )),
            });
            out.push((name, r));
        }
        Ok(out)
    })
}

/// Stores a role after checking it and its references. `replace` allows
/// overwriting a role of the same name; its cached session is dropped then.
pub fn put_role(
    paths: &Paths,
    keychain: &Keychain,
    name: &str,
    role: Role,
    replace: bool,
) -> Result<Change> {
    validate::name("role name", name)?;
    role.validate()?;
    let change = Config::update(&paths.config_file, &paths.lock_dir, |c| {
        if c.roles.contains_key(name) && !replace {
            return Err(Error::AlreadyExists {
                kind: "role",
                name: name.to_owned(),
            });
        }
        let previous = c.put_role(name, role.clone())?;
        Ok(change_of(previous.as_ref(), &role))
    })?;
    if change == Change::Updated {
        keychain.delete_role_session(name)?;
    }
    Ok(change)
}

fn change_of(previous: Option<&Role>, role: &Role) -> Change {
    match previous {
        None => Change::Added,
        Some(p) if p == role => Change::Unchanged,
        Some(_) => Change::Updated,
    }
}

/// Stores many roles (replacing those of the same name) with one write of
/// the configuration: what `import` does. A role assumed through another
/// is stored after it, whatever the order given. Each is checked as
/// `put_role` checks it; one that fails is reported and left out.
pub fn put_roles(
    paths: &Paths,
    keychain: &Keychain,
    roles: Vec<(String, Role)>,
) -> Result<Vec<(String, Result<Change>)>> {
    let results = Config::update(&paths.config_file, &paths.lock_dir, |c| {
        let mut results = Vec::with_capacity(roles.len());
        let mut pending = roles;
        loop {
            let before = pending.len();
            let mut waiting = Vec::new();
            for (name, role) in pending {
                match c.put_role(&name, role.clone()) {
                    Err(Error::InvalidInput { ref message, .. })
                        if message.contains("there is no role named") =>
                    {
                        waiting.push((name, role));
                    }
                    r => results.push((name, r.map(|p| change_of(p.as_ref(), &role)))),
                }
            }
            if waiting.is_empty() || waiting.len() == before {
                for (name, role) in waiting {
                    let r = c.put_role(&name, role.clone());
                    results.push((name, r.map(|p| change_of(p.as_ref(), &role))));
                }
                return Ok(results);
            }
            pending = waiting;
        }
    })?;
    for (name, r) in &results {
        if matches!(r, Ok(Change::Updated)) {
            keychain.delete_role_session(name)?;
        }
    }
    Ok(results)
}

/// Removes a role no other role chains through, with its cached session.
pub fn remove_role(paths: &Paths, keychain: &Keychain, name: &str) -> Result<()> {
    Config::update(&paths.config_file, &paths.lock_dir, |c| {
        c.role(name)?;
        let users = c.roles_via(name);
        if !users.is_empty() {
            return Err(Error::InUse(format!(
                "role '{name}' is chained through by role(s) {}: remove or change them first",
                users.join(", ")
            )));
        }
        c.roles.remove(name);
        Ok(())
    })?;
    keychain.delete_role_session(name)
}
