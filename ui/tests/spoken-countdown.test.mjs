import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spokenCountdown } from '../format.js';

test('a countdown is spoken in words and whole minutes', () => {
  assert.equal(spokenCountdown(3550), '59 minutes left');
  assert.equal(spokenCountdown(3900), '1 hour 5 minutes left');
  assert.equal(spokenCountdown(7200), '2 hours left');
  assert.equal(spokenCountdown(61), '1 minute left');
  assert.equal(spokenCountdown(40), '40 seconds left');
  assert.equal(spokenCountdown(1), '1 second left');
  assert.equal(spokenCountdown(0), 'expired');
  assert.equal(spokenCountdown(null), 'time left unknown');
});
