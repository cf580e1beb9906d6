//! An AWS Sign-In source from the tray and the window, as a person meets
//! it: "Sign in to NAME (AWS console)…" opens the browser, which comes back
//! to RoleTray; the signed-in identity is then in the menu like a role, and
//! assuming it makes it the active role. The window's first-run page
//! offers it first, and its Sources section signs in, cancels a wait,
//! signs out and removes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::signin::SigninStandIn;
use roletray_tests::{
    AppWindow, Desktop, DesktopOptions, World, WorldOptions, install_browser, poll, set_browser,
};
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

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

fn row(child: &str) -> String {
    format!(
        "[data-testid=signin-row][data-signin=\"console\"] {}",
        testid(child)
    )
}

// A fresh profile on a desktop without a tray host: the first-run page's
// "Sign in with your AWS console account" adds the source and signs in in
// the browser; Sources shows who and until when, cancels a sign-in nobody
// finishes, signs out and removes.
#[test]
fn the_window_starts_with_a_console_sign_in() {
    let mut world = World::start(WorldOptions::default());
    let config = SigninStandIn::with_moto_role(&world, "dev", json!({}));
    let standin = SigninStandIn::start(&mut world, &config);
    install_browser(&mut world);
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = AppWindow::launch(&world, &desktop);
    app.wait_for(&testid("start-page"));
    app.click(&testid("start-add-signin"));
    app.wait_for(&testid("signin-add-dialog"));
    app.fill("#signin-add-form-name", "console");
    app.fill("#signin-add-form-region", "eu-west-1");
    app.click(&testid("signin-add-save"));
    app.click(&testid("tab-sources"));
    let state = app.wait_until("the sign-in", |w| {
        let state = w.text(&row("signin-state"));
        state
            .starts_with("Signed in until")
            .then_some(state.clone())
            .ok_or(state)
    });
    assert!(!state.is_empty());
    assert!(
        app.text(&row("signin-identity"))
            .contains(":assumed-role/dev/"),
        "{}",
        app.text("[data-testid=signin-row]")
    );
    assert!(!app.is_shown(&testid("start-page")));
    assert_eq!(standin.tokens_issued("authorization_code"), 1);
    // For docs/tray-app.md, as the other screenshots.
    if std::env::var_os("ROLETRAY_SCREENSHOTS").is_some_and(|v| !v.is_empty()) {
        let dir = roletray_tests::workspace_root().join("docs/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("console-sign-in.png"), app.screenshot_png()).unwrap();
    }
    // The CLI is served the same sign-in.
    let out = world.run_ok(&["credential-process", "console"], None);
    assert!(out.stdout.contains("SessionToken"));

    app.click(&row("signin-sign-out"));
    app.wait_until("the sign-out", |w| {
        let state = w.text(&row("signin-state"));
        (state == "Not signed in").then_some(()).ok_or(state)
    });
    let (code, _) = world.run_err(&["credential-process", "console"], None);
    assert_eq!(code, "sign_in_required");

    // Nobody finishes the sign-in in the browser: Cancel ends the wait.
    set_browser(&world, "ignore");
    app.click(&row("signin-sign-in"));
    app.wait_for(&row("signin-cancel"));
    app.click(&row("signin-cancel"));
    app.wait_until("the wait to end", |w| {
        (!w.is_shown(&row("signin-cancel")))
            .then_some(())
            .ok_or_else(|| "still waiting".to_owned())
    });
    assert_eq!(app.text(&row("signin-state")), "Not signed in");
    assert_eq!(standin.tokens_issued("authorization_code"), 1);

    app.click(&row("signin-remove"));
    app.click(&testid("confirm-ok"));
    app.wait_until("the source gone", |w| {
        (!w.is_shown("[data-testid=signin-row]"))
            .then_some(())
            .ok_or_else(|| "still listed".to_owned())
    });
    let list = world.run_ok(&["signin", "list", "--json"], None);
    assert_eq!(list.stdout.trim(), "[]");
}

// The AWS CLI is signed in with `aws login`: the window's import report
// offers to move that sign-in into the keychain, and doing so switches the
// profile to RoleTray (the other profiles untouched) and deletes the cache
// file; Settings → Restore the AWS config file puts the profile back.
#[test]
fn the_import_report_takes_over_the_aws_cli_sign_in() {
    let mut world = World::start(WorldOptions::default());
    let config = SigninStandIn::with_moto_role(&world, "dev", json!({}));
    let standin = SigninStandIn::start(&mut world, &config);
    let session = standin.sign_in_as_aws_cli(&world);
    let original = format!(
        "[profile other]\nregion = eu-west-1\n\n[profile console]\nlogin_session = {session}\nregion = eu-west-1\n"
    );
    std::fs::write(&world.aws_config, &original).unwrap();
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = AppWindow::launch(&world, &desktop);
    app.click(&testid("tab-roles"));
    app.click(&testid("roles-import"));
    app.wait_for(&testid("import-report"));
    assert_eq!(
        app.text(&testid("remove-imported-keys")),
        "Move these AWS CLI sign-ins into the keychain"
    );
    app.click(&testid("remove-imported-keys"));
    let switched = original.replace(
        &format!("login_session = {session}"),
        &format!(
            "credential_process = {} credential-process console",
            roletray_tests::roletray_bin().display()
        ),
    );
    poll("the profile switched", Duration::from_secs(20), || {
        let text = std::fs::read_to_string(&world.aws_config).unwrap_or_default();
        (text == switched).then_some(()).ok_or(text)
    });
    let report = app.text(&testid("import-report"));
    assert!(report.contains("taken over from the AWS CLI"), "{report}");
    let cache = SigninStandIn::aws_cli_cache_dir(&world);
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 0);
    app.click(&testid("import-report-close"));
    app.click(&testid("tab-sources"));
    app.wait_until("the sign-in in Sources", |w| {
        let state = w.text(&row("signin-state"));
        state
            .starts_with("Signed in until")
            .then_some(())
            .ok_or(state)
    });
    let out = world.run_ok(&["credential-process", "console"], None);
    assert!(out.stdout.contains("SessionToken"));

    app.click(&testid("tab-settings"));
    app.click(&testid("restore-config"));
    app.click(&testid("confirm-ok"));
    poll("the config file restored", Duration::from_secs(20), || {
        let text = std::fs::read_to_string(&world.aws_config).unwrap_or_default();
        (text == original).then_some(()).ok_or(text)
    });
}
