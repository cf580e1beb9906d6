//! MFA, keychain failures and bad input: every failure is one clear line, a
//! stable code, a non-zero exit, and no file changed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{KeyringState, World, WorldOptions};

const SERIAL: &str = "arn:aws:iam::123456789012:mfa/alice";

fn config_text(world: &World) -> String {
    std::fs::read_to_string(world.config_dir.join("roletray/config.toml")).unwrap_or_default()
}

// One MFA code serves every role of a source: one GetSessionToken, then each
// role is assumed with the cached MFA session and no further code.
//
// moto does not accept GetSessionToken's credentials when authentication is
// on (it never issues them to its IAM store), so this world runs with auth
// off; moto also ignores the code's value, so only the flow is checked here.
#[test]
fn one_mfa_code_serves_many_roles() {
    let world = World::start(WorldOptions {
        auth: false,
        keyring: KeyringState::Unlocked,
    });
    let alice = world.moto.alice.clone();
    world.add_source(
        "alice",
        &alice.access_key_id,
        &alice.secret_access_key,
        &["--mfa-serial", SERIAL],
    );
    world.add_role("dev", "dev", &["--source", "alice"]);
    world.add_role("ops", "ops", &["--source", "alice"]);

    // No code and no terminal: a clear error naming the device.
    let (code, out) = world.run_err(&["assume", "dev"], None);
    assert_eq!(code, "mfa_required");
    assert!(out.stderr.contains(SERIAL), "{}", out.stderr);
    assert_eq!(world.sts_calls("GetSessionToken"), 0);

    // A code that is not six digits never reaches AWS.
    let (code, _) = world.run_err(&["assume", "dev", "--mfa-code", "12345"], None);
    assert_eq!(code, "invalid_input");
    assert_eq!(world.sts_calls("GetSessionToken"), 0);

    world.run_ok(&["assume", "dev", "--mfa-code", "123456"], None);
    world.run_ok(&["assume", "ops"], None);
    assert_eq!(world.sts_calls("GetSessionToken"), 1);
    assert_eq!(world.sts_calls("AssumeRole"), 2);

    // Over an hour, AssumeRole carries the serial and code itself.
    world.add_role("long", "dev", &["--source", "alice", "--duration", "7200"]);
    let (code, _) = world.run_err(&["assume", "long"], None);
    assert_eq!(code, "mfa_required");
    world.run_ok(&["assume", "long", "--mfa-code", "654321"], None);
    assert_eq!(world.sts_calls("GetSessionToken"), 1);
    assert_eq!(world.sts_calls("AssumeRole"), 3);
}

// A locked keychain: adding a source fails with keychain_locked and leaves
// the configuration as it was.
#[test]
fn locked_keychain_is_a_clear_error() {
    roletray_tests::linux_only!("the Secret Service's lock states (gnome-keyring)");
    let world = World::start(WorldOptions {
        auth: true,
        keyring: KeyringState::Locked,
    });
    let alice = world.moto.alice.clone();
    let (code, out) = world.run_err(
        &[
            "source",
            "add",
            "alice",
            "--access-key-id",
            &alice.access_key_id,
        ],
        Some(&format!("{}\n", alice.secret_access_key)),
    );
    assert_eq!(code, "keychain_locked", "{}", out.stderr);
    assert!(!out.stderr.contains(&alice.secret_access_key));
    assert_eq!(config_text(&world), "");

    // A locked keyring hides its items: reading a source's secret says
    // "locked", not "missing".
    let path = world.config_dir.join("roletray/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        format!(
            "[sources.alice]\naccess_key_id = \"{}\"\n[roles.dev]\nrole_arn = \"{}\"\nsource = \"alice\"\n",
            alice.access_key_id,
            world.moto.role("dev")
        ),
    )
    .unwrap();
    let (code, out) = world.run_err(&["assume", "dev"], None);
    assert_eq!(code, "keychain_locked", "{}", out.stderr);
}

// No Secret Service at all: keychain_unavailable, and commands that need no
// secret (listing roles, settings) still work.
#[test]
fn absent_keychain_is_a_clear_error() {
    roletray_tests::linux_only!("a session bus without a Secret Service");
    let world = World::start(WorldOptions {
        auth: true,
        keyring: KeyringState::Absent,
    });
    let (code, out) = world.run_err(
        &[
            "source",
            "add",
            "alice",
            "--access-key-id",
            "AKIAIOSFODNN7EXAMPLE",
        ],
        Some("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"),
    );
    assert_eq!(code, "keychain_unavailable", "{}", out.stderr);
    world.run_ok(&["role", "list"], None);
    world.run_ok(&["config", "set", "min-ttl", "120"], None);
    assert_eq!(
        world
            .run_ok(&["config", "get", "min-ttl"], None)
            .stdout
            .trim(),
        "120"
    );
}

