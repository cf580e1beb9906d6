//! The tray app end to end: the real binary under Xvfb, in the world's private
//! D-Bus session with gnome-keyring and dunst, driven through its window
//! (tauri-driver + WebKitWebDriver) and its tray menu (dbusmenu over a test
//! StatusNotifierWatcher), against moto with authentication on.
//!
//! The harness runs one desktop at a time (a lock inside `Desktop::start`),
//! so this binary needs no `--test-threads=1`. See tests/README.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use roletray_tests::{
    AppProcess, AppWindow, CLIENT_EXTERNAL_ID, Desktop, DesktopOptions, MenuEntry, Notification,
    World, WorldOptions, poll, run_command,
};

fn testid(id: &str) -> String {
    format!("[data-testid={id}]")
}

/// A Sessions row with a session (`session-row`) or without (`idle-row`).
fn row(kind: &str, role: &str) -> String {
    format!("[data-testid={kind}][data-role=\"{role}\"]")
}

/// "59:12" -> 3552; `None` for "1 h 05 min", "expired" and the like.
fn countdown_seconds(text: &str) -> Option<u64> {
    let (minutes, seconds) = text.trim().split_once(':')?;
    Some(minutes.parse::<u64>().ok()? * 60 + seconds.parse::<u64>().ok()?)
}

fn countdown_of(app: &AppWindow, role: &str) -> String {
    app.text(&format!("{} time.countdown", row("session-row", role)))
}

/// Waits until the clipboard holds export lines, and returns them.
fn copied_exports(world: &World, desktop: &Desktop) -> String {
    poll(
        "export lines on the clipboard",
        Duration::from_secs(10),
        || {
            let text = desktop.clipboard(world);
            text.contains("export AWS_SESSION_TOKEN=")
                .then(|| text.clone())
                .ok_or(text)
        },
    )
}

/// Evaluates `exports` in bash, then asks the AWS CLI who that is.
fn identity_of_exports(world: &World, exports: &str) -> String {
    let script = format!("{exports}\naws sts get-caller-identity --output text --query Arn\n");
    let mut bash = world.command("bash");
    bash.arg("-c").arg(script);
    let out = run_command(bash, None);
    assert!(out.success(), "bash + aws failed: {}", out.stderr);
    out.stdout.trim().to_owned()
}

fn fill_dialog(app: &AppWindow, fields: &[(&str, &str)]) {
    for (field, value) in fields {
        app.fill(&testid(field), value);
    }
}

