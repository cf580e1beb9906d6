// @ts-check
// What the Sessions view's buttons ask of the backend.
import { perform } from '../commands.js';
import { getSnapshot } from '../state.js';
import { copiedMessage, copiedLiveMessage } from '../format.js';
import { t } from '../i18n.js';
import { openWriteProfile } from './write-profile.js';
import { selectTab } from '../tabs.js';

export const sessionActions = {
  assume: (role, button) => perform('assume', { role }, { button, busyText: t('session.assuming'), success: t('toast.assumed', { role }) }),
  renew: (role, button) => perform('renew', { role }, { button, busyText: t('session.renewing'), success: t('toast.renewed', { role }) }),
  end: (role, button) => perform('end_session', { role }, { button, success: t('toast.ended', { role }) }),
  copy(role, format, button) {
    const settings = getSnapshot()?.settings ?? {};
    return perform('copy_exports', { role, format }, {
      button,
      success: () => copiedMessage(format ?? settings.default_shell ?? 'bash', settings.clipboard_clear_seconds ?? 0),
    });
  },
  copyLive(role, button) {
    const settings = getSnapshot()?.settings ?? {};
    return perform('copy_live_exports', { role, format: null }, {
      button,
      success: () => copiedLiveMessage(settings.default_shell ?? 'bash', settings.clipboard_clear_seconds ?? 0),
    });
  },
  console: (role, button) => perform('open_console', { role }, {
    button,
    busyText: t('session.opening'),
    success: (notice) => notice ?? t('toast.console', { role }),
  }),
  writeProfile: (role) => openWriteProfile(role),
  goTo: (view) => selectTab(view, { focus: true }),
};
