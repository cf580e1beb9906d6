//! The one edit RoleTray makes to the AWS *config* file (same INI, same
//! byte-preserving rules): a `login_session` profile switched to
//! `credential_process`, when `import --remove-keys` takes its sign-in over.

use super::lines::{Kind, first_value, parse};
use crate::error::Result;
use std::path::Path;

/// Whether the config file's section `[section]` is profile `profile`'s:
/// `[profile NAME]`, or `[default]` for `default`.
fn is_profile(section: &str, profile: &str) -> bool {
    match section.strip_prefix("profile") {
        Some(rest) if rest.starts_with([' ', '\t']) => rest.trim() == profile,
        _ => section == "default" && profile == "default",
    }
}

/// The `login_session` of profile `profile` in the config file `text`.
pub fn login_session_of(text: &str, profile: &str, path: &Path) -> Result<Option<String>> {
    first_value(text, path, "login_session", |section| {
        is_profile(section, profile)
    })
}

/// `text` with profile `profile`'s `login_session` line replaced, in
/// place, by `credential_process = COMMAND` (any other `credential_process`
/// of it dropped); every other byte stays. `None` when the profile has no
/// `login_session`.
pub fn login_session_to_process(
    text: &str,
    profile: &str,
    command: &str,
    path: &Path,
) -> Result<Option<String>> {
    let lines = parse(text, path)?;
    let mut out = String::with_capacity(text.len() + command.len());
    let (mut inside, mut dropping, mut switched) = (false, false, false);
    for line in &lines {
        match line.kind {
            Kind::Section(name) => {
                inside = is_profile(name, profile);
                dropping = false;
            }
            Kind::Key(key) => {
                let login = key.eq_ignore_ascii_case("login_session");
                dropping = inside && (login || key.eq_ignore_ascii_case("credential_process"));
                if inside && login && !switched {
                    out.push_str("credential_process = ");
                    out.push_str(command);
                    out.push_str(if line.eol.is_empty() { "\n" } else { line.eol });
                    switched = true;
                }
            }
            Kind::Continuation => {}
            Kind::Blank | Kind::Comment => dropping = false,
        }
        if !dropping {
            out.push_str(line.content);
            out.push_str(line.eol);
        }
    }
    Ok(switched.then_some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CMD: &str = "/usr/bin/roletray credential-process console";

    #[test]
    fn only_the_login_session_line_changes() {
        let text = "# mine\r\n[default]\r\nregion = us-east-1\r\n\r\n[profile console]\r\nregion = eu-west-2\r\n\
                    login_session = arn:aws:iam::111122223333:user/me\r\noutput = json\r\n\
                    [profile consoleX]\r\nlogin_session = arn:aws:iam::111122223333:user/x\r\n";
        let new = login_session_to_process(text, "console", CMD, Path::new("c"))
            .unwrap()
            .unwrap();
        assert_eq!(
            new,
            text.replace(
                "login_session = arn:aws:iam::111122223333:user/me\r\n",
                &format!("credential_process = {CMD}\r\n")
            )
        );
    }

    #[test]
    fn an_older_process_goes_and_default_is_found() {
        let text = "[default]\ncredential_process = /old\nlogin_session = arn:x\n  continued\n[profile b]\nx = 1";
        let new = login_session_to_process(text, "default", CMD, Path::new("c"))
            .unwrap()
            .unwrap();
        assert_eq!(
            new,
            format!("[default]\ncredential_process = {CMD}\n[profile b]\nx = 1")
        );
        // `[console]` (no `profile `) is not a profile of the config file.
        let text = "[console]\nlogin_session = arn:x\n";
        assert_eq!(
            login_session_to_process(text, "console", CMD, Path::new("c")).unwrap(),
            None
        );
        assert_eq!(
            login_session_of(
                "[profile a]\nlogin_session = arn:a\n[default]\nlogin_session = arn:d",
                "default",
                Path::new("c")
            )
            .unwrap()
            .as_deref(),
            Some("arn:d")
        );
        assert!(login_session_to_process("x = 1", "console", CMD, Path::new("c")).is_err());
    }
}
