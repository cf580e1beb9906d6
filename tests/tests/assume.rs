//! Sources, roles and assuming them: the real `roletray` binary against moto
//! with authentication on and a real gnome-keyring.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{CLIENT_EXTERNAL_ID, World, WorldOptions, run_command};

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

// The secret key goes to the keychain and nowhere else: not the config file,
// not `source list`, not the keychain entry's attributes.
#[test]
fn source_secret_lives_only_in_the_keychain() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    let secret = &world.moto.alice.secret_access_key;

    let config = std::fs::read_to_string(world.config_dir.join("roletray/config.toml")).unwrap();
    assert!(config.contains(&world.moto.alice.access_key_id));
    assert!(!config.contains(secret.as_str()));

    let list = world.run_ok(&["source", "list", "--json"], None);
    assert!(!list.stdout.contains(secret.as_str()));
    let sources = json(&list.stdout);
    assert_eq!(sources[0]["name"], "alice");
    assert_eq!(sources[0]["access_key_id"], world.moto.alice.access_key_id);

    assert_eq!(
        world.keychain_secret("source/alice").as_deref(),
        Some(secret.as_str()),
        "the secret is in the OS keychain: {:?}",
        world.keychain_users()
    );

    // Adding it again without --replace is refused and changes nothing.
    let (code, _) = world.run_err(
        &[
            "source",
            "add",
            "alice",
            "--access-key-id",
            "AKIAIOSFODNN7EXAMPLE",
        ],
        Some("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"),
    );
    assert_eq!(code, "already_exists");
}

// A plain role: the ARN STS reports is the role's, with the default session name.
#[test]
fn assume_reports_identity_and_expiry_without_secrets() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);

    let out = world.run_ok(&["assume", "dev", "--json"], None);
    let v = json(&out.stdout);
    assert_eq!(
        v["assumed_role_arn"],
        world.assumed_arn("dev", "roletray-tester")
    );
    assert_eq!(v["cached"], false);
    let left = v["seconds_left"].as_i64().unwrap();
    assert!((3500..=3600).contains(&left), "{left}");
    assert!(!out.stdout.contains("SecretAccessKey") && !out.stdout.contains("ASIA"));
}

// External ID: the right one is accepted, a wrong one is access_denied.
#[test]
fn external_id_is_passed_and_checked() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role(
        "client",
        "client",
        &["--source", "alice", "--external-id", CLIENT_EXTERNAL_ID],
    );
    world.add_role(
        "client-wrong",
        "client",
        &["--source", "alice", "--external-id", "not-the-right-id"],
    );
    let v = json(&world.run_ok(&["assume", "client", "--json"], None).stdout);
    assert_eq!(
        v["assumed_role_arn"],
        world.assumed_arn("client", "roletray-tester")
    );
    let (code, _) = world.run_err(&["assume", "client-wrong"], None);
    assert_eq!(code, "access_denied");
}

// Role chaining: target is assumed with dev's temporary credentials, and a
// chained duration over an hour is capped (and the user is told).
#[test]
fn chained_role_is_assumed_through_its_parent() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role(
        "dev",
        "dev",
        &["--source", "alice", "--session-name", "chain-hop"],
    );
    let out = world.add_role("target", "target", &["--via", "dev", "--duration", "7200"]);
    assert!(out.stderr.contains("3600"), "{}", out.stderr);

    let v = json(&world.run_ok(&["assume", "target", "--json"], None).stdout);
    assert_eq!(
        v["assumed_role_arn"],
        world.assumed_arn("target", "roletray-tester")
    );
    assert!(v["seconds_left"].as_i64().unwrap() <= 3600);
    // One AssumeRole for dev, one for target.
    assert_eq!(world.sts_calls("AssumeRole"), 2);

    // A loop is refused before anything is saved.
    let arn = world.moto.role("dev").to_owned();
    let (code, out) = world.run_err(
        &[
            "role",
            "add",
            "dev",
            "--role-arn",
            &arn,
            "--via",
            "target",
            "--replace",
        ],
        None,
    );
    assert_eq!(code, "invalid_input");
    assert!(out.stderr.contains("loops"), "{}", out.stderr);
}

// Wrong secret, unknown key and a user without sts:AssumeRole each get their own code.
#[test]
fn aws_refusals_have_distinct_codes() {
    let world = World::start(WorldOptions::default());
    let alice = world.moto.alice.clone();
    let bob = world.moto.bob.clone();
    world.add_source(
        "wrong-secret",
        &alice.access_key_id,
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        &[],
    );
    world.add_source(
        "unknown",
        "AKIAIOSFODNN7EXAMPLE",
        &alice.secret_access_key,
        &[],
    );
    world.add_source("bob", &bob.access_key_id, &bob.secret_access_key, &[]);
    for source in ["wrong-secret", "unknown", "bob"] {
        world.add_role(source, "dev", &["--source", source]);
    }
    assert_eq!(
        world.run_err(&["assume", "wrong-secret"], None).0,
        "signature_mismatch"
    );
    assert_eq!(
        world.run_err(&["assume", "unknown"], None).0,
        "invalid_client_token"
    );
    assert_eq!(world.run_err(&["assume", "bob"], None).0, "access_denied");
}

// The cache is shared by processes: a second process reuses the session,
// --renew forces a new one, forget drops it.
#[test]
fn cache_is_shared_across_processes() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);

    let first = json(&world.run_ok(&["assume", "dev", "--json"], None).stdout);
    let second = json(&world.run_ok(&["assume", "dev", "--json"], None).stdout);
    assert_eq!(second["cached"], true);
    assert_eq!(first["expiration"], second["expiration"]);
    assert_eq!(world.sts_calls("AssumeRole"), 1);

    let sessions = json(&world.run_ok(&["sessions", "--json"], None).stdout);
    assert_eq!(sessions.as_array().unwrap().len(), 1);
    assert_eq!(sessions[0]["role"], "dev");

    let renewed = json(
        &world
            .run_ok(&["assume", "dev", "--renew", "--json"], None)
            .stdout,
    );
    assert_eq!(renewed["cached"], false);
    assert_eq!(world.sts_calls("AssumeRole"), 2);

    world.run_ok(&["forget", "dev"], None);
    let sessions = json(&world.run_ok(&["sessions", "--json"], None).stdout);
    assert_eq!(sessions, serde_json::json!([]));
    world.run_ok(&["assume", "dev"], None);
    assert_eq!(world.sts_calls("AssumeRole"), 3);
}

// Concurrent callers in separate processes make one STS call between them.
#[test]
fn concurrent_callers_make_one_sts_call() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);

    let children: Vec<_> = (0..6)
        .map(|_| {
            let mut cmd = world.roletray(&["assume", "dev", "--json"]);
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    let mut expirations = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        expirations.push(json(&String::from_utf8_lossy(&out.stdout))["expiration"].clone());
    }
    assert_eq!(world.sts_calls("AssumeRole"), 1);
    expirations.dedup();
    assert_eq!(expirations.len(), 1, "every caller got the same session");
}

// An STS endpoint nobody listens on is sts_unreachable, quickly and clearly.
#[test]
fn unreachable_sts_is_a_clear_error() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut cmd = world.roletray(&["assume", "dev"]);
    cmd.env("AWS_ENDPOINT_URL_STS", format!("http://127.0.0.1:{port}"));
    let out = run_command(cmd, None);
    assert!(!out.success());
    assert!(
        out.stderr.contains("error[sts_unreachable]"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!("127.0.0.1:{port}")),
        "{}",
        out.stderr
    );
}
