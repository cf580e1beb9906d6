// @ts-check
// A role's environment label in its colour (production red, …), for every list that shows roles.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** @param {import('../contract.js').RoleView} role */
export function envChip(role) {
  if (!role.environment) return null;
  return h('span', { class: 'env-chip', testid: 'role-env', 'data-colour': role.colour ?? 'grey',
    title: role.asks_first ? t('env.asksFirst') : null }, role.environment);
}