// A first run done entirely in the window: a source with alice's real keys,
// two roles (one with an external ID), assume from the Sessions view, a live
// countdown, and the copied bash lines make the AWS CLI the assumed role.
#[test]
fn window_adds_source_and_roles_then_assumes_and_copies_exports() {
    let mut world = World::start(WorldOptions::default());
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = AppWindow::launch(&world, &desktop);
    let alice = world.moto.alice.clone();

    // No source and no role yet: the start page offers to add the key.
    app.wait_for(&testid("start-page"));
    app.click(&testid("start-add-source"));
    app.wait_for(&testid("source-add-dialog"));
    fill_dialog(
        &app,
        &[
            ("source-add-form-name", "alice"),
            ("source-add-form-accessKeyId", &alice.access_key_id),
            ("source-add-form-secretAccessKey", &alice.secret_access_key),
        ],
    );
    app.click(&testid("source-add-save"));
    app.click(&testid("tab-sources"));
    app.wait_for("[data-testid=source-row][data-source=\"alice\"]");
    // The secret went to the keychain, not to the config file.
    let config = std::fs::read_to_string(world.config_dir.join("roletray/config.toml")).unwrap();
    assert!(config.contains(&alice.access_key_id) && !config.contains(&alice.secret_access_key));
    let mut lookup = world.command("secret-tool");
    lookup.args(["lookup", "service", "roletray", "username", "source/alice"]);
    assert_eq!(
        run_command(lookup, None).stdout.trim(),
        alice.secret_access_key
    );

    // (name, role ARN, region, external ID)
    let roles = [
        ("dev", world.moto.role("dev").to_owned(), "eu-west-1", ""),
        (
            "client",
            world.moto.role("client").to_owned(),
            "",
            CLIENT_EXTERNAL_ID,
        ),
    ];
    app.click(&testid("tab-roles"));
    for (name, arn, region, external_id) in &roles {
        app.click(&testid("role-add"));
        app.wait_for(&testid("role-dialog"));
        fill_dialog(
            &app,
            &[
                ("role-form-name", name),
                ("role-form-roleArn", arn),
                ("role-form-region", region),
                ("role-form-externalId", external_id),
            ],
        );
        app.select(&testid("role-form-origin"), "source:alice");
        app.click(&testid("role-save"));
        app.wait_for(&row("role-row", name));
    }
    let listed = world.run_ok(&["role", "list", "--json"], None).stdout;
    assert!(listed.contains(CLIENT_EXTERNAL_ID), "{listed}");
    assert_eq!(world.sts_calls("AssumeRole"), 0);

    // Assume dev from the Sessions view.
    app.click(&testid("tab-sessions"));
    app.click(&format!(
        "{} {}",
        row("idle-row", "dev"),
        testid("role-assume")
    ));
    app.wait_for(&row("session-row", "dev"));
    assert_eq!(world.sts_calls("AssumeRole"), 1);
    assert_eq!(app.text("#active-status-text"), "dev");
    let arn = world.assumed_arn("dev", "roletray-tester");
    assert!(app.text(&row("session-row", "dev")).contains(&arn));

    // The countdown is live: it shows minutes:seconds under an hour and goes down.
    let first = app.wait_until("a mm:ss countdown", |app| {
        let text = countdown_of(app, "dev");
        countdown_seconds(&text).ok_or(text)
    });
    assert!((3500..3600).contains(&first), "{first}");
    app.wait_until("the countdown to go down", |app| {
        let text = countdown_of(app, "dev");
        match countdown_seconds(&text) {
            Some(now) if now < first => Ok(()),
            _ => Err(text),
        }
    });

    // Copy (bash): the lines on the clipboard make the AWS CLI the role.
    app.click(&format!(
        "{} {}",
        row("session-row", "dev"),
        testid("session-copy")
    ));
    let exports = copied_exports(&world, &desktop);
    assert!(
        exports.starts_with("export AWS_ACCESS_KEY_ID='"),
        "{exports}"
    );
    assert_eq!(identity_of_exports(&world, &exports), arn);
    assert_eq!(world.sts_calls("AssumeRole"), 1, "copy reuses the session");

    // The role with an external ID is assumed too (moto checks the ID).
    app.click(&format!(
        "{} {}",
        row("idle-row", "client"),
        testid("role-assume")
    ));
    app.wait_for(&row("session-row", "client"));
    let client_arn = world.assumed_arn("client", "roletray-tester");
    assert!(
        app.text(&row("session-row", "client"))
            .contains(&client_arn)
    );
    assert_eq!(world.sts_calls("AssumeRole"), 2);
}

