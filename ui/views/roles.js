// @ts-check
// The Roles view: every role with Edit and Remove, plus Add role, Import from AWS config and
// the same filter as Sessions. A long list shows only the rows in view (virtual-list.js).
import { h, setChildren } from '../dom.js';
import { virtualList } from '../virtual-list.js';
import { originLabel, roleHaystack, filterTerms, matchesTerms } from '../role-lists.js';
import { t } from '../i18n.js';
import { formatDuration, secondsUntil } from '../format.js';
import { perform } from '../commands.js';
import { confirmAction } from '../dialogs.js';
import { selectTab } from '../tabs.js';
import { openRoleForm } from './role-form.js';
import { showImportReport } from './import-report.js';
import { envChip } from './env-chip.js';
import { nameLabel, favouriteMark } from './marks.js';

function details(role) {
  return [
    originLabel(role),
    role.region,
    role.duration_seconds ? formatDuration(role.duration_seconds) : null,
    role.external_id ? t('role.externalId') : null,
    role.mfa_serial ? t('role.mfa') : null,
    role.session_name ? t('role.sessionName', { name: role.session_name }) : null,
  ].filter(Boolean).join(' · ');
}

async function removeRole(name, button) {
  const confirmed = await confirmAction({
    title: t('role.removeTitle', { name }),
    message: t('role.removeMessage', { name }),
    confirmLabel: t('role.removeConfirm'),
  });
  if (confirmed) await perform('remove_role', { name }, { button, success: t('toast.removed', { name }) });
}

/** An Identity Center role comes from its source: it is favourited, not edited. */
function ssoActions(role) {
  const { name, favourite } = role;
  return [h('button', { type: 'button', class: 'button small', testid: 'role-favourite',
    'aria-label': favourite ? t('role.unfavouriteLabel', { name }) : t('role.favouriteButtonLabel', { name }),
    on: { click: (e) => perform('sso_favourite', { role: name, favourite: !favourite },
      { button: e.currentTarget, success: favourite ? t('toast.unfavourited', { name }) : t('toast.favourited', { name }) }) } },
  favourite ? t('role.unfavourite') : t('role.favouriteButton'))];
}

/** @param {'live' | 'expired' | null} session */
function sessionBadge(session) {
  if (session === 'live') return h('span', { class: 'badge badge-verified' }, t('role.live'));
  if (session === 'expired') return h('span', { class: 'badge badge-muted' }, t('session.expired'));
  return null;
}

function roleRow(role, session) {
  const { name } = role;
  return {
    el: h('li', { class: 'row role-row', testid: 'role-row', 'data-role': name },
      h('div', { class: 'row-title' },
        nameLabel(name),
        favouriteMark(role),
        envChip(role),
        sessionBadge(session),
        h('span', { class: 'muted' }, details(role))),
      h('div', { class: 'row-actions' }, ...(role.sso ? ssoActions(role) : role.signin ? [] : [
        h('button', { type: 'button', class: 'button small', testid: 'role-edit', 'aria-label': t('role.editLabel', { name }), on: { click: () => openRoleForm(role) } }, t('role.edit')),
        h('button', { type: 'button', class: 'button small danger-text', testid: 'role-remove', 'aria-label': t('role.removeLabel', { name }),
          on: { click: (e) => removeRole(name, e.currentTarget) } }, t('role.remove'))])),
      h('div', { class: 'row-sub' }, h('span', { class: 'arn mono', title: role.role_arn }, role.role_arn))),
  };
}

export function createRolesView(panel) {
  const importButton = h('button', { type: 'button', class: 'button', testid: 'roles-import', on: {
    click: async (e) => {
      const result = await perform('import_aws', {}, { button: e.currentTarget, busyText: t('roles.importing') });
      if (result) showImportReport(result.report);
    },
  } }, t('roles.import'));
  const addButton = h('button', { type: 'button', class: 'button primary', testid: 'role-add', on: { click: () => openRoleForm() } }, t('roles.add'));
  const filter = h('input', {
    type: 'search', class: 'filter', testid: 'roles-filter', placeholder: t('filter.placeholder'), 'aria-label': t('filter.label'), autocomplete: 'off',
  });
  filter.spellcheck = false;
  const count = h('span', { class: 'muted count', 'aria-live': 'polite' });
  const list = h('ul', { class: 'rows', 'aria-label': t('roles.listLabel') });
  const noMatch = h('p', { class: 'empty-inline', hidden: true });
  const emptyText = h('p', {});
  const goSources = h('button', { type: 'button', class: 'button', testid: 'roles-go-sources', on: { click: () => selectTab('sources', { focus: true }) } }, t('roles.goSources'));
  const empty = h('div', { class: 'empty', hidden: true }, emptyText, h('div', { class: 'empty-actions' }, goSources));
  const filterBar = h('div', { class: 'toolbar' }, filter, count);
  setChildren(panel, h('div', { class: 'toolbar' }, addButton, importButton), filterBar, empty, noMatch, list);
  const rows = virtualList(list, (item) => roleRow(item.role, item.session), { scroller: () => panel });
  /** @type {{ key: string, sig: string, role: any, haystack: string }[]} */
  let items = [];
  let all = new Set();

  function applyFilter() {
    const terms = filterTerms(filter.value);
    const matching = terms.length ? items.filter((item) => matchesTerms(item.haystack, terms)) : items;
    rows.update(matching, all);
    noMatch.hidden = terms.length === 0 || matching.length > 0;
    noMatch.textContent = t('filter.noMatch', { query: filter.value.trim() });
    count.textContent = items.length === 0 ? '' : terms.length
      ? t('roles.countFiltered', { shown: matching.length, count: items.length })
      : t('roles.count', { count: items.length });
    return matching.length;
  }

  /** Signatures and haystacks by role name, made again only when a role changed. */
  const known = new Map();
  function itemOf(role, offsetMs, nowMs) {
    // A session past its expiry reads "expired" here too, as in Sessions.
    const session = !role.session ? null : (secondsUntil(role.session.expiration, offsetMs, nowMs) ?? 1) <= 0 ? 'expired' : 'live';
    const sig = JSON.stringify({ ...role, session });
    let item = known.get(role.name);
    if (item?.sig !== sig) known.set(role.name, (item = { key: role.name, sig, role, session, haystack: roleHaystack(role) }));
    return item;
  }

  /** @param {import('../contract.js').Snapshot} snapshot @param {number} [offsetMs] */
  function render(snapshot, offsetMs = 0) {
    const nowMs = Date.now();
    const roles = snapshot.roles;
    const hasSources = snapshot.sources.length > 0;
    empty.hidden = roles.length > 0;
    filterBar.hidden = roles.length === 0;
    goSources.hidden = hasSources;
    emptyText.textContent = hasSources ? t('roles.emptyWithSources') : t('roles.emptyNoSources');
    items = roles.map((role) => itemOf(role, offsetMs, nowMs));
    all = new Set(items.map((i) => i.key));
    for (const name of known.keys()) if (!all.has(name)) known.delete(name);
    applyFilter();
  }

  filter.addEventListener('input', applyFilter);
  filter.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    rows.reveal(0)?.el.querySelector('.row-actions button')?.focus();
  });
  return { render, applyFilter, filter };
}
