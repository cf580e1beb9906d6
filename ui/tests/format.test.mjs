// Countdowns, clock offsets, durations, masking and messages (ui/format.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clockOffsetMs, secondsUntil, formatCountdown, describeCountdown, countdownLevel, formatDuration,
  formatActivityTime, copiedMessage, profileWrittenMessage, normaliseMfaCode, shellName,
} from '../format.js';
import { useLocale } from '../i18n.js';

test('countdown is m:ss under an hour', () => {
  assert.equal(formatCountdown(3552), '59:12');
  assert.equal(formatCountdown(303), '5:03');
  assert.equal(formatCountdown(59), '0:59');
  assert.equal(formatCountdown(1), '0:01');
});

test('countdown is "h h mm min" from an hour on', () => {
  assert.equal(formatCountdown(3600), '1 h 00 min');
  assert.equal(formatCountdown(3900), '1 h 05 min');
  assert.equal(formatCountdown(43200), '12 h 00 min');
});

test('countdown says expired at zero and below, and a dash when unknown', () => {
  assert.equal(formatCountdown(0), 'expired');
  assert.equal(formatCountdown(-30), 'expired');
  assert.equal(formatCountdown(null), '—');
  assert.equal(formatCountdown(NaN), '—');
});

test('countdown description reads well', () => {
  assert.equal(describeCountdown(3552), '59 min 12 s left');
  assert.equal(describeCountdown(3900), '1 h 5 min left');
  assert.equal(describeCountdown(9), '9 s left');
  assert.equal(describeCountdown(-1), 'expired');
});

test('countdown level turns soon within the warning window and expired at zero', () => {
  assert.equal(countdownLevel(601, 600), 'ok');
  assert.equal(countdownLevel(600, 600), 'soon');
  assert.equal(countdownLevel(1, 600), 'soon');
  assert.equal(countdownLevel(0, 600), 'expired');
  assert.equal(countdownLevel(5, 0), 'ok');
});

test('a skewed local clock does not change the time left', () => {
  // The backend says it is 08:00:00; this machine's clock is 7 minutes behind.
  const local = Date.parse('2026-11-25T07:53:00Z');
  const offset = clockOffsetMs('2026-11-25T08:00:00Z', local);
  assert.equal(offset, 7 * 60 * 1000);
  assert.equal(secondsUntil('2026-11-25T09:00:00Z', offset, local), 3600);
  // 12 seconds later on the local clock, 12 seconds fewer are left.
  assert.equal(secondsUntil('2026-11-25T09:00:00Z', offset, local + 12_000), 3588);
});

test('clock offset and time left survive bad input', () => {
  assert.equal(clockOffsetMs('not a date', 1000), 0);
  assert.equal(secondsUntil('never', 0, 0), null);
});

test('durations are short and human', () => {
  assert.equal(formatDuration(45), '45 s');
  assert.equal(formatDuration(900), '15 min');
  assert.equal(formatDuration(3600), '1 h');
  assert.equal(formatDuration(5400), '1 h 30 min');
  assert.equal(formatDuration(null), '');
});

test('activity times show the time today and the date on other days, in the person\'s format', () => {
  const at = new Date(2026, 10, 25, 7, 59, 2);
  const sameDay = new Date(2026, 10, 25, 8, 0, 0);
  const nextDay = new Date(2026, 10, 26, 8, 0, 0);
  useLocale('en-GB');
  assert.equal(formatActivityTime(at.toISOString(), sameDay.toISOString()), '07:59:02');
  assert.equal(formatActivityTime(at.toISOString(), nextDay.toISOString()), '25 Nov 2026, 07:59');
  useLocale('en-US');
  assert.equal(formatActivityTime(at.toISOString(), sameDay.toISOString()), '7:59:02 AM');
  assert.equal(formatActivityTime('garbage', sameDay.toISOString()), '');
  useLocale('en');
});

test('copy toast names the shell and the clipboard clearing', () => {
  assert.equal(copiedMessage('bash', 0), 'Copied bash export lines');
  assert.equal(copiedMessage('powershell', 60), 'Copied PowerShell export lines · clipboard clears in 1 min');
  assert.equal(copiedMessage('fish', 45), 'Copied fish export lines · clipboard clears in 45 s');
  assert.equal(shellName('dotenv'), 'dotenv');
});

test('profile toast names the file, and on the first write the Settings button that brings the original back', () => {
  assert.equal(profileWrittenMessage('work', { path: '/h/.aws/credentials', backed_up: false }), 'Wrote profile [work] to /h/.aws/credentials');
  const first = profileWrittenMessage('dev', { path: '/h/c', backed_up: true });
  assert.match(first, /^Wrote profile \[dev\] to \/h\/c\. /);
  assert.match(first, /Settings → “Restore the AWS credentials file…”/);
  assert.doesNotMatch(first, /roletray restore-credentials|`/);
});

test('pasted MFA codes lose their spaces', () => {
  assert.equal(normaliseMfaCode(' 123 456 '), '123456');
  assert.equal(normaliseMfaCode(undefined), '');
});
