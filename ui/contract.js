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
/** @typedef {import('./types/ActivityEntry').ActivityEntry} ActivityEntry */
/** @typedef {import('./types/Shell').Shell} Shell */
/** @typedef {import('./types/RoleInput').RoleInput} RoleInput */
/** @typedef {import('./types/ProfileWritten').ProfileWritten} ProfileWritten */
/** @typedef {import('./types/CredentialsRestored').CredentialsRestored} CredentialsRestored */
/** @typedef {import('./types/ImportResult').ImportResult} ImportResult */
/** @typedef {import('./types/CommandError').CommandError} CommandError */

/**
 * Each command: [its arguments, its answer].
 * @typedef {{
 *   snapshot: [{}, Snapshot],
 *   assume: [{ role: string }, Snapshot],
 *   renew: [{ role: string }, Snapshot],
 *   end_session: [{ role: string }, Snapshot],
 *   copy_exports: [{ role: string, format: Shell | null }, null],
 *   copy_live_exports: [{ role: string, format: Shell | null }, null],
 *   open_console: [{ role: string }, string | null],
 *   write_profile: [{ role: string, profile: string | null }, ProfileWritten],
 *   reset_endpoint_tokens: [{}, Snapshot],
 *   restore_credentials: [{}, CredentialsRestored],
 *   add_source: [{ name: string, access_key_id: string, secret_access_key: string, mfa_serial: string | null, region: string | null }, Snapshot],
 *   update_source: [{ name: string, mfa_serial: string | null, region: string | null }, Snapshot],
 *   rotate_source_key: [{ name: string, access_key_id: string, secret_access_key: string }, Snapshot],
 *   remove_source: [{ name: string }, Snapshot],
 *   save_role: [{ name: string, role: RoleInput, replace: boolean }, Snapshot],
 *   remove_role: [{ name: string }, Snapshot],
 *   import_aws: [{}, ImportResult],
 *   remove_imported_keys: [{ names: string[] }, ImportResult],
 *   validate_field: [{ field: string, value: string }, CommandError | null],
 *   save_settings: [{ settings: SettingsView }, Snapshot],
 *   clear_activity: [{}, Snapshot],
 *   open_log: [{}, null],
 *   submit_mfa: [{ request_id: number, code: string }, null],
 *   cancel_mfa: [{ request_id: number }, null],
 * }} Commands
 */

/** @typedef {keyof Commands} Command */

/** Every command's name (a test checks it against the backend's list). */
export const COMMANDS = /** @type {Command[]} */ ([
  'snapshot', 'assume', 'renew', 'end_session', 'copy_exports', 'copy_live_exports',
  'open_console', 'write_profile', 'reset_endpoint_tokens', 'restore_credentials',
  'add_source', 'update_source', 'rotate_source_key', 'remove_source', 'save_role',
  'remove_role', 'import_aws', 'remove_imported_keys', 'validate_field', 'save_settings',
  'clear_activity', 'open_log', 'submit_mfa', 'cancel_mfa',
]);
