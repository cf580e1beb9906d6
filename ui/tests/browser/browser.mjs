// The browser the suites share: Debian's chromium driven by playwright-core (which never
// downloads a browser of its own), a fresh profile per run, and the page helpers over
// dev/preview.html (the real page over the fake backend, ui/dev/fake-tauri.js).
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where scripts/ui-browser-tests.sh serves ui/ (http://127.0.0.1:PORT). */
export const BASE = process.env.ROLETRAY_UI_URL ?? 'http://127.0.0.1:8765';
const CHROMIUM = process.env.ROLETRAY_CHROMIUM ?? '/usr/bin/chromium';

// Quiet and offline: no update checks, sync, QUIC or first-run pages.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts chromium with a profile of its own; `close()` stops it and removes the profile. */
export async function startBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'roletray-ui-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 760, height: 560 },
    reducedMotion: 'reduce',
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens dev/preview.html with `flags` (fake-tauri.js's and preview.js's, e.g. { names: 'long' })
 * and waits until the page has drawn its first snapshot.
 * @param {import('playwright-core').BrowserContext} context
 * @param {{ flags?: Record<string, string>, width?: number, height?: number, scheme?: 'light' | 'dark' }} [options]
 */
export async function openPreview(context, { flags = {}, width = 760, height = 560, scheme = 'light' } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  const query = new URLSearchParams({ delay: '10', ...flags });
  await page.goto(`${BASE}/dev/preview.html?${query}`);
  const kind = flags.page ?? 'main';
  // Drawn, not necessarily visible: a layout that squeezes the header to nothing is for the
  // layout test to report, not a reason to wait.
  const ready = { main: '#active-status-text:not(:text-is("Loading…"))', mfa: '#mfa-code', confirm: '#confirm-question:not(:empty)', palette: '#palette-input' }[kind];
  await page.waitForSelector('html[data-preview-loaded]', { state: 'attached' });
  await page.waitForSelector(ready, { state: 'attached' });
  await page.evaluate(() => document.fonts.ready);
  await settle(page);
  return Object.assign(page, { errors });
}

/** Two animation frames: the layout and the fake backend's answers have landed. */
export async function settle(page, ms = 60) {
  await page.waitForTimeout(ms);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Selects a tab by clicking it. */
export async function showTab(page, name) {
  await page.click(`[data-testid="tab-${name}"]`);
  await settle(page);
}

export const byTestid = (testid) => `[data-testid="${testid}"]`;
