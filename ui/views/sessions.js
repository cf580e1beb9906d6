// @ts-check
// The Sessions view: live sessions with their countdowns and actions, expired sessions
// (Renew, End), then the roles without a session. Long lists show only the rows in view
// (virtual-list.js) and the filter matches precomputed texts, so typing stays fast with
// five thousand roles.
import { h, setChildren, keepingFocus } from '../dom.js';
import { virtualList } from '../virtual-list.js';
import { formatCountdown, spokenCountdown, countdownLevel, secondsUntil, shellName } from '../format.js';
import { splitBySession, roleHaystack, filterTerms, matchesTerms, isVerified, originLabel } from '../role-lists.js';
import { t, formatDateTime, formatRelative } from '../i18n.js';
import { toggleCopyMenu, COPY_MENU_BUTTON } from '../copy-menu.js';
import { createStartPage } from './start.js';
import { envChip } from './env-chip.js';
import { nameLabel, favouriteMark } from './marks.js';

function button(testid, text, label, onClick, extra = {}) {
  return h('button', { type: 'button', class: 'button small', testid, 'aria-label': label, on: { click: onClick }, ...extra }, text);
}

function liveRow(role, { active, shell }, actions) {
  const { name, session } = role;
  const shellLabel = shellName(shell);
  // The m:ss is for the eyes; screen readers get the words beside it ("59 minutes left").
  const countdown = h('time', { class: 'countdown', 'aria-hidden': 'true', dateTime: session.expiration, title: t('session.expiresAt', { time: formatDateTime(session.expiration) }) });
  const spoken = h('span', { class: 'visually-hidden' });
  const verified = isVerified(session)
    ? h('span', { class: 'badge badge-verified', title: t('session.verifiedTitle') }, t('session.verified'))
    : h('span', { class: 'badge badge-muted', title: t('session.unverifiedTitle') }, t('session.unverified'));
  const el = h('li', { class: active ? 'row session-row is-active' : 'row session-row', testid: 'session-row', 'data-role': name },
    h('div', { class: 'row-title' },
      nameLabel(name), favouriteMark(role), envChip(role),
      active ? h('span', { class: 'badge badge-active' }, t('session.active')) : null),
    countdown, spoken,
    h('div', { class: 'row-actions' },
      h('span', { class: 'split-button' },
        button('session-copy', t('session.copy'), t('session.copyLabel', { shell: shellLabel, name }), (e) => actions.copy(name, null, e.currentTarget),
          { title: t('session.copyTitle', { shell: shellLabel }) }),
        button('session-copy-as', '▾', t('session.copyAsLabel', { name }), (e) => { const menuButton = e.currentTarget; toggleCopyMenu(menuButton, (format) => actions.copy(name, format, menuButton)); },
          { ...COPY_MENU_BUTTON, title: t('session.copyAsTitle'), class: 'button small split-toggle' })),
      button('session-copy-live', t('session.copyLive'), t('session.copyLiveLabel', { name }), (e) => actions.copyLive(name, e.currentTarget),
        { title: t('session.copyLiveTitle') }),
      button('session-write-profile', t('session.writeProfile'), t('session.writeProfileLabel', { name }), () => actions.writeProfile(name)),
      button('session-console', t('session.console'), t('session.consoleLabel', { name }), (e) => actions.console(name, e.currentTarget)),
      button('session-renew', t('session.renew'), t('session.renewLabel', { name }), (e) => actions.renew(name, e.currentTarget)),
      button('session-end', t('session.end'), t('session.endLabel', { name }), (e) => actions.end(name, e.currentTarget))),
    h('div', { class: 'row-sub' }, h('span', { class: 'arn mono', title: session.assumed_role_arn }, session.assumed_role_arn), verified));
  return { el, countdown, spoken, expiration: session.expiration, last: null };
}

/** A session past its expiry: nothing to copy any more, only Renew (or End, to forget it). */
function expiredRow(role, { active }, actions) {
  const { name, session } = role;
  const countdown = h('time', { class: 'countdown', dateTime: session.expiration, 'data-level': 'expired',
    title: t('session.expiredAt', { time: formatDateTime(session.expiration) }) });
  const el = h('li', { class: active ? 'row session-row is-expired is-active' : 'row session-row is-expired', testid: 'session-row', 'data-role': name },
    h('div', { class: 'row-title' },
      nameLabel(name), favouriteMark(role), envChip(role),
      active ? h('span', { class: 'badge badge-active' }, t('session.active')) : null),
    countdown,
    h('div', { class: 'row-actions' },
      button('session-renew', t('session.renew'), t('session.renewLabel', { name }), (e) => actions.renew(name, e.currentTarget)),
      button('session-end', t('session.end'), t('session.endLabel', { name }), (e) => actions.end(name, e.currentTarget))),
    h('div', { class: 'row-sub' }, h('span', { class: 'arn mono', title: session.assumed_role_arn }, session.assumed_role_arn)));
  return { el, countdown, expiration: session.expiration, last: null };
}

