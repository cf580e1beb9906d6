//! The CLI and the tray app as two binaries: `roletray` links no GUI
//! library, starts `roletray-app` when asked, and asks a running app first
//! for credentials (falling back to the keychain when there is none).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{
    AppWindow, Desktop, DesktopOptions, World, WorldOptions, poll, roletray_app_bin, roletray_bin,
    run_command,
};
use std::process::{Command, Stdio};
use std::time::Duration;

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

fn credential_json(world: &World, role: &str) -> serde_json::Value {
    let out = world.run_ok(&["credential-process", role], None);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// Waits until the app published its credential endpoint.
fn wait_for_endpoint(file: &std::path::Path) {
    poll("the app's endpoint", Duration::from_secs(30), || {
        file.exists()
            .then_some(())
            .ok_or_else(|| format!("no {}", file.display()))
    });
}

/// Requests for `role` the app's credential endpoint answered with 200.
fn app_served(log: &str, role: &str) -> usize {
    let line = format!("GET /roles/{role} 200 role={role}");
    log.lines().filter(|l| l.contains(&line)).count()
}

/// Waits until the app's log file shows `n` answered requests for `role`
/// (it is written by a background thread), and checks there are no more.
fn expect_served(world: &World, role: &str, n: usize) {
    poll("the app's request log", Duration::from_secs(5), || {
        let log = world.app_log();
        (app_served(&log, role) >= n)
            .then_some(())
            .ok_or_else(|| log.clone())
    });
    let log = world.app_log();
    assert_eq!(app_served(&log, role), n, "{log}");
}

// The CLI binary maps no GTK, WebKit or appindicator library: it starts in
// about a millisecond, which every `credential_process` call pays.
#[test]
fn the_cli_links_no_gui_library() {
    let out = run_command(
        {
            let mut cmd = Command::new("ldd");
            cmd.arg(roletray_bin());
            cmd
        },
        None,
    );
    assert!(out.success(), "ldd: {}", out.stderr);
    for gui in [
        "gtk",
        "gdk",
        "webkit",
        "javascriptcore",
        "appindicator",
        "soup",
    ] {
        assert!(
            !out.stdout.to_lowercase().contains(gui),
            "the CLI links {gui}:\n{}",
            out.stdout
        );
    }
    // The app binary is the one that does (so the check above can fail).
    let mut app = Command::new("ldd");
    app.arg(roletray_app_bin());
    assert!(run_command(app, None).stdout.contains("libwebkit2gtk"));
}

// `roletray` with no subcommand starts the app binary found beside it, then
// on PATH; with neither, one clear error names where it looked.
#[test]
fn a_missing_app_binary_is_a_clear_error() {
    let world = World::start(WorldOptions::default());
    let alone = world.root().join("alone");
    std::fs::create_dir_all(&alone).unwrap();
    let cli = alone.join("roletray");
    std::fs::copy(roletray_bin(), &cli).unwrap();
    for args in [&[][..], &["--open-window"][..]] {
        let mut cmd = world.command(&cli);
        cmd.args(args).env("PATH", "/usr/bin:/bin");
        let out = run_command(cmd, None);
        assert_eq!(out.code(), Some(1), "{}", out.stderr);
        assert!(
            out.stderr.starts_with("roletray: error[app_missing]: "),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr
                .contains(&alone.join("roletray-app").display().to_string())
                && out.stderr.contains("roletray-app on PATH"),
            "{}",
            out.stderr
        );
    }
}

// With the tray app running, `credential-process`, `export` and `exec` are
// answered by the app (its endpoint log shows each request), and a session
// the app holds in memory is served even with the keychain locked. When the
// app is killed, leaving its endpoint file behind, the CLI falls back to the
// keychain at once and gets the same cached session.
#[test]
fn the_running_app_answers_first_and_the_keychain_is_the_fallback() {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role(
        "dev",
        "dev",
        &["--source", "alice", "--region", "eu-west-1"],
    );
    let endpoint_file = world.runtime_dir.join("roletray/endpoint.json");
    let desktop = Desktop::start(&mut world, DesktopOptions::default());

    let app = desktop.start_app(&world, &[]);
    wait_for_endpoint(&endpoint_file);
    let first = credential_json(&world, "dev");
    assert_eq!(first["Version"], 1);
    assert_eq!(world.sts_calls("AssumeRole"), 1);
    expect_served(&world, "dev", 1);

    let exports = world.run_ok(&["export", "dev"], None).stdout;
    let key_id = first["AccessKeyId"].as_str().unwrap();
    assert!(
        exports.contains(&format!("export AWS_ACCESS_KEY_ID='{key_id}'")),
        "{exports}"
    );
    assert!(
        exports.contains("export AWS_REGION='eu-west-1'"),
        "{exports}"
    );
    let identity = world.run_ok(
        &[
            "exec",
            "dev",
            "--",
            "aws",
            "sts",
            "get-caller-identity",
            "--query",
            "Arn",
            "--output",
            "text",
        ],
        None,
    );
    assert_eq!(
        identity.stdout.trim(),
        world.assumed_arn("dev", "roletray-tester")
    );
    expect_served(&world, "dev", 3);
    assert_eq!(world.sts_calls("AssumeRole"), 1);

    // The keychain locked: the app still answers from memory; the keychain
    // path (the same command with the app gone) could not.
    world.lock_keyring();
    let again = credential_json(&world, "dev");
    assert_eq!(again["AccessKeyId"], first["AccessKeyId"]);
    expect_served(&world, "dev", 4);

    // Killed: its endpoint file stays; the CLI goes to the keychain (locked
    // here, and said so) instead of waiting for a dead app.
    drop(app);
    assert!(endpoint_file.exists());
    let locked = world.run(&["credential-process", "dev"], None);
    assert_eq!(locked.code(), Some(1));
    assert!(
        locked.stderr.contains("error[keychain_locked]"),
        "{}",
        locked.stderr
    );
}

// A fallback after a killed app gives the session the app cached.
#[test]
fn after_the_app_is_killed_the_keychain_serves_its_session() {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let endpoint_file = world.runtime_dir.join("roletray/endpoint.json");
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = desktop.start_app(&world, &[]);
    wait_for_endpoint(&endpoint_file);
    let served = credential_json(&world, "dev");
    expect_served(&world, "dev", 1);
    drop(app);
    assert!(endpoint_file.exists(), "a killed app leaves its file");
    let fallback = credential_json(&world, "dev");
    assert_eq!(fallback, served);
    assert_eq!(world.sts_calls("AssumeRole"), 1);
}

// An IDE or GUI tool runs `credential_process` with no terminal: with the
// app running, a role that needs MFA gets its code through the app's MFA
// window instead of failing with `mfa_required`.
// (moto with authentication on does not accept GetSessionToken's
// credentials, so this world runs with it off; the flow is what is checked.)
#[test]
fn an_mfa_role_without_a_terminal_asks_through_the_app_window() {
    let mut world = World::start(WorldOptions {
        auth: false,
        ..WorldOptions::default()
    });
    world.add_alice_with_mfa();
    world.add_role("dev", "dev", &["--source", "alice"]);
    // Without the app: the CLI has no terminal to ask on.
    let alone = world.run(&["credential-process", "dev"], None);
    assert!(
        alone.stderr.contains("error[mfa_required]"),
        "{}",
        alone.stderr
    );

    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = AppWindow::launch(&world, &desktop);
    let main = app.current_window();
    let endpoint_file = world.runtime_dir.join("roletray/endpoint.json");
    wait_for_endpoint(&endpoint_file);
    let mut cli = world.roletray(&["credential-process", "dev"]);
    let child = cli
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting roletray credential-process");

    app.switch_to_new_window(&main, "the MFA window");
    app.wait_for(&testid("mfa-code"));
    app.fill(&testid("mfa-code"), "123456");
    app.execute(
        "setTimeout(() => document.querySelector(arguments[0]).click(), 50)",
        serde_json::json!([testid("mfa-submit")]),
    );
    let out = child.wait_with_output().expect("credential-process");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["Version"], 1);
    assert!(json["SessionToken"].is_string());
    assert_eq!(world.sts_calls("GetSessionToken"), 1);
    assert_eq!(world.sts_calls("AssumeRole"), 1);
}
