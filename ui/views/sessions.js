// @ts-check
// The Sessions view: live sessions with their countdowns and actions, then the
// roles without a session. Rows are kept by key and filtered by toggling `hidden`,
// so typing in the filter stays fast with a thousand roles.
import { h, keyedList, setChildren, keepingFocus } from '../dom.js';
import { formatCountdown, describeCountdown, countdownLevel, secondsUntil, shellName } from '../format.js';
import { splitBySession, roleHaystack, filterTerms, matchesTerms, isVerified, originLabel } from '../role-lists.js';
import { toggleCopyMenu, COPY_MENU_BUTTON } from '../copy-menu.js';
import { createStartPage } from './start.js';
import { envChip } from './env-chip.js';

function button(testid, text, label, onClick, extra = {}) {
  return h('button', { type: 'button', class: 'button small', testid, 'aria-label': label, on: { click: onClick }, ...extra }, text);
}

function favouriteMark(role) {
  return role.favourite ? h('span', { class: 'favourite', title: 'Favourite', 'aria-label': 'favourite' }, '★') : null;
}

function liveRow(role, { active, shell }, actions) {
  const { name, session } = role;
  const countdown = h('time', { class: 'countdown', dateTime: session.expiration, title: `Expires ${session.expiration}` });
  const verified = isVerified(session)
    ? h('span', { class: 'badge badge-verified', title: 'Confirmed by STS GetCallerIdentity' }, '✓ verified')
    : h('span', { class: 'badge badge-muted', title: 'Waiting for GetCallerIdentity' }, 'not verified yet');
  const el = h('li', { class: active ? 'row session-row is-active' : 'row session-row', testid: 'session-row', 'data-role': name },
    h('div', { class: 'row-title' },
      h('span', { class: 'role-name' }, name), favouriteMark(role), envChip(role),
      active ? h('span', { class: 'badge badge-active' }, 'active') : null),
    countdown,
    h('div', { class: 'row-actions' },
      h('span', { class: 'split-button' },
        button('session-copy', 'Copy', `Copy ${shellName(shell)} export lines for ${name}`, (e) => actions.copy(name, null, e.currentTarget),
          { title: `Copy ${shellName(shell)} export lines` }),
        button('session-copy-as', '▾', `Copy export lines for ${name} as…`, (e) => { const menuButton = e.currentTarget; toggleCopyMenu(menuButton, (format) => actions.copy(name, format, menuButton)); },
          { ...COPY_MENU_BUTTON, title: 'Copy as…', class: 'button small split-toggle' })),
      button('session-copy-live', 'Copy live', `Copy live export lines for ${name} (credentials that renew themselves)`, (e) => actions.copyLive(name, e.currentTarget),
        { title: 'Copy lines that point tools at the local credential endpoint: they never go stale' }),
      button('session-write-profile', 'Write profile', `Write profile for ${name}`, () => actions.writeProfile(name)),
      button('session-console', 'Console', `Open the AWS console as ${name}`, (e) => actions.console(name, e.currentTarget)),
      button('session-renew', 'Renew', `Renew ${name}`, (e) => actions.renew(name, e.currentTarget)),
      button('session-end', 'End', `End the session of ${name}`, (e) => actions.end(name, e.currentTarget))),
    h('div', { class: 'row-sub' }, h('span', { class: 'arn mono', title: session.assumed_role_arn }, session.assumed_role_arn), verified));
  return { el, countdown, expiration: session.expiration, haystack: roleHaystack(role), last: null };
}

function idleRow(role, actions) {
  const { name } = role;
  const el = h('li', { class: 'row idle-row', testid: 'idle-row', 'data-role': name },
    h('div', { class: 'row-title' },
      h('span', { class: 'role-name' }, name), favouriteMark(role), envChip(role),
      h('span', { class: 'muted' }, originLabel(role))),
    h('div', { class: 'row-actions' }, button('role-assume', 'Assume', `Assume ${name}`, (e) => actions.assume(name, e.currentTarget))),
    h('div', { class: 'row-sub' }, h('span', { class: 'arn mono', title: role.role_arn }, role.role_arn)));
  return { el, haystack: roleHaystack(role) };
}

