//! RoleTray done the Windows way: what a Windows build must do beyond what
//! every build does (the other test files). Run by `scripts/test-windows.sh`
//! against roletray.exe under Wine; on Linux each test checks the same
//! behaviour where it has a meaning there and says so where it has none.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{World, under_wine};
use std::sync::Mutex;

/// Held by the tests that write Wine's registry (HKCU) or erase the whole
/// Credential Manager, which Wine keeps in that registry too: they run one
/// at a time, so neither meets the other half done.
static REGISTRY: Mutex<()> = Mutex::new(());

// The configuration is where Windows programs keep theirs (%APPDATA%; the
// world's files are under $ROLETRAY_HOME, which wins), and paths are
// printed as people read them: never `\\?\C:\…`.
#[test]
fn files_live_under_appdata_and_paths_read_plainly() {
    let world = World::with_dev();
    assert!(
        world.config_dir.join("roletray/config.toml").is_file(),
        "config.toml in the world"
    );
    if under_wine() {
        // Without $ROLETRAY_HOME: the prefix's own %APPDATA%.
        let prefix = std::path::PathBuf::from(world.env_var("WINEPREFIX").unwrap());
        let mut cmd = world.roletray(&["config", "set", "key-max-age", "45"]);
        cmd.env_remove("ROLETRAY_HOME");
        let out = roletray_tests::run_command(cmd, None);
        assert!(out.success(), "{}", out.stderr);
        let users = prefix.join("drive_c/users");
        let user = std::fs::read_dir(&users)
            .unwrap()
            .flatten()
            .map(|e| e.path().join("AppData/Roaming/roletray/config.toml"))
            .find(|p| p.is_file())
            .unwrap_or_else(|| panic!("no roletray\\config.toml under {}", users.display()));
        let text = std::fs::read_to_string(&user).unwrap();
        std::fs::remove_dir_all(user.parent().unwrap()).unwrap();
        assert!(text.contains("key_max_age_days = 45"), "{text}");
    }
    let out = world.run_ok(&["write-profile", "dev"], None);
    assert!(!out.stdout.contains(r"\\?\"), "{}", out.stdout);
    assert!(out.stdout.contains("credentials"), "{}", out.stdout);
    // A new credentials file has the system's line endings.
    let text = std::fs::read_to_string(&world.aws_credentials).unwrap();
    if under_wine() {
        assert!(text.contains("[dev]\r\n"), "{text:?}");
    } else {
        assert!(text.contains("[dev]\n") && !text.contains('\r'), "{text:?}");
    }
}

// An existing file keeps its own line endings: a CRLF file stays CRLF, an
// LF file stays LF, on every system.
#[test]
fn existing_files_keep_their_line_endings() {
    let world = World::with_dev();
    for (eol, name) in [("\r\n", "crlf"), ("\n", "lf")] {
        let original = format!("[default]{eol}aws_access_key_id = AKIAIOSFODNN7EXAMPLE{eol}");
        std::fs::write(&world.aws_credentials, &original).unwrap();
        world.run_ok(&["write-profile", "dev"], None);
        let text = std::fs::read_to_string(&world.aws_credentials).unwrap();
        assert!(text.starts_with(&original), "{name}: {text:?}");
        let lines = text.matches('\n').count();
        assert_eq!(text.matches(eol).count(), lines, "{name}: {text:?}");
    }
}

// Export lines are for the system's own shell when none is asked for:
// PowerShell on Windows, bash elsewhere.
#[test]
fn the_default_export_shell_is_the_systems() {
    let world = World::with_dev();
    let out = world.run_ok(&["export", "dev"], None);
    if under_wine() {
        assert!(
            out.stdout.contains("$Env:AWS_ACCESS_KEY_ID = '"),
            "{}",
            out.stdout
        );
    } else {
        assert!(
            out.stdout.contains("export AWS_ACCESS_KEY_ID="),
            "{}",
            out.stdout
        );
    }
}

// `exec` finds a program as the system does: on Windows a script named
// without its extension (`hello` is `hello.cmd`, through PATHEXT).
#[test]
fn exec_finds_programs_as_the_system_does() {
    let mut world = World::with_dev();
    let bin = world.root().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let marker = world.root().join("ran.txt");
    if under_wine() {
        std::fs::write(
            bin.join("hello.cmd"),
            format!(
                "@echo off\r\necho %AWS_ACCESS_KEY_ID% %ROLETRAY_ROLE% > \"{}\"\r\nexit /b 3\r\n",
                marker.display()
            ),
        )
        .unwrap();
        // Wine puts WINEPATH on the Windows PATH.
        world.set_env("WINEPATH", bin.display().to_string());
    } else {
        let script = bin.join("hello");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\necho \"$AWS_ACCESS_KEY_ID $ROLETRAY_ROLE\" > '{}'\nexit 3\n",
                marker.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = world.env_var("PATH").unwrap();
        world.set_env("PATH", format!("{}:{path}", bin.display()));
    }
    let out = world.run(&["exec", "dev", "--", "hello"], None);
    assert_eq!(
        out.code(),
        Some(3),
        "the program's exit code: {}",
        out.stderr
    );
    let ran = std::fs::read_to_string(&marker).unwrap();
    assert!(ran.contains("ASIA") && ran.contains("dev"), "{ran}");
}

// Values longer than one Credential Manager item holds (1,280 characters)
// are split into numbered items and read back whole: the credentials
// file's original bytes, kept before RoleTray's first change, are 6 KB.
#[test]
fn long_values_are_split_across_items_and_read_back_whole() {
    let world = World::with_dev();
    let mut original = String::new();
    for i in 0..60 {
        original.push_str(&format!(
            "[other{i}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\nregion = eu-west-{i}\n\n"
        ));
    }
    std::fs::write(&world.aws_credentials, &original).unwrap();
    world.run_ok(&["write-profile", "dev"], None);
    let users = world.keychain_users();
    let kept: Vec<&String> = users
        .iter()
        .filter(|u| u.starts_with("original/"))
        .collect();
    if under_wine() {
        assert!(
            kept.iter().any(|u| u.ends_with("#2")) && kept.len() >= 4,
            "split into several items: {users:?}"
        );
    } else {
        assert_eq!(kept.len(), 1, "one item where items are large: {users:?}");
    }
    world.run_ok(&["restore-credentials"], None);
    assert_eq!(
        std::fs::read_to_string(&world.aws_credentials).unwrap(),
        original,
        "restored byte for byte from the keychain"
    );
}

// Sessions are listed from one search of the store (the Credential Manager
// is searched by target name, not by attribute), at 1,000 roles too.
#[test]
fn sessions_are_listed_among_a_thousand_roles() {
    let world = World::with_dev();
    let config = world.config_dir.join("roletray/config.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    let arn = world.moto.role("dev").to_owned();
    for i in 0..1000 {
        text.push_str(&format!(
            "\n[roles.r{i:04}]\nrole_arn = \"{arn}\"\nsource = \"alice\"\nregion = \"eu-west-1\"\n"
        ));
    }
    std::fs::write(&config, text).unwrap();
    for role in ["dev", "r0007", "r0999"] {
        world.run_ok(&["assume", role], None);
    }
    let out = world.run_ok(&["sessions", "--json"], None);
    let listed: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let mut roles: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["role"].as_str().unwrap())
        .collect();
    roles.sort();
    assert_eq!(roles, ["dev", "r0007", "r0999"], "{listed}");
}

// The runtime folder (the endpoint's secret, locks) is the user's alone.
// On Linux its mode says so. On Windows RoleTray gives it an access list
// naming the user alone, protected from inheritance; the Wine these tests
// run under (Debian 12's, 8.0) keeps no file security descriptors, so that
// list cannot be read back here, and this test only sees the files made
// in the right place (docs/platforms.md says so).
#[test]
fn the_runtime_folder_is_the_users_alone() {
    let world = World::with_dev();
    let mut serve = world.roletray(&["serve"]);
    serve
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = serve.spawn().unwrap();
    let runtime = world.roletray_runtime_dir();
    let file = runtime.join("endpoint.json");
    roletray_tests::poll("endpoint.json", std::time::Duration::from_secs(60), || {
        if file.is_file() {
            Ok(())
        } else {
            Err(format!("nothing in {}", runtime.display()))
        }
    });
    let _ = child.kill();
    let _ = child.wait();
    assert!(runtime.join("locks").is_dir());
    if !under_wine() {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&runtime).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}

// erase-keychain removes every item of RoleTray's and asks for --yes first.
#[test]
fn erase_keychain_leaves_nothing_behind_when_asked() {
    let _registry = REGISTRY.lock().unwrap_or_else(|p| p.into_inner());
    let world = World::with_dev();
    world.run_ok(&["assume", "dev"], None);
    assert!(
        world.keychain_users().len() >= 2,
        "{:?}",
        world.keychain_users()
    );
    let (code, _) = world.run_err(&["erase-keychain"], None);
    assert_eq!(code, "invalid_input");
    assert!(world.keychain_secret("source/alice").is_some());
    world.run_ok(&["erase-keychain", "--yes"], None);
    assert_eq!(world.keychain_users(), Vec::<String>::new());
    assert!(
        world.config_dir.join("roletray/config.toml").is_file(),
        "the configuration stays"
    );
}

// With no proxy variable, the per-user Internet settings are the system's
// proxy (what the Settings app's Proxy page writes): `network check` names
// them, and a call to a name only the lab's proxy knows goes through it.
#[test]
fn the_per_user_internet_settings_are_the_system_s_proxy() {
    if !under_wine() {
        eprintln!(
            "Windows' Internet settings: run against roletray.exe under Wine (scripts/test-windows.sh); GNOME's are tested in through_proxies.rs"
        );
        return;
    }
    let _registry = REGISTRY.lock().unwrap_or_else(|p| p.into_inner());
    let mut world = World::with_dev();
    let lab = roletray_tests::NetworkLab::start(&world, roletray_tests::LabOptions::default());
    world.set_env("AWS_ENDPOINT_URL_STS", lab.https_url("sts"));
    let key = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings";
    let reg = |args: &[&str]| {
        let mut cmd = world.command("wine");
        cmd.arg("reg").args(args);
        let out = roletray_tests::run_command(cmd, None);
        assert!(out.success(), "wine reg {args:?}: {}", out.stderr);
    };
    // Every test shares the prefix: its other calls go to loopback, which
    // RoleTray never sends through a proxy; the values go at the end.
    let server = format!("127.0.0.1:{}", lab.proxy_port());
    reg(&[
        "add",
        key,
        "/v",
        "ProxyServer",
        "/t",
        "REG_SZ",
        "/d",
        &server,
        "/f",
    ]);
    reg(&[
        "add",
        key,
        "/v",
        "ProxyOverride",
        "/t",
        "REG_SZ",
        "/d",
        "*.corp.example;<local>",
        "/f",
    ]);
    reg(&[
        "add",
        key,
        "/v",
        "ProxyEnable",
        "/t",
        "REG_DWORD",
        "/d",
        "1",
        "/f",
    ]);
    let out = world.run(&["network", "check", "--json"], None);
    reg(&[
        "add",
        key,
        "/v",
        "ProxyEnable",
        "/t",
        "REG_DWORD",
        "/d",
        "0",
        "/f",
    ]);
    reg(&["delete", key, "/v", "ProxyServer", "/f"]);
    reg(&["delete", key, "/v", "ProxyOverride", "/f"]);

    let report: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", out.stdout, out.stderr));
    assert_eq!(
        report["https_proxy"],
        serde_json::json!({"value": format!("http://{server}"), "from": "Windows' proxy settings"}),
        "{report}"
    );
    assert!(
        report["bypass"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(".corp.example")),
        "{report}"
    );
    assert!(
        report["notes"].to_string().contains("<local>"),
        "the rule with no equivalent is said: {report}"
    );
    // The lab's CA is not trusted here: the way there went through the
    // proxy (the only way the name resolves) and the certificate is said.
    let sts = &report["probes"][0];
    assert_eq!(sts["url"], lab.https_url("sts"), "{report}");
    assert_eq!(sts["problem"]["code"], "tls_untrusted", "{report}");
    assert!(
        lab.connects().contains(&roletray_tests::lab_host("sts")),
        "{:?}",
        lab.connects()
    );
}

// The quick switch's search answers the same on every system, and its
// uses are kept in the system's cache folder: two roles that match alike
// swap places once one is used. Without a console to ask in, `pick` says
// to use --list (under Wine, stdin is a pipe, not a console).
#[test]
fn the_quick_switch_ranks_by_use_and_needs_a_console_to_ask() {
    let world = World::with_dev();
    world.add_role("dev-admin", "dev", &["--source", "alice"]);
    let list = || world.run_ok(&["pick", "--list", "dev"], None).stdout;
    assert_eq!(list().lines().collect::<Vec<_>>(), ["dev", "dev-admin"]);
    for _ in 0..2 {
        world.run_ok(&["assume", "dev-admin"], None);
    }
    assert_eq!(list().lines().collect::<Vec<_>>(), ["dev-admin", "dev"]);
    let (code, out) = world.run_err(&["pick"], None);
    assert_eq!(code, "not_a_terminal", "{}", out.stderr);
}
