// Grouping and filtering roles (ui/role-lists.js); the order is the backend's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  splitBySession, roleHaystack, filterTerms, matchesTerms, isVerified, originLabel,
} from '../role-lists.js';

const role = (name, extra = {}) => ({ name, role_arn: `arn:aws:iam::123456789012:role/${name}`, source: 'alice', via: null, favourite: false, session: null, ...extra });
const live = { assumed_role_arn: 'arn:aws:sts::1:assumed-role/x/y', verified_arn: null, expiration: '2026-11-25T09:00:00Z' };

test('roles split into live sessions (active first) and the rest, in the snapshot\'s order', () => {
  const roles = [role('d', { favourite: true }), role('a', { session: live }), role('b'), role('c', { session: live })];
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
