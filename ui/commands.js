// @ts-check
// Sending intents to the backend. `call` rejects with a normalised error;
// `perform` shows that error in the page banner instead. Both apply any Snapshot that comes back.
import { invoke } from './ipc.js';
import { normaliseError } from './errors.js';
import { isSnapshot, setSnapshot } from './state.js';
import { toast } from './notices.js';

/** @type {{ show: (e: any) => void } | null} */
let pageBanner = null;

/** @param {{ show: (e: any) => void }} banner */
export function setPageBanner(banner) { pageBanner = banner; }

/** @param {unknown} error */
export function showError(error) {
  const e = normaliseError(error);
  if (pageBanner) pageBanner.show(e);
  else console.error(e);
}

/**
 * @template {import('./contract.js').Command} K
 * @param {K} command
 * @param {import('./contract.js').Commands[K][0]} args
 * @returns {Promise<import('./contract.js').Commands[K][1]>}
 */
export async function call(command, args) {
  let result;
  try {
    result = await invoke(command, args);
  } catch (error) {
    throw normaliseError(error);
  }
  const any = /** @type {any} */ (result);
  if (isSnapshot(any)) setSnapshot(any);
  else if (any && isSnapshot(any.snapshot)) setSnapshot(any.snapshot);
  return result;
}

/**
 * Calls a command for a button: marks the button busy while it runs (without
 * disabling it, so the keyboard focus stays), toasts `success` (a string, or a
 * function of the result), and shows a failure in the banner. Resolves to the
 * result, or undefined after a failure.
 * @template {import('./contract.js').Command} K
 * @param {K} command
 * @param {import('./contract.js').Commands[K][0]} args
 * @param {{ button?: HTMLElement, busyText?: string,
 *   success?: string | ((result: import('./contract.js').Commands[K][1]) => string) }} [options]
 * @returns {Promise<import('./contract.js').Commands[K][1] | undefined>}
 */
export async function perform(command, args, { button, busyText, success } = {}) {
  if (button?.getAttribute('aria-busy') === 'true') return undefined;
  const label = button?.textContent;
  if (button) {
    button.setAttribute('aria-busy', 'true');
    if (busyText) button.textContent = busyText;
  }
  try {
    const result = await call(command, args);
    if (success) toast(typeof success === 'function' ? success(result) : success);
    return result;
  } catch (error) {
    // The user dismissed the MFA prompt: nothing went wrong.
    if (/** @type {any} */ (error)?.code !== 'cancelled') showError(error);
    return undefined;
  } finally {
    if (button) {
      button.removeAttribute('aria-busy');
      if (busyText) button.textContent = label ?? '';
    }
  }
}