/** "expired", then "expired 3 minutes ago" (Intl's words), as the tick goes by. */
function paintExpired(row, offsetMs, nowMs = Date.now()) {
  const seconds = secondsUntil(row.expiration, offsetMs, nowMs) ?? 0;
  const text = seconds > -60 ? t('session.expired') : t('session.expiredAgo', { ago: formatRelative(seconds) });
  if (text !== row.last) row.countdown.textContent = row.last = text;
}

function idleRow(role, actions) {
  const { name } = role;
  const el = h('li', { class: 'row idle-row', testid: 'idle-row', 'data-role': name },
    h('div', { class: 'row-title' },
      nameLabel(name), favouriteMark(role), envChip(role),
      h('span', { class: 'muted' }, originLabel(role))),
    h('div', { class: 'row-actions' }, button('role-assume', t('session.assume'), t('session.assumeLabel', { name }), (e) => actions.assume(name, e.currentTarget))),
    h('div', { class: 'row-sub' }, h('span', { class: 'arn mono', title: role.role_arn }, role.role_arn)));
  return { el };
}

/** One titled group of rows (Live sessions, Expired, Roles without a session). */
function group(id, title, build, scroller, onShow) {
  const list = h('ul', { class: 'rows', 'aria-labelledby': id });
  const section = h('section', { class: 'group', hidden: true }, h('h2', { id, class: 'group-title' }, title), list);
  /** @type {any[]} */
  const items = [];
  return { section, rows: virtualList(list, build, { scroller, onShow }), items, all: new Set() };
}

