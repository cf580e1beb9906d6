// @ts-check
// The page's contract with the backend: every command, what it takes and
// what it answers, in the backend's own words. The types in ./types/ are
// written from the Rust types by `cargo test` (ts-rs); `tsc` checks every
// call of `call`/`perform` against this map (scripts/test.sh). One case
// convention both ways: snake_case.

/** @typedef {import('./types/Snapshot').Snapshot} Snapshot */
/** @typedef {import('./types/RoleView').RoleView} RoleView */
/** @typedef {import('./types/SourceView').SourceView} SourceView */
/** @typedef {import('./types/SessionView').SessionView} SessionView */
/** @typedef {import('./types/SettingsView').SettingsView} SettingsView */
/** @typedef {import('./types/NetworkView').NetworkView} NetworkView */
/** @typedef {import('./types/NetworkReport').NetworkReport} NetworkReport */
/** @typedef {import('./types/ActivityEntry').ActivityEntry} ActivityEntry */
/** @typedef {import('./types/Shell').Shell} Shell */
/** @typedef {import('./types/RoleInput').RoleInput} RoleInput */
/** @typedef {import('./types/ProfileWritten').ProfileWritten} ProfileWritten */
/** @typedef {import('./types/CredentialsRestored').CredentialsRestored} CredentialsRestored */
/** @typedef {import('./types/ImportResult').ImportResult} ImportResult */
/** @typedef {import('./types/CommandError').CommandError} CommandError */
/** @typedef {import('./types/ImportPreview').ImportPreview} ImportPreview */
/** @typedef {import('./types/YubikeyAccount').YubikeyAccount} YubikeyAccount */

/** @typedef {import('./types/PageCall').PageCall} PageCall */

/**
 * What each command answers. Its arguments come from the backend's own
 * `PageCall` type (src-tauri/src/app/window/page_calls.rs), so the page cannot send
 * what the backend does not read; tsc fails if a command lacks an answer.
 * @typedef {{
 *   snapshot: Snapshot,
 *   assume: Snapshot,
 *   renew: Snapshot,
 *   end_session: Snapshot,
 *   copy_exports: null,
 *   copy_live_exports: null,
 *   open_console: string | null,
 *   write_profile: ProfileWritten,
 *   reset_endpoint_tokens: Snapshot,
 *   restore_credentials: CredentialsRestored,
 *   add_source: Snapshot,
 *   update_source: Snapshot,
 *   rotate_source_key: Snapshot,
 *   rotate_source: Snapshot,
 *   check_source: Snapshot,
 *   remove_source: Snapshot,
 *   forget_mfa_session: Snapshot,
 *   sso_add: Snapshot,
 *   sso_sign_in: string | null,
 *   sso_cancel_sign_in: null,
 *   sso_sign_out: Snapshot,
 *   sso_refresh: Snapshot,
 *   sso_remove: Snapshot,
 *   sso_favourite: Snapshot,
 *   signin_add: Snapshot,
 *   signin_sign_in: string | null,
 *   signin_cancel_sign_in: null,
 *   signin_sign_out: Snapshot,
 *   signin_remove: Snapshot,
 *   save_role: Snapshot,
 *   remove_role: Snapshot,
 *   import_aws: ImportResult,
 *   remove_imported_keys: ImportResult,
 *   validate_field: CommandError | null,
 *   save_settings: Snapshot,
 *   network_settings: NetworkView,
 *   save_network: NetworkView,
 *   network_check: NetworkReport,
 *   clear_activity: Snapshot,
 *   open_log: null,
 *   submit_mfa: null,
 *   cancel_mfa: null,
 *   answer_confirm: null,
 *   yubikey_accounts: YubikeyAccount[],
 *   import_preview: ImportPreview,
 *   quit: null,
 *   palette_search: import('./types/PickHit').PickHit[],
 *   palette_act: import('./types/PaletteOutcome').PaletteOutcome,
 *   close_palette: null,
 * }} Answers
 */

/**
 * Each command: [its arguments, its answer].
 * @typedef {{ [K in PageCall['cmd']]: [Extract<PageCall, { cmd: K }>['args'], Answers[K]] }} Commands
 */

/** @typedef {keyof Commands} Command */

/** Every command's name (a test checks it against the backend's list). */
export const COMMANDS = /** @type {Command[]} */ ([
  'snapshot', 'assume', 'renew', 'end_session', 'copy_exports', 'copy_live_exports',
  'open_console', 'write_profile', 'reset_endpoint_tokens', 'restore_credentials',
  'add_source', 'update_source', 'rotate_source_key', 'rotate_source', 'check_source', 'remove_source', 'forget_mfa_session', 'sso_add', 'sso_sign_in', 'sso_cancel_sign_in', 'sso_sign_out', 'sso_refresh',
  'sso_remove', 'sso_favourite', 'signin_add', 'signin_sign_in', 'signin_cancel_sign_in', 'signin_sign_out', 'signin_remove', 'save_role',
  'remove_role', 'import_aws', 'remove_imported_keys', 'validate_field', 'save_settings', 'network_settings', 'save_network', 'network_check',
  'clear_activity', 'open_log', 'submit_mfa', 'cancel_mfa', 'answer_confirm', 'yubikey_accounts',
  'import_preview', 'quit', 'palette_search', 'palette_act', 'close_palette',
]);
