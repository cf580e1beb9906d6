//! A person who never opens a terminal: the first run opens the window on a
//! start page; the console's key file and switch-role link fill their
//! forms; a desktop that shows no tray icons (no StatusNotifierItem host,
//! or no tray library) gets the window, with a notice, and closing it
//! minimises it instead of leaving an invisible process; a tray host that
//! appears later turns that back into the usual tray app.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{
    AppWindow, Desktop, DesktopOptions, World, WorldOptions, poll, roletray_app_bin,
};
use std::process::{Command, Stdio};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

#[test]
fn the_first_run_opens_the_start_page_and_the_console_files_fill_the_forms() {
    let mut world = World::start(WorldOptions::default());
    // What the AWS CLI already knows: two role profiles and a key pair.
    std::fs::write(
        &world.aws_config,
        "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = me\n\n\
         [profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = me\n",
    )
    .unwrap();
    std::fs::write(
        &world.aws_credentials,
        "[me]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n\
         aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
    )
    .unwrap();
    let desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    // No --open-window: the session starts only if the app opens it itself.
    let app = AppWindow::launch_with(&world, &desktop, &[]);
    app.wait_for(&testid("start-page"));
    let found = app.wait_until("the import preview", |w| {
        let text = w.text(&testid("start-import-found"));
        text.starts_with("Found")
            .then_some(text.clone())
            .ok_or(text)
    });
    assert!(found.contains("2 role profiles and 1 key pair"), "{found}");
    // The text is in the page; give WebKit a moment to paint it.
    std::thread::sleep(Duration::from_millis(500));
    let png = app.screenshot_png();
    assert!(png.len() > 10_000, "a {} byte screenshot", png.len());
    // For the README, as the desktop tests' other screenshots.
    if std::env::var_os("ROLETRAY_SCREENSHOTS").is_some_and(|v| !v.is_empty()) {
        let dir = roletray_tests::workspace_root().join("docs/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("first-run.png"), &png).unwrap();
    }

    // The key file the console offers, named after the user.
    let keys = &world.moto.alice;
    let csv = world.home.join("alice_accessKeys.csv");
    std::fs::write(
        &csv,
        format!(
            "\u{feff}Access key ID,Secret access key\r\n{},{}\r\n",
            keys.access_key_id, keys.secret_access_key
        ),
    )
    .unwrap();
    app.click(&testid("start-add-source"));
    app.wait_for(&testid("source-add-dialog"));
    app.upload(&testid("source-key-file"), &csv);
    app.wait_until("the form filled from the key file", |w| {
        let id = w.property("#source-add-form-accessKeyId", "value");
        (id == serde_json::json!(keys.access_key_id))
            .then_some(())
            .ok_or_else(|| id.to_string())
    });
    assert_eq!(
        app.property("#source-add-form-name", "value"),
        serde_json::json!("alice")
    );
    app.click(&testid("source-add-save"));
    app.wait_until("the start page to give way", |w| {
        (!w.is_shown(&testid("start-page")))
            .then_some(())
            .ok_or_else(|| "still shown".into())
    });

    // A switch-role link, as a client sends it, pasted into the ARN field.
    let arn = world.moto.role("dev").to_owned();
    let (account, role_name) = arn
        .strip_prefix("arn:aws:iam::")
        .and_then(|rest| rest.split_once(":role/"))
        .unwrap();
    let link = format!(
        "https://signin.aws.amazon.com/switchrole?account={account}&roleName={role_name}&displayName=Client%20dev"
    );
    app.click(&testid("tab-roles"));
    app.click(&testid("role-add"));
    app.wait_for(&testid("role-dialog"));
    // Pasted as a person pastes it: from the clipboard, with Ctrl+V.
    desktop.set_clipboard(&world, &link);
    app.fill("#role-form-roleArn", "\u{E009}v\u{E000}");
    app.wait_until("the ARN from the link", |w| {
        let value = w.property("#role-form-roleArn", "value");
        (value == serde_json::json!(arn))
            .then_some(())
            .ok_or_else(|| value.to_string())
    });
    assert_eq!(
        app.property("#role-form-name", "value"),
        serde_json::json!("Client-dev")
    );
    app.click(&testid("role-save"));
    let roles = poll("the role to be saved", WAIT, || {
        let out = world.run_ok(&["role", "list", "--json"], None);
        out.stdout
            .contains("Client-dev")
            .then_some(out.stdout.clone())
            .ok_or(out.stdout)
    });
    let listed: serde_json::Value = serde_json::from_str(&roles).unwrap();
    let saved = listed
        .as_array()
        .and_then(|a| a.iter().find(|r| r["name"] == "Client-dev"))
        .unwrap_or_else(|| panic!("{listed}"));
    assert_eq!(saved["role_arn"], serde_json::json!(arn));
    assert_eq!(saved["source"], serde_json::json!("alice"));
}

#[test]
fn without_a_tray_host_the_window_is_the_way_in_and_closing_minimises_it() {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    // No StatusNotifierWatcher on the bus: stock GNOME.
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = AppWindow::launch_with(&world, &desktop, &[]);
    app.wait_for(&testid("desktop-notice"));
    let notice = app.text(&testid("desktop-notice"));
    assert!(notice.contains("shows no tray icons"), "{notice}");
    assert!(notice.contains("Quit RoleTray"), "{notice}");

    let host = poll("the window host", WAIT, || {
        match desktop.window_hosts().as_slice() {
            [h] => Ok(h.pid),
            other => Err(format!("{other:?}")),
        }
    });
    assert_eq!(desktop.close_windows(&world, "RoleTray"), 1);
    poll("the close to be turned into a minimise", WAIT, || {
        let log = world.app_log();
        log.contains("minimised the main window")
            .then_some(())
            .ok_or_else(|| "not yet".to_owned())
    });
    assert_eq!(
        desktop
            .window_hosts()
            .iter()
            .map(|h| h.pid)
            .collect::<Vec<_>>(),
        vec![host],
        "the window went away"
    );
    // Still there, still answering.
    assert!(!app.text("#active-status-text").is_empty());

    // The person turns tray icons on: the icon registers, the notice goes,
    // and the window's close button closes it again, as usual.
    let mut desktop = desktop;
    desktop.start_tray_host(&world);
    let menu = poll("the tray item to register", WAIT, || {
        desktop
            .tray_menu(&world)
            .ok_or_else(|| "none yet".to_owned())
    });
    assert!(menu.iter().any(|e| e.label.contains("dev")), "{menu:?}");
    app.wait_until("the notice to go", |w| {
        (!w.is_shown(&testid("desktop-notice")))
            .then_some(())
            .ok_or_else(|| "still shown".to_owned())
    });
    assert_eq!(desktop.close_windows(&world, "RoleTray"), 1);
    poll("the window host to exit", WAIT, || {
        match desktop.window_hosts().as_slice() {
            [] => Ok(()),
            other => Err(format!("{other:?}")),
        }
    });
}

/// A path the dynamic loader finds the tray library at, if it is installed.
fn tray_library() -> Option<String> {
    let out = Command::new("/sbin/ldconfig").arg("-p").output().ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("appindicator3.so.1"))
        .find_map(|l| l.split(" => ").nth(1).map(|p| p.trim().to_owned()))
}

