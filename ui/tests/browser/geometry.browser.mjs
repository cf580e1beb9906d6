// Reflow (WCAG 1.4.10, 1.4.4): every place of the UI at 320, 380, 520, 760 and 1280 CSS px,
// light and dark, with long names: no text over other text, nothing scrolling sideways, no
// text cut without "…" and its whole in the tooltip. 380 px is the 760 px window at 200%
// zoom: zooming in shrinks the CSS viewport, which is what a narrower viewport does here.
// ROLETRAY_UI_LOCALE=pseudo (or any locale the page knows) runs it with that locale's words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPreview, settle } from './browser.mjs';
import { PLACES, goTo } from './places.mjs';
import { layoutProblems } from './layout-problems.mjs';

export const WIDTHS = [
  { width: 320, height: 480, label: '320 px' },
  { width: 380, height: 280, label: '380 px (760 px at 200% zoom)' },
  { width: 520, height: 560, label: '520 px (the window\'s minimum)' },
  { width: 760, height: 560, label: '760 px (the default window)' },
  { width: 1280, height: 800, label: '1280 px' },
];

const locale = process.env.ROLETRAY_UI_LOCALE;
const schemes = locale ? ['light'] : ['light', 'dark'];

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

for (const scheme of schemes) {
  for (const place of PLACES) {
    test(`layout: ${place.name} (${scheme}${locale ? `, locale ${locale}` : ''})`, async () => {
      const flags = locale ? { ...place.flags, locale } : place.flags;
      const sizes = place.window ? [{ ...place.window, label: 'its window size' }, ...WIDTHS] : WIDTHS;
      const found = [];
      // One page per place, resized from size to size (as a person resizes or zooms the
      // window); a place drawn for one size (the menu, placed under its button) is drawn again.
      const [first, ...rest] = sizes;
      const page = await goTo(openPreview, browser.context, { ...place, flags }, { scheme, width: first.width, height: first.height });
      try {
        for (const size of [first, ...rest]) {
          if (size !== first) {
            await page.setViewportSize({ width: size.width, height: size.height });
            await settle(page);
            await place.again?.(page);
          }
          const problems = await page.evaluate(layoutProblems, { window: !!place.window });
          found.push(...problems.map((p) => `${size.label}: ${p}`));
        }
        assert.deepEqual(page.errors, [], 'errors in the page');
      } finally {
        await page.close();
      }
      // Every problem in the message (a diff of long arrays would be cut short).
      assert.equal(found.length, 0, `${found.length} layout problems:\n${found.join('\n')}`);
    });
  }
}
