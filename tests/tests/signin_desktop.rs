//! An AWS Sign-In source from the tray, as a person meets it: "Sign in to
//! NAME (AWS console)…" opens the browser, which comes back to RoleTray;
//! the signed-in identity is then in the menu like a role, and assuming it
//! makes it the active role.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::signin::SigninStandIn;
use roletray_tests::{Desktop, DesktopOptions, World, WorldOptions, install_browser, poll};
use serde_json::json;
use std::time::Duration;

#[test]
fn the_tray_signs_in_and_assumes_the_identity() {
    let mut world = World::start(WorldOptions::default());
    let config = SigninStandIn::with_moto_role(&world, "dev", json!({}));
    let standin = SigninStandIn::start(&mut world, &config);
    install_browser(&mut world);
    world.run_ok(&["signin", "add", "me", "--region", "eu-west-1"], None);
    let desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    let _app = desktop.start_app(&world, &[]);

    let offer = "Sign in to me (AWS console)…";
    desktop.menu_until(&world, "the offer to sign in", |m| {
        m.iter().any(|e| e.label == offer)
    });
    desktop.tray_click_label(&world, offer);
    desktop.menu_until(&world, "the identity in the menu", |m| {
        m.iter().any(|e| e.label == "me") && !m.iter().any(|e| e.label == offer)
    });
    assert_eq!(standin.tokens_issued("authorization_code"), 1);
    poll("the signed-in notice", Duration::from_secs(10), || {
        desktop.close_notifications(&world);
        let history = desktop.notification_history(&world);
        history
            .iter()
            .find(|n| n.summary == "Signed in to me")
            .map(|n| n.body.clone())
            .ok_or_else(|| format!("{history:?}"))
    });

    desktop.tray_click_label(&world, "me");
    desktop.menu_until(&world, "the identity active", |m| {
        m.iter().any(|e| e.label.starts_with("✓ me — "))
    });
    // The CLI, meanwhile, is served the same sign-in.
    let out = world.run_ok(&["credential-process", "me"], None);
    assert!(out.stdout.contains("SessionToken"));
}
