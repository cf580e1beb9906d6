//! The page's commands on Tauri's mock runtime: no display, a temporary
//! configuration, an in-memory keychain. What the page can see and do.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_app::app::{self, state::AppCtx};
use roletray_core::keychain::Keychain;
use roletray_core::paths::Paths;
use roletray_core::service::Service;
use serde_json::{Value, json};
use std::sync::Arc;
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{WebviewUrl, WebviewWindow, WebviewWindowBuilder};

struct App {
    _dir: tempfile::TempDir,
    store: Arc<keyring_core::CredentialStore>,
    config_file: std::path::PathBuf,
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        config_file: dir.path().join("config/roletray/config.toml"),
        lock_dir: dir.path().join("run/locks"),
        runtime_dir: dir.path().join("run"),
        sso_cache_dir: dir.path().join("sso"),
        key_facts_file: dir.path().join("key-facts.json"),
    };
    let config_file = paths.config_file.clone();
    let store: Arc<keyring_core::CredentialStore> = keyring_core::mock::Store::new().unwrap();
    let keychain = Keychain::with_store(store.clone());
    let service = Service::for_app(paths, Some(keychain));
    let app = app::in_one_process(mock_builder(), AppCtx::new(service))
        .build(app::frame::context())
        .unwrap();
    // The webview's data folder in the test's own tree, as the app's own
    // windows have theirs in RoleTray's (never the real HOME).
    let window = WebviewWindowBuilder::new(&app, "main", WebviewUrl::default())
        .data_directory(dir.path().join("webview"))
        .build()
        .unwrap();
    App {
        _dir: dir,
        store,
        config_file,
        _app: app,
        window,
    }
}

