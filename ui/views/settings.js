// @ts-check
// The Settings view: one form, saved with save_settings. A new snapshot refills it
// unless the user has unsaved changes.
import { h, setChildren } from '../dom.js';
import { createForm } from '../forms.js';
import { call, perform } from '../commands.js';
import { confirmAction } from '../dialogs.js';
import { toast } from '../notices.js';
import { settingsFromForm, settingsToForm } from '../form-values.js';
import { SHELLS } from '../format.js';
import { createNetworkSettings } from './network-settings.js';

const SHELL_OPTIONS = [
  { value: 'bash', label: 'bash' }, { value: 'zsh', label: 'zsh' },
  ...SHELLS.filter((s) => s.format !== 'bash').map((s) => ({ value: s.format, label: s.label })),
];

const number = (extra) => ({ type: 'number', inputmode: 'decimal', min: 0, ...extra });

const FIELDS = [
  { name: 'defaultShell', label: 'Default shell for Copy', type: 'select', field: 'default_shell', options: SHELL_OPTIONS },
  number({ name: 'notifyBeforeMinutes', label: 'Warn before expiry (minutes)', field: 'notify_before_seconds', step: 1,
    hint: 'The countdown turns amber and a notification is shown this long before a session ends.' }),
  { name: 'autoRenew', label: 'Renew sessions automatically before they expire', type: 'checkbox', field: 'auto_renew' },
  number({ name: 'clipboardClearSeconds', label: 'Clear the clipboard after (seconds)', field: 'clipboard_clear_seconds', step: 1,
    hint: '0 leaves copied credentials on the clipboard.' }),
  number({ name: 'minTtlMinutes', label: 'Minimum time left to reuse a session (minutes)', field: 'min_ttl_seconds', step: 1,
    hint: 'A cached session with less time left is renewed instead.' }),
  number({ name: 'mfaSessionHours', label: 'MFA session length (hours)', field: 'mfa_session_seconds', step: 0.25,
    hint: 'How long one MFA code serves every role of a source.' }),
  { name: 'startAtLogin', label: 'Start RoleTray at login', type: 'checkbox', field: 'start_at_login' },
];

/**
 * The trust actions: what to do when a secret may have gone where it should
 * not (the same as `roletray serve --rotate` and `roletray restore-credentials [--config]`).
 */
function createTrustActions() {
  const reset = h('button', { type: 'button', class: 'button', testid: 'reset-endpoint-tokens' }, 'Reset endpoint tokens');
  reset.addEventListener('click', () => perform('reset_endpoint_tokens', {}, {
    button: reset,
    busyText: 'Resetting…',
    success: 'Every endpoint token is void now: copy live export lines again where you need them',
  }));
  const restoreButton = (which, file, changedBy) => {
    const button = h('button', { type: 'button', class: 'button danger', testid: which === 'config' ? 'restore-config' : 'restore-credentials' },
      `Restore the AWS ${file} file…`);
    button.addEventListener('click', async () => {
      const confirmed = await confirmAction({
        title: `Restore the AWS ${file} file?`,
        message: `It gets back every byte it had before RoleTray first ${changedBy} (kept in your keychain). What changed since is lost.`,
        confirmLabel: 'Restore',
      });
      if (confirmed) {
        await perform('restore_credentials', { config: which === 'config' }, {
          button,
          success: (r) => `Restored ${r?.path ?? `the AWS ${file} file`} (${r?.bytes ?? 0} bytes)`,
        });
      }
    });
    return button;
  };
  const restore = restoreButton('credentials', 'credentials', 'wrote a profile into it or took keys out of it');
  const restoreConfig = restoreButton('config', 'config', 'switched an `aws login` profile in it to RoleTray');
  return h('section', { class: 'trust-actions', 'aria-labelledby': 'trust-actions-title' },
    h('h3', { id: 'trust-actions-title' }, 'If a secret went astray'),
    h('p', { class: 'hint' }, 'Live export lines hold a token for the local endpoint: resetting voids every token handed out. The originals of your AWS files, from before RoleTray first changed them, are kept in the keychain, never in a file.'),
    h('div', { class: 'button-row' }, reset, restore, restoreConfig));
}

export function createSettingsView(panel) {
  let current = null;
  let dirty = false;
  const form = createForm({ id: 'settings-form', fields: FIELDS, submitLabel: 'Save settings', busyLabel: 'Saving…', submitTestid: 'settings-save' });
  const revert = h('button', { type: 'button', class: 'button', testid: 'settings-revert', disabled: true }, 'Revert');
  form.submitButton.before(revert);
  setChildren(panel, form.el, createNetworkSettings().el, createTrustActions());

  function setDirty(value) {
    dirty = value;
    revert.disabled = !value;
  }

  function fill() {
    form.setValues(settingsToForm(current));
    form.clearErrors();
    setDirty(false);
  }

  form.el.addEventListener('input', () => setDirty(true));
  form.el.addEventListener('change', () => setDirty(true));
  revert.addEventListener('click', fill);
  form.onSubmit = async (values) => {
    await call('save_settings', { settings: settingsFromForm(values, current) });
    setDirty(false);
    fill();
    toast('Settings saved');
  };

  function render(snapshot) {
    current = snapshot.settings ?? {};
    if (!dirty) fill();
  }
  return { render };
}
