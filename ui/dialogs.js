// @ts-check
// Modal dialogs (<dialog>: Escape closes them natively) and the confirm step.
import { h, rememberFocus } from './dom.js';
import { t } from './i18n.js';

let counter = 0;

/** A modal dialog with a title; `onClose` runs however it closes (button, Escape). */
/**
 * @param {{ title: string, testid: string, onClose?: () => void, wide?: boolean }} options
 */
export function createDialog({ title, testid, onClose, wide = false }) {
  const titleId = `dialog-title-${++counter}`;
  const heading = h('h2', { id: titleId, class: 'dialog-title' }, title);
  const body = h('div', { class: 'dialog-body' });
  const el = h('dialog', { class: wide ? 'dialog dialog-wide' : 'dialog', 'aria-labelledby': titleId, testid }, heading, body);
  let refocusOpener = null;
  el.addEventListener('close', () => {
    onClose?.();
    const active = document.activeElement;
    if (!active || active === document.body || el.contains(active)) refocusOpener?.();
    refocusOpener = null;
  });
  document.body.append(el);
  return {
    el,
    body,
    setTitle(text) { heading.textContent = text; },
    open(focusTarget) {
      refocusOpener = rememberFocus();
      el.showModal();
      focusTarget?.focus();
    },
    close() { if (el.open) el.close(); },
  };
}

let confirmDialog = null;

/** Asks before something that cannot be undone; resolves to true when confirmed. */
export function confirmAction({ title, message, confirmLabel = t('confirm.ok') }) {
  if (!confirmDialog) {
    const text = h('p', { class: 'confirm-text' });
    const ok = h('button', { type: 'button', class: 'button danger', testid: 'confirm-ok' });
    const cancel = h('button', { type: 'button', class: 'button', testid: 'confirm-cancel' }, t('confirm.cancel'));
    const dialog = createDialog({ title: '', testid: 'confirm-dialog', onClose: () => confirmDialog.resolve?.(false) });
    dialog.body.append(text, h('div', { class: 'form-actions' }, cancel, ok));
    confirmDialog = { dialog, text, ok, cancel, resolve: null };
    ok.addEventListener('click', () => { confirmDialog.resolve?.(true); dialog.close(); });
    cancel.addEventListener('click', () => dialog.close());
  }
  const { dialog, text, ok, cancel } = confirmDialog;
  dialog.setTitle(title);
  text.textContent = message;
  ok.textContent = confirmLabel;
  return new Promise((resolve) => {
    confirmDialog.resolve = (answer) => { confirmDialog.resolve = null; resolve(answer); };
    dialog.open(cancel);
  });
}