export function createSessionsView(panel, actions) {
  const filter = h('input', {
    type: 'search', class: 'filter', testid: 'sessions-filter', placeholder: 'Filter roles by name or ARN', title: 'Filter roles (press / to get here)', 'aria-keyshortcuts': '/',
    'aria-label': 'Filter roles by name or ARN', autocomplete: 'off',
  });
  filter.spellcheck = false;
  const count = h('span', { class: 'muted count', 'aria-live': 'polite' });
  const liveList = h('ul', { class: 'rows', 'aria-labelledby': 'live-heading' });
  const idleList = h('ul', { class: 'rows', 'aria-labelledby': 'idle-heading' });
  const liveSection = h('section', { class: 'group', hidden: true }, h('h2', { id: 'live-heading', class: 'group-title' }, 'Live sessions'), liveList);
  const idleSection = h('section', { class: 'group', hidden: true }, h('h2', { id: 'idle-heading', class: 'group-title' }, 'Roles without a session'), idleList);
  const liveEmpty = h('p', { class: 'empty-inline', hidden: true }, 'No live session. Assume a role below to start one.');
  const noMatch = h('p', { class: 'empty-inline', hidden: true });
  const noRoles = h('div', { class: 'empty', hidden: true },
    h('p', {}, 'No roles yet. Add your IAM user\'s access key as a source, then add the roles it may assume.'),
    h('div', { class: 'empty-actions' },
      h('button', { type: 'button', class: 'button primary', testid: 'empty-go-sources', on: { click: () => actions.goTo('sources') } }, 'Add a source'),
      h('button', { type: 'button', class: 'button', testid: 'empty-go-roles', on: { click: () => actions.goTo('roles') } }, 'Add or import roles')));
  const start = createStartPage();
  setChildren(panel, h('div', { class: 'toolbar' }, filter, count), start.el, noRoles, liveSection, liveEmpty, noMatch, idleSection);

  const live = keyedList(liveList, (item) => liveRow(item.role, item, actions));
  const idle = keyedList(idleList, (item) => idleRow(item.role, actions));
  let notifyBefore = 600;
  let total = 0;
  let terms = [];

  function applyFilter() {
    terms = filterTerms(filter.value);
    let shownLive = 0;
    let shownIdle = 0;
    for (const row of live.rows.values()) {
      const show = matchesTerms(row.haystack, terms);
      if (row.el.hidden === show) row.el.hidden = !show;
      if (show) shownLive++;
    }
    for (const row of idle.rows.values()) {
      const show = matchesTerms(row.haystack, terms);
      if (row.el.hidden === show) row.el.hidden = !show;
      if (show) shownIdle++;
    }
    const shown = shownLive + shownIdle;
    liveSection.hidden = shownLive === 0;
    idleSection.hidden = shownIdle === 0;
    liveEmpty.hidden = total === 0 || terms.length > 0 || live.rows.size > 0;
    noMatch.hidden = terms.length === 0 || shown > 0;
    noMatch.textContent = `No role matches “${filter.value.trim()}”.`;
    count.textContent = total === 0 ? '' : terms.length ? `${shown} of ${total} roles` : `${total} role${total === 1 ? '' : 's'}`;
    return shown;
  }

  function tick(offsetMs, nowMs = Date.now()) {
    for (const row of live.rows.values()) {
      const seconds = secondsUntil(row.expiration, offsetMs, nowMs);
      const text = formatCountdown(seconds);
      if (text === row.last) continue;
      row.last = text;
      row.countdown.textContent = text;
      row.countdown.setAttribute('aria-label', describeCountdown(seconds));
      row.countdown.dataset.level = countdownLevel(seconds, notifyBefore);
    }
  }

  function render(snapshot, offsetMs) {
    const { live: liveRoles, idle: idleRoles } = splitBySession(snapshot.roles, snapshot.active_role);
    const shell = snapshot.settings?.default_shell ?? 'bash';
    notifyBefore = snapshot.settings?.notify_before_seconds ?? 600;
    total = snapshot.roles.length;
    keepingFocus(panel, () => {
      update(snapshot, liveRoles, idleRoles, shell);
      start.render(snapshot);
      noRoles.hidden = total > 0 || !start.el.hidden;
      filter.closest('.toolbar').hidden = total === 0;
      applyFilter();
    });
    tick(offsetMs);
  }

  function update(snapshot, liveRoles, idleRoles, shell) {
    live.update(liveRoles.map((role) => {
      const active = role.name === snapshot.active_role;
      const s = role.session;
      return { key: role.name, role, active, shell, sig: [role.favourite, role.role_arn, role.source, role.via, s.assumed_role_arn, s.verified_arn, s.expiration, active, shell].join('|') };
    }));
    idle.update(idleRoles.map((role) => ({
      key: role.name, role, sig: [role.favourite, role.role_arn, role.source, role.via].join('|'),
    })));
  }

  filter.addEventListener('input', applyFilter);
  filter.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const first = panel.querySelector('.row:not([hidden]) .row-actions button');
    first?.focus();
  });

  return { render, tick, applyFilter, filter };
}