/// `unshare`'s options for a mount namespace of the app's own, where a bind
/// mount stays (unshare makes its mounts private). Root needs nothing more;
/// anyone else needs a user namespace as well, mapped to root inside it: a
/// mapped ordinary user would have no right to mount there.
fn mount_namespace_options() -> &'static [&'static str] {
    let uid = Command::new("id").arg("-u").output().unwrap();
    if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
        &["--mount"]
    } else {
        &["--user", "--map-root-user", "--mount"]
    }
}

/// Fails the test at once, saying why, where `unshare` cannot make the
/// namespace or mount in it (user namespaces not allowed in a container, a
/// chroot, or by the distribution; no right to mount): otherwise the app
/// would never start and the test would only time out.
fn check_the_mount_namespace(options: &[&str], bind: &str) {
    let out = Command::new("unshare")
        .args(options)
        .args(["sh", "-c", bind])
        .output()
        .expect("running unshare (util-linux)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let why = if stderr.contains("cannot change root filesystem propagation") {
        "`/` is not a mount point here (a chroot?): unshare cannot make the \
         namespace's mounts private, and without that the bind mount would \
         reach the host's own files, so the test does not try. Bind-mount the \
         root onto itself first (`mount --bind / /` from outside the chroot) \
         or run the tests outside the chroot"
    } else if options.contains(&"--user") {
        "user namespaces are not allowed here (a container or chroot, or \
         sysctls such as kernel.unprivileged_userns_clone=0 or \
         kernel.apparmor_restrict_unprivileged_userns=1); run it as root, \
         which needs only a mount namespace, or where they are allowed"
    } else {
        "a mount namespace cannot be made here, even as root (a container \
         without CAP_SYS_ADMIN?)"
    };
    assert!(
        out.status.success(),
        "this test cannot run here: `unshare {} sh -c '{bind}'` failed ({}): {why}.\n\
         unshare's stderr: {}",
        options.join(" "),
        out.status,
        stderr.trim(),
    );
}

#[test]
fn with_the_tray_library_missing_the_app_still_starts_in_its_window() {
    let library = tray_library().expect("the tray library is installed for the tests");
    // The app in a mount namespace where the library file is empty: the
    // loader fails on it, as on a system without the package.
    let options = mount_namespace_options();
    let bind = format!("mount --bind /dev/null {library}");
    check_the_mount_namespace(options, &bind);
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    let mut cmd = world.command("unshare");
    cmd.args(options)
        .args(["sh", "-c"])
        .arg(format!("{bind} && exec \"$0\""))
        .arg(roletray_app_bin())
        .env("RUST_LOG", "debug")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut app = cmd
        .spawn()
        .expect("starting the app without its tray library");
    poll("the window host", WAIT, || {
        match desktop.window_hosts().as_slice() {
            [_] => Ok(()),
            other => Err(format!("{other:?}")),
        }
    });
    let log = poll("the app to say why", WAIT, || {
        let log = world.app_log();
        log.contains("the tray library did not load")
            .then_some(log.clone())
            .ok_or(log)
    });
    assert!(log.contains("no tray icon can be seen"), "{log}");
    assert!(app.try_wait().unwrap().is_none(), "the app exited");
    assert!(
        desktop.tray_menu(&world).is_none(),
        "a tray item registered"
    );
    app.kill().ok();
    app.wait().ok();
}
