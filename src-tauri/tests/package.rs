//! What the `.deb` installs, read from the bundler's configuration (building
//! the package in every test run would cost minutes).

#![allow(clippy::unwrap_used, clippy::expect_used)]

fn read(name: &str) -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn bundle() -> serde_json::Value {
    read("tauri.conf.json")
}

// Named after the command: `apt install roletray`, `apt remove roletray`.
// The bundler names the package after the product name, kebab-cased
// ("RoleTray" would be "role-tray"): on Linux it is "roletray".
#[test]
fn the_package_is_named_after_the_command() {
    let linux = read("tauri.linux.conf.json");
    assert_eq!(linux["productName"], "roletray");
    let template = linux["bundle"]["linux"]["deb"]["desktopTemplate"]
        .as_str()
        .unwrap();
    let entry =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(template))
            .unwrap();
    // People still see the product's name in their menus.
    assert!(entry.lines().any(|l| l == "Name=RoleTray"), "{entry}");
    assert!(entry.contains("Exec={{exec}}"), "{entry}");
}

// The tray library is loaded at run time: without the dependency, apt
// would install a RoleTray that cannot show its icon.
#[test]
fn the_package_depends_on_the_tray_library_and_a_secret_service() {
    let conf = bundle();
    let depends: Vec<&str> = conf["bundle"]["linux"]["deb"]["depends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(
        depends.contains(&"libayatana-appindicator3-1 | libappindicator3-1"),
        "{depends:?}"
    );
    assert!(
        depends.iter().any(|d| d.starts_with("gnome-keyring")),
        "{depends:?}"
    );
}

// Both binaries land in /usr/bin: the CLI as an extra file, the app as the
// bundle's main binary (its desktop entry starts it).
#[test]
fn the_package_carries_both_binaries() {
    let conf = bundle();
    assert_eq!(conf["mainBinaryName"], "roletray-app");
    let files = conf["bundle"]["linux"]["deb"]["files"].as_object().unwrap();
    assert_eq!(files["/usr/bin/roletray"], "../target/release/roletray");
}

// "Start at login" in Settings is the whole truth: no system-wide autostart
// entry that a user's switch could not turn off.
#[test]
fn the_package_installs_no_system_wide_autostart() {
    let conf = bundle();
    let files = conf["bundle"]["linux"]["deb"]["files"].as_object().unwrap();
    for installed in files.keys() {
        assert!(!installed.contains("autostart"), "{installed}");
    }
}
