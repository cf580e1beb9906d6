//! Tests of the credentials-file editor.

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

const DEV: &str =
    "[dev]\naws_access_key_id = NEW\naws_secret_access_key = NEW-secret\naws_session_token = TOK\n";

fn set(text: &str, profile: &str, c: &Credentials) -> String {
    set_profile(text, profile, c, Path::new("/creds")).unwrap()
}

fn error_line(text: &str) -> Option<usize> {
    match set_profile(text, "dev", &full(), Path::new("/creds")) {
        Err(Error::AwsFileInvalid { line, .. }) => line,
        other => panic!("expected AwsFileInvalid, got {other:?}"),
    }
}

/// Originals kept in memory, as the keychain keeps them.
#[derive(Default)]
struct Kept(std::sync::Mutex<std::collections::HashMap<PathBuf, Vec<u8>>>);

impl Original for Kept {
    fn keep(&self, target: &Path, bytes: &[u8], replace: bool) -> Result<bool> {
        let mut kept = self.0.lock().unwrap();
        if kept.contains_key(target) && !replace {
            return Ok(false);
        }
        kept.insert(target.to_owned(), bytes.to_vec());
        Ok(true)
    }
}

impl Kept {
    fn of(&self, target: &Path) -> Option<Vec<u8>> {
        self.0.lock().unwrap().get(target).cloned()
    }
}

/// write_profile with the lock directory inside the test's temp dir.
fn write_with(
    tmp: &tempfile::TempDir,
    path: &Path,
    profile: &str,
    force: bool,
    kept: &Kept,
) -> Result<WriteOutcome> {
    let options = WriteOptions { force };
    write_profile(
        path,
        profile,
        &full(),
        &tmp.path().join("locks"),
        options,
        kept,
    )
}

fn write(tmp: &tempfile::TempDir, path: &Path, profile: &str) -> Result<WriteOutcome> {
    write_with(tmp, path, profile, false, &Kept::default())
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
    let old = "# my keys\n[default]\naws_access_key_id = D\n; note\n\n[ci]\nregion = eu-west-1\n";
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
    let want =
        "[dev]\naws_access_key_id = NEW\naws_secret_access_key = NEW-secret\nregion = eu-west-1\n";
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
    assert!(out.created && !out.backed_up);
    assert_eq!(fs::read_to_string(&path).unwrap(), DEV);
    #[cfg(unix)]
    assert_eq!((mode(&path), mode(&tmp.path().join("aws"))), (0o600, 0o700));
}

// The first write to an existing file keeps its original bytes (in the
// keychain, here a stand-in), once; no plaintext copy is left beside it.
#[test]
fn the_original_is_kept_once_and_no_copy_is_left_beside_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("credentials");
    let original = "[default]\r\naws_access_key_id = D\r\n";
    fs::write(&path, original).unwrap();
    let kept = Kept::default();
    let first = write_with(&tmp, &path, "dev", false, &kept).unwrap();
    assert!(first.backed_up && !first.created);
    let target = fs::canonicalize(&path).unwrap();
    assert!(
        !write_with(&tmp, &path, "ci", false, &kept)
            .unwrap()
            .backed_up
    );
    assert_eq!(kept.of(&target).unwrap(), original.as_bytes());
    let names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}"); // the file and the lock directory
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(original) && text.contains("[dev]\r\n") && text.contains("[ci]\r\n"));
    // restore puts every byte back.
    restore(&path, &kept.of(&target).unwrap(), &tmp.path().join("locks")).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
}

// A plaintext backup left by an older RoleTray is the true original: it is
// moved into the keychain and deleted.
#[test]
fn a_legacy_plaintext_backup_is_moved_into_the_keychain() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("credentials");
    let legacy = tmp.path().join("credentials.roletray-backup");
    fs::write(
        &legacy,
        "[me]\naws_access_key_id = AKIA\naws_secret_access_key = long-lived\n",
    )
    .unwrap();
    fs::write(&path, "[dev]\naws_access_key_id = OLD\n").unwrap();
    let kept = Kept::default();
    let target = fs::canonicalize(&path).unwrap();
    kept.keep(&target, b"newer", false).unwrap();
    assert!(
        write_with(&tmp, &path, "dev", false, &kept)
            .unwrap()
            .backed_up
    );
    assert!(!legacy.exists());
    assert_eq!(
        kept.of(&target).unwrap(),
        b"[me]\naws_access_key_id = AKIA\naws_secret_access_key = long-lived\n"
    );
}

// A profile holding long-lived keys (a pair with no session token) is not
// overwritten unless forced; one with a session token (RoleTray's own) is.
#[test]
fn long_lived_keys_are_not_overwritten_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("credentials");
    let mine = "[default]\naws_access_key_id = AKIAME\naws_secret_access_key = S\n";
    fs::write(&path, mine).unwrap();
    let err = write(&tmp, &path, "default").unwrap_err();
    assert_eq!(err.code(), "profile_has_keys");
    assert!(
        err.to_string().contains("[default]") && err.to_string().contains("--force"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), mine);
    assert_eq!(
        check_writable(&path, "default", WriteOptions::default())
            .unwrap_err()
            .code(),
        "profile_has_keys"
    );
    // Other profiles are fine, and so is ours again (it has a session token).
    write(&tmp, &path, "dev").unwrap();
    write(&tmp, &path, "dev").unwrap();
    check_writable(&path, "dev", WriteOptions::default()).unwrap();
    // Legacy aws_security_token counts as a session token.
    let legacy =
        "[old]\naws_access_key_id = A\naws_secret_access_key = S\naws_security_token = T\n";
    fs::write(&path, legacy).unwrap();
    write(&tmp, &path, "old").unwrap();
    fs::write(&path, mine).unwrap();
    write_with(&tmp, &path, "default", true, &Kept::default()).unwrap();
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("aws_session_token = TOK")
    );
}

// An unparseable file is left byte-identical, with no copy and no temp file.
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

// Removing a profile's long-lived keys keeps every other byte: its header,
// its other keys, comments, CRLF, other profiles (even their keys).
#[test]
fn keys_are_removed_and_nothing_else() {
    let text = "# mine\r\n[me]\r\naws_access_key_id = AKIA1\r\nregion = eu-west-1\r\naws_secret_access_key = S1\r\n  continued\r\n; kept\r\n[other]\r\naws_access_key_id = AKIA2\r\naws_secret_access_key = S2\r\n";
    let out = without_keys(text, "me", Path::new("/c")).unwrap();
    assert_eq!(
        out,
        "# mine\r\n[me]\r\nregion = eu-west-1\r\n; kept\r\n[other]\r\naws_access_key_id = AKIA2\r\naws_secret_access_key = S2\r\n"
    );
    assert_eq!(
        value_of(text, "me", "aws_secret_access_key", Path::new("/c"))
            .unwrap()
            .as_deref(),
        Some("S1")
    );
    assert_eq!(
        value_of(text, "other", "aws_access_key_id", Path::new("/c"))
            .unwrap()
            .as_deref(),
        Some("AKIA2")
    );
    assert_eq!(
        value_of(text, "none", "aws_access_key_id", Path::new("/c")).unwrap(),
        None
    );
}
