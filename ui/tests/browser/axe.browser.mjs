// WCAG 2.1 A and AA (axe-core) in every place of the UI, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startBrowser, openPreview } from './browser.mjs';
import { PLACES, goTo } from './places.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** The violations in words: rule, impact, and where. */
function describe(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 6).map((n) =>
    `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join(' ').trim()}`).join('\n')}`).join('\n');
}

for (const scheme of ['light', 'dark']) {
  for (const place of PLACES) {
    test(`axe: ${place.name} (${scheme})`, async () => {
      const page = await goTo(openPreview, browser.context, place, { scheme, ...(place.window ?? {}) });
      try {
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate((tags) => /** @type {any} */ (window).axe.run(document, {
          runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
        }), TAGS);
        assert.equal(result.violations.length, 0, describe(result.violations));
        assert.deepEqual(page.errors, []);
      } finally {
        await page.close();
      }
    });
  }
}
