// @ts-check
// The main window: loads the snapshot, follows `roletray://state`, and keeps the views and the
// header (active role, time left) in step with it. A one-second tick drives the countdowns.
import { listen } from './ipc.js';
import { call, setPageBanner, showError } from './commands.js';
import { wireBanner } from './notices.js';
import { getSnapshot, getOffsetMs, setSnapshot, subscribe } from './state.js';
import { initTabs, selectTab } from './tabs.js';
import { formatCountdown, spokenCountdown, countdownLevel, secondsUntil } from './format.js';
import { createSessionsView } from './views/sessions.js';
import { sessionActions } from './views/session-actions.js';
import { createRolesView } from './views/roles.js';
import { createSourcesView } from './views/sources.js';
import { createSettingsView } from './views/settings.js';
import { createActivityView } from './views/activity.js';
import { t, formatNumber, formatDateTime } from './i18n.js';
import { applyCatalogue } from './i18n-page.js';

/** The page's fixed elements (index.html): always there. */
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {number} errors */
function activityCount(errors) {
  const badge = $('activity-count');
  badge.hidden = errors === 0;
  badge.textContent = formatNumber(errors);
  badge.setAttribute('aria-label', t('header.errors', { count: errors }));
}

/** @param {import('./contract.js').Snapshot | null} snapshot */
function headerTick(snapshot) {
  if (!snapshot) return;
  const role = snapshot?.roles.find((r) => r.name === snapshot.active_role && r.session);
  const status = $('active-status');
  const countdown = /** @type {HTMLTimeElement} */ ($('active-status-countdown'));
  const text = $('active-status-text');
  if (!role) {
    text.textContent = snapshot?.active_role ? t('header.noSession', { role: snapshot.active_role }) : t('header.noRole');
    text.title = text.textContent;
    countdown.textContent = '';
    $('active-status-spoken').textContent = '';
    status.dataset.level = 'none';
    return;
  }
  const session = /** @type {import('./contract.js').SessionView} */ (role.session);
  const seconds = secondsUntil(session.expiration, getOffsetMs(), Date.now());
  const level = countdownLevel(seconds, snapshot.settings?.notify_before_seconds ?? 600);
  // A long name ends in "…" in the header: the whole name is its tooltip.
  text.textContent = role.name;
  text.title = role.name;
  countdown.textContent = formatCountdown(seconds);
  countdown.dateTime = session.expiration;
  countdown.title = t('session.expiresAt', { time: formatDateTime(session.expiration) });
  $('active-status-spoken').textContent = spokenCountdown(seconds);
  countdown.dataset.level = level;
  status.dataset.level = level;
  document.title = t('header.windowTitle', { role: role.name, left: formatCountdown(seconds) });
}

/**
 * The coloured band under the header while a labelled role is active:
 * its name, its environment and its account, in its colour.
 * @param {import('./contract.js').Snapshot | null} snapshot
 */
function environmentBand(snapshot) {
  const role = snapshot?.roles.find((r) => r.name === snapshot.active_role && r.session);
  const band = $('env-band');
  const shown = !!role && (!!role.environment || !!role.colour);
  band.hidden = !shown;
  if (!role || !shown) return;
  band.dataset.colour = role.colour ?? 'grey';
  $('env-band-role').textContent = role.name;
  $('env-band-label').textContent = role.environment ?? '';
  $('env-band-account').textContent = role.sso?.account_id ?? role.role_arn.split(':')[4] ?? '';
}

/**
 * The one line the window shows when the desktop shows no tray icon: the
 * window is then the only way in, and the only way to quit.
 * @param {import('./contract.js').Snapshot | null} snapshot
 */
function desktopNotice(snapshot) {
  const notice = snapshot?.desktop_notice ?? null;
  $('desktop-notice').hidden = !notice;
  $('desktop-notice-text').textContent = notice ?? '';
}

function start() {
  applyCatalogue();
  const banner = wireBanner($('banner'));
  setPageBanner(banner);
  initTabs(document.querySelector('[role="tablist"]'));
  const sessions = createSessionsView($('panel-sessions'), sessionActions);
  const views = [
    sessions,
    createRolesView($('panel-roles')),
    createSourcesView($('panel-sources')),
    createSettingsView($('panel-settings')),
    createActivityView($('panel-activity'), activityCount),
  ];
  subscribe((snapshot) => {
    for (const view of views) view.render(snapshot, getOffsetMs());
    headerTick(snapshot);
    environmentBand(snapshot);
    desktopNotice(snapshot);
  });
  $('quit').addEventListener('click', () => { call('quit', {}).catch(showError); });
  setInterval(() => {
    sessions.tick(getOffsetMs());
    headerTick(getSnapshot());
  }, 1000);

  document.addEventListener('keydown', (event) => {
    if (document.querySelector('dialog[open]')) return;
    const target = /** @type {Element | null} */ (event.target);
    const typing = target?.closest?.('input, select, textarea');
    if (event.key === 'Escape' && banner.visible) banner.hide();
    else if (event.key === '/' && !typing) {
      event.preventDefault();
      selectTab('sessions');
      sessions.filter.focus();
    }
  });

  listen('roletray://state', setSnapshot).catch(showError);
  call('snapshot', {}).catch(showError);
}

start();
