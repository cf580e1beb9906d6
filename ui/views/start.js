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

/** @param {number} n @param {string} one @param {string} many */
function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

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
  const where = `${found.config_file} and ${found.credentials_file}`;
  if (nothingFound(found)) {
    return `Nothing to import: no role profile, key pair, console sign-in or Identity Center portal in ${where}.`;
  }
  const skipped = found.skipped ? ` (${count(found.skipped, 'profile', 'profiles')} RoleTray cannot use would be skipped, with the reason)` : '';
  const sso = (found.sso_sources ? `, ${count(found.sso_sources, 'Identity Center portal', 'Identity Center portals')}` : '')
    + (found.signin_sources ? `, ${count(found.signin_sources, 'console sign-in (aws login)', 'console sign-ins (aws login)')}` : '');
  return `Found ${count(found.role_profiles, 'role profile', 'role profiles')}${sso} and ${count(found.key_pairs, 'key pair', 'key pairs')} in ${where}${skipped}.`;
}

export function createStartPage() {
  const found = h('p', { class: 'muted', testid: 'start-import-found' }, 'Looking in the AWS CLI\'s files…');
  const importButton = h('button', {
    type: 'button', class: 'button', testid: 'start-import', disabled: true,
    on: {
      click: async (/** @type {Event} */ e) => {
        const result = await perform('import_aws', {}, { button: /** @type {HTMLButtonElement} */ (e.currentTarget), busyText: 'Importing…' });
        if (result) showImportReport(result.report);
      },
    },
  }, 'Import');
  const el = h('section', { class: 'start', testid: 'start-page', 'aria-labelledby': 'start-title', hidden: true },
    h('h2', { id: 'start-title' }, 'Welcome to RoleTray'),
    h('p', {}, 'RoleTray keeps how you sign in to AWS (your console sign-in, an IAM user\'s access key, or IAM Identity Center) in the system keychain, assumes the roles you may use, '
      + 'and hands out their temporary credentials: copied for a shell, in a profile, or to the AWS CLI and SDKs.'),
    h('ol', { class: 'start-steps' },
      h('li', {},
        h('h3', {}, 'Sign in with your AWS console account'),
        h('p', {}, 'No access key at all: sign in in the browser as you do to the AWS console (password and MFA, a passkey, or your organisation\'s sign-in). A sign-in lasts up to 12 hours, then you sign in again.'),
        h('button', { type: 'button', class: 'button primary', testid: 'start-add-signin', on: { click: () => openAddSignin() } }, 'Sign in with your AWS console account')),
      h('li', {},
        h('h3', {}, 'Or add your access key'),
        h('p', {}, 'Paste its key id and secret, or pick the key file (.csv) the AWS console offered when the key was created.'),
        h('button', { type: 'button', class: 'button', testid: 'start-add-source', on: { click: () => openAddSource() } }, 'Add access key')),
      h('li', {},
        h('h3', {}, 'Or sign in with IAM Identity Center'),
        h('p', {}, 'If your organisation signs you in to AWS through IAM Identity Center (SSO): its start URL and region, then sign in once in the browser.'),
        h('button', { type: 'button', class: 'button', testid: 'start-add-sso', on: { click: () => openAddSso() } }, 'Add Identity Center source')),
      h('li', {},
        h('h3', {}, 'Or import what the AWS CLI knows'),
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
      setChildren(found, `The AWS CLI's files could not be read: ${/** @type {any} */ (error)?.message ?? error}`);
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