// The warning before expiry reaches the notification server (here 890 s
// before a 900 s session ends, so ~10 s after assuming), and its Renew action
// assumes the role again; the window shows the new expiry.
#[test]
fn expiry_warning_notification_renews_from_its_action() {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice", "--duration", "900"]);
    world.run_ok(&["config", "set", "notify-before", "890"], None);
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = AppWindow::launch(&world, &desktop);

    app.click(&format!(
        "{} {}",
        row("idle-row", "dev"),
        testid("role-assume")
    ));
    app.wait_for(&row("session-row", "dev"));
    assert_eq!(world.sts_calls("AssumeRole"), 1);
    let countdown = format!("{} time.countdown", row("session-row", "dev"));
    let first_expiry = app.attribute(&countdown, "datetime").expect("datetime");
    assert_eq!(desktop.notifications_displayed(&world), 0);

    poll(
        "the expiry warning",
        Duration::from_secs(40),
        || match desktop.notifications_displayed(&world) {
            0 => Err("no notification shown".into()),
            _ => Ok(()),
        },
    );
    desktop.pick_notification_action(&world, "Renew (dev expires soon)");
    // dunst runs its dmenu after `dunstctl context` has returned.
    poll("dunst's context menu", Duration::from_secs(10), || {
        let offered = desktop.offered_actions();
        (offered.contains("#Renew (dev expires soon)")
            && offered.contains("#Dismiss (dev expires soon)"))
        .then_some(())
        .ok_or(offered)
    });
    poll("the renewal", Duration::from_secs(20), || {
        match world.sts_calls("AssumeRole") {
            2 => Ok(()),
            n => Err(format!("{n} AssumeRole calls")),
        }
    });

    // The window follows: a later expiry and a full countdown again.
    let renewed = app.wait_until("the new expiry in the window", |app| {
        let now = app.attribute(&countdown, "datetime").unwrap_or_default();
        if now == first_expiry {
            Err(now)
        } else {
            Ok(now)
        }
    });
    assert!(renewed > first_expiry, "{renewed} <= {first_expiry}");
    let shown = countdown_of(&app, "dev");
    let left = countdown_seconds(&shown).unwrap_or_else(|| panic!("not m:ss: {shown:?}"));
    assert!(left > 880, "{left} s left after renewing");

    desktop.close_notifications(&world);
    let history = desktop.notification_history(&world);
    let warning = history
        .iter()
        .find(|n| n.summary == "dev expires soon")
        .unwrap_or_else(|| panic!("no warning in {history:?}"));
    assert_eq!(warning.appname, "RoleTray");
    assert!(warning.body.contains("expires in"), "{}", warning.body);
}

fn find_entry<'a>(menu: &'a [MenuEntry], label: &str) -> Option<&'a MenuEntry> {
    menu.iter().find(|e| e.label == label)
}

fn labels(menu: &[MenuEntry]) -> Vec<String> {
    menu.iter().map(|e| e.label.clone()).collect()
}

/// Waits for a tray menu for which `ok` holds.
fn wait_for_menu(
    world: &World,
    desktop: &Desktop,
    what: &str,
    ok: impl Fn(&[MenuEntry]) -> bool,
) -> Vec<MenuEntry> {
    poll(what, Duration::from_secs(20), || {
        match desktop.tray_menu(world) {
            Some(menu) if ok(&menu) => Ok(menu),
            Some(menu) => Err(format!("{:?}", labels(&menu))),
            None => Err("no tray item registered".into()),
        }
    })
}

fn has_label_starting(menu: &[MenuEntry], prefix: &str) -> bool {
    menu.iter().any(|e| e.label.starts_with(prefix))
}

