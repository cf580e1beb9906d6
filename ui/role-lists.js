// Pure list logic: ordering, grouping and filtering roles, ordering activity.

const byName = (a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });

/** Favourites first, then by name. Returns a new array. */
export function sortRoles(roles) {
  return [...(roles ?? [])].sort((a, b) => (Number(!!b.favourite) - Number(!!a.favourite)) || byName(a, b));
}

/** Roles with a session (the active one first) and roles without, each sorted. */
export function splitBySession(roles, activeRole) {
  const sorted = sortRoles(roles);
  const live = sorted.filter((r) => r.session);
  const idle = sorted.filter((r) => !r.session);
  const active = live.findIndex((r) => r.name === activeRole);
  if (active > 0) live.unshift(...live.splice(active, 1));
  return { live, idle };
}

/** The lower-cased text a filter query is matched against. */
export function roleHaystack(role) {
  return [role.name, role.role_arn, role.session?.assumed_role_arn, role.source, role.via]
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
  if (role.source) return `from ${role.source}`;
  if (role.via) return `via ${role.via}`;
  return '';
}

const LEVEL_RANK = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then the rest; newest first within each level. */
export function sortActivity(activity) {
  return [...(activity ?? [])].sort((a, b) =>
    ((LEVEL_RANK[a.level] ?? 3) - (LEVEL_RANK[b.level] ?? 3))
    || (Date.parse(b.at) || 0) - (Date.parse(a.at) || 0));
}
