//! `import --remove-keys` for `aws login` profiles: the AWS CLI's sign-in
//! (its refresh token and DPoP key, in a plaintext cache file) moves into
//! the keychain, the profile is switched to `credential_process = roletray
//! credential-process NAME` (every other byte of the config file kept, its
//! original kept in the keychain), and the cache file is deleted. One
//! rotating refresh token cannot serve two programs, so RoleTray takes it
//! over whole or not at all.
//!
//! The order keeps a sign-in usable at every step: the keychain first (read
//! back), then the config file (the keychain's copy is dropped again if the
//! file cannot be changed, leaving the AWS CLI its own), then the cache file.

use super::imported::Imported;
use crate::credentials_file::{self, login_session_of, login_session_to_process};
use crate::error::{Error, Result};
use crate::files::FileLock;
use crate::keychain::Keychain;
use crate::paths::{self, Paths};
use crate::secret::Sensitive;
use crate::signin::aws_cli_cache;
use crate::signin::state::SignedIn;
use std::path::Path;
use time::OffsetDateTime;

/// Marks the report's sign-in sources whose sessions the AWS CLI holds (a
/// cache file for their profile's `login_session` in `config_file`) as
/// removable, and says how to take them over.
pub fn offer_takeovers(report: &mut [Imported], config_file: &Path) {
    let Ok(text) = std::fs::read_to_string(config_file) else {
        return;
    };
    let Ok(dir) = paths::aws_login_cache_dir() else {
        return;
    };
    let cached = |name: &str| {
        login_session_of(&text, name, config_file)
            .ok()
            .flatten()
            .is_some_and(|session| aws_cli_cache::cache_file(&dir, &session).is_file())
    };
    for item in report.iter_mut().filter(|i| i.kind == "signin") {
        if !item.outcome.starts_with("skipped") && cached(&item.name) {
            item.removable = true;
            item.outcome = format!(
                "{}; the AWS CLI is signed in and keeps its session (`roletray import --remove-keys` moves it into the keychain)",
                item.outcome
            );
        }
    }
}

/// Takes over the AWS CLI's sign-ins of the sign-in sources `names`
/// (profiles of `config_file`); `cli` is how the profile is to start
/// RoleTray. Each gets a line of the report; a keychain that cannot be
/// used stops it.
pub fn take_over(
    names: &[String],
    config_file: &Path,
    cli: &str,
    paths: &Paths,
    keychain: &Keychain,
) -> Result<Vec<Imported>> {
    let config = crate::config::Config::load(&paths.config_file)?;
    let mut report = Vec::new();
    for name in names {
        let Ok(source) = config.signin_source(name) else {
            continue;
        };
        let outcome = match take_over_one(name, &source.region, config_file, cli, paths, keychain) {
            Ok(done) => done,
            Err(e @ (Error::KeychainLocked(_) | Error::KeychainUnavailable(_))) => return Err(e),
            Err(e) => format!("skipped: {e}"),
        };
        report.push(Imported {
            kind: "signin",
            name: name.clone(),
            outcome,
            removable: false,
        });
    }
    Ok(report)
}

fn take_over_one(
    name: &str,
    region: &str,
    config_file: &Path,
    cli: &str,
    paths: &Paths,
    keychain: &Keychain,
) -> Result<String> {
    let text = std::fs::read_to_string(config_file)
        .map_err(|e| Error::io(format!("reading {}", config_file.display()), e))?;
    let Some(session) = login_session_of(&text, name, config_file)? else {
        return Ok(format!(
            "nothing to take over: the profile has no login_session in {}",
            config_file.display()
        ));
    };
    let cache = aws_cli_cache::cache_file(&paths::aws_login_cache_dir()?, &session);
    let read = |path: &Path| -> Result<Option<SignedIn>> {
        match std::fs::read_to_string(path) {
            Ok(t) => {
                aws_cli_cache::signed_in_from(&Sensitive::new(t), &session, region, path).map(Some)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(format!("reading {}", path.display()), e)),
        }
    };
    let Some(theirs) = read(&cache)? else {
        return Ok(
            "nothing to take over: the AWS CLI is not signed in (sign in with `roletray signin login`)"
                .into(),
        );
    };
    let now = OffsetDateTime::now_utc();
    if theirs.sign_in_ends() <= now {
        return Ok(format!(
            "nothing to take over: the AWS CLI's sign-in has ended; sign in with `roletray signin login {name}`"
        ));
    }
    // One refresher of this sign-in at a time, RoleTray's processes included.
    let _lock = FileLock::acquire(&paths.lock_dir, &format!("signin-{name}"))?;
    let ours = keychain
        .signin(name)?
        .map(|t| SignedIn::from_json(&t))
        .transpose()?
        .filter(|s| s.region == region && s.sign_in_ends() > now);
    let stored = match &ours {
        Some(s) if s.identity_arn != theirs.identity_arn => {
            return Err(Error::InUse(format!(
                "RoleTray is signed in to '{name}' as {}: sign out first (`roletray signin logout {name}`)",
                s.identity_arn
            )));
        }
        // RoleTray's own sign-in of the same identity stays; the AWS CLI's
        // copy goes.
        Some(_) => false,
        None => {
            store_checked(keychain, name, &theirs)?;
            true
        }
    };
    let switched = credentials_file::edit(config_file, &paths.lock_dir, keychain, |text, path| {
        login_session_to_process(
            text,
            name,
            &format!("{cli} credential-process {name}"),
            path,
        )
    });
    match switched {
        Ok(Some(_)) => {}
        other => {
            if stored {
                keychain.delete_signin(name)?;
            }
            other?;
            return Ok("skipped: the profile changed while it was taken over".into());
        }
    }
    // The AWS CLI may have refreshed in between: its newer token is the one.
    if stored
        && let Some(newer) = read(&cache)?
        && newer.refresh_token != theirs.refresh_token
    {
        store_checked(keychain, name, &newer)?;
    }
    std::fs::remove_file(&cache)
        .or_else(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Ok(()),
            _ => Err(e),
        })
        .map_err(|e| Error::io(format!("removing {}", cache.display()), e))?;
    Ok(format!(
        "taken over from the AWS CLI: signed in as {}; {} now runs `roletray credential-process {name}` (its original is kept: `roletray restore-credentials --config`), and {} is deleted",
        theirs.identity_arn,
        config_file.display(),
        cache.display()
    ))
}

/// Keeps `signed` as `name`'s sign-in and reads it back.
fn store_checked(keychain: &Keychain, name: &str, signed: &SignedIn) -> Result<()> {
    keychain.set_signin(name, &signed.to_json()?)?;
    let back = keychain
        .signin(name)?
        .map(|t| SignedIn::from_json(&t))
        .transpose()?;
    match back {
        Some(b) if b.refresh_token == signed.refresh_token && b.dpop_key == signed.dpop_key => {
            Ok(())
        }
        _ => Err(Error::Keychain(format!(
            "the sign-in of '{name}' did not read back from the keychain"
        ))),
    }
}
