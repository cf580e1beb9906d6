// @ts-check
// Pure error handling: the backend rejects with `{ code, message, field? }`.

/** Any rejection (object, string, Error) as `{ code, message, field }`. */
export function normaliseError(error) {
  if (error && typeof error === 'object' && 'message' in error) {
    return {
      code: error.code ?? 'error',
      message: String(error.message || 'Something went wrong.'),
      field: error.field ?? null,
    };
  }
  if (typeof error === 'string' && error) return { code: 'error', message: error, field: null };
  return { code: 'error', message: 'Something went wrong.', field: null };
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
