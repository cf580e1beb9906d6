// @ts-check
// Error banners (dismissible, one per page or dialog) and the short "done" toast.
import { h } from './dom.js';
import { explainError } from './errors.js';
import { t } from './i18n.js';

/** A banner element: the page has one under the tabs; every form dialog has its own. */
export function bannerElement(testidPrefix = 'banner') {
  const text = h('p', { class: 'banner-text' });
  const code = h('span', { class: 'banner-code' });
  const dismiss = h('button', {
    type: 'button', class: 'icon-button banner-dismiss', testid: `${testidPrefix}-dismiss`,
    'aria-label': t('banner.dismissLabel'), title: t('banner.dismissTitle'), text: '×',
  });
  const el = h('div', { class: 'banner', role: 'alert', hidden: true, testid: testidPrefix }, h('div', { class: 'banner-body' }, text, code), dismiss);
  return wireBanner(el);
}

/**
 * Where the focus goes when a banner that held it is dismissed: back to the control that was
 * focused when it showed (usually the button whose action failed), else to the first control
 * of its dialog, else to the tab panel in view. Never to the top of the page.
 * @param {HTMLElement} el @param {Element | null} before
 */
function focusAfterBanner(el, before) {
  const usable = (/** @type {any} */ c) => c instanceof HTMLElement && c.isConnected && !el.contains(c)
    && !c.closest('[hidden]') && !c.closest('dialog:not([open])') && !(/** @type {any} */ (c).disabled);
  const dialog = el.closest('dialog');
  const target = [before,
    dialog?.querySelector('input:not([type="hidden"]), select, textarea, button:not(.banner-dismiss)'),
    document.querySelector('[role="tabpanel"]:not([hidden])')].find(usable);
  /** @type {HTMLElement | undefined} */ (target)?.focus();
}

/** Gives a banner element (built above or written in index.html) its show/hide behaviour. */
export function wireBanner(el) {
  const text = el.querySelector('.banner-text');
  const code = /** @type {HTMLElement} */ (el.querySelector('.banner-code'));
  // What AWS (or the system) said, word for word, and the error's code: behind "Details",
  // under the sentence that says what happened and what to do next.
  const detailsText = h('p', { class: 'banner-details-text mono' });
  const details = h('details', { class: 'banner-details', testid: `${el.dataset.testid ?? 'banner'}-details` },
    h('summary', {}, t('banner.details')), detailsText);
  code.before(details);
  details.append(code);
  /** @type {Element | null} */
  let focusedBefore = null;
  const banner = {
    el,
    show(error) {
      const { sentence, details: said } = explainError(error);
      text.textContent = sentence;
      detailsText.textContent = said;
      code.textContent = error.code && error.code !== 'error' ? t('banner.code', { code: error.code }) : '';
      details.hidden = !said && !code.textContent;
      details.open = false;
      if (el.hidden) focusedBefore = document.activeElement;
      el.hidden = false;
    },
    hide() {
      const hadFocus = el.contains(document.activeElement);
      el.hidden = true;
      if (hadFocus) focusAfterBanner(el, focusedBefore);
    },
    get visible() { return !el.hidden; },
  };
  el.querySelector('.banner-dismiss').addEventListener('click', () => banner.hide());
  return banner;
}

let toastTimer = null;
/** What to do when the toast on screen goes away (a toast with an action). */
let onToastGone = null;

function hideToast(el) {
  // A faded toast's button must not keep the focus, nor be reached with Tab.
  const hadFocus = el.contains(document.activeElement);
  if (el.classList.contains('has-action')) el.replaceChildren();
  if (hadFocus) /** @type {HTMLElement | null} */ (document.querySelector('[role="tabpanel"]:not([hidden])'))?.focus();
  el.classList.remove('is-visible', 'has-action');
  const gone = onToastGone;
  onToastGone = null;
  gone?.();
}

/** Shows a short confirmation at the bottom of the window. */
export function toast(message, ms = 3000) {
  const el = document.getElementById('toast');
  if (!el) return;
  clearTimeout(toastTimer);
  if (onToastGone) hideToast(el);
  el.textContent = message;
  el.classList.add('is-visible');
  toastTimer = setTimeout(() => hideToast(el), ms);
}

/**
 * A toast with one button (Undo). `onGone(acted)` runs once when it goes: after its time,
 * when another toast replaces it, or at once when the button is pressed (acted = true).
 * The focus goes to the button when `focus` is set (the control that was pressed is gone).
 * @param {string} message
 * @param {{ label: string, testid: string, ms?: number, focus?: boolean, onGone: (acted: boolean) => void }} action
 */
export function toastWithAction(message, { label, testid, ms = 10000, focus = false, onGone }) {
  const el = document.getElementById('toast');
  if (!el) { onGone(false); return; }
  clearTimeout(toastTimer);
  if (onToastGone) hideToast(el);
  let acted = false;
  const button = h('button', { type: 'button', class: 'button small toast-action', testid,
    on: { click: () => { acted = true; clearTimeout(toastTimer); hideToast(el); } } }, label);
  el.replaceChildren(h('span', {}, message), button);
  el.classList.add('is-visible', 'has-action');
  onToastGone = () => onGone(acted);
  toastTimer = setTimeout(() => hideToast(el), ms);
  if (focus) button.focus();
}

/** Ends the toast on screen now (its `onGone` runs): the page is being hidden or closed. */
export function settleToast() {
  const el = document.getElementById('toast');
  if (!el || !onToastGone) return;
  clearTimeout(toastTimer);
  hideToast(el);
}
