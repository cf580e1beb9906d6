//! Declares RoleTray's own commands so that capabilities can grant exactly
//! them (an app manifest turns off the default "every command allowed").

const COMMANDS: &[&str] = &[
    "snapshot",
    "assume",
    "renew",
    "end_session",
    "copy_exports",
    "copy_live_exports",
    "open_console",
    "write_profile",
    "reset_endpoint_tokens",
    "restore_credentials",
    "add_source",
    "update_source",
    "rotate_source_key",
    "rotate_source",
    "check_source",
    "remove_source",
    "forget_mfa_session",
    "sso_add",
    "sso_sign_in",
    "sso_cancel_sign_in",
    "sso_sign_out",
    "sso_refresh",
    "sso_remove",
    "sso_favourite",
    "signin_add",
    "signin_sign_in",
    "signin_cancel_sign_in",
    "signin_sign_out",
    "signin_remove",
    "save_role",
    "remove_role",
    "import_aws",
    "remove_imported_keys",
    "validate_field",
    "save_settings",
    "network_settings",
    "save_network",
    "network_check",
    "clear_activity",
    "open_log",
    "submit_mfa",
    "cancel_mfa",
    "answer_confirm",
    "yubikey_accounts",
    "import_preview",
    "quit",
    "palette_search",
    "palette_act",
    "close_palette",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo::error={e}");
    }
}
