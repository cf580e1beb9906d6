// Every task with the keyboard alone: tabs, assume, Copy as through its menu, dialogs that
// give the focus back to what opened them, the banner, the MFA and question windows; and
// a visible focus indicator (2 px outline, 3:1 against the page) on every control.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPreview, settle, byTestid } from './browser.mjs';

const FULL = { names: 'long', extras: '1' };
const DEV = 'corp/111122223333/DeveloperRW';
const AUDIT = 'corp/999988887777/SecurityAudit';
const devRow = `[data-testid="session-row"][data-role="${DEV}"]`;

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** The focused element, as `data-testid` (else id, else tag) with its row's name. */
async function focused(page) {
  return page.evaluate(() => {
    const el = /** @type {HTMLElement} */ (document.activeElement);
    const row = el?.closest('[data-role], [data-source]');
    return {
      testid: el?.dataset?.testid ?? el?.id ?? el?.tagName.toLowerCase(),
      role: row?.getAttribute('data-role') ?? row?.getAttribute('data-source') ?? null,
    };
  });
}

async function press(page, key, ms = 80) {
  await page.keyboard.press(key);
  await settle(page, ms);
}

async function withPage(flags, fn, options = {}) {
  const page = await openPreview(browser.context, { flags, ...options });
  try {
    await fn(page);
    assert.deepEqual(page.errors, [], 'errors in the page');
  } finally {
    await page.close();
  }
}

test('tabs: arrow keys, Home and End choose the tab and show its panel', () => withPage(FULL, async (page) => {
  await page.focus(byTestid('tab-sessions'));
  await press(page, 'ArrowRight');
  assert.equal((await focused(page)).testid, 'tab-roles');
  assert.equal(await page.isVisible('#panel-roles'), true);
  await press(page, 'End');
  assert.equal((await focused(page)).testid, 'tab-activity');
  assert.equal(await page.isVisible('#panel-activity'), true);
  await press(page, 'ArrowRight');
  assert.equal((await focused(page)).testid, 'tab-sessions');
  await press(page, 'ArrowLeft');
  await press(page, 'Home');
  assert.equal((await focused(page)).testid, 'tab-sessions');
  assert.equal(await page.isVisible('#panel-sessions'), true);
}));

test('assume: / to the filter, Enter to the first match, Enter assumes, the focus follows the row', () => withPage(FULL, async (page) => {
  await page.focus(byTestid('tab-sessions'));
  await press(page, '/');
  assert.equal((await focused(page)).testid, 'sessions-filter');
  await page.keyboard.type('SecurityAudit');
  await settle(page, 150);
  await press(page, 'Enter');
  assert.deepEqual(await focused(page), { testid: 'role-assume', role: AUDIT });
  await press(page, 'Enter', 400);
  const now = await focused(page);
  assert.equal(now.role, AUDIT, 'the focus stays with the role');
  assert.equal(await page.isVisible(`[data-testid="session-row"][data-role="${AUDIT}"]`), true);
  assert.match(await page.textContent(byTestid('toast')), /active role/);
}));

