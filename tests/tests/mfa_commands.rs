//! MFA codes from a device's code command (a YubiKey through `ykman`, a
//! password manager's `op` or `bw`), run as an argument list with no shell:
//! the CLI with no terminal gets its code from it, says what it waits for,
//! falls back with the command's error, and never sends one code twice.
//! The device is the fake `ykman` of `tests/fixtures/bin`.
//!
//! moto with authentication on does not accept GetSessionToken's
//! credentials, so these worlds run with it off (as the other MFA tests);
//! moto ignores the codes' values, which the tests read from its recording.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{KeyringState, World, WorldOptions};
use std::path::PathBuf;

/// A world with alice's keys, her MFA device, its code command, and `dev`.
fn world_with_device(account: &str) -> (World, PathBuf) {
    let mut world = World::start(WorldOptions {
        auth: false,
        keyring: KeyringState::Unlocked,
    });
    let log = world.root().join("ykman.log");
    world.set_env("FAKE_YKMAN_LOG", log.display().to_string());
    world.add_alice_with_yubikey(account);
    world.add_role("dev", "dev", &["--source", "alice"]);
    (world, log)
}

/// The argument lists the fake ykman was run with.
fn runs(log: &PathBuf) -> Vec<Vec<String>> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

// No terminal, no --mfa-code: the device's command gives the code, the
// CLI says on stderr what it waits for while it does, and the account name
// with `;` and `$(…)` in it reaches ykman as one argument, run by nobody.
#[test]
fn the_code_comes_from_the_device_and_no_shell_runs_it() {
    roletray_tests::linux_only!("the code commands are Linux scripts (a fake ykman)");
    let account = "aws;alice $(touch pwned) `touch pwned2`";
    let (mut world, log) = world_with_device(account);
    world.set_env("FAKE_YKMAN_DELAY", "1.5");
    let out = world.run_ok(&["assume", "dev"], None);
    assert!(
        out.stderr.contains("Touch your YubiKey"),
        "the wait was not told: {}",
        out.stderr
    );
    let ran = runs(&log);
    assert_eq!(ran.len(), 1, "{ran:?}");
    assert_eq!(
        ran[0],
        ["oath", "accounts", "code", "--single", account],
        "the account is one argument, as written"
    );
    assert!(!world.home.join("pwned").exists() && !world.root().join("pwned").exists());
    assert!(!world.home.join("pwned2").exists());
    let sent = world.sts_params("GetSessionToken", "TokenCode");
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].len() == 6 && sent[0].bytes().all(|b| b.is_ascii_digit()));
    // The code is a secret: it is not printed.
    assert!(!out.stdout.contains(&sent[0]) && !out.stderr.contains(&sent[0]));
    // The MFA session serves the next role: no second run.
    world.add_role("ops", "ops", &["--source", "alice"]);
    world.run_ok(&["assume", "ops"], None);
    assert_eq!(runs(&log).len(), 1);

    // A code given on the command line wins: the device is not asked.
    world.add_role("long", "dev", &["--source", "alice", "--duration", "7200"]);
    world.run_ok(&["assume", "long", "--mfa-code", "123456"], None);
    assert_eq!(runs(&log).len(), 1);
    assert_eq!(
        world.sts_params("AssumeRole", "TokenCode"),
        ["123456"],
        "the code given was sent"
    );
}

// A command that fails, prints no code, or hangs past its 30 seconds: the
// CLI falls back to asking as before (no terminal here, so a clear
// mfa_required error) and says what the command did.
#[test]
fn a_command_that_gives_no_code_falls_back_with_its_error() {
    roletray_tests::linux_only!("the code commands are Linux scripts (a fake ykman)");
    let (mut world, _log) = world_with_device("aws-alice");
    world.set_env("FAKE_YKMAN_MODE", "fail");
    let (code, out) = world.run_err(&["assume", "dev"], None);
    assert_eq!(code, "mfa_required");
    assert!(out.stderr.contains("No YubiKey detected"), "{}", out.stderr);
    assert!(out.stderr.contains("--mfa-code"), "{}", out.stderr);

    world.set_env("FAKE_YKMAN_MODE", "nocode");
    let (code, out) = world.run_err(&["assume", "dev"], None);
    assert_eq!(code, "mfa_required");
    assert!(
        out.stderr.contains("printed no 6-digit code"),
        "{}",
        out.stderr
    );

    world.set_env("FAKE_YKMAN_MODE", "hang");
    let out = world.run(&["assume", "dev"], None);
    assert!(!out.success());
    assert!(out.stderr.contains("Touch your YubiKey"), "{}", out.stderr);
    assert!(
        out.stderr.contains("error[mfa_required]") && out.stderr.contains("within 30 seconds"),
        "{}",
        out.stderr
    );
    assert_eq!(world.sts_calls("GetSessionToken"), 0, "no code, no call");

    // A program that is not there is said so.
    world.run_ok(
        &[
            "source",
            "set",
            "alice",
            "--mfa-command",
            "roletray-no-such-authenticator --otp",
        ],
        None,
    );
    let (_, out) = world.run_err(&["assume", "dev"], None);
    assert!(out.stderr.contains("was not found"), "{}", out.stderr);
    world.run_ok(&["source", "set", "alice", "--no-mfa-command"], None);
    let (_, out) = world.run_err(&["assume", "dev"], None);
    assert!(!out.stderr.contains("command"), "{}", out.stderr);
}

// AWS refuses a TOTP code it has accepted before: two sessions that each
// need a code, one right after the other, do not send the device's code
// twice; the second waits for the device's next code.
#[test]
fn the_same_code_is_not_sent_twice() {
    roletray_tests::linux_only!("the code commands are Linux scripts (a fake ykman)");
    let (world, log) = world_with_device("aws-alice");
    // Over an hour: AssumeRole carries a code each time (no MFA session).
    world.add_role("long", "dev", &["--source", "alice", "--duration", "7200"]);
    world.run_ok(&["assume", "long"], None);
    let out = world.run_ok(&["assume", "long", "--renew"], None);
    let sent = world.sts_params("AssumeRole", "TokenCode");
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_ne!(sent[0], sent[1], "the same code was sent twice");
    // The device was asked again after the wait for its next code (or, when
    // the second run fell in the next step already, not at all).
    let asked = runs(&log).len();
    assert!(asked == 2 || asked == 3, "{asked} runs");
    if asked == 3 {
        assert!(out.stderr.contains("just used"), "{}", out.stderr);
    }
}
