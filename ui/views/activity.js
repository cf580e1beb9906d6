// @ts-check
// The Activity view: what happened lately, errors first and in colour, with
// Clear, and the way to the app's log file (its path shown, opened by the backend).
import { h, setChildren } from '../dom.js';
import { perform } from '../commands.js';
import { formatActivityTime } from '../format.js';

export function createActivityView(panel, onCount) {
  const clear = h('button', { type: 'button', class: 'button', testid: 'activity-clear', on: {
    click: async (e) => {
      await perform('clear_activity', {}, { button: e.currentTarget, success: 'Activity cleared' });
      if (!panel.contains(document.activeElement)) panel.focus();
    },
  } }, 'Clear');
  const openLog = h('button', { type: 'button', class: 'button', testid: 'activity-open-log', on: {
    click: (e) => perform('open_log', {}, { button: e.currentTarget }),
  } }, 'Open log file');
  const logPath = h('span', { class: 'muted mono', testid: 'activity-log-path' });
  const list = h('ol', { class: 'activity', 'aria-label': 'Activity, errors first' });
  const empty = h('div', { class: 'empty', hidden: true },
    h('p', {}, 'Nothing to report. Errors, warnings and renewals show up here as they happen.'));
  setChildren(panel, h('div', { class: 'toolbar' }, clear, openLog, logPath), empty, list);
  let lastSig = null;

  function render(snapshot) {
    logPath.textContent = snapshot.log_file ?? '';
    openLog.hidden = !snapshot.log_file;
    // Errors first, then warnings, newest first: the backend's order.
    const items = snapshot.activity ?? [];
    const sig = JSON.stringify(snapshot.activity ?? []);
    const errors = items.filter((i) => i.level === 'error').length;
    onCount?.(errors);
    if (sig === lastSig) return;
    lastSig = sig;
    empty.hidden = items.length > 0;
    clear.hidden = items.length === 0;
    setChildren(list, items.map((item) => h('li', { class: `activity-item level-${item.level}`, testid: 'activity-item' },
      h('span', { class: 'activity-level' }, item.level),
      h('time', { class: 'activity-time muted', dateTime: item.at }, formatActivityTime(item.at, snapshot.now)),
      h('span', { class: 'activity-code mono' }, item.code),
      h('p', { class: 'activity-message' }, item.message))));
  }
  return { render };
}
