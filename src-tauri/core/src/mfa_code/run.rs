//! Running a code command: its own argument list with no shell, no input,
//! a deadline, and its output kept out of every log (it is a secret).

use super::command::MfaCommand;
use crate::secret::Sensitive;
use std::process::Stdio;
use std::time::Duration;
use zeroize::Zeroize;

/// How long a code command may take (a person finding their YubiKey).
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The code `command` prints, or why there is none, in words for a person.
pub async fn run(command: &MfaCommand, timeout: Duration) -> Result<Sensitive<String>, String> {
    let name = command.program_name();
    let child = tokio::process::Command::new(command.program())
        .args(command.args())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("the MFA code command `{name}` was not found"),
            _ => format!("the MFA code command `{name}` could not start: {e}"),
        })?;
    let output = tokio::time::timeout(timeout, child.wait_with_output())
        .await
        .map_err(|_| {
            format!(
                "the MFA code command `{name}` gave no code within {} seconds",
                timeout.as_secs()
            )
        })?
        .map_err(|e| format!("the MFA code command `{name}` failed: {e}"))?;
    let mut stdout = output.stdout;
    let code = code_in(&String::from_utf8_lossy(&stdout));
    stdout.zeroize();
    if !output.status.success() {
        let said = first_line(&String::from_utf8_lossy(&output.stderr));
        let status = output
            .status
            .code()
            .map_or_else(|| "was stopped".to_owned(), |c| format!("exited with {c}"));
        return Err(match said {
            Some(said) => format!("the MFA code command `{name}` {status}: {said}"),
            None => format!("the MFA code command `{name}` {status}"),
        });
    }
    code.ok_or_else(|| format!("the MFA code command `{name}` printed no 6-digit code"))
}

/// The last word of `text` that is a six-digit code (`ykman` prints the
/// account's name before it; `op` and `bw` print the code alone).
pub fn code_in(text: &str) -> Option<Sensitive<String>> {
    text.split_whitespace()
        .rev()
        .find(|w| w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit()))
        .map(|w| Sensitive::new(w.to_owned()))
}

/// The first line of a command's error output worth showing, cut short.
fn first_line(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let mut shown: String = line.chars().take(200).collect();
    if shown.len() < line.len() {
        shown.push('…');
    }
    Some(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> MfaCommand {
        MfaCommand::try_from(vec!["sh".to_owned(), "-c".to_owned(), script.to_owned()]).unwrap()
    }

    #[test]
    fn the_code_is_the_last_six_digit_word() {
        let ykman = "Amazon Web Services:me@123456789012  042117\n";
        assert_eq!(code_in(ykman).unwrap().expose(), "042117");
        assert_eq!(code_in("123456").unwrap().expose(), "123456");
        assert!(code_in("no code here 12345 1234567").is_none());
    }

    #[tokio::test]
    async fn a_command_that_prints_a_code_gives_it() {
        let code = run(&sh("echo 'aws-me  654321'"), TIMEOUT).await.unwrap();
        assert_eq!(code.expose(), "654321");
    }

    #[tokio::test]
    async fn failures_are_told_in_words() {
        let failed = run(&sh("echo 'no YubiKey detected' >&2; exit 2"), TIMEOUT)
            .await
            .unwrap_err();
        assert_eq!(
            failed,
            "the MFA code command `sh` exited with 2: no YubiKey detected"
        );
        let silent = run(&sh("echo hello"), TIMEOUT).await.unwrap_err();
        assert!(silent.contains("printed no 6-digit code"), "{silent}");
        let slow = run(&sh("sleep 5; echo 123456"), Duration::from_millis(200))
            .await
            .unwrap_err();
        assert!(slow.contains("gave no code within"), "{slow}");
        let missing = MfaCommand::parse("roletray-no-such-program").unwrap();
        let e = run(&missing, TIMEOUT).await.unwrap_err();
        assert!(e.contains("was not found"), "{e}");
    }
}
