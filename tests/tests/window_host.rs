//! The windows live in a window host process that the tray starts when a
//! window is wanted: closing the last window ends it and WebKit's processes
//! with it, the tray stays, and the next window starts a new host. A host
//! that dies while asking for an MFA code fails the prompt at once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{Desktop, DesktopOptions, DesktopProcess, World, WorldOptions, poll};
use std::process::{Command, Stdio};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);

fn webkit(desktop: &Desktop) -> Vec<DesktopProcess> {
    desktop
        .processes()
        .into_iter()
        .filter(|p| p.name.starts_with("WebKit"))
        .collect()
}

/// Waits for a window host with a WebKit web process; the host's pid.
fn wait_for_host(desktop: &Desktop) -> u32 {
    poll("a window host showing a page", WAIT, || {
        match (
            desktop.window_hosts().as_slice(),
            webkit(desktop).is_empty(),
        ) {
            ([host], false) => Ok(host.pid),
            _ => Err(format!("{:?}", desktop.processes())),
        }
    })
}

/// Closes the main window as a window manager would, once it is mapped.
fn close_main_window(world: &World, desktop: &Desktop) {
    poll("the window to close", WAIT, || {
        match desktop.close_windows(world, "RoleTray") {
            0 => Err("no window titled RoleTray yet".to_owned()),
            _ => Ok(()),
        }
    });
}

fn wait_until_no_window_process(desktop: &Desktop) {
    poll("the window host and WebKit to exit", WAIT, || {
        if desktop.window_hosts().is_empty() && webkit(desktop).is_empty() {
            Ok(())
        } else {
            Err(format!("{:?}", desktop.processes()))
        }
    });
}

#[test]
fn a_closed_window_leaves_no_webkit_behind_and_opens_again() {
    let mut world = World::start(WorldOptions::default());
    let desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    let mut app = desktop.start_app(&world, &["--open-window"]);
    let first = wait_for_host(&desktop);

    close_main_window(&world, &desktop);
    wait_until_no_window_process(&desktop);
    assert!(
        !app.exited(),
        "closing the window quit the app: {}",
        app.log()
    );
    let menu = desktop
        .tray_menu(&world)
        .expect("the tray item is still there");
    assert!(menu.iter().any(|e| e.label == "Quit"), "{menu:?}");

    // A second launch asks the running app for its window: a new host.
    let mut second = desktop.start_app(&world, &["--open-window"]);
    poll("the second launch to hand over", WAIT, || {
        second.exited().then_some(()).ok_or_else(|| second.log())
    });
    let again = wait_for_host(&desktop);
    assert_ne!(again, first, "the closed window's host was reused");
    close_main_window(&world, &desktop);
    wait_until_no_window_process(&desktop);
    assert!(!app.exited(), "{}", app.log());

    let log = world.app_log();
    assert_eq!(log.matches("window host started").count(), 2, "{log}");
}

// (moto with authentication on does not accept GetSessionToken's
// credentials, so this world runs with it off; the flow is what is checked.)
#[test]
fn a_window_host_that_dies_fails_its_mfa_prompt_at_once() {
    let mut world = World::start(WorldOptions {
        auth: false,
        ..WorldOptions::default()
    });
    world.add_alice_with_mfa();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    let mut app = desktop.start_app(&world, &[]);
    let endpoint_file = world.runtime_dir.join("roletray/endpoint.json");
    poll("the app's endpoint", WAIT, || {
        endpoint_file
            .exists()
            .then_some(())
            .ok_or_else(|| "not yet".to_owned())
    });
    assert!(
        desktop.window_hosts().is_empty(),
        "{:?}",
        desktop.processes()
    );

    // An IDE's credential_process call: no terminal, so the app asks.
    let mut cli = world
        .roletray(&["credential-process", "dev"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting roletray credential-process");
    let host = wait_for_host(&desktop);
    let killed = Command::new("kill")
        .args(["-KILL", &host.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());

    // Not the five minutes a prompt waits for a person.
    poll("the CLI to give up", WAIT, || {
        cli.try_wait()
            .unwrap()
            .map(drop)
            .ok_or_else(|| "still waiting".to_owned())
    });
    let out = cli.wait_with_output().expect("credential-process");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(out.stdout.is_empty());
    // The app said the code is still required (not a final cancel), so the
    // CLI went on to ask where it could: it has no terminal either.
    assert!(stderr.contains("error[mfa_required]"), "{stderr}");
    let log = world.app_log();
    assert!(log.contains("closed unexpectedly"), "{log}");
    wait_until_no_window_process(&desktop);
    assert!(!app.exited(), "{}", app.log());
    assert_eq!(world.sts_calls("GetSessionToken"), 0);
}
