//! The window's trust actions, done as a person would: restore the AWS
//! credentials file, reset the endpoint's tokens.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{AppWindow, Desktop, DesktopOptions, World, WorldOptions, poll};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// The status of a GET of `url` with `token`.
fn status(url: &str, token: &str) -> u16 {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_once('/').unwrap();
    let mut stream = TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let request = format!(
        "GET /{path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: {token}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    raw.split_whitespace().nth(1).unwrap().parse().unwrap()
}

// Settings → "Restore the AWS credentials file…" → Restore: the file has
// every byte back; Settings → "Reset endpoint tokens": the app's endpoint
// refuses the tokens it handed out before, and serves new ones.
#[test]
fn the_window_restores_the_credentials_file_and_resets_endpoint_tokens() {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let original = "# mine\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzLONGLIVED\n";
    std::fs::write(&world.aws_credentials, original).unwrap();
    world.run_ok(&["write-profile", "dev", "--profile", "work"], None);
    assert_ne!(
        std::fs::read_to_string(&world.aws_credentials).unwrap(),
        original
    );

    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = AppWindow::launch(&world, &desktop);
    app.click(&testid("tab-settings"));
    app.click(&testid("restore-credentials"));
    app.click(&testid("confirm-ok"));
    poll(
        "the credentials file restored",
        Duration::from_secs(20),
        || {
            let text = std::fs::read_to_string(&world.aws_credentials).unwrap_or_default();
            (text == original).then_some(()).ok_or(text)
        },
    );

    let endpoint = world.roletray_runtime_dir().join("endpoint.json");
    poll("the app's endpoint", Duration::from_secs(30), || {
        endpoint
            .exists()
            .then_some(())
            .ok_or_else(|| "no endpoint.json".to_owned())
    });
    let (url, old) = world.live("dev");
    assert_eq!(status(&url, &old), 200);
    app.click(&testid("reset-endpoint-tokens"));
    // It asks first: every live export line handed out stops working.
    app.click(&testid("confirm-ok"));
    poll(
        "the old token refused",
        Duration::from_secs(20),
        || match status(&url, &old) {
            403 => Ok(()),
            other => Err(format!("HTTP {other}")),
        },
    );
    let (same, new) = world.live("dev");
    assert_eq!(same, url);
    assert_eq!(status(&url, &new), 200);
}

// Roles → "Import from AWS config": the report offers to take the imported
// keys out of ~/.aws/credentials; doing so leaves the rest of the file.
#[test]
fn the_import_report_removes_the_imported_keys_from_the_credentials_file() {
    let mut world = World::start(WorldOptions::default());
    let alice = world.moto.alice.clone();
    std::fs::write(
        &world.aws_credentials,
        format!(
            "[alice]\naws_access_key_id = {}\naws_secret_access_key = {}\nregion = us-east-1\n",
            alice.access_key_id, alice.secret_access_key
        ),
    )
    .unwrap();
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = AppWindow::launch(&world, &desktop);
    app.click(&testid("tab-roles"));
    app.click(&testid("roles-import"));
    app.wait_for(&testid("import-report"));
    app.click(&testid("remove-imported-keys"));
    app.click(&testid("confirm-ok"));
    poll("the keys out of the file", Duration::from_secs(20), || {
        let text = std::fs::read_to_string(&world.aws_credentials).unwrap_or_default();
        (text == "[alice]\nregion = us-east-1\n")
            .then_some(())
            .ok_or(text)
    });
    let report = app.text(&testid("import-report"));
    assert!(report.contains("keys removed"), "{report}");
    // RoleTray has them: the source works.
    world.add_role("dev", "dev", &["--source", "alice"]);
    world.run_ok(&["assume", "dev"], None);
}

// What RoleTray copies carries the hint clipboard managers honour to keep it
// out of their history (x-kde-passwordManagerHint, among the X11 targets the
// owner offers), beside the text itself.
#[test]
fn copied_secrets_are_kept_out_of_clipboard_history() {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let desktop = Desktop::start(
        &mut world,
        DesktopOptions {
            tray_host: true,
            ..DesktopOptions::default()
        },
    );
    let _app = desktop.start_app(&world, &[]);
    desktop.tray_click_label(&world, "dev");
    desktop.tray_click_label(&world, "Copy export lines (bash)");
    poll("the copied lines", Duration::from_secs(20), || {
        let text = desktop.clipboard(&world);
        text.contains("AWS_SECRET_ACCESS_KEY")
            .then_some(())
            .ok_or(text)
    });
    let mut targets = world.command("xclip");
    targets.args(["-selection", "clipboard", "-o", "-t", "TARGETS"]);
    let out = roletray_tests::run_command(targets, None);
    assert!(
        out.stdout
            .lines()
            .any(|t| t.trim() == "x-kde-passwordManagerHint"),
        "{}",
        out.stdout
    );
}
