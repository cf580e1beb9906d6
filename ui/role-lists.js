// @ts-check
// Pure list logic: grouping and filtering roles. The order of roles and of
// activity is the backend's (the snapshot lists them as they are shown).

/**
 * Roles with a session (the active one first) and roles without, each in
 * the snapshot's order.
 * @param {import('./contract.js').RoleView[]} roles
 * @param {string | null} activeRole
 */
export function splitBySession(roles, activeRole) {
  const live = (roles ?? []).filter((r) => r.session);
  const idle = (roles ?? []).filter((r) => !r.session);
  const active = live.findIndex((r) => r.name === activeRole);
  if (active > 0) live.unshift(...live.splice(active, 1));
  return { live, idle };
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

/** The lower-cased text a filter query is matched against. */
export function roleHaystack(role) {
  return [role.name, role.role_arn, role.session?.assumed_role_arn, role.source, role.via,
    role.sso?.account_name, role.sso?.source]
    .filter(Boolean).join('\n').toLowerCase();
}

/** Splits a filter query into lower-cased words; an empty query gives []. */
export function filterTerms(query) {
  return String(query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
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
  if (role.sso) return `${accountLabel(role.sso)} · Identity Center ${role.sso.source}`;
  if (role.signin) return 'signed in with the AWS console account';
  if (role.identity_center) return `Identity Center ${role.identity_center}`;
  if (role.source) return `from ${role.source}`;
  if (role.via) return `via ${role.via}`;
  return '';
}
