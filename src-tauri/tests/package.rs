//! What the `.deb` installs, read from the bundler's configuration (building
//! the package in every test run would cost minutes).

#![allow(clippy::unwrap_used, clippy::expect_used)]

fn bundle() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
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
