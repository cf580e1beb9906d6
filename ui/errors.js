// @ts-check
// Pure error handling: the backend rejects with `{ code, message, field? }`.
import { t, hasKey } from './i18n.js';

/** Any rejection (object, string, Error) as `{ code, message, field }`. */
export function normaliseError(error) {
  if (error && typeof error === 'object' && 'message' in error) {
    return {
      code: error.code ?? 'error',
      message: String(error.message || t('error.unknown')),
      field: error.field ?? null,
    };
  }
  if (typeof error === 'string' && error) return { code: 'error', message: error, field: null };
  return { code: 'error', message: t('error.unknown'), field: null };
}

/**
 * True when an error's `field` names `field`. The backend may qualify it
 * ("role 'x' source"), so this matches whole words, never substrings:
 * "session_name" does not name "name".
 */
export function errorNamesField(errorField, field) {
  if (!errorField || !field) return false;
  return String(errorField).split(/[^A-Za-z0-9_]+/).includes(field);
}

/** The first of `fields` that the error names, or null. */
export function fieldForError(error, fields) {
  if (!error?.field) return null;
  return fields.find((f) => errorNamesField(error.field, f)) ?? null;
}

/**
 * What the page says about an error: a sentence for its stable code (what happened and
 * the next step, from the catalogue's `error.CODE`), and the backend's own words (often
 * AWS's) as details. An unknown code keeps the backend's words as the sentence.
 * A sentence that quotes the message (`{message}`) has no details.
 * @param {{ code?: string, message?: string }} error
 */
export function explainError(error) {
  const message = String(error?.message ?? '');
  const code = error?.code ?? 'error';
  if (!hasKey(`error.${code}`)) return { sentence: message || t('error.unknown'), details: '' };
  const sentence = t(`error.${code}`, { message });
  return { sentence, details: sentence.includes(message) ? '' : message };
}