// Invalid input for every field is refused before any call, with the field
// named, a non-zero exit, and the configuration untouched.
#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let before = config_text(&world);
    let arn = world.moto.role("dev").to_owned();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "role",
                "add",
                "x",
                "--role-arn",
                "arn:aws:iam::123:role/x",
                "--source",
                "alice",
            ],
            "account",
        ),
        (
            vec![
                "role",
                "add",
                "x",
                "--role-arn",
                "arn:aws:s3:::bucket/thing",
                "--source",
                "alice",
            ],
            "role_arn",
        ),
        (
            vec!["role", "add", "x", "--role-arn", &arn, "--source", "nobody"],
            "nobody",
        ),
        (
            vec!["role", "add", "x", "--role-arn", &arn, "--via", "nobody"],
            "nobody",
        ),
        (
            vec![
                "role",
                "add",
                "x y",
                "--role-arn",
                &arn,
                "--source",
                "alice",
            ],
            "role name",
        ),
        (
            vec![
                "role",
                "add",
                "x",
                "--role-arn",
                &arn,
                "--source",
                "alice",
                "--session-name",
                "a",
            ],
            "session_name",
        ),
        (
            vec![
                "role",
                "add",
                "x",
                "--role-arn",
                &arn,
                "--source",
                "alice",
                "--external-id",
                "bad id!",
            ],
            "external_id",
        ),
        (
            vec![
                "role",
                "add",
                "x",
                "--role-arn",
                &arn,
                "--source",
                "alice",
                "--duration",
                "60",
            ],
            "duration",
        ),
        (
            vec![
                "role",
                "add",
                "x",
                "--role-arn",
                &arn,
                "--source",
                "alice",
                "--duration",
                "50000",
            ],
            "duration",
        ),
        (
            vec![
                "role",
                "add",
                "x",
                "--role-arn",
                &arn,
                "--source",
                "alice",
                "--mfa-serial",
                "short",
            ],
            "mfa_serial",
        ),
        (
            vec![
                "role",
                "add",
                "x",
                "--role-arn",
                &arn,
                "--source",
                "alice",
                "--region",
                "Mars",
            ],
            "region",
        ),
        (vec!["config", "set", "min-ttl", "forever"], "min-ttl"),
        (vec!["config", "set", "default-shell", "tcsh"], "format"),
        (
            vec!["write-profile", "dev", "--profile", "has space"],
            "profile",
        ),
    ];
    for (args, needle) in cases {
        let (code, out) = world.run_err(&args, None);
        assert_eq!(code, "invalid_input", "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
        assert_eq!(config_text(&world), before, "{args:?} changed the config");
    }
    let (code, _) = world.run_err(
        &[
            "source",
            "add",
            "bad",
            "--access-key-id",
            "ASIATEMPORARYKEY123",
        ],
        Some("secretsecretsecretsecret\n"),
    );
    assert_eq!(code, "invalid_input");
    let (code, _) = world.run_err(&["role", "remove", "nobody"], None);
    assert_eq!(code, "not_found");
    let (code, _) = world.run_err(&["source", "remove", "alice"], None);
    assert_eq!(code, "in_use");
    assert_eq!(config_text(&world), before);
    assert_eq!(world.sts_calls("AssumeRole"), 0);
}

// A configuration file that cannot be parsed is reported with its line and
// never overwritten, whatever the command.
#[test]
fn broken_config_is_reported_and_kept() {
    let world = World::start(WorldOptions::default());
    let path = world.config_dir.join("roletray/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let broken = "[settings]\nmin_ttl_seconds = 60\n[roles.dev\nrole_arn = 1\n";
    std::fs::write(&path, broken).unwrap();
    let (code, out) = world.run_err(&["config", "set", "min-ttl", "120"], None);
    assert_eq!(code, "config_invalid");
    assert!(out.stderr.contains("line 3"), "{}", out.stderr);
    let (code, _) = world.run_err(&["role", "list"], None);
    assert_eq!(code, "config_invalid");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}