// The tray, with no window at all: the menu lists the roles, clicking one
// assumes it and makes it active, a second click switches roles, the active
// role's Copy puts working export lines on the clipboard, and Quit quits.
#[test]
fn tray_menu_lists_roles_and_switches_between_them() {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    world.add_role(
        "ops",
        "ops",
        &["--source", "alice", "--region", "us-east-1"],
    );
    let desktop = Desktop::start(
        &mut world,
        DesktopOptions {
            tray_host: true,
            ..DesktopOptions::default()
        },
    );
    let mut app = desktop.start_app(&world, &[]);

    let menu = wait_for_menu(&world, &desktop, "the roles in the tray menu", |m| {
        find_entry(m, "dev").is_some() && find_entry(m, "ops").is_some()
    });
    assert_eq!(
        labels(&menu),
        ["dev", "ops", "", "Open RoleTray", "Quit"],
        "no session yet: roles, then Open and Quit"
    );

    desktop.tray_click_label(&world, "dev");
    let menu = wait_for_menu(&world, &desktop, "dev active in the menu", |m| {
        has_label_starting(m, "✓ dev — ")
    });
    assert_eq!(world.sts_calls("AssumeRole"), 1);
    assert!(find_entry(&menu, "Copy export lines (bash)").is_some());
    assert!(find_entry(&menu, "Renew now").is_some());
    assert!(find_entry(&menu, "End session").is_some());

    desktop.tray_click_label(&world, "ops");
    let menu = wait_for_menu(&world, &desktop, "ops active, dev still live", |m| {
        has_label_starting(m, "✓ ops — ") && has_label_starting(m, "● dev — ")
    });
    assert_eq!(world.sts_calls("AssumeRole"), 2);
    let copy_as = find_entry(&menu, "Copy as").expect("a Copy as submenu");
    assert_eq!(
        labels(&copy_as.children),
        ["bash / zsh", "fish", "PowerShell", "cmd", "dotenv"]
    );
    let sessions = world.run_ok(&["sessions", "--json"], None).stdout;
    assert!(
        sessions.contains("\"dev\"") && sessions.contains("\"ops\""),
        "{sessions}"
    );

    desktop.tray_click_label(&world, "Copy export lines (bash)");
    let exports = copied_exports(&world, &desktop);
    assert_eq!(
        identity_of_exports(&world, &exports),
        world.assumed_arn("ops", "roletray-tester")
    );
    assert!(!app.exited(), "{}", app.log());

    // The live lines point the AWS CLI at the app's endpoint for ops.
    assert!(find_entry(&menu, "Open AWS console").is_some());
    desktop.tray_click_label(&world, "Copy live export lines");
    let live = poll(
        "live lines on the clipboard",
        Duration::from_secs(10),
        || {
            let text = desktop.clipboard(&world);
            text.contains("AWS_CONTAINER_AUTHORIZATION_TOKEN")
                .then(|| text.clone())
                .ok_or(text)
        },
    );
    assert_eq!(
        identity_of_exports(&world, &live),
        world.assumed_arn("ops", "roletray-tester")
    );

    // The app logged at trace level, and not one secret: not alice's key,
    // not the session's, not the endpoint token.
    let log = world.app_log();
    assert!(
        log.contains("STS AssumeRole") && log.contains("assumed"),
        "{log}"
    );
    let value_of = |text: &str, var: &str| -> String {
        let start = format!("export {var}=");
        let line = text
            .lines()
            .find(|l| l.starts_with(&start))
            .unwrap_or_else(|| panic!("no {var} in {text}"));
        line[start.len()..]
            .trim_matches(['\'', '"', ' '])
            .to_owned()
    };
    for secret in [
        world.moto.alice.secret_access_key.clone(),
        value_of(&exports, "AWS_SECRET_ACCESS_KEY"),
        value_of(&exports, "AWS_SESSION_TOKEN"),
        value_of(&live, "AWS_CONTAINER_AUTHORIZATION_TOKEN"),
    ] {
        assert!(secret.len() >= 20, "{secret:?} is not a secret");
        assert!(!log.contains(&secret), "a secret reached the app's log");
        assert!(!app.log().contains(&secret), "a secret reached stderr");
    }

    desktop.tray_click_label(&world, "Quit");
    poll("the app to quit", Duration::from_secs(10), || {
        app.exited()
            .then_some(())
            .ok_or_else(|| "still running".into())
    });
}

