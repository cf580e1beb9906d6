//! The code keeps its shape: no two source files of the app (its
//! `src-tauri/src/app/` rooms) or of the core refer to each other in a
//! circle, directly or through others. Dependencies run one way (faces →
//! dispatch → service; see docs/architecture.md); a circle is named file by
//! file so it can be broken where it was made.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::module_graph::ModuleGraph;
use roletray_tests::workspace_root;
use std::path::Path;

fn assert_no_cycle(crate_src: &str, within: &str) {
    let src = workspace_root().join(crate_src);
    let graph = ModuleGraph::of_crate(&src)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", src.display()));
    let cycles = graph.cycles(Path::new(within));
    assert!(
        cycles.is_empty(),
        "files in {crate_src}/{within} refer to each other in a circle (break it by moving \
         the shared piece down, or by handing the lower file what it needs):\n  {}",
        cycles.join("\n  ")
    );
    // The check reads something: the rooms are there.
    assert!(
        graph.refers_to(&Path::new(within).join("mod.rs")).len()
            + graph.refers_to(Path::new("lib.rs")).len()
            > 0,
        "no references read in {crate_src}: has the layout moved?"
    );
}

#[test]
fn the_app_has_no_import_cycle() {
    assert_no_cycle("src-tauri/src", "app");
}

#[test]
fn the_core_has_no_import_cycle() {
    assert_no_cycle("src-tauri/core/src", "");
}

/// The `cfg` sites that pick a system (`unix`, `windows`, `target_os`) in
/// the non-test code of the `.rs` files under `dir`, as `file:line`.
fn system_cfg_sites(dir: &Path) -> Vec<String> {
    let mut sites = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs")
                || path.file_name().is_some_and(|n| n == "tests.rs")
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Unit tests may pick a system (they check modes on Unix, say).
            let code = match text.find("#[cfg(test)]\nmod tests") {
                Some(at) => &text[..at],
                None => &text[..],
            };
            for (n, line) in code.lines().enumerate() {
                let is_cfg = ["cfg(", "cfg!(", "cfg_attr("]
                    .iter()
                    .any(|c| line.contains(c));
                let picks_system = ["unix", "windows", "target_os"]
                    .iter()
                    .any(|w| line.contains(w));
                if is_cfg && picks_system {
                    let rel = path.strip_prefix(dir).unwrap_or(&path);
                    sites.push(format!("{}:{}", rel.display(), n + 1));
                }
            }
        }
    }
    sites.sort();
    sites
}

// What differs by system lives in one place (core/src/platform/): the
// flows of the core and the CLI read the same on every system, and the
// app's few desktop seams stay where they are named below.
#[test]
fn system_differences_stay_in_the_platform_module() {
    let core = system_cfg_sites(&workspace_root().join("src-tauri/core/src"));
    let outside: Vec<&String> = core
        .iter()
        .filter(|s| !s.starts_with("platform/"))
        .collect();
    assert!(
        outside.is_empty(),
        "system-specific code outside core/src/platform/ (move it behind a function there):\n  {}",
        outside
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
    assert!(core.len() > 10, "the platform module was read: {core:?}");
    let cli = system_cfg_sites(&workspace_root().join("src-tauri/cli/src"));
    assert!(
        cli.is_empty(),
        "system-specific code in the CLI (use roletray_core::platform):\n  {}",
        cli.join("\n  ")
    );
    // The app's desktop seams: GTK's GL switch, the Linux clipboard hint,
    // the D-Bus tray-host watch, notification buttons and the desktop
    // portal's global shortcuts (D-Bus only). And main.rs: a GUI program on
    // Windows (no console window).
    let allowed = [
        "main.rs",
        "app/desktop/clipboard.rs",
        "app/desktop/notifications.rs",
        "app/desktop/portal_shortcut.rs",
        "app/gl_off.rs",
        "app/tray/host_watch.rs",
    ];
    let app = system_cfg_sites(&workspace_root().join("src-tauri/src"));
    let stray: Vec<&String> = app
        .iter()
        .filter(|s| !allowed.iter().any(|a| s.starts_with(&format!("{a}:"))))
        .collect();
    assert!(
        stray.is_empty(),
        "system-specific code in a new place of the app (put it in one of {allowed:?}, \
         or in core/src/platform/):\n  {}",
        stray
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}

// Unsafe code is denied in the workspace; one file, which calls the Win32
// security API (access lists), may allow it.
#[test]
fn unsafe_code_is_allowed_in_one_file_only() {
    let mut allowing = Vec::new();
    let mut stack = vec![workspace_root().join("src-tauri")];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() && path.file_name().is_some_and(|n| n != "target") {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && std::fs::read_to_string(&path)
                    .unwrap()
                    .contains("allow(unsafe_code)")
            {
                allowing.push(
                    path.strip_prefix(workspace_root())
                        .unwrap()
                        .display()
                        .to_string(),
                );
            }
        }
    }
    assert_eq!(allowing, ["src-tauri/core/src/platform/windows_acl.rs"]);
}
