//! The OATH accounts on a YubiKey (`ykman oath accounts list`), for a form
//! to offer as code commands: the one named like the MFA device first.

use super::command::MfaCommand;
use std::process::Stdio;
use std::time::Duration;

/// How long listing may take (ykman asks the key over USB).
const LIST_TIMEOUT: Duration = Duration::from_secs(10);

/// The accounts `ykman` lists, those that name the device of `serial`
/// first; empty when ykman is not installed, no key is in, or it fails.
pub async fn accounts(serial: Option<&str>) -> Vec<String> {
    let listed = tokio::process::Command::new("ykman")
        .args(["oath", "accounts", "list"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .output();
    let Ok(Ok(out)) = tokio::time::timeout(LIST_TIMEOUT, listed).await else {
        return Vec::new();
    };
    if !out.status.success() {
        return Vec::new();
    }
    let text = String::from_utf8_lossy(&out.stdout);
    ordered(
        text.lines().map(str::trim).filter(|l| !l.is_empty()),
        serial,
    )
}

/// `names` with those that hold the device's name first (the part after
/// `mfa/` of its ARN: `me` for `arn:aws:iam::123456789012:mfa/me`).
fn ordered<'a>(names: impl Iterator<Item = &'a str>, serial: Option<&str>) -> Vec<String> {
    let device = serial
        .map(|s| s.rsplit('/').next().unwrap_or(s).to_ascii_lowercase())
        .filter(|d| !d.is_empty());
    let mut all: Vec<String> = names.map(str::to_owned).collect();
    if let Some(d) = device {
        all.sort_by_key(|n| !n.to_ascii_lowercase().contains(&d));
    }
    all
}

/// The code command for one of those accounts.
pub fn command_for(account: &str) -> MfaCommand {
    MfaCommand::try_from(
        ["ykman", "oath", "accounts", "code", "--single", account]
            .map(str::to_owned)
            .to_vec(),
    )
    .unwrap_or_else(|_| unreachable!("a fixed six-word command is valid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_named_like_the_device_comes_first() {
        let listed = [
            "GitHub:me",
            "Amazon Web Services:alice@123456789012",
            "aws-bob",
        ];
        let got = ordered(
            listed.into_iter(),
            Some("arn:aws:iam::123456789012:mfa/Alice"),
        );
        assert_eq!(got[0], "Amazon Web Services:alice@123456789012");
        assert_eq!(got.len(), 3);
        assert_eq!(ordered(listed.into_iter(), None), listed);
        let c = command_for("Amazon Web Services:alice@123456789012");
        assert_eq!(
            c.to_line(),
            "ykman oath accounts code --single 'Amazon Web Services:alice@123456789012'"
        );
    }
}
