// Sending intents to the backend. `call` rejects with a normalised error;
// `perform` shows that error in the page banner instead. Both apply any Snapshot that comes back.
import { invoke } from './ipc.js';
import { normaliseError } from './errors.js';
import { isSnapshot, setSnapshot } from './state.js';
import { toast } from './notices.js';

let pageBanner = null;

export function setPageBanner(banner) { pageBanner = banner; }

export function showError(error) {
  const e = normaliseError(error);
  if (pageBanner) pageBanner.show(e);
  else console.error(e);
}

export async function call(command, args) {
  let result;
  try {
    result = await invoke(command, args);
  } catch (error) {
    throw normaliseError(error);
  }
  if (isSnapshot(result)) setSnapshot(result);
  else if (result && isSnapshot(result.snapshot)) setSnapshot(result.snapshot);
  return result;
}

/**
 * Calls a command for a button: marks the button busy while it runs (without
 * disabling it, so the keyboard focus stays), toasts `success` (a string, or a
 * function of the result), and shows a failure in the banner. Resolves to the
 * result, or undefined after a failure.
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
    if (error?.code !== 'cancelled') showError(error);
    return undefined;
  } finally {
    if (button) {
      button.removeAttribute('aria-busy');
      if (busyText) button.textContent = label;
    }
  }
}
