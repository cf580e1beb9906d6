//! Inputs that once troubled the parsers (kept from fuzzing runs, see
//! `scripts/fuzz.sh`), replayed on every test run: each must give a value or
//! an error, never a panic, and the credentials editor keeps its promises.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_core::config::Config;
use roletray_core::credentials_file::{check, set_profile};
use roletray_core::{Credentials, Sensitive};
use std::path::{Path, PathBuf};

fn cases(kind: &str) -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(kind);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let text = String::from_utf8(std::fs::read(&p).unwrap()).ok()?;
            Some((p, text))
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no cases in {}", dir.display());
    out
}

#[test]
fn config_cases_never_panic() {
    for (path, text) in cases("config") {
        let _ = Config::parse(&text, &path);
    }
}

#[test]
fn credentials_cases_keep_the_editor_promises() {
    let creds = Credentials {
        access_key_id: "ASIAFUZZFUZZFUZZFUZZ".into(),
        secret_access_key: Sensitive::from("secret"),
        session_token: Some(Sensitive::from("token")),
    };
    for (path, text) in cases("credentials") {
        if let Ok(new) = set_profile(&text, "fuzz", &creds, &path) {
            check(&new, &path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let again = set_profile(&new, "fuzz", &creds, &path).unwrap();
            assert_eq!(again, new, "{}", path.display());
        }
    }
}
