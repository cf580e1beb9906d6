//! Tests of the test harness itself: no roletray binary needed.

// Test support: panicking on a broken environment is the right failure mode.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use roletray_tests::{KeyringState, Output, World, WorldOptions, run_command};

fn aws_as(world: &World, key_id: &str, secret: &str) -> Command {
    let mut cmd = world.command("aws");
    cmd.env("AWS_ACCESS_KEY_ID", key_id)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .args(["sts", "get-caller-identity", "--output", "json"]);
    cmd
}

fn secret_tool(world: &World, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = world.command("secret-tool");
    cmd.args(args);
    run_command(cmd, stdin)
}

const STORE: &[&str] = &[
    "store",
    "--label",
    "x",
    "service",
    "roletray-probe",
    "user",
    "u",
];
const LOOKUP: &[&str] = &["lookup", "service", "roletray-probe", "user", "u"];

fn world_with(keyring: KeyringState) -> World {
    World::start(WorldOptions {
        keyring,
        ..WorldOptions::default()
    })
}

// Pins down: moto with auth on verifies SigV4 against the fixture's keys and the recorder counts calls.
#[test]
fn aws_cli_against_moto_with_auth() {
    let world = World::start(WorldOptions {
        auth: true,
        keyring: KeyringState::Absent,
    });
    assert_eq!(world.sts_calls("GetCallerIdentity"), 0);
    let alice = &world.moto.alice;

    let out = run_command(
        aws_as(&world, &alice.access_key_id, &alice.secret_access_key),
        None,
    );
    assert!(out.success(), "aws failed: {}", out.stderr);
    let identity: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        identity["Arn"],
        format!("arn:aws:iam::{}:user/alice", world.moto.account)
    );
    assert_eq!(world.sts_calls("GetCallerIdentity"), 1);
    assert_eq!(world.sts_calls("AssumeRole"), 0);

    let out = run_command(aws_as(&world, &alice.access_key_id, "wrong-secret"), None);
    assert!(
        !out.success(),
        "a wrong secret was accepted: {}",
        out.stdout
    );
    assert!(
        out.stderr.contains("SignatureDoesNotMatch"),
        "unexpected error: {}",
        out.stderr
    );
}

// Pins down: the fixture's roles and trust policies (bob denied, ExternalId enforced, chaining).
#[test]
fn moto_world_roles_and_trust() {
    let world = world_with(KeyringState::Absent);
    let assume =
        |keys: (&str, &str, Option<&str>), role: &str, session: &str, ext: Option<&str>| {
            let mut cmd = world.command("aws");
            cmd.env("AWS_ACCESS_KEY_ID", keys.0)
                .env("AWS_SECRET_ACCESS_KEY", keys.1)
                .env("AWS_DEFAULT_REGION", "us-east-1")
                .args(["sts", "assume-role", "--output", "json"])
                .args(["--role-arn", world.moto.role(role)])
                .args(["--role-session-name", session]);
            if let Some(token) = keys.2 {
                cmd.env("AWS_SESSION_TOKEN", token);
            }
            if let Some(ext) = ext {
                cmd.args(["--external-id", ext]);
            }
            run_command(cmd, None)
        };
    let alice = &world.moto.alice;
    let alice = (
        alice.access_key_id.as_str(),
        alice.secret_access_key.as_str(),
        None,
    );
    let bob = &world.moto.bob;
    let bob = (
        bob.access_key_id.as_str(),
        bob.secret_access_key.as_str(),
        None,
    );

    assert!(assume(alice, "ops", "s1", None).success());
    let denied = assume(bob, "dev", "s1", None);
    assert!(denied.stderr.contains("AccessDenied"), "{}", denied.stderr);
    let wrong = assume(alice, "client", "s1", Some("nope"));
    assert!(wrong.stderr.contains("AccessDenied"), "{}", wrong.stderr);
    let right = assume(
        alice,
        "client",
        "s1",
        Some(roletray_tests::CLIENT_EXTERNAL_ID),
    );
    assert!(right.success(), "{}", right.stderr);

    let hop = assume(alice, "dev", "chain-hop", None);
    assert!(hop.success(), "{}", hop.stderr);
    let creds: serde_json::Value = serde_json::from_str(&hop.stdout).unwrap();
    let c = &creds["Credentials"];
    let (id, secret, token) = (
        c["AccessKeyId"].as_str().unwrap(),
        c["SecretAccessKey"].as_str().unwrap(),
        c["SessionToken"].as_str().unwrap(),
    );
    let chained = assume((id, secret, Some(token)), "target", "s2", None);
    assert!(chained.success(), "{}", chained.stderr);
    let other = assume(alice, "dev", "other-session", None);
    let c: serde_json::Value = serde_json::from_str(&other.stdout).unwrap();
    let c = &c["Credentials"];
    let not_trusted = assume(
        (
            c["AccessKeyId"].as_str().unwrap(),
            c["SecretAccessKey"].as_str().unwrap(),
            c["SessionToken"].as_str(),
        ),
        "target",
        "s3",
        None,
    );
    assert!(
        not_trusted.stderr.contains("AccessDenied"),
        "{}",
        not_trusted.stderr
    );
    assert_eq!(world.sts_calls("AssumeRole"), 8);
}

