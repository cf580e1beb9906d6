// What the import report offers to take out of ~/.aws (ui/views/import-report.js): the backend's `removable` rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importedSources, removalLabel } from '../views/import-report.js';

const row = (kind, name, removable) => ({ kind, name, outcome: 'added', removable });

test('only the rows the backend marks removable are offered, whatever their outcome says', () => {
  const report = [row('source', 'alice', true), row('role', 'dev', false), row('signin', 'console', true), row('source', 'bob', false)];
  assert.deepEqual(importedSources(report), ['alice', 'console']);
  assert.deepEqual(importedSources(null), []);
});

test('the button names what it takes away: keys, sign-ins or both', () => {
  assert.equal(removalLabel([row('source', 'alice', true)]), 'Remove these keys from ~/.aws/credentials');
  assert.equal(removalLabel([row('signin', 'console', true), row('source', 'alice', false)]), 'Move these AWS CLI sign-ins into the keychain');
  assert.equal(removalLabel([row('signin', 'console', true), row('source', 'alice', true)]), 'Remove these keys and sign-ins from ~/.aws');
});

test('taking keys out of ~/.aws/credentials asks first; moving sign-ins alone does not', async () => {
  const { removesKeys } = await import('../views/import-report.js');
  assert.equal(removesKeys([row('source', 'alice', true)]), true);
  assert.equal(removesKeys([row('signin', 'console', true), row('source', 'alice', false)]), false);
  assert.equal(removesKeys(null), false);
});
