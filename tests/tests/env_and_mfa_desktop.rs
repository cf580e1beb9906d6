//! On a desktop: MFA codes from a YubiKey (the fake `ykman` of
//! `tests/fixtures/bin`) with no code typed, the notification and window
//! that say to touch it while it waits, and production that looks like
//! production: the tray's badge and label, the window's band, and the
//! question before a production role is assumed from the tray.
//!
//! The MFA worlds run with moto's authentication off (it does not accept
//! GetSessionToken's credentials), as the other MFA tests.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{
    AppWindow, Desktop, DesktopOptions, KeyringState, MenuEntry, World, WorldOptions, poll,
};
use std::process::Stdio;
use std::time::Duration;

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

fn labels(menu: &[MenuEntry]) -> Vec<String> {
    menu.iter().map(|e| e.label.clone()).collect()
}

/// A world whose source alice gets her MFA codes from a YubiKey that takes
/// `touch` seconds to be touched.
fn world_with_yubikey(touch: &str) -> World {
    let mut world = World::start(WorldOptions {
        auth: false,
        keyring: KeyringState::Unlocked,
    });
    world.set_env("FAKE_YKMAN_DELAY", touch);
    world.set_env(
        "FAKE_YKMAN_LOG",
        world.root().join("ykman.log").display().to_string(),
    );
    world.add_alice_with_yubikey("aws-alice");
    world.add_role("dev", "dev", &["--source", "alice"]);
    world
}

fn ykman_runs(world: &World) -> usize {
    std::fs::read_to_string(world.root().join("ykman.log"))
        .unwrap_or_default()
        .lines()
        .count()
}

// The tray assumes an MFA role with no code typed: a notification says to
// touch the YubiKey while it waits, and goes when the key answers.
#[test]
fn the_tray_gets_the_code_from_the_yubikey_and_says_to_touch_it() {
    let mut world = world_with_yubikey("6");
    let desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    let _app = desktop.start_app(&world, &[]);
    desktop.menu_until(&world, "dev in the tray", |m| {
        m.iter().any(|e| e.label == "dev")
    });
    desktop.tray_click_label(&world, "dev");
    poll(
        "the notice to touch the key",
        Duration::from_secs(10),
        || match desktop.notifications_displayed(&world) {
            0 => Err("no notification shown".to_owned()),
            _ => Ok(()),
        },
    );
    let menu = desktop.menu_until(&world, "dev assumed", |m| {
        m.iter().any(|e| e.label.starts_with("✓ dev — "))
    });
    assert!(labels(&menu).iter().any(|l| l.starts_with("✓ dev")));
    assert_eq!(ykman_runs(&world), 1);
    assert_eq!(world.sts_calls("GetSessionToken"), 1);
    // The notice went when the key answered (it is in dunst's history).
    poll(
        "the notice closed",
        Duration::from_secs(10),
        || match desktop.notifications_displayed(&world) {
            0 => Ok(()),
            n => Err(format!("{n} shown")),
        },
    );
    let history = desktop.notification_history(&world);
    let touch = history
        .iter()
        .find(|n| n.summary == "Touch your YubiKey")
        .unwrap_or_else(|| panic!("{history:?}"));
    assert!(touch.body.contains("dev"), "{touch:?}");
}