// Pins down: an Unlocked world has a working private Secret Service.
#[test]
fn unlocked_keyring_stores_and_finds() {
    let world = world_with(KeyringState::Unlocked);
    let stored = secret_tool(&world, STORE, Some("v"));
    assert!(stored.success(), "store failed: {}", stored.stderr);
    let found = secret_tool(&world, LOOKUP, None);
    assert!(found.success(), "lookup failed: {}", found.stderr);
    assert_eq!(found.stdout.trim_end(), "v");
}

// Pins down: a Locked world's keyring refuses writes and reveals no secrets.
#[test]
fn locked_keyring_refuses() {
    let world = world_with(KeyringState::Locked);
    let stored = secret_tool(&world, STORE, Some("v"));
    assert!(!stored.success(), "store into a locked keyring succeeded");
    assert!(
        stored.stderr.contains("locked"),
        "unexpected error: {}",
        stored.stderr
    );
    let probe = secret_tool(
        &world,
        &[
            "lookup",
            "service",
            "roletray-harness-probe",
            "user",
            "probe",
        ],
        None,
    );
    assert!(
        !probe.success(),
        "locked probe item was read: {}",
        probe.stdout
    );
    assert_eq!(probe.stdout, "");
}

// Pins down: an Absent world has a bus but no Secret Service, and none gets activated.
#[test]
fn absent_keyring_is_unknown_service() {
    let world = world_with(KeyringState::Absent);
    let stored = secret_tool(&world, STORE, Some("v"));
    assert!(
        !stored.success(),
        "store without a Secret Service succeeded"
    );
    assert!(
        stored.stderr.contains("org.freedesktop.secrets"),
        "unexpected error: {}",
        stored.stderr
    );
    let found = secret_tool(&world, LOOKUP, None);
    assert!(!found.success());
}

// Pins down: set_auth(false) lets unknown keys through, and worlds do not share moto state.
#[test]
fn auth_toggle_and_isolation() {
    let mut world = world_with(KeyringState::Absent);
    let other = world_with(KeyringState::Absent);
    assert_ne!(world.moto.endpoint, other.moto.endpoint);
    assert_ne!(world.moto.alice, other.moto.alice);
    let denied = run_command(aws_as(&world, "AKIAUNKNOWN", "x"), None);
    assert!(
        denied.stderr.contains("InvalidClientTokenId"),
        "{}",
        denied.stderr
    );
    world.set_auth(false);
    let allowed = run_command(aws_as(&world, "AKIAUNKNOWN", "x"), None);
    assert!(allowed.success(), "{}", allowed.stderr);
    assert_eq!(world.sts_calls("GetCallerIdentity"), 2);
    assert_eq!(other.sts_calls("GetCallerIdentity"), 0);
}
