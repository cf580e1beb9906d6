// A thousand roles: the lists build only the rows in view (ui/virtual-list.js), and still
// every row is reached with the keyboard, in order, both ways; each row tells its place to
// screen readers; the filter finds rows out of view (an account number with the console's
// dashes) and Enter jumps to the first; the end of a long list can be scrolled to.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPreview, settle, byTestid, showTab } from './browser.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** The focused control's test id and its row's place in its list. */
async function focusedRow(page) {
  return page.evaluate(() => {
    const el = /** @type {HTMLElement} */ (document.activeElement);
    const row = el?.closest('[data-key]');
    return { testid: el?.dataset?.testid ?? null, pos: Number(row?.getAttribute('aria-posinset') ?? 0),
      size: Number(row?.getAttribute('aria-setsize') ?? 0),
      inPage: document.querySelectorAll('#panel-sessions [data-testid="idle-row"]').length };
  });
}

async function withThousand(fn) {
  const page = await openPreview(browser.context, { flags: { roles: '1000' } });
  try {
    await fn(page);
    assert.deepEqual(page.errors, [], 'errors in the page');
  } finally {
    await page.close();
  }
}

test('Tab and Shift+Tab walk a thousand rows in order, with few of them in the page', async () => {
  await withThousand(async (page) => {
    await page.focus(byTestid('sessions-filter'));
    const seen = [];
    for (let i = 0; i < 200 && seen.length < 120; i++) {
      await page.keyboard.press('Tab');
      const f = await focusedRow(page);
      if (f.testid === 'role-assume') seen.push(f);
    }
    assert.equal(seen.length, 120, 'Tab reached 120 Assume buttons');
    seen.forEach((f, i) => assert.equal(f.pos, i + 1, `row ${i + 1} in order`));
    assert.ok(seen.every((f) => f.size > 1000), 'every row tells the size of the whole list');
    assert.ok(Math.max(...seen.map((f) => f.inPage)) < 40, 'only the rows near the view are in the page');
    const back = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Shift+Tab');
      back.push((await focusedRow(page)).pos);
    }
    back.forEach((pos, i) => assert.equal(pos, 119 - i, 'Shift+Tab walks back in order'));
  });
});

test('the filter finds rows out of view by account number, and Enter goes to the first', async () => {
  await withThousand(async (page) => {
    // team-0001's account is 100000007919 (dev/fake-tauri.js): typed as the console shows it.
    await page.fill(byTestid('sessions-filter'), '1000-0000-7919');
    await settle(page);
    const rows = await page.locator('[data-testid="idle-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
    assert.deepEqual(rows, ['team-0001']);
    await page.press(byTestid('sessions-filter'), 'Enter');
    const f = await focusedRow(page);
    assert.equal(f.pos, 1);
    assert.ok(f.testid, 'a button of the first row has the focus');
  });
});

test('the end of the Roles list can be scrolled to, and its last row is there', async () => {
  await withThousand(async (page) => {
    await showTab(page, 'roles');
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => { const p = /** @type {HTMLElement} */ (document.getElementById('panel-roles')); p.scrollTop = p.scrollHeight; });
      await settle(page);
    }
    const last = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('#panel-roles [data-testid="role-row"]')];
      const row = rows[rows.length - 1];
      return { pos: Number(row?.getAttribute('aria-posinset')), size: Number(row?.getAttribute('aria-setsize')), inPage: rows.length };
    });
    assert.equal(last.pos, last.size);
    assert.ok(last.inPage < 40, `${last.inPage} rows in the page`);
  });
});