export function createSessionsView(panel, actions) {
  const filter = h('input', {
    type: 'search', class: 'filter', testid: 'sessions-filter', placeholder: t('filter.placeholder'), title: t('filter.title'), 'aria-keyshortcuts': '/',
    'aria-label': t('filter.label'), autocomplete: 'off',
  });
  filter.spellcheck = false;
  const count = h('span', { class: 'muted count', 'aria-live': 'polite' });
  const scroller = () => panel;
  let offset = 0;
  const live = group('live-heading', t('sessions.live'), (item) => liveRow(item.role, item, actions), scroller, (row) => paintCountdown(row, offset));
  const expired = group('expired-heading', t('sessions.expired'), (item) => expiredRow(item.role, item, actions), scroller, (row) => paintExpired(row, offset));
  const idle = group('idle-heading', t('sessions.idle'), (item) => idleRow(item.role, actions), scroller);
  const groups = [live, expired, idle];
  const liveEmpty = h('p', { class: 'empty-inline', hidden: true }, t('sessions.noLive'));
  const noMatch = h('p', { class: 'empty-inline', hidden: true });
  const noRoles = h('div', { class: 'empty', hidden: true },
    h('p', {}, t('sessions.noRoles')),
    h('div', { class: 'empty-actions' },
      h('button', { type: 'button', class: 'button primary', testid: 'empty-go-sources', on: { click: () => actions.goTo('sources') } }, t('sessions.goSources')),
      h('button', { type: 'button', class: 'button', testid: 'empty-go-roles', on: { click: () => actions.goTo('roles') } }, t('sessions.goRoles'))));
  const start = createStartPage();
  setChildren(panel, h('div', { class: 'toolbar' }, filter, count), start.el, noRoles, live.section, liveEmpty, expired.section, noMatch, idle.section);

  let notifyBefore = 600;
  let total = 0;
  /** @type {any} */
  let lastSnapshot = null;
  /** Haystacks by role name, rebuilt only when the role changed. */
  const haystacks = new Map();

  function applyFilter() {
    const terms = filterTerms(filter.value);
    let shown = 0;
    for (const g of groups) {
      const matching = terms.length ? g.items.filter((item) => matchesTerms(haystackOf(item.role, item.sig), terms)) : g.items;
      g.section.hidden = matching.length === 0;
      g.rows.update(matching, g.all);
      shown += matching.length;
    }
    liveEmpty.hidden = total === 0 || terms.length > 0 || live.items.length > 0;
    noMatch.hidden = terms.length === 0 || shown > 0;
    noMatch.textContent = t('filter.noMatch', { query: filter.value.trim() });
    count.textContent = total === 0 ? '' : terms.length ? t('roles.countFiltered', { shown, count: total }) : t('roles.count', { count: total });
    return shown;
  }

  function paintCountdown(row, offsetMs, nowMs = Date.now()) {
    const seconds = secondsUntil(row.expiration, offsetMs, nowMs);
    const text = formatCountdown(seconds);
    if (text === row.last) return seconds;
    row.last = text;
    row.countdown.textContent = text;
    row.spoken.textContent = spokenCountdown(seconds);
    row.countdown.dataset.level = countdownLevel(seconds, notifyBefore);
    return seconds;
  }

  function tick(offsetMs, nowMs = Date.now()) {
    offset = offsetMs;
    for (const row of live.rows.shown.values()) paintCountdown(row, offsetMs, nowMs);
    for (const row of expired.rows.shown.values()) paintExpired(row, offsetMs, nowMs);
    // A session that just ran out (shown or not) moves to Expired (with Renew) at once.
    const ran = live.items.some((item) => (secondsUntil(item.role.session.expiration, offsetMs, nowMs) ?? 1) <= 0);
    if (ran && lastSnapshot) render(lastSnapshot, offsetMs, nowMs);
  }

  // The filter's texts are made when the browser is idle after a render, not during it:
  // the first render shows sooner, and the first keystroke finds them ready.
  let preparing = 0;
  function prepareHaystacks() {
    const run = ++preparing;
    const pending = groups.flatMap((g) => g.items);
    const step = (/** @type {IdleDeadline | undefined} */ deadline) => {
      while (pending.length && run === preparing) {
        const item = /** @type {any} */ (pending.pop());
        haystackOf(item.role, item.sig);
        if (deadline && deadline.timeRemaining() < 1) break;
      }
      if (pending.length && run === preparing) whenIdle(step);
    };
    whenIdle(step);
  }
  const whenIdle = (fn) => ('requestIdleCallback' in globalThis ? requestIdleCallback(fn) : setTimeout(fn, 0));

  function haystackOf(role, sig) {
    const known = haystacks.get(role.name);
    if (known?.sig === sig) return known.text;
    const text = roleHaystack(role);
    haystacks.set(role.name, { sig, text });
    return text;
  }

  function render(snapshot, offsetMs, nowMs = Date.now()) {
    lastSnapshot = snapshot;
    offset = offsetMs;
    const isExpired = (session) => (secondsUntil(session.expiration, offsetMs, nowMs) ?? 1) <= 0;
    const split = splitBySession(snapshot.roles, snapshot.active_role, isExpired);
    const shell = snapshot.settings?.default_shell ?? 'bash';
    notifyBefore = snapshot.settings?.notify_before_seconds ?? 600;
    total = snapshot.roles.length;
    const item = (role, extra) => {
      const s = role.session;
      const sig = [role.favourite, role.role_arn, role.source, role.via, role.environment, role.colour, role.asks_first,
        role.identity_center, role.sso?.account_name, role.sso?.source, role.signin, s?.assumed_role_arn, s?.verified_arn, s?.expiration, extra].join('|');
      return { key: role.name, role, sig, active: role.name === snapshot.active_role, shell };
    };
    live.items = split.live.map((role) => item(role, `${role.name === snapshot.active_role}|${shell}`));
    expired.items = split.expired.map((role) => item(role, `expired|${role.name === snapshot.active_role}`));
    idle.items = split.idle.map((role) => item(role, 'idle'));
    for (const g of groups) g.all = new Set(g.items.map((i) => i.key));
    const names = new Set(snapshot.roles.map((r) => r.name));
    for (const name of haystacks.keys()) if (!names.has(name)) haystacks.delete(name);
    prepareHaystacks();
    // Across groups: an assumed role's row moves from "without a session" to "live", and the focus with it.
    keepingFocus(panel, () => {
      start.render(snapshot);
      noRoles.hidden = total > 0 || !start.el.hidden;
      /** @type {HTMLElement} */ (filter.closest('.toolbar')).hidden = total === 0;
      applyFilter();
    });
    tick(offsetMs, nowMs);
  }

  filter.addEventListener('input', applyFilter);
  filter.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    // The first matching row may be out of view (and so not built yet): bring it in first.
    const first = groups.find((g) => g.rows.size > 0);
    first?.rows.reveal(0)?.el.querySelector('.row-actions button')?.focus();
  });

  return { render, tick, applyFilter, filter };
}