// Screenshots of the main views with real content, for README.md and
// docs/tray-app.md. Always taken (and checked to be PNGs); written to
// docs/screenshots/ only when ROLETRAY_SCREENSHOTS is set.
#[test]
fn screenshots_of_the_main_views() {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.run_ok(
        &[
            "source",
            "add",
            "contractor",
            "--access-key-id",
            &world.moto.bob.access_key_id,
            "--region",
            "eu-west-1",
        ],
        Some(&format!("{}\n", world.moto.bob.secret_access_key)),
    );
    world.add_role(
        "dev",
        "dev",
        &["--source", "alice", "--region", "eu-west-1", "--favourite"],
    );
    world.add_role("ops", "ops", &["--source", "alice"]);
    world.add_role(
        "client",
        "client",
        &["--source", "alice", "--external-id", CLIENT_EXTERNAL_ID],
    );
    world.add_role("reports", "dev", &["--source", "contractor"]);
    world.run_ok(&["assume", "ops"], None);
    // A desktop with tray icons, as most are (without, the window adds its notice).
    let desktop = Desktop::start(
        &mut world,
        DesktopOptions {
            tray_host: true,
            ..DesktopOptions::default()
        },
    );
    let app = AppWindow::launch(&world, &desktop);

    app.wait_for(&row("session-row", "ops"));
    app.click(&format!(
        "{} {}",
        row("idle-row", "dev"),
        testid("role-assume")
    ));
    app.wait_for(&row("session-row", "dev"));
    // Its confirmation toast, which must be gone before the pictures.
    app.wait_until("the assume toast", |app| {
        let toast = app.text(&testid("toast"));
        toast
            .contains("dev is now the active role")
            .then_some(())
            .ok_or(toast)
    });

    let dir = std::env::var_os("ROLETRAY_SCREENSHOTS")
        .filter(|v| !v.is_empty())
        .map(|_| roletray_tests::workspace_root().join("docs/screenshots"));
    for (view, shown) in [
        ("sessions", row("session-row", "dev")),
        ("roles", row("role-row", "client")),
        (
            "sources",
            "[data-testid=source-row][data-source=\"contractor\"]".to_owned(),
        ),
        ("settings", testid("settings-save")),
    ] {
        app.click(&testid(&format!("tab-{view}")));
        app.wait_for(&shown);
        app.wait_until("the toast to fade out", |app| {
            let state = app.execute(
                "const toast = document.getElementById('toast');\n\
                 return getComputedStyle(toast).opacity + ' ' + document.getAnimations().length;",
                serde_json::json!([]),
            );
            // Fully transparent, and no transition still running.
            (state == "0 0").then_some(()).ok_or(state.to_string())
        });
        let png = app.screenshot_png();
        assert!(
            png.len() > 10_000,
            "{view}: a {} byte screenshot",
            png.len()
        );
        if let Some(dir) = &dir {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("{view}.png")), &png).unwrap();
        }
    }
}

/// Starts the tray app (with a tray host) and clicks `role` in its menu.
fn tray_app_clicking(world: &mut World, role: &str) -> (Desktop, AppProcess) {
    let desktop = Desktop::start(
        world,
        DesktopOptions {
            tray_host: true,
            ..DesktopOptions::default()
        },
    );
    let app = desktop.start_app(world, &[]);
    wait_for_menu(world, &desktop, "the role in the tray menu", |m| {
        find_entry(m, role).is_some()
    });
    desktop.tray_click_label(world, role);
    (desktop, app)
}

/// Starts the tray app with a tray host, clicks `role` in its menu, and
/// returns the failure notification that follows (and the running app).
fn tray_click_fails(world: &mut World, role: &str) -> (Desktop, AppProcess, Notification) {
    let (desktop, app) = tray_app_clicking(world, role);
    poll(
        "the failure notification",
        Duration::from_secs(20),
        || match desktop.notifications_displayed(world) {
            0 => Err("no notification shown".into()),
            _ => Ok(()),
        },
    );
    desktop.close_notifications(world);
    let history = desktop.notification_history(world);
    let summary = format!("RoleTray: assume {role} failed");
    let failure = history
        .iter()
        .find(|n| n.summary == summary)
        .cloned()
        .unwrap_or_else(|| panic!("no failure notification in {history:?}"));
    (desktop, app, failure)
}

// A failure started from the tray becomes a notification naming the action
// and the reason; the app stays up and the menu keeps working.
#[test]
fn tray_failures_become_notifications() {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role(
        "client",
        "client",
        &["--source", "alice", "--external-id", "not-the-right-id"],
    );
    let (desktop, mut app, failure) = tray_click_fails(&mut world, "client");
    assert!(failure.body.contains("access denied"), "{}", failure.body);
    assert!(!app.exited(), "{}", app.log());
    // The menu still answers, without a session for client.
    wait_for_menu(&world, &desktop, "the menu after the failure", |m| {
        find_entry(m, "client").is_some() && find_entry(m, "Quit").is_some()
    });
}

