//! Byte-preserving editor of the AWS shared credentials file (`~/.aws/credentials`).
//!
//! Only the credential lines of one profile change; every other byte (comments,
//! order, blank lines, other profiles, line endings) stays as it was. A file that
//! cannot be parsed is never written. The AWS config file, the same INI, is
//! edited once, by the same rules (`login_session`).

use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::files::{FileLock, create_private_dir, remove_stale_temps, write_atomically};
use lines::{Kind, Line, parse};
use std::fs;
use std::path::{Path, PathBuf};

mod lines;
mod login_session;
pub use login_session::{login_session_of, login_session_to_process};

/// The keys RoleTray owns in a profile; `aws_security_token` is the legacy name
/// of the session token and is only ever removed.
const CREDENTIAL_KEYS: [&str; 4] = [
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
];

/// What [`write_profile`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOutcome {
    /// The file actually written (symlinks resolved).
    pub path: PathBuf,
    /// True when this call kept the file's original bytes (in the keychain:
    /// see [`Original`]), which `roletray restore-credentials` puts back.
    pub backed_up: bool,
    /// True when the credentials file did not exist before.
    pub created: bool,
}

/// Where the original bytes of a credentials file go before RoleTray first
/// changes it: the keychain (the file holds long-lived keys more often than
/// not, so a plaintext copy beside it would be one more place they leak from).
pub trait Original {
    /// Keeps `bytes` as the original of `target`, unless one is kept already
    /// and `replace` is false. Returns whether it kept them.
    fn keep(&self, target: &Path, bytes: &[u8], replace: bool) -> Result<bool>;
}

/// How to write a profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Overwrite a profile that holds long-lived keys (a key pair with no
    /// session token): the user's own IAM user keys, as a rule.
    pub force: bool,
}

/// The file's bytes, and whether it is missing (then empty).
fn read(path: &Path) -> Result<(Vec<u8>, bool)> {
    match fs::read(path) {
        Ok(bytes) => Ok((bytes, false)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((Vec::new(), true)),
        Err(e) => Err(Error::io(format!("reading {}", path.display()), e)),
    }
}

fn utf8<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|e| Error::AwsFileInvalid {
        path: path.to_owned(),
        line: Some(bytes[..e.valid_up_to()].split(|&b| b == b'\n').count()),
        message: "the file is not valid UTF-8".into(),
    })
}

/// Checks that the file at `path` (if any) can be edited, before anything
/// else is spent on a write.
pub fn check_file(path: &Path) -> Result<()> {
    let (bytes, _) = read(path)?;
    check(utf8(&bytes, path)?, path)
}

/// Checks, before anything is spent on a write (an STS call), that `profile`
/// can be written into the file at `path`: the file parses, and the profile
/// holds no long-lived keys unless `force` says to overwrite them.
pub fn check_writable(path: &Path, profile: &str, options: WriteOptions) -> Result<()> {
    let target = resolve_symlink(path)?;
    let (bytes, _) = read(&target)?;
    let text = utf8(&bytes, &target)?;
    refuse_long_lived(text, profile, options, &target)
}

