// The palette's keys and how it writes a match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paletteStep, dashedAccount, nameParts, SHELL_KEYS } from '../palette-keys.js';

const key = (k, mods = {}) => paletteStep({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

test('keys move, act and close as the footer says', () => {
  assert.deepEqual(key('ArrowDown'), { kind: 'move', by: 1 });
  assert.deepEqual(key('p', { ctrlKey: true }), { kind: 'move', by: -1 });
  assert.deepEqual(key('Enter'), { kind: 'act', action: 'copy', format: null });
  assert.deepEqual(key('3', { ctrlKey: true }), { kind: 'act', action: 'copy', format: 'powershell' });
  assert.deepEqual(key('L', { ctrlKey: true }), { kind: 'act', action: 'copy_live', format: null });
  assert.deepEqual(key('o', { metaKey: true }), { kind: 'act', action: 'console', format: null });
  assert.deepEqual(key('w', { ctrlKey: true }), { kind: 'act', action: 'write_profile', format: null });
  assert.deepEqual(key('Escape'), { kind: 'close' });
  // Plain letters and digits are typed into the search, not taken.
  assert.deepEqual(key('p'), { kind: 'none' });
  assert.deepEqual(key('3'), { kind: 'none' });
  assert.deepEqual(key('6', { ctrlKey: true }), { kind: 'none' });
  assert.equal(SHELL_KEYS.length, 5);
});

test('accounts read as the console shows them, and matched letters are marked', () => {
  assert.equal(dashedAccount('444455556666'), '4444-5555-6666');
  assert.equal(dashedAccount('4444'), '4444');
  assert.deepEqual(nameParts('prod-admin', [0, 1, 3, 5, 6]), [
    { text: 'pr', matched: true }, { text: 'o', matched: false }, { text: 'd', matched: true },
    { text: '-', matched: false }, { text: 'ad', matched: true }, { text: 'min', matched: false },
  ]);
});
