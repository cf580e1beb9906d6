// @ts-check
// Pure list logic: grouping and filtering roles. The order of roles and of
// activity is the backend's (the snapshot lists them as they are shown).
import { t } from './i18n.js';

/**
 * Roles with a live session (the active one first), roles whose session has
 * expired (the active one first), and roles without, each in the snapshot's order.
 * @param {import('./contract.js').RoleView[]} roles
 * @param {string | null} activeRole
 * @param {(session: import('./contract.js').SessionView) => boolean} [isExpired]
 */
export function splitBySession(roles, activeRole, isExpired = () => false) {
  const live = [];
  const expired = [];
  const idle = [];
  for (const r of roles ?? []) {
    if (!r.session) idle.push(r);
    else if (isExpired(r.session)) expired.push(r);
    else live.push(r);
  }
  for (const group of [live, expired]) {
    const active = group.findIndex((r) => r.name === activeRole);
    if (active > 0) group.unshift(...group.splice(active, 1));
  }
  return { live, expired, idle };
}

/**
 * An Identity Center account as shown: its name and id.
 * @param {{ account_name: string, account_id: string }} sso
 */
export function accountLabel(sso) {
  return sso.account_name && sso.account_name !== sso.account_id
    ? `${sso.account_name} (${sso.account_id})`
    : sso.account_id;
}

/** The account id in a role's ARN (or its Identity Center account), or ''. */
export function accountId(role) {
  return role.sso?.account_id ?? String(role.role_arn ?? '').split(':')[4] ?? '';
}

/** "444455556666" as the AWS console writes it: "4444-5555-6666". */
export function dashedAccount(id) {
  return /^\d{12}$/.test(id) ? `${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8)}` : '';
}

/**
 * The lower-cased text a filter query is matched against: the name, ARNs, account id
 * (also with the console's dashes), environment label, source, the role it goes via,
 * and the Identity Center account and source.
 */
export function roleHaystack(role) {
  const account = accountId(role);
  return [role.name, role.role_arn, role.session?.assumed_role_arn, account, dashedAccount(account),
    role.environment, role.source, role.via, role.identity_center, role.sso?.account_name, role.sso?.source]
    .filter(Boolean).join('\n').toLowerCase();
}

/**
 * Splits a filter query into lower-cased words; an empty query gives [].
 * An account id typed in groups of four with spaces ("4444 5555 6666", as people
 * read it out) is one word, written with the console's dashes; "4444-5555-6666" and
 * "444455556666" are already one word each.
 */
export function filterTerms(query) {
  return String(query ?? '').toLowerCase()
    .replace(/\b\d{4}(?:[ \t]+\d{1,4}){1,2}\b/g, (digits) => digits.split(/\s+/).join('-'))
    .split(/\s+/).filter(Boolean);
}

/** True when every word of the query occurs in the haystack. */
export function matchesTerms(haystack, terms) {
  for (const term of terms) if (!haystack.includes(term)) return false;
  return true;
}

/** True when the assumed-role ARN was confirmed by GetCallerIdentity. */
export function isVerified(session) {
  return !!session && !!session.verified_arn && session.verified_arn === session.assumed_role_arn;
}

/** "from alice" or "via dev". */
export function originLabel(role) {
  if (role.sso) return t('origin.sso', { account: accountLabel(role.sso), source: role.sso.source });
  if (role.signin) return t('origin.signin');
  if (role.identity_center) return t('origin.identityCenter', { source: role.identity_center });
  if (role.source) return t('origin.source', { source: role.source });
  if (role.via) return t('origin.via', { role: role.via });
  return '';
}
