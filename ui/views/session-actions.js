// @ts-check
// What the Sessions view's buttons ask of the backend.
import { perform } from '../commands.js';
import { getSnapshot } from '../state.js';
import { copiedMessage } from '../format.js';
import { openWriteProfile } from './write-profile.js';
import { selectTab } from '../tabs.js';

export const sessionActions = {
  assume: (role, button) => perform('assume', { role }, { button, busyText: 'Assuming…', success: `${role} is now the active role` }),
  renew: (role, button) => perform('renew', { role }, { button, busyText: 'Renewing…', success: `Renewed ${role}` }),
  end: (role, button) => perform('end_session', { role }, { button, success: `Ended the session of ${role}` }),
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
      success: () => `Copied live ${copiedMessage(settings.default_shell ?? 'bash', settings.clipboard_clear_seconds ?? 0).replace(/^Copied /, '')}`,
    });
  },
  console: (role, button) => perform('open_console', { role }, {
    button,
    busyText: 'Opening…',
    success: (notice) => notice ?? `Opened the AWS console as ${role}`,
  }),
  writeProfile: (role) => openWriteProfile(role),
  goTo: (view) => selectTab(view, { focus: true }),
};
