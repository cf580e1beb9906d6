//! IAM Identity Center on the desktop, as a person uses it: the tray offers
//! to sign in, the window signs in (the browser, or a code it shows), the
//! accounts' roles appear in the tray and are assumed from it, and signing
//! out empties them again. Against the local OIDC and portal stand-in.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{
    AppWindow, Desktop, DesktopOptions, SsoStandIn, World, WorldOptions, poll, set_browser,
};
use serde_json::json;
use std::time::Duration;

const ADMIN_LABEL: &str = "account-0001 (100000000001) · AdministratorAccess";

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

fn sso_row(child: &str) -> String {
    format!("[data-testid=sso-row][data-sso=\"acme\"] {}", testid(child))
}

#[test]
fn the_window_signs_in_and_the_tray_assumes_an_identity_center_role() {
    let mut world = World::start(WorldOptions::default());
    let config = SsoStandIn::with_moto_role(&world, "dev", json!({}));
    let sso = SsoStandIn::start(&mut world, &config);
    SsoStandIn::add_acme(&world);
    let desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    let app = AppWindow::launch(&world, &desktop);
    desktop.menu_until(&world, "the tray's offer to sign in", |m| {
        m.iter()
            .any(|e| e.label == "Sign in to acme (Identity Center)…")
    });

    // Signed in from the window, in the browser.
    app.click(&testid("tab-sources"));
    app.click(&sso_row("sso-sign-in"));
    app.wait_until("the sign-in", |w| {
        let state = w.text(&sso_row("sso-state"));
        state
            .starts_with("Signed in until")
            .then_some(())
            .ok_or(state)
    });
    assert!(
        app.text("[data-testid=sso-row]")
            .contains("3 accounts, 6 roles")
    );
    assert_eq!(sso.calls("CreateToken"), 1);
    // For docs/tray-app.md, as the other screenshots.
    if std::env::var_os("ROLETRAY_SCREENSHOTS").is_some_and(|v| !v.is_empty()) {
        let dir = roletray_tests::workspace_root().join("docs/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("identity-center.png"), app.screenshot_png()).unwrap();
    }

    // The tray lists the roles by account, and assumes one.
    desktop.menu_until(&world, "the roles in the tray", |m| {
        m.iter().any(|e| e.label == ADMIN_LABEL)
    });
    desktop.tray_click_label(&world, ADMIN_LABEL);
    desktop.menu_until(&world, "the role active in the tray", |m| {
        m.iter()
            .any(|e| e.label.starts_with(&format!("✓ {ADMIN_LABEL} — ")))
    });
    assert_eq!(sso.calls("GetRoleCredentials"), 1);
    // A tool's credential_process is answered by the running app's endpoint
    // (the role's name, slashes and all, is one path segment there).
    let role = "acme/100000000001/AdministratorAccess";
    let out = world.run_ok(&["credential-process", role], None);
    assert!(out.stdout.contains("\"Version\":1"), "{}", out.stdout);
    let log = world.app_log();
    assert!(log.contains(&format!(" 200 role={role}")), "{log}");
    assert_eq!(sso.calls("GetRoleCredentials"), 1);

    // Signed out: the tray offers to sign in again.
    app.click(&sso_row("sso-sign-out"));
    app.wait_until("the sign-out", |w| {
        let state = w.text(&sso_row("sso-state"));
        (state == "Not signed in").then_some(()).ok_or(state)
    });
    desktop.menu_until(&world, "the offer to sign in again", |m| {
        m.iter()
            .any(|e| e.label == "Sign in to acme (Identity Center)…")
    });

    // With a code: the window shows it until the person confirms it, or
    // cancels the sign-in.
    set_browser(&world, "ignore");
    app.click(&sso_row("sso-sign-in-code"));
    app.wait_for(&sso_row("sso-user-code"));
    app.click(&sso_row("sso-cancel"));
    app.wait_until("the sign-in to be cancelled", |w| {
        (!w.is_shown(&testid("sso-pending")))
            .then_some(())
            .ok_or_else(|| {
                let log = world.app_log();
                let tail: String = log.lines().rev().take(15).collect::<Vec<_>>().join("\n");
                format!("still waiting; the app's log, newest first:\n{tail}")
            })
    });
    assert_eq!(app.text(&sso_row("sso-state")), "Not signed in");
    app.click(&sso_row("sso-sign-in-code"));
    let code = app.wait_until("the code in the window", |w| {
        let code = w.text(&sso_row("sso-user-code"));
        (!code.is_empty()).then_some(code.clone()).ok_or(code)
    });
    assert!(app.text(&sso_row("sso-pending-url")).contains("/device"));
    sso.control("approve_device", json!({ "user_code": code }));
    app.wait_until("the sign-in with the code", |w| {
        let state = w.text(&sso_row("sso-state"));
        state
            .starts_with("Signed in until")
            .then_some(())
            .ok_or_else(|| {
                let log = world.app_log();
                let tail: String = log.lines().rev().take(12).collect::<Vec<_>>().join("\n");
                format!(
                    "{state}; the app's log, newest first:\n{tail}\nthe stand-in: {}",
                    sso.stats()
                )
            })
    });
    assert!(!app.is_shown(&testid("sso-pending")));
}

/// A sign-in near its end warns as a session does, and the notification's
/// "Sign in again" signs in again (the browser, as the tray would).
#[test]
fn a_sign_in_about_to_end_offers_to_sign_in_again() {
    let mut world = World::start(WorldOptions::default());
    // Client registrations that last 15 minutes, warned 14 min 50 s before.
    let config = SsoStandIn::with_moto_role(&world, "dev", json!({ "client_seconds": 900 }));
    let sso = SsoStandIn::start(&mut world, &config);
    world.run_ok(&["config", "set", "notify-before", "890"], None);
    SsoStandIn::add_acme(&world);
    world.run_ok(&["sso", "login", "acme"], None);
    assert_eq!(sso.calls("CreateToken"), 1);
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let _app = AppWindow::launch(&world, &desktop);
    poll(
        "the warning that the sign-in ends",
        Duration::from_secs(40),
        || match desktop.notifications_displayed(&world) {
            0 => Err("no notification shown".into()),
            _ => Ok(()),
        },
    );
    desktop.pick_notification_action(&world, "Sign in again (Sign-in to acme ends soon)");
    poll("the new sign-in", Duration::from_secs(30), || {
        match sso.calls("CreateToken") {
            2 => Ok(()),
            n => Err(format!(
                "{n} CreateToken calls; menu offered: {}",
                desktop.offered_actions()
            )),
        }
    });
    // The token comes before the app has kept it and said so in its log.
    poll(
        "the sign-in in the app's log",
        Duration::from_secs(30),
        || {
            let log = world.app_log();
            log.contains("Signed in to Identity Center source acme")
                .then_some(())
                .ok_or(log)
        },
    );
}
