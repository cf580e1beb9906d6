// The catalogue (ui/i18n/en.js) and the code that reads it: every key the code asks for
// exists, every key is used, the pseudo-locale keeps every placeholder, and the page's
// modules show no English of their own (the pseudo-locale would show it plain).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import en from '../i18n/en.js';
import { pseudoCatalogue } from '../i18n/pseudo.js';

const ui = fileURLToPath(new URL('..', import.meta.url));
/** Every module of the page (not the dev preview, the bench or the tests). */
const modules = [
  ...readdirSync(ui).filter((f) => f.endsWith('.js') && f !== 'bench.js').map((f) => f),
  ...readdirSync(join(ui, 'views')).filter((f) => f.endsWith('.js')).map((f) => `views/${f}`),
];
const source = (file) => readFileSync(join(ui, file), 'utf8');
/** The code without comments (a comment may quote English). */
const code = (file) => source(file).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** Keys asked for with t('…') or t(`…${x}…`) (the latter as a pattern). */
function keysUsed() {
  const literal = new Set();
  const patterns = [];
  for (const file of modules) {
    for (const m of code(file).matchAll(/\b(?:t|tParts)\(\s*(['`])([^'`]+)\1/g)) {
      if (m[1] === '`' && m[2].includes('${')) {
        patterns.push({ file, text: m[2], re: new RegExp(`^${m[2].split(/\$\{[^}]+\}/).map((p) => p.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[\\w.-]+')}$`) });
      } else literal.add(m[2]);
    }
  }
  // The fixed markup's words (data-i18n="KEY", data-i18n-title="KEY", …; i18n-page.js).
  for (const page of ['index.html', 'mfa.html', 'confirm.html', 'palette.html']) {
    for (const m of source(page).matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) literal.add(m[1]);
  }
  return { literal, patterns };
}

test('every catalogue key the code asks for exists', () => {
  const { literal, patterns } = keysUsed();
  assert.ok(literal.size > 100, `only ${literal.size} keys found: is the scan broken?`);
  const missing = [...literal].filter((k) => !Object.hasOwn(en, k));
  assert.deepEqual(missing, []);
  for (const p of patterns) assert.ok(Object.keys(en).some((k) => p.re.test(k)), `${p.file}: no key matches t(\`${p.text}\`)`);
});

test('every catalogue key is used', () => {
  const { literal, patterns } = keysUsed();
  const unused = Object.keys(en).filter((k) => !literal.has(k) && !patterns.some((p) => p.re.test(k)));
  assert.deepEqual(unused, []);
});

test('plural entries have an "other" form, and parameters are {word}s', () => {
  for (const [key, value] of Object.entries(en)) {
    const forms = typeof value === 'string' ? [value] : Object.values(value);
    if (typeof value !== 'string') assert.ok('other' in value, key);
    for (const text of forms) assert.doesNotMatch(text, /\{(?!\w+\})/, `${key}: a lone brace`);
    for (const text of forms) assert.doesNotMatch(text, /`/, `${key}: a backtick (write the command in quotes)`);
  }
});

test('the pseudo-locale changes every string but keeps its placeholders', () => {
  const pseudo = pseudoCatalogue(en);
  for (const [key, value] of Object.entries(en)) {
    const pairs = typeof value === 'string' ? [[value, pseudo[key]]] : Object.keys(value).map((f) => [value[f], pseudo[key][f]]);
    for (const [english, accented] of pairs) {
      assert.notEqual(accented, english, key);
      assert.deepEqual(String(accented).match(/\{\w+\}/g) ?? [], english.match(/\{\w+\}/g) ?? [], key);
      assert.ok(String(accented).length > english.length, key);
    }
  }
});

// English words in a module's own strings: a text child of h(), a label-like property, or
// a textContent. Class names, test ids and selectors are lower-case words without
// sentence punctuation, so they do not match.
const ENGLISH = /[A-Za-z]{2,}/;
const PROPS = /(?:\btitle|\bplaceholder|'aria-label'|\btext|\bbusyText|\bsuccess|\blabel|\bhint|\bmessage|\bconfirmLabel|\bsubmitLabel|\bbusyLabel)\s*:\s*(['`])((?:(?!\1).)*)\1/g;
const CHILD = /,\s*(['`])((?:(?!\1).)*)\1\s*\)/g;
const CONTENT = /\.textContent\s*=\s*(['`])((?:(?!\1).)*)\1/g;

function englishIn(file) {
  const found = [];
  const text = code(file);
  for (const re of [PROPS, CHILD, CONTENT]) {
    for (const m of text.matchAll(re)) {
      const literal = m[2].replace(/\$\{[^}]*\}/g, '');
      // Not words: ids, classes, events, commands, attribute values, CSS selectors.
      if (!ENGLISH.test(literal) || /^[a-z0-9_.:#|\-[\]=" *]+$/.test(literal)) continue;
      found.push(m[0].trim());
    }
  }
  return found;
}

/**
 * Modules whose words are not in the catalogue yet. Each still shows English of its own
 * (checked below), so this list only shrinks.
 */
const NOT_YET_IN_CATALOGUE = new Set([
]);

test('the page\'s modules show no English of their own: their words are in the catalogue', () => {
  const offenders = {};
  for (const file of modules) {
    if (NOT_YET_IN_CATALOGUE.has(file)) continue;
    const found = englishIn(file);
    if (found.length) offenders[file] = found;
  }
  assert.deepEqual(offenders, {});
});

test('the list of modules not yet in the catalogue is up to date', () => {
  for (const file of NOT_YET_IN_CATALOGUE) assert.ok(englishIn(file).length > 0, `${file} has no English of its own any more: take it off the list`);
});
