// What axe-core does not measure: a text field's edge against what is around it (3:1,
// WCAG 1.4.11) and its placeholder against the field (4.5:1, as text), light and dark, in the
// Sessions filter, Settings and the Add role dialog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPreview, showTab, settle, byTestid } from './browser.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** Runs in the page: each visible text field's edge and placeholder contrast below the bar. */
function weakFields() {
  const rgba = (/** @type {string} */ c) => (c.match(/[\d.]+/g) ?? ['0', '0', '0', '1']).map(Number);
  const lum = (/** @type {number[]} */ [r, g, b]) => [r, g, b].map((v) => v / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (/** @type {number[]} */ a, /** @type {number[]} */ b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  // A colour drawn at `alpha` over `under`.
  const over = (/** @type {number[]} */ c, /** @type {number[]} */ under, alpha = c[3] ?? 1) => c.slice(0, 3).map((v, i) => v * alpha + under[i] * (1 - alpha));
  const backgroundOf = (/** @type {Element | null} */ el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if ((c[3] ?? 1) > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const weak = [];
  for (const el of document.querySelectorAll('input[type="text"], input[type="search"], input[type="password"], input[type="number"], input:not([type]), select')) {
    if (!el.checkVisibility() || el.closest('[inert]')) continue;
    const style = getComputedStyle(el);
    const fill = backgroundOf(el);
    const around = backgroundOf(el.parentElement);
    const edge = over(rgba(style.borderTopColor), fill);
    const edgeRatio = Math.min(ratio(edge, around), ratio(edge, fill));
    if (edgeRatio < 3) weak.push(`${el.id}: edge ${edgeRatio.toFixed(2)}:1`);
    if (el.getAttribute('placeholder')) {
      const ph = getComputedStyle(el, '::placeholder');
      const colour = over(rgba(ph.color), fill, (rgba(ph.color)[3] ?? 1) * Number(ph.opacity));
      const phRatio = ratio(colour, fill);
      if (phRatio < 4.5) weak.push(`${el.id}: placeholder ${phRatio.toFixed(2)}:1`);
    }
  }
  return weak;
}

for (const scheme of ['light', 'dark']) {
  test(`text fields: edge 3:1 and placeholder 4.5:1 (${scheme})`, async () => {
    const page = await openPreview(browser.context, { flags: { names: 'long', extras: '1' }, scheme });
    try {
      const weak = [...await page.evaluate(weakFields)];
      await showTab(page, 'settings');
      weak.push(...await page.evaluate(weakFields));
      await showTab(page, 'roles');
      await page.click(byTestid('role-add'));
      await settle(page, 150);
      weak.push(...await page.evaluate(weakFields));
      assert.deepEqual(weak, []);
    } finally {
      await page.close();
    }
  });
}