// With no notification server, the expiry warning is not lost: the window's
// Activity list shows it, and says notifications are unavailable.
#[test]
fn without_a_notification_server_warnings_show_in_the_window() {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice", "--duration", "900"]);
    world.run_ok(&["config", "set", "notify-before", "895"], None);
    let desktop = Desktop::start(
        &mut world,
        DesktopOptions {
            no_notification_server: true,
            ..DesktopOptions::default()
        },
    );
    let app = AppWindow::launch(&world, &desktop);
    app.click(&format!(
        "{} {}",
        row("idle-row", "dev"),
        testid("role-assume")
    ));
    app.wait_for(&row("session-row", "dev"));
    app.click(&testid("tab-activity"));
    let text = app.wait_until("the warning in the Activity list", |app| {
        let text = app.text("main");
        if text.contains("expires in") && text.contains("notifications are not available") {
            Ok(text)
        } else {
            Err(text)
        }
    });
    assert!(text.contains("dev"), "{text}");
}

/// Clicks Assume on `role`'s row from the page, without awaiting: the click
/// waits for an MFA code.
fn assume_awaiting_mfa(app: &AppWindow, role: &str) {
    app.execute(
        "document.querySelector(arguments[0]).click()",
        serde_json::json!([format!(
            "{} {}",
            row("idle-row", role),
            testid("role-assume")
        )]),
    );
}

// A role that needs MFA: assuming it from the window opens the small MFA
// window; a malformed code is refused there, a good one assumes the role;
// once the source's MFA session is forgotten from the window, it asks again.
// (moto with authentication on does not accept GetSessionToken's
// credentials, so this world runs with it off; the flow is what is checked.)
#[test]
fn mfa_window_asks_for_the_code() {
    let mut world = World::start(WorldOptions {
        auth: false,
        ..WorldOptions::default()
    });
    world.add_alice_with_mfa();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = AppWindow::launch(&world, &desktop);
    let main = app.current_window();

    assume_awaiting_mfa(&app, "dev");
    app.switch_to_new_window(&main, "the MFA window");
    app.wait_for(&testid("mfa-code"));
    // The field is in the page's markup; the words around it come from its
    // script, which may run a moment later.
    app.wait_until("the MFA device named", |app| {
        let body = app.text("body");
        body.contains(World::ALICE_MFA).then_some(()).ok_or(body)
    });
    app.fill(&testid("mfa-code"), "12");
    app.click(&testid("mfa-submit"));
    app.wait_until("the refusal of a short code", |app| {
        let t = app.text(&testid("mfa-error"));
        t.contains("6 digits").then_some(()).ok_or(t)
    });
    assert_eq!(world.sts_calls("GetSessionToken"), 0);
    app.fill(&testid("mfa-code"), "123456");
    // The window closes as soon as the code is taken, possibly before a
    // WebDriver click would return: click from the page, a moment later.
    app.execute(
        "setTimeout(() => document.querySelector(arguments[0]).click(), 50)",
        serde_json::json!([testid("mfa-submit")]),
    );

    app.switch_to(&main);
    app.wait_for(&row("session-row", "dev"));
    assert_eq!(world.sts_calls("GetSessionToken"), 1);
    assert_eq!(world.sts_calls("AssumeRole"), 1);

    // Forgetting the source's MFA session from the Sources view: ending the
    // role's session and assuming it again asks for a code again.
    app.click(&testid("tab-sources"));
    app.click(&format!(
        "[data-testid=source-row][data-source=\"alice\"] {}",
        testid("source-forget-mfa")
    ));
    app.wait_until("the forget to be confirmed", |app| {
        let t = app.text("body");
        t.contains("Forgot the MFA session of alice")
            .then_some(())
            .ok_or(t)
    });
    app.click(&testid("tab-sessions"));
    app.click(&format!(
        "{} {}",
        row("session-row", "dev"),
        testid("session-end")
    ));
    app.wait_for(&row("idle-row", "dev"));
    assume_awaiting_mfa(&app, "dev");
    app.switch_to_new_window(&main, "the MFA window, again");
    app.wait_for(&testid("mfa-code"));
}

