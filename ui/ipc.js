// @ts-check
// The only module that touches window.__TAURI__ (Tauri's withGlobalTauri).
// Everything else talks to the backend through these two functions.
import { t } from './i18n.js';

/** @returns {any} */
function tauri() {
  const api = /** @type {any} */ (globalThis).window?.__TAURI__;
  if (!api) throw { code: 'ipc_unavailable', message: t('ipc.unreachable') };
  return api;
}

/**
 * Calls a backend command; the promise rejects with `{ code, message, field? }`.
 * @template {import('./contract.js').Command} K
 * @param {K} command
 * @param {import('./contract.js').Commands[K][0]} args
 * @returns {Promise<import('./contract.js').Commands[K][1]>}
 */
export function invoke(command, args) {
  try {
    return tauri().core.invoke(command, args);
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Listens to a backend event; resolves to an unlisten function.
 * @param {string} event
 * @param {(payload: any) => void} handler
 * @returns {Promise<() => void>}
 */
export function listen(event, handler) {
  try {
    return tauri().event.listen(event, (/** @type {{ payload: any }} */ e) => handler(e.payload));
  } catch (error) {
    return Promise.reject(error);
  }
}