fn refuse_long_lived(text: &str, profile: &str, options: WriteOptions, path: &Path) -> Result<()> {
    let lines = parse(text, path)?;
    if !options.force && holds_long_lived_keys(&lines, profile) {
        return Err(Error::ProfileHoldsKeys {
            profile: profile.to_owned(),
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Whether a `[profile]` section has an access key pair and no session token.
fn holds_long_lived_keys(lines: &[Line<'_>], profile: &str) -> bool {
    let mut section = None;
    let (mut id, mut secret, mut token) = (false, false, false);
    for line in lines {
        match line.kind {
            Kind::Section(name) => section = Some(name),
            Kind::Key(key) if section == Some(profile) => {
                let key = key.to_ascii_lowercase();
                id |= key == CREDENTIAL_KEYS[0];
                secret |= key == CREDENTIAL_KEYS[1];
                token |= key == CREDENTIAL_KEYS[2] || key == CREDENTIAL_KEYS[3];
            }
            _ => {}
        }
    }
    id && secret && !token
}

/// Checks that `text` can be edited; the error names the line that cannot.
pub fn check(text: &str, path: &Path) -> Result<()> {
    parse(text, path).map(|_| ())
}

/// The key/value pairs to write, in file order.
fn wanted_keys(creds: &Credentials) -> Result<Vec<(&'static str, &str)>> {
    let secret = creds.secret_access_key.expose().as_str();
    let mut keys = vec![
        (CREDENTIAL_KEYS[0], creds.access_key_id.as_str()),
        (CREDENTIAL_KEYS[1], secret),
    ];
    if let Some(token) = &creds.session_token {
        keys.push((CREDENTIAL_KEYS[2], token.expose().as_str()));
    }
    if let Some((key, _)) = keys.iter().find(|(_, v)| v.contains(['\r', '\n'])) {
        return Err(Error::invalid(*key, "must not contain a line break"));
    }
    Ok(keys)
}

fn is_credential_key(key: &str) -> bool {
    CREDENTIAL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// Appends `key = value` lines for the keys not written yet, after making sure
/// `out` ends with a line terminator.
fn push_missing(out: &mut String, wanted: &[(&str, &str)], written: &mut [bool], eol: &str) {
    for ((key, value), done) in wanted.iter().zip(written.iter_mut()) {
        if *done {
            continue;
        }
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol);
        }
        out.push_str(&format!("{key} = {value}{eol}"));
        *done = true;
    }
}

/// Returns the new file text with profile `profile` holding exactly these keys.
///
/// The file is INI as botocore reads it (`[name]` sections, no `profile `
/// prefix). The first `[profile]` section gets its credential lines replaced
/// in place, stale ones (old session token, legacy `aws_security_token`,
/// duplicates) removed and missing ones inserted after its last key; later
/// duplicate sections lose their credential lines. Without such a section, one
/// is appended. Every other byte is kept. An unparseable `text` gives
/// [`Error::AwsFileInvalid`] naming `path_for_errors` and the 1-based line.
pub fn set_profile(
    text: &str,
    profile: &str,
    creds: &Credentials,
    path_for_errors: &Path,
) -> Result<String> {
    crate::validate::profile_name(profile)?;
    let wanted = wanted_keys(creds)?;
    let lines = parse(text, path_for_errors)?;
    // Lines end as the file's first line does; a new file's as the system's.
    let eol = match lines.iter().map(|l| l.eol).find(|e| !e.is_empty()) {
        Some("\r\n") => "\r\n",
        Some(_) => "\n",
        None => crate::platform::LINE_ENDING,
    };
    let mut written = vec![false; wanted.len()];
    let mut out = String::with_capacity(text.len() + 256);

    let Some(first) = lines.iter().position(|l| l.kind == Kind::Section(profile)) else {
        out.push_str(text);
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol);
        }
        if lines.last().is_some_and(|l| l.kind != Kind::Blank) {
            out.push_str(eol);
        }
        out.push_str(&format!("[{profile}]{eol}"));
        push_missing(&mut out, &wanted, &mut written, eol);
        return Ok(out);
    };
    let end = lines[first + 1..]
        .iter()
        .position(|l| matches!(l.kind, Kind::Section(_)))
        .map_or(lines.len(), |p| first + 1 + p);
    // Missing keys go after the section's last key or continuation line.
    let anchor = (first..end)
        .rev()
        .find(|&i| matches!(lines[i].kind, Kind::Key(_) | Kind::Continuation))
        .unwrap_or(first);

    let mut section: Option<&str> = None;
    let mut dropping_value = false;
    for (i, line) in lines.iter().enumerate() {
        match line.kind {
            Kind::Section(name) => {
                section = Some(name);
                dropping_value = false;
                out.push_str(line.content);
                out.push_str(line.eol);
            }
            Kind::Key(key) if section == Some(profile) && is_credential_key(key) => {
                // The old value (and its continuation lines) goes in every case.
                dropping_value = true;
                let slot = wanted.iter().position(|(k, _)| k.eq_ignore_ascii_case(key));
                if let Some(j) = slot.filter(|&j| i < end && !written[j]) {
                    written[j] = true;
                    // Keep the original `key = ` spelling, replace only the value.
                    let eq = line.content.find('=').map_or(0, |e| e + 1);
                    let (head, rest) = line.content.split_at(eq);
                    let gap = &rest[..rest.len() - rest.trim_start().len()];
                    let spaced = head.trim_end_matches('=').ends_with([' ', '\t']);
                    out.push_str(head);
                    out.push_str(if gap.is_empty() && spaced { " " } else { gap });
                    out.push_str(wanted[j].1);
                    out.push_str(line.eol);
                }
            }
            Kind::Continuation if dropping_value => {}
            kind => {
                if matches!(kind, Kind::Key(_)) {
                    dropping_value = false;
                }
                out.push_str(line.content);
                out.push_str(line.eol);
            }
        }
        if i == anchor {
            push_missing(&mut out, &wanted, &mut written, eol);
        }
    }
    Ok(out)
}

/// Writes `creds` as profile `profile` into the credentials file at `path`.
///
/// A symlinked `path` is followed (the link stays). Writers are serialised by an
/// exclusive lock on `lock_dir/credfile-<hash>.lock`. Before the first change
/// to an existing file, its original bytes go to `original` (the keychain);
/// a `<file>.roletray-backup` left by an older RoleTray is moved there too,
/// then deleted. The new text replaces the file atomically (temp file, fsync,
/// rename, fsync of the directory) with mode 0600. A file that cannot be
/// parsed, or whose profile holds long-lived keys (unless `options.force`),
/// is left untouched.
pub fn write_profile(
    path: &Path,
    profile: &str,
    creds: &Credentials,
    lock_dir: &Path,
    options: WriteOptions,
    original: &dyn Original,
) -> Result<WriteOutcome> {
    let target = target_of(path)?;
    let lock = FileLock::acquire(lock_dir, &format!("credfile-{}", short_hash(&target)))?;

    let (bytes, created) = read(&target)?;
    let text = utf8(&bytes, &target)?;
    refuse_long_lived(text, profile, options, &target)?;
    let new_text = set_profile(text, profile, creds, &target)?;

    let legacy = legacy_backup(&target);
    let backed_up = match read_legacy(&legacy)? {
        // The older RoleTray's copy is the true original: it wins.
        Some(old) => original.keep(&target, &old, true)?,
        None if created => false,
        None => original.keep(&target, &bytes, false)?,
    };
    remove_stale_temps(&target);
    write_atomically(&target, new_text.as_bytes(), 0o600)?;
    remove_legacy(&legacy)?;
    drop(lock);
    Ok(WriteOutcome {
        path: target,
        backed_up,
        created,
    })
}

/// Puts `bytes` (the original kept by [`write_profile`]) back as the
/// credentials file at `path`, atomically, under the writers' lock. Returns
/// the file written (symlinks resolved).
pub fn restore(path: &Path, bytes: &[u8], lock_dir: &Path) -> Result<PathBuf> {
    let target = target_of(path)?;
    let _lock = FileLock::acquire(lock_dir, &format!("credfile-{}", short_hash(&target)))?;
    remove_stale_temps(&target);
    write_atomically(&target, bytes, 0o600)?;
    remove_legacy(&legacy_backup(&target))?;
    Ok(target)
}

/// The file `path` names, symlinks resolved, in a directory that exists.
pub fn target_of(path: &Path) -> Result<PathBuf> {
    let resolved = resolve_symlink(path)?;
    let name = resolved
        .file_name()
        .ok_or_else(|| Error::invalid("path", format!("{} is not a file path", path.display())))?;
    let parent = match resolved.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    create_private_dir(parent)?;
    let dir = crate::platform::dirs::canonical(parent)
        .map_err(|e| Error::io(format!("resolving {}", parent.display()), e))?;
    Ok(dir.join(name))
}

/// The trimmed value of `key` in the first `[profile]` section of `text`.
pub fn value_of(text: &str, profile: &str, key: &str, path: &Path) -> Result<Option<String>> {
    lines::first_value(text, path, key, |section| section == profile)
}

/// `text` without the long-lived key lines (`aws_access_key_id`,
/// `aws_secret_access_key`, their continuation lines) of every `[profile]`
/// section; every other byte stays, the `[profile]` header included.
pub fn without_keys(text: &str, profile: &str, path: &Path) -> Result<String> {
    let lines = parse(text, path)?;
    let mut out = String::with_capacity(text.len());
    let mut section = None;
    let mut dropping = false;
    for line in &lines {
        match line.kind {
            Kind::Section(name) => {
                section = Some(name);
                dropping = false;
            }
            Kind::Key(key) => {
                dropping = section == Some(profile)
                    && CREDENTIAL_KEYS[..2]
                        .iter()
                        .any(|k| k.eq_ignore_ascii_case(key));
            }
            Kind::Continuation => {}
            Kind::Blank | Kind::Comment => dropping = false,
        }
        if !dropping {
            out.push_str(line.content);
            out.push_str(line.eol);
        }
    }
    Ok(out)
}

/// Changes the credentials file at `path` with `edit` (given its text; `None`
/// leaves it alone), under the writers' lock, keeping its original first
/// (as [`write_profile`] does). Returns the file written, if it was.
pub fn edit(
    path: &Path,
    lock_dir: &Path,
    original: &dyn Original,
    edit: impl FnOnce(&str, &Path) -> Result<Option<String>>,
) -> Result<Option<PathBuf>> {
    let target = target_of(path)?;
    let _lock = FileLock::acquire(lock_dir, &format!("credfile-{}", short_hash(&target)))?;
    let (bytes, created) = read(&target)?;
    if created {
        return Ok(None);
    }
    let text = utf8(&bytes, &target)?;
    let Some(new_text) = edit(text, &target)? else {
        return Ok(None);
    };
    let legacy = legacy_backup(&target);
    match read_legacy(&legacy)? {
        Some(old) => original.keep(&target, &old, true)?,
        None => original.keep(&target, &bytes, false)?,
    };
    remove_stale_temps(&target);
    write_atomically(&target, new_text.as_bytes(), 0o600)?;
    remove_legacy(&legacy)?;
    Ok(Some(target))
}

/// The file a symlinked `path` points to (even a dangling one), else `path`.
fn resolve_symlink(path: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            if let Ok(real) = crate::platform::dirs::canonical(path) {
                return Ok(real);
            }
            let link = fs::read_link(path)
                .map_err(|e| Error::io(format!("reading link {}", path.display()), e))?;
            Ok(path.parent().map_or(link.clone(), |dir| dir.join(&link)))
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// First 16 hex characters of the SHA-256 of the path.
fn short_hash(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(path.as_os_str().as_encoded_bytes());
    digest[..8].iter().fold(String::new(), |mut s, b| {
        s.push_str(&format!("{b:02x}"));
        s
    })
}

/// `<target>.roletray-backup`: where RoleTray before 0.2 kept the original,
/// in plaintext.
fn legacy_backup(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(".roletray-backup");
    PathBuf::from(name)
}

fn read_legacy(legacy: &Path) -> Result<Option<Vec<u8>>> {
    match fs::symlink_metadata(legacy) {
        Ok(meta) if meta.is_file() => fs::read(legacy)
            .map(Some)
            .map_err(|e| Error::io(format!("reading {}", legacy.display()), e)),
        _ => Ok(None),
    }
}

fn remove_legacy(legacy: &Path) -> Result<()> {
    match fs::symlink_metadata(legacy) {
        Ok(meta) if meta.is_file() => fs::remove_file(legacy)
            .map_err(|e| Error::io(format!("removing {}", legacy.display()), e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
