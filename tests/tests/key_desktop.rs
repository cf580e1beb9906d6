//! A key past `key-max-age`, as a person meets it on a desktop: the tray
//! app reads the key's facts from IAM on its own, marks the source in the
//! tray menu, notifies once with "Rotate now", and that button rotates the
//! key on AWS. dora's keys are 400 days old in moto (`fixtures/moto_shim`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use roletray_tests::{AppWindow, Desktop, DesktopOptions, MenuEntry, World, WorldOptions, poll};

const MARK: &str = "⚠ Rotate the key of dora";

fn marked(menu: &[MenuEntry]) -> bool {
    menu.iter().any(|e| e.label.starts_with(MARK))
}

#[test]
fn an_old_key_is_marked_and_its_notification_rotates_it() {
    let mut world = World::start(WorldOptions::default());
    let dora = world.moto.dora.clone();
    world.add_source("dora", &dora.access_key_id, &dora.secret_access_key, &[]);
    world.add_role("dev", "dev", &["--source", "dora"]);
    let desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    let _app = desktop.start_app(&world, &[]);

    // The app reads the facts by itself and marks the source in the menu.
    let menu = desktop.menu_until(&world, "the key reminder in the tray menu", marked);
    let entry = menu.iter().find(|e| e.label.starts_with(MARK)).unwrap();
    assert!(entry.label.contains("400 days old"), "{}", entry.label);

    // One notification, with Rotate now.
    poll(
        "the key reminder notification",
        Duration::from_secs(20),
        || match desktop.notifications_displayed(&world) {
            0 => Err("no notification shown".into()),
            _ => Ok(()),
        },
    );
    let summary = "Rotate the key of dora";
    desktop.pick_notification_action(&world, &format!("Rotate now ({summary})"));
    poll("the rotation on AWS", Duration::from_secs(30), || {
        let keys = world.iam_keys("dora");
        match keys.as_slice() {
            [one] if one.id != dora.access_key_id && one.active => Ok(()),
            other => Err(format!("{other:?}")),
        }
    });
    assert_eq!(world.source_key_id("dora"), world.iam_keys("dora")[0].id);

    // The new key is young: the mark goes, and roles assume with it.
    desktop.menu_until(&world, "the mark gone after the rotation", |m| !marked(m));
    world.run_ok(&["assume", "dev", "--renew"], None);

    desktop.close_notifications(&world);
    let history = desktop.notification_history(&world);
    let reminders = history.iter().filter(|n| n.summary == summary).count();
    assert_eq!(reminders, 1, "reminded once: {history:?}");
    assert!(
        history.iter().any(|n| n.summary == "Key rotated"),
        "{history:?}"
    );
}

// The same key in the window: Sources shows its age and the reminder, and
// Rotate key rotates it; the page only ever sees key ids masked.
#[test]
fn sources_show_the_key_and_rotate_it() {
    let mut world = World::start(WorldOptions::default());
    let dora = world.moto.dora.clone();
    world.add_source("dora", &dora.access_key_id, &dora.secret_access_key, &[]);
    world.add_role("dev", "dev", &["--source", "dora"]);
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = AppWindow::launch(&world, &desktop);

    app.click("[data-testid=tab-sources]");
    let row = "[data-testid=source-row][data-source=\"dora\"]";
    let facts = format!("{row} [data-testid=source-key-facts]");
    let text = app.wait_until("the key facts in Sources", |app| {
        let t = app.text(&facts);
        if t.contains("400 days") {
            Ok(t)
        } else {
            Err(t)
        }
    });
    assert!(text.contains("rotate after 90"), "{text}");
    assert!(!text.contains(&dora.access_key_id), "{text}");

    app.click(&format!("{row} [data-testid=source-rotate]"));
    // It asks first: the old key is deleted in AWS.
    app.click("[data-testid=confirm-ok]");
    let text = app.wait_until("the new key's facts", |app| {
        let t = app.text(&facts);
        if t.contains("key made today") {
            Ok(t)
        } else {
            Err(t)
        }
    });
    assert!(!text.contains("rotate after"), "{text}");
    let keys = world.iam_keys("dora");
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert_ne!(keys[0].id, dora.access_key_id);
    let page = app.text("body");
    assert!(!page.contains(&keys[0].id), "the page shows a whole key id");
}
