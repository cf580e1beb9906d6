// @ts-check
// Puts the catalogue's words into the fixed markup of a page (index.html): an element with
// data-i18n="KEY" gets the text, data-i18n-aria-label / data-i18n-title / data-i18n-placeholder
// the attribute. The markup keeps English, so the page reads well before this runs.
import { t, pageLang } from './i18n.js';

const ATTRIBUTES = ['aria-label', 'title', 'placeholder'];

/** @param {ParentNode} root */
export function applyCatalogue(root = document) {
  document.documentElement.lang = pageLang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n ?? '');
  for (const name of ATTRIBUTES) {
    for (const el of root.querySelectorAll(`[data-i18n-${name}]`)) el.setAttribute(name, t(el.getAttribute(`data-i18n-${name}`) ?? ''));
  }
}
