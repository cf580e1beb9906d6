// @ts-check
// The page's words and formats. `t(key, params)` reads the catalogue (i18n/en.js); numbers,
// lists, dates and relative times go through Intl in the person's locale (navigator.language).
// `?locale=pseudo` in the URL, or localStorage 'roletray.locale' = 'pseudo', selects the
// pseudo-locale (i18n/pseudo.js). No DOM here beyond reading those two, so Node can import it.
import en from './i18n/en.js';
import { pseudoCatalogue } from './i18n/pseudo.js';

/** @typedef {Record<string, string | Record<string, string>>} Catalogue */

/**
 * The translations, by language subtag. A new language is one more file beside en.js
 * with the same keys, and its line here.
 * @type {Record<string, Catalogue>}
 */
const CATALOGUES = { en };

/**
 * Which catalogue and which Intl locale to use.
 * @param {{ search?: string, stored?: string | null, language?: string }} where
 */
export function chooseLocale({ search = '', stored = null, language = 'en' } = {}) {
  const asked = new URLSearchParams(search).get('locale') ?? stored;
  language = intlLanguage(language);
  if (asked === 'pseudo') return { catalogue: 'pseudo', intl: language, lang: 'en-XA' };
  // A language without a catalogue reads English words, in its own formats (dates, numbers).
  const primary = language.split('-')[0].toLowerCase();
  return Object.hasOwn(CATALOGUES, primary)
    ? { catalogue: primary, intl: language, lang: primary }
    : { catalogue: 'en', intl: language, lang: 'en' };
}

/**
 * A language tag Intl accepts: a desktop run with LANG=C or POSIX hands the web view
 * "C", which every Intl constructor refuses (RangeError); those read as English.
 * @param {string} language
 */
export function intlLanguage(language) {
  if (/^(c|posix)([._@-].*)?$/i.test(language)) return 'en';
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

function readStoredLocale() {
  try { return globalThis.localStorage?.getItem('roletray.locale') ?? null; } catch { return null; }
}

const chosen = chooseLocale({
  search: globalThis.location?.search ?? '',
  stored: readStoredLocale(),
  language: globalThis.navigator?.language ?? 'en',
});

/** @type {Catalogue} */
let catalogue = chosen.catalogue === 'pseudo' ? pseudoCatalogue(en) : CATALOGUES[chosen.catalogue] ?? en;
let intlLocale = chosen.intl;
let plurals = new Intl.PluralRules(intlLocale);
let numbers = new Intl.NumberFormat(intlLocale);
/** Intl formatters are slow to make (a row built per call would feel it): one of each, by options. */
let formatters = new Map();
/**
 * @template T
 * @param {string} kind
 * @param {() => T} make
 * @returns {T}
 */
function cached(kind, make) {
  if (!formatters.has(kind)) formatters.set(kind, make());
  return formatters.get(kind);
}

/** The `lang` the page's <html> should carry. */
export const pageLang = chosen.lang;

/**
 * For tests: another Intl locale and catalogue.
 * @param {string} locale
 * @param {Catalogue} [words]
 */
export function useLocale(locale, words = en) {
  intlLocale = locale;
  catalogue = words;
  plurals = new Intl.PluralRules(locale);
  numbers = new Intl.NumberFormat(locale);
  formatters = new Map();
}

/** The catalogue's keys, for the test that every key the code uses exists. */
export function hasKey(key) { return Object.hasOwn(en, key); }

/**
 * The catalogue's text for `key`, with `{param}`s filled in. A plural entry
 * (`{ one, other, … }`) is chosen by `params.count` with Intl.PluralRules.
 * Numbers are written in the locale's way (5,000; 5 000; 5.000).
 * @param {string} key
 * @param {Record<string, unknown>} [params]
 */
export function t(key, params = {}) {
  let entry = catalogue[key];
  if (entry == null) {
    // Visible in the page and in tests, never a crash.
    console.warn(`[i18n] no text for ${key}`);
    return key;
  }
  if (typeof entry !== 'string') {
    const n = Number(params.count ?? 0);
    entry = entry[n === 0 && entry.zero ? 'zero' : plurals.select(n)] ?? entry.other;
  }
  return String(entry).replace(/\{(\w+)\}/g, (whole, name) => {
    const value = params[name];
    if (value == null) return whole;
    return typeof value === 'number' ? numbers.format(value) : String(value);
  });
}

/**
 * Like `t`, for a sentence with an element inside ("… or {link} the console offered …"):
 * the text around it as strings, and the element where its placeholder is, so a
 * translation can move it. Parameters that are not objects are filled in as by `t`.
 * @param {string} key
 * @param {Record<string, unknown>} params
 * @returns {unknown[]}
 */
export function tParts(key, params) {
  const objects = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null && typeof v === 'object'));
  const text = t(key, Object.fromEntries(Object.entries(params).filter(([k]) => !(k in objects))));
  return text.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? objects[part] ?? `{${part}}` : part)).filter((p) => p !== '');
}

/** 5000 → "5,000" in the person's locale. */
export function formatNumber(n) { return numbers.format(n); }

/**
 * ["dev", "audit", "ops"] → "dev, audit, and ops" (or the locale's way of writing a list).
 * @param {string[]} items
 */
export function formatList(items) {
  return cached('list', () => new Intl.ListFormat(intlLocale, { type: 'conjunction' })).format(items);
}

/**
 * A list that stays short: the first `shown` names and "N more".
 * ["dev", "audit", …1,000] → "dev, audit, and 998 more".
 * @param {string[]} names
 */
export function summariseNames(names, shown = 2) {
  if (names.length <= shown + 1) return formatList(names);
  return formatList([...names.slice(0, shown), t('list.more', { count: names.length - shown })]);
}

/**
 * A moment in local time, date and time: "5 Dec 2026, 09:14".
 * @param {string | number | Date} at
 */
export function formatDateTime(at) {
  const date = new Date(at);
  if (!Number.isFinite(date.getTime())) return '';
  return cached('datetime', () => new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeStyle: 'short' })).format(date);
}

/**
 * A time of day in local time, with seconds when asked: "09:14" / "9:14 AM".
 * @param {string | number | Date} at
 */
export function formatTime(at, { seconds = false } = {}) {
  const date = new Date(at);
  if (!Number.isFinite(date.getTime())) return '';
  return cached(seconds ? 'time-s' : 'time', () => new Intl.DateTimeFormat(intlLocale, { timeStyle: seconds ? 'medium' : 'short' })).format(date);
}

/**
 * Seconds from now as the locale says it: -90 → "2 minutes ago", 3600 → "in 1 hour".
 * @param {number} seconds
 */
export function formatRelative(seconds) {
  const rtf = cached('relative', () => new Intl.RelativeTimeFormat(intlLocale, { numeric: 'auto' }));
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(Math.round(seconds), 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}
