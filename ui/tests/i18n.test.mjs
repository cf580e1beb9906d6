// Words and formats (ui/i18n.js): the catalogue's plurals, Intl in the person's locale,
// the short "Used by" list, and how the pseudo-locale is chosen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { t, tParts, useLocale, chooseLocale, summariseNames, formatList, formatNumber, formatDateTime, formatRelative } from '../i18n.js';
import { pseudoString, pseudoCatalogue } from '../i18n/pseudo.js';
import en from '../i18n/en.js';

test('plurals follow Intl.PluralRules and numbers are written the locale\'s way', () => {
  useLocale('en-US');
  assert.equal(t('roles.count', { count: 1 }), '1 role');
  assert.equal(t('roles.count', { count: 5000 }), '5,000 roles');
  assert.equal(t('roles.countFiltered', { shown: 12, count: 5000 }), '12 of 5,000 roles');
  useLocale('de-DE');
  assert.equal(t('roles.count', { count: 5000 }), '5.000 roles');
  assert.equal(formatNumber(1234567), '1.234.567');
  useLocale('en');
});

test('a missing key shows the key, and a missing parameter its placeholder', () => {
  assert.equal(t('no.such.key'), 'no.such.key');
  assert.equal(t('session.renewLabel'), 'Renew {name}');
});

test('"Used by" names two roles and counts the rest', () => {
  useLocale('en-US');
  const names = ['dev', 'audit', ...Array.from({ length: 998 }, (_, i) => `r${i}`)];
  assert.equal(summariseNames(names), 'dev, audit, and 998 more');
  assert.equal(summariseNames(['dev', 'audit', 'ops']), 'dev, audit, and ops');
  assert.equal(summariseNames(['dev']), 'dev');
  useLocale('en-GB');
  assert.equal(summariseNames(names), 'dev, audit and 998 more');
  assert.equal(formatList(['a', 'b']), 'a and b');
  useLocale('en');
});

test('dates and relative times are the locale\'s', () => {
  useLocale('en-GB');
  const at = new Date(2026, 11, 5, 9, 14);
  assert.equal(formatDateTime(at.toISOString()), '5 Dec 2026, 09:14');
  assert.equal(formatDateTime('never'), '');
  assert.equal(formatRelative(-120), '2 minutes ago');
  assert.equal(formatRelative(3600), 'in 1 hour');
  useLocale('en');
});

test('a sentence with an element keeps the element where the translation puts it', () => {
  const link = { tag: 'label' };
  const parts = tParts('sourceForm.addIntro', { pick: link });
  assert.equal(parts.length, 3);
  assert.equal(parts[1], link);
  assert.match(String(parts[0]), /Paste the key below, or $/);
});

test('the pseudo-locale is chosen by ?locale=pseudo or the stored setting, else English', () => {
  assert.equal(chooseLocale({ search: '?locale=pseudo', language: 'fr-FR' }).catalogue, 'pseudo');
  assert.equal(chooseLocale({ search: '?locale=pseudo', language: 'fr-FR' }).intl, 'fr-FR');
  assert.equal(chooseLocale({ search: '', stored: 'pseudo' }).catalogue, 'pseudo');
  assert.equal(chooseLocale({ search: '?roles=10', language: 'de' }).catalogue, 'en');
  assert.equal(chooseLocale({ search: '?locale=pseudo' }).lang, 'en-XA');
});

test('pseudo strings are longer, accented and keep placeholders', () => {
  assert.equal(pseudoString('Renew {name}'), '[Ŕéñéŵ {name} ···]');
  const pseudo = pseudoCatalogue(en);
  useLocale('en', pseudo);
  assert.match(t('roles.count', { count: 3 }), /^\[3 ŕöļéš ·+\]$/);
  useLocale('en');
});

test('a desktop with LANG=C (the web view says "C") formats in English, never throws', () => {
  assert.equal(chooseLocale({ language: 'C' }).intl, 'en');
  assert.equal(chooseLocale({ language: 'POSIX' }).intl, 'en');
  assert.equal(chooseLocale({ language: 'de-DE' }).intl, 'de-DE');
});
