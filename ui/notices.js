// @ts-check
// Error banners (dismissible, one per page or dialog) and the short "done" toast.
import { h } from './dom.js';

/** A banner element: the page has one under the tabs; every form dialog has its own. */
export function bannerElement(testidPrefix = 'banner') {
  const text = h('p', { class: 'banner-text' });
  const code = h('span', { class: 'banner-code' });
  const dismiss = h('button', {
    type: 'button', class: 'icon-button banner-dismiss', testid: `${testidPrefix}-dismiss`,
    'aria-label': 'Dismiss message', title: 'Dismiss (Esc)', text: '×',
  });
  const el = h('div', { class: 'banner', role: 'alert', hidden: true, testid: testidPrefix }, h('div', { class: 'banner-body' }, text, code), dismiss);
  return wireBanner(el);
}

/** Gives a banner element (built above or written in index.html) its show/hide behaviour. */
export function wireBanner(el) {
  const text = el.querySelector('.banner-text');
  const code = el.querySelector('.banner-code');
  const banner = {
    el,
    show(error) {
      text.textContent = error.message;
      code.textContent = error.code && error.code !== 'error' ? error.code : '';
      el.hidden = false;
    },
    hide() { el.hidden = true; },
    get visible() { return !el.hidden; },
  };
  el.querySelector('.banner-dismiss').addEventListener('click', () => banner.hide());
  return banner;
}

let toastTimer = null;

/** Shows a short confirmation at the bottom of the window. */
export function toast(message, ms = 3000) {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = message;
  el.classList.add('is-visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('is-visible'), ms);
}
