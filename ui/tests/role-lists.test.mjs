// Ordering, grouping and filtering roles; ordering activity (ui/role-lists.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  sortRoles, splitBySession, roleHaystack, filterTerms, matchesTerms, isVerified, originLabel, sortActivity,
} from '../role-lists.js';

const role = (name, extra = {}) => ({ name, role_arn: `arn:aws:iam::123456789012:role/${name}`, source: 'alice', via: null, favourite: false, session: null, ...extra });
const live = { assumed_role_arn: 'arn:aws:sts::1:assumed-role/x/y', verified_arn: null, expiration: '2026-11-25T09:00:00Z' };

test('favourites come first, then names in natural order', () => {
  const sorted = sortRoles([role('b'), role('team-10'), role('z', { favourite: true }), role('team-9'), role('a')]);
  assert.deepEqual(sorted.map((r) => r.name), ['z', 'a', 'b', 'team-9', 'team-10']);
});

test('sorting does not change the snapshot', () => {
  const roles = [role('b'), role('a')];
  sortRoles(roles);
  assert.deepEqual(roles.map((r) => r.name), ['b', 'a']);
});

test('roles split into live sessions (active first) and the rest', () => {
  const roles = [role('a', { session: live }), role('b'), role('c', { session: live }), role('d', { favourite: true })];
  const { live: withSession, idle } = splitBySession(roles, 'c');
  assert.deepEqual(withSession.map((r) => r.name), ['c', 'a']);
  assert.deepEqual(idle.map((r) => r.name), ['d', 'b']);
});

test('the filter matches name, role ARN, assumed-role ARN, case-insensitively, every word', () => {
  const dev = roleHaystack(role('Dev', { session: { ...live, assumed_role_arn: 'arn:aws:sts::123:assumed-role/dev/roletray-me' } }));
  assert.ok(matchesTerms(dev, filterTerms('dev')));
  assert.ok(matchesTerms(dev, filterTerms('  ROLETRAY-me ')));
  assert.ok(matchesTerms(dev, filterTerms('123456789012 dev')));
  assert.ok(!matchesTerms(dev, filterTerms('dev prod')));
  assert.ok(matchesTerms(dev, filterTerms('')));
});

test('a session is verified only when GetCallerIdentity returned the same ARN', () => {
  assert.equal(isVerified({ assumed_role_arn: 'a', verified_arn: 'a' }), true);
  assert.equal(isVerified({ assumed_role_arn: 'a', verified_arn: null }), false);
  assert.equal(isVerified({ assumed_role_arn: 'a', verified_arn: 'b' }), false);
  assert.equal(isVerified(null), false);
});

test('origin reads "from SOURCE" or "via ROLE"', () => {
  assert.equal(originLabel(role('x')), 'from alice');
  assert.equal(originLabel(role('x', { source: null, via: 'dev' })), 'via dev');
});

test('activity lists errors first, then warnings, newest first within each', () => {
  const sorted = sortActivity([
    { at: '2026-11-25T07:00:00Z', level: 'info', code: 'i1' },
    { at: '2026-11-25T07:01:00Z', level: 'error', code: 'e-old' },
    { at: '2026-11-25T07:05:00Z', level: 'warning', code: 'w' },
    { at: '2026-11-25T07:09:00Z', level: 'error', code: 'e-new' },
    { at: '2026-11-25T07:10:00Z', level: 'info', code: 'i2' },
  ]);
  assert.deepEqual(sorted.map((a) => a.code), ['e-new', 'e-old', 'w', 'i2', 'i1']);
});