// An IDE's `credential_process` with no terminal, the app running: the app
// runs the device's command, and its MFA window says to touch the key while
// it waits, then closes by itself; the tool gets its credentials.
#[test]
fn a_tool_without_a_terminal_gets_its_code_from_the_yubikey_through_the_app() {
    // The key takes 6 s: time enough to see its window under load.
    let mut world = world_with_yubikey("6");
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = AppWindow::launch(&world, &desktop);
    let main = app.current_window();
    let endpoint = world.runtime_dir.join("roletray/endpoint.json");
    poll("the app's endpoint", Duration::from_secs(30), || {
        endpoint
            .exists()
            .then_some(())
            .ok_or_else(|| "not yet".to_owned())
    });
    let child = world
        .roletray(&["credential-process", "dev"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    app.switch_to_new_window(&main, "the MFA window, waiting for the key");
    // Both lines are set by the page's script: polled together, so a read
    // before it ran is just another try.
    app.wait_until("the touch notice", |w| {
        let title = w.text("#mfa-title");
        let t = w.text(&testid("mfa-waiting"));
        let seen = format!("{title} / {t}");
        (title == "Touch your YubiKey" && t.contains("type the code"))
            .then_some(())
            .ok_or(seen)
    });
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["SessionToken"].is_string());
    assert_eq!(ykman_runs(&world), 1, "the app ran the command once");
    assert_eq!(world.sts_calls("GetSessionToken"), 1);
    app.switch_to(&main);
}

/// A production role and a plain one, as a team would label them.
fn labelled_world() -> World {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role(
        "prod-admin",
        "dev",
        &["--source", "alice", "--environment", "production"],
    );
    world.add_role(
        "stage",
        "ops",
        &[
            "--source",
            "alice",
            "--environment",
            "staging",
            "--colour",
            "blue",
        ],
    );
    world
}

// From the tray, a production role asks first: Cancel assumes nothing,
// Assume assumes it. Once active, the tray's label names it and its
// environment, its icon carries the red badge, and the window shows the
// band. A tool asking for it meanwhile is never held up.
#[test]
fn production_asks_first_from_the_tray_and_shows_while_active() {
    let mut world = labelled_world();
    let desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    let app = AppWindow::launch(&world, &desktop);
    let main = app.current_window();
    let entry = "prod-admin [production]";
    desktop.menu_until(&world, "the marked role in the tray", |m| {
        m.iter().any(|e| e.label == entry)
    });

    // Cancel: nothing is assumed.
    desktop.tray_click_label(&world, entry);
    app.switch_to_new_window(&main, "the question");
    let question = app.wait_until("the question", |w| {
        let q = w.text(&testid("ask-question"));
        (!q.is_empty()).then(|| q.clone()).ok_or(q)
    });
    assert_eq!(question, "Assume prod-admin in 123456789012?");
    assert_eq!(app.text(&testid("ask-band")).to_lowercase(), "production");
    screenshot(&app, "production-question.png");
    // A tool is served meanwhile, unasked.
    world.run_ok(&["credential-process", "stage"], None);
    app.execute(
        "setTimeout(() => document.querySelector(arguments[0]).click(), 50)",
        serde_json::json!([testid("ask-cancel")]),
    );
    app.switch_to(&main);
    app.click(&testid("tab-activity"));
    app.wait_until("the cancel in Activity", |w| {
        let t = w.text("main");
        t.contains("prod-admin was not assumed: cancelled")
            .then_some(())
            .ok_or(t)
    });
    app.click(&testid("tab-sessions"));
    let assumed_for_prod = world
        .sts_params("AssumeRole", "RoleArn")
        .iter()
        .filter(|a| a.ends_with("role/dev"))
        .count();
    assert_eq!(assumed_for_prod, 0, "Cancel assumed prod-admin");

    // Assume: it is assumed and shows everywhere.
    desktop.tray_click_label(&world, entry);
    app.switch_to_new_window(&main, "the question, again");
    app.wait_for(&testid("ask-assume"));
    app.execute(
        "setTimeout(() => document.querySelector(arguments[0]).click(), 50)",
        serde_json::json!([testid("ask-assume")]),
    );
    app.switch_to(&main);
    desktop.menu_until(&world, "prod-admin active", |m| {
        m.iter()
            .any(|e| e.label.starts_with("✓ prod-admin [production] — "))
    });
    let item = tray_labelled(&desktop, &world, "prod-admin · production");
    assert_eq!(badge_colour(&item), Some([0xd9, 0x2d, 0x20]), "{item}");
    let band = app.wait_until("the band", |w| {
        let t = w.text(&testid("env-band"));
        t.contains("prod-admin").then(|| t.clone()).ok_or(t)
    });
    assert!(band.to_lowercase().contains("production"), "{band}");
    assert_eq!(
        app.attribute(&testid("env-band"), "data-colour").as_deref(),
        Some("red")
    );
    screenshot(&app, "production-band.png");

    // A staging role from the tray does not ask, and the badge follows it.
    desktop.tray_click_label(&world, "stage [staging]");
    let item = tray_labelled(&desktop, &world, "stage · staging");
    assert_eq!(badge_colour(&item), Some([0x1c, 0x7e, 0xd6]), "{item}");
}

/// For docs/: the window shown now, when ROLETRAY_SCREENSHOTS is set.
fn screenshot(app: &AppWindow, name: &str) {
    if std::env::var_os("ROLETRAY_SCREENSHOTS").is_some_and(|v| !v.is_empty()) {
        let dir = roletray_tests::workspace_root().join("docs/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), app.screenshot_png()).unwrap();
    }
}

/// The tray item once the text beside its icon is `label`.
fn tray_labelled(desktop: &Desktop, world: &World, label: &str) -> serde_json::Value {
    poll(
        &format!("the tray's label {label:?}"),
        Duration::from_secs(15),
        || {
            let item = desktop
                .tray_item(world)
                .ok_or_else(|| "no item".to_owned())?;
            let shown = item["XAyatanaLabel"].as_str().unwrap_or_default();
            (shown == label)
                .then(|| item.clone())
                .ok_or_else(|| shown.to_owned())
        },
    )
}

/// The colour in the middle of the badge of the icon the tray host shows
/// (appindicator hands it over as a PNG file: its name is the file's path,
/// or a name in its theme path).
fn badge_colour(item: &serde_json::Value) -> Option<[u8; 3]> {
    let name = item["IconName"].as_str()?;
    let path = if name.starts_with('/') {
        std::path::PathBuf::from(name)
    } else {
        std::path::Path::new(item["IconThemePath"].as_str()?).join(format!("{name}.png"))
    };
    // ImageMagick reads the pixel: the badge is a circle of a quarter of
    // the icon's width in its bottom-right corner (64 px icons).
    let out = std::process::Command::new("convert")
        .arg(&path)
        .args([
            "-format",
            "%[fx:int(255*p{48,48}.r)],%[fx:int(255*p{48,48}.g)],%[fx:int(255*p{48,48}.b)]",
            "info:",
        ])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let rgb: Vec<u8> = text
        .trim()
        .split(',')
        .filter_map(|c| c.parse().ok())
        .collect();
    rgb.try_into().ok()
}
