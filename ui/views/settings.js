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
import { t } from '../i18n.js';

const SHELL_OPTIONS = [
  { value: 'bash', label: 'bash' }, { value: 'zsh', label: 'zsh' },
  ...SHELLS.filter((s) => s.format !== 'bash').map((s) => ({ value: s.format, label: s.label })),
];

const number = (extra) => ({ type: 'number', inputmode: 'decimal', min: 0, ...extra });

const FIELDS = [
  { name: 'defaultShell', label: t('settings.defaultShell'), type: 'select', field: 'default_shell', options: SHELL_OPTIONS },
  number({ name: 'notifyBeforeMinutes', label: t('settings.notifyBefore'), field: 'notify_before_seconds', step: 1,
    hint: t('settings.notifyBeforeHint') }),
  { name: 'autoRenew', label: t('settings.autoRenew'), type: 'checkbox', field: 'auto_renew' },
  number({ name: 'clipboardClearSeconds', label: t('settings.clipboardClear'), field: 'clipboard_clear_seconds', step: 1,
    hint: t('settings.clipboardClearHint') }),
  number({ name: 'minTtlMinutes', label: t('settings.minTtl'), field: 'min_ttl_seconds', step: 1,
    hint: t('settings.minTtlHint') }),
  number({ name: 'mfaSessionHours', label: t('settings.mfaSession'), field: 'mfa_session_seconds', step: 0.25,
    hint: t('settings.mfaSessionHint') }),
  { name: 'startAtLogin', label: t('settings.startAtLogin'), type: 'checkbox', field: 'start_at_login' },
  { name: 'paletteShortcut', label: t('settings.paletteShortcut'), field: 'palette_shortcut', autocomplete: 'off',
    hint: t('settings.paletteShortcutHint') },
];

/**
 * The trust actions: what to do when a secret may have gone where it should
 * not (the same as `roletray serve --rotate` and `roletray restore-credentials [--config]`).
 */
function createTrustActions() {
  const reset = h('button', { type: 'button', class: 'button', testid: 'reset-endpoint-tokens' }, t('trust.reset'));
  // Every live export line already pasted somewhere stops working: it asks first.
  reset.addEventListener('click', async () => {
    const confirmed = await confirmAction({
      title: t('trust.resetTitle'), message: t('trust.resetMessage'), confirmLabel: t('trust.resetConfirm'),
    });
    if (!confirmed) return;
    await perform('reset_endpoint_tokens', {}, { button: reset, busyText: t('trust.resetting'), success: t('toast.tokensReset') });
  });
  /** @param {'credentials' | 'config'} which */
  const restoreButton = (which) => {
    const button = h('button', { type: 'button', class: 'button danger', testid: which === 'config' ? 'restore-config' : 'restore-credentials' },
      t(`trust.restore.${which}`));
    button.addEventListener('click', async () => {
      const confirmed = await confirmAction({
        title: t(`trust.restoreTitle.${which}`),
        message: t(`trust.restoreMessage.${which}`),
        confirmLabel: t('trust.restoreConfirm'),
      });
      if (confirmed) {
        await perform('restore_credentials', { config: which === 'config' }, {
          button,
          success: (r) => t('toast.restored', { path: r?.path ?? t(`trust.file.${which}`), count: r?.bytes ?? 0 }),
        });
      }
    });
    return button;
  };
  const restore = restoreButton('credentials');
  const restoreConfig = restoreButton('config');
  return h('section', { class: 'trust-actions', 'aria-labelledby': 'trust-actions-title' },
    h('h3', { id: 'trust-actions-title' }, t('trust.title')),
    h('p', { class: 'hint' }, t('trust.hint')),
    h('div', { class: 'button-row' }, reset, restore, restoreConfig));
}

export function createSettingsView(panel) {
  let current = null;
  let dirty = false;
  const form = createForm({ id: 'settings-form', fields: FIELDS, submitLabel: t('settings.save'), busyLabel: t('form.saving'), submitTestid: 'settings-save' });
  const revert = h('button', { type: 'button', class: 'button', testid: 'settings-revert', disabled: true }, t('settings.revert'));
  form.submitButton.before(revert);
  // Why the shortcut does not work on this desktop, when it does not (Wayland, or taken).
  const paletteNote = h('p', { class: 'hint warning-note', testid: 'palette-note', role: 'note', hidden: true });
  form.submitButton.parentElement?.before(paletteNote);
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
    toast(t('toast.settingsSaved'));
  };

  function render(snapshot) {
    current = snapshot.settings ?? {};
    paletteNote.textContent = current.palette_note ?? '';
    paletteNote.hidden = !current.palette_note;
    if (!dirty) fill();
  }
  return { render };
}
