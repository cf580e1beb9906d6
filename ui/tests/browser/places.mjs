// Every place a person can be in the UI: the main window's tabs, its dialogs and menu,
// the start page, a banner, the MFA window and the question window. Each place says
// which preview flags it needs and how to get there from a freshly opened page.
import { byTestid, settle, showTab } from './browser.mjs';

// Long names (IAM Identity Center's) and every section filled: the hardest layout.
const FULL = { names: 'long', extras: '1' };
const LONG_ROLE = 'corp/111122223333/DeveloperRW';
const LONG_SOURCE = 'alice.longname-at-corporate-identity';
const row = (testid, key, name) => `[data-testid="${testid}"][data-${key}="${name}"]`;

/** @param {import('playwright-core').Page} page @param {string} selector */
async function click(page, selector) {
  await page.click(selector);
  await settle(page, 120);
}

/**
 * @typedef {{ name: string, flags: Record<string, string>, reach?: (page: import('playwright-core').Page) => Promise<void>,
 *   again?: (page: import('playwright-core').Page) => Promise<void>, window?: { width: number, height: number } }} Place
 * @type {Place[]}
 */
export const PLACES = [
  { name: 'Sessions', flags: FULL },
  { name: 'Sessions, a production role active', flags: { ...FULL, active: 'prod' } },
  { name: 'Sessions, a staging role active', flags: { ...FULL, active: 'staging' } },
  { name: 'Roles', flags: FULL, reach: (page) => showTab(page, 'roles') },
  { name: 'Sources', flags: FULL, reach: (page) => showTab(page, 'sources') },
  { name: 'Settings', flags: FULL, reach: (page) => showTab(page, 'settings') },
  { name: 'Activity', flags: FULL, reach: (page) => showTab(page, 'activity') },
  { name: 'start page', flags: { scenario: 'empty' } },
  { name: 'Sessions with an error banner', flags: { ...FULL, fail: 'assume' },
    reach: (page) => click(page, `${byTestid('idle-row')} ${byTestid('role-assume')}`) },
  { name: 'Copy as menu', flags: FULL,
    reach: (page) => click(page, `${row('session-row', 'role', LONG_ROLE)} ${byTestid('session-copy-as')}`),
    // The menu is placed under its button when it opens: open it again after a resize.
    again: async (page) => {
      await page.keyboard.press('Escape');
      await click(page, `${row('session-row', 'role', LONG_ROLE)} ${byTestid('session-copy-as')}`);
    } },
  { name: 'Write profile dialog', flags: FULL,
    reach: (page) => click(page, `${row('session-row', 'role', LONG_ROLE)} ${byTestid('session-write-profile')}`) },
  { name: 'Add role dialog with a field error', flags: FULL, reach: async (page) => {
    await showTab(page, 'roles');
    await click(page, byTestid('role-add'));
    await page.fill('#role-form-roleArn', 'not an arn');
    await settle(page, 300);
  } },
  { name: 'Remove role question', flags: FULL, reach: async (page) => {
    await showTab(page, 'roles');
    await click(page, byTestid('role-remove'));
  } },
  { name: 'Import report dialog', flags: FULL, reach: async (page) => {
    await showTab(page, 'roles');
    await click(page, byTestid('roles-import'));
    await settle(page, 200);
  } },
  { name: 'Add source dialog', flags: FULL, reach: async (page) => {
    await showTab(page, 'sources');
    await click(page, byTestid('source-add'));
  } },
  { name: 'Edit source dialog', flags: FULL, reach: async (page) => {
    await showTab(page, 'sources');
    await click(page, `${row('source-row', 'source', LONG_SOURCE)} ${byTestid('source-edit')}`);
  } },
  { name: 'Replace key dialog', flags: FULL, reach: async (page) => {
    await showTab(page, 'sources');
    await click(page, `${row('source-row', 'source', LONG_SOURCE)} ${byTestid('source-replace')}`);
  } },
  { name: 'Add Identity Center source dialog', flags: FULL, reach: async (page) => {
    await showTab(page, 'sources');
    await click(page, byTestid('sso-add'));
  } },
  { name: 'Console sign-in dialog', flags: FULL, reach: async (page) => {
    await showTab(page, 'sources');
    await click(page, byTestid('signin-add'));
  } },
  { name: 'MFA window, waiting, with the reason and a rejected code', window: { width: 400, height: 240 },
    flags: { page: 'mfa', request: '1', role: LONG_ROLE, serial: 'arn:aws:iam::111122223333:mfa/alice.longname-at-corporate-identity',
      waiting: 'Touch your YubiKey', why: 'ykman printed no code: the YubiKey was not touched within 15 seconds.' },
    reach: async (page) => {
      await page.fill('#mfa-code', '000000');
      await page.press('#mfa-code', 'Enter');
      await page.waitForSelector('#mfa-error:not([hidden])');
      await settle(page);
    } },
  { name: 'Question window', window: { width: 420, height: 220 },
    flags: { page: 'confirm', request: '1', role: 'corp/444455556666/AdministratorAccess', account: '444455556666',
      environment: 'production', colour: 'red' } },
  { name: 'Quick-switch palette', window: { width: 600, height: 420 }, flags: { ...FULL, page: 'palette' },
    reach: async (page) => {
      await page.fill('#palette-input', 'corp');
      await settle(page, 200);
    } },
  { name: 'Quick-switch palette asking before a production role', window: { width: 600, height: 420 }, flags: { ...FULL, page: 'palette' },
    reach: async (page) => {
      await page.fill('#palette-input', 'Administrator');
      await settle(page, 200);
      await page.press('#palette-input', 'Enter');
      await settle(page, 200);
    } },
];

/** Opens `place` in a fresh page. */
export async function goTo(openPreview, context, place, options = {}) {
  const page = await openPreview(context, { flags: place.flags, ...options });
  await place.reach?.(page);
  return page;
}