fn invoke(app: &App, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        &app.window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

fn add_source(app: &App) -> Value {
    invoke(
        app,
        "add_source",
        json!({"name": "me", "access_key_id": "AKIAIOSFODNN7EXAMPLE", "secret_access_key": SECRET,
               "mfa_serial": null, "region": "eu-west-1"}),
    )
    .unwrap()
}

// Only RoleTray's own windows may call its commands: another window is refused.
#[test]
fn commands_are_denied_to_unknown_windows() {
    let app = app();
    let other = WebviewWindowBuilder::new(&app._app, "intruder", WebviewUrl::default())
        .data_directory(app._dir.path().join("webview"))
        .build()
        .unwrap();
    let probe = App {
        window: other,
        ..app
    };
    let err = invoke(&probe, "snapshot", json!({})).unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

// The page never sees a secret: not the secret key, not the full key id.
#[test]
fn adding_a_source_returns_a_snapshot_without_secrets() {
    let app = app();
    let snap = add_source(&app);
    let text = snap.to_string();
    assert!(!text.contains(SECRET), "{text}");
    assert!(!text.contains("AKIAIOSFODNN7EXAMPLE"), "{text}");
    assert_eq!(snap["sources"][0]["access_key_id_masked"], "AKIA…MPLE");
    let config = std::fs::read_to_string(&app.config_file).unwrap();
    assert!(!config.contains(SECRET));
}

// Invalid input comes back as { code, message, field } for inline display,
// and nothing is saved.
#[test]
fn invalid_roles_name_the_field_and_save_nothing() {
    let app = app();
    add_source(&app);
    let err = invoke(
        &app,
        "save_role",
        json!({"name": "dev", "replace": false, "role": {
            "role_arn": "arn:aws:iam::123:role/dev", "source": "me", "via": null,
            "external_id": null, "session_name": null, "duration_seconds": null,
            "mfa_serial": null, "region": null, "favourite": false}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(err["field"], "role_arn account");
    let snap = invoke(&app, "snapshot", json!({})).unwrap();
    assert_eq!(snap["roles"], json!([]));

    let ok = invoke(
        &app,
        "save_role",
        json!({"name": "dev", "replace": false, "role": {
            "role_arn": "arn:aws:iam::123456789012:role/dev", "source": "me", "via": "",
            "external_id": "", "session_name": null, "duration_seconds": 1800,
            "mfa_serial": null, "region": null, "favourite": true}}),
    )
    .unwrap();
    assert_eq!(ok["roles"][0]["name"], "dev");
    assert_eq!(ok["roles"][0]["duration_seconds"], 1800);
    assert_eq!(ok["roles"][0]["external_id"], Value::Null);
}

// Field checks for inline validation resolve to null or to the error.
#[test]
fn validate_field_uses_the_cli_rules() {
    let app = app();
    let ok = invoke(
        &app,
        "validate_field",
        json!({"field": "external_id", "value": "abc-123"}),
    )
    .unwrap();
    assert_eq!(ok, Value::Null);
    let bad = invoke(
        &app,
        "validate_field",
        json!({"field": "duration", "value": "60"}),
    )
    .unwrap();
    assert_eq!(bad["code"], "invalid_input");
    assert_eq!(bad["field"], "duration");
}

// Settings round-trip through the page with the same range checks as the CLI.
#[test]
fn settings_are_saved_and_checked() {
    let app = app();
    let mut settings = invoke(&app, "snapshot", json!({})).unwrap()["settings"].clone();
    assert_eq!(settings["notify_before_seconds"], 600);
    settings["notify_before_seconds"] = json!(120);
    settings["default_shell"] = json!("fish");
    let snap = invoke(&app, "save_settings", json!({"settings": settings.clone()})).unwrap();
    assert_eq!(snap["settings"]["notify_before_seconds"], 120);
    assert_eq!(snap["settings"]["default_shell"], "fish");
    settings["min_ttl_seconds"] = json!(999_999);
    let err = invoke(&app, "save_settings", json!({"settings": settings})).unwrap_err();
    assert_eq!(err["field"], "min_ttl_seconds");
}

// A source in use cannot be removed; the error says by whom.
#[test]
fn removing_a_source_in_use_is_refused() {
    let app = app();
    add_source(&app);
    invoke(
        &app,
        "save_role",
        json!({"name": "dev", "replace": false, "role": {
            "role_arn": "arn:aws:iam::123456789012:role/dev", "source": "me"}}),
    )
    .unwrap();
    let err = invoke(&app, "remove_source", json!({"name": "me"})).unwrap_err();
    assert_eq!(err["code"], "in_use");
    assert!(err["message"].as_str().unwrap().contains("dev"));
}

// An MFA code that is not six digits is refused and the prompt stays open.
#[test]
fn malformed_mfa_codes_are_refused() {
    let app = app();
    // The main window may not answer MFA prompts; an MFA window may.
    let denied = invoke(
        &app,
        "submit_mfa",
        json!({"request_id": 1, "code": "123456"}),
    )
    .unwrap_err();
    assert!(denied.to_string().contains("not allowed"), "{denied}");
    let mfa = WebviewWindowBuilder::new(&app._app, "mfa-1", WebviewUrl::default())
        .data_directory(app._dir.path().join("webview"))
        .build()
        .unwrap();
    let app = App { window: mfa, ..app };
    let err = invoke(&app, "submit_mfa", json!({"request_id": 1, "code": "12"})).unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    let err = invoke(
        &app,
        "submit_mfa",
        json!({"request_id": 99, "code": "123456"}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "not_found");
}

// A keychain that refuses access: the page gets keychain_locked, and the
// rest of the app (snapshots, settings) keeps working.
#[test]
fn a_locked_keychain_is_a_clear_error_and_nothing_else_breaks() {
    let app = app();
    add_source(&app);
    invoke(
        &app,
        "save_role",
        json!({"name": "dev", "replace": false, "role": {
            "role_arn": "arn:aws:iam::123456789012:role/dev", "source": "me"}}),
    )
    .unwrap();
    let entry = keyring_core::Entry::new_in_store(&app.store, "roletray", "session/dev").unwrap();
    let cred: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
    cred.set_error(keyring_core::Error::NoStorageAccess(
        "locked collection".into(),
    ));
    let err = invoke(&app, "assume", json!({"role": "dev"})).unwrap_err();
    assert_eq!(err["code"], "keychain_locked", "{err}");
    assert!(err["message"].as_str().unwrap().contains("unlock"), "{err}");
    let snap = invoke(&app, "snapshot", json!({})).unwrap();
    assert_eq!(snap["roles"][0]["name"], "dev");
    let mut settings = snap["settings"].clone();
    settings["auto_renew"] = json!(true);
    invoke(&app, "save_settings", json!({"settings": settings})).unwrap();
}

// The window's forms get the CLI's rules, field by field, and nothing is saved.
#[test]
fn invalid_form_values_name_their_field() {
    let app = app();
    add_source(&app);
    let good = json!({"role_arn": "arn:aws:iam::123456789012:role/dev", "source": "me"});
    let cases = [
        (
            "role_arn",
            json!("arn:aws:iam::123456789012:user/dev"),
            "role_arn",
        ),
        ("external_id", json!("x"), "external_id"),
        ("session_name", json!("has space"), "session_name"),
        ("duration_seconds", json!(60), "duration"),
        ("mfa_serial", json!("short"), "mfa_serial"),
        ("region", json!("Mars"), "region"),
        ("source", json!("nobody"), "source"),
    ];
    let before = std::fs::read(&app.config_file).unwrap();
    for (key, value, field) in cases {
        let mut role = good.clone();
        role[key] = value;
        let err = invoke(
            &app,
            "save_role",
            json!({"name": "dev", "replace": false, "role": role}),
        )
        .unwrap_err();
        assert_eq!(err["code"], "invalid_input", "{key}: {err}");
        assert!(
            err["field"].as_str().unwrap().contains(field),
            "{key}: {err}"
        );
        assert_eq!(
            std::fs::read(&app.config_file).unwrap(),
            before,
            "{key} saved something"
        );
    }
    for (name, key_id, secret, field) in [
        ("bad name", "AKIAIOSFODNN7EXAMPLE", SECRET, "name"),
        ("other", "ASIAIOSFODNN7EXAMPLE", SECRET, "access_key_id"),
        (
            "other",
            "AKIAIOSFODNN7EXAMPLE",
            "short",
            "secret_access_key",
        ),
    ] {
        let err = invoke(
            &app,
            "add_source",
            json!({"name": name, "access_key_id": key_id, "secret_access_key": secret}),
        )
        .unwrap_err();
        assert!(err["field"].as_str().unwrap().contains(field), "{err}");
    }
}
