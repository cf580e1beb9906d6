//! What the `.deb` and the `.rpm` install, read from the bundler's
//! configuration (building the packages in every test run would cost
//! minutes). Every check holds for both formats.

#![allow(clippy::unwrap_used, clippy::expect_used)]

/// The package formats built for Linux (scripts/build-packages.sh).
const FORMATS: [&str; 2] = ["deb", "rpm"];

fn read(name: &str) -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn bundle() -> serde_json::Value {
    read("tauri.conf.json")
}

/// A format's `depends`, as written.
fn depends(conf: &serde_json::Value, format: &str) -> Vec<String> {
    conf["bundle"]["linux"][format]["depends"]
        .as_array()
        .unwrap_or_else(|| panic!("no bundle.linux.{format}.depends"))
        .iter()
        .map(|d| d.as_str().unwrap().to_owned())
        .collect()
}

/// A format's extra files: where installed, from where.
fn files(conf: &serde_json::Value, format: &str) -> serde_json::Map<String, serde_json::Value> {
    conf["bundle"]["linux"][format]["files"]
        .as_object()
        .unwrap_or_else(|| panic!("no bundle.linux.{format}.files"))
        .clone()
}

// `cargo tauri build` with no --bundles makes both.
#[test]
fn both_formats_are_bundle_targets() {
    let conf = bundle();
    let targets: Vec<&str> = conf["bundle"]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for format in FORMATS {
        assert!(targets.contains(&format), "{format}: {targets:?}");
    }
}

// Named after the command: `apt install roletray`, `dnf remove roletray`.
// The bundler names the package after the product name, kebab-cased
// ("RoleTray" would be "role-tray"): on Linux it is "roletray".
#[test]
fn the_package_is_named_after_the_command() {
    let linux = read("tauri.linux.conf.json");
    assert_eq!(linux["productName"], "roletray");
    for format in FORMATS {
        let template = linux["bundle"]["linux"][format]["desktopTemplate"]
            .as_str()
            .unwrap_or_else(|| panic!("no {format} desktopTemplate"));
        let entry = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(template),
        )
        .unwrap();
        // People still see the product's name in their menus.
        assert!(
            entry.lines().any(|l| l == "Name=RoleTray"),
            "{format}: {entry}"
        );
        assert!(entry.contains("Exec={{exec}}"), "{format}: {entry}");
    }
}

// The tray library is loaded at run time: without the dependency, apt or
// dnf would install a RoleTray that cannot show its icon. A Secret Service
// keeps the keys.
#[test]
fn the_package_depends_on_the_tray_library_and_a_secret_service() {
    let conf = bundle();
    let deb = depends(&conf, "deb");
    assert!(
        deb.iter()
            .any(|d| d == "libayatana-appindicator3-1 | libappindicator3-1"),
        "{deb:?}"
    );
    assert!(
        deb.iter().any(|d| d.starts_with("gnome-keyring")),
        "{deb:?}"
    );

    // RPM's alternatives are rich dependencies, "(a or b)"; the libraries
    // by the sonames their packages provide, the same on Fedora and
    // openSUSE (whose package names differ).
    let rpm = depends(&conf, "rpm");
    assert!(
        rpm.iter().any(|d| d.starts_with('(')
            && d.ends_with(')')
            && d.contains("libayatana-appindicator3.so.1()(64bit) or ")
            && d.contains("libappindicator3.so.1()(64bit)")),
        "{rpm:?}"
    );
    assert!(
        rpm.iter()
            .any(|d| d.starts_with("(gnome-keyring or ") && d.ends_with(')')),
        "{rpm:?}"
    );
    // `cargo tauri build` adds WebKitGTK and GTK to both formats itself
    // (libwebkit2gtk-4.1-0 and libgtk-3-0; their sonames for rpm): listed
    // here as well, rpm -qpR would show them twice.
    for listed in deb.iter().chain(&rpm) {
        assert!(
            !listed.contains("webkit2gtk") && !listed.contains("gtk-3"),
            "{listed}"
        );
    }
    // A rich dependency's parentheses balance (rpm refuses the package
    // otherwise).
    for d in &rpm {
        let mut depth = 0i32;
        for c in d.chars() {
            depth += match c {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            assert!(depth >= 0, "{d}");
        }
        assert_eq!(depth, 0, "{d}");
    }
}

// Both binaries land in /usr/bin: the CLI as an extra file, the app as the
// bundle's main binary (its desktop entry starts it).
#[test]
fn the_package_carries_both_binaries() {
    let conf = bundle();
    assert_eq!(conf["mainBinaryName"], "roletray-app");
    for format in FORMATS {
        let files = files(&conf, format);
        assert_eq!(
            files["/usr/bin/roletray"], "../target/release/roletray",
            "{format}"
        );
    }
    // The same contents in either format.
    assert_eq!(files(&conf, "deb"), files(&conf, "rpm"));
}

// "Start at login" in Settings is the whole truth: no system-wide autostart
// entry that a user's switch could not turn off.
#[test]
fn the_package_installs_no_system_wide_autostart() {
    let conf = bundle();
    for format in FORMATS {
        for installed in files(&conf, format).keys() {
            assert!(!installed.contains("autostart"), "{format}: {installed}");
        }
        // Nor a maintainer script that could write one.
        for script in ["preInstallScript", "postInstallScript"] {
            assert!(
                conf["bundle"]["linux"][format][script].is_null(),
                "{format}: {script}"
            );
        }
    }
}
