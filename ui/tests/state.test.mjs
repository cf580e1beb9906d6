// The page's one snapshot (ui/state.js): an older snapshot never replaces a newer one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getSnapshot, setSnapshot, subscribe, isNewer } from '../state.js';

const snap = (revision, activeRole) => ({
  revision, now: '2026-12-01T09:00:00Z', active_role: activeRole, roles: [], sources: [],
});

test('a command\'s answer older than the last event is dropped; equal and newer ones are kept', () => {
  const seen = [];
  const stop = subscribe((s) => seen.push(s.active_role));
  setSnapshot(snap(7, 'dev'));     // the event of change 7
  setSnapshot(snap(6, 'stale'));   // an answer made before change 7, arriving late
  assert.equal(getSnapshot().active_role, 'dev');
  setSnapshot(snap(7, 'same'));    // made after change 7: as new as the event
  setSnapshot(snap(9, 'prod'));
  stop();
  assert.deepEqual(seen, ['dev', 'same', 'prod']);
  assert.equal(getSnapshot().revision, 9);
});

test('snapshots without a revision are taken as they come', () => {
  assert.equal(isNewer({ roles: [] }, snap(3)), true);
  assert.equal(isNewer(snap(1), { roles: [] }), true);
  assert.equal(isNewer(snap(1), null), true);
  assert.equal(isNewer(snap(1), snap(2)), false);
});

test('what is not a snapshot changes nothing', () => {
  const before = getSnapshot();
  setSnapshot({ path: '/home/alice/.aws/credentials' });
  setSnapshot(null);
  assert.equal(getSnapshot(), before);
});
