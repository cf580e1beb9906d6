//! An MFA code command: the argument list of a program that prints a TOTP
//! code (`ykman oath accounts code --single aws-me`, `op item get … --otp`).
//! It is kept and run as a list, never through a shell, so no value in a
//! shared configuration can become a command of its own.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most arguments a code command may have.
const MAX_ARGS: usize = 64;
/// The longest argument a code command may have.
const MAX_ARG_LEN: usize = 1_024;

/// A program and its arguments, as they are passed to it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct MfaCommand(Vec<String>);

impl MfaCommand {
    /// A command written as a person types it: words split as a POSIX shell
    /// splits them (quotes group, backslashes escape), and nothing else. No
    /// variable, `$(…)`, `;` or glob means anything: each stays text.
    pub fn parse(line: &str) -> Result<MfaCommand> {
        let words = shlex::split(line).ok_or_else(|| {
            Error::invalid(
                "mfa_command",
                "the MFA code command has an unclosed quote or a trailing backslash",
            )
        })?;
        MfaCommand::try_from(words)
    }

    pub fn program(&self) -> &str {
        &self.0[0]
    }

    pub fn args(&self) -> &[String] {
        &self.0[1..]
    }

    /// The program's file name (`ykman` for `/usr/bin/ykman`).
    pub fn program_name(&self) -> &str {
        let p = self.program();
        p.rsplit(['/', '\\']).next().unwrap_or(p)
    }

    /// What a person is told while the command has not answered yet.
    pub fn waiting_for(&self) -> String {
        match self.program_name().trim_end_matches(".exe") {
            "ykman" => "Touch your YubiKey".to_owned(),
            "op" => "Waiting for 1Password (op)…".to_owned(),
            "bw" => "Waiting for Bitwarden (bw)…".to_owned(),
            name => format!("Waiting for `{name}`…"),
        }
    }

    /// The command as a line a POSIX shell would split back into the same
    /// words (for showing and editing; it is never run through one).
    pub fn to_line(&self) -> String {
        self.0
            .iter()
            .map(|w| {
                shlex::try_quote(w)
                    .map(|q| q.into_owned())
                    .unwrap_or_else(|_| w.clone())
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl TryFrom<Vec<String>> for MfaCommand {
    type Error = Error;

    fn try_from(words: Vec<String>) -> Result<MfaCommand> {
        let bad = |why: &str| Err(Error::invalid("mfa_command", why));
        match words.first() {
            None => return bad("the MFA code command is empty"),
            Some(p) if p.trim().is_empty() => return bad("the MFA code command names no program"),
            Some(_) => {}
        }
        if words.len() > MAX_ARGS {
            return bad("the MFA code command has more than 64 words");
        }
        if words.iter().any(|w| w.len() > MAX_ARG_LEN) {
            return bad("a word of the MFA code command is longer than 1024 characters");
        }
        if words.iter().any(|w| w.contains('\0')) {
            return bad("the MFA code command contains a NUL character");
        }
        Ok(MfaCommand(words))
    }
}

impl From<MfaCommand> for Vec<String> {
    fn from(c: MfaCommand) -> Vec<String> {
        c.0
    }
}

impl fmt::Debug for MfaCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("MfaCommand").field(&self.0).finish()
    }
}

impl fmt::Display for MfaCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_line())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_as_typed_and_nothing_is_expanded() {
        let c = MfaCommand::parse(r#"ykman oath accounts code --single 'a;b $(touch x)' "c d""#)
            .unwrap();
        assert_eq!(c.program(), "ykman");
        assert_eq!(
            c.args(),
            [
                "oath",
                "accounts",
                "code",
                "--single",
                "a;b $(touch x)",
                "c d"
            ]
        );
        assert_eq!(MfaCommand::parse(&c.to_line()).unwrap(), c);
        assert_eq!(c.waiting_for(), "Touch your YubiKey");
    }

    #[test]
    fn bad_commands_are_refused_with_the_field_named() {
        for line in ["", "   ", "ykman 'open", "ykman \\"] {
            let e = MfaCommand::parse(line).unwrap_err();
            assert_eq!(e.code(), "invalid_input", "{line}");
            assert!(e.to_string().contains("mfa_command"), "{e}");
        }
        let long = vec!["x".to_owned(); 65];
        assert!(MfaCommand::try_from(long).is_err());
    }

    #[test]
    fn the_notice_names_what_it_waits_for() {
        let op = MfaCommand::parse("/usr/local/bin/op item get aws --otp").unwrap();
        assert_eq!(op.program_name(), "op");
        assert!(op.waiting_for().contains("1Password"));
        let other = MfaCommand::parse("totp-helper me").unwrap();
        assert_eq!(other.waiting_for(), "Waiting for `totp-helper`…");
    }

    #[test]
    fn it_is_kept_as_a_list() {
        let c = MfaCommand::parse("op item get 'AWS me' --otp").unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, r#"["op","item","get","AWS me","--otp"]"#);
        assert!(serde_json::from_str::<MfaCommand>("[]").is_err());
    }
}
