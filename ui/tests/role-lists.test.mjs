// Grouping and filtering roles (ui/role-lists.js); the order is the backend's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  splitBySession, roleHaystack, filterTerms, matchesTerms, isVerified, originLabel, dashedAccount,
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

test('expired sessions are a group of their own (active first), not live ones', () => {
  const gone = { ...live, expiration: '2026-11-25T07:00:00Z' };
  const roles = [role('a', { session: gone }), role('b', { session: live }), role('c', { session: gone }), role('d')];
  const isExpired = (s) => s.expiration === gone.expiration;
  const { live: withSession, expired, idle } = splitBySession(roles, 'c', isExpired);
  assert.deepEqual(withSession.map((r) => r.name), ['b']);
  assert.deepEqual(expired.map((r) => r.name), ['c', 'a']);
  assert.deepEqual(idle.map((r) => r.name), ['d']);
  // Without a clock, nothing is expired.
  assert.deepEqual(splitBySession(roles, null).expired, []);
});

test('the filter matches environment labels, sources and the role a role goes via', () => {
  const prod = roleHaystack(role('prod', { environment: 'Production', source: null, via: 'dev' }));
  assert.ok(matchesTerms(prod, filterTerms('production')));
  assert.ok(matchesTerms(prod, filterTerms('prod via dev')) === false);
  assert.ok(matchesTerms(prod, filterTerms('dev')));
  const audit = roleHaystack(role('audit', { source: 'ops' }));
  assert.ok(matchesTerms(audit, filterTerms('ops')));
  assert.ok(!matchesTerms(audit, filterTerms('production')));
});

test('account numbers match with or without the console\'s dashes, or with spaces', () => {
  const prod = roleHaystack(role('prod', { role_arn: 'arn:aws:iam::444455556666:role/admin' }));
  for (const typed of ['444455556666', '4444-5555-6666', '4444 5555 6666', '4444-55', '4444 55', '5555-6666', ' 4444-5555-6666 ']) {
    assert.ok(matchesTerms(prod, filterTerms(typed)), typed);
  }
  assert.ok(!matchesTerms(prod, filterTerms('4444-5555-6667')));
  assert.ok(!matchesTerms(prod, filterTerms('6666 5555 4444')));
  // Words beside the number still count on their own.
  assert.deepEqual(filterTerms('prod 4444 5555 6666'), ['prod', '4444-5555-6666']);
  assert.deepEqual(filterTerms('app-12 reader'), ['app-12', 'reader']);
  assert.equal(dashedAccount('444455556666'), '4444-5555-6666');
  assert.equal(dashedAccount('12345'), '');
});

test('an Identity Center role matches its account id, account name and source', () => {
  const sso = roleHaystack(role('corp/111122223333/Dev', { role_arn: 'arn:aws:iam::111122223333:role/Dev', source: null,
    sso: { account_id: '111122223333', account_name: 'Payments', source: 'corp' } }));
  assert.ok(matchesTerms(sso, filterTerms('payments')));
  assert.ok(matchesTerms(sso, filterTerms('1111-2222-3333')));
  assert.ok(matchesTerms(sso, filterTerms('corp')));
});