test('Copy as: the menu button pattern', () => withPage(FULL, async (page) => {
  const trigger = `${devRow} ${byTestid('session-copy-as')}`;
  await page.focus(trigger);
  await press(page, 'Enter');
  assert.equal((await focused(page)).testid, 'copy-as-bash');
  assert.equal(await page.getAttribute(trigger, 'aria-expanded'), 'true');
  // The focused item is outlined, 3:1 at least against the menu.
  const ring = await page.evaluate(() => {
    const el = /** @type {HTMLElement} */ (document.activeElement);
    const style = getComputedStyle(el);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  assert.notEqual(ring.style, 'none');
  assert.ok(ring.width >= 2, `outline ${ring.width} px`);
  await press(page, 'ArrowDown');
  assert.equal((await focused(page)).testid, 'copy-as-fish');
  await press(page, 'End');
  assert.equal((await focused(page)).testid, 'copy-as-dotenv');
  await press(page, 'ArrowDown');
  assert.equal((await focused(page)).testid, 'copy-as-bash', 'the arrows wrap round');
  await press(page, 'Escape');
  assert.equal(await page.isVisible('#copy-as-menu'), false);
  assert.deepEqual(await focused(page), { testid: 'session-copy-as', role: DEV });
  assert.equal(await page.getAttribute(trigger, 'aria-expanded'), 'false');
  // Up arrow opens it on its last item; Tab leaves it for what follows the button.
  await press(page, 'ArrowUp');
  assert.equal((await focused(page)).testid, 'copy-as-dotenv');
  await press(page, 'Tab');
  assert.equal(await page.isVisible('#copy-as-menu'), false);
  assert.deepEqual(await focused(page), { testid: 'session-copy-live', role: DEV });
  // Shift+Tab goes back to what comes before the button.
  await page.focus(trigger);
  await press(page, 'ArrowDown');
  await press(page, 'Shift+Tab');
  assert.deepEqual(await focused(page), { testid: 'session-copy', role: DEV });
  // Picking with Enter copies and gives the focus back to the button.
  await page.focus(trigger);
  await press(page, 'Space');
  await press(page, 'ArrowDown');
  await press(page, 'Enter', 300);
  assert.match(await page.textContent(byTestid('toast')), /fish/);
  assert.deepEqual(await focused(page), { testid: 'session-copy-as', role: DEV });
}));

/** Opens a dialog from `opener` with Enter, checks where the focus lands, closes it with `closeKey`. */
async function dialogRoundTrip(page, { opener, dialog, focusIn, close = 'Escape' }) {
  await page.focus(opener);
  await press(page, 'Enter', 150);
  assert.equal(await page.isVisible(byTestid(dialog)), true, `${dialog} opens`);
  assert.equal((await focused(page)).testid, focusIn, `the focus starts on ${focusIn}`);
  await press(page, close, 150);
  assert.equal(await page.isVisible(byTestid(dialog)), false, `${dialog} closes`);
  const back = await page.evaluate((sel) => document.activeElement === document.querySelector(sel), opener);
  assert.ok(back, `the focus is back on ${opener}, not on ${JSON.stringify(await focused(page))}`);
}

test('dialogs: open with Enter, close with Escape or Cancel, the focus goes back to the opener', () => withPage(FULL, async (page) => {
  await dialogRoundTrip(page, { opener: `${devRow} ${byTestid('session-write-profile')}`, dialog: 'write-profile-dialog', focusIn: 'write-profile-form-profile' });
  await page.click(byTestid('tab-roles'));
  await dialogRoundTrip(page, { opener: byTestid('role-add'), dialog: 'role-dialog', focusIn: 'role-form-name' });
  // The confirm step starts on Cancel; Enter on it cancels.
  await dialogRoundTrip(page, { opener: `[data-testid="role-row"][data-role="${DEV}"] ${byTestid('role-remove')}`, dialog: 'confirm-dialog', focusIn: 'confirm-cancel', close: 'Enter' });
  await page.click(byTestid('tab-sources'));
  await dialogRoundTrip(page, { opener: byTestid('source-add'), dialog: 'source-add-dialog', focusIn: 'source-add-form-name' });
  await dialogRoundTrip(page, { opener: byTestid('sso-add'), dialog: 'sso-add-dialog', focusIn: 'sso-add-form-name' });
}));

test('banner: dismissing it gives the focus back to the button whose action failed', () => withPage({ ...FULL, fail: 'assume' }, async (page) => {
  const assume = `[data-testid="idle-row"][data-role="${AUDIT}"] ${byTestid('role-assume')}`;
  await page.focus(assume);
  await press(page, 'Enter', 400);
  assert.equal(await page.isVisible(byTestid('banner')), true);
  // Shift+Tab back to the banner's dismiss button, above the panel.
  for (let i = 0; i < 60 && (await focused(page)).testid !== 'banner-dismiss'; i++) await press(page, 'Shift+Tab', 20);
  assert.equal((await focused(page)).testid, 'banner-dismiss');
  await press(page, 'Enter');
  assert.equal(await page.isVisible(byTestid('banner')), false);
  assert.deepEqual(await focused(page), { testid: 'role-assume', role: AUDIT });
  // Escape dismisses it too, and leaves the focus where it is.
  await press(page, 'Enter', 400);
  assert.equal(await page.isVisible(byTestid('banner')), true);
  await press(page, 'Escape');
  assert.equal(await page.isVisible(byTestid('banner')), false);
  assert.deepEqual(await focused(page), { testid: 'role-assume', role: AUDIT });
}));

test('MFA window: Enter sends, a rejected code keeps the focus in the field', () => withPage({ page: 'mfa', request: '1', role: DEV, serial: 'arn:aws:iam::111122223333:mfa/alice' }, async (page) => {
  assert.equal((await focused(page)).testid, 'mfa-code');
  await page.keyboard.type('000000');
  await press(page, 'Enter', 300);
  assert.equal(await page.isVisible(byTestid('mfa-error')), true);
  assert.equal((await focused(page)).testid, 'mfa-code');
  await page.keyboard.type('123456');
  await press(page, 'Enter', 300);
  assert.equal(await page.textContent(byTestid('mfa-submit')), 'Done');
}, { width: 400, height: 240 }));

for (const scheme of ['light', 'dark']) {
  test(`focus is visible in the MFA window (${scheme})`, () => withPage({ page: 'mfa', request: '1', role: DEV, serial: 'arn:aws:iam::111122223333:mfa/alice' }, async (page) => {
    assert.deepEqual(await unseenFocus(page, '#mfa-code', 'body', 4), []);
  }, { width: 400, height: 240, scheme }));
}

test('question window: the focus starts on Cancel', () => withPage({ page: 'confirm', request: '1', role: 'prod', account: '444455556666', environment: 'production' }, async (page) => {
  assert.equal((await focused(page)).testid, 'ask-cancel');
  await press(page, 'Tab');
  assert.equal((await focused(page)).testid, 'ask-assume');
}, { width: 400, height: 240 }));

/** Tabs through `scope` from `start`; returns the controls whose focus could not be seen. */
async function unseenFocus(page, start, scope, steps = 120) {
  await page.focus(start);
  const unseen = new Set();
  const visited = new Set();
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press('Tab');
    const seen = await page.evaluate((sel) => {
      const el = /** @type {HTMLElement} */ (document.activeElement);
      if (!el || el === document.body || !el.closest(sel)) return null;
      const lum = (/** @type {string} */ c) => {
        const [r, g, b] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number).map((v) => v / 255)
          .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const style = getComputedStyle(el);
      let bgEl = el.parentElement;
      while (bgEl && getComputedStyle(bgEl).backgroundColor.replace(/\s/g, '').match(/rgba\(0,0,0,0\)|transparent/)) bgEl = bgEl.parentElement;
      const bg = bgEl ? getComputedStyle(bgEl).backgroundColor : 'rgb(255,255,255)';
      const [hi, lo] = [lum(style.outlineColor), lum(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const name = `${el.dataset.testid ?? el.id ?? el.tagName}`;
      const ok = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && ratio >= 3;
      return { name, ok, detail: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor} on ${bg}: ${ratio.toFixed(2)}:1` };
    }, scope);
    if (!seen) break;
    if (visited.has(seen.name + i)) break;
    visited.add(seen.name + i);
    if (!seen.ok) unseen.add(`${seen.name} (${seen.detail})`);
  }
  assert.ok(visited.size >= 2, `Tab reached ${visited.size} controls in ${scope}`);
  return [...unseen];
}

for (const scheme of ['light', 'dark']) {
  test(`focus is visible on every control of every tab (${scheme})`, () => withPage(FULL, async (page) => {
    const unseen = [];
    for (const tab of ['sessions', 'roles', 'sources', 'settings', 'activity']) {
      await page.click(byTestid(`tab-${tab}`));
      await settle(page);
      unseen.push(...(await unseenFocus(page, `#panel-${tab}`, `#panel-${tab}`)).map((u) => `${tab}: ${u}`));
    }
    // The header's tabs, and a long form in a dialog.
    unseen.push(...(await unseenFocus(page, '#panel-activity', '.app-header, .desktop-notice, [role="tabpanel"]', 12)).map((u) => `header: ${u}`));
    await page.click(byTestid('tab-roles'));
    await page.click(byTestid('role-add'));
    await settle(page, 150);
    unseen.push(...(await unseenFocus(page, '#role-form-name', 'dialog[open]', 30)).map((u) => `role dialog: ${u}`));
    assert.deepEqual(unseen, []);
  }, { scheme }));
}
