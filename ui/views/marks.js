// @ts-check
// A role's or source's name and the marks beside it, as every list shows them. A long name
// (IAM Identity Center's corp/111122223333/Developer) ends in "…" on screen (.role-name in
// app.css) but stays whole in its tooltip and for screen readers; a mark that is a symbol on
// screen (★) is a word for screen readers.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** @param {string} name */
export function nameLabel(name) {
  return h('span', { class: 'role-name', title: name }, name);
}

/** @param {{ favourite: boolean }} role */
export function favouriteMark(role) {
  if (!role.favourite) return null;
  return h('span', { class: 'favourite', title: t('role.favourite') },
    h('span', { 'aria-hidden': 'true' }, '★'), h('span', { class: 'visually-hidden' }, t('role.favouriteLabel')));
}
