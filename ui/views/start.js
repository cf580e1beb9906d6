// @ts-check
// The start page, shown in Sessions while RoleTray has no source and no
// role: sign in with the AWS console account (no key at all), add an
// access key (typed, or the console's key file), sign in with Identity
// Center, or import
// what the AWS CLI already knows, after seeing what was found there.
import { h, setChildren } from '../dom.js';
import { call, perform } from '../commands.js';
import { openAddSource } from './source-forms.js';
import { openAddSignin } from './signin-sources.js';
import { openAddSso } from './sso-sources.js';
import { showImportReport } from './import-report.js';
import { t, formatList } from '../i18n.js';

/**
 * Whether an import would find nothing to bring in.
 * @param {import('../contract.js').ImportPreview} found
 */
function nothingFound(found) {
  return found.role_profiles === 0 && found.key_pairs === 0 && found.sso_sources === 0 && found.signin_sources === 0;
}

/**
 * What an import would find, in words.
 * @param {import('../contract.js').ImportPreview} found
 */
function foundText(found) {
  const where = formatList([found.config_file, found.credentials_file]);
  if (nothingFound(found)) return t('start.nothing', { where });
  const what = formatList([
    t('start.roleProfiles', { count: found.role_profiles }),
    found.sso_sources ? t('start.portals', { count: found.sso_sources }) : null,
    found.signin_sources ? t('start.signins', { count: found.signin_sources }) : null,
    t('start.keyPairs', { count: found.key_pairs }),
  ].filter((x) => x !== null));
  return found.skipped
    ? t('start.foundSkipped', { what, where, skipped: t('start.profiles', { count: found.skipped }) })
    : t('start.found', { what, where });
}

export function createStartPage() {
  const found = h('p', { class: 'muted', testid: 'start-import-found' }, t('start.looking'));
  const importButton = h('button', {
    type: 'button', class: 'button', testid: 'start-import', disabled: true,
    on: {
      click: async (/** @type {Event} */ e) => {
        const result = await perform('import_aws', {}, { button: /** @type {HTMLButtonElement} */ (e.currentTarget), busyText: t('roles.importing') });
        if (result) showImportReport(result.report);
      },
    },
  }, t('start.import'));
  const el = h('section', { class: 'start', testid: 'start-page', 'aria-labelledby': 'start-title', hidden: true },
    h('h2', { id: 'start-title' }, t('start.title')),
    h('p', {}, t('start.intro')),
    h('ol', { class: 'start-steps' },
      h('li', {},
        h('h3', {}, t('start.signinTitle')),
        h('p', {}, t('start.signinText')),
        h('button', { type: 'button', class: 'button primary', testid: 'start-add-signin', on: { click: () => openAddSignin() } }, t('start.signinTitle'))),
      h('li', {},
        h('h3', {}, t('start.keyTitle')),
        h('p', {}, t('start.keyText')),
        h('button', { type: 'button', class: 'button', testid: 'start-add-source', on: { click: () => openAddSource() } }, t('start.keyButton'))),
      h('li', {},
        h('h3', {}, t('start.ssoTitle')),
        h('p', {}, t('start.ssoText')),
        h('button', { type: 'button', class: 'button', testid: 'start-add-sso', on: { click: () => openAddSso() } }, t('start.ssoButton'))),
      h('li', {},
        h('h3', {}, t('start.importTitle')),
        found,
        importButton)));

  let looked = false;
  async function look() {
    looked = true;
    try {
      const preview = await call('import_preview', {});
      found.textContent = foundText(preview);
      importButton.disabled = nothingFound(preview);
    } catch (error) {
      setChildren(found, t('start.unreadable', { message: /** @type {any} */ (error)?.message ?? error }));
    }
  }

  /** @param {import('../contract.js').Snapshot} snapshot */
  function render(snapshot) {
    const show = snapshot.sources.length === 0 && (snapshot.sso_sources ?? []).length === 0
      && (snapshot.signin_sources ?? []).length === 0 && snapshot.roles.length === 0;
    el.hidden = !show;
    if (show && !looked) look();
    if (!show) looked = false;
  }
  return { el, render };
}
