//! The promises about long-lived keys: none is left in a file RoleTray made,
//! none is overwritten by accident, none is echoed back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{World, WorldOptions};
use std::path::{Path, PathBuf};

fn world_with_dev() -> World {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    world
}

/// The user's own long-lived keys, as a credentials file usually holds them.
const MY_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzLONGLIVED";

fn my_keys() -> String {
    format!(
        "# mine\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {MY_SECRET}\n\n[ci]\nregion = eu-west-1\n"
    )
}

/// Every file under `dir` (following no symlink) whose bytes contain
/// `needle`, but the harness's own record of moto's users.
fn files_holding(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            found.extend(files_holding(&path, needle));
        } else if kind.is_file()
            && entry.file_name() != "moto_world.json"
            && std::fs::read(&path)
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
        {
            found.push(path);
        }
    }
    found
}

// The user's own keys in [default] are not replaced by accident: the write
// is refused before any STS call, naming the profile, and the file is
// untouched; --force replaces them.
#[test]
fn write_profile_refuses_to_overwrite_long_lived_keys_unless_forced() {
    let world = world_with_dev();
    std::fs::write(&world.aws_credentials, my_keys()).unwrap();
    let (code, out) = world.run_err(&["write-profile", "dev", "--profile", "default"], None);
    let message = out.stderr;
    assert_eq!(code, "profile_has_keys");
    assert!(
        message.contains("[default]") && message.contains("--force"),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(&world.aws_credentials).unwrap(),
        my_keys()
    );
    assert_eq!(world.sts_calls("AssumeRole"), 0);

    world.run_ok(
        &["write-profile", "dev", "--profile", "default", "--force"],
        None,
    );
    let text = std::fs::read_to_string(&world.aws_credentials).unwrap();
    assert!(
        !text.contains(MY_SECRET) && text.contains("aws_session_token = "),
        "{text}"
    );
    // RoleTray's own profile (it has a session token) is rewritten freely.
    world.run_ok(&["write-profile", "dev", "--profile", "default"], None);
}

// The original file, long-lived keys included, is kept in the keychain,
// never in a file: after write-profile no file anywhere in the world but the
// credentials file the user named holds the secret (here, after --force, not
// even that one), and restore-credentials gives every byte back.
#[test]
fn the_original_goes_to_the_keychain_and_comes_back_byte_for_byte() {
    let world = world_with_dev();
    let original = format!("{}[work]\r\nx = 1", my_keys());
    std::fs::write(&world.aws_credentials, &original).unwrap();
    world.run_ok(
        &["write-profile", "dev", "--profile", "default", "--force"],
        None,
    );
    assert_eq!(
        files_holding(world.root(), MY_SECRET),
        Vec::<PathBuf>::new()
    );
    world.run_ok(&["write-profile", "dev", "--profile", "work"], None);

    let dry = world.run_ok(&["restore-credentials", "--dry-run"], None);
    assert!(
        dry.stdout.contains(&format!("({} bytes)", original.len())),
        "{}",
        dry.stdout
    );
    assert_ne!(
        std::fs::read_to_string(&world.aws_credentials).unwrap(),
        original
    );
    world.run_ok(&["restore-credentials"], None);
    assert_eq!(
        std::fs::read(&world.aws_credentials).unwrap(),
        original.as_bytes()
    );
    // Restored once: the copy is gone, and saying so is a clear error.
    let (code, out) = world.run_err(&["restore-credentials"], None);
    assert_eq!(code, "not_found");
    assert!(out.stderr.contains("no original of"), "{}", out.stderr);
}

// A plaintext backup an older RoleTray left beside the file is moved into
// the keychain (it is the true original) and deleted.
#[test]
fn a_plaintext_backup_left_by_an_older_version_is_moved_into_the_keychain() {
    let world = world_with_dev();
    let mut legacy = world.aws_credentials.clone().into_os_string();
    legacy.push(".roletray-backup");
    let legacy = PathBuf::from(legacy);
    std::fs::write(&legacy, my_keys()).unwrap();
    std::fs::write(&world.aws_credentials, "[dev]\nregion = x\n").unwrap();
    world.run_ok(&["write-profile", "dev"], None);
    assert!(!legacy.exists());
    assert_eq!(
        files_holding(world.root(), MY_SECRET),
        Vec::<PathBuf>::new()
    );
    world.run_ok(&["restore-credentials"], None);
    assert_eq!(
        std::fs::read_to_string(&world.aws_credentials).unwrap(),
        my_keys()
    );
}

// A malformed secret key is refused without echoing any of it: not a
// character, not its length.
#[test]
fn a_malformed_secret_is_not_echoed() {
    let world = World::start(WorldOptions::default());
    for secret in [
        "Qx7#short",
        "Qx7#has spaces inside the secret key value",
        &"Qx7#".repeat(40),
    ] {
        let (code, out) = world.run_err(
            &[
                "source",
                "add",
                "s",
                "--access-key-id",
                "AKIAIOSFODNN7EXAMPLE",
            ],
            Some(&format!("{secret}\n")),
        );
        let message = out.stderr;
        assert_eq!(code, "invalid_input");
        assert!(!message.contains("Qx7"), "{message}");
        assert!(!message.contains(&secret.len().to_string()), "{message}");
        assert!(!message.contains("got "), "{message}");
    }
}

// `import --remove-keys` takes the imported long-lived keys out of the
// credentials file once each is confirmed in the keychain; every other byte
// stays, no other file gets them, and restore-credentials brings them back.
#[test]
fn import_can_remove_the_imported_keys_from_the_credentials_file() {
    let world = World::start(WorldOptions::default());
    let alice = world.moto.alice.clone();
    let original = format!(
        "# mine\n[alice]\naws_access_key_id = {}\naws_secret_access_key = {}\nregion = us-east-1\n\n[temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\naws_session_token = t\n",
        alice.access_key_id, alice.secret_access_key
    );
    std::fs::write(&world.aws_credentials, &original).unwrap();
    let out = world.run_ok(&["import", "--remove-keys", "--json"], None);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let removed = report.as_array().unwrap().iter().any(|i| {
        i["name"] == "alice" && i["outcome"].as_str().unwrap().starts_with("keys removed")
    });
    assert!(removed, "{report}");
    let text = std::fs::read_to_string(&world.aws_credentials).unwrap();
    assert_eq!(
        text,
        "# mine\n[alice]\nregion = us-east-1\n\n[temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\naws_session_token = t\n"
    );
    assert_eq!(
        files_holding(world.root(), &alice.secret_access_key),
        Vec::<PathBuf>::new()
    );
    // RoleTray still has the keys: a role from them works.
    world.add_role("dev", "dev", &["--source", "alice"]);
    world.run_ok(&["assume", "dev"], None);
    world.run_ok(&["restore-credentials"], None);
    assert_eq!(
        std::fs::read_to_string(&world.aws_credentials).unwrap(),
        original
    );
}
