// @ts-check
// The Activity view: what happened lately, errors first and in colour, with
// Clear, and the way to the app's log file (its path shown, opened by the backend).
// Clear can be undone from its toast: the page hides the entries at once and asks the
// backend to clear them only when the toast has gone (or the window is hidden or closed),
// since the backend's clear_activity cannot be taken back; it clears up to the last entry
// the page hid (`up_to`), so what came in meanwhile stays.
import { h, setChildren } from '../dom.js';
import { perform } from '../commands.js';
import { formatActivityTime } from '../format.js';
import { toastWithAction, settleToast } from '../notices.js';
import { t } from '../i18n.js';

/** An entry's identity: its number, counted by the backend. */
const entryKey = (item) => item.seq;

export function createActivityView(panel, onCount) {
  /** Entries cleared on the page but not yet in the backend (Undo still possible). */
  let pendingClear = /** @type {Set<number> | null} */ (null);
  /** The number of the newest entry hidden by Clear. */
  let clearedUpTo = 0;
  let lastSnapshot = null;

  function commitClear() {
    pendingClear = null;
    perform('clear_activity', { up_to: clearedUpTo });
  }

  const clear = h('button', { type: 'button', class: 'button', testid: 'activity-clear', on: {
    click: () => {
      const items = lastSnapshot?.activity ?? [];
      if (!items.length) return;
      pendingClear = new Set(items.map(entryKey));
      clearedUpTo = Math.max(...items.map((i) => i.seq));
      paint();
      toastWithAction(t('activity.cleared'), {
        label: t('activity.undo'), testid: 'activity-undo', focus: true,
        onGone: (undone) => {
          if (!pendingClear) return;
          if (!undone) { commitClear(); return; }
          pendingClear = null;
          paint();
          // Back to where the person was: Clear is there again.
          if (document.activeElement === panel || document.activeElement === document.body) clear.focus();
        },
      });
    },
  } }, t('activity.clear'));
  const openLog = h('button', { type: 'button', class: 'button', testid: 'activity-open-log', on: {
    click: (e) => perform('open_log', {}, { button: e.currentTarget }),
  } }, t('activity.openLog'));
  const logPath = h('span', { class: 'muted mono', testid: 'activity-log-path' });
  const list = h('ol', { class: 'activity', 'aria-label': t('activity.listLabel') });
  const empty = h('div', { class: 'empty', hidden: true }, h('p', {}, t('activity.empty')));
  setChildren(panel, h('div', { class: 'toolbar' }, clear, openLog, logPath), empty, list);
  // Closing or hiding the window ends the toast: the clear then happens for real.
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') settleToast(); });
  window.addEventListener('pagehide', () => settleToast());
  let lastSig = null;

  function paint() {
    const snapshot = lastSnapshot;
    if (!snapshot) return;
    logPath.textContent = snapshot.log_file ?? '';
    openLog.hidden = !snapshot.log_file;
    // Errors first, then warnings, newest first: the backend's order.
    const all = snapshot.activity ?? [];
    const items = pendingClear ? all.filter((i) => !pendingClear?.has(entryKey(i))) : all;
    const errors = items.filter((i) => i.level === 'error').length;
    onCount?.(errors);
    const sig = JSON.stringify(items);
    if (sig === lastSig) return;
    lastSig = sig;
    empty.hidden = items.length > 0;
    clear.hidden = items.length === 0;
    setChildren(list, items.map((item) => h('li', { class: `activity-item level-${item.level}`, testid: 'activity-item' },
      h('span', { class: 'activity-level' }, t(`activity.level.${item.level}`)),
      h('time', { class: 'activity-time muted', dateTime: item.at }, formatActivityTime(item.at, snapshot.now)),
      h('span', { class: 'activity-code mono' }, item.code),
      h('p', { class: 'activity-message' }, item.message))));
  }

  function render(snapshot) {
    lastSnapshot = snapshot;
    paint();
  }
  return { render };
}