// What RoleTray copied leaves the clipboard after `clipboard-clear` seconds,
// but something the user copied since is left alone.
#[test]
fn copied_secrets_are_cleared_from_the_clipboard() {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    world.run_ok(&["config", "set", "clipboard-clear", "3"], None);
    let (desktop, _app) = tray_app_clicking(&mut world, "dev");
    wait_for_menu(&world, &desktop, "dev active", |m| {
        has_label_starting(m, "✓ dev — ")
    });
    desktop.tray_click_label(&world, "Copy export lines (bash)");
    copied_exports(&world, &desktop);
    poll(
        "the clipboard to be cleared",
        Duration::from_secs(15),
        || {
            let text = desktop.clipboard(&world);
            (!text.contains("AWS_SECRET_ACCESS_KEY"))
                .then_some(())
                .ok_or(text)
        },
    );

    // Copy again, then the user copies something else: it stays.
    desktop.tray_click_label(&world, "Copy export lines (bash)");
    copied_exports(&world, &desktop);
    let mut xclip = world.command("xclip");
    xclip.args(["-selection", "clipboard", "-i"]);
    let mut child = xclip
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("xclip");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .expect("xclip stdin")
        .write_all(b"the user's own text")
        .expect("writing to xclip");
    child.wait().expect("xclip");
    std::thread::sleep(Duration::from_secs(5));
    assert_eq!(desktop.clipboard(&world), "the user's own text");
}

// One instance per user: a second launch hands over to the first and exits.
#[test]
fn a_second_launch_hands_over_to_the_first() {
    let mut world = World::start(WorldOptions::default());
    let desktop = Desktop::start(
        &mut world,
        DesktopOptions {
            tray_host: true,
            ..DesktopOptions::default()
        },
    );
    let mut first = desktop.start_app(&world, &[]);
    wait_for_menu(&world, &desktop, "the first instance's tray menu", |m| {
        find_entry(m, "Quit").is_some()
    });
    let mut second = desktop.start_app(&world, &[]);
    poll("the second launch to exit", Duration::from_secs(20), || {
        second.exited().then_some(()).ok_or_else(|| second.log())
    });
    assert!(!first.exited(), "{}", first.log());
}

// A locked keychain, met from the tray: a notification says so, clearly.
#[test]
fn a_locked_keychain_is_reported_from_the_tray() {
    let mut world = World::start(WorldOptions {
        keyring: roletray_tests::KeyringState::Locked,
        ..WorldOptions::default()
    });
    let config = world.config_dir.join("roletray/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        format!(
            "[sources.alice]\naccess_key_id = \"{}\"\n\n[roles.dev]\nrole_arn = \"{}\"\nsource = \"alice\"\n",
            world.moto.alice.access_key_id,
            world.moto.role("dev")
        ),
    )
    .unwrap();
    let (_desktop, mut app, failure) = tray_click_fails(&mut world, "dev");
    assert!(failure.body.contains("keychain"), "{}", failure.body);
    assert!(failure.body.contains("unlock"), "{}", failure.body);
    assert!(!app.exited(), "{}", app.log());
}

// Auto-renew: at the warning time the session is renewed without asking,
// and no warning is shown.
#[test]
fn auto_renew_renews_without_asking() {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice", "--duration", "900"]);
    world.run_ok(&["config", "set", "notify-before", "893"], None);
    world.run_ok(&["config", "set", "auto-renew", "true"], None);
    let (desktop, _app) = tray_app_clicking(&mut world, "dev");
    poll(
        "the automatic renewal",
        Duration::from_secs(30),
        || match world.sts_calls("AssumeRole") {
            n if n >= 2 => Ok(()),
            n => Err(format!("{n} AssumeRole calls")),
        },
    );
    assert_eq!(desktop.notifications_displayed(&world), 0);
    let sessions = world.run_ok(&["sessions", "--json"], None).stdout;
    let left: Vec<i64> = serde_json::from_str::<serde_json::Value>(&sessions)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["seconds_left"].as_i64().unwrap())
        .collect();
    assert!(left.iter().all(|l| *l > 890), "{sessions}");
}
