//! Byte-preserving editor of the AWS shared credentials file (`~/.aws/credentials`).
//!
//! Only the credential lines of one profile change; every other byte (comments,
//! order, blank lines, other profiles, line endings) stays as it was. A file that
//! cannot be parsed is never written.

use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::files::{FileLock, create_private_dir, remove_stale_temps, write_atomically, write_new};
use std::fs;
use std::path::{Path, PathBuf};

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
    /// The backup of the original bytes, when it was created by this call.
    pub backup: Option<PathBuf>,
    /// True when the credentials file did not exist before.
    pub created: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind<'a> {
    Blank,
    Comment,
    /// A `[name]` header, with the trimmed name.
    Section(&'a str),
    /// A `key = value` line, with the trimmed key.
    Key(&'a str),
    /// An indented line that continues the previous key's value.
    Continuation,
}

/// One line of the file: its text without terminator, and the terminator.
struct Line<'a> {
    content: &'a str,
    eol: &'a str,
    kind: Kind<'a>,
}

/// Splits `text` into classified lines, or says which line is not INI.
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

/// Checks that `text` can be edited; the error names the line that cannot.
pub fn check(text: &str, path: &Path) -> Result<()> {
    parse(text, path).map(|_| ())
}

fn parse<'a>(text: &'a str, path: &Path) -> Result<Vec<Line<'a>>> {
    let mut lines = Vec::new();
    let mut in_section = false;
    // Indentation of the last key line of the current section (configparser's rule:
    // a line indented deeper than its key continues that key's value).
    let mut key_indent: Option<usize> = None;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        let content = raw
            .strip_suffix("\r\n")
            .or_else(|| raw.strip_suffix('\n'))
            .unwrap_or(raw);
        let eol = &raw[content.len()..];
        let trimmed = content.trim();
        let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
        let fail = |message: &str| Error::AwsFileInvalid {
            path: path.to_path_buf(),
            line: Some(index + 1),
            message: message.to_owned(),
        };
        let kind = if trimmed.is_empty() {
            Kind::Blank
        } else if trimmed.starts_with(['#', ';']) {
            Kind::Comment
        } else if key_indent.is_some_and(|k| indent > k) {
            Kind::Continuation
        } else if let Some(rest) = trimmed.strip_prefix('[') {
            let (name, after) = rest
                .split_once(']')
                .ok_or_else(|| fail("unclosed `[`: expected a [section] header"))?;
            let after = after.trim_start();
            if !after.is_empty() && !after.starts_with(['#', ';']) {
                return Err(fail("unexpected text after the [section] header"));
            }
            in_section = true;
            key_indent = None;
            Kind::Section(name.trim())
        } else if let Some((key, _)) = trimmed.split_once('=') {
            if !in_section {
                return Err(fail("`key = value` before any [section] header"));
            }
            if key.trim().is_empty() {
                return Err(fail("missing key before `=`"));
            }
            key_indent = Some(indent);
            Kind::Key(key.trim())
        } else {
            return Err(fail("expected `key = value`, a [section] or a comment"));
        };
        lines.push(Line { content, eol, kind });
    }
    Ok(lines)
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
    let eol = match lines.iter().map(|l| l.eol).find(|e| !e.is_empty()) {
        Some("\r\n") => "\r\n",
        _ => "\n",
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
/// exclusive lock on `lock_dir/credfile-<hash>.lock`. The first write to an
/// existing file keeps its original bytes in `<file>.roletray-backup`. The new
/// text replaces the file atomically (temp file, fsync, rename, fsync of the
/// directory) with mode 0600. A file that cannot be parsed is left untouched.
pub fn write_profile(
    path: &Path,
    profile: &str,
    creds: &Credentials,
    lock_dir: &Path,
) -> Result<WriteOutcome> {
    let resolved = resolve_symlink(path)?;
    let name = resolved
        .file_name()
        .ok_or_else(|| Error::invalid("path", format!("{} is not a file path", path.display())))?;
    let parent = match resolved.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    create_private_dir(parent)?;
    let dir = fs::canonicalize(parent)
        .map_err(|e| Error::io(format!("resolving {}", parent.display()), e))?;
    let target = dir.join(name);

    let lock = FileLock::acquire(lock_dir, &format!("credfile-{}", short_hash(&target)))?;

    let (original, created) = read(&target)?;
    let text = utf8(&original, &target)?;
    let new_text = set_profile(text, profile, creds, &target)?;

    let backup = if created {
        None
    } else {
        make_backup(&target, &original)?
    };
    remove_stale_temps(&target);
    write_atomically(&target, new_text.as_bytes(), 0o600)?;
    drop(lock);
    Ok(WriteOutcome {
        path: target,
        backup,
        created,
    })
}

/// The file a symlinked `path` points to (even a dangling one), else `path`.
fn resolve_symlink(path: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            if let Ok(real) = fs::canonicalize(path) {
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

/// Saves `original` as `<target>.roletray-backup` unless a backup already exists.
fn make_backup(target: &Path, original: &[u8]) -> Result<Option<PathBuf>> {
    let mut name = target.as_os_str().to_owned();
    name.push(".roletray-backup");
    let backup = PathBuf::from(name);
    if fs::symlink_metadata(&backup).is_ok() {
        return Ok(None);
    }
    match write_new(&backup, original, 0o600)? {
        true => Ok(Some(backup)),
        false => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Sensitive;

    fn creds(key: &str, token: Option<&str>) -> Credentials {
        let secret = format!("{key}-secret").into();
        let session_token = token.map(Sensitive::from);
        Credentials {
            access_key_id: key.into(),
            secret_access_key: secret,
            session_token,
        }
    }

    /// The credentials most tests write: `NEW` with a session token `TOK`.
    fn full() -> Credentials {
        creds("NEW", Some("TOK"))
    }

    const DEV: &str = "[dev]\naws_access_key_id = NEW\naws_secret_access_key = NEW-secret\naws_session_token = TOK\n";

    fn set(text: &str, profile: &str, c: &Credentials) -> String {
        set_profile(text, profile, c, Path::new("/creds")).unwrap()
    }

    fn error_line(text: &str) -> Option<usize> {
        match set_profile(text, "dev", &full(), Path::new("/creds")) {
            Err(Error::AwsFileInvalid { line, .. }) => line,
            other => panic!("expected AwsFileInvalid, got {other:?}"),
        }
    }

    /// write_profile with the lock directory inside the test's temp dir.
    fn write(tmp: &tempfile::TempDir, path: &Path, profile: &str) -> Result<WriteOutcome> {
        write_profile(path, profile, &full(), &tmp.path().join("locks"))
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    // An empty file gets just the new section.
    #[test]
    fn empty_file() {
        assert_eq!(set("", "dev", &full()), DEV);
    }

    // A new profile is appended after one blank line; the old text is an untouched prefix.
    #[test]
    fn new_profile_is_appended_and_everything_else_kept() {
        let old =
            "# my keys\n[default]\naws_access_key_id = D\n; note\n\n[ci]\nregion = eu-west-1\n";
        let new = set(old, "dev", &full());
        assert!(new.starts_with(old));
        assert_eq!(new, format!("{old}\n{DEV}"));
        // An existing trailing blank line is not doubled.
        let old = "[a]\nk = v\n\n";
        assert_eq!(set(old, "dev", &full()), format!("{old}{DEV}"));
    }

    // A profile in the middle is edited in place; its other lines and other profiles stay.
    #[test]
    fn existing_profile_is_replaced_in_place() {
        let old = "# top\n[default]\naws_access_key_id = D\n\n[dev]\n# my dev\nregion = eu-west-1\naws_access_key_id=OLD\naws_secret_access_key  =  OLDS\naws_session_token = OLDT\noutput = json\n\n; next\n[other]\naws_access_key_id = O\n";
        let want = "# top\n[default]\naws_access_key_id = D\n\n[dev]\n# my dev\nregion = eu-west-1\naws_access_key_id=NEW\naws_secret_access_key  =  NEW-secret\naws_session_token = TOK\noutput = json\n\n; next\n[other]\naws_access_key_id = O\n";
        assert_eq!(set(old, "dev", &full()), want);
        // Writing the same credentials again changes nothing.
        assert_eq!(set(want, "dev", &full()), want);
    }

    // Missing keys go after the section's last key, before trailing blank lines and comments.
    #[test]
    fn missing_keys_go_after_the_last_key() {
        let old = "[dev]\nregion = x\n\n# about ci\n[ci]\n";
        let want = "[dev]\nregion = x\naws_access_key_id = NEW\naws_secret_access_key = NEW-secret\n\n# about ci\n[ci]\n";
        assert_eq!(set(old, "dev", &creds("NEW", None)), want);
        // A section without keys (header spaced out) gets them right after its header.
        let want = format!("[ dev ]{}\n[ci]\n", &DEV[5..]);
        assert_eq!(set("[ dev ]\n\n[ci]\n", "dev", &full()), want);
    }

    // A CRLF file stays CRLF: kept lines keep theirs, new lines get CRLF.
    #[test]
    fn crlf_file_stays_crlf() {
        let old = "[default]\r\naws_access_key_id = D\r\n[dev]\r\naws_access_key_id = OLD\r\n";
        let want = format!(
            "[default]\r\naws_access_key_id = D\r\n{}",
            DEV.replace('\n', "\r\n")
        );
        assert_eq!(set(old, "dev", &full()), want);
        let appended = set(old, "ci", &full());
        assert!(appended.starts_with(old));
        assert_eq!(
            appended.matches('\n').count(),
            appended.matches("\r\n").count()
        );
    }

    // A file without a final newline gets one only where lines are added.
    #[test]
    fn no_trailing_newline() {
        let old = "[default]\naws_access_key_id = D";
        assert_eq!(set(old, "dev", &full()), format!("{old}\n\n{DEV}"));
        assert_eq!(set("[dev]\naws_access_key_id = OLD", "dev", &full()), DEV);
        // Nothing to insert: the replaced last line still has no newline.
        let old = "[dev]\naws_secret_access_key = S\naws_access_key_id = OLD";
        let want = "[dev]\naws_secret_access_key = NEW-secret\naws_access_key_id = NEW";
        assert_eq!(set(old, "dev", &creds("NEW", None)), want);
    }

    // Later duplicate sections lose their credential keys only; duplicate keys in the first go.
    #[test]
    fn duplicate_sections_and_keys() {
        let old = "[dev]\naws_access_key_id = A1\naws_access_key_id = A1bis\n[x]\nk = v\n[dev]\nregion = us-east-1\nAWS_ACCESS_KEY_ID = A2\naws_session_token = T2\n";
        let want = format!("{DEV}[x]\nk = v\n[dev]\nregion = us-east-1\n");
        assert_eq!(set(old, "dev", &full()), want);
    }

    // A stale session token and the legacy aws_security_token are removed.
    #[test]
    fn stale_tokens_are_removed() {
        let old = "[dev]\naws_access_key_id = OLD\naws_secret_access_key = OLDS\naws_session_token = OLDT\naws_security_token = OLDT\nregion = eu-west-1\n";
        let want = "[dev]\naws_access_key_id = NEW\naws_secret_access_key = NEW-secret\nregion = eu-west-1\n";
        assert_eq!(set(old, "dev", &creds("NEW", None)), want);
    }

    // Continuation lines belong to their key: kept with other keys, dropped with a replaced one.
    #[test]
    fn continuation_lines() {
        let old = "[dev]\naws_access_key_id =\n    OLD\ns3 =\n  max_concurrent_requests = 20\n  aws_session_token = nested\n# trailing comment\n\n[next]\nx = 1\n";
        let want = "[dev]\naws_access_key_id = NEW\ns3 =\n  max_concurrent_requests = 20\n  aws_session_token = nested\naws_secret_access_key = NEW-secret\naws_session_token = TOK\n# trailing comment\n\n[next]\nx = 1\n";
        assert_eq!(set(old, "dev", &full()), want);
    }

    // Keys match case-insensitively and keep their spelling.
    #[test]
    fn case_insensitive_key_match() {
        let old = "[dev]\nAWS_Access_Key_ID = OLD\nAws_Secret_Access_Key = OLDS\n";
        let want = "[dev]\nAWS_Access_Key_ID = NEW\nAws_Secret_Access_Key = NEW-secret\n";
        assert_eq!(set(old, "dev", &creds("NEW", None)), want);
    }

    // Unparseable files are refused with the 1-based line of the problem.
    #[test]
    fn unparseable_files() {
        assert_eq!(error_line("aws_access_key_id = X\n[dev]\n"), Some(1));
        assert_eq!(error_line("[a]\nk = v\nthis is not ini\n"), Some(3));
        assert_eq!(error_line("# c\r\n[a]\r\n[dev\r\n"), Some(3));
        assert_eq!(error_line("[a] trailing\n"), Some(1));
        assert_eq!(error_line("[a]\n = v\n"), Some(2));
        let err = set_profile("[a]\nnope", "dev", &full(), Path::new("/c")).unwrap_err();
        let message = "/c line 2: expected `key = value`, a [section] or a comment";
        assert!(err.to_string().starts_with(message), "{err}");
    }

    // Bad profile names and values with line breaks are rejected.
    #[test]
    fn bad_names_and_values() {
        let long = "x".repeat(65);
        for name in ["", "a b", "a]", "[a", "a#", "a;b", "a\u{7}", &long] {
            let err = set_profile("", name, &full(), Path::new("/c")).unwrap_err();
            assert_eq!(err.code(), "invalid_input", "{name:?}");
        }
        assert!(set_profile("", &long[1..], &full(), Path::new("/c")).is_ok());
        let err = set_profile("", "dev", &creds("K", Some("a\nb")), Path::new("/c")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "aws_session_token: must not contain a line break"
        );
    }

    // write_profile creates the file (and its directory) with private modes; no backup then.
    #[test]
    fn write_creates_private_file() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("aws/credentials");
        let out = write(&tmp, &path, "dev").unwrap();
        assert!(out.created && out.backup.is_none());
        assert_eq!(fs::read_to_string(&path).unwrap(), DEV);
        #[cfg(unix)]
        assert_eq!((mode(&path), mode(&tmp.path().join("aws"))), (0o600, 0o700));
    }

    // The first write to an existing file keeps its original bytes in a backup, once.
    #[test]
    fn backup_is_made_once_with_the_original_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("credentials");
        let original = "[default]\r\naws_access_key_id = D\r\n";
        fs::write(&path, original).unwrap();
        let first = write(&tmp, &path, "dev").unwrap();
        let backup = first.backup.clone().unwrap();
        assert!(!first.created);
        let dir = fs::canonicalize(tmp.path()).unwrap();
        assert_eq!(backup, dir.join("credentials.roletray-backup"));
        assert_eq!(write(&tmp, &path, "ci").unwrap().backup, None);
        assert_eq!(fs::read_to_string(&backup).unwrap(), original);
        #[cfg(unix)]
        assert_eq!((mode(&backup), mode(&path)), (0o600, 0o600));
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(original) && text.contains("[dev]\r\n") && text.contains("[ci]\r\n")
        );
    }

    // An unparseable file is left byte-identical, with no backup and no temp file.
    #[test]
    fn write_leaves_an_unparseable_file_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("credentials");
        fs::write(&path, "[dev]\ngarbage\n").unwrap();
        let err = write(&tmp, &path, "dev").unwrap_err();
        assert!(
            matches!(err, Error::AwsFileInvalid { line: Some(2), .. }),
            "{err:?}"
        );
        assert_eq!(fs::read(&path).unwrap(), b"[dev]\ngarbage\n");
        // Only the file and the lock directory are there.
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 2);
    }

    // A symlinked credentials file is edited through the link, which stays a link.
    #[cfg(unix)]
    #[test]
    fn write_follows_a_symlink() {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir(tmp.path().join("dotfiles")).unwrap();
        let real = tmp.path().join("dotfiles/credentials");
        fs::write(&real, "[default]\nregion = x\n").unwrap();
        let link = tmp.path().join("credentials");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let out = write(&tmp, &link, "dev").unwrap();
        assert_eq!(out.path, fs::canonicalize(&real).unwrap());
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
        let want = format!("[default]\nregion = x\n\n{DEV}");
        assert_eq!(fs::read_to_string(&link).unwrap(), want);
    }

    // Concurrent writers are serialised by the lock: no profile is lost.
    #[test]
    fn concurrent_writers_all_land() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("credentials");
        std::thread::scope(|s| {
            for n in 0..8 {
                let (tmp, path) = (&tmp, &path);
                s.spawn(move || write(tmp, path, &format!("p{n}")).unwrap());
            }
        });
        let text = fs::read_to_string(&path).unwrap();
        for n in 0..8 {
            assert!(
                text.contains(&format!("[p{n}]\naws_access_key_id = NEW\n")),
                "{text}"
            );
        }
    }
}
