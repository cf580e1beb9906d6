// @ts-check
// The Roles view: every role with Edit and Remove, plus Add role and Import from AWS config.
import { h, keyedList, setChildren } from '../dom.js';
import { originLabel } from '../role-lists.js';
import { formatDuration } from '../format.js';
import { perform } from '../commands.js';
import { confirmAction } from '../dialogs.js';
import { selectTab } from '../tabs.js';
import { openRoleForm } from './role-form.js';
import { showImportReport } from './import-report.js';
import { envChip } from './env-chip.js';

function details(role) {
  return [
    originLabel(role),
    role.region,
    role.duration_seconds ? formatDuration(role.duration_seconds) : null,
    role.external_id ? 'external ID' : null,
    role.mfa_serial ? 'MFA' : null,
    role.session_name ? `as ${role.session_name}` : null,
  ].filter(Boolean).join(' · ');
}

async function removeRole(name, button) {
  const confirmed = await confirmAction({
    title: `Remove role ${name}?`,
    message: `RoleTray forgets the role ${name} and its cached session. The role itself in AWS is not touched.`,
    confirmLabel: 'Remove role',
  });
  if (confirmed) await perform('remove_role', { name }, { button, success: `Removed ${name}` });
}

/** An Identity Center role comes from its source: it is favourited, not edited. */
function ssoActions(role) {
  const { name, favourite } = role;
  return [h('button', { type: 'button', class: 'button small', testid: 'role-favourite',
    'aria-label': favourite ? `Stop listing ${name} first` : `List ${name} first`,
    on: { click: (e) => perform('sso_favourite', { role: name, favourite: !favourite },
      { button: e.currentTarget, success: favourite ? `${name} is no longer a favourite` : `${name} is a favourite` }) } },
  favourite ? 'Unfavourite' : 'Favourite')];
}

function roleRow(role) {
  const { name } = role;
  return {
    el: h('li', { class: 'row role-row', testid: 'role-row', 'data-role': name },
      h('div', { class: 'row-title' },
        h('span', { class: 'role-name' }, name),
        role.favourite ? h('span', { class: 'favourite', title: 'Favourite' }, '★') : null,
        envChip(role),
        role.session ? h('span', { class: 'badge badge-verified' }, 'live') : null,
        h('span', { class: 'muted' }, details(role))),
      h('div', { class: 'row-actions' }, ...(role.sso ? ssoActions(role) : role.signin ? [] : [
        h('button', { type: 'button', class: 'button small', testid: 'role-edit', 'aria-label': `Edit ${name}`, on: { click: () => openRoleForm(role) } }, 'Edit'),
        h('button', { type: 'button', class: 'button small danger-text', testid: 'role-remove', 'aria-label': `Remove ${name}`,
          on: { click: (e) => removeRole(name, e.currentTarget) } }, 'Remove')])),
      h('div', { class: 'row-sub' }, h('span', { class: 'arn mono', title: role.role_arn }, role.role_arn))),
  };
}

export function createRolesView(panel) {
  const importButton = h('button', { type: 'button', class: 'button', testid: 'roles-import', on: {
    click: async (e) => {
      const result = await perform('import_aws', {}, { button: e.currentTarget, busyText: 'Importing…' });
      if (result) showImportReport(result.report);
    },
  } }, 'Import from AWS config');
  const addButton = h('button', { type: 'button', class: 'button primary', testid: 'role-add', on: { click: () => openRoleForm() } }, 'Add role');
  const count = h('span', { class: 'muted count' });
  const list = h('ul', { class: 'rows', 'aria-label': 'Roles' });
  const emptyText = h('p', {});
  const goSources = h('button', { type: 'button', class: 'button', testid: 'roles-go-sources', on: { click: () => selectTab('sources', { focus: true }) } }, 'Go to Sources');
  const empty = h('div', { class: 'empty', hidden: true }, emptyText, h('div', { class: 'empty-actions' }, goSources));
  setChildren(panel, h('div', { class: 'toolbar' }, addButton, importButton, count), empty, list);
  const rows = keyedList(list, (item) => roleRow(item.role));

  function render(snapshot) {
    const roles = snapshot.roles;
    const hasSources = snapshot.sources.length > 0;
    empty.hidden = roles.length > 0;
    goSources.hidden = hasSources;
    emptyText.textContent = hasSources
      ? 'No roles yet: add one, or import the role profiles your AWS CLI already knows.'
      : 'No roles yet. Roles are assumed with a source\'s keys: add a source first, or import your AWS CLI\'s profiles and keys.';
    count.textContent = roles.length ? `${roles.length} role${roles.length === 1 ? '' : 's'}` : '';
    rows.update(roles.map((role) => ({ key: role.name, role, sig: JSON.stringify({ ...role, session: !!role.session }) })));
  }
  return { render };
}
